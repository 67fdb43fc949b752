//! The extractor's view of the template's three tables: rows and columns with their JSON
//! Pointers and labels, built from the generated [`xxgk_model::STANDARD_2021`], and the label
//! fragments that recognise them in published text (template labels and the variants of spec §4).
//!
//! A row is recognised by distinctive fragments of its label rather than the whole label, so
//! wrapped labels (`5.要求行政机关确认或重` / `新出具已获取信息`), typos (`三类内容事务信息`,
//! `其他法律行政止公开`, `谕期`) and glyph noise (`F新收政府`) still match, while no fragment of one
//! row's label matches another row. Each label has a fragment in its first half and one in its
//! second, so either part of a label wrapped over two lines is recognised.

use std::sync::LazyLock;

use xxgk_model::{CellKind, Row, STANDARD_2021, Standard, Table};

/// How a cell's value is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// An integer ≥ 0.
    Count,
    /// An exact non-negative decimal, written as a string (the 万元 fee).
    Decimal,
    /// A signed integer (2019 `本年增/减`).
    Signed,
    /// A figure kept as published, unit included (2019 `采购总金额`, which has no fixed unit).
    Published,
}

/// A column of a row: the last JSON Pointer segment, the Chinese header, the value kind and the
/// unit of its cells (`万元`; empty where the template fixes none).
#[derive(Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
    pub unit: &'static str,
}

/// A table row: the JSON Pointer of its object, its Chinese label and its columns.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowSpec {
    pub path: &'static str,
    pub label: &'static str,
    pub columns: &'static [Column],
}

/// The 2021 Standard's table numbered `number` (表二, 表三, 表四); empty if codegen dropped it,
/// which the tests below rule out.
fn table(number: &str) -> &'static [Row] {
    table_of(&STANDARD_2021, number)
}

/// An edition's table numbered `number`, its rows in template order.
pub(crate) fn table_of(standard: &'static Standard, number: &str) -> &'static [Row] {
    standard
        .tables
        .iter()
        .find(|t| t.number == number)
        .map_or(&[], |t: &Table| t.rows)
}

/// The columns of one row of a 2021 Standard table, in column order, typed by their cells.
fn row_columns(number: &str, row: &Row) -> Vec<Column> {
    row_columns_of(&STANDARD_2021, number, row)
}

/// The columns of one row of an edition's table, in column order, typed by their cells.
pub(crate) fn row_columns_of(standard: &'static Standard, number: &str, row: &Row) -> Vec<Column> {
    let Some(table) = standard.tables.iter().find(|t| t.number == number) else {
        return Vec::new();
    };
    row.cells
        .iter()
        .filter_map(|rc| {
            let column = table.columns.get(rc.column)?;
            let cell = standard.cells.get(rc.cell)?;
            Some(Column {
                name: column.key,
                label: column.header,
                kind: match cell.kind {
                    CellKind::Count => ValueKind::Count,
                    CellKind::Decimal => ValueKind::Decimal,
                    CellKind::Signed => ValueKind::Signed,
                    CellKind::Published => ValueKind::Published,
                },
                unit: cell.unit,
            })
        })
        .collect()
}

/// The last segment of a pointer: the property name of a row.
pub(crate) fn key_of(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

/// The columns of the first row of a table (表三 and 表四 rows all have the same).
fn first_row_columns(number: &str) -> Vec<Column> {
    table(number)
        .first()
        .map_or_else(Vec::new, |row| row_columns(number, row))
}

/// The seven applicant columns of 表三.
pub(crate) static APPLICANT_COLUMNS: LazyLock<Vec<Column>> =
    LazyLock::new(|| first_row_columns("表三"));

/// The five outcome columns of each 表四 group.
pub(crate) static OUTCOME_COLUMNS: LazyLock<Vec<Column>> =
    LazyLock::new(|| first_row_columns("表四"));

/// The labels the extractor prints for the 表四 rows: the header printed above a row and the
/// row's label (`行政诉讼 › 复议后起诉`).
static REVIEW_LABELS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    table("表四")
        .iter()
        .map(|row| {
            let label = match row.header {
                Some(header) => format!("{header} › {}", row.name),
                None => row.name.to_owned(),
            };
            (row.pointer, label)
        })
        .collect()
});

/// The three groups of 表四 in template order.
pub(crate) static REVIEW_GROUPS: LazyLock<Vec<RowSpec>> = LazyLock::new(|| {
    REVIEW_LABELS
        .iter()
        .map(|(path, label)| RowSpec {
            path,
            label,
            columns: &OUTCOME_COLUMNS,
        })
        .collect()
});

/// A row of 表二 (either edition).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ActiveRow {
    Regulations,
    NormativeDocuments,
    Licensing,
    OtherServices,
    Penalty,
    Coercion,
    Fees,
    Procurement,
}

/// The rows of 表二 in the order of both editions' templates (each edition has some of them).
pub(crate) const ACTIVE_ORDER: [ActiveRow; 8] = [
    ActiveRow::Regulations,
    ActiveRow::NormativeDocuments,
    ActiveRow::Licensing,
    ActiveRow::OtherServices,
    ActiveRow::Penalty,
    ActiveRow::Coercion,
    ActiveRow::Fees,
    ActiveRow::Procurement,
];

impl ActiveRow {
    /// The row whose object has this property name in either edition's Standard.
    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "regulations" => Self::Regulations,
            "normative_documents" => Self::NormativeDocuments,
            "licensing" => Self::Licensing,
            "other_services" => Self::OtherServices,
            "penalty" => Self::Penalty,
            "coercion" => Self::Coercion,
            "fees" => Self::Fees,
            "procurement" => Self::Procurement,
            _ => return None,
        })
    }
}

/// Recognises a 表二 row label (one cell's compact text).
pub(crate) fn recognise_active(compact: &str) -> Option<ActiveRow> {
    let body = strip_numbering(compact);
    if body.contains("规范性文件") {
        Some(ActiveRow::NormativeDocuments)
    } else if body.contains("规章") && body.chars().count() <= 4 {
        Some(ActiveRow::Regulations)
    } else if body.contains("行政许可") {
        Some(ActiveRow::Licensing)
    } else if body.contains("对外管理服务") || body.contains("其他对外") {
        Some(ActiveRow::OtherServices)
    } else if body.contains("行政处罚") {
        Some(ActiveRow::Penalty)
    } else if body.contains("行政强制") {
        Some(ActiveRow::Coercion)
    } else if body.contains("事业性收费") || body.contains("行政事业性") {
        Some(ActiveRow::Fees)
    } else if body.contains("集中采购") {
        Some(ActiveRow::Procurement)
    } else {
        None
    }
}

/// The rows of 表二 in the 2021 template, in order, with their pointers, labels and columns.
static ACTIVE_2021: LazyLock<Vec<(ActiveRow, &'static Row, Vec<Column>)>> = LazyLock::new(|| {
    table("表二")
        .iter()
        .filter_map(|row| {
            let active = ActiveRow::from_key(key_of(row.pointer))?;
            Some((active, row, row_columns("表二", row)))
        })
        .collect()
});

/// 表二 of the 2021 format.
pub(crate) fn active_2021(row: ActiveRow) -> Option<RowSpec> {
    ACTIVE_2021
        .iter()
        .find(|(r, _, _)| *r == row)
        .map(|(_, template, columns)| RowSpec {
            path: template.pointer,
            label: template.name,
            columns,
        })
}

/// Header words that only the 2019 表二 has.
pub(crate) const EDITION_2019_MARKERS: &[&str] = &[
    "新制作",
    "新公开数量",
    "对外公开总数",
    "上一年项目",
    "增/减",
    "增减",
    "集中采购",
    "对外管理服务",
];
/// Header words that only the 2021 表二 has.
pub(crate) const EDITION_2021_MARKERS: &[&str] = &["制发件数", "废止件数", "现行有效"];

/// A row of 表三. `OtherMerged` is the single （六）其他处理 row of the 2019 format, which some
/// 2021-format reports keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum AppRow {
    NewReceived,
    CarriedOver,
    Granted,
    PartiallyGranted,
    StateSecret,
    ProhibitedByLaw,
    SecurityStability,
    ThirdPartyRights,
    InternalAffairs,
    ProcessInformation,
    EnforcementCaseFile,
    AdministrativeInquiry,
    NotHeld,
    NeedsCreation,
    StillUnclear,
    PetitionComplaint,
    Duplicate,
    Publication,
    ExcessiveRepeat,
    ConfirmOrReissue,
    NoCorrection,
    FeeUnpaid,
    OtherOther,
    Total,
    CarriedForward,
    OtherMerged,
}

impl AppRow {
    /// The row whose object has this property name in the Standard (2021 rows only: the 2019
    /// `OtherMerged` is the （六） group's object).
    fn from_key(key: &str) -> Option<Self> {
        Some(match key {
            "new_received" => Self::NewReceived,
            "carried_over" => Self::CarriedOver,
            "granted" => Self::Granted,
            "partially_granted" => Self::PartiallyGranted,
            "state_secret" => Self::StateSecret,
            "prohibited_by_law" => Self::ProhibitedByLaw,
            "security_stability" => Self::SecurityStability,
            "third_party_rights" => Self::ThirdPartyRights,
            "internal_affairs" => Self::InternalAffairs,
            "process_information" => Self::ProcessInformation,
            "enforcement_case_file" => Self::EnforcementCaseFile,
            "administrative_inquiry" => Self::AdministrativeInquiry,
            "not_held" => Self::NotHeld,
            "needs_creation" => Self::NeedsCreation,
            "still_unclear" => Self::StillUnclear,
            "petition_complaint" => Self::PetitionComplaint,
            "duplicate" => Self::Duplicate,
            "publication" => Self::Publication,
            "excessive_repeat" => Self::ExcessiveRepeat,
            "confirm_or_reissue" => Self::ConfirmOrReissue,
            "no_correction" => Self::NoCorrection,
            "fee_unpaid" => Self::FeeUnpaid,
            "other" => Self::OtherOther,
            "total" => Self::Total,
            "carried_forward" => Self::CarriedForward,
            _ => return None,
        })
    }
}

/// The label the extractor prints for a 表三 row: its innermost group's label and its name
/// (`（三）不予公开 › 1.属于国家秘密`), the name cut at its first `、` after the ordinal, which
/// drops the clause the two long （六） rows share (`…逾期不补正、行政机关不再处理…`).
fn app_label(row: &Row) -> String {
    let body = row.name.strip_prefix(row.short_label).unwrap_or(row.name);
    let body = body.split('、').next().unwrap_or(body);
    let name = format!("{}{body}", row.short_label);
    match row.groups.last() {
        Some(group) => format!("{} › {name}", group.label),
        None => name,
    }
}

/// The 表三 rows of the template with their built labels.
static APP_TABLE: LazyLock<Vec<(AppRow, &'static str, String)>> = LazyLock::new(|| {
    table("表三")
        .iter()
        .filter_map(|row| {
            Some((
                AppRow::from_key(key_of(row.pointer))?,
                row.pointer,
                app_label(row),
            ))
        })
        .collect()
});

/// The 25 rows of 表三 in template order: row, pointer of the row object, label.
pub(crate) static APP_ROWS: LazyLock<Vec<(AppRow, &'static str, &'static str)>> =
    LazyLock::new(|| {
        APP_TABLE
            .iter()
            .map(|(row, path, label)| (*row, *path, label.as_str()))
            .collect()
    });

/// The pointer of a 2021 表三 row's object, from the Standard (`None` for the 2019 merged row).
pub(crate) fn app_path(row: AppRow) -> Option<&'static str> {
    APP_ROWS
        .iter()
        .find(|(r, _, _)| *r == row)
        .map(|(_, path, _)| *path)
}

/// The single （六）其他处理 row of the 2019 structure: the 2021 （六） group's object, labelled
/// with its outer group (`三、本年度办理结果 › （六）其他处理`).
static OTHER_MERGED: LazyLock<(&'static str, String)> = LazyLock::new(|| {
    let groups = table("表三")
        .iter()
        .find(|row| AppRow::from_key(key_of(row.pointer)) == Some(AppRow::NoCorrection))
        .map_or(&[][..], |row| row.groups);
    let labels: Vec<&str> = groups.iter().map(|g| g.label).collect();
    (groups.last().map_or("", |g| g.pointer), labels.join(" › "))
});

/// The cells of a 表三 row of the 2021 template: its pointer, label and seven columns.
pub(crate) fn app_row_spec(row: AppRow) -> Option<RowSpec> {
    APP_ROWS
        .iter()
        .find(|(r, _, _)| *r == row)
        .map(|(_, path, label)| RowSpec {
            path,
            label,
            columns: &APPLICANT_COLUMNS,
        })
}

/// The single （六） row in the 2019 structure (2019 tables only).
pub(crate) fn other_merged() -> RowSpec {
    RowSpec {
        path: OTHER_MERGED.0,
        label: &OTHER_MERGED.1,
        columns: &APPLICANT_COLUMNS,
    }
}

/// The result rows (三、本年度办理结果 › （一）–（六）) whose sum is （七）总计, in the 2021 format.
pub(crate) const RESULT_LEAVES: &[AppRow] = &[
    AppRow::Granted,
    AppRow::PartiallyGranted,
    AppRow::StateSecret,
    AppRow::ProhibitedByLaw,
    AppRow::SecurityStability,
    AppRow::ThirdPartyRights,
    AppRow::InternalAffairs,
    AppRow::ProcessInformation,
    AppRow::EnforcementCaseFile,
    AppRow::AdministrativeInquiry,
    AppRow::NotHeld,
    AppRow::NeedsCreation,
    AppRow::StillUnclear,
    AppRow::PetitionComplaint,
    AppRow::Duplicate,
    AppRow::Publication,
    AppRow::ExcessiveRepeat,
    AppRow::ConfirmOrReissue,
    AppRow::NoCorrection,
    AppRow::FeeUnpaid,
    AppRow::OtherOther,
];

/// Label fragments of the 表三 rows, most specific first.
const APP_KEYS: &[(AppRow, &[&str])] = &[
    (AppRow::NewReceived, &["新收"]),
    (AppRow::CarriedOver, &["上年结转", "结转政府"]),
    (
        AppRow::CarriedForward,
        &["结转下年", "下年度继续", "继续办理"],
    ),
    (AppRow::Granted, &["予以公开"]),
    (
        AppRow::PartiallyGranted,
        &["部分公开", "分公开", "区分处理"],
    ),
    (AppRow::StateSecret, &["国家秘密"]),
    (
        AppRow::ProhibitedByLaw,
        &["其他法律", "法规禁止", "禁止公开"],
    ),
    (AppRow::SecurityStability, &["三安全", "一稳定"]),
    (AppRow::ThirdPartyRights, &["第三方", "保护第三"]),
    (AppRow::InternalAffairs, &["内部事务", "内容事务", "三类内"]),
    (AppRow::ProcessInformation, &["过程性", "四类过"]),
    (AppRow::EnforcementCaseFile, &["执法案卷", "行政执法"]),
    (AppRow::AdministrativeInquiry, &["行政查询", "查询事项"]),
    (AppRow::NotHeld, &["不掌握", "本机关不"]),
    (AppRow::NeedsCreation, &["现成信息", "没有现成", "另行制作"]),
    (AppRow::StillUnclear, &["补正后", "仍不明确"]),
    (AppRow::PetitionComplaint, &["信访", "举报投诉"]),
    (AppRow::Duplicate, &["重复申请"]),
    (AppRow::Publication, &["出版物", "要求提供"]),
    (
        AppRow::ExcessiveRepeat,
        &["大量反复", "反复申请", "理由大量"],
    ),
    (
        AppRow::ConfirmOrReissue,
        &["重新出具", "确认或重新", "已获取信息", "行政机关确认"],
    ),
    (
        AppRow::NoCorrection,
        &["逾期不补正", "谕期不补正", "不补正", "无正当理由逾期"],
    ),
    (
        AppRow::FeeUnpaid,
        &["收费通知", "缴纳费用", "缴费", "交费", "未缴"],
    ),
    (
        AppRow::Total,
        &["(七)总计", "(七)总记", "七)总计", "七)总记"],
    ),
];

/// The keys of [`APP_KEYS`] by first character: (priority, key, row).
type KeyIndex = std::collections::HashMap<char, Vec<(usize, &'static str, AppRow)>>;

fn key_index() -> &'static KeyIndex {
    static INDEX: std::sync::OnceLock<KeyIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = KeyIndex::new();
        for (priority, (row, keys)) in APP_KEYS.iter().enumerate() {
            for key in *keys {
                if let Some(first) = key.chars().next() {
                    index.entry(first).or_default().push((priority, key, *row));
                }
            }
        }
        index
    })
}

/// The first row of [`APP_KEYS`] (in its order) that has a key inside `compact`; one pass over
/// the text instead of a search per key.
fn first_keyed_row(compact: &str) -> Option<AppRow> {
    let index = key_index();
    let mut best: Option<(usize, AppRow)> = None;
    for (at, c) in compact.char_indices() {
        let Some(keys) = index.get(&c) else {
            continue;
        };
        let rest = compact.get(at..).unwrap_or_default();
        for (priority, key, row) in keys {
            if best.is_none_or(|(p, _)| *priority < p) && rest.starts_with(key) {
                best = Some((*priority, *row));
            }
        }
    }
    best.map(|(_, row)| row)
}

/// Strips leading numbering: `3.`, `3、`, `(3)`, `(三)`, `三、`.
pub(crate) fn strip_numbering(compact: &str) -> &str {
    let mut rest = compact;
    loop {
        let before = rest;
        if let Some(r) = rest.strip_prefix('(')
            && let Some(close) = r.find(')')
            && close <= 6
        {
            rest = r.get(close + 1..).unwrap_or_default();
        }
        let numeral_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
            .map_or(rest.len(), |(i, _)| i);
        if numeral_end > 0
            && let Some(r) = rest
                .get(numeral_end..)
                .and_then(|r| r.strip_prefix(['.', '、']))
        {
            rest = r;
        }
        if rest.len() == before.len() {
            return rest;
        }
    }
}

/// Recognises the 表三 row of one label cell (its compact text). `previous` is the last row
/// recognised, which tells a bare `其他` or `总计` cell (rows （六）3 and （七）) from a header.
pub(crate) fn recognise_application_cell(
    compact: &str,
    previous: Option<AppRow>,
) -> Option<AppRow> {
    if let Some(row) = first_keyed_row(compact) {
        return Some(row);
    }
    let body = strip_numbering(compact);
    let numbered_three = compact.starts_with('3') || compact.starts_with("(3)");
    let after_other = matches!(previous, Some(AppRow::NoCorrection | AppRow::FeeUnpaid));
    // A bare `其他` after （六）1 or 2, or `3.其他`; never the torn group label `(六)其他`.
    if body == "其他" && (numbered_three || (after_other && compact == "其他")) {
        return Some(AppRow::OtherOther);
    }
    let after_results =
        previous.is_some_and(|p| RESULT_LEAVES.contains(&p) || p == AppRow::OtherMerged);
    if matches!(body, "总计" | "总记" | "合计") && (after_results || compact.starts_with("(七)"))
    {
        return Some(AppRow::Total);
    }
    // The group label of the three （六） rows names the single 2019-style row only where no （六）
    // row is open: pdftotext prints a group label beside the numbers of the middle row it spans.
    let inside_other_group = matches!(
        previous,
        Some(AppRow::NoCorrection | AppRow::FeeUnpaid | AppRow::OtherOther)
    );
    if !inside_other_group
        && (body.starts_with("其他处理")
            || compact.contains("(六)其他处理")
            || compact.contains("六)其他处理"))
    {
        return Some(AppRow::OtherMerged);
    }
    None
}

/// The 表四 group a label names, for reports that print 表四 as three rows of five.
pub(crate) fn recognise_review_group(compact: &str) -> Option<usize> {
    if compact.contains("复议后起诉") || compact.contains("复议后") {
        Some(2)
    } else if compact.contains("直接起诉") || compact.contains("未经复议") {
        Some(1)
    } else if compact.contains("行政复议") && !compact.contains("诉讼") {
        Some(0)
    } else {
        None
    }
}

/// Every canonical cell of the 2021 format: pointer and Chinese table path, from the
/// Standard's cells (document order, so each row's cells are contiguous).
pub(crate) fn cells_2021() -> &'static [(String, String)] {
    static CELLS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
        STANDARD_2021
            .cells
            .iter()
            .map(|c| (c.pointer.to_owned(), c.label_path()))
            .collect()
    });
    &CELLS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_read_whole() {
        assert_eq!(APP_ROWS.len(), 25);
        assert_eq!(APPLICANT_COLUMNS.len(), 7);
        assert_eq!(OUTCOME_COLUMNS.len(), 5);
        assert_eq!(REVIEW_GROUPS.len(), 3);
        assert_eq!(ACTIVE_2021.len(), 6);
        assert_eq!(other_merged().path, "/applications/results/other");
        assert_eq!(other_merged().label, "三、本年度办理结果 › （六）其他处理");
        let label = |row: AppRow| APP_ROWS.iter().find(|(r, _, _)| *r == row).map(|r| r.2);
        // The shortened labels of provenance and problem text, as the Standard builds them.
        assert_eq!(
            label(AppRow::NoCorrection),
            Some("（六）其他处理 › 1.申请人无正当理由逾期不补正")
        );
        assert_eq!(
            label(AppRow::Total),
            Some("三、本年度办理结果 › （七）总计")
        );
        assert_eq!(
            label(AppRow::PartiallyGranted),
            Some("三、本年度办理结果 › （二）部分公开")
        );
        assert_eq!(REVIEW_GROUPS[1].label, "行政诉讼 › 未经复议直接起诉");
        let fees = active_2021(ActiveRow::Fees)
            .map(|s| s.columns.iter().map(|c| c.kind).collect::<Vec<_>>());
        assert_eq!(fees, Some(vec![ValueKind::Decimal]));
        assert!(active_2021(ActiveRow::Procurement).is_none());
    }

    #[test]
    fn two_hundred_cells() {
        assert_eq!(cells_2021().len(), 200);
    }

    #[test]
    fn recognises_variants() {
        let r = |s: &str| recognise_application_cell(s, None);
        assert_eq!(r("5.属于三类内容事务信息"), Some(AppRow::InternalAffairs));
        assert_eq!(r("2.其他法律行政止公开"), Some(AppRow::ProhibitedByLaw));
        assert_eq!(r("一、本年F新收政府"), Some(AppRow::NewReceived));
        assert_eq!(r("12申请人谕期未按收费通知要求缴"), Some(AppRow::FeeUnpaid));
        assert_eq!(r("(七)总记"), Some(AppRow::Total));
        assert_eq!(r("2.逾期未缴费"), Some(AppRow::FeeUnpaid));
        assert_eq!(r("2.法律法规禁止"), Some(AppRow::ProhibitedByLaw));
        assert_eq!(r("4.第三方合法权益"), Some(AppRow::ThirdPartyRights));
        assert_eq!(r("2.需另行制作"), Some(AppRow::NeedsCreation));
        assert_eq!(r("3.其他"), Some(AppRow::OtherOther));
        assert_eq!(r("其他"), None);
        assert_eq!(
            recognise_application_cell("(六)其他", Some(AppRow::NoCorrection)),
            None
        );
        assert_eq!(
            recognise_application_cell("其他", Some(AppRow::NoCorrection)),
            Some(AppRow::OtherOther)
        );
        assert_eq!(r("法人或其他组织"), None);
        assert_eq!(r("(六)其他处理"), Some(AppRow::OtherMerged));
        assert_eq!(
            r("四、结转专下年度继续续办理"),
            Some(AppRow::CarriedForward)
        );
        assert_eq!(
            recognise_application_cell("总计", Some(AppRow::OtherOther)),
            Some(AppRow::Total)
        );
        assert_eq!(
            recognise_active("行政规范性文件"),
            Some(ActiveRow::NormativeDocuments)
        );
        assert_eq!(recognise_active("规章"), Some(ActiveRow::Regulations));
        assert_eq!(strip_numbering("(三)3.其他"), "其他");
    }
}

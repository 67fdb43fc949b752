//! The rows and columns of the three tables, with their JSON Pointers and the label keys that
//! recognise them in published text (template labels and the variants of spec §4).
//!
//! A row is recognised by distinctive fragments of its label rather than the whole label, so
//! wrapped labels (`5.要求行政机关确认或重` / `新出具已获取信息`), typos (`三类内容事务信息`,
//! `其他法律行政止公开`, `谕期`) and glyph noise (`F新收政府`) still match, while no fragment of one
//! row's label matches another row. Each label has a fragment in its first half and one in its
//! second, so either part of a label wrapped over two lines is recognised.

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

/// A column of a row: the last JSON Pointer segment, the Chinese header and the value kind.
#[derive(Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
}

/// A table row: the JSON Pointer of its object, its Chinese label and its columns.
#[derive(Debug)]
pub(crate) struct RowSpec {
    pub path: &'static str,
    pub label: &'static str,
    pub columns: &'static [Column],
}

const fn count(name: &'static str, label: &'static str) -> Column {
    Column {
        name,
        label,
        kind: ValueKind::Count,
    }
}

/// The seven applicant columns of 表三.
pub(crate) const APPLICANT_COLUMNS: &[Column] = &[
    count("natural_person", "自然人"),
    count("commercial_enterprise", "商业企业"),
    count("research_institution", "科研机构"),
    count("social_welfare_org", "社会公益组织"),
    count("legal_service_org", "法律服务机构"),
    count("other_org", "其他"),
    count("total", "总计"),
];

/// The five outcome columns of each 表四 group.
pub(crate) const OUTCOME_COLUMNS: &[Column] = &[
    count("upheld", "结果维持"),
    count("corrected", "结果纠正"),
    count("other", "其他结果"),
    count("pending", "尚未审结"),
    count("total", "总计"),
];

/// The three groups of 表四 in template order.
pub(crate) const REVIEW_GROUPS: &[RowSpec] = &[
    RowSpec {
        path: "/review_litigation/review",
        label: "行政复议",
        columns: OUTCOME_COLUMNS,
    },
    RowSpec {
        path: "/review_litigation/litigation_direct",
        label: "行政诉讼 › 未经复议直接起诉",
        columns: OUTCOME_COLUMNS,
    },
    RowSpec {
        path: "/review_litigation/litigation_after_review",
        label: "行政诉讼 › 复议后起诉",
        columns: OUTCOME_COLUMNS,
    },
];

const DOCUMENT_COLUMNS: &[Column] = &[
    count("issued", "本年制发件数"),
    count("repealed", "本年废止件数"),
    count("in_force", "现行有效件数"),
];
const DECISION_COLUMNS: &[Column] = &[count("decisions", "本年处理决定数量")];
const FEE_COLUMNS: &[Column] = &[Column {
    name: "amount_wan_yuan",
    label: "本年收费金额（单位：万元）",
    kind: ValueKind::Decimal,
}];

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

/// 表二 of the 2021 format.
pub(crate) fn active_2021(row: ActiveRow) -> Option<RowSpec> {
    let (path, label, columns) = match row {
        ActiveRow::Regulations => ("/active_disclosure/regulations", "规章", DOCUMENT_COLUMNS),
        ActiveRow::NormativeDocuments => (
            "/active_disclosure/normative_documents",
            "行政规范性文件",
            DOCUMENT_COLUMNS,
        ),
        ActiveRow::Licensing => ("/active_disclosure/licensing", "行政许可", DECISION_COLUMNS),
        ActiveRow::Penalty => ("/active_disclosure/penalty", "行政处罚", DECISION_COLUMNS),
        ActiveRow::Coercion => ("/active_disclosure/coercion", "行政强制", DECISION_COLUMNS),
        ActiveRow::Fees => ("/active_disclosure/fees", "行政事业性收费", FEE_COLUMNS),
        ActiveRow::OtherServices | ActiveRow::Procurement => return None,
    };
    Some(RowSpec {
        path,
        label,
        columns,
    })
}

/// The rows of 表二 in the 2021 template, in order.
pub(crate) const ACTIVE_2021_ROWS: &[ActiveRow] = &[
    ActiveRow::Regulations,
    ActiveRow::NormativeDocuments,
    ActiveRow::Licensing,
    ActiveRow::Penalty,
    ActiveRow::Coercion,
    ActiveRow::Fees,
];

const DOCUMENT_COLUMNS_2019: &[Column] = &[
    count("newly_made", "本年新制作数量"),
    count("newly_published", "本年新公开数量"),
    count("total_published", "对外公开总数量"),
];
const ITEM_COLUMNS_2019: &[Column] = &[
    count("previous_year_items", "上一年项目数量"),
    Column {
        name: "change",
        label: "本年增/减",
        kind: ValueKind::Signed,
    },
    count("decisions", "处理决定数量"),
];
const FEE_COLUMNS_2019: &[Column] = &[
    count("previous_year_items", "上一年项目数量"),
    Column {
        name: "change",
        label: "本年增/减",
        kind: ValueKind::Signed,
    },
];
const PROCUREMENT_COLUMNS_2019: &[Column] = &[
    count("items", "采购项目数量"),
    Column {
        name: "total_amount",
        label: "采购总金额",
        kind: ValueKind::Published,
    },
];

/// 表二 of the 2019 format (国办公开办函〔2019〕60号); pointers into the 2019 structure.
pub(crate) fn active_2019(row: ActiveRow) -> RowSpec {
    let (path, label, columns) = match row {
        ActiveRow::Regulations => (
            "/active_disclosure/regulations",
            "规章",
            DOCUMENT_COLUMNS_2019,
        ),
        ActiveRow::NormativeDocuments => (
            "/active_disclosure/normative_documents",
            "规范性文件",
            DOCUMENT_COLUMNS_2019,
        ),
        ActiveRow::Licensing => (
            "/active_disclosure/licensing",
            "行政许可",
            ITEM_COLUMNS_2019,
        ),
        ActiveRow::OtherServices => (
            "/active_disclosure/other_services",
            "其他对外管理服务事项",
            ITEM_COLUMNS_2019,
        ),
        ActiveRow::Penalty => ("/active_disclosure/penalty", "行政处罚", ITEM_COLUMNS_2019),
        ActiveRow::Coercion => ("/active_disclosure/coercion", "行政强制", ITEM_COLUMNS_2019),
        ActiveRow::Fees => (
            "/active_disclosure/fees",
            "行政事业性收费",
            FEE_COLUMNS_2019,
        ),
        ActiveRow::Procurement => (
            "/active_disclosure/procurement",
            "政府集中采购",
            PROCUREMENT_COLUMNS_2019,
        ),
    };
    RowSpec {
        path,
        label,
        columns,
    }
}

/// The rows of 表二 in the 2019 template, in order.
pub(crate) const ACTIVE_2019_ROWS: &[ActiveRow] = &[
    ActiveRow::Regulations,
    ActiveRow::NormativeDocuments,
    ActiveRow::Licensing,
    ActiveRow::OtherServices,
    ActiveRow::Penalty,
    ActiveRow::Coercion,
    ActiveRow::Fees,
    ActiveRow::Procurement,
];

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

/// The 25 rows of 表三 in template order: row, pointer of the row object, template label.
pub(crate) const APP_ROWS: &[(AppRow, &str, &str)] = &[
    (
        AppRow::NewReceived,
        "/applications/new_received",
        "一、本年新收政府信息公开申请数量",
    ),
    (
        AppRow::CarriedOver,
        "/applications/carried_over",
        "二、上年结转政府信息公开申请数量",
    ),
    (
        AppRow::Granted,
        "/applications/results/granted",
        "三、本年度办理结果 › （一）予以公开",
    ),
    (
        AppRow::PartiallyGranted,
        "/applications/results/partially_granted",
        "三、本年度办理结果 › （二）部分公开",
    ),
    (
        AppRow::StateSecret,
        "/applications/results/withheld/state_secret",
        "（三）不予公开 › 1.属于国家秘密",
    ),
    (
        AppRow::ProhibitedByLaw,
        "/applications/results/withheld/prohibited_by_law",
        "（三）不予公开 › 2.其他法律行政法规禁止公开",
    ),
    (
        AppRow::SecurityStability,
        "/applications/results/withheld/security_stability",
        "（三）不予公开 › 3.危及“三安全一稳定”",
    ),
    (
        AppRow::ThirdPartyRights,
        "/applications/results/withheld/third_party_rights",
        "（三）不予公开 › 4.保护第三方合法权益",
    ),
    (
        AppRow::InternalAffairs,
        "/applications/results/withheld/internal_affairs",
        "（三）不予公开 › 5.属于三类内部事务信息",
    ),
    (
        AppRow::ProcessInformation,
        "/applications/results/withheld/process_information",
        "（三）不予公开 › 6.属于四类过程性信息",
    ),
    (
        AppRow::EnforcementCaseFile,
        "/applications/results/withheld/enforcement_case_file",
        "（三）不予公开 › 7.属于行政执法案卷",
    ),
    (
        AppRow::AdministrativeInquiry,
        "/applications/results/withheld/administrative_inquiry",
        "（三）不予公开 › 8.属于行政查询事项",
    ),
    (
        AppRow::NotHeld,
        "/applications/results/unable/not_held",
        "（四）无法提供 › 1.本机关不掌握相关政府信息",
    ),
    (
        AppRow::NeedsCreation,
        "/applications/results/unable/needs_creation",
        "（四）无法提供 › 2.没有现成信息需要另行制作",
    ),
    (
        AppRow::StillUnclear,
        "/applications/results/unable/still_unclear",
        "（四）无法提供 › 3.补正后申请内容仍不明确",
    ),
    (
        AppRow::PetitionComplaint,
        "/applications/results/not_processed/petition_complaint",
        "（五）不予处理 › 1.信访举报投诉类申请",
    ),
    (
        AppRow::Duplicate,
        "/applications/results/not_processed/duplicate",
        "（五）不予处理 › 2.重复申请",
    ),
    (
        AppRow::Publication,
        "/applications/results/not_processed/publication",
        "（五）不予处理 › 3.要求提供公开出版物",
    ),
    (
        AppRow::ExcessiveRepeat,
        "/applications/results/not_processed/excessive_repeat",
        "（五）不予处理 › 4.无正当理由大量反复申请",
    ),
    (
        AppRow::ConfirmOrReissue,
        "/applications/results/not_processed/confirm_or_reissue",
        "（五）不予处理 › 5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        AppRow::NoCorrection,
        "/applications/results/other/no_correction",
        "（六）其他处理 › 1.申请人无正当理由逾期不补正",
    ),
    (
        AppRow::FeeUnpaid,
        "/applications/results/other/fee_unpaid",
        "（六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用",
    ),
    (
        AppRow::OtherOther,
        "/applications/results/other/other",
        "（六）其他处理 › 3.其他",
    ),
    (
        AppRow::Total,
        "/applications/results/total",
        "三、本年度办理结果 › （七）总计",
    ),
    (
        AppRow::CarriedForward,
        "/applications/carried_forward",
        "四、结转下年度继续办理",
    ),
];

/// Pointer of the single （六） row in the 2019 structure.
pub(crate) const OTHER_MERGED_PATH: &str = "/applications/results/other";

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

/// Every canonical cell of the 2021 format: pointer and Chinese table path, from the model's
/// generated cell table (document order, so each row's cells are contiguous).
pub(crate) fn cells_2021() -> &'static [(String, String)] {
    static CELLS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    CELLS.get_or_init(|| {
        xxgk_model::CELLS
            .iter()
            .map(|c| (c.pointer.to_owned(), c.label_path()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! Helpers shared by the integration tests: the real reports of `corpus/` and the canonical cell pointers.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

use serde_json::Value;
use xxgk_extract::ReadingRule;

/// A real published report (or its key) copied into the repository's `corpus/` folder.
pub fn corpus(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(relative)
}

/// Row objects of 表三 in template order.
pub const APPLICATION_ROWS: [&str; 25] = [
    "new_received",
    "carried_over",
    "results/granted",
    "results/partially_granted",
    "results/withheld/state_secret",
    "results/withheld/prohibited_by_law",
    "results/withheld/security_stability",
    "results/withheld/third_party_rights",
    "results/withheld/internal_affairs",
    "results/withheld/process_information",
    "results/withheld/enforcement_case_file",
    "results/withheld/administrative_inquiry",
    "results/unable/not_held",
    "results/unable/needs_creation",
    "results/unable/still_unclear",
    "results/not_processed/petition_complaint",
    "results/not_processed/duplicate",
    "results/not_processed/publication",
    "results/not_processed/excessive_repeat",
    "results/not_processed/confirm_or_reissue",
    "results/other/no_correction",
    "results/other/fee_unpaid",
    "results/other/other",
    "results/total",
    "carried_forward",
];

/// Applicant columns of 表三.
pub const APPLICANT_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
];

/// Groups and outcome columns of 表四.
pub const REVIEW_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
/// See [`REVIEW_GROUPS`].
pub const OUTCOMES: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// The 200 cell pointers of the 2021 format, from the model's cell table.
pub fn all_cells() -> impl Iterator<Item = &'static str> {
    xxgk_model::CELLS.iter().map(|c| c.pointer)
}

/// Labels of the 25 rows of 表三 as the template prints them, in template order.
pub const LABELS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// The first problem at a pointer, or a panic naming the problems there are.
pub fn problem_at<'a>(
    extraction: &'a xxgk_extract::Extraction,
    pointer: &str,
) -> &'a xxgk_extract::Problem {
    extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some(pointer))
        .unwrap_or_else(|| panic!("no problem at {pointer}: {:#?}", extraction.problems))
}

/// The table cells of a hand-made key of a real report (`corpus/realworld/*.expected.json`), and
/// whether it prints the single （六）其他处理 row of the 2019 format. That row's columns printing 0
/// are 0 in each of the three 2021 rows (counts are never negative); its other columns leave
/// the three rows out (200 cells when every column prints 0).
pub fn key_cells(key: &Value) -> (Vec<(String, Value)>, bool) {
    let mut cells = Vec::new();
    let article20 = &key["article20"];
    for (label, row) in [
        ("规章", "regulations"),
        ("行政规范性文件", "normative_documents"),
    ] {
        for (k, col) in ["issued", "repealed", "in_force"].iter().enumerate() {
            cells.push((
                format!("/active_disclosure/{row}/{col}"),
                article20[label][k].clone(),
            ));
        }
    }
    for (label, row) in [
        ("行政许可", "licensing"),
        ("行政处罚", "penalty"),
        ("行政强制", "coercion"),
    ] {
        cells.push((
            format!("/active_disclosure/{row}/decisions"),
            article20[label].clone(),
        ));
    }
    // The key writes the 万元 fee as a JSON number; the canonical form is the published decimal.
    let fee = article20["行政事业性收费"].to_string();
    cells.push((
        "/active_disclosure/fees/amount_wan_yuan".to_owned(),
        serde_json::json!(fee),
    ));
    let rows: Vec<&Value> = key["applications"]
        .as_object()
        .expect("applications")
        .values()
        .collect();
    let merged = rows.len() == 23;
    let merged_row = merged.then(|| rows[20]);
    let mut values = rows.into_iter();
    for path in APPLICATION_ROWS {
        if let Some(merged_row) = merged_row.filter(|_| path.starts_with("results/other/")) {
            for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
                if merged_row[k] == 0 {
                    cells.push((format!("/applications/{path}/{col}"), 0.into()));
                }
            }
            continue;
        }
        if merged && path == "results/total" {
            values.next(); // the merged （六）其他处理 row, read above
        }
        let row = values.next().expect("a key row per template row");
        for (k, col) in APPLICANT_COLUMNS.iter().enumerate() {
            cells.push((format!("/applications/{path}/{col}"), row[k].clone()));
        }
    }
    for (g, group) in REVIEW_GROUPS.iter().enumerate() {
        for (k, col) in OUTCOMES.iter().enumerate() {
            cells.push((
                format!("/review_litigation/{group}/{col}"),
                key["review_litigation"][g * 5 + k].clone(),
            ));
        }
    }
    (cells, merged)
}

/// Checks that every provenance entry of a table cell points at its raw text in `source`.
pub fn assert_provenance_points_at_raw(source: &str, extraction: &xxgk_extract::Extraction) {
    let lines: Vec<&str> = source.lines().collect();
    for p in &extraction.provenance {
        if p.rules.iter().any(|r| {
            matches!(
                r,
                ReadingRule::RunTogetherSplitByRowIdentity
                    | ReadingRule::RunTogetherSplitByColumnIdentity
                    | ReadingRule::RunTogetherSingleSplit
                    | ReadingRule::RunTogetherSplitByIdentities
                    | ReadingRule::FeeFigureFromProse
                    | ReadingRule::FeeNoneCollectedStated
                    | ReadingRule::FeeAllZeroStated
            )
        }) {
            continue;
        }
        if p.pointer.ends_with("/text") {
            continue;
        }
        let line = lines
            .get(p.line as usize - 1)
            .unwrap_or_else(|| panic!("{}: line {} out of range", p.pointer, p.line));
        let at: String = line.chars().skip(p.column as usize - 1).collect();
        // A value may continue on the next line (a wrapped address): compare what this line holds.
        let compared = at.chars().count().min(4);
        let raw_start: String = p.raw.chars().take(compared).collect();
        assert!(
            at.starts_with(&raw_start),
            "{}: expected `{}` at {}:{}, found `{}`",
            p.pointer,
            p.raw,
            p.line,
            p.column,
            at.chars().take(12).collect::<String>()
        );
    }
}

/// Every cell is either in the report or explained by a problem with its pointer.
pub fn assert_missing_cells_explained(extraction: &xxgk_extract::Extraction) {
    for cell in all_cells() {
        if extraction.report.pointer(cell).is_some() {
            continue;
        }
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.pointer.as_deref() == Some(cell)),
            "{cell} is missing without a problem"
        );
    }
}

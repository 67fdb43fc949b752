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

/// All 200 cell pointers of the 2021 format.
pub fn all_cells() -> Vec<String> {
    let mut cells = Vec::new();
    for row in ["regulations", "normative_documents"] {
        for col in ["issued", "repealed", "in_force"] {
            cells.push(format!("/active_disclosure/{row}/{col}"));
        }
    }
    for row in ["licensing", "penalty", "coercion"] {
        cells.push(format!("/active_disclosure/{row}/decisions"));
    }
    cells.push("/active_disclosure/fees/amount_wan_yuan".to_owned());
    for row in APPLICATION_ROWS {
        for col in APPLICANT_COLUMNS {
            cells.push(format!("/applications/{row}/{col}"));
        }
    }
    for group in REVIEW_GROUPS {
        for col in OUTCOMES {
            cells.push(format!("/review_litigation/{group}/{col}"));
        }
    }
    cells
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
        if extraction.report.pointer(&cell).is_some() {
            continue;
        }
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.pointer.as_deref() == Some(cell.as_str())),
            "{cell} is missing without a problem"
        );
    }
}

/// The value at a pointer, for messages.
pub fn at<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    value.pointer(pointer)
}

//! A 2021 report that prints （六）其他处理 as one row (the 2019 table): its three 2021 rows stay
//! unread, but the row prints their sum in every column, so R2 of a column is the report's to
//! break or to hold; the rows' own R3 stays undecided.

use serde_json::Value;
use xxgk_check::{Checker, Kind, Severity};
use xxgk_document::{Checked, Reading, Report, Verdict, check};
use xxgk_model::AnnualReport;
use xxgk_render::{Layout, render};

const NATURAL_PERSON_TOTAL: &str = "/applications/results/total/natural_person";
const OTHER: &str = "/applications/results/other";
const COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
];

/// 京岳 2024 as a Markdown table, with its （六）3.其他 of 自然人 `other_natural_person` (2 in the
/// report) and its three （六） rows printed as one row of their sums (自然人 1 + 0 +
/// `other_natural_person`, 总计 3, 0 elsewhere); checked, with its text.
fn checked(other_natural_person: u64) -> (Box<Report>, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/jingyue-2024.json"
    );
    let mut report: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    *report
        .pointer_mut(&format!("{OTHER}/other/natural_person"))
        .unwrap() = other_natural_person.into();
    let typed: AnnualReport = serde_json::from_value(report).unwrap();
    let text = String::from_utf8(render(&typed, Layout::Markdown)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("（六）其他处理"))
        .unwrap();
    let numbers = |line: &str| -> Vec<u64> {
        line.split('|')
            .filter_map(|cell| cell.trim().parse().ok())
            .collect()
    };
    let sums: Vec<String> = (0..7)
        .map(|k| {
            lines[first..first + 3]
                .iter()
                .map(|l| numbers(l)[k])
                .sum::<u64>()
                .to_string()
        })
        .collect();
    let merged = format!("|  | （六）其他处理 |  | {} |", sums.join(" | "));
    let text = [&lines[..first], &[merged.as_str()], &lines[first + 3..]]
        .concat()
        .join("\n");
    match check(
        &Checker::new().unwrap(),
        text.clone().into_bytes(),
        Some("report.md"),
    ) {
        Checked::Report(report) => (report, text),
        other => panic!("not a report: {other:?}"),
    }
}

/// Every cell of R2 of a column of 表三, sorted.
fn r2_cells(column: &str) -> Vec<String> {
    let checker = Checker::new().unwrap();
    let mut cells: Vec<String> = checker
        .standard()
        .cells
        .iter()
        .map(|c| c.pointer)
        .filter(|p| p.starts_with("/applications/results/") && p.ends_with(&format!("/{column}")))
        .map(str::to_owned)
        .collect();
    cells.sort();
    cells
}

/// The three （六） rows of a column.
fn other_cells(column: &str) -> Vec<String> {
    ["no_correction", "fee_unpaid", "other"]
        .iter()
        .map(|row| format!("{OTHER}/{row}/{column}"))
        .collect()
}

/// The merged row prints 自然人 5 where the other rows leave 3 to （七）总计 299: the report
/// breaks R2 of 自然人 (its own 总计 3 is no catalogue identity: which of its rows is wrong is
/// unknown). Exactly that error, at （七）总计 of 自然人 where it stands, naming every cell of
/// the column's R2, in place of the note that R2 cannot be evaluated.
#[test]
fn a_merged_row_that_breaks_r2_is_the_reports_error() {
    let (report, text) = checked(4);
    let errors: Vec<_> = report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let d = errors[0];
    assert_eq!((d.rule.as_str(), d.kind), ("R2", Kind::Rule));
    assert_eq!(d.pointer, NATURAL_PERSON_TOTAL);
    let mut related = d.related.clone();
    related.sort();
    assert_eq!(related, r2_cells("natural_person"));
    assert_eq!(
        (d.actual.as_deref(), d.expected.as_deref()),
        (Some("299"), Some("301"))
    );
    assert!(
        d.message_zh
            .contains("+ （六）其他处理 5 = 301（报告把 （六）其他处理 合为一行印出，为 5，"),
        "{}",
        d.message_zh
    );
    let total_line = text.lines().position(|l| l.contains("（七）总计")).unwrap() + 1;
    assert_eq!(d.location.map(|l| l.line), Some(total_line));
    assert!(
        !report
            .outcome
            .diagnostics
            .iter()
            .any(|n| n.rule == "R2" && n.kind == Kind::NotEvaluable),
        "R2 is evaluated in every column"
    );
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
    // The split stays unknown: the three rows unread, their R3 not evaluable.
    let unread = report.unread_cells();
    for column in COLUMNS {
        for cell in other_cells(column) {
            assert!(unread.contains(&cell.as_str()), "{cell} unread: {unread:?}");
        }
    }
    let Reading::Extracted(extraction) = &report.reading else {
        panic!("a published report is extracted");
    };
    // Its own 总计 broken, the merged row is no column's confirmed split, and in every column
    // its figure is kept as the printed sum of the three rows.
    let sums: Vec<(Vec<String>, u64)> = extraction
        .sums
        .iter()
        .map(|s| (s.cells.clone(), s.value))
        .collect();
    let printed = [5, 0, 0, 0, 0, 0, 3];
    let expected: Vec<(Vec<String>, u64)> = COLUMNS
        .iter()
        .zip(printed)
        .map(|(column, value)| (other_cells(column), value))
        .collect();
    assert_eq!(sums, expected);
}

/// Consistent, the merged row confirms R2 of every column: no error, no note that R2 cannot be
/// evaluated, and still 无法判定 for the three rows it does not split.
#[test]
fn a_merged_row_that_holds_r2_confirms_it() {
    let (report, _) = checked(2);
    let diagnostics = &report.outcome.diagnostics;
    assert!(
        !diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{diagnostics:#?}"
    );
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.rule == "R2" && d.kind == Kind::NotEvaluable),
        "{diagnostics:#?}"
    );
    let r3_open = diagnostics
        .iter()
        .filter(|d| d.rule == "R3" && d.kind == Kind::NotEvaluable)
        .count();
    assert_eq!(
        r3_open, 3,
        "one for each of the three rows: {diagnostics:#?}"
    );
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Undetermined);
}

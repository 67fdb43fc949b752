//! Rows of 表三 printed without their labels (a PDF converter tore them off), in a report whose
//! rows add up and one column does not: the rows cannot be placed (a row misplaced breaks the
//! same identities), but they are the rows the template has in that gap, in some order, so each
//! column's sum over them is known and R2 of the column is the report's to break or to hold.

use serde_json::Value;
use xxgk_check::{Checker, Kind, Severity};
use xxgk_document::{Checked, Reading, Report, Verdict, check};
use xxgk_model::AnnualReport;
use xxgk_render::{Layout, render};

/// The three rows of （四）无法提供, whose labels the text below leaves out.
const UNABLE: &str = "/applications/results/unable";

/// 京岳 2024 as a Markdown table whose three （四）无法提供 rows print their numbers without any
/// label, the second of them printing `delta` more in 自然人 and in its 总计 alike (so the row
/// adds up and the columns 自然人 and 总计 do not); checked, with its text.
fn checked(delta: u64) -> (Box<Report>, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/jingyue-2024.json"
    );
    let mut report: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    for column in ["natural_person", "total"] {
        let cell = report
            .pointer_mut(&format!("{UNABLE}/needs_creation/{column}"))
            .unwrap();
        *cell = (cell.as_u64().unwrap() + delta).into();
    }
    let typed: AnnualReport = serde_json::from_value(report).unwrap();
    let text = String::from_utf8(render(&typed, Layout::Markdown)).unwrap();
    let first = text
        .lines()
        .position(|l| l.contains("（四）无法提供"))
        .unwrap();
    let unlabelled = |line: &str| -> String {
        let cells: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|cell| !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()))
            .collect();
        format!("|  |  |  | {} |", cells.join(" | "))
    };
    let text = text
        .lines()
        .enumerate()
        .map(|(k, line)| {
            if (first..first + 3).contains(&k) {
                unlabelled(line)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
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

/// The cells of the three （四） rows in one column.
fn unable_cells(column: &str) -> Vec<String> {
    ["not_held", "needs_creation", "still_unclear"]
        .iter()
        .map(|row| format!("{UNABLE}/{row}/{column}"))
        .collect()
}

/// Consistent, the unlabelled rows stand where the template has them and the identities
/// confirm them: read, 符合标准.
#[test]
fn unlabelled_rows_the_identities_confirm_are_read() {
    let (report, _) = checked(0);
    let unread = report.unread_cells();
    assert!(unread.is_empty(), "{unread:?}");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Conformant);
}

/// 自然人 and 总计 of the rows printed without labels are 9 more than （七）总计 allows: the
/// rows stay unread (placed by order, they are not confirmed), but their sums in those columns
/// break R2 of each, which is the report's error, at （七）总计 of the column, naming what the
/// rows sum to; every other column's R2 holds through its sum, and no R2 is left undecided.
#[test]
fn unlabelled_rows_whose_column_breaks_r2_are_the_reports_error() {
    let (report, text) = checked(9);
    let errors: Vec<_> = report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let found: Vec<(&str, Kind, &str)> = errors
        .iter()
        .map(|d| (d.rule.as_str(), d.kind, d.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "R2",
                Kind::Rule,
                "/applications/results/total/natural_person"
            ),
            ("R2", Kind::Rule, "/applications/results/total/total"),
        ],
        "{errors:#?}"
    );
    let d = errors[0];
    assert_eq!(
        d.message_zh,
        "自然人：（七）总计 = 299 ≠ （一）至（六）之和 = （一）109 + （二）37 + （三）1 0 + （三）2 0 + （三）3 0 + （三）4 2 + （三）5 0 + （三）6 4 + （三）7 4 + （三）8 0 + （四）1、（四）2、（四）3 共 145 + （五）1 0 + （五）2 4 + （五）3 0 + （五）4 0 + （五）5 0 + （六）1 1 + （六）2 0 + （六）3 2 = 308（报告印出这几行的数字，其标签未能辨认，次序未能确认；无论次序如何，它们在此列之和为 145，各单元格仍记为未能读取）"
    );
    assert!(
        d.message_en.ends_with(
            "Not held, Would need to be created, Still unclear after correction together 145 + Petition or complaint 0 + Duplicate 4 + Asks for publications 0 + Excessive repeated applications 0 + Confirm or reissue obtained information 0 + Not corrected in time 1 + Fee not paid in time 0 + Other 2 = 308 (the report prints these rows' numbers without labels that could be recognised, in an order that could not be confirmed; whatever the order, they sum to 145 in this column, and their cells stay unread)"
        ),
        "{}",
        d.message_en
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
    // Which row is which stays unknown: every cell of the three rows is unread.
    let unread = report.unread_cells();
    let Reading::Extracted(extraction) = &report.reading else {
        panic!("a published report is extracted");
    };
    for column in ["natural_person", "commercial_enterprise", "total"] {
        for cell in unable_cells(column) {
            assert!(unread.contains(&cell.as_str()), "{cell} unread: {unread:?}");
        }
        let sum = extraction
            .sums
            .iter()
            .find(|s| s.cells == unable_cells(column))
            .unwrap_or_else(|| panic!("no sum for {column}: {:?}", extraction.sums));
        assert_eq!(sum.printed_as, xxgk_extract::PrintedAs::UnlabelledRows);
    }
}

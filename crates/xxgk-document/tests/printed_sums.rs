//! Cells a published report prints only as a sum: a 2021 report printing （六）其他处理 as one row
//! (the 2019 table), and rows of 表三 printed without their labels (a PDF converter tore them
//! off). The cells stay unread, but the sum is printed, so R2 of each column is the report's to
//! break or to hold: the merged row is the sum of the three （六） rows; unlabelled rows standing
//! in a gap of exactly their count are the template's rows of that gap in some order (a row
//! misplaced breaks the same identities, so the order is not confirmed), and each column's sum
//! over them is known whatever the order.

use serde_json::Value;
use xxgk_check::{Checker, Diagnostic, Kind, Severity};
use xxgk_document::{Checked, Reading, Report, Verdict, check};
use xxgk_model::AnnualReport;
use xxgk_render::{Layout, render};

const NATURAL_PERSON_TOTAL: &str = "/applications/results/total/natural_person";
const OTHER: &str = "/applications/results/other";
/// The three rows of （四）无法提供, whose labels the unlabelled-rows text leaves out.
const UNABLE: &str = "/applications/results/unable";
/// The applicant columns of 表三, in template order.
fn columns() -> impl Iterator<Item = &'static str> {
    let applications = xxgk_model::STANDARD_2021
        .tables
        .iter()
        .find(|t| t.pointer == "/applications")
        .expect("表三 in the template");
    applications.columns.iter().map(|c| c.key)
}

/// 京岳 2024 with `edit` made to its figures, as a Markdown table: its lines.
fn jingyue_markdown(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/jingyue-2024.json"
    );
    let mut report: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut report);
    let typed: AnnualReport = serde_json::from_value(report).unwrap();
    let text = String::from_utf8(render(&typed, Layout::Markdown)).unwrap();
    text.lines().map(str::to_owned).collect()
}

/// `lines` checked as a published Markdown file, with its text.
fn checked_markdown(lines: &[String]) -> (Box<Report>, String) {
    let text = lines.join("\n");
    match check(
        &Checker::new().unwrap(),
        text.clone().into_bytes(),
        Some("report.md"),
    ) {
        Checked::Report(report) => (report, text),
        other => panic!("not a report: {other:?}"),
    }
}

/// The report's error findings.
fn errors(report: &Report) -> Vec<&Diagnostic> {
    report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// Whether some R2 is left not evaluable.
fn r2_undecided(report: &Report) -> bool {
    report
        .outcome
        .diagnostics
        .iter()
        .any(|d| d.rule == "R2" && d.kind == Kind::NotEvaluable)
}

/// The line of `text` (from 1) holding （七）总计, where R2's findings stand.
fn total_line(text: &str) -> usize {
    text.lines().position(|l| l.contains("（七）总计")).unwrap() + 1
}

/// The extraction a published report was read by.
fn extraction(report: &Report) -> &xxgk_extract::Extraction {
    let Reading::Extracted(extraction) = &report.reading else {
        panic!("a published report is extracted");
    };
    extraction
}

// —— （六）其他处理 printed as one row ——

/// 京岳 2024 as a Markdown table, with its （六）3.其他 of 自然人 `other_natural_person` (2 in the
/// report) and its three （六） rows printed as one row of their sums (自然人 1 + 0 +
/// `other_natural_person`, 总计 3, 0 elsewhere); checked, with its text.
fn merged_other(other_natural_person: u64) -> (Box<Report>, String) {
    merged_other_edited(
        |report| {
            *report
                .pointer_mut(&format!("{OTHER}/other/natural_person"))
                .unwrap() = other_natural_person.into();
        },
        |_| {},
    )
}

/// 京岳 2024 with `edit` made to its figures, as a Markdown table whose three （六） rows are
/// printed as one row of their sums, with `misprint` made to those sums (in column order);
/// checked, with its text.
fn merged_other_edited(
    edit: impl FnOnce(&mut Value),
    misprint: impl FnOnce(&mut [u64]),
) -> (Box<Report>, String) {
    let lines = jingyue_markdown(edit);
    let first = lines
        .iter()
        .position(|l| l.contains("（六）其他处理"))
        .unwrap();
    let numbers = |line: &str| -> Vec<u64> {
        line.split('|')
            .filter_map(|cell| cell.trim().parse().ok())
            .collect()
    };
    let mut sums: Vec<u64> = (0..7)
        .map(|k| lines[first..first + 3].iter().map(|l| numbers(l)[k]).sum())
        .collect();
    misprint(&mut sums);
    let sums: Vec<String> = sums.iter().map(u64::to_string).collect();
    let merged = format!("|  | （六）其他处理 |  | {} |", sums.join(" | "));
    checked_markdown(&[&lines[..first], &[merged], &lines[first + 3..]].concat())
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
/// the column's R2, in place of the note that R2 cannot be evaluated. The columns printing 0
/// are 0 in each of the three rows.
#[test]
fn a_merged_row_that_breaks_r2_is_the_reports_error() {
    let (report, text) = merged_other(4);
    let errors = errors(&report);
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
    assert_eq!(d.location.map(|l| l.line), Some(total_line(&text)));
    assert!(!r2_undecided(&report), "R2 is evaluated in every column");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
    // Where the merged row prints 0 and the column's R2 holds through it, the three rows are 0:
    // counts are never negative, and a misprinted 0 would break that R2. The split of 自然人 and
    // 总计 stays unknown: their three rows unread, their R3 not evaluable.
    let printed = [5, 0, 0, 0, 0, 0, 3];
    let unread = report.unread_cells();
    let read = &extraction(&report).report;
    for (column, value) in columns().zip(printed) {
        for cell in other_cells(column) {
            if value == 0 {
                assert_eq!(read.pointer(&cell), Some(&Value::from(0)), "{cell}");
            } else {
                assert!(unread.contains(&cell.as_str()), "{cell} unread: {unread:?}");
            }
        }
    }
    // Its own 总计 broken, the merged row is no column's confirmed split: where it prints more
    // than 0, its figure is kept as the printed sum of the three rows.
    let sums: Vec<(Vec<String>, u64)> = extraction(&report)
        .sums
        .iter()
        .map(|s| (s.cells.clone(), s.value))
        .collect();
    let expected: Vec<(Vec<String>, u64)> = columns()
        .zip(printed)
        .filter(|(_, value)| *value > 0)
        .map(|(column, value)| (other_cells(column), value))
        .collect();
    assert_eq!(sums, expected);
}

/// The merged row misprints 0 for 商业企业's 1 as well as 5 for 自然人's 3 (its 总计 4 right):
/// R2 of 商业企业 breaks through that 0, so its three rows stay unread, with the printed sum,
/// while the columns whose R2 holds through their 0 are 0 in each row.
#[test]
fn a_merged_zero_its_column_breaks_is_not_read_as_zeros() {
    let (report, _) = merged_other_edited(
        |report| {
            for cell in [
                format!("{OTHER}/other/commercial_enterprise"),
                format!("{OTHER}/other/total"),
                "/applications/results/total/commercial_enterprise".to_owned(),
                "/applications/results/total/total".to_owned(),
                "/applications/new_received/commercial_enterprise".to_owned(),
                "/applications/new_received/total".to_owned(),
            ] {
                let value = report.pointer_mut(&cell).unwrap();
                *value = (value.as_u64().unwrap() + 1).into();
            }
        },
        |sums| {
            sums[0] += 2;
            sums[1] = 0;
        },
    );
    let rules: Vec<(&str, &str)> = errors(&report)
        .iter()
        .map(|d| (d.rule.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("R2", NATURAL_PERSON_TOTAL),
            ("R2", "/applications/results/total/commercial_enterprise")
        ]
    );
    let unread = report.unread_cells();
    let read = &extraction(&report).report;
    for (column, printed) in columns().zip([5, 0, 0, 0, 0, 0, 4]) {
        let zeros = column != "commercial_enterprise" && printed == 0;
        for cell in other_cells(column) {
            if zeros {
                assert_eq!(read.pointer(&cell), Some(&Value::from(0)), "{cell}");
            } else {
                assert!(unread.contains(&cell.as_str()), "{cell} unread: {unread:?}");
            }
        }
    }
    let summed: Vec<Vec<String>> = extraction(&report)
        .sums
        .iter()
        .map(|s| s.cells.clone())
        .collect();
    assert!(
        summed.contains(&other_cells("commercial_enterprise")),
        "{summed:?}"
    );
}

/// Consistent, the merged row confirms R2 of every column: no error, no note that R2 cannot be
/// evaluated, and still 无法判定 for the three rows it does not split.
#[test]
fn a_merged_row_that_holds_r2_confirms_it() {
    let (report, _) = merged_other(2);
    let diagnostics = &report.outcome.diagnostics;
    assert!(
        !diagnostics.iter().any(|d| d.severity == Severity::Error),
        "{diagnostics:#?}"
    );
    assert!(!r2_undecided(&report), "{diagnostics:#?}");
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

// —— rows printed without their labels ——

/// 京岳 2024 as a Markdown table whose three （四）无法提供 rows print their numbers without any
/// label, the second of them printing `delta` more in each of `columns` and their sum more in
/// its 总计 (so the row adds up and those columns and 总计 do not); checked, with its text.
fn unlabelled(delta: u64, columns: &[&str]) -> (Box<Report>, String) {
    let mut lines = jingyue_markdown(|report| {
        let mut add = |column: &str, n: u64| {
            let cell = report
                .pointer_mut(&format!("{UNABLE}/needs_creation/{column}"))
                .unwrap();
            *cell = (cell.as_u64().unwrap() + n).into();
        };
        for column in columns {
            add(column, delta);
        }
        add("total", delta * columns.len() as u64);
    });
    let first = lines
        .iter()
        .position(|l| l.contains("（四）无法提供"))
        .unwrap();
    for line in &mut lines[first..first + 3] {
        let cells: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|cell| !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit()))
            .collect();
        *line = format!("|  |  |  | {} |", cells.join(" | "));
    }
    checked_markdown(&lines)
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
    let (report, _) = unlabelled(0, &[]);
    let unread = report.unread_cells();
    assert!(unread.is_empty(), "{unread:?}");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Conformant);
}

/// 自然人 and 总计 of the rows printed without labels are 9 more than （七）总计 allows, every row
/// adding up: as a report that adds a count to a row and not to its column's total breaks the
/// identities (each of two columns failing once), not as rows placed in another's slot do; the
/// rows are read where the template's order puts them, and R2 of both columns is the report's
/// error, at （七）总计 of the column, naming every cell.
#[test]
fn unlabelled_rows_in_a_column_not_adding_up_are_read_and_the_break_reported() {
    let (report, text) = unlabelled(9, &["natural_person"]);
    let errors = errors(&report);
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
    assert!(
        d.message_zh.starts_with(
            "自然人：（七）总计 = 299 ≠ （一）至（六）之和 = （一）109 + （二）37 + （三）1 0"
        ) && d
            .message_zh
            .contains("（四）1 136 + （四）2 9 + （四）3 0 + （五）1 0"),
        "{}",
        d.message_zh
    );
    assert_eq!(d.location.map(|l| l.line), Some(total_line(&text)));
    let unread = report.unread_cells();
    assert!(unread.is_empty(), "{unread:?}");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
}

/// 自然人, 商业企业 and 科研机构 of the rows printed without labels are 9 more each than
/// （七）总计 allows: more columns than a report leaves not adding up while its rows add up, so
/// the rows stay unread (placed by order, they are not confirmed), but their sums in those
/// columns break R2 of each, which is the report's error, at （七）总计 of the column, naming
/// what the rows sum to; every other column's R2 holds through its sum, and no R2 is left
/// undecided.
#[test]
fn unlabelled_rows_whose_columns_break_r2_are_the_reports_error() {
    let (report, text) = unlabelled(
        9,
        &[
            "natural_person",
            "commercial_enterprise",
            "research_institution",
        ],
    );
    let errors = errors(&report);
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
            (
                "R2",
                Kind::Rule,
                "/applications/results/total/commercial_enterprise"
            ),
            (
                "R2",
                Kind::Rule,
                "/applications/results/total/research_institution"
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
    assert_eq!(d.location.map(|l| l.line), Some(total_line(&text)));
    assert!(!r2_undecided(&report), "R2 is evaluated in every column");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
    // Which row is which stays unknown: every cell of the three rows is unread.
    let unread = report.unread_cells();
    let extraction = extraction(&report);
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

//! 表二 cells a PDF converter printed apart from their row, read where the text leaves exactly one
//! reading (`crates/xxgk-extract/src/pulled.rs`, `truncated.rs`): a multi-line cell pulled out
//! below its row, and a label cut short beside its numbers. Each case is a shape the torn
//! generators print (`xxgk_render_noise::Torn::TornText`, `LabelsBelowNumbers`), written out by hand.

use serde_json::{Value, json};
use xxgk_extract::{Extraction, ProblemCode, ReadingRule, extract_text};

const SECTION: &str = "二、主动公开政府信息情况\n";

fn read(table: &str) -> Extraction {
    extract_text(&format!("{SECTION}{table}"))
}

/// The three cells of a row of 第二十条第（一）项 as read (`None` where unread).
fn row(extraction: &Extraction, row: &str) -> [Option<Value>; 3] {
    ["issued", "repealed", "in_force"].map(|column| {
        extraction
            .report
            .pointer(&format!("/active_disclosure/{row}/{column}"))
            .cloned()
    })
}

fn rules(extraction: &Extraction, pointer: &str) -> Vec<ReadingRule> {
    extraction
        .provenance
        .iter()
        .find(|p| p.pointer == pointer)
        .map(|p| p.rules.clone())
        .unwrap_or_default()
}

fn problem(extraction: &Extraction, pointer: &str) -> Option<ProblemCode> {
    extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some(pointer))
        .map(|p| p.code)
}

#[test]
fn a_tab_separated_row_one_field_short_lacks_its_last_column() {
    // Tab-separated text trims the empty fields at a line's end: the row's fields run from its
    // label, so the cell pulled out below it is the last column's.
    let extraction = read(
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t3\t6\n行政规范性文件\t2950\t0\n4（其中修订 17 件）\n",
    );
    assert_eq!(
        row(&extraction, "normative_documents"),
        [Some(json!(2950)), Some(json!(0)), Some(json!(4))]
    );
    assert!(
        rules(
            &extraction,
            "/active_disclosure/normative_documents/in_force"
        )
        .contains(&ReadingRule::PulledOutCellPlacedAtRowEnd)
    );
    assert_eq!(
        row(&extraction, "regulations"),
        [Some(json!(0)), Some(json!(3)), Some(json!(6))]
    );
}

#[test]
fn a_row_in_no_printed_column_reads_the_columns_every_insertion_agrees_on() {
    // `7   7` with 7 below: 7, 7, 7 wherever the 7 below stands.
    let extraction = read("规章   7   7\n7（其中修订 1 件）\n行政规范性文件   1   0   5\n");
    assert_eq!(
        row(&extraction, "regulations"),
        [Some(json!(7)), Some(json!(7)), Some(json!(7))]
    );
    assert!(
        rules(&extraction, "/active_disclosure/regulations/repealed")
            .contains(&ReadingRule::PulledOutCellSameInEveryReading)
    );
    // `0   5` with 0 below: 0, 0, 5 or 0, 5, 0; only the first column is known.
    let extraction = read("规章   0   5\n0（其中修订 1 件）\n行政规范性文件   1   0   5\n");
    assert_eq!(
        row(&extraction, "regulations"),
        [Some(json!(0)), None, None]
    );
    for column in ["repealed", "in_force"] {
        assert_eq!(
            problem(
                &extraction,
                &format!("/active_disclosure/regulations/{column}")
            ),
            Some(ProblemCode::MultiLineCellUnplaced)
        );
    }
}

#[test]
fn a_line_that_prints_its_label_column_empty_places_the_cell_in_its_empty_column() {
    // The label above its numbers, the numbers' line printing the label's column empty: the
    // fields after it are the row's columns, the second empty.
    let extraction = read(
        "| 第二十条第（一）项 |  |  |  |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 |  |  |  |\n|  | 1750311 |  | 579 |\n389（其中修订 9 件）\n|  | 0 | 1 | 0 |\n| 行政规范性文件 |  |  |  |\n",
    );
    assert_eq!(
        row(&extraction, "regulations"),
        [Some(json!(1_750_311)), Some(json!(389)), Some(json!(579))]
    );
    assert_eq!(
        row(&extraction, "normative_documents"),
        [Some(json!(0)), Some(json!(1)), Some(json!(0))]
    );
    // Tab-separated, the label below its numbers: four fields, the last a figure, are the
    // label's column and the row's three.
    let extraction = read(
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t353\t7\t0\n\t\t6\t0\n行政规范性文件\n8（其中修订 2 件）\n第二十条第（五）项\n",
    );
    assert_eq!(
        row(&extraction, "normative_documents"),
        [Some(json!(8)), Some(json!(6)), Some(json!(0))]
    );
}

#[test]
fn a_pulled_out_cell_two_rows_may_have_lost_is_not_placed() {
    // Both rows print their last column empty: the cell below the first may be either's.
    let extraction = read(
        "| 第二十条第（一）项 |  |  |  |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 |  |  |  |\n|  | 0 | 3 |  |\n6（其中修订 17 件）\n|  | 2950 | 0 |  |\n| 行政规范性文件 |  |  |  |\n",
    );
    assert_eq!(row(&extraction, "regulations")[2], None);
    assert_eq!(
        problem(&extraction, "/active_disclosure/regulations/in_force"),
        Some(ProblemCode::MultiLineCellUnplaced)
    );
    assert_eq!(row(&extraction, "normative_documents")[2], None);
}

#[test]
fn a_label_cut_short_is_named_by_the_figures_beside_it() {
    // `行政` starts five labels after 规章; only 行政规范性文件 has three columns.
    let extraction = read(
        "第二十条第（一）项\n信息内容   本年制发件数   本年废止件数   现行有效件数\n规章   1398   0   0\n行政   0   0   7\n第二十条第（五）项\n信息内容   本年处理决定数量\n行政许可   2\n",
    );
    assert_eq!(
        row(&extraction, "normative_documents"),
        [Some(json!(0)), Some(json!(0)), Some(json!(7))]
    );
    assert_eq!(
        extraction
            .report
            .pointer("/active_disclosure/licensing/decisions"),
        Some(&json!(2))
    );
}

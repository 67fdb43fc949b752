//! A single （六）其他处理 row (the 2019 table) in a 2021 report: where it prints 0, its three
//! rows are 0; elsewhere they stay missing.
//!
//! The 2021 format splits （六） into three rows, which such a report does not print. Their sum
//! is printed, and counts are never negative, so a column whose merged cell is 0 has 0 in each of
//! the three rows: that follows from the printed figure, it is not a guess. A column with any
//! other figure is not split, but its figure is kept as the printed sum of the three rows
//! ([`crate::PrintedSum`]): R2 of the column, whose only missing cells they are, can be evaluated
//! with it, and its breaks are the report's own.

use crate::PrintedSum;
use crate::cells::{CellStore, Filled};
use crate::normalize::SourcePos;
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::template::{APPLICANT_COLUMNS, AppRow, app_path, other_merged};

/// The three 2021 rows a merged （六） row stands for.
const SPLIT_ROWS: [AppRow; 3] = [AppRow::NoCorrection, AppRow::FeeUnpaid, AppRow::OtherOther];

/// One applicant column's cell of a merged （六） row as read: its count, where it stands and
/// its published text.
#[derive(Clone, Debug)]
pub(crate) struct MergedCell {
    pub value: u64,
    pub pos: SourcePos,
    pub raw: String,
}

/// Places 0 in the three （六） rows of every column whose merged cell (`cells`, by applicant
/// column; `None` where it was not read) is 0, by the rules `read_by` that read the merged row
/// and [`ReadingRule::MergedOtherZeroInEachRow`], and marks the others missing with a
/// `merged-other-row` problem quoting the row (`quoted`) at `at`. No problem is raised when
/// every column is 0: the report then tells every cell.
pub(crate) fn settle(
    cells: &[Option<MergedCell>],
    (quoted, read_by): (&str, &[ReadingRule]),
    at: (Option<SourcePos>, String),
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) {
    // This reading of the merged row supersedes an earlier one, its sums with it.
    store
        .sums
        .retain(|sum| !sum.cells.iter().any(|c| is_split_cell(c)));
    record_sums(cells, store);
    let mut unsplit: Vec<&str> = Vec::new();
    for (index, column) in APPLICANT_COLUMNS.iter().enumerate() {
        match cells.get(index).and_then(Option::as_ref) {
            Some(cell) if cell.value == 0 => {
                for path in SPLIT_ROWS.iter().filter_map(|row| app_path(*row)) {
                    store.fill(
                        format!("{path}/{}", column.name),
                        Filled {
                            value: 0.into(),
                            pos: cell.pos,
                            raw: cell.raw.clone(),
                            rules: read_by
                                .iter()
                                .copied()
                                .chain([ReadingRule::MergedOtherZeroInEachRow])
                                .collect(),
                        },
                    );
                }
            }
            _ => unsplit.push(column.label),
        }
    }
    if unsplit.is_empty() {
        return;
    }
    let zero_columns = if unsplit.len() == APPLICANT_COLUMNS.len() {
        String::new()
    } else {
        "; its columns that print 0 are 0 in each of the three".to_owned()
    };
    let problem = Problem::new(
        ProblemCode::MergedOtherRow,
        format!(
            "the report merges （六）其他处理 into one row ({quoted}); the 2021 format splits it into three rows{zero_columns}, and its columns {} are left missing rather than split by guess",
            unsplit.join("、")
        ),
    )
    .at(at.0, at.1);
    problems.push(problem.clone().at_pointer(other_merged().path));
    for column in APPLICANT_COLUMNS
        .iter()
        .filter(|c| unsplit.contains(&c.label))
    {
        for path in SPLIT_ROWS.iter().filter_map(|row| app_path(*row)) {
            store.miss(format!("{path}/{}", column.name), problem.clone());
        }
    }
}

/// Keeps the merged cells (`cells`, by applicant column) as the printed sums of their column's
/// three （六） rows. The caller stands by each cell given as the figure the merged row prints
/// in its column. A sum over cells then read (the 0 of each row under a 0, [`settle`]) is
/// dropped when the extraction is assembled.
pub(crate) fn record_sums(cells: &[Option<MergedCell>], store: &mut CellStore) {
    for (column, cell) in APPLICANT_COLUMNS.iter().zip(cells) {
        let Some(cell) = cell else {
            continue;
        };
        let three: Vec<String> = SPLIT_ROWS
            .iter()
            .filter_map(|row| app_path(*row))
            .map(|path| format!("{path}/{}", column.name))
            .collect();
        store.sums.retain(|sum| sum.cells != three);
        store.sums.push(PrintedSum {
            cells: three,
            value: cell.value,
            line: cell.pos.line,
            column: cell.pos.column,
            raw: cell.raw.clone(),
            printed_as: crate::PrintedAs::MergedRow,
        });
    }
}

/// Whether `pointer` is a cell of one of the three （六） rows.
fn is_split_cell(pointer: &str) -> bool {
    SPLIT_ROWS
        .iter()
        .filter_map(|row| app_path(*row))
        .any(|path| {
            pointer
                .strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('/'))
        })
}

//! A multi-line cell of 表二 pulled out of its row: a PDF converter prints the row with the cell
//! blank and the cell's text on a line of its own below it (`22（其中修订 16 件）`). Its column is
//! not printed beside it: it is placed only where the template confirms the position, the row
//! printed in its columns (a table row, every column a cell) with exactly one of them empty and
//! no other pulled-out cell below it, its number a count before the bracket. Otherwise the row's
//! blank cells are reported as unread, never as blank in the report; and where the row's numbers
//! stand apart from its label, in no printed column, the whole row is unread (their columns are
//! not known once one of its cells is elsewhere).

use crate::cells::{CellStore, Filled};
use crate::normalize::SourcePos;
use crate::number::read_count;
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::table::{RowRead, Segment, ValueCell};
use crate::template::{ActiveRow, RowSpec};

/// A cell's text found on a line of its own: where it stood in the segments, its text and position.
pub(crate) struct PulledOut {
    at: usize,
    text: String,
    /// The number before the bracket (`22` of `22（其中修订 16 件）`).
    number: String,
    pos: Option<SourcePos>,
}

/// The segments that are a number followed by a note in brackets and nothing else.
pub(crate) fn pulled_out_cells(segments: &[Segment]) -> Vec<PulledOut> {
    segments
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.has_number())
        .filter_map(|(at, s)| {
            let label = s.label.as_ref()?;
            let text = label.joined();
            let digits = text.chars().take_while(char::is_ascii_digit).count();
            let noted = digits > 0 && text.chars().nth(digits) == Some('(');
            noted.then(|| PulledOut {
                at,
                text: label.published.clone(),
                number: text.chars().take(digits).collect(),
                pos: label.pos,
            })
        })
        .collect()
}

/// The row a pulled-out cell stands below: the last row opened before it.
fn row_above<'r>(
    cell: &PulledOut,
    rows: &'r [RowRead<ActiveRow>],
) -> Option<&'r RowRead<ActiveRow>> {
    rows.iter().filter(|r| r.at < cell.at).max_by_key(|r| r.at)
}

/// Whether a pulled-out cell stands below `row`: the row's printed numbers are then not all of
/// its numbers, and their columns cannot be told from their positions.
pub(crate) fn has_pulled_out_cell(
    pulled: &[PulledOut],
    rows: &[RowRead<ActiveRow>],
    row: &RowRead<ActiveRow>,
) -> bool {
    pulled
        .iter()
        .any(|cell| row_above(cell, rows).is_some_and(|r| r.at == row.at))
}

/// Places each pulled-out cell whose position the row confirms (see the module docs), and
/// explains the blank cells of the row each other one follows as unread (the whole row, where
/// its numbers stand in no printed column).
pub(crate) fn explain_blanks(
    pulled: &[PulledOut],
    rows: &[RowRead<ActiveRow>],
    spec_of: impl Fn(ActiveRow) -> Option<RowSpec>,
    store: &mut CellStore,
) {
    for cell in pulled {
        let Some(row) = rows.iter().filter(|r| r.at < cell.at).max_by_key(|r| r.at) else {
            continue;
        };
        let Some(spec) = spec_of(row.row) else {
            continue;
        };
        if place(cell, pulled, rows, row, &spec, store) {
            continue;
        }
        if !row.values.iter().any(ValueCell::is_blank) && row.values.len() >= spec.columns.len() {
            continue;
        }
        // In printed columns, a blank beside the pulled-out cell is not known blank; apart from
        // its label, in no printed column, the row's other numbers may be in any columns once
        // one of its cells is below it (`\t0\t1` with `0（其中修订 16 件）` below is 0, 1, 0 as
        // well as blank, 0, 1), so what was read of it is withdrawn.
        let why = if row.positional {
            "may be one of its blank cells; which one is not printed, so they are left unread"
        } else {
            "is one of its cells, and the row's other numbers stand in no printed column, so which column each is in is not known: the row is left unread"
        };
        let problem = Problem::new(
            ProblemCode::MultiLineCellUnplaced,
            format!(
                "row {}: a cell printed on a line of its own below the row (`{}`) {why}",
                spec.label, cell.text
            ),
        )
        .at(cell.pos, cell.text.clone());
        for column in spec.columns {
            let pointer = format!("{}/{}", spec.path, column.name);
            if row.positional {
                store.explain(pointer, problem.clone());
            } else {
                store.withdraw(pointer, problem.clone());
            }
        }
    }
}

/// Places `cell` in the only empty column of `row` when the row confirms it; whether it did.
fn place(
    cell: &PulledOut,
    pulled: &[PulledOut],
    rows: &[RowRead<ActiveRow>],
    row: &RowRead<ActiveRow>,
    spec: &RowSpec,
    store: &mut CellStore,
) -> bool {
    let alone = pulled
        .iter()
        .filter(|other| row_above(other, rows).is_some_and(|r| r.at == row.at))
        .count()
        == 1;
    let blanks: Vec<usize> = row
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_blank())
        .map(|(k, _)| k)
        .collect();
    let (true, true, [column]) = (
        alone && row.positional,
        row.values.len() == spec.columns.len(),
        blanks.as_slice(),
    ) else {
        return false;
    };
    let Some(column) = spec.columns.get(*column) else {
        return false;
    };
    let Ok((value, mut rules)) = read_count(&cell.number, &cell.text) else {
        return false;
    };
    rules.push(ReadingRule::PulledOutCellPlaced);
    store.fill(
        format!("{}/{}", spec.path, column.name),
        Filled {
            value: value.into(),
            pos: cell.pos.unwrap_or_default(),
            raw: cell.text.clone(),
            rules,
        },
    );
    true
}

//! A multi-line cell of 表二 pulled out of its row: a PDF converter prints the row with the cell
//! blank and the cell's text on a line of its own below it (`22（其中修订 16 件）`). Its column is
//! not printed beside it: it is placed only where the template confirms the position, the row
//! printed in its columns (a table row, every column a cell) with exactly one of them empty and
//! no other pulled-out cell below it, its number a count before the bracket. Otherwise the row's
//! blank cells are reported as unread, never as blank in the report; and where the row's numbers
//! stand apart from its label, in no printed column, the whole row is unread (their columns are
//! not known once one of its cells is elsewhere).
//!
//! Three more shapes leave one reading, each only where the pulled-out cell is alone below its
//! row, the row's numbers are its own (beside its label, or paired with it in order, not
//! gathered from lines apart), and that row is the only row of 表二 with a cell missing (a cell
//! pulled out of a row leaves that row short, so it cannot be another's; a second row with a
//! cell missing, a blank printed blank, would leave that doubt, and the cell is then not
//! placed):
//!
//! - the row printed in its columns with its label columns (a Markdown row whose empty label
//!   cell was kept, or a tab-separated one printed to its last column): the fields after the
//!   label columns are the row's columns, one of them empty (`pulled-out-cell-placed`);
//! - a tab-separated row with its label on the line, one field short of its columns: its fields
//!   run from the label column on and tab-separated text trims the empty fields at a line's
//!   end, so the missing field is the last column (`pulled-out-cell-placed-at-row-end`);
//! - a row whose numbers stand in no printed column (runs of spaces drop an empty cell), one
//!   short of its columns: its numbers keep their order, so the cells are those numbers with the
//!   pulled-out one inserted somewhere; a column is read only where every insertion gives it
//!   the same value (`7 7` with `7（其中修订 1 件）` below is 7, 7, 7; `0 5` with `0（…）` reads
//!   the first column 0 and leaves the other two unread), `pulled-out-cell-same-in-every-reading`.
//!
//! `pdftotext -layout` prints a cell of two lines centred in a tall row as its two lines around
//! the row's line: the number alone on the line above (or below) the row's other numbers, its
//! note on the other side. A space-aligned row placed by the columns of its neighbours
//! (`align::place_by_columns`) takes such a number into the blank column it lines up with
//! (`tall-cell-number-placed-by-column`), where it stands on the line next to the row's numbers,
//! the cell's note in brackets stands under it on the line after the row (or after a number
//! below it), and no other row next to it has a cell missing; a number alone next to the row
//! that is not so placed, or a number with its note read among the row's label, leaves the
//! row's blank cells unread, never blank in the report.

use crate::align::{self, DisplayColumns};
use crate::cells::{CellStore, Filled};
use crate::normalize::SourcePos;
use crate::number::read_count;
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::table::{Fit, RowRead, Segment, ValueCell, fit};
use crate::template::{ActiveRow, Column, RowSpec};

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
        let sole = only_row_short(rows, row, |r| spec_of(r).map(|s| s.columns.len()));
        let completed = (alone_below(cell, pulled, rows) && sole)
            .then(|| complete_row(cell, row, spec.columns.len()))
            .flatten();
        let partly = completed.is_some();
        let mut unread_columns = Vec::new();
        match completed {
            Some((cells, rule)) => {
                for (column, value) in spec.columns.iter().zip(cells) {
                    match value {
                        Some(value) => fill_cell(store, &spec, column, &value, rule),
                        None => unread_columns.push(column),
                    }
                }
                if unread_columns.is_empty() {
                    continue;
                }
            }
            None => unread_columns.extend(spec.columns.iter()),
        }
        if !row.values.iter().any(ValueCell::is_blank) && row.values.len() >= spec.columns.len() {
            continue;
        }
        // In printed columns, a blank beside the pulled-out cell is not known blank; apart from
        // its label, in no printed column, the row's other numbers may be in any columns once
        // one of its cells is below it (`\t0\t1` with `0（其中修订 16 件）` below is 0, 1, 0 as
        // well as blank, 0, 1), so what was read of it is withdrawn.
        let why = match (row.positional, sole, partly) {
            (true, true, _) => {
                "may be one of its blank cells; which one is not printed, so they are left unread"
            }
            (true, false, _) => {
                "may be one of its blank cells or fill another row's missing cell; the text does not say which, so they are left unread"
            }
            (false, _, true) => {
                "is one of its cells, and the row's other numbers stand in no printed column: put back before, between or after them it gives this cell different values, and the text does not say which, so it is left unread"
            }
            (false, _, false) => {
                "is one of its cells, and the row's other numbers stand in no printed column, so which column each is in is not known: the row is left unread"
            }
        };
        let problem = Problem::new(
            ProblemCode::MultiLineCellUnplaced,
            format!(
                "row {}: a cell printed on a line of its own below the row (`{}`) {why}",
                spec.label, cell.text
            ),
        )
        .at(cell.pos, cell.text.clone());
        for column in unread_columns {
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
    let alone = alone_below(cell, pulled, rows);
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

/// Whether `cell` is the only pulled-out cell below its row.
fn alone_below(cell: &PulledOut, pulled: &[PulledOut], rows: &[RowRead<ActiveRow>]) -> bool {
    let Some(row) = row_above(cell, rows) else {
        return false;
    };
    pulled
        .iter()
        .filter(|other| row_above(other, rows).is_some_and(|r| r.at == row.at))
        .count()
        == 1
}

/// Whether `row` is the only row of the table whose numbers do not fill its columns (one
/// short, one blank, or none found): the row a pulled-out cell was taken from is one of those.
fn only_row_short(
    rows: &[RowRead<ActiveRow>],
    row: &RowRead<ActiveRow>,
    columns_of: impl Fn(ActiveRow) -> Option<usize>,
) -> bool {
    let short = |r: &RowRead<ActiveRow>| {
        columns_of(r.row).is_none_or(|columns| {
            !matches!(fit(r.values.clone(), columns, r.padded_at_end),
                Fit::Exact(cells) if cells.iter().all(|v| !v.is_blank()))
        })
    };
    short(row) && rows.iter().filter(|r| short(r)).count() == 1
}

/// The cells of `row` with `cell` put back, column by column (`None` where the text leaves more
/// than one value), and the rule that placed them; `None` when no shape of the module docs fits.
fn complete_row(
    cell: &PulledOut,
    row: &RowRead<ActiveRow>,
    columns: usize,
) -> Option<(Vec<Option<ValueCell>>, ReadingRule)> {
    let pulled = ValueCell::Token {
        text: cell.number.clone(),
        raw: cell.text.clone(),
        pos: cell.pos.unwrap_or_default(),
    };
    read_count(&cell.number, &cell.text).ok()?;
    let values = &row.values;
    // Numbers gathered from lines apart from the label (not paired with it in order) are not
    // known to be the row's own.
    if columns < 2 || values.is_empty() || row.attached > 0 || row.below_bare_label {
        return None;
    }
    let numbers_only = values.iter().all(|v| !v.is_blank());
    if row.positional {
        if crate::gaps::label_columns_printed(values, row.padded_at_end, columns)
            && let Fit::Exact(cells) = fit(values.clone(), columns, row.padded_at_end)
            && cells.iter().filter(|v| v.is_blank()).count() == 1
        {
            let cells = cells
                .into_iter()
                .map(|v| Some(if v.is_blank() { pulled.clone() } else { v }))
                .collect();
            return Some((cells, ReadingRule::PulledOutCellPlaced));
        }
        let label_line = row.label.pos.map(|p| p.line);
        let on_label_line =
            label_line.is_some() && values.iter().all(|v| v.pos().map(|p| p.line) == label_line);
        if row.padded_at_end && on_label_line && numbers_only && values.len() + 1 == columns {
            let cells = values.iter().chain([&pulled]).cloned().map(Some).collect();
            return Some((cells, ReadingRule::PulledOutCellPlacedAtRowEnd));
        }
        return None;
    }
    if !numbers_only || values.len() + 1 != columns {
        return None;
    }
    let counts: Vec<u64> = values
        .iter()
        .map(|v| match v {
            ValueCell::Token { text, raw, .. } => read_count(text, raw).ok().map(|(n, _)| n),
            ValueCell::Blank { .. } => None,
        })
        .collect::<Option<_>>()?;
    let pulled_count = read_count(&cell.number, &cell.text).ok()?.0;
    // The cell of column `c` when the pulled-out cell is inserted before the `at`-th number.
    let reading = |at: usize, c: usize| -> (u64, &ValueCell) {
        match c.cmp(&at) {
            std::cmp::Ordering::Less => (counts[c], &values[c]),
            std::cmp::Ordering::Equal => (pulled_count, &pulled),
            std::cmp::Ordering::Greater => (counts[c - 1], &values[c - 1]),
        }
    };
    let cells = (0..columns)
        .map(|c| {
            let (first, value) = reading(0, c);
            (1..columns)
                .all(|at| reading(at, c).0 == first)
                .then(|| value.clone())
        })
        .collect();
    Some((cells, ReadingRule::PulledOutCellSameInEveryReading))
}

/// Reads `value` into `column` of the row, `rule` in its provenance.
fn fill_cell(
    store: &mut CellStore,
    spec: &RowSpec,
    column: &Column,
    value: &ValueCell,
    rule: ReadingRule,
) {
    let ValueCell::Token { text, raw, pos } = value else {
        return;
    };
    let Ok((count, mut rules)) = read_count(text, raw) else {
        return;
    };
    rules.push(rule);
    store.fill(
        format!("{}/{}", spec.path, column.name),
        Filled {
            value: count.into(),
            pos: *pos,
            raw: raw.clone(),
            rules,
        },
    );
}

/// Numbers alone on a line, with no label and not paired with one (`paired`: indexes into
/// `orphans`): where a cell of two lines is centred in a tall row, its number.
pub(crate) fn lone_numbers(orphans: &[(usize, Segment)], paired: &[usize]) -> Vec<ValueCell> {
    orphans
        .iter()
        .enumerate()
        .filter(|(k, (_, orphan))| !paired.contains(k) && orphan.label.is_none())
        .filter_map(|(_, (_, orphan))| match orphan.values.as_slice() {
            [cell @ ValueCell::Token { .. }] => Some(cell.clone()),
            _ => None,
        })
        .collect()
}

/// Writes row `index` of `rows` with its numbers in the columns of its complete neighbours
/// (`align::place_by_columns`, blank where none stands) and the number alone on the line next to
/// its numbers that lines up with one of its blank columns (see the module docs); its blank
/// cells unread where such a number stands next to it but is not placed. Whether the row's
/// numbers stand in its neighbours' columns (nothing is written otherwise).
pub(crate) fn put_placed_by_columns(
    store: &mut CellStore,
    spec: &RowSpec,
    rows: &[RowRead<ActiveRow>],
    index: usize,
    lone: &[ValueCell],
    display: &DisplayColumns,
    columns_of: impl Fn(ActiveRow) -> usize,
) -> bool {
    let (Some(row), Some(values)) = (
        rows.get(index),
        align::place_by_columns(rows, index, spec.columns.len(), display),
    ) else {
        return false;
    };
    let values = values.as_slice();
    // Where no number stands beside the row, its blanks are the publisher's.
    let outcome = match noted_number_in(&row.label.published) {
        // A cell wrapped after its number's note opened (`731（其中修订` over `2 件）`) reads as
        // label text on the row's line: which blank column it stands in is not read.
        Some(noted) => Some(Err(Problem::new(
            ProblemCode::MultiLineCellUnplaced,
            format!(
                "row {}: a number with a note (`{noted}`) stands among the row's label text, printed in a cell wrapped over lines; it may be one of its blank cells, so they are left unread",
                spec.label
            ),
        )
        .at(row.label.pos, row.label.published.clone()))),
        None => lone_number_beside(spec, rows, index, values, lone, display, &columns_of),
    };
    let mut cells = values.to_vec();
    if let Some(Ok((k, cell))) = outcome
        && let Some(slot) = cells.get_mut(k)
    {
        slot.clone_from(cell);
    }
    store.put_row(spec, &cells, &[ReadingRule::PlacedByColumnPosition]);
    match outcome {
        Some(Ok((k, _))) => {
            // The number read so says how it was placed (its value rules kept).
            let pointer = spec
                .columns
                .get(k)
                .map(|c| format!("{}/{}", spec.path, c.name));
            if let Some(filled) = pointer.and_then(|p| store.filled.get_mut(&p)) {
                filled
                    .rules
                    .retain(|rule| *rule != ReadingRule::PlacedByColumnPosition);
                filled.rules.push(ReadingRule::TallCellNumberPlacedByColumn);
            }
        }
        Some(Err(problem)) => {
            for (column, value) in spec.columns.iter().zip(values) {
                if value.is_blank() {
                    store.explain(format!("{}/{}", spec.path, column.name), problem.clone());
                }
            }
        }
        None => {}
    }
    true
}

/// The number alone on the line next to the numbers of row `index` (placed by columns as
/// `values`) and the blank column it goes in (see the module docs), or why the row's blank
/// cells are left unread; `None` where no number stands alone next to the row.
fn lone_number_beside<'a>(
    spec: &RowSpec,
    rows: &[RowRead<ActiveRow>],
    index: usize,
    values: &[ValueCell],
    lone: &'a [ValueCell],
    display: &DisplayColumns,
    columns_of: &impl Fn(ActiveRow) -> usize,
) -> Option<Result<(usize, &'a ValueCell), Problem>> {
    let line_of = |cell: &ValueCell| cell.pos().map(|p| p.line);
    let next_to = |at: u32, other: u32| at.abs_diff(other) == 1;
    let row_line = values.iter().find_map(line_of)?;
    let beside: Vec<&ValueCell> = lone
        .iter()
        .filter(|cell| line_of(cell).is_some_and(|at| next_to(at, row_line)))
        .collect();
    let cell = *beside.first()?;
    // Another row next to the number with a cell missing may be the one it belongs to.
    let complete = |other: &RowRead<ActiveRow>| {
        matches!(fit(other.values.clone(), columns_of(other.row), other.padded_at_end),
            Fit::Exact(cells) if cells.iter().all(|v| !v.is_blank()))
    };
    let shared = line_of(cell).is_some_and(|at| {
        rows.iter().enumerate().any(|(k, other)| {
            let mut lines = other
                .values
                .iter()
                .filter_map(line_of)
                .chain(other.label.pos.map(|p| p.line));
            k != index && !complete(other) && lines.any(|l| next_to(l, at))
        })
    });
    let column = align::column_of_lone_number(rows, index, spec.columns.len(), display, cell)
        .filter(|k| values.get(*k).is_some_and(ValueCell::is_blank));
    // The cell's note stands on the other side of the row's line, or under a number below it.
    let noted = line_of(cell).is_some_and(|at| {
        display.note_under(if at < row_line { row_line + 1 } else { at + 1 }, cell)
    });
    let why = match (beside.len(), shared, column, noted) {
        (2.., _, _, _) => "more than one number stands alone next to the row",
        (_, true, _, _) => "another row next to it has a cell missing too",
        (_, _, None, _) => "it lines up with none of the row's blank columns",
        (_, _, Some(_), false) => "no note in brackets under it shows a cell of two lines",
        (_, _, Some(k), true) => return Some(Ok((k, cell))),
    };
    Some(Err(Problem::new(
        ProblemCode::MultiLineCellUnplaced,
        format!(
            "row {}: a number alone on the line next to the row (`{}`) may be one of its blank cells, printed on two lines in a tall row; {why}, so they are left unread",
            spec.label,
            cell.raw()
        ),
    )
    .at(cell.pos(), cell.raw().to_owned())))
}

/// The first number followed by an opening bracket in `text` with what follows it
/// (`731（其中修订` of `行政规范性文件 731（其中修订`): 表二's labels hold no digits.
fn noted_number_in(text: &str) -> Option<&str> {
    let bracket = text.find(['（', '('])?;
    let digits = text[..bracket]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    (digits > 0).then(|| &text[bracket - digits..])
}

//! The document every input is turned into: positioned lines of text and table rows.

use crate::normalize::PosText;

/// A piece of the document in reading order.
#[derive(Debug)]
pub(crate) enum Block {
    /// A line of text (a paragraph of HTML or DOCX, a line of a text file).
    Line(PosText),
    /// A real table (HTML or DOCX), one unit per row.
    Table(Vec<Unit>),
}

/// One row of cells, as read from a table row or from a line of text.
#[derive(Debug, Default)]
pub(crate) struct Unit {
    pub cells: Vec<Cell>,
    /// Whether every column produced a cell, so an empty cell is a blank value in its column.
    /// False for space-aligned text, where an empty cell leaves no trace.
    pub positional: bool,
    /// Whether surplus empty cells are padding at the end of the row (tab-separated text gives
    /// every line the same number of tabs) rather than columns of a label spanning several.
    pub padded_at_end: bool,
}

/// One cell of a unit.
#[derive(Debug, Default)]
pub(crate) struct Cell {
    pub text: PosText,
    /// For a column covered by a merged (colspan) cell: the index of the cell it continues.
    pub continues: Option<usize>,
}

impl Cell {
    /// A cell with text.
    pub fn new(text: PosText) -> Self {
        Self {
            text,
            continues: None,
        }
    }
}

/// Drops the columns of a table's grid in which no cell starts: every row only continues a cell
/// there that spans the column before too. Word's grid has such columns wherever cells of
/// different rows end a little apart (LibreOffice's HTML of a Word table: 表四's 总计 spanning
/// two grid columns, its header too), and read as columns they would be one blank cell too many
/// in the row. Nothing is lost: the spanning cells keep their text, and a column in which any
/// row starts a cell stays.
pub(crate) fn drop_continued_columns(units: &mut [Unit]) {
    let width = units.iter().map(|u| u.cells.len()).max().unwrap_or(0);
    let keep: Vec<bool> = (0..width)
        .map(|k| {
            units
                .iter()
                .any(|u| u.cells.get(k).is_some_and(|c| c.continues.is_none()))
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    // Where each kept column goes; a continued cell's origin is a kept column (it starts there).
    let moved_to: Vec<usize> = keep
        .iter()
        .scan(0, |next, &kept| {
            let at = *next;
            *next += usize::from(kept);
            Some(at)
        })
        .collect();
    for unit in units {
        let cells = std::mem::take(&mut unit.cells);
        unit.cells = cells
            .into_iter()
            .zip(&keep)
            .filter(|(_, kept)| **kept)
            .map(|(mut cell, _)| {
                cell.continues = cell.continues.and_then(|o| moved_to.get(o).copied());
                cell
            })
            .collect();
    }
}

/// A line break inside a cell (a paragraph end, `<br>`): whitespace when the cell is read as a
/// figure or label, a line end when the table turns out to hold prose.
pub(crate) const CELL_BREAK: char = '\n';

/// Whether a table holds prose rather than a table of the report: some cell is far longer than
/// any label of the template (whole reports are sometimes laid out in a one-cell table).
pub(crate) fn holds_prose<'a>(mut cells: impl Iterator<Item = &'a PosText>) -> bool {
    cells.any(|text| {
        text.glyphs
            .iter()
            .filter(|g| !g.ch.is_whitespace())
            .nth(80)
            .is_some()
    })
}

/// The lines of a cell of a prose table.
pub(crate) fn cell_lines(text: PosText) -> impl Iterator<Item = PosText> {
    text.glyphs
        .split(|g| g.ch == CELL_BREAK)
        .map(|glyphs| PosText {
            glyphs: glyphs.to_vec(),
        })
        .filter(|line| !line.is_blank())
        .collect::<Vec<_>>()
        .into_iter()
}

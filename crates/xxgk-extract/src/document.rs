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

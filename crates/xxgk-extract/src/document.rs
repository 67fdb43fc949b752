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

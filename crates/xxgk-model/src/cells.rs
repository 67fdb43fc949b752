//! The cell table's row type: one numeric cell of the template, with its labels.

use crate::{Decimal, PublishedAmount};

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellKind {
    /// A count (`u64`).
    Count,
    /// An exact decimal amount.
    Decimal,
    /// A signed change (`i64`; the 2019 format's 本年增/减).
    Signed,
    /// An amount as published, with its unit (the 2019 format's 采购总金额).
    Published,
}

/// One numeric cell of the template's tables (see [`crate::CELLS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    /// JSON Pointer of the cell in a canonical document.
    pub pointer: &'static str,
    /// The table of the template, e.g. `表三`.
    pub table: &'static str,
    /// The verbatim Chinese labels from the section heading down to the cell.
    pub labels_zh: &'static [&'static str],
    /// The English name of the cell.
    pub name_en: &'static str,
    /// The unit: `件` or `万元`, empty when the template fixes none.
    pub unit: &'static str,
    /// What the cell holds.
    pub kind: CellKind,
}

impl Cell {
    /// The Chinese label path joined for display: `三、… › （七）总计 › 自然人`.
    pub fn label_path(&self) -> String {
        self.labels_zh.join(" › ")
    }

    /// The index of the cell with this pointer in [`crate::CELLS`].
    pub fn index_of(pointer: &str) -> Option<usize> {
        crate::CELLS.iter().position(|c| c.pointer == pointer)
    }
}

/// The value of one cell in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellValue<'a> {
    /// A count.
    Count(u64),
    /// An amount.
    Decimal(&'a Decimal),
    /// A signed change.
    Signed(i64),
    /// An amount as published, with its unit.
    Published(&'a PublishedAmount),
}

//! One edition of the national format as data: its published files, its cells and its template
//! (sections, tables, rows, columns), generated from the schema's annotations so that no crate
//! restates a label or a pointer of the template by hand.
//!
//! An edition is a value ([`crate::STANDARD_2021`], [`crate::STANDARD_2019`]): a second edition
//! is a second value, read by the same code.

use std::collections::HashMap;

use crate::Cell;

/// One edition of the standard.
#[derive(Debug)]
pub struct Standard {
    /// The edition of the national format (`x-edition`), e.g. `2021`.
    pub edition: &'static str,
    /// The schema's verbatim `title`.
    pub title: &'static str,
    /// The schema's `$id`.
    pub schema_id: &'static str,
    /// The schema's semantic version (`x-version`).
    pub schema_version: &'static str,
    /// The published JSON schema, embedded.
    pub schema_json: &'static str,
    /// The published rule catalogue (JSON form), embedded.
    pub rules_json: &'static str,
    /// Every numeric cell of the template's tables, in document order.
    pub cells: &'static [Cell],
    /// Every property of the document tree (objects and values, cells included), in document
    /// order.
    pub nodes: &'static [Node],
    /// The numbered sections (`一、总体情况` …), in template order.
    pub sections: &'static [Section],
    /// The tables (表二, 表三, 表四), in template order.
    pub tables: &'static [Table],
}

/// A property of the document tree, named as the template names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// JSON Pointer of the node.
    pub pointer: &'static str,
    /// The verbatim Chinese labels from the top-level property down: every `x-header` and
    /// `title` on the way (a cell's label path).
    pub labels_zh: &'static [&'static str],
    /// The English names (`x-name-en`) from the top down, joined with ` › `.
    pub name_en: &'static str,
    /// The unit of a numeric value (`件`, `元`, `万元`), if it has one.
    pub unit: Option<&'static str>,
}

/// A numbered section of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// JSON Pointer of the section's object, e.g. `/overview`.
    pub pointer: &'static str,
    /// The verbatim heading with its numeral: `一、总体情况`.
    pub heading: &'static str,
    /// The numeral: `一`.
    pub numeral: &'static str,
    /// The heading without its numeral: `总体情况`.
    pub title: &'static str,
    /// The English name.
    pub name_en: &'static str,
    /// The number of the table the section holds (`表二`), if any.
    pub table: Option<&'static str>,
}

/// A table of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The table's number in the template: `表三`.
    pub number: &'static str,
    /// The verbatim title of the table's object (its section's heading).
    pub title: &'static str,
    /// JSON Pointer of the table's object, e.g. `/applications`.
    pub pointer: &'static str,
    /// The rows, in template order.
    pub rows: &'static [Row],
    /// Every column a row of the table has, in template order.
    pub columns: &'static [Column],
}

/// A row of a table: an object whose properties are cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// JSON Pointer of the row's object.
    pub pointer: &'static str,
    /// The verbatim label: `（二）部分公开（区分处理的，只计这一情形，不计其他情形）`.
    pub label: &'static str,
    /// The label without the template's remark in brackets: `（二）部分公开`.
    pub name: &'static str,
    /// The shortest name: the label's ordinal (`一、`, `（一）`, `1.`), or its name when it has
    /// none (`规章`, `行政复议`).
    pub short_label: &'static str,
    /// The English name.
    pub name_en: &'static str,
    /// The header printed above the row in the template (`x-header`): `第二十条第（一）项` in
    /// 表二, `行政诉讼` over two groups of 表四.
    pub header: Option<&'static str>,
    /// The groups the row belongs to, outermost first: `三、本年度办理结果`, `（三）不予公开`.
    pub groups: &'static [Group],
    /// The row's cells in column order.
    pub cells: &'static [RowCell],
}

/// A group of rows: an object of the table whose properties are rows or groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// JSON Pointer of the group's object.
    pub pointer: &'static str,
    /// The verbatim label: `（三）不予公开`.
    pub label: &'static str,
    /// The label's ordinal: `（三）`, `三、`.
    pub short_label: &'static str,
    /// The English name.
    pub name_en: &'static str,
}

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowCell {
    /// Index into the table's [`Table::columns`].
    pub column: usize,
    /// Index into [`Standard::cells`].
    pub cell: usize,
}

/// A column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The property name of the column's cells: `commercial_enterprise`.
    pub key: &'static str,
    /// The verbatim header: `本年收费金额（单位：万元）`.
    pub header: &'static str,
    /// The header without the template's remark in brackets: `本年收费金额`.
    pub short_header: &'static str,
    /// The header printed above this and its neighbours: `法人或其他组织`.
    pub header_group: Option<&'static str>,
    /// The English name.
    pub name_en: &'static str,
}

/// Where a cell sits in the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The cell's table.
    pub table: &'static Table,
    /// The cell's row.
    pub row: &'static Row,
    /// The cell's column.
    pub column: &'static Column,
}

impl Standard {
    /// A map from every cell's pointer to its index in [`Standard::cells`]: build it once and
    /// look cells up in it, rather than search the table per lookup.
    pub fn cell_indices(&self) -> HashMap<&'static str, usize> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.pointer, i))
            .collect()
    }

    /// The node at `pointer`, if the schema has one there.
    pub fn node(&self, pointer: &str) -> Option<&'static Node> {
        self.nodes.iter().find(|n| n.pointer == pointer)
    }

    /// The table whose object is at `pointer`.
    pub fn table(&self, pointer: &str) -> Option<&'static Table> {
        self.tables.iter().find(|t| t.pointer == pointer)
    }

    /// The section whose object is at `pointer`.
    pub fn section(&self, pointer: &str) -> Option<&'static Section> {
        self.sections.iter().find(|s| s.pointer == pointer)
    }

    /// The table, row and column of every cell, in the order of [`Standard::cells`] (`None`
    /// for a cell no row holds, which codegen does not generate).
    pub fn places(&self) -> Vec<Option<Place>> {
        let mut places = vec![None; self.cells.len()];
        for table in self.tables {
            for row in table.rows {
                for rc in row.cells {
                    if let (Some(slot), Some(column)) =
                        (places.get_mut(rc.cell), table.columns.get(rc.column))
                    {
                        *slot = Some(Place { table, row, column });
                    }
                }
            }
        }
        places
    }
}

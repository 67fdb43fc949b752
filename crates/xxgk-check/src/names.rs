//! The names of the schema's nodes for messages, read from the edition's [`Standard`] (its
//! nodes, sections, tables, rows and columns, generated from the schema's annotations), so that
//! a table, a group or a field is named as the template names it and not by its pointer.

use std::collections::HashMap;

use xxgk_model::{Cell, Node, Standard};

/// What a missing node is, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// One numeric cell of a table.
    Cell,
    /// A whole table of the template, with its number of cells.
    Table(String, usize),
    /// A numbered section of the template.
    Section,
    /// A row or group of cells of a table, with its number of cells.
    Group(usize),
    /// Any other required field.
    Field,
}

/// The names of every node of one edition's schema, by pointer.
#[derive(Debug, Clone)]
pub struct Names {
    standard: &'static Standard,
    nodes: HashMap<&'static str, &'static Node>,
    /// Each cell's index in the standard's cells.
    cells: HashMap<&'static str, usize>,
    /// Each cell's name in a sentence (zh, en), in the order of the cells.
    cell_names: Vec<(String, String)>,
}

impl Names {
    /// Reads the names from the standard.
    pub fn of_standard(standard: &'static Standard) -> Self {
        let cell_names = standard
            .places()
            .into_iter()
            .zip(standard.cells)
            .map(|(place, cell)| match place {
                // A numbered item (`1.属于国家秘密`) is only unique with its group's ordinal.
                Some(p) => match p.row.groups.last() {
                    Some(group) if p.row.short_label.ends_with('.') => (
                        format!("{}{} {}", group.short_label, p.row.label, p.column.header),
                        format!(
                            "{} › {}, {}",
                            group.name_en, p.row.name_en, p.column.name_en
                        ),
                    ),
                    _ => (
                        format!("{} {}", p.row.name, p.column.header),
                        format!("{}, {}", p.row.name_en, p.column.name_en),
                    ),
                },
                None => (cell.label_path(), cell.name_en.to_owned()),
            })
            .collect();
        Self {
            standard,
            nodes: standard.nodes.iter().map(|n| (n.pointer, n)).collect(),
            cells: standard.cell_indices(),
            cell_names,
        }
    }

    /// The Chinese label path and the English name of the node at `pointer`, if it is one.
    pub fn of(&self, pointer: &str) -> Option<(String, String)> {
        self.nodes
            .get(pointer)
            .map(|n| (n.labels_zh.join(" › "), n.name_en.to_owned()))
    }

    /// The index of the cell at `pointer`, if it is one.
    pub fn cell_index(&self, pointer: &str) -> Option<usize> {
        self.cells.get(pointer).copied()
    }

    /// The cell at `pointer`, if it is one.
    pub fn cell(&self, pointer: &str) -> Option<&'static Cell> {
        self.standard.cells.get(self.cell_index(pointer)?)
    }

    /// Whether the value at `pointer` is an amount of money (its unit is 元 or 万元).
    pub fn is_amount(&self, pointer: &str) -> bool {
        self.nodes
            .get(pointer)
            .and_then(|n| n.unit)
            .is_some_and(|unit| unit.ends_with('元'))
    }

    /// What the node at `pointer` is, for the message that says it is missing.
    pub fn missing(&self, pointer: &str) -> Missing {
        let below = format!("{pointer}/");
        let cells = self
            .standard
            .cells
            .iter()
            .filter(|c| c.pointer == pointer || c.pointer.starts_with(&below))
            .count();
        if let Some(table) = self.standard.table(pointer) {
            return Missing::Table(table.number.to_owned(), cells);
        }
        match cells {
            1 if self.cells.contains_key(pointer) => Missing::Cell,
            0 if self.standard.section(pointer).is_some() => Missing::Section,
            0 => Missing::Field,
            n => Missing::Group(n),
        }
    }

    /// A cell's name in a sentence: its row and its column (`（二）部分公开 商业企业`,
    /// `行政复议 结果维持`), the row by its group's ordinal when it is a numbered item
    /// (`（三）1.属于国家秘密 自然人`) and without the template's remark in brackets.
    pub fn cell_zh(&self, cell: usize) -> &str {
        self.cell_names.get(cell).map_or("", |(zh, _)| zh)
    }

    /// A cell's name in an English sentence: `Partially granted, Commercial enterprises`.
    pub fn cell_en(&self, cell: usize) -> &str {
        self.cell_names.get(cell).map_or("", |(_, en)| en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use xxgk_model::{CELLS, STANDARD_2021};

    fn names() -> Names {
        Names::of_standard(&STANDARD_2021)
    }

    #[test]
    fn every_cell_has_its_generated_label_path() {
        let names = names();
        for cell in &CELLS {
            let (zh, en) = names.of(cell.pointer).unwrap();
            assert_eq!(zh, cell.label_path(), "{}", cell.pointer);
            assert_eq!(en, cell.name_en, "{}", cell.pointer);
        }
    }

    #[test]
    fn missing_nodes_are_told_apart() {
        let names = names();
        assert_eq!(
            names.missing("/applications"),
            Missing::Table("表三".into(), 175)
        );
        assert_eq!(
            names.missing("/review_litigation"),
            Missing::Table("表四".into(), 15)
        );
        assert_eq!(
            names.missing("/applications/results/withheld"),
            Missing::Group(56)
        );
        assert_eq!(
            names.missing("/applications/new_received"),
            Missing::Group(7)
        );
        assert_eq!(
            names.missing("/applications/new_received/total"),
            Missing::Cell
        );
        assert_eq!(names.missing("/overview"), Missing::Section);
        assert_eq!(names.missing("/overview/text"), Missing::Field);
        assert_eq!(names.missing("/metadata"), Missing::Field);
        assert_eq!(names.missing("/metadata/organ/name"), Missing::Field);
    }

    #[test]
    fn amounts_are_known_by_their_unit() {
        let names = names();
        assert!(names.is_amount("/active_disclosure/fees/amount_wan_yuan"));
        assert!(names.is_amount("/other_matters/processing_fees/collected_yuan"));
        assert!(!names.is_amount("/other_matters/processing_fees/notices_issued"));
        assert!(!names.is_amount("/metadata/organ/division_code"));
    }

    #[test]
    fn cells_are_named_by_row_and_column() {
        let names = names();
        let cases = [
            (
                "/applications/results/partially_granted/commercial_enterprise",
                "（二）部分公开 商业企业",
                "Partially granted, Commercial enterprises",
            ),
            (
                "/applications/results/withheld/state_secret/natural_person",
                "（三）1.属于国家秘密 自然人",
                "Withheld › State secret, Natural persons",
            ),
            (
                "/applications/new_received/total",
                "一、本年新收政府信息公开申请数量 总计",
                "New applications received, Total",
            ),
            (
                "/review_litigation/litigation_direct/upheld",
                "未经复议直接起诉 结果维持",
                "Lawsuits without prior review, Upheld",
            ),
        ];
        for (pointer, zh, en) in cases {
            let cell = Cell::index_of(pointer).unwrap();
            assert_eq!(names.cell_zh(cell), zh);
            assert_eq!(names.cell_en(cell), en);
        }
    }
}

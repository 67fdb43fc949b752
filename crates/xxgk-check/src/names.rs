//! The names of the schema's nodes for messages, read from the published schema's annotations
//! (`title`, `x-header`, `x-name-en`, `x-table`), so that a table, a group or a field is named
//! as the template names it and not by its pointer.

use std::collections::HashMap;

use serde_json::Value;
use xxgk_model::CELLS;

use crate::locate::escape;

/// The names of one node of the schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Node {
    /// `title` of every node from the top-level property down to this one.
    titles: Vec<String>,
    /// The label path: the `x-header`s and `title`s from the top down, as a cell's label path.
    labels: Vec<String>,
    /// `x-name-en` of every node from the top down.
    names_en: Vec<String>,
    /// The table the node is (`表三`), when it carries `x-table`.
    table: Option<String>,
    /// The unit of a numeric value (`件`, `元`, `万元`), from `x-unit`.
    unit: Option<String>,
}

/// What a missing node is, as a message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// One numeric cell of a table.
    Cell,
    /// A whole table of the template, with its number of cells.
    Table(String, usize),
    /// A section of the template (a top-level node whose title is numbered `一、`…).
    Section,
    /// A row or group of cells of a table, with its number of cells.
    Group(usize),
    /// Any other required field.
    Field,
}

/// The names of every node of the schema, by pointer.
#[derive(Debug, Clone, Default)]
pub struct Names(HashMap<String, Node>);

/// The strings of an annotation that is a string or a list of strings.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a title is numbered like a section of the template (`一、总体情况`).
fn section_numbered(title: &str) -> bool {
    title.split_once('、').is_some_and(|(n, _)| {
        !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c))
    })
}

impl Names {
    /// Reads the names from the published schema.
    pub fn of_schema(schema: &Value) -> Self {
        let mut names = Self::default();
        names.walk(schema, schema, "", &Node::default(), 0);
        names
    }

    fn walk(&mut self, schema: &Value, node: &Value, at: &str, parent: &Node, depth: usize) {
        // The schema nests a handful of levels; the bound only guards against a cyclic `$ref`.
        if depth > 16 {
            return;
        }
        let resolved = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| schema.get("$defs")?.get(name));
        for properties in [
            node.get("properties"),
            resolved.and_then(|r| r.get("properties")),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        {
            for (key, child) in properties {
                let mut named = parent.clone();
                let title = child.get("title").and_then(Value::as_str);
                named.labels.extend(strings(child.get("x-header")));
                if let Some(title) = title {
                    named.titles.push(title.to_owned());
                    named.labels.push(title.to_owned());
                }
                if let Some(en) = child.get("x-name-en").and_then(Value::as_str) {
                    named.names_en.push(en.to_owned());
                }
                named.table = child
                    .get("x-table")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let child_def = child
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .and_then(|name| schema.get("$defs")?.get(name));
                named.unit = [Some(child), child_def]
                    .into_iter()
                    .flatten()
                    .find_map(|n| n.get("x-unit")?.as_str())
                    .map(str::to_owned);
                let pointer = format!("{at}/{}", escape(key));
                self.walk(schema, child, &pointer, &named, depth + 1);
                self.0.insert(pointer, named);
            }
        }
    }

    /// The Chinese label path and the English name of the node at `pointer`, if it is one.
    pub fn of(&self, pointer: &str) -> Option<(String, String)> {
        self.0
            .get(pointer)
            .map(|n| (n.labels.join(" › "), n.names_en.join(" › ")))
    }

    /// Whether the value at `pointer` is an amount of money (its unit is 元 or 万元).
    pub fn is_amount(&self, pointer: &str) -> bool {
        self.0
            .get(pointer)
            .and_then(|n| n.unit.as_deref())
            .is_some_and(|unit| unit.ends_with('元'))
    }

    /// What the node at `pointer` is, for the message that says it is missing.
    pub fn missing(&self, pointer: &str) -> Missing {
        let below = format!("{pointer}/");
        let cells = CELLS
            .iter()
            .filter(|c| c.pointer == pointer || c.pointer.starts_with(&below))
            .count();
        let node = self.0.get(pointer);
        let top_level = pointer.matches('/').count() == 1;
        match (node.and_then(|n| n.table.clone()), cells) {
            (Some(table), _) => Missing::Table(table, cells),
            (None, 1) if CELLS.iter().any(|c| c.pointer == pointer) => Missing::Cell,
            (None, 0) => {
                let numbered = node
                    .and_then(|n| n.titles.last())
                    .is_some_and(|t| section_numbered(t));
                if top_level && numbered {
                    Missing::Section
                } else {
                    Missing::Field
                }
            }
            (None, n) => Missing::Group(n),
        }
    }

    /// A cell's name in a sentence: its row and its column (`（二）部分公开 商业企业`,
    /// `行政复议 结果维持`), the row by its group's ordinal when it is a numbered item
    /// (`（三）1.属于国家秘密 自然人`) and without the template's remark in brackets.
    pub fn cell_zh(&self, pointer: &str) -> String {
        let Some(node) = self.0.get(pointer) else {
            return pointer.to_owned();
        };
        let titles: Vec<&str> = node.titles.iter().map(String::as_str).collect();
        match titles.as_slice() {
            [.., group, row, column] if row.starts_with(|c: char| c.is_ascii_digit()) => {
                let ordinal = group
                    .find('）')
                    .map_or(*group, |end| &group[..end + '）'.len_utf8()]);
                format!("{ordinal}{row} {column}")
            }
            [_, .., row, column] => format!("{} {column}", without_remark(row)),
            _ => node.labels.join(" › "),
        }
    }

    /// A cell's name in an English sentence: `Partially granted, Commercial enterprises`.
    pub fn cell_en(&self, pointer: &str) -> String {
        let Some(node) = self.0.get(pointer) else {
            return pointer.to_owned();
        };
        let titles = &node.titles;
        let numbered = titles
            .len()
            .checked_sub(2)
            .and_then(|i| titles.get(i))
            .is_some_and(|row| row.starts_with(|c: char| c.is_ascii_digit()));
        let take = if numbered { 3 } else { 2 };
        let names = &node.names_en;
        let tail = names
            .get(names.len().saturating_sub(take)..)
            .unwrap_or_default();
        match tail {
            [row @ .., column] if !row.is_empty() => format!("{}, {column}", row.join(" › ")),
            _ => names.join(" › "),
        }
    }
}

/// A row label without the remark the template adds in brackets after its name:
/// `（二）部分公开` of `（二）部分公开（区分处理的，只计这一情形，不计其他情形）`.
fn without_remark(label: &str) -> &str {
    let start = if label.starts_with('（') {
        label.find('）').map_or(0, |end| end + '）'.len_utf8())
    } else {
        0
    };
    label
        .get(start..)
        .and_then(|rest| rest.find('（'))
        .and_then(|i| label.get(..start + i))
        .filter(|name| name.len() > start)
        .unwrap_or(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::of_schema(&serde_json::from_str(xxgk_model::SCHEMA_JSON).unwrap())
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
            assert_eq!(names.cell_zh(pointer), zh);
            assert_eq!(names.cell_en(pointer), en);
        }
    }
}

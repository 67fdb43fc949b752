//! The cells read so far: values with where they came from, and why the others are missing.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::normalize::SourcePos;
use crate::number::{read_count, read_decimal, read_signed};
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::table::ValueCell;
use crate::template::{RowSpec, ValueKind};

/// A cell that was read.
#[derive(Clone, Debug)]
pub(crate) struct Filled {
    pub value: Value,
    pub pos: SourcePos,
    pub raw: String,
    pub rules: Vec<ReadingRule>,
}

/// Read cells by JSON Pointer, and problems for the cells that could not be read.
#[derive(Clone, Debug, Default)]
pub(crate) struct CellStore {
    pub filled: BTreeMap<String, Filled>,
    pub missing: BTreeMap<String, Problem>,
    /// Sums printed of cells not printed one by one ([`crate::PrintedSum`]).
    pub sums: Vec<crate::PrintedSum>,
    /// Cells on which two readings of the text disagree (a page number printed bare where a
    /// blank printed no line): no later reading places them.
    pub undecided: BTreeSet<String>,
}

impl CellStore {
    /// Records why a cell is missing, unless it was read or already explained.
    pub fn miss(&mut self, pointer: String, problem: Problem) {
        if !self.filled.contains_key(&pointer) {
            self.missing
                .entry(pointer.clone())
                .or_insert_with(|| problem.at_pointer(pointer));
        }
    }

    /// Records why a cell is missing, replacing an earlier explanation: used when a later look
    /// shows that a cell that seemed blank may well be printed (its numbers stand unlabelled
    /// nearby), so the reader, not the publisher, is to blame.
    pub fn explain(&mut self, pointer: String, problem: Problem) {
        if !self.filled.contains_key(&pointer) {
            self.missing
                .insert(pointer.clone(), problem.at_pointer(pointer));
        }
    }

    /// Withdraws a value read for a cell and records why it is missing: used when a later look
    /// shows that the column it was read into is not printed (a cell of its row stands on a
    /// line of its own, so the row's other numbers may belong to other columns).
    pub fn withdraw(&mut self, pointer: String, problem: Problem) {
        self.filled.remove(&pointer);
        self.missing
            .insert(pointer.clone(), problem.at_pointer(pointer));
    }

    /// Stores a value read for a cell.
    pub fn fill(&mut self, pointer: String, filled: Filled) {
        self.missing.remove(&pointer);
        self.filled.entry(pointer).or_insert(filled);
    }

    /// Writes the value cells of a row, one per column.
    pub fn put_row(&mut self, spec: &RowSpec, values: &[ValueCell], rules: &[ReadingRule]) {
        for (column, value) in spec.columns.iter().zip(values) {
            let pointer = [spec.path, column.name].join("/");
            match value {
                ValueCell::Blank { pos, raw, .. } => self.miss(
                    pointer,
                    Problem::new(
                        ProblemCode::CellBlank,
                        format!(
                            "{} › {} is blank in the report; a blank is missing, not 0",
                            spec.label, column.label
                        ),
                    )
                    .at(*pos, raw.clone()),
                ),
                ValueCell::Token { text, raw, pos } => {
                    let read = match column.kind {
                        ValueKind::Count => read_count(text, raw).map(|(v, r)| (Value::from(v), r)),
                        ValueKind::Decimal => {
                            read_decimal(text, raw, column.unit).map(|(v, r)| (Value::from(v), r))
                        }
                        ValueKind::Signed => {
                            read_signed(text, raw).map(|(v, r)| (Value::from(v), r))
                        }
                        ValueKind::Published => Ok((Value::from(text.clone()), Vec::new())),
                    };
                    match read {
                        Ok((value, mut value_rules)) => {
                            value_rules.extend_from_slice(rules);
                            self.fill(
                                pointer,
                                Filled {
                                    value,
                                    pos: *pos,
                                    raw: raw.clone(),
                                    rules: value_rules,
                                },
                            );
                        }
                        Err(why) => self.miss(
                            pointer,
                            Problem::new(
                                ProblemCode::CellUnreadable,
                                format!(
                                    "{} › {}: `{raw}` is {}",
                                    spec.label,
                                    column.label,
                                    why.describe()
                                ),
                            )
                            .at(Some(*pos), raw.clone()),
                        ),
                    }
                }
            }
        }
    }

    /// Writes a row read from numbers wrapped in narrow cells (`wrapped::unwrap_cells`): each
    /// cell with `rules` (how the row was placed), and the rule that joined its pieces where one
    /// did.
    pub fn put_joined(
        &mut self,
        spec: &RowSpec,
        cells: &[(ValueCell, bool)],
        rules: &[ReadingRule],
    ) {
        for (c, (value, joined)) in cells.iter().enumerate() {
            let Some(columns) = spec.columns.get(c..=c) else {
                continue;
            };
            let one = RowSpec {
                path: spec.path,
                label: spec.label,
                columns,
            };
            let mut rules = rules.to_vec();
            if *joined {
                rules.push(ReadingRule::WrappedDigitsJoinedByIdentities);
            }
            self.put_row(&one, std::slice::from_ref(value), &rules);
        }
    }

    /// Marks every cell of a row missing with the same explanation.
    pub fn miss_row(&mut self, spec: &RowSpec, problem: &Problem) {
        for column in spec.columns {
            self.miss(format!("{}/{}", spec.path, column.name), problem.clone());
        }
    }
}

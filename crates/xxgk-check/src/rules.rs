//! The rule pass: every identity of the catalogue, compiled to cell indices, and root-cause
//! analysis (see "Evaluating the rules" in `schema/README.md`, which this implements).

use std::collections::BTreeSet;

use xxgk_model::catalogue::{Catalogue, CatalogueError, Member, SumRule, placeholders};
use xxgk_model::{CELL_COUNT, CELLS};

use crate::diagnostic::{Diagnostic, Kind, RootCause, Severity};

/// The count values of the cells, in the order of `CELLS`; `None` where a cell has no valid count.
pub type CellCounts = [Option<u64>; CELL_COUNT];

/// One identity instance over cell indices.
#[derive(Debug, Clone)]
struct CompiledIdentity {
    rule: usize,
    /// `(variable, zh name, en name)` of each `for_each` binding.
    bindings: Vec<(String, String, String)>,
    lhs: Vec<usize>,
    rhs: Vec<usize>,
}

impl CompiledIdentity {
    fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(&self.rhs).copied()
    }

    /// How many times `cell` counts on the left minus on the right.
    fn coefficient(&self, cell: usize) -> i128 {
        let on = |side: &[usize]| side.iter().filter(|&&c| c == cell).count() as i128;
        on(&self.lhs) - on(&self.rhs)
    }
}

/// The catalogue compiled for evaluation.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<SumRule>,
    identities: Vec<CompiledIdentity>,
    /// For each cell, the identities containing it.
    by_cell: Vec<Vec<usize>>,
}

/// An identity evaluated on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    NotEvaluable,
    Holds,
    /// Left-hand sum, right-hand sum.
    Fails(i128, i128),
}

fn member_names(member: &Member) -> (String, String) {
    (member.zh.clone(), member.en.clone())
}

impl RuleSet {
    /// Compiles a catalogue against the cell table.
    pub fn compile(catalogue: &Catalogue) -> Result<Self, CatalogueError> {
        let expanded = catalogue.identities()?;
        let index = |pointer: &str| {
            CELLS
                .iter()
                .position(|c| c.pointer == pointer)
                .ok_or_else(|| {
                    CatalogueError::new(format!("{pointer} is not a cell of the schema"))
                })
        };
        let mut identities = Vec::with_capacity(expanded.len());
        for identity in &expanded {
            let rule = catalogue
                .rules
                .iter()
                .position(|r| r.id == identity.rule.id)
                .ok_or_else(|| CatalogueError::new(format!("unknown rule {}", identity.rule.id)))?;
            identities.push(CompiledIdentity {
                rule,
                bindings: identity
                    .bindings
                    .iter()
                    .map(|(var, member)| {
                        let (zh, en) = member_names(member);
                        ((*var).to_owned(), zh, en)
                    })
                    .collect(),
                lhs: identity
                    .lhs
                    .iter()
                    .map(|p| index(p))
                    .collect::<Result<_, _>>()?,
                rhs: identity
                    .rhs
                    .iter()
                    .map(|p| index(p))
                    .collect::<Result<_, _>>()?,
            });
        }
        let mut by_cell = vec![Vec::new(); CELL_COUNT];
        for (i, identity) in identities.iter().enumerate() {
            let cells: BTreeSet<usize> = identity.cells().collect();
            for cell in cells {
                if let Some(list) = by_cell.get_mut(cell) {
                    list.push(i);
                }
            }
        }
        Ok(Self {
            rules: catalogue.rules.clone(),
            identities,
            by_cell,
        })
    }

    /// The number of identity instances.
    pub fn identity_count(&self) -> usize {
        self.identities.len()
    }

    fn evaluate(identity: &CompiledIdentity, values: &CellCounts) -> Outcome {
        let sum = |side: &[usize]| -> Option<i128> {
            side.iter()
                .map(|&c| values.get(c).copied().flatten().map(i128::from))
                .sum()
        };
        match (sum(&identity.lhs), sum(&identity.rhs)) {
            (Some(l), Some(r)) if l == r => Outcome::Holds,
            (Some(l), Some(r)) => Outcome::Fails(l, r),
            _ => Outcome::NotEvaluable,
        }
    }

    /// The value `cell` would need to satisfy every evaluable identity containing it, if any.
    fn explaining_value(
        &self,
        cell: usize,
        outcomes: &[Outcome],
        values: &CellCounts,
    ) -> Option<u64> {
        let current = values.get(cell).copied().flatten()?;
        let mut change: Option<i128> = None;
        for &i in self.by_cell.get(cell)? {
            let (l, r) = match outcomes.get(i)? {
                Outcome::NotEvaluable => continue,
                Outcome::Holds => return None,
                Outcome::Fails(l, r) => (*l, *r),
            };
            let coefficient = self.identities.get(i)?.coefficient(cell);
            let d = l - r;
            if coefficient == 0 || d % coefficient != 0 {
                return None;
            }
            let needed = -d / coefficient;
            if change.is_some_and(|c| c != needed) {
                return None;
            }
            change = Some(needed);
        }
        let suggested = i128::from(current) + change?;
        u64::try_from(suggested).ok()
    }

    /// Evaluates every identity; returns findings and not-evaluable notes (unsorted).
    pub fn check(&self, values: &CellCounts) -> Vec<Diagnostic> {
        let outcomes: Vec<Outcome> = self
            .identities
            .iter()
            .map(|identity| Self::evaluate(identity, values))
            .collect();
        let mut out = Vec::new();
        let mut explainers: Vec<Option<Option<u64>>> = vec![None; CELL_COUNT];
        for (identity, outcome) in self.identities.iter().zip(&outcomes) {
            let Some(rule) = self.rules.get(identity.rule) else {
                continue;
            };
            match *outcome {
                Outcome::Holds => {}
                Outcome::NotEvaluable => out.push(not_evaluable(rule, identity, values)),
                Outcome::Fails(lhs, rhs) => {
                    let cells: BTreeSet<usize> = identity.cells().collect();
                    let explaining: Vec<(usize, u64)> = cells
                        .into_iter()
                        .filter_map(|c| {
                            let slot = explainers.get_mut(c)?;
                            let value = *slot
                                .get_or_insert_with(|| self.explaining_value(c, &outcomes, values));
                            value.map(|v| (c, v))
                        })
                        .collect();
                    let root = match explaining.as_slice() {
                        [(cell, suggested)] => Some(self.root_cause(*cell, *suggested, values)),
                        _ => None,
                    };
                    out.push(failure(
                        rule,
                        identity,
                        values,
                        lhs,
                        rhs,
                        root,
                        explaining.len(),
                    ));
                }
            }
        }
        out
    }

    fn root_cause(&self, cell: usize, suggested: u64, values: &CellCounts) -> RootCause {
        let satisfies: BTreeSet<String> = self
            .by_cell
            .get(cell)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.identities.get(i))
            .filter_map(|identity| self.rules.get(identity.rule))
            .map(|rule| rule.id.clone())
            .collect();
        RootCause {
            pointer: pointer(cell).to_owned(),
            value: values.get(cell).copied().flatten().unwrap_or_default(),
            suggested,
            satisfies: satisfies.into_iter().collect(),
        }
    }
}

fn pointer(cell: usize) -> &'static str {
    CELLS.get(cell).map_or("", |c| c.pointer)
}

fn label_path(cell: usize) -> String {
    CELLS.get(cell).map(|c| c.label_path()).unwrap_or_default()
}

/// A cell's short Chinese name for messages: its last two labels, e.g. `一、本年新收… 自然人`.
fn short_zh(cell: usize) -> String {
    CELLS
        .get(cell)
        .map(|c| {
            let n = c.labels_zh.len();
            c.labels_zh
                .get(n.saturating_sub(2)..)
                .unwrap_or_default()
                .join(" ")
        })
        .unwrap_or_default()
}

fn short_en(cell: usize) -> String {
    CELLS
        .get(cell)
        .map(|c| {
            let parts: Vec<&str> = c.name_en.split(" › ").collect();
            parts
                .get(parts.len().saturating_sub(2)..)
                .unwrap_or_default()
                .join(", ")
        })
        .unwrap_or_default()
}

/// The non-zero values of a side joined by ` + ` (`0` when all are zero).
fn side_values(side: &[usize], values: &CellCounts) -> String {
    let nonzero: Vec<String> = side
        .iter()
        .filter_map(|&c| values.get(c).copied().flatten())
        .filter(|&v| v != 0)
        .map(|v| v.to_string())
        .collect();
    if nonzero.is_empty() {
        "0".to_owned()
    } else {
        nonzero.join(" + ")
    }
}

fn fill(
    template: &str,
    identity: &CompiledIdentity,
    zh: bool,
    values: &CellCounts,
    sums: (i128, i128),
) -> String {
    let mut out = template.to_owned();
    for name in placeholders(template)
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        let value = match name.as_str() {
            "lhs_values" => side_values(&identity.lhs, values),
            "rhs_values" => side_values(&identity.rhs, values),
            "lhs_sum" => sums.0.to_string(),
            "rhs_sum" => sums.1.to_string(),
            var => identity
                .bindings
                .iter()
                .find(|(v, _, _)| v == var)
                .map(|(_, z, e)| if zh { z.clone() } else { e.clone() })
                .unwrap_or_default(),
        };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

fn related(identity: &CompiledIdentity) -> Vec<String> {
    identity.cells().map(|c| pointer(c).to_owned()).collect()
}

fn failure(
    rule: &SumRule,
    identity: &CompiledIdentity,
    values: &CellCounts,
    lhs: i128,
    rhs: i128,
    root: Option<RootCause>,
    explaining: usize,
) -> Diagnostic {
    let anchor = identity.lhs.first().copied().unwrap_or_default();
    let cell = root
        .as_ref()
        .and_then(|r| CELLS.iter().position(|c| c.pointer == r.pointer))
        .unwrap_or(anchor);
    let base_zh = fill(&rule.message.zh, identity, true, values, (lhs, rhs));
    let base_en = fill(&rule.message.en, identity, false, values, (lhs, rhs));
    let (cause_zh, cause_en) = match &root {
        Some(r) => (
            format!(
                "{} 为 {}，改为 {} 可同时满足 {}",
                short_zh(cell),
                r.value,
                r.suggested,
                r.satisfies.join("、")
            ),
            format!(
                "{} is {}; {} would satisfy {}",
                short_en(cell),
                r.value,
                r.suggested,
                r.satisfies.join(" and ")
            ),
        ),
        None if explaining > 1 => (
            format!("{explaining} 个单元格中任一个都可能有误，无法确定"),
            format!("any of {explaining} cells could be the wrong one"),
        ),
        None => (
            "没有单个单元格能解释此差异".to_owned(),
            "no single cell explains this".to_owned(),
        ),
    };
    Diagnostic {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        kind: Kind::Rule,
        pointer: pointer(cell).to_owned(),
        related: related(identity),
        label_path: Some(label_path(cell)),
        expected: Some(rhs.to_string()),
        actual: Some(lhs.to_string()),
        discrepancy: Some(lhs - rhs),
        root_cause: root,
        message_zh: format!("{base_zh}（{cause_zh}）"),
        message_en: format!("{base_en} ({cause_en})"),
        location: None,
    }
}

fn not_evaluable(rule: &SumRule, identity: &CompiledIdentity, values: &CellCounts) -> Diagnostic {
    let missing: Vec<usize> = identity
        .cells()
        .filter(|&c| values.get(c).copied().flatten().is_none())
        .collect();
    let first = missing.first().copied().unwrap_or_default();
    let instance_zh: Vec<&str> = identity
        .bindings
        .iter()
        .map(|(_, z, _)| z.as_str())
        .collect();
    let instance_en: Vec<&str> = identity
        .bindings
        .iter()
        .map(|(_, _, e)| e.as_str())
        .collect();
    Diagnostic {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: Severity::Info,
        kind: Kind::NotEvaluable,
        pointer: pointer(first).to_owned(),
        related: related(identity),
        label_path: Some(label_path(first)),
        expected: None,
        actual: None,
        discrepancy: None,
        root_cause: None,
        message_zh: format!(
            "{}（{}）无法核对：{} 个单元格缺失或不是有效件数，首个为 {}",
            rule.id,
            instance_zh.join("、"),
            missing.len(),
            label_path(first)
        ),
        message_en: format!(
            "{} ({}) not evaluable: {} cell(s) missing or not a valid count, first {}",
            rule.id,
            instance_en.join(", "),
            missing.len(),
            pointer(first)
        ),
        location: None,
    }
}

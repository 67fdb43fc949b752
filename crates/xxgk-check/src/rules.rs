//! The rule pass: every identity of the catalogue, compiled to cell indices, and root-cause
//! analysis (see "Evaluating the rules" in `schema/README.md`, which this implements).

use std::collections::{BTreeSet, HashMap};

use xxgk_catalogue::{Catalogue, CatalogueError, Member, SumRule, placeholders};
use xxgk_model::Cell;

use crate::diagnostic::{Diagnostic, FindingRef, Kind, RootCause, Severity};
use crate::names::Names;
use crate::terms::{Term, terms};

/// The count values of the cells, in the order of the standard's cells; `None` where a cell has
/// no valid count.
pub type CellCounts = [Option<u64>];

/// One identity instance over cell indices.
#[derive(Debug, Clone)]
struct CompiledIdentity {
    rule: usize,
    /// `(variable, zh name, en name)` of each `for_each` binding.
    bindings: Vec<(String, String, String)>,
    lhs: Vec<usize>,
    rhs: Vec<usize>,
    /// The cells of each side with the labels that tell them apart, for messages.
    lhs_terms: Vec<Term>,
    rhs_terms: Vec<Term>,
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

    /// The instance's `for_each` members, e.g. `自然人` (zh) or `natural persons` (en).
    fn instance(&self, zh: bool) -> String {
        let names: Vec<&str> = self
            .bindings
            .iter()
            .map(|(_, z, e)| if zh { z.as_str() } else { e.as_str() })
            .collect();
        names.join(if zh { "、" } else { ", " })
    }
}

/// The catalogue compiled for evaluation.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The standard's cells, which the indices below point into.
    cells: &'static [Cell],
    rules: Vec<SumRule>,
    identities: Vec<CompiledIdentity>,
    /// For each cell, the identities containing it.
    by_cell: Vec<Vec<usize>>,
    /// For each cell, its name in a sentence (zh, en): its row and its column.
    cell_names: Vec<(String, String)>,
    /// Each cell's index, by pointer.
    index: HashMap<&'static str, usize>,
}

/// Cells a report prints only as their sum (a merged row's cell standing for the rows the
/// standard splits it into), or whose sum alone a reader could establish (rows printed without
/// their labels, their order not confirmed), as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedSum {
    /// JSON Pointers of the cells summed, each unread.
    pub cells: Vec<String>,
    /// Their sum, as printed.
    pub value: u64,
    /// How the report prints them, which the message of a failure says.
    pub printed_as: PrintedAs,
}

/// How a report prints cells it gives only a sum of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintedAs {
    /// One row in place of the rows the standard splits it into (a 2021 report's （六）其他处理
    /// printed as one row, as the 2019 table has it).
    MergedRow,
    /// Rows printed without their labels where the template has rows to match, in an order
    /// that could not be confirmed: whatever the order, each column's cells of those rows sum
    /// to the column's figures of the rows printed.
    UnlabelledRows,
}

/// An identity that unread cells leave not evaluable, evaluated with the sums printed of them.
#[derive(Debug, Clone)]
pub struct SumEvaluation {
    /// Its rule's id.
    pub rule: String,
    /// Its cells, as its not-evaluable note names them.
    pub related: Vec<String>,
    /// The error when the printed numbers break it; `None` when they satisfy it.
    pub failure: Option<Diagnostic>,
}

/// A printed sum as evaluated: its cells' indices, its value and how it is printed.
type Covering = (Vec<usize>, u64, PrintedAs);

/// A failing identity instance before it becomes a diagnostic.
#[derive(Debug, Clone)]
struct Failing {
    identity: usize,
    /// Left-hand sum, right-hand sum.
    sums: (i128, i128),
    /// The cells that alone would satisfy every identity containing them, with that value.
    explaining: Vec<(usize, u64)>,
    /// When none does: the corrections of two cells that would (cell, new value) × 2.
    pairs: Vec<((usize, u64), (usize, u64))>,
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
    /// Compiles a catalogue against a standard's cells.
    pub fn compile(
        cells: &'static [Cell],
        catalogue: &Catalogue,
        names: &Names,
    ) -> Result<Self, CatalogueError> {
        let expanded = catalogue.identities()?;
        let index = |pointer: &str| {
            names.cell_index(pointer).ok_or_else(|| {
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
            let lhs: Vec<usize> = identity
                .lhs
                .iter()
                .map(|p| index(p))
                .collect::<Result<_, _>>()?;
            let rhs: Vec<usize> = identity
                .rhs
                .iter()
                .map(|p| index(p))
                .collect::<Result<_, _>>()?;
            let all: Vec<usize> = lhs.iter().chain(&rhs).copied().collect();
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
                lhs_terms: terms(cells, &lhs, &all),
                rhs_terms: terms(cells, &rhs, &all),
                lhs,
                rhs,
            });
        }
        let mut by_cell = vec![Vec::new(); cells.len()];
        for (i, identity) in identities.iter().enumerate() {
            let cells: BTreeSet<usize> = identity.cells().collect();
            for cell in cells {
                if let Some(list) = by_cell.get_mut(cell) {
                    list.push(i);
                }
            }
        }
        Ok(Self {
            cells,
            rules: catalogue.rules.clone(),
            identities,
            by_cell,
            cell_names: (0..cells.len())
                .map(|c| (names.cell_zh(c).to_owned(), names.cell_en(c).to_owned()))
                .collect(),
            index: cells
                .iter()
                .enumerate()
                .map(|(i, c)| (c.pointer, i))
                .collect(),
        })
    }

    /// The number of identity instances.
    pub fn identity_count(&self) -> usize {
        self.identities.len()
    }

    /// See [`crate::Checker::unsplit_failure`].
    pub fn unsplit_failure(&self, anchor: &str, digits: &str) -> Option<Diagnostic> {
        let cell = *self.index.get(anchor)?;
        // The run is one row or group as printed: its identity reads that row's cells only
        // (（七）总计 is the left side of its row's R3 and of its column's R2 alike).
        let anchor_row = row_of(anchor);
        let in_row =
            |c: &usize| self.cells.get(*c).map(|cell| row_of(cell.pointer)) == Some(anchor_row);
        let mut with_anchor = self
            .identities
            .iter()
            .filter(|i| i.lhs == [cell] && i.rhs.iter().all(in_row));
        let identity = with_anchor.next()?;
        if with_anchor.next().is_some() {
            return None;
        }
        let rule = self.rules.get(identity.rule)?;
        let (zh, en) = (
            format!(
                "{}：报告把这些单元格连写为 `{digits}`，无论怎样拆分都不满足 {}（{}）；其中若有单元格印为空白，同样不符合要求",
                identity.instance(true),
                rule.id,
                rule.summary.zh
            ),
            format!(
                "{}: the report runs these cells together as `{digits}`, and no split of it satisfies {} ({}); a cell printed blank among them would be as wrong",
                identity.instance(false),
                rule.id,
                rule.summary.en
            ),
        );
        Some(self.unsplit_diagnostic(rule, identity, cell, digits, (zh, en)))
    }

    /// See [`crate::Checker::unsplit_column_failure`].
    pub fn unsplit_column_failure(&self, anchor: &str, digits: &str) -> Option<Diagnostic> {
        let cell = *self.index.get(anchor)?;
        let column = anchor.rsplit_once('/').map(|(_, column)| column);
        let pointer_of = |c: &usize| self.cells.get(*c).map(|cell| cell.pointer);
        let in_column = |c: &usize| {
            pointer_of(c).map(|p| p.rsplit_once('/').map(|(_, col)| col)) == Some(column)
        };
        let in_other_row = |c: &usize| pointer_of(c).map(row_of) != Some(row_of(anchor));
        let mut with_anchor = self.identities.iter().filter(|i| {
            i.lhs.first() == Some(&cell)
                && i.cells().all(|c| in_column(&c))
                && i.cells().any(|c| in_other_row(&c))
        });
        let identity = with_anchor.next()?;
        if with_anchor.next().is_some() {
            return None;
        }
        let rule = self.rules.get(identity.rule)?;
        let (zh, en) = (
            format!(
                "{}：报告各行的单元格连写（如 `{digits}`），无论各行怎样拆分都不满足 {}（{}）；若这些行中有单元格印为空白，同样不符合要求",
                identity.instance(true),
                rule.id,
                rule.summary.zh
            ),
            format!(
                "{}: the report runs each row's cells together (as `{digits}`), and no split of those rows satisfies {} ({}); a cell of those rows printed blank would be as wrong",
                identity.instance(false),
                rule.id,
                rule.summary.en
            ),
        );
        Some(self.unsplit_diagnostic(rule, identity, cell, digits, (zh, en)))
    }

    /// The error that `identity`, found broken however its run-together digits split, is.
    fn unsplit_diagnostic(
        &self,
        rule: &SumRule,
        identity: &CompiledIdentity,
        anchor: usize,
        digits: &str,
        (message_zh, message_en): (String, String),
    ) -> Diagnostic {
        Diagnostic {
            rule: rule.id.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            kind: Kind::Rule,
            pointer: pointer(self.cells, anchor).to_owned(),
            related: related(self.cells, identity),
            linked: Vec::new(),
            label_path: Some(label_path(self.cells, anchor)),
            expected: None,
            actual: Some(digits.to_owned()),
            discrepancy: None,
            root_cause: None,
            message_zh,
            message_en,
            location: None,
        }
    }

    /// See [`crate::Checker::evaluate_with_sums`].
    pub fn evaluate_with_sums(
        &self,
        values: &CellCounts,
        sums: &[PrintedSum],
    ) -> Vec<SumEvaluation> {
        let sums: Vec<Covering> = sums
            .iter()
            .filter_map(|sum| {
                let cells = sum
                    .cells
                    .iter()
                    .map(|p| self.index.get(p.as_str()).copied())
                    .collect::<Option<Vec<usize>>>()?;
                (!cells.is_empty()).then_some((cells, sum.value, sum.printed_as))
            })
            .collect();
        if sums.is_empty() {
            return Vec::new();
        }
        let unread = |c: &usize| values.get(*c).copied().flatten().is_none();
        self.identities
            .iter()
            .filter_map(|identity| {
                let missing: BTreeSet<usize> = identity.cells().filter(unread).collect();
                if missing.is_empty() {
                    return None;
                }
                let covering: Vec<&Covering> = sums
                    .iter()
                    .filter(|(cells, _, _)| cells.iter().all(|c| missing.contains(c)))
                    .collect();
                // The missing cells, each in exactly one sum.
                let covered: Vec<usize> = covering.iter().flat_map(|(c, _, _)| c.clone()).collect();
                let distinct: BTreeSet<usize> = covered.iter().copied().collect();
                if covered.len() != distinct.len() || distinct != missing {
                    return None;
                }
                let read = |side: &[usize]| -> i128 {
                    side.iter()
                        .filter_map(|&c| values.get(c).copied().flatten())
                        .map(i128::from)
                        .sum()
                };
                let (mut lhs, mut rhs) = (read(&identity.lhs), read(&identity.rhs));
                for (cells, value, _) in &covering {
                    // A sum counts once on one side: each of its cells once, on that side.
                    let on = |side: &[usize], c: usize| side.iter().filter(|&&x| x == c).count();
                    let once_on = |side: &[usize], other: &[usize]| {
                        cells.iter().all(|&c| on(side, c) == 1 && on(other, c) == 0)
                    };
                    if once_on(&identity.lhs, &identity.rhs) {
                        lhs += i128::from(*value);
                    } else if once_on(&identity.rhs, &identity.lhs) {
                        rhs += i128::from(*value);
                    } else {
                        return None;
                    }
                }
                let rule = self.rules.get(identity.rule)?;
                Some(SumEvaluation {
                    rule: rule.id.clone(),
                    related: related(self.cells, identity),
                    failure: (lhs != rhs)
                        .then(|| self.sum_failure(rule, identity, values, &covering, (lhs, rhs))),
                })
            })
            .collect()
    }

    /// The error of `identity`, which fails with the sums `covering` its missing cells.
    fn sum_failure(
        &self,
        rule: &SumRule,
        identity: &CompiledIdentity,
        values: &CellCounts,
        covering: &[&Covering],
        (lhs, rhs): (i128, i128),
    ) -> Diagnostic {
        // A merged row's sum is named by the label its cells share (`（六）其他处理 5`).
        let group = |cells: &[usize]| -> (String, String) {
            let shared_last = |paths: Vec<Vec<&str>>| -> String {
                let first = paths.first().cloned().unwrap_or_default();
                let shared = (0..first.len())
                    .take_while(|&k| paths.iter().all(|p| p.get(k) == first.get(k)))
                    .count();
                shared
                    .checked_sub(1)
                    .and_then(|k| first.get(k))
                    .map_or_else(String::new, |label| (*label).to_owned())
            };
            let of = cells.iter().filter_map(|&c| self.cells.get(c));
            (
                shared_last(of.clone().map(|cell| cell.labels_zh.to_vec()).collect()),
                shared_last(of.map(|cell| cell.name_en.split(" › ").collect()).collect()),
            )
        };
        // Unlabelled rows' sum is named by its terms (`（三）3、（三）4 共 12`), which need not
        // share a label.
        let listed = |cells: &[usize], terms: &[Term], zh: bool| -> String {
            let names: Vec<&str> = terms
                .iter()
                .filter(|t| cells.contains(&t.cell))
                .map(|t| {
                    if zh {
                        t.short_zh.as_str()
                    } else {
                        t.name_en.as_str()
                    }
                })
                .collect();
            names.join(if zh { "、" } else { ", " })
        };
        let side = |terms: &[Term], zh: bool| -> String {
            let mut shown = Vec::new();
            for term in terms {
                match covering
                    .iter()
                    .find(|(cells, _, _)| cells.contains(&term.cell))
                {
                    Some((cells, value, printed_as)) if cells.first() == Some(&term.cell) => {
                        shown.push(match (printed_as, zh) {
                            (PrintedAs::MergedRow, true) => format!("{} {value}", group(cells).0),
                            (PrintedAs::MergedRow, false) => format!("{} {value}", group(cells).1),
                            (PrintedAs::UnlabelledRows, true) => {
                                format!("{} 共 {value}", listed(cells, terms, true))
                            }
                            (PrintedAs::UnlabelledRows, false) => {
                                format!("{} together {value}", listed(cells, terms, false))
                            }
                        });
                    }
                    Some(_) => {}
                    None => {
                        let v = values.get(term.cell).copied().flatten().unwrap_or_default();
                        shown.push(if zh {
                            term.with_value_zh(v)
                        } else {
                            term.with_value_en(v)
                        });
                    }
                }
            }
            shown.join(" + ")
        };
        let base_zh = fill_with(&rule.message.zh, identity, true, &side, (lhs, rhs));
        let base_en = fill_with(&rule.message.en, identity, false, &side, (lhs, rhs));
        let explained: Vec<(String, String)> = covering
            .iter()
            .map(|(cells, value, printed_as)| match printed_as {
                PrintedAs::MergedRow => {
                    let (zh, en) = group(cells);
                    (
                        format!("报告把 {zh} 合为一行印出，为 {value}，以之代其各行之和；各行的件数未分别印出"),
                        format!("the report prints {en} as one row, {value}, which stands for the sum of its rows here; the rows themselves are not printed"),
                    )
                }
                PrintedAs::UnlabelledRows => (
                    format!("报告印出这几行的数字，其标签未能辨认，次序未能确认；无论次序如何，它们在此列之和为 {value}，各单元格仍记为未能读取"),
                    format!("the report prints these rows' numbers without labels that could be recognised, in an order that could not be confirmed; whatever the order, they sum to {value} in this column, and their cells stay unread"),
                ),
            })
            .collect();
        let (explained_zh, explained_en): (Vec<String>, Vec<String>) =
            explained.into_iter().unzip();
        let anchor = identity.lhs.first().copied().unwrap_or_default();
        Diagnostic {
            rule: rule.id.clone(),
            name: rule.name.clone(),
            severity: rule.severity,
            kind: Kind::Rule,
            pointer: pointer(self.cells, anchor).to_owned(),
            related: related(self.cells, identity),
            linked: Vec::new(),
            label_path: Some(label_path(self.cells, anchor)),
            expected: Some(rhs.to_string()),
            actual: Some(lhs.to_string()),
            discrepancy: Some(lhs - rhs),
            root_cause: None,
            message_zh: format!("{base_zh}（{}）", explained_zh.join("；")),
            message_en: format!("{base_en} ({})", explained_en.join("; ")),
            location: None,
        }
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
        let mut explainers: Vec<Option<Option<u64>>> = vec![None; self.cells.len()];
        let mut failing = Vec::new();
        for (i, (identity, outcome)) in self.identities.iter().zip(&outcomes).enumerate() {
            let Some(rule) = self.rules.get(identity.rule) else {
                continue;
            };
            match *outcome {
                Outcome::Holds => {}
                Outcome::NotEvaluable => out.push(not_evaluable(self, rule, identity, values)),
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
                    let pairs = if explaining.is_empty() {
                        self.pair_corrections(i, &outcomes, values)
                    } else {
                        Vec::new()
                    };
                    failing.push(Failing {
                        identity: i,
                        sums: (lhs, rhs),
                        explaining,
                        pairs,
                    });
                }
            }
        }
        for f in &failing {
            let Some(identity) = self.identities.get(f.identity) else {
                continue;
            };
            let Some(rule) = self.rules.get(identity.rule) else {
                continue;
            };
            let root = match f.explaining.as_slice() {
                [(cell, suggested)] => Some(self.root_cause(*cell, *suggested, &outcomes, values)),
                _ => None,
            };
            let cause = match &root {
                Some(r) => self.root_cause_text(r, &outcomes),
                None => self.no_root_cause_text(f, &outcomes, values),
            };
            let mut d = failure(self, rule, identity, values, f.sums, root, cause);
            d.linked = self.linked(f, &failing);
            out.push(d);
        }
        out
    }

    /// A cell's name in a sentence: its row and its column.
    fn cell_name(&self, cell: usize) -> (&str, &str) {
        self.cell_names
            .get(cell)
            .map_or(("", ""), |(zh, en)| (zh.as_str(), en.as_str()))
    }

    /// The rules of the identities containing `cell` that are not evaluable and of no other:
    /// a correction of the cell says nothing about them.
    fn not_evaluable_rules(&self, cell: usize, outcomes: &[Outcome], r: &RootCause) -> Vec<String> {
        let ids: BTreeSet<String> = self
            .by_cell
            .get(cell)
            .into_iter()
            .flatten()
            .filter(|&&k| outcomes.get(k) == Some(&Outcome::NotEvaluable))
            .filter_map(|&k| self.rules.get(self.identities.get(k)?.rule))
            .map(|rule| rule.id.clone())
            .filter(|id| !r.satisfies.contains(id))
            .collect();
        ids.into_iter().collect()
    }

    /// The message of a root cause: the cell, its value, the value that satisfies its evaluable
    /// rules, and the rules that could not be evaluated (never said to hold).
    fn root_cause_text(&self, r: &RootCause, outcomes: &[Outcome]) -> (String, String) {
        let cell = self
            .index
            .get(r.pointer.as_str())
            .copied()
            .unwrap_or_default();
        let (zh, en) = self.cell_name(cell);
        let open = self.not_evaluable_rules(cell, outcomes, r);
        let (open_zh, open_en) = if open.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("（{} 无法判定）", open.join("、")),
                format!(" ({} not evaluable)", open.join(" and ")),
            )
        };
        let both = if r.satisfies.len() > 1 { "同时" } else { "" };
        (
            format!(
                "{zh} 为 {}，改为 {} 可{both}满足 {}{open_zh}",
                r.value,
                r.suggested,
                r.satisfies.join("、")
            ),
            format!(
                "{en} is {}; {} would satisfy {}{open_en}",
                r.value,
                r.suggested,
                r.satisfies.join(" and ")
            ),
        )
    }

    /// The cell a failing identity is reported at: its single explaining cell, else its anchor.
    fn reported_at(&self, f: &Failing) -> usize {
        match f.explaining.as_slice() {
            [(cell, _)] => *cell,
            _ => self
                .identities
                .get(f.identity)
                .and_then(|i| i.lhs.first().copied())
                .unwrap_or_default(),
        }
    }

    /// The other findings that one correction explains together with `f`'s: those reported at
    /// the same explaining cell, or fixed by the same correction of two cells.
    fn linked(&self, f: &Failing, failing: &[Failing]) -> Vec<FindingRef> {
        let own_root = matches!(f.explaining.as_slice(), [_]).then(|| self.reported_at(f));
        // The failing identities that every correction of two cells found for `f` satisfies.
        let fixed_by = |((a, _), (b, _)): &((usize, u64), (usize, u64))| -> BTreeSet<usize> {
            [*a, *b]
                .iter()
                .filter_map(|&c| self.by_cell.get(c))
                .flatten()
                .copied()
                .collect()
        };
        let mut pairs = f.pairs.iter().map(fixed_by);
        let first = pairs.next().unwrap_or_default();
        let fixed_together: BTreeSet<usize> = pairs.fold(first, |all, next| {
            all.intersection(&next).copied().collect()
        });
        failing
            .iter()
            .filter(|g| g.identity != f.identity)
            .filter(|g| {
                let same_root = own_root.is_some()
                    && matches!(g.explaining.as_slice(), [_])
                    && Some(self.reported_at(g)) == own_root;
                let same_pair = fixed_together.contains(&g.identity);
                same_root || same_pair
            })
            .filter_map(|g| {
                let rule = self.rules.get(self.identities.get(g.identity)?.rule)?;
                Some(FindingRef {
                    rule: rule.id.clone(),
                    pointer: pointer(self.cells, self.reported_at(g)).to_owned(),
                })
            })
            .collect()
    }

    /// Whether changing the given cells by the given amounts keeps every value a valid count and
    /// leaves no identity containing one of them off (`off` says by how much it would be).
    fn corrects(
        &self,
        changes: &[(usize, i128)],
        values: &CellCounts,
        off: impl Fn(usize) -> Option<i128>,
    ) -> bool {
        changes.iter().all(|&(c, delta)| {
            delta != 0
                && values
                    .get(c)
                    .copied()
                    .flatten()
                    .is_some_and(|v| u64::try_from(i128::from(v) + delta).is_ok())
        }) && changes
            .iter()
            .filter_map(|&(c, _)| self.by_cell.get(c))
            .flatten()
            .all(|&k| off(k) == Some(0))
    }

    /// The corrections of two cells that satisfy every identity containing either, when no
    /// single cell explains the failing identity `i` (a count entered in the wrong row or
    /// column): one cell of `i` takes the change `i` needs, and the second cell must then lie in
    /// every identity that change leaves unsatisfied. Each pair once, in cell order.
    fn pair_corrections(
        &self,
        i: usize,
        outcomes: &[Outcome],
        values: &CellCounts,
    ) -> Vec<((usize, u64), (usize, u64))> {
        let (Some(identity), Some(Outcome::Fails(l, r))) =
            (self.identities.get(i), outcomes.get(i))
        else {
            return Vec::new();
        };
        let d = l - r;
        // How far identity `k` is off after the given changes (0 when it is not evaluable).
        let off = |k: usize, changes: &[(usize, i128)]| -> Option<i128> {
            let identity = self.identities.get(k)?;
            let d = match outcomes.get(k)? {
                Outcome::NotEvaluable => return Some(0),
                Outcome::Holds => 0,
                Outcome::Fails(l, r) => l - r,
            };
            Some(
                d + changes
                    .iter()
                    .map(|&(c, delta)| identity.coefficient(c) * delta)
                    .sum::<i128>(),
            )
        };
        let mut found = BTreeSet::new();
        let cells: BTreeSet<usize> = identity.cells().collect();
        for &first in &cells {
            let k = identity.coefficient(first);
            if k == 0 || d % k != 0 {
                continue;
            }
            let first_change = [(first, -d / k)];
            let unsatisfied: Vec<usize> = self
                .by_cell
                .get(first)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&k| off(k, &first_change) != Some(0))
                .collect();
            let Some(&pivot) = unsatisfied.first() else {
                continue;
            };
            let Some(pivot_identity) = self.identities.get(pivot) else {
                continue;
            };
            let seconds: BTreeSet<usize> = pivot_identity.cells().collect();
            for second in seconds {
                let in_all = unsatisfied
                    .iter()
                    .all(|&u| self.by_cell.get(second).is_some_and(|ks| ks.contains(&u)));
                let k2 = pivot_identity.coefficient(second);
                let Some(rest) = off(pivot, &first_change) else {
                    continue;
                };
                if second == first || !in_all || k2 == 0 || rest % k2 != 0 {
                    continue;
                }
                let changes = [first_change[0], (second, -rest / k2)];
                if !self.corrects(&changes, values, |k| off(k, &changes)) {
                    continue;
                }
                let fixed = |(c, delta): (usize, i128)| {
                    let v = values.get(c).copied().flatten().map(i128::from)?;
                    Some((c, u64::try_from(v + delta).ok()?))
                };
                if let (Some(a), Some(b)) = (fixed(changes[0]), fixed(changes[1])) {
                    found.insert(if a.0 < b.0 { (a, b) } else { (b, a) });
                }
            }
        }
        found.into_iter().collect()
    }

    /// Why no single cell explains a failing identity, and where the difference must lie.
    fn no_root_cause_text(
        &self,
        f: &Failing,
        outcomes: &[Outcome],
        values: &CellCounts,
    ) -> (String, String) {
        let Some(identity) = self.identities.get(f.identity) else {
            return (String::new(), String::new());
        };
        let d = f.sums.0 - f.sums.1;
        if f.explaining.len() > 1 {
            let candidate = |t: &&Term| f.explaining.iter().any(|(c, _)| *c == t.cell);
            let lhs: Vec<&Term> = identity.lhs_terms.iter().filter(candidate).collect();
            let rhs: Vec<&Term> = identity.rhs_terms.iter().filter(candidate).collect();
            let (zh, en) = where_difference_lies(&lhs, &rhs, d);
            let k = f.explaining.len();
            return (
                format!("{k} 个单元格中任一个单独改正即可：{zh}"),
                format!("correcting any one of {k} cells alone would do: {en}"),
            );
        }
        if let [((a, a_new), (b, b_new))] = f.pairs.as_slice() {
            let value = |c: usize| values.get(c).copied().flatten().unwrap_or_default();
            let satisfied: BTreeSet<usize> = [*a, *b]
                .iter()
                .filter_map(|&c| self.by_cell.get(c))
                .flatten()
                .copied()
                .filter(|&k| matches!(outcomes.get(k), Some(Outcome::Fails(..))))
                .collect();
            let (satisfied_zh, satisfied_en): (Vec<String>, Vec<String>) = satisfied
                .iter()
                .filter_map(|&k| self.name_instance(k))
                .unzip();
            let ((a_zh, a_en), (b_zh, b_en)) = (self.cell_name(*a), self.cell_name(*b));
            return (
                format!(
                    "没有单个单元格能解释此差异；{a_zh} 为 {}、{b_zh} 为 {}，改为 {a_new} 和 {b_new} 可同时满足 {}",
                    value(*a),
                    value(*b),
                    satisfied_zh.join("、"),
                ),
                format!(
                    "no single cell explains this; {a_en} is {} and {b_en} is {}: {a_new} and {b_new} would satisfy {}",
                    value(*a),
                    value(*b),
                    satisfied_en.join(" and "),
                ),
            );
        }
        // The identities that share a cell with this one and hold: a change of one cell would
        // break them, so the difference needs two or more wrong cells.
        let cells: BTreeSet<usize> = identity.cells().collect();
        let holding: BTreeSet<usize> = cells
            .iter()
            .filter_map(|&c| self.by_cell.get(c))
            .flatten()
            .copied()
            .filter(|&k| k != f.identity && outcomes.get(k) == Some(&Outcome::Holds))
            .collect();
        let covered = cells.iter().all(|c| {
            self.by_cell
                .get(*c)
                .is_some_and(|ks| ks.iter().any(|k| holding.contains(k)))
        });
        let lhs: Vec<&Term> = identity.lhs_terms.iter().collect();
        let rhs: Vec<&Term> = identity.rhs_terms.iter().collect();
        let (where_zh, where_en) = where_difference_lies(&lhs, &rhs, d);
        if holding.is_empty() {
            return (
                format!("没有单个单元格能解释此差异：{where_zh}"),
                format!("no single cell explains this: {where_en}"),
            );
        }
        let (holds_zh, holds_en, rules) = self.holding_text(&holding);
        let (offset_zh, offset_en) = if covered {
            (
                format!(
                    "，且另有单元格的错误与之抵消，使 {} 仍然成立",
                    rules.join("、")
                ),
                format!(
                    ", with a second error offsetting it in {}",
                    rules.join(" and ")
                ),
            )
        } else {
            (String::new(), String::new())
        };
        let (pairs_zh, pairs_en) = match f.pairs.len() {
            0 => (String::new(), String::new()),
            n => (
                format!("；有 {n} 种只改两个单元格的改法"),
                format!("; {n} corrections of two cells would do"),
            ),
        };
        (
            format!(
                "没有单个单元格能解释此差异：{holds_zh}成立，故{where_zh}{offset_zh}{pairs_zh}"
            ),
            format!(
                "no single cell explains this: {holds_en} hold, so {where_en}{offset_en}{pairs_en}"
            ),
        )
    }

    /// `R1（自然人）` / `R1 (natural persons)`: a rule id with the instance's members.
    fn name_instance(&self, k: usize) -> Option<(String, String)> {
        let identity = self.identities.get(k)?;
        let rule = self.rules.get(identity.rule)?;
        Some((
            format!("{}（{}）", rule.id, identity.instance(true)),
            format!("{} ({})", rule.id, identity.instance(false)),
        ))
    }

    /// The holding identities grouped by rule: `R1（自然人）、R3（22 处）`, and the rule ids.
    fn holding_text(&self, holding: &BTreeSet<usize>) -> (String, String, Vec<String>) {
        let mut by_rule: Vec<(usize, Vec<usize>)> = Vec::new();
        for &k in holding {
            let Some(identity) = self.identities.get(k) else {
                continue;
            };
            match by_rule.iter_mut().find(|(r, _)| *r == identity.rule) {
                Some((_, ks)) => ks.push(k),
                None => by_rule.push((identity.rule, vec![k])),
            }
        }
        by_rule.sort_by_key(|(r, _)| *r);
        let mut zh = Vec::new();
        let mut en = Vec::new();
        let mut ids = Vec::new();
        for (rule, ks) in &by_rule {
            let Some(rule) = self.rules.get(*rule) else {
                continue;
            };
            ids.push(rule.id.clone());
            match ks.as_slice() {
                [k] => {
                    if let Some((z, e)) = self.name_instance(*k) {
                        zh.push(z);
                        en.push(e);
                    }
                }
                _ => {
                    zh.push(format!("{}（{} 处）", rule.id, ks.len()));
                    en.push(format!("{} ({} instances)", rule.id, ks.len()));
                }
            }
        }
        (zh.join("、"), en.join(" and "), ids)
    }

    fn root_cause(
        &self,
        cell: usize,
        suggested: u64,
        outcomes: &[Outcome],
        values: &CellCounts,
    ) -> RootCause {
        // Only the identities evaluated: one with a missing cell is satisfied by nothing.
        let satisfies: BTreeSet<String> = self
            .by_cell
            .get(cell)
            .into_iter()
            .flatten()
            .filter(|&&i| outcomes.get(i) != Some(&Outcome::NotEvaluable))
            .filter_map(|&i| self.identities.get(i))
            .filter_map(|identity| self.rules.get(identity.rule))
            .map(|rule| rule.id.clone())
            .collect();
        RootCause {
            pointer: pointer(self.cells, cell).to_owned(),
            value: values.get(cell).copied().flatten().unwrap_or_default(),
            suggested,
            satisfies: satisfies.into_iter().collect(),
        }
    }
}

fn pointer(cells: &'static [Cell], cell: usize) -> &'static str {
    cells.get(cell).map_or("", |c| c.pointer)
}

fn label_path(cells: &[Cell], cell: usize) -> String {
    cells.get(cell).map(Cell::label_path).unwrap_or_default()
}

/// Every term of a side with its label and value, joined by ` + ` (`（一）3 + （二）0 + …`).
fn side_values(terms: &[Term], values: &CellCounts, zh: bool) -> String {
    let shown: Vec<String> = terms
        .iter()
        .map(|t| {
            let v = values.get(t.cell).copied().flatten().unwrap_or_default();
            if zh {
                t.with_value_zh(v)
            } else {
                t.with_value_en(v)
            }
        })
        .collect();
    shown.join(" + ")
}

/// A side as a place where a difference can lie: `（七）总计`, `一、… 或 二、…`,
/// `（一） 至 （六）3 中某项`.
fn describe(terms: &[&Term]) -> (String, String) {
    match terms {
        [] => (String::new(), String::new()),
        [one] => (one.name_zh.clone(), one.name_en.clone()),
        _ if terms.len() <= 6 => {
            let zh: Vec<&str> = terms.iter().map(|t| t.name_zh.as_str()).collect();
            let en: Vec<&str> = terms.iter().map(|t| t.name_en.as_str()).collect();
            (
                format!("{} 中某项", zh.join("、")),
                format!("one of {}", en.join(", ")),
            )
        }
        [first, .., last] => (
            format!("{}至{} 中某项", first.short_zh, last.short_zh),
            format!("one of {} … {}", first.name_en, last.name_en),
        ),
    }
}

/// `要么 （七）总计 多计 2，要么 （一）至（六）3 中某项少计 2`: with `d` = left − right, the left side is too
/// high or the right side too low (or the reverse when `d` < 0).
fn where_difference_lies(lhs: &[&Term], rhs: &[&Term], d: i128) -> (String, String) {
    let amount = d.unsigned_abs();
    let (high, low) = if d > 0 { (lhs, rhs) } else { (rhs, lhs) };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    // `某项少计`, but `总计 少计`: a label is set off by spaces, as everywhere in messages.
    let gap = |z: &str| if z.ends_with("某项") { "" } else { " " };
    if !high.is_empty() {
        let (z, e) = describe(high);
        zh.push(format!("{z}{}多计 {amount}", gap(&z)));
        en.push(format!("{e} is {amount} too high"));
    }
    if !low.is_empty() {
        let (z, e) = describe(low);
        zh.push(format!("{z}{}少计 {amount}", gap(&z)));
        en.push(format!("{e} is {amount} too low"));
    }
    (
        format!("要么 {}", zh.join("，要么 ")),
        format!("either {}", en.join(", or ")),
    )
}

fn fill(
    template: &str,
    identity: &CompiledIdentity,
    zh: bool,
    values: &CellCounts,
    sums: (i128, i128),
) -> String {
    let side = |terms: &[Term], zh: bool| side_values(terms, values, zh);
    fill_with(template, identity, zh, &side, sums)
}

/// [`fill`], with each side's terms shown by `side` (`zh` for Chinese).
fn fill_with(
    template: &str,
    identity: &CompiledIdentity,
    zh: bool,
    side: &dyn Fn(&[Term], bool) -> String,
    sums: (i128, i128),
) -> String {
    // A side of one term is printed once: its sum is its value.
    let mut template = template.to_owned();
    for (side, terms) in [("lhs", &identity.lhs_terms), ("rhs", &identity.rhs_terms)] {
        if terms.len() == 1 {
            template = template.replace(
                &format!("{{{side}_values}} = {{{side}_sum}}"),
                &format!("{{{side}_sum}}"),
            );
        }
    }
    let mut out = template.clone();
    for name in placeholders(&template)
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        let value = match name.as_str() {
            "lhs_values" => side(&identity.lhs_terms, zh),
            "rhs_values" => side(&identity.rhs_terms, zh),
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

/// The row (or group) a cell's pointer stands in: the pointer without its column.
fn row_of(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or(pointer, |(row, _)| row)
}

fn related(cells: &'static [Cell], identity: &CompiledIdentity) -> Vec<String> {
    identity
        .cells()
        .map(|c| pointer(cells, c).to_owned())
        .collect()
}

fn failure(
    set: &RuleSet,
    rule: &SumRule,
    identity: &CompiledIdentity,
    values: &CellCounts,
    (lhs, rhs): (i128, i128),
    root: Option<RootCause>,
    (cause_zh, cause_en): (String, String),
) -> Diagnostic {
    let anchor = identity.lhs.first().copied().unwrap_or_default();
    let cell = root
        .as_ref()
        .and_then(|r| set.index.get(r.pointer.as_str()).copied())
        .unwrap_or(anchor);
    let base_zh = fill(&rule.message.zh, identity, true, values, (lhs, rhs));
    let base_en = fill(&rule.message.en, identity, false, values, (lhs, rhs));
    Diagnostic {
        rule: rule.id.clone(),
        name: rule.name.clone(),
        severity: rule.severity,
        kind: Kind::Rule,
        pointer: pointer(set.cells, cell).to_owned(),
        related: related(set.cells, identity),
        linked: Vec::new(),
        label_path: Some(label_path(set.cells, cell)),
        expected: Some(rhs.to_string()),
        actual: Some(lhs.to_string()),
        discrepancy: Some(lhs - rhs),
        root_cause: root,
        message_zh: format!("{base_zh}（{cause_zh}）"),
        message_en: format!("{base_en} ({cause_en})"),
        location: None,
    }
}

fn not_evaluable(
    set: &RuleSet,
    rule: &SumRule,
    identity: &CompiledIdentity,
    values: &CellCounts,
) -> Diagnostic {
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
        pointer: pointer(set.cells, first).to_owned(),
        related: related(set.cells, identity),
        linked: Vec::new(),
        label_path: Some(label_path(set.cells, first)),
        expected: None,
        actual: None,
        discrepancy: None,
        root_cause: None,
        message_zh: format!(
            "{}（{}）无法核对：{} 个单元格缺失或不是有效件数，首个为 {}",
            rule.id,
            instance_zh.join("、"),
            missing.len(),
            label_path(set.cells, first)
        ),
        message_en: format!(
            "{} ({}) not evaluable: {} cell(s) missing or not a valid count, first {}",
            rule.id,
            instance_en.join(", "),
            missing.len(),
            pointer(set.cells, first)
        ),
        location: None,
    }
}

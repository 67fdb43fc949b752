//! Series rules: relations between two reports of one organ for consecutive years (R7–R9).
//!
//! A series rule is declared like a summation rule, except that each term names the document it
//! reads, `previous: pointer` (last year's report) or `current: pointer` (this year's), and the
//! relation between the two sides is `=` or `<=`. [`Catalogue::series_identities`] expands the
//! `for_each` variables exactly as for summation rules.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Catalogue, CatalogueError, Member, MemberSet, Severity, Text, combinations};

/// Which report of a consecutive pair a term reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Year {
    /// Last year's report.
    Previous,
    /// This year's report.
    Current,
}

impl Year {
    /// The lower-case name used in the catalogue and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Previous => "previous",
            Self::Current => "current",
        }
    }
}

/// One term of a series rule: a pointer template into one of the two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesTerm {
    /// A pointer template into last year's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// A pointer template into this year's report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
}

impl SeriesTerm {
    /// The report and pointer template of the term; an error unless exactly one is given.
    pub fn target(&self) -> Result<(Year, &str), CatalogueError> {
        match (&self.previous, &self.current) {
            (Some(p), None) => Ok((Year::Previous, p)),
            (None, Some(c)) => Ok((Year::Current, c)),
            _ => Err(CatalogueError::new(
                "a series term names exactly one of `previous` and `current`",
            )),
        }
    }
}

/// How the two sides of a series rule relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    /// The sums are equal.
    #[serde(rename = "=")]
    Equal,
    /// The left sum is at most the right sum.
    #[serde(rename = "<=")]
    AtMost,
}

impl Relation {
    /// Whether `lhs relation rhs` holds.
    pub fn holds(self, lhs: i128, rhs: i128) -> bool {
        match self {
            Self::Equal => lhs == rhs,
            Self::AtMost => lhs <= rhs,
        }
    }

    /// The relation as printed in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "=",
            Self::AtMost => "<=",
        }
    }

    /// The sign a failing instance prints between its sides (`≠`, `>`).
    pub fn broken_sign(self) -> &'static str {
        match self {
            Self::Equal => "≠",
            Self::AtMost => ">",
        }
    }
}

/// A rule between last year's and this year's report of one organ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesRule {
    /// Stable id, e.g. `R7`; never reused, unique across every kind of rule.
    pub id: String,
    /// Stable kebab-case name.
    pub name: String,
    /// Severity of a failing instance.
    pub severity: Severity,
    /// The catalogue version that introduced the rule.
    pub since: String,
    /// One-line statement of the rule.
    pub summary: Text,
    /// Why the relation holds, and how strongly.
    pub rationale: String,
    /// Variables and the sets they range over; one instance per combination.
    pub for_each: BTreeMap<String, String>,
    /// Left-hand terms, summed.
    pub lhs: Vec<SeriesTerm>,
    /// How the left sum relates to the right sum.
    pub relation: Relation,
    /// Right-hand terms, summed.
    pub rhs: Vec<SeriesTerm>,
    /// Message templates (placeholders: [`SERIES_PLACEHOLDERS`] and the `for_each` variables).
    pub message: Text,
}

/// The placeholders a series message may use besides the `for_each` variables.
pub const SERIES_PLACEHOLDERS: [&str; 6] = [
    "lhs_values",
    "lhs_sum",
    "rhs_values",
    "rhs_sum",
    "previous_year",
    "current_year",
];

/// One cell a series instance reads: the report and the pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesCell {
    /// The report the cell is in.
    pub year: Year,
    /// The cell's JSON Pointer.
    pub pointer: String,
}

/// A series rule under one binding of its `for_each` variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesIdentity<'a> {
    /// The rule.
    pub rule: &'a SeriesRule,
    /// The `for_each` bindings, in variable order.
    pub bindings: Vec<(&'a str, &'a Member)>,
    /// The left-hand cells.
    pub lhs: Vec<SeriesCell>,
    /// The right-hand cells.
    pub rhs: Vec<SeriesCell>,
}

impl Catalogue {
    /// Expands every series rule into its instances, in catalogue order, then binding order.
    ///
    /// Fails like [`Catalogue::identities`], and on a term that names neither or both reports.
    pub fn series_identities(&self) -> Result<Vec<SeriesIdentity<'_>>, CatalogueError> {
        self.check_ids()?;
        let mut out = Vec::new();
        for rule in &self.series_rules {
            let fail = |e: CatalogueError| CatalogueError::new(format!("rule {}: {e}", rule.id));
            for template in [&rule.message.zh, &rule.message.en] {
                if let Some(name) = crate::placeholders(template).find(|name| {
                    !SERIES_PLACEHOLDERS.contains(name) && !rule.for_each.contains_key(*name)
                }) {
                    return Err(fail(CatalogueError::new(format!(
                        "unknown placeholder {{{name}}} in message {template:?}"
                    ))));
                }
            }
            let vars: Vec<(&str, &MemberSet)> =
                rule.for_each
                    .iter()
                    .map(|(var, set)| {
                        let members = self.sets.get(set).ok_or_else(|| {
                            fail(CatalogueError::new(format!("unknown set {set:?}")))
                        })?;
                        Ok((var.as_str(), members))
                    })
                    .collect::<Result<_, CatalogueError>>()?;
            for bindings in combinations(&vars) {
                let expand = |terms: &[SeriesTerm]| {
                    terms
                        .iter()
                        .map(|term| {
                            let (year, template) = term.target().map_err(fail)?;
                            let pointer = crate::substitute(&rule.id, template, &bindings)?;
                            Ok(SeriesCell { year, pointer })
                        })
                        .collect::<Result<Vec<_>, CatalogueError>>()
                };
                let (lhs, rhs) = (expand(&rule.lhs)?, expand(&rule.rhs)?);
                out.push(SeriesIdentity {
                    rule,
                    bindings,
                    lhs,
                    rhs,
                });
            }
        }
        Ok(out)
    }
}

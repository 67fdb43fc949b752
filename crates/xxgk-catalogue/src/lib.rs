//! The rule catalogue's format (`schema/rules-2021.yaml`) and its expansion into identities.
//!
//! The catalogue is data: a summation rule declares `sum(lhs) = sum(rhs)` over pointer templates,
//! repeated for every binding of its `for_each` variables. [`Catalogue::identities`] expands it
//! into concrete identities over JSON Pointers, which is all a checker needs to evaluate it;
//! [`Catalogue::completion`] solves them for the cells they determine, which is all a generator
//! of consistent reports needs.

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod complete;
mod content;
mod series;

pub use complete::{Completion, Shortfall};
pub use content::ContentRule;
pub use series::{
    Relation, SERIES_PLACEHOLDERS, SeriesCell, SeriesIdentity, SeriesRule, SeriesTerm, Year,
};

/// The whole rule catalogue of one edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Stable identifier of the catalogue.
    #[serde(rename = "$id")]
    pub id: String,
    /// Semantic version of the catalogue.
    pub version: String,
    /// The format edition the rules apply to.
    pub edition: String,
    /// The `$id` of the schema whose pointers the rules use.
    pub schema: String,
    /// Named lists that `for_each` and `sum … over` range over.
    pub sets: BTreeMap<String, MemberSet>,
    /// Summation identities.
    pub rules: Vec<SumRule>,
    /// Stable ids of schema violations, by failing keyword.
    pub schema_rules: Vec<SchemaRule>,
    /// Rules between two reports of one organ for consecutive years (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series_rules: Vec<SeriesRule>,
    /// Checks of the prose and metadata against the tables (warnings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_rules: Vec<ContentRule>,
}

/// A named list of members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSet {
    /// What the set is.
    pub description: String,
    /// The members, in template order.
    pub members: Vec<Member>,
}

/// One member of a set: a key substituted into pointer templates, and its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Substituted verbatim for `{var}` in pointer templates; may span several segments.
    pub key: String,
    /// Chinese name, used in messages.
    pub zh: String,
    /// English name, used in messages.
    pub en: String,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report breaks the standard.
    Error,
    /// The report is probably wrong.
    Warning,
    /// Information only; never affects conformance.
    Info,
}

impl Severity {
    /// The lower-case name used in the catalogue and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A summation identity: for every binding of `for_each`, `sum(lhs) = sum(rhs)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumRule {
    /// Stable id, e.g. `R1`; never reused.
    pub id: String,
    /// Stable kebab-case name.
    pub name: String,
    /// Severity of a failing instance.
    pub severity: Severity,
    /// The catalogue version that introduced the rule.
    pub since: String,
    /// One-line statement of the rule.
    pub summary: Text,
    /// Why the identity holds.
    pub rationale: String,
    /// Variables and the sets they range over; one identity per combination.
    pub for_each: BTreeMap<String, String>,
    /// Left-hand terms.
    pub lhs: Vec<Term>,
    /// Right-hand terms.
    pub rhs: Vec<Term>,
    /// Message templates; placeholders are documented in `schema/README.md`.
    pub message: Text,
}

/// One side's term: a single cell, or the sum of a template over a set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Term {
    /// A pointer template naming one cell.
    Cell(String),
    /// The sum of `sum` over every member of the sets in `over`.
    Sum {
        /// A pointer template.
        sum: String,
        /// Variables and the sets they range over.
        over: BTreeMap<String, String>,
    },
}

/// The stable id of a JSON Schema keyword's violations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaRule {
    /// Stable id, e.g. `S1`.
    pub id: String,
    /// Stable kebab-case name.
    pub name: String,
    /// The JSON Schema keyword whose failure this id reports.
    pub keyword: String,
    /// Severity.
    pub severity: Severity,
    /// The catalogue version that introduced the id.
    pub since: String,
    /// One-line statement.
    pub summary: Text,
    /// Why the constraint exists.
    pub rationale: String,
}

/// One concrete identity: a rule under one binding of its `for_each` variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity<'a> {
    /// The rule.
    pub rule: &'a SumRule,
    /// The `for_each` bindings, in variable order.
    pub bindings: Vec<(&'a str, &'a Member)>,
    /// Pointers of the left-hand cells.
    pub lhs: Vec<String>,
    /// Pointers of the right-hand cells.
    pub rhs: Vec<String>,
}

/// A catalogue that cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError(String);

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CatalogueError {}

impl CatalogueError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// The placeholders a message template may use besides the `for_each` variables.
pub const MESSAGE_PLACEHOLDERS: [&str; 4] = ["lhs_values", "lhs_sum", "rhs_values", "rhs_sum"];

impl Catalogue {
    /// Parses the published JSON form of a catalogue.
    pub fn from_json(json: &str) -> Result<Self, CatalogueError> {
        serde_json::from_str(json).map_err(|e| CatalogueError(format!("rule catalogue: {e}")))
    }

    fn set(&self, rule: &SumRule, name: &str) -> Result<&MemberSet, CatalogueError> {
        self.sets
            .get(name)
            .ok_or_else(|| CatalogueError(format!("rule {}: unknown set {name:?}", rule.id)))
    }

    /// Expands every rule into its identities, in catalogue order, then binding order.
    ///
    /// Fails if a rule names an unknown set, leaves a placeholder unbound, or uses an unknown
    /// placeholder in a message; ids must be unique.
    pub fn identities(&self) -> Result<Vec<Identity<'_>>, CatalogueError> {
        self.check_ids()?;
        let mut out = Vec::new();
        for rule in &self.rules {
            self.check_messages(rule)?;
            let vars: Vec<(&str, &MemberSet)> = rule
                .for_each
                .iter()
                .map(|(var, set)| Ok((var.as_str(), self.set(rule, set)?)))
                .collect::<Result<_, CatalogueError>>()?;
            for bindings in combinations(&vars) {
                let lhs = self.expand_terms(rule, &rule.lhs, &bindings)?;
                let rhs = self.expand_terms(rule, &rule.rhs, &bindings)?;
                out.push(Identity {
                    rule,
                    bindings,
                    lhs,
                    rhs,
                });
            }
        }
        Ok(out)
    }

    /// Which cells the expanded identities determine and how: what a generator needs to make
    /// a consistent report from free values (see [`Completion`]).
    pub fn completion(&self) -> Result<Completion, CatalogueError> {
        Completion::new(&self.identities()?)
    }

    fn check_ids(&self) -> Result<(), CatalogueError> {
        let mut seen = std::collections::BTreeSet::new();
        let ids = self.rules.iter().map(|r| (&r.id, &r.name));
        let schema_ids = self.schema_rules.iter().map(|r| (&r.id, &r.name));
        let series_ids = self.series_rules.iter().map(|r| (&r.id, &r.name));
        let content_ids = self.content_rules.iter().map(|r| (&r.id, &r.name));
        for (id, name) in ids.chain(schema_ids).chain(series_ids).chain(content_ids) {
            if !seen.insert(id.as_str()) || !seen.insert(name.as_str()) {
                return Err(CatalogueError(format!(
                    "duplicate rule id or name: {id} {name}"
                )));
            }
        }
        Ok(())
    }

    fn check_messages(&self, rule: &SumRule) -> Result<(), CatalogueError> {
        for template in [&rule.message.zh, &rule.message.en] {
            for name in placeholders(template) {
                let known =
                    MESSAGE_PLACEHOLDERS.contains(&name) || rule.for_each.contains_key(name);
                if !known {
                    return Err(CatalogueError(format!(
                        "rule {}: unknown placeholder {{{name}}} in message {template:?}",
                        rule.id
                    )));
                }
            }
        }
        Ok(())
    }

    fn expand_terms(
        &self,
        rule: &SumRule,
        terms: &[Term],
        bindings: &[(&str, &Member)],
    ) -> Result<Vec<String>, CatalogueError> {
        let mut out = Vec::new();
        for term in terms {
            match term {
                Term::Cell(template) => out.push(substitute(&rule.id, template, bindings)?),
                Term::Sum { sum, over } => {
                    let vars: Vec<(&str, &MemberSet)> = over
                        .iter()
                        .map(|(var, set)| Ok((var.as_str(), self.set(rule, set)?)))
                        .collect::<Result<_, CatalogueError>>()?;
                    for inner in combinations(&vars) {
                        let all: Vec<(&str, &Member)> =
                            bindings.iter().chain(inner.iter()).copied().collect();
                        out.push(substitute(&rule.id, sum, &all)?);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// Every combination of one member per variable, the last variable varying fastest.
fn combinations<'a>(vars: &[(&'a str, &'a MemberSet)]) -> Vec<Vec<(&'a str, &'a Member)>> {
    vars.iter().fold(vec![Vec::new()], |acc, (var, set)| {
        acc.iter()
            .flat_map(|prefix| {
                set.members.iter().map(move |m| {
                    let mut next = prefix.clone();
                    next.push((*var, m));
                    next
                })
            })
            .collect()
    })
}

/// The `{name}` placeholders of a template.
pub fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

fn substitute(
    rule: &str,
    template: &str,
    bindings: &[(&str, &Member)],
) -> Result<String, CatalogueError> {
    let mut out = template.to_owned();
    for (var, member) in bindings {
        out = out.replace(&format!("{{{var}}}"), &member.key);
    }
    if out.contains('{') || !out.starts_with('/') {
        return Err(CatalogueError(format!(
            "rule {rule}: template {template:?} is not a pointer once bound ({out:?})"
        )));
    }
    Ok(out)
}

//! The conformance engine of the xxgk standard: a schema pass, then a rule pass over every
//! identity of the published rule catalogue, producing diagnostics as plain data.
//!
//! One [`Checker`] is built once for an edition of the standard ([`Checker::for_standard`]: it
//! compiles the edition's embedded schema and catalogue against its cells) and reused for every
//! document, from any number of threads. [`Checker::new`] compiles every edition and checks a
//! document under the edition it names (`"edition": "2019"` or `"2021"`). It does no I/O and
//! never panics on input.
//!
//! ```
//! let checker = xxgk_check::Checker::new().unwrap();
//! let text = include_str!("../../../examples/jingyue-2024.json");
//! let outcome = checker.check_text(text, xxgk_check::Format::Json).unwrap();
//! assert!(outcome.tally().conformant());
//! ```
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod content;
mod diagnostic;
mod input;
mod locate;
mod names;
mod rules;
mod schema_pass;
mod series;
mod terms;

use std::collections::HashMap;

use jsonschema::Validator;
use serde::Deserialize;
use serde_json::Value;
use xxgk_catalogue::{Catalogue, SchemaRule};
use xxgk_model::{
    AnnualReport, Cell, CellValue, SCHEMA_ID, STANDARD_2019, STANDARD_2021, Standard,
};

use content::{ContentRules, Facts};
pub use diagnostic::{Diagnostic, FindingRef, Kind, Lang, Location, RootCause, Severity, Tally};
pub use input::{Format, InputError, parse, strip_bom};
pub use locate::Locations;
use names::Names;
use rules::{CellCounts, RuleSet};
pub use rules::{PrintedAs, PrintedSum, SumEvaluation};
pub use series::{
    OrganSeries, SeriesAssessment, SeriesCellValue, SeriesFinding, SeriesPair, SeriesValues,
    Unplaced, normalise_organ,
};

/// The embedded standard could not be compiled (a build defect, not an input problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardError(pub String);

impl std::fmt::Display for StandardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the embedded standard is invalid: {}", self.0)
    }
}

impl std::error::Error for StandardError {}

/// The diagnostics of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Findings and notes, sorted deterministically (document position, then rule id).
    pub diagnostics: Vec<Diagnostic>,
}

impl Outcome {
    /// Counts by severity.
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }
}

/// A compiled validator for one edition of the standard, reusable across documents and threads.
pub struct Checker {
    standard: &'static Standard,
    validator: Validator,
    catalogue: Catalogue,
    rules: RuleSet,
    content: ContentRules,
    names: Names,
    /// Each cell's index in the standard's cells, looked up once per pointer.
    cells: HashMap<&'static str, usize>,
    /// Whether the edition is the one whose types [`AnnualReport`] are: only then does a typed
    /// parse prove schema validity.
    typed: bool,
    /// Checkers of the other editions: a document whose `edition` names one of them is checked
    /// under it. A document naming none (or an unknown one) is checked under this one, whose
    /// schema reports the edition it lacks.
    others: Vec<Checker>,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("edition", &self.standard.edition)
            .field("catalogue", &self.catalogue.id)
            .field("identities", &self.rules.identity_count())
            .finish_non_exhaustive()
    }
}

/// The cell values of a document that may not be schema-valid: a cell has a value only when it
/// is present and a valid count (JSON Schema integer from 0 to 2^64 − 1).
fn cell_counts_of_value(cells: &[Cell], doc: &Value) -> Vec<Option<u64>> {
    cells
        .iter()
        .map(|cell| {
            doc.pointer(cell.pointer).and_then(|v| {
                v.as_u64().or_else(|| {
                    let f = v.as_f64()?;
                    // An integral float below 2^64 is a JSON Schema integer and converts exactly.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    (f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f))
                        .then_some(f as u64)
                })
            })
        })
        .collect()
}

/// The cell values of a schema-valid (typed) report.
fn cell_counts_of_report(report: &AnnualReport) -> Vec<Option<u64>> {
    report
        .cell_values()
        .into_iter()
        .map(|value| match value {
            CellValue::Count(n) => Some(n),
            CellValue::Decimal(_) | CellValue::Signed(_) | CellValue::Published(_) => None,
        })
        .collect()
}

impl Checker {
    /// Compiles every edition: a document is checked under the edition its `edition` names
    /// ([`STANDARD_2019`] or [`STANDARD_2021`]); one that names no known edition is checked
    /// under 2021, whose schema says so (`S8`, or `S1` when `edition` is missing).
    pub fn new() -> Result<Self, StandardError> {
        let mut checker = Self::for_standard(&STANDARD_2021)?;
        checker.others.push(Self::for_standard(&STANDARD_2019)?);
        Ok(checker)
    }

    /// Compiles an edition of the standard: its embedded schema and rule catalogue.
    pub fn for_standard(standard: &'static Standard) -> Result<Self, StandardError> {
        let catalogue =
            Catalogue::from_json(standard.rules_json).map_err(|e| StandardError(e.to_string()))?;
        Self::compile(standard, catalogue)
    }

    /// Compiles the 2021 edition's schema with another catalogue (for testing rule changes).
    pub fn with_catalogue(catalogue: Catalogue) -> Result<Self, StandardError> {
        Self::compile(&STANDARD_2021, catalogue)
    }

    /// Compiles several editions, each with its own catalogue (for testing rule changes across
    /// editions), checking a document under the edition it names, as [`Checker::new`] does; the
    /// first is the one a document naming no listed edition is checked under.
    pub fn with_catalogues(
        editions: Vec<(&'static Standard, Catalogue)>,
    ) -> Result<Self, StandardError> {
        let mut editions = editions.into_iter();
        let Some((standard, catalogue)) = editions.next() else {
            return Err(StandardError("no edition given".to_owned()));
        };
        let mut checker = Self::compile(standard, catalogue)?;
        for (standard, catalogue) in editions {
            checker.others.push(Self::compile(standard, catalogue)?);
        }
        Ok(checker)
    }

    fn compile(standard: &'static Standard, catalogue: Catalogue) -> Result<Self, StandardError> {
        let schema: Value =
            serde_json::from_str(standard.schema_json).map_err(|e| StandardError(e.to_string()))?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| StandardError(e.to_string()))?;
        let names = Names::of_standard(standard);
        let rules = RuleSet::compile(standard.cells, &catalogue, &names)
            .map_err(|e| StandardError(e.to_string()))?;
        catalogue
            .series_identities()
            .map_err(|e| StandardError(e.to_string()))?;
        let cells = standard.cell_indices();
        let content = ContentRules::compile(&catalogue, &cells).map_err(StandardError)?;
        Ok(Self {
            standard,
            validator,
            catalogue,
            rules,
            content,
            names,
            cells,
            typed: standard.schema_id == SCHEMA_ID,
            others: Vec::new(),
        })
    }

    /// The checker of the edition a document names: one of the other editions [`Checker::new`]
    /// compiled when its `edition` is theirs, else this one.
    pub fn for_document(&self, doc: &Value) -> &Self {
        let edition = doc.get("edition").and_then(Value::as_str);
        self.others
            .iter()
            .find(|c| Some(c.standard.edition) == edition)
            .unwrap_or(self)
    }

    /// The checker of an edition (`"2019"`, `"2021"`), if this checker holds it.
    pub fn edition(&self, edition: &str) -> Option<&Self> {
        std::iter::once(self)
            .chain(&self.others)
            .find(|c| c.standard.edition == edition)
    }

    /// The edition of the standard this checker checks against.
    pub fn standard(&self) -> &'static Standard {
        self.standard
    }

    /// The Chinese label path and the English name of any node of the schema (a metadata field,
    /// a section's prose, a table, a cell), as the template names it; `None` if there is none.
    pub fn node_names(&self, pointer: &str) -> Option<(String, String)> {
        self.names
            .of(pointer)
            .filter(|(zh, en)| !zh.is_empty() && !en.is_empty())
    }

    /// The number of identity instances the catalogue expands to.
    pub fn identity_count(&self) -> usize {
        self.rules.identity_count()
    }

    /// The rule catalogue in use.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The finding for the identity whose left side is the cell at `anchor` alone and whose
    /// cells all stand in the anchor's row or group, when a reader found it failing however the
    /// run of digits that row was printed as (`digits`, the whole report on one line) is split:
    /// an error of the report, though no cell of it is read. `None` when no single identity is
    /// such (（七）总计 is the left side of R2 too, whose cells stand in other rows).
    pub fn unsplit_failure(&self, anchor: &str, digits: &str) -> Option<Diagnostic> {
        self.rules.unsplit_failure(anchor, digits)
    }

    /// The finding for the identity across rows of one column (R1, R2 of 表三) whose left side
    /// starts with the cell at `anchor`, when a reader found it failing however each of its rows,
    /// printed with its cells run together (`digits`, one of them, quoted), is split: no choice
    /// of one split per row satisfies it. An error of the report, though cells of it are unread.
    /// `None` when no single identity is such.
    pub fn unsplit_column_failure(&self, anchor: &str, digits: &str) -> Option<Diagnostic> {
        self.rules.unsplit_column_failure(anchor, digits)
    }

    /// Every identity of `doc` whose missing cells are exactly cells of `sums` (each in one sum,
    /// each sum's cells on one side of it), evaluated with those sums in their place: a report
    /// that prints a row the standard splits (a 2021 report's （六）其他处理 as one row) prints
    /// the sum R2 needs of the rows it does not print. A failure is an error of the identity's
    /// rule at its left side's cell, as the rule pass gives it; an identity that holds is
    /// confirmed though its missing cells stay unread.
    pub fn evaluate_with_sums(&self, doc: &Value, sums: &[PrintedSum]) -> Vec<SumEvaluation> {
        if sums.is_empty() {
            return Vec::new();
        }
        let counts = cell_counts_of_value(self.standard.cells, doc);
        self.rules.evaluate_with_sums(&counts, sums)
    }

    /// The finding the schema pass gives for a required value absent at `pointer` (`S1`, "a
    /// blank is not a 0" for a cell), for a value whose parent is absent too: the schema pass
    /// reports only the parent, and a reader that knows which of its cells are printed blank
    /// reports those alone.
    pub fn missing_value(&self, pointer: &str) -> Diagnostic {
        schema_pass::missing_value(&self.catalogue.schema_rules, &self.names, pointer)
    }

    /// The schema-rule ids, by keyword.
    pub fn schema_rules(&self) -> &[SchemaRule] {
        &self.catalogue.schema_rules
    }

    /// Checks a parsed document under this checker's edition: the schema pass, every identity
    /// that can be evaluated, then the content rules (warnings) on the values that are readable.
    /// `checker.for_document(doc).check_value(doc)` checks it under the edition it names, as
    /// [`Checker::check_text`] does.
    pub fn check_value(&self, doc: &Value) -> Outcome {
        let mut diagnostics = schema_pass::check(
            &self.validator,
            &self.catalogue.schema_rules,
            &self.names,
            doc,
        );
        let counts: &CellCounts = &cell_counts_of_value(self.standard.cells, doc);
        diagnostics.extend(self.rules.check(counts));
        diagnostics.extend(self.content.check(
            &Facts::of_value(doc, self.standard.edition),
            counts,
            &self.names,
        ));
        self.sort(&mut diagnostics);
        Outcome { diagnostics }
    }

    /// Checks a report already known to be schema-valid (it deserialized into the generated
    /// types, which accept exactly the schema-valid documents): the rule pass only. A checker
    /// of another edition than the generated types' checks the report's JSON value.
    pub fn check_report(&self, report: &AnnualReport) -> Outcome {
        if !self.typed {
            return match serde_json::to_value(report) {
                Ok(value) => self.check_value(&value),
                Err(_) => Outcome {
                    diagnostics: Vec::new(),
                },
            };
        }
        let counts = cell_counts_of_report(report);
        let mut diagnostics = self.rules.check(&counts);
        diagnostics.extend(
            self.content
                .check(&Facts::of_report(report), &counts, &self.names),
        );
        self.sort(&mut diagnostics);
        Outcome { diagnostics }
    }

    /// Checks document text under the edition it names ([`Checker::for_document`]), with every
    /// diagnostic located in the text.
    ///
    /// Fast path: a typed parse, whose success proves schema validity; only a document that
    /// fails it is checked as a value, by the full schema pass and its precise findings. YAML is
    /// first read into a JSON value (YAML 1.2 core schema) and typed from it: a typed parse of
    /// the YAML text would take the plain scalar `7` for the string `"7"` where text is
    /// expected, and so accept what the same data in JSON fails.
    pub fn check_text(&self, text: &str, format: Format) -> Result<Outcome, InputError> {
        let text = strip_bom(text);
        // The checker whose cells order the diagnostics: the edition the document names.
        let mut checker = self;
        let mut by_value = |value: &Value| {
            checker = self.for_document(value);
            checker.check_value(value)
        };
        let mut outcome = match format {
            Format::Json if self.typed => match serde_json::from_str::<AnnualReport>(text) {
                Ok(report) => self.check_report(&report),
                Err(_) => by_value(&parse(text, format)?),
            },
            Format::Yaml if self.typed => {
                let value = parse(text, format)?;
                match AnnualReport::deserialize(&value) {
                    Ok(report) => self.check_report(&report),
                    Err(_) => by_value(&value),
                }
            }
            Format::Json | Format::Yaml => by_value(&parse(text, format)?),
        };
        if !outcome.diagnostics.is_empty() {
            let wanted: Vec<&str> = outcome
                .diagnostics
                .iter()
                .map(|d| d.pointer.as_str())
                .collect();
            let locations = Locations::scan(text, format, &wanted);
            for d in &mut outcome.diagnostics {
                d.location = locations.find(&d.pointer);
            }
            checker.sort(&mut outcome.diagnostics);
        }
        Ok(outcome)
    }

    /// Deterministic order: findings before notes, then by place in the document, then rule id.
    fn sort(&self, diagnostics: &mut [Diagnostic]) {
        // Position in the cell table (non-cells after cells; they are ordered by pointer next).
        let cell_order = |pointer: &str| self.cells.get(pointer).copied().unwrap_or(usize::MAX);
        diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.kind == Kind::NotEvaluable,
                    severity_rank(d.severity),
                    d.location,
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| cell_order(&a.pointer).cmp(&cell_order(&b.pointer)))
                .then_with(|| a.pointer.cmp(&b.pointer))
                .then_with(|| rule_order(&a.rule).cmp(&rule_order(&b.rule)))
                .then_with(|| a.message_en.cmp(&b.message_en))
        });
    }
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// `R10` after `R9`: the letter, then the number.
fn rule_order(id: &str) -> (String, u64) {
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    (
        id[..id.len() - digits.len()].to_owned(),
        digits.parse().unwrap_or(u64::MAX),
    )
}

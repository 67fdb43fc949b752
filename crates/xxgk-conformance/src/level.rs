//! The levels of a conformance certificate and the assessment of one document that yields them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use xxgk_check::{Diagnostic, Kind, Severity};

use crate::finding::is_finding;

/// How far a document conforms, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Unreadable, or not schema-valid.
    None,
    /// Schema-valid, but a rule finding of severity error.
    SchemaValid,
    /// No finding of severity error (warnings allowed): conformant.
    RulesPass,
    /// No finding of severity error or warning.
    Clean,
}

impl Level {
    /// The level's name as certificates spell it.
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::SchemaValid => "schema-valid",
            Level::RulesPass => "rules-pass",
            Level::Clean => "clean",
        }
    }

    /// Conformant: no finding of severity error.
    pub fn conformant(self) -> bool {
        self >= Level::RulesPass
    }
}

/// One document's findings counted for a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// The level reached.
    pub level: Level,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings counted by rule id.
    pub findings: BTreeMap<String, usize>,
}

impl Assessment {
    /// A document that is not a readable report.
    pub fn unreadable() -> Self {
        Self {
            level: Level::None,
            errors: 0,
            warnings: 0,
            findings: BTreeMap::new(),
        }
    }

    /// The assessment of a readable document's diagnostics; only findings ([`is_finding`])
    /// count.
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut assessment = Self::unreadable();
        let mut schema_valid = true;
        for d in diagnostics.into_iter().filter(|d| is_finding(d)) {
            match d.severity {
                Severity::Error => assessment.errors += 1,
                Severity::Warning => assessment.warnings += 1,
                Severity::Info => continue,
            }
            schema_valid &= d.kind != Kind::Schema;
            *assessment.findings.entry(d.rule.clone()).or_default() += 1;
        }
        assessment.level = match (schema_valid, assessment.errors, assessment.warnings) {
            (false, _, _) => Level::None,
            (true, 0, 0) => Level::Clean,
            (true, 0, _) => Level::RulesPass,
            (true, _, _) => Level::SchemaValid,
        };
        assessment
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_check::{Checker, Format};

    #[test]
    fn levels_are_ordered_from_none_to_clean_and_named_as_serialized() {
        let all = [
            Level::None,
            Level::SchemaValid,
            Level::RulesPass,
            Level::Clean,
        ];
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        for level in all {
            assert_eq!(serde_json::to_value(level).unwrap(), level.name());
            assert_eq!(level.conformant(), level >= Level::RulesPass);
        }
    }

    #[test]
    fn documents_are_assessed_by_their_findings() {
        let checker = Checker::new().unwrap();
        let base: serde_json::Value =
            serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap();
        let assess = |doc: &serde_json::Value| {
            let outcome = checker.check_text(&doc.to_string(), Format::Json).unwrap();
            Assessment::of(&outcome.diagnostics)
        };
        assert_eq!(assess(&base).level, Level::Clean);
        let mut doc = base.clone();
        doc["review_litigation"]["review"]["upheld"] = 12.into();
        let rules = assess(&doc);
        assert_eq!(
            (rules.level, rules.errors, rules.findings.get("R4")),
            (Level::SchemaValid, 1, Some(&1))
        );
        doc["edition"] = "2019".into();
        assert_eq!(assess(&doc).level, Level::None);
    }
}

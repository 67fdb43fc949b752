//! Content rules: the catalogue's declarations of the checks that read a report's prose and
//! metadata against its tables (R10–R13, R15). The logic of each kind (`check`) lives in the
//! checker; the catalogue declares the instances, their names, severities and messages, so that
//! switching a rule off or rewording it is a change of data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Severity, Text};

/// A content rule: one instance of a kind of check the checker implements (`check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentRule {
    /// Stable id, e.g. `R10`; never reused.
    pub id: String,
    /// Stable kebab-case name.
    pub name: String,
    /// The kind of check, whose evaluation `schema/README.md` specifies ("Content rules").
    pub check: String,
    /// Severity of a finding; `warning` for every content rule, which never decides conformance.
    pub severity: Severity,
    /// The catalogue version that introduced the rule.
    pub since: String,
    /// One-line statement of the rule.
    pub summary: Text,
    /// Why the rule holds, and the exact wording it reads.
    pub rationale: String,
    /// Pointers of the values the rule reads.
    pub reads: Vec<String>,
    /// Message templates by the case of the check that fires; placeholders per kind in
    /// `schema/README.md`.
    pub messages: BTreeMap<String, Text>,
}

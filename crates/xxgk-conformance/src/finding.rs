//! What the suite compares: findings (`{rule, pointer}` of severity error or warning), the
//! protocol's reply, and the verdict on a reply.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use xxgk_check::{Checker, Diagnostic, Format, Kind, Severity};

/// A finding as the suite compares it and the protocol carries it. Other members of a reply's
/// finding are ignored (the protocol allows them).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (`R1`, `S3`, …).
    pub rule: String,
    /// The RFC 6901 pointer the finding is reported at.
    pub pointer: String,
    /// In a case of several documents: the document the finding is in, by name (a reply may
    /// give the path it was handed: only the file name without `.json` is compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

impl Finding {
    /// The same finding, in the document `name`.
    pub fn in_document(mut self, name: &str) -> Self {
        self.document = Some(name.to_owned());
        self
    }

    /// The finding as compared: its document by file name without directory and `.json`.
    pub(crate) fn compared(&self) -> Self {
        let document = self.document.as_deref().map(|d| {
            let name = d.rsplit(['/', '\\']).next().unwrap_or(d);
            name.strip_suffix(".json").unwrap_or(name).to_owned()
        });
        Self {
            document,
            ..self.clone()
        }
    }
}

/// Whether a diagnostic is a finding: severity error or warning. Notes (severity info, and the
/// not-evaluable notes of identities with a missing cell) are not compared and never count.
pub fn is_finding(diagnostic: &Diagnostic) -> bool {
    diagnostic.kind != Kind::NotEvaluable && diagnostic.severity != Severity::Info
}

/// The findings among diagnostics, in their order.
pub fn findings<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Finding> {
    diagnostics
        .into_iter()
        .filter(|d| is_finding(d))
        .map(|d| Finding {
            rule: d.rule.clone(),
            pointer: d.pointer.clone(),
            document: None,
        })
        .collect()
}

/// The protocol's reply: the findings of a readable document, or why it is unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Reply {
    /// The document is a readable report with these findings.
    Findings {
        /// Its findings (order and duplicates do not matter).
        findings: Vec<Finding>,
    },
    /// The document is not a readable report; the text is for people and not compared.
    Unreadable {
        /// Why.
        unreadable: String,
    },
}

/// xxgk's reply for the bytes of a document: text that is not UTF-8 or that the checker cannot
/// read is unreadable.
pub fn reply(checker: &Checker, bytes: &[u8], format: Format) -> Reply {
    let checked = std::str::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8: {e}"))
        .and_then(|text| checker.check_text(text, format).map_err(|e| e.to_string()));
    match checked {
        Ok(outcome) => Reply::Findings {
            findings: findings(&outcome.diagnostics),
        },
        Err(unreadable) => Reply::Unreadable { unreadable },
    }
}

/// xxgk's reply for a case of several documents, `(name, bytes)` in the case's order: each
/// document's own findings, then the series findings (R7–R9) of every consecutive-year pair,
/// each in the document it is reported in. Unreadable when one document is.
pub fn series_reply(checker: &Checker, documents: &[(&str, &[u8])]) -> Reply {
    let mut all = Vec::new();
    let mut values = Vec::new();
    for &(name, bytes) in documents {
        let value = std::str::from_utf8(bytes)
            .map_err(|e| format!("{name}: not UTF-8: {e}"))
            .and_then(|text| {
                xxgk_check::parse(text, Format::Json).map_err(|e| format!("{name}: {e}"))
            });
        let value = match value {
            Ok(value) => value,
            Err(unreadable) => return Reply::Unreadable { unreadable },
        };
        // Each document under the edition it names, as a single document is checked.
        let outcome = checker.for_document(&value).check_value(&value);
        all.extend(
            findings(&outcome.diagnostics)
                .into_iter()
                .map(|f| f.in_document(name)),
        );
        values.push(checker.series_values(&value));
    }
    let assessment = checker.assess_series(&values);
    for pair in assessment.organs.iter().flat_map(|o| &o.pairs) {
        let Some(&(name, _)) = documents.get(pair.current) else {
            continue;
        };
        all.extend(
            pair.findings
                .iter()
                .filter(|f| f.evaluable && f.severity != Severity::Info)
                .map(|f| Finding {
                    rule: f.rule.clone(),
                    pointer: f.pointer.clone(),
                    document: Some(name.to_owned()),
                }),
        );
    }
    Reply::Findings { findings: all }
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The reply is what the case expects.
    Pass,
    /// The findings differ: expected but not reported, reported but not expected (sorted).
    Differ {
        /// Expected, not reported.
        missing: Vec<Finding>,
        /// Reported, not expected.
        unexpected: Vec<Finding>,
    },
    /// Anything else: the case could not be run, the reply was not a protocol reply, or it
    /// disagreed about whether the document is readable.
    Error(String),
}

impl Verdict {
    /// Judges a reply against the expected set of findings of a readable document, or against
    /// `unreadable`.
    pub(crate) fn of(expected: &BTreeSet<Finding>, unreadable: bool, reply: &Reply) -> Self {
        let actual: BTreeSet<Finding> = match (reply, unreadable) {
            (Reply::Unreadable { .. }, true) => return Verdict::Pass,
            (Reply::Findings { findings }, true) => {
                return Verdict::Error(format!(
                    "the document is unreadable, but the implementation reported {} finding(s)",
                    findings.len()
                ));
            }
            (Reply::Unreadable { unreadable }, false) => {
                return Verdict::Error(format!(
                    "the implementation calls the document unreadable: {unreadable}"
                ));
            }
            (Reply::Findings { findings }, false) => {
                findings.iter().map(Finding::compared).collect()
            }
        };
        if &actual == expected {
            return Verdict::Pass;
        }
        Verdict::Differ {
            missing: expected.difference(&actual).cloned().collect(),
            unexpected: actual.difference(expected).cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, pointer: &str) -> Finding {
        Finding {
            rule: rule.to_owned(),
            pointer: pointer.to_owned(),
            document: None,
        }
    }

    #[test]
    fn sets_are_compared_and_differences_named() {
        let expected = BTreeSet::from([finding("R1", "/a"), finding("R2", "/b")]);
        let reply = |findings: Vec<Finding>| Reply::Findings { findings };
        let same = reply(vec![
            finding("R2", "/b"),
            finding("R1", "/a"),
            finding("R1", "/a"),
        ]);
        assert_eq!(Verdict::of(&expected, false, &same), Verdict::Pass);
        let other = reply(vec![finding("R1", "/a"), finding("R3", "/c")]);
        assert_eq!(
            Verdict::of(&expected, false, &other),
            Verdict::Differ {
                missing: vec![finding("R2", "/b")],
                unexpected: vec![finding("R3", "/c")],
            }
        );
    }

    #[test]
    fn readability_must_agree() {
        let none = BTreeSet::new();
        let unreadable = Reply::Unreadable {
            unreadable: "NaN".to_owned(),
        };
        let empty = Reply::Findings { findings: vec![] };
        assert_eq!(Verdict::of(&none, true, &unreadable), Verdict::Pass);
        assert!(matches!(
            Verdict::of(&none, true, &empty),
            Verdict::Error(_)
        ));
        assert!(matches!(
            Verdict::of(&none, false, &unreadable),
            Verdict::Error(e) if e.ends_with(": NaN")
        ));
    }

    #[test]
    fn replies_read_the_protocol_and_ignore_other_members() {
        let reply: Reply = serde_json::from_str(
            r#"{"findings":[{"rule":"R1","pointer":"/x","message":"m"}],"v":1}"#,
        )
        .unwrap();
        assert_eq!(
            reply,
            Reply::Findings {
                findings: vec![finding("R1", "/x")]
            }
        );
        let reply: Reply = serde_json::from_str(r#"{"unreadable":"why"}"#).unwrap();
        assert!(matches!(reply, Reply::Unreadable { .. }));
        assert!(serde_json::from_str::<Reply>(r#"{"finding":[]}"#).is_err());
    }

    #[test]
    fn xxgk_replies_unreadable_for_text_that_is_not_a_report() {
        let checker = Checker::new().unwrap();
        for bytes in [&b"\xff\xfe"[..], b"NaN", b"{\"a\":1,\"a\":2}"] {
            assert!(matches!(
                reply(&checker, bytes, Format::Json),
                Reply::Unreadable { .. }
            ));
        }
    }
}

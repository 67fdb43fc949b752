//! Diagnostics as plain data, and the per-document verdict.

use serde::{Serialize, Serializer};
pub use xxgk_catalogue::Severity;

/// A 1-based line and column (in characters) of a value in the file as the user wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// What a diagnostic reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The document breaks a schema constraint.
    Schema,
    /// An identity of the rule catalogue fails.
    Rule,
    /// An identity could not be evaluated because a cell has no value (never a finding).
    NotEvaluable,
    /// The reader of a published report could not find or place values that may well be printed:
    /// not the publisher's fault, and no finding. `related` lists the values not read.
    Unread,
}

/// The single cell whose correction would satisfy every failing identity that contains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootCause {
    /// The cell's pointer.
    pub pointer: String,
    /// Its value now.
    pub value: u64,
    /// The value that would satisfy every identity containing it.
    pub suggested: u64,
    /// The ids of the rules those identities belong to (the evaluable ones: an identity with a
    /// missing cell is satisfied by no value), sorted, without repeats.
    pub satisfies: Vec<String>,
}

/// Another finding of the same document, by its rule id and pointer (together unique).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FindingRef {
    /// The finding's rule id.
    pub rule: String,
    /// The finding's pointer.
    pub pointer: String,
}

/// One finding or note about a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable rule id (`R1`, `S3`, …).
    pub rule: String,
    /// Stable kebab-case rule name.
    pub name: String,
    /// Severity; `info` for notes that never affect conformance.
    pub severity: Severity,
    /// What kind of check produced it.
    pub kind: Kind,
    /// JSON Pointer of the offending value (RFC 6901).
    pub pointer: String,
    /// Pointers of the other values involved, e.g. every cell of a failing identity.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// For an identity: the other findings one correction explains together with this one (the
    /// same explaining cell, or the same correction of two cells): one cause, to fix together.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub linked: Vec<FindingRef>,
    /// The verbatim Chinese label path of the cell at `pointer`, when it is a cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_path: Option<String>,
    /// What the standard expects (for an identity: the right-hand sum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the document has (for an identity: the left-hand sum).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// For an identity: left-hand sum minus right-hand sum. Serialized as a decimal string, like
    /// the sums, because it can exceed the 64-bit range a JSON number holds exactly.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "decimal_string"
    )]
    pub discrepancy: Option<i128>,
    /// For an identity: the cell most likely wrong, when a single cell explains the failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<RootCause>,
    /// Message in Chinese, stating the numbers.
    pub message_zh: String,
    /// Message in English, stating the numbers.
    pub message_en: String,
    /// Where the value stands in the source file, when the source text is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// Writes an exact integer as its decimal digits (serde_json's `Value` holds no number beyond
/// 64 bits, so a number would turn into an error, and the diagnostic into `null`).
fn decimal_string<S: Serializer>(value: &Option<i128>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(n) => serializer.collect_str(n),
        None => serializer.serialize_none(),
    }
}

impl Diagnostic {
    /// The message in the given language (`zh` unless `en`).
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }

    /// Whether the diagnostic is a finding (error or warning) rather than a note.
    pub fn is_finding(&self) -> bool {
        self.kind != Kind::NotEvaluable
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The one of a Chinese and an English text (or value) that is in this language: the one
    /// place that chooses between the two.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }
}

/// Counts by severity and the verdict for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Notes (information only).
    pub notes: usize,
    /// Values of a published report that could not be read (see [`Kind::Unread`]).
    pub unread: usize,
}

impl Tally {
    /// Counts the diagnostics.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        diagnostics.iter().fold(Self::default(), |mut t, d| {
            if d.kind == Kind::Unread {
                t.unread += d.related.len().max(1);
                return t;
            }
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.notes += 1,
            }
            t
        })
    }

    /// A document conforms when it has no error-severity finding and every value was read.
    pub fn conformant(self) -> bool {
        self.errors == 0 && self.unread == 0
    }

    /// No error, but values could not be read: whether the document conforms is not known.
    pub fn undetermined(self) -> bool {
        self.errors == 0 && self.unread > 0
    }
}

//! A 政府信息公开工作年度报告 as a user hands it over, checked against the xxgk standard: bytes and
//! a name hint in, a typed [`Checked`] out.
//!
//! [`read`] is the one reader of inputs (regular files only, every read bounded, the DOCX/PDF
//! limit, UTF-8 for canonical text, JSON Lines datasets a line at a time). [`check`] classifies
//! the bytes by their name: canonical JSON/YAML is checked as it stands; a published report
//! (text, HTML, DOCX, PDF through poppler's `pdftotext`) is extracted, checked, and every
//! diagnostic placed in the source the reader saw, with what the reader could not read kept apart
//! from what the report breaks ([`published`]). The outcome carries the canonical report or the
//! extraction, the diagnostics with source positions, the [`Verdict`] and the unread cells, so the
//! CLI, a local web page and a renderer of failing cells all call the same thing.
//!
//! ```
//! let checker = xxgk_check::Checker::new().unwrap();
//! let text = include_str!("../../../examples/jingyue-2024.json");
//! let checked = xxgk_document::check(&checker, text.as_bytes().to_vec(), Some("jingyue-2024.json"));
//! assert_eq!(checked.verdict(), xxgk_document::Verdict::Conformant);
//! ```
//!
//! Reading a file and running `pdftotext` are its only I/O; bytes handed over are never written
//! anywhere.
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod pdf;
pub mod published;
pub mod read;

use std::collections::HashMap;

use xxgk_check::{Checker, Diagnostic, Format, Kind, Location, Outcome, Tally};
use xxgk_extract::Extraction;

pub use read::{Document, Source, classify};

/// What checking one document gave.
#[derive(Debug)]
pub enum Checked {
    /// It cannot be read as a report of its kind (I/O, size, encoding, syntax, a PDF without a
    /// text layer): why, in English.
    Unreadable(String),
    /// A published file in which no section heading and no table row was found.
    NotAReport,
    /// A report, read and checked.
    Report(Box<Report>),
}

/// A report read and checked.
#[derive(Debug)]
pub struct Report {
    /// How it was read: canonical text as given, or extracted from a published file.
    pub reading: Reading,
    /// The diagnostics, each at its place in [`Report::source`] when it has one (source order
    /// for a published report), and unread values as diagnostics of kind [`Kind::Unread`].
    pub outcome: Outcome,
    /// The text the locations refer to, when it can be shown to a person: the canonical text, a
    /// published text or HTML file as UTF-8 (without BOM), or the text `pdftotext` gave; `None`
    /// for a DOCX (its positions are in its XML) or a published file in another encoding.
    pub source: Option<SourceText>,
    /// The locations are in text derived from the file (a PDF's text layer, a DOCX's XML), not in
    /// the file itself.
    pub derived_text: bool,
}

/// How a report was read.
#[derive(Debug)]
pub enum Reading {
    /// Canonical text in this format, as given: [`Report::source`] holds it.
    Canonical(Format),
    /// A published report, through the extractor: the canonical report it made, where every
    /// value came from, and what it could not read.
    Extracted(Box<Extraction>),
}

/// The text of a source as a person sees it, for code frames and highlighting.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text.
    pub text: String,
    /// The display width of the value at a location, when the reader knows it (published
    /// reports); otherwise a value runs to the next `,` of canonical text.
    pub widths: HashMap<Location, usize>,
}

/// The verdict on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 符合标准: no finding at error severity, and every value read.
    Conformant,
    /// 不符合标准: at least one finding at error severity.
    NotConformant,
    /// 无法判定: no error, but values of a published report could not be read.
    Undetermined,
    /// Not an annual report that can be read: nothing of one found in a published file.
    NotAReport,
    /// Not readable as a report at all.
    Unreadable,
}

impl Verdict {
    /// The verdict on a checked report with these totals.
    pub fn of(tally: Tally) -> Self {
        if tally.conformant() {
            Self::Conformant
        } else if tally.undetermined() {
            Self::Undetermined
        } else {
            Self::NotConformant
        }
    }

    /// The name machines read: `conformant`, `not_conformant`, `undetermined`, `not_a_report`,
    /// `unreadable`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Conformant => "conformant",
            Self::NotConformant => "not_conformant",
            Self::Undetermined => "undetermined",
            Self::NotAReport => "not_a_report",
            Self::Unreadable => "unreadable",
        }
    }

    /// The verdict in Chinese, as a person reads it.
    pub fn zh(self) -> &'static str {
        match self {
            Self::Conformant => "符合标准",
            Self::NotConformant => "不符合标准",
            Self::Undetermined => "无法判定",
            Self::NotAReport => "不是可识别的政府信息公开工作年度报告",
            Self::Unreadable => "无法读取",
        }
    }
}

impl Checked {
    /// The verdict.
    pub fn verdict(&self) -> Verdict {
        match self {
            Self::Unreadable(_) => Verdict::Unreadable,
            Self::NotAReport => Verdict::NotAReport,
            Self::Report(report) => Verdict::of(report.outcome.tally()),
        }
    }
}

impl Report {
    /// The pointers of the cells the reader could not read, in the order of the diagnostics (a
    /// value not placed at all, such as a section, is named by its own pointer).
    pub fn unread_cells(&self) -> Vec<&str> {
        self.outcome
            .diagnostics
            .iter()
            .filter(|d| d.kind == Kind::Unread)
            .flat_map(|d: &Diagnostic| {
                let own = d.related.is_empty().then_some(&d.pointer);
                own.into_iter().chain(&d.related).map(String::as_str)
            })
            .collect()
    }
}

/// Checks a document: `bytes` as read, `hint` the name it came with (its extension tells the
/// format; `None`, as for standard input, reads canonical text, JSON if it opens an object).
pub fn check(checker: &Checker, bytes: Vec<u8>, hint: Option<&str>) -> Checked {
    match classify(bytes, hint) {
        Err(message) => Checked::Unreadable(message),
        Ok(Document::Canonical(text, format)) => check_canonical(checker, text, format),
        // A published file always has a name: only a name classifies bytes as published.
        Ok(Document::Published(bytes)) => published::check(checker, bytes, hint.unwrap_or("")),
    }
}

/// Checks canonical text (a file, or a line of a dataset).
pub fn check_canonical(checker: &Checker, text: String, format: Format) -> Checked {
    match checker.check_text(&text, format) {
        Ok(outcome) => Checked::Report(Box::new(Report {
            reading: Reading::Canonical(format),
            outcome,
            source: Some(SourceText {
                text,
                widths: HashMap::new(),
            }),
            derived_text: false,
        })),
        Err(e) => Checked::Unreadable(e.to_string()),
    }
}

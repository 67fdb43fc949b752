//! The conformance certificate of `xxgk certify` and the local validator page: which files (by
//! their bytes' SHA-256) conform to which standard at which level, checked by which tool.
//! Deterministic: the same bytes, standard and tool give the same certificate, unless an issue
//! time is recorded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use xxgk_check::{Checker, Format};

use crate::{Assessment, Level};

/// The kind a certificate names itself by.
pub const KIND: &str = "xxgk conformance certificate v1";

/// The standard a certificate refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    /// The edition (`2021`, `2019`).
    pub edition: String,
    /// The schema's `$id`.
    pub schema_id: String,
    /// The schema's version.
    pub schema_version: String,
    /// SHA-256 of the published schema.
    pub schema_sha256: String,
    /// The catalogue's id.
    pub catalogue_id: String,
    /// The catalogue's version.
    pub catalogue_version: String,
    /// SHA-256 of the published catalogue.
    pub catalogue_sha256: String,
}

/// The result for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The file's name as given.
    pub path: String,
    /// SHA-256 of the bytes checked.
    pub sha256: String,
    /// `conformant`, `not-conformant` or `unreadable`.
    pub verdict: String,
    /// The level reached.
    pub level: Level,
    /// Findings at severity error.
    pub errors: usize,
    /// Findings at severity warning.
    pub warnings: usize,
    /// Findings counted by rule id.
    pub findings: BTreeMap<String, usize>,
    /// The edition the file was checked under, when it names another than the certificate's
    /// `standard` (that edition is then in `other_standards`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
}

/// The certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// [`KIND`].
    pub certificate: String,
    /// The standard of the checker.
    pub standard: Standard,
    /// The other editions files were checked under (a 2019-format report under 2019's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_standards: Vec<Standard>,
    /// The tool's name and version.
    pub tool: BTreeMap<String, String>,
    /// When it was issued (RFC 3339, UTC), only when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// The lowest level of its files.
    pub level: Level,
    /// The files.
    pub files: Vec<FileEntry>,
}

/// Lower-case hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The standard a checker checks against.
pub fn standard(checker: &Checker) -> Standard {
    let (model, catalogue) = (checker.standard(), checker.catalogue());
    Standard {
        edition: catalogue.edition.clone(),
        schema_id: model.schema_id.to_owned(),
        schema_version: model.schema_version.to_owned(),
        schema_sha256: sha256(model.schema_json.as_bytes()),
        catalogue_id: catalogue.id.clone(),
        catalogue_version: catalogue.version.clone(),
        catalogue_sha256: sha256(model.rules_json.as_bytes()),
    }
}

/// Checks one file's bytes as canonical text in `format` (UTF-8; anything else is
/// `unreadable`): the bytes hashed are the bytes checked.
pub fn entry(checker: &Checker, path: String, bytes: &[u8], format: Format) -> FileEntry {
    let sha256 = sha256(bytes);
    let mut edition = None;
    let assessment = std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            // The edition the document names, which check_text checks it under.
            let used = xxgk_check::parse(text, format)
                .map_or(checker, |value| checker.for_document(&value));
            if !std::ptr::eq(used, checker) {
                edition = Some(used.standard().edition.to_owned());
            }
            checker.check_text(text, format).map_err(|e| e.to_string())
        })
        .map(|outcome| Assessment::of(&outcome.diagnostics));
    let (verdict, assessment) = match assessment {
        Ok(a) if a.errors == 0 => ("conformant", a),
        Ok(a) => ("not-conformant", a),
        Err(_) => ("unreadable", Assessment::unreadable()),
    };
    FileEntry {
        path,
        sha256,
        verdict: verdict.to_owned(),
        level: assessment.level,
        errors: assessment.errors,
        warnings: assessment.warnings,
        findings: assessment.findings,
        edition,
    }
}

impl Certificate {
    /// The certificate of these files' entries (see [`entry`]), issued by `tool_version` of
    /// xxgk, at `issued` when given.
    pub fn issue(
        checker: &Checker,
        files: Vec<FileEntry>,
        tool_version: &str,
        issued: Option<String>,
    ) -> Self {
        let mut others: Vec<&str> = files.iter().filter_map(|f| f.edition.as_deref()).collect();
        others.sort_unstable();
        others.dedup();
        let other_standards = others
            .into_iter()
            .filter_map(|e| checker.edition(e))
            .map(standard)
            .collect();
        Self {
            certificate: KIND.to_owned(),
            standard: standard(checker),
            other_standards,
            tool: BTreeMap::from([
                ("name".to_owned(), "xxgk".to_owned()),
                ("version".to_owned(), tool_version.to_owned()),
            ]),
            issued,
            level: files.iter().map(|f| f.level).min().unwrap_or(Level::Clean),
            files,
        }
    }
}

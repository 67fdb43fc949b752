//! A 2019-edition report carried onto the 2021 edition by the published mapping
//! (`schema/migration-2019-to-2021.yaml`), never inventing a value: a 2021 field with no 2019
//! source stays missing, and the [`Migration`] says, field by field, what was carried exactly,
//! what approximately, what could not be carried and what of the 2019 report has no 2021 place.
//! A report read from a published file may hold fewer values than it prints: a field whose 2019
//! source the reader could not read is said as unread ([`migrate_read`]), never as the report's
//! blank. No I/O; the document is a JSON value, so that nothing the input holds is reinterpreted.

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod mapping;
mod summary;

pub use mapping::{Dropped, End, Kind, MAPPING_YAML, Mapping, MappingError, Target};

use serde::Serialize;
use serde_json::{Map, Value};

/// Why a document cannot be migrated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrateError {
    /// The document is not a JSON object.
    NotAnObject,
    /// The document is already in the 2021 edition (or names none, which means 2021).
    Already2021,
    /// The document names an edition the mapping does not start from.
    UnknownEdition(String),
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotAnObject => f.write_str("not a report: expected a JSON object"),
            Self::Already2021 => f.write_str(
                "the report is already in the 2021 edition (its `edition` is \"2021\" or absent): \
                 nothing to migrate",
            ),
            Self::UnknownEdition(e) => write!(
                f,
                "the report names edition {e:?}; only a 2019-edition report can be migrated"
            ),
        }
    }
}

impl std::error::Error for MigrateError {}

/// A 2021 field carried from a 2019 one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carried {
    /// Its pointer in the 2021 document.
    pub pointer: String,
    /// The pointer of its value in the 2019 document.
    pub source: String,
    /// Why the carried value only approximates the 2021 field (`approximate` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_zh: Option<String>,
    /// The same in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_en: Option<String>,
}

/// A field not carried, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotCarried {
    /// Its pointer (in the 2021 document for what is missing, in the 2019 one for what is dropped).
    pub pointer: String,
    /// Where its value would have come from (a 2019 field the report leaves blank), if anywhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Why, in Chinese.
    pub why_zh: String,
    /// Why, in English.
    pub why_en: String,
}

/// A field the migrated document always has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fixed {
    /// Its pointer in the 2021 document.
    pub pointer: String,
    /// Its value.
    pub value: String,
}

/// What a migration did, field by field: the machine-readable report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The version of the mapping applied.
    pub mapping_version: String,
    /// The edition migrated from.
    pub from: String,
    /// The edition migrated to.
    pub to: String,
    /// Whether every 2021 field has a value (never, today: some have no 2019 source).
    pub complete: bool,
    /// Fields carried with the same meaning.
    pub carried_exact: Vec<Carried>,
    /// Fields carried although their meanings differ, with why (flagged, not silently equal).
    pub carried_approximate: Vec<Carried>,
    /// Fields the migrated document always has (the edition, the schema it names).
    pub fixed: Vec<Fixed>,
    /// 2021 fields left missing because the 2019 report leaves their source blank.
    pub blank_in_source: Vec<NotCarried>,
    /// 2021 fields left missing because the reader of a published 2019 report could not read
    /// their source (the report may well print it; always empty for a canonical report).
    pub unread_in_source: Vec<NotCarried>,
    /// 2021 fields left missing because no 2019 field says them.
    pub not_carried: Vec<NotCarried>,
    /// 2019 fields the report fills that have no 2021 place (pointers into the 2019 document).
    pub dropped: Vec<NotCarried>,
}

/// A migrated document and what the migration did.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The 2021 document: missing fields absent, never filled.
    pub document: Value,
    /// The field-by-field report.
    pub report: Report,
}

impl Migration {
    /// The human summary, in Chinese or (`english`) English.
    pub fn summary(&self, english: bool) -> String {
        summary::write(&self.report, english)
    }
}

/// Migrates a 2019-edition document by `mapping`.
pub fn migrate(mapping: &Mapping, doc: &Value) -> Result<Migration, MigrateError> {
    migrate_read(mapping, doc, &[])
}

/// Migrates a 2019-edition document read from a published file by `mapping`: `unread` are the
/// pointers the reader could not read (a value, or an object none of whose values it read), so
/// that a 2021 field whose source is absent for that reason is listed as unread, not as blank.
pub fn migrate_read(
    mapping: &Mapping,
    doc: &Value,
    unread: &[&str],
) -> Result<Migration, MigrateError> {
    let is_unread = |source: &str| {
        unread.iter().any(|u| {
            source
                .strip_prefix(u)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    let object = doc.as_object().ok_or(MigrateError::NotAnObject)?;
    match object.get("edition") {
        Some(Value::String(e)) if *e == mapping.from.edition => {}
        None => return Err(MigrateError::Already2021),
        Some(Value::String(e)) if *e == mapping.to.edition => {
            return Err(MigrateError::Already2021);
        }
        Some(other) => {
            let named = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_owned);
            return Err(MigrateError::UnknownEdition(named));
        }
    }
    let mut out = Value::Object(Map::new());
    let mut report = Report {
        mapping_version: mapping.version.clone(),
        from: mapping.from.edition.clone(),
        to: mapping.to.edition.clone(),
        complete: true,
        carried_exact: Vec::new(),
        carried_approximate: Vec::new(),
        fixed: Vec::new(),
        blank_in_source: Vec::new(),
        unread_in_source: Vec::new(),
        not_carried: Vec::new(),
        dropped: Vec::new(),
    };
    for target in &mapping.targets {
        match &target.kind {
            Kind::Fixed { value } => {
                set(&mut out, &target.pointer, Value::String(value.clone()));
                report.fixed.push(Fixed {
                    pointer: target.pointer.clone(),
                    value: value.clone(),
                });
            }
            Kind::Exact { source } | Kind::Approximate { source, .. } => {
                let Some(value) = doc.pointer(source) else {
                    let (list, why_zh, why_en) = if is_unread(source) {
                        (
                            &mut report.unread_in_source,
                            "未能从发布的2019年报告中读取此处（是读取的问题，不是报告空白）。",
                            "The reader could not read it in the published 2019 report (a \
                             failure of the reader, not a blank of the report).",
                        )
                    } else {
                        (
                            &mut report.blank_in_source,
                            "2019年报告此处空白。",
                            "The 2019 report leaves it blank.",
                        )
                    };
                    list.push(NotCarried {
                        pointer: target.pointer.clone(),
                        source: Some(source.clone()),
                        why_zh: why_zh.to_owned(),
                        why_en: why_en.to_owned(),
                    });
                    continue;
                };
                set(&mut out, &target.pointer, value.clone());
                let (list, why) = match &target.kind {
                    Kind::Approximate { why_zh, why_en, .. } => (
                        &mut report.carried_approximate,
                        (Some(why_zh.clone()), Some(why_en.clone())),
                    ),
                    _ => (&mut report.carried_exact, (None, None)),
                };
                list.push(Carried {
                    pointer: target.pointer.clone(),
                    source: source.clone(),
                    why_zh: why.0,
                    why_en: why.1,
                });
            }
            Kind::NoSource { why_zh, why_en } => report.not_carried.push(NotCarried {
                pointer: target.pointer.clone(),
                source: None,
                why_zh: why_zh.clone(),
                why_en: why_en.clone(),
            }),
        }
    }
    for dropped in &mapping.dropped {
        if doc.pointer(&dropped.pointer).is_some() {
            report.dropped.push(NotCarried {
                pointer: dropped.pointer.clone(),
                source: None,
                why_zh: dropped.why_zh.clone(),
                why_en: dropped.why_en.clone(),
            });
        }
    }
    report.complete = report.blank_in_source.is_empty()
        && report.unread_in_source.is_empty()
        && report.not_carried.is_empty();
    Ok(Migration {
        document: out,
        report,
    })
}

/// Sets the value at `pointer`, creating the objects above it. The mapping's pointers are
/// checked when it is loaded (no array index, no empty token), so every step is an object.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    let mut here = doc;
    let mut tokens = pointer.split('/').skip(1).map(unescape).peekable();
    while let Some(token) = tokens.next() {
        let Value::Object(map) = here else { return };
        if tokens.peek().is_none() {
            map.insert(token, value);
            return;
        }
        here = map
            .entry(token)
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// A JSON Pointer token's text (RFC 6901: `~1` is `/`, `~0` is `~`).
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

//! Reading a document: JSON or YAML text into a JSON value, strictly (duplicate keys are errors).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostic::Location;

/// The syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (RFC 8259).
    Json,
    /// YAML 1.2.
    Yaml,
}

/// Why a text cannot be read as a document at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// What went wrong and what was expected.
    pub message: String,
    /// Where, when known.
    pub location: Option<Location>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(l) => write!(f, "line {} column {}: {}", l.line, l.column, self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(message: impl Into<String>, location: Option<Location>) -> Self {
        Self {
            message: message.into(),
            location,
        }
    }
}

const NESTED_TOO_DEEPLY: &str = "nested too deeply: a report is at most 6 levels deep";

/// Removes a UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A JSON value built while rejecting duplicate object keys, which `serde_json::Value` would
/// silently resolve to the last one.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(v.into())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(v.into())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Strict, E> {
        Number::from_f64(v)
            .map(|n| Strict(Value::Number(n)))
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Strict(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key {key:?} (each key may appear once in an object)"
                )));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Strict(Value::Object(object)))
    }
}

fn json_error(e: &serde_json::Error) -> InputError {
    let location = (e.line() > 0).then(|| Location {
        line: e.line(),
        column: e.column(),
    });
    let message = e.to_string();
    // serde_json appends " at line L column C"; the location is reported separately.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    let message = if message.contains("recursion limit") {
        NESTED_TOO_DEEPLY.to_owned()
    } else {
        format!("invalid JSON: {message}")
    };
    InputError::new(message, location)
}

/// Parses JSON text (without BOM) strictly.
pub fn parse_json(text: &str) -> Result<Value, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(
            "empty file: expected a JSON object holding one report",
            None,
        ));
    }
    serde_json::from_str::<Strict>(text)
        .map(|Strict(v)| v)
        .map_err(|e| json_error(&e))
}

fn yaml_error(e: &serde_saphyr::Error) -> InputError {
    let location = e.location().map(|l| Location {
        line: usize::try_from(l.line()).unwrap_or(usize::MAX),
        column: usize::try_from(l.column()).unwrap_or(usize::MAX),
    });
    let message = e.to_string();
    let first = message.lines().next().unwrap_or_default();
    // serde-saphyr prefixes "error: line L column C: "; the location is reported separately.
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.split_once(": ") {
        Some((place, rest)) if place.starts_with("line ") => rest,
        _ => first,
    };
    if first.contains("recursion limit") {
        return InputError::new(NESTED_TOO_DEEPLY, location);
    }
    if let Some(spelling) = first
        .strip_prefix("non-finite float `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(spelling, _)| spelling)
    {
        return InputError::new(
            format!(
                "invalid YAML: `{spelling}` has no JSON equivalent (YAML is read into the JSON \
                 data model, whose numbers are finite)"
            ),
            location,
        );
    }
    InputError::new(format!("invalid YAML: {first}"), location)
}

/// The YAML reading `schema/README.md` prescribes: the YAML 1.2 core schema into the JSON data
/// model. serde-saphyr's defaults follow YAML 1.1 in places (`yes`/`on` are booleans, `1_000` is
/// a number, `<<` merges mappings); these options turn that off.
fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        underscored_numbers_as_strings: true,
        legacy_octal_numbers: false,
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        reject_unsupported_tags: true,
    }
}

/// Parses YAML text (without BOM) into the JSON data model: `7` is a number, `'7'` a string,
/// `true` a boolean, `~` null; a value JSON cannot hold (`.nan`, `.inf`), a duplicate key and an
/// alias bomb are errors.
pub fn parse_yaml(text: &str) -> Result<Value, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(
            "empty file: expected a YAML mapping holding one report",
            None,
        ));
    }
    let marked = core_schema_strings(text)?;
    serde_saphyr::from_str_with_options::<Strict>(marked.as_deref().unwrap_or(text), yaml_options())
        .map(|Strict(v)| v)
        .map_err(|e| yaml_error(&e))
}

/// The tags of the YAML 1.2 core schema (`!!str`, …), the only ones a report may carry.
const CORE_TAGS: [&str; 7] = ["str", "int", "float", "bool", "null", "map", "seq"];

/// Whether the core schema reads a plain scalar as a string although it starts like an integer
/// with a radix prefix that serde-saphyr accepts beyond the core schema (`0b11`, `0X1F`, `0O17`,
/// a sign before `0x`/`0o`, `0x_1F`). The core schema's integers in another radix are `0x` and
/// `0o` followed by their digits only.
fn radix_lookalike(plain: &str) -> bool {
    let unsigned = plain.trim_start_matches(['+', '-']);
    let Some(radix) = unsigned.get(..2).filter(|p| p.starts_with('0')) else {
        return false;
    };
    if !matches!(radix, "0b" | "0B" | "0x" | "0X" | "0o" | "0O") {
        return false;
    }
    let digits = unsigned.get(2..).unwrap_or_default();
    let core = match radix {
        "0x" => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()),
        "0o" => !digits.is_empty() && digits.bytes().all(|b| (b'0'..=b'7').contains(&b)),
        _ => false,
    };
    !(core && unsigned.len() == plain.len())
}

/// Holds serde-saphyr to the core schema where its own resolution is wider: a tag outside the
/// core schema is an error, and a plain scalar the core schema reads as a string but serde-saphyr
/// would read as a number is marked `!!str`. Returns the marked text, if anything was marked.
/// A syntax error is left for serde-saphyr to report.
fn core_schema_strings(text: &str) -> Result<Option<String>, InputError> {
    use granit_parser::{Event, Parser, ScalarStyle};
    let mut marks = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let (tag, plain) = match &event {
            Event::Scalar(value, style, _, tag) => (
                tag.as_deref(),
                (*style == ScalarStyle::Plain).then_some(value),
            ),
            Event::MappingStart(_, _, tag) | Event::SequenceStart(_, _, tag) => {
                (tag.as_deref(), None)
            }
            _ => continue,
        };
        match tag {
            Some(tag) if !tag.core_suffix().is_some_and(|s| CORE_TAGS.contains(&s)) => {
                return Err(InputError::new(
                    format!(
                        "invalid YAML: the tag {} is outside the YAML 1.2 core schema (a report \
                         holds JSON data only)",
                        tag.original()
                    ),
                    Some(Location {
                        line: span.start.line(),
                        column: span.start.col() + 1,
                    }),
                ));
            }
            Some(_) => {}
            None => {
                if plain.is_some_and(|v| radix_lookalike(v))
                    && let Some(at) = span.start.byte_offset()
                {
                    marks.push(at);
                }
            }
        }
    }
    if marks.is_empty() {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 6);
    let mut from = 0;
    for at in marks {
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push_str("!!str ");
        from = at;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Ok(Some(out))
}

/// Parses a document in the given format.
pub fn parse(text: &str, format: Format) -> Result<Value, InputError> {
    match format {
        Format::Json => parse_json(text),
        Format::Yaml => parse_yaml(text),
    }
}

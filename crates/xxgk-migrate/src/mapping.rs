//! The published mapping (`schema/migration-2019-to-2021.yaml`): its format, read strictly, and
//! the checks that make the engine's pointer walk total (unique targets, none inside another).

use std::collections::BTreeSet;

use serde::Deserialize;

/// The mapping the standard publishes, embedded.
pub const MAPPING_YAML: &str = include_str!("../../../schema/migration-2019-to-2021.yaml");

/// An edition at one end of the mapping.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct End {
    /// The edition's name (`2019`, `2021`).
    pub edition: String,
    /// The `$id` of its schema.
    pub schema: String,
}

/// How a 2021 field gets its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The 2019 value at `source`, with the same meaning.
    Exact {
        /// The 2019 pointer.
        source: String,
    },
    /// The 2019 value at `source`, carried and flagged: its definition is close, not the same.
    Approximate {
        /// The 2019 pointer.
        source: String,
        /// Why it is only approximate, in Chinese.
        why_zh: String,
        /// The same in English.
        why_en: String,
    },
    /// No 2019 field says it: it stays missing.
    NoSource {
        /// Why, in Chinese.
        why_zh: String,
        /// The same in English.
        why_en: String,
    },
    /// A value every migrated document has (its edition, the schema it names).
    Fixed {
        /// The value.
        value: String,
    },
}

/// One leaf field of the 2021 schema and how it is filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its pointer in a 2021 document.
    pub pointer: String,
    /// How it gets its value.
    pub kind: Kind,
}

/// A 2019 leaf field with no 2021 place.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// Its pointer in a 2019 document.
    pub pointer: String,
    /// Why it has no place, in Chinese.
    pub why_zh: String,
    /// The same in English.
    pub why_en: String,
}

/// The mapping from one edition to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The mapping's own version.
    pub version: String,
    /// The edition it migrates from.
    pub from: End,
    /// The edition it migrates to.
    pub to: End,
    /// Every leaf field of the `to` edition, once, in template order.
    pub targets: Vec<Target>,
    /// Every leaf field of the `from` edition that no target reads.
    pub dropped: Vec<Dropped>,
}

/// Why a mapping file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingError(pub String);

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid migration mapping: {}", self.0)
    }
}

impl std::error::Error for MappingError {}

/// A target as written: the fields its kind needs, checked after reading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    pointer: String,
    kind: String,
    source: Option<String>,
    value: Option<String>,
    why_zh: Option<String>,
    why_en: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    version: String,
    from: End,
    to: End,
    targets: Vec<RawTarget>,
    dropped: Vec<Dropped>,
}

impl Mapping {
    /// The mapping the standard publishes.
    pub fn embedded() -> Result<Self, MappingError> {
        Self::from_yaml(MAPPING_YAML)
    }

    /// Reads a mapping from YAML text, refusing a field its kind does not take, a duplicate or
    /// nested target and a pointer the engine cannot walk.
    pub fn from_yaml(text: &str) -> Result<Self, MappingError> {
        let raw: RawMapping =
            serde_saphyr::from_str(text).map_err(|e| MappingError(e.to_string()))?;
        let mut targets = Vec::with_capacity(raw.targets.len());
        for t in raw.targets {
            let fail = |what: &str| MappingError(format!("target {}: {what}", t.pointer));
            let kind = match (t.kind.as_str(), t.source, t.value, t.why_zh, t.why_en) {
                ("exact", Some(source), None, None, None) => Kind::Exact { source },
                ("approximate", Some(source), None, Some(why_zh), Some(why_en)) => {
                    Kind::Approximate {
                        source,
                        why_zh,
                        why_en,
                    }
                }
                ("no_source", None, None, Some(why_zh), Some(why_en)) => {
                    Kind::NoSource { why_zh, why_en }
                }
                ("fixed", None, Some(value), None, None) => Kind::Fixed { value },
                _ => {
                    return Err(fail(
                        "exact takes source; approximate source, why_zh and why_en; no_source \
                         why_zh and why_en; fixed value",
                    ));
                }
            };
            if let Kind::Exact { source } | Kind::Approximate { source, .. } = &kind {
                check_pointer(source).map_err(|e| fail(&e))?;
            }
            check_pointer(&t.pointer).map_err(|e| fail(&e))?;
            targets.push(Target {
                pointer: t.pointer,
                kind,
            });
        }
        let pointers: BTreeSet<&str> = targets.iter().map(|t| t.pointer.as_str()).collect();
        if pointers.len() != targets.len() {
            return Err(MappingError("a target is listed twice".into()));
        }
        // A target inside another would be overwritten or lost by the walk (a few hundred: the
        // pairs are cheap).
        for a in &pointers {
            if let Some(b) = pointers
                .iter()
                .find(|b| b.strip_prefix(a).is_some_and(|rest| rest.starts_with('/')))
            {
                return Err(MappingError(format!("target {b} is inside target {a}")));
            }
        }
        for d in &raw.dropped {
            check_pointer(&d.pointer)
                .map_err(|e| MappingError(format!("dropped {}: {e}", d.pointer)))?;
        }
        Ok(Self {
            version: raw.version,
            from: raw.from,
            to: raw.to,
            targets,
            dropped: raw.dropped,
        })
    }
}

/// A pointer the engine walks: `/` then object keys, none empty.
fn check_pointer(pointer: &str) -> Result<(), String> {
    match pointer.strip_prefix('/') {
        Some(rest) if rest.split('/').all(|t| !t.is_empty()) => Ok(()),
        _ => Err(format!("{pointer:?} is not a pointer to an object member")),
    }
}

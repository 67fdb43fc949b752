//! Generates everything derived from the standard's two sources of truth.
//!
//! From each edition's `schema/annual-report-<edition>.schema.yaml` and `schema/rules-<edition>.yaml`
//! ([`EDITIONS`]) this crate produces the published JSON files (and their copies embedded in
//! `xxgk-model`), the Rust types of `xxgk-model`, the reference docs and the Java, TypeScript and
//! Python bindings in `bindings/` (the primary edition's at the packages' roots, every other
//! edition's beside them: [`Binding`]).
//! It is a pure function from source texts to file contents; `cargo xtask codegen` writes the
//! files and a test there fails when the committed ones drift.

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod docs;
mod java;
mod python;
mod rust;
mod schema;
mod template;
mod typescript;

use std::fmt;

use xxgk_catalogue::Catalogue;

pub use schema::{Leaf, LeafKind, ScalarDef, ScalarJson, SchemaModel};

/// Where one edition's sources and generated files live, relative to the workspace root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edition {
    /// The edition of the national format (`x-edition`): `2021`.
    pub edition: &'static str,
    /// The schema's YAML source.
    pub schema_source: &'static str,
    /// The rule catalogue's YAML source.
    pub rules_source: &'static str,
    /// The published schema's file name (in `schema/` and in the model's copy).
    pub schema_file: &'static str,
    /// The published catalogue's file name.
    pub rules_file: &'static str,
    /// The generated Rust module of `xxgk-model`.
    pub rust_file: &'static str,
    /// The generated schema reference.
    pub schema_reference: &'static str,
    /// The generated rules reference.
    pub rules_reference: &'static str,
}

/// The 2021 edition: its types are the model's root types and the bindings' root modules.
pub const EDITION_2021: Edition = Edition {
    edition: "2021",
    schema_source: "schema/annual-report-2021.schema.yaml",
    rules_source: "schema/rules-2021.yaml",
    schema_file: "annual-report-2021.schema.json",
    rules_file: "rules-2021.json",
    rust_file: "crates/xxgk-model/src/generated.rs",
    schema_reference: "docs/schema-reference.md",
    rules_reference: "docs/rules.md",
};

/// The 2019 edition (`xxgk_model::edition_2019`).
pub const EDITION_2019: Edition = Edition {
    edition: "2019",
    schema_source: "schema/annual-report-2019.schema.yaml",
    rules_source: "schema/rules-2019.yaml",
    schema_file: "annual-report-2019.schema.json",
    rules_file: "rules-2019.json",
    rust_file: "crates/xxgk-model/src/edition_2019/generated.rs",
    schema_reference: "docs/schema-reference-2019.md",
    rules_reference: "docs/rules-2019.md",
};

/// Every edition, the primary (2021) first.
pub const EDITIONS: [&Edition; 2] = [&EDITION_2021, &EDITION_2019];

/// Where one edition's bindings go: the primary edition's at the root of each package (its names
/// are the packages' public API), every other edition's in a module of its own beside it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Binding {
    /// The edition's schema source, named in the generated headers and in messages.
    pub source: &'static str,
    /// `None` for the primary edition, else its `x-edition` (`2019`).
    pub secondary: Option<&'static str>,
}

/// The source texts of one edition of the standard.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// Where the edition lives.
    pub edition: &'static Edition,
    /// The schema's YAML source.
    pub schema_yaml: &'a str,
    /// The rule catalogue's YAML source.
    pub rules_yaml: &'a str,
}

/// Folders whose every file is generated: a file there that codegen no longer writes (a type
/// removed from the schema) is stale too. Java's packages, one per edition.
pub fn generated_dirs() -> Vec<String> {
    EDITIONS
        .iter()
        .enumerate()
        .map(|(i, e)| java::package_dir(binding(e, i == 0)))
        .collect()
}

fn binding(edition: &'static Edition, primary: bool) -> Binding {
    Binding {
        source: edition.schema_source,
        secondary: (!primary).then_some(edition.edition),
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root.
    pub path: String,
    /// Full contents.
    pub contents: String,
    /// Whether the contents are Rust source that the caller should pass through rustfmt.
    pub is_rust: bool,
}

/// Why the sources cannot be turned into code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError(pub String);

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodegenError {}

pub(crate) fn err<T>(msg: impl Into<String>) -> Result<T, CodegenError> {
    Err(CodegenError(msg.into()))
}

/// Parses one edition's YAML sources into JSON values and the typed catalogue.
pub fn parse(
    src: Sources<'_>,
) -> Result<(serde_json::Value, Catalogue, serde_json::Value), CodegenError> {
    let schema_source = src.edition.schema_source;
    let rules_source = src.edition.rules_source;
    let schema: serde_json::Value = serde_saphyr::from_str(src.schema_yaml)
        .map_err(|e| CodegenError(format!("{schema_source}: {e}")))?;
    let rules_value: serde_json::Value = serde_saphyr::from_str(src.rules_yaml)
        .map_err(|e| CodegenError(format!("{rules_source}: {e}")))?;
    let catalogue: Catalogue = serde_json::from_value(rules_value.clone())
        .map_err(|e| CodegenError(format!("{rules_source}: {e}")))?;
    Ok((schema, catalogue, rules_value))
}

/// Replaces every `$defs` entry that is only a `$ref` to another edition's source
/// (`annual-report-2021.schema.yaml#/$defs/NAME`) by a copy of that definition, so that the
/// published schema stands alone. The copy's own `$ref`s are local and resolve in `schema`.
fn import_defs(
    schema: &mut serde_json::Value,
    source: &str,
    parsed: &[(&'static Edition, serde_json::Value)],
) -> Result<(), CodegenError> {
    let Some(defs) = schema.get_mut("$defs").and_then(|d| d.as_object_mut()) else {
        return Ok(());
    };
    for (name, def) in defs.iter_mut() {
        let Some(target) = def.get("$ref").and_then(|r| r.as_str()) else {
            continue;
        };
        let Some((file, pointer)) = target.split_once('#') else {
            continue;
        };
        if file.is_empty() {
            continue;
        }
        if def.as_object().is_some_and(|m| m.len() != 1) {
            return err(format!(
                "{source}: $defs/{name}: an imported definition is a `$ref` alone"
            ));
        }
        let Some((_, other)) = parsed
            .iter()
            .find(|(e, _)| e.schema_source.rsplit('/').next() == Some(file))
        else {
            return err(format!(
                "{source}: $defs/{name}: {file} is not the source of an edition generated before it"
            ));
        };
        let Some(copy) = pointer
            .strip_prefix("/$defs/")
            .and_then(|_| other.pointer(pointer))
        else {
            return err(format!("{source}: $defs/{name}: {target} does not exist"));
        };
        *def = copy.clone();
    }
    Ok(())
}

/// Generates every derived file of every edition. The first edition is the primary one: its
/// types are the model's root types and the bindings' root modules; a later edition may import
/// definitions from an earlier one.
pub fn generate(editions: &[Sources<'_>]) -> Result<Vec<GeneratedFile>, CodegenError> {
    let mut files = Vec::new();
    let mut parsed: Vec<(&'static Edition, serde_json::Value)> = Vec::new();
    for (i, src) in editions.iter().enumerate() {
        let (mut schema_value, catalogue, rules_value) = parse(*src)?;
        import_defs(&mut schema_value, src.edition.schema_source, &parsed)?;
        let (edition_files, model) =
            generate_edition(src.edition, &schema_value, &catalogue, &rules_value)?;
        files.extend(edition_files);
        let target = binding(src.edition, i == 0);
        files.extend(java::generate(target, &model)?);
        files.extend(typescript::generate(target, &model, &schema_value)?);
        files.push(python::generate(target, &model)?);
        parsed.push((src.edition, schema_value));
    }
    // The runtime helpers, edition-independent, written once per language (Java's are the
    // primary package's public ones, in its `ExactIntegers` and `Json`).
    files.push(python::runtime());
    files.push(typescript::runtime());
    Ok(files)
}

/// The published JSON, the Rust module and the references of one edition.
fn generate_edition(
    edition: &'static Edition,
    schema_value: &serde_json::Value,
    catalogue: &Catalogue,
    rules_value: &serde_json::Value,
) -> Result<(Vec<GeneratedFile>, SchemaModel), CodegenError> {
    let model = SchemaModel::new(schema_value, edition.schema_source)?;
    if model.edition != edition.edition {
        return err(format!(
            "{}: x-edition is {}, not {}",
            edition.schema_source, model.edition, edition.edition
        ));
    }
    let template = template::Template::new(&model)?;
    catalogue
        .identities()
        .map_err(|e| CodegenError(format!("{}: {e}", edition.rules_source)))?;
    check_catalogue_pointers(edition, &model, catalogue)?;
    check_schema_rule_ids(edition, schema_value, catalogue)?;
    let json = |v: &serde_json::Value| {
        serde_json::to_string_pretty(v)
            .map(|s| s + "\n")
            .map_err(|e| CodegenError(e.to_string()))
    };
    let schema_json = json(schema_value)?;
    let rules_json = json(rules_value)?;
    let files = vec![
        GeneratedFile::text(
            format!("schema/{}", edition.schema_file),
            schema_json.clone(),
        ),
        GeneratedFile::text(format!("schema/{}", edition.rules_file), rules_json.clone()),
        // The model embeds its own copies, so that the crate packages without the workspace.
        GeneratedFile::text(
            format!("crates/xxgk-model/schema/{}", edition.schema_file),
            schema_json,
        ),
        GeneratedFile::text(
            format!("crates/xxgk-model/schema/{}", edition.rules_file),
            rules_json,
        ),
        GeneratedFile {
            path: edition.rust_file.to_owned(),
            contents: rust::generate(edition, &model, &template)?,
            is_rust: true,
        },
        GeneratedFile::text(edition.schema_reference, docs::schema_reference(&model)?),
        GeneratedFile::text(edition.rules_reference, docs::rules(edition, catalogue)?),
    ];
    Ok((files, model))
}

impl GeneratedFile {
    fn text(path: impl Into<String>, contents: String) -> Self {
        Self {
            path: path.into(),
            contents,
            is_rust: false,
        }
    }
}

/// The numeric cells, checked to be required all the way down: the bindings' cell tables read
/// them without an absent case.
pub(crate) fn required_cells(model: &SchemaModel) -> Result<Vec<&Leaf>, CodegenError> {
    let cells: Vec<&Leaf> = model.cells().collect();
    match cells.iter().find(|c| !c.required) {
        Some(cell) => err(format!(
            "{}: cell {} is optional; the cell table needs every cell required",
            model.source, cell.pointer
        )),
        None => Ok(cells),
    }
}

/// What a numeric cell holds, as the bindings' cell tables name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum CellKind {
    /// A count.
    Count,
    /// An exact decimal amount (`Decimal`).
    Decimal,
    /// A signed change (the 2019 format's 本年增/减).
    Signed,
    /// An amount as published, with its unit (`PublishedAmount`, the 2019 format's 采购总金额).
    Published,
}

impl CellKind {
    /// The kind of a cell; a cell of another kind fails, as in the Rust model.
    pub(crate) fn of(model: &SchemaModel, cell: &Leaf) -> Result<Self, CodegenError> {
        Ok(match &cell.kind {
            LeafKind::Count => Self::Count,
            LeafKind::Signed => Self::Signed,
            LeafKind::Scalar(name) if name == "Decimal" => Self::Decimal,
            LeafKind::Scalar(name) if name == "PublishedAmount" => Self::Published,
            _ => {
                return err(format!(
                    "{}: cell {} is neither a count, a signed change, a decimal nor a published amount",
                    model.source, cell.pointer
                ));
            }
        })
    }

    /// The kinds the cells of `model` have, in this enum's order.
    pub(crate) fn present(model: &SchemaModel) -> Result<Vec<Self>, CodegenError> {
        let mut kinds = model
            .cells()
            .map(|c| Self::of(model, c))
            .collect::<Result<Vec<_>, _>>()?;
        kinds.sort_unstable();
        kinds.dedup();
        Ok(kinds)
    }

    /// Its name in lower case: `count`, `decimal`, `signed`, `published`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Decimal => "decimal",
            Self::Signed => "signed",
            Self::Published => "published",
        }
    }

    /// What it holds, as a noun phrase.
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Self::Count => "a count",
            Self::Decimal => "an exact decimal amount",
            Self::Signed => "a signed change (本年增/减)",
            Self::Published => "an amount as published, with its unit if printed",
        }
    }

    /// The names of the kinds present in `model`, each quoted as a string literal: `"count"`.
    pub(crate) fn quoted_names(model: &SchemaModel) -> Result<Vec<String>, CodegenError> {
        Ok(Self::present(model)?
            .iter()
            .map(|k| format!("\"{}\"", k.name()))
            .collect())
    }

    /// What a cell value of `model` may be, for the bindings' `CellValue` docs: each kind present
    /// with its type, `integer` for counts and signed changes, `text` for amounts.
    pub(crate) fn values_doc(
        model: &SchemaModel,
        integer: &str,
        text: &str,
    ) -> Result<String, CodegenError> {
        let values: Vec<String> = Self::present(model)?
            .iter()
            .map(|k| {
                let ty = if matches!(k, Self::Count | Self::Signed) {
                    integer
                } else {
                    text
                };
                format!("{} (`{ty}`)", k.phrase().replace(" (本年增/减)", ""))
            })
            .collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        Ok(either(&values))
    }
}

/// The constants every binding declares, as (name, doc, value): the schema's `$id`, its version
/// and its edition.
pub(crate) fn schema_constants(model: &SchemaModel) -> [(&'static str, &'static str, &str); 3] {
    [
        ("SCHEMA_ID", "The `$id` of the canonical schema.", &model.id),
        (
            "SCHEMA_VERSION",
            "The semantic version of the canonical schema (`x-version`).",
            &model.version,
        ),
        (
            "EDITION",
            "The edition of the national format the schema describes.",
            &model.edition,
        ),
    ]
}

/// `a, b or c`.
pub(crate) fn either(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// The units of the cells, for the cell tables' docs, each quoted by `quote`: `件 or 万元`.
pub(crate) fn units_doc(model: &SchemaModel, quote: fn(&str) -> String) -> String {
    let mut units: Vec<String> = Vec::new();
    let mut unitless = false;
    for cell in model.cells() {
        match cell.unit.as_deref() {
            Some(unit) if !unit.is_empty() => {
                let unit = quote(unit);
                if !units.contains(&unit) {
                    units.push(unit);
                }
            }
            _ => unitless = true,
        }
    }
    let units: Vec<&str> = units.iter().map(String::as_str).collect();
    let mut doc = either(&units);
    if unitless {
        doc.push_str(", or empty where the value carries its own");
    }
    doc
}

/// The doc of a signed field: the range its type does not state.
pub(crate) const SIGNED_DOC: &str = " (a signed change, −(2^63 − 1) to 2^63 − 1)";

/// `natural_person` → `naturalPerson`.
pub(crate) fn lower_camel(key: &str) -> String {
    let upper = schema::camel(key.trim_start_matches('$'));
    let mut chars = upper.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The JSON Schema keywords that assert something (the others are annotations or structure).
const ASSERTIONS: [&str; 9] = [
    "type",
    "required",
    "additionalProperties",
    "minimum",
    "maximum",
    "pattern",
    "format",
    "const",
    "enum",
];

fn keywords_used(node: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match node {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if ASSERTIONS.contains(&key.as_str()) {
                    out.insert(key.clone());
                }
                // Below `properties` and `$defs` the keys are names, not keywords.
                if key == "properties" || key == "$defs" {
                    for child in value.as_object().into_iter().flat_map(|m| m.values()) {
                        keywords_used(child, out);
                    }
                } else {
                    keywords_used(value, out);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keywords_used(v, out)),
        _ => {}
    }
}

/// Every asserting keyword the schema uses must have a stable schema-rule id in the catalogue,
/// and the catalogue must not name keywords the schema does not use.
fn check_schema_rule_ids(
    edition: &Edition,
    schema: &serde_json::Value,
    catalogue: &Catalogue,
) -> Result<(), CodegenError> {
    let mut used = std::collections::BTreeSet::new();
    keywords_used(schema, &mut used);
    let declared: std::collections::BTreeSet<String> = catalogue
        .schema_rules
        .iter()
        .map(|r| r.keyword.clone())
        .collect();
    if used != declared {
        return err(format!(
            "{}: schema_rules must cover exactly the keywords {} uses: \
             used {used:?}, declared {declared:?}",
            edition.rules_source, edition.schema_source
        ));
    }
    Ok(())
}

/// Every pointer an identity uses must be a count cell of the schema.
fn check_catalogue_pointers(
    edition: &Edition,
    model: &SchemaModel,
    catalogue: &Catalogue,
) -> Result<(), CodegenError> {
    let rules_source = edition.rules_source;
    let identities = catalogue
        .identities()
        .map_err(|e| CodegenError(format!("{rules_source}: {e}")))?;
    for identity in &identities {
        for pointer in identity.lhs.iter().chain(&identity.rhs) {
            let is_count_cell = model
                .cells()
                .any(|leaf| &leaf.pointer == pointer && leaf.kind == LeafKind::Count);
            if !is_count_cell {
                return err(format!(
                    "{rules_source}: rule {} uses {pointer}, which is not a count cell of the schema",
                    identity.rule.id
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(keywords: &[&str]) -> Catalogue {
        let schema_rules: Vec<serde_json::Value> = keywords
            .iter()
            .enumerate()
            .map(|(i, k)| {
                serde_json::json!({
                    "id": format!("S{}", i + 1), "name": format!("rule-{k}"), "keyword": k,
                    "severity": "error", "since": "1.0.0",
                    "summary": {"zh": "", "en": ""}, "rationale": ""
                })
            })
            .collect();
        let json = serde_json::json!({
            "$id": "x", "version": "1.0.0", "edition": "2021", "schema": "y",
            "sets": {}, "rules": [], "schema_rules": schema_rules
        });
        Catalogue::from_json(&json.to_string()).unwrap()
    }

    const SCHEMA_YAML: &str = include_str!("../../../schema/annual-report-2021.schema.yaml");

    /// The 2021 edition alone, from these sources.
    fn generate_2021(src: Sources<'_>) -> Result<Vec<GeneratedFile>, CodegenError> {
        generate(&[src])
    }
    const RULES_YAML: &str = include_str!("../../../schema/rules-2021.yaml");

    /// The real schema with one more property in `decision_count`.
    fn with_decision_property(key: &str, title: &str) -> String {
        let mut schema: serde_json::Value = serde_saphyr::from_str(SCHEMA_YAML).unwrap();
        let decision_count = &mut schema["$defs"]["decision_count"];
        decision_count["properties"][key] = serde_json::json!({
            "$ref": "#/$defs/count", "title": title,
            "x-name-en": "Added", "description": "An added cell."
        });
        decision_count["required"]
            .as_array_mut()
            .unwrap()
            .push(key.into());
        // JSON is YAML, so the edited schema goes in as it is.
        schema.to_string()
    }

    #[test]
    fn a_name_a_binding_language_reserves_fails_loudly() {
        let edited = with_decision_property("default", "默认");
        let result = generate_2021(Sources {
            edition: &EDITION_2021,
            schema_yaml: &edited,
            rules_yaml: RULES_YAML,
        });
        let message = result.unwrap_err().0;
        assert!(
            message.contains("`default`, which is reserved"),
            "{message}"
        );
    }

    /// The template lives in one place: a cell added to the schema appears in every language.
    #[test]
    fn a_cell_added_to_the_schema_reaches_every_binding() {
        let schema_yaml = SCHEMA_YAML;
        let rules_yaml = RULES_YAML;
        let edited = with_decision_property("appealed", "其中：被申请复议件数");
        let before = generate_2021(Sources {
            edition: &EDITION_2021,
            schema_yaml,
            rules_yaml,
        })
        .unwrap();
        let after = generate_2021(Sources {
            edition: &EDITION_2021,
            schema_yaml: &edited,
            rules_yaml,
        })
        .unwrap();
        for (path, needle) in [
            ("crates/xxgk-model/src/generated.rs", "pub appealed: u64"),
            (
                "bindings/java/src/org/xxgk/model/DecisionCount.java",
                "BigInteger appealed",
            ),
            ("bindings/typescript/src/index.ts", "appealed: bigint;"),
            (
                "bindings/python/src/xxgk_model/__init__.py",
                "appealed: int",
            ),
        ] {
            let contents = |files: &[GeneratedFile]| {
                files
                    .iter()
                    .find(|f| f.path == path)
                    .map(|f| f.contents.clone())
                    .unwrap()
            };
            assert!(!contents(&before).contains(needle), "{path}");
            let contents = contents(&after);
            assert!(contents.contains(needle), "{path} lacks {needle}");
            assert!(
                contents.contains("其中：被申请复议件数"),
                "{path} lacks the label"
            );
        }
    }

    /// The real schema with `edit` applied to its JSON value.
    fn edited(
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> Result<Vec<GeneratedFile>, CodegenError> {
        let mut schema: serde_json::Value = serde_saphyr::from_str(SCHEMA_YAML).unwrap();
        edit(&mut schema);
        generate_2021(Sources {
            edition: &EDITION_2021,
            schema_yaml: &schema.to_string(),
            rules_yaml: RULES_YAML,
        })
    }

    /// An edit of the schema's JSON value.
    type Edit = fn(&mut serde_json::Value);

    /// Inconsistent template annotations fail loudly instead of generating a wrong template.
    #[test]
    fn inconsistent_template_annotations_fail_loudly() {
        let cases: [(&str, Edit); 6] = [
            ("numbered out of order", |s| {
                s["$defs"]["withheld_results"]["properties"]["prohibited_by_law"]["title"] =
                    "3.其他法律行政法规禁止公开".into();
            }),
            ("not numbered like its siblings", |s| {
                s["$defs"]["application_results"]["properties"]["granted"]["title"] =
                    "予以公开".into();
            }),
            ("numbered out of order", |s| {
                s["properties"]["problems_and_improvements"]["title"] =
                    "四、存在的主要问题及改进情况".into();
            }),
            ("column `total` of 表三 has another title", |s| {
                s["$defs"]["applications"]["properties"]["carried_forward"]["$ref"] =
                    "#/$defs/other_row".into();
                let mut row = s["$defs"]["applicant_row"].clone();
                row["properties"]["total"]["title"] = "合计".into();
                s["$defs"]["other_row"] = row;
            }),
            ("the columns of 表四 are in another order", |s| {
                s["$defs"]["review_litigation"]["properties"]["litigation_after_review"]["$ref"] =
                    "#/$defs/reordered".into();
                let mut outcomes = s["$defs"]["case_outcomes"].clone();
                let props = outcomes["properties"].as_object().unwrap().clone();
                let mut reordered = serde_json::Map::new();
                for key in ["corrected", "upheld", "other", "pending", "total"] {
                    reordered.insert(key.to_owned(), props[key].clone());
                }
                outcomes["properties"] = reordered.into();
                s["$defs"]["reordered"] = outcomes;
            }),
            ("x-table marks a node that is not a numbered section", |s| {
                s["properties"]["metadata"]["x-table"] = "表一".into();
            }),
        ];
        for (expected, edit) in cases {
            let message = edited(edit).unwrap_err().0;
            assert!(message.contains(expected), "{expected}: {message}");
        }
        // A row holding both cells and a group is neither.
        let mixed = edited(|s| {
            let props = &mut s["$defs"]["decision_count"]["properties"];
            props["nested"] = serde_json::json!({
                "$ref": "#/$defs/fee_income", "title": "嵌套", "x-name-en": "Nested",
                "description": "A nested object."
            });
        });
        let message = mixed.unwrap_err().0;
        assert!(message.contains("neither a row nor a group"), "{message}");
    }

    const SCHEMA_2019: &str = include_str!("../../../schema/annual-report-2019.schema.yaml");
    const RULES_2019: &str = include_str!("../../../schema/rules-2019.yaml");

    /// Both editions from these 2019 sources; the 2021 ones as committed.
    fn both(schema_2019: &str) -> Result<Vec<GeneratedFile>, CodegenError> {
        generate(&[
            Sources {
                edition: &EDITION_2021,
                schema_yaml: SCHEMA_YAML,
                rules_yaml: RULES_YAML,
            },
            Sources {
                edition: &EDITION_2019,
                schema_yaml: schema_2019,
                rules_yaml: RULES_2019,
            },
        ])
    }

    /// A definition imported from 2021 is copied in; a 2021 edit reaches the 2019 edition.
    #[test]
    fn imported_definitions_are_copied_and_must_exist() {
        let files = both(SCHEMA_2019).unwrap();
        let schema = files
            .iter()
            .find(|f| f.path == "schema/annual-report-2019.schema.json")
            .unwrap();
        assert!(!schema.contents.contains("annual-report-2021.schema.yaml"));
        assert!(schema.contents.contains("\"case_outcomes\""));
        let missing = SCHEMA_2019.replace("#/$defs/case_outcomes\"", "#/$defs/no_such_def\"");
        let message = both(&missing).unwrap_err().0;
        assert!(message.contains("does not exist"), "{message}");
        let unknown = SCHEMA_2019.replace(
            "annual-report-2021.schema.yaml#/$defs/case_outcomes",
            "annual-report-2017.schema.yaml#/$defs/case_outcomes",
        );
        let message = both(&unknown).unwrap_err().0;
        assert!(
            message.contains("not the source of an edition"),
            "{message}"
        );
        // Only an earlier edition can be imported from.
        let message = generate(&[Sources {
            edition: &EDITION_2019,
            schema_yaml: SCHEMA_2019,
            rules_yaml: RULES_2019,
        }])
        .unwrap_err()
        .0;
        assert!(
            message.contains("not the source of an edition"),
            "{message}"
        );
    }

    /// The 2019 edition's bindings go beside the 2021 ones, which stay as the 2021 edition alone
    /// generates them; its signed cells are 64-bit integers in every language.
    #[test]
    fn the_2019_bindings_sit_beside_the_2021_ones() {
        let both = both(SCHEMA_2019).unwrap();
        let alone = generate_2021(Sources {
            edition: &EDITION_2021,
            schema_yaml: SCHEMA_YAML,
            rules_yaml: RULES_YAML,
        })
        .unwrap();
        for file in alone.iter().filter(|f| f.path.starts_with("bindings/")) {
            assert!(both.contains(file), "{} differs", file.path);
        }
        let contents = |path: &str| {
            both.iter()
                .find(|f| f.path == path)
                .map(|f| f.contents.clone())
                .unwrap_or_else(|| panic!("{path} is not generated"))
        };
        for (path, needles) in [
            (
                "bindings/java/src/org/xxgk/model/edition2019/FeeItems.java",
                &[
                    "package org.xxgk.model.edition2019;",
                    "long change",
                    "−(2^63 − 1)",
                ][..],
            ),
            (
                "bindings/java/src/org/xxgk/model/edition2019/Procurement.java",
                &["String amount"][..],
            ),
            (
                "bindings/typescript/src/edition2019.ts",
                &[
                    "change: bigint;",
                    "amount: string;",
                    "from \"./runtime.js\"",
                ][..],
            ),
            (
                "bindings/python/src/xxgk_model/edition_2019.py",
                &["change: int", "amount: str", "EDITION: Final = \"2019\""][..],
            ),
        ] {
            let text = contents(path);
            for needle in needles {
                assert!(text.contains(needle), "{path} lacks {needle}");
            }
        }
        assert!(
            generated_dirs().contains(&"bindings/java/src/org/xxgk/model/edition2019".to_owned())
        );
    }

    #[test]
    fn every_asserting_keyword_needs_a_schema_rule_id() {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {"enum": {"type": "integer", "minimum": 0}},
            "$defs": {"type": {"pattern": "^a$"}}
        });
        let exact = catalogue(&["type", "minimum", "pattern"]);
        assert_eq!(
            check_schema_rule_ids(&EDITION_2021, &schema, &exact),
            Ok(())
        );
        assert!(
            check_schema_rule_ids(&EDITION_2021, &schema, &catalogue(&["type", "minimum"]))
                .is_err()
        );
        let extra = catalogue(&["type", "minimum", "pattern", "enum"]);
        assert!(check_schema_rule_ids(&EDITION_2021, &schema, &extra).is_err());
    }
}

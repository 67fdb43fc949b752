//! The JSON Schema that `schemars` derives from the generated types is the canonical one.
//!
//! Both schemas are normalised before comparison: every `$ref` is inlined and annotations are
//! dropped (`title`, `description`, `$id`, `$schema`, `x-*`, `default`, `examples`). Justified
//! differences, each normalised away here:
//! - `u64` derives `format: uint64` with no `maximum`: Rust states the bound in the type, the
//!   canonical schema spells it out (`maximum: 18446744073709551615`).
//! - a free-form map derives `additionalProperties: true`, which is JSON Schema's default.
//! - a closed string enum derives `oneOf` of documented `const`s, or `const` with `type`; the
//!   canonical schema writes `enum` (or `const`); both accept exactly the same strings.

use serde_json::{Map, Value, json};
use xxgk_model::{AnnualReport, SCHEMA_JSON};

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference.strip_prefix('#').expect("local reference");
    root.pointer(pointer)
        .unwrap_or_else(|| panic!("dangling $ref {reference}"))
}

fn normalise(root: &Value, node: &Value) -> Value {
    match node {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                if key == "$ref" {
                    let target =
                        normalise(root, resolve(root, value.as_str().expect("string $ref")));
                    if let Value::Object(target) = target {
                        out.extend(target);
                    }
                    continue;
                }
                let annotation = matches!(
                    key.as_str(),
                    "title" | "description" | "$id" | "$schema" | "$defs" | "default" | "examples"
                ) || key.starts_with("x-");
                if !annotation {
                    out.insert(key.clone(), normalise(root, value));
                }
            }
            canonical_forms(&mut out);
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| normalise(root, v)).collect()),
        other => other.clone(),
    }
}

fn canonical_forms(out: &mut Map<String, Value>) {
    if out.get("format") == Some(&json!("uint64")) {
        out.remove("format");
        out.entry("maximum").or_insert(json!(u64::MAX));
    }
    if out.get("additionalProperties") == Some(&json!(true)) {
        out.remove("additionalProperties");
    }
    if let Some(Value::Array(variants)) = out.get("oneOf") {
        // Variants were normalised first, so each documented `const` is now a one-value `enum`.
        let consts: Option<Vec<Value>> = variants
            .iter()
            .map(
                |v| match v.get("enum").and_then(Value::as_array).map(Vec::as_slice) {
                    Some([value]) if v.as_object().is_some_and(|o| o.len() == 1) => {
                        Some(value.clone())
                    }
                    _ => None,
                },
            )
            .collect();
        if let Some(values) = consts {
            out.remove("oneOf");
            out.insert("enum".to_owned(), Value::Array(values));
        }
    }
    if let Some(value) = out.remove("const") {
        out.insert("enum".to_owned(), json!([value]));
    }
    if out.contains_key("enum") {
        out.remove("type");
    }
    if let Some(Value::Array(required)) = out.get_mut("required") {
        required.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
}

#[test]
fn derived_schema_equals_the_canonical_schema() {
    let canonical: Value = serde_json::from_str(SCHEMA_JSON).expect("schema is JSON");
    let derived = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<AnnualReport>();
    let derived = derived.to_value();
    let expected = normalise(&canonical, &canonical);
    let actual = normalise(&derived, &derived);
    if expected != actual {
        let pretty = |v: &Value| serde_json::to_string_pretty(v).expect("serializable");
        panic!(
            "derived schema differs from the canonical one\n--- canonical\n{}\n--- derived\n{}",
            pretty(&expected),
            pretty(&actual)
        );
    }
}

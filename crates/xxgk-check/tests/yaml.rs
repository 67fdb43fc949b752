//! YAML means the same data as JSON: a YAML document is read under the YAML 1.2 core schema into
//! the JSON data model (`schema/README.md`, "YAML"), so every scalar spelling gives exactly the
//! findings of the JSON value it denotes, on the fast typed path as on the value path.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde_json::{Value, json};
use xxgk_check::{Checker, Format, Kind, Severity};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new().unwrap());
static BASE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap()
});

const HOLE: &str = "\u{1}hole\u{1}";

/// Block-style YAML of `doc` (scalars as JSON, which YAML 1.2 reads the same), with the value at
/// `pointer` written as `spelling`.
fn yaml_with(doc: &Value, pointer: &str, spelling: &str) -> String {
    fn write(v: &Value, indent: usize, out: &mut String) {
        for (k, child) in v.as_object().unwrap() {
            out.push_str(&" ".repeat(indent));
            out.push_str(&Value::String(k.clone()).to_string());
            out.push(':');
            match child {
                Value::Object(m) if !m.is_empty() => {
                    out.push('\n');
                    write(child, indent + 2, out);
                }
                _ => {
                    out.push(' ');
                    out.push_str(&child.to_string());
                    out.push('\n');
                }
            }
        }
    }
    let mut doc = doc.clone();
    *doc.pointer_mut(pointer).unwrap() = json!(HOLE);
    let mut out = String::new();
    write(&doc, 0, &mut out);
    out.replace(&Value::String(HOLE.to_owned()).to_string(), spelling)
}

fn findings(diagnostics: Vec<xxgk_check::Diagnostic>) -> BTreeSet<(String, String)> {
    diagnostics
        .into_iter()
        .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
        .map(|d| (d.rule, d.pointer))
        .collect()
}

/// A YAML scalar spelling and the JSON value the core schema reads it as.
fn spellings() -> Vec<(&'static str, Value)> {
    vec![
        ("7", json!(7)),
        ("+7", json!(7)),
        ("'7'", json!("7")),
        ("\"7\"", json!("7")),
        ("!!str 7", json!("7")),
        ("true", json!(true)),
        ("True", json!(true)),
        ("FALSE", json!(false)),
        ("yes", json!("yes")),
        ("on", json!("on")),
        ("no", json!("no")),
        ("off", json!("off")),
        ("null", json!(null)),
        ("NULL", json!(null)),
        ("Null", json!(null)),
        ("~", json!(null)),
        ("", json!(null)),
        ("0x1F", json!(31)),
        ("0o17", json!(15)),
        ("0755", json!(755)),
        ("0b11", json!("0b11")),
        ("0X1F", json!("0X1F")),
        ("0O17", json!("0O17")),
        ("-0x1F", json!("-0x1F")),
        ("+0o17", json!("+0o17")),
        ("0x_1F", json!("0x_1F")),
        ("tRUE", json!("tRUE")),
        ("nULL", json!("nULL")),
        ("NaN", json!("NaN")),
        ("inf", json!("inf")),
        (".5", json!(0.5)),
        ("1.", json!(1.0)),
        ("-.5e1", json!(-5.0)),
        ("2024-01-01", json!("2024-01-01")),
        ("1:20", json!("1:20")),
        ("!!int 7", json!(7)),
        ("1_000", json!("1_000")),
        ("1.0", json!(1.0)),
        ("1e3", json!(1000.0)),
        ("1.5", json!(1.5)),
        ("-1", json!(-1)),
        ("18446744073709551615", json!(u64::MAX)),
        ("18446744073709551616", json!(18_446_744_073_709_551_616.0)),
        ("[]", json!([])),
        ("{}", json!({})),
    ]
}

/// Where the spellings are tried: a count cell, prose text, an amount and the report year.
const PLACES: [&str; 5] = [
    "/applications/new_received/natural_person",
    "/overview/text",
    "/active_disclosure/fees/amount_wan_yuan",
    "/other_matters/processing_fees/collected_yuan",
    "/metadata/report_year",
];

#[test]
fn every_scalar_spelling_gives_the_findings_of_its_json_value() {
    let mut problems = Vec::new();
    for place in PLACES {
        assert!(BASE.pointer(place).is_some(), "{place} is not in the base");
        for (spelling, meaning) in spellings() {
            let text = yaml_with(&BASE, place, spelling);
            let mut doc = BASE.clone();
            *doc.pointer_mut(place).unwrap() = meaning.clone();
            let expected = findings(CHECKER.check_value(&doc).diagnostics);
            let json = serde_json::to_string(&doc).unwrap();
            let from_json = findings(CHECKER.check_text(&json, Format::Json).unwrap().diagnostics);
            let from_yaml = match CHECKER.check_text(&text, Format::Yaml) {
                Ok(outcome) => findings(outcome.diagnostics),
                Err(e) => {
                    problems.push(format!("{place} = {spelling}: unreadable: {e}"));
                    continue;
                }
            };
            if from_json != expected || from_yaml != expected {
                problems.push(format!(
                    "{place} = {spelling} (means {meaning}): expected {expected:?}, \
                     JSON text gives {from_json:?}, YAML gives {from_yaml:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn text_and_amounts_written_as_yaml_numbers_or_booleans_fail_as_in_json() {
    for (place, spelling) in [
        ("/overview/text", "7"),
        ("/overview/text", "true"),
        ("/other_matters/processing_fees/collected_yuan", "0"),
        ("/active_disclosure/fees/amount_wan_yuan", "1032.6"),
    ] {
        let text = yaml_with(&BASE, place, spelling);
        let outcome = CHECKER.check_text(&text, Format::Yaml).unwrap();
        assert!(!outcome.tally().conformant(), "{place} = {spelling}");
        assert_eq!(
            findings(outcome.diagnostics),
            BTreeSet::from([("S3".to_owned(), place.to_owned())]),
            "{place} = {spelling}"
        );
    }
}

#[test]
fn values_json_cannot_hold_make_the_yaml_unreadable() {
    for spelling in [".nan", ".NaN", ".inf", "-.inf", "+.INF"] {
        let text = yaml_with(&BASE, "/applications/new_received/natural_person", spelling);
        let error = CHECKER.check_text(&text, Format::Yaml).unwrap_err();
        assert!(
            error.message.contains("no JSON equivalent") && error.message.contains(spelling),
            "{spelling}: {error}"
        );
        assert!(error.location.is_some(), "{spelling}: {error}");
    }
}

#[test]
fn tags_outside_the_core_schema_make_the_yaml_unreadable() {
    for spelling in ["!foo 7", "!!binary aGk=", "!!timestamp 2024-01-01"] {
        let text = yaml_with(&BASE, "/overview/text", spelling);
        assert!(
            CHECKER.check_text(&text, Format::Yaml).is_err(),
            "{spelling} was read"
        );
    }
}

#[test]
fn a_merge_key_is_an_ordinary_key() {
    let text = yaml_with(
        &BASE,
        "/metadata/report_year",
        "2024\n  \"<<\": {\"extra\": 1}",
    );
    let outcome = CHECKER.check_text(&text, Format::Yaml).unwrap();
    assert_eq!(
        findings(outcome.diagnostics),
        BTreeSet::from([("S2".to_owned(), "/metadata/<<".to_owned())])
    );
}

//! Runs the language-neutral conformance suite (`conformance/`, format in its README) against
//! xxgk-check, checks that the suite covers every rule, and that every rule is needed to pass it.
//! The case files' format (the case-file schema, unique ids, bases and documents that exist) is
//! enforced by the loader itself (`tests/load.rs`).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use xxgk_catalogue::Catalogue;
use xxgk_check::{Checker, Format};
use xxgk_conformance::{Case, Document, Reply, Suite, Verdict, findings, read_known_failures};
use xxgk_model::RULES_JSON;

fn suite() -> Suite {
    Suite::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(RULES_JSON).unwrap()
}

/// xxgk's reply for a case: a patched document through the value entry point, a document
/// given byte for byte through the text entry point.
fn xxgk_reply(checker: &Checker, case: &Case) -> Reply {
    match case.document() {
        Document::Patched { value, .. } => Reply::Findings {
            findings: findings(&checker.check_value(value).diagnostics),
        },
        Document::Given { bytes, .. } => xxgk_conformance::reply(checker, bytes, Format::Json),
    }
}

/// One line per case whose reply is not what it expects.
fn mismatches(suite: &Suite, checker: &Checker) -> Vec<(String, String)> {
    suite
        .cases()
        .iter()
        .filter_map(|case| match case.judge(&xxgk_reply(checker, case)) {
            Verdict::Pass => None,
            failure => Some((case.id.clone(), format!("{failure:?}"))),
        })
        .collect()
}

#[test]
fn every_case_passes() {
    let suite = suite();
    let known = read_known_failures(&suite.dir().join("known-failures.txt")).unwrap();
    let checker = Checker::new().unwrap();
    let mismatches = mismatches(&suite, &checker);
    let failing: BTreeSet<&str> = mismatches.iter().map(|(id, _)| id.as_str()).collect();
    let mut problems: Vec<String> = mismatches
        .iter()
        .filter(|(id, _)| !known.contains(id))
        .map(|(id, why)| format!("{id}: {why}"))
        .collect();
    problems.extend(
        known
            .iter()
            .filter(|id| !failing.contains(id.as_str()))
            .map(|id| format!("{id}: listed in known-failures.txt but passes (or is no case)")),
    );
    assert!(
        problems.is_empty(),
        "{} of {} cases fail:\n{}",
        problems.len(),
        suite.cases().len(),
        problems.join("\n")
    );
}

/// Block-style YAML of a document, scalars written as JSON (which YAML 1.2 reads the same).
fn yaml(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, child) in map {
                out.push_str(&" ".repeat(indent));
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if matches!(child, Value::Object(m) if !m.is_empty()) {
                    out.push('\n');
                    yaml(child, indent + 2, out);
                } else {
                    out.push(' ');
                    out.push_str(&child.to_string());
                    out.push('\n');
                }
            }
        }
        _ => {
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
}

/// The suite through the text entry point, in JSON and in YAML: the typed fast path must not
/// accept what the value path rejects, and YAML must mean the same data as JSON.
#[test]
fn every_case_passes_from_json_and_yaml_text() {
    let suite = suite();
    let checker = Checker::new().unwrap();
    let mut problems = Vec::new();
    for case in suite.cases() {
        // A document given byte for byte is JSON text; `every_case_passes` reads it.
        let Document::Patched { value, text } = case.document() else {
            continue;
        };
        let mut yaml_text = String::new();
        yaml(value, 0, &mut yaml_text);
        let texts = [
            ("JSON", text, Format::Json),
            ("YAML", &yaml_text, Format::Yaml),
        ];
        for (name, text, format) in texts {
            let reply = xxgk_conformance::reply(&checker, text.as_bytes(), format);
            let verdict = case.judge(&reply);
            if verdict != Verdict::Pass {
                problems.push(format!("{} ({name}): {verdict:?}", case.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn cases_are_well_formed() {
    let suite = suite();
    let catalogue = catalogue();
    let known: BTreeSet<&str> = catalogue
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(catalogue.schema_rules.iter().map(|r| r.id.as_str()))
        .chain(catalogue.content_rules.iter().map(|r| r.id.as_str()))
        .collect();
    let identities = catalogue.identities().unwrap();
    let mut problems = Vec::new();
    for case in suite.cases() {
        let id = &case.id;
        let expected = case.expected_findings();
        if expected.len() != case.expected.len() {
            problems.push(format!("{id}: a finding is expected twice"));
        }
        for rule in case.expected.iter().map(|f| &f.rule).chain(&case.silent) {
            if !known.contains(rule.as_str()) {
                problems.push(format!("{id}: unknown rule {rule}"));
            }
        }
        for rule in &case.silent {
            if expected.iter().any(|f| &f.rule == rule) {
                problems.push(format!("{id}: {rule} is both silent and expected"));
            }
            // A silent case for a summation rule must change a cell the rule reads.
            let reads = |p: &str| {
                identities
                    .iter()
                    .filter(|i| &i.rule.id == rule)
                    .any(|i| i.lhs.iter().chain(&i.rhs).any(|cell| cell == p))
            };
            if catalogue.rules.iter().any(|r| &r.id == rule) && !case.touched().any(reads) {
                problems.push(format!(
                    "{id}: silent for {rule} but changes no cell it reads"
                ));
            }
            // And one for a content rule a value it reads (or an object holding one).
            let content_reads = |p: &str| {
                catalogue
                    .content_rules
                    .iter()
                    .filter(|r| &r.id == rule)
                    .flat_map(|r| &r.reads)
                    .any(|read| read == p || read.starts_with(&format!("{p}/")))
            };
            if catalogue.content_rules.iter().any(|r| &r.id == rule)
                && !case.touched().any(content_reads)
            {
                problems.push(format!(
                    "{id}: silent for {rule} but changes no value it reads"
                ));
            }
        }
    }
    for id in read_known_failures(&suite.dir().join("known-failures.txt")).unwrap() {
        if suite.case(&id).is_none() {
            problems.push(format!("known-failures.txt names no case: {id}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_firing_and_a_silent_case() {
    let suite = suite();
    let catalogue = catalogue();
    let mut problems = Vec::new();
    let all = catalogue
        .rules
        .iter()
        .map(|r| &r.id)
        .chain(catalogue.schema_rules.iter().map(|r| &r.id))
        .chain(catalogue.content_rules.iter().map(|r| &r.id));
    for rule in all {
        if !suite
            .cases()
            .iter()
            .any(|c| c.expected.iter().any(|f| &f.rule == rule))
        {
            problems.push(format!("{rule}: no case where it fires"));
        }
        if !suite.cases().iter().any(|c| c.silent.contains(rule)) {
            problems.push(format!("{rule}: no case where it stays silent"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_needed_to_pass_the_suite() {
    let suite = suite();
    let full = catalogue();
    let undetected: Vec<&str> = full
        .rules
        .iter()
        .map(|rule| rule.id.as_str())
        .chain(full.schema_rules.iter().map(|rule| rule.id.as_str()))
        .chain(full.content_rules.iter().map(|rule| rule.id.as_str()))
        .filter(|id| {
            // The checker without the rule: a summation or content rule is not evaluated, a
            // schema keyword's failures lose their id.
            let mut mutant = full.clone();
            mutant.rules.retain(|r| r.id != *id);
            mutant.schema_rules.retain(|r| r.id != *id);
            mutant.content_rules.retain(|r| r.id != *id);
            mismatches(&suite, &Checker::with_catalogue(mutant).unwrap()).is_empty()
        })
        .collect();
    assert!(
        undetected.is_empty(),
        "the suite passes without these rules: {undetected:?}"
    );
}

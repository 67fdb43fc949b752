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
use xxgk_model::{RULES_JSON, STANDARD_2019, STANDARD_2021, Standard};

fn suite() -> Suite {
    Suite::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(RULES_JSON).unwrap()
}

/// Every edition, the one a document naming none is checked under first.
const EDITIONS: [&Standard; 2] = [&STANDARD_2021, &STANDARD_2019];

/// The edition a case's document names (a document given byte for byte is of 2021, the
/// edition such documents test the reading of numbers and text in).
fn edition_of(case: &Case) -> &'static str {
    let named = match case.document() {
        Document::Patched { value, .. } => value.get("edition").and_then(Value::as_str),
        Document::Given { .. } => None,
    };
    EDITIONS
        .iter()
        .map(|s| s.edition)
        .find(|e| Some(*e) == named)
        .unwrap_or(STANDARD_2021.edition)
}

/// The edition whose series rules govern a case of several documents: that of its latest
/// report (the highest `report_year`), the current report of its last pair; `None` for a case
/// of one document.
fn series_edition_of(case: &Case) -> Option<&'static str> {
    let latest = case
        .documents()
        .iter()
        .filter_map(|d| match &d.document {
            Document::Patched { value, .. } => Some(value),
            Document::Given { .. } => None,
        })
        .max_by_key(|v| v.pointer("/metadata/report_year").and_then(Value::as_i64))?;
    let named = latest.get("edition").and_then(Value::as_str);
    EDITIONS
        .iter()
        .map(|s| s.edition)
        .find(|e| Some(*e) == named)
}

/// xxgk's reply for a case: a patched document through the value entry point, a document
/// given byte for byte through the text entry point.
fn xxgk_reply(checker: &Checker, case: &Case) -> Reply {
    if !case.documents().is_empty() {
        let documents: Vec<(&str, &[u8])> = case
            .documents()
            .iter()
            .map(|d| (d.name.as_str(), d.document.bytes()))
            .collect();
        return xxgk_conformance::series_reply(checker, &documents);
    }
    match case.document() {
        Document::Patched { value, .. } => Reply::Findings {
            findings: findings(&checker.for_document(value).check_value(value).diagnostics),
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
        // A document given byte for byte is JSON text, and a case of several documents is read
        // as JSON by the series reply; `every_case_passes` runs both.
        let Document::Patched { value, text } = case.document() else {
            continue;
        };
        if !case.documents().is_empty() {
            continue;
        }
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
        .chain(catalogue.series_rules.iter().map(|r| r.id.as_str()))
        .chain(catalogue.content_rules.iter().map(|r| r.id.as_str()))
        .collect();
    let catalogues: Vec<(&str, Catalogue)> = EDITIONS
        .iter()
        .map(|s| (s.edition, Catalogue::from_json(s.rules_json).unwrap()))
        .collect();
    let identities: Vec<(&str, Vec<_>)> = catalogues
        .iter()
        .map(|(edition, c)| (*edition, c.identities().unwrap()))
        .collect();
    let mut problems = Vec::new();
    for case in suite.cases() {
        let id = &case.id;
        let edition = edition_of(case);
        let identities = identities
            .iter()
            .find(|(e, _)| *e == edition)
            .map(|(_, i)| i)
            .unwrap();
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

/// Which cases exercise a rule of an edition.
#[derive(Clone, Copy)]
enum Scope {
    /// The cases whose document is of the edition.
    Edition,
    /// Every case.
    Any,
    /// The cases of several documents whose latest report is of the edition.
    Series,
}

#[test]
fn every_rule_has_a_firing_and_a_silent_case() {
    let suite = suite();
    let mut problems = Vec::new();
    for standard in EDITIONS {
        let catalogue = Catalogue::from_json(standard.rules_json).unwrap();
        let edition = standard.edition;
        // A summation rule, in the form it has in each edition, and a content rule are
        // exercised by that edition's cases; a schema-rule id names a keyword, exercised by the
        // cases of any edition; a series rule by the cases of several documents whose latest
        // report is of the edition (its catalogue governs the pair).
        let summation = catalogue.rules.iter().map(|r| (&r.id, Scope::Edition));
        let schema = catalogue.schema_rules.iter().map(|r| (&r.id, Scope::Any));
        let series = catalogue
            .series_rules
            .iter()
            .map(|r| (&r.id, Scope::Series));
        let content = catalogue
            .content_rules
            .iter()
            .map(|r| (&r.id, Scope::Edition));
        for (rule, scope) in summation.chain(schema).chain(series).chain(content) {
            let cases: Vec<&Case> = suite
                .cases()
                .iter()
                .filter(|c| match scope {
                    Scope::Edition => edition_of(c) == edition,
                    Scope::Any => true,
                    Scope::Series => series_edition_of(c) == Some(edition),
                })
                .collect();
            if !cases
                .iter()
                .any(|c| c.expected.iter().any(|f| &f.rule == rule))
            {
                problems.push(format!("{edition} {rule}: no case where it fires"));
            }
            if !cases.iter().any(|c| c.silent.contains(rule)) {
                problems.push(format!("{edition} {rule}: no case where it stays silent"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_needed_to_pass_the_suite() {
    let suite = suite();
    let full: Vec<Catalogue> = EDITIONS
        .iter()
        .map(|s| Catalogue::from_json(s.rules_json).unwrap())
        .collect();
    let mut undetected = Vec::new();
    for (i, catalogue) in full.iter().enumerate() {
        let ids = catalogue.rules.iter().map(|r| (&r.id, ""));
        let schema = catalogue
            .schema_rules
            .iter()
            .map(|r| (&r.id, r.keyword.as_str()));
        let series = catalogue.series_rules.iter().map(|r| (&r.id, ""));
        let content = catalogue.content_rules.iter().map(|r| (&r.id, ""));
        for (id, keyword) in ids.chain(schema).chain(series).chain(content) {
            // A document is checked under the edition it names, so the `const` of another
            // edition than the first (its edition) never fails: only a checker of that edition
            // alone reports it (`Checker::for_standard`).
            if i > 0 && keyword == "const" {
                continue;
            }
            // The checker without the rule in this edition: a summation, series or content rule
            // is not evaluated, a schema keyword's failures lose their id.
            let editions = EDITIONS
                .iter()
                .zip(&full)
                .enumerate()
                .map(|(j, (standard, c))| {
                    let mut c = c.clone();
                    if j == i {
                        c.rules.retain(|r| &r.id != id);
                        c.schema_rules.retain(|r| &r.id != id);
                        c.series_rules.retain(|r| &r.id != id);
                        c.content_rules.retain(|r| &r.id != id);
                    }
                    (*standard, c)
                })
                .collect();
            let mutant = Checker::with_catalogues(editions).unwrap();
            if mismatches(&suite, &mutant).is_empty() {
                undetected.push(format!("{} {id}", EDITIONS[i].edition));
            }
        }
    }
    assert!(
        undetected.is_empty(),
        "the suite passes without these rules: {undetected:?}"
    );
}

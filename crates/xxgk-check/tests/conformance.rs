//! Runs the language-neutral conformance suite (`conformance/`, format in its README) against
//! xxgk-check, checks that the suite covers every rule, and that every rule is needed to pass it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use xxgk_check::{Checker, Format, Kind, Severity};
use xxgk_model::RULES_JSON;
use xxgk_model::catalogue::Catalogue;

/// A finding as the suite compares it: rule id and JSON Pointer.
type Finding = (String, String);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    description: String,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedFinding {
    rule: String,
    pointer: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    description: String,
    /// `base` + `patch`, or `document` (a file of `documents/`, the document byte for byte).
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    patch: Option<json_patch::Patch>,
    #[serde(default)]
    document: Option<String>,
    expected: Vec<ExpectedFinding>,
    #[serde(default)]
    unreadable: bool,
    #[serde(default)]
    silent: Vec<String>,
}

/// The document under test.
enum Document {
    /// A base with a patch applied.
    Value(Value),
    /// Given byte for byte, to be read as JSON text.
    Text(String),
}

/// What an implementation must say: unreadable, or these findings.
type Verdict = Option<BTreeSet<Finding>>;

impl Case {
    fn verdict(&self) -> Verdict {
        (!self.unreadable).then(|| self.expected())
    }

    fn expected(&self) -> BTreeSet<Finding> {
        self.expected
            .iter()
            .map(|f| (f.rule.clone(), f.pointer.clone()))
            .collect()
    }
}

struct Suite {
    bases: BTreeMap<String, Value>,
    cases: Vec<Case>,
    known_failures: BTreeSet<String>,
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn load() -> Suite {
    let dir = suite_dir();
    let bases = sorted_files(&dir.join("base"))
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let doc: Value = serde_json::from_str(&read(&p)).unwrap();
            (name, doc)
        })
        .collect();
    let cases = sorted_files(&dir.join("cases"))
        .into_iter()
        .flat_map(|p| {
            let file: CaseFile =
                serde_json::from_str(&read(&p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert!(
                !file.description.trim().is_empty(),
                "{}: no description",
                p.display()
            );
            file.cases
        })
        .collect();
    let known_failures = read(&dir.join("known-failures.txt"))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    Suite {
        bases,
        cases,
        known_failures,
    }
}

impl Suite {
    fn document(&self, case: &Case) -> Document {
        match (&case.base, &case.patch, &case.document) {
            (Some(base), Some(patch), None) => {
                let mut doc = self
                    .bases
                    .get(base)
                    .unwrap_or_else(|| panic!("{}: unknown base {base:?}", case.id))
                    .clone();
                json_patch::patch(&mut doc, patch)
                    .unwrap_or_else(|e| panic!("{}: the patch does not apply: {e}", case.id));
                Document::Value(doc)
            }
            (None, None, Some(name)) => {
                Document::Text(read(&suite_dir().join("documents").join(name)))
            }
            _ => panic!("{}: give either base and patch, or document", case.id),
        }
    }

    /// One line per case whose findings differ from the expected set.
    fn mismatches(&self, checker: &Checker) -> Vec<String> {
        self.cases
            .iter()
            .filter_map(|case| {
                let actual = match self.document(case) {
                    Document::Value(doc) => Some(findings(checker, &doc)),
                    Document::Text(text) => text_findings(checker, &text, Format::Json),
                };
                let expected = case.verdict();
                (actual != expected).then(|| {
                    format!(
                        "{}: missing {:?}, unexpected {:?}",
                        case.id,
                        difference(expected.as_ref(), actual.as_ref()),
                        difference(actual.as_ref(), expected.as_ref())
                    )
                })
            })
            .collect()
    }
}

/// The findings of `a` that `b` lacks, or "unreadable" when only one of them is.
fn difference(a: Option<&BTreeSet<Finding>>, b: Option<&BTreeSet<Finding>>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{:?}", a.difference(b).collect::<Vec<_>>()),
        (None, Some(_)) => "unreadable".to_owned(),
        _ => "[]".to_owned(),
    }
}

/// The findings of document text, or `None` when xxgk finds it unreadable.
fn text_findings(checker: &Checker, text: &str, format: Format) -> Verdict {
    let outcome = checker.check_text(text, format).ok()?;
    Some(
        outcome
            .diagnostics
            .into_iter()
            .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
            .map(|d| (d.rule, d.pointer))
            .collect(),
    )
}

/// The findings the suite compares: errors and warnings (notes are not findings).
fn findings(checker: &Checker, doc: &Value) -> BTreeSet<Finding> {
    checker
        .check_value(doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.kind != Kind::NotEvaluable && d.severity != Severity::Info)
        .map(|d| (d.rule, d.pointer))
        .collect()
}

fn catalogue() -> Catalogue {
    Catalogue::from_json(RULES_JSON).unwrap()
}

#[test]
fn every_case_passes() {
    let suite = load();
    let checker = Checker::new().unwrap();
    let mismatches = suite.mismatches(&checker);
    let failing: BTreeSet<&str> = mismatches
        .iter()
        .map(|m| m.split(':').next().unwrap())
        .collect();
    let mut problems: Vec<String> = mismatches
        .iter()
        .filter(|m| !suite.known_failures.contains(m.split(':').next().unwrap()))
        .cloned()
        .collect();
    problems.extend(
        suite
            .known_failures
            .iter()
            .filter(|id| !failing.contains(id.as_str()))
            .map(|id| format!("{id}: listed in known-failures.txt but passes (or is no case)")),
    );
    assert!(
        problems.is_empty(),
        "{} of {} cases fail:\n{}",
        problems.len(),
        suite.cases.len(),
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
    let suite = load();
    let checker = Checker::new().unwrap();
    let mut problems = Vec::new();
    for case in &suite.cases {
        // A document given byte for byte is JSON text; `every_case_passes` reads it.
        let Document::Value(doc) = suite.document(case) else {
            continue;
        };
        let mut yaml_text = String::new();
        yaml(&doc, 0, &mut yaml_text);
        let texts = [
            (
                "JSON",
                serde_json::to_string_pretty(&doc).unwrap(),
                Format::Json,
            ),
            ("YAML", yaml_text, Format::Yaml),
        ];
        for (name, text, format) in texts {
            let Some(actual) = text_findings(&checker, &text, format) else {
                problems.push(format!("{} ({name}): unreadable", case.id));
                continue;
            };
            if actual != case.expected() {
                problems.push(format!(
                    "{} ({name}): expected {:?}, found {actual:?}",
                    case.id,
                    case.expected()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn case_files_match_their_schema() {
    let dir = suite_dir();
    let schema: Value = serde_json::from_str(&read(&dir.join("case-file.schema.json"))).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut problems = Vec::new();
    for path in sorted_files(&dir.join("cases")) {
        let file: Value = serde_json::from_str(&read(&path)).unwrap();
        for error in validator.iter_errors(&file) {
            problems.push(format!(
                "{}: {error} at {}",
                path.display(),
                error.instance_path()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn cases_are_well_formed() {
    let suite = load();
    let catalogue = catalogue();
    let known: BTreeSet<&str> = catalogue
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(catalogue.schema_rules.iter().map(|r| r.id.as_str()))
        .collect();
    let identities = catalogue.identities().unwrap();
    let mut ids = BTreeSet::new();
    let mut problems = Vec::new();
    for case in &suite.cases {
        let id = &case.id;
        if !ids.insert(id.as_str()) {
            problems.push(format!("{id}: duplicate id"));
        }
        let kebab = !id.is_empty()
            && id.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            problems.push(format!("{id}: id is not kebab-case"));
        }
        if case.description.trim().is_empty() {
            problems.push(format!("{id}: empty description"));
        }
        let expected = case.expected();
        if expected.len() != case.expected.len() {
            problems.push(format!("{id}: a finding is expected twice"));
        }
        for rule in case.expected.iter().map(|f| &f.rule).chain(&case.silent) {
            if !known.contains(rule.as_str()) {
                problems.push(format!("{id}: unknown rule {rule}"));
            }
        }
        if case.unreadable && !case.expected.is_empty() {
            problems.push(format!("{id}: unreadable, yet findings are expected"));
        }
        if let Some(name) = &case.document
            && !suite_dir().join("documents").join(name).is_file()
        {
            problems.push(format!("{id}: no document {name}"));
        }
        let touched: Vec<String> = serde_json::to_value(&case.patch)
            .unwrap()
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|op| op["path"].as_str().map(str::to_owned))
            .collect();
        for rule in &case.silent {
            if expected.iter().any(|(r, _)| r == rule) {
                problems.push(format!("{id}: {rule} is both silent and expected"));
            }
            // A silent case for a summation rule must change a cell the rule reads.
            let reads = |p: &String| {
                identities
                    .iter()
                    .filter(|i| &i.rule.id == rule)
                    .any(|i| i.lhs.contains(p) || i.rhs.contains(p))
            };
            if catalogue.rules.iter().any(|r| &r.id == rule) && !touched.iter().any(reads) {
                problems.push(format!(
                    "{id}: silent for {rule} but changes no cell it reads"
                ));
            }
        }
    }
    for id in &suite.known_failures {
        if !ids.contains(id.as_str()) {
            problems.push(format!("known-failures.txt names no case: {id}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_firing_and_a_silent_case() {
    let suite = load();
    let catalogue = catalogue();
    let mut problems = Vec::new();
    let all = catalogue
        .rules
        .iter()
        .map(|r| &r.id)
        .chain(catalogue.schema_rules.iter().map(|r| &r.id));
    for rule in all {
        if !suite
            .cases
            .iter()
            .any(|c| c.expected.iter().any(|f| &f.rule == rule))
        {
            problems.push(format!("{rule}: no case where it fires"));
        }
        if !suite.cases.iter().any(|c| c.silent.contains(rule)) {
            problems.push(format!("{rule}: no case where it stays silent"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_needed_to_pass_the_suite() {
    let suite = load();
    let full = catalogue();
    let undetected: Vec<&str> = full
        .rules
        .iter()
        .map(|rule| rule.id.as_str())
        .chain(full.schema_rules.iter().map(|rule| rule.id.as_str()))
        .filter(|id| {
            // The checker without the rule: a summation rule is not evaluated, a schema
            // keyword's failures lose their id.
            let mut mutant = full.clone();
            mutant.rules.retain(|r| r.id != *id);
            mutant.schema_rules.retain(|r| r.id != *id);
            suite
                .mismatches(&Checker::with_catalogue(mutant).unwrap())
                .is_empty()
        })
        .collect();
    assert!(
        undetected.is_empty(),
        "the suite passes without these rules: {undetected:?}"
    );
}

//! The published schema in the ecosystem's validators: every schema-only conformance case (no
//! summation rule expected) goes through Python's `jsonschema` and ajv, both draft 2020-12 with
//! `format` asserted (ajv in strict mode), and each must give the valid/invalid verdict
//! `xxgk check` gives, except the differences listed in [`KNOWN`], which must occur exactly.
//!
//! `conformance/ecosystem/setup.sh` installs both (pinned); a missing one skips the test with a
//! message locally and fails it under `CI=true`.
#![allow(clippy::print_stderr)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use xxgk_check::{Checker, Format};
use xxgk_conformance::Suite;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where `setup.sh` puts the Python virtual environment, relative to the root.
const PYTHON: &str = "target/ecosystem/venv/bin/python";
/// The published schema of each edition: a document is validated against the one its
/// `edition` names (2021 when it names no other), as `xxgk check` checks it.
const SCHEMAS: [(&str, &str); 2] = [
    ("2021", "schema/annual-report-2021.schema.json"),
    ("2019", "schema/annual-report-2019.schema.json"),
];

/// Where a validator cannot give xxgk's verdict, and why (also in `conformance/README.md`).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "ajv",
        "count-above-u64",
        "JavaScript numbers are binary64: 2^64 reads as the schema's maximum 2^64 − 1 (itself read as 2^64)",
    ),
    (
        "ajv",
        "count-above-max-integer-literal",
        "the integer literal 18446744073709551616 is read as binary64, equal to the maximum as ajv reads it",
    ),
    (
        "ajv",
        "ed2019-change-below-range",
        "−2^63 and the minimum −(2^63 − 1) are the same binary64 number, as ajv reads them",
    ),
    (
        "ajv",
        "ed2019-change-below-range-rounded",
        "−2^63 − 1 and the minimum −(2^63 − 1) are the same binary64 number, as ajv reads them",
    ),
    (
        "ajv",
        "count-max-with-fraction",
        "18446744073709551615.0 is 2^64, equal to the maximum as ajv reads it",
    ),
    (
        "ajv",
        "duplicate-key",
        "JSON.parse keeps the last of two equal keys instead of rejecting the document",
    ),
    (
        "jsonschema",
        "duplicate-key",
        "json.loads keeps the last of two equal keys instead of rejecting the document",
    ),
    (
        "jsonschema",
        "date-year-zero-leap-day",
        "its date format uses datetime.date, which starts at year 1; RFC 3339 allows 0000",
    ),
    (
        "jsonschema",
        "amount-trailing-newline",
        "pattern uses Python's re.search, where $ also matches before a final newline (not ECMA-262)",
    ),
    (
        "jsonschema",
        "division-code-trailing-newline",
        "pattern uses Python's re.search, where $ also matches before a final newline (not ECMA-262)",
    ),
];

/// Skips (locally) or fails (under `CI=true`) when a validator is absent; `true` means run.
fn installed(missing: Vec<String>) -> bool {
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "the ecosystem's validators are absent ({}); run `bash conformance/ecosystem/setup.sh`",
        missing.join("; ")
    );
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "{message} (CI installs them)"
    );
    eprintln!("skipped: {message}");
    false
}

/// The schema-only cases, each with the document under test written as the conformance runner
/// writes it, whether `xxgk check` finds it conformant, and the schema it is validated against.
fn documents(dir: &Path) -> BTreeMap<String, (PathBuf, bool, &'static str)> {
    let suite = Suite::load(root().join("conformance")).unwrap_or_else(|e| panic!("{e}"));
    let checker = Checker::new().unwrap();
    let mut out = BTreeMap::new();
    for case in suite.cases() {
        // Summation and series rules are no schema's; a case of several documents is a series.
        if case.expected.iter().any(|f| f.rule.starts_with('R')) || !case.documents().is_empty() {
            continue;
        }
        let bytes = case.document().bytes();
        let path = dir.join(format!("{}.json", case.id));
        std::fs::write(&path, bytes).unwrap();
        let conformant = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| checker.check_text(text, Format::Json).ok())
            .is_some_and(|outcome| outcome.tally().conformant());
        assert_eq!(
            conformant,
            case.expected.is_empty() && !case.unreadable,
            "{}: xxgk disagrees with the case",
            case.id
        );
        let named = serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .and_then(|v| v.get("edition").and_then(|e| e.as_str()).map(str::to_owned));
        let schema = SCHEMAS
            .iter()
            .find(|(edition, _)| named.as_deref() == Some(*edition))
            .unwrap_or(&SCHEMAS[0])
            .1;
        out.insert(case.id.clone(), (path, conformant, schema));
    }
    out
}

/// The verdicts a validator script prints: file name → valid.
fn verdicts(
    program: &str,
    script: &str,
    schema: &str,
    paths: &[&PathBuf],
) -> BTreeMap<String, bool> {
    let output = Command::new(program)
        .arg(root().join("conformance/ecosystem").join(script))
        .arg(root().join(schema))
        .args(paths)
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} {script}: {e}"));
    assert!(
        output.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{script}: {e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn schema_only_cases_get_xxgk_verdict_from_jsonschema_and_ajv() {
    let mut missing = Vec::new();
    if !root().join(PYTHON).exists() {
        missing.push(format!("{PYTHON} does not exist"));
    }
    if !root()
        .join("conformance/ecosystem/node_modules/ajv")
        .exists()
    {
        missing.push("conformance/ecosystem/node_modules/ajv does not exist".to_owned());
    }
    if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        missing.push("`node --version` does not run".to_owned());
    }
    if !installed(missing) {
        return;
    }
    let dir = std::env::temp_dir().join(format!("xxgk-ecosystem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let documents = documents(&dir);
    let python = root().join(PYTHON).display().to_string();
    let mut validators = [("jsonschema", BTreeMap::new()), ("ajv", BTreeMap::new())];
    for (_, schema) in SCHEMAS {
        let paths: Vec<&PathBuf> = documents
            .values()
            .filter(|(_, _, s)| *s == schema)
            .map(|(path, _, _)| path)
            .collect();
        validators[0]
            .1
            .extend(verdicts(&python, "validate.py", schema, &paths));
        validators[1]
            .1
            .extend(verdicts("node", "validate.mjs", schema, &paths));
    }
    // Best effort: a leftover temporary directory is harmless.
    let _ = std::fs::remove_dir_all(&dir);

    let mut differences = BTreeSet::new();
    for (validator, verdicts) in &validators {
        for (id, (_, conformant, _)) in &documents {
            let verdict = verdicts.get(&format!("{id}.json"));
            assert!(verdict.is_some(), "{validator} gave no verdict on {id}");
            if verdict != Some(conformant) {
                differences.insert((*validator, id.as_str()));
            }
        }
    }
    for (validator, id, why) in KNOWN {
        eprintln!("known difference: {validator} on {id}: {why}");
    }
    let known: BTreeSet<(&str, &str)> = KNOWN.iter().map(|(v, id, _)| (*v, *id)).collect();
    let unexpected: Vec<_> = differences.difference(&known).collect();
    let gone: Vec<_> = known.difference(&differences).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "verdicts differ from xxgk's on {unexpected:?}; listed as known but agree: {gone:?}"
    );
    assert!(
        documents.len() > 60,
        "only {} schema-only cases",
        documents.len()
    );
}

//! The loader rejects what the case-file schema rejects, and what makes a suite ill-defined
//! (an id used twice, a base or document that does not exist, a patch that does not apply),
//! with every problem naming its file and place.

use std::path::Path;

use serde_json::{Value, json};
use xxgk_conformance::{Document, Suite};

/// A suite in a temporary directory with the real bases, one document and these case files.
fn suite_with(files: &[(&str, Value)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance");
    for sub in ["base", "cases", "documents"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    for base in ["realistic.json", "all-zero.json"] {
        std::fs::copy(
            real.join("base").join(base),
            dir.path().join("base").join(base),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("documents/nan.json"), b"NaN").unwrap();
    for (name, file) in files {
        std::fs::write(dir.path().join("cases").join(name), file.to_string()).unwrap();
    }
    dir
}

fn good_case(id: &str) -> Value {
    json!({
        "id": id,
        "description": "The realistic base conforms.",
        "base": "realistic",
        "patch": [],
        "expected": [],
        "silent": ["R1"]
    })
}

fn file(cases: Vec<Value>) -> Value {
    json!({ "description": "Cases.", "cases": cases })
}

/// The problems of loading a suite with one case file `bad.json` holding these cases.
fn problems(cases: Vec<Value>) -> Vec<String> {
    let dir = suite_with(&[("bad.json", file(cases))]);
    let error = Suite::load(dir.path()).expect_err("the suite must be rejected");
    let prefix = dir.path().join("cases/bad.json").display().to_string();
    for problem in error.problems() {
        assert!(problem.starts_with(&prefix), "names no file: {problem}");
    }
    error
        .problems()
        .iter()
        .map(|p| p[prefix.len()..].to_owned())
        .collect()
}

fn with(mut case: Value, key: &str, value: Value) -> Value {
    case[key] = value;
    case
}

fn without(mut case: Value, key: &str) -> Value {
    case.as_object_mut().unwrap().remove(key);
    case
}

#[test]
fn a_good_suite_loads_with_its_documents() {
    let given = json!({
        "id": "nan",
        "description": "Not JSON.",
        "document": "nan.json",
        "expected": [],
        "unreadable": true
    });
    let patched = with(
        good_case("patched"),
        "patch",
        json!([{"op": "replace", "path": "/edition", "value": "2019"}]),
    );
    let dir = suite_with(&[("a.json", file(vec![given, patched]))]);
    let suite = Suite::load(dir.path()).unwrap();
    assert_eq!(suite.cases().len(), 2);
    let nan = suite.case("nan").unwrap();
    assert_eq!(nan.document().bytes(), b"NaN");
    assert!(nan.unreadable && nan.base.is_none() && nan.patch.is_empty());
    assert_eq!(nan.topic, "a");
    let patched = suite.case("patched").unwrap();
    let Document::Patched { value, text } = patched.document() else {
        panic!("a patched document");
    };
    assert_eq!(value["edition"], "2019");
    assert_eq!(text, &serde_json::to_string_pretty(value).unwrap());
    assert_eq!(patched.touched().collect::<Vec<_>>(), ["/edition"]);
}

#[test]
fn unknown_fields_are_rejected_where_they_are() {
    let problems = problems(vec![
        good_case("fine"),
        with(good_case("typo"), "silnet", json!([])),
        with(
            good_case("finding"),
            "expected",
            json!([{"rule": "R1", "pointer": "/x", "severity": "error"}]),
        ),
    ]);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with(": /cases/1 (case \"typo\"): ") && problems[0].contains("silnet"),
        "{problems:#?}"
    );
    assert!(
        problems[1].starts_with(": /cases/2/expected/0 (case \"finding\"): ")
            && problems[1].contains("severity"),
        "{problems:#?}"
    );
    // And at the top of the file.
    let dir = suite_with(&[(
        "bad.json",
        json!({"description": "x", "cases": [], "version": 1}),
    )]);
    let error = Suite::load(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("bad.json: /: ") && error.contains("version"),
        "{error}"
    );
}

#[test]
fn what_the_schema_rejects_is_rejected() {
    let cases = vec![
        with(good_case("Not-Kebab"), "id", json!("Not-Kebab")),
        without(good_case("no-expected"), "expected"),
        with(good_case("silent-twice"), "silent", json!(["R1", "R1"])),
        with(good_case("silent-number"), "silent", json!([1])),
        with(
            good_case("bad-pointer"),
            "expected",
            json!([{"rule": "R1", "pointer": "a~2"}]),
        ),
        with(good_case("both"), "document", json!("nan.json")),
        without(good_case("neither"), "patch"),
        with(
            with(good_case("unreadable-findings"), "unreadable", json!(true)),
            "expected",
            json!([{"rule": "R1", "pointer": "/x"}]),
        ),
        with(
            good_case("bad-op"),
            "patch",
            json!([{"op": "frobnicate", "path": "/x"}]),
        ),
        with(good_case("blank-description"), "description", json!("")),
    ];
    let count = cases.len();
    let problems = problems(cases);
    for index in 0..count {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!(": /cases/{index}"))),
            "case {index} is not rejected: {problems:#?}"
        );
    }
    let both = problems
        .iter()
        .find(|p| p.contains("(case \"both\")"))
        .unwrap();
    assert!(
        both.ends_with("a case has either `document`, or `base` and `patch`"),
        "{both}"
    );
}

#[test]
fn an_ill_defined_suite_is_rejected_case_by_case() {
    let problems = problems(vec![
        good_case("twice"),
        good_case("twice"),
        with(good_case("no-base"), "base", json!("nonexistent")),
        with(
            good_case("bad-patch"),
            "patch",
            json!([{"op": "remove", "path": "/no/such/member"}]),
        ),
        json!({
            "id": "no-document",
            "description": "Missing.",
            "document": "missing.json",
            "expected": []
        }),
        with(good_case("blank"), "description", json!("  ")),
    ]);
    let expect = [
        ": case \"twice\": duplicate id, already used in ",
        ": case \"no-base\": no base \"nonexistent\" in base/",
        ": case \"bad-patch\": the patch does not apply: ",
        ": case \"no-document\": document ",
        ": case \"blank\": blank description",
    ];
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
    for (problem, start) in problems.iter().zip(expect) {
        assert!(
            problem.starts_with(start),
            "{problem} does not start with {start}"
        );
    }
}

#[test]
fn files_that_are_not_json_or_suites_without_cases_are_rejected() {
    let dir = suite_with(&[]);
    std::fs::write(dir.path().join("cases/broken.json"), "{\"cases\": [").unwrap();
    let error = Suite::load(dir.path()).unwrap_err().to_string();
    assert!(
        error.contains("broken.json: ") && error.contains("line 1"),
        "{error}"
    );
    let dir = suite_with(&[]);
    let error = Suite::load(dir.path()).unwrap_err().to_string();
    assert!(error.ends_with("cases: no case file (*.json)"), "{error}");
    let error = Suite::load(dir.path().join("nowhere"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("nowhere"), "{error}");
}

//! The verdicts `xxgk check` prints agree with the library's (issue #9): a folder of generated
//! published reports (every fixed layout and the one-line layout, consistent and broken, so that
//! 符合标准, 不符合标准 and 无法判定 all occur), a canonical report and a file that is no report are
//! checked once by `xxgk_document::check` and then by the binary in JSON Lines, SARIF and JUnit;
//! each output gives every file the library's verdict and counts, and the batch its totals.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use quick_xml::events::Event;
use serde_json::Value;
use xxgk_check::Checker;
use xxgk_document::Verdict;
use xxgk_render::{Layout, one_line, render};

/// What a file's verdict says: the verdict's machine name, errors, warnings, unread cells.
type Said = (String, usize, usize, usize);

/// Writes the folder `reports/` into `dir`; returns each file's name with the library's verdict
/// (a file that is no report has no counts).
fn write_reports(dir: &Path) -> BTreeMap<String, Option<Said>> {
    let generator = xxgk_corpus::Generator::embedded().expect("the embedded catalogue");
    let checker = Checker::new().expect("the standard loads");
    let folder = dir.join("reports");
    std::fs::create_dir(&folder).expect("a folder");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for index in 0..24 {
        let (report, _) = generator.report(11, index, 0.4).expect("a report");
        let typed = serde_json::from_value(report.clone()).expect("a valid report");
        let (bytes, name) = match Layout::ALL.get(index % 10) {
            Some(&layout) => (render(&typed, layout), layout.file_name()),
            None => (one_line(&typed, index as u64), "report.txt"),
        };
        files.push((format!("{index:02}-{name}"), bytes));
    }
    let canonical = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/jingyue-2024.json"),
    )
    .expect("the example");
    files.push(("30-canonical.json".to_owned(), canonical));
    // The heading of section 四 garbled as a bad conversion leaves it: its table is printed but
    // cannot be placed (无法判定).
    let (report, _) = generator.report(11, 0, 0.0).expect("a report");
    let typed = serde_json::from_value(report).expect("a valid report");
    let text = String::from_utf8(render(&typed, Layout::PipeCells)).expect("UTF-8 text");
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    assert!(text.contains(heading));
    let garbled = text.replacen(heading, "鍥涖\u{FFFD}佹斂搴滀俊鎭\u{FFFD}鍏\u{FFFD}寮", 1);
    files.push(("32-garbled.txt".to_owned(), garbled.into_bytes()));
    files.push((
        "31-notes.txt".to_owned(),
        "会议纪要：无。".as_bytes().to_vec(),
    ));
    files
        .into_iter()
        .map(|(name, bytes)| {
            std::fs::write(folder.join(&name), &bytes).expect("write");
            let checked = xxgk_document::check(&checker, bytes, Some(&name));
            let said = match &checked {
                xxgk_document::Checked::Report(report) => {
                    let t = report.outcome.tally();
                    Some((
                        checked.verdict().name().to_owned(),
                        t.errors,
                        t.warnings,
                        t.unread,
                    ))
                }
                _ => None,
            };
            (format!("reports/{name}"), said)
        })
        .collect()
}

fn xxgk(dir: &Path, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--format", format, "reports"])
        .current_dir(dir)
        .output()
        .expect("xxgk runs");
    // A file that is no report makes the batch exit 2.
    assert_eq!(out.status.code(), Some(2), "{format}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Every file's verdict from the JSON Lines output, and its summary line.
fn from_json_lines(text: &str) -> (BTreeMap<String, Option<Said>>, Value) {
    let mut files = BTreeMap::new();
    let mut summary = Value::Null;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("a JSON line");
        let count = |key: &str| v[key].as_u64().expect("a count") as usize;
        let file = v["file"].as_str().unwrap_or_default().to_owned();
        match v["type"].as_str() {
            Some("verdict") => {
                let verdict = v["verdict"].as_str().expect("a verdict").to_owned();
                let said = (verdict, count("errors"), count("warnings"), count("unread"));
                files.insert(file, Some(said));
            }
            Some("unreadable") => {
                files.insert(file, None);
            }
            Some("summary") => summary = v.clone(),
            _ => {}
        }
    }
    (files, summary)
}

/// Errors, warnings and unread cells of one file.
type Counts = (usize, usize, usize);

/// The counts of every file with a result in the SARIF log, and the files it notifies as
/// unreadable.
fn from_sarif(text: &str) -> (BTreeMap<String, Counts>, Vec<String>) {
    let log: Value = serde_json::from_str(text).expect("a SARIF log");
    let run = &log["runs"][0];
    let mut files: BTreeMap<String, Counts> = BTreeMap::new();
    for result in run["results"].as_array().expect("results") {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("a file")
            .to_owned();
        let counts = files.entry(uri).or_default();
        match (result["kind"].as_str(), result["level"].as_str()) {
            (Some("fail"), Some("error")) => counts.0 += 1,
            (Some("fail"), Some("warning")) => counts.1 += 1,
            (Some("open"), _) => {
                let related = result["properties"]["related"]
                    .as_array()
                    .map_or(0, Vec::len);
                counts.2 += related.max(1);
            }
            other => panic!("a result of kind and level {other:?}"),
        }
    }
    let unreadable = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .map(|n| n["message"]["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    (files, unreadable)
}

/// Each test case's outcome in the JUnit report (`ok`, or the element inside it with its
/// message), and the test suite's counts.
fn from_junit(xml: &str) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut cases, mut suite) = (BTreeMap::new(), BTreeMap::new());
    let mut case: Option<String> = None;
    let attributes = |e: &quick_xml::events::BytesStart| -> BTreeMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.expect("an attribute");
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("a value");
                (a.key.as_ref().to_owned(), value.into_owned())
            })
            .collect()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let a = attributes(&e);
                match e.name().as_ref() {
                    "testsuite" => suite = a,
                    "testcase" => {
                        let name = a["name"].clone();
                        cases.insert(name.clone(), "ok".to_owned());
                        case = Some(name);
                    }
                    element @ ("failure" | "skipped" | "error") => {
                        let name = case.clone().expect("inside a test case");
                        let outcome = format!(
                            "{} {}",
                            element,
                            a.get("message").map_or("", String::as_str)
                        );
                        cases.insert(name, outcome);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    (cases, suite)
}

#[test]
fn json_sarif_and_junit_give_the_librarys_verdicts_and_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let expected = write_reports(dir.path());
    let verdicts: Vec<&str> = expected.values().flatten().map(|s| s.0.as_str()).collect();
    for verdict in [
        Verdict::Conformant,
        Verdict::NotConformant,
        Verdict::Undetermined,
    ] {
        assert!(verdicts.contains(&verdict.name()), "no {verdict:?} file");
    }
    let count = |name: Verdict| verdicts.iter().filter(|v| **v == name.name()).count();
    let unreadable = expected.values().filter(|s| s.is_none()).count();

    // JSON Lines: the verdict line of every file, and the summary.
    let (files, summary) = from_json_lines(&xxgk(dir.path(), "json"));
    assert_eq!(files, expected);
    assert_eq!(summary["files"], expected.len());
    assert_eq!(summary["conformant"], count(Verdict::Conformant));
    assert_eq!(summary["with_errors"], count(Verdict::NotConformant));
    assert_eq!(summary["undetermined"], count(Verdict::Undetermined));
    assert_eq!(summary["unreadable"], unreadable);

    // SARIF: errors, warnings and unread cells per file; a file that is no report notified.
    let (results, notified) = from_sarif(&xxgk(dir.path(), "sarif"));
    for (name, said) in &expected {
        match said {
            Some((_, errors, warnings, unread)) => assert_eq!(
                results.get(name).copied().unwrap_or_default(),
                (*errors, *warnings, *unread),
                "{name}"
            ),
            None => assert!(notified.iter().any(|n| n.starts_with(name.as_str()))),
        }
    }
    assert_eq!(notified.len(), unreadable);

    // JUnit: passed, failed with the counts, skipped with the unread cells, or an error.
    let (cases, suite) = from_junit(&xxgk(dir.path(), "junit"));
    for (name, said) in &expected {
        let outcome = &cases[name];
        match said {
            Some((verdict, errors, warnings, unread)) => match verdict.as_str() {
                "conformant" => assert_eq!(outcome, "ok", "{name}"),
                "not_conformant" => assert_eq!(
                    outcome,
                    &format!("failure {errors} errors, {warnings} warnings"),
                    "{name}"
                ),
                _ => assert!(
                    outcome.starts_with(&format!("skipped {unread} cell")),
                    "{name}: {outcome}"
                ),
            },
            None => assert!(outcome.starts_with("error "), "{name}: {outcome}"),
        }
    }
    assert_eq!(cases.len(), expected.len());
    assert_eq!(suite["tests"], expected.len().to_string());
    assert_eq!(suite["failures"], count(Verdict::NotConformant).to_string());
    assert_eq!(suite["skipped"], count(Verdict::Undetermined).to_string());
    assert_eq!(suite["errors"], unreadable.to_string());
}

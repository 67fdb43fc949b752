//! `xxgk conformance`: the real binary runs the suite against itself through the process
//! protocol, and against deliberately broken implementations.

mod common;

use std::collections::BTreeSet;
use std::process::Output;

use common::{root, xxgk};

/// The implementation command: xxgk speaking the protocol, with extra protocol arguments.
fn implementation(extra: &str) -> String {
    format!(
        "'{}' conformance protocol {extra} {{file}}",
        env!("CARGO_BIN_EXE_xxgk")
    )
}

/// Case ids by verdict (`PASS`, `FAIL`, …) in the runner's output.
fn ids(out: &Output, verdict: &str) -> BTreeSet<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix(verdict)?.strip_prefix(' '))
        .map(|rest| {
            let id = rest.trim_start();
            id.split([':', ' ']).next().unwrap_or_default().to_owned()
        })
        .collect()
}

/// Every case id of the suite, and those that expect a finding of `rule`.
fn suite_ids(rule: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let suite = xxgk_conformance::Suite::load(root().join("conformance")).unwrap();
    let ids = |firing: bool| {
        suite
            .cases()
            .iter()
            .filter(|c| !firing || c.expected.iter().any(|f| f.rule == rule))
            .map(|c| c.id.clone())
            .collect()
    };
    (ids(false), ids(true))
}

#[test]
fn xxgk_passes_its_own_suite_through_the_protocol() {
    let out = xxgk(&["conformance", "run", "--impl", &implementation("")]);
    let (all, _) = suite_ids("R3");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(ids(&out, "PASS"), all);
    assert!(ids(&out, "FAIL").is_empty());
}

#[test]
fn an_implementation_without_r3_fails_exactly_the_r3_cases() {
    let out = xxgk(&[
        "conformance",
        "run",
        "--impl",
        &implementation("--skip-rule R3"),
    ]);
    let (all, firing) = suite_ids("R3");
    assert_eq!(out.status.code(), Some(1));
    assert!(!firing.is_empty());
    assert_eq!(ids(&out, "FAIL"), firing);
    assert_eq!(ids(&out, "PASS"), &all - &firing);
}

#[test]
fn known_failures_are_excepted() {
    let (_, firing) = suite_ids("R3");
    let list = std::env::temp_dir().join(format!("xxgk-known-failures-{}", std::process::id()));
    let text: String = firing.iter().map(|id| format!("{id}\n")).collect();
    std::fs::write(&list, format!("# without R3\n{text}")).unwrap();
    let out = xxgk(&[
        "conformance",
        "run",
        "--impl",
        &implementation("--skip-rule R3"),
        "--known-failures",
        list.to_str().unwrap(),
    ]);
    std::fs::remove_file(&list).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(ids(&out, "XFAIL"), firing);
}

#[test]
fn output_that_is_not_a_reply_fails_the_case() {
    let out = xxgk(&[
        "conformance",
        "run",
        "--impl",
        "echo not json {file}",
        "--case",
        "realistic-base-conforms",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        ids(&out, "FAIL"),
        BTreeSet::from(["realistic-base-conforms".to_owned()])
    );
}

#[test]
fn protocol_reply_for_a_document() {
    let out = xxgk(&["conformance", "protocol", "conformance/base/realistic.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\"findings\":[]}\n");
    let out = xxgk(&["conformance", "protocol", "no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unknown_case_is_a_usage_error() {
    let out = xxgk(&[
        "conformance",
        "run",
        "--impl",
        "true",
        "--case",
        "no-such-case",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn protocol_reply_for_an_unreadable_document() {
    let out = xxgk(&[
        "conformance",
        "protocol",
        "conformance/documents/nan-count.json",
    ]);
    let reply: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(reply["unreadable"].is_string(), "{reply}");
    assert!(reply.get("findings").is_none(), "{reply}");
}

/// A results report of an implementation without R4, with one known failure and one stale
/// entry in its known-failures list, as `--format json` and `--format markdown` print it.
#[test]
fn results_report_formats() {
    let dir = tempfile::tempdir().unwrap();
    let known = dir.path().join("known-failures.txt");
    std::fs::write(&known, "# ours\nr4-two-groups\nedition-2021\n").unwrap();
    let cases = [
        "r4-outcome-at-total",
        "r4-two-groups",
        "edition-2021",
        "not-json",
        "negative-fraction-count",
    ];
    for format in ["json", "markdown"] {
        let mut args = vec![
            "conformance".to_owned(),
            "run".to_owned(),
            "--impl".to_owned(),
            implementation("--skip-rule R4"),
            "--known-failures".to_owned(),
            known.display().to_string(),
            "--format".to_owned(),
            format.to_owned(),
        ];
        for case in cases {
            args.extend(["--case".to_owned(), case.to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = xxgk(&args);
        assert_eq!(out.status.code(), Some(1), "one case fails");
        let text = String::from_utf8_lossy(&out.stdout).replace(env!("CARGO_BIN_EXE_xxgk"), "xxgk");
        insta::assert_snapshot!(format!("results_report_{format}"), text);
    }
}

//! `xxgk migrate`: seed 002's real 2020 report migrated (document on stdout, summary on stderr,
//! the JSON report to `--report`), the refusals (a 2021 report, a published one, an output that
//! is the input) and the written files (never through a link planted at the output).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn xxgk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("xxgk runs")
}

const HUIZHAN: &str = "examples/real/huizhan-2020-2019.json";

#[test]
fn seed_002s_2020_report_migrates_to_stdout_with_its_report() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let report = dir.path().join("report.json");
    let out = xxgk(&[
        "migrate",
        HUIZHAN,
        "--to",
        "2021",
        "--report",
        report.to_str().expect("UTF-8"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("the document is JSON");
    assert_eq!(doc["edition"], "2021");
    assert_eq!(doc["metadata"]["organ"]["name"], "会展街道");
    assert!(doc.pointer("/applications/results/other").is_none());
    let summary = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        summary.starts_with("已从2019年版迁移到2021年版"),
        "{summary}"
    );
    assert!(
        summary.contains("报告年度 为 2020，不能小于 2021"),
        "{summary}"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("written")).expect("JSON");
    assert_eq!(report["complete"], false);
    assert_eq!(report["not_carried"].as_array().map(Vec::len), Some(29));
    let en = xxgk(&["migrate", HUIZHAN, "--to", "2021", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&en.stderr).starts_with("Migrated from the 2019 edition"));
}

#[test]
fn the_output_is_written_whole_and_never_through_a_link() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let victim = dir.path().join("victim.json");
    std::fs::write(&victim, "untouched").expect("written");
    let out_path = dir.path().join("out.json");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&victim, &out_path).expect("a link");
    let out = xxgk(&[
        "migrate",
        HUIZHAN,
        "--to",
        "2021",
        "-o",
        out_path.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "untouched");
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).expect("read")).expect("JSON");
    assert_eq!(doc["edition"], "2021");
    // Migrating the migrated report is refused: it is already 2021.
    let again = xxgk(&["migrate", out_path.to_str().expect("UTF-8"), "--to", "2021"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in the 2021 edition"));
}

#[test]
fn refusals() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("in.json");
    std::fs::copy(root().join(HUIZHAN), &input).expect("copied");
    let before = std::fs::read(&input).expect("read");
    let path = input.to_str().expect("UTF-8");
    let over = xxgk(&["migrate", path, "--to", "2021", "-o", path]);
    assert_eq!(over.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).expect("read"), before);
    let published = xxgk(&[
        "migrate",
        "corpus/seeds/003_fe18fb2511738761.txt",
        "--to",
        "2021",
    ]);
    assert_eq!(published.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&published.stderr).contains("published report"));
    let to_2019 = xxgk(&["migrate", path, "--to", "2019"]);
    assert_eq!(to_2019.status.code(), Some(2));
    // A value of the wrong type would be carried as it is: the report is refused.
    let text = String::from_utf8(before).expect("UTF-8").replacen(
        "\"report_year\": 2020",
        "\"report_year\": \"2020\"",
        1,
    );
    std::fs::write(&input, text).expect("written");
    let mistyped = xxgk(&["migrate", path, "--to", "2021"]);
    assert_eq!(mistyped.status.code(), Some(2));
    assert!(mistyped.stdout.is_empty());
}

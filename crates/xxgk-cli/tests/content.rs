//! The content rules as a person sees them (snapshots): warnings quoting the prose, in both
//! languages and in JSON Lines, on a canonical report and on a published one read by the
//! extractor; the verdict stays 符合标准 and the exit code 0 when only warnings are found.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `xxgk ARGS` from the workspace root, with `stdin` piped in.
fn xxgk(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xxgk runs");
    let mut input = child.stdin.take().expect("stdin");
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("xxgk finishes")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The bundled example with section 一 stating two counts (one the tables contradict) and
/// section 五 saying only 无.
fn with_prose() -> String {
    let text = std::fs::read_to_string(root().join("examples/jingyue-2024.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["overview"]["text"] = serde_json::json!(
        "2024年，本机关共收到政府信息公开申请305件，办结300件（含上年结转4件）。\n全年被申请行政复议18起。"
    );
    doc["problems_and_improvements"]["text"] = serde_json::json!("无。");
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn warnings_quote_the_prose_and_keep_the_verdict() {
    let doc = with_prose();
    let zh = xxgk(&["check", "-"], doc.as_bytes());
    assert_eq!(zh.status.code(), Some(0));
    insta::assert_snapshot!("content_human_zh", stdout(&zh));
    let en = xxgk(&["check", "--lang", "en", "-"], doc.as_bytes());
    insta::assert_snapshot!("content_human_en", stdout(&en));
    let json = xxgk(&["check", "--format", "json", "-"], doc.as_bytes());
    insta::assert_snapshot!("content_json", stdout(&json));
}

#[test]
fn a_published_report_gets_the_content_rules_through_extraction() {
    // Seed 004's section 六 says only 无: no processing fee is stated.
    let out = xxgk(&["check", "corpus/seeds/004_6d5913b8bb86481d.txt"], b"");
    insta::assert_snapshot!("content_published_seed_004", stdout(&out));
}

#[test]
fn content_rules_are_explained_offline() {
    let out = xxgk(&["explain", "R12"], b"");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("content_explain_r12", stdout(&out));
}

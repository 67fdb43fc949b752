//! The content rules as a person sees them (snapshots): warnings quoting the prose, in both
//! languages and in JSON Lines, on a canonical report and on a published one read by the
//! extractor; the verdict stays 符合标准 and the exit code 0 when only warnings are found.

mod common;

use common::{root, stdout, xxgk_piped};

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
    let zh = xxgk_piped(&["check", "-"], doc.as_bytes());
    assert_eq!(zh.status.code(), Some(0));
    insta::assert_snapshot!("content_human_zh", stdout(&zh));
    let en = xxgk_piped(&["check", "--lang", "en", "-"], doc.as_bytes());
    insta::assert_snapshot!("content_human_en", stdout(&en));
    let json = xxgk_piped(&["check", "--format", "json", "-"], doc.as_bytes());
    insta::assert_snapshot!("content_json", stdout(&json));
}

#[test]
fn a_published_report_gets_the_content_rules_through_extraction() {
    // Seed 004's section 六 says only 无: no processing fee is stated.
    let out = xxgk_piped(&["check", "corpus/seeds/004_6d5913b8bb86481d.txt"], b"");
    insta::assert_snapshot!("content_published_seed_004", stdout(&out));
}

#[test]
fn content_rules_are_explained_offline() {
    let out = xxgk_piped(&["explain", "R12"], b"");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("content_explain_r12", stdout(&out));
}

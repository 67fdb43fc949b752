//! `xxgk migrate`: seed 002's real 2020 report migrated (document on stdout, summary on stderr,
//! the JSON report to `--report`), from its canonical form and from its published text (what the
//! reader could not read said as unread), the refusals (a 2021 report, canonical or published, an
//! output that is the input) and the written files (never through a link planted at the output).

mod common;

use std::path::Path;

use serde_json::Value;

use common::{root, xxgk};

const HUIZHAN: &str = "examples/real/huizhan-2020-2019.json";
/// The same report as published: text in the 2019 format, its 表二 garbled.
const SEED_002: &str = "corpus/seeds/002_55cbf0224f0c879c.txt";

/// `xxgk migrate INPUT --to 2021 --report` into `dir`, which must succeed: the migrated document
/// (stdout), the migration report (the file) and the summary (stderr, UTF-8).
fn migrate_to_2021(dir: &Path, input: &str) -> (Value, Value, String) {
    let report = dir.join("report.json");
    let out = xxgk(&[
        "migrate",
        input,
        "--to",
        "2021",
        "--report",
        report.to_str().expect("UTF-8"),
    ]);
    let summary = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(out.status.code(), Some(0), "{summary}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("the document is JSON");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("written")).expect("JSON");
    (doc, report, summary)
}

/// The number of items of each list of a migration report.
fn counts(report: &Value) -> Vec<(&'static str, usize)> {
    [
        "carried_exact",
        "carried_approximate",
        "fixed",
        "blank_in_source",
        "unread_in_source",
        "not_carried",
        "dropped",
    ]
    .into_iter()
    .map(|list| (list, report[list].as_array().map_or(0, Vec::len)))
    .collect()
}

/// Seed 002's published text migrates through the reader `xxgk check` uses: what it read is
/// carried, what the report prints blank is blank, and the three 处理决定数量 of its garbled 表二
/// it could not read are said as unread, never as blank or as having no source.
#[test]
fn seed_002s_published_text_migrates_with_what_its_reader_could_not_read() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (doc, report, summary) = migrate_to_2021(dir.path(), SEED_002);
    assert_eq!(doc["edition"], "2021");
    assert_eq!(doc["metadata"]["organ"]["name"], "会展街道");
    assert_eq!(doc["metadata"]["report_year"], 2020);
    assert_eq!(report["complete"], false);
    assert_eq!(
        counts(&report),
        [
            ("carried_exact", 31),
            ("carried_approximate", 0),
            ("fixed", 2),
            ("blank_in_source", 147),
            ("unread_in_source", 12),
            ("not_carried", 29),
            ("dropped", 2),
        ]
    );
    let unread: Vec<(&str, &str)> = report["unread_in_source"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|n| {
            (
                n["pointer"].as_str().unwrap_or_default(),
                n["source"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    // The fields the reader did not find (metadata and the preamble are not located blank, as a
    // cell is: they may well be printed), then the three cells of its garbled 表二.
    let fields = [
        "/metadata/organ/level",
        "/metadata/organ/division_code",
        "/metadata/publication_date",
        "/metadata/source_url",
        "/metadata/contact/address",
        "/metadata/contact/postcode",
        "/metadata/contact/phone",
        "/metadata/contact/email",
        "/preamble/text",
    ];
    assert_eq!(
        unread.get(..fields.len()).expect("the fields first"),
        fields.map(|f| (f, f))
    );
    assert_eq!(
        unread.get(fields.len()..).expect("then the cells"),
        [
            (
                "/active_disclosure/licensing/decisions",
                "/active_disclosure/licensing/decisions"
            ),
            (
                "/active_disclosure/penalty/decisions",
                "/active_disclosure/penalty/decisions"
            ),
            (
                "/active_disclosure/coercion/decisions",
                "/active_disclosure/coercion/decisions"
            ),
        ]
    );
    // Unread is no blank and no missing source; the migrated document lacks each.
    for (pointer, _) in &unread {
        assert!(doc.pointer(pointer).is_none(), "{pointer}");
        for list in ["blank_in_source", "not_carried"] {
            assert!(
                !report[list]
                    .as_array()
                    .expect("a list")
                    .iter()
                    .any(|n| n["pointer"] == *pointer),
                "{pointer} in {list}"
            );
        }
    }
    // What the report prints blank (表二's （一）, here 本年新制作数量) stays the report's blank.
    assert!(
        report["blank_in_source"]
            .as_array()
            .expect("a list")
            .iter()
            .any(|n| n["pointer"] == "/active_disclosure/regulations/issued")
    );
    // The summary says the counts, and names each unread field in words.
    assert!(
        summary.starts_with(
            "已从2019年版迁移到2021年版（映射 1.0.0）：准确转换 31 项，近似转换 0 项；2021年版 \
             29 项在2019年版中没有来源、147 项在2019年报告中空白，均保持缺失（绝不填补）；\
             2019年版 2 项在2021年版中没有对应位置。\n\
             另有 2021年版 12 项因未能从发布的报告中读取其2019年来源而缺失。\n"
        ),
        "{summary}"
    );
    assert!(summary.contains(
        "未能从发布的报告中读取其2019年来源（保持缺失；是读取的问题，不是报告空白）：\n  - \
         报告信息 › 发布机关 › 机关层级 (/metadata/organ/level)"
    ));
    assert!(summary.contains(
        "\n  - 二、主动公开政府信息情况 › 第二十条第（五）项 › 行政许可 › 本年处理决定数量 \
         (/active_disclosure/licensing/decisions): 未能从发布的2019年报告中读取此处"
    ));
    let en = xxgk(&["migrate", SEED_002, "--to", "2021", "--lang", "en"]);
    assert!(String::from_utf8_lossy(&en.stderr).contains(
        "12 more 2021 fields are missing because their 2019 source could not be read from the \
         published report."
    ));
    // Every value carried from the published text is the one its canonical form holds.
    let canonical = xxgk(&["migrate", HUIZHAN, "--to", "2021"]);
    let canonical: Value = serde_json::from_slice(&canonical.stdout).expect("JSON");
    for item in report["carried_exact"].as_array().expect("a list") {
        let pointer = item["pointer"].as_str().unwrap_or_default();
        if pointer.starts_with("/applications/") || pointer.starts_with("/review_litigation/") {
            assert_eq!(
                doc.pointer(pointer),
                canonical.pointer(pointer),
                "{pointer}"
            );
        }
    }
}

#[test]
fn seed_002s_2020_report_migrates_to_stdout_with_its_report() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (doc, report, summary) = migrate_to_2021(dir.path(), HUIZHAN);
    assert_eq!(doc["edition"], "2021");
    assert_eq!(doc["metadata"]["organ"]["name"], "会展街道");
    assert!(doc.pointer("/applications/results/other").is_none());
    assert!(
        summary.starts_with("已从2019年版迁移到2021年版"),
        "{summary}"
    );
    assert!(
        summary.contains("报告年度 为 2020，不能小于 2021"),
        "{summary}"
    );
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
    assert!(published.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&published.stderr)
            .contains("a published report in the 2021 format")
    );
    assert!(String::from_utf8_lossy(&published.stderr).contains("already in the 2021 edition"));
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

/// Round trip: the realistic 2019 base published on one line (the 2019 layout the extractor's
/// round-trip tests read, under several seeds of its noise) and migrated from that text. Of the
/// 2021 cells (the numbers; the title and prose are the reader's own reading of the page), every
/// value carried is the one the canonical base migrates to, and every cell the canonical
/// migration fills and the published one lacks is said unread: the base prints every cell, so
/// none is the report's blank.
#[test]
fn a_published_2019_report_migrates_to_what_its_canonical_form_does() {
    let base_text =
        std::fs::read_to_string(root().join("conformance/base/realistic-2019.json")).expect("read");
    let base: xxgk_model::edition_2019::AnnualReport =
        serde_json::from_str(&base_text).expect("a 2019 report");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let canonical = xxgk(&[
        "migrate",
        "conformance/base/realistic-2019.json",
        "--to",
        "2021",
    ]);
    let canonical: Value = serde_json::from_slice(&canonical.stdout).expect("JSON");
    let (mut carried_total, mut unread_total) = (0, 0);
    for seed in 0..6u64 {
        let text = dir.path().join(format!("report-{seed}.txt"));
        std::fs::write(&text, xxgk_render::one_line_2019(&base, seed)).expect("written");
        let (doc, report, _) = migrate_to_2021(dir.path(), text.to_str().expect("UTF-8"));
        let listed = |list: &str| -> Vec<String> {
            report[list]
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(|n| n["pointer"].as_str())
                .filter(|p| xxgk_model::CELLS.iter().any(|c| c.pointer == *p))
                .map(str::to_owned)
                .collect()
        };
        let unread = listed("unread_in_source");
        let blank = listed("blank_in_source");
        unread_total += unread.len();
        carried_total += listed("carried_exact").len() + listed("carried_approximate").len();
        for list in ["carried_exact", "carried_approximate"] {
            for pointer in listed(list) {
                assert_eq!(
                    doc.pointer(&pointer),
                    canonical.pointer(&pointer),
                    "seed {seed}: {pointer}"
                );
            }
        }
        for pointer in listed("carried_exact")
            .iter()
            .chain(&listed("carried_approximate"))
            .chain(&unread)
        {
            assert!(
                canonical.pointer(pointer).is_some(),
                "seed {seed}: {pointer}"
            );
        }
        for pointer in &blank {
            assert!(
                canonical.pointer(pointer).is_none(),
                "seed {seed}: {pointer} said blank, but the report prints it"
            );
        }
    }
    // Most of the 2021 cells with a 2019 source are read and carried, the rest said unread.
    assert!(
        carried_total > 6 * 100,
        "{carried_total} carried, {unread_total} unread"
    );
}

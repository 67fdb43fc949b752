//! The real `xxgk` binary: outputs a person sees (snapshots), exit codes, and every bad input.

mod common;

use std::process::{Command, Output, Stdio};

use common::{code, root, stdout, xxgk_piped};

const EXAMPLE: &str = "examples/jingyue-2024.json";

fn example() -> String {
    std::fs::read_to_string(root().join(EXAMPLE)).expect("bundled example")
}

/// The example with one substitution applied exactly once.
fn mutated(from: &str, to: &str) -> String {
    let text = example();
    assert!(text.contains(from), "example lacks {from:?}");
    text.replacen(from, to, 1)
}

/// (rule, pointer, line) of every finding in JSON Lines output.
fn findings(out: &Output) -> Vec<(String, String, u64)> {
    stdout(out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"] == "diagnostic" && v["kind"] != "not_evaluable")
        .map(|v| {
            (
                v["rule"].as_str().unwrap_or_default().to_owned(),
                v["pointer"].as_str().unwrap_or_default().to_owned(),
                v["location"]["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn check_json(doc: &str) -> Output {
    xxgk_piped(&["check", "--format", "json", "-"], doc.as_bytes())
}

#[test]
fn help_is_stable() {
    insta::assert_snapshot!("help", stdout(&xxgk_piped(&["--help"], b"")));
    insta::assert_snapshot!("check_help", stdout(&xxgk_piped(&["check", "--help"], b"")));
}

#[test]
fn the_bundled_example_conforms() {
    let out = xxgk_piped(&["check", EXAMPLE, "examples/jingyue-2024.yaml"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("example_human", stdout(&out));
}

#[test]
fn one_changed_cell_names_exactly_the_identities_it_breaks_at_its_line() {
    let doc = mutated("\"natural_person\": 298", "\"natural_person\": 297");
    let out = check_json(&doc);
    assert_eq!(code(&out), 1);
    let pointer = "/applications/new_received/natural_person";
    assert_eq!(
        findings(&out),
        [
            ("R1".to_owned(), pointer.to_owned(), 49),
            ("R3".to_owned(), pointer.to_owned(), 49)
        ]
    );
    let human = xxgk_piped(&["check", "--lang", "en", "-"], doc.as_bytes());
    assert_eq!(code(&human), 1);
    insta::assert_snapshot!("one_cell_changed_human_en", stdout(&human));
    let human_zh = xxgk_piped(&["check", "-"], doc.as_bytes());
    insta::assert_snapshot!("one_cell_changed_human_zh", stdout(&human_zh));
    insta::assert_snapshot!("one_cell_changed_json", stdout(&out));
}

#[test]
fn yaml_findings_carry_yaml_lines() {
    let yaml =
        std::fs::read_to_string(root().join("examples/jingyue-2024.yaml")).expect("yaml example");
    let line = yaml
        .lines()
        .position(|l| l.trim() == "natural_person: 298")
        .expect("cell in yaml")
        + 1;
    let doc = yaml.replacen("natural_person: 298", "natural_person: 297", 1);
    let out = xxgk_piped(&["check", "--format", "json", "-"], doc.as_bytes());
    assert_eq!(code(&out), 1);
    let found = findings(&out);
    assert_eq!(found.len(), 2);
    assert!(
        found.iter().all(|(_, _, l)| *l == line as u64),
        "{found:?} not at line {line}"
    );
}

#[test]
fn a_changed_total_breaks_every_identity_through_it() {
    let doc = mutated("\"total\": 304", "\"total\": 305");
    let pointer = "/applications/results/total/total";
    let rules: Vec<String> = findings(&check_json(&doc))
        .into_iter()
        .map(|(rule, p, _)| {
            assert_eq!(p, pointer);
            rule
        })
        .collect();
    assert_eq!(rules, ["R1", "R2", "R3"]);
}

/// (description, document, expected exit code, expected (rule, pointer) findings).
type SchemaCase = (&'static str, String, Vec<(&'static str, &'static str)>);

#[test]
fn schema_violations_are_findings_at_the_offending_cell() {
    let cell = "/applications/new_received/natural_person";
    let cases: Vec<SchemaCase> = vec![
        (
            "negative count",
            mutated("\"natural_person\": 298", "\"natural_person\": -1"),
            vec![("S4", cell)],
        ),
        (
            "fractional count",
            mutated("\"natural_person\": 298", "\"natural_person\": 298.5"),
            vec![("S3", cell)],
        ),
        (
            "count as a string",
            mutated("\"natural_person\": 298", "\"natural_person\": \"298\""),
            vec![("S3", cell)],
        ),
        (
            "count above u64",
            mutated(
                "\"natural_person\": 298",
                "\"natural_person\": 18446744073709551616",
            ),
            vec![("S5", cell)],
        ),
        (
            "missing cell",
            mutated("\"natural_person\": 298,", ""),
            vec![("S1", cell)],
        ),
        (
            "unknown field",
            mutated(
                "\"natural_person\": 298,",
                "\"natural_person\": 298, \"natural_persons\": 1,",
            ),
            vec![("S2", "/applications/new_received/natural_persons")],
        ),
        (
            // An edition the standard does not have ("2019" now names the 2019 edition, under
            // which `the_2019_edition_is_served_and_checked` checks).
            "wrong edition",
            mutated("\"edition\": \"2021\"", "\"edition\": \"2018\""),
            vec![("S8", "/edition")],
        ),
        (
            "fee with a unit",
            mutated("\"1032.60994\"", "\"1032.60994万元\""),
            vec![("S6", "/active_disclosure/fees/amount_wan_yuan")],
        ),
        (
            "impossible date",
            mutated(
                "\"report_year\": 2024,",
                "\"report_year\": 2024, \"publication_date\": \"2025-02-30\",",
            ),
            vec![("S7", "/metadata/publication_date")],
        ),
    ];
    for (what, doc, expected) in cases {
        let out = check_json(&doc);
        assert_eq!(code(&out), 1, "{what}: {}", stdout(&out));
        let got: Vec<(String, String)> =
            findings(&out).into_iter().map(|(r, p, _)| (r, p)).collect();
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(r, p)| (r.to_owned(), p.to_owned()))
            .collect();
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn a_missing_cell_makes_identities_not_evaluable_not_false() {
    let doc = mutated("\"natural_person\": 298,", "");
    let human = xxgk_piped(&["check", "--lang", "en", "--notes", "-"], doc.as_bytes());
    insta::assert_snapshot!("missing_cell_with_notes", stdout(&human));
}

/// Unreadable inputs: exit 2 and a message naming the file and the place.
fn assert_unreadable(what: &str, out: &Output, needle: &str) {
    assert_eq!(code(out), 2, "{what}: {}", stdout(out));
    let text = stdout(out);
    assert!(text.contains(needle), "{what}: {needle:?} not in {text}");
}

#[test]
fn malformed_inputs_are_unreadable_with_a_clear_place() {
    let out = xxgk_piped(&["check", "-"], b"{\"edition\": \"2021\",,}");
    assert_unreadable("malformed JSON", &out, "line 1 column 20: invalid JSON");
    let out = xxgk_piped(&["check", "-"], b"edition: [2021\nmetadata: 1\n");
    assert_unreadable("malformed YAML", &out, "invalid YAML");
    let out = xxgk_piped(
        &["check", "-"],
        b"{\"edition\": \"2021\", \"edition\": \"2021\"}",
    );
    assert_unreadable("duplicate JSON key", &out, "duplicate key \"edition\"");
    let out = xxgk_piped(&["check", "-"], b"edition: '2021'\nedition: '2021'\n");
    assert_unreadable("duplicate YAML key", &out, "invalid YAML");
    let out = xxgk_piped(&["check", "-"], b"   \n");
    assert_unreadable("empty input", &out, "empty file");
    let deep = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let out = xxgk_piped(&["check", "-"], deep.as_bytes());
    assert_unreadable("10,000 levels of JSON nesting", &out, "nested too deeply");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let out = xxgk_piped(&["check", "-"], deep.as_bytes());
    assert_unreadable("10,000 levels of YAML nesting", &out, "nested too deeply");
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = (b'a' + i - 1) as char;
        let this = (b'a' + i) as char;
        bomb.push_str(&format!("{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let out = xxgk_piped(&["check", "-"], bomb.as_bytes());
    assert_unreadable("alias bomb", &out, "invalid YAML");
}

#[test]
fn files_that_cannot_be_reports_are_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gbk = dir.path().join("gbk.json");
    // "政府" in GBK: not UTF-8.
    std::fs::write(&gbk, b"{\"name\": \"\xd5\xfe\xb8\xae\"}").expect("write");
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, b"").expect("write");
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(100 * 1024 * 1024))
        .expect("sparse 100 MB file");
    // PDF is read (tests/pdf.rs); RTF is not.
    let rtf = dir.path().join("report.rtf");
    std::fs::write(&rtf, b"{\\rtf1}").expect("write");
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, b"PK\x03\x04 truncated").expect("write");
    let good = root().join(EXAMPLE);
    let paths = [
        &good,
        &gbk,
        &empty,
        &huge,
        &rtf,
        &docx,
        &dir.path().join("absent.json"),
        &good,
    ];
    let args: Vec<String> = ["check".to_owned(), "--lang".to_owned(), "en".to_owned()]
        .into_iter()
        .chain(paths.iter().map(|p| p.display().to_string()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = xxgk_piped(&args, b"");
    assert_eq!(code(&out), 2);
    let text = stdout(&out);
    for needle in [
        "gbk.json: not UTF-8: byte 0xD5 at offset 10 (line 1)",
        "empty.json: empty file",
        "huge.json: 104857600 bytes is too large for one report",
        "report.rtf: unsupported file type",
        "report.docx: unreadable DOCX",
        "absent.json: cannot read",
        "8 files: 2 conformant, 0 with errors, 0 undetermined, 6 unreadable",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
}

#[test]
fn a_directory_of_thousands_of_reports_is_checked_recursively() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = example();
    for i in 0..2000 {
        let sub = dir.path().join(format!("{:02}", i % 20));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("{i}.json")), &report).expect("write");
    }
    let broken = dir.path().join("07").join("broken.json");
    std::fs::write(&broken, mutated("\"total\": 18", "\"total\": 17")).expect("write");
    let path = dir.path().display().to_string();
    let out = xxgk_piped(&["check", "--lang", "en", "--format", "json", &path], b"");
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let last = text.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        r#"{"type":"summary","files":2001,"conformant":2000,"with_errors":1,"undetermined":0,"unreadable":0}"#
    );
    let f = findings(&out);
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str()),
        ("R4", "/review_litigation/review/total")
    );
}

#[test]
fn a_utf8_bom_is_accepted() {
    let doc = format!("\u{feff}{}", example());
    assert_eq!(code(&check_json(&doc)), 0);
}

#[test]
fn sarif_and_junit_are_well_formed() {
    let doc = mutated("\"natural_person\": 298", "\"natural_person\": 297");
    let out = xxgk_piped(
        &["check", "--format", "sarif", "--lang", "en", "-"],
        doc.as_bytes(),
    );
    assert_eq!(code(&out), 1);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["ruleId"], "R1");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        49
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "R3"));

    let out = xxgk_piped(
        &["check", "--format", "junit", "--lang", "en", "-"],
        doc.as_bytes(),
    );
    insta::assert_snapshot!("one_cell_changed_junit", stdout(&out));
}

#[test]
fn the_catalogue_is_browsable_offline() {
    let out = xxgk_piped(&["rules", "--lang", "en"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("rules_en", stdout(&out));
    let out = xxgk_piped(&["explain", "R1"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("explain_r1", stdout(&out));
    assert_eq!(code(&xxgk_piped(&["explain", "R99"], b"")), 2);
    let out = xxgk_piped(&["schema"], b"");
    assert_eq!(stdout(&out), xxgk_schema());
}

fn xxgk_schema() -> String {
    std::fs::read_to_string(root().join("schema/annual-report-2021.schema.json")).expect("schema")
}

/// `--edition 2019` serves the 2019 catalogue and schema; `check` picks the edition from the
/// document, so a canonical 2019 report is checked under the 2019 rules.
#[test]
fn the_2019_edition_is_served_and_checked() {
    let out = xxgk_piped(&["rules", "--edition", "2019", "--lang", "en"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("rules_2019_en", stdout(&out));
    let out = xxgk_piped(&["explain", "R2", "--edition", "2019"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("explain_r2_2019", stdout(&out));
    // Series rules are listed and explained in each edition that declares them: R7 in both,
    // R8 and R9 (表二's 现行有效/本年废止) only in 2021.
    let out = xxgk_piped(&["explain", "R7", "--edition", "2019"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("explain_r7_2019", stdout(&out));
    assert_eq!(
        stdout(&xxgk_piped(&["explain", "carry-over-continuity"], b"")),
        stdout(&out),
        "R7 is the same rule in both editions"
    );
    let out = xxgk_piped(&["explain", "R8"], b"");
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("explain_r8", stdout(&out));
    assert_eq!(
        code(&xxgk_piped(&["explain", "R8", "--edition", "2019"], b"")),
        2
    );
    assert_eq!(
        code(&xxgk_piped(&["explain", "R10", "--edition", "2019"], b"")),
        2
    );
    let out = xxgk_piped(&["schema", "--edition", "2019"], b"");
    let published = std::fs::read_to_string(root().join("schema/annual-report-2019.schema.json"))
        .expect("schema");
    assert_eq!(stdout(&out), published);
    assert_eq!(
        stdout(&xxgk_piped(&["schema", "--edition", "2021"], b"")),
        xxgk_schema()
    );
    assert_eq!(code(&xxgk_piped(&["rules", "--edition", "2018"], b"")), 2);

    let base = std::fs::read_to_string(root().join("conformance/base/realistic-2019.json"))
        .expect("2019 report");
    assert_eq!(code(&xxgk_piped(&["check", "-"], base.as_bytes())), 0);
    // （六）其他处理 natural persons +1: R2 in its 2019 form and R3, at the cell.
    let broken = base.replacen("\"natural_person\": 15,", "\"natural_person\": 16,", 1);
    let out = xxgk_piped(&["check", "--lang", "en", "-"], broken.as_bytes());
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("check_2019_other_row", stdout(&out));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(code(&xxgk_piped(&["check"], b"")), 2);
    assert_eq!(
        code(&xxgk_piped(&["check", "--format", "xml", EXAMPLE], b"")),
        2
    );
    assert_eq!(code(&xxgk_piped(&["frobnicate"], b"")), 2);
}

fn seed(name: &str) -> String {
    root().join("corpus/seeds").join(name).display().to_string()
}

#[test]
fn check_accepts_published_reports_and_points_at_the_source_line() {
    let seed_003 = seed("003_fe18fb2511738761.txt");
    let out = xxgk_piped(&["check", &seed_003], b"");
    assert_eq!(code(&out), 0, "{}", stdout(&out));

    // The same report with one number changed in the published text.
    let text = std::fs::read_to_string(&seed_003).expect("seed 003");
    let line = text
        .lines()
        .position(|l| l == "298 |")
        .expect("自然人 新收 cell")
        + 1;
    let mut lines: Vec<&str> = text.lines().collect();
    lines[line - 1] = "297 |";
    let dir = tempfile::tempdir().expect("temp dir");
    let changed = dir.path().join("report.txt");
    std::fs::write(&changed, lines.join("\n")).expect("write");
    let out = xxgk_piped(
        &["check", "--format", "json", &changed.display().to_string()],
        b"",
    );
    assert_eq!(code(&out), 1);
    let pointer = "/applications/new_received/natural_person";
    assert_eq!(
        findings(&out),
        [
            ("R1".to_owned(), pointer.to_owned(), line as u64),
            ("R3".to_owned(), pointer.to_owned(), line as u64)
        ]
    );
}

/// `cat report.txt | xxgk check -`: a published report on standard input is told from canonical
/// JSON/YAML by its content and extracted, and `-` for `extract` reads it the same way.
#[test]
fn a_published_report_on_stdin_is_extracted() {
    let text = std::fs::read(seed("003_fe18fb2511738761.txt")).expect("seed 003");
    let out = xxgk_piped(&["check", "-"], &text);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("<stdin>: 符合标准"),
        "{}",
        stdout(&out)
    );
    let out = xxgk_piped(&["check", "--format", "json", "-"], &text);
    let verdict = stdout(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["type"] == "verdict")
        .expect("a verdict line");
    assert_eq!(verdict["verdict"], "conformant", "{verdict}");
    // Canonical YAML on stdin stays canonical.
    let yaml = std::fs::read(root().join("examples/jingyue-2024.yaml")).expect("example YAML");
    assert_eq!(code(&xxgk_piped(&["check", "-"], &yaml)), 0);
}

#[test]
fn extract_writes_the_canonical_report_and_its_provenance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().display().to_string();
    let out = xxgk_piped(
        &["extract", &seed("003_fe18fb2511738761.txt"), "-o", &out_dir],
        b"",
    );
    assert_eq!(code(&out), 0);
    let report = dir.path().join("003_fe18fb2511738761.json");
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("report written"))
            .expect("JSON");
    assert_eq!(
        value["active_disclosure"]["fees"]["amount_wan_yuan"],
        "1032.60994"
    );
    assert_eq!(value["applications"]["new_received"]["total"], 302);
    assert!(
        dir.path()
            .join("003_fe18fb2511738761.provenance.json")
            .exists()
    );
    let check = xxgk_piped(&["check", &report.display().to_string()], b"");
    assert_eq!(code(&check), 0, "{}", stdout(&check));
}

/// A 2021 report printing （六）其他处理 as one row: the canonical report cannot hold its
/// figures (the three rows' split is not printed), so the provenance keeps each non-zero one as
/// the printed sum of its column's three rows, where it stands; a report without such a row
/// has no `sums` at all (the extraction above).
#[test]
fn extract_keeps_the_sums_a_report_prints_in_place_of_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input =
        root().join("crates/xxgk-extract/tests/data/layouts/merged-other-row-2021-partly-zero.txt");
    let out = xxgk_piped(
        &[
            "extract",
            &input.display().to_string(),
            "-o",
            &dir.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(code(&out), 0);
    let provenance: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            dir.path()
                .join("merged-other-row-2021-partly-zero.provenance.json"),
        )
        .expect("provenance written"),
    )
    .expect("JSON");
    let three = |column: &str| -> Vec<String> {
        ["no_correction", "fee_unpaid", "other"]
            .iter()
            .map(|row| format!("/applications/results/other/{row}/{column}"))
            .collect()
    };
    assert_eq!(
        provenance["sums"],
        serde_json::json!([
            {"cells": three("natural_person"), "value": 3, "line": 27, "column": 9, "raw": "3", "printed_as": "merged-row"},
            {"cells": three("total"), "value": 3, "line": 27, "column": 21, "raw": "3", "printed_as": "merged-row"},
        ])
    );
    let seed_dir = tempfile::tempdir().expect("temp dir");
    let seed_out = xxgk_piped(
        &[
            "extract",
            &seed("003_fe18fb2511738761.txt"),
            "-o",
            &seed_dir.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(code(&seed_out), 0);
    let seed_provenance: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(seed_dir.path().join("003_fe18fb2511738761.provenance.json"))
            .expect("provenance written"),
    )
    .expect("JSON");
    assert!(seed_provenance.get("sums").is_none(), "{seed_provenance}");
}

/// The pointer `""` is the whole document: the human output names it, never as `/` (which is
/// the pointer of a member named "").
#[test]
fn the_document_root_is_named_not_written_as_a_slash() {
    for (lang, name) in [("zh", "（整个文档）"), ("en", "(the whole document)")] {
        let out = xxgk_piped(&["check", "--lang", lang, "-"], b"[]");
        assert_eq!(code(&out), 1);
        let text = stdout(&out);
        assert!(text.contains(&format!("   = {name}\n")), "{text}");
        assert!(!text.contains("   = /\n"), "{text}");
    }
}

/// `xxgk rules | head -1` and the like: a reader that closes the pipe ends the output quietly,
/// with the command's own exit code, not a panic.
#[test]
fn a_closed_output_pipe_ends_the_output_quietly() {
    let seed = root().join("corpus/seeds/003_fe18fb2511738761.txt");
    let seed = seed.to_str().expect("a UTF-8 path");
    for args in [
        &["rules"][..],
        &["rules", "--edition", "2019"],
        &["explain", "R1"],
        &["explain", "R7"],
        &["schema"],
        &["extract", seed],
        &["conformance", "protocol", "examples/jingyue-2024.json"],
        &["certify", "examples/jingyue-2024.json"],
        &["export", seed, "--to", "jsonl"],
    ] {
        // The read end is closed before the command starts, so its first write meets a closed pipe.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .current_dir(root())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("xxgk runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "xxgk {args:?}: {stderr}");
        // `extract` says what it read on stderr; nothing else may be there.
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "xxgk {args:?}: {stderr}"
        );
    }
}

/// `xxgk export --to jsonl … | head -1`: the reader takes a line and closes the pipe while the
/// export is still writing (more than a pipe and the output buffer hold); the export stops there,
/// exit 0, and says nothing (its summary would count rows nobody read).
#[test]
fn an_export_to_a_reader_that_stops_early_ends_quietly() {
    use std::io::BufRead as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["export", "corpus/seeds", "examples", "--to", "jsonl"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("xxgk runs");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    // The reader is dropped here: the pipe is closed with most of the export unread.
    let out = child.wait_with_output().expect("xxgk finishes");
    let row: serde_json::Value = serde_json::from_str(&first).expect("a JSON line");
    assert!(row["verdict"].is_string(), "{first}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Output that cannot be written (a full disk behind a redirection) is an I/O failure, exit 2,
/// never a silent success with the findings lost.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_an_io_failure() {
    for args in [
        &["check", "--format", "json", "examples/jingyue-2024.json"][..],
        &["check", "examples/jingyue-2024.json"],
        &["rules"],
        &["certify", "examples/jingyue-2024.json"],
    ] {
        let full = std::fs::File::create("/dev/full").expect("/dev/full on Linux");
        let out = Command::new(env!("CARGO_BIN_EXE_xxgk"))
            .args(args)
            .current_dir(root())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .expect("xxgk runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "xxgk {args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "xxgk {args:?}: {stderr}"
        );
    }
}

/// Poppler's `pdftohtml -xml` output is a published report when named, and a directory scan
/// leaves every `.xml` alone (a folder holds much XML that is no report).
#[test]
fn pdftohtml_xml_is_read_when_named_and_skipped_in_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xml = dir.path().join("洪泽区2024.xml");
    std::fs::copy(
        root().join(
            "crates/xxgk-extract/tests/data/converted/010_hongze_district_2024.pdftohtml.xml",
        ),
        &xml,
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("pom.xml"),
        "<?xml version=\"1.0\"?>\n<project/>\n",
    )
    .expect("write");
    std::fs::copy(seed("003_fe18fb2511738761.txt"), dir.path().join("003.txt")).expect("copy");

    let out = xxgk_piped(&["check", "--lang", "en", &xml.display().to_string()], b"");
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = xxgk_piped(
        &[
            "check",
            "--lang",
            "en",
            &dir.path().join("pom.xml").display().to_string(),
        ],
        b"",
    );
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("pom.xml: unsupported file type"),
        "{}",
        stdout(&out)
    );

    let out = xxgk_piped(
        &[
            "check",
            "--lang",
            "en",
            "--verbose",
            &dir.path().display().to_string(),
        ],
        b"",
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("003.txt"), "{text}");
    assert!(!text.contains(".xml"), "{text}");
}

//! Verdicts on published reports, end to end: the report's own numbers, the cells it prints blank
//! and what the reader could not read are three different statements, with three exit codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use common::{code, stdout, xxgk_in};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds")
}

const SEED_003: &str = "003_fe18fb2511738761.txt";
const SEED_004: &str = "004_6d5913b8bb86481d.txt";

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A folder holding `name` with `text`, for outputs that name the file the same on any machine.
fn folder_with(name: &str, text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write");
    dir
}

/// Terminal columns of `s`: CJK characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum()
}

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(data().join(name)).expect("seed")
}

/// Seed 003 with the heading of section 四 garbled as a bad conversion leaves it (its UTF-8 bytes
/// read as GBK): the table is printed, but the reader cannot tell where it is.
fn garbled_heading() -> String {
    let text = seed_text(SEED_003);
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    assert!(text.contains(heading));
    text.replacen(
        heading,
        "鍥涖\u{FFFD}佹斂搴滀俊鎭\u{FFFD}鍏\u{FFFD}寮\u{FFFD}琛屾斂澶嶈\u{FFFD}\u{FFFD}銆佽\u{FFFD}屾斂璇夎\u{FFFD}兼儏鍐\u{FFFD}",
        1,
    )
}

#[test]
fn a_conformant_published_report_conforms() {
    let human = xxgk_in(&data(), &["check", SEED_003]);
    assert_eq!(code(&human), 0, "{}", stdout(&human));
    insta::assert_snapshot!("seed_003_human", stdout(&human));
    let json = xxgk_in(&data(), &["check", "--format", "json", SEED_003]);
    assert_eq!(code(&json), 0);
    insta::assert_snapshot!("seed_003_json", stdout(&json));
}

#[test]
fn a_cell_printed_blank_is_the_publishers_error_at_its_source_line() {
    let human = xxgk_in(&data(), &["check", SEED_004]);
    assert_eq!(code(&human), 1, "{}", stdout(&human));
    insta::assert_snapshot!("seed_004_human", stdout(&human));
    let json = xxgk_in(&data(), &["check", "--format", "json", SEED_004]);
    assert_eq!(code(&json), 1);
    insta::assert_snapshot!("seed_004_json", stdout(&json));
    let lines = json_lines(&json);
    let blank = lines
        .iter()
        .find(|l| l["type"] == "diagnostic")
        .expect("one diagnostic");
    assert_eq!(blank["rule"], "S1");
    assert_eq!(
        blank["pointer"],
        "/applications/results/other/fee_unpaid/natural_person"
    );
    // The row `12 申请人谕期未按收费通知要求缴 … 0 0 0 0 0 0` of the published text.
    let line = seed_text(SEED_004)
        .lines()
        .position(|l| l.contains("申请人谕期未按收费通知要求缴"))
        .expect("the row")
        + 1;
    assert_eq!(blank["location"]["line"], line);
}

#[test]
fn a_section_the_reader_cannot_find_is_undetermined_not_the_publishers_error() {
    let dir = folder_with("report.txt", garbled_heading().as_bytes());
    let human = xxgk_in(dir.path(), &["check", "report.txt"]);
    assert_eq!(code(&human), 3, "{}", stdout(&human));
    insta::assert_snapshot!("garbled_heading_human", stdout(&human));
    let json = xxgk_in(dir.path(), &["check", "--format", "json", "report.txt"]);
    assert_eq!(code(&json), 3);
    insta::assert_snapshot!("garbled_heading_json", stdout(&json));
    let lines = json_lines(&json);
    let verdict = lines
        .iter()
        .find(|l| l["type"] == "verdict")
        .expect("verdict");
    assert_eq!(verdict["verdict"], "undetermined");
    assert_eq!(verdict["errors"], 0);
    assert_eq!(verdict["unread"], 15);

    // The identities over the unread cells are notes, never false sums.
    let notes = xxgk_in(
        dir.path(),
        &["check", "--format", "json", "--notes", "report.txt"],
    );
    let diagnostics: Vec<Value> = json_lines(&notes)
        .into_iter()
        .filter(|l| l["type"] == "diagnostic")
        .collect();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["kind"] == "not_evaluable" && d["rule"] == "R4")
    );
    for d in &diagnostics {
        assert!(
            d["kind"] == "unread" || d["kind"] == "not_evaluable",
            "a finding against the report: {d}"
        );
    }
}

#[test]
fn a_broken_identity_is_not_conformant_even_with_unread_cells() {
    // Also change 自然人 of 一、本年新收 (298 → 297): R1 and R3 break in the report itself.
    let text = garbled_heading();
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| *l == "298 |").expect("the cell");
    lines[at] = "297 |";
    let dir = folder_with("report.txt", lines.join("\n").as_bytes());
    let out = xxgk_in(dir.path(), &["check", "--format", "json", "report.txt"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let lines = json_lines(&out);
    let kinds: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "diagnostic")
        .map(|l| {
            (
                l["rule"].as_str().unwrap_or(""),
                l["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [("R1", "rule"), ("R3", "rule"), ("unread", "unread")]
    );
    let verdict = lines
        .iter()
        .find(|l| l["type"] == "verdict")
        .expect("verdict");
    assert_eq!(verdict["verdict"], "not_conformant");
}

#[test]
fn unread_cells_are_not_failures_in_sarif_or_junit() {
    let dir = folder_with("report.txt", garbled_heading().as_bytes());
    let sarif = xxgk_in(dir.path(), &["check", "--format", "sarif", "report.txt"]);
    assert_eq!(code(&sarif), 3);
    let log: Value = serde_json::from_str(&stdout(&sarif)).expect("SARIF JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "unread");
    assert_eq!(results[0]["kind"], "open");
    assert_eq!(results[0]["level"], "none");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(rules.iter().any(|r| r["id"] == "unread"));

    let junit = xxgk_in(dir.path(), &["check", "--format", "junit", "report.txt"]);
    let xml = stdout(&junit);
    assert!(
        xml.contains("failures=\"0\" errors=\"0\" skipped=\"1\""),
        "{xml}"
    );
    assert!(
        xml.contains("<skipped message=\"15 cells could not be read\">"),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn a_file_that_is_not_an_annual_report_says_so_once() {
    // Deterministic noise: binary garbage that is neither UTF-8 text nor a zip.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    let dir = folder_with("garbage.txt", &garbage);
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    std::fs::write(
        dir.path().join("letter.txt"),
        "关于召开2024年度工作会议的通知\n各单位：\n定于下周一上午九时召开会议。\n".as_bytes(),
    )
    .expect("write");
    let human = xxgk_in(dir.path(), &["check", "garbage.txt"]);
    assert_eq!(code(&human), 2);
    insta::assert_snapshot!("garbage_human", stdout(&human));
    let json = xxgk_in(dir.path(), &["check", "--format", "json", "garbage.txt"]);
    assert_eq!(code(&json), 2);
    insta::assert_snapshot!("garbage_json", stdout(&json));
    // A README with a table of file names and years: numbers, and a label the reader half
    // recognises (`F新收政府`), but no section and no cell of a report.
    std::fs::write(
        dir.path().join("readme.md"),
        "# Sample reports\n\n| file | organ, year | format |\n|---|---|---|\n\
         | `004.txt` | 洛阳西工区, 2024 | 2021 | glyph noise (`F新收政府 `, `总记`) |\n\
         | `009.txt` | 洪泽区, 2023 | 2021 | a single （六）其他处理 row |\n"
            .as_bytes(),
    )
    .expect("write");
    for name in ["empty.txt", "letter.txt", "readme.md"] {
        let out = xxgk_in(
            dir.path(),
            &["check", "--format", "json", "--lang", "en", name],
        );
        assert_eq!(code(&out), 2, "{name}");
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 2, "one line and the summary: {lines:?}");
        assert_eq!(lines[0]["reason"], "not-an-annual-report");
        assert_eq!(
            lines[0]["message"],
            "not an annual report we can read (no section heading and no table row found)"
        );
    }
}

#[test]
fn a_batch_prints_findings_and_one_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    for k in 0..3 {
        std::fs::copy(
            data().join(SEED_003),
            dir.path().join(format!("ok-{k}.txt")),
        )
        .expect("copy");
    }
    std::fs::copy(data().join(SEED_004), dir.path().join("blank.txt")).expect("copy");
    std::fs::write(dir.path().join("garbled.txt"), garbled_heading()).expect("write");
    let out = xxgk_in(dir.path(), &["check", "--lang", "en", "."]);
    assert_eq!(code(&out), 1, "errors take precedence over undetermined");
    let text = stdout(&out);
    assert!(!text.contains("ok-0.txt"), "{text}");
    assert!(
        // Its section 六 says only 无: no processing fee stated (R10, a warning).
        text.contains("./blank.txt: not conformant: 1 error, 1 warning"),
        "{text}"
    );
    assert!(
        text.contains("./garbled.txt: undetermined: 15 cells could not be read"),
        "{text}"
    );
    assert!(
        text.ends_with("5 files: 3 conformant, 1 with errors, 1 undetermined, 0 unreadable\n"),
        "{text}"
    );
    let verbose = xxgk_in(dir.path(), &["check", "--lang", "en", "--verbose", "."]);
    assert!(stdout(&verbose).contains("./ok-0.txt: conformant"));

    std::fs::remove_file(dir.path().join("blank.txt")).expect("remove");
    let out = xxgk_in(dir.path(), &["check", "."]);
    assert_eq!(code(&out), 3, "undetermined when nothing breaks");
}

#[test]
fn carets_mark_the_cell_itself_in_space_aligned_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example =
        std::fs::read_to_string(root.join("examples/jingyue-2024.json")).expect("example");
    let changed = example.replacen("\"natural_person\": 298", "\"natural_person\": 297", 1);
    assert_ne!(changed, example);
    let report: xxgk_model::AnnualReport = serde_json::from_str(&changed).expect("a report");
    let layout = xxgk_render::Layout::SpaceAligned;
    let published = xxgk_render::render(&report, layout);
    let dir = folder_with(layout.file_name(), &published);
    let out = xxgk_in(dir.path(), &["check", layout.file_name()]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    let frame: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains(" | "))
        .take(2)
        .collect();
    let [source, carets] = frame[..] else {
        panic!("no code frame in\n{text}");
    };
    assert!(source.contains("297"), "{source}");
    let marked = carets.trim_end();
    assert!(marked.ends_with("^^^"), "{carets}");
    assert_eq!(
        marked.matches('^').count(),
        3,
        "only the cell:\n{source}\n{carets}"
    );
    // The carets stand under the value: CJK labels before it take two columns each.
    let value_at = source.find("297").expect("value");
    assert_eq!(width(&source[..value_at]), width(marked) - 3);
}

/// A web page's text with its line breaks lost is one line of thousands of characters: each code
/// frame shows the value with some of the line around it, cut where marked, and its carets
/// stand under the run-together digits the reader could not split.
#[test]
fn a_code_frame_on_a_one_line_report_shows_the_value_not_the_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example =
        std::fs::read_to_string(root.join("examples/jingyue-2024.json")).expect("example");
    let report: xxgk_model::AnnualReport = serde_json::from_str(&example).expect("a report");
    let published = xxgk_render::one_line(&report, 3);
    assert!(published.len() > 3_000, "the page is long");
    let dir = folder_with("report.txt", &published);
    let out = xxgk_in(dir.path(), &["check", "report.txt"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let frames: Vec<(&str, &str)> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("1 | ") && w[1].starts_with("  | "))
        .map(|w| (&w[0][4..], &w[1][4..]))
        .collect();
    // 表二 行政规范性文件 and 表四 unread: of 表四, 复议 whole and three cells of 未经复议直接起诉
    // (the seed's prose, `行政诉讼结果纠正2件`, leaves only those open), each with its frame.
    let framed: Vec<&str> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("   = /"))
        .collect();
    assert_eq!(
        framed,
        [
            "active_disclosure/normative_documents",
            "review_litigation/litigation_direct/other",
            "review_litigation/litigation_direct/pending",
            "review_litigation/litigation_direct/total",
            "review_litigation/review",
        ],
        "{text}"
    );
    assert_eq!(frames.len(), framed.len(), "a frame each:\n{text}");
    for (source, carets) in frames {
        assert!(
            source.starts_with("...") && source.ends_with("..."),
            "{source}"
        );
        assert!(width(source) <= 2 * 40 + 6 + 20, "{source}");
        let (pad, marked) = carets.split_at(carets.find('^').expect("carets"));
        // The characters of the source line that stand above the carets.
        let mut column = 0;
        let under: String = source
            .chars()
            .filter(|c| {
                let at = column;
                column += width(&c.to_string());
                at >= width(pad) && at < width(pad) + marked.len()
            })
            .collect();
        assert!(
            !under.is_empty() && under.chars().all(|c| c.is_ascii_digit()),
            "the digits under the carets: {under:?}\n{source}\n{carets}"
        );
    }
}

/// A PDF dumped block by block (poppler `pdftotext` without flags, a LibreOffice export) prints
/// 表三's numbers a line each; the reader could not place them, and its finding names all of them.
/// Each code frame's carets stand on the line they start on, never past its end (they ran for
/// the width of every number the finding names, hundreds of columns beyond a one-digit line).
#[test]
fn code_frame_carets_end_with_their_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dump = std::fs::read(root.join(
        "crates/xxgk-extract/tests/data/converted/hongze-2023-libreoffice.pdftotext-default.txt",
    ))
    .expect("dump");
    let dir = folder_with("report.txt", &dump);
    let out = xxgk_in(dir.path(), &["check", "report.txt"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let frames: Vec<(&str, &str)> = lines
        .windows(2)
        .filter_map(|w| {
            let (number, source) = w[0].split_once(" | ")?;
            let carets = w[1]
                .strip_prefix(&" ".repeat(number.len()))?
                .strip_prefix(" | ")?;
            (number.trim().parse::<usize>().is_ok() && carets.contains('^'))
                .then_some((source, carets))
        })
        .collect();
    // 表三 and 表四 unread (表二 reads: every label below its numbers).
    assert_eq!(frames.len(), 2, "a frame per unread table:\n{text}");
    for (source, carets) in frames {
        assert!(
            width(carets.trim_end()) <= width(source).max(1),
            "carets past the line:\n{source}\n{carets}"
        );
    }
}

/// Seed 002 is a 2020 report in the 2019 format: checked under the 2019 edition (no `S8`, no
/// report year below 2021), it has the findings of its hand-made canonical form
/// (`examples/real/huizhan-2020-2019.json`) in 表三 and 表四, its blank cells, and nothing else;
/// its 表二, garbled in the source, is partly unread rather than blamed on the publisher.
#[test]
fn a_2019_format_report_is_checked_under_the_2019_edition() {
    let findings = |out: &Output| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = json_lines(out)
            .iter()
            .filter(|l| l["type"] == "diagnostic" && l["kind"] != "unread")
            .filter(|l| l["severity"] == "error" || l["severity"] == "warning")
            .map(|l| (l["rule"].to_string(), l["pointer"].to_string()))
            .collect();
        found.sort();
        found
    };
    let out = xxgk_in(
        &data(),
        &["check", "--format", "json", "002_55cbf0224f0c879c.txt"],
    );
    assert_eq!(code(&out), 1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let by_hand = xxgk_in(
        &root,
        &[
            "check",
            "--format",
            "json",
            "examples/real/huizhan-2020-2019.json",
        ],
    );
    assert_eq!(code(&by_hand), 1);
    let outside_table_two = |found: Vec<(String, String)>| -> Vec<(String, String)> {
        found
            .into_iter()
            .filter(|(_, pointer)| !pointer.starts_with("\"/active_disclosure"))
            .collect()
    };
    let extracted = findings(&out);
    assert!(
        extracted.iter().all(|(rule, _)| rule == "\"S1\""),
        "{extracted:?}"
    );
    let expected = outside_table_two(findings(&by_hand));
    assert_eq!(expected.len(), 150);
    assert_eq!(outside_table_two(extracted), expected);
    let lines = json_lines(&out);
    let unread: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "unread").collect();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0]["pointer"], "/active_disclosure");
    // A blank cell of its 表三 stands at its source line.
    let blank = lines
        .iter()
        .find(|l| l["pointer"] == "/applications/new_received/natural_person")
        .expect("a blank cell");
    assert!(blank.get("location").is_some(), "{blank}");
}

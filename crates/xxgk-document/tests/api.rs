//! The library's API as a caller uses it: bytes and a name hint in, a typed outcome out, for
//! canonical JSON, published text (conformant, broken, partly unread, not a report), unreadable
//! inputs and a scanned PDF; and the one reader's bounds.

#![allow(clippy::print_stderr)] // a skipped test says why

use std::path::{Path, PathBuf};

use xxgk_check::{Checker, Format, Kind, Severity};
use xxgk_document::read::{DatasetLines, MAX_REPORT_BYTES, NOT_REGULAR, read_file};
use xxgk_document::{Checked, Reading, Report, Source, Verdict, check, check_canonical};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).expect("a file of the repository")
}

/// Seed 003, a published text that conforms.
const SEED_003: &str = "corpus/seeds/003_fe18fb2511738761.txt";

fn as_report(checked: Checked) -> Box<Report> {
    match checked {
        Checked::Report(report) => report,
        other => panic!("not a report: {other:?}"),
    }
}

fn unreadable(checked: &Checked) -> &str {
    match checked {
        Checked::Unreadable(why) => why,
        other => panic!("not unreadable: {other:?}"),
    }
}

#[test]
fn canonical_json_is_checked_as_it_stands() {
    let checker = Checker::new().unwrap();
    let text = bytes("examples/jingyue-2024.json");
    let report = as_report(check(&checker, text.clone(), Some("jingyue-2024.json")));
    assert!(matches!(report.reading, Reading::Canonical(Format::Json)));
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Conformant);
    assert_eq!(report.source.as_ref().unwrap().text.as_bytes(), text);
    assert!(!report.derived_text);
    assert!(report.unread_cells().is_empty());

    // Without a name (standard input) the content tells JSON; a changed count breaks identities,
    // each placed on its line of the text.
    let broken = String::from_utf8(text).unwrap().replacen(
        "\"natural_person\": 298",
        "\"natural_person\": 297",
        1,
    );
    let checked = check(&checker, broken.into_bytes(), None);
    assert_eq!(checked.verdict(), Verdict::NotConformant);
    let report = as_report(checked);
    let errors: Vec<_> = report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|d| d.location.is_some_and(|l| l.line > 1))
    );
}

#[test]
fn canonical_text_must_be_utf8_and_of_a_known_kind() {
    let checker = Checker::new().unwrap();
    let gbk = check(&checker, b"{\"a\": \"\xC4\xE3\"}".to_vec(), Some("r.json"));
    assert_eq!(gbk.verdict(), Verdict::Unreadable);
    assert!(unreadable(&gbk).starts_with("not UTF-8: byte 0xC4 at offset 7 (line 1)"));
    let odd = check(&checker, b"{}".to_vec(), Some("r.csv"));
    assert!(unreadable(&odd).starts_with("unsupported file type"));
    // XML is a report only as poppler's `pdftohtml -xml` output.
    let pom = check(
        &checker,
        b"<?xml version=\"1.0\"?>\n<project/>".to_vec(),
        Some("pom.xml"),
    );
    assert!(unreadable(&pom).starts_with("unsupported file type"));
    let syntax = check_canonical(&checker, "{\"a\":".to_owned(), Format::Json);
    assert_eq!(syntax.verdict(), Verdict::Unreadable);
}

/// The line (from 1) on which `needle` stands alone in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l == needle).expect("the line") + 1
}

#[test]
fn a_published_text_is_extracted_checked_and_placed_in_its_source() {
    let checker = Checker::new().unwrap();
    let seed = bytes(SEED_003);
    let report = as_report(check(&checker, seed.clone(), Some(SEED_003)));
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Conformant);
    assert!(matches!(report.reading, Reading::Extracted(_)));

    // 自然人 of 一、本年新收 changed from 298 to 297: the report itself breaks R1 and R3, both
    // shown where the reader read a value they concern.
    let text = String::from_utf8(seed).unwrap();
    let broken: Vec<&str> = text
        .lines()
        .map(|l| if l == "298 |" { "297 |" } else { l })
        .collect();
    let broken = broken.join("\n");
    let report = as_report(check(&checker, broken.clone().into_bytes(), Some("a.txt")));
    let Reading::Extracted(extraction) = &report.reading else {
        panic!("a published report is extracted");
    };
    let new = "/applications/new_received/natural_person";
    assert_eq!(extraction.report.pointer(new).unwrap(), 297);
    let rules: Vec<&str> = report
        .outcome
        .diagnostics
        .iter()
        .map(|d| d.rule.as_str())
        .collect();
    assert_eq!(rules, ["R1", "R3"]);
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
    let at = line_of(&broken, "297 |");
    assert!(report.outcome.diagnostics.iter().any(|d| {
        d.location.is_some_and(|l| l.line == at)
            && (d.pointer == new || d.related.iter().any(|r| r == new))
    }));
    let source = report.source.as_ref().expect("a UTF-8 text is shown");
    assert_eq!(source.text, broken);
    assert!(!source.widths.is_empty());
    assert!(!report.derived_text);
}

#[test]
fn a_table_the_reader_cannot_place_is_unread_not_the_reports_error() {
    let checker = Checker::new().unwrap();
    // With a BOM, and the heading of section 四 garbled as a bad conversion leaves it: the table
    // is printed, but the reader cannot tell where it is.
    let text = String::from_utf8(bytes(SEED_003)).unwrap().replacen(
        "四、政府信息公开行政复议、行政诉讼情况",
        "鍥涖\u{FFFD}佹斂搴滀俊鎭\u{FFFD}鍏\u{FFFD}寮\u{FFFD}琛屾斂澶嶈",
        1,
    );
    let checked = check(
        &checker,
        format!("\u{feff}{text}").into_bytes(),
        Some("b.TXT"),
    );
    assert_eq!(checked.verdict(), Verdict::Undetermined);
    assert_eq!(checked.verdict().zh(), "无法判定");
    let report = as_report(checked);
    let unread = report.unread_cells();
    assert_eq!(unread.len(), 15, "{unread:?}");
    assert!(unread.iter().all(|p| p.starts_with("/review_litigation/")));
    // Nothing against the report: the unread value, and notes of identities not evaluable.
    assert!(
        report
            .outcome
            .diagnostics
            .iter()
            .all(|d| d.kind == Kind::Unread || d.severity == Severity::Info)
    );
    // The BOM is no part of the text shown.
    assert_eq!(report.source.as_ref().unwrap().text, text);
}

/// （七）总计 printed one too high on one line (`299400103305`): no split of the row's digits
/// satisfies its R3, the report's error at （七）总计, though the cell is also the left side of its
/// column's R2.
#[test]
fn a_total_row_no_split_of_which_satisfies_its_r3_is_the_reports_error() {
    let checker = Checker::new().unwrap();
    let mut report: serde_json::Value =
        serde_json::from_slice(&bytes("examples/jingyue-2024.json")).unwrap();
    *report
        .pointer_mut("/applications/results/total/total")
        .unwrap() = 305.into();
    let typed: xxgk_model::AnnualReport = serde_json::from_value(report).unwrap();
    for seed in 0..8 {
        let text = String::from_utf8(xxgk_render::one_line(&typed, seed)).unwrap();
        let report = as_report(check(&checker, text.into_bytes(), Some("r.txt")));
        assert!(
            report
                .outcome
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error
                    && d.rule == "R3"
                    && d.pointer == "/applications/results/total/total"
                    && d.related.len() == 7),
            "seed {seed}: {:#?}",
            report.outcome.diagnostics
        );
    }
}

/// 表四 on one line as 洪泽区 2023 printed it (行政复议 10 1 0 0 with 总计 0, 复议后起诉 5 0 0 0
/// with 总计 0): no split of its digits satisfies those two groups' R4, so the report breaks them
/// (or prints a cell blank), each an error at the digits, though no cell of 表四 is read; the
/// group that some split satisfies is not blamed. A consistent 表四 gets no such finding.
#[test]
fn identities_no_split_of_run_together_digits_satisfies_are_the_reports_errors() {
    let checker = Checker::new().unwrap();
    let mut report: serde_json::Value =
        serde_json::from_slice(&bytes("examples/jingyue-2024.json")).unwrap();
    let groups = ["review", "litigation_direct", "litigation_after_review"];
    let outcomes = ["upheld", "corrected", "other", "pending", "total"];
    let hongze_2023 = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0];
    for (k, value) in hongze_2023.iter().enumerate() {
        let pointer = format!("/review_litigation/{}/{}", groups[k / 5], outcomes[k % 5]);
        *report.pointer_mut(&pointer).unwrap() = (*value).into();
    }
    let typed: xxgk_model::AnnualReport = serde_json::from_value(report).unwrap();
    let text = String::from_utf8(xxgk_render::one_line(&typed, 7)).unwrap();
    let report = as_report(check(&checker, text.clone().into_bytes(), Some("r.txt")));
    let errors: Vec<(&str, &str)> = report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("R4", "/review_litigation/review/total"),
            ("R4", "/review_litigation/litigation_after_review/total"),
        ]
    );
    let digits_at = text
        .find("1010000000050000")
        .expect("表四's digits run together");
    let column = text[..digits_at].chars().count() + 1;
    for d in report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        assert_eq!(d.kind, Kind::Rule);
        let location = d.location.expect("placed");
        assert_eq!((location.line, location.column), (1, column));
        assert!(
            d.message_zh.contains("`1010000000050000`"),
            "{}",
            d.message_zh
        );
    }
    // No note that R4 cannot be evaluated for a group found broken.
    assert!(!report.outcome.diagnostics.iter().any(|d| {
        d.kind == Kind::NotEvaluable
            && d.rule == "R4"
            && d.related
                .iter()
                .any(|p| p.starts_with("/review_litigation/review/"))
    }));

    let consistent = String::from_utf8(xxgk_render::one_line(
        &serde_json::from_slice(&bytes("examples/jingyue-2024.json")).unwrap(),
        7,
    ))
    .unwrap();
    let report = as_report(check(&checker, consistent.into_bytes(), Some("r.txt")));
    assert!(
        report
            .outcome
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:#?}",
        report.outcome.diagnostics
    );
}

#[test]
fn a_published_file_without_a_report_in_it_is_not_a_report() {
    let checker = Checker::new().unwrap();
    let checked = check(&checker, b"just a note\n".to_vec(), Some("note.txt"));
    assert!(matches!(checked, Checked::NotAReport));
    assert_eq!(checked.verdict().name(), "not_a_report");
    let empty = check(&checker, Vec::new(), Some("empty.html"));
    assert_eq!(empty.verdict(), Verdict::NotAReport);
    let docx = check(&checker, b"not a zip".to_vec(), Some("r.docx"));
    assert_eq!(docx.verdict(), Verdict::Unreadable);
}

#[test]
fn only_regular_files_within_their_limit_are_read() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(read_file(dir.path()).unwrap_err(), "is a directory");
    let missing = read_file(&dir.path().join("none.json")).unwrap_err();
    assert!(missing.starts_with("cannot read: "), "{missing}");
    // Sparse: the limit is checked before a byte is read.
    let big = dir.path().join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(MAX_REPORT_BYTES + 1)
        .unwrap();
    assert!(read_file(&big).unwrap_err().contains("too large"));
    // A DOCX or PDF may be larger: photos.
    let pdf = dir.path().join("big.pdf");
    std::fs::File::create(&pdf)
        .unwrap()
        .set_len(MAX_REPORT_BYTES + 1)
        .unwrap();
    assert_eq!(read_file(&pdf).unwrap().len() as u64, MAX_REPORT_BYTES + 1);
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(read_file(&fifo).unwrap_err(), NOT_REGULAR);
        } else {
            eprintln!("skipped the FIFO: mkfifo is not available");
        }
        assert_eq!(read_file(Path::new("/dev/zero")).unwrap_err(), NOT_REGULAR);
    }
}

#[test]
fn a_dataset_is_read_a_line_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.jsonl");
    std::fs::write(&path, b"{\"a\": 1}\r\n\n  \n\xFF\n{}").unwrap();
    let lines: Vec<_> = DatasetLines::open(&Source::File(path.clone()))
        .unwrap()
        .collect();
    let names: Vec<String> = lines.iter().map(|l| l.name()).collect();
    let file = path.display();
    assert_eq!(
        names,
        [
            format!("{file}:1"),
            format!("{file}:4"),
            format!("{file}:5")
        ]
    );
    let texts: Vec<Result<String, String>> = lines.into_iter().map(|l| l.text()).collect();
    assert_eq!(texts[0].as_deref(), Ok("{\"a\": 1}"));
    assert!(texts[1].as_ref().unwrap_err().starts_with("not UTF-8"));
    assert_eq!(texts[2].as_deref(), Ok("{}"));
}

/// Whether `pdftotext` can run here; without it, a failure under CI and a skip elsewhere.
fn have_pdftotext() -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "pdftotext is missing: .ci/run installs poppler-utils"
    );
    if !found {
        eprintln!("skipped: pdftotext is not installed (apt-get install poppler-utils)");
    }
    found
}

#[test]
fn a_scanned_pdf_has_no_text_to_read() {
    if !have_pdftotext() {
        return;
    }
    let checker = Checker::new().unwrap();
    let scan = bytes("corpus/pdf/scanned-no-text-layer.pdf");
    let checked = check(&checker, scan, Some("scan.pdf"));
    assert!(
        unreadable(&checked).contains("no text layer"),
        "{checked:?}"
    );
}

#[test]
fn a_printed_pdf_is_placed_in_the_text_pdftotext_gave() {
    if !have_pdftotext() {
        return;
    }
    let checker = Checker::new().unwrap();
    let pdf = bytes("corpus/pdf/jingyue-2024-a4-zenhei.pdf");
    let report = as_report(check(&checker, pdf, Some("JINGYUE.PDF")));
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::Conformant);
    assert!(report.derived_text);
    let source = report.source.as_ref().expect("the text layer");
    assert!(source.text.contains("政府信息公开"));
}

/// A published 2019-format report (seed 002) is checked under the 2019 edition: no finding of
/// the 2021 schema (`S8` edition, `S4` report year), its blank cells the publisher's at their
/// lines, the cells of its garbled 表二 the reader could not find unread, in the 2019 cells.
#[test]
fn a_published_2019_report_is_checked_under_the_2019_edition() {
    let checker = Checker::new().unwrap();
    let text = bytes("corpus/seeds/002_55cbf0224f0c879c.txt");
    let report = as_report(check(&checker, text, Some("002.txt")));
    let Reading::Extracted(extraction) = &report.reading else {
        panic!("published text is extracted");
    };
    assert_eq!(extraction.report["edition"], "2019");
    assert_eq!(Verdict::of(report.outcome.tally()), Verdict::NotConformant);
    let diagnostics = &report.outcome.diagnostics;
    assert!(diagnostics.iter().all(|d| d.rule != "S8" && d.rule != "S4"));
    let blank = diagnostics
        .iter()
        .find(|d| d.pointer == "/applications/results/other/natural_person")
        .expect("the single （六） row's blank cell");
    assert_eq!(blank.kind, Kind::Schema);
    assert!(blank.location.is_some());
    let unread = report.unread_cells();
    assert_eq!(unread.len(), 16, "{unread:?}");
    assert!(unread.contains(&"/active_disclosure/procurement/amount"));
    // Its 表二 prints six cells blank and the reader could not place the other sixteen: the
    // publisher is blamed for those six, each at its own line, never for a whole absent table.
    let blamed: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.kind != Kind::Unread && d.pointer.starts_with("/active_disclosure"))
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(
        blamed,
        [
            "/active_disclosure/regulations/newly_made",
            "/active_disclosure/regulations/newly_published",
            "/active_disclosure/regulations/total_published",
            "/active_disclosure/normative_documents/newly_made",
            "/active_disclosure/normative_documents/newly_published",
            "/active_disclosure/normative_documents/total_published",
        ]
    );
    for d in diagnostics
        .iter()
        .filter(|d| blamed.contains(&d.pointer.as_str()))
    {
        assert!(d.message_zh.contains("空白不等于0"), "{}", d.message_zh);
        assert!(d.location.is_some(), "{} has no place", d.pointer);
    }
}

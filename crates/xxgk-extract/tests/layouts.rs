//! Small hand-made inputs for every layout, HTML, DOCX and encoding, and for the rules on blanks,
//! digits and cells that ran together: the fixtures of `tests/data/layouts/` (see its README),
//! each read against its `.expected.json`, and the inputs no fixture can hold (other encodings,
//! inputs with nothing to read).

mod common;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use xxgk_extract::{Extraction, ProblemCode, extract};

use common::assert_missing_cells_explained;

/// Set to a fixture's name (or `all`) to print what the extractor reads from it, for review.
const PRINT: &str = "XXGK_PRINT_FIXTURE";

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/layouts")
}

/// A fixture's input: its name, its bytes as a reader gets them and the file name they come in.
struct Input {
    name: String,
    file_name: String,
    bytes: Vec<u8>,
}

/// Every input of the folder, by name. A DOCX is held as its `word/document.xml`
/// (`<name>.docx.xml`), so that it can be read and reviewed; the runner packs it.
fn inputs() -> Vec<Input> {
    let mut inputs: Vec<Input> = fs::read_dir(folder())
        .expect("tests/data/layouts exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter_map(|path| {
            let file = path.file_name()?.to_str()?.to_owned();
            if file.ends_with(".expected.json") || file == "README.md" {
                return None;
            }
            let bytes = fs::read(&path).expect("a readable fixture");
            Some(match file.strip_suffix(".docx.xml") {
                Some(name) => Input {
                    name: name.to_owned(),
                    file_name: format!("{name}.docx"),
                    bytes: docx(&bytes),
                },
                None => Input {
                    name: file.rsplit_once('.').map_or(&*file, |(n, _)| n).to_owned(),
                    file_name: file,
                    bytes,
                },
            })
        })
        .collect();
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    inputs
}

/// A minimal DOCX around a `word/document.xml`.
fn docx(document_xml: &[u8]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("[Content_Types].xml", options)
        .expect("zip");
    writer.write_all(b"<Types/>").expect("zip");
    writer
        .start_file("word/document.xml", options)
        .expect("zip");
    writer.write_all(document_xml).expect("zip");
    writer.finish().expect("zip");
    buffer.into_inner()
}

fn code(code: ProblemCode) -> Value {
    serde_json::to_value(code).expect("a code serializes")
}

/// The first problem at `pointer`.
fn problem_at<'a>(extraction: &'a Extraction, pointer: &str) -> Option<&'a xxgk_extract::Problem> {
    extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some(pointer))
}

fn entries(value: &Value) -> &Map<String, Value> {
    value.as_object().expect("an object of pointers")
}

/// What `expected` says of the extraction and is not so, one line each.
fn mismatches(input: &Input, extraction: &Extraction, expected: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            out.push(what);
        }
    };
    let report = &extraction.report;
    for (key, want) in entries(expected) {
        match key.as_str() {
            "about" => check(
                want.is_string(),
                "`about` says what the fixture shows".into(),
            ),
            "format" => {
                let read = serde_json::to_value(extraction.format).expect("serializes");
                check(&read == want, format!("format {read}, expected {want}"));
            }
            "edition" => {
                let read = serde_json::to_value(extraction.edition).expect("serializes");
                check(&read == want, format!("edition {read}, expected {want}"));
            }
            "encoding" => check(
                want == extraction.encoding,
                format!("encoding {}, expected {want}", extraction.encoding),
            ),
            "values" => {
                for (pointer, value) in entries(want) {
                    let read = report.pointer(pointer);
                    let expected = (!value.is_null()).then_some(value);
                    check(
                        read == expected,
                        format!("{key} {pointer}: read {read:?}, expected {expected:?}"),
                    );
                }
            }
            "problems" => {
                for (pointer, want) in entries(want) {
                    let read = problem_at(extraction, pointer).map(|p| code(p.code));
                    check(
                        read.as_ref() == Some(want),
                        format!("problem at {pointer}: {read:?}, expected {want}"),
                    );
                }
            }
            "messages" => {
                for (pointer, want) in entries(want) {
                    let part = want.as_str().expect("a message part");
                    let message = problem_at(extraction, pointer).map(|p| p.message.as_str());
                    check(
                        message.is_some_and(|m| m.contains(part)),
                        format!("message at {pointer}: {message:?}, expected to contain {part}"),
                    );
                }
            }
            "no_problems" => check(
                want == &json!(extraction.problems.is_empty()),
                format!("problems: {:#?}", extraction.problems),
            ),
            "absent_codes" => {
                for want in want.as_array().expect("codes") {
                    let found: Vec<_> = extraction
                        .problems
                        .iter()
                        .filter(|p| &code(p.code) == want)
                        .collect();
                    check(found.is_empty(), format!("problems {want}: {found:#?}"));
                }
            }
            "no_problem_at" => {
                for pointer in want.as_array().expect("pointers") {
                    let pointer = pointer.as_str().expect("a pointer");
                    let found = problem_at(extraction, pointer);
                    check(found.is_none(), format!("problem at {pointer}: {found:?}"));
                }
            }
            "rules" => {
                for (pointer, want) in entries(want) {
                    let read = extraction
                        .provenance
                        .iter()
                        .find(|p| p.pointer == *pointer)
                        .map(|p| json!(p.rules));
                    check(
                        read.as_ref() == Some(want),
                        format!("rules of {pointer}: {read:?}, expected {want}"),
                    );
                }
            }
            "provenance" => {
                for (pointer, want) in entries(want) {
                    let Some(p) = extraction.provenance.iter().find(|p| p.pointer == *pointer)
                    else {
                        check(false, format!("no provenance for {pointer}"));
                        continue;
                    };
                    let read = json!({"line": p.line, "column": p.column, "raw": p.raw});
                    for (field, value) in entries(want) {
                        check(
                            &read[field] == value,
                            format!("provenance of {pointer}: {read}, expected {want}"),
                        );
                    }
                    if want.get("raw").is_some() {
                        // The position is the raw text's in the source.
                        let source = String::from_utf8_lossy(&input.bytes);
                        let at: String = source
                            .lines()
                            .nth(p.line as usize - 1)
                            .unwrap_or_default()
                            .chars()
                            .skip(p.column as usize - 1)
                            .take(p.raw.chars().count())
                            .collect();
                        check(at == p.raw, format!("{pointer}: `{at}` in the source"));
                    }
                }
            }
            "missing_cells_explained" => {
                assert_eq!(want, &json!(true), "{}: only `true` is checked", input.name);
                assert_missing_cells_explained(extraction);
            }
            _ => check(false, format!("unknown key `{key}` in the expectations")),
        }
    }
    out
}

/// What the extractor read from a fixture, in the shape of its expectations, for review.
fn actual(extraction: &Extraction) -> Value {
    let values: Map<String, Value> = common::all_cells()
        .filter_map(|c| Some((c.to_owned(), extraction.report.pointer(c)?.clone())))
        .collect();
    let mut problems = Map::new();
    for p in &extraction.problems {
        if let Some(pointer) = &p.pointer {
            problems
                .entry(pointer.clone())
                .or_insert_with(|| code(p.code));
        }
    }
    let rules: Map<String, Value> = extraction
        .provenance
        .iter()
        .filter(|p| !p.rules.is_empty())
        .map(|p| (p.pointer.clone(), json!(p.rules)))
        .collect();
    json!({
        "about": "",
        "format": extraction.format,
        "edition": extraction.edition,
        "values": values,
        "problems": problems,
        "rules": rules,
    })
}

#[test]
#[expect(
    clippy::print_stdout,
    reason = "XXGK_PRINT_FIXTURE prints a fixture's reading for review"
)]
fn fixtures_read_as_expected() {
    let print = std::env::var(PRINT).ok();
    let inputs = inputs();
    assert!(inputs.len() >= 20, "{} fixtures", inputs.len());
    let mut failures = Vec::new();
    for input in &inputs {
        // By content and by name alike: the fixture's extension is what its content is.
        let extraction = extract(&input.bytes, None).expect("extracts");
        let named = extract(&input.bytes, Some(&input.file_name)).expect("extracts");
        if named != extraction {
            failures.push(format!("{}: read otherwise by its name", input.name));
        }
        if print
            .as_deref()
            .is_some_and(|p| p == "all" || p == input.name)
        {
            let text = serde_json::to_string_pretty(&actual(&extraction)).expect("JSON");
            println!("{}:\n{text}", input.name);
        }
        let path = folder().join(format!("{}.expected.json", input.name));
        let Ok(text) = fs::read_to_string(&path) else {
            failures.push(format!(
                "{}: no {}; `{PRINT}={} cargo test -p xxgk-extract --test layouts -- \
                 --nocapture` prints what is read, to review and keep what matters",
                input.name,
                path.display(),
                input.name
            ));
            continue;
        };
        let expected: Value = serde_json::from_str(&text).expect("expectations are JSON");
        assert!(
            expected.get("about").is_some(),
            "{}: no `about`",
            input.name
        );
        failures.extend(
            mismatches(input, &extraction, &expected)
                .into_iter()
                .map(|m| format!("{}: {m}", input.name)),
        );
    }
    // No expectations without their input.
    for entry in fs::read_dir(folder()).expect("folder") {
        let file = entry.expect("entry").file_name();
        let file = file.to_string_lossy();
        if let Some(name) = file.strip_suffix(".expected.json") {
            assert!(inputs.iter().any(|i| i.name == name), "{file} has no input");
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn encodings_are_detected() {
    let text = fs::read_to_string(folder().join("encodings.txt")).expect("fixture");
    let reference = extract(text.as_bytes(), None).expect("extracts").report;
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16le.extend_from_slice(&unit.to_le_bytes());
        utf16be.extend_from_slice(&unit.to_be_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (bytes, encoding) in [
        (gbk.into_owned(), "gb18030"),
        (utf16le, "UTF-16LE"),
        (utf16be, "UTF-16BE"),
        (bom, "UTF-8"),
    ] {
        let extraction = extract(&bytes, None).expect("extracts");
        assert_eq!(extraction.encoding, encoding);
        assert_eq!(extraction.report, reference, "{encoding}");
    }
}

#[test]
fn nothing_recognisable_gives_problems_not_panics() {
    for input in [
        "",
        "\u{FEFF}",
        "无",
        "<html></html>",
        "PK",
        "一、总体情况\n\t\t\t|||",
    ] {
        let extraction = extract(input.as_bytes(), None).expect("extracts");
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.code == ProblemCode::SectionMissing)
        );
        assert_missing_cells_explained(&extraction);
    }
    // A ZIP signature without a readable archive is refused, not read as text.
    assert!(extract(b"PK\x03\x04 not a zip", None).is_err());
}

/// Markdown whose tables are HTML (MinerU) is read alike under any name: named `.html` (MinerU
/// 1.x wraps every table in `<html><body>`), its lines are still lines, not run together as an
/// HTML page's text. Text that only mentions `<table>` and `<td>` in prose reads as before.
#[test]
fn markdown_with_html_tables_is_read_alike_under_any_name() {
    let bytes = fs::read(folder().join("markdown-html-tables.md")).expect("the fixture");
    let reference = extract(&bytes, Some("report.md")).expect("extracts");
    assert_eq!(
        serde_json::to_value(reference.format).expect("serializes"),
        "text"
    );
    for name in ["report.html", "report.txt", "report.htm"] {
        assert!(
            extract(&bytes, Some(name)).expect("extracts") == reference,
            "{name}"
        );
    }
    let fixture =
        fs::read_to_string(folder().join("markdown-pipe-tables.md")).expect("the fixture");
    let mentioned = fixture.replacen(
        "本年度工作概况。",
        "本年度工作概况。网站以<table>标签展示数据，<td>为单元格。",
        1,
    );
    assert_ne!(mentioned, fixture);
    let plain = extract(fixture.as_bytes(), None).expect("extracts");
    let read = extract(mentioned.as_bytes(), Some("report.md")).expect("extracts");
    assert_eq!(read.format, plain.format);
    for key in ["active_disclosure", "applications", "review_litigation"] {
        assert_eq!(read.report.get(key), plain.report.get(key), "{key}");
    }
    assert_eq!(read.problems, plain.problems);
    assert!(
        read.report
            .pointer("/overview/text")
            .and_then(Value::as_str)
            .is_some_and(|t| t.contains("<table>标签"))
    );
}

/// A page that declares itself HTML (a doctype or `<html>` first) is read as the page it is under
/// any name: a crawler saves the pages it fetches as `.txt` (read as text, such a page lost
/// 199 of its 200 cells). A page that does not declare itself stays what its name says.
#[test]
fn a_page_declaring_itself_html_is_read_as_one_under_a_text_name() {
    let converted = folder().join("../converted");
    for path in [
        folder().join("html-rowspan-colspan.html"),
        converted.join("008_huaian_city_2024.pdftohtml.html"),
    ] {
        let bytes = fs::read(&path).expect("the fixture");
        let page = extract(&bytes, Some("report.html")).expect("extracts");
        for name in ["report.txt", "report.md"] {
            assert!(
                extract(&bytes, Some(name)).expect("extracts") == page,
                "{} named {name}",
                path.display()
            );
        }
    }
    let undeclared =
        fs::read(folder().join("heading-as-first-table-row.html")).expect("the fixture");
    let as_text = extract(&undeclared, Some("report.txt")).expect("extracts");
    assert_eq!(
        serde_json::to_value(as_text.format).expect("serializes"),
        "text"
    );
}

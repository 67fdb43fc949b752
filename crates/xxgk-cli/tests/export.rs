//! `xxgk export`: the bundled seeds and examples as one table in XLSX (read back from its XML),
//! CSV and JSON Lines; cells equal to what `xxgk extract` reads, blanks empty, bad files as rows,
//! and outputs that never replace an input.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::Event;
use serde_json::Value;
use xxgk_model::{STANDARD_2019, STANDARD_2021};

use common::{ok, root, xxgk};

const SEED_003: &str = "corpus/seeds/003_fe18fb2511738761.txt";

/// The report files under `dir`, its subdirectories included (`examples/real`).
fn reports_under(dir: &str, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(root().join(dir)).expect("bundled directory") {
        let entry = entry.expect("entry");
        let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("type").is_dir() {
            reports_under(&path, found);
        } else if [".txt", ".md", ".json", ".yaml"]
            .iter()
            .any(|ext| path.ends_with(ext))
        {
            found.push(path);
        }
    }
}

/// The files the walk finds in the seeds and the examples, in its order (sorted paths).
fn bundled() -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["corpus/seeds", "examples"] {
        let mut found = Vec::new();
        reports_under(dir, &mut found);
        found.sort();
        files.extend(found);
    }
    files
}

/// The example with one cell removed (a blank, not a 0) and a file that is no JSON.
fn extra_inputs(dir: &Path) -> (String, String) {
    let text = std::fs::read_to_string(root().join("examples/jingyue-2024.json")).expect("example");
    let mut doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["applications"]["new_received"]
        .as_object_mut()
        .expect("row")
        .remove("other_org");
    let blank = dir.join("blank.json");
    std::fs::write(&blank, doc.to_string()).expect("write");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{").expect("write");
    (
        blank.to_string_lossy().into_owned(),
        broken.to_string_lossy().into_owned(),
    )
}

/// `xxgk export` of the seeds, the examples and the extra inputs (written into `dir`) to
/// `dir/out.TO`, `args` after, which must succeed: the output, the blank input and the broken one.
fn export_with_extras(dir: &Path, to: &str, args: &[&str]) -> (PathBuf, String, String) {
    let (blank, broken) = extra_inputs(dir);
    let output = dir.join(format!("out.{to}"));
    let path = output.to_str().expect("UTF-8 path");
    let mut all = vec![
        "export",
        "corpus/seeds",
        "examples",
        &blank,
        &broken,
        "--to",
        to,
        "-o",
        path,
    ];
    all.extend(args);
    ok(&xxgk(&all));
    (output, blank, broken)
}

/// The cell a blank report leaves empty, and one it has as 0.
const BLANK: &str = "/applications/new_received/other_org";
const ZERO: &str = "/applications/new_received/research_institution";

/// What `xxgk extract` reads from seed 003.
fn extracted_003() -> Value {
    let out = xxgk(&["extract", SEED_003]);
    ok(&out);
    serde_json::from_slice(&out.stdout).expect("extract prints JSON")
}

/// A cell of a sheet: its text and whether it is a number (else a string).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    number: bool,
}

/// `B12` as (row, column), both from 0.
fn place(reference: &str) -> (usize, usize) {
    let letters = reference.bytes().take_while(u8::is_ascii_uppercase);
    let col = letters.fold(0, |acc, b| acc * 26 + usize::from(b - b'A' + 1)) - 1;
    let row: usize = reference
        .trim_start_matches(|c: char| c.is_ascii_uppercase())
        .parse()
        .expect("row number");
    (row - 1, col)
}

/// The cells of worksheet `n` (from 1) of a workbook, by place, read from the sheet's XML.
fn sheet(book: &Path, n: usize) -> BTreeMap<(usize, usize), Cell> {
    let file = std::fs::File::open(book).expect("workbook");
    let mut zip = zip::ZipArchive::new(file).expect("an XLSX is a zip");
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .expect("sheet")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut cells = BTreeMap::new();
    let mut current: Option<((usize, usize), Cell)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == "c" => {
                let attr = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.into_owned())
                };
                let at = place(&attr("r").expect("a cell has its reference"));
                let number = attr("t").is_none();
                current = Some((
                    at,
                    Cell {
                        text: String::new(),
                        number,
                    },
                ));
            }
            Event::Start(e) if matches!(e.name().as_ref(), "v" | "t") => in_text = true,
            Event::End(e) if matches!(e.name().as_ref(), "v" | "t") => in_text = false,
            Event::End(e) if e.name().as_ref() == "c" => {
                if let Some((at, cell)) = current.take() {
                    cells.insert(at, cell);
                }
            }
            Event::Text(t) if in_text => {
                if let Some((_, cell)) = &mut current {
                    cell.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text => {
                let c = match &*g {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("entity {other}"),
                };
                if let Some((_, cell)) = &mut current {
                    cell.text.push(c);
                }
            }
            _ => {}
        }
    }
    cells
}

/// The text of a sheet's cell, empty where there is none.
fn text(cells: &BTreeMap<(usize, usize), Cell>, row: usize, col: usize) -> &str {
    cells.get(&(row, col)).map_or("", |c| c.text.as_str())
}

/// The columns before the cells.
const FIXED: usize = 8;

/// The header of a cell's column: its verbatim label path and its pointer.
fn header(cell: &xxgk_model::Cell) -> String {
    format!("{}\n{}", cell.labels_zh.join(" › "), cell.pointer)
}

/// The row whose file column ends with `name`.
fn row_of(cells: &BTreeMap<(usize, usize), Cell>, rows: usize, name: &str) -> usize {
    (1..=rows)
        .find(|&r| text(cells, r, 0).ends_with(name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn xlsx_is_one_row_per_file_under_the_chinese_labels_with_the_extracted_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (book, blank, broken) = export_with_extras(dir.path(), "xlsx", &[]);
    // The temporary file is gone: only the workbook is left.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");

    let reports = sheet(&book, 1);
    // The header: the fixed columns, then every cell under its label path and pointer.
    assert_eq!(text(&reports, 0, 0), "文件\nfile");
    assert_eq!(
        text(&reports, 0, 1),
        "报告信息 › 发布机关 › 机关名称\n/metadata/organ/name"
    );
    assert_eq!(text(&reports, 0, 4), "结论\nverdict");
    for (k, cell) in STANDARD_2021.cells.iter().enumerate() {
        assert_eq!(text(&reports, 0, FIXED + k), header(cell));
    }
    assert!(text(&reports, 0, FIXED).starts_with("二、主动公开政府信息情况 › "));
    assert_eq!(STANDARD_2021.cells.len(), 200);

    // One row per file, in the walk's order.
    let mut files = bundled();
    files.push(blank.clone());
    files.push(broken.clone());
    let rows = reports.keys().map(|(r, _)| *r).max().expect("rows");
    assert_eq!(rows, files.len());
    for (r, file) in files.iter().enumerate() {
        assert_eq!(text(&reports, r + 1, 0), file);
    }

    // Seed 003: organ, year, edition, verdict, and every cell as `xxgk extract` reads it.
    let extracted = extracted_003();
    let r = row_of(&reports, rows, SEED_003);
    assert_eq!(text(&reports, r, 1), "长春净月高新技术产业开发区");
    assert_eq!(text(&reports, r, 2), "2024");
    assert_eq!(text(&reports, r, 3), "2021");
    assert_eq!(text(&reports, r, 4), "符合标准");
    for (k, cell) in STANDARD_2021.cells.iter().enumerate() {
        let got = reports.get(&(r, FIXED + k));
        match extracted.pointer(cell.pointer) {
            Some(Value::Number(n)) => {
                let got = got.unwrap_or_else(|| panic!("{} is blank", cell.pointer));
                assert!(got.number, "{} is a number", cell.pointer);
                assert_eq!(got.text, n.to_string(), "{}", cell.pointer);
            }
            // The amount `1032.60994` is exact as a float: written as a number.
            Some(Value::String(digits)) => {
                let got = got.unwrap_or_else(|| panic!("{} is blank", cell.pointer));
                assert!(got.number, "{}", cell.pointer);
                assert_eq!(&got.text, digits);
            }
            None => assert_eq!(got, None, "{} is not read, so empty", cell.pointer),
            Some(other) => panic!("{}: {other}", cell.pointer),
        }
    }
    assert_eq!(
        text(&reports, r, FIXED + 9),
        "1032.60994",
        "the amount cell"
    );

    // A blank is an empty cell, a 0 is a 0.
    let r = row_of(&reports, rows, "blank.json");
    let col = |pointer: &str| {
        FIXED
            + STANDARD_2021
                .cells
                .iter()
                .position(|c| c.pointer == pointer)
                .expect("cell")
    };
    assert_eq!(reports.get(&(r, col(BLANK))), None);
    assert_eq!(text(&reports, r, col(ZERO)), "0");
    assert_eq!(text(&reports, r, 4), "不符合标准");
    assert_eq!(text(&reports, r, 5), "1", "one error");

    // A file that is no JSON is a row with its verdict; the batch went on past it.
    let r = row_of(&reports, rows, "broken.json");
    assert_eq!(text(&reports, r, 4), "无法读取");
    assert_eq!(text(&reports, r, 5), "", "no count for a file not read");

    // The findings: the blank cell's finding under its label, and the broken file's reason.
    let findings = sheet(&book, 2);
    assert_eq!(text(&findings, 0, 5), "标签\nlabel");
    let lines = findings.keys().map(|(r, _)| *r).max().expect("rows");
    let blank_line = (1..=lines)
        .find(|&l| text(&findings, l, 0) == blank && text(&findings, l, 4) == BLANK)
        .expect("the blank cell's finding");
    assert_eq!(text(&findings, blank_line, 1), "schema");
    assert_eq!(text(&findings, blank_line, 3), "error");
    let label = STANDARD_2021.cells[col(BLANK) - FIXED]
        .labels_zh
        .join(" › ");
    assert_eq!(text(&findings, blank_line, 5), label);
    assert!(!text(&findings, blank_line, 6).is_empty());
    assert!(
        (1..=lines)
            .any(|l| text(&findings, l, 0) == broken && text(&findings, l, 1) == "unreadable")
    );
}

#[test]
fn csv_is_two_files_with_a_bom_and_a_row_per_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (out_csv, blank, broken) = export_with_extras(dir.path(), "csv", &["--lang", "en"]);
    let reports = std::fs::read(&out_csv).expect("reports");
    let findings = std::fs::read(dir.path().join("out.findings.csv")).expect("findings");
    for bytes in [&reports, &findings] {
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "a UTF-8 BOM first"
        );
    }
    let mut reader = csv::Reader::from_reader(&reports[3..]);
    let headers = reader.headers().expect("header").clone();
    // The 2021 cells first, in template order; the 2019 edition's own columns after them.
    assert_eq!(headers.len(), FIXED + 200 + 29);
    for (k, cell) in STANDARD_2021.cells.iter().enumerate() {
        assert_eq!(&headers[FIXED + k], header(cell));
    }
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let mut files = bundled();
    files.push(blank.clone());
    files.push(broken);
    assert_eq!(
        records.iter().map(|r| r[0].to_owned()).collect::<Vec<_>>(),
        files
    );
    let extracted = extracted_003();
    let seed = records
        .iter()
        .find(|r| &r[0] == SEED_003)
        .expect("seed 003");
    assert_eq!(&seed[4], "conformant", "--lang en");
    for (k, cell) in STANDARD_2021.cells.iter().enumerate() {
        let want = match extracted.pointer(cell.pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        assert_eq!(&seed[FIXED + k], want, "{}", cell.pointer);
    }
    let blank_row = records.iter().find(|r| r[0] == blank).expect("blank row");
    let at = |p: &str| {
        FIXED
            + STANDARD_2021
                .cells
                .iter()
                .position(|c| c.pointer == p)
                .expect("cell")
    };
    assert_eq!(&blank_row[at(BLANK)], "");
    assert_eq!(&blank_row[at(ZERO)], "0");
    let mut findings = csv::Reader::from_reader(&findings[3..]);
    assert!(findings.records().any(|r| {
        let r = r.expect("record");
        r[0] == blank && &r[4] == BLANK && &r[2] == "S1"
    }));
}

#[test]
fn jsonl_goes_to_stdout_a_report_a_line_with_cells_by_pointer() {
    let out = xxgk(&["export", "corpus/seeds", "examples", "--to", "jsonl"]);
    ok(&out);
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(
        lines
            .iter()
            .map(|l| l["file"].as_str().expect("file").to_owned())
            .collect::<Vec<_>>(),
        bundled()
    );
    let seed = lines
        .iter()
        .find(|l| l["file"] == SEED_003)
        .expect("seed 003");
    assert_eq!(seed["verdict"], "conformant");
    let extracted = extracted_003();
    let cells = seed["cells"].as_object().expect("cells");
    for cell in STANDARD_2021.cells {
        assert_eq!(
            cells.get(cell.pointer),
            extracted.pointer(cell.pointer),
            "{}",
            cell.pointer
        );
    }
}

#[test]
fn no_output_replaces_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let findings = dir.path().join("x.findings.csv");
    std::fs::write(&findings, "not a report").expect("write");
    let out_csv = dir.path().join("x.csv");
    let out = xxgk(&[
        "export",
        findings.to_str().expect("UTF-8"),
        "--to",
        "csv",
        "-o",
        out_csv.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input"));
    assert_eq!(
        std::fs::read_to_string(&findings).expect("kept"),
        "not a report"
    );
    assert!(!out_csv.exists(), "nothing written");

    // A link to an input is refused too: renaming over it would point the link's name elsewhere.
    let dataset = dir.path().join("data.jsonl");
    std::fs::write(&dataset, "{}\n").expect("write");
    #[cfg(unix)]
    {
        let link = dir.path().join("link.jsonl");
        std::os::unix::fs::symlink(&dataset, &link).expect("symlink");
        let out = xxgk(&[
            "export",
            dataset.to_str().expect("UTF-8"),
            "--to",
            "jsonl",
            "-o",
            link.to_str().expect("UTF-8"),
        ]);
        assert_eq!(out.status.code(), Some(2));
    }
    assert_eq!(std::fs::read_to_string(&dataset).expect("kept"), "{}\n");
}

/// A link where the output goes is replaced, not written through.
#[cfg(unix)]
#[test]
fn an_output_link_is_replaced_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "keep").expect("write");
    let out_path = dir.path().join("out.jsonl");
    std::os::unix::fs::symlink(&elsewhere, &out_path).expect("symlink");
    let out = xxgk(&[
        "export",
        "examples/jingyue-2024.json",
        "--to",
        "jsonl",
        "-o",
        out_path.to_str().expect("UTF-8"),
    ]);
    ok(&out);
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("kept"), "keep");
    let meta = std::fs::symlink_metadata(&out_path).expect("output");
    assert!(meta.file_type().is_file());
    let text = std::fs::read_to_string(&out_path).expect("output");
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn xlsx_and_csv_need_an_output_file() {
    for to in ["xlsx", "csv"] {
        let out = xxgk(&["export", "examples", "--to", to]);
        assert_eq!(out.status.code(), Some(2), "{to}");
        assert!(out.stdout.is_empty());
    }
}
/// A published 2019-format report is extracted into the 2019 edition: its row has the cells the
/// extractor read, at their 2019 pointers, and none of the 2021-only cells.
#[test]
fn a_published_2019_report_fills_its_2019_cells() {
    const REPORT: &str = "crates/xxgk-extract/tests/data/layouts/edition-2019.txt";
    let out = xxgk(&["export", REPORT, "--to", "jsonl"]);
    ok(&out);
    let line: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["edition"], "2019");
    assert_eq!(line["organ"], "测试街道");
    let extracted = xxgk(&["extract", REPORT]);
    ok(&extracted);
    let report: Value = serde_json::from_slice(&extracted.stdout).expect("extract prints JSON");
    let cells = line["cells"].as_object().expect("cells");
    let read: Vec<&str> = STANDARD_2019
        .cells
        .iter()
        .map(|c| c.pointer)
        .filter(|p| report.pointer(p).is_some())
        .collect();
    assert!(read.len() > 100, "the extractor reads the 2019 tables");
    assert_eq!(cells.len(), read.len(), "every cell read, and only those");
    for pointer in read {
        assert_eq!(Some(&cells[pointer]), report.pointer(pointer), "{pointer}");
    }
    assert!(cells.contains_key("/applications/results/other/total"));
    assert!(!cells.contains_key("/applications/results/other/no_correction/total"));
    assert!(!cells.contains_key("/active_disclosure/regulations/in_force"));

    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("2019.xlsx");
    let out = xxgk(&[
        "export",
        REPORT,
        "--to",
        "xlsx",
        "-o",
        book.to_str().expect("UTF-8"),
    ]);
    ok(&out);
    let reports = sheet(&book, 1);
    assert_eq!(text(&reports, 1, 3), "2019");
    // The file prints no 行政处罚, 行政强制 or 行政事业性收费 row (unread: 8 cells), and breaks
    // no identity; its section 六 fee sentence is text in the 2019 edition, not the 2021 fee
    // figures (which once gave it an S2 and 不符合标准).
    assert_eq!(text(&reports, 1, 4), "无法判定");
}

/// The canonical reports of both editions exported together.
const BOTH: [&str; 3] = [
    "conformance/base/realistic.json",
    "conformance/base/realistic-2019.json",
    "examples/real/huizhan-2020-2019.json",
];

/// A cell column as the task defines it: its pointer, header and the editions that have it.
struct Col {
    pointer: &'static str,
    header: String,
    editions: Vec<&'static str>,
}

/// The expected columns: the 2021 cells in template order; a 2019 cell joins one only when the
/// pointer, label path and kind are the same, else it is a column of its own after them.
fn expected_columns() -> Vec<Col> {
    let mut cols: Vec<Col> = STANDARD_2021
        .cells
        .iter()
        .map(|c| Col {
            pointer: c.pointer,
            header: header(c),
            editions: vec!["2021"],
        })
        .collect();
    for c in STANDARD_2019.cells {
        let same = STANDARD_2021
            .cells
            .iter()
            .position(|d| d.pointer == c.pointer && d.labels_zh == c.labels_zh && d.kind == c.kind);
        match same {
            Some(k) => cols[k].editions.push("2019"),
            None => cols.push(Col {
                pointer: c.pointer,
                header: format!("2019年版 › {}", header(c)),
                editions: vec!["2019"],
            }),
        }
    }
    cols
}

fn canonical(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).expect("report"))
        .expect("JSON")
}

/// The value a report's row has in a column: its own, only in a column of its edition.
fn expected<'a>(doc: &'a Value, col: &Col) -> Option<&'a Value> {
    let edition = doc["edition"].as_str().expect("edition");
    col.editions
        .contains(&edition)
        .then(|| doc.pointer(col.pointer))
        .flatten()
}

#[test]
fn both_editions_are_one_table_each_value_in_its_editions_columns() {
    let cols = expected_columns();
    // 表三 and 表四 are shared; 2019's 表二 (22 cells) and its single （六） row (7) are its own.
    let own: Vec<&Col> = cols.iter().filter(|c| c.editions == ["2019"]).collect();
    assert_eq!(own.len(), 29);
    assert!(
        own.iter()
            .all(|c| c.pointer.starts_with("/active_disclosure/")
                || c.pointer.starts_with("/applications/results/other/"))
    );
    assert!(
        cols.iter().filter(|c| c.editions.len() == 2).count() >= 160,
        "表三 and 表四 are one column each"
    );
    let docs: Vec<Value> = BOTH.iter().map(|p| canonical(p)).collect();
    // The signed change and the published amount are among the values checked.
    assert_eq!(docs[1]["active_disclosure"]["licensing"]["change"], -3);
    assert_eq!(
        docs[1]["active_disclosure"]["procurement"]["amount"],
        "251000元"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let path = |name: &str| dir.path().join(name).to_str().expect("UTF-8").to_owned();
    let run = |to: &str, out: &str| {
        let mut args = vec!["export"];
        args.extend(BOTH);
        args.extend(["--to", to, "-o", out]);
        ok(&xxgk(&args));
    };

    // XLSX: numbers as numbers (a negative change too), the published amount as text.
    run("xlsx", &path("both.xlsx"));
    let book = sheet(&dir.path().join("both.xlsx"), 1);
    assert_eq!(
        book.keys().map(|(_, c)| *c).max(),
        Some(FIXED + cols.len() - 1)
    );
    for (k, col) in cols.iter().enumerate() {
        assert_eq!(text(&book, 0, FIXED + k), col.header);
    }
    for (r, doc) in docs.iter().enumerate() {
        assert_eq!(
            text(&book, r + 1, 3),
            doc["edition"].as_str().expect("edition")
        );
        for (k, col) in cols.iter().enumerate() {
            let got = book.get(&(r + 1, FIXED + k));
            match expected(doc, col) {
                None => assert_eq!(got, None, "{} {}", BOTH[r], col.header),
                Some(want) => {
                    let got = got.unwrap_or_else(|| panic!("{} {}", BOTH[r], col.pointer));
                    let (digits, is_number) = match want {
                        Value::String(s) => (s.clone(), s.parse::<f64>().is_ok()),
                        other => (other.to_string(), true),
                    };
                    assert_eq!(
                        (&got.text, got.number),
                        (&digits, is_number),
                        "{}",
                        col.pointer
                    );
                }
            }
        }
    }

    // CSV: every value as its text, a blank where the column is not of the report's edition.
    run("csv", &path("both.csv"));
    let bytes = std::fs::read(dir.path().join("both.csv")).expect("csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().expect("header").clone();
    assert_eq!(headers.len(), FIXED + cols.len());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    for (record, doc) in records.iter().zip(&docs) {
        for (k, col) in cols.iter().enumerate() {
            let want = match expected(doc, col) {
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            };
            assert_eq!(&record[FIXED + k], want, "{}", col.header);
        }
    }
    assert!(
        records[1].iter().any(|f| f == "-3"),
        "a negative change is a number"
    );

    // JSON Lines: the report's own cells by pointer, exactly as the document has them.
    run("jsonl", &path("both.jsonl"));
    let text = std::fs::read_to_string(dir.path().join("both.jsonl")).expect("jsonl");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    assert_eq!(lines.len(), 3);
    for (line, doc) in lines.iter().zip(&docs) {
        let want: serde_json::Map<String, Value> = cols
            .iter()
            .filter_map(|c| Some((c.pointer.to_owned(), expected(doc, c)?.clone())))
            .collect();
        assert_eq!(line["cells"], Value::Object(want), "{}", line["file"]);
    }
    assert_eq!(lines[1]["cells"]["/active_disclosure/licensing/change"], -3);
    assert_eq!(lines[1]["cells"].as_object().expect("cells").len(), 198);
}

#[test]
fn one_edition_keeps_its_own_columns_in_its_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_csv = dir.path().join("2019.csv");
    let mut args = vec!["export"];
    args.extend(BOTH);
    let out_path = out_csv.to_str().expect("UTF-8");
    args.extend(["--to", "csv", "-o", out_path, "--edition", "2019"]);
    ok(&xxgk(&args));
    let bytes = std::fs::read(&out_csv).expect("csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().expect("header").clone();
    let cells: Vec<&str> = headers.iter().skip(FIXED).collect();
    let want: Vec<String> = STANDARD_2019.cells.iter().map(header).collect();
    assert_eq!(cells, want);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert!(
        records[0].iter().skip(FIXED).all(str::is_empty),
        "a 2021 report has no 2019 cell"
    );
    let doc = canonical(BOTH[1]);
    for (k, cell) in STANDARD_2019.cells.iter().enumerate() {
        let want = match doc.pointer(cell.pointer).expect("a full report") {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        assert_eq!(&records[1][FIXED + k], want, "{}", cell.pointer);
    }
}

#[test]
fn csv_text_that_starts_like_a_formula_is_quoted_numbers_are_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut inputs = Vec::new();
    for (k, organ) in [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "长春",
    ]
    .iter()
    .enumerate()
    {
        let mut doc = canonical(BOTH[1]);
        doc["metadata"]["organ"]["name"] = Value::from(*organ);
        let path = dir.path().join(format!("{k}.json"));
        std::fs::write(&path, doc.to_string()).expect("write");
        inputs.push(path.to_str().expect("UTF-8").to_owned());
    }
    let out_csv = dir.path().join("out").join("x.csv");
    let out_book = dir.path().join("out").join("x.xlsx");
    for (to, out) in [("csv", &out_csv), ("xlsx", &out_book)] {
        let mut args = vec!["export"];
        args.extend(inputs.iter().map(String::as_str));
        args.extend(["--to", to, "-o", out.to_str().expect("UTF-8")]);
        ok(&xxgk(&args));
    }
    let bytes = std::fs::read(&out_csv).expect("csv");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let change = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h.ends_with("\n/active_disclosure/licensing/change"))
        .expect("the change column");
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let organs: Vec<&str> = records.iter().map(|r| &r[1]).collect();
    assert_eq!(
        organs,
        [
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'+1",
            "'-1",
            "'@SUM(A1)",
            "'\tx",
            "'\rx",
            "长春"
        ]
    );
    assert!(
        records.iter().all(|r| &r[change] == "-3"),
        "a number is never quoted"
    );
    // XLSX writes text as a string cell, never a formula: the organ is kept as it is.
    let book = sheet(&out_book, 1);
    let cell = book.get(&(1, 1)).expect("organ");
    assert_eq!(
        (cell.text.as_str(), cell.number),
        ("=HYPERLINK(\"http://x\",\"y\")", false)
    );
    assert_eq!(text(&book, 1, change), "-3");
    assert!(book.get(&(1, change)).expect("change").number);
}

/// An export that cannot be written in full (here: a file-size limit, as a full disk) exits 2
/// with a message, leaves the old output and no temporary file, for every form.
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_no_output_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = canonical(BOTH[1]).to_string();
    let dataset = dir.path().join("data.jsonl");
    std::fs::write(&dataset, format!("{line}\n").repeat(64)).expect("write");
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let mut want = vec!["data.jsonl".to_owned()];
    for (to, name) in [
        ("xlsx", "out.xlsx"),
        ("csv", "out.csv"),
        ("jsonl", "out.jsonl"),
    ] {
        let target = dir.path().join(name);
        std::fs::write(&target, "old").expect("write");
        want.push(name.to_owned());
        want.sort();
        // `ulimit -f 8`: no file grows past 4 KiB; SIGXFSZ ignored, so a write fails instead.
        let out = Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_xxgk"))
            .args(["export", dataset.to_str().expect("UTF-8"), "--to", to, "-o"])
            .arg(&target)
            .output()
            .expect("sh runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{to}: {stderr}");
        assert!(stderr.starts_with("xxgk export: "), "{to}: {stderr}");
        assert!(!stderr.contains("panicked"), "{to}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(&target).expect("kept"),
            "old",
            "{to}"
        );
        assert_eq!(names(), want, "{to}: no temporary file left");
    }
}

//! The three forms of an export, each written a row at a time: XLSX (constant-memory sheets),
//! CSV (two files with a BOM, text fields guarded against formula injection) and JSON Lines.

use std::borrow::Cow;
use std::io::Write;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use serde_json::{Map, Value, json};
use xxgk_check::Lang;
use xxgk_model::STANDARD_2021;

use super::output::{AtomicFile, Targets};
use super::{CellOut, Column, ExportFormat, Row};

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

/// The header of the reports table: the fixed columns, then every cell column, each as
/// `label\npointer` (one header row, so that Excel's filter and sort take it as the header).
fn report_headers(columns: &[Column]) -> Vec<String> {
    let node = |pointer: &str| {
        let label = STANDARD_2021
            .node(pointer)
            .map(|n| n.labels_zh.join(" › "))
            .unwrap_or_default();
        format!("{label}\n{pointer}")
    };
    let mut headers = vec![
        "文件\nfile".to_owned(),
        node("/metadata/organ/name"),
        node("/metadata/report_year"),
        node("/edition"),
        "结论\nverdict".to_owned(),
        "错误\nerrors".to_owned(),
        "警告\nwarnings".to_owned(),
        "未读取\nunread".to_owned(),
    ];
    headers.extend(columns.iter().map(|c| c.header.clone()));
    headers
}

/// The header of the findings table.
const FINDING_HEADERS: [&str; 7] = [
    "文件\nfile",
    "类型\nkind",
    "规则\nrule",
    "严重程度\nseverity",
    "位置\npointer",
    "标签\nlabel",
    "说明\nmessage",
];

/// The fixed columns before the cells.
const FIXED: usize = 8;

/// Counts above this are not all exact as a spreadsheet's binary float: 2^53.
const EXACT_FLOAT: u64 = 1 << 53;

/// The digits Excel keeps of a number.
const EXCEL_DIGITS: usize = 15;

/// An amount as a number that shows exactly its published digits, with the number of decimals to
/// show (`12.30` is 12.3 shown with two): only when the float's shortest form is those digits and
/// Excel keeps them all; otherwise `None`, and the amount is written as text.
fn exact_number(amount: &str) -> Option<(f64, usize)> {
    let decimals = amount.split_once('.').map_or(0, |(_, f)| f.len());
    let significant = amount
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&b| b == b'0')
        .count();
    let number: f64 = amount.parse().ok()?;
    let trimmed = if decimals > 0 {
        amount.trim_end_matches('0').trim_end_matches('.')
    } else {
        amount
    };
    (significant <= EXCEL_DIGITS && number.to_string() == trimmed).then_some((number, decimals))
}

/// Excel's limit on the characters of a cell.
const CELL_CHARS: usize = 32_767;

/// Text cut to what a cell holds, marked where cut (a 30 MB organ name is no cell).
fn cell_text(text: &str) -> Cow<'_, str> {
    if text.chars().nth(CELL_CHARS).is_none() {
        return text.into();
    }
    let at = text
        .char_indices()
        .nth(CELL_CHARS - 1)
        .map_or(text.len(), |(at, _)| at);
    format!("{}…", &text[..at]).into()
}

/// The rows of a worksheet: Excel's limit, after which a table goes on in a new sheet.
const SHEET_ROWS: u32 = 1_048_576;

/// One table of the workbook: the sheet it is being written to and the next row there.
struct Table {
    name: &'static str,
    headers: Vec<String>,
    widths: Vec<f64>,
    sheets: Vec<usize>,
    next_row: u32,
    /// The rows a sheet holds, its header included.
    limit: u32,
}

impl Table {
    fn new(name: &'static str, headers: Vec<String>, widths: Vec<f64>) -> Self {
        Self {
            name,
            headers,
            widths,
            sheets: Vec::new(),
            next_row: SHEET_ROWS,
            limit: SHEET_ROWS,
        }
    }

    /// The sheet and row of the next line, starting a sheet (with its header) when one is full.
    fn next<'w>(
        &mut self,
        book: &'w mut Workbook,
        header: &Format,
    ) -> Result<(&'w mut Worksheet, u32), XlsxError> {
        if self.next_row >= self.limit {
            let sheet = book.add_worksheet_with_constant_memory()?;
            let name = match self.sheets.len() {
                0 => self.name.to_owned(),
                n => format!("{} {}", self.name, n + 1),
            };
            sheet.set_name(name)?;
            for (col, width) in (0u16..).zip(&self.widths) {
                sheet.set_column_width(col, *width)?;
            }
            sheet.set_row_height(0, 96)?;
            sheet.set_freeze_panes(1, 1)?;
            for (col, text) in (0u16..).zip(&self.headers) {
                sheet.write_string_with_format(0, col, text, header)?;
            }
            self.sheets.push(book.worksheets().len() - 1);
            self.next_row = 1;
        }
        let index = self.sheets.last().copied().unwrap_or_default();
        let row = self.next_row;
        self.next_row += 1;
        Ok((book.worksheet_from_index(index)?, row))
    }

    /// Filters on every sheet's header row, over its rows.
    fn filter(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        let last_col = u16::try_from(self.headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
        for (k, &index) in self.sheets.iter().enumerate() {
            let rows = if k + 1 == self.sheets.len() {
                self.next_row
            } else {
                self.limit
            };
            book.worksheet_from_index(index)?.autofilter(
                0,
                0,
                rows.saturating_sub(1).max(1),
                last_col,
            )?;
        }
        Ok(())
    }
}

/// The XLSX form: a reports sheet and a findings sheet, written row by row in step (each a
/// constant-memory sheet with its own temporary file).
pub struct Xlsx {
    book: Workbook,
    file: AtomicFile,
    reports: Table,
    findings: Table,
    header: Format,
    /// `0`, `0.0`, … `0.0000000000`: an amount shows the decimals it was published with.
    decimals: Vec<Format>,
    lang: Lang,
}

fn xlsx_error(e: XlsxError) -> String {
    format!("XLSX: {e}")
}

std::thread_local! {
    /// Set while this thread runs the workbook's code under [`unpanicked`].
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs the workbook's code, turning a panic into an error. `rust_xlsxwriter` writes a
/// constant-memory sheet's rows to its temporary file with `expect` (0.102 has no fallible form):
/// a full disk or a file-size limit panics there. Caught, it fails the export like any write
/// error: the caller drops the workbook, whose temporary files go with it, and nothing takes the
/// output's name. The default panic message is silenced for that code only, on this thread.
fn unpanicked<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("the workbook's writer failed");
        Err(format!("XLSX: {message}"))
    })
}

impl Xlsx {
    fn open(
        file: AtomicFile,
        dir: &std::path::Path,
        lang: Lang,
        columns: &[Column],
    ) -> Result<Self, String> {
        let mut book = Workbook::new();
        // The sheets' rows wait in the output's directory, not in a temporary directory that
        // may be memory.
        book.set_tempdir(dir).map_err(xlsx_error)?;
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let decimals = (0..=10)
            .map(|n| match n {
                0 => Format::new().set_num_format("0"),
                n => Format::new().set_num_format(format!("0.{}", "0".repeat(n))),
            })
            .collect();
        let mut widths = vec![36.0, 28.0, 8.0, 8.0, 12.0, 8.0, 8.0, 8.0];
        widths.resize(FIXED + columns.len(), 14.0);
        let mut book_self = Self {
            book,
            file,
            reports: Table::new("报告", report_headers(columns), widths),
            findings: Table::new(
                "检查发现",
                FINDING_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
                vec![36.0, 10.0, 8.0, 10.0, 44.0, 60.0, 80.0],
            ),
            header,
            decimals,
            lang,
        };
        // Both sheets exist from the start, the reports first, even when no finding is written.
        book_self
            .reports
            .next(&mut book_self.book, &book_self.header)
            .map_err(xlsx_error)?;
        book_self.reports.next_row = 1;
        book_self
            .findings
            .next(&mut book_self.book, &book_self.header)
            .map_err(xlsx_error)?;
        book_self.findings.next_row = 1;
        Ok(book_self)
    }

    fn write(&mut self, row: &Row) -> Result<(), XlsxError> {
        let (sheet, r) = self.reports.next(&mut self.book, &self.header)?;
        sheet.write_string(r, 0, cell_text(&row.file))?;
        if let Some(organ) = &row.organ {
            sheet.write_string(r, 1, cell_text(organ))?;
        }
        if let Some(year) = row.year {
            count(sheet, r, 2, year)?;
        }
        if let Some(edition) = &row.edition {
            sheet.write_string(r, 3, cell_text(edition))?;
        }
        sheet.write_string(r, 4, row.verdict_text(self.lang))?;
        if let Some(t) = row.tally {
            for (col, n) in [(5, t.errors), (6, t.warnings), (7, t.unread)] {
                count(sheet, r, col, n as u64)?;
            }
        }
        for (col, cell) in (FIXED as u16..).zip(&row.cells) {
            match cell {
                Some(CellOut::Count(n)) => count(sheet, r, col, *n)?,
                Some(CellOut::Amount(digits)) => match exact_number(digits) {
                    Some((number, decimals)) => {
                        let format = self.decimals.get(decimals).unwrap_or(&self.header);
                        sheet.write_number_with_format(r, col, number, format)?
                    }
                    None => sheet.write_string(r, col, digits)?,
                },
                Some(CellOut::Signed(n)) if n.unsigned_abs() <= EXACT_FLOAT => {
                    // Exact: every integer up to 2^53 in magnitude is a float.
                    #[allow(clippy::cast_precision_loss)]
                    sheet.write_number(r, col, *n as f64)?
                }
                Some(CellOut::Signed(n)) => sheet.write_string(r, col, n.to_string())?,
                Some(CellOut::Text(text)) => sheet.write_string(r, col, cell_text(text))?,
                None => sheet,
            };
        }
        for f in &row.findings {
            let (sheet, r) = self.findings.next(&mut self.book, &self.header)?;
            sheet.write_string(r, 0, cell_text(&row.file))?;
            for (col, text) in [
                (1, f.kind),
                (2, &f.rule),
                (3, f.severity),
                (4, &f.pointer),
                (5, &f.label),
                (6, &f.message),
            ] {
                if !text.is_empty() {
                    sheet.write_string(r, col, cell_text(text))?;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), String> {
        self.reports.filter(&mut self.book).map_err(xlsx_error)?;
        self.findings.filter(&mut self.book).map_err(xlsx_error)?;
        self.book
            .save_to_writer(&mut self.file)
            .map_err(xlsx_error)?;
        self.file.commit()
    }
}

/// A count as a number when a spreadsheet holds it exactly, else as its digits.
fn count(sheet: &mut Worksheet, row: u32, col: u16, n: u64) -> Result<&mut Worksheet, XlsxError> {
    if n <= EXACT_FLOAT {
        // Exact: every integer up to 2^53 is a float.
        #[allow(clippy::cast_precision_loss)]
        sheet.write_number(row, col, n as f64)
    } else {
        sheet.write_string(row, col, n.to_string())
    }
}

/// The CSV form: the reports and the findings, each a UTF-8 file with a BOM (which Excel needs to
/// read the Chinese as UTF-8).
pub struct Csv {
    reports: csv::Writer<AtomicFile>,
    findings: csv::Writer<AtomicFile>,
    lang: Lang,
    /// The fields of a record of the reports.
    width: usize,
    /// One record's fields, reused.
    fields: Vec<String>,
}

/// The first characters that make a spreadsheet read a CSV field as a formula (OWASP's list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text field as CSV writes it: prefixed with `'` when it begins like a formula, so that a
/// spreadsheet opening the file shows it as text and never evaluates it (OWASP, "CSV Injection").
/// Only text is guarded: numbers (counts, amounts, a signed `-3`) are written as their digits.
fn csv_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_START) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

fn csv_error(e: impl std::fmt::Display) -> String {
    format!("CSV: {e}")
}

impl Csv {
    fn open(
        mut reports: AtomicFile,
        mut findings: AtomicFile,
        lang: Lang,
        columns: &[Column],
    ) -> Result<Self, String> {
        const BOM: &[u8] = "\u{feff}".as_bytes();
        reports.write_all(BOM).map_err(csv_error)?;
        findings.write_all(BOM).map_err(csv_error)?;
        let mut reports = csv::Writer::from_writer(reports);
        let mut findings = csv::Writer::from_writer(findings);
        reports
            .write_record(report_headers(columns))
            .map_err(csv_error)?;
        findings.write_record(FINDING_HEADERS).map_err(csv_error)?;
        Ok(Self {
            reports,
            findings,
            lang,
            width: FIXED + columns.len(),
            fields: Vec::with_capacity(FIXED + columns.len()),
        })
    }

    fn write(&mut self, row: &Row) -> Result<(), csv::Error> {
        let fields = &mut self.fields;
        fields.clear();
        let text = |o: Option<&str>| csv_text(o.unwrap_or_default()).into_owned();
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        fields.push(text(Some(&row.file)));
        fields.push(text(row.organ.as_deref()));
        fields.push(number(row.year));
        fields.push(text(row.edition.as_deref()));
        fields.push(row.verdict_text(self.lang).to_owned());
        for n in [
            row.tally.map(|t| t.errors),
            row.tally.map(|t| t.warnings),
            row.tally.map(|t| t.unread),
        ] {
            fields.push(number(n.map(|n| n as u64)));
        }
        fields.extend(row.cells.iter().map(|cell| match cell {
            Some(CellOut::Count(n)) => n.to_string(),
            Some(CellOut::Amount(digits)) => digits.clone(),
            Some(CellOut::Text(text)) => csv_text(text).into_owned(),
            Some(CellOut::Signed(n)) => n.to_string(),
            None => String::new(),
        }));
        // A row without cells (no report, or no known edition) is as wide as the header.
        fields.resize(self.width, String::new());
        self.reports.write_record(&*fields)?;
        for f in &row.findings {
            let record: [Cow<'_, str>; 7] = [
                csv_text(&row.file),
                f.kind.into(),
                csv_text(&f.rule),
                f.severity.into(),
                csv_text(&f.pointer),
                csv_text(&f.label),
                csv_text(&f.message),
            ];
            self.findings
                .write_record(record.iter().map(|f| f.as_bytes()))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), String> {
        let reports = self.reports.into_inner().map_err(csv_error)?;
        let findings = self.findings.into_inner().map_err(csv_error)?;
        reports.commit()?;
        findings.commit()
    }
}

/// The JSON Lines form: one object per report, to a file or stdout.
pub struct Jsonl {
    out: JsonlOut,
    /// The pointers of the cell columns, the keys of `cells`.
    pointers: Vec<&'static str>,
}

/// Where JSON Lines go.
pub enum JsonlOut {
    /// To the `-o` file.
    File(AtomicFile),
    /// To standard output.
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    /// Standard output, closed by its reader (`| head`): it wants no more rows.
    Closed,
}

impl Jsonl {
    /// Writes one report's line. A reader that closes standard output is no failure: the
    /// output ends there, quietly, as any Unix tool's does.
    fn write(&mut self, row: &Row) -> std::io::Result<()> {
        let line = self.line(row);
        let written = match &mut self.out {
            JsonlOut::File(file) => write_line(file, &line),
            JsonlOut::Stdout(out) => write_line(out, &line),
            JsonlOut::Closed => return Ok(()),
        };
        match written {
            Err(e)
                if e.kind() == std::io::ErrorKind::BrokenPipe
                    && matches!(self.out, JsonlOut::Stdout(_)) =>
            {
                self.out = JsonlOut::Closed;
                Ok(())
            }
            written => written,
        }
    }

    /// The JSON object of one report.
    fn line(&self, row: &Row) -> Value {
        let mut object = Map::new();
        object.insert("file".into(), json!(row.file));
        if let Some(organ) = &row.organ {
            object.insert("organ".into(), json!(organ));
        }
        if let Some(year) = row.year {
            object.insert("year".into(), json!(year));
        }
        if let Some(edition) = &row.edition {
            object.insert("edition".into(), json!(edition));
        }
        object.insert("verdict".into(), json!(row.verdict.name()));
        if let Some(t) = row.tally {
            object.insert("errors".into(), json!(t.errors));
            object.insert("warnings".into(), json!(t.warnings));
            object.insert("unread".into(), json!(t.unread));
        }
        // A blank cell is absent, as in a canonical report; an amount keeps its digits as text.
        let cells: Map<String, Value> = self
            .pointers
            .iter()
            .zip(&row.cells)
            .filter_map(|(c, v)| {
                let value = match v.as_ref()? {
                    CellOut::Count(n) => json!(n),
                    CellOut::Amount(digits) | CellOut::Text(digits) => json!(digits),
                    CellOut::Signed(n) => json!(n),
                };
                Some(((*c).to_owned(), value))
            })
            .collect();
        object.insert("cells".into(), Value::Object(cells));
        let findings: Vec<Value> = row
            .findings
            .iter()
            .map(|f| {
                json!({
                    "kind": f.kind,
                    "rule": f.rule,
                    "severity": f.severity,
                    "pointer": f.pointer,
                    "label": f.label,
                    "message": f.message,
                })
            })
            .collect();
        object.insert("findings".into(), Value::Array(findings));
        Value::Object(object)
    }
}

fn write_line(out: &mut impl Write, line: &Value) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}

/// Where rows go.
pub enum Sink {
    /// A workbook.
    Xlsx(Box<Xlsx>),
    /// Two CSV files.
    Csv(Box<Csv>),
    /// JSON Lines.
    Jsonl(Jsonl),
}

impl Sink {
    /// Opens the export's files (temporary until [`Sink::finish`]).
    pub fn open(
        format: ExportFormat,
        targets: &Targets,
        lang: Lang,
        columns: &[Column],
    ) -> Result<Self, String> {
        let file = |target: &Option<std::path::PathBuf>| {
            target
                .as_deref()
                .map(AtomicFile::create)
                .transpose()?
                .ok_or_else(|| format!("--to {format:?} needs -o FILE").to_lowercase())
        };
        Ok(match format {
            ExportFormat::Xlsx => {
                let main = file(&targets.main)?;
                let dir = main.directory().to_owned();
                Self::Xlsx(Box::new(Xlsx::open(main, &dir, lang, columns)?))
            }
            ExportFormat::Csv => Self::Csv(Box::new(Csv::open(
                file(&targets.main)?,
                file(&targets.findings)?,
                lang,
                columns,
            )?)),
            ExportFormat::Jsonl => Self::Jsonl(Jsonl {
                out: match &targets.main {
                    Some(target) => JsonlOut::File(AtomicFile::create(target)?),
                    None => JsonlOut::Stdout(std::io::BufWriter::with_capacity(
                        1 << 16,
                        std::io::stdout().lock(),
                    )),
                },
                pointers: columns.iter().map(|c| c.pointer).collect(),
            }),
        })
    }

    /// Writes one report's row and its findings.
    pub fn write(&mut self, row: &Row) -> Result<(), String> {
        match self {
            Self::Xlsx(x) => unpanicked(|| x.write(row).map_err(xlsx_error)),
            Self::Csv(c) => c.write(row).map_err(csv_error),
            Self::Jsonl(j) => j.write(row).map_err(|e| format!("cannot write: {e}")),
        }
    }

    /// Whether the reader of standard output closed it: the export ends, quietly.
    pub fn closed(&self) -> bool {
        matches!(
            self,
            Self::Jsonl(Jsonl {
                out: JsonlOut::Closed,
                ..
            })
        )
    }

    /// Completes the files and gives them their names; returns those names, or `None` when the
    /// reader of standard output closed it.
    pub fn finish(self) -> Result<Option<String>, String> {
        match self {
            Self::Xlsx(x) => {
                let name = x.file.target().display().to_string();
                unpanicked(|| x.finish())?;
                Ok(Some(name))
            }
            Self::Csv(c) => {
                let names = format!(
                    "{} and {}",
                    c.reports.get_ref().target().display(),
                    c.findings.get_ref().target().display()
                );
                c.finish()?;
                Ok(Some(names))
            }
            Self::Jsonl(Jsonl {
                out: JsonlOut::File(file),
                ..
            }) => {
                let name = file.target().display().to_string();
                file.commit()?;
                Ok(Some(name))
            }
            Self::Jsonl(Jsonl {
                out: JsonlOut::Stdout(mut out),
                ..
            }) => match out.flush() {
                Ok(()) => Ok(Some("stdout".to_owned())),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
                Err(e) => Err(format!("cannot write: {e}")),
            },
            Self::Jsonl(Jsonl {
                out: JsonlOut::Closed,
                ..
            }) => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{Format, Workbook};

    use super::{CELL_CHARS, Table, cell_text, exact_number};

    #[test]
    fn a_full_sheet_goes_on_in_the_next() {
        let mut book = Workbook::new();
        let mut table = Table::new("检查发现", vec!["文件\nfile".into()], vec![36.0]);
        table.limit = 3;
        let header = Format::new();
        let mut places = Vec::new();
        for _ in 0..5 {
            let (sheet, row) = table.next(&mut book, &header).unwrap();
            places.push((sheet.name(), row));
        }
        let names = |n: &str| n.to_owned();
        assert_eq!(
            places,
            [
                (names("检查发现"), 1),
                (names("检查发现"), 2),
                (names("检查发现 2"), 1),
                (names("检查发现 2"), 2),
                (names("检查发现 3"), 1),
            ]
        );
        table.filter(&mut book).unwrap();
        book.save_to_buffer().unwrap();
    }

    #[test]
    fn an_amount_is_a_number_only_when_its_digits_survive() {
        assert_eq!(exact_number("1032.60994"), Some((1032.60994, 5)));
        assert_eq!(
            exact_number("12.30"),
            Some((12.3, 2)),
            "shown with two decimals"
        );
        assert_eq!(exact_number("0"), Some((0.0, 0)));
        assert_eq!(exact_number("0.0000000001"), Some((1e-10, 10)));
        assert_eq!(exact_number("100"), Some((100.0, 0)));
        assert_eq!(
            exact_number("999999999999999"),
            Some((999_999_999_999_999.0, 0))
        );
        // Sixteen significant digits: more than Excel keeps.
        assert_eq!(exact_number("1234567890123456"), None);
        assert_eq!(exact_number("123456789012345.6"), None);
        assert_eq!(exact_number("0.1234567890123456"), None);
    }

    #[test]
    fn text_is_cut_to_what_a_cell_holds() {
        assert_eq!(cell_text("长春"), "长春");
        let long = "字".repeat(CELL_CHARS + 5);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), CELL_CHARS);
        assert!(cut.ends_with('…'));
        let exact = "a".repeat(CELL_CHARS);
        assert!(cell_text(&exact) == exact, "a full cell is not cut");
    }
}

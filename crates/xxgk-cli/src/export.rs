//! `xxgk export`: a folder of reports (canonical or published, any edition) as one table, one row
//! per report and one column per cell of either edition's template (one column for a pointer both
//! have), with a second table of findings; written as XLSX, CSV or JSON Lines in memory that does
//! not grow with the number of reports.

pub(crate) mod output;
mod sinks;

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::Value;
use xxgk_check::{Checker, Diagnostic, Format, Kind, Lang, Tally};
use xxgk_document::{Checked, Reading, Report, Source, Verdict};
use xxgk_model::{CellKind, Decimal, STANDARD_2019, STANDARD_2021, Standard};

use crate::check::Job;
use crate::inputs;
use crate::{EXIT_CONFORMANT, EXIT_USAGE, LangArg};

/// Arguments of `xxgk export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files, directories (searched recursively, as `xxgk check` searches them) or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    to: ExportFormat,
    /// Output file. `csv` also writes `NAME.findings.csv` beside it; `jsonl` prints to stdout
    /// without it; `xlsx` and `csv` need it.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Language of messages and verdicts (column headers always carry the Chinese labels).
    #[arg(long, value_enum, default_value = "zh")]
    lang: LangArg,
    /// Read every input (including stdin) as a JSON Lines dataset, whatever its extension.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Only the cells of this edition's template, in its order (default: both editions').
    #[arg(long, value_enum, value_name = "EDITION")]
    edition: Option<EditionArg>,
}

/// An edition of the template, for `--edition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    /// The 2021 template (国办公开办函〔2021〕30号).
    #[value(name = "2021")]
    E2021,
    /// The 2019 template.
    #[value(name = "2019")]
    E2019,
}

impl EditionArg {
    fn standard(self) -> &'static Standard {
        match self {
            Self::E2021 => &STANDARD_2021,
            Self::E2019 => &STANDARD_2019,
        }
    }
}

/// The editions a report can follow, the 2021 first: its columns come first.
const STANDARDS: [&Standard; 2] = [&STANDARD_2021, &STANDARD_2019];

/// One column of cells: a pointer and what it holds in each edition that has it.
pub struct Column {
    /// JSON Pointer of the cell.
    pub pointer: &'static str,
    /// The verbatim label path of the cell in the first edition that has it.
    labels: &'static [&'static str],
    /// The header: the label path of the first edition that has it (prefixed with the edition
    /// when another edition's columns precede it), then the pointer.
    pub header: String,
    /// The editions that have the cell, with its kind in each.
    kinds: Vec<(&'static str, CellKind)>,
}

/// The cell columns of an export: every cell of the given editions, each edition's in its
/// template order after the columns of the editions before it. A cell is the column of an earlier
/// edition only when that column has its pointer, label path and kind (表三 and 表四); a cell
/// whose words differ (2019's 表二 `处理决定数量` against 2021's `本年处理决定数量`) is a column of
/// its own even under the same pointer: nothing is taken to mean the same across editions unless
/// both templates say it alike.
pub fn columns(only: Option<EditionArg>) -> Vec<Column> {
    let standards: Vec<&Standard> = match only {
        Some(edition) => vec![edition.standard()],
        None => STANDARDS.to_vec(),
    };
    let mut columns: Vec<Column> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (k, standard) in standards.iter().enumerate() {
        for cell in standard.cells {
            let same = at.get(cell.pointer).and_then(|&i| columns.get_mut(i));
            if let Some(column) = same.filter(|c| {
                c.labels == cell.labels_zh && c.kinds.iter().all(|(_, kind)| *kind == cell.kind)
            }) {
                column.kinds.push((standard.edition, cell.kind));
                continue;
            }
            let label = cell.labels_zh.join(" › ");
            let header = match k {
                0 => format!("{label}\n{}", cell.pointer),
                _ => format!("{}年版 › {label}\n{}", standard.edition, cell.pointer),
            };
            at.entry(cell.pointer).or_insert(columns.len());
            columns.push(Column {
                pointer: cell.pointer,
                labels: cell.labels_zh,
                header,
                kinds: vec![(standard.edition, cell.kind)],
            });
        }
    }
    columns
}

/// Formats of `xxgk export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One workbook: a sheet of reports and a sheet of findings.
    Xlsx,
    /// Two UTF-8 files with a BOM: `NAME.csv` (reports) and `NAME.findings.csv`.
    Csv,
    /// One JSON object per report, its cells keyed by pointer and its findings inside.
    Jsonl,
}

/// Reports checked per parallel chunk: the rows waiting to be written are bounded by it.
const CHUNK: usize = 256;

/// The value of one cell as the report has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellOut {
    /// A count.
    Count(u64),
    /// An amount, with its published digits.
    Amount(String),
    /// A signed change (the 2019 edition's `本年增/减`).
    Signed(i64),
    /// A published figure kept as printed, with its unit (the 2019 edition's `采购总金额`).
    Text(String),
}

/// One line of the findings table: a finding, an unread cell, or why a file is no report.
#[derive(Debug, Clone)]
pub struct Finding {
    /// `schema`, `rule`, `unread`, `unreadable` or `not_a_report`.
    pub kind: &'static str,
    /// The rule id (`R1`, `S3`, `unread`), empty for a file that is no report.
    pub rule: String,
    /// `error`, `warning` or `info`; empty for a file that is no report.
    pub severity: &'static str,
    /// JSON Pointer of the value.
    pub pointer: String,
    /// The verbatim Chinese label path of the value, when the template names it.
    pub label: String,
    /// The message in the chosen language.
    pub message: String,
}

/// One report as a row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The input's name (`FILE:LINE` for a line of a dataset).
    pub file: String,
    /// `/metadata/organ/name`.
    pub organ: Option<String>,
    /// `/metadata/report_year`.
    pub year: Option<u64>,
    /// The edition of the format the report follows (`2021`, `2019`).
    pub edition: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The counts, for a report that was read.
    pub tally: Option<Tally>,
    /// The cells in the order of the export's [`columns`], `None` where blank, not read or not
    /// in the report's edition; empty for a report of no known edition or not read.
    pub cells: Vec<Option<CellOut>>,
    /// Its findings and unread cells, in the order of the diagnostics.
    pub findings: Vec<Finding>,
}

/// What every row is written against: the cell columns, and the Chinese label path of every
/// node of each edition's template, by edition and pointer.
pub struct Layout {
    /// The cell columns.
    pub columns: Vec<Column>,
    labels: HashMap<&'static str, HashMap<&'static str, String>>,
}

impl Layout {
    fn new(only: Option<EditionArg>) -> Self {
        let labels = STANDARDS
            .iter()
            .map(|s| {
                let nodes = s.nodes.iter();
                (
                    s.edition,
                    nodes
                        .map(|n| (n.pointer, n.labels_zh.join(" › ")))
                        .collect(),
                )
            })
            .collect();
        Self {
            columns: columns(only),
            labels,
        }
    }

    /// The label path of the node at `pointer` in `edition`'s template, or empty.
    pub fn label(&self, edition: Option<&str>, pointer: &str) -> &str {
        self.labels
            .get(edition.unwrap_or(STANDARD_2021.edition))
            .and_then(|nodes| nodes.get(pointer))
            .map_or("", String::as_str)
    }
}

/// A cell's value when it is one the schema accepts; anything else (absent, negative, text in a
/// count) is left blank, and the schema's finding says why.
fn cell_value(doc: &Value, pointer: &str, kind: CellKind) -> Option<CellOut> {
    let value = doc.pointer(pointer)?;
    match kind {
        // The model's own reading of a count: `3.0` is a count, `-1` and `"3"` are not.
        CellKind::Count => xxgk_model::de::count(value).ok().map(CellOut::Count),
        CellKind::Decimal => value
            .as_str()
            .and_then(|s| s.parse::<Decimal>().ok())
            .map(|d| CellOut::Amount(d.to_string())),
        CellKind::Signed => value.as_i64().map(CellOut::Signed),
        CellKind::Published => value.as_str().map(|t| CellOut::Text(t.to_owned())),
    }
}

/// The findings table's lines for one diagnostic: a finding, or one line per unread value.
fn findings_of(
    d: &Diagnostic,
    lang: Lang,
    labels: (&Layout, Option<&str>),
    out: &mut Vec<Finding>,
) {
    let (layout, edition) = labels;
    let kind = match d.kind {
        Kind::Schema => "schema",
        Kind::Rule => "rule",
        Kind::Unread => "unread",
        // A note says an identity could not be evaluated: no finding, and the unread cell that
        // caused it has its own line.
        Kind::NotEvaluable => return,
    };
    let line = |pointer: &str| Finding {
        kind,
        rule: d.rule.clone(),
        severity: d.severity.as_str(),
        pointer: pointer.to_owned(),
        label: match layout.label(edition, pointer) {
            "" => d.label_path.clone().unwrap_or_default(),
            label => label.to_owned(),
        },
        message: d.message(lang).to_owned(),
    };
    if d.kind == Kind::Unread && !d.related.is_empty() {
        out.extend(d.related.iter().map(|p| line(p)));
    } else {
        out.push(line(&d.pointer));
    }
}

impl Row {
    /// The row of one checked input.
    pub fn of(file: String, checked: Checked, lang: Lang, layout: &Layout) -> Self {
        let verdict = checked.verdict();
        let mut row = Self {
            file,
            organ: None,
            year: None,
            edition: None,
            verdict,
            tally: None,
            cells: Vec::new(),
            findings: Vec::new(),
        };
        let file_level = |kind, message: String| Finding {
            kind,
            rule: String::new(),
            severity: "",
            pointer: String::new(),
            label: String::new(),
            message,
        };
        match checked {
            Checked::Unreadable(message) => {
                row.findings.push(file_level("unreadable", message));
            }
            Checked::NotAReport => {
                let message = lang.pick(
                    "不是可识别的政府信息公开工作年度报告（未找到任何章节标题或表格行）",
                    "not an annual report we can read (no section heading and no table row found)",
                );
                row.findings
                    .push(file_level("not_a_report", message.to_owned()));
            }
            Checked::Report(report) => row.fill(&report, lang, layout),
        }
        row
    }

    fn fill(&mut self, report: &Report, lang: Lang, layout: &Layout) {
        self.tally = Some(report.outcome.tally());
        // Canonical text was parsed by the checker, which keeps no value: read it again (it
        // parsed, so this does too); a published report's extraction holds its canonical form.
        let parsed;
        let (doc, edition) = match &report.reading {
            Reading::Canonical(format) => {
                let text = report.source.as_ref().map_or("", |s| s.text.as_str());
                let Ok(value) = xxgk_check::parse(xxgk_check::strip_bom(text), *format) else {
                    self.add_findings(report, lang, layout);
                    return;
                };
                parsed = value;
                let edition = parsed.get("edition").and_then(Value::as_str);
                (&parsed, edition.map(str::to_owned))
            }
            Reading::Extracted(extraction) => {
                let edition = serde_json::to_value(extraction.edition).ok();
                let edition = edition.as_ref().and_then(Value::as_str).map(str::to_owned);
                (&extraction.report, edition)
            }
        };
        self.organ = doc
            .pointer("/metadata/organ/name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        self.year = doc.pointer("/metadata/report_year").and_then(Value::as_u64);
        // A column is read only in the editions that have it: a 2019 value never lands in a
        // 2021-only column (对外公开总数量 is not 现行有效件数), nor the other way round.
        let known = STANDARDS
            .iter()
            .any(|s| edition.as_deref() == Some(s.edition));
        if known {
            self.cells = layout
                .columns
                .iter()
                .map(|c| {
                    let (_, kind) = c
                        .kinds
                        .iter()
                        .find(|(e, _)| Some(*e) == edition.as_deref())?;
                    cell_value(doc, c.pointer, *kind)
                })
                .collect();
        }
        self.edition = edition;
        self.add_findings(report, lang, layout);
    }

    /// The report's findings, labelled from its edition's template.
    fn add_findings(&mut self, report: &Report, lang: Lang, layout: &Layout) {
        let labels = (layout, self.edition.as_deref());
        for d in &report.outcome.diagnostics {
            findings_of(d, lang, labels, &mut self.findings);
        }
    }

    /// The verdict as a person reads it in `lang`.
    pub fn verdict_text(&self, lang: Lang) -> &'static str {
        lang.pick(self.verdict.zh(), self.verdict.name())
    }
}

fn row_of(checker: &Checker, job: Job, lang: Lang, layout: &Layout) -> Row {
    let (name, checked) = match job {
        Job::File(source) => {
            let checked = match source.read() {
                Ok(bytes) => xxgk_document::check(checker, bytes, source.hint().as_deref()),
                Err(message) => Checked::Unreadable(message),
            };
            (source.display(), checked)
        }
        Job::Line(line, _) => {
            let name = line.name();
            let checked = match line.text() {
                Ok(text) => xxgk_document::check_canonical(checker, text, Format::Json),
                Err(message) => Checked::Unreadable(message),
            };
            (name, checked)
        }
        Job::Unopenable(source, message) => (source.display(), Checked::Unreadable(message)),
    };
    Row::of(name, checked, lang, layout)
}

/// Totals printed when the export is written.
#[derive(Default)]
struct Totals {
    rows: usize,
    by_verdict: [usize; 5],
}

impl Totals {
    fn add(&mut self, row: &Row) {
        self.rows += 1;
        let k = match row.verdict {
            Verdict::Conformant => 0,
            Verdict::NotConformant => 1,
            Verdict::Undetermined => 2,
            Verdict::NotAReport => 3,
            Verdict::Unreadable => 4,
        };
        if let Some(n) = self.by_verdict.get_mut(k) {
            *n += 1;
        }
    }
}

/// Runs `xxgk export` and returns the exit code: 0 when the export is written (whatever the
/// reports' verdicts: a bad file is a row) or its reader closed standard output (`| head`,
/// quietly), 2 when it cannot be written.
pub fn run(args: &ExportArgs) -> u8 {
    match export(args) {
        Ok(summary) => {
            if let Some(summary) = summary {
                eprintln!("{summary}");
            }
            EXIT_CONFORMANT
        }
        Err(message) => {
            eprintln!("xxgk export: {message}");
            EXIT_USAGE
        }
    }
}

/// The export, and what it wrote; `None` when the reader of standard output closed it.
fn export(args: &ExportArgs) -> Result<Option<String>, String> {
    let checker = Checker::new().map_err(|e| e.to_string())?;
    if let Some(jobs) = args.jobs {
        // Only fails if a global pool already exists, which cannot happen this early.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
    let lang: Lang = args.lang.into();
    let (inputs, walk_errors) = inputs::expand(&args.paths, args.jsonl);
    let targets = output::targets(args.to, args.out.as_deref())?;
    output::refuse_inputs(&targets, &inputs)?;
    let layout = Layout::new(args.edition);
    let mut sink = sinks::Sink::open(args.to, &targets, lang, &layout.columns)?;
    let mut totals = Totals::default();

    for (path, message) in walk_errors {
        let row = Row::of(
            Source::File(path).display(),
            Checked::Unreadable(message),
            lang,
            &layout,
        );
        totals.add(&row);
        sink.write(&row)?;
    }
    let (chunks, reader) = crate::check::chunks(inputs, CHUNK);
    let mut written = Ok(());
    for chunk in chunks {
        let rows: Vec<Row> = chunk
            .into_par_iter()
            .map(|job| row_of(&checker, job, lang, &layout))
            .collect();
        written = rows.iter().try_for_each(|row| {
            totals.add(row);
            sink.write(row)
        });
        // Nothing more to check for a reader that has gone.
        if written.is_err() || sink.closed() {
            break;
        }
    }
    let _ = reader.join();
    written?;
    let Some(names) = sink.finish()? else {
        return Ok(None);
    };
    let [
        conformant,
        not_conformant,
        undetermined,
        not_a_report,
        unreadable,
    ] = totals.by_verdict;
    Ok(Some(format!(
        "xxgk export: {} reports to {names}: {conformant} conformant, {not_conformant} not \
         conformant, {undetermined} undetermined, {not_a_report} not a report, {unreadable} \
         unreadable",
        totals.rows
    )))
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use xxgk_model::CellKind;

    use super::{CellOut, cell_value};

    #[test]
    fn a_cell_is_blank_unless_the_schema_accepts_its_value() {
        let doc = json!({"a": 3, "b": 3.0, "c": -1, "d": "3", "e": "12.30", "f": 12.3, "g": "1e3"});
        let count = |p| cell_value(&doc, p, CellKind::Count);
        let amount = |p| cell_value(&doc, p, CellKind::Decimal);
        assert_eq!(count("/a"), Some(CellOut::Count(3)));
        assert_eq!(count("/b"), Some(CellOut::Count(3)), "3.0 is an integer");
        assert_eq!(count("/c"), None);
        assert_eq!(count("/d"), None);
        assert_eq!(count("/missing"), None);
        assert_eq!(amount("/e"), Some(CellOut::Amount("12.30".into())));
        assert_eq!(amount("/f"), None, "an amount is a string");
        assert_eq!(amount("/g"), None);
    }
}

//! Output of `xxgk check` in its four formats: human, JSON Lines, SARIF 2.1.0 and JUnit XML.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use anstyle::{AnsiColor, Style};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar as _;
use xxgk_check::{Diagnostic, Kind, Lang, Location, Outcome, Severity, Tally};

use xxgk_document::published::UNREAD_RULE;
use xxgk_document::{Checked, SourceText, Verdict};

use crate::OutputFormat;
use crate::series::SeriesOutput;

/// Why an input is not checked.
#[derive(Debug, Clone)]
pub enum Unreadable {
    /// It cannot be read, or not as a report of its kind (I/O, encoding, syntax, size).
    Io(String),
    /// A published file in which no section heading and no table row was found.
    NotAReport,
}

impl Unreadable {
    fn message(&self, lang: Lang) -> &str {
        match self {
            Self::Io(message) => message,
            Self::NotAReport => lang.pick(
                "不是可识别的政府信息公开工作年度报告（未找到任何章节标题或表格行）",
                "not an annual report we can read (no section heading and no table row found)",
            ),
        }
    }
}

/// Where an input lives, as SARIF addresses it: a file URI and regions in that file.
#[derive(Debug, Clone, Default)]
pub struct Artifact {
    /// The file; `None` for standard input.
    path: Option<Arc<Path>>,
    /// The line of a dataset the report stands on: its locations are on that line of the file.
    line: Option<usize>,
    /// The file's length in bytes, once read: the region of a finding that has no place of its own.
    length: Option<usize>,
    /// The locations are in text derived from the file (a PDF's text layer, a DOCX's XML), not in
    /// the file itself, so they are no region of it.
    derived_text: bool,
}

impl Artifact {
    /// A file, or standard input when `path` is `None`.
    pub fn new(path: Option<Arc<Path>>) -> Self {
        Self {
            path,
            line: None,
            length: None,
            derived_text: false,
        }
    }

    /// The same file, read: `length` bytes long.
    pub fn of_length(mut self, length: usize) -> Self {
        self.length = Some(length);
        self
    }

    /// The report on line `line` of a dataset file.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// What became of one input.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// Name shown in output.
    pub name: String,
    /// The input as SARIF addresses it.
    artifact: Artifact,
    /// The source text, kept only while rendering code frames.
    source: Option<SourceText>,
    /// The diagnostics, or why the file could not be read as a report.
    pub result: Result<Outcome, Unreadable>,
}

impl FileResult {
    /// What checking the input `name` gave.
    pub fn of(name: String, checked: Checked) -> Self {
        let (source, result, derived_text) = match checked {
            Checked::Unreadable(message) => (None, Err(Unreadable::Io(message)), false),
            Checked::NotAReport => (None, Err(Unreadable::NotAReport), false),
            Checked::Report(report) => (report.source, Ok(report.outcome), report.derived_text),
        };
        Self {
            name,
            artifact: Artifact {
                derived_text,
                ..Artifact::default()
            },
            source,
            result,
        }
    }

    /// A file that could not be read as a report.
    pub fn unreadable(name: String, message: String) -> Self {
        Self::of(name, Checked::Unreadable(message))
    }

    /// The same result, for the input `artifact`.
    pub fn for_artifact(mut self, artifact: Artifact) -> Self {
        self.artifact = Artifact {
            derived_text: self.artifact.derived_text,
            ..artifact
        };
        self
    }

    /// The same result without its source text, to keep memory flat over large batches.
    pub fn without_text(mut self) -> Self {
        self.source = None;
        self
    }

    fn tally(&self) -> Option<Tally> {
        self.result.as_ref().ok().map(Outcome::tally)
    }

    /// The input as SARIF addresses it.
    pub fn artifact(&self) -> &Artifact {
        &self.artifact
    }
}

/// Totals over a batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// Inputs seen.
    pub files: usize,
    /// Checked and conformant.
    pub conformant: usize,
    /// Checked, with at least one error.
    pub with_errors: usize,
    /// Checked, without error, but with values that could not be read.
    pub undetermined: usize,
    /// Not readable as a report.
    pub unreadable: usize,
}

impl Summary {
    /// Counts one result.
    pub fn add(&mut self, result: &FileResult) {
        self.files += 1;
        match result.tally() {
            None => self.unreadable += 1,
            Some(t) if t.conformant() => self.conformant += 1,
            Some(t) if t.undetermined() => self.undetermined += 1,
            Some(_) => self.with_errors += 1,
        }
    }
}

/// Renders results in one format; SARIF and JUnit collect results and print them at the end.
pub struct Renderer {
    format: OutputFormat,
    lang: Lang,
    notes: bool,
    /// A batch without `--verbose`: a file with nothing to show prints nothing, not its verdict.
    quiet: bool,
    collected: Vec<FileResult>,
    /// With `--series`: the series of the run, printed at the end.
    series: Option<SeriesOutput>,
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTE: Style = AnsiColor::Cyan.on_default().bold();
const OK: Style = AnsiColor::Green.on_default().bold();
pub(crate) const DIM: Style = AnsiColor::Blue.on_default();
const UNREAD: Style = AnsiColor::Magenta.on_default().bold();

pub(crate) fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => NOTE,
    }
}

pub(crate) fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The verdict on a checked file, as machines read it.
fn verdict_name(t: Tally) -> &'static str {
    Verdict::of(t).name()
}

/// `1 error`, `2 errors`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(crate) fn xml_escape(s: &str) -> String {
    s.chars()
        // The characters XML 1.0 allows; any other cannot be written, even as a reference.
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .fold(String::with_capacity(s.len()), |mut out, c| {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c => out.push(c),
            }
            out
        })
}

/// The widest source line a code frame prints whole, in terminal columns. A web page's text
/// with its line breaks lost is one line of thousands of characters; beyond this width the frame
/// shows the value with [`FRAME_CONTEXT`] columns of the line on either side.
const FRAME_WIDTH: usize = 120;
/// The columns of a long line kept before and after the value (the row label before it).
const FRAME_CONTEXT: usize = 40;
/// Marks where a long line is cut (ASCII: `…` is one column or two depending on the terminal).
const CUT: &str = "...";

/// The source line with carets under the value, rustc-style: as wide as the value's text when the
/// reader knows it, else up to the next `,` (a JSON or YAML value). Wide (CJK) characters take two
/// columns and tabs are kept, so the carets stand under the value on a terminal. A line wider than
/// [`FRAME_WIDTH`] is cut to the value and its context, each cut marked with [`CUT`].
fn code_frame(source: &SourceText, at: Location) -> String {
    let Some(line) = source.text.lines().nth(at.line.saturating_sub(1)) else {
        return String::new();
    };
    let number_width = at.line.to_string().len();
    let chars: Vec<char> = line.chars().collect();
    let start = at.column.saturating_sub(1).min(chars.len());
    let rest: String = chars[start..].iter().collect();
    let span = source
        .widths
        .get(&at)
        .copied()
        .unwrap_or_else(|| display_width(rest.split(',').next().unwrap_or_default().trim_end()))
        // A value the reader assembled from several lines (numbers a PDF dump printed apart)
        // is as wide as all of them: the carets stop at the end of the line they start on.
        .min(display_width(rest.trim_end()));
    let (shown, start) = if display_width(line) > FRAME_WIDTH {
        let end = start + columns_to_chars(chars[start..].iter(), span);
        let before = columns_to_chars(chars[..start].iter().rev(), FRAME_CONTEXT);
        let after = columns_to_chars(chars[end..].iter(), FRAME_CONTEXT);
        let (from, to) = (start - before, end + after);
        let (lead, tail) = (
            if from > 0 { CUT } else { "" },
            if to < chars.len() { CUT } else { "" },
        );
        let kept: String = chars[from..to].iter().collect();
        let lead_chars = lead.chars().count();
        (format!("{lead}{kept}{tail}"), start - from + lead_chars)
    } else {
        (line.to_owned(), start)
    };
    let underline = "^".repeat(span.max(1));
    let pad: String = shown
        .chars()
        .take(start)
        .map(|c| match c {
            '\t' => "\t".to_owned(),
            c => " ".repeat(c.width().unwrap_or(0)),
        })
        .collect();
    format!(
        "{DIM}{:>number_width$} |{DIM:#} {shown}\n{DIM}{:number_width$} |{DIM:#} {pad}{ERROR}{underline}{ERROR:#}\n",
        at.line, ""
    )
}

/// How many of `chars`, taken in order, fit in `columns` terminal columns.
fn columns_to_chars<'a>(chars: impl Iterator<Item = &'a char>, columns: usize) -> usize {
    let mut used = 0;
    chars
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= columns
        })
        .count()
}

fn display_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The `uriBaseId` of relative paths: the directory `xxgk` ran in.
const SRCROOT: &str = "%SRCROOT%";

/// What the `unread` rule means, in SARIF's rule metadata.
const UNREAD_HELP: &str = "The reader of a published report could not find or place these values; they may well be printed. Not a fault of the report: its conformance cannot be decided (result kind `open`).";

/// Bytes a URI path keeps as they are: RFC 3986's unreserved characters, `/`, and `:` and `@`
/// (allowed in a segment). Everything else (the UTF-8 bytes of Chinese, spaces, `%`, `#`,
/// `?`, …) is percent-encoded.
const URI_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':')
    .remove(b'@');

/// A path as a percent-encoded URI path, from the bytes of the name as stored (even when they
/// are not UTF-8).
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    percent_encode(&bytes, URI_PATH).to_string()
}

/// The `file` URI of an absolute path: `file:///dir/%E6%8A%A5%E5%91%8A.json`.
fn file_uri(path: &Path) -> String {
    let encoded = uri_path(path);
    let slash = if encoded.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{encoded}")
}

/// SARIF's `artifactLocation` of an input: a `file` URI for an absolute path, a relative
/// reference against [`SRCROOT`] for a relative one, a description for standard input.
fn artifact_location(path: Option<&Path>) -> Value {
    let Some(path) = path else {
        return json!({"description": {"text": "standard input"}});
    };
    if path.is_absolute() {
        return json!({"uri": file_uri(path)});
    }
    let encoded = uri_path(path);
    // A first segment with `:` would read as a scheme (RFC 3986, section 4.2).
    let uri = if encoded.split('/').next().is_some_and(|s| s.contains(':')) {
        format!("./{encoded}")
    } else {
        encoded
    };
    json!({"uri": uri, "uriBaseId": SRCROOT})
}

/// SARIF's `physicalLocation` of a diagnostic at `at` in an input.
pub(crate) fn physical_location(artifact: &Artifact, at: Option<Location>) -> Value {
    let mut physical = json!({"artifactLocation": artifact_location(artifact.path.as_deref())});
    // Without a place in the file itself, the whole file (SARIF2017 wants a region).
    let whole = artifact
        .length
        .map(|length| json!({"byteOffset": 0, "byteLength": length}));
    let region = match (artifact.line, at) {
        // A dataset's report is one line of the file: its columns are that line's.
        (Some(line), Some(l)) if l.line == 1 => {
            Some(json!({"startLine": line, "startColumn": l.column}))
        }
        (Some(line), _) => Some(json!({"startLine": line})),
        _ if artifact.derived_text => whole,
        (None, Some(l)) => Some(json!({"startLine": l.line, "startColumn": l.column})),
        (None, None) => whole,
    };
    if let Some(region) = region {
        physical["region"] = region;
    }
    physical
}

impl Renderer {
    /// A renderer for one run; `quiet` leaves out the verdict of each clean file of a batch.
    pub fn new(format: OutputFormat, lang: Lang, notes: bool, quiet: bool) -> Self {
        Self {
            format,
            lang,
            notes,
            quiet,
            collected: Vec::new(),
            series: None,
        }
    }

    fn shown<'a>(&self, outcome: &'a Outcome) -> impl Iterator<Item = &'a Diagnostic> {
        let notes = self.notes;
        outcome
            .diagnostics
            .iter()
            .filter(move |d| notes || d.is_finding())
    }

    /// Output for one file, printed in input order (may run on any thread).
    pub fn render_file(&self, result: &FileResult) -> String {
        match self.format {
            OutputFormat::Human => self.human(result),
            OutputFormat::Json => self.json_lines(result),
            OutputFormat::Sarif | OutputFormat::Junit => String::new(),
        }
    }

    /// Keeps what the end-of-run formats need.
    pub fn record(&mut self, result: &FileResult) {
        if matches!(self.format, OutputFormat::Sarif | OutputFormat::Junit) {
            let keep = match &result.result {
                Ok(outcome) => FileResult {
                    name: result.name.clone(),
                    artifact: result.artifact.clone(),
                    source: None,
                    result: Ok(Outcome {
                        diagnostics: self.shown(outcome).cloned().collect(),
                    }),
                },
                Err(_) => result.clone().without_text(),
            };
            self.collected.push(keep);
        }
    }

    /// Output for a file handled outside the parallel loop.
    pub fn file(&mut self, result: &FileResult) -> String {
        self.record(result);
        self.render_file(result)
    }

    /// The series of the run (`--series`), printed by [`Renderer::end`].
    pub fn set_series(&mut self, series: SeriesOutput) {
        self.series = Some(series);
    }

    /// Printed after every file.
    pub fn end(&self, summary: &Summary) -> String {
        match self.format {
            OutputFormat::Human => {
                let Some(series) = &self.series else {
                    return self.human_summary(summary);
                };
                let t = series.tally();
                let line = self.lang.pick(
                    format!(
                        "\n系列：{} 个机关，比较了 {} 对相邻年度，{} 个警告，{} 处缺少年度，{} 个重复年度，{} 份报告未编入系列\n",
                        t.organs, t.pairs, t.findings, t.gaps, t.duplicates, t.unplaced
                    ),
                    format!(
                        "\nseries: {}, {} compared, {}, {}, {}, {} in no series\n",
                        plural(t.organs, "organ"),
                        plural(t.pairs, "consecutive-year pair"),
                        plural(t.findings, "warning"),
                        plural(t.gaps, "gap"),
                        plural(t.duplicates, "duplicate year"),
                        plural(t.unplaced, "report")
                    ),
                );
                series.human(self.lang, self.notes) + &line + &self.human_summary(summary)
            }
            OutputFormat::Json => {
                let mut line = json!({
                    "type": "summary",
                    "files": summary.files,
                    "conformant": summary.conformant,
                    "with_errors": summary.with_errors,
                    "undetermined": summary.undetermined,
                    "unreadable": summary.unreadable,
                });
                let Some(series) = &self.series else {
                    return format!("{line}\n");
                };
                let t = series.tally();
                line["series"] = json!({
                    "organs": t.organs,
                    "pairs": t.pairs,
                    "warnings": t.findings,
                    "gaps": t.gaps,
                    "duplicate_years": t.duplicates,
                    "unplaced": t.unplaced,
                });
                format!("{}{line}\n", series.json_lines(self.lang, self.notes))
            }
            OutputFormat::Sarif => self.sarif(),
            OutputFormat::Junit => self.junit(summary),
        }
    }

    fn human(&self, result: &FileResult) -> String {
        let lang = self.lang;
        let mut out = String::new();
        let outcome = match &result.result {
            Err(why) => {
                let _ = writeln!(
                    out,
                    "{ERROR}{}{ERROR:#}: {}: {}\n",
                    lang.pick("无法读取", "unreadable"),
                    result.name,
                    why.message(lang)
                );
                return out;
            }
            Ok(outcome) => outcome,
        };
        for d in self.shown(outcome) {
            if d.kind == Kind::Unread {
                let _ = writeln!(
                    out,
                    "{UNREAD}unread[{}]{UNREAD:#}: {}",
                    d.name,
                    d.message(lang)
                );
            } else {
                let style = severity_style(d.severity);
                let _ = writeln!(
                    out,
                    "{style}{}[{} {}]{style:#}: {}",
                    d.severity.as_str(),
                    d.rule,
                    d.name,
                    d.message(lang)
                );
            }
            match d.location {
                Some(l) => {
                    let _ = writeln!(
                        out,
                        "  {DIM}-->{DIM:#} {}:{}:{}",
                        result.name, l.line, l.column
                    );
                }
                None => {
                    let _ = writeln!(out, "  {DIM}-->{DIM:#} {}", result.name);
                }
            }
            // The pointer `""` is the whole document; `/` would be the member named "".
            let _ = writeln!(
                out,
                "   {DIM}={DIM:#} {}",
                if d.pointer.is_empty() {
                    lang.pick("（整个文档）", "(the whole document)")
                } else {
                    &d.pointer
                }
            );
            if let Some(path) = &d.label_path {
                let _ = writeln!(out, "   {DIM}={DIM:#} {path}");
            }
            if let (Some(l), Some(source)) = (d.location, &result.source) {
                out.push_str(&code_frame(source, l));
            }
            out.push('\n');
        }
        out.push_str(&self.verdict(result));
        out
    }

    fn verdict(&self, result: &FileResult) -> String {
        let lang = self.lang;
        let warnings = |t: Tally| match (lang, t.warnings) {
            (_, 0) => String::new(),
            (Lang::Zh, n) => format!("（{n} 个警告）"),
            (Lang::En, n) => format!(" ({})", plural(n, "warning")),
        };
        match result.tally() {
            Some(t) if t.conformant() && t.warnings == 0 && self.quiet => String::new(),
            Some(t) if t.conformant() => format!(
                "{}: {OK}{}{OK:#}{}\n",
                result.name,
                lang.pick("符合标准", "conformant"),
                warnings(t)
            ),
            Some(t) if t.undetermined() => format!(
                "{}: {UNREAD}{}{UNREAD:#}{}\n",
                result.name,
                lang.pick(
                    format!("无法判定：{} 个单元格未能读取", t.unread),
                    format!(
                        "undetermined: {} could not be read",
                        plural(t.unread, "cell")
                    ),
                ),
                warnings(t)
            ),
            Some(t) => format!(
                "{}: {ERROR}{}{ERROR:#}\n",
                result.name,
                lang.pick(
                    format!("不符合标准：{} 个错误，{} 个警告", t.errors, t.warnings),
                    format!(
                        "not conformant: {}, {}",
                        plural(t.errors, "error"),
                        plural(t.warnings, "warning")
                    ),
                )
            ),
            None => String::new(),
        }
    }

    fn human_summary(&self, s: &Summary) -> String {
        if s.files <= 1 {
            return String::new();
        }
        self.lang.pick(
            format!(
                "\n共 {} 个文件：{} 个符合标准，{} 个有错误，{} 个无法判定，{} 个无法读取\n",
                s.files, s.conformant, s.with_errors, s.undetermined, s.unreadable
            ),
            format!(
                "\n{} files: {} conformant, {} with errors, {} undetermined, {} unreadable\n",
                s.files, s.conformant, s.with_errors, s.undetermined, s.unreadable
            ),
        )
    }

    fn json_lines(&self, result: &FileResult) -> String {
        let mut out = String::new();
        let mut line = |v: Value| {
            let _ = writeln!(out, "{v}");
        };
        match &result.result {
            Err(why) => {
                let mut v = json!({"type": "unreadable", "file": result.name, "message": why.message(self.lang)});
                if matches!(why, Unreadable::NotAReport) {
                    v["reason"] = json!("not-an-annual-report");
                }
                line(v);
            }
            Ok(outcome) => {
                for d in self.shown(outcome) {
                    let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
                    if let Value::Object(map) = &mut v {
                        map.insert("message".to_owned(), json!(d.message(self.lang)));
                        let mut object = serde_json::Map::new();
                        object.insert("type".to_owned(), json!("diagnostic"));
                        object.insert("file".to_owned(), json!(result.name));
                        object.extend(std::mem::take(map));
                        v = Value::Object(object);
                    }
                    line(v);
                }
                let t = outcome.tally();
                line(json!({
                    "type": "verdict",
                    "file": result.name,
                    "verdict": verdict_name(t),
                    "conformant": t.conformant(),
                    "errors": t.errors,
                    "warnings": t.warnings,
                    "notes": t.notes,
                    "unread": t.unread,
                }));
            }
        }
        out
    }

    fn sarif(&self) -> String {
        let Ok(catalogue) = xxgk_catalogue::Catalogue::from_json(xxgk_model::RULES_JSON) else {
            return String::new();
        };
        let lang = self.lang;
        let rule =
            |id: &str, name: &str, summary: &xxgk_catalogue::Text, rationale: &str, severity| {
                json!({
                    "id": id,
                    "name": name,
                    "shortDescription": {"text": lang.pick(&summary.zh, &summary.en)},
                    "fullDescription": {"text": rationale},
                    // GitHub code scanning requires `help` (its rule GH2012).
                    "help": {"text": rationale},
                    "defaultConfiguration": {"level": sarif_level(severity)},
                })
            };
        let rules: Vec<Value> = catalogue
            .rules
            .iter()
            .map(|r| rule(&r.id, &r.name, &r.summary, &r.rationale, r.severity))
            .chain(
                catalogue
                    .schema_rules
                    .iter()
                    .map(|r| rule(&r.id, &r.name, &r.summary, &r.rationale, r.severity)),
            )
            .chain(
                catalogue
                    .series_rules
                    .iter()
                    .map(|r| rule(&r.id, &r.name, &r.summary, &r.rationale, r.severity)),
            )
            .chain(
                catalogue
                    .content_rules
                    .iter()
                    .map(|r| rule(&r.id, &r.name, &r.summary, &r.rationale, r.severity)),
            )
            .chain(std::iter::once(json!({
                "id": UNREAD_RULE,
                // SARIF1001: a name is for people and must differ from the opaque id.
                "name": "value-not-read",
                "shortDescription": {"text": lang.pick("报告中未能读取的值", "values of a published report that could not be read")},
                "fullDescription": {"text": UNREAD_HELP},
                "help": {"text": UNREAD_HELP},
                "defaultConfiguration": {"level": "none"},
            })))
            .collect();
        let mut results = Vec::new();
        let mut notifications = Vec::new();
        for file in &self.collected {
            match &file.result {
                Err(why) => notifications.push(json!({
                    "level": "error",
                    "message": {"text": format!("{}: {}", file.name, why.message(lang))},
                    "locations": [{"physicalLocation": physical_location(&file.artifact, None)}],
                })),
                Ok(outcome) => {
                    for d in &outcome.diagnostics {
                        // SARIF's `open`: the tool could not decide whether there is a problem.
                        // A result that is not `fail` must have level `none` (SARIF 3.27.10).
                        let (kind, level) = if d.kind == Kind::Unread {
                            ("open", "none")
                        } else {
                            ("fail", sarif_level(d.severity))
                        };
                        let mut properties = json!({
                            "pointer": d.pointer,
                            "labelPath": d.label_path,
                            "related": d.related,
                            "expected": d.expected,
                            "actual": d.actual,
                        });
                        if let (Some(l), true) = (d.location, file.artifact.derived_text) {
                            // Where the value stands in the text the reader saw (pdftotext's
                            // output, a DOCX's XML): no region of the file itself.
                            properties["textLocation"] =
                                json!({"line": l.line, "column": l.column});
                        }
                        results.push(json!({
                            "ruleId": d.rule,
                            "kind": kind,
                            "level": level,
                            "message": {"text": d.message(lang)},
                            "locations": [{
                                "physicalLocation": physical_location(&file.artifact, d.location),
                                "logicalLocations": [{"fullyQualifiedName": d.pointer, "kind": "member"}],
                            }],
                            "properties": properties,
                        }));
                    }
                }
            }
        }
        if let Some(series) = &self.series {
            results.extend(series.sarif_results(lang, self.notes));
        }
        let mut run = json!({
            "tool": {"driver": {
                "name": "xxgk",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://xxgk.org",
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            // Columns count characters (code points), not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        });
        let relative = self
            .collected
            .iter()
            .any(|f| f.artifact.path.as_deref().is_some_and(Path::is_relative));
        if let Some(root) = std::env::current_dir().ok().filter(|_| relative) {
            // Where relative paths are resolved from: the directory xxgk ran in.
            let uri = format!("{}/", file_uri(&root).trim_end_matches('/'));
            run["originalUriBaseIds"] = json!({SRCROOT: {"uri": uri}});
        }
        if let Some(series) = &self.series {
            run["properties"] = series.sarif_properties(lang);
        }
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        });
        serde_json::to_string_pretty(&log)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }

    /// JUnit: a non-conformant report is a `failure`, an unreadable input an `error`, and an
    /// undetermined report `skipped` (its verdict was not reached; no test failed).
    fn junit(&self, s: &Summary) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        // With `--series`, one more test case per organ, never failing (warnings only).
        let (series_cases, organs) = self
            .series
            .as_ref()
            .map(|series| series.junit(self.lang))
            .unwrap_or_default();
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            s.files + organs,
            s.with_errors,
            s.unreadable
        );
        // `skipped` is an attribute of a test suite only, not of `testsuites` (junit-10.xsd).
        let _ = writeln!(out, "<testsuites name=\"xxgk check\" {counts}>");
        let _ = writeln!(
            out,
            "  <testsuite name=\"xxgk check\" {counts} skipped=\"{}\">",
            s.undetermined
        );
        for file in &self.collected {
            let _ = write!(
                out,
                "    <testcase classname=\"xxgk.check\" name=\"{}\"",
                xml_escape(&file.name)
            );
            let outcome = match &file.result {
                Err(why) => {
                    let _ = writeln!(
                        out,
                        ">\n      <error message=\"{}\"/>\n    </testcase>",
                        xml_escape(why.message(self.lang))
                    );
                    continue;
                }
                Ok(outcome) => outcome,
            };
            let t = outcome.tally();
            let (element, kind, message) = if t.conformant() {
                out.push_str("/>\n");
                continue;
            } else if t.undetermined() {
                let message = format!("{} could not be read", plural(t.unread, "cell"));
                ("skipped", "", message)
            } else {
                let message = format!("{} errors, {} warnings", t.errors, t.warnings);
                ("failure", " type=\"non-conformant\"", message)
            };
            let body: Vec<String> = outcome
                .diagnostics
                .iter()
                .map(|d| {
                    let at = d
                        .location
                        .map(|l| format!(":{}:{}", l.line, l.column))
                        .unwrap_or_default();
                    format!(
                        "{}[{}] {}{at} {}: {}",
                        if d.kind == Kind::Unread {
                            "unread"
                        } else {
                            d.severity.as_str()
                        },
                        d.rule,
                        file.name,
                        d.pointer,
                        d.message(self.lang)
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                ">\n      <{element}{kind} message=\"{message}\">{}</{element}>\n    </testcase>",
                xml_escape(&body.join("\n"))
            );
        }
        out.push_str(&series_cases);
        out.push_str("  </testsuite>\n</testsuites>\n");
        out
    }
}

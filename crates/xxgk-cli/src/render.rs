//! Output of `xxgk check` in its four formats: human, JSON Lines, SARIF 2.1.0 and JUnit XML.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};
use xxgk_check::{Diagnostic, Lang, Outcome, Severity, Tally};

use crate::OutputFormat;

/// What became of one input.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// Name shown in output.
    pub name: String,
    /// The source text, kept only while rendering code frames.
    text: Option<String>,
    /// The diagnostics, or why the file could not be read as a report.
    pub result: Result<Outcome, String>,
}

impl FileResult {
    /// A file that was checked.
    pub fn checked(name: String, text: String, outcome: Outcome) -> Self {
        Self {
            name,
            text: Some(text),
            result: Ok(outcome),
        }
    }

    /// A published file that was extracted and checked; `text` when it can be shown.
    pub fn checked_source(name: String, text: Option<String>, outcome: Outcome) -> Self {
        Self {
            name,
            text,
            result: Ok(outcome),
        }
    }

    /// A file that could not be read as a report.
    pub fn unreadable(name: String, message: String) -> Self {
        Self {
            name,
            text: None,
            result: Err(message),
        }
    }

    /// The same result without its source text, to keep memory flat over large batches.
    pub fn without_text(mut self) -> Self {
        self.text = None;
        self
    }

    fn tally(&self) -> Option<Tally> {
        self.result.as_ref().ok().map(Outcome::tally)
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
            Some(_) => self.with_errors += 1,
        }
    }
}

/// Renders results in one format; SARIF and JUnit collect results and print them at the end.
pub struct Renderer {
    format: OutputFormat,
    lang: Lang,
    notes: bool,
    collected: Vec<FileResult>,
}

fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const NOTE: Style = AnsiColor::Cyan.on_default().bold();
const OK: Style = AnsiColor::Green.on_default().bold();
const DIM: Style = AnsiColor::Blue.on_default();

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => NOTE,
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `1 error`, `2 errors`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn xml_escape(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || c >= ' ')
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

/// The source line with a caret under the value, rustc-style.
fn code_frame(text: &str, line: usize, column: usize) -> String {
    let Some(source) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let width = line.to_string().len();
    let start = column.saturating_sub(1);
    let rest: String = source.chars().skip(start).collect();
    let span = rest.split(',').next().unwrap_or_default().trim_end();
    let underline = "^".repeat(span.chars().count().max(1));
    let pad: String = source
        .chars()
        .take(start)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{DIM}{line:>width$} |{DIM:#} {source}\n{DIM}{:width$} |{DIM:#} {pad}{ERROR}{underline}{ERROR:#}\n",
        ""
    )
}

impl Renderer {
    /// A renderer for one run.
    pub fn new(format: OutputFormat, lang: Lang, notes: bool) -> Self {
        Self {
            format,
            lang,
            notes,
            collected: Vec::new(),
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
                    text: None,
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

    /// Printed after every file.
    pub fn end(&self, summary: &Summary) -> String {
        match self.format {
            OutputFormat::Human => self.human_summary(summary),
            OutputFormat::Json => {
                let line = json!({
                    "type": "summary",
                    "files": summary.files,
                    "conformant": summary.conformant,
                    "with_errors": summary.with_errors,
                    "unreadable": summary.unreadable,
                });
                format!("{line}\n")
            }
            OutputFormat::Sarif => self.sarif(),
            OutputFormat::Junit => self.junit(summary),
        }
    }

    fn human(&self, result: &FileResult) -> String {
        let lang = self.lang;
        let mut out = String::new();
        let outcome = match &result.result {
            Err(message) => {
                let _ = writeln!(
                    out,
                    "{ERROR}{}{ERROR:#}: {}: {message}\n",
                    pick(lang, "无法读取", "unreadable"),
                    result.name
                );
                return out;
            }
            Ok(outcome) => outcome,
        };
        for d in self.shown(outcome) {
            let style = severity_style(d.severity);
            let _ = writeln!(
                out,
                "{style}{}[{} {}]{style:#}: {}",
                d.severity.as_str(),
                d.rule,
                d.name,
                d.message(lang)
            );
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
            let _ = writeln!(
                out,
                "   {DIM}={DIM:#} {}",
                if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                }
            );
            if let Some(path) = &d.label_path {
                let _ = writeln!(out, "   {DIM}={DIM:#} {path}");
            }
            if let (Some(l), Some(text)) = (d.location, &result.text) {
                out.push_str(&code_frame(text, l.line, l.column));
            }
            out.push('\n');
        }
        out.push_str(&self.verdict(result));
        out
    }

    fn verdict(&self, result: &FileResult) -> String {
        let lang = self.lang;
        match result.tally() {
            Some(t) if t.conformant() && t.warnings == 0 => {
                format!(
                    "{}: {OK}{}{OK:#}\n",
                    result.name,
                    pick(lang, "符合标准", "conformant")
                )
            }
            Some(t) if t.conformant() => format!(
                "{}: {OK}{}{OK:#}{}\n",
                result.name,
                pick(lang, "符合标准", "conformant"),
                match lang {
                    Lang::Zh => format!("（{} 个警告）", t.warnings),
                    Lang::En => format!(" ({})", plural(t.warnings, "warning")),
                }
            ),
            Some(t) => format!(
                "{}: {ERROR}{}{ERROR:#}\n",
                result.name,
                match lang {
                    Lang::Zh => format!("不符合标准：{} 个错误，{} 个警告", t.errors, t.warnings),
                    Lang::En => format!(
                        "not conformant: {}, {}",
                        plural(t.errors, "error"),
                        plural(t.warnings, "warning")
                    ),
                }
            ),
            None => String::new(),
        }
    }

    fn human_summary(&self, s: &Summary) -> String {
        if s.files <= 1 {
            return String::new();
        }
        match self.lang {
            Lang::Zh => format!(
                "\n共 {} 个文件：{} 个符合标准，{} 个有错误，{} 个无法读取\n",
                s.files, s.conformant, s.with_errors, s.unreadable
            ),
            Lang::En => format!(
                "\n{} files: {} conformant, {} with errors, {} unreadable\n",
                s.files, s.conformant, s.with_errors, s.unreadable
            ),
        }
    }

    fn json_lines(&self, result: &FileResult) -> String {
        let mut out = String::new();
        let mut line = |v: Value| {
            let _ = writeln!(out, "{v}");
        };
        match &result.result {
            Err(message) => {
                line(json!({"type": "unreadable", "file": result.name, "message": message}))
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
                    "conformant": t.conformant(),
                    "errors": t.errors,
                    "warnings": t.warnings,
                    "notes": t.notes,
                }));
            }
        }
        out
    }

    fn sarif(&self) -> String {
        let Ok(catalogue) = xxgk_model::catalogue::Catalogue::from_json(xxgk_model::RULES_JSON)
        else {
            return String::new();
        };
        let lang = self.lang;
        let rule = |id: &str,
                    name: &str,
                    summary: &xxgk_model::catalogue::Text,
                    rationale: &str,
                    severity| {
            json!({
                "id": id,
                "name": name,
                "shortDescription": {"text": pick(lang, &summary.zh, &summary.en)},
                "fullDescription": {"text": rationale},
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
            .collect();
        let mut results = Vec::new();
        let mut notifications = Vec::new();
        for file in &self.collected {
            match &file.result {
                Err(message) => notifications.push(json!({
                    "level": "error",
                    "message": {"text": format!("{}: {message}", file.name)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": file.name}}}],
                })),
                Ok(outcome) => {
                    for d in &outcome.diagnostics {
                        let mut physical = json!({"artifactLocation": {"uri": file.name}});
                        if let Some(l) = d.location {
                            physical["region"] =
                                json!({"startLine": l.line, "startColumn": l.column});
                        }
                        results.push(json!({
                            "ruleId": d.rule,
                            "level": sarif_level(d.severity),
                            "message": {"text": d.message(lang)},
                            "locations": [{
                                "physicalLocation": physical,
                                "logicalLocations": [{"fullyQualifiedName": d.pointer, "kind": "member"}],
                            }],
                            "properties": {
                                "pointer": d.pointer,
                                "labelPath": d.label_path,
                                "related": d.related,
                                "expected": d.expected,
                                "actual": d.actual,
                            },
                        }));
                    }
                }
            }
        }
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
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
                "results": results,
            }],
        });
        serde_json::to_string_pretty(&log)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }

    fn junit(&self, s: &Summary) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"xxgk check\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            s.files, s.with_errors, s.unreadable
        );
        let _ = writeln!(
            out,
            "  <testsuite name=\"xxgk check\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            s.files, s.with_errors, s.unreadable
        );
        for file in &self.collected {
            let _ = write!(
                out,
                "    <testcase classname=\"xxgk.check\" name=\"{}\"",
                xml_escape(&file.name)
            );
            match &file.result {
                Err(message) => {
                    let _ = writeln!(
                        out,
                        ">\n      <error message=\"{}\"/>\n    </testcase>",
                        xml_escape(message)
                    );
                }
                Ok(outcome) if !outcome.tally().conformant() => {
                    let t = outcome.tally();
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
                                d.severity.as_str(),
                                d.rule,
                                file.name,
                                d.pointer,
                                d.message(self.lang)
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        ">\n      <failure type=\"non-conformant\" message=\"{} errors, {} warnings\">{}</failure>\n    </testcase>",
                        t.errors,
                        t.warnings,
                        xml_escape(&body.join("\n"))
                    );
                }
                Ok(_) => out.push_str("/>\n"),
            }
        }
        out.push_str("  </testsuite>\n</testsuites>\n");
        out
    }
}

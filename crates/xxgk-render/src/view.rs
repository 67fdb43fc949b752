//! A report as a person reads it, checked or not: the layout of its edition's template (the
//! three tables with their merged header cells and verbatim labels, the six sections in order,
//! all from the edition's [`Standard`]: `STANDARD_2021`, or `STANDARD_2019` for a document whose
//! `edition` is `"2019"`) with the state of every cell (200 in 2021, 198 in 2019) — a value,
//! printed blank by the report, or not read by the reader — and the findings against it, printed
//! as one self-contained HTML page or fragment, or Markdown.
//!
//! The input is plain data, so that this crate needs no checker: a [`ReportView`] is built from a
//! typed 2021 report or from a canonical JSON value of either edition (complete or an
//! extraction's partial one); the caller marks the cells its reader could not read and adds the
//! findings, each naming the cells it highlights.
//!
//! ```
//! use xxgk_render::view::{Finding, Lang, ReportView, html_page};
//! let report: xxgk_model::AnnualReport =
//!     serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
//! let mut view = ReportView::from_report(&report);
//! view.add_finding(Finding {
//!     rule: "R1".into(),
//!     pointer: "/applications/new_received/natural_person".into(),
//!     cells: vec!["/applications/new_received/natural_person".into()],
//!     message_zh: "一+二 ≠ （七）总计+四".into(),
//!     message_en: "new + carried over ≠ total concluded + carried forward".into(),
//! });
//! let html = html_page(&view, Lang::Zh);
//! assert!(html.contains("id=\"cell-applications-new_received-natural_person\""));
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;
use xxgk_model::{
    AnnualReport, CellKind, STANDARD_2019, STANDARD_2021, Standard, Table as Template,
};

use crate::document::{Body, CONTENT_HEADER, Document, Style, Typed, cell_pointer};

/// The language of the page's own words and of the findings' messages (labels are the
/// template's, in Chinese, either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }
}

/// What stands in one of the cells of the tables (200 in the 2021 edition, 198 in the 2019 one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellState {
    /// A value as published: a count, the fee decimal with its digits as written, a signed
    /// change with its sign (`+3`), an amount with its unit (`251000元`).
    Value(String),
    /// The report prints the cell blank (空白不等于0).
    Blank,
    /// The reader could not read the cell: why (the report may well print it).
    Unread(String),
}

/// A finding against the report, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (`R1`, `S3`, …).
    pub rule: String,
    /// The JSON pointer the finding is reported at (a cell, or another value).
    pub pointer: String,
    /// The cells the finding highlights: every cell of a failing identity, or the one value.
    /// Pointers that are no cell of the tables are ignored.
    pub cells: Vec<String>,
    /// The message in Chinese.
    pub message_zh: String,
    /// The message in English.
    pub message_en: String,
}

impl Finding {
    fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message_zh, &self.message_en)
    }
}

/// The verdict on a checked report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// 符合标准: no finding at error severity, and every value read.
    Conformant,
    /// 不符合标准: at least one finding at error severity.
    NotConformant,
    /// 无法判定: no error, but values could not be read.
    Undetermined,
}

impl Verdict {
    /// The style class and the words of the verdict.
    fn words(self, lang: Lang) -> (&'static str, &'static str) {
        match self {
            Self::Conformant => ("ok", lang.pick("结论：符合标准", "Verdict: conformant")),
            Self::NotConformant => (
                "bad",
                lang.pick("结论：不符合标准", "Verdict: not conformant"),
            ),
            Self::Undetermined => (
                "unknown",
                lang.pick(
                    "结论：无法判定（部分数值未能读取）",
                    "Verdict: undetermined (values could not be read)",
                ),
            ),
        }
    }
}

/// A report to show: the edition whose template lays it out, its texts (title, prose, values)
/// by JSON pointer, the state of each cell, the findings, and the verdict when it was checked.
#[derive(Debug, Clone)]
pub struct ReportView {
    standard: &'static Standard,
    texts: BTreeMap<String, String>,
    cells: BTreeMap<&'static str, CellState>,
    findings: Vec<Finding>,
    verdict: Option<Verdict>,
}

/// The pointers of the texts other than cells and section prose that the layout prints.
const TEXTS: [&str; 4] = [
    "/metadata/organ/name",
    "/metadata/report_year",
    "/metadata/title",
    "/preamble/text",
];

/// The text of a JSON value as the report has it: a string as written, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Why a number is not shown: a JSON value parsed without its digits (beyond 2^53, read as a
/// binary float), whose text would be another number.
const INEXACT: &str = "数值超出可精确显示的范围 (a number beyond the range shown exactly)";

/// A number held as a binary float that may not be the number written: integral and beyond
/// 2^53 (a count over 2^64 − 1, say). A fraction (`1.5`) is shown as written.
fn inexact_number(n: &serde_json::Number) -> bool {
    n.as_f64()
        .is_some_and(|f| n.is_f64() && f.fract() == 0.0 && f.abs() >= 9_007_199_254_740_992.0)
}

/// The edition a canonical document names by its `edition`: the 2019 format for `"2019"`, else
/// the 2021 one (which a document naming none is in).
fn edition_of(report: &Value) -> &'static Standard {
    match report.get("edition").and_then(Value::as_str) {
        Some(e) if e == STANDARD_2019.edition => &STANDARD_2019,
        _ => &STANDARD_2021,
    }
}

/// A value as the template prints it: a signed change with its sign (`+3`, `-2`, `0`), anything
/// else (a text that already has its sign among it) as it stands.
fn printed(kind: CellKind, text: String) -> String {
    if kind == CellKind::Signed
        && !text.starts_with('+')
        && text.parse::<i64>().is_ok_and(|n| n > 0)
    {
        format!("+{text}")
    } else {
        text
    }
}

impl ReportView {
    /// A complete, typed 2021 report: every cell a value.
    pub fn from_report(report: &AnnualReport) -> Self {
        let texts: BTreeMap<String, String> = Typed::new(report)
            .0
            .into_iter()
            .map(|(pointer, text)| (pointer.to_owned(), text))
            .collect();
        Self::of_texts(&STANDARD_2021, texts)
    }

    /// A report in the canonical JSON form of its edition (`"edition": "2019"` is laid out in
    /// the 2019 template, any other in the 2021 one), complete or partial (an extraction's): a
    /// cell the value holds is shown as it stands, a cell it lacks as blank until
    /// [`ReportView::mark_unread`] says the reader could not read it.
    pub fn from_value(report: &Value) -> Self {
        let standard = edition_of(report);
        let prose = standard
            .sections
            .iter()
            .filter(|s| s.table.is_none())
            .map(|s| format!("{}/text", s.pointer));
        let pointers = TEXTS
            .iter()
            .map(|p| (*p).to_owned())
            .chain(prose)
            .chain(standard.cells.iter().map(|c| c.pointer.to_owned()));
        let mut inexact = Vec::new();
        let mut texts = BTreeMap::new();
        for p in pointers {
            match report.pointer(&p) {
                Some(Value::Number(n)) if inexact_number(n) => inexact.push(p),
                Some(value) => {
                    texts.insert(p, text_of(value));
                }
                None => {}
            }
        }
        let mut view = Self::of_texts(standard, texts);
        for p in inexact {
            view.mark_unread(&p, INEXACT);
        }
        view
    }

    fn of_texts(standard: &'static Standard, texts: BTreeMap<String, String>) -> Self {
        let cells = standard
            .cells
            .iter()
            .map(|c| {
                let state = texts.get(c.pointer).map_or(CellState::Blank, |t| {
                    CellState::Value(printed(c.kind, t.clone()))
                });
                (c.pointer, state)
            })
            .collect();
        Self {
            standard,
            texts,
            cells,
            findings: Vec::new(),
            verdict: None,
        }
    }

    /// Marks the cell at `pointer` as not read by the reader, with why; a pointer that is no
    /// cell is ignored (the reader's problems with prose are not shown in the tables).
    pub fn mark_unread(&mut self, pointer: &str, reason: impl Into<String>) {
        if let Some(state) = self.cells.get_mut(pointer) {
            *state = CellState::Unread(reason.into());
        }
    }

    /// Adds a finding: the view then lists its findings beside the tables, with a legend.
    pub fn add_finding(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Sets the verdict of the check: the view then lists its findings (none: it says so) with
    /// the verdict and a legend.
    pub fn set_verdict(&mut self, verdict: Verdict) {
        self.verdict = Some(verdict);
    }

    /// Whether the view shows a check: a verdict or findings.
    fn checked(&self) -> bool {
        self.verdict.is_some() || !self.findings.is_empty()
    }

    /// The state of the cell at `pointer`; `None` when it is no cell of the tables.
    pub fn cell(&self, pointer: &str) -> Option<&CellState> {
        self.cells.get(pointer)
    }

    /// The findings, in the order added.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The cells a finding highlights.
    pub fn highlighted(&self) -> BTreeSet<&'static str> {
        self.findings
            .iter()
            .flat_map(|f| &f.cells)
            .filter_map(|p| self.cells.get_key_value(p.as_str()).map(|(k, _)| *k))
            .collect()
    }

    /// The edition whose template lays the report out.
    pub fn standard(&self) -> &'static Standard {
        self.standard
    }

    fn document(&self) -> Document {
        Document::of_edition(&self.texts, self.standard, Style::default())
    }

    /// The findings that highlight the cell at `pointer`.
    fn findings_at<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| f.cells.iter().any(|c| c == pointer))
    }
}

/// The anchor of a cell: `cell-applications-new_received-total`.
fn anchor(pointer: &str) -> String {
    format!("cell{}", pointer.replace('/', "-"))
}

/// Escapes text for HTML content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's own words, by language.
struct Words {
    findings: &'static str,
    none: &'static str,
    fail: &'static str,
    blank: &'static str,
    blank_note: &'static str,
    unread: &'static str,
    zero: &'static str,
    legend: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            findings: "检查发现的问题",
            none: "未发现问题。",
            fail: "不符合勾稽关系或格式",
            blank: "空白",
            blank_note: "空白：报告未填写此项（空白不等于0）",
            unread: "未能读取",
            zero: "零",
            legend: "图例",
        },
        Lang::En => Words {
            findings: "Findings",
            none: "No findings.",
            fail: "in a failing identity or invalid",
            blank: "blank",
            blank_note: "blank: the report leaves this cell empty (blank is not 0)",
            unread: "not read",
            zero: "zero",
            legend: "Legend",
        },
    }
}

/// The page's style: screen and A4 print, local CJK fonts only, no script. Exposed so that a
/// page embedding [`html_fragment`] can include it.
pub const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
.xxgk-report { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", serif; color: #111; max-width: 1220px; margin: 0 auto; padding: 12px 16px; line-height: 1.5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.xxgk-report h1 { font-size: 22px; text-align: center; margin: 8px 0 12px; }
.xxgk-report h2 { font-size: 17px; margin: 14px 0 6px; break-after: avoid; }
.xxgk-report p { margin: 4px 0; text-indent: 2em; }
.xxgk-report .layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; align-items: start; }
.xxgk-report .layout.plain { grid-template-columns: minmax(0, 1fr); }
.xxgk-report aside { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 12px; border-left: 3px solid #ccc; padding-left: 10px; }
.xxgk-report aside h2 { font-size: 14px; }
.xxgk-report aside ol { padding-left: 18px; margin: 4px 0; }
.xxgk-report aside li { margin-bottom: 6px; }
.xxgk-report aside li p { text-indent: 0; margin: 2px 0; }
.xxgk-report .verdict { font-weight: bold; text-indent: 0; }
.xxgk-report .verdict.bad { color: #b00; }
.xxgk-report .verdict.ok { color: #070; }
.xxgk-report .verdict.unknown { color: #a60; }
.xxgk-report table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 12px; break-inside: auto; }
.xxgk-report tr { break-inside: avoid; }
.xxgk-report th, .xxgk-report td { border: 1px solid #222; padding: 2px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
.xxgk-report th.label { text-align: left; }
.xxgk-report td.v { text-align: right; font-variant-numeric: tabular-nums; font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; position: relative; min-width: 2.5em; }
.xxgk-report .zero { color: #666; }
.xxgk-report .blank { background: repeating-linear-gradient(45deg, #fff 0 4px, #d8d8d8 4px 6px); }
.xxgk-report .unread { background: #fff3cd; outline: 2px dashed #b78a00; outline-offset: -3px; color: #8a6500; text-align: center; }
.xxgk-report .unread::before { content: "?"; }
.xxgk-report .fail { background: #fdd; box-shadow: inset 0 0 0 2px #c00; color: #900; font-weight: bold; }
.xxgk-report .blank.fail { background: repeating-linear-gradient(45deg, #fdd 0 4px, #e9a0a0 4px 6px); }
.xxgk-report td[title]:focus::after { content: attr(title); position: absolute; z-index: 2; right: 0; top: 100%; width: 22em; text-align: left; font-weight: normal; white-space: pre-line; background: #fff; color: #111; border: 1px solid #900; padding: 4px 6px; box-shadow: 0 2px 6px rgba(0, 0, 0, .3); }
.xxgk-report td:focus { outline: 2px solid #06c; }
.xxgk-report td:target { outline: 3px solid #06c; }
.xxgk-report .legend span.sample { display: inline-block; min-width: 2.5em; border: 1px solid #222; text-align: right; padding: 0 4px; margin-right: 4px; }
.xxgk-report .legend div { margin: 3px 0; }
@media (max-width: 900px) { .xxgk-report .layout { display: block; } .xxgk-report aside { position: static; max-height: none; border-left: 0; } }
@media print { .xxgk-report { max-width: none; padding: 0; } .xxgk-report .layout { display: block; } .xxgk-report aside { position: static; max-height: none; border-left: 0; padding-left: 0; } .xxgk-report td[title]:focus::after { content: none; } .xxgk-report table { font-size: 9pt; break-inside: avoid; } }
"#;

/// The report as one self-contained HTML page: inline style, no script, no external asset.
pub fn html_page(view: &ReportView, lang: Lang) -> String {
    let title = escape(&view.document().title);
    // The report is Chinese whatever the language of the page's own words.
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        html_fragment(view, lang)
    )
}

/// The report as an HTML fragment (`<div class="xxgk-report">`) to embed in a page that
/// includes [`STYLE`].
pub fn html_fragment(view: &ReportView, lang: Lang) -> String {
    let doc = view.document();
    let w = words(lang);
    let mut out = String::from("<div class=\"xxgk-report\">\n");
    let layout = if view.checked() {
        "layout"
    } else {
        "layout plain"
    };
    let _ = write!(
        out,
        "<h1>{}</h1>\n<div class=\"{layout}\">\n<main>\n",
        escape(&doc.title)
    );
    for p in &doc.preamble {
        let _ = writeln!(out, "<p>{}</p>", escape(p));
    }
    for (heading, body) in &doc.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(heading));
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
            }
            Body::Table(grid) => html_table(view, grid, lang, &w, &mut out),
        }
    }
    out.push_str("</main>\n");
    if view.checked() {
        html_findings(view, lang, &w, &mut out);
    }
    out.push_str("</div>\n</div>\n");
    out
}

fn html_table(view: &ReportView, grid: &crate::Table, lang: Lang, w: &Words, out: &mut String) {
    out.push_str("<table>\n<tbody>\n");
    for row in &grid.rows {
        let labels_row = row.iter().any(|c| c.pointer.is_some());
        out.push_str("<tr>");
        for cell in row {
            let mut spans = String::new();
            if cell.rowspan > 1 {
                let _ = write!(spans, " rowspan=\"{}\"", cell.rowspan);
            }
            if cell.colspan > 1 {
                let _ = write!(spans, " colspan=\"{}\"", cell.colspan);
            }
            match cell.pointer.as_deref() {
                None => {
                    let class = if labels_row { " class=\"label\"" } else { "" };
                    let _ = write!(out, "<th{class}{spans}>{}</th>", escape(&cell.text));
                }
                Some(pointer) => value_td(view, pointer, &spans, lang, w, out),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A value cell: its anchor and pointer, its state as a class, and what a reader hovering or
/// focusing it is told (the findings that highlight it, why it is unread, that it is blank) in
/// its `title`, which the style shows on focus as generated content: the cell's text stays its
/// value alone (blank or unread: none), so the page reads back as the report it shows.
fn value_td(
    view: &ReportView,
    pointer: &str,
    spans: &str,
    lang: Lang,
    w: &Words,
    out: &mut String,
) {
    let (mut class, text, mut notes) = match view.cell(pointer) {
        Some(CellState::Value(t)) if t == "0" => (vec!["v", "zero"], t.as_str(), vec![]),
        Some(CellState::Value(t)) => (vec!["v"], t.as_str(), vec![]),
        Some(CellState::Unread(why)) => (
            vec!["v", "unread"],
            "",
            vec![format!("{}：{why}", w.unread)],
        ),
        Some(CellState::Blank) | None => (vec!["v", "blank"], "", vec![w.blank_note.to_owned()]),
    };
    let findings: Vec<String> = view
        .findings_at(pointer)
        .map(|f| format!("{}：{}", f.rule, f.message(lang)))
        .collect();
    if !findings.is_empty() {
        class.push("fail");
        notes.splice(0..0, findings);
    }
    let _ = write!(
        out,
        "<td id=\"{}\" class=\"{}\" data-pointer=\"{}\"{spans}",
        anchor(pointer),
        class.join(" "),
        escape(pointer)
    );
    if notes.is_empty() {
        let _ = write!(out, ">{}</td>", escape(text));
        return;
    }
    let _ = write!(
        out,
        " tabindex=\"0\" title=\"{}\">{}</td>",
        escape(&notes.join("\n")),
        escape(text)
    );
}

/// The label path of a cell (`表三 › 一、本年新收… › 自然人`), or the pointer of another value.
fn cell_name(standard: &Standard, pointer: &str, lang: Lang) -> String {
    match standard.cells.iter().find(|c| c.pointer == pointer) {
        Some(c) => match lang {
            Lang::Zh => c.labels_zh.get(1..).unwrap_or_default().join(" › "),
            Lang::En => c.name_en.to_owned(),
        },
        None => pointer.to_owned(),
    }
}

fn html_findings(view: &ReportView, lang: Lang, w: &Words, out: &mut String) {
    out.push_str("<aside>\n");
    if let Some((class, words)) = view.verdict.map(|v| v.words(lang)) {
        let _ = writeln!(out, "<p class=\"verdict {class}\">{words}</p>");
    }
    let _ = writeln!(out, "<h2>{}（{}）</h2>", w.findings, view.findings.len());
    if view.findings.is_empty() {
        let _ = writeln!(out, "<p class=\"verdict ok\">{}</p>", w.none);
    } else {
        out.push_str("<ol>\n");
        for f in &view.findings {
            let name = escape(&cell_name(view.standard, &f.pointer, lang));
            let target = if view.cell(&f.pointer).is_some() {
                Some(f.pointer.as_str())
            } else {
                f.cells
                    .iter()
                    .map(String::as_str)
                    .find(|c| view.cell(c).is_some())
            };
            let link = match target {
                Some(cell) => format!("<a href=\"#{}\">{name}</a>", anchor(cell)),
                None => name,
            };
            let _ = writeln!(
                out,
                "<li><b>{}</b> {link}<p>{}</p></li>",
                escape(&f.rule),
                escape(f.message(lang))
            );
        }
        out.push_str("</ol>\n");
    }
    let _ = write!(
        out,
        "<div class=\"legend\">\n<h2>{}</h2>\n\
         <div><span class=\"sample fail\">12</span>{}</div>\n\
         <div><span class=\"sample blank\">&nbsp;</span>{}</div>\n\
         <div><span class=\"sample unread\"></span>{}</div>\n\
         <div><span class=\"sample zero\">0</span>{}</div>\n</div>\n</aside>\n",
        w.legend,
        w.fail,
        escape(w.blank_note),
        w.unread,
        w.zero
    );
}

/// The report as GitHub-flavoured Markdown: each table flattened to a header row and a row per
/// template row, merged labels joined with ` · ` (`三、本年度办理结果 · （三）不予公开 ·
/// 1.属于国家秘密`); a blank cell reads `*空白*`, an unread one `*未能读取*`, a highlighted one
/// its value in bold with the rules.
pub fn markdown(view: &ReportView, lang: Lang) -> String {
    let doc = view.document();
    let w = words(lang);
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", md_text(&doc.title));
    for p in &doc.preamble {
        let _ = write!(out, "{}\n\n", md_text(p));
    }
    let standard = view.standard;
    for (section, (heading, body)) in standard.sections.iter().zip(&doc.sections) {
        let _ = write!(out, "## {}\n\n", md_text(heading));
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{}\n\n", md_text(p));
                }
            }
            Body::Table(_) => {
                let table = standard
                    .tables
                    .iter()
                    .find(|t| Some(t.number) == section.table);
                if let Some(table) = table {
                    md_table(view, table, &w, &mut out);
                }
            }
        }
    }
    if view.checked() {
        let _ = write!(out, "## {}\n\n", w.findings);
        if let Some((_, words)) = view.verdict.map(|v| v.words(lang)) {
            let _ = write!(out, "{words}\n\n");
        }
        if view.findings.is_empty() {
            let _ = write!(out, "{}\n\n", w.none);
        }
        for f in &view.findings {
            let _ = writeln!(
                out,
                "- **{}** {}：{}",
                md_text(&f.rule),
                md_text(&cell_name(standard, &f.pointer, lang)),
                md_text(f.message(lang))
            );
        }
        if !view.findings.is_empty() {
            out.push('\n');
        }
    }
    out
}

/// Text in a Markdown line or table cell: no line breaks, no cell separators, no markup.
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A template table in Markdown: one table per run of rows with the same columns (表二's
/// sub-tables under their captions), labels flattened.
fn md_table(view: &ReportView, table: &Template, w: &Words, out: &mut String) {
    let columns =
        |row: &xxgk_model::Row| -> Vec<usize> { row.cells.iter().map(|c| c.column).collect() };
    for run in table.rows.chunk_by(|a, b| {
        columns(a) == columns(b) && (table.number != "表二" || a.header == b.header)
    }) {
        // 表二 captions its sub-tables; elsewhere a header is part of the row's label.
        let caption = (table.number == "表二").then(|| run[0].header).flatten();
        if let Some(caption) = caption {
            let _ = write!(out, "**{}**\n\n", md_text(caption));
        }
        let corner = if caption.is_some() {
            CONTENT_HEADER
        } else {
            ""
        };
        let mut header = vec![corner.to_owned()];
        header.extend(run[0].cells.iter().map(|rc| {
            table
                .columns
                .get(rc.column)
                .map_or(String::new(), |c| match c.header_group {
                    Some(group) => format!("{group} · {}", c.header),
                    None => c.header.to_owned(),
                })
        }));
        let _ = writeln!(
            out,
            "| {} |",
            header
                .iter()
                .map(|h| md_text(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(out, "|---|{}", "---:|".repeat(header.len() - 1));
        for row in run {
            let mut label: Vec<&str> = Vec::new();
            if caption.is_none() {
                label.extend(row.header);
            }
            label.extend(row.groups.iter().map(|g| g.label));
            label.push(row.label);
            let mut line = vec![md_text(&label.join(" · "))];
            line.extend(
                row.cells
                    .iter()
                    .map(|rc| md_value(view, cell_pointer(view.standard, rc), w)),
            );
            let _ = writeln!(out, "| {} |", line.join(" | "));
        }
        out.push('\n');
    }
}

fn md_value(view: &ReportView, pointer: &str, w: &Words) -> String {
    let text = match view.cell(pointer) {
        Some(CellState::Value(t)) => md_text(t),
        Some(CellState::Unread(_)) => format!("*{}*", w.unread),
        Some(CellState::Blank) | None => format!("*{}*", w.blank),
    };
    let rules: BTreeSet<&str> = view.findings_at(pointer).map(|f| f.rule.as_str()).collect();
    if rules.is_empty() {
        text
    } else {
        let rules: Vec<&str> = rules.into_iter().collect();
        format!("**{text}** ⚠{}", md_text(&rules.join(",")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Value {
        serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap()
    }

    #[test]
    fn a_partial_report_has_values_blank_and_unread_cells() {
        let mut report = example();
        let cells = report["applications"]["new_received"]
            .as_object_mut()
            .unwrap();
        cells.remove("natural_person");
        cells.remove("total");
        let mut view = ReportView::from_value(&report);
        view.mark_unread("/applications/new_received/total", "torn row");
        view.mark_unread("/overview/text", "not a cell: ignored");
        let at = |p: &str| view.cell(p).cloned();
        assert_eq!(
            at("/applications/new_received/natural_person"),
            Some(CellState::Blank)
        );
        assert_eq!(
            at("/applications/new_received/total"),
            Some(CellState::Unread("torn row".into()))
        );
        assert_eq!(
            at("/active_disclosure/fees/amount_wan_yuan"),
            Some(CellState::Value("1032.60994".into()))
        );
        assert_eq!(at("/overview/text"), None);
        assert_eq!(
            STANDARD_2021
                .cells
                .iter()
                .filter(|c| matches!(view.cell(c.pointer), Some(CellState::Value(_))))
                .count(),
            198
        );
    }

    #[test]
    fn a_number_beyond_exact_range_is_not_shown_as_another() {
        let mut report = example();
        report["applications"]["new_received"]["total"] =
            serde_json::from_str("18446744073709551616").unwrap();
        report["applications"]["new_received"]["other_org"] = serde_json::from_str("1.5").unwrap();
        let view = ReportView::from_value(&report);
        assert_eq!(
            view.cell("/applications/new_received/total"),
            Some(&CellState::Unread(INEXACT.into()))
        );
        assert_eq!(
            view.cell("/applications/new_received/other_org"),
            Some(&CellState::Value("1.5".into()))
        );
    }

    #[test]
    fn a_typed_report_and_its_json_show_the_same() {
        let value = example();
        let typed: AnnualReport = serde_json::from_value(value.clone()).unwrap();
        let (a, b) = (
            ReportView::from_report(&typed),
            ReportView::from_value(&value),
        );
        assert_eq!(html_page(&a, Lang::Zh), html_page(&b, Lang::Zh));
        assert_eq!(markdown(&a, Lang::En), markdown(&b, Lang::En));
    }

    #[test]
    fn only_cells_are_highlighted_and_a_finding_links_to_one() {
        let mut view = ReportView::from_value(&example());
        assert!(!html_page(&view, Lang::Zh).contains("<aside>"));
        view.add_finding(Finding {
            rule: "S9".into(),
            pointer: "/metadata/report_year".into(),
            cells: vec![
                "/metadata/report_year".into(),
                "/review_litigation/review/total".into(),
            ],
            message_zh: "年份<错误>".into(),
            message_en: "year".into(),
        });
        assert_eq!(
            view.highlighted(),
            BTreeSet::from(["/review_litigation/review/total"])
        );
        let html = html_fragment(&view, Lang::Zh);
        assert!(html.contains("<a href=\"#cell-review_litigation-review-total\">"));
        assert!(html.contains("title=\"S9：年份&lt;错误&gt;\""));
        assert!(
            markdown(&view, Lang::Zh).contains("- **S9** /metadata/report\\_year：年份\\<错误\\>")
        );
    }

    #[test]
    fn a_2019_report_is_laid_out_in_its_own_template() {
        let report: Value = serde_json::from_str(include_str!(
            "../../../conformance/base/realistic-2019.json"
        ))
        .unwrap();
        let view = ReportView::from_value(&report);
        assert_eq!(view.standard().edition, "2019");
        let at = |p: &str| view.cell(p).cloned();
        assert_eq!(
            at("/active_disclosure/other_services/change"),
            Some(CellState::Value("+1036".into()))
        );
        assert_eq!(
            at("/active_disclosure/licensing/change"),
            Some(CellState::Value("-3".into()))
        );
        assert_eq!(
            at("/active_disclosure/procurement/amount"),
            Some(CellState::Value("251000元".into()))
        );
        assert_eq!(printed(CellKind::Signed, "+5".into()), "+5");
        assert_eq!(printed(CellKind::Signed, "0".into()), "0");
        assert_eq!(printed(CellKind::Count, "5".into()), "5");
        // 2021's cells are no cells of it.
        assert_eq!(
            at("/applications/results/other/fee_unpaid/natural_person"),
            None
        );
        assert_eq!(at("/active_disclosure/regulations/issued"), None);
        let html = html_fragment(&view, Lang::Zh);
        assert_eq!(html.matches("<td id=").count(), 198);
        assert!(!html.contains("本年制发件数"));
    }

    #[test]
    fn columns_share_the_value_positions() {
        assert_eq!(crate::document::colspans(3, 3), [1, 1, 1]);
        assert_eq!(crate::document::colspans(3, 1), [3]);
        assert_eq!(crate::document::colspans(3, 2), [1, 2]);
        assert_eq!(crate::document::colspans(1, 2), [1, 1]);
    }

    #[test]
    fn markdown_flattens_merged_headers() {
        let md = markdown(&ReportView::from_value(&example()), Lang::Zh);
        assert!(md.contains("| 行政复议 | 11 | 0 | 3 | 4 | 18 |"));
        assert!(md.contains("| 三、本年度办理结果 · （七）总计 | 299 | 4 | 0 | 0 | 1 | 0 | 304 |"));
        assert!(md.contains("**第二十条第（八）项**\n\n| 信息内容 | 本年收费金额（单位：万元） |"));
    }
}

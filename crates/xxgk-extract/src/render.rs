//! Renderers: a canonical 2021 report as a *published* report, in each layout the extractor
//! reads, imitating the real variants (the seeds and `pdftotext -layout` output) — for round-trip
//! tests and for extraction benchmarks.
//!
//! The three tables are laid out once as grids of merged cells, as in the official template
//! (表三's row groups `三、本年度办理结果`, `（三）不予公开` … as row spans, the header cells as
//! row and column spans); each layout then prints the grids the way its converter does: HTML keeps
//! the spans, Word keeps an empty cell under a vertical merge, PDF text puts a merged label on the
//! middle row of its span and leaves the other positions empty. A missing cell is printed blank.
//!
//! ```
//! use xxgk_extract::render::{Layout, render};
//! let report: serde_json::Value =
//!     serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
//! let published = render(&report, Layout::PipeCells);
//! let extraction = xxgk_extract::extract(&published, Some(Layout::PipeCells.file_name())).unwrap();
//! assert_eq!(extraction.report["applications"], report["applications"]);
//! ```

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::Value;

mod edition_2019;
pub mod torn;

/// A published layout of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// DOCX exported to text (seeds 000, 001): headings and prose, then the tables one cell per
    /// tab-indented line, an empty line after each row, an empty tab line under a vertical merge.
    OneCellPerLine,
    /// HTML table text (seed 003): each cell on its own line ending in ` |`, then a line of `|`
    /// for the positions the row's spans leave empty; half-width brackets.
    PipeCells,
    /// PDF text (seed 004 without its glyph noise): one table row per line, tab-separated, a
    /// merged label on the middle row of its span.
    TabRows,
    /// `pdftotext -layout`: space-aligned columns, a page footer `-3-` inside 表三, long labels
    /// wrapped over two or more lines around the numbers of their row.
    SpaceAligned,
    /// Markdown converted from a PDF: headings with `#`, every table a Markdown table.
    Markdown,
    /// An HTML page with real tables, `rowspan`/`colspan` merged cells.
    Html,
    /// A minimal DOCX: paragraphs and `w:tbl` tables with `w:gridSpan`/`w:vMerge` merged cells.
    Docx,
    /// [`Layout::OneCellPerLine`] encoded in GB18030, as saved by Chinese Windows.
    Gb18030,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Self; 8] = [
        Self::OneCellPerLine,
        Self::PipeCells,
        Self::TabRows,
        Self::SpaceAligned,
        Self::Markdown,
        Self::Html,
        Self::Docx,
        Self::Gb18030,
    ];

    /// The layouts that are plain text (`.txt` files, in any encoding).
    pub const TEXT: [Self; 6] = [
        Self::OneCellPerLine,
        Self::PipeCells,
        Self::TabRows,
        Self::SpaceAligned,
        Self::Markdown,
        Self::Gb18030,
    ];

    /// The kebab-case name of the layout (`one-cell-per-line`, `pipe-cells`, …).
    pub fn name(self) -> &'static str {
        match self {
            Self::OneCellPerLine => "one-cell-per-line",
            Self::PipeCells => "pipe-cells",
            Self::TabRows => "tab-rows",
            Self::SpaceAligned => "space-aligned",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Docx => "docx",
            Self::Gb18030 => "gb18030",
        }
    }

    /// The layout of a [`Layout::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }

    /// A file name for the layout, to pass as the `name_hint` of [`crate::extract`].
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Markdown => "report.md",
            Self::Html => "report.html",
            Self::Docx => "report.docx",
            _ => "report.txt",
        }
    }
}

/// Renders a canonical report (a complete 2021 report) as the bytes of a published report.
pub fn render(report: &Value, layout: Layout) -> Vec<u8> {
    let doc = Doc::new(report, style_of(layout));
    match layout {
        Layout::OneCellPerLine => one_cell_per_line(&doc).into_bytes(),
        Layout::PipeCells => pipe_cells(&doc).into_bytes(),
        Layout::TabRows => tab_rows(&doc).into_bytes(),
        Layout::SpaceAligned => space_aligned(&doc).into_bytes(),
        Layout::Markdown => markdown(&doc).into_bytes(),
        Layout::Html => html(&doc).into_bytes(),
        Layout::Docx => docx(&doc),
        Layout::Gb18030 => {
            let text = one_cell_per_line(&doc);
            encoding_rs::GB18030.encode(&text).0.into_owned()
        }
    }
}

/// Which documented label variants a layout prints.
#[derive(Clone, Copy, Default)]
struct Style {
    /// Half-width `(一)`, `:`, `,`, `"` instead of the full-width template punctuation.
    half_width: bool,
    /// `第二十条 第（一）项` (with `sep` between), `只计这一情况`, the typo `三类内容事务信息`.
    variants: Option<&'static str>,
}

fn style_of(layout: Layout) -> Style {
    match layout {
        Layout::OneCellPerLine | Layout::Gb18030 => Style {
            half_width: false,
            variants: Some("  "),
        },
        Layout::PipeCells => Style {
            half_width: true,
            variants: Some(" "),
        },
        Layout::TabRows => Style {
            half_width: true,
            variants: None,
        },
        _ => Style::default(),
    }
}

impl Style {
    fn label(self, official: &str) -> String {
        let mut text = official.to_owned();
        if let Some(sep) = self.variants {
            text = text
                .replace("第二十条第", &format!("第二十条{sep}第"))
                .replace("只计这一情形", "只计这一情况")
                .replace("三类内部事务", "三类内容事务");
        }
        if self.half_width {
            text = text
                .chars()
                .map(|c| match c {
                    '（' => '(',
                    '）' => ')',
                    '：' => ':',
                    '，' => ',',
                    '“' | '”' => '"',
                    other => other,
                })
                .collect();
        }
        text
    }
}

/// A cell of a grid, with its spans; positions covered by a span hold no cell.
struct Cell {
    text: String,
    rowspan: usize,
    colspan: usize,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        rowspan: 1,
        colspan: 1,
    }
}

fn span(text: impl Into<String>, rowspan: usize, colspan: usize) -> Cell {
    Cell {
        text: text.into(),
        rowspan,
        colspan,
    }
}

/// A table as the template draws it: rows of cells, spans as in HTML.
struct Grid {
    width: usize,
    rows: Vec<Vec<Cell>>,
}

/// A position of a grid: the cell anchored there, or the anchor of the span covering it.
#[derive(Clone, Copy)]
enum Slot {
    Empty,
    Anchor(usize, usize),
    Covered(usize, usize),
}

impl Grid {
    /// Every position, row by row: which cell is anchored at or covers it.
    fn slots(&self) -> Vec<Vec<Slot>> {
        let mut slots = vec![vec![Slot::Empty; self.width]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for (k, cell) in row.iter().enumerate() {
                while slots[r].get(c).is_some_and(|s| !matches!(s, Slot::Empty)) {
                    c += 1;
                }
                for dr in 0..cell.rowspan {
                    for dc in 0..cell.colspan {
                        if let Some(slot) = slots.get_mut(r + dr).and_then(|s| s.get_mut(c + dc)) {
                            *slot = if dr == 0 && dc == 0 {
                                Slot::Anchor(r, k)
                            } else {
                                Slot::Covered(r, k)
                            };
                        }
                    }
                }
                c += cell.colspan;
            }
        }
        slots
    }

    /// Every position's text, as PDF text shows it: a merged cell's text at the top-left position
    /// of its span (`middle`: on the middle row of its span), every other position empty.
    fn positional(&self, middle: bool) -> Vec<Vec<&str>> {
        let slots = self.slots();
        let mut out = vec![vec![""; self.width]; self.rows.len()];
        for (r, row) in slots.iter().enumerate() {
            for (c, slot) in row.iter().enumerate() {
                if let Slot::Anchor(ar, k) = *slot {
                    let cell = &self.rows[ar][k];
                    let at = if middle {
                        r + (cell.rowspan - 1) / 2
                    } else {
                        r
                    };
                    out[at][c] = &cell.text;
                }
            }
        }
        out
    }

    /// Each row's cells as Word stores them: one per cell, a vertically merged cell repeated
    /// (`true`) on the rows it continues to.
    fn word_rows(&self) -> Vec<Vec<(&Cell, bool)>> {
        let slots = self.slots();
        slots
            .iter()
            .map(|row| {
                let mut cells = Vec::new();
                let mut c = 0;
                while let Some(slot) = row.get(c) {
                    match *slot {
                        Slot::Anchor(r, k) => {
                            let cell = &self.rows[r][k];
                            cells.push((cell, false));
                            c += cell.colspan;
                        }
                        Slot::Covered(r, k) => {
                            let cell = &self.rows[r][k];
                            cells.push((cell, true));
                            c += cell.colspan;
                        }
                        Slot::Empty => c += 1,
                    }
                }
                cells
            })
            .collect()
    }
}

/// A section of the published report.
enum Body {
    Prose(Vec<String>),
    Table(Grid),
}

/// The report laid out: title, preamble, and the six sections with their headings.
struct Doc {
    title: String,
    preamble: Vec<String>,
    sections: Vec<(&'static str, Body)>,
}

fn paragraphs(report: &Value, pointer: &str) -> Vec<String> {
    report
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(|text| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A cell's value as published: a count, the fee decimal as written, blank when missing.
fn value(report: &Value, pointer: &str) -> String {
    match report.pointer(pointer) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The applicant columns of 表三.
const PARTIES: [&str; 7] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
];

/// Rows of a table: (pointer below the table, label).
type Labelled = &'static [(&'static str, &'static str)];

/// The result groups of 表三 with their leaf rows (key, label); a group without a label is a
/// single row spanning the two label columns.
const RESULT_GROUPS: [(&str, Labelled); 7] = [
    ("", &[("granted", "（一）予以公开")]),
    (
        "",
        &[(
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        )],
    ),
    (
        "（三）不予公开",
        &[
            ("withheld/state_secret", "1.属于国家秘密"),
            ("withheld/prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("withheld/security_stability", "3.危及“三安全一稳定”"),
            ("withheld/third_party_rights", "4.保护第三方合法权益"),
            ("withheld/internal_affairs", "5.属于三类内部事务信息"),
            ("withheld/process_information", "6.属于四类过程性信息"),
            ("withheld/enforcement_case_file", "7.属于行政执法案卷"),
            ("withheld/administrative_inquiry", "8.属于行政查询事项"),
        ],
    ),
    (
        "（四）无法提供",
        &[
            ("unable/not_held", "1.本机关不掌握相关政府信息"),
            ("unable/needs_creation", "2.没有现成信息需要另行制作"),
            ("unable/still_unclear", "3.补正后申请内容仍不明确"),
        ],
    ),
    (
        "（五）不予处理",
        &[
            ("not_processed/petition_complaint", "1.信访举报投诉类申请"),
            ("not_processed/duplicate", "2.重复申请"),
            ("not_processed/publication", "3.要求提供公开出版物"),
            ("not_processed/excessive_repeat", "4.无正当理由大量反复申请"),
            (
                "not_processed/confirm_or_reissue",
                "5.要求行政机关确认或重新出具已获取信息",
            ),
        ],
    ),
    (
        "（六）其他处理",
        &[
            (
                "other/no_correction",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            (
                "other/fee_unpaid",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            ("other/other", "3.其他"),
        ],
    ),
    ("", &[("total", "（七）总计")]),
];

/// The longest line of a cell in [`Layout::SpaceAligned`]; longer labels wrap.
const WRAP_AT: usize = 20;

/// The 表三 row after which [`Layout::SpaceAligned`] prints a page footer.
const FOOTER_AFTER: &str = "1.本机关不掌握相关政府信息";

impl Doc {
    fn new(report: &Value, style: Style) -> Self {
        let organ = value(report, "/metadata/organ/name");
        let year = value(report, "/metadata/report_year");
        let title = report
            .pointer("/metadata/title")
            .and_then(Value::as_str)
            .map_or_else(
                || format!("{organ}{year}年政府信息公开工作年度报告"),
                str::to_owned,
            );
        let sections = vec![
            (
                "一、总体情况",
                Body::Prose(paragraphs(report, "/overview/text")),
            ),
            (
                "二、主动公开政府信息情况",
                Body::Table(active(report, style)),
            ),
            (
                "三、收到和处理政府信息公开申请情况",
                Body::Table(applications(report, style)),
            ),
            (
                "四、政府信息公开行政复议、行政诉讼情况",
                Body::Table(review(report)),
            ),
            (
                "五、存在的主要问题及改进情况",
                Body::Prose(paragraphs(report, "/problems_and_improvements/text")),
            ),
            (
                "六、其他需要报告的事项",
                Body::Prose(paragraphs(report, "/other_matters/text")),
            ),
        ];
        Self {
            title,
            preamble: paragraphs(report, "/preamble/text"),
            sections,
        }
    }
}

/// 表二: four sub-tables, each a caption row, a header row and its data rows; 4 columns.
fn active(report: &Value, style: Style) -> Grid {
    let v = |p: &str| value(report, &format!("/active_disclosure/{p}"));
    let mut rows = Vec::new();
    let caption = |item: &str| vec![span(style.label(&format!("第二十条第（{item}）项")), 1, 4)];
    rows.push(caption("一"));
    rows.push(vec![
        cell("信息内容"),
        cell("本年制发件数"),
        cell("本年废止件数"),
        cell("现行有效件数"),
    ]);
    for (key, label) in [
        ("regulations", "规章"),
        ("normative_documents", "行政规范性文件"),
    ] {
        rows.push(vec![
            cell(label),
            cell(v(&format!("{key}/issued"))),
            cell(v(&format!("{key}/repealed"))),
            cell(v(&format!("{key}/in_force"))),
        ]);
    }
    let items: [(&str, &str, Labelled); 3] = [
        (
            "五",
            "本年处理决定数量",
            &[("licensing/decisions", "行政许可")],
        ),
        (
            "六",
            "本年处理决定数量",
            &[
                ("penalty/decisions", "行政处罚"),
                ("coercion/decisions", "行政强制"),
            ],
        ),
        (
            "八",
            "本年收费金额（单位：万元）",
            &[("fees/amount_wan_yuan", "行政事业性收费")],
        ),
    ];
    for (item, column, data) in items {
        rows.push(caption(item));
        rows.push(vec![cell("信息内容"), span(style.label(column), 1, 3)]);
        for (pointer, label) in data {
            rows.push(vec![cell(*label), span(v(pointer), 1, 3)]);
        }
    }
    Grid { width: 4, rows }
}

/// 表三: three header rows under the corner note, 25 data rows with the result groups merged;
/// 3 label columns and 7 applicant columns.
fn applications(report: &Value, style: Style) -> Grid {
    let numbers = |row: &str| -> Vec<Cell> {
        PARTIES
            .iter()
            .map(|p| cell(value(report, &format!("/applications/{row}/{p}"))))
            .collect()
    };
    let mut rows = vec![
        vec![
            span(
                style.label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .into_iter()
        .map(cell)
        .collect(),
    ];
    for (key, label) in [
        ("new_received", "一、本年新收政府信息公开申请数量"),
        ("carried_over", "二、上年结转政府信息公开申请数量"),
    ] {
        let mut row = vec![span(label, 1, 3)];
        row.extend(numbers(key));
        rows.push(row);
    }
    let results_rows: usize = RESULT_GROUPS.iter().map(|(_, leaves)| leaves.len()).sum();
    let mut first = true;
    for (group, leaves) in RESULT_GROUPS {
        for (k, (key, label)) in leaves.iter().enumerate() {
            let mut row = Vec::new();
            if first {
                row.push(span("三、本年度办理结果", results_rows, 1));
                first = false;
            }
            if group.is_empty() {
                row.push(span(style.label(label), 1, 2));
            } else {
                if k == 0 {
                    row.push(span(style.label(group), leaves.len(), 1));
                }
                row.push(cell(style.label(label)));
            }
            row.extend(numbers(&format!("results/{key}")));
            rows.push(row);
        }
    }
    let mut row = vec![span("四、结转下年度继续办理", 1, 3)];
    row.extend(numbers("carried_forward"));
    rows.push(row);
    Grid { width: 10, rows }
}

/// 表四: two header rows of groups, one of outcomes, one row of 15 numbers.
fn review(report: &Value) -> Grid {
    const OUTCOMES: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut numbers = Vec::new();
    for group in ["review", "litigation_direct", "litigation_after_review"] {
        for key in ["upheld", "corrected", "other", "pending", "total"] {
            numbers.push(cell(value(
                report,
                &format!("/review_litigation/{group}/{key}"),
            )));
        }
    }
    let mut second: Vec<Cell> = OUTCOMES.iter().map(|o| span(*o, 2, 1)).collect();
    second.push(span("未经复议直接起诉", 1, 5));
    second.push(span("复议后起诉", 1, 5));
    Grid {
        width: 15,
        rows: vec![
            vec![span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
            second,
            OUTCOMES.iter().chain(&OUTCOMES).map(|o| cell(*o)).collect(),
            numbers,
        ],
    }
}

/// Prints the title, preamble and every section; `table` prints a grid.
fn print(doc: &Doc, out: &mut String, blank_lines: bool, table: impl Fn(&Grid, &mut String)) {
    let gap = if blank_lines { "\n" } else { "" };
    let _ = write!(out, "{}\n{gap}", doc.title);
    for p in &doc.preamble {
        let _ = write!(out, "{p}\n{gap}");
    }
    for (heading, body) in &doc.sections {
        let _ = write!(out, "{heading}\n{gap}");
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n{gap}");
                }
            }
            Body::Table(grid) => {
                table(grid, out);
                out.push_str(gap);
            }
        }
    }
}

fn one_cell_per_line(doc: &Doc) -> String {
    let mut out = String::new();
    print(doc, &mut out, true, |grid, out| {
        for row in grid.word_rows() {
            for (cell, continued) in row {
                out.push('\t');
                if !continued {
                    out.push_str(&cell.text);
                }
                out.push('\n');
            }
            out.push('\n');
        }
    });
    out
}

fn pipe_cells(doc: &Doc) -> String {
    let mut out = String::new();
    print(doc, &mut out, false, |grid, out| {
        for row in &grid.rows {
            for cell in row {
                let _ = writeln!(out, "{} |", cell.text);
            }
            let empty = grid.width.saturating_sub(row.len());
            if empty > 0 {
                let _ = writeln!(out, "{}", "|".repeat(empty));
            }
        }
    });
    out
}

fn tab_rows(doc: &Doc) -> String {
    let mut out = String::new();
    print(doc, &mut out, true, |grid, out| {
        for row in grid.positional(true) {
            let _ = writeln!(out, "{}", row.join("\t").trim_end_matches('\t'));
        }
    });
    out
}

/// Display width: CJK and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Places texts at column offsets, with at least two spaces between neighbours.
fn place(cells: &[(usize, &str)]) -> String {
    let mut line = String::new();
    let mut at = 0;
    for (offset, text) in cells {
        if text.is_empty() {
            continue;
        }
        let pad = if at == 0 && *offset == 0 {
            0
        } else {
            offset.saturating_sub(at).max(2)
        };
        line.push_str(&" ".repeat(pad));
        line.push_str(text);
        at += pad + width(text);
    }
    line
}

fn space_aligned(doc: &Doc) -> String {
    let mut out = String::new();
    print(doc, &mut out, true, |grid, out| {
        let rows: Vec<Vec<Vec<&str>>> = grid
            .positional(true)
            .into_iter()
            .map(|row| row.into_iter().map(wrap).collect())
            .collect();
        // Column widths from unmerged cells only: a merged cell overflows into the next ones.
        let mut widths = vec![0; grid.width];
        for (r, row) in grid.slots().iter().enumerate() {
            for (c, slot) in row.iter().enumerate() {
                if let Slot::Anchor(ar, k) = *slot
                    && grid.rows[ar][k].colspan == 1
                {
                    widths[c] = rows[r][c]
                        .iter()
                        .map(|t| width(t))
                        .fold(widths[c], usize::max);
                }
            }
        }
        let offsets: Vec<usize> = widths
            .iter()
            .scan(0, |at, w| {
                let start = *at;
                *at += w + 3;
                Some(start)
            })
            .collect();
        for row in &rows {
            // A wrapped label: two pieces around a line of the other cells, or the other cells
            // on the middle one of three or more pieces.
            let pieces = row.iter().map(Vec::len).max().unwrap_or(1);
            let (lines, middle) = match pieces {
                1 => (1, 0),
                2 => (3, 1),
                n => (n, (n - 1) / 2),
            };
            for line in 0..lines {
                let cells: Vec<(usize, &str)> = offsets
                    .iter()
                    .zip(row)
                    .map(|(offset, texts)| {
                        let text = match (texts.len(), pieces) {
                            (1, _) if line == middle => texts[0],
                            (2, 2) if line != middle => texts[line / 2],
                            (n, _) if n > 2 => texts.get(line).copied().unwrap_or_default(),
                            _ => "",
                        };
                        (*offset, text)
                    })
                    .collect();
                let _ = writeln!(out, "{}", place(&cells));
            }
            out.push('\n');
            if row.iter().any(|texts| texts.contains(&FOOTER_AFTER)) {
                let _ = writeln!(out, "\n{}-3-\n\n", " ".repeat(40));
            }
        }
    });
    out
}

/// A cell's text in the pieces a PDF table shows it in: lines of at most [`WRAP_AT`] characters.
fn wrap(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > WRAP_AT {
        let cut = rest
            .char_indices()
            .nth(WRAP_AT)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece);
        rest = tail;
    }
    pieces.push(rest);
    pieces
}

fn markdown(doc: &Doc) -> String {
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", doc.title);
    for p in &doc.preamble {
        let _ = write!(out, "{p}\n\n");
    }
    for (heading, body) in &doc.sections {
        let _ = write!(out, "## {heading}\n\n");
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(grid) => {
                for (r, row) in grid.positional(false).iter().enumerate() {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                    if r == 0 {
                        let _ = writeln!(out, "|{}", "---|".repeat(grid.width));
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Escapes text for HTML and XML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(doc: &Doc) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    let title = escape(&doc.title);
    let _ = write!(
        out,
        "<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
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
            Body::Table(grid) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\">\n<tbody>\n");
                for row in &grid.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td");
                        if cell.rowspan > 1 {
                            let _ = write!(out, " rowspan=\"{}\"", cell.rowspan);
                        }
                        if cell.colspan > 1 {
                            let _ = write!(out, " colspan=\"{}\"", cell.colspan);
                        }
                        let _ = write!(out, ">{}</td>", escape(&cell.text));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn docx_paragraph(out: &mut String, text: &str) {
    if text.is_empty() {
        out.push_str("<w:p/>");
    } else {
        let _ = write!(
            out,
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        );
    }
}

fn docx_document(doc: &Doc) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    docx_paragraph(&mut out, &doc.title);
    for p in &doc.preamble {
        docx_paragraph(&mut out, p);
    }
    for (heading, body) in &doc.sections {
        docx_paragraph(&mut out, heading);
        match body {
            Body::Prose(paras) => paras.iter().for_each(|p| docx_paragraph(&mut out, p)),
            Body::Table(grid) => {
                out.push_str(
                    "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>",
                );
                out.push_str(&"<w:gridCol/>".repeat(grid.width));
                out.push_str("</w:tblGrid>");
                for row in grid.word_rows() {
                    out.push_str("<w:tr>");
                    for (cell, continued) in row {
                        out.push_str("<w:tc><w:tcPr>");
                        if cell.colspan > 1 {
                            let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", cell.colspan);
                        }
                        if continued {
                            out.push_str("<w:vMerge/>");
                        } else if cell.rowspan > 1 {
                            out.push_str("<w:vMerge w:val=\"restart\"/>");
                        }
                        out.push_str("</w:tcPr>");
                        docx_paragraph(&mut out, if continued { "" } else { &cell.text });
                        out.push_str("</w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                out.push_str("</w:tbl>");
            }
        }
    }
    out.push_str("<w:sectPr/></w:body></w:document>\n");
    out
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>\n";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/></Relationships>\n";

/// The bytes of a minimal valid DOCX: content types, package relationships, the document.
fn docx(doc: &Doc) -> Vec<u8> {
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        ("word/document.xml", docx_document(doc)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let written: zip::result::ZipResult<()> = parts.iter().try_for_each(|(name, text)| {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
        Ok(())
    });
    // Writing into memory cannot fail; an empty result would be refused by the reader.
    match written.and_then(|()| zip.finish()) {
        Ok(cursor) => cursor.into_inner(),
        Err(_) => Vec::new(),
    }
}

/// Crawler boilerplate that web pages put before a report's title.
const BOILERPLATE: [&str; 8] = [
    "首页 > 政务公开 > 政府信息公开年报",
    "字号：大 中 小",
    "打印本页",
    "关闭窗口",
    "【我要纠错】",
    "发布时间：2025-01-20 09:30",
    "浏览次数：1024",
    "分享到：",
];

/// A small deterministic generator for the noise of [`one_line`] (SplitMix64).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 for `n` = 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next() % n).unwrap_or(0)
    }
}

/// The whole report on one line, as text taken from a web page with every line break lost:
/// crawler boilerplate (`来源`, `发布时间`, `字号：大 中 小`, …) before the title, then title,
/// headings, prose and the three tables run together, each table's cells concatenated in reading
/// order with no separator (the header runs into the first row, a row's numbers are glued to its
/// label). `seed` draws the noise: which boilerplate, and a stray space inside some rows.
pub fn one_line(report: &Value, seed: u64) -> Vec<u8> {
    one_line_doc(report, &Doc::new(report, Style::default()), seed)
}

/// [`one_line`] for a report in the 2019 format (国办公开办函〔2019〕60号): `report` holds its
/// metadata and prose as a canonical report does and its tables in the shape of
/// [`crate::Edition2019::cells`] (表二's 2019 rows and columns, `本年增/减` signed, the 采购总金额
/// with its unit; 表三 with the single `results/other` row).
pub fn one_line_2019(report: &Value, seed: u64) -> Vec<u8> {
    let mut doc = Doc::new(report, Style::default());
    for (heading, body) in &mut doc.sections {
        if heading.starts_with("二、") {
            *body = Body::Table(edition_2019::active(report));
        } else if heading.starts_with("三、") {
            *body = Body::Table(edition_2019::applications(report));
        }
    }
    one_line_doc(report, &doc, seed)
}

/// Whether a table cell holds a figure: a count, the fee decimal, a signed change (`+3`), an
/// amount with its unit (`251000元`).
fn is_figure(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let bare = unsigned.strip_suffix('元').unwrap_or(unsigned);
    !bare.is_empty()
        && bare.starts_with(|c: char| c.is_ascii_digit())
        && bare.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
}

fn one_line_doc(report: &Value, doc: &Doc, seed: u64) -> Vec<u8> {
    let mut noise = Noise(seed);
    let mut out = String::new();
    let organ = value(report, "/metadata/organ/name");
    for (k, item) in BOILERPLATE.iter().enumerate() {
        if noise.below(2) == 0 {
            out.push_str(item);
            out.push(' ');
        }
        if k == 3 {
            let _ = write!(out, "来源：{organ} ");
        }
    }
    out.push_str(&doc.title);
    for p in &doc.preamble {
        out.push_str(p);
    }
    for (heading, body) in &doc.sections {
        out.push_str(heading);
        match body {
            Body::Prose(paras) => paras.iter().for_each(|p| out.push_str(p)),
            Body::Table(grid) => {
                for row in &grid.rows {
                    let is_number = |c: &&Cell| is_figure(&c.text);
                    let numbers: String = row
                        .iter()
                        .filter(is_number)
                        .map(|c| c.text.as_str())
                        .collect();
                    row.iter()
                        .filter(|c| !is_number(c))
                        .for_each(|c| out.push_str(&c.text));
                    // A stray space in one row of four, anywhere from before the first digit to
                    // before the last, never inside a decimal, a signed change or an amount.
                    let plain = numbers.chars().all(|c| c.is_ascii_digit());
                    if !numbers.is_empty() && plain && noise.below(4) == 0 {
                        let at = noise.below(numbers.len());
                        out.push_str(&numbers[..at]);
                        out.push(' ');
                        out.push_str(&numbers[at..]);
                    } else {
                        out.push_str(&numbers);
                    }
                }
            }
        }
    }
    out.into_bytes()
}

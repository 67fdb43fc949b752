//! The report laid out as the template draws it: title, preamble, six sections, the three tables
//! as grids of merged cells. Every layout prints this one document its own way.

use std::collections::BTreeMap;

use serde_json::Value;
use xxgk_model::{
    AnnualReport, CELLS, CellValue, Row, RowCell, STANDARD_2021, Standard, Table as Template,
};

use crate::Layout;

/// A report's texts by JSON pointer, as published: a count, the fee decimal as written, prose.
pub(crate) trait Source {
    /// The text at `pointer`; `None` when the report lacks it.
    fn text(&self, pointer: &str) -> Option<String>;
}

/// A report given as JSON: a typed 2019 report serialized (its `本年增/减` and amount as printed).
impl Source for Value {
    fn text(&self, pointer: &str) -> Option<String> {
        match self.pointer(pointer) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// The texts of a typed 2021 report: its metadata, its prose and the cells of the model's cell
/// table, keyed by the pointers the layout below reads.
pub(crate) struct Typed(pub(crate) BTreeMap<&'static str, String>);

impl Typed {
    pub(crate) fn new(report: &AnnualReport) -> Self {
        let mut texts: BTreeMap<&'static str, String> = CELLS
            .iter()
            .zip(report.cell_values())
            .map(|(cell, value)| {
                let text = match value {
                    CellValue::Count(n) => n.to_string(),
                    CellValue::Decimal(d) => d.as_str().to_owned(),
                    CellValue::Signed(n) => n.to_string(),
                    CellValue::Published(a) => a.as_str().to_owned(),
                };
                (cell.pointer, text)
            })
            .collect();
        let metadata = &report.metadata;
        texts.insert("/metadata/organ/name", metadata.organ.name.clone());
        texts.insert("/metadata/report_year", metadata.report_year.to_string());
        if let Some(title) = &metadata.title {
            texts.insert("/metadata/title", title.clone());
        }
        if let Some(preamble) = &report.preamble {
            texts.insert("/preamble/text", preamble.text.clone());
        }
        texts.insert("/overview/text", report.overview.text.clone());
        texts.insert(
            "/problems_and_improvements/text",
            report.problems_and_improvements.text.clone(),
        );
        texts.insert("/other_matters/text", report.other_matters.text.clone());
        Self(texts)
    }
}

/// The texts of a [`crate::view::ReportView`], by pointer.
impl Source for BTreeMap<String, String> {
    fn text(&self, pointer: &str) -> Option<String> {
        self.get(pointer).cloned()
    }
}

impl Source for Typed {
    fn text(&self, pointer: &str) -> Option<String> {
        self.0.get(pointer).cloned()
    }
}

/// Which documented label variants a layout prints.
#[derive(Clone, Copy, Default)]
pub(crate) struct Style {
    /// Half-width `(一)`, `:`, `,`, `"` instead of the full-width template punctuation.
    half_width: bool,
    /// `第二十条 第（一）项` (with `sep` between), `只计这一情况`, the typo `三类内容事务信息`.
    variants: Option<&'static str>,
}

pub(crate) fn style_of(layout: Layout) -> Style {
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

/// A cell of a table, with its spans; positions covered by a span hold no cell.
#[derive(Debug)]
pub struct Cell {
    pub(crate) text: String,
    pub(crate) rowspan: usize,
    pub(crate) colspan: usize,
    /// The JSON pointer of a value cell; `None` for a label or header.
    pub(crate) pointer: Option<String>,
}

impl Cell {
    /// The cell's text: a label, or a value as published (blank when the report lacks it).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The rows the cell spans (at least 1).
    pub fn rowspan(&self) -> usize {
        self.rowspan
    }

    /// The columns the cell spans (at least 1).
    pub fn colspan(&self) -> usize {
        self.colspan
    }

    /// The JSON pointer of the value the cell shows (`/applications/new_received/total`, …);
    /// `None` for a label or header.
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }
}

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    span(text, 1, 1)
}

pub(crate) fn span(text: impl Into<String>, rowspan: usize, colspan: usize) -> Cell {
    Cell {
        text: text.into(),
        rowspan,
        colspan,
        pointer: None,
    }
}

/// The value cell of `pointer`, as published, spanning `colspan` columns.
pub(crate) fn value_cell(report: &dyn Source, pointer: &str, colspan: usize) -> Cell {
    Cell {
        text: value(report, pointer),
        rowspan: 1,
        colspan,
        pointer: Some(pointer.to_owned()),
    }
}

/// A table as the template draws it: rows of cells, spans as in HTML.
#[derive(Debug)]
pub struct Table {
    pub(crate) width: usize,
    pub(crate) rows: Vec<Vec<Cell>>,
}

/// A position of a table: the cell anchored there, or the anchor of the span covering it.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    Empty,
    Anchor(usize, usize),
    Covered(usize, usize),
}

impl Table {
    /// The number of columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The rows, each holding the cells anchored in it, as HTML lists them.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Every position, row by row: which cell is anchored at or covers it.
    pub(crate) fn slots(&self) -> Vec<Vec<Slot>> {
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
    pub fn positional(&self, middle: bool) -> Vec<Vec<&str>> {
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
    pub(crate) fn word_rows(&self) -> Vec<Vec<(&Cell, bool)>> {
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

/// A section's body.
#[derive(Debug)]
pub enum Body {
    /// Paragraphs of prose.
    Prose(Vec<String>),
    /// The section's table.
    Table(Table),
}

/// The report laid out: title, preamble, and the six sections with their headings.
#[derive(Debug)]
pub struct Document {
    pub(crate) title: String,
    pub(crate) preamble: Vec<String>,
    pub(crate) sections: Vec<(&'static str, Body)>,
}

fn paragraphs(report: &dyn Source, pointer: &str) -> Vec<String> {
    report
        .text(pointer)
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
pub(crate) fn value(report: &dyn Source, pointer: &str) -> String {
    report.text(pointer).unwrap_or_default()
}

/// The corner header of 表二's sub-tables. Like [`CORNER_NOTE`] and [`APPLICANTS`], printed
/// text of the template that is no row, column or group of the standard: the renderer's own
/// wording, which the extractor recognises as a heading rather than reads.
pub(crate) const CONTENT_HEADER: &str = "信息内容";

/// The note in 表三's corner on how its columns add up.
const CORNER_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// The caption over 表三's applicant columns (the schema's title of their row type).
const APPLICANTS: &str = "申请人情况";

/// The pointer of a row's cell, from the cell table of `standard`.
pub(crate) fn cell_pointer(standard: &Standard, rc: &RowCell) -> &'static str {
    standard.cells.get(rc.cell).map_or("", |c| c.pointer)
}

/// A row of a grouped table as laid out: its groups' labels outermost first, its label, and the
/// pointer of its cell in each column (`None` where it has none).
pub(crate) struct Line {
    pub(crate) groups: Vec<&'static str>,
    pub(crate) label: &'static str,
    pub(crate) pointers: Vec<Option<String>>,
}

/// A row of a table of `standard` as a [`Line`], its cells' pointers from that edition.
pub(crate) fn line_in(standard: &Standard, table: &Template, row: &Row) -> Line {
    let mut pointers = vec![None; table.columns.len()];
    for rc in row.cells {
        if let Some(slot) = pointers.get_mut(rc.column) {
            *slot = Some(cell_pointer(standard, rc).to_owned());
        }
    }
    Line {
        groups: row.groups.iter().map(|g| g.label).collect(),
        label: row.label,
        pointers,
    }
}

impl Document {
    /// A 2021 report laid out with the template's own labels.
    pub fn new(report: &AnnualReport) -> Self {
        Self::styled(report, Style::default())
    }

    /// A 2021 report laid out with the label variants of `style`.
    pub(crate) fn styled(report: &AnnualReport, style: Style) -> Self {
        Self::with_style(&Typed::new(report), style)
    }

    /// The title: the report's own, or the template's from its organ and year.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The paragraphs before the first section.
    pub fn preamble(&self) -> &[String] {
        &self.preamble
    }

    /// The six sections in order, each with its heading (`一、总体情况`, …).
    pub fn sections(&self) -> &[(&'static str, Body)] {
        &self.sections
    }

    /// The document of a 2021 report's texts, its labels in `style`.
    pub(crate) fn with_style(report: &dyn Source, style: Style) -> Self {
        Self::of_edition(report, &STANDARD_2021, style)
    }

    /// The document of a report's texts in the template of `standard` (its sections, tables,
    /// rows and labels), its labels in `style`.
    pub(crate) fn of_edition(report: &dyn Source, standard: &Standard, style: Style) -> Self {
        let organ = value(report, "/metadata/organ/name");
        let year = value(report, "/metadata/report_year");
        // The template's own title: the standard's, without its remark on the edition.
        let name = standard
            .title
            .split_once('（')
            .map_or(standard.title, |(name, _)| name);
        let title = report
            .text("/metadata/title")
            .unwrap_or_else(|| format!("{organ}{year}年{name}"));
        let sections = standard
            .sections
            .iter()
            .map(|section| {
                let table = standard
                    .tables
                    .iter()
                    .find(|t| Some(t.number) == section.table);
                let body = match table {
                    Some(table) => Body::Table(layout(report, standard, table, style)),
                    None => Body::Prose(paragraphs(report, &format!("{}/text", section.pointer))),
                };
                (section.heading, body)
            })
            .collect();
        Self {
            title,
            preamble: paragraphs(report, "/preamble/text"),
            sections,
        }
    }
}

/// A table of `standard`'s template laid out as the template draws it.
fn layout(report: &dyn Source, standard: &Standard, table: &Template, style: Style) -> Table {
    match table.number {
        "表二" => active(report, standard, table, style),
        "表四" => review(report, standard, table, style),
        // Rows down, columns across: 表三, and the general form of a table.
        _ => {
            let lines: Vec<Line> = table
                .rows
                .iter()
                .map(|row| line_in(standard, table, row))
                .collect();
            grouped(report, table, &lines, style)
        }
    }
}

/// 表二: a sub-table per run of rows under one caption (`第二十条第（一）项` …), each a caption
/// row, a header row and its data rows; a sub-table's columns share the value positions of the
/// widest (a single column spans all three; of two, the second spans two).
fn active(report: &dyn Source, standard: &Standard, table: &Template, style: Style) -> Table {
    let width = 1 + table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(1);
    let mut rows = Vec::new();
    for run in table.rows.chunk_by(|a, b| a.header == b.header) {
        rows.push(vec![span(
            style.label(run[0].header.unwrap_or_default()),
            1,
            width,
        )]);
        let columns = run[0].cells;
        let spans = colspans(width - 1, columns.len());
        let mut header = vec![cell(CONTENT_HEADER)];
        header.extend(columns.iter().zip(&spans).map(|(rc, &colspan)| {
            let text = table.columns.get(rc.column).map_or("", |c| c.header);
            span(style.label(text), 1, colspan)
        }));
        rows.push(header);
        for row in run {
            let mut line = vec![cell(style.label(row.label))];
            line.extend(
                // Every cell of the row, even one beyond its sub-table's header (none is).
                row.cells.iter().enumerate().map(|(k, rc)| {
                    let colspan = spans.get(k).copied().unwrap_or(1);
                    value_cell(report, cell_pointer(standard, rc), colspan)
                }),
            );
            rows.push(line);
        }
    }
    Table { width, rows }
}

/// `positions` value positions shared by `columns` columns, the last ones a position wider
/// when they do not divide evenly (never less than one each).
pub(crate) fn colspans(positions: usize, columns: usize) -> Vec<usize> {
    let columns = columns.max(1);
    let (base, extra) = (positions / columns, positions % columns);
    (0..columns)
        .map(|k| (base + usize::from(k >= columns - extra)).max(1))
        .collect()
}

/// 表三 and the general form: the corner note over the label columns, the column headers (a
/// column group's header over its columns), then a row per line, each group's label merged over
/// the run of its rows, a row's label spanning the label columns its groups leave.
pub(crate) fn grouped(
    report: &dyn Source,
    table: &Template,
    lines: &[Line],
    style: Style,
) -> Table {
    let depth = 1 + lines.iter().map(|l| l.groups.len()).max().unwrap_or(0);
    let grouped_columns = table.columns.iter().any(|c| c.header_group.is_some());
    let header_rows = if grouped_columns { 2 } else { 1 };
    let mut rows = vec![vec![
        span(style.label(CORNER_NOTE), 1 + header_rows, depth),
        span(APPLICANTS, 1, table.columns.len()),
    ]];
    let mut headers = Vec::new();
    let mut under = Vec::new();
    for run in table
        .columns
        .chunk_by(|a, b| a.header_group == b.header_group)
    {
        match run[0].header_group {
            Some(group) => {
                headers.push(span(style.label(group), 1, run.len()));
                under.extend(run.iter().map(|c| cell(style.label(c.header))));
            }
            None => headers.extend(
                run.iter()
                    .map(|c| span(style.label(c.header), header_rows, 1)),
            ),
        }
    }
    rows.push(headers);
    if grouped_columns {
        rows.push(under);
    }
    for (i, line) in lines.iter().enumerate() {
        let mut row = Vec::new();
        for (level, group) in line.groups.iter().enumerate() {
            let path = &line.groups[..=level];
            if i > 0 && lines[i - 1].groups.get(..=level) == Some(path) {
                continue;
            }
            let run = lines[i..]
                .iter()
                .take_while(|l| l.groups.get(..=level) == Some(path))
                .count();
            row.push(span(style.label(group), run, 1));
        }
        row.push(span(style.label(line.label), 1, depth - line.groups.len()));
        row.extend(line.pointers.iter().map(|p| match p {
            Some(p) => value_cell(report, p, 1),
            None => cell(""),
        }));
        rows.push(row);
    }
    Table {
        width: depth + table.columns.len(),
        rows,
    }
}

/// 表四: its rows across, each over its columns: a row under a header (`行政诉讼`) has its label
/// on the second header row, a row without one its columns' headers down two rows; then one row
/// of every number.
fn review(report: &dyn Source, standard: &Standard, table: &Template, style: Style) -> Table {
    let columns = table.columns.len();
    let (mut top, mut middle, mut bottom, mut numbers) = (vec![], vec![], vec![], vec![]);
    for run in table.rows.chunk_by(|a, b| a.header == b.header) {
        match run[0].header {
            Some(header) => {
                top.push(span(style.label(header), 1, columns * run.len()));
                for row in run {
                    middle.push(span(style.label(row.label), 1, columns));
                    bottom.extend(table.columns.iter().map(|c| cell(style.label(c.header))));
                }
            }
            None => {
                for row in run {
                    top.push(span(style.label(row.label), 1, columns));
                    middle.extend(
                        table
                            .columns
                            .iter()
                            .map(|c| span(style.label(c.header), 2, 1)),
                    );
                }
            }
        }
    }
    for row in table.rows {
        numbers.extend(
            row.cells
                .iter()
                .map(|rc| value_cell(report, cell_pointer(standard, rc), 1)),
        );
    }
    Table {
        width: columns * table.rows.len(),
        rows: vec![top, middle, bottom, numbers],
    }
}

//! The report laid out as the template draws it: title, preamble, six sections, the three tables
//! as grids of merged cells. Every layout prints this one document its own way.

use std::collections::BTreeMap;

use serde_json::Value;
use xxgk_model::{AnnualReport, CELLS, CellValue};

use crate::Layout;

/// A report's texts by JSON pointer, as published: a count, the fee decimal as written, prose.
pub(crate) trait Source {
    /// The text at `pointer`; `None` when the report lacks it.
    fn text(&self, pointer: &str) -> Option<String>;
}

/// A report given as JSON: the 2019 format, which has no typed model yet.
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
struct Typed(BTreeMap<&'static str, String>);

impl Typed {
    fn new(report: &AnnualReport) -> Self {
        let mut texts: BTreeMap<&'static str, String> = CELLS
            .iter()
            .zip(report.cell_values())
            .map(|(cell, value)| {
                let text = match value {
                    CellValue::Count(n) => n.to_string(),
                    CellValue::Decimal(d) => d.as_str().to_owned(),
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
}

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        rowspan: 1,
        colspan: 1,
    }
}

pub(crate) fn span(text: impl Into<String>, rowspan: usize, colspan: usize) -> Cell {
    Cell {
        text: text.into(),
        rowspan,
        colspan,
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

/// The applicant columns of 表三.
pub(crate) const PARTIES: [&str; 7] = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
];

/// Rows of a table: (pointer below the table, label).
pub(crate) type Labelled = &'static [(&'static str, &'static str)];

/// The result groups of 表三 with their leaf rows (key, label); a group without a label is a
/// single row spanning the two label columns.
pub(crate) const RESULT_GROUPS: [(&str, Labelled); 7] = [
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

    /// The document of a report's texts, its labels in `style`.
    pub(crate) fn with_style(report: &dyn Source, style: Style) -> Self {
        let organ = value(report, "/metadata/organ/name");
        let year = value(report, "/metadata/report_year");
        let title = report
            .text("/metadata/title")
            .unwrap_or_else(|| format!("{organ}{year}年政府信息公开工作年度报告"));
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
fn active(report: &dyn Source, style: Style) -> Table {
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
    Table { width: 4, rows }
}

/// 表三: three header rows under the corner note, 25 data rows with the result groups merged;
/// 3 label columns and 7 applicant columns.
fn applications(report: &dyn Source, style: Style) -> Table {
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
    Table { width: 10, rows }
}

/// 表四: two header rows of groups, one of outcomes, one row of 15 numbers.
fn review(report: &dyn Source) -> Table {
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
    Table {
        width: 15,
        rows: vec![
            vec![span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
            second,
            OUTCOMES.iter().chain(&OUTCOMES).map(|o| cell(*o)).collect(),
            numbers,
        ],
    }
}

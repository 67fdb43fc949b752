//! Published layouts of a 政府信息公开工作年度报告: a canonical 2021 report
//! ([`xxgk_model::AnnualReport`]) printed as a producer or a web page prints it — DOCX exported to
//! text, HTML table text, PDF text, `pdftotext -layout`, Markdown, an HTML page, a DOCX, GB18030
//! text, and the whole page's text on one line ([`one_line`]). The extractor's round-trip tests
//! and the benchmark corpus read them back. [`view`] is the report as a person reads it, checked
//! or not (HTML page or fragment, Markdown), built on the same [`Document`].
//!
//! The three tables are laid out once, in a [`Document`], as grids of merged cells as in the
//! official template (表三's row groups `三、本年度办理结果`, `（三）不予公开` … as row spans, the
//! header cells as row and column spans); each layout then prints the grids the way its producer
//! does: HTML keeps the spans, Word keeps an empty cell under a vertical merge, PDF text puts a
//! merged label on the middle row of its span and leaves the other positions empty.
//!
//! What converters do to a PDF's tables beyond that (labels torn from their numbers, truncated,
//! rows merged, footers inside tables) is no published layout: it is imitated by the test-support
//! crate `xxgk-render-noise`.
//!
//! ```
//! use xxgk_render::{Layout, render};
//! let report: xxgk_model::AnnualReport =
//!     serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
//! let published = String::from_utf8(render(&report, Layout::PipeCells)).unwrap();
//! assert!(published.contains("一、本年新收政府信息公开申请数量 |\n298 |"));
//! ```
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod document;
mod edition_2019;
mod one_line;
mod print;
pub mod view;

pub use document::{Body, Cell, Document, Table};
pub use one_line::{
    one_line, one_line_2019, one_line_2019_spaced, one_line_marked, one_line_merged_other,
    one_line_spaced,
};

use xxgk_model::AnnualReport;

use document::style_of;

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

    /// A file name for the layout, whose extension tells a reader the format (`report.html`, …).
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Markdown => "report.md",
            Self::Html => "report.html",
            Self::Docx => "report.docx",
            _ => "report.txt",
        }
    }
}

/// Renders a canonical 2021 report as the bytes of a published report.
pub fn render(report: &AnnualReport, layout: Layout) -> Vec<u8> {
    let doc = Document::styled(report, style_of(layout));
    match layout {
        Layout::OneCellPerLine => print::one_cell_per_line(&doc).into_bytes(),
        Layout::PipeCells => print::pipe_cells(&doc).into_bytes(),
        Layout::TabRows => print::tab_rows(&doc).into_bytes(),
        Layout::SpaceAligned => print::space_aligned(&doc).into_bytes(),
        Layout::Markdown => print::markdown(&doc).into_bytes(),
        Layout::Html => print::html(&doc).into_bytes(),
        Layout::Docx => print::docx(&doc),
        Layout::Gb18030 => {
            let text = print::one_cell_per_line(&doc);
            encoding_rs::GB18030.encode(&text).0.into_owned()
        }
    }
}

//! Test support: imitations of what PDF-to-Markdown and PDF-to-text converters do to a published
//! report's tables, for the extractor's round-trip tests. Not a published layout (those are
//! `xxgk-render`'s): a converter's damage, drawn from a seed so that a failing case is reproduced
//! by its seed.
//!
//! The damage: a label wrapped over several lines or rows and sometimes truncated, a group label
//! (`（三）不予公开`) printed beside another row or in the leaf's own cell, rows of numbers with no
//! label at all, page footers and the table heading repeated where a table is cut across pages,
//! and a multi-line cell of 表二 (`22（其中修订 16 件）`) pulled out of its row onto a line of its
//! own.
//!
//! [`Torn::LabelsBelowNumbers`] prints rows as pdfplumber and markitdown print the cells of a tall
//! table row: the numbers on one line and the label on the next (now and then the label on the
//! line above instead), in Markdown the page footer cut into table cells. In Markdown a table
//! sometimes has a column no cell uses, empty in the header and every row, as markitdown adds
//! where a PDF's grid has a line between two columns. [`render_torn_merged_other`] prints （六）其他处理 as one row, as reports on
//! 2021 and later that keep the 2019 table do. [`Torn::BlockDump`] prints the tables as
//! `pdftotext` without flags and pdfminer dump them: a cell a line, labels in blocks of their
//! own, runs of 表三 rows down their columns. [`Torn::MarkdownHtmlTables`] writes Markdown as
//! MinerU does, every table a raw HTML fragment. [`Torn::PositionedRuns`] prints the PDF as
//! poppler's `pdftohtml` does (HTML or XML): runs of glyphs at absolute positions on its pages.
//! [`Torn::MarkdownBrCells`] writes Markdown as pymupdf4llm does: `<br>` inside cells, two figure
//! columns now and then merged into one.
//!
//! [`Torn::PdfJsText`] prints a report as Node crawlers do through pdf.js: pdf-parse's lines
//! (a wrapped label's lines, then the row's numbers glued with no separator, `规章000`; header
//! cells broken into pieces; page footers `-3-`), or a page a line with its items, or every
//! glyph of a table, a space apart.
//!
//! [`Torn::MarkdownSpansRepeated`] prints every table as docling's Markdown export and
//! tabulate-based exporters do: a merged cell's text in every cell it covers (or, drawn per
//! report, only across the columns it spans, or only down its rows), page footers between rows
//! and a table cut across pages going on as a new table.
//!
//! [`Torn::NarrowCells`] prints 表四 as converters print a Word table exported to PDF whose
//! columns are too narrow for its numbers: each number wider than its column wrapped over
//! lines, the pieces in the row's order line by line, a cell's lines in turn, or a piece a line;
//! in half its reports 表三 too, as `pdftotext -layout` prints it.
//!
//! [`Torn::MarkdownWordGrid`] writes a report made in Word as pandoc and markdownify turn its
//! HTML or DOCX into Markdown: Word's grid, a column split in two, flattened into pipe tables.
//!
//! [`bare_page_numbers`] puts a PDF's page number, printed bare (`7`), between two rows of a
//! table in any text layout, as a converter leaves it where the table goes on to the next page.
//!
//! [`figures`] makes the reports those tests print: drawn figures completed through the rule
//! catalogue, every identity holding.
//!
//! A crate of its own (`publish = false`) rather than a feature of `xxgk-render`: the extractor's
//! tests and the benchmark corpus can share it as a plain dependency, and the published
//! renderer's API never carries it.
//!
//! ```
//! use xxgk_render_noise::{Torn, render_torn};
//! let report: xxgk_model::AnnualReport =
//!     serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
//! let published = render_torn(&report, Torn::MarkdownFromPdf, 7);
//! assert_eq!(published, render_torn(&report, Torn::MarkdownFromPdf, 7));
//! assert!(String::from_utf8(published).unwrap().contains("|---|"));
//! ```

mod brcells;
mod dump;
pub mod figures;
mod mineru;
mod narrow;
mod pages;
mod pdfjs;
mod positioned;
mod spans;
mod wordgrid;
mod wrap;

pub use pages::{bare_page_numbers, unindented_cells};
pub use wrap::{WrapMeasure, break_markdown_rows, drawn_wrap, hard_wrap};

use std::cell::Cell as Mutable;
use std::fmt::Write as _;

use xxgk_model::{AnnualReport, Row, STANDARD_2021};
use xxgk_render::{Body, Document, Table};

/// A layout of PDF text with torn labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Torn {
    /// Markdown converted from a PDF: every table a Markdown table (`|---|` ruler, empty cells,
    /// empty label cells sometimes dropped, or a column no cell uses added to every row), torn
    /// labels continued in the next table row.
    MarkdownFromPdf,
    /// Plain text converted from a PDF: cells separated by runs of spaces, single spaces or tabs
    /// (drawn per report), torn labels continued on the next line.
    TornText,
    /// Markdown or plain text (drawn per report) converted from a PDF whose row labels stand
    /// below their numbers: every row of 表二 and 表三, or about half of them (drawn per report),
    /// prints its numbers on a line without label and its label on the next line without numbers
    /// (one row in eight its label on the line above instead); the other noise of the torn
    /// layouts as well.
    LabelsBelowNumbers,
    /// Plain text as poppler's `pdftotext` without flags or pdfminer's `pdf2txt.py` dump a PDF
    /// (drawn per report): every cell on its own line(s), labels in blocks of their own, runs of
    /// 表三 rows printed across or down their columns, page footers between runs.
    BlockDump,
    /// Markdown whose pipe tables repeat a merged cell's text in every cell it covers, as
    /// docling's export does (drawn per report: every span, only column spans with row spans
    /// left empty, or only row spans); page footers between rows, tables cut across pages.
    MarkdownSpansRepeated,
    /// Markdown as MinerU and similar PDF→Markdown converters write it: headings with `#`,
    /// paragraphs as lines, every table raw HTML (`rowspan`/`colspan`, or spans flattened into
    /// empty cells), a table cut across pages as two fragments around the page footer.
    MarkdownHtmlTables,
    /// A PDF as poppler's `pdftohtml` prints it (HTML or XML, drawn per report): runs of glyphs
    /// at absolute positions on their pages, in the page's order or the converter's.
    PositionedRuns,
    /// Markdown as pymupdf4llm writes it: a cell's wrapped lines joined by `<br>`, headings
    /// underlined or not, two figure columns now and then merged into one (headers run together,
    /// figures stacked).
    MarkdownBrCells,
    /// Plain text as Node crawlers print a PDF through pdf.js (drawn per report): pdf-parse's
    /// lines (a wrapped label's lines, the row's numbers glued with no separator), or a page a
    /// line with items, or every glyph of a table, a space apart.
    PdfJsText,
    /// Plain text converted from a Word table exported to PDF whose 表四 columns are too narrow
    /// for its numbers: a number wrapped over lines of the column's width (`17` over `8`), the
    /// pieces in the orders converters print them; the header one glyph a line or two. In half
    /// the reports 表三's columns too (`46698` as `4669` over `8`, its labels wrapped).
    NarrowCells,
    /// Markdown of a report written in Word, its HTML or DOCX converted by pandoc or
    /// markdownify: Word's grid with a column or two split in two, every merged cell flattened
    /// into its text and empty cells (every grid position printed, or the rows under a
    /// row-spanning label shorter), columns padded or not, labels in `<span lang>` or not.
    MarkdownWordGrid,
}

impl Torn {
    /// Every torn layout.
    pub const ALL: [Self; 11] = [
        Self::MarkdownFromPdf,
        Self::TornText,
        Self::LabelsBelowNumbers,
        Self::BlockDump,
        Self::MarkdownSpansRepeated,
        Self::MarkdownHtmlTables,
        Self::PositionedRuns,
        Self::MarkdownBrCells,
        Self::PdfJsText,
        Self::NarrowCells,
        Self::MarkdownWordGrid,
    ];

    /// The kebab-case name of the layout.
    pub fn name(self) -> &'static str {
        match self {
            Self::MarkdownFromPdf => "markdown-from-pdf",
            Self::TornText => "torn-text",
            Self::LabelsBelowNumbers => "labels-below-numbers",
            Self::BlockDump => "block-dump",
            Self::MarkdownSpansRepeated => "markdown-spans-repeated",
            Self::MarkdownHtmlTables => "markdown-html-tables",
            Self::PositionedRuns => "positioned-runs",
            Self::MarkdownBrCells => "markdown-br-cells",
            Self::PdfJsText => "pdfjs-text",
            Self::NarrowCells => "narrow-cells",
            Self::MarkdownWordGrid => "markdown-word-grid",
        }
    }

    /// A file name for the layout, whose extension tells a reader the format.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::MarkdownFromPdf
            | Self::MarkdownSpansRepeated
            | Self::MarkdownHtmlTables
            | Self::MarkdownBrCells
            | Self::MarkdownWordGrid => "report.md",
            Self::TornText
            | Self::LabelsBelowNumbers
            | Self::BlockDump
            | Self::PdfJsText
            | Self::NarrowCells => "report.txt",
            // The XML too: `.html` is a name every reader takes, and its content tells XML.
            Self::PositionedRuns => "report.html",
        }
    }
}

/// Renders a canonical report as the bytes of a published report in a torn layout, the noise
/// drawn from `seed`.
pub fn render_torn(report: &AnnualReport, layout: Torn, seed: u64) -> Vec<u8> {
    torn(report, layout, seed, false)
}

/// Like [`render_torn`], with （六）其他处理 printed as one row holding the sums of its three rows
/// (the 2019 format's row), which the 2021 format splits: those three rows are not printed.
pub fn render_torn_merged_other(report: &AnnualReport, layout: Torn, seed: u64) -> Vec<u8> {
    torn(report, layout, seed, true)
}

fn torn(report: &AnnualReport, layout: Torn, seed: u64, merged_other: bool) -> Vec<u8> {
    let doc = Document::new(report);
    let noise = Noise {
        state: Mutable::new(seed ^ 0x9E37_79B9_7F4A_7C15),
    };
    match layout {
        Torn::BlockDump => return dump::block_dump(report, &noise, merged_other),
        Torn::MarkdownHtmlTables => {
            return mineru::markdown_html_tables(report, &noise, merged_other);
        }
        Torn::MarkdownSpansRepeated => {
            return spans::spans_repeated(report, &noise, merged_other);
        }
        Torn::PositionedRuns => {
            return positioned::positioned_runs(report, &noise, merged_other);
        }
        Torn::MarkdownBrCells => return brcells::br_cells(report, &noise, merged_other),
        Torn::PdfJsText => return pdfjs::pdfjs_text(report, &noise, merged_other),
        Torn::MarkdownWordGrid => {
            return wordgrid::markdown_word_grid(report, &noise, merged_other);
        }
        Torn::MarkdownFromPdf | Torn::TornText | Torn::LabelsBelowNumbers | Torn::NarrowCells => {}
    }
    let text_separator = |noise: &Noise| match noise.below(3) {
        0 => Separator::Spaces,
        1 => Separator::Single,
        _ => Separator::Tab,
    };
    let separator = match layout {
        Torn::MarkdownFromPdf => Separator::Markdown,
        Torn::TornText => text_separator(&noise),
        Torn::LabelsBelowNumbers if noise.one_in(2) => Separator::Markdown,
        Torn::LabelsBelowNumbers
        | Torn::BlockDump
        | Torn::MarkdownSpansRepeated
        | Torn::MarkdownHtmlTables
        | Torn::PositionedRuns
        | Torn::MarkdownBrCells
        | Torn::PdfJsText
        | Torn::NarrowCells
        | Torn::MarkdownWordGrid => text_separator(&noise),
    };
    // How often a row's label stands below its numbers: one row in `below`, never when 0.
    let below = match layout {
        Torn::LabelsBelowNumbers => 1 + noise.below(2),
        _ => 0,
    };
    let tearing = Tearing {
        below,
        merged_other,
        markdown: separator == Separator::Markdown,
    };
    // Half the reports in narrow cells print 表三 so too (its numbers wrap where they are wide).
    let narrow_applications = layout == Torn::NarrowCells && noise.one_in(2);
    let mut out = String::new();
    let markdown = separator == Separator::Markdown;
    let _ = write!(
        out,
        "{}{}\n\n",
        if markdown { "# " } else { "" },
        doc.title()
    );
    for (heading, body) in doc.sections() {
        let _ = write!(out, "{}{heading}\n\n", if markdown { "## " } else { "" });
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(grid) if layout == Torn::NarrowCells && label_columns(grid) == 0 => {
                out.push_str(&narrow::review_table(grid, &noise));
                out.push('\n');
            }
            Body::Table(grid)
                if layout == Torn::NarrowCells
                    && label_columns(grid) == 3
                    && narrow_applications =>
            {
                out.push_str(&narrow::application_table(grid, &noise, merged_other));
                out.push('\n');
            }
            Body::Table(grid) => {
                // markitdown adds a column no cell uses where the PDF's grid has a line between
                // two columns, empty in the header and in every row; it then prints every row
                // to the table's width.
                let added = (markdown && grid.width() > 1 && noise.one_in(3)).then(|| {
                    1 + usize::try_from(noise.below(u64::try_from(grid.width() - 1).unwrap_or(1)))
                        .unwrap_or(0)
                });
                for (k, line) in torn_lines(grid, &noise, tearing).iter().enumerate() {
                    let line = match line {
                        Line::Cells(cells) if added.is_some() => {
                            let mut cells = cells.clone();
                            if let Some(at) = added {
                                cells.insert(at.min(cells.len()), String::new());
                            }
                            Line::Cells(cells)
                        }
                        // Converters drop the empty cells a merged label leaves at a row's start.
                        Line::Cells(cells) if markdown && noise.one_in(4) => Line::Cells(
                            cells.iter().skip_while(|c| c.is_empty()).cloned().collect(),
                        ),
                        Line::Cells(cells) => Line::Cells(cells.clone()),
                        Line::Bare(text) => Line::Bare(text.clone()),
                    };
                    out.push_str(&separator.print(&line));
                    out.push('\n');
                    if markdown && k == 0 {
                        let width = grid.width() + usize::from(added.is_some());
                        let _ = writeln!(out, "|{}", "---|".repeat(width));
                    }
                }
                out.push('\n');
            }
        }
    }
    out.into_bytes()
}

/// A deterministic source of noise (SplitMix64).
struct Noise {
    state: Mutable<u64>,
}

impl Noise {
    fn next(&self) -> u64 {
        let state = self.state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.state.set(state);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True once in `n` draws.
    fn one_in(&self, n: u64) -> bool {
        self.below(n) == 0
    }
}

/// How the cells of a printed line are separated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    Markdown,
    Spaces,
    Single,
    Tab,
}

/// A printed line: its cells (empty for an empty cell), or a line of its own (a footer).
enum Line {
    Cells(Vec<String>),
    Bare(String),
}

impl Separator {
    fn print(self, line: &Line) -> String {
        let cells = match line {
            Line::Bare(text) => return text.clone(),
            Line::Cells(cells) => cells,
        };
        match self {
            Self::Markdown => format!("| {} |", cells.join(" | ")),
            Self::Tab => cells.join("\t").trim_end_matches('\t').to_owned(),
            Self::Spaces | Self::Single => {
                let gap = if self == Self::Spaces { "   " } else { " " };
                cells
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(gap)
            }
        }
    }
}

/// What a report's tables suffer beyond the noise of every torn layout.
#[derive(Clone, Copy)]
struct Tearing {
    /// One row in `below` prints its label on the line after its numbers; never when 0.
    below: u64,
    /// （六）其他处理 printed as one row.
    merged_other: bool,
    /// Markdown output: a footer may be cut into table cells.
    markdown: bool,
}

/// The footers a PDF page leaves between two rows of a table.
fn footer(noise: &Noise, tearing: Tearing) -> Line {
    let page = 2 + noise.below(8);
    if tearing.markdown && tearing.below > 0 && noise.one_in(2) {
        // markitdown cuts the footer into the cells of the table around it.
        return Line::Bare(format!("|     |     |     | - {page} | -   |"));
    }
    Line::Bare(match noise.below(4) {
        0 => format!("— {page} —"),
        1 => format!("-{page}-"),
        2 => format!("第 {page} 页 共 {} 页", page + 3),
        _ => format!("- {page} -"),
    })
}

/// Whether a cell holds a figure (a count or the 万元 decimal).
fn is_figure(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A report as a PDF→Markdown converter writes it: the title after `# `, each section's heading
/// after `heading` (`# ` or `## `), paragraphs apart, each table as `table` prints it.
fn markdown_report(
    doc: &Document,
    heading: &str,
    mut table: impl FnMut(&mut String, &Table),
) -> Vec<u8> {
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", doc.title());
    for (title, body) in doc.sections() {
        let _ = write!(out, "{heading}{title}\n\n");
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(grid) => table(&mut out, grid),
        }
    }
    out.into_bytes()
}

/// Label columns of a grid: 表二 has one, 表三 three, 表四 none.
fn label_columns(grid: &Table) -> usize {
    match grid.width() {
        4 => 1,
        10 => 3,
        _ => 0,
    }
}

/// A table's positional rows ([`Table::positional`], `middle` as there), with （六）其他处理 as
/// one row when `merged_other`: its count of label columns, the rows, and where its header ends.
fn positional_rows(
    grid: &Table,
    middle: bool,
    merged_other: bool,
) -> (usize, Vec<Vec<String>>, usize) {
    let labels = label_columns(grid);
    let mut rows: Vec<Vec<String>> = grid
        .positional(middle)
        .into_iter()
        .map(|row| row.into_iter().map(str::to_owned).collect())
        .collect();
    if labels == 3 && merged_other {
        merge_other_rows(&mut rows);
    }
    let header_end = header_end(&rows, labels);
    (labels, rows, header_end)
}

/// The index of a table's first data row: a figure beside its `labels` label columns.
fn header_end(rows: &[Vec<String>], labels: usize) -> usize {
    rows.iter()
        .position(|row| row.iter().skip(labels).any(|c| is_figure(c)))
        .unwrap_or(rows.len())
}

/// Splits a label after `at` characters.
fn cut(text: &str, at: usize) -> (String, String) {
    let head: String = text.chars().take(at).collect();
    let tail: String = text.chars().skip(at).collect();
    (head, tail)
}

/// The lines of a table with its labels torn, as a PDF converter prints it.
fn torn_lines(grid: &Table, noise: &Noise, tearing: Tearing) -> Vec<Line> {
    let (labels, mut rows, header_end) = positional_rows(grid, true, tearing.merged_other);
    let is_data = |row: &[String]| row.iter().skip(labels).any(|c| is_figure(c));
    let header: Vec<Vec<String>> = rows.get(..header_end).unwrap_or_default().to_vec();
    if labels == 3 {
        move_group_labels(&mut rows, header_end, noise);
    }
    let mut out: Vec<Line> = Vec::new();
    let mut after: Vec<Line> = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        let width = row.len();
        let empty = || vec![String::new(); width];
        out.append(&mut after);
        if r < header_end || !is_data(&row) || labels == 0 {
            out.push(Line::Cells(row));
            continue;
        }
        let mut row = row;
        let leaf = (0..labels)
            .rev()
            .find(|&c| row.get(c).is_some_and(|t| !t.is_empty()));
        if labels == 1
            && width == 4
            && row.iter().skip(1).filter(|c| is_figure(c)).count() == 3
            && noise.one_in(4)
        {
            // A multi-line cell of 表二 pulled out of its row: the row prints it blank, the
            // cell follows on a line of its own with the note it carried.
            let column = 1 + usize::try_from(noise.below(3)).unwrap_or(0);
            if let Some(value) = row.get_mut(column) {
                let figure = std::mem::take(value);
                after.push(Line::Bare(format!(
                    "{figure}（其中修订 {} 件）",
                    noise.below(20)
                )));
            }
        } else if labels == 3 && noise.one_in(12) {
            // A row of numbers with no label at all.
            for c in row.iter_mut().take(labels) {
                c.clear();
            }
        } else if let Some(leaf) = leaf
            && row.get(leaf).is_some_and(|t| t.chars().count() >= 6)
            && noise.one_in(3)
        {
            let text = row.get(leaf).cloned().unwrap_or_default();
            let length = text.chars().count();
            let at = 2 + usize::try_from(noise.below(u64::try_from(length - 3).unwrap_or(1)))
                .unwrap_or(0);
            let (head, tail) = cut(&text, at);
            let label_only = |piece: String| {
                let mut line = empty();
                if let Some(c) = line.get_mut(leaf) {
                    *c = piece;
                }
                Line::Cells(line)
            };
            match noise.below(4) {
                // The label's first piece beside the numbers, the rest on the next line.
                0 => {
                    row[leaf] = head;
                    after.push(label_only(tail));
                }
                // The first piece on a line of its own, the rest beside the numbers.
                1 => {
                    out.push(label_only(head));
                    row[leaf] = tail;
                }
                // Three pieces: the numbers beside the middle one.
                2 if tail.chars().count() >= 4 => {
                    let (middle, last) = cut(&tail, tail.chars().count() / 2);
                    out.push(label_only(head));
                    row[leaf] = middle;
                    after.push(label_only(last));
                }
                // Truncated: the rest of the label is lost.
                _ => row[leaf] = head,
            }
        }
        if noise.one_in(14) {
            after.push(footer(noise, tearing));
            if noise.one_in(2) {
                after.extend(header.iter().cloned().map(Line::Cells));
            }
        }
        if tearing.below > 0 && noise.one_in(8) {
            // The label above its numbers, on a line of its own.
            let label: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, t)| if c < labels { t.clone() } else { String::new() })
                .collect();
            for c in row.iter_mut().take(labels) {
                c.clear();
            }
            if label.iter().any(|c| !c.is_empty()) {
                out.push(Line::Cells(label));
            }
            out.push(Line::Cells(row));
            continue;
        }
        if tearing.below > 0 && noise.one_in(tearing.below) {
            // The label below its numbers: a line of numbers, then a line of the label alone.
            let label: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, t)| if c < labels { t.clone() } else { String::new() })
                .collect();
            for c in row.iter_mut().take(labels) {
                c.clear();
            }
            out.push(Line::Cells(row));
            if label.iter().any(|c| !c.is_empty()) {
                out.push(Line::Cells(label));
            }
            continue;
        }
        out.push(Line::Cells(row));
    }
    out.append(&mut after);
    if labels == 0 && noise.one_in(3) {
        // 表四 cut across pages: a footer and the heading again before its numbers.
        let at = out.len().saturating_sub(1);
        let mut repeated = vec![footer(noise, tearing)];
        repeated.extend(header.iter().cloned().map(Line::Cells));
        out.splice(at..at, repeated);
    }
    out
}

/// The group of 表三 whose rows [`merge_other_rows`] merges.
const OTHER_GROUP: &str = "/applications/results/other";

/// Replaces the three （六） rows of 表三 by one row holding their sums, labelled
/// `（六）其他处理`.
fn merge_other_rows(rows: &mut Vec<Vec<String>>) {
    let (leaves, group) = other_group_labels();
    let is_other = |row: &Vec<String>| row.get(2).is_some_and(|t| leaves.contains(&t.as_str()));
    let Some(first) = rows.iter().position(is_other) else {
        return;
    };
    let mut merged = vec![String::new(); rows.get(first).map_or(0, Vec::len)];
    if let Some(c) = merged.get_mut(1) {
        group.clone_into(c);
    }
    for (c, slot) in merged.iter_mut().enumerate().skip(3) {
        let sum: u128 = rows
            .iter()
            .filter(|r| is_other(r))
            .filter_map(|r| r.get(c).and_then(|t| t.parse::<u128>().ok()))
            .sum();
        *slot = sum.to_string();
    }
    rows.retain(|r| !is_other(r));
    rows.insert(first, merged);
}

/// The labels of the three （六） rows of 表三 and of their group (`（六）其他处理`).
fn other_group_labels() -> (Vec<&'static str>, &'static str) {
    let template = STANDARD_2021.tables.iter().flat_map(|t| t.rows);
    let in_group = |row: &&Row| row.groups.last().is_some_and(|g| g.pointer == OTHER_GROUP);
    let leaves: Vec<&str> = template.clone().filter(in_group).map(|r| r.label).collect();
    let group = template
        .flat_map(|r| r.groups)
        .find(|g| g.pointer == OTHER_GROUP)
        .map_or("", |g| g.label);
    (leaves, group)
}

/// Prints some group labels of 表三 (`（三）不予公开`, `三、本年度办理结果`) beside another row of
/// their group, or in the same cell as the label of the row they stand beside.
fn move_group_labels(rows: &mut [Vec<String>], header_end: usize, noise: &Noise) {
    for column in 0..2 {
        let anchors: Vec<usize> = (header_end..rows.len())
            .filter(|&r| {
                rows.get(r)
                    .and_then(|row| row.get(column))
                    .is_some_and(|t| !t.is_empty())
                    && rows
                        .get(r)
                        .and_then(|row| row.get(column + 1))
                        .is_some_and(|t| !t.is_empty())
            })
            .collect();
        for r in anchors {
            let Some(text) = rows
                .get_mut(r)
                .and_then(|row| row.get_mut(column))
                .map(std::mem::take)
            else {
                continue;
            };
            // The rows of the group: the anchor's neighbours that share its group, as far as
            // their own group-label column is empty.
            let target = match noise.below(3) {
                0 => r.saturating_sub(1).max(header_end),
                1 => r + 1,
                _ => r,
            };
            let target = if rows
                .get(target)
                .is_some_and(|row| row.get(column).is_some_and(String::is_empty))
            {
                target
            } else {
                r
            };
            let Some(row) = rows.get_mut(target) else {
                continue;
            };
            if noise.one_in(2) {
                // In the same cell as the leaf label beside it.
                if let Some(leaf) = row.get_mut(column + 1) {
                    *leaf = format!("{text} {leaf}");
                    continue;
                }
            }
            if let Some(slot) = row.get_mut(column) {
                *slot = text;
            }
        }
    }
}

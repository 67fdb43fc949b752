//! [`Torn::PdfJsText`](crate::Torn::PdfJsText): a PDF's text as Node crawlers print it through
//! pdf.js (`getTextContent`), drawn from real outputs of the three real PDFs and the example's
//! printings. Drawn per report, one of three styles:
//! - pdf-parse 1.x: a line per baseline, the items on it glued with no separator: a label's
//!   wrapped lines each on a line, then the row's numbers glued on one line or after the
//!   label's last line (`规章000`); header cells broken into pieces a line each; a vertical group
//!   label (`三、本年度办理结果`) one glyph a line or wrapped narrow; page footers (`-3-`)
//!   where a page (of a size drawn per report) fills up, between paragraphs or rows; 表四's
//!   numbers glued on one line.
//! - items joined by single spaces, one page per line (pages a blank line apart).
//! - the same with every glyph of a table an item: every glyph a space apart (`规 章 0 0 0`,
//!   a fee `9 6 1 7 1 . 6`).
//!
//! Title, headings and prose are the items they are in the other layouts.

use xxgk_model::AnnualReport;
use xxgk_render::{Body, Document, Table};

use crate::{Noise, positional_rows};

/// How the items of a page are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// pdf-parse: a line per baseline, its items glued.
    PdfParse,
    /// A page a line, items a space apart.
    Items,
    /// A page a line, every glyph of a table a space apart.
    Glyphs,
}

/// The shape of a report's tables, drawn per report.
#[derive(Clone, Copy)]
struct Shape {
    style: Style,
    /// A leaf label wraps after this many characters.
    label_width: usize,
    /// A group label wraps after this many characters (1: one glyph a line).
    group_width: usize,
    /// A short header cell breaks into pieces of this many characters.
    header_piece: usize,
    /// A row's numbers follow a one-line label on its line (else on a line of their own).
    beside: bool,
    /// Merged labels stand at the middle row of their span (else at its top row).
    middle: bool,
    /// Footers are `- 3 -` (else `-3-`).
    spaced_footer: bool,
    /// Characters a page holds: a page ends at the first line past them.
    page_size: usize,
}

/// A printed baseline: its items, left to right.
type Line = Vec<String>;

/// The pages being printed, each a list of baselines.
struct Pages {
    pages: Vec<Vec<Line>>,
    shape: Shape,
}

impl Pages {
    /// A baseline; a new page after it once the page is full.
    fn line(&mut self, line: Line) {
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        page.push(line);
        let size: usize = page.iter().flatten().map(|t| t.chars().count()).sum();
        if size >= self.shape.page_size {
            self.new_page();
        }
    }

    /// A new page, its footer first as pdf.js reads it.
    fn new_page(&mut self) {
        let number = self.pages.len() + 1;
        let footer = if self.shape.spaced_footer {
            format!("- {number} -")
        } else {
            format!("-{number}-")
        };
        self.pages.push(vec![vec![footer]]);
    }

    /// A table item: every glyph an item of its own in the glyph style.
    fn item(&self, text: &str) -> String {
        if self.shape.style == Style::Glyphs {
            text.chars().map(String::from).collect::<Vec<_>>().join(" ")
        } else {
            text.to_owned()
        }
    }
}

/// Renders the report as pdf.js text.
pub(crate) fn pdfjs_text(report: &AnnualReport, noise: &Noise, merged_other: bool) -> Vec<u8> {
    let doc = Document::new(report);
    let style = match noise.below(3) {
        0 => Style::PdfParse,
        1 => Style::Items,
        _ => Style::Glyphs,
    };
    let shape = Shape {
        style,
        label_width: 10 + usize::try_from(noise.below(13)).unwrap_or(0),
        group_width: 1 + usize::try_from(noise.below(5)).unwrap_or(0),
        header_piece: 1 + usize::try_from(noise.below(3)).unwrap_or(0),
        beside: noise.one_in(2),
        middle: noise.one_in(3),
        // pdf.js glyph items space a footer's glyphs too.
        spaced_footer: style == Style::Glyphs || noise.one_in(2),
        page_size: 600 + usize::try_from(noise.below(1000)).unwrap_or(0),
    };
    let mut pages = Pages {
        pages: vec![Vec::new()],
        shape,
    };
    pages.line(vec![doc.title().to_owned()]);
    for (heading, body) in doc.sections() {
        pages.line(vec![(*heading).to_owned()]);
        match body {
            Body::Prose(paragraphs) => {
                for p in paragraphs {
                    pages.line(vec![p.clone()]);
                }
            }
            Body::Table(table) => table_lines(&mut pages, table, merged_other),
        }
    }
    print(&pages.pages, style).into_bytes()
}

/// Splits a text into pieces of `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(width.max(1))
        .map(|chunk| chunk.iter().collect())
        .collect()
}

/// Prints a table's rows as pdf.js reads them.
fn table_lines(pages: &mut Pages, table: &Table, merged_other: bool) {
    let shape = pages.shape;
    let (labels, rows, header_end) = positional_rows(table, shape.middle, merged_other);
    for (r, row) in rows.iter().enumerate() {
        if r < header_end {
            header_lines(pages, row, labels, r == 0);
            continue;
        }
        let texts: Vec<(usize, &String)> = row
            .iter()
            .enumerate()
            .take(labels)
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let mut label_lines: Vec<Line> = Vec::new();
        for (k, &(_, text)) in texts.iter().enumerate() {
            // A label with another label after it on its row is a group's, printed narrow.
            let width = if k + 1 < texts.len() {
                shape.group_width
            } else {
                shape.label_width
            };
            label_lines.extend(wrap(text, width).iter().map(|p| vec![pages.item(p)]));
        }
        let numbers: Line = row
            .iter()
            .skip(labels)
            .filter(|c| !c.is_empty())
            .map(|c| pages.item(c))
            .collect();
        let leaf_lines = texts
            .last()
            .map_or(0, |(_, t)| wrap(t, shape.label_width).len());
        // 表二's labels are short: their numbers always stand beside them.
        let beside = labels == 1 || (shape.beside && leaf_lines == 1);
        match label_lines.last_mut() {
            Some(last) if beside => last.extend(numbers),
            _ => label_lines.push(numbers),
        }
        for line in label_lines {
            pages.line(line);
        }
    }
}

/// Prints a header row: long cells side by side on one baseline (`行政复议行政诉讼`,
/// `信息内容本年制发件数…`), the short ones of 表三 and 表四 below the first row (`结果维持`,
/// `社会公益组织`) broken into pieces a line each; 表三's first cell wrapped as a label.
fn header_lines(pages: &mut Pages, row: &[String], labels: usize, first: bool) {
    let shape = pages.shape;
    let mut current: Line = Vec::new();
    for (c, cell) in row.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let length = cell.chars().count();
        let pieces = if labels == 3 && c < labels {
            wrap(cell, shape.label_width)
        } else if !first && length <= if labels == 3 { 6 } else { 4 } && labels != 1 {
            wrap(cell, shape.header_piece)
        } else {
            current.push(pages.item(cell));
            continue;
        };
        if !current.is_empty() {
            pages.line(std::mem::take(&mut current));
        }
        for piece in pieces {
            pages.line(vec![pages.item(&piece)]);
        }
    }
    if !current.is_empty() {
        pages.line(current);
    }
}

/// The printed text: pdf-parse's lines, or a page a line.
fn print(pages: &[Vec<Line>], style: Style) -> String {
    let mut out = String::new();
    for page in pages {
        out.push_str("\n\n");
        if style == Style::PdfParse {
            let lines: Vec<String> = page.iter().map(|line| line.concat()).collect();
            out.push_str(&lines.join("\n"));
        } else {
            let items: Vec<&str> = page.iter().flatten().map(String::as_str).collect();
            out.push_str(&items.join(" "));
        }
    }
    out.push('\n');
    out
}

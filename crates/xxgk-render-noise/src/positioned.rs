//! [`Torn::PositionedRuns`](crate::Torn::PositionedRuns): a report as poppler's `pdftohtml`
//! prints a PDF, run by run of glyphs at absolute positions on its pages: HTML (`-s -noframes`:
//! a `<div>` per page, each run a `<p style="position:absolute;top:…px;left:…px">` whose font
//! size its class gives in the page's CSS; the lines of a cell now and then one run joined by
//! `<br/>`) or XML (`-xml`: `<text top left width height font>` in `<page>`), drawn per report.
//! The page is laid out as a PDF prints it: prose wrapped to the page's width, table cells
//! wrapped to their columns, a row as tall as its longest cell with its figures level with the
//! middle of the row (a point or two lower, in a font of their own), a merged label centred over
//! its rows, tables cut across pages with the page's footer between and the heading rows now and
//! then repeated, headings cut into runs that touch, figures in prose runs of their own, runs in
//! the page's order or the converter's. Blank cells print nothing.

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::{Body, Document};

use crate::Noise;
use crate::mineru::Grid;

/// Page size and margins, in pixels (an A4 page at 1.5 times its size in points).
const PAGE_WIDTH: u32 = 892;
const PAGE_HEIGHT: u32 = 1263;
const MARGIN_LEFT: u32 = 100;
const MARGIN_TOP: u32 = 90;
/// The lowest a row may end before the page is cut; the footer stands below it.
const BOTTOM: u32 = PAGE_HEIGHT - 120;
const CONTENT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN_LEFT;
/// Padding inside a table cell.
const PAD: u32 = 4;

/// The kinds of text, each in a font of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Font {
    Title,
    Heading,
    Text,
    Figure,
}

/// A run of glyphs at its place.
struct Run {
    top: u32,
    left: u32,
    font: Font,
    /// Its lines: more than one when the converter joined a cell's lines with `<br/>`.
    lines: Vec<String>,
}

/// How the report is printed, drawn per report.
struct Style {
    xml: bool,
    /// The font size of the text, in pixels.
    size: u32,
    /// The lines of a cell as one run (HTML).
    joined_lines: bool,
    /// Figures centred in their column rather than at its left.
    centred: bool,
    /// Runs in the converter's order (shuffled) rather than the page's.
    shuffled: bool,
}

impl Style {
    fn size_of(&self, font: Font) -> u32 {
        match font {
            Font::Title => self.size + 6,
            Font::Heading => self.size + 2,
            Font::Text | Font::Figure => self.size,
        }
    }

    fn line_height(&self) -> u32 {
        self.size * 3 / 2 + 1
    }
}

/// The width of text in a font of `size` pixels: a CJK glyph is square, the rest half as wide.
fn width(text: &str, size: u32) -> u32 {
    text.chars()
        .map(|c| if c.is_ascii() { size / 2 } else { size })
        .sum()
}

/// Text cut into lines no wider than `room` pixels.
fn wrap(text: &str, size: u32, room: u32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > room.max(size) && lines.last().is_some_and(|l| !l.is_empty()) {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += w;
    }
    lines.retain(|l| !l.trim().is_empty());
    lines
}

/// The pages being filled.
struct Pages<'a> {
    style: &'a Style,
    noise: &'a Noise,
    pages: Vec<Vec<Run>>,
    top: u32,
}

impl Pages<'_> {
    fn new_page(&mut self) {
        let number = self.pages.len();
        if let Some(page) = self.pages.last_mut() {
            let footer = if self.noise.one_in(3) {
                format!("第 {number} 页")
            } else {
                format!("- {number} -")
            };
            let left = PAGE_WIDTH / 2 - width(&footer, self.style.size) / 2;
            page.push(Run {
                top: PAGE_HEIGHT - 80,
                left,
                font: Font::Text,
                lines: vec![footer],
            });
        }
        self.pages.push(Vec::new());
        self.top = MARGIN_TOP;
    }

    /// Makes room for `height` more pixels, on a new page if this one is full.
    fn room(&mut self, height: u32) {
        if self.top + height > BOTTOM && self.top > MARGIN_TOP {
            self.new_page();
        }
    }

    fn push(&mut self, run: Run) {
        if let Some(page) = self.pages.last_mut() {
            page.push(run);
        }
    }

    /// A line of prose or a heading at `left`: figures in runs of their own now and then (a
    /// font of their own), a heading cut into runs that touch.
    fn line(&mut self, text: &str, left: u32, font: Font) {
        let size = self.style.size_of(font);
        self.room(self.style.line_height());
        let mut pieces: Vec<String> = Vec::new();
        let cut_figures = font == Font::Text && self.noise.one_in(2);
        for c in text.chars() {
            let starts_piece = match pieces.last().and_then(|p| p.chars().last()) {
                None => true,
                Some(last) if cut_figures => last.is_ascii_digit() != c.is_ascii_digit(),
                Some(_) => font == Font::Heading && self.noise.one_in(6),
            };
            if starts_piece {
                pieces.push(String::new());
            }
            if let Some(piece) = pieces.last_mut() {
                piece.push(c);
            }
        }
        let mut x = left;
        for piece in pieces {
            let w = width(&piece, size);
            let figure = piece.chars().all(|c| c.is_ascii_digit());
            self.push(Run {
                top: self.top + u32::from(figure && cut_figures) * 3,
                left: x,
                font: if figure && cut_figures {
                    Font::Figure
                } else {
                    font
                },
                lines: vec![piece],
            });
            x += w;
        }
        self.top += self.style.line_height();
    }

    fn prose(&mut self, paragraph: &str) {
        let size = self.style.size;
        for (k, line) in wrap(paragraph, size, CONTENT_WIDTH).iter().enumerate() {
            let indent = if k == 0 { 2 * size } else { 0 };
            self.line(line, MARGIN_LEFT + indent, Font::Text);
        }
        self.top += self.style.line_height() / 3;
    }

    /// A table: its rows laid out over its columns, cut across pages.
    fn table(&mut self, grid: &Grid) {
        let style = self.style;
        let size = style.size;
        let lh = style.line_height();
        let widths = column_widths(grid.width, size);
        let lefts: Vec<u32> = widths
            .iter()
            .scan(MARGIN_LEFT, |x, w| {
                let left = *x;
                *x += w;
                Some(left)
            })
            .collect();
        let span_width = |col: usize, colspan: usize| -> u32 {
            widths.iter().skip(col).take(colspan).sum::<u32>() - 2 * PAD
        };
        let wrapped: Vec<Vec<String>> = grid
            .anchors
            .iter()
            .map(|a| wrap(&a.text, size, span_width(a.col, a.colspan)))
            .collect();
        // Each row as tall as its tallest cell of one row; a merged cell's rows grown to hold it.
        let mut heights = vec![lh + 2 * PAD; grid.height];
        for (a, lines) in grid.anchors.iter().zip(&wrapped) {
            if a.rowspan == 1
                && let Some(h) = heights.get_mut(a.row)
            {
                *h = (*h).max(lines.len() as u32 * lh + 2 * PAD);
            }
        }
        for (a, lines) in grid.anchors.iter().zip(&wrapped) {
            let rows = a.row..a.row + a.rowspan;
            let have: u32 = heights.get(rows.clone()).unwrap_or_default().iter().sum();
            let need = lines.len() as u32 * lh + 2 * PAD;
            if need > have
                && let Some(h) = heights.get_mut(rows.end - 1)
            {
                *h += need - have;
            }
        }
        // Where each row stands: its page and top.
        let mut places: Vec<(usize, u32)> = Vec::with_capacity(grid.height);
        for r in 0..grid.height {
            let h = heights.get(r).copied().unwrap_or(lh);
            let before = self.pages.len();
            self.room(h);
            if self.pages.len() > before && r > grid.header_rows && self.noise.one_in(2) {
                // The heading rows printed again at the top of the new page.
                self.heading_again(grid, &wrapped, &lefts, &widths, &heights);
            }
            places.push((self.pages.len() - 1, self.top));
            self.top += h;
        }
        // The cells, each on the page of its first row, centred over its rows there.
        let mut runs: Vec<(usize, Run)> = Vec::new();
        for (a, lines) in grid.anchors.iter().zip(&wrapped) {
            let Some(&(page, top)) = places.get(a.row) else {
                continue;
            };
            let on_page: u32 = (a.row..a.row + a.rowspan)
                .take_while(|r| places.get(*r).is_some_and(|p| p.0 == page))
                .filter_map(|r| heights.get(r))
                .sum();
            runs.extend(
                self.cell_runs(
                    a.text.as_str(),
                    lines,
                    lefts.get(a.col).copied(),
                    span_width(a.col, a.colspan),
                    top,
                    on_page,
                )
                .into_iter()
                .map(|run| (page, run)),
            );
        }
        for (page, run) in runs {
            if let Some(p) = self.pages.get_mut(page) {
                p.push(run);
            }
        }
        self.top += lh;
    }

    /// The table's heading rows printed again at the top of this page.
    fn heading_again(
        &mut self,
        grid: &Grid,
        wrapped: &[Vec<String>],
        lefts: &[u32],
        widths: &[u32],
        heights: &[u32],
    ) {
        let rows = 0..grid.header_rows;
        let h: u32 = heights.get(rows.clone()).unwrap_or_default().iter().sum();
        for (a, lines) in grid.anchors.iter().zip(wrapped) {
            if rows.contains(&a.row) {
                let room: u32 = widths.iter().skip(a.col).take(a.colspan).sum::<u32>() - 2 * PAD;
                let at = heights.get(..a.row).unwrap_or_default().iter().sum::<u32>();
                let tall: u32 = heights
                    .get(a.row..(a.row + a.rowspan).min(grid.header_rows))
                    .unwrap_or_default()
                    .iter()
                    .sum();
                let left = lefts.get(a.col).copied();
                for run in self.cell_runs(&a.text, lines, left, room, self.top + at, tall) {
                    self.push(run);
                }
            }
        }
        self.top += h;
    }

    /// The runs of one cell whose rows stand from `top`, `height` tall: a figure level with the
    /// middle, a label's lines centred (one run joined by `<br/>` now and then).
    fn cell_runs(
        &self,
        text: &str,
        lines: &[String],
        left: Option<u32>,
        room: u32,
        top: u32,
        height: u32,
    ) -> Vec<Run> {
        let (Some(left), false) = (left, lines.is_empty()) else {
            return Vec::new();
        };
        let style = self.style;
        let lh = style.line_height();
        let figure = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.');
        // A figure is one line, however narrow its column.
        let printed = if figure { 1 } else { lines.len() as u32 };
        let first = top + height.saturating_sub(printed * lh) / 2;
        if figure {
            let w = width(text, style.size);
            let x = if style.centred {
                left + PAD + room.saturating_sub(w) / 2
            } else {
                left + PAD
            };
            return vec![Run {
                top: first + u32::try_from(self.noise.below(4)).unwrap_or(0),
                left: x,
                font: Font::Figure,
                lines: vec![text.to_owned()],
            }];
        }
        if style.joined_lines && !style.xml && lines.len() > 1 {
            return vec![Run {
                top: first,
                left: left + PAD,
                font: Font::Text,
                lines: lines.to_vec(),
            }];
        }
        lines
            .iter()
            .enumerate()
            .map(|(k, line)| Run {
                top: first + k as u32 * lh,
                left: left + PAD,
                font: Font::Text,
                lines: vec![line.clone()],
            })
            .collect()
    }
}

/// The widths of a table's columns: 表二's label wide, 表三's three label columns (the outer
/// group's narrow, its label one glyph a line as PDFs print it), 表四's fifteen alike.
fn column_widths(columns: usize, size: u32) -> Vec<u32> {
    let even = |n: usize, total: u32| vec![total / u32::try_from(n.max(1)).unwrap_or(1); n];
    match columns {
        4 => {
            let mut widths = vec![CONTENT_WIDTH * 2 / 5];
            widths.extend(even(3, CONTENT_WIDTH * 3 / 5));
            widths
        }
        10 => {
            let labels = [size + 2 * PAD, 4 * size + 2 * PAD, 10 * size + 2 * PAD];
            let mut widths = labels.to_vec();
            widths.extend(even(7, CONTENT_WIDTH - labels.iter().sum::<u32>()));
            widths
        }
        n => even(n, CONTENT_WIDTH),
    }
}

/// Renders the report as `pdftohtml` prints its PDF.
pub(crate) fn positioned_runs(report: &AnnualReport, noise: &Noise, merged_other: bool) -> Vec<u8> {
    let doc = Document::new(report);
    let style = Style {
        xml: noise.one_in(2),
        size: 12 + u32::try_from(noise.below(5)).unwrap_or(0),
        joined_lines: noise.one_in(2),
        centred: noise.one_in(2),
        shuffled: noise.one_in(3),
    };
    let mut pages = Pages {
        style: &style,
        noise,
        pages: vec![Vec::new()],
        top: MARGIN_TOP,
    };
    let title_width = width(doc.title(), style.size_of(Font::Title));
    pages.line(
        doc.title(),
        PAGE_WIDTH.saturating_sub(title_width) / 2,
        Font::Title,
    );
    for paragraph in doc.preamble() {
        pages.prose(paragraph);
    }
    for (heading, body) in doc.sections() {
        pages.line(heading, MARGIN_LEFT + 2 * style.size, Font::Heading);
        match body {
            Body::Prose(paragraphs) => {
                for paragraph in paragraphs {
                    pages.prose(paragraph);
                }
            }
            Body::Table(table) => {
                let mut grid = Grid::new(table);
                if merged_other && grid.width == 10 {
                    grid.merge_other_rows();
                }
                pages.table(&grid);
            }
        }
    }
    pages.new_page();
    let mut all = pages.pages;
    all.pop();
    for page in &mut all {
        if style.shuffled {
            // The converter's order: a draw per run, stable, so a cell's lines keep theirs.
            let mut keyed: Vec<(u64, Run)> = page.drain(..).map(|r| (noise.below(4), r)).collect();
            keyed.sort_by_key(|(k, _)| *k);
            page.extend(keyed.into_iter().map(|(_, r)| r));
        }
    }
    if style.xml {
        xml(&all, &style)
    } else {
        html(&all, &style)
    }
}

const FONTS: [Font; 4] = [Font::Title, Font::Heading, Font::Text, Font::Figure];

fn font_index(font: Font) -> usize {
    FONTS.iter().position(|f| *f == font).unwrap_or(0)
}

fn escaped(text: &str, nbsp: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            ' ' if nbsp => out.push_str("&#160;"),
            c => out.push(c),
        }
    }
    out
}

fn html(pages: &[Vec<Run>], style: &Style) -> Vec<u8> {
    let mut out = String::from(
        "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\" xml:lang=\"\">\n<head>\n<title>report</title>\n\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/>\n\
         <meta name=\"generator\" content=\"pdftohtml 0.36\"/>\n</head>\n\
         <body bgcolor=\"#A0A0A0\" vlink=\"blue\" link=\"blue\">\n",
    );
    for (p, page) in pages.iter().enumerate() {
        let n = p + 1;
        out.push_str("<style type=\"text/css\">\n<!--\n");
        for font in FONTS {
            let k = font_index(font);
            let _ = write!(out, "\t.ft{n}{k}{{font-size:{}px;", style.size_of(font));
            if font == Font::Text {
                let _ = write!(out, "line-height:{}px;", style.line_height());
            }
            out.push_str("font-family:Times;color:#000000;}\n");
        }
        out.push_str("-->\n</style>\n");
        let _ = writeln!(
            out,
            "<div id=\"page{n}-div\" style=\"position:relative;width:{PAGE_WIDTH}px;height:{PAGE_HEIGHT}px;\">"
        );
        for run in page {
            let text: Vec<String> = run.lines.iter().map(|l| escaped(l, true)).collect();
            let _ = writeln!(
                out,
                "<p style=\"position:absolute;top:{}px;left:{}px;white-space:nowrap\" class=\"ft{n}{}\">{}</p>",
                run.top,
                run.left,
                font_index(run.font),
                text.join("<br/>")
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body>\n</html>\n");
    out.into_bytes()
}

fn xml(pages: &[Vec<Run>], style: &Style) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pdf2xml SYSTEM \"pdf2xml.dtd\">\n\n\
         <pdf2xml producer=\"poppler\" version=\"22.12.0\">\n",
    );
    for (p, page) in pages.iter().enumerate() {
        let _ = writeln!(
            out,
            "<page number=\"{}\" position=\"absolute\" top=\"0\" left=\"0\" height=\"{PAGE_HEIGHT}\" width=\"{PAGE_WIDTH}\">",
            p + 1
        );
        if p == 0 {
            for font in FONTS {
                let _ = writeln!(
                    out,
                    "\t<fontspec id=\"{}\" size=\"{}\" family=\"Times\" color=\"#000000\"/>",
                    font_index(font),
                    style.size_of(font)
                );
            }
        }
        for run in page {
            for (k, line) in run.lines.iter().enumerate() {
                let size = style.size_of(run.font);
                let _ = writeln!(
                    out,
                    "<text top=\"{}\" left=\"{}\" width=\"{}\" height=\"{}\" font=\"{}\">{}</text>",
                    run.top + k as u32 * style.line_height(),
                    run.left,
                    width(line, size),
                    size * 13 / 10,
                    font_index(run.font),
                    escaped(line, false)
                );
            }
        }
        out.push_str("</page>\n");
    }
    out.push_str("</pdf2xml>\n");
    out.into_bytes()
}

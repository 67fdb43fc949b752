//! [`Torn::MarkdownHtmlTables`](crate::Torn::MarkdownHtmlTables): Markdown as MinerU and similar
//! PDF→Markdown converters write it, headings with `#`, paragraphs as lines, every table as raw
//! HTML on its own line(s), drawn per report: MinerU 1.x's `<html><body>` wrapper or a bare
//! `<table>`, header cells `<th>` or `<td>`, `<thead>`/`<tbody>` or not, attributes quoted with
//! `"`, `'` or not at all, the fragment on one line or spread over lines, stray whitespace and
//! line breaks inside cells, `&nbsp;`, `&ldquo;` and numeric character references, merged
//! cells as `rowspan`/`colspan` or flattened (every position a cell, the merged text in one of
//! them, the others `<td></td>`), and a table cut across two pages as two fragments with the
//! page footer (`— 4 —`) between them and the table's heading rows repeated in the second.
//! With spans kept, one table in three has Word's grid: a column or two split in two, the cells
//! ending there spanning both (a number among them) or the cells after them starting earlier.

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::{Document, Table};

use crate::{Noise, markdown_report, other_group_labels};

/// A cell anchored at a position of the grid, spanning rows and columns.
#[derive(Clone)]
pub(crate) struct Anchor {
    pub(crate) row: usize,
    pub(crate) col: usize,
    pub(crate) rowspan: usize,
    pub(crate) colspan: usize,
    pub(crate) text: String,
}

/// A table as positioned anchors, so rows can be merged and the table cut.
pub(crate) struct Grid {
    pub(crate) height: usize,
    pub(crate) width: usize,
    pub(crate) anchors: Vec<Anchor>,
    /// Rows before the first holding a value: the heading rows a PDF repeats on a new page.
    pub(crate) header_rows: usize,
}

impl Grid {
    pub(crate) fn new(table: &Table) -> Self {
        let width = table.width();
        let height = table.rows().len();
        let mut taken = vec![vec![false; width]; height];
        let mut anchors = Vec::new();
        let mut header_rows = None;
        for (r, row) in table.rows().iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while taken
                    .get(r)
                    .and_then(|t| t.get(c))
                    .is_some_and(|taken| *taken)
                {
                    c += 1;
                }
                for dr in 0..cell.rowspan() {
                    for dc in 0..cell.colspan() {
                        if let Some(t) = taken.get_mut(r + dr).and_then(|t| t.get_mut(c + dc)) {
                            *t = true;
                        }
                    }
                }
                if cell.pointer().is_some() && header_rows.is_none() {
                    header_rows = Some(r);
                }
                anchors.push(Anchor {
                    row: r,
                    col: c,
                    rowspan: cell.rowspan().min(height - r),
                    colspan: cell.colspan(),
                    text: cell.text().to_owned(),
                });
                c += cell.colspan();
            }
        }
        Self {
            height,
            width,
            anchors,
            header_rows: header_rows.unwrap_or(0),
        }
    }

    /// Prints （六）其他处理 as one row holding the sums of its three rows (the 2019 format's row):
    /// the group label across the label columns, the three rows gone.
    pub(crate) fn merge_other_rows(&mut self) {
        let (leaves, group) = other_group_labels();
        let mut rows: Vec<usize> = self
            .anchors
            .iter()
            .filter(|a| a.col == 2 && leaves.contains(&a.text.as_str()))
            .map(|a| a.row)
            .collect();
        rows.sort_unstable();
        let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
            return;
        };
        let gone = last - first;
        let sums: Vec<(usize, u128)> = (3..self.width)
            .map(|c| {
                let sum = self
                    .anchors
                    .iter()
                    .filter(|a| a.col == c && rows.contains(&a.row))
                    .filter_map(|a| a.text.parse::<u128>().ok())
                    .sum();
                (c, sum)
            })
            .collect();
        self.anchors
            .retain(|a| !(a.row >= first && a.row <= last && (a.col >= 1 || a.row > first)));
        for a in &mut self.anchors {
            if a.row < first && a.row + a.rowspan > last {
                a.rowspan -= gone;
            } else if a.row > last {
                a.row -= gone;
            }
        }
        self.anchors.push(Anchor {
            row: first,
            col: 1,
            rowspan: 1,
            colspan: 2,
            text: group.to_owned(),
        });
        self.anchors
            .extend(sums.into_iter().map(|(col, sum)| Anchor {
                row: first,
                col,
                rowspan: 1,
                colspan: 1,
                text: sum.to_string(),
            }));
        self.anchors.sort_by_key(|a| (a.row, a.col));
        self.height -= gone;
    }

    /// Splits column `c` in two as Word's grid does where cells of different rows end a little
    /// apart (LibreOffice's HTML of a Word table spans 表四's 总计 and its heading over two grid
    /// columns, the heading row above starting 行政诉讼 in the second): every cell ending at `c`
    /// spans the new column too, or, where the cell after it covers the same rows and `left`
    /// draws so, that cell starts one column earlier; a cell across `c` spans one more.
    pub(crate) fn split_column(&mut self, c: usize, left: &mut impl FnMut() -> bool) {
        let width = self.width;
        let starts: Vec<(usize, usize)> = self
            .anchors
            .iter()
            .filter(|a| a.col == c + 1)
            .map(|a| (a.row, a.rowspan))
            .collect();
        let mut widened_left: Vec<(usize, usize)> = Vec::new();
        for a in &mut self.anchors {
            if a.col <= c && c < a.col + a.colspan {
                let ends_here = a.col + a.colspan - 1 == c;
                let next = starts
                    .iter()
                    .any(|&(row, rowspan)| row == a.row && rowspan == a.rowspan);
                if ends_here && c + 1 < width && next && left() {
                    widened_left.push((a.row, a.rowspan));
                } else {
                    a.colspan += 1;
                }
            }
        }
        for a in &mut self.anchors {
            if a.col > c {
                if a.col == c + 1 && widened_left.contains(&(a.row, a.rowspan)) {
                    a.colspan += 1;
                } else {
                    a.col += 1;
                }
            }
        }
        self.width += 1;
    }

    /// Splits one or two columns drawn from `noise` ([`Self::split_column`]), as Word's grid
    /// does to a table.
    pub(crate) fn split_drawn_columns(&mut self, noise: &Noise) {
        let columns = u64::try_from(self.width).unwrap_or(1);
        for _ in 0..=noise.below(2) {
            let c = usize::try_from(noise.below(columns)).unwrap_or(0);
            self.split_column(c, &mut || noise.one_in(2));
        }
    }

    /// The cells a fragment of rows `rows` prints on row `r`: anchors there, and at the
    /// fragment's first row the rest of every span from above, empty. Each with its rowspan cut
    /// at the fragment's end.
    fn cells_of(&self, r: usize, rows: (usize, usize)) -> Vec<Anchor> {
        let (start, end) = rows;
        let mut cells: Vec<Anchor> = self
            .anchors
            .iter()
            .filter(|a| a.row == r || (r == start && a.row < start && a.row + a.rowspan > start))
            .map(|a| {
                let from = a.row.max(start);
                Anchor {
                    row: r,
                    rowspan: (a.row + a.rowspan).min(end) - from,
                    text: if a.row == r {
                        a.text.clone()
                    } else {
                        String::new()
                    },
                    ..a.clone()
                }
            })
            .collect();
        cells.sort_by_key(|a| a.col);
        cells
    }
}

/// How a report's tables are written, drawn per report.
struct Style {
    /// MinerU 1.x: `<html><body><table>…</table></body></html>`.
    wrapped: bool,
    /// Heading rows in `<th>`.
    th: bool,
    /// `<thead>`/`<tbody>` around the heading and other rows; `<tbody>` alone; neither.
    sections: u64,
    /// `"`, `'` or nothing around attribute values.
    quote: &'static str,
    /// A line break and indent between rows and cells rather than one line.
    spread: bool,
    /// Every position a cell (spans flattened), the merged text at its span's middle row
    /// (`Some(true)`) or first row (`Some(false)`); spans kept when `None`.
    flattened: Option<bool>,
}

/// Renders the report as Markdown with HTML tables.
pub(crate) fn markdown_html_tables(
    report: &AnnualReport,
    noise: &Noise,
    merged_other: bool,
) -> Vec<u8> {
    let doc = Document::new(report);
    let style = Style {
        wrapped: noise.one_in(2),
        th: noise.one_in(3),
        sections: noise.below(3),
        quote: ["\"", "'", ""][usize::try_from(noise.below(3)).unwrap_or(0)],
        spread: noise.one_in(4),
        flattened: noise.one_in(4).then(|| noise.one_in(2)),
    };
    let heading = if noise.one_in(2) { "# " } else { "## " };
    markdown_report(&doc, heading, |out, table| {
        let mut grid = Grid::new(table);
        if merged_other && grid.width == 10 {
            grid.merge_other_rows();
        }
        // Word's grid, its spans kept (a flattened span prints its columns as cells).
        if style.flattened.is_none() && noise.one_in(3) {
            grid.split_drawn_columns(noise);
        }
        let data_rows = grid.height.saturating_sub(grid.header_rows);
        // A table cut across two pages: the second fragment starts at a data row.
        let cut = (data_rows > 1 && noise.one_in(3)).then(|| {
            grid.header_rows
                + 1
                + usize::try_from(noise.below(u64::try_from(data_rows - 1).unwrap_or(1)))
                    .unwrap_or(0)
        });
        match cut {
            Some(at) => {
                fragment(out, &grid, &[(0, at)], &style, noise);
                let page = 2 + noise.below(8);
                let _ = write!(out, "— {page} —\n\n");
                let mut parts = Vec::new();
                if noise.one_in(2) {
                    parts.push((0, grid.header_rows));
                }
                parts.push((at, grid.height));
                fragment(out, &grid, &parts, &style, noise);
            }
            None => fragment(out, &grid, &[(0, grid.height)], &style, noise),
        }
    })
}

/// Writes one `<table>` fragment holding the row ranges `parts` of the grid, then a blank line.
fn fragment(out: &mut String, grid: &Grid, parts: &[(usize, usize)], style: &Style, noise: &Noise) {
    let (nl, indent) = if style.spread { ("\n", "  ") } else { ("", "") };
    if style.wrapped {
        out.push_str("<html><body>");
    }
    out.push_str("<table>");
    out.push_str(nl);
    let mut open_section = None;
    for &(start, end) in parts {
        for r in start..end {
            let header = r < grid.header_rows;
            let section = match style.sections {
                0 => Some(if header { "thead" } else { "tbody" }),
                1 => Some("tbody"),
                _ => None,
            };
            if section != open_section {
                if let Some(s) = open_section {
                    let _ = write!(out, "</{s}>{nl}");
                }
                if let Some(s) = section {
                    let _ = write!(out, "<{s}>{nl}");
                }
                open_section = section;
            }
            let tag = if header && style.th { "th" } else { "td" };
            let _ = write!(out, "{indent}<tr>");
            for cell in row_cells(grid, r, (start, end), style) {
                out.push_str(nl);
                out.push_str(indent);
                out.push_str(indent);
                let _ = write!(out, "<{tag}");
                for (name, n) in [("rowspan", cell.rowspan), ("colspan", cell.colspan)] {
                    if n > 1 {
                        let q = style.quote;
                        let _ = write!(out, " {name}={q}{n}{q}");
                    }
                }
                let _ = write!(out, ">{}</{tag}>", cell_text(&cell.text, noise));
            }
            let _ = write!(out, "{nl}{indent}</tr>{nl}");
        }
    }
    if let Some(s) = open_section {
        let _ = write!(out, "</{s}>{nl}");
    }
    out.push_str("</table>");
    if style.wrapped {
        out.push_str("</body></html>");
    }
    out.push_str("\n\n");
}

/// The cells printed on row `r` of a fragment of rows `rows`: the anchors with their spans, or,
/// flattened, one cell per position with a merged cell's text at one of its positions.
fn row_cells(grid: &Grid, r: usize, rows: (usize, usize), style: &Style) -> Vec<Anchor> {
    let Some(middle) = style.flattened else {
        return grid.cells_of(r, rows);
    };
    let mut cells: Vec<Anchor> = (0..grid.width)
        .map(|col| Anchor {
            row: r,
            col,
            rowspan: 1,
            colspan: 1,
            text: String::new(),
        })
        .collect();
    for a in &grid.anchors {
        let first = a.row.max(rows.0);
        let last = (a.row + a.rowspan).min(rows.1);
        if first >= last {
            continue;
        }
        let at = if middle {
            first + (last - first - 1) / 2
        } else {
            first
        };
        if at == r
            && let Some(cell) = cells.get_mut(a.col)
        {
            cell.text.clone_from(&a.text);
        }
    }
    cells
}

/// A cell's text as a converter writes it: HTML-escaped, now and then with `&nbsp;` or stray
/// whitespace and line breaks around it, a character as a numeric or named reference.
fn cell_text(text: &str, noise: &Noise) -> String {
    let mut escaped = String::new();
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '、' | '（' | '）' if noise.one_in(8) => {
                let _ = write!(escaped, "&#{};", u32::from(c));
            }
            '“' if noise.one_in(2) => escaped.push_str("&ldquo;"),
            '”' if noise.one_in(2) => escaped.push_str("&rdquo;"),
            c => escaped.push(c),
        }
    }
    match noise.below(12) {
        0 => format!("&nbsp;{escaped}"),
        1 => format!(" {escaped} "),
        2 => format!("\n{escaped}\n"),
        3 if escaped.is_empty() => "&nbsp;".to_owned(),
        _ => escaped,
    }
}

#[cfg(test)]
mod tests {
    use xxgk_render::Body;

    use super::*;
    use crate::figures::{Figures, report};

    /// 表四 of a report whose 行政复议 总计 is 351 and 未经复议直接起诉 结果维持 13.
    fn review_grid() -> Grid {
        let truth = report(&Figures {
            active: [3, 0, 11, 8, 26, 66, 447, 39, 88],
            fee: (96, "6".to_owned()),
            parties: [[1; 23]; 6],
            cases: [[72, 64, 178, 37], [13, 4, 8, 1], [12, 1, 1, 6]],
        });
        let typed: AnnualReport = serde_json::from_value(truth).expect("a report");
        let doc = Document::new(&typed);
        let table = doc
            .sections()
            .iter()
            .find_map(|(_, body)| match body {
                Body::Table(t) if t.width() == 15 => Some(t),
                _ => None,
            })
            .expect("表四");
        Grid::new(table)
    }

    /// Every position of the grid covered by exactly one cell.
    fn assert_tiled(grid: &Grid) {
        for r in 0..grid.height {
            for c in 0..grid.width {
                let covering = grid
                    .anchors
                    .iter()
                    .filter(|a| {
                        (a.row..a.row + a.rowspan).contains(&r)
                            && (a.col..a.col + a.colspan).contains(&c)
                    })
                    .count();
                assert_eq!(covering, 1, "row {r}, column {c}");
            }
        }
    }

    fn anchor<'a>(grid: &'a Grid, text: &str) -> &'a Anchor {
        grid.anchors.iter().find(|a| a.text == text).expect(text)
    }

    #[test]
    fn a_split_column_is_spanned_by_the_cells_ending_there_or_those_after_them() {
        let mut right = review_grid();
        right.split_column(4, &mut || false);
        assert_tiled(&right);
        assert_eq!(right.width, 16);
        let (total, next) = (anchor(&right, "351"), anchor(&right, "13"));
        assert_eq!((total.col, total.colspan, next.col), (4, 2, 6));
        assert_eq!(anchor(&right, "行政复议").colspan, 6);

        // Drawn the other way where the next cell covers the same rows: LibreOffice's shape,
        // 行政诉讼 starting in the new column over a 总计 heading that spans it (its rowspan is
        // not its neighbour's).
        let mut left = review_grid();
        left.split_column(4, &mut || true);
        assert_tiled(&left);
        let litigation = anchor(&left, "行政诉讼");
        assert_eq!((litigation.col, litigation.colspan), (5, 11));
        let heading = left
            .anchors
            .iter()
            .find(|a| a.text == "总计" && a.col == 4)
            .expect("复议's 总计");
        assert_eq!(heading.colspan, 2);
        let (total, next) = (anchor(&left, "351"), anchor(&left, "13"));
        assert_eq!((total.colspan, next.col, next.colspan), (1, 5, 2));
    }
}

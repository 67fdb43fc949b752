//! [`Torn::MarkdownWordGrid`](crate::Torn::MarkdownWordGrid): a report written in Word, its
//! HTML or DOCX turned into Markdown as pandoc and markdownify write it. Word's table grid has a
//! column or two split in two where cell borders of different rows end a little apart, a cell
//! ending there spanning both ([`Grid::split_column`]), and a pipe table holds no span: every
//! merged cell is flattened into its text and empty cells. Drawn per report: pandoc prints
//! every position of the grid (a row under a row-spanning label starts with an empty cell),
//! markdownify the columns a cell spans but not the rows (such a row starts further left);
//! columns padded to their width or cells a space apart; an empty header row and a ruler, a
//! ruler under the first row, or none (markdownify of a table without `<th>`); labels wrapped
//! in pandoc's `<span lang="zh-CN">` or not; section headings as `#` headings or paragraphs.

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::Document;

use crate::mineru::Grid;
use crate::{Noise, markdown_report};

/// How a report's tables are written, drawn per report.
struct Style {
    /// Every position of the grid a cell (pandoc), or a row-spanning cell's later rows left out
    /// (markdownify).
    every_position: bool,
    /// Every column padded to its widest cell, as pandoc aligns a pipe table.
    padded: bool,
    /// A cell's text holding CJK wrapped in `<span lang="zh-CN">`, as pandoc keeps LibreOffice's
    /// language marks.
    lang_spans: bool,
    /// 0: no ruler; 1: a ruler under the first row; 2: an empty header row, then a ruler.
    ruler: u64,
}

/// Renders the report as Markdown whose tables are Word's grid flattened into pipe tables.
pub(crate) fn markdown_word_grid(
    report: &AnnualReport,
    noise: &Noise,
    merged_other: bool,
) -> Vec<u8> {
    let doc = Document::new(report);
    let style = Style {
        every_position: noise.one_in(2),
        padded: noise.one_in(2),
        lang_spans: noise.one_in(3),
        ruler: noise.below(3),
    };
    let heading = ["# ", "## ", ""][usize::try_from(noise.below(3)).unwrap_or(0)];
    markdown_report(&doc, heading, |out, table| {
        let mut grid = Grid::new(table);
        if merged_other && grid.width == 10 {
            grid.merge_other_rows();
        }
        // Most Word tables carry a split column or two; some are drawn on a clean grid.
        if !noise.one_in(4) {
            grid.split_drawn_columns(noise);
        }
        let rows: Vec<Vec<String>> = (0..grid.height)
            .map(|r| {
                row_texts(&grid, r, &style)
                    .into_iter()
                    .map(|text| cell_text(&text, &style))
                    .collect()
            })
            .collect();
        write_pipe_table(out, &rows, grid.width, &style);
    })
}

/// The texts row `r` prints: every position of the grid, a merged cell's text at its first,
/// or the cells starting on the row with the columns they span.
fn row_texts(grid: &Grid, r: usize, style: &Style) -> Vec<String> {
    if style.every_position {
        let mut texts = vec![String::new(); grid.width];
        for a in grid.anchors.iter().filter(|a| a.row == r) {
            if let Some(text) = texts.get_mut(a.col) {
                text.clone_from(&a.text);
            }
        }
        return texts;
    }
    let mut starting: Vec<_> = grid.anchors.iter().filter(|a| a.row == r).collect();
    starting.sort_by_key(|a| a.col);
    starting
        .into_iter()
        .flat_map(|a| {
            std::iter::once(a.text.clone()).chain(std::iter::repeat_n(String::new(), a.colspan - 1))
        })
        .collect()
}

/// A cell's text as the converter writes it: a pipe escaped, CJK text in a language span.
fn cell_text(text: &str, style: &Style) -> String {
    let escaped = text.replace('|', "\\|");
    let cjk = escaped
        .chars()
        .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c));
    if style.lang_spans && cjk {
        format!("<span lang=\"zh-CN\">{escaped}</span>")
    } else {
        escaped
    }
}

/// Writes the rows as a pipe table, then a blank line.
fn write_pipe_table(out: &mut String, rows: &[Vec<String>], width: usize, style: &Style) {
    let widths: Vec<usize> = (0..width)
        .map(|c| {
            rows.iter()
                .filter_map(|row| row.get(c))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |out: &mut String, cells: &[String]| {
        out.push('|');
        for (c, text) in cells.iter().enumerate() {
            if style.padded {
                let pad = widths.get(c).copied().unwrap_or(0);
                let _ = write!(out, " {text:<pad$} |");
            } else if text.is_empty() {
                out.push_str(" |");
            } else {
                let _ = write!(out, " {text} |");
            }
        }
        out.push('\n');
    };
    let ruler = |out: &mut String, cells: usize| {
        out.push('|');
        for c in 0..cells {
            let dashes = if style.padded {
                widths.get(c).copied().unwrap_or(3) + 2
            } else {
                3
            };
            let _ = write!(out, "{}|", "-".repeat(dashes));
        }
        out.push('\n');
    };
    if style.ruler == 2 {
        line(out, &vec![String::new(); width]);
        ruler(out, width);
    }
    for (k, row) in rows.iter().enumerate() {
        line(out, row);
        if k == 0 && style.ruler == 1 {
            ruler(out, row.len());
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{Figures, report};

    fn printed(seed: u64) -> String {
        let truth = report(&Figures {
            active: [3, 0, 11, 8, 26, 66, 447, 39, 88],
            fee: (96, "6".to_owned()),
            parties: [[2; 23]; 6],
            cases: [[72, 64, 178, 37], [13, 4, 8, 1], [12, 1, 1, 6]],
        });
        let typed: AnnualReport = serde_json::from_value(truth).expect("a valid report");
        String::from_utf8(crate::render_torn(
            &typed,
            crate::Torn::MarkdownWordGrid,
            seed,
        ))
        .expect("UTF-8")
    }

    /// Over seeds, both flattenings are printed: pandoc's rows all as wide as the grid, and
    /// markdownify's rows under a row-spanning label shorter.
    #[test]
    fn pandoc_rows_are_as_wide_as_the_grid_and_markdownify_rows_vary() {
        let (mut even, mut ragged) = (false, false);
        for seed in 0..64 {
            let text = printed(seed);
            let new = text
                .lines()
                .find(|l| l.contains("本年新收"))
                .map(|l| l.matches(" |").count());
            let repeated = text
                .lines()
                .find(|l| l.contains("重复申请"))
                .map(|l| l.matches(" |").count());
            match (new, repeated) {
                (Some(a), Some(b)) if a == b => even = true,
                (Some(a), Some(b)) if a > b => ragged = true,
                other => panic!("seed {seed}: {other:?}"),
            }
        }
        assert!(even && ragged);
    }
}

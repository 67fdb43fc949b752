//! [`Torn::MarkdownSpansRepeated`](crate::Torn::MarkdownSpansRepeated): Markdown whose pipe
//! tables write a merged cell's text into every grid cell it covers, as docling's Markdown
//! export, tabulate-based exporters and some OCR table tools do (`| 行政许可 | 9893 | 9893 |
//! 9893 |` under `| 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |`),
//! where markitdown and marker leave the covered cells empty. Drawn per report: every span
//! repeated (docling), only column spans (row spans left empty, their leading empty cells
//! sometimes dropped) or only row spans. Page footers stand between rows; where a table is cut
//! across pages it goes on as a new table: its heading rows again, or its next row as the new
//! table's first, or the rows straight on.

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::{Document, Table};

use crate::{
    Line, Noise, Tearing, footer, header_end, label_columns, markdown_report, merge_other_rows,
};

/// Which spans the converter repeats, drawn per report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// Every covered cell holds the text of the cell covering it (docling).
    Every,
    /// Only the cells a column span covers on its first row.
    Columns,
    /// Only the cells a row span covers in its first column.
    Rows,
}

/// Renders a report with every table a Markdown table whose merged cells are repeated.
pub(crate) fn spans_repeated(report: &AnnualReport, noise: &Noise, merged_other: bool) -> Vec<u8> {
    let repeat = match noise.below(4) {
        0 | 1 => Repeat::Every,
        2 => Repeat::Columns,
        _ => Repeat::Rows,
    };
    markdown_report(&Document::new(report), "## ", |out, grid| {
        let rows = filled(grid, repeat, merged_other);
        print_table(out, &rows, label_columns(grid), repeat, noise);
    })
}

/// The table's grid, every position's text: a merged cell's at its top-left position, and at
/// the positions it covers where the converter repeats it.
fn filled(grid: &Table, repeat: Repeat, merged_other: bool) -> Vec<Vec<String>> {
    let width = grid.width();
    let mut rows: Vec<Vec<Option<String>>> = vec![vec![None; width]; grid.rows().len()];
    for (r, cells) in grid.rows().iter().enumerate() {
        let mut c = 0;
        for cell in cells {
            while rows
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(Option::is_some)
            {
                c += 1;
            }
            for dr in 0..cell.rowspan() {
                for dc in 0..cell.colspan() {
                    let shown = match repeat {
                        Repeat::Every => true,
                        Repeat::Columns => dr == 0,
                        Repeat::Rows => dc == 0,
                    };
                    let text = if shown || (dr == 0 && dc == 0) {
                        cell.text()
                    } else {
                        ""
                    };
                    if let Some(slot) = rows.get_mut(r + dr).and_then(|row| row.get_mut(c + dc)) {
                        *slot = Some(text.to_owned());
                    }
                }
            }
            c += cell.colspan();
        }
    }
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect();
    if merged_other && label_columns(grid) == 3 {
        merge_other_rows(&mut rows);
        spread_merged_label(&mut rows, repeat);
    }
    rows
}

/// The merged （六） row [`merge_other_rows`] leaves with its label in the second column only:
/// its label spans the second and third columns and the results group's label runs down the
/// first, repeated as the converter repeats spans.
fn spread_merged_label(rows: &mut [Vec<String>], repeat: Repeat) {
    let Some(at) = rows.iter().position(|row| {
        row.first().is_some_and(String::is_empty)
            && row.get(1).is_some_and(|t| !t.is_empty())
            && row.get(2).is_some_and(String::is_empty)
    }) else {
        return;
    };
    let group = at
        .checked_sub(1)
        .and_then(|above| rows.get(above))
        .and_then(|row| row.first())
        .cloned()
        .unwrap_or_default();
    let Some(row) = rows.get_mut(at) else {
        return;
    };
    if repeat != Repeat::Columns
        && let Some(first) = row.first_mut()
    {
        *first = group;
    }
    if repeat != Repeat::Rows {
        let label = row.get(1).cloned().unwrap_or_default();
        if let Some(third) = row.get_mut(2) {
            *third = label;
        }
    }
}

/// Prints a filled table as Markdown: its rows, page footers between them, and the table cut
/// across pages where a footer stands.
fn print_table(
    out: &mut String,
    rows: &[Vec<String>],
    labels: usize,
    repeat: Repeat,
    noise: &Noise,
) {
    let header_end = header_end(rows, labels);
    let header = rows.get(..header_end).unwrap_or_default();
    let tearing = Tearing {
        below: 0,
        merged_other: false,
        markdown: true,
    };
    let ruler = |out: &mut String, row: &[String]| {
        let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
    };
    // Whether the next row opens a table (a ruler follows it).
    let mut opens = true;
    for (r, row) in rows.iter().enumerate() {
        let row = if repeat == Repeat::Columns && r >= header_end && noise.one_in(4) {
            // Converters drop the empty cells a merged label leaves at a row's start.
            row.iter().skip_while(|c| c.is_empty()).cloned().collect()
        } else {
            row.clone()
        };
        let _ = writeln!(out, "| {} |", row.join(" | "));
        if std::mem::take(&mut opens) {
            ruler(out, &row);
        }
        let last = r + 1 == rows.len();
        // 表四 (no label column) is cut before its numbers now and then, another table after
        // one row in twelve.
        let cut = if labels == 0 {
            r + 1 == header_end && !last && noise.one_in(3)
        } else {
            r >= header_end && !last && noise.one_in(12)
        };
        if !cut {
            continue;
        }
        // A page ends: its footer, then the table goes on as a new table on the next page.
        if let Line::Bare(text) = footer(noise, tearing) {
            let _ = write!(out, "\n{text}\n\n");
        }
        match noise.below(3) {
            0 => {
                for (k, heading) in header.iter().enumerate() {
                    let _ = writeln!(out, "| {} |", heading.join(" | "));
                    if k == 0 {
                        ruler(out, heading);
                    }
                }
            }
            1 => opens = true,
            _ => {}
        }
    }
    out.push('\n');
}

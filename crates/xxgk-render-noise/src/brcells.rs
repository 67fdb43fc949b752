//! [`Torn::MarkdownBrCells`](crate::Torn::MarkdownBrCells): Markdown as pymupdf4llm writes a
//! PDF. Pipe tables keep the wrapped lines of a cell in the cell, joined by `<br>`; headings
//! stand after `## ` or underlined (`<u>…</u>`); the empty cells of a table's first row are named
//! `Col2`, `Col3`, … now and then; a table cut across pages goes on as a new table, its first row
//! taken for a heading. Drawn per table, two neighbouring figure columns the converter took for
//! one (no rule between them): their headers run together in one heading cell
//! (`本年制发件数本年废止件数`), their figures stacked in one cell (`0<br>7`; a blank one leaves
//! the other alone).

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::{Body, Document, Table};

use crate::{Noise, is_figure, positional_rows};

/// Renders the report as pymupdf4llm's Markdown.
pub(crate) fn br_cells(report: &AnnualReport, noise: &Noise, merged_other: bool) -> Vec<u8> {
    let doc = Document::new(report);
    let underlined = noise.one_in(2);
    let placeholders = noise.one_in(4);
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", doc.title());
    for (heading, body) in doc.sections() {
        if underlined {
            let _ = write!(out, "<u>{heading}</u>\n\n");
        } else {
            let _ = write!(out, "## {heading}\n\n");
        }
        match body {
            Body::Prose(paragraphs) => {
                for p in paragraphs {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(table) => {
                print_table(
                    &mut out,
                    &rows_of(table, noise, merged_other),
                    placeholders,
                    noise,
                );
            }
        }
    }
    out.into_bytes()
}

/// The rows of a table as pymupdf4llm prints them: labels wrapped with `<br>`, two figure
/// columns merged now and then.
fn rows_of(table: &Table, noise: &Noise, merged_other: bool) -> Vec<Vec<String>> {
    let (labels, mut rows, header_end) = positional_rows(table, noise.one_in(2), merged_other);
    let wrap_at = 4 + usize::try_from(noise.below(9)).unwrap_or(0);
    for cell in rows.iter_mut().flatten() {
        if !is_figure(cell) && cell.chars().count() > wrap_at {
            let chars: Vec<char> = cell.chars().collect();
            *cell = chars
                .chunks(wrap_at)
                .map(|chunk| chunk.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("<br>");
        }
    }
    let width = rows.first().map_or(0, Vec::len);
    if header_end > 0 && width > labels + 1 && noise.one_in(3) {
        let span = u64::try_from(width - labels - 1).unwrap_or(1);
        let at = labels + usize::try_from(noise.below(span)).unwrap_or(0);
        for (r, row) in rows.iter_mut().enumerate() {
            let (Some(left), Some(right)) = (row.get(at).cloned(), row.get(at + 1).cloned()) else {
                continue;
            };
            let merged = if r < header_end || left.is_empty() || right.is_empty() {
                format!("{left}{right}")
            } else {
                format!("{left}<br>{right}")
            };
            row.splice(at..at + 2, [merged]);
        }
    }
    rows
}

/// Prints the rows as a pipe table, cut across pages now and then (a page footer, then a new
/// table whose first row is the next row).
fn print_table(out: &mut String, rows: &[Vec<String>], placeholders: bool, noise: &Noise) {
    let cut = (rows.len() > 4 && noise.one_in(3)).then(|| {
        2 + usize::try_from(noise.below(u64::try_from(rows.len() - 3).unwrap_or(1))).unwrap_or(0)
    });
    let parts: Vec<&[Vec<String>]> = match cut {
        Some(at) => vec![
            rows.get(..at).unwrap_or_default(),
            rows.get(at..).unwrap_or_default(),
        ],
        None => vec![rows],
    };
    for (p, part) in parts.iter().enumerate() {
        if p > 0 {
            let _ = write!(out, "- {} -\n\n", 2 + noise.below(6));
        }
        for (k, row) in part.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    if k == 0 && placeholders && cell.is_empty() {
                        format!("Col{}", c + 1)
                    } else {
                        cell.clone()
                    }
                })
                .collect();
            let _ = writeln!(out, "|{}|", cells.join("|"));
            if k == 0 {
                let _ = writeln!(out, "|{}", "---|".repeat(row.len()));
            }
        }
        out.push_str("\n\n");
    }
}

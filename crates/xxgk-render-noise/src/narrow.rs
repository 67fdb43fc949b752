//! [`Torn::NarrowCells`](crate::Torn::NarrowCells): 表四 of a Word table exported to PDF whose 15
//! columns are too narrow for its numbers, as converters print it (drawn from the LibreOffice
//! exports of `tests/data/converted/`): the header one glyph a line or a few, and a number wider
//! than its column broken into lines of the column's width (`17` over `8` for 178). Drawn per
//! report, the pieces printed in one of three orders:
//! - the row's first lines, then its second lines, and so on, each line the pieces of the cells
//!   that reach it, left to right (pdfplumber, `pdftotext -layout`, which now and then runs two
//!   zeros together, `00`);
//! - a cell's lines one after the other, the cells before a wrapped one on its first line
//!   (`pdftotext -raw`, PDFium);
//! - every piece on a line of its own (PyMuPDF, MuPDF).
//!
//! In half the reports 表三 is printed in narrow columns too ([`application_table`]); the other
//! tables are printed as [`Torn::TornText`](crate::Torn::TornText) prints them.

use crate::{Noise, positional_rows};
use xxgk_render::Table;

/// How the pieces of 表四's row are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    RowsOfPieces,
    CellInTurn,
    PieceALine,
}

/// 表四 as `grid` holds it, its header and its wrapped numbers, a line each.
pub(crate) fn review_table(grid: &Table, noise: &Noise) -> String {
    let (_, rows, header_end) = positional_rows(grid, true, false);
    let mut out = String::new();
    let glyphs_a_line = 1 + usize::try_from(noise.below(2)).unwrap_or(0);
    for row in rows.iter().take(header_end) {
        for cell in row.iter().filter(|c| !c.is_empty()) {
            let glyphs: Vec<char> = cell.chars().collect();
            for piece in glyphs.chunks(glyphs_a_line) {
                out.extend(piece);
                out.push('\n');
            }
        }
    }
    let numbers: Vec<&String> = rows
        .iter()
        .skip(header_end)
        .flat_map(|row| row.iter().filter(|c| !c.is_empty()))
        .collect();
    let widest = numbers.iter().map(|n| n.len()).max().unwrap_or(1);
    // The columns' width: now and then as wide as the widest number, else one to two digits
    // narrower, so that the widest wrap.
    let width = match noise.below(4) {
        0 => widest,
        1 => widest.saturating_sub(2).max(1),
        _ => widest.saturating_sub(1).max(1),
    };
    let pieces = wrapped_pieces(&numbers, width);
    let order = match noise.below(3) {
        0 => Order::RowsOfPieces,
        1 => Order::CellInTurn,
        _ => Order::PieceALine,
    };
    let mut lines: Vec<Vec<&str>> = Vec::new();
    match order {
        Order::RowsOfPieces => {
            let deepest = pieces.iter().map(Vec::len).max().unwrap_or(0);
            for depth in 0..deepest {
                lines.push(
                    pieces
                        .iter()
                        .filter_map(|p| p.get(depth).copied())
                        .collect(),
                );
            }
        }
        Order::CellInTurn => {
            let mut line: Vec<&str> = Vec::new();
            for cell in &pieces {
                line.extend(cell.first());
                if cell.len() > 1 {
                    // The wrapped cell's further lines, then a new line for the cells after.
                    lines.push(std::mem::take(&mut line));
                    lines.extend(cell.iter().skip(1).map(|p| vec![*p]));
                }
            }
            lines.push(line);
        }
        Order::PieceALine => {
            lines.extend(pieces.iter().flatten().map(|p| vec![*p]));
        }
    }
    let gap = if noise.one_in(2) { " " } else { "   " };
    // `pdftotext -layout` runs two zeros of narrow columns together (`00`) now and then.
    let zeros_together = order == Order::RowsOfPieces && noise.one_in(3);
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let mut previous_zero = false;
        for (k, piece) in line.iter().enumerate() {
            let glued = zeros_together && previous_zero && *piece == "0" && noise.one_in(2);
            if k > 0 && !glued {
                out.push_str(gap);
            }
            out.push_str(piece);
            previous_zero = *piece == "0" && !glued;
        }
        out.push('\n');
    }
    out
}

/// Each number of `numbers` broken into lines of a column `width` digits wide.
fn wrapped_pieces<'a>(numbers: &[&'a String], width: usize) -> Vec<Vec<&'a str>> {
    numbers
        .iter()
        .map(|n| {
            n.as_bytes()
                .chunks(width.max(1))
                .filter_map(|c| std::str::from_utf8(c).ok())
                .collect()
        })
        .collect()
}

/// 表三 as `grid` holds it (its three （六） rows merged when `merged_other`), in a Word table
/// exported to PDF whose columns fit `width` digits: a number wider than that wrapped over lines
/// of the column's width (a city's 46698 as `4669` over `8`), and a label wider than its column
/// over lines of a few glyphs, as `pdftotext -layout` and pdfplumber print it (from
/// LibreOffice's exports of random reports): the row's first line (the label's first pieces, the
/// numbers' first pieces), then each further line the label's next pieces, if any, beside the
/// pieces of the numbers that reach it. (`pdftotext -raw` prints a row's numbers in turn, a
/// wrapped number's further pieces on lines of their own: read where the wrapped numbers end
/// the row's first line, as in `tests/data/converted/wrapped-*.pdftotext-raw.txt`, and left
/// unread where one stands in its middle; not drawn here.)
///
/// The columns fit four digits or more, so that only numbers of five digits wrap, and fit the
/// table's widest number now and then (nothing wraps). A row printing a blank is printed on one
/// line, its blank left out as `pdftotext -layout` leaves it.
pub(crate) fn application_table(grid: &Table, noise: &Noise, merged_other: bool) -> String {
    let (labels, rows, header_end) = positional_rows(grid, true, merged_other);
    let mut out = String::new();
    for row in rows.iter().take(header_end) {
        let cells: Vec<&str> = row
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect();
        out.push_str(&cells.join(" "));
        out.push('\n');
    }
    let widest = rows
        .iter()
        .skip(header_end)
        .flat_map(|row| row.iter().skip(labels))
        .map(String::len)
        .max()
        .unwrap_or(1);
    // A row printing a blank is printed whole (below): where one holds the widest number, the
    // columns fit it and nothing wraps, as a column wraps every row's numbers alike.
    let blank_row_widest = rows
        .iter()
        .skip(header_end)
        .filter(|row| row.iter().skip(labels).any(String::is_empty))
        .flat_map(|row| row.iter().skip(labels))
        .map(String::len)
        .max()
        .unwrap_or(0);
    let width = if noise.one_in(4) || blank_row_widest == widest {
        widest
    } else {
        widest.saturating_sub(1).max(4)
    };
    // Each label column's width in glyphs; a label spanning the columns after it takes theirs.
    let widths: Vec<usize> = (0..labels)
        .map(|_| 3 + usize::try_from(noise.below(3)).unwrap_or(0))
        .collect();
    let gap = if noise.one_in(2) { " " } else { "   " };
    for row in rows.iter().skip(header_end) {
        let label = label_lines(row, &widths);
        let numbers: Vec<&String> = row.iter().skip(labels).collect();
        if numbers.iter().any(|n| n.is_empty()) {
            let printed: Vec<&str> = numbers
                .iter()
                .map(|n| n.as_str())
                .filter(|n| !n.is_empty())
                .collect();
            out.push_str(&format!("{} {}\n", label.concat(), printed.join(gap)));
            continue;
        }
        let pieces = wrapped_pieces(&numbers, width);
        let mut lines: Vec<String> = Vec::new();
        let deepest = pieces.iter().map(Vec::len).max().unwrap_or(0);
        for depth in 0..deepest.max(label.len()) {
            let figures: Vec<&str> = pieces
                .iter()
                .filter_map(|p| p.get(depth).copied())
                .collect();
            let text = label.get(depth).cloned().unwrap_or_default();
            lines.push(match (text.is_empty(), figures.is_empty()) {
                (_, true) => text,
                (true, false) => figures.join(gap),
                (false, false) => format!("{text}  {}", figures.join(gap)),
            });
        }
        for line in lines.iter().filter(|l| !l.is_empty()) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `text` over lines `width` glyphs wide, a half-width character (`1.`) half a glyph, as a
/// column of a PDF's table holds them (`1.属于` in a column of three).
fn wrap_glyphs(text: &[char], width: usize) -> Vec<String> {
    let room = 2 * width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut used = room;
    for &c in text {
        let wide = if c.is_ascii() { 1 } else { 2 };
        if used + wide > room {
            lines.push(String::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += wide;
    }
    lines
}

/// The lines of a 表三 row's label cells wrapped in their columns of `widths` glyphs: line `d`
/// holds each cell's `d`-th piece, a space apart (a cell whose row leaves the label columns
/// after it empty spans them, as 一、本年新收… spans all three).
fn label_lines(row: &[String], widths: &[usize]) -> Vec<String> {
    let pieces: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(c, _)| {
            let text: Vec<char> = row.get(c).map(|t| t.chars().collect()).unwrap_or_default();
            let spans = row
                .get(c + 1..widths.len())
                .is_some_and(|after| after.iter().all(String::is_empty));
            let width = if spans {
                widths.iter().skip(c).sum::<usize>() + (widths.len() - 1 - c)
            } else {
                widths.get(c).copied().unwrap_or(1)
            };
            wrap_glyphs(&text, width)
        })
        .collect();
    let deepest = pieces.iter().map(Vec::len).max().unwrap_or(0);
    (0..deepest)
        .map(|d| {
            pieces
                .iter()
                .filter_map(|cell| cell.get(d).map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

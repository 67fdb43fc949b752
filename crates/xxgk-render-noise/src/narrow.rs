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
//! The other tables are printed as [`Torn::TornText`](crate::Torn::TornText) prints them.

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
    let pieces: Vec<Vec<&str>> = numbers
        .iter()
        .map(|n| {
            n.as_bytes()
                .chunks(width)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .collect()
        })
        .collect();
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

//! Renderers of PDF text whose row labels are torn from their numbers, as PDF-to-Markdown and
//! PDF-to-text converters leave them: a label wrapped over several lines or rows and sometimes
//! truncated, a group label (`（三）不予公开`) printed beside another row or in the leaf's own cell,
//! rows of numbers with no label at all, page footers and the table heading repeated where a
//! table is cut across pages, and a multi-line cell of 表二 (`22（其中修订 16 件）`) pulled out
//! of its row onto a line of its own.
//!
//! The noise is drawn from a seed, so a failing case is reproduced by its seed.
//!
//! ```
//! use xxgk_extract::render::torn::{Torn, render_torn};
//! let report: serde_json::Value =
//!     serde_json::from_str(include_str!("../../../../examples/jingyue-2024.json")).unwrap();
//! let published = render_torn(&report, Torn::MarkdownFromPdf, 7);
//! let extraction = xxgk_extract::extract(&published, Some(Torn::MarkdownFromPdf.file_name())).unwrap();
//! // Every cell read is the published one; a cell that could not be placed is missing, explained.
//! let tables = ["/active_disclosure", "/applications", "/review_litigation"];
//! for p in extraction.provenance.iter().filter(|p| tables.iter().any(|t| p.pointer.starts_with(t))) {
//!     assert_eq!(extraction.report.pointer(&p.pointer), report.pointer(&p.pointer));
//! }
//! ```

use std::cell::Cell as Mutable;
use std::fmt::Write as _;

use serde_json::Value;

use super::{Body, Doc, Grid, Style};

/// A layout of PDF text with torn labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Torn {
    /// Markdown converted from a PDF: every table a Markdown table (`|---|` ruler, empty cells,
    /// empty label cells sometimes dropped), torn labels continued in the next table row.
    MarkdownFromPdf,
    /// Plain text converted from a PDF: cells separated by runs of spaces, single spaces or tabs
    /// (drawn per report), torn labels continued on the next line.
    TornText,
}

impl Torn {
    /// Every torn layout.
    pub const ALL: [Self; 2] = [Self::MarkdownFromPdf, Self::TornText];

    /// The kebab-case name of the layout.
    pub fn name(self) -> &'static str {
        match self {
            Self::MarkdownFromPdf => "markdown-from-pdf",
            Self::TornText => "torn-text",
        }
    }

    /// A file name for the layout, to pass as the `name_hint` of [`crate::extract`].
    pub fn file_name(self) -> &'static str {
        match self {
            Self::MarkdownFromPdf => "report.md",
            Self::TornText => "report.txt",
        }
    }
}

/// Renders a canonical report as the bytes of a published report in a torn layout, the noise
/// drawn from `seed`.
pub fn render_torn(report: &Value, layout: Torn, seed: u64) -> Vec<u8> {
    let doc = Doc::new(report, Style::default());
    let noise = Noise {
        state: Mutable::new(seed ^ 0x9E37_79B9_7F4A_7C15),
    };
    let separator = match layout {
        Torn::MarkdownFromPdf => Separator::Markdown,
        Torn::TornText => match noise.below(3) {
            0 => Separator::Spaces,
            1 => Separator::Single,
            _ => Separator::Tab,
        },
    };
    let mut out = String::new();
    let markdown = separator == Separator::Markdown;
    let _ = write!(out, "{}{}\n\n", if markdown { "# " } else { "" }, doc.title);
    for (heading, body) in &doc.sections {
        let _ = write!(out, "{}{heading}\n\n", if markdown { "## " } else { "" });
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(grid) => {
                for (k, line) in torn_lines(grid, &noise).iter().enumerate() {
                    let line = match line {
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
                        let _ = writeln!(out, "|{}", "---|".repeat(grid.width));
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

/// The footers a PDF page leaves between two rows of a table.
fn footer(noise: &Noise) -> String {
    let page = 2 + noise.below(8);
    match noise.below(4) {
        0 => format!("— {page} —"),
        1 => format!("-{page}-"),
        2 => format!("第 {page} 页 共 {} 页", page + 3),
        _ => format!("- {page} -"),
    }
}

/// Whether a cell holds a figure (a count or the 万元 decimal).
fn is_figure(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Label columns of a grid: 表二 has one, 表三 three, 表四 none.
fn label_columns(grid: &Grid) -> usize {
    match grid.width {
        4 => 1,
        10 => 3,
        _ => 0,
    }
}

/// Splits a label after `at` characters.
fn cut(text: &str, at: usize) -> (String, String) {
    let head: String = text.chars().take(at).collect();
    let tail: String = text.chars().skip(at).collect();
    (head, tail)
}

/// The lines of a table with its labels torn, as a PDF converter prints it.
fn torn_lines(grid: &Grid, noise: &Noise) -> Vec<Line> {
    let labels = label_columns(grid);
    let mut rows: Vec<Vec<String>> = grid
        .positional(true)
        .into_iter()
        .map(|row| row.into_iter().map(str::to_owned).collect())
        .collect();
    let is_data = |row: &[String]| row.iter().skip(labels).any(|c| is_figure(c));
    let header_end = rows.iter().position(|r| is_data(r)).unwrap_or(rows.len());
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
            after.push(Line::Bare(footer(noise)));
            if noise.one_in(2) {
                after.extend(header.iter().cloned().map(Line::Cells));
            }
        }
        out.push(Line::Cells(row));
    }
    out.append(&mut after);
    if labels == 0 && noise.one_in(3) {
        // 表四 cut across pages: a footer and the heading again before its numbers.
        let at = out.len().saturating_sub(1);
        let mut repeated = vec![Line::Bare(footer(noise))];
        repeated.extend(header.iter().cloned().map(Line::Cells));
        out.splice(at..at, repeated);
    }
    out
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

//! The whole report on one line: the text a web page gives when its line breaks are lost.

use std::fmt::Write as _;

use xxgk_model::{AnnualReport, STANDARD_2019, edition_2019};

use crate::document::{Body, Cell, Document, Style, Table, value};
use crate::edition_2019 as layout_2019;

/// Crawler boilerplate that web pages put before a report's title.
const BOILERPLATE: [&str; 8] = [
    "首页 > 政务公开 > 政府信息公开年报",
    "字号：大 中 小",
    "打印本页",
    "关闭窗口",
    "【我要纠错】",
    "发布时间：2025-01-20 09:30",
    "浏览次数：1024",
    "分享到：",
];

/// A small deterministic generator for the noise of [`one_line`] (SplitMix64).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 for `n` = 0).
    fn below(&mut self, n: usize) -> usize {
        let n = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next() % n).unwrap_or(0)
    }
}

/// The whole report on one line, as text taken from a web page with every line break lost:
/// crawler boilerplate (`来源`, `发布时间`, `字号：大 中 小`, …) before the title, then title,
/// headings, prose and the three tables run together, each table's cells concatenated in reading
/// order with no separator (the header runs into the first row, a row's numbers are glued to its
/// label). `seed` draws the noise: which boilerplate, and a stray space inside some rows.
pub fn one_line(report: &AnnualReport, seed: u64) -> Vec<u8> {
    one_line_doc(
        &report.metadata.organ.name,
        &Document::new(report),
        seed,
        Rows::Glued,
    )
}

/// [`one_line`] from a page whose table cells stand apart: HTML whitespace between its `<td>`s
/// (a space, several, a no-break or ideographic space, a tab) separates every cell of a row,
/// labels and figures alike. Where `seed` draws it, one row of a table has a defect that real
/// pages have: two cells with no whitespace between them, or a space inside a number.
pub fn one_line_spaced(report: &AnnualReport, seed: u64) -> Vec<u8> {
    one_line_doc(
        &report.metadata.organ.name,
        &Document::new(report),
        seed,
        Rows::Spaced,
    )
}

/// [`one_line`] from a page whose table cells carry cell marks: each table is printed as a
/// Markdown table (`| 规章 | 0 | 0 | 0 |`, a delimiter row under its first row) or as a crawler's
/// table text (each cell followed by ` |`, as seed 003 prints it), its rows run together, an
/// empty cell where a merged cell spans. Which of the two, and the spaces around the marks,
/// `seed` draws.
pub fn one_line_marked(report: &AnnualReport, seed: u64) -> Vec<u8> {
    one_line_doc(
        &report.metadata.organ.name,
        &Document::new(report),
        seed,
        Rows::Marked,
    )
}

/// [`one_line`] with （六）其他处理 printed as one row holding the sums of its three rows, as
/// reports on 2021 and later that keep the 2019 table do: those three rows are not printed.
pub fn one_line_merged_other(report: &AnnualReport, seed: u64) -> Vec<u8> {
    one_line_doc(
        &report.metadata.organ.name,
        &Document::new(report),
        seed,
        Rows::MergedOther,
    )
}

/// [`one_line`] for a report in the 2019 format (国办公开办函〔2019〕60号), the typed 2019 edition:
/// 表二 in its 2019 rows and columns (`本年增/减` signed, the 采购总金额 as published, with its
/// unit), 表三 with the single （六）其他处理 row, from [`STANDARD_2019`].
pub fn one_line_2019(report: &edition_2019::AnnualReport, seed: u64) -> Vec<u8> {
    one_line_2019_as(report, seed, Rows::Glued)
}

/// [`one_line_2019`] from a page whose table cells stand apart, as [`one_line_spaced`] prints
/// them.
pub fn one_line_2019_spaced(report: &edition_2019::AnnualReport, seed: u64) -> Vec<u8> {
    one_line_2019_as(report, seed, Rows::Spaced)
}

/// A 2019-format report on one line, its table rows as `rows` says.
fn one_line_2019_as(report: &edition_2019::AnnualReport, seed: u64, rows: Rows) -> Vec<u8> {
    // The layout reads texts by pointer; the typed report's JSON has every value as published.
    let report = serde_json::to_value(report).unwrap_or_default();
    let mut doc = Document::with_style(&report, Style::default());
    for (heading, body) in &mut doc.sections {
        let table = STANDARD_2019
            .sections
            .iter()
            .find(|s| s.heading == *heading)
            .and_then(|s| {
                STANDARD_2019
                    .tables
                    .iter()
                    .find(|t| Some(t.number) == s.table)
            });
        match table {
            Some(t) if t.number == "表二" => *body = Body::Table(layout_2019::active(&report, t)),
            Some(t) if t.number == "表三" => {
                *body = Body::Table(layout_2019::applications(&report, t));
            }
            _ => {}
        }
    }
    one_line_doc(&value(&report, "/metadata/organ/name"), &doc, seed, rows)
}

/// Whether a table cell holds a figure: a count, the fee decimal, a signed change (`+3`), an
/// amount with its unit (`251000元`).
fn is_figure(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let bare = unsigned.strip_suffix('元').unwrap_or(unsigned);
    !bare.is_empty()
        && bare.starts_with(|c: char| c.is_ascii_digit())
        && bare.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
}

/// The group of 表三 whose three rows [`one_line_merged_other`] prints as one.
const OTHER_GROUP: &str = "/applications/results/other/";

/// Whether a row of a grid holds a value of the three （六） rows of 表三.
fn is_other_row(row: &[Cell]) -> bool {
    row.iter()
        .any(|c| c.pointer().is_some_and(|p| p.starts_with(OTHER_GROUP)))
}

/// The single （六）其他处理 row standing for the three rows of `grid` it merges: its group label
/// (the label spanning the three) and, per column, the sum of their figures (blank where one is).
fn merged_other_row(grid: &Table) -> (String, Vec<String>) {
    let rows: Vec<&Vec<Cell>> = grid.rows.iter().filter(|r| is_other_row(r)).collect();
    let label = rows
        .first()
        .and_then(|row| row.iter().find(|c| c.pointer.is_none() && c.rowspan > 1))
        .map_or_else(String::new, |c| c.text.clone());
    let figures = |row: &Vec<Cell>| -> Vec<Option<u128>> {
        row.iter()
            .filter(|c| c.pointer.is_some())
            .map(|c| c.text.parse().ok())
            .collect()
    };
    let mut sums: Vec<Option<u128>> = Vec::new();
    for row in rows {
        for (k, value) in figures(row).into_iter().enumerate() {
            match sums.get_mut(k) {
                Some(sum) => *sum = sum.zip(value).map(|(a, b)| a + b),
                None => sums.push(value),
            }
        }
    }
    // A column with a blank cell has no sum: the merged cell is printed blank.
    let sums = sums
        .iter()
        .map(|sum| sum.map_or_else(String::new, |s| s.to_string()))
        .collect();
    (label, sums)
}

/// How [`one_line_doc`] prints a table's rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rows {
    /// Cells concatenated, a stray space inside some rows.
    Glued,
    /// As [`Rows::Glued`], with 表三's three （六） rows as one ([`one_line_merged_other`]).
    MergedOther,
    /// Cells separated by whitespace ([`one_line_spaced`]).
    Spaced,
    /// Cells between cell marks ([`one_line_marked`]).
    Marked,
}

/// The whitespace a page puts between two cells of a row.
const CELL_GAPS: [&str; 6] = [" ", " ", "  ", "\u{a0}", "\u{3000}", "\t"];

/// Prints `doc` on one line, `organ` in the crawler's `来源`, its table rows as `rows` says.
fn one_line_doc(organ: &str, doc: &Document, seed: u64, rows: Rows) -> Vec<u8> {
    let mut noise = Noise(seed);
    let mut out = String::new();
    for (k, item) in BOILERPLATE.iter().enumerate() {
        if noise.below(2) == 0 {
            out.push_str(item);
            out.push(' ');
        }
        if k == 3 {
            let _ = write!(out, "来源：{organ} ");
        }
    }
    out.push_str(&doc.title);
    for p in &doc.preamble {
        out.push_str(p);
    }
    for (heading, body) in &doc.sections {
        out.push_str(heading);
        match body {
            Body::Prose(paras) => paras.iter().for_each(|p| out.push_str(p)),
            Body::Table(grid) if rows == Rows::Spaced => spaced_table(grid, &mut noise, &mut out),
            Body::Table(grid) if rows == Rows::Marked => marked_table(grid, &mut noise, &mut out),
            Body::Table(grid) => glued_table(grid, rows == Rows::MergedOther, &mut noise, &mut out),
        }
    }
    out.into_bytes()
}

/// A table's rows with their cells concatenated ([`Rows::Glued`]).
fn glued_table(grid: &Table, merged_other: bool, noise: &mut Noise, out: &mut String) {
    let mut merged = merged_other.then(|| merged_other_row(grid));
    for row in &grid.rows {
        let is_number = |c: &&Cell| is_figure(&c.text);
        let (labels, numbers): (String, String) = if merged_other && is_other_row(row) {
            // The first of the three rows prints the merged row, the others nothing.
            let Some((label, sums)) = merged.take() else {
                continue;
            };
            (label, sums.concat())
        } else {
            (
                row.iter()
                    .filter(|c| !is_number(c))
                    .map(|c| c.text.as_str())
                    .collect(),
                row.iter()
                    .filter(is_number)
                    .map(|c| c.text.as_str())
                    .collect(),
            )
        };
        out.push_str(&labels);
        // A stray space in one row of four, anywhere from before the first digit to
        // before the last, never inside a decimal, a signed change or an amount.
        let plain = numbers.chars().all(|c| c.is_ascii_digit());
        if !numbers.is_empty() && plain && noise.below(4) == 0 {
            let at = noise.below(numbers.len());
            out.push_str(&numbers[..at]);
            out.push(' ');
            out.push_str(&numbers[at..]);
        } else {
            out.push_str(&numbers);
        }
    }
}

/// A table's rows with whitespace between their cells ([`Rows::Spaced`]): labels first, then
/// figures, as the glued rows are. In one table of three, one row of several figures has a
/// defect: a gap between two of its figures missing, or a space inside a count of two digits
/// or more (where it has none, the gap goes missing).
fn spaced_table(grid: &Table, noise: &mut Noise, out: &mut String) {
    let wide: Vec<usize> = grid
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.iter().filter(|c| is_figure(&c.text)).count() >= 2)
        .map(|(k, _)| k)
        .collect();
    let defective = (!wide.is_empty() && noise.below(3) == 0)
        .then(|| wide.get(noise.below(wide.len())).copied())
        .flatten();
    for (k, row) in grid.rows.iter().enumerate() {
        let texts: Vec<&str> = row
            .iter()
            .filter(|c| !is_figure(&c.text))
            .chain(row.iter().filter(|c| is_figure(&c.text)))
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        let figures = row.iter().filter(|c| is_figure(&c.text)).count();
        let first_figure = texts.len() - figures;
        // Which gap between figures goes missing, or which count gets a space inside.
        let (glued_gap, split_count) = match defective {
            Some(d) if d == k => {
                let counts: Vec<usize> = (first_figure..texts.len())
                    .filter(|&i| {
                        texts
                            .get(i)
                            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_digit()))
                    })
                    .collect();
                if !counts.is_empty() && noise.below(2) == 0 {
                    (None, counts.get(noise.below(counts.len())).copied())
                } else {
                    (Some(first_figure + 1 + noise.below(figures - 1)), None)
                }
            }
            _ => (None, None),
        };
        for (i, text) in texts.iter().enumerate() {
            if i > 0 && glued_gap != Some(i) {
                out.push_str(CELL_GAPS[noise.below(CELL_GAPS.len())]);
            } else if i == 0 {
                out.push(' ');
            }
            match split_count {
                Some(at) if at == i => {
                    let cut = 1 + noise.below(text.len() - 1);
                    out.push_str(&text[..cut]);
                    out.push(' ');
                    out.push_str(&text[cut..]);
                }
                _ => out.push_str(text),
            }
        }
    }
}

/// A table's rows with cell marks ([`Rows::Marked`]): a Markdown table or a crawler's cell
/// text, every position of the grid a cell (empty where a merged cell spans it).
fn marked_table(grid: &Table, noise: &mut Noise, out: &mut String) {
    let markdown = noise.below(2) == 0;
    let row_gap = if noise.below(2) == 0 { "" } else { " " };
    for (k, row) in grid.rows.iter().enumerate() {
        // The positions a merged cell from a row above covers stand first, as empty cells.
        let spanned: usize = row.iter().map(|c| c.colspan).sum();
        let mut texts = vec![""; grid.width.saturating_sub(spanned)];
        for cell in row {
            texts.push(&cell.text);
            texts.extend(std::iter::repeat_n("", cell.colspan.saturating_sub(1)));
        }
        if k > 0 {
            out.push_str(row_gap);
        }
        if markdown {
            out.push('|');
            for text in &texts {
                let pad = if noise.below(2) == 0 { " " } else { "" };
                let _ = write!(out, "{pad}{text}{pad}|");
            }
            if k == 0 {
                out.push_str(row_gap);
                out.push('|');
                texts.iter().for_each(|_| out.push_str("---|"));
            }
        } else {
            for text in &texts {
                let _ = write!(out, "{text} |");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> AnnualReport {
        serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap()
    }

    #[test]
    fn merged_other_prints_one_row_of_sums_in_place_of_the_three() {
        // The example's （六） rows: 1 0 0 0 0 0 1, all 0, 2 0 0 0 0 0 2.
        // Without the stray spaces the noise puts inside rows.
        let text = String::from_utf8(one_line_merged_other(&example(), 0))
            .unwrap()
            .replace(' ', "");
        assert!(text.contains("（六）其他处理3000003（七）总计"), "{text}");
        assert!(!text.contains("逾期不补正"), "{text}");
        let three_rows = String::from_utf8(one_line(&example(), 0)).unwrap();
        assert!(three_rows.contains("逾期不补正"));
    }
}

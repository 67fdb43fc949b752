//! [`Torn::BlockDump`](crate::Torn::BlockDump): a PDF's tables as poppler's `pdftotext` without
//! flags and pdfminer's `pdf2txt.py` dump them, drawn from the structure of real dumps
//! (`crates/xxgk-extract/tests/data/converted/`): every cell on its own line(s), labels in
//! blocks of their own, torn over lines (a vertical group label one character a line), and the
//! rows of 表三 in runs: a run printed across (the row's cells one after the other) or down its
//! columns (seven blocks of k numbers, one per column; pdfminer cuts every column of a run at
//! the same places), its labels before or after its numbers, a row's first cell sometimes
//! beside the last line of its label, or (rarely) beside the next row's label, out of order;
//! pdfminer sometimes prints the 总计 column of its runs before the 其他 column. Page footers (`-3-`, a form feed)
//! and the table heading again stand between runs. poppler also prints the first one or two
//! cells of a run of up to three rows on a line inside the last label's block of each row (the
//! labels first, then each row's other cells), and the first or second cell of one of the last
//! three rows (at most two) after the table's last label, as in the portrait jingyue dumps.
//! pdfminer sometimes prints 表四 column by column, each number under its outcome's heading,
//! and then (rarely) two outcomes of every group swapped, headings and all; poppler sometimes
//! prints 表四's row out of order, as the 淮安 dumps do (`review_out_of_order`), or its numbers
//! wrapped in narrow columns, the second lines after the row (`review_wrapped`, LibreOffice's). 表二 is printed sub-table
//! by sub-table as the real dumps print it: poppler each label followed by its row's numbers, a
//! page footer sometimes after a caption, a sub-table of one row sometimes its number before its
//! label or its label before its last heading (the 洪泽 dumps), or, in one report of four, every
//! label after its row's numbers (LibreOffice's PDFs); pdfminer, in one report of three,
//! each sub-table's labels as a block and then its numbers column by column (the 淮安 dump).

use std::fmt::Write as _;

use xxgk_model::AnnualReport;
use xxgk_render::{Body, Document, Table};

use crate::{Noise, is_figure, positional_rows};

/// The converter imitated, drawn per report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Converter {
    /// poppler: a blank line after every cell.
    Poppler,
    /// pdfminer: blocks of lines, a blank line between blocks.
    Pdfminer,
}

/// The printed text being built: lines, and blank lines between blocks.
struct Out<'a> {
    text: String,
    converter: Converter,
    noise: &'a Noise,
    /// Runs down their columns print the last column (总计) before the one before it (其他).
    total_before_other: bool,
}

impl Out<'_> {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// Ends a block: a blank line (once).
    fn end_block(&mut self) {
        if !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// A cell of text: torn over lines, a vertical label one character a line.
    fn label(&mut self, text: &str) {
        for piece in torn(text, self.noise) {
            self.line(&piece);
        }
        self.end_block();
    }

    /// Numbers: a block of their own each (`apart`), or one block, pdfminer's sometimes two on
    /// a line.
    fn numbers(&mut self, numbers: &[&str], apart: bool) {
        let mut k = 0;
        while let Some(number) = numbers.get(k) {
            match numbers.get(k + 1) {
                Some(next) if self.converter == Converter::Pdfminer && self.noise.one_in(8) => {
                    self.line(&format!("{number} {next}"));
                    k += 2;
                }
                _ => {
                    self.line(number);
                    k += 1;
                }
            }
            if apart {
                self.end_block();
            }
        }
        self.end_block();
    }

    /// A cell of text with a row's first cells on a line inside its block, after its first
    /// piece, as poppler puts them in the label's text block.
    fn label_with(&mut self, text: &str, numbers: &str) {
        for (i, piece) in torn(text, self.noise).iter().enumerate() {
            self.line(piece);
            if i == 0 {
                self.line(numbers);
            }
        }
        self.end_block();
    }

    /// A number printed at the end of the last line, as poppler prints a row's first cell
    /// beside the last line of its label (`行政规范性文件 6`).
    fn beside_last_line(&mut self, number: &str) {
        let kept = self.text.trim_end_matches('\n').len();
        self.text.truncate(kept);
        self.text.push(' ');
        self.text.push_str(number);
        self.text.push('\n');
        self.end_block();
    }

    /// A page footer between blocks, the next page's first line after a form feed.
    fn page_break(&mut self) {
        let page = 2 + self.noise.below(8);
        self.end_block();
        match self.noise.below(3) {
            0 => self.line(&format!("-{page}-")),
            1 => self.line(&format!("- {page} -")),
            _ => self.line(&format!("— {page} —")),
        }
        self.end_block();
        self.text.push('\u{c}');
    }
}

/// A label's pieces as a converter tears it: whole, cut in two or three, or one character a
/// line; never a piece of digits alone, which would read as a number.
fn torn(text: &str, noise: &Noise) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let length = chars.len();
    let pieces: Vec<String> = match noise.below(6) {
        _ if length < 4 => vec![chars.iter().collect()],
        0 if length <= 12 => chars.iter().map(char::to_string).collect(),
        1 | 2 => {
            let at = 2 + usize::try_from(noise.below(u64::try_from(length - 3).unwrap_or(1)))
                .unwrap_or(0);
            vec![
                chars.iter().take(at).collect(),
                chars.iter().skip(at).collect(),
            ]
        }
        3 => chars
            .chunks(length.div_ceil(3))
            .map(|c| c.iter().collect())
            .collect(),
        _ => vec![chars.iter().collect()],
    };
    let digits_alone = |p: &String| p.chars().all(|c| c.is_ascii_digit() || c == '.');
    if pieces.iter().any(digits_alone) {
        vec![chars.iter().collect()]
    } else {
        pieces
    }
}

/// Renders a report's tables as a block dump; see the module's documentation.
pub(crate) fn block_dump(report: &AnnualReport, noise: &Noise, merged_other: bool) -> Vec<u8> {
    let doc = Document::new(report);
    let converter = if noise.one_in(2) {
        Converter::Poppler
    } else {
        Converter::Pdfminer
    };
    let mut out = Out {
        text: String::new(),
        converter,
        noise,
        // pdfminer sometimes groups the 总计 column's boxes before the 其他 column's.
        total_before_other: converter == Converter::Pdfminer && noise.one_in(4),
    };
    let _ = write!(out.text, "{}\n\n", doc.title());
    for (heading, body) in doc.sections() {
        out.line(heading);
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    out.line(p);
                }
                out.end_block();
            }
            Body::Table(grid) => table(&mut out, grid, merged_other),
        }
    }
    out.text.into_bytes()
}

/// 表四 as pdfminer prints a portrait page: each outcome's number under its own heading, group
/// by group, sometimes two outcomes of every group (with their headings) swapped.
fn review_by_column(out: &mut Out<'_>, header: &[Vec<String>], values: Option<&Vec<String>>) {
    let Some(values) = values else {
        return;
    };
    // A column's heading: its lowest header cell that is printed.
    let name = |k: usize| {
        header
            .iter()
            .rev()
            .find_map(|row| row.get(k).filter(|c| !c.is_empty()))
    };
    let swapped = out.noise.one_in(8);
    for group in 0..values.len().div_ceil(5) {
        let mut order: Vec<usize> = (group * 5..(group * 5 + 5).min(values.len())).collect();
        if swapped && order.len() == 5 {
            order.swap(2, 3);
        }
        for k in order {
            if let (Some(name), Some(value)) = (name(k), values.get(k)) {
                out.label(name);
                out.numbers(&[value], true);
            }
        }
    }
}

/// 表四's row as poppler prints it out of order (the 淮安 dumps, `tests/data/converted/`), its
/// first cell first and its last cell last: 复议后起诉's outcomes before 复议's 总计, each block
/// after its group's headings printed again and each moved 总计 after the heading 总计; a
/// group's 总计 after the next group's outcomes; or a group's 尚未审结 one line late, after the
/// line that holds its 总计 and the next group's first cell.
fn review_out_of_order(out: &mut Out<'_>, header: &[Vec<String>], row: &[String]) {
    // A column's heading: its lowest header cell that is printed.
    let name = |k: usize| -> String {
        header
            .iter()
            .rev()
            .find_map(|r| r.get(k).filter(|c| !c.is_empty()))
            .cloned()
            .unwrap_or_default()
    };
    let cells = |range: std::ops::Range<usize>| -> Vec<&str> {
        row.get(range)
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .collect()
    };
    let headings = |out: &mut Out<'_>, group: usize| {
        for k in group * 5..group * 5 + 4 {
            out.label(&name(k));
        }
    };
    let total = |out: &mut Out<'_>, k: usize| {
        out.label(&name(k));
        out.numbers(&cells(k..k + 1), true);
    };
    match out.noise.below(3) {
        // 复议's outcomes, 复议后起诉's, 复议's 总计, 未经复议直接起诉 whole, 复议后起诉's 总计.
        0 => {
            out.numbers(&cells(0..4), true);
            headings(out, 2);
            out.numbers(&cells(10..14), true);
            total(out, 4);
            headings(out, 1);
            out.numbers(&cells(5..10), true);
            total(out, 14);
        }
        // A group's 总计 after the next group's outcomes.
        1 => {
            let g = usize::try_from(out.noise.below(2)).unwrap_or(0);
            out.numbers(&cells(0..g * 5 + 4), true);
            headings(out, g + 1);
            out.numbers(&cells(g * 5 + 5..g * 5 + 9), true);
            total(out, g * 5 + 4);
            out.label(&name(g * 5 + 9));
            out.numbers(&cells(g * 5 + 9..15), true);
        }
        // A group's 尚未审结 one line late, after its 总计 and the next group's first cell.
        _ => {
            let g = usize::try_from(out.noise.below(2)).unwrap_or(0);
            out.numbers(&cells(0..g * 5 + 3), true);
            out.numbers(&[&cells(g * 5 + 4..g * 5 + 6).join(" ")], true);
            out.numbers(&cells(g * 5 + 3..g * 5 + 4), true);
            headings(out, g + 1);
            out.label(&name(g * 5 + 9));
            out.numbers(&cells(g * 5 + 6..15), true);
        }
    }
}

/// Digits a narrow column of 表四 holds on one line, as LibreOffice's PDF of 淮安 2024 prints it.
const NARROW: usize = 2;

/// 表四's row as poppler prints a PDF whose narrow columns wrap wide numbers (178 as `17` over
/// `8`): every number on a line of its own, no blank line between, the row's first lines and
/// then its second lines, in the cells' order.
fn review_wrapped(out: &mut Out<'_>, row: &[String]) {
    let (heads, tails): (Vec<&str>, Vec<&str>) = row
        .iter()
        .map(|cell| cell.split_at(cell.len().min(NARROW)))
        .unzip();
    for piece in heads.into_iter().chain(tails).filter(|p| !p.is_empty()) {
        out.line(piece);
    }
    out.end_block();
}

/// 表二, sub-table by sub-table/// 表二, sub-table by sub-table (its caption and headings, then its rows), as the real dumps
/// print it: poppler each label followed by its row's numbers, a sub-table of one row sometimes
/// its number before its label (or its label before its last heading), a page footer after a
/// caption, or every label after its row's numbers; pdfminer sometimes a sub-table's labels as a block, then its numbers column by
/// column (which no count confirms: it stays unread).
fn active(out: &mut Out<'_>, body: &[Vec<String>]) {
    let by_columns = out.converter == Converter::Pdfminer && out.noise.one_in(3);
    // poppler on LibreOffice's PDFs, whose labels sit lower in their cells than the numbers:
    // every label after its row's numbers.
    let below = out.converter == Converter::Poppler && out.noise.one_in(4);
    let is_data = |row: &Vec<String>| row.iter().skip(1).any(|c| is_figure(c));
    // Each sub-table: the text rows before a run of rows with figures, and the run.
    let mut groups: Vec<(Vec<&str>, Vec<&Vec<String>>)> = Vec::new();
    for row in body {
        match groups.last_mut() {
            Some((_, run)) if is_data(row) => run.push(row),
            Some((texts, run)) if run.is_empty() => {
                texts.extend(row.iter().map(String::as_str).filter(|c| !c.is_empty()));
            }
            _ => groups.push((
                row.iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty() && !is_data(row))
                    .collect(),
                if is_data(row) { vec![row] } else { Vec::new() },
            )),
        }
    }
    for (texts, run) in groups {
        let label = |row: &Vec<String>| -> (String, Vec<String>) {
            (
                row.first().cloned().unwrap_or_default(),
                row.iter()
                    .skip(1)
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .collect(),
            )
        };
        let print_texts = |out: &mut Out<'_>, texts: &[&str]| {
            for (k, text) in texts.iter().enumerate() {
                out.label(text);
                if k == 0 && texts.len() > 1 && out.noise.one_in(6) {
                    out.page_break();
                }
            }
        };
        let single = match run.as_slice() {
            [row] if !by_columns && !below => Some(row),
            _ => None,
        };
        match (single, out.noise.below(6)) {
            _ if below => {
                print_texts(out, &texts);
                for row in &run {
                    let (label, cells) = label(row);
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    out.numbers(&cells, true);
                    out.label(&label);
                }
            }
            // Its number before its label.
            (Some(row), 0 | 1) => {
                print_texts(out, &texts);
                let (label, cells) = label(row);
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                out.numbers(&cells, true);
                out.label(&label);
            }
            // Its label before its last heading.
            (Some(row), 2) if texts.len() > 1 => {
                let (last, before) = texts.split_last().unwrap_or((&"", &[]));
                print_texts(out, before);
                let (label, cells) = label(row);
                out.label(&label);
                out.label(last);
                let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                out.numbers(&cells, true);
            }
            _ if by_columns => {
                print_texts(out, &texts);
                let rows: Vec<(String, Vec<String>)> = run.iter().map(|r| label(r)).collect();
                for (label, _) in &rows {
                    out.label(label);
                }
                let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
                for c in 0..width {
                    for (_, cells) in &rows {
                        if let Some(cell) = cells.get(c) {
                            out.numbers(&[cell], true);
                        }
                    }
                }
            }
            _ => {
                print_texts(out, &texts);
                for row in &run {
                    let (label, cells) = label(row);
                    out.label(&label);
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    out.numbers(&cells, true);
                }
            }
        }
    }
}

/// One table of the dump.
fn table(out: &mut Out<'_>, grid: &Table, merged_other: bool) {
    let (labels, rows, header_end) = positional_rows(grid, true, merged_other);
    let (header, body) = rows.split_at(header_end);
    let print_header = |out: &mut Out<'_>| {
        for cell in header.iter().flatten().filter(|c| !c.is_empty()) {
            out.label(cell);
        }
    };
    print_header(out);
    if labels == 0 && out.converter == Converter::Pdfminer && out.noise.one_in(3) {
        review_by_column(out, header, body.first());
        return;
    }
    if labels == 1 {
        active(out, body);
        return;
    }
    if labels == 0
        && out.converter == Converter::Poppler
        && let [row] = body
        && row.len() == 15
        && row.iter().all(|c| is_figure(c))
        && out.noise.one_in(3)
    {
        review_out_of_order(out, header, row);
        return;
    }
    if labels == 0
        && out.converter == Converter::Poppler
        && let [row] = body
        && row.len() == 15
        && row.iter().all(|c| is_figure(c) && c.len() <= 2 * NARROW)
        && out.noise.one_in(4)
    {
        review_wrapped(out, row);
        return;
    }
    if labels != 3 {
        // 表四: each row's labels, then its cells.
        for row in body {
            let (label, cells) = row.split_at(labels.min(row.len()));
            for text in label.iter().filter(|c| !c.is_empty()) {
                out.label(text);
            }
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            if cells.iter().any(|c| is_figure(c)) {
                out.numbers(&cells, true);
            } else {
                for text in cells.iter().filter(|c| !c.is_empty()) {
                    out.label(text);
                }
            }
        }
        return;
    }
    // 表三: runs of rows, across or down their columns.
    let mut at = 0;
    let mut moved: Option<String> = None;
    // Cells of the last rows poppler prints after the table's last label.
    let mut late: Vec<String> = Vec::new();
    let cells = |row: &Vec<String>| -> Vec<String> { row.iter().skip(labels).cloned().collect() };
    while at < body.len() {
        // poppler prints the first cells of a run of rows inside their labels' block.
        let inside = out.converter == Converter::Poppler && out.noise.one_in(5);
        let k = match out.noise.below(3) {
            _ if inside => 1 + usize::try_from(out.noise.below(3)).unwrap_or(0),
            0 => 1,
            _ => 2 + usize::try_from(out.noise.below(12)).unwrap_or(0),
        }
        .min(body.len() - at);
        let run = body.get(at..at + k).unwrap_or_default();
        at += k;
        if inside {
            // Each row's first one or two cells, on a line inside its last label's block.
            let heads: Vec<usize> = run
                .iter()
                .map(|_| if out.noise.one_in(4) { 2 } else { 1 })
                .collect();
            for (row, n) in run.iter().zip(&heads) {
                let cells = cells(row);
                let head = cells.iter().take(*n).cloned().collect::<Vec<_>>().join(" ");
                let texts: Vec<&String> =
                    row.iter().take(labels).filter(|c| !c.is_empty()).collect();
                match texts.split_last() {
                    Some((last, before)) => {
                        for text in before {
                            out.label(text);
                        }
                        out.label_with(last, &head);
                    }
                    None => out.numbers(&[&head], true),
                }
            }
            for (row, n) in run.iter().zip(&heads) {
                let cells = cells(row);
                let rest: Vec<&str> = cells.iter().skip(*n).map(String::as_str).collect();
                out.numbers(&rest, true);
            }
            continue;
        }
        let labels_after = k > 1 && out.noise.one_in(2);
        let print_labels = |out: &mut Out<'_>| {
            for row in run {
                for text in row.iter().take(labels).filter(|c| !c.is_empty()) {
                    out.label(text);
                }
            }
        };
        if !labels_after {
            print_labels(out);
            if let Some(first) = moved.take() {
                out.beside_last_line(&first);
            }
        }
        if k == 1 {
            // poppler prints a row's cells apart; pdfminer apart or as one block.
            let apart = out.converter == Converter::Poppler || out.noise.one_in(2);
            for row in run {
                let cells = cells(row);
                let mut cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                let last_rows = at + 3 > body.len();
                match cells.first().copied() {
                    // poppler prints the first or second cell of one of the last rows late.
                    Some(_)
                        if out.converter == Converter::Poppler
                            && last_rows
                            && late.len() < 2
                            && out.noise.one_in(3) =>
                    {
                        let c = usize::from(cells.len() > 2 && out.noise.one_in(2));
                        late.push(cells.remove(c).to_owned());
                    }
                    Some(first) if out.noise.one_in(4) => {
                        out.beside_last_line(first);
                        cells.remove(0);
                    }
                    // poppler prints the cell beside the next row's label, out of order.
                    Some(first) if out.converter == Converter::Poppler && out.noise.one_in(30) => {
                        moved = Some(first.to_owned());
                        cells.remove(0);
                    }
                    _ => {}
                }
                out.numbers(&cells, apart);
            }
        } else {
            // pdfminer cuts every column of a run at the same places.
            let cut = match out.converter {
                Converter::Pdfminer if out.noise.one_in(2) => {
                    1 + usize::try_from(out.noise.below(u64::try_from(k - 1).unwrap_or(1)))
                        .unwrap_or(0)
                }
                _ => k,
            };
            let columns: Vec<Vec<String>> = run.iter().map(cells).collect();
            let width = columns.first().map_or(0, Vec::len);
            let mut order: Vec<usize> = (0..width).collect();
            if out.total_before_other && width >= 2 {
                order.swap(width - 1, width - 2);
            }
            for c in order {
                let column: Vec<&str> = columns
                    .iter()
                    .filter_map(|row| row.get(c).map(String::as_str))
                    .collect();
                let (head, tail) = column.split_at(cut.min(column.len()));
                for piece in [head, tail] {
                    if !piece.is_empty() {
                        out.numbers(piece, false);
                    }
                }
            }
        }
        if labels_after {
            print_labels(out);
        }
        if at < body.len() && out.noise.one_in(4) {
            out.page_break();
            if out.noise.one_in(2) {
                print_header(out);
            }
        }
    }
    if let Some(first) = moved {
        out.numbers(&[&first], true);
    }
    for cell in late {
        out.numbers(&[&cell], true);
    }
}

//! Table recognition in plain text: turns the lines of a table section into units of cells,
//! whatever the layout the converter produced.
//!
//! - DOCX exported to text: one cell per tab-indented line, rows separated by empty lines, an
//!   empty tab line for an empty cell (seeds 000–002).
//! - Tab-separated PDF text: one row per line (seed 004).
//! - `|`-separated HTML table text and Markdown tables (seed 003). Printed a cell a line, each
//!   closed by a pipe (`0 |`), a bare `|` is an empty cell and a blank mark (`/ |`) a blank one:
//!   both fill the next cell of the row still open (`table::read_rows`), so a cell the publisher
//!   left blank is reported as blank, not as a row short of cells. A column a Markdown converter
//!   added (empty in the header and in every row of its table, as markitdown leaves where a
//!   PDF's grid has a line no cell uses) is dropped, so the header's columns are the cells'.
//!   Converters that write a merged cell's text into every cell it covers (docling, tabulate)
//!   repeat a value spanning columns: it is one value where the header above repeats one
//!   column's label over exactly those cells ([`mark_repeated_spans`]).
//!   A `<br>` in a cell is a line break inside it; figures stacked in one cell (`0<br>7`) under a
//!   heading cell that runs several columns' headers together (pymupdf4llm missing a rule) take
//!   those columns, one figure a line ([`split_stacked_columns`]).
//! - Space-aligned `pdftotext -layout` and single-space `pdftotext -raw` text (realworld 008–010):
//!   cells are runs separated by two or more spaces; numbers split further on single spaces by
//!   the row reader. Empty cells leave no trace in this layout.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::document::{CELL_BREAK, Cell, Unit};
use crate::normalize::{Glyph, PosText, compact_chars, fold_char};
use crate::number::{TokenClass, classify};

/// Whether a line is a page number such as `-3-`, `- 4 -`, `— 5 —` or `第 6 页`, which PDF
/// conversion leaves inside tables; also when a Markdown converter cut it into table cells
/// (`|  | - 3 | - |`), as long as a dash stands in the cell of its digits.
pub(crate) fn is_page_number(line: &PosText) -> bool {
    // More than twelve glyphs besides spaces and rules is no page number: a line of prose is
    // ruled out before anything is collected.
    let solid = line
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace() && g.ch != '|');
    if solid.take(13).count() > 12 {
        return false;
    }
    let squeezed: Vec<char> = line
        .glyphs
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    let is_dash = |c: char| matches!(c, '-' | '—' | '–' | '―');
    if squeezed.contains(&'|')
        && !squeezed.windows(2).any(|w| match w {
            [a, b] => (is_dash(*a) && b.is_ascii_digit()) || (a.is_ascii_digit() && is_dash(*b)),
            _ => false,
        })
    {
        return false;
    }
    let text: String = squeezed.into_iter().filter(|c| *c != '|').collect();
    if text.chars().nth(12).is_some() {
        return false;
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return false;
    }
    let dashed = {
        let inner = text.trim_matches(is_dash);
        inner.len() < text.len() && inner.chars().all(|c| c.is_ascii_digit())
    };
    let paged = text.starts_with('第')
        && (text.ends_with('页') || text.contains("页共") || text.contains("页/"))
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '第' | '页' | '共' | '/'));
    dashed || paged
}

/// Turns the lines of one table section into units.
pub(crate) fn units_from_lines(lines: &[&PosText]) -> Vec<Unit> {
    if is_docx_export(lines) {
        docx_export_units(lines)
    } else {
        let lines: Vec<&PosText> = lines
            .iter()
            .copied()
            .filter(|l| !is_page_number(l))
            .collect();
        let mut units = Vec::new();
        // The columns the last Markdown table dropped, by its width: its rows after a line of
        // text that cut the table (a cell pulled out below its row) are printed to the same width.
        let mut dropped: Option<Vec<bool>> = None;
        // The last heading row of a Markdown table, which the rows after it stand under.
        let mut header: Option<Vec<String>> = None;
        // The last heading row's cells that each hold several columns' headers run together.
        let mut stacked: Option<Vec<usize>> = None;
        let mut k = 0;
        while let Some(line) = lines.get(k) {
            let opens_markdown_table = is_markdown_row(line)
                && lines.get(k + 1).is_some_and(|next| is_markdown_ruler(next));
            if !opens_markdown_table {
                let mut unit = delimited_unit(line);
                if is_markdown_row(line)
                    && let Some(unit) = unit.as_mut()
                    && !drop_columns(std::slice::from_mut(unit), dropped.as_deref())
                {
                    dropped = None;
                }
                if is_markdown_row(line)
                    && let Some(unit) = unit.as_mut()
                {
                    mark_repeated_spans(std::slice::from_mut(unit), &mut header);
                    split_stacked_columns(std::slice::from_mut(unit), &mut stacked);
                }
                units.extend(unit);
                k += 1;
                continue;
            }
            let end = (k + 2..lines.len())
                .find(|&j| lines.get(j).is_none_or(|l| !is_markdown_row(l)))
                .unwrap_or(lines.len());
            let mut table: Vec<Unit> = lines
                .get(k..end)
                .unwrap_or_default()
                .iter()
                .filter_map(|l| delimited_unit(l))
                .collect();
            dropped = added_columns(&table);
            drop_columns(&mut table, dropped.as_deref());
            mark_repeated_spans(&mut table, &mut header);
            split_stacked_columns(&mut table, &mut stacked);
            units.append(&mut table);
            k = end;
        }
        units
    }
}

/// A line's glyphs without its leading and trailing whitespace, without a copy: the Markdown
/// tests below are asked of every line of every report.
fn trimmed_glyphs(line: &PosText) -> &[Glyph] {
    let start = line.indent();
    let end = line
        .glyphs
        .iter()
        .rposition(|g| !g.ch.is_whitespace())
        .map_or(start, |i| i + 1);
    line.glyphs.get(start..end).unwrap_or_default()
}

/// A row of a Markdown table: `| … |`, not its ruler.
fn is_markdown_row(line: &PosText) -> bool {
    let trimmed = trimmed_glyphs(line);
    trimmed.first().is_some_and(|g| g.ch == '|')
        && trimmed.last().is_some_and(|g| g.ch == '|')
        && !is_markdown_ruler(line)
}

/// The ruler under a Markdown table's header: `|---|:--|`.
fn is_markdown_ruler(line: &PosText) -> bool {
    let trimmed = trimmed_glyphs(line);
    trimmed.first().is_some_and(|g| g.ch == '|')
        && trimmed.iter().any(|g| g.ch == '-')
        && trimmed
            .iter()
            .all(|g| g.ch.is_whitespace() || matches!(g.ch, '-' | ':' | '|'))
}

/// The columns of a Markdown table that are empty in its header and in every row: a
/// converter's, not the report's (a blank cell of the report stands under a header that names
/// its column). Only when the header is a heading (no figure in it), the table has rows under
/// it, and all its rows have the same number of cells, so the columns are the same in each.
fn added_columns(table: &[Unit]) -> Option<Vec<bool>> {
    let width = table.first()?.cells.len();
    let is_figure = |cell: &Cell| {
        let text = cell.text.compact();
        !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    let header_is_heading = table.first().is_some_and(|h| {
        h.cells.iter().any(|c| !c.text.is_blank()) && !h.cells.iter().any(is_figure)
    });
    if table.len() < 2 || !header_is_heading || table.iter().any(|u| u.cells.len() != width) {
        return None;
    }
    let empty: Vec<bool> = (0..width)
        .map(|c| {
            table
                .iter()
                .all(|u| u.cells.get(c).is_none_or(|cell| cell.text.is_blank()))
        })
        .collect();
    empty.iter().any(|e| *e).then_some(empty)
}

/// Drops the `columns` marked from the rows, when each row has exactly their number of cells,
/// every marked one empty; whether it did.
fn drop_columns(rows: &mut [Unit], columns: Option<&[bool]>) -> bool {
    let Some(columns) = columns else {
        return false;
    };
    let fits = rows.iter().all(|u| {
        u.cells.len() == columns.len()
            && u.cells
                .iter()
                .zip(columns)
                .all(|(cell, dropped)| !dropped || cell.text.is_blank())
    });
    if !fits {
        return false;
    }
    for unit in rows.iter_mut() {
        let mut column = 0;
        unit.cells.retain(|_| {
            let keep = !columns.get(column).copied().unwrap_or(false);
            column += 1;
            keep
        });
    }
    true
}

/// Marks the cells of Markdown rows that repeat a merged value cell, as converters that write a
/// merged cell's text into every cell it covers print them (`| 行政许可 | 9893 | 9893 | 9893 |`):
/// each repeat continues the first cell, so the row holds one value. Only where the labels prove
/// the span: the heading row above (`header`, kept from row to row) repeats one column's label
/// of the template over exactly those cells (`| 信息内容 | 本年处理决定数量 | 本年处理决定数量 |
/// 本年处理决定数量 |`), and the row holds the same number, and only it, in each of them. Values
/// that differ, a header that does not repeat, a group heading (`法人或其他组织`) or a run of
/// another length leave the cells as they are: a row of too many numbers stays unread.
fn mark_repeated_spans(rows: &mut [Unit], header: &mut Option<Vec<String>>) {
    for unit in rows {
        if unit.cells.iter().all(|c| has_label_text(&c.text)) {
            *header = Some(unit.cells.iter().map(|c| c.text.compact()).collect());
            continue;
        }
        let has_number = unit.cells.iter().any(|c| is_number(&c.text.normalized()));
        if !has_number && unit.cells.iter().skip(1).any(|c| has_label_text(&c.text)) {
            // A heading with empty cells: the rows after it stand under it, and it repeats no
            // span. (A row label alone, text in its first cell only, keeps the heading.)
            *header = None;
            continue;
        }
        let Some(heading) = header.as_deref() else {
            continue;
        };
        if heading.len() != unit.cells.len() {
            continue;
        }
        let texts: Vec<String> = unit.cells.iter().map(|c| c.text.normalized()).collect();
        let text = |k: usize| texts.get(k).map(String::as_str);
        let mut start = 0;
        while start < heading.len() {
            let label = heading.get(start).map_or("", String::as_str);
            let end = (start..heading.len())
                .take_while(|&k| heading.get(k).is_some_and(|h| h == label))
                .last()
                .unwrap_or(start);
            let value = text(start).unwrap_or_default();
            let repeated = end > start
                && is_column_label(label)
                && is_number(value)
                && (start..=end).all(|k| text(k) == Some(value))
                && start.checked_sub(1).is_none_or(|k| text(k) != Some(value))
                && text(end + 1) != Some(value)
                && (start..=end).all(|k| unit.cells.get(k).is_some_and(|c| c.continues.is_none()));
            if repeated {
                for cell in unit.cells.get_mut(start + 1..=end).unwrap_or_default() {
                    cell.continues = Some(start);
                }
            }
            start = end + 1;
        }
    }
}

/// A line break written into a Markdown cell as `<br>` (`<br/>`, `<br />`; pymupdf4llm writes
/// one between the lines of a cell) made a [`CELL_BREAK`], so a label reads as its text and
/// figures stacked in one cell stay apart.
fn break_lines_at_br(text: &mut PosText) {
    const FORMS: [&str; 3] = ["<br>", "<br/>", "<br />"];
    let mut i = 0;
    while i < text.glyphs.len() {
        if text.glyphs.get(i).is_none_or(|g| g.ch != '<') {
            i += 1;
            continue;
        }
        let len = FORMS.iter().map(|f| f.chars().count()).find(|&n| {
            let form: String = text
                .glyphs
                .get(i..i + n)
                .unwrap_or_default()
                .iter()
                .map(|g| g.ch.to_ascii_lowercase())
                .collect();
            FORMS.contains(&form.as_str())
        });
        match (len, text.glyphs.get(i).copied()) {
            (Some(n), Some(at)) => {
                text.glyphs.splice(
                    i..i + n,
                    [Glyph {
                        ch: CELL_BREAK,
                        ..at
                    }],
                );
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// Splits cells that hold the figures of several columns, one a line, where the heading row above
/// prints those columns' headers run together in the cell over them (pymupdf4llm, missing a rule
/// between two columns, writes `本年制发件数本年废止件数` over `0<br>0`): each figure takes its own
/// column, in order, only when the cell holds exactly as many lines, each one figure, as the
/// heading names columns. `stacked` carries, per heading cell, how many columns it names.
fn split_stacked_columns(rows: &mut [Unit], stacked: &mut Option<Vec<usize>>) {
    for unit in rows {
        if unit.cells.iter().all(|c| has_label_text(&c.text)) {
            let counts: Vec<usize> = unit
                .cells
                .iter()
                .map(|c| run_together_columns(&c.text.compact()))
                .collect();
            *stacked = counts.iter().any(|n| *n > 1).then_some(counts);
            continue;
        }
        let has_number = unit.cells.iter().any(|c| is_number(&c.text.normalized()));
        if !has_number && unit.cells.iter().skip(1).any(|c| has_label_text(&c.text)) {
            *stacked = None;
            continue;
        }
        let Some(counts) = stacked.as_deref() else {
            continue;
        };
        if counts.len() != unit.cells.len() || unit.cells.iter().any(|c| c.continues.is_some()) {
            continue;
        }
        let mut cells = Vec::with_capacity(unit.cells.len());
        for (cell, &count) in std::mem::take(&mut unit.cells).into_iter().zip(counts) {
            let lines: Vec<PosText> = cell
                .text
                .glyphs
                .split(|g| g.ch == CELL_BREAK)
                .map(|glyphs| {
                    PosText {
                        glyphs: glyphs.to_vec(),
                    }
                    .trimmed()
                })
                .collect();
            let one_figure_each = lines.iter().all(|l| is_number(&l.normalized()))
                && lines.iter().all(|l| l.tokens().len() == 1);
            if count > 1 && lines.len() == count && one_figure_each {
                cells.extend(lines.into_iter().map(Cell::new));
            } else {
                cells.push(cell);
            }
        }
        unit.cells = cells;
    }
}

/// How many column headers of the template a compact heading cell runs together: the number of
/// headers it is exactly made of when that is two or more and a single way, else 1.
fn run_together_columns(compact: &str) -> usize {
    fn ways(rest: &str, headers: &[String], parts: usize, found: &mut Vec<usize>) {
        if rest.is_empty() {
            found.push(parts);
            return;
        }
        for header in headers {
            if let Some(tail) = rest.strip_prefix(header.as_str())
                && found.len() < 2
            {
                ways(tail, headers, parts + 1, found);
            }
        }
    }
    // The templates' column labels, compact and sorted: the same for every cell of every file.
    static HEADERS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut headers: Vec<String> = template_columns()
            .map(|c| compact_label(c.header))
            .filter(|h| !h.is_empty() && is_column_label(h))
            .collect();
        headers.sort();
        headers.dedup();
        headers
    });
    let headers = &*HEADERS;
    let mut found = Vec::new();
    ways(compact, headers, 0, &mut found);
    match found.as_slice() {
        [parts] if *parts > 1 => *parts,
        _ => 1,
    }
}

/// Whether a cell holds label text (a heading's cells in a table whose converter fills every
/// cell of a merged one), not only numbers or blank marks.
fn has_label_text(text: &PosText) -> bool {
    text.tokens()
        .iter()
        .any(|t| classify(&t.normalized()) == TokenClass::Text)
}

/// Whether a cell's text is a number and nothing else.
fn is_number(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    !tokens.is_empty() && tokens.iter().all(|t| classify(t) == TokenClass::Number)
}

/// Whether a compact label is the header of one column of a table of the template (either
/// edition), not a group heading printed above several.
fn is_column_label(label: &str) -> bool {
    // Compact column labels of both templates, less those that also name a column group: the
    // same for every file.
    static LABELS: LazyLock<HashSet<String>> = LazyLock::new(|| {
        let groups: HashSet<String> = template_columns()
            .filter_map(|c| c.header_group.map(compact_label))
            .collect();
        template_columns()
            .flat_map(|c| [compact_label(c.header), compact_label(c.short_header)])
            .filter(|label| !groups.contains(label))
            .collect()
    });
    !label.is_empty() && LABELS.contains(label)
}

/// The columns of every table of both templates.
fn template_columns() -> impl Iterator<Item = &'static xxgk_model::Column> {
    [&xxgk_model::STANDARD_2021, &xxgk_model::STANDARD_2019]
        .into_iter()
        .flat_map(|standard| standard.tables)
        .flat_map(|table| table.columns)
}

/// A template label as the compact text of a file compares with it.
fn compact_label(text: &str) -> String {
    compact_chars(text.chars().filter_map(fold_char))
}

/// Whether most lines are single tab-indented cells, as Word's text export writes tables.
fn is_docx_export(lines: &[&PosText]) -> bool {
    let mut content = 0usize;
    let mut tab_led = 0usize;
    let mut inner_tabs = 0usize;
    for line in lines {
        if line.is_blank() && !line.glyphs.iter().any(|g| g.ch == '\t') {
            continue;
        }
        content += 1;
        let mut glyphs = line.glyphs.iter().skip_while(|g| g.ch == ' ');
        if glyphs.next().is_some_and(|g| g.ch == '\t') {
            tab_led += 1;
        }
        if has_inner_tab(line) {
            inner_tabs += 1;
        }
    }
    content > 0 && tab_led * 10 >= content * 6 && inner_tabs * 10 < content
}

/// A tab that stands between two pieces of content of the line.
fn has_inner_tab(line: &PosText) -> bool {
    let mut seen_content = false;
    let mut tab_after_content = false;
    for g in &line.glyphs {
        if g.ch == '\t' {
            tab_after_content |= seen_content;
        } else if !g.ch.is_whitespace() {
            if tab_after_content {
                return true;
            }
            seen_content = true;
        }
    }
    false
}

fn docx_export_units(lines: &[&PosText]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut current = Unit {
        cells: Vec::new(),
        positional: true,
        ..Unit::default()
    };
    for line in lines {
        let is_tab_line = line
            .glyphs
            .iter()
            .find(|g| g.ch != ' ')
            .is_some_and(|g| g.ch == '\t');
        if !is_tab_line && line.is_blank() {
            if !current.cells.is_empty() {
                units.push(std::mem::replace(
                    &mut current,
                    Unit {
                        cells: Vec::new(),
                        positional: true,
                        ..Unit::default()
                    },
                ));
            }
            continue;
        }
        if is_page_number(line) {
            continue;
        }
        if is_tab_line {
            let body: Vec<Glyph> = line
                .glyphs
                .iter()
                .skip_while(|g| g.ch != '\t')
                .skip(1)
                .copied()
                .collect();
            current.cells.push(Cell::new(PosText { glyphs: body }));
        } else if let Some(last) = current.cells.last_mut() {
            // A cell whose text Word wrapped onto a line of its own (`本年新` / `制作数量`).
            last.text.glyphs.extend(line.glyphs.iter().copied());
        } else {
            current.cells.push(Cell::new((*line).clone()));
        }
    }
    if !current.cells.is_empty() {
        units.push(current);
    }
    units
}

/// Splits one line into a unit, or `None` for a line without content.
fn delimited_unit(line: &PosText) -> Option<Unit> {
    if line.is_blank() {
        return None;
    }
    if has_inner_tab(line) {
        let mut unit = split_unit(line, |g| g.ch == '\t', true);
        unit.padded_at_end = true;
        return Some(unit);
    }
    if line.glyphs.iter().any(|g| g.ch == '|') {
        if let [only] = trimmed_glyphs(line)
            && only.ch == '|'
        {
            // A bare pipe: an empty cell of a table printed a cell a line, each closed by a
            // pipe (`0 |`), as web pages' text prints tables whose cells hold paragraphs. The
            // cell is empty; it stands where its pipe does.
            let empty = Glyph {
                ch: ' ',
                raw: ' ',
                pos: only.pos,
            };
            return Some(Unit {
                cells: vec![Cell::new(PosText {
                    glyphs: vec![empty],
                })],
                positional: true,
                padded_at_end: false,
            });
        }
        let unit = split_unit(line, |g| g.ch == '|', true);
        let mut cells = unit.cells;
        // `| a | b |`: the pipes at both ends do not open cells.
        let starts_with_pipe = line.trimmed().glyphs.first().is_some_and(|g| g.ch == '|');
        let ends_with_pipe = line.trimmed().glyphs.last().is_some_and(|g| g.ch == '|');
        if starts_with_pipe && cells.first().is_some_and(|c| c.text.is_blank()) {
            cells.remove(0);
        }
        if ends_with_pipe && cells.last().is_some_and(|c| c.text.is_blank()) {
            cells.pop();
        }
        for cell in &mut cells {
            break_lines_at_br(&mut cell.text);
        }
        // Lines of bare pipes (`|||`, empty spans of merged cells) and Markdown rulers (`|---|`,
        // `---|---`) carry nothing; a single dash in a cell (`- |`) is a blank mark, a cell.
        let only = |allowed: fn(char) -> bool| {
            cells.iter().all(|c| {
                c.text
                    .glyphs
                    .iter()
                    .all(|g| g.ch.is_whitespace() || allowed(g.ch))
            })
        };
        let glyphs = trimmed_glyphs(line);
        let ruler = only(|c| matches!(c, '-' | ':' | '|'))
            && (glyphs.first().is_some_and(|g| g.ch == '|')
                || glyphs.windows(2).any(|w| w.iter().all(|g| g.ch == '-')));
        let carries_nothing = ruler || only(|c| c == '|');
        if carries_nothing {
            return None;
        }
        return Some(Unit {
            cells,
            positional: true,
            padded_at_end: false,
        });
    }
    Some(split_on_wide_spaces(line))
}

fn split_unit(line: &PosText, is_separator: impl Fn(&Glyph) -> bool, positional: bool) -> Unit {
    let mut cells = Vec::new();
    let mut current = PosText::default();
    for g in &line.glyphs {
        if is_separator(g) {
            cells.push(Cell::new(std::mem::take(&mut current).trimmed()));
        } else {
            current.glyphs.push(*g);
        }
    }
    cells.push(Cell::new(current.trimmed()));
    Unit {
        cells,
        positional,
        padded_at_end: false,
    }
}

/// Cells of space-aligned text: runs separated by two or more spaces.
fn split_on_wide_spaces(line: &PosText) -> Unit {
    let mut cells = Vec::new();
    let mut current = PosText::default();
    let mut spaces = 0usize;
    for g in &line.glyphs {
        if g.ch.is_whitespace() {
            spaces += 1;
            continue;
        }
        if spaces >= 2 && !current.glyphs.is_empty() {
            cells.push(Cell::new(std::mem::take(&mut current)));
        } else if spaces == 1 && !current.glyphs.is_empty() {
            current.glyphs.push(Glyph { ch: ' ', ..*g });
        }
        spaces = 0;
        current.glyphs.push(*g);
    }
    if !current.glyphs.is_empty() {
        cells.push(Cell::new(current));
    }
    Unit {
        cells,
        positional: false,
        padded_at_end: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn units(text: &str) -> Vec<Vec<String>> {
        let lines = text_lines(text);
        let refs: Vec<&PosText> = lines.iter().collect();
        units_from_lines(&refs)
            .iter()
            .map(|u| u.cells.iter().map(|c| c.text.normalized()).collect())
            .collect()
    }

    #[test]
    fn docx_export_groups_rows() {
        let got = units("\t规章\n\t0\n\t\n\n\t本年新\n制作数量\n\t1\n");
        assert_eq!(
            got,
            vec![vec!["规章", "0", ""], vec!["本年新制作数量", "1"]]
        );
    }

    #[test]
    fn figures_stacked_under_headers_run_together_take_their_columns() {
        let table = "|信息内容|本年制发件数本年废止件数|现行有效件数|\n|---|---|---|\n\
                     |规章|0<br>7|11|\n|行政规范性|文件6<br>3|18|\n|规章|1<br/>2<br>3|4|\n";
        assert_eq!(
            units(table),
            vec![
                vec!["信息内容", "本年制发件数本年废止件数", "现行有效件数"],
                vec!["规章", "0", "7", "11"],
                // A label's text in the cell, or more figures than the heading names columns:
                // left as printed.
                vec!["行政规范性", "文件6\n3", "18"],
                vec!["规章", "1\n2\n3", "4"],
            ]
        );
        // Under headers printed apart, a stacked cell is not split.
        let apart = "|信息内容|本年制发件数|本年废止件数|\n|---|---|---|\n|规章|0<br>7|11|\n";
        assert_eq!(
            units(apart).get(1),
            Some(&vec!["规章".to_owned(), "0\n7".to_owned(), "11".to_owned()])
        );
    }

    #[test]
    fn markdown_and_pipes() {
        let got = units("| 规章 | 0 | | 1 |\n|---|---|---|---|\n|||\n298 |\n");
        assert_eq!(got, vec![vec!["规章", "0", "", "1"], vec!["298"]]);
    }

    #[test]
    fn markdown_column_empty_in_header_and_rows_is_dropped() {
        let table = "| 信息内容 | 本年制发件数 |  | 本年废止件数 | 现行有效件数 |  |\n\
                     | --- | --- | --- | --- | --- | --- |\n\
                     | 规章 | 0 |  | 0 | 0 |  |\n\
                     | 行政规范性文件 | 6 |  | 3 | 18 |  |\n";
        let got = units(table);
        assert_eq!(got[1], vec!["规章", "0", "0", "0"]);
        assert_eq!(got[2], vec!["行政规范性文件", "6", "3", "18"]);
        // The table's rows after a line that cut it lose the same column.
        let cut = units(&format!(
            "{table}22（其中修订 1 件）\n| 行政许可 | 5 |  |  |  |  |\n"
        ));
        assert_eq!(cut[4], vec!["行政许可", "5", "", ""]);
        let cut = units(&format!(
            "{table}22（其中修订 1 件）\n| 规章 | 0 |  |  | 4 |  |\n"
        ));
        assert_eq!(cut[4], vec!["规章", "0", "", "4"]);
        // A row with text in the dropped column is another table's: kept whole.
        let other = units(&format!("{table}注\n| 规章 | 0 | 1 |  | 4 |  |\n"));
        assert_eq!(other[4], vec!["规章", "0", "1", "", "4", ""]);
        // A header naming the column keeps it, blank in every row or not.
        let named =
            units("| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|---|---|\n| 规章 |  | 1 |\n");
        assert_eq!(named[1], vec!["规章", "", "1"]);
    }

    /// The cells of each unit, a cell that continues another shown as `>`.
    fn spans(text: &str) -> Vec<Vec<String>> {
        let lines = text_lines(text);
        let refs: Vec<&PosText> = lines.iter().collect();
        units_from_lines(&refs)
            .iter()
            .map(|u| {
                u.cells
                    .iter()
                    .map(|c| match c.continues {
                        Some(_) => ">".to_owned(),
                        None => c.text.normalized(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_value_repeated_over_its_repeated_column_label_is_one_cell() {
        let head = "| 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 | 第二十条第（五）项 |\n\
                    |---|---|---|---|\n\
                    | 信息内容 | 本年处理决定数量 | 本年处理决定数量 | 本年处理决定数量 |\n";
        let got = spans(&format!("{head}| 行政许可 | 9893 | 9893 | 9893 |\n"));
        assert_eq!(got[2], vec!["行政许可", "9893", ">", ">"]);
        // Across a page footer and a line that cut the table, under the same header.
        let got = spans(&format!(
            "{head}| 行政许可 | 1 | 1 | 1 |\n- 3 -\n注\n| 行政处罚 | 2 | 2 | 2 |\n"
        ));
        assert_eq!(got[4], vec!["行政处罚", "2", ">", ">"]);
        // Values that differ, or a run shorter than the label's: as printed.
        for row in [
            "| 行政许可 | 9893 | 9893 | 9890 |",
            "| 行政许可 | 9893 | 9893 |  |",
        ] {
            let got = spans(&format!("{head}{row}\n"));
            assert!(!got[2].iter().any(|c| c == ">"), "{row}");
        }
    }

    #[test]
    fn equal_values_under_other_headers_stay_cells() {
        // Distinct column labels.
        let got = spans(
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 3 | 3 | 3 |\n",
        );
        assert_eq!(got[1], vec!["规章", "3", "3", "3"]);
        // A group heading spans several columns, never one value; a run of the value longer
        // than the label's is no span of it.
        let got = spans(
            "| 申请人情况 | 自然人 | 法人或其他组织 | 法人或其他组织 | 总计 |\n|---|---|---|---|---|\n\
             | 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 1 |\n\
             | 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 |\n",
        );
        assert_eq!(got[1][2..4], ["0", "0"]);
        assert_eq!(got[2][2..4], ["0", "0"]);
        // A label that names no column of the template, or no heading above at all.
        let got = spans("| 信息内容 | 数量 | 数量 |\n|---|---|---|\n| 规章 | 3 | 3 |\n");
        assert_eq!(got[1], vec!["规章", "3", "3"]);
        let got = spans("| 规章 | 3 | 3 |\n|---|---|---|\n| 规章 | 3 | 3 |\n");
        assert_eq!(got[1], vec!["规章", "3", "3"]);
        // A heading with empty cells after the repeating one: the rows stand under it.
        let got = spans(
            "| 信息内容 | 本年处理决定数量 | 本年处理决定数量 |\n|---|---|---|\n\
             | 行政许可 | 3 | 3 |\n| 信息内容 | 本年收费金额 |  |\n| 行政事业性收费 | 3 | 3 |\n",
        );
        assert_eq!(got[1], vec!["行政许可", "3", ">"]);
        assert_eq!(got[3], vec!["行政事业性收费", "3", "3"]);
    }

    #[test]
    fn space_aligned_and_page_numbers() {
        let got = units("规章            1          0        11\n      -3-\n");
        assert_eq!(got, vec![vec!["规章", "1", "0", "11"]]);
        let raw = units("规章 0 1 2");
        assert_eq!(raw, vec![vec!["规章 0 1 2"]]);
        // A footer a Markdown converter cut into table cells; a row of one number between
        // blank marks in cells of their own is a row.
        let cut = units("| 规章 | 0 | 1 |\n|     |     | - 3 | -   |\n| - | 3 | - |\n");
        assert_eq!(cut, vec![vec!["规章", "0", "1"], vec!["-", "3", "-"]]);
    }
}

//! HTML pages: text outside tables becomes lines, each real table becomes a grid of rows with
//! rowspan/colspan merged cells resolved. Tables used for page layout (holding other tables) are
//! read as text. Positions are line and column in the decoded HTML.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::document::{Block, CELL_BREAK, Cell, Unit, cell_lines, holds_prose};
use crate::normalize::{PosCursor, PosText};

/// Largest rowspan/colspan honoured; larger values are treated as this (they only pad).
const MAX_SPAN: usize = 64;

/// A cell being read.
#[derive(Debug, Default)]
struct HtmlCell {
    text: PosText,
    rowspan: usize,
    colspan: usize,
}

#[derive(Debug, Default)]
struct TableBuilder {
    rows: Vec<Vec<HtmlCell>>,
    row_open: bool,
    cell: Option<HtmlCell>,
    /// Holds another table: a layout table whose cells are read as lines.
    layout: bool,
}

impl TableBuilder {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            if !self.row_open {
                self.rows.push(Vec::new());
                self.row_open = true;
            }
            if let Some(row) = self.rows.last_mut() {
                row.push(cell);
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }
}

struct Builder<'a> {
    source: &'a str,
    cursor: PosCursor<'a>,
    blocks: Vec<Block>,
    line: PosText,
    tables: Vec<TableBuilder>,
    skip_depth: usize,
}

impl Builder<'_> {
    fn flush_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if !line.is_blank() {
            self.blocks.push(Block::Line(line));
        }
    }

    /// The open cell of the innermost data table, if text goes there.
    fn open_cell(&mut self) -> Option<&mut PosText> {
        let table = self.tables.last_mut()?;
        if table.layout {
            return None;
        }
        table.cell.as_mut().map(|c| &mut c.text)
    }

    fn line_break(&mut self) {
        if let Some(cell) = self.open_cell() {
            if let Some(last) = cell.glyphs.last().copied() {
                cell.glyphs.push(crate::normalize::Glyph {
                    ch: CELL_BREAK,
                    ..last
                });
            }
        } else {
            self.flush_line();
        }
    }

    fn text(&mut self, decoded: &str, start: usize, end: usize) {
        if self.skip_depth > 0 {
            return;
        }
        let raw = self.source.get(start..end).unwrap_or_default();
        let mut positioned = PosText::default();
        let mut raw_chars = raw.char_indices().peekable();
        for c in decoded.chars() {
            let (offset, rc) = raw_chars.next().unwrap_or((raw.len(), ' '));
            let pos = self.cursor.at(start + offset);
            if rc == '&' {
                // An entity: the decoded character stands for `&…;`.
                let mut taken = 0;
                while let Some((_, n)) = raw_chars.peek().copied() {
                    if taken > 32 || !(n.is_ascii_alphanumeric() || n == '#' || n == ';') {
                        break;
                    }
                    raw_chars.next();
                    taken += 1;
                    if n == ';' {
                        break;
                    }
                }
            } else if rc == '\r' && raw_chars.peek().is_some_and(|(_, n)| *n == '\n') {
                raw_chars.next();
            }
            positioned.push_raw(if c == '\n' { ' ' } else { c }, pos);
        }
        let in_table = !self.tables.is_empty();
        if let Some(cell) = self.open_cell() {
            cell.glyphs.extend(positioned.glyphs);
        } else if !in_table || !positioned.is_blank() {
            self.line.glyphs.extend(positioned.glyphs);
        }
    }

    fn start_table(&mut self) {
        let nested = self
            .tables
            .last()
            .is_some_and(|t| t.cell.is_some() && !t.layout);
        if nested {
            // The outer table holds tables: it is layout, its text so far becomes lines.
            if let Some(outer) = self.tables.last_mut() {
                outer.layout = true;
                outer.close_row();
                let rows = std::mem::take(&mut outer.rows);
                for cell in rows.into_iter().flatten() {
                    self.blocks.extend(cell_lines(cell.text).map(Block::Line));
                }
            }
        }
        self.flush_line();
        self.tables.push(TableBuilder::default());
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.tables.pop() else {
            return;
        };
        table.close_row();
        if table.layout || holds_prose(table.rows.iter().flatten().map(|c| &c.text)) {
            self.flush_line();
            for cell in table.rows.into_iter().flatten() {
                self.blocks.extend(cell_lines(cell.text).map(Block::Line));
            }
            return;
        }
        self.flush_line();
        let units = grid(table.rows);
        if !units.is_empty() {
            self.blocks.push(Block::Table(units));
        }
    }

    fn start_cell(&mut self, rowspan: usize, colspan: usize) {
        let Some(table) = self.tables.last_mut() else {
            return;
        };
        if table.layout {
            self.flush_line();
            return;
        }
        table.close_cell();
        if !table.row_open {
            table.rows.push(Vec::new());
            table.row_open = true;
        }
        table.cell = Some(HtmlCell {
            text: PosText::default(),
            rowspan,
            colspan,
        });
    }
}

fn span_attr(tag: &html5gum::StartTag<usize>, name: &[u8]) -> usize {
    tag.attributes
        .iter()
        .find(|(k, _)| k.0.as_slice() == name)
        .and_then(|(_, v)| {
            let text = String::from_utf8_lossy(&v.value.0);
            let digits: String = text
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        })
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

fn is_block_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"p"
            | b"div"
            | b"li"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"title"
            | b"section"
            | b"article"
            | b"blockquote"
            | b"pre"
            | b"dt"
            | b"dd"
            | b"ul"
            | b"ol"
            | b"caption"
            | b"center"
            | b"hr"
    )
}

fn is_skipped_tag(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"noscript" | b"template")
}

/// Reads an HTML page into blocks.
pub(crate) fn blocks(source: &str) -> Vec<Block> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut b = Builder {
        source,
        cursor: PosCursor::new(source),
        blocks: Vec::new(),
        line: PosText::default(),
        tables: Vec::new(),
        skip_depth: 0,
    };
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.0.as_slice();
                if is_skipped_tag(name) {
                    if !tag.self_closing {
                        b.skip_depth += 1;
                    }
                } else if name == b"table" {
                    b.start_table();
                } else if name == b"tr" {
                    if let Some(t) = b.tables.last_mut() {
                        t.close_row();
                    }
                } else if name == b"td" || name == b"th" {
                    b.start_cell(span_attr(&tag, b"rowspan"), span_attr(&tag, b"colspan"));
                } else if is_block_tag(name) {
                    b.line_break();
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.0.as_slice();
                if is_skipped_tag(name) {
                    b.skip_depth = b.skip_depth.saturating_sub(1);
                } else if name == b"table" {
                    b.end_table();
                } else if name == b"tr" {
                    if let Some(t) = b.tables.last_mut() {
                        t.close_row();
                    }
                } else if name == b"td" || name == b"th" {
                    if let Some(t) = b.tables.last_mut() {
                        if t.layout {
                            b.flush_line();
                        } else {
                            t.close_cell();
                        }
                    }
                } else if is_block_tag(name) {
                    b.line_break();
                }
            }
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value.0);
                b.text(&decoded, text.span.start, text.span.end);
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    while !b.tables.is_empty() {
        b.end_table();
    }
    b.flush_line();
    b.blocks
}

/// Lays cells out on a grid: a cell covered by a rowspan from above becomes a blank cell (so
/// columns keep their places) and the columns a colspan covers continue the spanning cell.
fn grid(rows: Vec<Vec<HtmlCell>>) -> Vec<Unit> {
    let mut covered: Vec<usize> = Vec::new();
    let mut units = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<Cell> = Vec::new();
        let mut col = 0usize;
        let mut row_cells = row.into_iter();
        loop {
            while covered.get(col).is_some_and(|n| *n > 0) {
                if let Some(n) = covered.get_mut(col) {
                    *n -= 1;
                }
                cells.push(Cell::default());
                col += 1;
            }
            let Some(cell) = row_cells.next() else {
                break;
            };
            let origin = cells.len();
            cells.push(Cell::new(cell.text));
            for _ in 1..cell.colspan {
                cells.push(Cell {
                    text: PosText::default(),
                    continues: Some(origin),
                });
            }
            for k in col..col + cell.colspan {
                if covered.len() <= k {
                    covered.resize(k + 1, 0);
                }
                if let Some(n) = covered.get_mut(k) {
                    *n = cell.rowspan - 1;
                }
            }
            col += cell.colspan;
        }
        // Columns at the end of the row still covered from above.
        let last_covered = covered.iter().rposition(|n| *n > 0);
        if let Some(last) = last_covered {
            while col <= last {
                if let Some(n) = covered.get_mut(col).filter(|n| **n > 0) {
                    *n -= 1;
                }
                cells.push(Cell::default());
                col += 1;
            }
        }
        units.push(Unit {
            cells,
            positional: true,
            padded_at_end: false,
        });
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    fn first_pos_of(blocks: &[Block], needle: &str) -> Option<SourcePos> {
        blocks.iter().find_map(|b| match b {
            Block::Line(l) if l.normalized().contains(needle) => l.first_pos(),
            _ => None,
        })
    }

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(units) => Some(units),
                Block::Line(_) => None,
            })
            .flatten()
            .map(|u| u.cells.iter().map(|c| c.text.normalized()).collect())
            .collect()
    }

    #[test]
    fn rowspan_and_colspan() {
        let html = "<p>二、主动公开</p><table><tr><td rowspan=2>三、结果</td><td colspan=2>(一)予以公开</td><td>1</td></tr>\
                    <tr><td>a</td><td>b</td><td>&nbsp;2</td></tr></table>";
        let blocks = blocks(html);
        assert_eq!(
            rows(&blocks),
            vec![
                vec!["三、结果", "(一)予以公开", "", "1"],
                vec!["", "a", "b", " 2"]
            ]
        );
        assert_eq!(
            first_pos_of(&blocks, "二、"),
            Some(SourcePos { line: 1, column: 4 })
        );
    }

    #[test]
    fn layout_tables_become_lines() {
        let html =
            "<table><tr><td>标题<table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>";
        let blocks = blocks(html);
        assert_eq!(rows(&blocks), vec![vec!["规章", "0"]]);
        assert!(first_pos_of(&blocks, "标题").is_some());
    }
}

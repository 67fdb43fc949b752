//! DOCX: paragraphs and tables of `word/document.xml`, with merged cells (`w:gridSpan`,
//! `w:vMerge`) resolved. Positions are line and column in `word/document.xml`.

use std::io::Read;

use quick_xml::events::Event;

use crate::ExtractError;
use crate::document::{Block, CELL_BREAK, Cell, Unit, cell_lines, holds_prose};
use crate::normalize::{Glyph, PosCursor, PosText, push_positioned};

/// Largest `word/document.xml` read; a larger one is refused rather than inflated (zip bombs).
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;
/// Largest `w:gridSpan` honoured.
const MAX_SPAN: usize = 64;

/// Reads `word/document.xml` out of the archive.
pub(crate) fn document_xml(bytes: &[u8]) -> Result<String, ExtractError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ExtractError::UnreadableDocx(e.to_string()))?;
    let mut file = archive
        .by_name("word/document.xml")
        .map_err(|e| ExtractError::UnreadableDocx(format!("word/document.xml: {e}")))?;
    if file.size() > MAX_DOCUMENT_XML {
        return Err(ExtractError::InputTooLarge {
            limit: MAX_DOCUMENT_XML,
        });
    }
    let mut xml = Vec::new();
    (&mut file)
        .take(MAX_DOCUMENT_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::UnreadableDocx(format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(ExtractError::InputTooLarge {
            limit: MAX_DOCUMENT_XML,
        });
    }
    Ok(String::from_utf8(xml)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

#[derive(Debug, Default)]
struct DocxCell {
    text: PosText,
    colspan: usize,
    /// `w:vMerge` without `restart`: the cell continues the one above.
    continues_above: bool,
}

#[derive(Debug, Default)]
struct DocxTable {
    rows: Vec<Vec<DocxCell>>,
    cell: Option<DocxCell>,
    /// Holds another table: a layout table whose text is read as lines.
    layout: bool,
}

struct Reader<'a> {
    cursor: PosCursor<'a>,
    blocks: Vec<Block>,
    line: PosText,
    tables: Vec<DocxTable>,
    in_text: bool,
    skip_depth: usize,
}

impl Reader<'_> {
    fn target(&mut self) -> &mut PosText {
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => &mut cell.text,
            None => &mut self.line,
        }
    }

    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.cell.is_some())
    }

    fn break_line(&mut self) {
        if self.in_cell() {
            let target = self.target();
            if let Some(last) = target.glyphs.last().copied() {
                target.glyphs.push(Glyph {
                    ch: CELL_BREAK,
                    ..last
                });
            }
        } else {
            let line = std::mem::take(&mut self.line);
            if !line.is_blank() {
                self.blocks.push(Block::Line(line));
            }
        }
    }

    fn push_text(&mut self, text: &str, start: usize) {
        let pos = self.cursor.at(start);
        push_positioned(self.target(), text, pos);
    }
}

/// Reads the paragraphs and tables of `word/document.xml` into blocks.
pub(crate) fn blocks(xml: &str) -> Vec<Block> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut r = Reader {
        cursor: PosCursor::new(xml),
        blocks: Vec::new(),
        line: PosText::default(),
        tables: Vec::new(),
        in_text: false,
        skip_depth: 0,
    };
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if name == "mc:Fallback" || r.skip_depth > 0 {
                    r.skip_depth += usize::from(name == "mc:Fallback");
                    continue;
                }
                match name {
                    "w:t" => r.in_text = true,
                    "w:tbl" => {
                        r.break_line();
                        let mut earlier = Vec::new();
                        if let Some(outer) = r.tables.last_mut()
                            && outer.cell.is_some()
                            && !outer.layout
                        {
                            // A table inside a cell: the outer one lays out the page.
                            outer.layout = true;
                            earlier.extend(std::mem::take(&mut outer.rows).into_iter().flatten());
                            earlier.extend(outer.cell.take());
                        }
                        for cell in earlier {
                            r.blocks.extend(cell_lines(cell.text).map(Block::Line));
                        }
                        r.tables.push(DocxTable::default());
                    }
                    "w:tr" => {
                        if let Some(t) = r.tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "w:tc" => match r.tables.last_mut() {
                        Some(t) if t.layout => r.break_line(),
                        Some(t) => {
                            t.cell = Some(DocxCell {
                                colspan: 1,
                                ..DocxCell::default()
                            });
                        }
                        None => {}
                    },
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if r.skip_depth > 0 {
                    continue;
                }
                let name = e.name();
                match name.as_ref() {
                    "w:tab" => {
                        let start = end.saturating_sub(e.len() + 3);
                        let ch = if r.in_cell() { " " } else { "\t" };
                        r.push_text(ch, start);
                    }
                    "w:br" | "w:cr" => r.break_line(),
                    "w:gridSpan" => {
                        let span = attr(&e, "w:val")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_SPAN);
                        if let Some(cell) = r.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            cell.colspan = span;
                        }
                    }
                    "w:vMerge" => {
                        let restart = attr(&e, "w:val").is_some_and(|v| v == "restart");
                        if let Some(cell) = r.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            cell.continues_above = !restart;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if r.skip_depth > 0 {
                    r.skip_depth -= usize::from(name == "mc:Fallback");
                    continue;
                }
                match name {
                    "w:t" => r.in_text = false,
                    "w:p" => r.break_line(),
                    "w:tc" => {
                        if r.tables.last().is_some_and(|t| t.layout) {
                            r.break_line();
                        } else if let Some(t) = r.tables.last_mut()
                            && let Some(cell) = t.cell.take()
                        {
                            if let Some(row) = t.rows.last_mut() {
                                row.push(cell);
                            } else {
                                t.rows.push(vec![cell]);
                            }
                        }
                    }
                    "w:tbl" => {
                        let Some(table) = r.tables.pop() else {
                            continue;
                        };
                        if table.layout {
                            r.break_line();
                        } else if holds_prose(table.rows.iter().flatten().map(|c| &c.text)) {
                            for cell in table.rows.into_iter().flatten() {
                                r.blocks.extend(cell_lines(cell.text).map(Block::Line));
                            }
                        } else {
                            let units = grid(table.rows);
                            if !units.is_empty() {
                                r.blocks.push(Block::Table(units));
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if r.in_text && r.skip_depth == 0 => {
                let content = t.xml10_content();
                let start = end.saturating_sub(t.len());
                r.push_text(&content, start);
            }
            Event::GeneralRef(g) if r.in_text && r.skip_depth == 0 => {
                let start = end.saturating_sub(g.len() + 2);
                let resolved = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*g {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = resolved {
                    r.push_text(c.encode_utf8(&mut [0; 4]), start);
                }
            }
            _ => {}
        }
    }
    r.break_line();
    r.blocks
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// Lays the rows out: a `w:gridSpan` cell's extra columns continue it; a `w:vMerge` continuation
/// is a blank cell in its column.
fn grid(rows: Vec<Vec<DocxCell>>) -> Vec<Unit> {
    rows.into_iter()
        .map(|row| {
            let mut cells = Vec::new();
            for cell in row {
                let origin = cells.len();
                let text = if cell.continues_above {
                    PosText::default()
                } else {
                    cell.text
                };
                cells.push(Cell::new(text));
                for _ in 1..cell.colspan {
                    cells.push(Cell {
                        text: PosText::default(),
                        continues: Some(origin),
                    });
                }
            }
            Unit {
                cells,
                positional: true,
                padded_at_end: false,
            }
        })
        .collect()
}

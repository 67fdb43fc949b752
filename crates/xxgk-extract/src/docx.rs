//! DOCX: paragraphs and tables of `word/document.xml`, with merged cells (`w:gridSpan`,
//! `w:vMerge`) resolved. Positions are line and column in `word/document.xml`. What Word does
//! not show is not read: hidden runs (`w:vanish`), text a tracked change deleted or moved away
//! (`w:del`, `w:moveFrom`) and a text box's fallback copy (`mc:Fallback`).

use std::io::Read;

use quick_xml::events::Event;

use crate::ExtractError;
use crate::document::{
    Block, CELL_BREAK, Cell, Unit, cell_lines, drop_continued_columns, holds_prose,
};
use crate::normalize::{Glyph, PosCursor, PosText, push_positioned};

/// Largest `w:gridSpan` honoured.
const MAX_SPAN: usize = 64;

/// Reads `word/document.xml` out of the archive, decompressed through a bounded reader: what is
/// limited is the text read ([`crate::MAX_DOCX_XML_BYTES`]), not the archive, whose photos are
/// never inflated.
pub(crate) fn document_xml(bytes: &[u8]) -> Result<String, ExtractError> {
    document_xml_within(bytes, crate::MAX_DOCX_XML_BYTES as u64)
}

fn document_xml_within(bytes: &[u8], limit: u64) -> Result<String, ExtractError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ExtractError::UnreadableDocx(e.to_string()))?;
    let file = archive
        .by_name("word/document.xml")
        .map_err(|e| ExtractError::UnreadableDocx(format!("word/document.xml: {e}")))?;
    let too_large = ExtractError::DocxTextTooLarge { limit };
    // The declared size may lie (a zip bomb); the bounded read below decides.
    if file.size() > limit {
        return Err(too_large);
    }
    let mut xml = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ExtractError::UnreadableDocx(format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > limit {
        return Err(too_large);
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
    /// Depth inside content Word does not show: `mc:Fallback` (a copy of the choice shown),
    /// `w:moveFrom` and `w:del` (text a tracked change moved or deleted).
    skip_depth: usize,
    /// Inside a run (`w:r`), whose properties may hide it.
    in_run: bool,
    /// The run being read is hidden (`w:vanish` in its properties).
    run_hidden: bool,
    /// Depth inside `w:rPrChange`: a run's properties before a tracked change, not its own.
    former_properties: usize,
}

/// Elements whose content a reader of the document does not see.
fn is_unseen(name: &str) -> bool {
    matches!(name, "mc:Fallback" | "w:moveFrom" | "w:del")
}

/// Whether a `w:vanish` (or other on/off property) element is on: no value, or one that is
/// not `0`, `false` or `off`.
fn is_on(e: &quick_xml::events::BytesStart<'_>) -> bool {
    attr(e, "w:val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
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
        in_run: false,
        run_hidden: false,
        former_properties: 0,
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
                if is_unseen(name) || r.skip_depth > 0 {
                    r.skip_depth += usize::from(is_unseen(name));
                    continue;
                }
                match name {
                    "w:t" => r.in_text = true,
                    "w:r" => r.in_run = true,
                    "w:rPrChange" => r.former_properties += 1,
                    "w:vanish" if r.in_run && r.former_properties == 0 => {
                        r.run_hidden = is_on(&e);
                    }
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
                let name = e.name();
                let name = name.as_ref();
                if r.skip_depth > 0 || (r.run_hidden && name != "w:vanish") {
                    continue;
                }
                match name {
                    "w:vanish" if r.in_run && r.former_properties == 0 => {
                        r.run_hidden = is_on(&e);
                    }
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
                    r.skip_depth -= usize::from(is_unseen(name));
                    continue;
                }
                match name {
                    "w:t" => r.in_text = false,
                    "w:r" => {
                        r.in_run = false;
                        r.run_hidden = false;
                    }
                    "w:rPrChange" => r.former_properties = r.former_properties.saturating_sub(1),
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
            Event::Text(t) if r.in_text && r.skip_depth == 0 && !r.run_hidden => {
                let content = t.xml10_content();
                let start = end.saturating_sub(t.len());
                r.push_text(&content, start);
            }
            Event::GeneralRef(g) if r.in_text && r.skip_depth == 0 && !r.run_hidden => {
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
/// is a blank cell in its column. Columns only ever continued are then dropped
/// ([`drop_continued_columns`]).
fn grid(rows: Vec<Vec<DocxCell>>) -> Vec<Unit> {
    let mut units: Vec<Unit> = rows
        .into_iter()
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
        .collect();
    drop_continued_columns(&mut units);
    units
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A DOCX holding `document.xml` (deflated) and a `media/photo.jpg` of `photo_bytes` (stored).
    fn docx(document_xml: &[u8], photo_bytes: usize) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", deflated).unwrap();
        zip.write_all(document_xml).unwrap();
        if photo_bytes > 0 {
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
                .large_file(photo_bytes as u64 > u64::from(u32::MAX));
            zip.start_file("word/media/photo.jpg", stored).unwrap();
            zip.write_all(&vec![0xA5; photo_bytes]).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const SMALL: &[u8] = b"<w:document><w:body><w:p><w:r><w:t>\xe8\xa7\x84\xe7\xab\xa0</w:t></w:r></w:p></w:body></w:document>";

    #[test]
    fn a_large_photo_does_not_count_against_the_text() {
        let bytes = docx(SMALL, 40 * 1024 * 1024);
        assert!(bytes.len() > 40 * 1024 * 1024);
        let extraction = crate::extract(&bytes, Some("report.docx")).unwrap();
        assert_eq!(extraction.format, crate::InputFormat::Docx);
        assert_eq!(document_xml(&bytes).unwrap().as_bytes(), SMALL);
    }

    #[test]
    fn the_decompressed_text_is_what_is_limited() {
        // A small archive whose text inflates past the limit is refused by the bounded read.
        let mut xml = b"<w:document><w:body>".to_vec();
        while xml.len() < 4096 {
            xml.extend_from_slice(b"<w:p><w:r><w:t>0</w:t></w:r></w:p>");
        }
        let bytes = docx(&xml, 0);
        assert!(bytes.len() < 1024);
        assert_eq!(
            document_xml_within(&bytes, 2048),
            Err(ExtractError::DocxTextTooLarge { limit: 2048 })
        );
        assert!(document_xml_within(&bytes, 8192).is_ok());
        // At full scale: a 57 MB text in an archive of well under a megabyte.
        let paragraph = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>";
        let mut xml = b"<w:document><w:body>".to_vec();
        xml.extend(paragraph.repeat(57 * 1000 * 1000 / paragraph.len()));
        let bytes = docx(&xml, 0);
        assert!(bytes.len() < 1024 * 1024);
        assert_eq!(
            crate::extract(&bytes, None).unwrap_err(),
            ExtractError::DocxTextTooLarge {
                limit: crate::MAX_DOCX_XML_BYTES as u64
            }
        );
    }

    #[test]
    fn the_archive_itself_is_capped() {
        let too_large = vec![0u8; crate::MAX_DOCX_BYTES + 1];
        assert_eq!(
            crate::extract(&too_large, Some("report.docx")).unwrap_err(),
            ExtractError::InputTooLarge {
                limit: crate::MAX_DOCX_BYTES as u64
            }
        );
    }

    fn texts(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Line(l) => vec![l.normalized()],
                Block::Table(units) => units
                    .iter()
                    .flat_map(|u| {
                        u.cells
                            .iter()
                            .map(|c| c.text.normalized().trim_end().to_owned())
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn what_word_does_not_show_is_not_read() {
        // A hidden run (its `w:vanish` on, not one a tracked change turned off), text a
        // tracked change moved away or deleted, and a text box's fallback copy; a hidden
        // paragraph mark hides no run, and `w:vanish w:val="0"` shows its run.
        let xml = r#"<w:document><w:body>
<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>一、总体情况</w:t></w:r>
<w:r><w:rPr><w:vanish/></w:rPr><w:t>旧稿</w:t><w:tab/></w:r></w:p>
<w:tbl><w:tr>
<w:tc><w:tcPr><w:gridSpan w:val="1"/></w:tcPr><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:vanish w:val="true"/></w:rPr><w:t>7</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:moveFrom w:id="1"><w:r><w:t>9</w:t></w:r></w:moveFrom><w:r><w:t>0</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:del w:id="2"><w:r><w:t>5</w:t></w:r></w:del><w:r><w:rPr><w:vanish w:val="0"/>
<w:rPrChange w:id="3"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>11</w:t></w:r>
<w:moveTo w:id="4"><w:r><w:t>2</w:t></w:r></w:moveTo></w:p></w:tc>
</w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>二、主动公开</w:t></mc:Choice>
<mc:Fallback><w:t>二、主动公开</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            texts(&blocks(xml)),
            [
                vec!["一、总体情况"],
                vec!["规章", "1", "0", "112"],
                vec!["二、主动公开"]
            ]
        );
    }
}

//! The printers of the layouts: each prints a [`Document`] the way its producer does.

use std::fmt::Write as _;
use std::io::Write as _;

use xxgk_model::STANDARD_2021;

use crate::document::{Body, Document, Slot, Table};

/// The longest line of a cell in [`crate::Layout::SpaceAligned`]; longer labels wrap.
const WRAP_AT: usize = 20;

/// The 表三 row after which [`crate::Layout::SpaceAligned`] prints a page footer.
const FOOTER_AFTER: &str = "/applications/results/unable/not_held";

/// The label of the row [`FOOTER_AFTER`].
fn footer_after() -> &'static str {
    STANDARD_2021
        .tables
        .iter()
        .flat_map(|t| t.rows)
        .find(|r| r.pointer == FOOTER_AFTER)
        .map_or("", |r| r.label)
}
/// Prints the title, preamble and every section; `table` prints a grid.
fn print(doc: &Document, out: &mut String, blank_lines: bool, table: impl Fn(&Table, &mut String)) {
    let gap = if blank_lines { "\n" } else { "" };
    let _ = write!(out, "{}\n{gap}", doc.title);
    for p in &doc.preamble {
        let _ = write!(out, "{p}\n{gap}");
    }
    for (heading, body) in &doc.sections {
        let _ = write!(out, "{heading}\n{gap}");
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n{gap}");
                }
            }
            Body::Table(grid) => {
                table(grid, out);
                out.push_str(gap);
            }
        }
    }
}

pub(crate) fn one_cell_per_line(doc: &Document) -> String {
    let mut out = String::new();
    print(doc, &mut out, true, |grid, out| {
        for row in grid.word_rows() {
            for (cell, continued) in row {
                out.push('\t');
                if !continued {
                    out.push_str(&cell.text);
                }
                out.push('\n');
            }
            out.push('\n');
        }
    });
    out
}

pub(crate) fn pipe_cells(doc: &Document) -> String {
    let mut out = String::new();
    print(doc, &mut out, false, |grid, out| {
        for row in &grid.rows {
            for cell in row {
                let _ = writeln!(out, "{} |", cell.text);
            }
            let empty = grid.width.saturating_sub(row.len());
            if empty > 0 {
                let _ = writeln!(out, "{}", "|".repeat(empty));
            }
        }
    });
    out
}

pub(crate) fn tab_rows(doc: &Document) -> String {
    let mut out = String::new();
    print(doc, &mut out, true, |grid, out| {
        for row in grid.positional(true) {
            let _ = writeln!(out, "{}", row.join("\t").trim_end_matches('\t'));
        }
    });
    out
}

/// Display width: CJK and full-width characters take two columns.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Places texts at column offsets, with at least two spaces between neighbours.
fn place(cells: &[(usize, &str)]) -> String {
    let mut line = String::new();
    let mut at = 0;
    for (offset, text) in cells {
        if text.is_empty() {
            continue;
        }
        let pad = if at == 0 && *offset == 0 {
            0
        } else {
            offset.saturating_sub(at).max(2)
        };
        line.push_str(&" ".repeat(pad));
        line.push_str(text);
        at += pad + width(text);
    }
    line
}

pub(crate) fn space_aligned(doc: &Document) -> String {
    let mut out = String::new();
    let footer_after = footer_after();
    print(doc, &mut out, true, |grid, out| {
        let rows: Vec<Vec<Vec<&str>>> = grid
            .positional(true)
            .into_iter()
            .map(|row| row.into_iter().map(wrap).collect())
            .collect();
        // Column widths from unmerged cells only: a merged cell overflows into the next ones.
        let mut widths = vec![0; grid.width];
        for (r, row) in grid.slots().iter().enumerate() {
            for (c, slot) in row.iter().enumerate() {
                if let Slot::Anchor(ar, k) = *slot
                    && grid.rows[ar][k].colspan == 1
                {
                    widths[c] = rows[r][c]
                        .iter()
                        .map(|t| width(t))
                        .fold(widths[c], usize::max);
                }
            }
        }
        let offsets: Vec<usize> = widths
            .iter()
            .scan(0, |at, w| {
                let start = *at;
                *at += w + 3;
                Some(start)
            })
            .collect();
        for row in &rows {
            // A wrapped label: two pieces around a line of the other cells, or the other cells
            // on the middle one of three or more pieces.
            let pieces = row.iter().map(Vec::len).max().unwrap_or(1);
            let (lines, middle) = match pieces {
                1 => (1, 0),
                2 => (3, 1),
                n => (n, (n - 1) / 2),
            };
            for line in 0..lines {
                let cells: Vec<(usize, &str)> = offsets
                    .iter()
                    .zip(row)
                    .map(|(offset, texts)| {
                        let text = match (texts.len(), pieces) {
                            (1, _) if line == middle => texts[0],
                            (2, 2) if line != middle => texts[line / 2],
                            (n, _) if n > 2 => texts.get(line).copied().unwrap_or_default(),
                            _ => "",
                        };
                        (*offset, text)
                    })
                    .collect();
                let _ = writeln!(out, "{}", place(&cells));
            }
            out.push('\n');
            if row.iter().any(|texts| texts.contains(&footer_after)) {
                let _ = writeln!(out, "\n{}-3-\n\n", " ".repeat(40));
            }
        }
    });
    out
}

/// A cell's text in the pieces a PDF table shows it in: lines of at most [`WRAP_AT`] characters.
fn wrap(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.chars().count() > WRAP_AT {
        let cut = rest
            .char_indices()
            .nth(WRAP_AT)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece);
        rest = tail;
    }
    pieces.push(rest);
    pieces
}

pub(crate) fn markdown(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(out, "# {}\n\n", doc.title);
    for p in &doc.preamble {
        let _ = write!(out, "{p}\n\n");
    }
    for (heading, body) in &doc.sections {
        let _ = write!(out, "## {heading}\n\n");
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = write!(out, "{p}\n\n");
                }
            }
            Body::Table(grid) => {
                for (r, row) in grid.positional(false).iter().enumerate() {
                    let _ = writeln!(out, "| {} |", row.join(" | "));
                    if r == 0 {
                        let _ = writeln!(out, "|{}", "---|".repeat(grid.width));
                    }
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Escapes text for HTML and XML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn html(doc: &Document) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    let title = escape(&doc.title);
    let _ = write!(
        out,
        "<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    for p in &doc.preamble {
        let _ = writeln!(out, "<p>{}</p>", escape(p));
    }
    for (heading, body) in &doc.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(heading));
        match body {
            Body::Prose(paras) => {
                for p in paras {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
            }
            Body::Table(grid) => {
                out.push_str("<table border=\"1\" cellspacing=\"0\">\n<tbody>\n");
                for row in &grid.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str("<td");
                        if cell.rowspan > 1 {
                            let _ = write!(out, " rowspan=\"{}\"", cell.rowspan);
                        }
                        if cell.colspan > 1 {
                            let _ = write!(out, " colspan=\"{}\"", cell.colspan);
                        }
                        let _ = write!(out, ">{}</td>", escape(&cell.text));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn docx_paragraph(out: &mut String, text: &str) {
    if text.is_empty() {
        out.push_str("<w:p/>");
    } else {
        let _ = write!(
            out,
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            escape(text)
        );
    }
}

fn docx_document(doc: &Document) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    docx_paragraph(&mut out, &doc.title);
    for p in &doc.preamble {
        docx_paragraph(&mut out, p);
    }
    for (heading, body) in &doc.sections {
        docx_paragraph(&mut out, heading);
        match body {
            Body::Prose(paras) => paras.iter().for_each(|p| docx_paragraph(&mut out, p)),
            Body::Table(grid) => {
                out.push_str(
                    "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>",
                );
                // Column widths in twips, as Word writes them (a table of A4's text width, 16 cm):
                // readers such as pandoc drop a table whose grid has none.
                let column = 9072 / grid.width.max(1);
                for _ in 0..grid.width {
                    let _ = write!(out, "<w:gridCol w:w=\"{column}\"/>");
                }
                out.push_str("</w:tblGrid>");
                for row in grid.word_rows() {
                    out.push_str("<w:tr>");
                    for (cell, continued) in row {
                        out.push_str("<w:tc><w:tcPr>");
                        if cell.colspan > 1 {
                            let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", cell.colspan);
                        }
                        if continued {
                            out.push_str("<w:vMerge/>");
                        } else if cell.rowspan > 1 {
                            out.push_str("<w:vMerge w:val=\"restart\"/>");
                        }
                        out.push_str("</w:tcPr>");
                        docx_paragraph(&mut out, if continued { "" } else { &cell.text });
                        out.push_str("</w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                out.push_str("</w:tbl>");
            }
        }
    }
    out.push_str("<w:sectPr/></w:body></w:document>\n");
    out
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>\n";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" \
Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
Target=\"word/document.xml\"/></Relationships>\n";

/// The bytes of a minimal valid DOCX: content types, package relationships, the document.
pub(crate) fn docx(doc: &Document) -> Vec<u8> {
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        ("word/document.xml", docx_document(doc)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let written: zip::result::ZipResult<()> = parts.iter().try_for_each(|(name, text)| {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
        Ok(())
    });
    // Writing into memory cannot fail; an empty result would be refused by the reader.
    match written.and_then(|()| zip.finish()) {
        Ok(cursor) => cursor.into_inner(),
        Err(_) => Vec::new(),
    }
}

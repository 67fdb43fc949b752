//! HTML pages: text outside tables becomes lines, each real table becomes a grid of rows with
//! rowspan/colspan merged cells resolved. Tables used for page layout (holding other tables) are
//! read as text. Positions are line and column in the decoded HTML. What a browser does not
//! show is not read: an element hidden by its own markup (the `hidden` attribute, an inline
//! `display:none` or `visibility:hidden`, as Word writes hidden text), whose digits beside a cell's
//! number, or stale copy of a table, would otherwise be read as the report's; `<html>` and
//! `<body>` so hidden are a page a script shows, and are read.
//!
//! Also text holding HTML table fragments (Markdown from MinerU and similar PDF converters, whose
//! tables are `<table>…</table>`, sometimes wrapped in `<html><body>`): its lines are read as
//! text lines, each fragment as a table of an HTML page, positions in the whole text.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::document::{
    Block, CELL_BREAK, Cell, Unit, cell_lines, drop_continued_columns, holds_prose,
};
use crate::normalize::{PosCursor, PosText, SourcePos, text_lines_from};

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
    /// An element hidden from the reader (`display:none`, `hidden`) being skipped.
    hidden: Option<Hidden>,
}

/// An element a browser does not show, skipped through its end: its name, how deep elements of
/// its name are nested in it, and how many tables are open inside it (a cell or row of a table
/// inside it does not close it).
struct Hidden {
    name: Vec<u8>,
    depth: usize,
    tables: usize,
}

impl Hidden {
    fn new(name: &[u8]) -> Self {
        Self {
            name: name.to_vec(),
            depth: 1,
            tables: 0,
        }
    }

    /// Whether `token` ends the hidden element: its own end tag, or for an element whose end
    /// tag HTML lets a page leave out (a cell, a row, a paragraph, an item), a tag that closes
    /// it implicitly, which is then read as usual.
    fn ends_at(&mut self, token: &Token<usize>) -> bool {
        let name = self.name.as_slice();
        let counts_tables = name != b"table";
        match token {
            Token::StartTag(tag) => {
                let other = tag.name.0.as_slice();
                if self.tables == 0 && implied_end(name, other, true) {
                    return true;
                }
                if other == name && self.tables == 0 {
                    self.depth += 1;
                }
                if other == b"table" && counts_tables {
                    self.tables += 1;
                }
                false
            }
            Token::EndTag(tag) => {
                let other = tag.name.0.as_slice();
                if other == b"table" && counts_tables && self.tables > 0 {
                    self.tables -= 1;
                    return false;
                }
                if other == name && self.tables == 0 {
                    self.depth = self.depth.saturating_sub(1);
                    return self.depth == 0;
                }
                self.tables == 0 && implied_end(name, other, false)
            }
            _ => false,
        }
    }
}

/// Whether a start (`opens`) or end tag `other` closes an open `name` whose end tag is optional.
fn implied_end(name: &[u8], other: &[u8], opens: bool) -> bool {
    match (name, opens) {
        (b"td" | b"th", true) => matches!(other, b"td" | b"th" | b"tr" | b"tbody" | b"tfoot"),
        (b"td" | b"th", false) => {
            matches!(other, b"tr" | b"tbody" | b"thead" | b"tfoot" | b"table")
        }
        (b"tr", true) => matches!(other, b"tr" | b"tbody" | b"tfoot"),
        (b"tr", false) => matches!(other, b"tbody" | b"thead" | b"tfoot" | b"table"),
        (b"li", true) => other == b"li",
        (b"li", false) => matches!(other, b"ul" | b"ol"),
        (b"p", true) => other == b"table" || (is_block_tag(other) && other != b"br"),
        (b"p", false) => matches!(
            other,
            b"div" | b"td" | b"th" | b"body" | b"section" | b"article"
        ),
        _ => false,
    }
}

/// Whether a tag is hidden from the reader by its own markup: the `hidden` attribute, or an
/// inline style of `display: none` or `visibility: hidden`. (Hiding by a style sheet's class is
/// not followed.)
fn hides(tag: &html5gum::StartTag<usize>) -> bool {
    tag.attributes
        .iter()
        .any(|(key, value)| match key.0.as_slice() {
            b"hidden" => true,
            b"style" => {
                let style: String = String::from_utf8_lossy(&value.value.0)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                // Word's `mso-hide:all` alone is not: a browser shows what it marks.
                ["display:none", "visibility:hidden"]
                    .iter()
                    .any(|rule| style.contains(rule))
            }
            _ => false,
        })
}

/// Elements that hold no content: hiding one hides nothing after it.
fn is_void_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"hr"
            | b"img"
            | b"input"
            | b"meta"
            | b"link"
            | b"col"
            | b"wbr"
            | b"area"
            | b"base"
            | b"embed"
            | b"source"
            | b"track"
            | b"param"
    )
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
        let positioned = positioned_text(self.source, &mut self.cursor, decoded, start, end);
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

/// The text of a token, decoded (entities resolved), each character at the source position of
/// what stands for it (an entity's `&`); a line break inside the text becomes a space.
pub(crate) fn positioned_text(
    source: &str,
    cursor: &mut PosCursor<'_>,
    decoded: &str,
    start: usize,
    end: usize,
) -> PosText {
    let raw = source.get(start..end).unwrap_or_default();
    let mut positioned = PosText::default();
    let mut raw_chars = raw.char_indices().peekable();
    for c in decoded.chars() {
        let (offset, rc) = raw_chars.next().unwrap_or((raw.len(), ' '));
        let pos = cursor.at(start + offset);
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
    positioned
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

pub(crate) fn is_block_tag(name: &[u8]) -> bool {
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
    blocks_from(source, SourcePos { line: 1, column: 1 })
}

/// Reads HTML that starts at `start` of a larger text into blocks.
fn blocks_from(source: &str, start: SourcePos) -> Vec<Block> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let mut b = Builder {
        source,
        cursor: PosCursor::starting_at(source, start),
        blocks: Vec::new(),
        line: PosText::default(),
        tables: Vec::new(),
        skip_depth: 0,
        hidden: None,
    };
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        if let Some(hidden) = b.hidden.as_mut() {
            let ends = hidden.ends_at(&token);
            let own_end = matches!(&token, Token::EndTag(tag) if tag.name.0 == hidden.name);
            if !ends {
                continue;
            }
            b.hidden = None;
            if own_end {
                continue;
            }
        }
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.0.as_slice();
                // A page hidden whole (`<body style="display:none">`) is one a script shows.
                if b.skip_depth == 0 && !matches!(name, b"html" | b"body") && hides(&tag) {
                    if !tag.self_closing && !is_void_tag(name) {
                        b.hidden = Some(Hidden::new(name));
                    }
                } else if is_skipped_tag(name) {
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

/// Reads text holding HTML table `fragments` (byte ranges, in order, from [`table_fragments`]):
/// the text around them as lines, newlines kept, each fragment as an HTML table. The start of a
/// fragment's line and the rest of it after a fragment are lines of their own when they hold text.
pub(crate) fn mixed_blocks(text: &str, fragments: &[(usize, usize)]) -> Vec<Block> {
    let mut cursor = PosCursor::new(text);
    let mut blocks = Vec::new();
    let mut previous_end = 0;
    let last = (text.len(), text.len());
    for (k, &(start, end)) in fragments.iter().chain([&last]).enumerate() {
        let is_fragment = k < fragments.len();
        let before = text.get(previous_end..start).unwrap_or_default();
        let mut lines = text_lines_from(before, cursor.at(previous_end));
        if is_fragment && lines.last().is_some_and(PosText::is_blank) {
            lines.pop();
        }
        if k > 0 && lines.first().is_some_and(PosText::is_blank) {
            lines.remove(0);
        }
        blocks.extend(lines.into_iter().map(Block::Line));
        if is_fragment {
            let fragment = text.get(start..end).unwrap_or_default();
            blocks.extend(blocks_from(fragment, cursor.at(start)));
        }
        previous_end = end;
    }
    blocks
}

/// The HTML table fragments of a text, as byte ranges in order: each `<table>` (at the outermost
/// level) through its matching `</table>`, with a `<html><body>` wrapper right around it
/// (MinerU 1.x writes one around every table). A table without a cell, or never closed, is no
/// fragment: text that mentions `<table>` is read as text.
pub(crate) fn table_fragments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Tables closed, outermost last: one pass over the tags, a table left open never closes.
    let mut open: Vec<usize> = Vec::new();
    let mut closed: Vec<(usize, usize)> = Vec::new();
    for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'<') {
        if is_tag_at(bytes, at, b"<table") {
            open.push(at);
        } else if is_tag_at(bytes, at, b"</table")
            && let Some(start) = open.pop()
        {
            let end = bytes
                .get(at..)
                .and_then(|rest| rest.iter().position(|b| *b == b'>'))
                .map_or(bytes.len(), |gt| at + gt + 1);
            while closed.last().is_some_and(|(s, _)| *s > start) {
                closed.pop();
            }
            closed.push((start, end));
        }
    }
    let mut fragments: Vec<(usize, usize)> = Vec::new();
    for (start, end) in closed {
        let inner = bytes.get(start..end).unwrap_or_default();
        let has_cell = inner.iter().enumerate().any(|(i, b)| {
            *b == b'<' && (is_tag_at(inner, i, b"<td") || is_tag_at(inner, i, b"<th"))
        });
        if has_cell {
            let after_previous = fragments.last().map_or(0, |(_, e)| *e);
            fragments.push((
                wrapper_before(bytes, start).max(after_previous),
                wrapper_after(bytes, end),
            ));
        }
    }
    fragments
}

/// Names of the tags of an HTML table and its wrappers, which a line break may cut in two.
const TABLE_TAG_NAMES: [&str; 13] = [
    "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col", "br",
    "html", "body",
];

/// The attributes of a table's cells that place them on the grid.
const SPAN_ATTRIBUTES: [&str; 2] = ["rowspan", "colspan"];

/// For each line of `text` (as [`crate::hard_wrap::split_like_text_lines`] splits it), whether
/// it ends in a table tag that the next line finishes: a tag's name cut (`<t` then `d>`, `<` then
/// `/td>`), or a cell's span (`<td rowsp` then `an="2">`, `colspan="1` then `2">`). Text
/// hard-wrapped where the wrap went unnoticed (one line wider than the rest is enough) has such
/// cuts, and read as it stands a cut `<td>` is no cell: the row's numbers shift by one, a wrong
/// reading an identity need not catch (the lost cell a 0). HTML never breaks a line there: a
/// `<` followed by a line break is text, not a tag, and a break inside a name or a number is no
/// separator. `None` when no line is cut so.
pub(crate) fn cut_tag_lines(text: &str) -> Option<Vec<bool>> {
    let lines = crate::hard_wrap::split_like_text_lines(text);
    let cut: Vec<bool> = lines
        .iter()
        .zip(lines.iter().skip(1))
        .map(|(line, next)| cuts_a_tag(line, next))
        .chain([false])
        .collect();
    cut.contains(&true).then_some(cut)
}

/// Whether `line` ends inside a table tag that `next` goes on with ([`cut_tag_lines`]).
fn cuts_a_tag(line: &str, next: &str) -> bool {
    let Some(open) = line.rfind('<') else {
        return false;
    };
    let tail = &line[open + 1..];
    if tail.contains('>') {
        return false;
    }
    let leading_letters = |s: &str| {
        s.len()
            - s.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len()
    };
    // The name cut: `<`, `</`, `<t`, `</t` then the rest of a table tag's name.
    let (slash_before, name_start) = tail.strip_prefix('/').map_or((false, tail), |n| (true, n));
    if name_start.bytes().all(|b| b.is_ascii_alphabetic()) {
        let rest = match next.strip_prefix('/') {
            Some(rest) if !slash_before && name_start.is_empty() => rest,
            _ => next,
        };
        let letters = leading_letters(rest);
        let closes = rest[letters..]
            .chars()
            .next()
            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace());
        let name = format!("{name_start}{}", &rest[..letters]);
        return letters > 0
            && closes
            && TABLE_TAG_NAMES
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&name));
    }
    // A span cut inside a table cell's tag: in its attribute's name or in its value.
    let name_len = leading_letters(name_start);
    let tag_name = &name_start[..name_len];
    if slash_before
        || !TABLE_TAG_NAMES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag_name))
    {
        return false;
    }
    let last_word = tail
        .rsplit(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or_default();
    let next_letters = leading_letters(next);
    let attribute_cut = next_letters > 0
        && next[next_letters..].starts_with('=')
        && last_word.bytes().all(|b| b.is_ascii_alphabetic())
        && SPAN_ATTRIBUTES
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&format!("{last_word}{}", &next[..next_letters])));
    let value_cut = next.starts_with(|c: char| c.is_ascii_digit())
        && SPAN_ATTRIBUTES.iter().any(|a| {
            let lower = last_word.to_ascii_lowercase();
            lower
                .strip_prefix(a)
                .and_then(|v| v.strip_prefix('='))
                .map(|v| v.trim_start_matches(['"', '\'']))
                .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
        });
    attribute_cut || value_cut
}

/// Whether the tag `name` (`<table`, `</table`, …) starts at `at`, told apart from longer names
/// (`<thead` is no `<th`).
fn is_tag_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    bytes
        .get(at..at + name.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(name))
        && bytes
            .get(at + name.len())
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
}

/// `start` moved back over `<html>` and `<body>` tags (and whitespace between) right before it.
fn wrapper_before(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    for tag in [b"<body>".as_slice(), b"<html>"] {
        let head = bytes.get(..at).unwrap_or_default();
        let trimmed = head.trim_ascii_end().len();
        match trimmed.checked_sub(tag.len()) {
            Some(t)
                if head
                    .get(t..trimmed)
                    .is_some_and(|h| h.eq_ignore_ascii_case(tag)) =>
            {
                at = t
            }
            _ => break,
        }
    }
    at
}

/// `end` moved on over `</body>` and `</html>` tags (and whitespace between) right after it.
fn wrapper_after(bytes: &[u8], end: usize) -> usize {
    let mut at = end;
    for tag in [b"</body>".as_slice(), b"</html>"] {
        let tail = bytes.get(at..).unwrap_or_default();
        let skipped = tail.len() - tail.trim_ascii_start().len();
        let from = at + skipped;
        match bytes.get(from..from + tag.len()) {
            Some(t) if t.eq_ignore_ascii_case(tag) => at = from + tag.len(),
            _ => break,
        }
    }
    at
}

/// Lays cells out on a grid: a cell covered by a rowspan from above becomes a blank cell (so
/// columns keep their places) and the columns a colspan covers continue the spanning cell (under
/// a cell spanning both, the blank of its first column). Columns only ever continued are then
/// dropped ([`drop_continued_columns`]).
fn grid(rows: Vec<Vec<HtmlCell>>) -> Vec<Unit> {
    // Per column: rows it stays covered for, and whether the column before is the same cell's.
    let mut covered: Vec<(usize, bool)> = Vec::new();
    let mut units = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<Cell> = Vec::new();
        let mut col = 0usize;
        let mut row_cells = row.into_iter();
        loop {
            while let Some(blank) = cover(&mut covered, col, &cells) {
                cells.push(blank);
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
                    covered.resize(k + 1, (0, false));
                }
                if let Some(c) = covered.get_mut(k) {
                    *c = (cell.rowspan - 1, k > col);
                }
            }
            col += cell.colspan;
        }
        // Columns at the end of the row still covered from above.
        let last_covered = covered.iter().rposition(|(n, _)| *n > 0);
        if let Some(last) = last_covered {
            while col <= last {
                let blank = cover(&mut covered, col, &cells).unwrap_or_default();
                cells.push(blank);
                col += 1;
            }
        }
        units.push(Unit {
            cells,
            positional: true,
            padded_at_end: false,
        });
    }
    drop_continued_columns(&mut units);
    units
}

/// The blank cell of column `col` when a rowspan from above still covers it (one row fewer
/// left): continuing the blank before it in `cells` where the cell above spans both columns.
fn cover(covered: &mut [(usize, bool)], col: usize, cells: &[Cell]) -> Option<Cell> {
    let (rows, continues_before) = covered.get_mut(col).filter(|(n, _)| *n > 0)?;
    *rows -= 1;
    Some(Cell {
        text: PosText::default(),
        continues: continues_before
            .then(|| cells.len().checked_sub(1))
            .flatten(),
    })
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

    fn lines(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.normalized()),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn what_a_browser_does_not_show_is_not_read() {
        // Word's hidden text, a CMS's hidden copy, a hidden cell and row, `hidden` itself; a
        // hidden cell left unclosed ends where the next cell starts, and a table inside a
        // hidden cell does not end it early.
        let html = "<p>一、总体情况<span style='display:none;mso-hide:all'>旧稿</span>正文</p>\
                    <p style='mso-hide:all'>二、主动公开政府信息情况</p>\
                    <div style=\"DISPLAY: none\"><p>隐藏<div>副本</div>仍隐藏</p></div>\
                    <p hidden>不显示</p><p style='visibility:hidden'>也不显示</p>\
                    <table><tr><td>规章</td><td>1<span style=\"display: none\">7</span></td>\
                    <td style=display:none>9<td>0</td><td>11</td></tr>\
                    <tr style='display:none'><td>规章</td><td>5</td><td>5</td><td>5</td></tr>\
                    <tr><td>行政规范性文件</td><td hidden><table><tr><td>8</td><td>8</td></tr></table>\
                    </td><td>3</td><td>0</td><td>4</td></tr></table>\
                    <p>二、主动公开<img hidden src=x>政府信息情况</p>";
        let blocks = blocks(html);
        assert_eq!(
            lines(&blocks),
            [
                "一、总体情况正文",
                "二、主动公开政府信息情况",
                "二、主动公开政府信息情况"
            ]
        );
        // A page hidden whole until a script shows it is read.
        let shown_by_script = format!("<html><body style='display:none'>{html}</body></html>");
        assert_eq!(lines(&super::blocks(&shown_by_script)), lines(&blocks));
        assert_eq!(
            rows(&blocks),
            [["规章", "1", "0", "11"], ["行政规范性文件", "3", "0", "4"]]
        );
    }

    #[test]
    fn columns_of_the_grid_no_cell_starts_in_are_dropped() {
        // 总计 and its number span two grid columns in every row (under a heading spanning
        // both, the rowspan's blank continues too): one column of the table.
        let html = "<p>四、复议</p><table>\
                    <tr><td rowspan=2 colspan=2>总计</td><td>维持</td></tr>\
                    <tr><td>a</td></tr>\
                    <tr><td colspan=2>351</td><td>72</td></tr></table>";
        assert_eq!(
            rows(&blocks(html)),
            vec![vec!["总计", "维持"], vec!["", "a"], vec!["351", "72"]]
        );
        // A row that starts a cell in the second column keeps it.
        let kept = "<p>四、复议</p><table><tr><td colspan=2>总计</td><td>维持</td></tr>\
                    <tr><td>351</td><td></td><td>72</td></tr></table>";
        assert_eq!(
            rows(&blocks(kept)),
            vec![vec!["总计", "", "维持"], vec!["351", "", "72"]]
        );
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

    #[test]
    fn fragments_with_their_wrappers_nested_tables_inside() {
        let text = "# 二、主动公开\n<html><body><table><tr><td>规章</td></tr></table></body></html>\n\
                    x <TABLE border=1><tr><td><table><tr><th>a</th></tr></table></td></tr></table> y";
        let fragments = table_fragments(text);
        let pieces: Vec<&str> = fragments.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            pieces,
            vec![
                "<html><body><table><tr><td>规章</td></tr></table></body></html>",
                "<TABLE border=1><tr><td><table><tr><th>a</th></tr></table></td></tr></table>",
            ]
        );
    }

    #[test]
    fn text_that_mentions_tables_holds_no_fragment() {
        for text in [
            "网页用<table>标签排版，<td>是单元格。",
            "<table>没有单元格</table>",
            "<tables><td>1</td></tables>",
            "<thead><th>1</th></thead>",
            "<table><tr><td>1</td></tr>",
        ] {
            assert_eq!(table_fragments(text), vec![], "{text}");
        }
        // A mention before a real table does not swallow it.
        let text = "用<table>标签：<table><tr><td>1</td></tr></table>";
        let fragments = table_fragments(text);
        assert_eq!(fragments.len(), 1);
        assert!(text[fragments[0].0..].starts_with("<table><tr>"));
    }

    #[test]
    fn table_tags_cut_by_a_line_break_are_found() {
        let cut = |text: &str| cut_tag_lines(text);
        // Names cut: `<t|d>`, `<|td>`, `<|/td>`, `</|tr>`, `</t|able>`, `<th|ead>`.
        for text in [
            "<table><tr><td>1</td><t\nd>2</td></tr></table>",
            "<table><tr><td>1</td><\ntd>2</td></tr></table>",
            "<table><tr><td>1<\n/td><td>2</td></tr></table>",
            "<table><tr><td>1</td></\ntr></table>",
            "<table><tr><td>1</td></tr></t\nable>",
            "<table><th\nead><tr><td>1</td></tr></thead></table>",
            "<table><tr><td rowsp\nan=\"2\">1</td></tr></table>",
            "<table><tr><td colspan=\"1\n2\">1</td></tr></table>",
            "<table><tr><td colspan=\n2>1</td></tr></table>",
        ] {
            assert_eq!(cut(text), Some(vec![true, false]), "{text}");
        }
        // Line breaks HTML puts between tags or attributes, and text that is no tag.
        for text in [
            "<table>\n<tr><td>1</td></tr></table>",
            "<table><tr><td\n>1</td></tr></table>",
            "<table><tr><td\nclass=x>1</td></tr></table>",
            "<table><tr><td colspan=\"2\"\nrowspan=\"3\">1</td></tr></table>",
            "<table><tr><td class=\"a\nb\">1</td></tr></table>",
            "1 <\n2 为真",
            "<div><sp\nan>1</span></div>",
            "<table><tr><td>1</td><t\n",
        ] {
            assert_eq!(cut(text), None, "{text}");
        }
    }

    #[test]
    fn a_cut_cell_tag_shifts_no_number_where_the_wrap_went_unnoticed() {
        // One line far longer than any wrap width: the wrap is not seen, the cut tags are.
        let long = "说明".repeat(120);
        let text = format!(
            "{long}\n<table><tr><td>（一）维持</td><td>3</td><td>0</td><\ntd>5</td></tr>\n\
             <tr><td>（二）纠正</td><td>1</td></t\nd><td>7</td></tr></table>\n"
        );
        let joined = crate::hard_wrap::Joined::new(&text, &cut_tag_lines(&text).unwrap()).unwrap();
        let fragments = table_fragments(&joined.text);
        let mut blocks = mixed_blocks(&joined.text, &fragments);
        joined.restore_positions(&mut blocks);
        assert_eq!(
            rows(&blocks),
            vec![vec!["(一)维持", "3", "0", "5"], vec!["(二)纠正", "1", "7"]]
        );
        let five = blocks.iter().find_map(|b| match b {
            Block::Table(units) => units.first()?.cells.get(3)?.text.first_pos(),
            Block::Line(_) => None,
        });
        // `5` stands at column 4 of line 3, after `td>` (the cut tag's end).
        assert_eq!(five, Some(SourcePos { line: 3, column: 4 }));
    }

    #[test]
    fn mixed_text_keeps_its_lines_and_positions() {
        let text = "# 三、收到和处理\n\n<table>\n<tr><td rowspan=\"2\">三、结果</td><td>a</td><td>1</td></tr>\n\
                    <tr><td>b</td><td>&nbsp;2</td></tr></table> 注：单位件\n\n— 4 —\n";
        let blocks = mixed_blocks(text, &table_fragments(text));
        assert_eq!(
            rows(&blocks),
            vec![vec!["三、结果", "a", "1"], vec!["", "b", " 2"]]
        );
        let lines: Vec<String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.normalized()),
                Block::Table(_) => None,
            })
            .collect();
        assert_eq!(
            lines,
            vec!["# 三、收到和处理", "", " 注:单位件", "", "— 4 —", ""]
        );
        assert_eq!(
            first_pos_of(&blocks, "注"),
            Some(SourcePos {
                line: 5,
                column: 45
            })
        );
        let cell = blocks.iter().find_map(|b| match b {
            Block::Table(units) => units.get(1)?.cells.get(2)?.text.first_pos(),
            Block::Line(_) => None,
        });
        // `&nbsp;2`: the figure stands at column 25 of line 5.
        assert_eq!(
            cell,
            Some(SourcePos {
                line: 5,
                column: 25
            })
        );
    }
}

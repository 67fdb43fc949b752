//! Character normalisation: width folding of digits and punctuation, noise removal, positioned text.
//!
//! Every kept character remembers where it stood in the decoded source text, so that a value read
//! from a cell can be reported at its line and column.

use serde::Serialize;

/// A position in the decoded source text: 1-based line and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SourcePos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in Unicode scalar values.
    pub column: u32,
}

/// One kept character: its normalised form, the character as published, and where it stood.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub ch: char,
    pub raw: char,
    pub pos: SourcePos,
}

/// Folds a character to its normalised form; `None` drops it as noise.
///
/// Full-width ASCII becomes ASCII (so `０１２` and `（一）` read like `012` and `(一)`), every kind
/// of space becomes a plain space, and glyph noise from PDF conversion (superscript digits,
/// private-use glyphs, replacement characters, zero-width characters) disappears. Superscripts
/// are dropped rather than folded to digits: `F新收政府 ⁶` must not grow a number. A table drawn
/// with box-drawing characters (`w3m -dump` of a web page: `│规章 │0 │`, `├───┼───┤`) becomes
/// the pipe table it draws: vertical lines and junctions `|`, horizontal lines `-`.
pub(crate) fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2500}' | '\u{2501}' | '\u{2504}' | '\u{2505}' | '\u{2508}' | '\u{2509}'
        | '\u{254C}' | '\u{254D}' | '\u{2550}' => Some('-'),
        '\u{2500}'..='\u{257F}' => Some('|'),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{FFFD}' => None,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{2070}'..='\u{209F}' => None,
        '\u{E000}'..='\u{F8FF}' => None,
        '\u{2212}' => Some('-'),
        '\t' => Some('\t'),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Whether a character is a CJK ideograph.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Text whose characters carry their source positions: a line, a cell or a token.
#[derive(Clone, Debug, Default)]
pub(crate) struct PosText {
    pub glyphs: Vec<Glyph>,
}

impl PosText {
    /// Appends a published character at `pos`, folded; noise is dropped.
    pub fn push_raw(&mut self, raw: char, pos: SourcePos) {
        if let Some(ch) = fold_char(raw) {
            self.glyphs.push(Glyph { ch, raw, pos });
        }
    }

    /// Whether the text holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.glyphs.iter().all(|g| g.ch.is_whitespace())
    }

    /// The normalised text.
    pub fn normalized(&self) -> String {
        chars_of(&self.glyphs)
    }

    /// The text as published, with whitespace of any kind shown as a plain space.
    pub fn published(&self) -> String {
        self.glyphs
            .iter()
            .map(|g| if g.ch.is_whitespace() { ' ' } else { g.raw })
            .collect()
    }

    /// The key used for label matching: only ideographs, ASCII letters and digits and the
    /// punctuation that numbering uses survive, so OCR noise, spaces and line breaks inside a
    /// label do not matter.
    pub fn compact(&self) -> String {
        compact_chars(self.glyphs.iter().map(|g| g.ch))
    }

    /// Position of the first non-whitespace character, or of the first character.
    pub fn first_pos(&self) -> Option<SourcePos> {
        self.glyphs
            .iter()
            .find(|g| !g.ch.is_whitespace())
            .or(self.glyphs.first())
            .map(|g| g.pos)
    }

    /// Number of leading whitespace characters (tabs count too).
    pub fn indent(&self) -> usize {
        self.glyphs
            .iter()
            .take_while(|g| g.ch.is_whitespace())
            .count()
    }

    /// The text without leading and trailing whitespace.
    pub fn trimmed(&self) -> PosText {
        PosText {
            glyphs: trim_glyphs(&self.glyphs).to_vec(),
        }
    }

    /// Removes Word export debris such as `[bookmark: OLE_LINK2]`.
    pub fn strip_debris(&mut self) {
        const OPEN: &[char] = &['[', 'b', 'o', 'o', 'k', 'm', 'a', 'r', 'k', ':'];
        let mut i = 0;
        while i < self.glyphs.len() {
            let starts = OPEN
                .iter()
                .enumerate()
                .all(|(k, c)| self.glyphs.get(i + k).is_some_and(|g| g.ch == *c));
            if starts {
                let end = self.glyphs[i..]
                    .iter()
                    .position(|g| g.ch == ']')
                    .map_or(self.glyphs.len(), |p| i + p + 1);
                self.glyphs.drain(i..end);
            } else {
                i += 1;
            }
        }
    }

    /// Removes the inline HTML that converters leave around text (pymupdf4llm underlines a
    /// heading as `<u>二、主动公开政府信息情况</u>`; pandoc's Markdown of a Word page keeps its
    /// `<span lang="zh-CN">`, a tag sometimes broken over two lines): the tags of
    /// [`INLINE_TAGS`], with their attributes. A tag's text would otherwise stand in a label or
    /// between a label and its numbers. `in_tag`: the line before ended inside a tag, whose rest
    /// (up to its `>`) opens this line. Returns whether this line ends inside one.
    pub fn strip_inline_markup(&mut self, in_tag: bool) -> bool {
        if in_tag {
            let end = self.glyphs.iter().position(|g| matches!(g.ch, '>' | '<'));
            if let Some(end) = end.filter(|&e| self.glyphs.get(e).is_some_and(|g| g.ch == '>')) {
                self.glyphs.drain(..=end);
            }
        }
        let mut i = 0;
        while i < self.glyphs.len() {
            match inline_tag_at(&self.glyphs, i) {
                Some(TagEnd::At(len)) => {
                    self.glyphs.drain(i..i + len);
                }
                Some(TagEnd::PastLine) => {
                    self.glyphs.truncate(i);
                    return true;
                }
                None => i += 1,
            }
        }
        false
    }

    /// Removes pandoc's bracketed spans (`[规章]{lang="zh-CN"}`: its Markdown of a Word page
    /// wraps every run of Chinese so): the attributes (ASCII, up to [`MAX_TAG`] characters)
    /// with the `]` before them, and the `[` that opens the span where it stands on this line.
    pub fn strip_bracketed_spans(&mut self) {
        let mut i = 0;
        while i + 1 < self.glyphs.len() {
            let opens_attributes = self.glyphs.get(i).is_some_and(|g| g.ch == ']')
                && self.glyphs.get(i + 1).is_some_and(|g| g.ch == '{');
            let close = opens_attributes
                .then(|| {
                    self.glyphs
                        .iter()
                        .skip(i + 2)
                        .take(MAX_TAG)
                        .take_while(|g| g.ch.is_ascii() && g.ch != '{')
                        .position(|g| g.ch == '}')
                })
                .flatten();
            let Some(close) = close else {
                i += 1;
                continue;
            };
            self.glyphs.drain(i..i + 2 + close + 1);
            // The span's `[`: the last one before it not closed since.
            let mut depth = 0usize;
            let open = (0..i)
                .rev()
                .find(|&k| match self.glyphs.get(k).map(|g| g.ch) {
                    Some(']') => {
                        depth += 1;
                        false
                    }
                    Some('[') if depth == 0 => true,
                    Some('[') => {
                        depth -= 1;
                        false
                    }
                    _ => false,
                });
            if let Some(open) = open {
                self.glyphs.remove(open);
                i -= 1;
            }
        }
    }

    /// Removes Markdown's backslash escapes (mammoth writes a fee as `1032\.60994`, lest it
    /// open a numbered list, and a numbering as `1\.属于`): a backslash before ASCII punctuation
    /// goes, the punctuation stays. Not before `|`: an escaped pipe is a cell's text, not its
    /// boundary, and stays as published.
    pub fn strip_markdown_escapes(&mut self) {
        let escapes = |pair: &[Glyph]| {
            matches!(pair, [backslash, next] if backslash.ch == '\\'
                && next.ch.is_ascii_punctuation()
                && next.ch != '|')
        };
        if !self.glyphs.windows(2).any(escapes) {
            return;
        }
        let mut kept = Vec::with_capacity(self.glyphs.len());
        let mut i = 0;
        while let Some(g) = self.glyphs.get(i) {
            let escaped = self.glyphs.get(i..i + 2).is_some_and(escapes);
            if escaped {
                // The escaped character, kept as it is (a second backslash included).
                kept.extend(self.glyphs.get(i + 1).copied());
                i += 2;
            } else {
                kept.push(*g);
                i += 1;
            }
        }
        self.glyphs = kept;
    }

    /// Removes Markdown's bold marks (`**`, and any longer run of `*`): PDF-to-Markdown
    /// converters (pymupdf4llm, marker, docling) wrap text set in a bold font in them, a total
    /// row's numbers (`| **299** | **4** |`) as well as labels, and a report prints no run of
    /// asterisks of its own. A single `*` (a footnote's mark, Markdown's italic) stays.
    pub fn strip_bold_marks(&mut self) {
        let is_star = |g: Option<&Glyph>| g.is_some_and(|g| g.ch == '*');
        if !self
            .glyphs
            .windows(2)
            .any(|w| w[0].ch == '*' && w[1].ch == '*')
        {
            return;
        }
        let glyphs = std::mem::take(&mut self.glyphs);
        self.glyphs = glyphs
            .iter()
            .enumerate()
            .filter(|&(i, g)| {
                g.ch != '*'
                    || !(is_star(i.checked_sub(1).and_then(|k| glyphs.get(k)))
                        || is_star(glyphs.get(i + 1)))
            })
            .map(|(_, g)| *g)
            .collect();
    }

    /// Decodes the HTML character references a text carries (`&nbsp;`, `&#12288;`, `&ldquo;`):
    /// a page saved as text by a crawler that stripped its tags but not its references, so that
    /// `规章&nbsp;&nbsp;0` reads as `规章  0`. Each stands for its characters, folded, at the
    /// position of its `&`; a `&` that opens no reference stays as it is.
    pub fn decode_character_references(&mut self) {
        if !self.glyphs.iter().any(|g| g.ch == '&') {
            return;
        }
        let mut decoded = Vec::with_capacity(self.glyphs.len());
        let mut i = 0;
        while let Some(g) = self.glyphs.get(i) {
            let reference = (g.ch == '&')
                .then(|| character_reference(self.glyphs.get(i..).unwrap_or_default()))
                .flatten();
            match reference {
                Some((len, text)) => {
                    decoded.extend(text.chars().filter_map(|raw| {
                        fold_char(raw).map(|ch| Glyph {
                            ch,
                            raw,
                            pos: g.pos,
                        })
                    }));
                    i += len;
                }
                None => {
                    decoded.push(*g);
                    i += 1;
                }
            }
        }
        self.glyphs = decoded;
    }

    /// Splits into whitespace-separated tokens.
    pub fn tokens(&self) -> Vec<PosText> {
        self.token_glyphs()
            .map(|glyphs| PosText {
                glyphs: glyphs.to_vec(),
            })
            .collect()
    }

    /// The glyphs of each whitespace-separated token, without copying them.
    pub fn token_glyphs(&self) -> impl DoubleEndedIterator<Item = &[Glyph]> {
        self.glyphs
            .split(|g| g.ch.is_whitespace())
            .filter(|token| !token.is_empty())
    }
}

/// Inline HTML elements whose tags converters leave in text, lower case.
const INLINE_TAGS: [&str; 19] = [
    "span", "font", "a", "u", "b", "i", "em", "strong", "small", "big", "strike", "s", "del",
    "ins", "mark", "o:p", "img", "abbr", "nobr",
];

/// Longest character reference, in characters: `&CounterClockwiseContourIntegral;`, the longest
/// name HTML has, is 33.
const MAX_REFERENCE: usize = 40;

/// The character reference `glyphs` open with (`&name;`, `&#digits;`, `&#xhex;`), as its length
/// in glyphs and the text it stands for; `None` where they open none HTML knows.
fn character_reference(glyphs: &[Glyph]) -> Option<(usize, String)> {
    let end = glyphs
        .iter()
        .take(MAX_REFERENCE)
        .position(|g| g.ch == ';')?;
    let span: String = glyphs.get(..=end)?.iter().map(|g| g.ch).collect();
    let name = span.strip_prefix('&')?.strip_suffix(';')?;
    let well_formed = match name.strip_prefix('#') {
        Some(number) => match number.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        },
        None => !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
    };
    if !well_formed {
        return None;
    }
    let text = html_escape::decode_html_entities(&span);
    (text != span).then(|| (end + 1, text.into_owned()))
}

/// Longest inline tag taken for one, in characters (a `style` attribute of Word's included).
const MAX_TAG: usize = 400;

/// Where an inline tag that starts at a `<` ends.
enum TagEnd {
    /// Its `>` is the last of this many glyphs.
    At(usize),
    /// It runs past the end of the line.
    PastLine,
}

/// The inline tag ([`INLINE_TAGS`], start or end tag, with attributes) starting at `i`, if one
/// does: its name followed by `>`, `/`, whitespace or the line's end, and a `>` before any
/// other `<` within [`MAX_TAG`] characters (or the line's end before them).
fn inline_tag_at(glyphs: &[Glyph], i: usize) -> Option<TagEnd> {
    if glyphs.get(i)?.ch != '<' {
        return None;
    }
    let name_start = i + 1 + usize::from(glyphs.get(i + 1).is_some_and(|g| g.ch == '/'));
    let name_len = glyphs
        .get(name_start..)?
        .iter()
        .take_while(|g| g.ch.is_ascii_alphanumeric() || g.ch == ':')
        .count();
    let name: String = glyphs
        .get(name_start..name_start + name_len)?
        .iter()
        .map(|g| g.ch.to_ascii_lowercase())
        .collect();
    if !INLINE_TAGS.contains(&name.as_str()) {
        return None;
    }
    let after = name_start + name_len;
    match glyphs.get(after) {
        None => return Some(TagEnd::PastLine),
        Some(g) if g.ch == '>' || g.ch == '/' || g.ch.is_whitespace() => {}
        Some(_) => return None,
    }
    for (k, g) in glyphs.iter().enumerate().skip(after).take(MAX_TAG) {
        match g.ch {
            '>' => return Some(TagEnd::At(k + 1 - i)),
            '<' => return None,
            _ => {}
        }
    }
    (glyphs.len() <= after + MAX_TAG).then_some(TagEnd::PastLine)
}

/// See [`PosText::compact`].
pub(crate) fn compact_chars(chars: impl Iterator<Item = char> + Clone) -> String {
    // Sized first: collecting CJK text grows a string several times.
    let kept = chars.filter(|c| is_compact_char(*c));
    let mut out = String::with_capacity(kept.clone().map(char::len_utf8).sum());
    out.extend(kept);
    out
}

/// The folded characters of `glyphs`, in a string allocated once.
pub(crate) fn chars_of(glyphs: &[Glyph]) -> String {
    let mut out = String::with_capacity(glyphs.iter().map(|g| g.ch.len_utf8()).sum());
    out.extend(glyphs.iter().map(|g| g.ch));
    out
}

/// Whether compact text keeps `c`: CJK, ASCII letters and digits, and the numbering marks.
pub(crate) fn is_compact_char(c: char) -> bool {
    is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '、' | '.')
}

/// Splits decoded text into positioned lines (`\n`, `\r\n` and a lone `\r` end a line).
pub(crate) fn text_lines(text: &str) -> Vec<PosText> {
    text_lines_from(text, SourcePos { line: 1, column: 1 })
}

/// [`text_lines`] of a piece of a larger text that starts at `start` of it.
pub(crate) fn text_lines_from(text: &str, start: SourcePos) -> Vec<PosText> {
    lines_joining(text, start, &[])
}

/// [`text_lines`] of hard-wrapped text ([`crate::hard_wrap`]): each line whose `continued` flag
/// is set goes on in the next, one line with it, its characters keeping their own positions.
pub(crate) fn text_lines_joined(text: &str, continued: &[bool]) -> Vec<PosText> {
    lines_joining(text, SourcePos { line: 1, column: 1 }, continued)
}

fn lines_joining(text: &str, start: SourcePos, continued: &[bool]) -> Vec<PosText> {
    let mut lines = Vec::new();
    let mut index = 0usize;
    let mut current = PosText::default();
    let SourcePos {
        mut line,
        mut column,
    } = start;
    let mut rest = text;
    loop {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let (body, tail) = rest.split_at(end);
        // Sized once per line: pushing glyph by glyph grows a long line's vector many times.
        current.glyphs.reserve(body.chars().count());
        for c in body.chars() {
            current.push_raw(c, SourcePos { line, column });
            column = column.saturating_add(1);
        }
        let Some(after) = tail
            .strip_prefix("\r\n")
            .or_else(|| tail.strip_prefix(['\n', '\r']))
        else {
            break;
        };
        rest = after;
        if !continued.get(index).copied().unwrap_or(false) {
            lines.push(std::mem::take(&mut current));
        }
        index += 1;
        line = line.saturating_add(1);
        column = 1;
    }
    lines.push(current);
    let mut in_tag = false;
    for l in &mut lines {
        l.strip_debris();
        in_tag = l.strip_inline_markup(in_tag);
        l.decode_character_references();
        l.strip_bracketed_spans();
        l.strip_markdown_escapes();
        l.strip_bold_marks();
    }
    lines
}

/// Maps byte offsets of a source text to line and column, moving forward only (so a whole
/// document is walked once however many offsets are asked for).
pub(crate) struct PosCursor<'a> {
    text: &'a str,
    byte: usize,
    pos: SourcePos,
}

impl<'a> PosCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::starting_at(text, SourcePos { line: 1, column: 1 })
    }

    /// A cursor over a piece of a larger text that starts at `pos` of it.
    pub fn starting_at(text: &'a str, pos: SourcePos) -> Self {
        Self { text, byte: 0, pos }
    }

    /// The position of byte `offset`; an offset behind the cursor answers the cursor's position.
    pub fn at(&mut self, offset: usize) -> SourcePos {
        let target = offset.min(self.text.len());
        if target > self.byte {
            let slice = self.text.get(self.byte..target).unwrap_or_default();
            for c in slice.chars() {
                self.advance(c);
            }
            self.byte = target;
        }
        self.pos
    }

    fn advance(&mut self, c: char) {
        if c == '\n' {
            self.pos.line = self.pos.line.saturating_add(1);
            self.pos.column = 1;
        } else {
            self.pos.column = self.pos.column.saturating_add(1);
        }
    }
}

/// Appends `text` to `out`, giving its characters consecutive positions from `start`.
pub(crate) fn push_positioned(out: &mut PosText, text: &str, start: SourcePos) {
    let mut pos = start;
    for c in text.chars() {
        if c == '\n' {
            out.push_raw(' ', pos);
            pos.line = pos.line.saturating_add(1);
            pos.column = 1;
        } else {
            out.push_raw(c, pos);
            pos.column = pos.column.saturating_add(1);
        }
    }
}

/// The glyphs without leading and trailing whitespace.
pub(crate) fn trim_glyphs(glyphs: &[Glyph]) -> &[Glyph] {
    let start = glyphs
        .iter()
        .position(|g| !g.ch.is_whitespace())
        .unwrap_or(glyphs.len());
    let end = glyphs
        .iter()
        .rposition(|g| !g.ch.is_whitespace())
        .map_or(start, |e| e + 1);
    glyphs.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_marks_are_dropped_and_a_lone_star_kept() {
        let line = &text_lines("| **（七）总计** | **299** | ***4*** | 注* | 0 |")[0];
        assert_eq!(line.normalized(), "| (七)总计 | 299 | 4 | 注* | 0 |");
        let nine = line.glyphs.iter().find(|g| g.ch == '9').expect("a 9");
        assert_eq!(
            nine.pos,
            SourcePos {
                line: 1,
                column: 18
            }
        );
    }

    #[test]
    fn character_references_read_as_what_they_stand_for() {
        let lines = text_lines(
            "规章&nbsp;&nbsp;0&#12288;5&#x3000;7 &ldquo;三安全&rdquo; A&amp;B &bogus; &#; & 1;",
        );
        let line = &lines[0];
        assert_eq!(
            line.normalized(),
            "规章  0 5 7 “三安全” A&B &bogus; &#; & 1;"
        );
        // Each decoded character stands where its reference's `&` stood.
        let zero = line.glyphs.iter().find(|g| g.ch == '0').expect("the 0");
        assert_eq!(
            zero.pos,
            SourcePos {
                line: 1,
                column: 15
            }
        );
        let quote = line.glyphs.iter().find(|g| g.ch == '“').expect("the quote");
        assert_eq!(quote.raw, '“');
        assert_eq!(
            quote.pos,
            SourcePos {
                line: 1,
                column: 35
            }
        );
        // A zero-width space is noise, referenced or not.
        assert_eq!(text_lines("1&#8203;2")[0].normalized(), "12");
    }

    #[test]
    fn folds_width_and_drops_noise() {
        let lines = text_lines("０１２（一）⁶\u{3000}x\r\n[bookmark: OLE_LINK2]规章");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].normalized(), "012(一) x");
        assert_eq!(lines[1].normalized(), "规章");
        assert_eq!(
            lines[1].first_pos(),
            Some(SourcePos {
                line: 2,
                column: 22
            })
        );
    }

    #[test]
    fn markdown_escapes_are_removed_except_a_pipes() {
        let folded = |text: &str| text_lines(text).remove(0).normalized();
        assert_eq!(folded("1032\\.60994"), "1032.60994");
        assert_eq!(
            folded("\\(一\\)1\\.属于 0431\\-80767950"),
            "(一)1.属于 0431-80767950"
        );
        // An escaped backslash is one backslash; an escaped pipe and a backslash before text stay.
        assert_eq!(folded("a\\\\b \\| c\\d"), "a\\b \\| c\\d");
    }

    #[test]
    fn a_table_drawn_in_box_characters_folds_to_pipes() {
        let lines = text_lines("┌──┬─┐\n│规章│0│\n╞══╪═╡\n├──┼─┤");
        let folded: Vec<String> = lines.iter().map(PosText::normalized).collect();
        assert_eq!(folded, ["|--|-|", "|规章|0|", "|--|-|", "|--|-|"]);
        // The characters as published are kept for the report.
        assert_eq!(lines[1].glyphs[0].raw, '│');
    }

    #[test]
    fn cursor_maps_offsets() {
        let text = "ab\n中c";
        let mut cursor = PosCursor::new(text);
        assert_eq!(cursor.at(1), SourcePos { line: 1, column: 2 });
        assert_eq!(cursor.at(6), SourcePos { line: 2, column: 2 });
    }

    #[test]
    fn inline_markup_is_stripped_and_positions_kept() {
        let lines = text_lines(
            "<u>二、主动公开</u> <B>规章</b> a<br>b <i x>c</i> 1<2>3 <sup>4</sup> <ab>5 <span",
        );
        let line = lines.first().cloned().unwrap_or_default();
        assert_eq!(
            line.normalized(),
            "二、主动公开 规章 a<br>b c 1<2>3 <sup>4</sup> <ab>5 "
        );
        assert_eq!(line.first_pos(), Some(SourcePos { line: 1, column: 4 }));
    }

    /// pandoc's Markdown (not GFM) of a Word page: `[规章]{lang="zh-CN"}`, a span's `[` on the
    /// line before; a link and brackets without attributes stay.
    #[test]
    fn bracketed_spans_are_stripped() {
        let lines = text_lines(
            "[淮安市人民政府]{lang=\"zh-CN\"}2024[年度报告]{lang=\"zh-CN\"}\n  [规章]{lang=\"zh-CN\"}   1\n[年，全市\n共受理]{lang=\"zh-CN\"}3119 [注](a) [1]{x",
        );
        let texts: Vec<String> = lines.iter().map(PosText::normalized).collect();
        assert_eq!(
            texts,
            [
                "淮安市人民政府2024年度报告",
                "  规章   1",
                "[年,全市",
                "共受理3119 [注](a) [1]{x"
            ]
        );
        assert_eq!(
            lines.get(1).and_then(PosText::first_pos),
            Some(SourcePos { line: 2, column: 4 })
        );
    }

    /// pandoc's Markdown of a Word page: `<span lang="zh-CN">` around every run of Chinese,
    /// a tag broken over two lines, Word's `<o:p></o:p>`; each line keeps its text, where it
    /// stood.
    #[test]
    fn inline_tags_with_attributes_and_broken_over_lines_are_stripped() {
        let lines = text_lines(
            "<span lang=\"zh-CN\">淮安市人民政府</span>2024<span\nlang=\"zh-CN\">年度报告</span><o:p></o:p>\n| <span lang=\"zh-CN\">规章</span> | 1 |",
        );
        let texts: Vec<String> = lines.iter().map(PosText::normalized).collect();
        assert_eq!(texts, ["淮安市人民政府2024", "年度报告", "| 规章 | 1 |"]);
        assert_eq!(
            lines.get(1).and_then(PosText::first_pos),
            Some(SourcePos {
                line: 2,
                column: 14
            })
        );
        // A `<` that opens no inline tag, and a tag never closed on its line's next, stay text.
        let kept = text_lines("共<5件 <span\n其他 <b>3");
        let texts: Vec<String> = kept.iter().map(PosText::normalized).collect();
        assert_eq!(texts, ["共<5件 ", "其他 3"]);
    }
}

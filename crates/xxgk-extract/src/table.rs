//! Row reading: cuts units of cells into labelled segments, recognises the row each label names
//! and gathers the value cells that belong to it, across wrapped lines when the layout wraps.

use crate::document::Unit;
use crate::normalize::{Glyph, PosText, SourcePos};
use crate::number::{
    TokenClass, classify, glued_digits_start, is_bare_number, is_unit, starts_a_unit,
};

/// The label part of a segment.
#[derive(Clone, Debug, Default)]
pub(crate) struct Label {
    /// Compact text of each label cell, for recognition.
    pub cells: Vec<String>,
    /// The label as published.
    pub published: String,
    pub pos: Option<SourcePos>,
    /// Numbers printed inside a label's own cell of a table with a cell per column
    /// (`行政事业性 | 收费1032.60994 | `: the converter drew a column boundary left of the first
    /// value), in order: read as label text, kept so that the row is not taken for blank.
    pub numbers_inside: Vec<ValueCell>,
}

impl Label {
    /// The compact text of all label cells together (a label split over cells).
    pub fn joined(&self) -> String {
        self.cells.concat()
    }

    /// This label followed by the next line's, for a label wrapped over two lines.
    pub fn joined_with(&self, next: &Label) -> Label {
        let mut cells = self.cells.clone();
        cells.extend(next.cells.iter().cloned());
        let mut numbers_inside = self.numbers_inside.clone();
        numbers_inside.extend(next.numbers_inside.iter().cloned());
        Label {
            cells,
            published: format!("{} {}", self.published, next.published),
            pos: self.pos.or(next.pos),
            numbers_inside,
        }
    }

    fn push(&mut self, text: &PosText) {
        let compact = text.compact();
        // A label cell repeating the one before it is one merged cell whose converter wrote its
        // text into every cell it covers (`（六）其他处理 | （六）其他处理`): one piece of label.
        if compact.is_empty() || self.cells.last() == Some(&compact) {
            return;
        }
        if self.pos.is_none() {
            self.pos = text.first_pos();
        }
        if !self.published.is_empty() {
            self.published.push(' ');
        }
        self.published.push_str(text.published().trim());
        self.cells.push(compact);
    }
}

/// A value cell: blank (empty or a blank mark) or a number token.
#[derive(Clone, Debug)]
pub(crate) enum ValueCell {
    Blank {
        pos: Option<SourcePos>,
        raw: String,
        /// A column that a number spanning several (an HTML colspan, a Word gridSpan) covers:
        /// no cell of its own where the row holds one cell too many with it ([`fit`]).
        spanned: bool,
        /// An empty cell of a table whose rows do not print their numbers in their last columns
        /// (Word's grid in Markdown, split between two numbers): it may be a column of the
        /// converter's grid rather than a cell of the report ([`strip_table_padding`]).
        off_grid: bool,
    },
    Token {
        text: String,
        raw: String,
        pos: SourcePos,
    },
}

impl ValueCell {
    pub fn is_blank(&self) -> bool {
        matches!(self, Self::Blank { .. })
    }

    /// A blank with nothing printed in it: padding, a spanned column or the publisher's blank
    /// (a blank mark, `/` or `—`, is always the publisher's cell).
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Blank { raw, .. } if raw.trim().is_empty())
    }

    /// The cell's digits where it prints a run of ASCII digits and nothing else, as a piece of a
    /// number wrapped in a narrow cell prints.
    pub fn digit_run(&self) -> Option<&str> {
        match self {
            Self::Token { text, .. }
                if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(text)
            }
            _ => None,
        }
    }

    pub fn pos(&self) -> Option<SourcePos> {
        match self {
            Self::Blank { pos, .. } => *pos,
            Self::Token { pos, .. } => Some(*pos),
        }
    }

    pub fn raw(&self) -> &str {
        match self {
            Self::Blank { raw, .. } | Self::Token { raw, .. } => raw,
        }
    }

    fn from_token(token: &[Glyph]) -> Self {
        let text = crate::normalize::chars_of(token);
        let raw: String = token.iter().map(|g| g.raw).collect();
        // A token holds no whitespace: its first glyph is where it stands.
        let pos = token.first().map(|g| g.pos).unwrap_or_default();
        if classify(&text) == TokenClass::Blank {
            Self::Blank {
                pos: Some(pos),
                raw,
                spanned: false,
                off_grid: false,
            }
        } else {
            Self::Token { text, raw, pos }
        }
    }
}

/// A label and the value cells after it (or value cells alone).
#[derive(Clone, Debug, Default)]
pub(crate) struct Segment {
    pub label: Option<Label>,
    pub values: Vec<ValueCell>,
    pub positional: bool,
    /// See [`Unit::padded_at_end`].
    pub padded_at_end: bool,
}

impl Segment {
    pub fn has_number(&self) -> bool {
        self.values.iter().any(|v| !v.is_blank())
    }
}

enum CellKind {
    Blank,
    Values(Vec<ValueCell>),
    Label(PosText, Vec<ValueCell>),
}

/// The cell's text with a decimal point standing alone between digits (`1 . 6`, as a PDF set
/// with letter spacing prints every glyph a space apart: `行 政 事 业 性 收 费 9 6 1 7 1 . 6`)
/// joined to them (`1.6`); `None` where none stands so. Left apart, the point is label text,
/// and the label swallows the number's first digits, leaving its last for the row's cell
/// (96171.6 read 6).
fn decimal_points_joined(text: &PosText) -> Option<PosText> {
    let glyphs = &text.glyphs;
    let is_point = |g: &Glyph| matches!(g.ch, '.' | '．');
    // Most cells hold no point alone: ruled out at a glance.
    if !glyphs.windows(3).any(|w| {
        matches!(w, [before, point, after]
            if before.ch.is_whitespace() && is_point(point) && after.ch.is_whitespace())
    }) {
        return None;
    }
    // Each point alone with a digit on either side, only whitespace between: the indexes of the
    // whitespace glyphs to drop.
    let mut dropped = vec![false; glyphs.len()];
    let mut any = false;
    for (k, glyph) in glyphs.iter().enumerate() {
        if !is_point(glyph) {
            continue;
        }
        let before = glyphs.get(..k).unwrap_or_default();
        let after = glyphs.get(k + 1..).unwrap_or_default();
        let digit_before = before.iter().rposition(|g| !g.ch.is_whitespace());
        let digit_after = after.iter().position(|g| !g.ch.is_whitespace());
        let (Some(b), Some(a)) = (digit_before, digit_after) else {
            continue;
        };
        let alone = b + 1 < k && a > 0;
        if alone
            && before.get(b).is_some_and(|g| g.ch.is_ascii_digit())
            && after.get(a).is_some_and(|g| g.ch.is_ascii_digit())
        {
            for flag in dropped.get_mut(b + 1..k + 1 + a).unwrap_or_default() {
                *flag = true;
            }
            if let Some(flag) = dropped.get_mut(k) {
                *flag = false;
            }
            any = true;
        }
    }
    any.then(|| PosText {
        glyphs: glyphs
            .iter()
            .zip(&dropped)
            .filter(|(_, dropped)| !**dropped)
            .map(|(g, _)| *g)
            .collect(),
    })
}

/// The cell's text with a unit standing apart after its number (`12 件`, as a clerk typed it)
/// joined to it (`12件`), the number's own unit; `None` where no unit stands so.
fn units_joined_to_numbers(text: &PosText) -> Option<PosText> {
    let glyphs = &text.glyphs;
    // Most cells hold no unit after a space: ruled out without a token made.
    let unit_after_space = glyphs.windows(2).any(
        |pair| matches!(pair, [space, unit] if space.ch.is_whitespace() && starts_a_unit(unit.ch)),
    );
    if !unit_after_space {
        return None;
    }
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < glyphs.len() {
        let start = at;
        while glyphs.get(at).is_some_and(|g| !g.ch.is_whitespace()) {
            at += 1;
        }
        if at > start {
            tokens.push((start, at));
        }
        at += 1;
    }
    let text_of = |(start, end): (usize, usize)| {
        crate::normalize::chars_of(glyphs.get(start..end).unwrap_or_default())
    };
    let apart: Vec<(usize, usize)> = tokens
        .windows(2)
        .filter(|pair| {
            let (number, unit) = (pair[0], pair[1]);
            // A unit is one or two CJK characters: most tokens are ruled out at a glance.
            unit.1 - unit.0 <= 2
                && glyphs.get(unit.0).is_some_and(|g| !g.ch.is_ascii())
                && is_unit(&text_of(unit))
                && is_bare_number(&text_of(number))
        })
        .map(|pair| (pair[0].1, pair[1].0))
        .collect();
    if apart.is_empty() {
        return None;
    }
    let mut joined = PosText::default();
    let mut gaps = apart.iter().peekable();
    for (k, glyph) in glyphs.iter().enumerate() {
        while gaps.peek().is_some_and(|(_, end)| *end <= k) {
            gaps.next();
        }
        if gaps.peek().is_none_or(|(start, _)| *start > k) {
            joined.glyphs.push(*glyph);
        }
    }
    Some(joined)
}

fn cell_kind(text: &PosText) -> CellKind {
    if let Some(joined) = units_joined_to_numbers(text) {
        return cell_kind(&joined);
    }
    if let Some(joined) = decimal_points_joined(text) {
        return cell_kind(&joined);
    }
    let tokens: Vec<&[Glyph]> = text.token_glyphs().collect();
    if tokens.is_empty() {
        return CellKind::Blank;
    }
    // One buffer for every token's text: a cell of many tokens is classified without a string each.
    let mut normalized = String::new();
    let is_text = |token: &[Glyph], normalized: &mut String| {
        normalized.clear();
        normalized.extend(token.iter().map(|g| g.ch));
        is_numbering(normalized) || classify(normalized) == TokenClass::Text
    };
    let Some(last_text) = tokens
        .iter()
        .rposition(|token| is_text(token, &mut normalized))
    else {
        return CellKind::Values(tokens.iter().map(|t| ValueCell::from_token(t)).collect());
    };
    let mut label = PosText::default();
    let mut values = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if i < last_text {
            label.glyphs.extend(token.iter().copied());
            if let Some(g) = token.last() {
                label.glyphs.push(Glyph { ch: ' ', ..*g });
            }
        } else if i == last_text {
            // Digits glued to the label: `…申请数量801000081`.
            let normalized = crate::normalize::chars_of(token);
            let split_at = glued_digits_start(&normalized)
                .map(|byte| normalized.get(..byte).map_or(0, |s| s.chars().count()));
            match split_at {
                Some(chars) if chars > 0 => {
                    let (text, digits) = token.split_at(chars.min(token.len()));
                    label.glyphs.extend(text.iter().copied());
                    values.push(ValueCell::from_token(digits));
                }
                _ => label.glyphs.extend(token.iter().copied()),
            }
        } else {
            values.push(ValueCell::from_token(token));
        }
    }
    CellKind::Label(label, values)
}

/// A row's value cells without its empty ones, where it holds exactly that many cells more than
/// `expected`: columns a converter added (`| 351 | | 13 |`, Word's grid flattened into Markdown).
/// Its numbers and blank marks (`/`, `—`: cells the publisher printed) then fill its cells
/// exactly, so no empty cell is the publisher's; the callers still confirm them by the row's
/// identities where the numbers were gathered over lines of text, which may hold a stray one.
pub(crate) fn without_surplus_blanks(
    values: &[ValueCell],
    expected: usize,
) -> Option<Vec<ValueCell>> {
    let empty = values.iter().filter(|v| v.is_empty()).count();
    (empty > 0 && values.len() == expected + empty)
        .then(|| values.iter().filter(|v| !v.is_empty()).cloned().collect())
}

/// A single blank cell printed apart, as a table printed a cell a line prints it (`/ |`, `|`).
fn is_blank_cell_line(segment: &Segment) -> bool {
    segment.positional
        && segment.label.is_none()
        && segment.values.len() == 1
        && !segment.has_number()
}

/// A blank mark (`—`, `/`, `无`) alone on a line of its own: a cell printed blank, in a table
/// printed a cell a line. Longer runs of dashes are rules, not cells.
pub(crate) fn is_blank_mark_alone(segment: &Segment) -> bool {
    segment.label.is_none()
        && !segment.positional
        && matches!(segment.values.as_slice(),
            [ValueCell::Blank { raw, .. }] if (1..=2).contains(&raw.trim().chars().count()))
}

/// Whether a token is row numbering (`3.`, `12、`), which no count is written as.
fn is_numbering(token: &str) -> bool {
    token
        .strip_suffix(['.', '、'])
        .is_some_and(|n| (1..=2).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit()))
}

/// Cuts a unit into segments: a new segment starts at a label cell that follows a number.
pub(crate) fn segments(unit: &Unit) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = Segment {
        positional: unit.positional,
        padded_at_end: unit.padded_at_end,
        ..Segment::default()
    };
    let mut kinds_are_label = Vec::with_capacity(unit.cells.len());
    for (k, cell) in unit.cells.iter().enumerate() {
        if let Some(origin) = cell.continues {
            // A column covered by a merged cell: part of the label if a label spans it, else blank
            // (spanned by a number: perhaps only a column of the converter's grid).
            let spans_label = kinds_are_label.get(origin).copied().unwrap_or(false);
            kinds_are_label.push(spans_label);
            if !spans_label && unit.positional {
                let spanned = unit.cells.get(origin).is_some_and(|o| {
                    let mut tokens = o.text.token_glyphs();
                    tokens.next().is_some_and(is_count_glyphs) && tokens.next().is_none()
                });
                current.values.push(ValueCell::Blank {
                    pos: cell.text.first_pos(),
                    raw: String::new(),
                    spanned,
                    off_grid: false,
                });
            }
            continue;
        }
        let run_together;
        let pieces = if unit.positional {
            std::slice::from_ref(&cell.text)
        } else {
            // Whether the cell before ends with a number (a wide gap apart on the same line).
            let after_number = k
                .checked_sub(1)
                .and_then(|before| unit.cells.get(before))
                .and_then(|before| before.text.token_glyphs().next_back())
                .is_some_and(is_count_glyphs);
            run_together = rows_run_together(&cell.text, after_number);
            &run_together
        };
        let mut is_label = false;
        for piece in pieces {
            is_label |= take_piece(unit, k, piece, &mut current, &mut out);
        }
        kinds_are_label.push(is_label);
    }
    out.push(current);
    out
}

/// Cuts text that runs several rows together on one line with single spaces
/// (`1.本机关不掌握相关政府信息 136 1 0 0 1 0 138 （四）无法提供 2.没有现成信息…`, as pdf.js
/// joins a page's text items) before each label that follows a number and opens a row (numbered,
/// or naming a row of a table), is a 表二 caption (`第二十条第（八）项`), or is a piece of a row
/// or group label wrapped in its cell (`… 0 0不予公 国家秘`, `… 0 103转下年`: PyMuPDF's sorted
/// text of a narrow Word table, the rest of the labels on the next lines): otherwise the whole
/// text before the last numbers would be one label, named by its first row, with the last row's
/// numbers. Text after numbers that opens no row (`22（其中修订 16 件）`) stays where it is.
fn rows_run_together(text: &PosText, after_number: bool) -> Vec<PosText> {
    let is_number = is_count_token;
    let mut tokens: Vec<PosText> = Vec::new();
    for token in text.tokens() {
        let after_number = tokens.last().map_or(after_number, is_number);
        tokens.extend(number_glued_to_label(token, after_number));
    }
    let numbers: Vec<bool> = tokens.iter().map(is_number).collect();
    let mut pieces = vec![PosText::default()];
    for (i, token) in tokens.iter().enumerate() {
        let after_number = i > 0 && numbers.get(i - 1).copied().unwrap_or(false);
        if after_number && !numbers.get(i).copied().unwrap_or(false) {
            let label: String = tokens
                .get(i..)
                .unwrap_or_default()
                .iter()
                .zip(numbers.get(i..).unwrap_or_default())
                .take_while(|(_, number)| !**number)
                .map(|(t, _)| t.compact())
                .collect();
            if opens_row(&label)
                || is_caption(&label)
                || crate::truncated::is_label_piece(&token.compact())
            {
                pieces.push(PosText::default());
            }
        }
        if let Some(piece) = pieces.last_mut() {
            if !piece.glyphs.is_empty()
                && let Some(g) = piece.glyphs.last()
            {
                piece.glyphs.push(Glyph { ch: ' ', ..*g });
            }
            piece.glyphs.extend(token.glyphs.iter().copied());
        }
    }
    pieces
}

/// Whether a token is a number of a row (not its numbering, not text).
fn is_count_token(token: &PosText) -> bool {
    is_count_glyphs(&token.glyphs)
}

/// [`is_count_token`] of a token's glyphs.
fn is_count_glyphs(glyphs: &[Glyph]) -> bool {
    let text = crate::normalize::chars_of(glyphs);
    !is_numbering(&text) && classify(&text) != TokenClass::Text
}

/// Whether label text is a caption of 表二 (`第二十条第(八)项`).
fn is_caption(compact: &str) -> bool {
    compact.starts_with("第二十条")
}

/// A token whose number runs into the next row's label (`4三、本`, `269行政强制`: PyMuPDF's
/// sorted text glues a row's last number to the label beside it on the baseline) or a 表二
/// caption (`88283第二十条第（八）项`), or, right after another number, into a piece of a row or
/// group label wrapped in its cell (`0不予公` of （三）不予公开, `103转下年` of 四、结转下年度继续办理),
/// as the number and the label; any other token (`22（其中修订`, `2024年`, `2024年度`, `1.属于`)
/// whole.
fn number_glued_to_label(token: PosText, after_number: bool) -> Vec<PosText> {
    let digits = token
        .glyphs
        .iter()
        .take_while(|g| g.ch.is_ascii_digit())
        .count();
    let (number, label) = token.glyphs.split_at(digits);
    // Nothing to cut where the token is all digits or opens with none, or no label follows.
    if number.is_empty()
        || !label
            .first()
            .is_some_and(|g| crate::normalize::is_cjk(g.ch))
    {
        return vec![token];
    }
    let label_text = PosText {
        glyphs: label.to_vec(),
    };
    let compact = label_text.compact();
    let opens_a_label = opens_row(&compact)
        || is_caption(&compact)
        || after_number && crate::truncated::is_label_piece(&compact);
    if !opens_a_label {
        return vec![token];
    }
    vec![
        PosText {
            glyphs: number.to_vec(),
        },
        label_text,
    ]
}

/// Whether label text opens a row: it starts with row numbering or names a row of 表二, 表三 or
/// a group of 表四.
fn opens_row(compact: &str) -> bool {
    use crate::template::{
        recognise_active, recognise_application_cell, recognise_review_group, strip_numbering,
    };
    strip_numbering(compact).len() < compact.len()
        || recognise_active(compact).is_some()
        || recognise_application_cell(compact, None).is_some()
        || recognise_review_group(compact).is_some()
}

/// Adds one piece of a unit's cell `k` to the segments; whether it is label text.
fn take_piece(
    unit: &Unit,
    k: usize,
    text: &PosText,
    current: &mut Segment,
    out: &mut Vec<Segment>,
) -> bool {
    match cell_kind(text) {
        CellKind::Blank => {
            if unit.positional {
                current.values.push(ValueCell::Blank {
                    pos: text.first_pos(),
                    raw: text.glyphs.iter().map(|g| g.raw).collect(),
                    spanned: false,
                    off_grid: false,
                });
            }
            false
        }
        CellKind::Values(values) => {
            current.values.extend(values);
            false
        }
        CellKind::Label(mut label, mut trailing) => {
            let mut inside = Vec::new();
            if unit.positional && k + 1 < unit.cells.len() && !trailing.is_empty() {
                // A table with a cell per column prints numbers in the value cells after
                // the label's: digits in the label's own cell are its text (`（三）不予公开 4`
                // with `.保护第三方合法权益` below it), not a cell — unless the row's
                // reader finds its label whole without them (see `Label::numbers_inside`).
                label = text.clone();
                inside = std::mem::take(&mut trailing);
            }
            if current.has_number() {
                out.push(std::mem::replace(
                    current,
                    Segment {
                        positional: unit.positional,
                        padded_at_end: unit.padded_at_end,
                        ..Segment::default()
                    },
                ));
            } else {
                // Blank cells before a label are the columns of merged row-group labels.
                current.values.clear();
            }
            let current_label = current.label.get_or_insert_with(Label::default);
            current_label.push(&label);
            current_label.numbers_inside.extend(inside);
            current.values.extend(trailing);
            true
        }
    }
}

/// Words of the table headings (compact): column headers and captions, never row labels.
const HEADING_WORDS: &[&str] = &[
    "申请人情况",
    "法人或其他组织",
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他结果",
    "其他",
    "总计",
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额(单位万元)",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "尚未审结",
    "未经复议直接起诉",
    "复议后起诉",
];

/// Whether a label is a table heading: the corner note, or two or more heading words and
/// nothing else. A single `总计` or `其他` may be a row label (（七）总计, （六）3.其他).
fn is_heading(label: &Label) -> bool {
    let text = label.joined();
    if text.contains("勾稽关系") || text.contains("申请人情况") {
        return true;
    }
    let mut rest = text.as_str();
    let mut words = 0;
    while let Some(after) = HEADING_WORDS.iter().find_map(|w| rest.strip_prefix(w)) {
        rest = after;
        words += 1;
    }
    rest.is_empty() && words >= 2
}

/// The value cells read for one recognised row.
#[derive(Clone, Debug)]
pub(crate) struct RowRead<R> {
    pub row: R,
    pub label: Label,
    pub values: Vec<ValueCell>,
    /// Whether the row came from a table whose every column produced a cell.
    pub positional: bool,
    /// See [`Unit::padded_at_end`].
    pub padded_at_end: bool,
    /// Index of the segment that opened the row, for document order.
    pub at: usize,
    /// How many lines of plain text with bare numbers (no label piece) that followed its label
    /// gave it numbers (a wrapped label: one; a column dump: several).
    pub attached: usize,
    /// Whether its numbers came from a line after its label, which stood alone: in a table that
    /// prints labels below their numbers they may be the next row's.
    pub below_bare_label: bool,
    /// The blank marks alone on a line (`无`) that stood among its numbers printed a cell a line,
    /// each with how many of its numbers stand before it: no cell of the row is taken from one,
    /// so a number after it may be no cell either.
    pub marks: Vec<(usize, ValueCell)>,
}

/// Rows read from a table section, and segments with numbers that belong to no row (with the
/// index of each segment, for document order).
pub(crate) struct Reading<R> {
    pub rows: Vec<RowRead<R>>,
    pub orphans: Vec<(usize, Segment)>,
    /// Whether the table shows labels printed below their numbers: a label alone right after
    /// numbers that no row took (more than one cell, or as many as its row has). Numbers on the
    /// line after a label alone are then not the label's by adjacency. (A label alone that no
    /// numbers followed is no sign of it: group labels and tables printed one cell per line
    /// leave those; nor is one number before a wider row's label: a bare page number.)
    pub labels_below: bool,
    /// Indexes of the table headings among the segments (a sub-table's column headers, or the
    /// heading repeated where a table continues on the next page): no row runs across one.
    pub headings: Vec<usize>,
}

/// Whether a label starts with row numbering (`3.`, `(三)`, `三、`): it opens a row of its own
/// rather than continuing the label before it.
fn is_numbered(label: &Label) -> bool {
    let text = label.joined();
    crate::template::strip_numbering(&text).len() < text.len()
}

/// Reads the rows of a table: a recognised label opens a row; numbers without a recognised label
/// (on the next lines, after a wrapped label) go to the open row until it has its cells, but not
/// to a row of plain text that printed some of its numbers beside its label when either line
/// holds several (a row on two baselines: the lines' order is not the columns').
///
/// In a table that shows labels printed below their numbers ([`Reading::labels_below`]), the
/// numbers between two labels alone may be either's: no label alone takes numbers then, they
/// are unlabelled rows, placed only by the template's order where the count leaves no doubt.
pub(crate) fn read_rows<R: Copy + PartialEq>(
    segments: Vec<Segment>,
    recognise: impl Fn(&Label, Option<R>, usize) -> Option<R>,
    expected: impl Fn(R) -> usize,
) -> Reading<R> {
    let mut segments = segments;
    rejoin_torn_numbering(&mut segments);
    let reading = read_rows_with(segments.clone(), &recognise, &expected, false);
    let mut reading = if reading.labels_below {
        read_rows_with(segments, &recognise, &expected, true)
    } else {
        reading
    };
    strip_table_padding(&mut reading.rows, &mut reading.orphans, &expected);
    reading
}

/// Drops the empty cells that every row of a table holding more cells than its columns ends
/// with (at least two such rows; tab-separated rows and a pipe table's widest rows counted
/// apart): the table's padding, not cells, so that [`fit`] need not guess which of a row's
/// empty cells pad it. Tab-separated text pads its rows alike (seed 004 ends each with two
/// tabs); a converter adds an empty last column to every row of Word's grid in Markdown, and
/// to the table's lines of numbers without a label too. A row's own blank last cell is one
/// empty cell more.
///
/// Where a row of a pipe table prints every one of its numbers with an empty cell between two
/// of them, that cell is a column of the converter's grid (Word's grid split between two
/// numbers): the table's empty cells may be such columns rather than the report's blanks, so
/// they are marked [`ValueCell::Blank::off_grid`], and [`fit`] reads a row holding one only
/// where it shows which of its empty cells is blank.
fn strip_table_padding<R: Copy>(
    rows: &mut [RowRead<R>],
    orphans: &mut [(usize, Segment)],
    expected: &impl Fn(R) -> usize,
) {
    let surplus = |row: &RowRead<R>| row.values.len().saturating_sub(expected(row.row));
    let trailing = |values: &[ValueCell]| values.iter().rev().take_while(|v| v.is_empty()).count();
    // A pipe table's narrower rows (表二's one-column rows in its grid of four) end with empty
    // cells of the grid: only its widest rows show a converter's column.
    let widest = rows
        .iter()
        .filter(|r| r.positional && !r.padded_at_end)
        .map(|r| expected(r.row))
        .max()
        .unwrap_or(0);
    for padded_at_end in [true, false] {
        let in_group = |row: &RowRead<R>| {
            row.padded_at_end == padded_at_end
                && (padded_at_end || (row.positional && expected(row.row) == widest))
                && surplus(row) > 0
        };
        if rows.iter().filter(|r| in_group(r)).count() < 2 {
            continue;
        }
        let end = rows
            .iter()
            .filter(|r| in_group(r))
            .map(|r| trailing(&r.values))
            .min()
            .unwrap_or(0);
        for row in rows.iter_mut().filter(|r| in_group(r)) {
            let keep = row.values.len() - end.min(surplus(row));
            row.values.truncate(keep);
        }
        if padded_at_end || end == 0 {
            continue;
        }
        for (_, orphan) in orphans.iter_mut() {
            if orphan.positional && !orphan.padded_at_end {
                let keep = orphan.values.len() - end.min(trailing(&orphan.values));
                orphan.values.truncate(keep);
            }
        }
    }
    // A row printing every one of its numbers with an empty cell between two of them: that
    // cell is a column of the converter's grid, not one of the report's.
    let off_grid = rows.iter().any(|r| {
        let printed = |v: &ValueCell| !v.is_empty();
        let first = r.values.iter().position(printed).unwrap_or(0);
        let last = r.values.iter().rposition(printed).unwrap_or(0);
        r.positional
            && !r.padded_at_end
            && r.values.iter().filter(|v| printed(v)).count() == expected(r.row)
            && r.values[first..last].iter().any(ValueCell::is_empty)
    });
    if !off_grid {
        return;
    }
    let pipe_rows = rows
        .iter_mut()
        .map(|r| (r.positional && !r.padded_at_end, &mut r.values));
    let pipe_orphans = orphans
        .iter_mut()
        .map(|(_, o)| (o.positional && !o.padded_at_end, &mut o.values));
    for (pipe, values) in pipe_rows.chain(pipe_orphans) {
        for value in values.iter_mut().filter(|_| pipe) {
            if let ValueCell::Blank { raw, off_grid, .. } = value
                && raw.trim().is_empty()
            {
                *off_grid = true;
            }
        }
    }
}

/// Gives back to its label the row numbering a line break tore from it: `（六）其他处理 3` over
/// `.其他` is the group label beside `3.其他`, not a row with the count 3. A label never starts
/// with `.` or `、`, so the digit before one is its numbering, never a count.
///
/// Where the numbering is followed by numbers on its line and the rest of the label stands
/// alone below (`（五）不予处理 2   0   1   0   5   2   0   8` over `.重复申请`: the label's first
/// piece beside the numbers, cut after the numbering), the digit is the first token after the
/// label, the numbers after it are the row's, and the two pieces are one label.
fn rejoin_torn_numbering(segments: &mut [Segment]) {
    for k in 1..segments.len() {
        let (head, tail) = segments.split_at_mut(k);
        let (Some(before), Some(after)) = (head.last_mut(), tail.first_mut()) else {
            continue;
        };
        let digit = match before.values.first() {
            Some(ValueCell::Token { text, .. })
                if before.label.is_some()
                    && (1..=2).contains(&text.len())
                    && text.chars().all(|c| c.is_ascii_digit()) =>
            {
                text.clone()
            }
            _ => continue,
        };
        let with_numbers = before.values.len() > 1;
        // Beside numbers, only a group label's leaf numbering: a leaf label wrapped before its
        // `、` (`1.申请人无正当理由逾期不补正` over `、行政机关不再处理…`) has its count first. In
        // a table with a cell per column the numbering stays in the label's cell (its digits
        // are label text there), so the first number after it is a cell.
        let leaf_numbering = !before.positional
            && before
                .label
                .as_ref()
                .and_then(|l| crate::truncated::group_leaves(&l.joined()))
                .is_some_and(|leaves| {
                    digit
                        .parse::<u32>()
                        .is_ok_and(|n| (1..=leaves).contains(&n))
                });
        if with_numbers && (after.has_number() || !leaf_numbering) {
            continue;
        }
        let Some(first) = after.label.as_mut().and_then(|l| l.cells.first_mut()) else {
            continue;
        };
        if !first.starts_with(['.', '．', '、']) {
            continue;
        }
        *first = format!("{digit}{first}");
        if let Some(label) = after.label.as_mut() {
            label.published = format!("{digit}{}", label.published);
        }
        if with_numbers {
            before.values.remove(0);
            if let (Some(label), Some(rest)) = (before.label.as_mut(), after.label.take()) {
                *label = label.joined_with(&rest);
            }
        } else {
            before.values.clear();
        }
    }
}

/// [`read_rows`], with labels alone taking no numbers (`bare_labels_closed`) or the numbers that
/// follow them.
fn read_rows_with<R: Copy + PartialEq>(
    segments: Vec<Segment>,
    recognise: &impl Fn(&Label, Option<R>, usize) -> Option<R>,
    expected: &impl Fn(R) -> usize,
    bare_labels_closed: bool,
) -> Reading<R> {
    let mut rows: Vec<RowRead<R>> = Vec::new();
    let mut orphans = Vec::new();
    let mut open: Option<(RowRead<R>, bool)> = None;
    let mut previous: Option<R> = None;
    // An unrecognised label without numbers: perhaps the first line of a wrapped label.
    let mut carry: Option<Label> = None;
    // The cells of the segments with numbers that went to no row since a row last took some or
    // a label was read: a label without numbers right after several, or as many as its row has
    // cells, may be that row's label printed below its numbers, so it does not take the numbers
    // that follow (they are placed by the template's order, confirmed by the identities). One
    // cell before a label of a wider row is no row of its: a page number printed bare between
    // a table's cells a line.
    let mut orphan_cells = 0usize;
    let mut labels_below = false;
    let mut headings = Vec::new();
    // Whether a segment stands before more numbers of its row: the blank cells on lines of
    // their own after it (if any), then numbers without a label.
    let mut before_number = vec![false; segments.len()];
    for i in (0..segments.len()).rev() {
        before_number[i] = match segments.get(i + 1) {
            Some(next) if is_blank_cell_line(next) => before_number[i + 1],
            Some(next) => next.label.is_none() && next.has_number(),
            None => false,
        };
    }
    let mut segments = segments.into_iter().enumerate().peekable();
    while let Some((at, mut segment)) = segments.next() {
        if !segment.has_number() && segment.label.as_ref().is_some_and(is_heading) {
            // A table heading, repeated where the table continues on the next page, or the
            // header of the next part of a table: numbers after it are not those of a label
            // that stood alone before it (a row is not cut from its numbers by a heading).
            carry = None;
            headings.push(at);
            if let Some((open_row, closed)) = open.as_mut()
                && !open_row.values.iter().any(|v| !v.is_blank())
            {
                *closed = true;
            }
            continue;
        }
        // The figures printed beside the label: a row has at least as many columns.
        let figures = segment.values.iter().filter(|v| !v.is_blank()).count();
        let mut recognised = segment
            .label
            .as_ref()
            .and_then(|l| recognise(l, previous, figures));
        if recognised.is_none()
            && let (Some(first), Some(second)) = (&carry, &segment.label)
            && !is_numbered(second)
        {
            let joined = first.joined_with(second);
            recognised = recognise(&joined, previous, figures);
            if recognised.is_some() {
                segment.label = Some(joined);
            }
        }
        let open_takes_numbers = open
            .as_ref()
            .is_some_and(|(r, closed)| !*closed && r.values.len() < expected(r.row));
        if recognised.is_none()
            && segment.has_number()
            && !open_takes_numbers
            && let Some(first) = &segment.label
            && let Some((_, next)) = segments.peek()
            && (!next.has_number() || (is_numbered(first) && pieces_below(&segment, next)))
            && let Some(second) = &next.label
            && !is_numbered(second)
        {
            // The numbers stand on the first line of a wrapped label: `5.要求行政机关确认或  1 0 …`
            // followed by `重新出具已获取信息`, or, its numbering begun, by the next line of the
            // label beside the pieces of the numbers wrapped in narrow cells (`不掌握相  7 3`
            // under `1.本机关  0 8 0 165821 71 507 165880`), which stay there for the row to
            // take. (The first line's label must carry a numbering: an unnumbered label beside
            // numbers is a row of its own, as `规章  0 0 0` over `行政规范性文件  9 6 9`.)
            let joined = first.joined_with(second);
            recognised = recognise(&joined, previous, figures);
            if recognised.is_some() {
                segment.label = Some(joined);
                if !next.has_number() {
                    segments.next();
                }
            }
        }
        carry = if recognised.is_none() && !segment.has_number() {
            segment.label.clone()
        } else {
            None
        };
        let closes = |row: &RowRead<R>, seg: &Segment| {
            row.values.len() >= expected(row.row)
                || (seg.label.is_some() && seg.positional && !seg.values.is_empty())
        };
        if let Some(row) = recognised {
            previous = Some(row);
            if !segment.has_number()
                && open
                    .as_ref()
                    .is_some_and(|(r, _)| r.row == row && r.values.iter().any(|v| !v.is_blank()))
            {
                // The rest of the label of the row just read, wrapped below its numbers.
                continue;
            }
            if let Some((open_row, closed)) = open.as_mut()
                && open_row.row == row
                && !*closed
                && !open_row.values.iter().any(|v| !v.is_blank())
            {
                // The same label again, wrapped: `2、申请人逾期未按收费通知要` / `求缴纳费用…  6 0 …`.
                *closed = closes(open_row, &segment);
                open_row.values.extend(segment.values);
                *closed |= open_row.values.len() >= expected(open_row.row);
                continue;
            }
            if let Some((open_row, _)) = open.as_mut()
                && open_row.row == row
                && wrapped_below(open_row, &segment, expected(row))
            {
                // The rest of the label of the row just read, beside the further pieces of its
                // numbers wrapped in narrow cells (`过程性信息  0` under `6.属于四类 … 100000`):
                // pieces of its numbers, which only the identities join (`wrapped`).
                open_row.values.extend(segment.values);
                continue;
            }
            if let Some((done, _)) = open.take() {
                rows.push(done);
            }
            let closed_by_segment =
                segment.label.is_some() && segment.positional && !segment.values.is_empty();
            let label_only = !segment.has_number();
            let read = RowRead {
                row,
                label: segment.label.unwrap_or_default(),
                values: segment.values,
                positional: segment.positional,
                padded_at_end: segment.padded_at_end,
                at,
                attached: 0,
                below_bare_label: false,
                marks: Vec::new(),
            };
            // Two labels without numbers in a row: labels and numbers are printed apart (a
            // column dump), so the numbers that follow are not this label's by adjacency.
            let after_bare_label = open
                .as_ref()
                .is_some_and(|(r, _)| !r.values.iter().any(|v| !v.is_blank()));
            let after_orphan = orphan_cells > 1 || orphan_cells == expected(row);
            labels_below |= label_only && after_orphan;
            let closed = closed_by_segment
                || read.values.len() >= expected(row)
                || (label_only && (after_orphan || after_bare_label || bare_labels_closed));
            orphan_cells = 0;
            open = Some((read, closed));
            continue;
        }
        if !segment.has_number() {
            // A blank cell on a line of its own (`/ |`, or a bare `|`, as a web page's table
            // printed a cell a line): the next cell of the row still open, which the publisher
            // left blank. A bare `|` is such a cell only before more of the row's numbers: after
            // them it may be the padding of the row's spanned positions. (A whole row of blanks
            // is a spacer, and a blank before a row's label is the column of a merged group
            // label: neither fills a row.)
            let fills_row = is_blank_cell_line(&segment)
                && (before_number.get(at).copied().unwrap_or(false)
                    || segment.values.iter().any(|v| !v.is_empty()));
            if fills_row
                && let Some((open_row, closed)) = open.as_mut()
                && !*closed
                && open_row.positional
                && open_row.values.len() < expected(open_row.row)
            {
                open_row.values.extend(segment.values);
                *closed = open_row.values.len() >= expected(open_row.row);
            } else if is_blank_mark_alone(&segment)
                && let Some((open_row, closed)) = open.as_mut()
                && !*closed
                && !open_row.positional
            {
                let at = open_row.values.len();
                open_row
                    .marks
                    .extend(segment.values.into_iter().map(|mark| (at, mark)));
            }
            continue;
        }
        // A row of plain text whose own line printed some of its numbers and whose other numbers
        // stand on a line of their own, several on one of the two lines: the lines' order is not
        // the columns' (a PDF prints a row's figures on two baselines, either first), so the row
        // is not completed from it. (One number a line is a table printed a cell a line, in
        // column order: `行政规范性文件6` over `3` and `18`.)
        let split_over_lines = open.as_ref().is_some_and(|(open_row, _)| {
            !open_row.positional
                && !segment.positional
                && segment.label.is_none()
                && open_row.attached == 0
                && open_row.values.iter().any(|v| !v.is_blank())
                && (open_row.values.len() > 1 || segment.values.len() > 1)
        });
        // A piece of a label beside numbers, after a row of plain text whose own line printed
        // some of its numbers one space apart: not the rest of its numbers (text wrapped prints
        // no label after a row's numbers), but a group label's piece beside the bottoms of
        // numbers wrapped in a tall row's narrow cells, in text that keeps no columns
        // (`（一）予以公开 21 0 0 50 3` over `年度办 88 62`, the pieces of 1288 and 1362 read
        // as its last cells). Where columns are kept, the lines are stacked by them
        // (`tall::stack`), the row's label going on beside its further pieces.
        let label_after_numbers = open.as_ref().is_some_and(|(open_row, _)| {
            !open_row.positional
                && !segment.positional
                && segment.label.is_some()
                && open_row.values.iter().any(|v| !v.is_blank())
                && one_space_apart(&open_row.values)
        });
        if (split_over_lines || label_after_numbers)
            && let Some((_, closed)) = open.as_mut()
        {
            *closed = true;
        }
        match open.as_mut() {
            Some((open_row, closed))
                if !*closed && open_row.values.len() < expected(open_row.row) =>
            {
                if segment.label.is_none() && !open_row.values.iter().any(|v| !v.is_blank()) {
                    open_row.below_bare_label = true;
                }
                open_row.values.extend(segment.values);
                // Cells of a table printed one per line (`0 |`) follow their label by design,
                // and numbers beside the rest of a wrapped label stand beside their label.
                if !segment.positional && segment.label.is_none() {
                    open_row.attached += 1;
                }
                *closed = open_row.values.len() >= expected(open_row.row);
                orphan_cells = 0;
            }
            _ => {
                orphan_cells += segment.values.len();
                orphans.push((at, segment));
            }
        }
    }
    if let Some((done, _)) = open {
        rows.push(done);
    }
    Reading {
        rows,
        orphans,
        labels_below,
        headings,
    }
}

/// Whether `values` stand on one line, each one space after the one before, as text that keeps
/// no columns prints a row (pdfplumber's `extract_text()`): no column says which number a piece
/// on the line above or below goes on.
pub(crate) fn one_space_apart(values: &[ValueCell]) -> bool {
    let Some(first) = values.first().and_then(ValueCell::pos) else {
        return false;
    };
    let mut end = first.column;
    values.iter().all(|value| {
        let Some(pos) = value.pos() else {
            return false;
        };
        let apart = pos.line == first.line && (pos.column == first.column || pos.column == end + 1);
        let width = u32::try_from(value.raw().chars().count()).unwrap_or(u32::MAX / 2);
        end = pos.column.saturating_add(width);
        apart
    })
}

/// Whether `segment`, a piece of `row`'s label again, holds further pieces of the row's numbers
/// wrapped in narrow cells: fewer numbers than the row's `columns`, all digits, on the line right
/// below the row's numbers, in plain text (a table row of a Markdown or HTML table naming the
/// row again is a row of its own).
fn wrapped_below<R>(row: &RowRead<R>, segment: &Segment, columns: usize) -> bool {
    segment.values.len() < columns
        && pieces_on_the_line_below((&row.values, row.positional), segment)
}

/// Whether the numbers of `next` may be pieces of the numbers of `segment` wrapped in narrow
/// cells: runs of digits all, on the line right below, no more of them than `segment` prints.
fn pieces_below(segment: &Segment, next: &Segment) -> bool {
    next.values.len() <= segment.values.len()
        && pieces_on_the_line_below((&segment.values, segment.positional), next)
}

/// Whether `next` prints numbers, runs of digits all, on the line right below `values` (runs of
/// digits all), both in plain text (`positional` false for `values`).
fn pieces_on_the_line_below((values, positional): (&[ValueCell], bool), next: &Segment) -> bool {
    let line_of = |v: &ValueCell| v.pos().map(|p| p.line);
    let below = values.iter().filter_map(line_of).max().map(|l| l + 1);
    !positional
        && !next.positional
        && values.iter().all(|v| v.digit_run().is_some())
        && !next.values.is_empty()
        && next
            .values
            .iter()
            .all(|v| v.digit_run().is_some() && line_of(v) == below)
}

/// How the value cells of a row fit its columns.
#[derive(Debug)]
pub(crate) enum Fit {
    /// One value cell per column.
    Exact(Vec<ValueCell>),
    /// A single run of digits where several cells were expected: cells run together.
    RunTogether(ValueCell),
    /// Neither; the count found.
    Mismatch(usize),
}

/// Fits value cells to `expected` columns. Surplus empty cells at the ends are dropped: first at
/// the end for tab-separated text, which pads its rows, else first at the start, where the columns
/// of a label spanning several stand. A blank mark (`/`, `—`) is a cell the publisher printed,
/// never padding. Where the surplus could be taken from either end of a padded row (the table's
/// common padding already gone, [`strip_table_padding`]), which of its cells the numbers fill is
/// not known (one of its empty cells is the publisher's blank), so the row is not fitted; nor
/// is a row of a table whose empty cells may be the converter's grid columns
/// ([`ValueCell::Blank::off_grid`]) that keeps an empty cell apart from those it drops.
pub(crate) fn fit(mut values: Vec<ValueCell>, expected: usize, padded_at_end: bool) -> Fit {
    // A number spanning two columns of the converter's grid where the table has one (Word's grid
    // columns end a little apart from row to row; LibreOffice's HTML of 表四 spans 总计 over two)
    // is one cell: its covered columns go when the row holds exactly that many cells too many,
    // before the ends (an empty cell at the start may be the publisher's blank).
    let spanned = |v: &ValueCell| matches!(v, ValueCell::Blank { spanned: true, .. });
    let drop_spanned = |values: &mut Vec<ValueCell>| {
        if values.len() > expected
            && values.len() - values.iter().filter(|v| spanned(v)).count() == expected
        {
            values.retain(|v| !spanned(v));
        }
    };
    drop_spanned(&mut values);
    let surplus = values.len().saturating_sub(expected);
    if padded_at_end {
        // Empty cells at both ends of a padded row: the padding may be either, so which cells
        // the numbers fill is not known (the empty cells from the start that may go run from
        // `surplus - trailing` to `leading`).
        let leading = values
            .iter()
            .take(surplus)
            .take_while(|v| v.is_empty())
            .count();
        let trailing = values
            .iter()
            .rev()
            .take(surplus)
            .take_while(|v| v.is_empty())
            .count();
        if leading.min(surplus) > surplus.saturating_sub(trailing) {
            return Fit::Mismatch(values.len());
        }
    }
    let drop_trailing = |values: &mut Vec<ValueCell>| {
        while values.len() > expected && values.last().is_some_and(ValueCell::is_empty) {
            values.pop();
        }
    };
    let drop_leading = |values: &mut Vec<ValueCell>| {
        let surplus_leading = values
            .iter()
            .take(values.len().saturating_sub(expected))
            .take_while(|v| v.is_empty())
            .count();
        values.drain(..surplus_leading);
    };
    let empties = |values: &[ValueCell]| values.iter().filter(|v| v.is_empty()).count();
    let before = empties(&values);
    let one_run = {
        let first = values.iter().position(ValueCell::is_empty).unwrap_or(0);
        values
            .iter()
            .skip(first)
            .take(before)
            .all(ValueCell::is_empty)
    };
    if padded_at_end {
        drop_trailing(&mut values);
        drop_leading(&mut values);
    } else {
        drop_leading(&mut values);
        drop_trailing(&mut values);
    }
    // Empty cells dropped from a row of a table whose empty cells may be the converter's grid
    // columns, while the row keeps one: which of them is the publisher's blank is not shown
    // (unless they all stand together, which reads the same whichever goes).
    let off_grid = values
        .iter()
        .any(|v| matches!(v, ValueCell::Blank { off_grid: true, .. }) && v.is_empty());
    if off_grid && empties(&values) < before && !one_run {
        return Fit::Mismatch(values.len() + before - empties(&values));
    }
    // No count is printed with a leading zero: `00` or `05` is cells run together, and a row
    // holding one is never read as printed, even when its count of tokens fits.
    let run_together = |cell: &ValueCell| match cell {
        ValueCell::Token { text, .. } => {
            text.len() >= 2 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit())
        }
        ValueCell::Blank { .. } => false,
    };
    drop_spanned(&mut values);
    if values.len() == expected && !values.iter().any(run_together) {
        return Fit::Exact(values);
    }
    if let Some(split) = zeros_run_together(&values, expected) {
        return Fit::Exact(split);
    }
    if values.len() == 1
        && expected > 1
        && let Some(ValueCell::Token { text, .. }) = values.first()
        && text.len() >= expected
        && text.chars().all(|c| c.is_ascii_digit())
    {
        return values.pop().map_or(Fit::Mismatch(0), Fit::RunTogether);
    }
    Fit::Mismatch(values.len())
}

/// A row short of its columns by exactly the zeros that `pdftotext -layout` runs together in a
/// narrow table (`0 0` printed `00`): no count is printed with a leading zero, so a token of two
/// or more zeros is that many cells of 0, each at its own column; `None` unless splitting every
/// such token gives `expected` cells.
fn zeros_run_together(values: &[ValueCell], expected: usize) -> Option<Vec<ValueCell>> {
    let zeros = |cell: &ValueCell| match cell {
        ValueCell::Token { text, raw, .. }
            if text.len() >= 2 && text.bytes().all(|b| b == b'0') && raw.trim() == text =>
        {
            Some(text.len())
        }
        _ => None,
    };
    let extra: usize = values.iter().filter_map(|c| zeros(c).map(|n| n - 1)).sum();
    if extra == 0 || values.len() + extra != expected {
        return None;
    }
    Some(
        values
            .iter()
            .flat_map(|cell| match (zeros(cell), cell.pos()) {
                (Some(n), Some(pos)) => (0..n)
                    .map(|k| ValueCell::Token {
                        text: "0".to_owned(),
                        raw: "0".to_owned(),
                        pos: SourcePos {
                            line: pos.line,
                            column: pos.column + u32::try_from(k).unwrap_or(0),
                        },
                    })
                    .collect(),
                _ => vec![cell.clone()],
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::units_from_lines;
    use crate::normalize::text_lines;

    fn segs(text: &str) -> Vec<(String, Vec<String>)> {
        let lines = text_lines(text);
        let refs: Vec<&PosText> = lines.iter().collect();
        units_from_lines(&refs)
            .iter()
            .flat_map(segments)
            .map(|s| {
                (
                    s.label.map(|l| l.joined()).unwrap_or_default(),
                    s.values.iter().map(|v| v.raw().to_owned()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn glued_digits_and_noise_cells() {
        assert_eq!(
            segs("一、本年新收政府信息公开申请数量801000081"),
            vec![(
                "一、本年新收政府信息公开申请数量".to_owned(),
                vec!["801000081".to_owned()]
            )]
        );
        let got = segs("\t(七)总记\t†\t0\t1\t\t\n");
        assert_eq!(got[0].0, "(七)总记");
        assert_eq!(got[0].1, vec!["0", "1", "", ""]);
    }

    #[test]
    fn two_rows_on_one_line() {
        let got = segs("规章  0  1  2  行政规范性文件  3  4  5");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, "行政规范性文件");
    }

    #[test]
    fn a_row_printed_on_two_baselines_is_not_completed_in_line_order() {
        let recognise =
            |l: &Label, _: Option<u8>, _: usize| l.joined().contains("第三方").then_some(1);
        let read = |text: &str| {
            let lines = text_lines(text);
            let refs: Vec<&PosText> = lines.iter().collect();
            let segments: Vec<Segment> =
                units_from_lines(&refs).iter().flat_map(segments).collect();
            let reading = read_rows(segments, recognise, |_| 3);
            let rows: Vec<usize> = reading.rows.iter().map(|r| r.values.len()).collect();
            (rows, reading.orphans.len())
        };
        // `183` is the second column's, printed a point higher than the row's other figures.
        assert_eq!(
            read("保护第三方合法权益     183\n        8              191\n"),
            (vec![1], 1)
        );
        // A table printed a cell a line keeps its column order.
        assert_eq!(read("保护第三方合法权益8\n183\n191\n"), (vec![3], 0));
    }

    #[test]
    fn labels_wrapped_around_their_numbers() {
        let recognise = |l: &Label, _: Option<u8>, _: usize| {
            let text = l.joined();
            if text.contains("确认或重新") {
                Some(1)
            } else if text.contains("国家秘密") {
                Some(2)
            } else {
                None
            }
        };
        for text in [
            "要求行政机关确认或  1  0  1\n重新出具已获取信息\n属于国家秘密  5  0  5",
            "要求行政机关确认或\n重新出具已获取信息  1  0  1\n属于国家秘密  5  0  5",
        ] {
            let lines = text_lines(text);
            let refs: Vec<&PosText> = lines.iter().collect();
            let segments: Vec<Segment> =
                units_from_lines(&refs).iter().flat_map(segments).collect();
            let reading = read_rows(segments, recognise, |_| 3);
            let rows: Vec<(u8, usize)> = reading
                .rows
                .iter()
                .map(|r| (r.row, r.values.len()))
                .collect();
            assert_eq!(rows, vec![(1, 3), (2, 3)], "{text}");
            assert!(reading.orphans.is_empty());
        }
    }

    #[test]
    fn a_label_repeated_over_its_merged_cells_is_one_piece() {
        let got = segs("| 三、本年度办理结果 | （六）其他处理 | （六）其他处理 | 3 | 0 | 3 |\n");
        assert_eq!(
            got,
            vec![(
                "三、本年度办理结果(六)其他处理".to_owned(),
                vec!["3".to_owned(), "0".to_owned(), "3".to_owned()]
            )]
        );
    }

    /// The rows `text` reads, each with the raw text of its cells, and whether no numbers were
    /// left over.
    fn rows_read(
        text: &str,
        recognise: impl Fn(&Label, Option<u8>, usize) -> Option<u8>,
    ) -> (Vec<(u8, Vec<String>)>, bool) {
        let lines = text_lines(text);
        let refs: Vec<&PosText> = lines.iter().collect();
        let segments: Vec<Segment> = units_from_lines(&refs).iter().flat_map(segments).collect();
        let reading = read_rows(segments, recognise, |_| 3);
        let rows = reading
            .rows
            .iter()
            .map(|r| (r.row, r.values.iter().map(|v| v.raw().to_owned()).collect()))
            .collect();
        (rows, reading.orphans.is_empty())
    }

    #[test]
    fn numbering_torn_from_its_label_is_given_back() {
        let cells = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
        let recognise = |l: &Label, _: Option<u8>, _: usize| (l.joined() == "3.其他").then_some(1);
        for text in [
            "(六)其他处理   3\n.其他\n1   2   3",
            "(六)其他处理 3\n.其他 1 2 3",
        ] {
            let expected = vec![(1, cells(&["1", "2", "3"]))];
            assert_eq!(rows_read(text, recognise), (expected, true), "{text}");
        }
        // The numbering beside the row's numbers, the rest of its label below: one label.
        let recognise = |l: &Label, _: Option<u8>, _: usize| {
            (l.joined() == "(五)不予处理2.重复申请").then_some(2)
        };
        for text in [
            "(五)不予处理 2   0   1   9\n.重复申请",
            "(五)不予处理 2 0 1 9\n.重复申请",
        ] {
            let expected = vec![(2, cells(&["0", "1", "9"]))];
            assert_eq!(rows_read(text, recognise), (expected, true), "{text}");
        }
        // Not a leaf label wrapped before its `、`, whose first number is a count, nor numbering
        // that no group label stands before.
        let recognise = |l: &Label, _: Option<u8>, _: usize| {
            (l.joined().starts_with("1.申请人") || l.joined().starts_with("(二)部分公开"))
                .then_some(3)
        };
        for text in [
            "1.申请人无正当理由逾期不补正 1 0 1\n、行政机关不再处理",
            "(二)部分公开 1 0 1\n.重复申请",
        ] {
            let (rows, _) = rows_read(text, recognise);
            let values: Vec<Vec<String>> = rows.into_iter().map(|(_, v)| v).collect();
            assert_eq!(values, vec![cells(&["1", "0", "1"])], "{text}");
        }
    }

    #[test]
    fn fits_padding() {
        let blank = || ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: false,
        };
        let num = || ValueCell::Token {
            text: "0".into(),
            raw: "0".into(),
            pos: SourcePos::default(),
        };
        assert!(matches!(
            fit(vec![blank(), num(), num(), blank()], 2, true),
            Fit::Exact(_)
        ));
        // A real blank last cell behind a spanned label column: the leading blank goes.
        match fit(vec![blank(), num(), blank()], 2, false) {
            Fit::Exact(v) => assert!(!v[0].is_blank() && v[1].is_blank()),
            other => panic!("{other:?}"),
        }
        // Unless the table's empty cells may be its converter's grid columns: then which is
        // blank is not shown, but where the empty cells stand together.
        let off_grid = || ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: true,
        };
        assert!(matches!(
            fit(vec![off_grid(), num(), off_grid()], 2, false),
            Fit::Mismatch(3)
        ));
        assert!(matches!(
            fit(vec![off_grid(), off_grid(), num()], 2, false),
            Fit::Exact(_)
        ));
        assert!(matches!(fit(vec![num()], 3, false), Fit::Mismatch(1)));
    }

    /// A number spanning two columns of Word's grid (LibreOffice's HTML of 表四's 总计) is one
    /// cell where the row holds exactly one too many with its spanned column; where the row fits
    /// with it, the spanned column is a blank cell of the report, as printed.
    #[test]
    fn a_numbers_spanned_column_is_no_cell_only_where_one_too_many() {
        let spanned = || ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: true,
            off_grid: false,
        };
        let num = |n: &str| ValueCell::Token {
            text: n.into(),
            raw: n.into(),
            pos: SourcePos::default(),
        };
        let texts = |fit: Fit| match fit {
            Fit::Exact(v) => v.iter().map(|c| c.raw().to_owned()).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let row = vec![num("37"), num("351"), spanned(), num("13"), num("4")];
        assert_eq!(texts(fit(row.clone(), 4, false)), ["37", "351", "13", "4"]);
        match fit(row.clone(), 5, false) {
            Fit::Exact(v) => assert!(v.get(2).is_some_and(ValueCell::is_blank)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(fit(row, 3, false), Fit::Mismatch(5)));
    }

    fn pieces(line: &str) -> Vec<String> {
        let text = text_lines(line).remove(0);
        rows_run_together(&text, false)
            .iter()
            .map(|piece| piece.published().trim().to_owned())
            .collect()
    }

    #[test]
    fn rows_on_one_line_a_space_apart_are_cut_before_each_row_label() {
        assert_eq!(
            pieces(
                "1.本机关不掌握相关政府信息 136 1 0 0 1 0 138 （四）无法提供 2.没有现成信息需要另行制作 0 0 0 0 0 0 0"
            ),
            [
                "1.本机关不掌握相关政府信息 136 1 0 0 1 0 138",
                "（四）无法提供 2.没有现成信息需要另行制作 0 0 0 0 0 0 0"
            ]
        );
        assert_eq!(
            pieces("规章 1 0 11 行政规范性文件 8 26 66"),
            ["规章 1 0 11", "行政规范性文件 8 26 66"]
        );
    }

    #[test]
    fn a_number_glued_to_the_next_rows_numbering_is_cut_from_it() {
        assert_eq!(pieces("4三、本"), ["4", "三、本"]);
        assert_eq!(
            pieces("行政处罚 269行政强制 33"),
            ["行政处罚 269", "行政强制 33"]
        );
        assert_eq!(
            pieces("0 4三、本 （一）予以公开 109"),
            ["0 4", "三、本 （一）予以公开 109"]
        );
        // A number glued to other text, or to numbering without its mark, stays whole.
        assert_eq!(pieces("2024年"), ["2024年"]);
        assert_eq!(pieces("4三本"), ["4三本"]);
        assert_eq!(pieces("3940元"), ["3940元"]);
        // The first piece of a group label wrapped in its cell (（三）不予公开 over three lines).
        assert_eq!(
            pieces("（三） 1.属于 0 0 0 0 0 0 0不予公 国家秘"),
            ["（三） 1.属于 0 0 0 0 0 0 0", "不予公 国家秘"]
        );
        // Text that starts no group label stays with the row.
        assert_eq!(pieces("4.保护 2 0 0 2件"), ["4.保护 2 0 0 2件"]);
        // A piece of the row's own label wrapped on the baseline, and a caption.
        assert_eq!(
            pieces("四、结 103 0 0 0 0 0 103转下年"),
            ["四、结 103 0 0 0 0 0 103", "转下年"]
        );
        assert_eq!(
            pieces("行政强制 88283第二十条第（八）项"),
            ["行政强制 88283", "第二十条第（八）项"]
        );
        // A year with 年度 after no number stays whole, as text.
        assert_eq!(
            pieces("2024年度 本年度办理结果"),
            ["2024年度 本年度办理结果"]
        );
    }

    #[test]
    fn text_after_numbers_that_opens_no_row_stays_with_them() {
        assert_eq!(
            pieces("规章 5 0 22（其中修订 16 件）"),
            ["规章 5 0 22（其中修订 16 件）"]
        );
        assert_eq!(pieces("行政许可 9893 件"), ["行政许可 9893 件"]);
    }

    fn tokens(printed: &str) -> Vec<ValueCell> {
        printed
            .split(' ')
            .zip(1..)
            .map(|(t, column)| ValueCell::Token {
                text: t.to_owned(),
                raw: t.to_owned(),
                pos: SourcePos { line: 1, column },
            })
            .collect()
    }

    fn texts(fit: Fit) -> Option<Vec<String>> {
        match fit {
            Fit::Exact(values) => Some(
                values
                    .iter()
                    .map(|v| match v {
                        ValueCell::Token { text, .. } => text.clone(),
                        ValueCell::Blank { .. } => String::new(),
                    })
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Word's grid flattened into Markdown: the empty cells too many are the converter's, a
    /// blank mark among the numbers is the publisher's cell and stays.
    #[test]
    fn empty_cells_too_many_go_and_blank_marks_stay() {
        let cells = |printed: &str| -> Vec<ValueCell> {
            printed
                .split(' ')
                .map(|t| match t {
                    "_" | "/" => ValueCell::Blank {
                        pos: None,
                        raw: t.replace('_', ""),
                        spanned: false,
                        off_grid: false,
                    },
                    _ => ValueCell::Token {
                        text: t.to_owned(),
                        raw: t.to_owned(),
                        pos: SourcePos::default(),
                    },
                })
                .collect()
        };
        let shown = |values: Option<Vec<ValueCell>>| {
            values.map(|v| v.iter().map(ValueCell::raw).collect::<Vec<_>>().join(" "))
        };
        assert_eq!(
            shown(without_surplus_blanks(&cells("/ 0 0 9 _ 5 _ 985 1004"), 7)),
            Some("/ 0 0 9 5 985 1004".to_owned())
        );
        assert_eq!(
            shown(without_surplus_blanks(&cells("3 0 0 9 _ 5 _ 985 1004"), 7)),
            Some("3 0 0 9 5 985 1004".to_owned())
        );
        // An empty cell more than the row has too many: one of them is the publisher's blank,
        // which is not known.
        assert_eq!(
            shown(without_surplus_blanks(&cells("/ 0 9 _ 5 _ 985 1004"), 7)),
            None
        );
        assert_eq!(
            shown(without_surplus_blanks(&cells("/ 0 0 9 5 985 1004"), 7)),
            None
        );
    }

    #[test]
    fn zeros_run_together_are_as_many_cells_when_the_row_is_short_by_them() {
        // 洪泽 2023's 表四 through `pdftotext -layout` of a LibreOffice export.
        let read = texts(fit(tokens("10 1 0 0 00 0 0 0 0 5 0 00 0"), 15, false));
        assert_eq!(
            read.map(|v| v.join(" ")),
            Some("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".to_owned())
        );
        // Short by more than the zeros account for, or a number with other digits: unread.
        assert!(texts(fit(tokens("1 00 0 0 0"), 7, false)).is_none());
        assert!(texts(fit(tokens("1 05 0 0 0 0"), 7, false)).is_none());
        // Two wrapped numbers' pieces make up for two zeros run together: the count fits, and
        // still the row is not read as printed.
        assert!(texts(fit(tokens("0 1 1 00 0 00 0 0 0 0 0 0 0 1"), 14, false)).is_none());
    }
}

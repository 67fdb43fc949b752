//! Text hard-wrapped at a fixed width: every line longer than N characters (or N display
//! columns, a CJK character two) broken at N, in the middle of a word, a table row or a number
//! (`1927523` as `19275` and `23` on the next line). Read as it stands, a row's first line is
//! a row with its last cells cut off or its last number shortened: a wrong number. Such text is
//! found by its lines and its broken lines are joined again before anything is read.
//!
//! The evidence: many lines exactly as long as the longest (within one column for display
//! widths, where a wide character that did not fit leaves the line a column short; the first
//! and last few lines may be longer, added after the wrap by a crawler or a site), several of
//! them plain prose filled with text to their end, which nothing but a wrap breaks at one width
//! (a layout that pads every line with spaces to the page's width, as pdfplumber's does, ends
//! its prose in spaces). Lines laid out by
//! `pdftotext -layout` or padded Markdown tables reach one width too, but as rows with runs of
//! spaces or pipes, not prose; a text of paragraphs on one line each has few lines of its
//! longest length. A line of that length goes on in the next ([`cut_between`]), unless what
//! follows opens on its own: a row or a label that happened to be as long as the wrap width,
//! then the next row, a heading or a page footer.

use unicode_width::UnicodeWidthChar;

use crate::document::Block;
use crate::normalize::{PosText, SourcePos, is_cjk};

/// Widths nobody wraps at: shorter than a heading, or longer than any editor's page.
const WIDTHS: std::ops::RangeInclusive<usize> = 20..=200;
/// Lines of the wrap width, at least (and one in [`FULL_SHARE`] of the lines with text): a
/// report's prose alone fills more.
const MIN_FULL_LINES: usize = 8;
/// One line with text in this many, at least, is of the wrap width: a table whose rows are
/// short (a Word table of narrow columns) leaves fewer than a tenth.
const FULL_SHARE: usize = 20;
/// Prose lines of the wrap width, at least.
const MIN_FULL_PROSE: usize = 5;
/// Lines with text, at each end, that may be longer than the wrap width: added after the wrap
/// (a crawler's source line or breadcrumb before the title, a site's footer after the text).
const EDGE_LINES: usize = 3;
/// CJK characters a line needs to count as prose.
const PROSE_CJK: usize = 10;

/// How a wrap measures a line.
#[derive(Clone, Copy)]
enum Measure {
    /// Characters (Python's `textwrap`, most converters' `width=`).
    Chars,
    /// Display columns, a CJK character two (terminals, `w3m`, editors).
    Columns,
}

impl Measure {
    fn of(self, line: &str) -> usize {
        match self {
            Self::Chars => line.chars().count(),
            Self::Columns => line.chars().map(|c| c.width().unwrap_or(0)).sum(),
        }
    }

    /// Whether a line measuring `length` was broken at `width`, the next line starting with
    /// `next`: at the width, or a column short where the next character is wide.
    fn broken_at(self, length: usize, width: usize, next: Option<char>) -> bool {
        match self {
            Self::Chars => length == width,
            Self::Columns => {
                length == width
                    || (length + 1 == width && next.and_then(|c| c.width()).is_some_and(|w| w > 1))
            }
        }
    }
}

/// Whether a line of the wrap width is plain prose: many CJK characters, no table structure.
fn is_prose(line: &str) -> bool {
    let body = line.trim();
    !body.contains("  ")
        && !body.contains('\t')
        && !body.contains('|')
        && body.chars().filter(|c| is_cjk(*c)).count() >= PROSE_CJK
}

/// Whether a line of the wrap width was cut there, `next` being the line after it. A wrap cuts
/// wherever the width falls: inside a number (`19275` then `23`), a word, a Markdown ruler, or
/// a row between its cells. A row or a label that merely happened to be as long as the wrap
/// width is followed by a line that opens on its own: a blank, a heading's or row's numbering
/// ([`opens_numbered_line`]), a page footer, the next pipe-closed cell or row (a cut right after
/// a pipe leaves the next cell's padding at the start of the line, or, in a row without padding,
/// the row's next cells up to its closing pipe), or text and numbers meeting
/// without the separator a table puts between a number and the next cell or its label. Joined,
/// such a line would put a label beside numbers that are not its own.
fn cut_between(line: &str, next: &str, opens_row: bool) -> bool {
    let next_chars: Vec<char> = next.chars().collect();
    let start = next_chars.iter().take_while(|c| c.is_whitespace()).count();
    let footer = crate::oneline::page_footer_at(&next_chars, start).is_some_and(|end| {
        next_chars
            .get(end..)
            .unwrap_or_default()
            .iter()
            .all(|c| c.is_whitespace())
    });
    let (Some(last), Some(first)) = (line.chars().last(), next_chars.first().copied()) else {
        return false;
    };
    if next.trim().is_empty() || footer {
        return false;
    }
    if last == '|' {
        // What follows a pipe within a row is a cell's padding, within a ruler its dashes; in
        // a row printed without padding (`|0|0|`), the next cell, closing the row with a pipe
        // where a line of its own would open with one.
        let ruler = line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        let rest_of_row = opens_row && first != '|' && next.trim_end().ends_with('|');
        return first.is_whitespace() || (ruler && matches!(first, '-' | ':')) || rest_of_row;
    }
    if line.trim_end().ends_with('|') {
        // A cut in the padding after a pipe: the next cell follows, whatever it opens with.
        return true;
    }
    let number_meets_text = (last.is_ascii_digit() && is_wide_text(first))
        || (is_wide_text(last) && first.is_ascii_digit());
    !(opens_numbered_line(next) || number_meets_text)
}

/// CJK text: ideographs, and the full-width punctuation between them (`，` `）` `“`).
fn is_wide_text(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
        || "“”‘’…—".contains(c)
}

/// Whether a line opens with the numbering of a heading or a row (`四、`, `（三）`, `(3)`, `1.属于`,
/// `第二十条`): a line of the wrap width followed by one ended there itself (a row of a table, a
/// paragraph before a heading) far more often than a wrap cut right before a numbering.
fn opens_numbered_line(line: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let body = line.trim_start();
    let mut chars = body.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    let numeral = |c: &char| NUMERALS.contains(*c) || c.is_ascii_digit();
    match first {
        '（' | '(' => {
            let mut counted = false;
            while chars.next_if(numeral).is_some() {
                counted = true;
            }
            counted && chars.next().is_some_and(|c| c == '）' || c == ')')
        }
        '第' => body.starts_with("第二十条"),
        c if NUMERALS.contains(c) => {
            while chars.next_if(|c| NUMERALS.contains(*c)).is_some() {}
            chars.next() == Some('、')
        }
        c if c.is_ascii_digit() => {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            matches!(chars.next(), Some('.' | '、' | '．'))
                && chars.next().is_some_and(|c| !c.is_ascii_digit())
        }
        _ => false,
    }
}

/// For each line of `text` (as [`crate::normalize::text_lines`] splits it), whether it is a
/// piece of a line that a hard wrap broke and goes on in the next line; `None` when the text is
/// not hard-wrapped.
pub(crate) fn continued_lines(text: &str) -> Option<Vec<bool>> {
    let lines = split_like_text_lines(text);
    let with_text: Vec<usize> = (0..lines.len())
        .filter(|&k| lines.get(k).is_some_and(|l| !l.trim().is_empty()))
        .collect();
    let filled = with_text.len();
    // The lines the wrap width is measured on: all but those with text at either end.
    let mut inner = vec![true; lines.len()];
    for &k in with_text
        .iter()
        .take(EDGE_LINES)
        .chain(with_text.iter().rev().take(EDGE_LINES))
    {
        if let Some(flag) = inner.get_mut(k) {
            *flag = false;
        }
    }
    let inner_lines = || {
        lines
            .iter()
            .zip(&inner)
            .filter(|(_, i)| **i)
            .map(|(l, _)| l)
    };
    // A line longer than any wrap width in characters is longer in display columns too: most
    // texts (a paragraph a line) are told so at the cost of counting characters.
    if inner_lines().any(|l| l.chars().count() > *WIDTHS.end()) {
        return None;
    }
    [Measure::Chars, Measure::Columns]
        .into_iter()
        .find_map(|measure| {
            let lengths: Vec<usize> = lines.iter().map(|l| measure.of(l)).collect();
            let width = lengths
                .iter()
                .zip(&inner)
                .filter_map(|(length, i)| i.then_some(*length))
                .max()?;
            if !WIDTHS.contains(&width) {
                return None;
            }
            let broken: Vec<bool> = (0..lines.len())
                .map(|k| {
                    let next = lines.get(k + 1).and_then(|l| l.chars().next());
                    lengths
                        .get(k)
                        .is_some_and(|&length| measure.broken_at(length, width, next))
                })
                .collect();
            // A wrap fills its lines with text; a layout that pads every line with spaces to
            // the page's width (pdfplumber's) ends them in spaces.
            let filled_to_the_end = |line: &&str| !line.ends_with(char::is_whitespace);
            let full: Vec<&&str> = lines
                .iter()
                .zip(&broken)
                .filter_map(|(line, b)| b.then_some(line))
                .collect();
            let prose = full
                .iter()
                .filter(|l| filled_to_the_end(l) && is_prose(l))
                .count();
            (full.len() >= MIN_FULL_LINES
                && full.len() * FULL_SHARE >= filled
                && prose >= MIN_FULL_PROSE)
                .then_some(broken)
        })
        .map(|broken| {
            // Whether the line being joined opens as a Markdown row, on its first piece.
            let mut opens_row = false;
            let mut joined_to_previous = false;
            let mut continued = vec![false; lines.len()];
            for (k, flag) in continued.iter_mut().enumerate() {
                let (Some(line), Some(next)) = (lines.get(k), lines.get(k + 1)) else {
                    break;
                };
                if !joined_to_previous {
                    opens_row = line.trim_start().starts_with('|');
                }
                *flag =
                    broken.get(k).copied().unwrap_or(false) && cut_between(line, next, opens_row);
                joined_to_previous = *flag;
            }
            continued
        })
}

/// Hard-wrapped text with its broken lines joined again, for the readers that parse the text
/// whole (HTML tables inside Markdown, where a wrap may cut a tag or a cell's number), and the
/// way back from its positions to the source's.
pub(crate) struct Joined {
    pub text: String,
    /// Per line of [`Joined::text`], the source lines it was joined from: each one's number and
    /// its characters (without its line end).
    pieces: Vec<Vec<(u32, u32)>>,
}

impl Joined {
    /// `text` with each line flagged in `continued` ([`continued_lines`]) joined with the next,
    /// its line end (`\n` or `\r\n`) taken out; `None` when the text ends a line with a lone `\r`
    /// (its lines would not be counted alike here and by the positions of the source).
    pub(crate) fn new(text: &str, continued: &[bool]) -> Option<Self> {
        let lines: Vec<&str> = text.split('\n').collect();
        if lines
            .iter()
            .any(|l| l.strip_suffix('\r').unwrap_or(l).contains('\r'))
        {
            return None;
        }
        let mut joined = String::with_capacity(text.len());
        let mut pieces: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        for (k, line) in lines.iter().enumerate() {
            let number = u32::try_from(k + 1).ok()?;
            let body = line.strip_suffix('\r').unwrap_or(line);
            let goes_on = continued.get(k).copied().unwrap_or(false) && k + 1 < lines.len();
            let kept = if goes_on { body } else { line };
            joined.push_str(kept);
            let chars = u32::try_from(body.chars().count()).ok()?;
            pieces.last_mut()?.push((number, chars));
            if !goes_on && k + 1 < lines.len() {
                joined.push('\n');
                pieces.push(Vec::new());
            }
        }
        Some(Self {
            text: joined,
            pieces,
        })
    }

    /// The source's position of `pos`, a position in [`Joined::text`].
    fn source_pos(&self, pos: SourcePos) -> SourcePos {
        let Some(pieces) = usize::try_from(pos.line)
            .ok()
            .and_then(|line| self.pieces.get(line.checked_sub(1)?))
        else {
            return pos;
        };
        let mut column = pos.column;
        for (k, &(line, chars)) in pieces.iter().enumerate() {
            if column <= chars || k + 1 == pieces.len() {
                return SourcePos { line, column };
            }
            column -= chars;
        }
        pos
    }

    /// Every position in `blocks`, read from [`Joined::text`], moved back to the source's.
    pub(crate) fn restore_positions(&self, blocks: &mut [Block]) {
        let restore = |text: &mut PosText| {
            for glyph in &mut text.glyphs {
                glyph.pos = self.source_pos(glyph.pos);
            }
        };
        for block in blocks {
            match block {
                Block::Line(line) => restore(line),
                Block::Table(units) => {
                    for cell in units.iter_mut().flat_map(|u| u.cells.iter_mut()) {
                        restore(&mut cell.text);
                    }
                }
            }
        }
    }
}

/// The lines of `text` split as [`crate::normalize::text_lines`] splits them (`\n`, `\r\n` and
/// a lone `\r` each end one).
pub(crate) fn split_like_text_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes.get(k) {
            Some(b'\n') => {
                lines.push(text.get(start..k).unwrap_or_default());
                start = k + 1;
            }
            Some(b'\r') => {
                lines.push(text.get(start..k).unwrap_or_default());
                if bytes.get(k + 1) == Some(&b'\n') {
                    k += 1;
                }
                start = k + 1;
            }
            _ => {}
        }
        k += 1;
    }
    lines.push(text.get(start..).unwrap_or_default());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` broken every `width` characters, as a hard wrap breaks it.
    fn wrapped(text: &str, width: usize) -> String {
        text.lines()
            .flat_map(|line| {
                let chars: Vec<char> = line.chars().collect();
                if chars.is_empty() {
                    vec![String::new()]
                } else {
                    chars.chunks(width).map(|c| c.iter().collect()).collect()
                }
            })
            .collect::<Vec<String>>()
            .join("\n")
    }

    fn prose() -> String {
        (0..10)
            .map(|k| format!("（{k}）本机关坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实政府信息公开条例，不断提升公开质量和实效，切实保障人民群众的知情权、参与权、表达权和监督权，全年共收到申请八十件{}。", "又".repeat(k)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn text_broken_at_a_width_is_joined_where_it_was_broken() {
        let text = format!(
            "{}\n一、本年新收政府信息公开申请数量   80   1   0   0   0   0   1927523\n",
            prose()
        );
        let broken = wrapped(&text, 30);
        let joins = continued_lines(&broken).expect("hard-wrapped");
        let lines = split_like_text_lines(&broken);
        let mut rejoined = String::new();
        for (line, join) in lines.iter().zip(&joins) {
            rejoined.push_str(line);
            if !join {
                rejoined.push('\n');
            }
        }
        assert_eq!(rejoined.trim_end(), text.trim_end());
    }

    #[test]
    fn lines_added_around_the_wrap_leave_it_seen() {
        let text = format!(
            "{}\n一、本年新收政府信息公开申请数量   80   1   0   0   0   0   1927523\n",
            prose()
        );
        let source = format!("来源：https://www.example.gov.cn/{}", "a/".repeat(120));
        let footer = "版权所有：某某市人民政府办公室 网站标识码：1234567890 ".repeat(3);
        let broken = format!("{source}\n\n{}\n{footer}\n", wrapped(&text, 30));
        let joins = continued_lines(&broken).expect("hard-wrapped");
        assert_eq!(joins.first(), Some(&false));
        // Every cut joined, as without the lines around.
        let cuts = wrapped(&text, 30).lines().count() - text.lines().count();
        assert_eq!(joins.iter().filter(|j| **j).count(), cuts);
        // A line as long in the middle of the text is no addition: the text is not wrapped.
        let inside = format!(
            "{}\n{source}\n{}",
            wrapped(&prose(), 30),
            wrapped(&text, 30)
        );
        assert!(continued_lines(&inside).is_none());
    }

    #[test]
    fn text_not_wrapped_is_left_alone() {
        let text = format!(
            "{}\n一、本年新收政府信息公开申请数量   80   1   0   0   0   0   81\n",
            prose()
        );
        assert!(continued_lines(&text).is_none());
        // A table whose rows are padded to one width is no wrap: its rows are no prose.
        let rows: Vec<String> = (0..30)
            .map(|k| format!("| 第{k:02}行标签文字在此 | {:>6} | {:>6} |", k * 7, k * 11))
            .collect();
        assert!(continued_lines(&rows.join("\n")).is_none());
        // Nor is a layout that pads every line to the page's width.
        let padded: Vec<String> = prose()
            .lines()
            .flat_map(|line| {
                let chars: Vec<char> = line.chars().collect();
                chars
                    .chunks(28)
                    .map(|c| format!("{:<40}", c.iter().collect::<String>()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(continued_lines(&padded.join("\n")).is_none());
    }

    #[test]
    fn a_row_as_long_as_the_width_ends_before_the_next_row() {
        let row = "\t(七)总计\t\t1915989\t426929\t4257675\t2203437\t3565537\t2611\t12372178";
        let width = row.chars().count();
        let text = format!(
            "{}\n{row}\n四、结转下年度继续办理\t\t\t0\t146\t873\t0\t0\t0\t1019\n",
            wrapped(&prose(), width)
        );
        let joins = continued_lines(&text).expect("hard-wrapped");
        let lines = split_like_text_lines(&text);
        let at = lines.iter().position(|l| *l == row).expect("the row");
        assert_eq!(joins.get(at), Some(&false));
        assert!(!cut_between("…\t12372178", "第 7 页 共 10 页", false));
        assert!(!cut_between("…\t12372178", "— 5 —", false));
        assert!(!cut_between("（二）部分公开 |", "0 |", false));
        assert!(!cut_between(
            "区分处理的，只计这一情形，不计其他情形）",
            "1. 0 6 0 0 65 54 125",
            false
        ));
        assert!(!cut_between(
            "规章   2   0   8",
            "行政规范性文件   0   3",
            false
        ));
        assert!(!cut_between("属于国家秘密", "0 2 0 0 0 0 2", false));
        assert!(cut_between("| 1 | 2 |", " 3 | 4 |", false));
        assert!(cut_between("| 1 | 2 |", " （一）予以公开 |", false));
        assert!(cut_between("| 1 | 2 | ", "3 | 4 |", false));
        assert!(cut_between(
            "| 三、本年度办理结果 | （四）无法提供 | ",
            "1.本机关不掌握 | 0 |",
            false
        ));
        assert!(cut_between("|---|---|---", "|---|---|", false));
        assert!(cut_between("|---|---|", "---|---|", false));
        assert!(!cut_between(
            "| 一、本年新收 | 806 | 9722 |",
            "- 2 -",
            false
        ));
        assert!(cut_between(
            "一、本年新收  80  1  0",
            "  0  0  0  81",
            false
        ));
        assert!(cut_between("一、本年新收  80  1  19", "27523", false));
        assert!(cut_between(
            "（本列数据的勾稽关系为：第一项加第二项之",
            "和，等于第三项加第四项之和）",
            false
        ));
        assert!(cut_between(
            "深入贯彻落实党的二十大精神,",
            "按照国家、省、市关于推进",
            false
        ));
        // A row without padding cut right after a pipe goes on up to its closing pipe; a row
        // of its own, or text after the table, opens on its own.
        assert!(cut_between("||（七）总计||225632|", "11441905|", true));
        assert!(!cut_between("||（七）总计||225632|", "11441905|", false));
        assert!(!cut_between("|0|0|", "|1|1|", true));
        assert!(!cut_between("|0|0|", "注：本表单位为件", true));
        for numbered in [
            "四、结转",
            "（三）不予",
            "(3)其他",
            "1.属于国家秘密",
            "1. 0 6",
            "第二十条第（一）项",
        ] {
            assert!(opens_numbered_line(numbered), "{numbered}");
        }
        for not_numbered in ["23", "1.5万元", "四是加强", "（其中修订", "规章"] {
            assert!(!opens_numbered_line(not_numbered), "{not_numbered}");
        }
    }

    #[test]
    fn joined_text_gives_back_the_sources_positions() {
        let text = "ab\r\ncd\nef\ngh";
        let joined = Joined::new(text, &[true, true, false, false]).unwrap();
        assert_eq!(joined.text, "abcdef\ngh");
        let at = |line, column| SourcePos { line, column };
        assert_eq!(joined.source_pos(at(1, 2)), at(1, 2));
        assert_eq!(joined.source_pos(at(1, 3)), at(2, 1));
        assert_eq!(joined.source_pos(at(1, 6)), at(3, 2));
        assert_eq!(joined.source_pos(at(2, 1)), at(4, 1));
        // A lone carriage return ends a line here and not in the source's positions.
        assert!(Joined::new("a\rb\nc", &[true, false, false]).is_none());
    }

    #[test]
    fn a_wrap_by_display_columns_is_found_too() {
        // Two columns a CJK character: a line of 39 columns ends where a wide one did not fit.
        let text = format!("{}\n规章   2   0   1927523\n", prose());
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            let mut current = String::new();
            let mut width = 0;
            for c in line.chars() {
                let w = c.width().unwrap_or(0);
                if width + w > 40 {
                    lines.push(std::mem::take(&mut current));
                    width = 0;
                }
                current.push(c);
                width += w;
            }
            lines.push(current);
        }
        let broken = lines.join("\n");
        let joins = continued_lines(&broken).expect("hard-wrapped by columns");
        let rejoined: String = split_like_text_lines(&broken)
            .iter()
            .zip(&joins)
            .map(|(line, join)| {
                if *join {
                    (*line).to_owned()
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        assert_eq!(rejoined.trim_end(), text.trim_end());
    }
}

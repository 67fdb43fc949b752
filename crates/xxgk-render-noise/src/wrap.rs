//! Text hard-wrapped at a fixed width, as a viewer, an editor or a converter with a `width`
//! saves it: every line longer than the width broken where the width falls, inside a word, a
//! table row or a number alike; and Markdown table rows broken over lines, as a converter
//! writing a cell's line break as it stands, or cutting a row, leaves them.

use unicode_width::UnicodeWidthChar;

/// How a wrap measures a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WrapMeasure {
    /// Characters, a CJK character one (Python's `textwrap`, most converters' `width=`).
    Chars,
    /// Display columns, a CJK character two (terminals, `w3m`, editors): a wide character that
    /// does not fit goes to the next line, leaving its line a column short.
    Columns,
}

/// `text` (UTF-8) with every line longer than `width` broken into lines of `width`, the last
/// piece shorter; `\r\n` line ends are kept as they are. Text that is not UTF-8 is returned as
/// it is.
pub fn hard_wrap(text: &[u8], width: usize, measure: WrapMeasure) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    let width = width.max(2);
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let (body, cr) = match line.strip_suffix('\r') {
            Some(body) => (body, "\r"),
            None => (line, ""),
        };
        let mut filled = 0;
        for c in body.chars() {
            let w = match measure {
                WrapMeasure::Chars => 1,
                WrapMeasure::Columns => c.width().unwrap_or(0),
            };
            if filled > 0 && filled + w > width {
                out.push_str(cr);
                out.push('\n');
                filled = 0;
            }
            out.push(c);
            filled += w;
        }
        out.push_str(cr);
    }
    out.into_bytes()
}

/// The width and measure the test sweeps wrap case `seed` at: 24 to 120, characters or display
/// columns in turn.
pub fn drawn_wrap(seed: u64) -> (usize, WrapMeasure) {
    let width = 24 + usize::try_from(seed.wrapping_mul(37) % 97).unwrap_or(0);
    let measure = if seed.is_multiple_of(2) {
        WrapMeasure::Chars
    } else {
        WrapMeasure::Columns
    };
    (width, measure)
}

/// `text` (UTF-8) with about one Markdown table row in `one_in` broken over two lines, as a
/// converter writing a cell's line break as it stands leaves it: between two characters of a
/// cell's text (a number's digits too, as a narrow column wraps them), or before a cell's text
/// (the row cut at a cell boundary); a row is broken where its rest opens with text, not with a
/// pipe, and holds a cell boundary of its own. The rows and the places are drawn
/// from `seed`. Text that is not UTF-8 is returned as it is.
pub fn break_markdown_rows(text: &[u8], seed: u64, one_in: u64) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(text) else {
        return text.to_vec();
    };
    let noise = crate::Noise {
        state: crate::Mutable::new(seed ^ 0x5DEE_CE66_D1CE_4E5B),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let trimmed = line.trim();
        let is_row = trimmed.starts_with('|')
            && trimmed.ends_with('|')
            && trimmed.chars().filter(|&c| c == '|').count() >= 3
            && !trimmed
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | ':' | '|'));
        if !is_row || !noise.one_in(one_in.max(1)) {
            out.push_str(line);
            continue;
        }
        // Places whose rest opens with text: inside a cell's text (after a character of it,
        // before another that is no digit), or before a cell's first character.
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let places: Vec<usize> = chars
            .windows(2)
            .filter(|pair| {
                let [(_, before), (_, after)] = pair else {
                    return false;
                };
                let within = !before.is_whitespace()
                    && *before != '|'
                    && !after.is_whitespace()
                    && *after != '|';
                let opens_cell = (*before == '|' || before.is_whitespace())
                    && !after.is_whitespace()
                    && *after != '|';
                // Not before the row's last pipe: the rest holds a cell boundary.
                within || opens_cell
            })
            .map(|pair| pair[1].0)
            .filter(|&at| {
                line.get(at..)
                    .is_some_and(|rest| rest.matches('|').count() >= 2)
            })
            .collect();
        match places.get(usize::try_from(noise.below(places.len() as u64)).unwrap_or(0)) {
            Some(&at) if !places.is_empty() => {
                out.push_str(line.get(..at).unwrap_or_default());
                out.push('\n');
                out.push_str(line.get(at..).unwrap_or_default());
            }
            _ => out.push_str(line),
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_broken_where_their_rest_opens_with_text() {
        let text = "| 项目 | 自然人 | 总计 |\n|---|---|---|\n| （四）无法提供 1.本机关不掌握 | 136 | 136 |\n";
        let mut broken_somewhere = false;
        for seed in 0..64 {
            let out = String::from_utf8(break_markdown_rows(text.as_bytes(), seed, 1)).unwrap();
            // Joined again, the text is the same; the ruler is never broken.
            assert_eq!(out.replace('\n', ""), text.replace('\n', ""));
            assert!(out.contains("\n|---|---|---|\n"), "{out}");
            for line in out.lines().filter(|l| !l.starts_with('|')) {
                broken_somewhere = true;
                assert!(!line.trim_start().starts_with('|'), "{out}");
                assert!(line.matches('|').count() >= 2, "{out}");
            }
        }
        assert!(broken_somewhere);
    }

    #[test]
    fn lines_are_broken_where_the_width_falls() {
        let text = "一、本年新收政府信息公开申请数量   80   1927523\nshort\n";
        let chars = String::from_utf8(hard_wrap(text.as_bytes(), 20, WrapMeasure::Chars)).unwrap();
        assert_eq!(
            chars,
            "一、本年新收政府信息公开申请数量   8\n0   1927523\nshort\n"
        );
        let columns =
            String::from_utf8(hard_wrap(text.as_bytes(), 21, WrapMeasure::Columns)).unwrap();
        assert_eq!(
            columns,
            "一、本年新收政府信息\n公开申请数量   80   1\n927523\nshort\n"
        );
    }
}

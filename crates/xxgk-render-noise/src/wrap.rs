//! Text hard-wrapped at a fixed width, as a viewer, an editor or a converter with a `width`
//! saves it: every line longer than the width broken where the width falls, inside a word, a
//! table row or a number alike.

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

#[cfg(test)]
mod tests {
    use super::*;

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

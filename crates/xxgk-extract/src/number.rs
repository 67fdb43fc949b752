//! Reading numbers exactly as published: counts, exact decimals (never through a float), signed
//! changes, units inside the cell, thousands separators, and the marks that mean "blank".

use crate::problem::ReadingRule;

/// What a whitespace-free token of a cell is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenClass {
    /// Starts like a number (`0`, `1,032`, `1032.60994`, `251000元`, `+1036`, `100%`).
    Number,
    /// A mark meaning the cell is blank: `/`, `-`, `—`, `无`.
    Blank,
    /// Anything else: a label or noise.
    Text,
}

/// Units seen inside cells, longest first so `万元` wins over `元`.
const UNITS: &[&str] = &[
    "万元", "元", "件", "个", "条", "项", "次", "人", "份", "宗", "起", "家", "笔", "户",
];

/// Classifies a token (already width-folded, without whitespace).
pub(crate) fn classify(token: &str) -> TokenClass {
    if token.is_empty() {
        return TokenClass::Blank;
    }
    if token
        .chars()
        .all(|c| matches!(c, '/' | '-' | '—' | '–' | '―' | '─' | '\\' | '_' | '~'))
        || matches!(token, "无" | "空")
    {
        return TokenClass::Blank;
    }
    let body = strip_unit(token).0;
    let unsigned = body.strip_prefix(['+', '-']).unwrap_or(body);
    let starts_with_digit = unsigned.chars().next().is_some_and(|c| c.is_ascii_digit());
    if starts_with_digit
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '%'))
    {
        TokenClass::Number
    } else {
        TokenClass::Text
    }
}

fn strip_unit(token: &str) -> (&str, Option<&'static str>) {
    for unit in UNITS {
        if let Some(body) = token.strip_suffix(unit) {
            return (body, Some(unit));
        }
    }
    (token, None)
}

/// Why a token that looks like a number could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// Separators or signs in a form no number takes (`1,0`, `1.2.3`, `100%`).
    Malformed,
    /// A fraction or sign where a count is expected.
    NotACount,
    /// More digits than the schema allows.
    TooLarge,
}

impl Unreadable {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Malformed => "not a well-formed number",
            Self::NotACount => "not a non-negative whole number",
            Self::TooLarge => "too large",
        }
    }
}

/// A number token taken apart: sign, integer digits without separators, fraction digits.
struct NumberParts<'a> {
    sign: Option<char>,
    integer: String,
    fraction: Option<&'a str>,
    rules: Vec<ReadingRule>,
}

fn parts<'a>(token: &'a str, raw: &str) -> Result<NumberParts<'a>, Unreadable> {
    let mut rules = Vec::new();
    if raw.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
        rules.push(ReadingRule::FullWidthDigitsFolded);
    }
    let (body, unit) = strip_unit(token);
    if unit.is_some() {
        rules.push(ReadingRule::UnitStripped);
    }
    let (sign, body) = match body.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), body.get(1..).unwrap_or_default()),
        _ => (None, body),
    };
    let (integer_text, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = fraction
        && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(Unreadable::Malformed);
    }
    let integer = if integer_text.contains(',') {
        let mut groups = integer_text.split(',');
        let first = groups.next().unwrap_or_default();
        let well_formed = (1..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_digit())
            && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
        if !well_formed {
            return Err(Unreadable::Malformed);
        }
        rules.push(ReadingRule::ThousandsSeparatorsRemoved);
        integer_text.replace(',', "")
    } else {
        integer_text.to_owned()
    };
    if integer.is_empty() || !integer.chars().all(|c| c.is_ascii_digit()) {
        return Err(Unreadable::Malformed);
    }
    Ok(NumberParts {
        sign,
        integer,
        fraction,
        rules,
    })
}

/// Reads a count (an integer ≥ 0). `raw` is the published token, for the provenance rules.
pub(crate) fn read_count(token: &str, raw: &str) -> Result<(u64, Vec<ReadingRule>), Unreadable> {
    let p = parts(token, raw)?;
    if p.sign.is_some() || p.fraction.is_some_and(|f| f.chars().any(|c| c != '0')) {
        return Err(Unreadable::NotACount);
    }
    let value = p.integer.parse::<u64>().map_err(|_| Unreadable::TooLarge)?;
    Ok((value, p.rules))
}

/// Reads a non-negative exact decimal as the schema's string form (`1032.60994`), keeping every
/// published digit; only separators, units and superfluous leading zeros go.
pub(crate) fn read_decimal(
    token: &str,
    raw: &str,
) -> Result<(String, Vec<ReadingRule>), Unreadable> {
    let p = parts(token, raw)?;
    if p.sign == Some('-') {
        return Err(Unreadable::NotACount);
    }
    let integer = p.integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    if integer.len() > 15 || p.fraction.is_some_and(|f| f.len() > 10) {
        return Err(Unreadable::TooLarge);
    }
    let text = match p.fraction {
        Some(f) => format!("{integer}.{f}"),
        None => integer.to_owned(),
    };
    Ok((text, p.rules))
}

/// Reads a signed integer (2019 `本年增/减`, published like `+1036`).
pub(crate) fn read_signed(token: &str, raw: &str) -> Result<(i64, Vec<ReadingRule>), Unreadable> {
    let p = parts(token, raw)?;
    if p.fraction.is_some() {
        return Err(Unreadable::NotACount);
    }
    let magnitude = p.integer.parse::<i64>().map_err(|_| Unreadable::TooLarge)?;
    let value = if p.sign == Some('-') {
        magnitude.checked_neg().ok_or(Unreadable::TooLarge)?
    } else {
        magnitude
    };
    Ok((value, p.rules))
}

/// Splits a trailing run of digits glued to a label (`…申请数量801000081`) off a text token:
/// returns the byte index where the digits start, when the run follows an ideograph or `)`.
pub(crate) fn glued_digits_start(token: &str) -> Option<usize> {
    let trimmed = token.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    let start = trimmed.len();
    if start == token.len() || start == 0 {
        return None;
    }
    let rest = token.get(start..)?;
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let before = trimmed.chars().next_back()?;
    (crate::normalize::is_cjk(before) || before == ')').then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_tokens() {
        assert_eq!(classify("1,032"), TokenClass::Number);
        assert_eq!(classify("251000元"), TokenClass::Number);
        assert_eq!(classify("—"), TokenClass::Blank);
        assert_eq!(classify("/"), TokenClass::Blank);
        assert_eq!(classify("1.属于国家秘密"), TokenClass::Text);
        assert_eq!(classify("2024年"), TokenClass::Text);
    }

    #[test]
    fn reads_counts_and_decimals() {
        assert_eq!(
            read_count("1,032", "1,032"),
            Ok((1032, vec![ReadingRule::ThousandsSeparatorsRemoved]))
        );
        assert_eq!(
            read_count("012", "０１２"),
            Ok((12, vec![ReadingRule::FullWidthDigitsFolded]))
        );
        assert_eq!(
            read_count("5件", "5件"),
            Ok((5, vec![ReadingRule::UnitStripped]))
        );
        assert_eq!(read_count("1.5", "1.5"), Err(Unreadable::NotACount));
        assert_eq!(read_count("1,0", "1,0"), Err(Unreadable::Malformed));
        assert_eq!(
            read_count("99999999999999999999", ""),
            Err(Unreadable::TooLarge)
        );
        assert_eq!(
            read_decimal("1032.60994", "1032.60994"),
            Ok(("1032.60994".to_owned(), vec![]))
        );
        assert_eq!(
            read_decimal("96171.6万元", "96171.6万元"),
            Ok(("96171.6".to_owned(), vec![ReadingRule::UnitStripped]))
        );
        assert_eq!(read_signed("+1036", "+1036"), Ok((1036, vec![])));
        assert_eq!(read_signed("-3", "-3"), Ok((-3, vec![])));
    }

    #[test]
    fn finds_glued_digits() {
        assert_eq!(glued_digits_start("数量801000081"), Some(6));
        assert_eq!(glued_digits_start("(七)总计0"), Some(11));
        assert_eq!(glued_digits_start("801"), None);
        assert_eq!(glued_digits_start("规章"), None);
    }
}

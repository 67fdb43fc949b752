//! Reading numbers exactly as published: counts, exact decimals (never through a float), signed
//! changes, units inside the cell (an amount in another unit of money than its cell's converted
//! exactly), thousands separators, and the marks that mean "blank".

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
    "万元", "亿元", "元", "件", "个", "条", "项", "次", "人", "份", "宗", "起", "家", "笔", "户",
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

/// Whether a token is a unit alone (`件`, `万元`).
pub(crate) fn is_unit(token: &str) -> bool {
    UNITS.contains(&token)
}

/// Whether `c` begins a unit (`件`, the `万` of `万元`).
pub(crate) fn starts_a_unit(c: char) -> bool {
    UNITS.iter().any(|unit| unit.starts_with(c))
}

/// Whether a token is a number with no unit of its own (`12`, `1,032`, not `12件`).
pub(crate) fn is_bare_number(token: &str) -> bool {
    classify(token) == TokenClass::Number && strip_unit(token).1.is_none()
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
/// published digit; only separators, units and superfluous leading zeros go. An amount printed
/// in another unit of money than `unit`, the cell's (`1200元` in a cell of 万元), is converted
/// exactly, its decimal point moved (0.12; `unit-converted`).
pub(crate) fn read_decimal(
    token: &str,
    raw: &str,
    unit: &str,
) -> Result<(String, Vec<ReadingRule>), Unreadable> {
    let p = parts(token, raw)?;
    if p.sign == Some('-') {
        return Err(Unreadable::NotACount);
    }
    let mut rules = p.rules;
    let mut integer = p.integer;
    let mut fraction = p.fraction.unwrap_or_default().to_owned();
    let printed = strip_unit(token).1.and_then(money_power);
    if let (Some(from), Some(to)) = (printed, money_power(unit))
        && from != to
    {
        // The same digits, the decimal point moved: 1200元 is 0.12万元, 0.5亿元 is 5000万元.
        let digits = format!("{integer}{fraction}");
        let (whole, rest) = match (integer.len() + from).checked_sub(to) {
            Some(point) if point >= digits.len() => (
                digits.clone() + &"0".repeat(point - digits.len()),
                String::new(),
            ),
            Some(point) => {
                let (whole, rest) = digits.split_at(point);
                (whole.to_owned(), rest.to_owned())
            }
            None => (
                String::new(),
                "0".repeat(to - from - integer.len()) + &digits,
            ),
        };
        integer = whole;
        fraction = rest.trim_end_matches('0').to_owned();
        rules.retain(|r| *r != ReadingRule::UnitStripped);
        rules.push(ReadingRule::UnitConverted);
    }
    let integer = integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    if integer.len() > 15 || fraction.len() > 10 {
        return Err(Unreadable::TooLarge);
    }
    let text = if fraction.is_empty() {
        integer.to_owned()
    } else {
        format!("{integer}.{fraction}")
    };
    Ok((text, rules))
}

/// The power of ten in 元 of a unit of money (`元` 0, `万元` 4, `亿元` 8); `None` for others.
fn money_power(unit: &str) -> Option<usize> {
    match unit {
        "元" => Some(0),
        "万元" => Some(4),
        "亿元" => Some(8),
        _ => None,
    }
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
            read_decimal("1032.60994", "1032.60994", "万元"),
            Ok(("1032.60994".to_owned(), vec![]))
        );
        assert_eq!(
            read_decimal("96171.6万元", "96171.6万元", "万元"),
            Ok(("96171.6".to_owned(), vec![ReadingRule::UnitStripped]))
        );
    }

    #[test]
    fn an_amount_in_another_unit_of_money_is_converted_exactly() {
        let read = |token: &str| read_decimal(token, token, "万元");
        let converted = |value: &str| Ok((value.to_owned(), vec![ReadingRule::UnitConverted]));
        assert_eq!(read("1200元"), converted("0.12"));
        assert_eq!(read("96171.6元"), converted("9.61716"));
        assert_eq!(read("0.5元"), converted("0.00005"));
        assert_eq!(read("350000元"), converted("35"));
        assert_eq!(read("0元"), converted("0"));
        assert_eq!(read("0.5亿元"), converted("5000"));
        assert_eq!(read("3亿元"), converted("30000"));
        assert_eq!(read("1.23456789亿元"), converted("12345.6789"));
        assert_eq!(
            read("1,200元"),
            Ok((
                "0.12".to_owned(),
                vec![
                    ReadingRule::ThousandsSeparatorsRemoved,
                    ReadingRule::UnitConverted
                ]
            ))
        );
        // Past the schema's ten fraction digits: unreadable, never rounded.
        assert_eq!(read("0.0000001元"), Err(Unreadable::TooLarge));
        // In the cell's own unit, or a unit that is not money: the digits as printed.
        assert_eq!(
            read("12.50万元"),
            Ok(("12.50".to_owned(), vec![ReadingRule::UnitStripped]))
        );
        assert_eq!(
            read_decimal("300", "300", "元"),
            Ok(("300".to_owned(), vec![]))
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

//! Hand-written scalar types for the schema's constrained `$defs` (those marked `x-rust-type`).
//!
//! Each type accepts exactly the values its schema definition accepts, so that a document
//! deserializes into the generated types exactly when it is valid against the schema.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Why a scalar value was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalarError {
    expected: &'static str,
    found: String,
}

impl fmt::Display for ScalarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)
    }
}

impl std::error::Error for ScalarError {}

fn reject(expected: &'static str, found: &str) -> ScalarError {
    ScalarError {
        expected,
        found: found.to_owned(),
    }
}

/// A non-negative exact decimal written as a string (`$defs/decimal`), e.g. `"1032.60994"`.
///
/// Kept as the published digits, so it round-trips unchanged and never passes through a binary
/// float: at most 15 digits before the point and 1–10 after it, no leading zeros, no sign.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// The decimal as published.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value scaled to an integer number of 10^-10 units; exact, since the form is bounded.
    pub fn scaled_e10(&self) -> u128 {
        let (int, frac) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let digits = |s: &str| {
            s.bytes()
                .fold(0u128, |acc, b| acc * 10 + u128::from(b - b'0'))
        };
        let frac_scale = 10u128.pow(10 - u32::try_from(frac.len()).unwrap_or(10));
        digits(int) * 10u128.pow(10) + digits(frac) * frac_scale
    }
}

impl std::str::FromStr for Decimal {
    type Err = ScalarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const EXPECTED: &str = "a decimal string such as \"1032.60994\" (at most 15 digits before the point and 10 after it, no sign, separators or unit)";
        let (int, frac) = match s.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (s, None),
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        let int_ok = all_digits(int) && int.len() <= 15 && (int == "0" || !int.starts_with('0'));
        let frac_ok = frac.is_none_or(|f| all_digits(f) && f.len() <= 10);
        if int_ok && frac_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(reject(EXPECTED, s))
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date in `YYYY-MM-DD` form (`$defs/date`), validated against the real calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl std::str::FromStr for Date {
    type Err = ScalarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const EXPECTED: &str = "a calendar date in YYYY-MM-DD form";
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(reject(EXPECTED, s));
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter()
                .fold(0u16, |acc, c| acc * 10 + u16::from(c - b'0'))
        };
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let month = u8::try_from(month).map_err(|_| reject(EXPECTED, s))?;
        let day = u8::try_from(day).map_err(|_| reject(EXPECTED, s))?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(reject(EXPECTED, s));
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The calendar year a report covers (`$defs/report_year`): 2021 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportYear(u16);

impl ReportYear {
    /// The first year reported in the 2021 format.
    pub const FIRST: u16 = 2021;

    /// The year as a number.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u64> for ReportYear {
    type Error = ScalarError;

    fn try_from(year: u64) -> Result<Self, Self::Error> {
        match u16::try_from(year) {
            Ok(y) if (Self::FIRST..=9999).contains(&y) => Ok(Self(y)),
            _ => Err(reject("a report year from 2021 to 9999", &year.to_string())),
        }
    }
}

impl fmt::Display for ReportYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A report year of the 2019 format (`$defs/report_year` of the 2019 edition): 2019 or 2020.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportYear2019(u16);

impl ReportYear2019 {
    /// The first year reported in the 2019 format.
    pub const FIRST: u16 = 2019;
    /// The last year reported in the 2019 format (2021 on use the 2021 format).
    pub const LAST: u16 = 2020;

    /// The year as a number.
    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u64> for ReportYear2019 {
    type Error = ScalarError;

    fn try_from(year: u64) -> Result<Self, Self::Error> {
        match u16::try_from(year) {
            Ok(y) if (Self::FIRST..=Self::LAST).contains(&y) => Ok(Self(y)),
            _ => Err(reject(
                "a report year of the 2019 format, 2019 or 2020",
                &year.to_string(),
            )),
        }
    }
}

impl fmt::Display for ReportYear2019 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An amount as the 2019 format publishes it (`$defs/published_amount`): the exact digits of a
/// [`Decimal`], then the unit it was printed with, if any (`元`, `万元`, `亿元`). The unit is kept,
/// not converted, so that the published figure round-trips exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublishedAmount {
    text: String,
    /// Where the digits end and the unit begins.
    digits: usize,
}

impl PublishedAmount {
    /// The units the 2019 format's amounts are printed with.
    pub const UNITS: [&'static str; 3] = ["元", "万元", "亿元"];

    /// The amount as published: `251000元`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The number without its unit: `251000`.
    pub fn number(&self) -> &str {
        self.text.get(..self.digits).unwrap_or_default()
    }

    /// The unit printed after the number, if any.
    pub fn unit(&self) -> Option<&str> {
        self.text.get(self.digits..).filter(|u| !u.is_empty())
    }
}

impl std::str::FromStr for PublishedAmount {
    type Err = ScalarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(s.len());
        let (number, unit) = s.split_at(digits);
        if number.parse::<Decimal>().is_ok() && (unit.is_empty() || Self::UNITS.contains(&unit)) {
            Ok(Self {
                text: s.to_owned(),
                digits,
            })
        } else {
            Err(reject(
                "an amount with an optional unit (元, 万元, 亿元)",
                s,
            ))
        }
    }
}

impl fmt::Display for PublishedAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A 6-digit 行政区划代码 or 12-digit 统计用区划代码 (`$defs/division_code`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DivisionCode(String);

impl DivisionCode {
    /// The code's digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for DivisionCode {
    type Err = ScalarError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if matches!(s.len(), 6 | 12) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.to_owned()))
        } else {
            Err(reject("a 6- or 12-digit division code", s))
        }
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Serde for the string-backed scalars: serialize as the string, deserialize through `FromStr`.
macro_rules! string_scalar_serde {
    ($($ty:ident),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                s.parse().map_err(de::Error::custom)
            }
        }
    )*};
}

string_scalar_serde!(Decimal, Date, DivisionCode, PublishedAmount);

impl Serialize for ReportYear2019 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for ReportYear2019 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let year = crate::de::count(deserializer)?;
        Self::try_from(year).map_err(de::Error::custom)
    }
}

impl Serialize for ReportYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for ReportYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let year = crate::de::count(deserializer)?;
        Self::try_from(year).map_err(de::Error::custom)
    }
}

#[cfg(feature = "schemars")]
mod json_schema {
    //! `schemars` schemas for the hand-written scalars, mirroring their `$defs`.
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{Date, Decimal, DivisionCode, PublishedAmount, ReportYear, ReportYear2019};

    impl JsonSchema for Decimal {
        fn schema_name() -> Cow<'static, str> {
            "decimal".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "pattern": "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,10})?$"})
        }
    }

    impl JsonSchema for Date {
        fn schema_name() -> Cow<'static, str> {
            "date".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "format": "date"})
        }
    }

    impl JsonSchema for ReportYear {
        fn schema_name() -> Cow<'static, str> {
            "report_year".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "integer", "minimum": 2021, "maximum": 9999})
        }
    }

    impl JsonSchema for ReportYear2019 {
        fn schema_name() -> Cow<'static, str> {
            "report_year_2019".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "integer", "minimum": 2019, "maximum": 2020})
        }
    }

    impl JsonSchema for PublishedAmount {
        fn schema_name() -> Cow<'static, str> {
            "published_amount".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,10})?(元|万元|亿元)?$"
            })
        }
    }

    impl JsonSchema for DivisionCode {
        fn schema_name() -> Cow<'static, str> {
            "division_code".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "pattern": "^[0-9]{6}([0-9]{6})?$"})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_accepts_exactly_the_schema_pattern() {
        for ok in ["0", "0.5", "1032.60994", "123456789012345", "1.0000000001"] {
            assert_eq!(
                ok.parse::<Decimal>().map(|d| d.to_string()),
                Ok(ok.to_owned())
            );
        }
        for bad in [
            "",
            "01",
            "-1",
            "1.",
            ".5",
            "1,032",
            "1e3",
            " 1",
            "1.00000000001",
            "1234567890123456",
            "１",
        ] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn published_amount_keeps_number_and_unit() {
        let a: PublishedAmount = "251000元".parse().unwrap();
        assert_eq!(
            (a.number(), a.unit(), a.as_str()),
            ("251000", Some("元"), "251000元")
        );
        let b: PublishedAmount = "25.1".parse().unwrap();
        assert_eq!((b.number(), b.unit()), ("25.1", None));
        for bad in [
            "",
            "元",
            "01元",
            "1.5美元",
            "1 元",
            "-3元",
            "1,000元",
            "1元元",
        ] {
            assert!(bad.parse::<PublishedAmount>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn report_year_2019_is_2019_or_2020() {
        assert!(ReportYear2019::try_from(2019).is_ok());
        assert!(ReportYear2019::try_from(2020).is_ok());
        assert!(ReportYear2019::try_from(2018).is_err());
        assert!(ReportYear2019::try_from(2021).is_err());
    }

    #[test]
    fn decimal_scales_exactly() {
        let d: Decimal = "1032.60994".parse().unwrap();
        assert_eq!(d.scaled_e10(), 10_326_099_400_000);
    }

    #[test]
    fn date_checks_the_calendar() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "2024/01/01",
            "2024-04-31",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?} accepted");
        }
    }
}

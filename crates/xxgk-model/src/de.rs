//! Field deserializers that make the generated types accept exactly what the schema accepts.
//!
//! In JSON Schema 2020-12 `3.0` is an integer, so a count written `3.0` is schema-valid: [`count`]
//! accepts it too. An optional field is absent or present with a value; `null` is not a value, so
//! [`present`] rejects it where serde's `Option` would quietly read it as absent.

use std::fmt;

use serde::{Deserialize, Deserializer, de};

struct CountVisitor;

/// 2^64 as a float: the first float above `u64::MAX`.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

impl de::Visitor<'_> for CountVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a count: an integer from 0 to 18446744073709551615")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        if v.fract() == 0.0 && (0.0..TWO_POW_64).contains(&v) {
            // Exact: `v` is an integer below 2^64, so the cast neither truncates nor saturates.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(v as u64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// Deserializes a count.
pub fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    deserializer.deserialize_any(CountVisitor)
}

/// Deserializes an optional count that is present (absence is handled by `#[serde(default)]`).
pub fn present_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    count(deserializer).map(Some)
}

struct SignedVisitor;

/// 2^63 as a float: the first float above `i64::MAX`; its negation is `i64::MIN`, below the
/// schema's minimum `-(2^63 - 1)`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

impl de::Visitor<'_> for SignedVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a signed integer from -9223372036854775807 to 9223372036854775807")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        if v == i64::MIN {
            Err(E::invalid_value(de::Unexpected::Signed(v), &self))
        } else {
            Ok(v)
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        if v.fract() == 0.0 && v > -TWO_POW_63 && v < TWO_POW_63 {
            // Exact: `v` is an integer in i64's range, so the cast neither truncates nor saturates.
            #[allow(clippy::cast_possible_truncation)]
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// Deserializes a signed change (`3`, `-3`, `3.0`), from -(2^63 - 1) to 2^63 - 1.
pub fn signed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(SignedVisitor)
}

/// Deserializes an optional signed change that is present.
pub fn present_signed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    signed(deserializer).map(Some)
}

/// Deserializes an optional field that is present: its value, never `null`.
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Cell(#[serde(deserialize_with = "super::count")] u64);

    #[derive(Deserialize)]
    struct Optional {
        #[serde(default, deserialize_with = "super::present")]
        text: Option<String>,
    }

    #[derive(Deserialize)]
    struct Change(#[serde(deserialize_with = "super::signed")] i64);

    #[test]
    fn signed_accepts_schema_integers_in_range() {
        let parse = |json: &str| serde_json::from_str::<Change>(json).ok().map(|c| c.0);
        assert_eq!(parse("-3"), Some(-3));
        assert_eq!(parse("1036"), Some(1036));
        assert_eq!(parse("-3.0"), Some(-3));
        assert_eq!(parse("-9223372036854775807"), Some(-i64::MAX));
        assert_eq!(parse("9223372036854775807"), Some(i64::MAX));
        for bad in [
            "-9223372036854775808",
            "-9223372036854775809",
            "-9223372036854775808.0",
            "9223372036854775808",
            "-1.5",
            "\"+3\"",
            "null",
            "1e300",
        ] {
            assert_eq!(parse(bad), None, "{bad} accepted");
        }
    }

    fn parse(json: &str) -> Option<u64> {
        serde_json::from_str::<Cell>(json).ok().map(|c| c.0)
    }

    #[test]
    fn optional_fields_are_absent_or_present_never_null() {
        let text = |json: &str| serde_json::from_str::<Optional>(json).map(|o| o.text).ok();
        assert_eq!(text("{}"), Some(None));
        assert_eq!(text(r#"{"text":"a"}"#), Some(Some("a".to_owned())));
        assert_eq!(text(r#"{"text":null}"#), None);
    }

    #[test]
    fn accepts_schema_integers_only() {
        assert_eq!(parse("0"), Some(0));
        assert_eq!(parse("3.0"), Some(3));
        assert_eq!(parse("18446744073709551615"), Some(u64::MAX));
        for bad in [
            "-1",
            "1.5",
            "18446744073709551616",
            "\"3\"",
            "null",
            "true",
            "1e300",
        ] {
            assert_eq!(parse(bad), None, "{bad} accepted");
        }
    }
}

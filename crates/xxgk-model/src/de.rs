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

//! Unsigned integers in request bodies, read as JSON Schema reads them: `2.0` is the integer 2.
//! The OpenAPI document types these fields `integer`, which admits a number written with a
//! zero fraction, so the server reads that too. Native only: the web apps read what the server
//! writes (and keep their bundles small).

use serde::de::{self, Deserializer, Unexpected, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// For `#[serde(deserialize_with = "crate::whole::deserialize")]` on an unsigned field.
pub fn deserialize<'de, D: Deserializer<'de>, T: TryFrom<u64>>(d: D) -> Result<T, D::Error> {
    d.deserialize_u64(Whole(PhantomData))
}

struct Whole<T>(PhantomData<T>);

/// Every integer up to 2^53 is exactly a float; past it a float names no single integer.
const EXACT: f64 = 9_007_199_254_740_992.0;

impl<T: TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an unsigned integer in range")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let v = u64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))?;
        self.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        if v.fract() == 0.0 && (0.0..=EXACT).contains(&v) {
            // In range and whole: the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let whole = v as u64;
            self.visit_u64(whole)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Points {
        #[serde(deserialize_with = "super::deserialize")]
        points: u8,
    }

    fn read(json: &str) -> Option<u8> {
        serde_json::from_str::<Points>(json).ok().map(|p| p.points)
    }

    #[test]
    fn whole_numbers_in_any_spelling_and_nothing_else() {
        assert_eq!(read(r#"{"points":2}"#), Some(2));
        assert_eq!(read(r#"{"points":2.0}"#), Some(2));
        assert_eq!(read(r#"{"points":255}"#), Some(255));
        assert_eq!(read(r#"{"points":2e0}"#), Some(2));
        for bad in [
            "2.5", "-1", "-1.0", "256", "256.0", "1e300", "\"2\"", "null",
        ] {
            assert_eq!(read(&format!(r#"{{"points":{bad}}}"#)), None, "{bad}");
        }
    }
}

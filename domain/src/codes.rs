//! Participation codes: single-use codes (on letters, workshop hand-outs) that mark a
//! participant as verified, so a process can count only verified supports and dot votes.
//!
//! A code is 12 symbols of Crockford's base32 (no I, L, O, U: nothing to confuse when typing
//! from paper), shown as `XXXX-XXXX-XXXX`: 60 random bits. Typing is forgiving: case, spaces
//! and hyphens do not matter, and `O`/`I`/`L` are read as `0`/`1`/`1`.

use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const CODE_LEN: usize = 12;
/// Most codes in one batch.
pub const MAX_BATCH: u32 = 500;
pub const LABEL_MAX: usize = 80;

/// The canonical form (12 symbols, no hyphens) of a typed code.
pub fn normalise(typed: &str) -> Result<String, ErrorCode> {
    canonical(typed, CODE_LEN).ok_or(ErrorCode::CodeInvalid)
}

/// A typed code of `len` symbols of [`ALPHABET`] in canonical form: case, spaces and hyphens
/// do not matter, `O`/`I`/`L` read as `0`/`1`/`1`. `None` if it is not one.
pub fn canonical(typed: &str, len: usize) -> Option<String> {
    let mut out = String::with_capacity(len);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        out.push(c);
    }
    (out.len() == len).then_some(out)
}

/// A batch's label as stored: 1 to [`LABEL_MAX`] visible characters on one line, without
/// '<' or '>' (it is printed on the code sheet), no direction overrides.
pub fn parse_label(raw: &str) -> Option<String> {
    let label = crate::chars::clean(raw);
    let n = label.chars().count();
    let fits = (1..=LABEL_MAX).contains(&n)
        && !label.contains(['<', '>'])
        && crate::chars::check(&label, false).is_ok();
    fits.then_some(label)
}

/// `XXXX-XXXX-XXXX` for print.
pub fn display(canonical: &str) -> String {
    canonical
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code from 12 random bytes (each picks one of the 32 symbols: exactly 5 bits used).
pub fn from_random(bytes: [u8; CODE_LEN]) -> String {
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCodes {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::code_count))]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::deserialize")
    )]
    pub count: u32,
    /// What the batch is for, e.g. "Workshop WissensWerkStadt 12.12.".
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::code_label))]
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeBatch {
    pub label: String,
    /// Shown once: only their hashes are stored.
    pub codes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RedeemCode {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::participation_code))]
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationSetting {
    /// Only verified participants may support ideas and place dot votes, and only their votes
    /// count in tallies and results while this is on.
    pub verified_only: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typing_is_forgiving_but_strict_about_what_counts() {
        assert_eq!(normalise("abcd-efgh-jk01"), Ok("ABCDEFGHJK01".into()));
        assert_eq!(normalise("ABCD EFGH JKOI"), Ok("ABCDEFGHJK01".into()));
        assert_eq!(normalise("ABCD-EFGH-JK0"), Err(ErrorCode::CodeInvalid));
        assert_eq!(normalise("ABCD-EFGH-JK0U"), Err(ErrorCode::CodeInvalid));
        assert_eq!(normalise("ÄBCD-EFGH-JK01"), Err(ErrorCode::CodeInvalid));
        assert_eq!(display("ABCDEFGHJK01"), "ABCD-EFGH-JK01");
    }

    proptest! {
        /// Every generated code, as printed, is read back as itself.
        #[test]
        fn printed_codes_read_back(bytes in any::<[u8; 12]>()) {
            let code = from_random(bytes);
            prop_assert_eq!(normalise(&display(&code)), Ok(code.clone()));
            prop_assert_eq!(normalise(&display(&code).to_lowercase()), Ok(code));
        }
    }
}

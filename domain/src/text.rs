//! Free text entered by citizens, as types that can only hold valid values.
//!
//! Rules (same on client and server): titles are 5–120 characters after trimming and a single
//! line; idea texts are 1–2,000 characters after trimming. Control characters other than line
//! breaks and tabs, direction overrides and invisible-only text are refused ([`crate::chars`]);
//! the server stores text in Unicode NFC. HTML is *not* stripped: it is ordinary text, stored
//! as typed and always displayed escaped.

use crate::chars::{self, TextFault};
use crate::error::ErrorCode;
use serde::{Deserialize, Serialize};

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 2_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("the title needs at least {TITLE_MIN} characters")]
    TitleTooShort,
    #[error("the title may have at most {TITLE_MAX} characters")]
    TitleTooLong,
    #[error("the title must be one line without control characters")]
    TitleInvalid,
    #[error("the idea text must not be empty")]
    BodyEmpty,
    #[error("the idea text may have at most {BODY_MAX} characters")]
    BodyTooLong,
    #[error("the idea text contains control characters")]
    BodyInvalid,
    #[error("the comment must not be empty")]
    CommentEmpty,
    #[error("the comment may have at most {} characters", crate::sync::COMMENT_MAX)]
    CommentTooLong,
    #[error("the comment contains control characters")]
    CommentInvalid,
    #[error("the text contains characters that reverse the writing direction")]
    TextDirection,
    #[error("the text has no visible characters")]
    TextInvisible,
}

impl ValidationError {
    pub fn code(self) -> ErrorCode {
        match self {
            Self::TitleTooShort => ErrorCode::TitleTooShort,
            Self::TitleTooLong => ErrorCode::TitleTooLong,
            Self::TitleInvalid => ErrorCode::TitleInvalid,
            Self::BodyEmpty => ErrorCode::BodyEmpty,
            Self::BodyTooLong => ErrorCode::BodyTooLong,
            Self::BodyInvalid => ErrorCode::BodyInvalid,
            Self::CommentEmpty => ErrorCode::CommentEmpty,
            Self::CommentTooLong => ErrorCode::CommentTooLong,
            Self::CommentInvalid => ErrorCode::CommentInvalid,
            Self::TextDirection => ErrorCode::TextDirection,
            Self::TextInvisible => ErrorCode::TextInvisible,
        }
    }

    fn from_fault(fault: TextFault, invalid: Self) -> Self {
        match fault {
            TextFault::Control => invalid,
            TextFault::Direction => Self::TextDirection,
            TextFault::Invisible => Self::TextInvisible,
        }
    }
}

/// The rule shared by free texts with line breaks: trimmed, no control characters other than
/// line breaks and tabs, 1..=`max` characters. `errors` are (invalid, empty, too long).
fn parse_multiline(
    raw: &str,
    max: usize,
    errors: [ValidationError; 3],
) -> Result<String, ValidationError> {
    let [invalid, empty, too_long] = errors;
    let s = chars::clean(raw);
    chars::check(&s, true).map_err(|f| ValidationError::from_fault(f, invalid))?;
    match s.chars().count() {
        0 => Err(empty),
        n if n > max => Err(too_long),
        _ => Ok(s),
    }
}

/// An idea's title: trimmed, one line, 5–120 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IdeaTitle(String);

impl IdeaTitle {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = chars::clean(raw);
        chars::check(&s, false)
            .map_err(|f| ValidationError::from_fault(f, ValidationError::TitleInvalid))?;
        let n = s.chars().count();
        if n < TITLE_MIN {
            return Err(ValidationError::TitleTooShort);
        }
        if n > TITLE_MAX {
            return Err(ValidationError::TitleTooLong);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An idea's text: trimmed, 1–2,000 characters, line breaks allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IdeaBody(String);

impl IdeaBody {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        use ValidationError::{BodyEmpty, BodyInvalid, BodyTooLong};
        parse_multiline(raw, BODY_MAX, [BodyInvalid, BodyEmpty, BodyTooLong]).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A comment on an idea: trimmed, 1–1,000 characters, line breaks allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CommentBody(String);

impl CommentBody {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        use ValidationError::{CommentEmpty, CommentInvalid, CommentTooLong};
        let max = crate::sync::COMMENT_MAX;
        parse_multiline(raw, max, [CommentInvalid, CommentEmpty, CommentTooLong]).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for IdeaTitle {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for IdeaBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn title_is_trimmed_and_kept_verbatim_otherwise() {
        let t = IdeaTitle::parse("  Mehr Sitzbänke am Kesselbrink \n").expect("valid");
        assert_eq!(t.as_str(), "Mehr Sitzbänke am Kesselbrink");
    }

    #[test]
    fn title_length_limits_count_characters_not_bytes() {
        assert_eq!(
            IdeaTitle::parse("äöüß"),
            Err(ValidationError::TitleTooShort)
        );
        assert!(IdeaTitle::parse("äöüßé").is_ok());
        assert!(IdeaTitle::parse(&"ü".repeat(120)).is_ok());
        assert_eq!(
            IdeaTitle::parse(&"ü".repeat(121)),
            Err(ValidationError::TitleTooLong)
        );
    }

    #[test]
    fn empty_and_whitespace_titles_are_too_short() {
        assert_eq!(IdeaTitle::parse(""), Err(ValidationError::TitleTooShort));
        assert_eq!(
            IdeaTitle::parse("        "),
            Err(ValidationError::TitleTooShort)
        );
    }

    #[test]
    fn title_must_be_one_line() {
        assert_eq!(
            IdeaTitle::parse("Zeile eins\nZeile zwei"),
            Err(ValidationError::TitleInvalid)
        );
        assert_eq!(
            IdeaTitle::parse("Null\u{0}byte"),
            Err(ValidationError::TitleInvalid)
        );
    }

    #[test]
    fn misleading_text_is_refused_in_every_field() {
        let rlo = "Rechnung\u{202E}fdp.exe ist da";
        assert_eq!(IdeaTitle::parse(rlo), Err(ValidationError::TextDirection));
        assert_eq!(IdeaBody::parse(rlo), Err(ValidationError::TextDirection));
        assert_eq!(CommentBody::parse(rlo), Err(ValidationError::TextDirection));
        let blank = "\u{200B}".repeat(10);
        assert_eq!(
            IdeaTitle::parse(&blank),
            Err(ValidationError::TextInvisible)
        );
        assert_eq!(IdeaBody::parse(&blank), Err(ValidationError::TextInvisible));
        assert_eq!(
            CommentBody::parse(&blank),
            Err(ValidationError::TextInvisible)
        );
        assert_eq!(
            IdeaTitle::parse("Zeile eins\u{2028}Zeile zwei"),
            Err(ValidationError::TitleInvalid)
        );
        assert!(IdeaBody::parse("Absatz eins\u{2029}Absatz zwei").is_ok());
        assert_eq!(
            ValidationError::TextDirection.code(),
            ErrorCode::TextDirection
        );
    }

    #[test]
    fn html_is_ordinary_text() {
        let t = IdeaTitle::parse("<script>alert(1)</script>").expect("valid text");
        assert_eq!(t.as_str(), "<script>alert(1)</script>");
    }

    #[test]
    fn body_limits() {
        assert_eq!(IdeaBody::parse("   \n "), Err(ValidationError::BodyEmpty));
        assert!(IdeaBody::parse("Zeile\nZeile").is_ok());
        assert!(IdeaBody::parse(&"a".repeat(2000)).is_ok());
        assert_eq!(
            IdeaBody::parse(&"a".repeat(2001)),
            Err(ValidationError::BodyTooLong)
        );
        assert_eq!(
            IdeaBody::parse("bell\u{7}"),
            Err(ValidationError::BodyInvalid)
        );
    }

    #[test]
    fn comment_limits() {
        assert_eq!(
            CommentBody::parse(" \n"),
            Err(ValidationError::CommentEmpty)
        );
        assert!(CommentBody::parse(&"ö".repeat(1000)).is_ok());
        assert_eq!(
            CommentBody::parse(&"ö".repeat(1001)),
            Err(ValidationError::CommentTooLong)
        );
    }

    #[test]
    fn deserializing_validates() {
        assert!(serde_json::from_str::<IdeaTitle>("\"kurz\"").is_err());
        let t: IdeaTitle = serde_json::from_str("\" Radwege \"").expect("valid");
        assert_eq!(t.as_str(), "Radwege");
    }

    proptest! {
        #[test]
        fn parsed_titles_always_satisfy_the_rules(s in "\\PC{0,200}") {
            if let Ok(t) = IdeaTitle::parse(&s) {
                let n = t.as_str().chars().count();
                prop_assert!((TITLE_MIN..=TITLE_MAX).contains(&n));
                prop_assert_eq!(t.as_str(), t.as_str().trim());
                prop_assert!(!t.as_str().chars().any(char::is_control));
            }
        }

        #[test]
        fn parsing_is_idempotent(s in "\\PC{0,200}") {
            if let Ok(t) = IdeaTitle::parse(&s) {
                prop_assert_eq!(IdeaTitle::parse(t.as_str()), Ok(t.clone()));
            }
            if let Ok(b) = IdeaBody::parse(&s) {
                prop_assert_eq!(IdeaBody::parse(b.as_str()), Ok(b.clone()));
            }
        }
    }
}

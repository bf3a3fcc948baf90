//! Characters that make text mislead: the checks every free text of werkstadt passes (titles,
//! idea texts, comments, reasons, answers, labels), on the client and on the server alike.
//!
//! - **Direction controls** (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates)
//!   reorder what follows them: "Rechnung" + U+202E + "fdp.exe" displays as "Rechnung
//!   exe.pdf". They are refused. The implicit marks (LRM, RLM, ALM) stay allowed: they only
//!   nudge neutral characters and mixed Arabic/Hebrew text needs them.
//! - **Invisible-only text**: a title of zero-width spaces looks empty. Text needs at least one
//!   visible character.
//! - **Line and paragraph separators** (U+2028, U+2029) are line breaks: not in one-line
//!   fields.
//! - Other control characters (Cc) are refused, but for line breaks and tabs where a field has
//!   lines.
//!
//! A small table instead of Unicode property tables: the web apps carry this code and their
//! size is budgeted. On the server (feature `nfc`) text is also normalised to NFC, so "ü" typed
//! as u + combining diaeresis and "ü" precomposed are the same title for search and duplicates.

use crate::error::ErrorCode;

/// Why a text was refused by these checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFault {
    /// A control character (or a line break in a one-line field).
    Control,
    /// A bidirectional embedding, override or isolate.
    Direction,
    /// Nothing visible: only spaces and zero-width characters.
    Invisible,
}

impl TextFault {
    /// The generic error codes; the field-specific `*_invalid` code is used for `Control`.
    pub fn code(self, invalid: ErrorCode) -> ErrorCode {
        match self {
            Self::Control => invalid,
            Self::Direction => ErrorCode::TextDirection,
            Self::Invisible => ErrorCode::TextInvisible,
        }
    }
}

/// Explicit directional formatting: embeddings, overrides, pops and isolates.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character that shows nothing by itself: whitespace, zero-width and other format
/// characters, fillers and blanks that render as empty space.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}'                       // soft hyphen
            | '\u{034F}'                     // combining grapheme joiner
            | '\u{061C}'                     // Arabic letter mark
            | '\u{115F}' | '\u{1160}'        // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'        // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'        // Mongolian selectors and vowel separator
            | '\u{200B}'..='\u{200F}'        // zero-width space, (non-)joiner, LRM, RLM
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'        // word joiner, invisible operators, isolates
            | '\u{2800}'                     // braille blank
            | '\u{3164}' | '\u{FFA0}'        // Hangul fillers
            | '\u{FE00}'..='\u{FE0F}'        // variation selectors
            | '\u{FEFF}'                     // zero-width no-break space (BOM)
            | '\u{FFF9}'..='\u{FFFB}'        // interlinear annotation controls
            | '\u{1D173}'..='\u{1D17A}'      // musical format controls
            | '\u{E0000}'..='\u{E0FFF}' // tags, variation selectors supplement
        )
}

/// True for characters that break a line.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Checks a (trimmed) text: no direction controls, no control characters (line breaks and
/// tabs allowed when `lines`), and — when not empty — at least one visible character. An
/// empty text passes: whether it may be empty is the field's own rule.
pub fn check(text: &str, lines: bool) -> Result<(), TextFault> {
    let mut visible = text.is_empty();
    for c in text.chars() {
        if is_direction_control(c) {
            return Err(TextFault::Direction);
        }
        let allowed_break = lines && (is_line_break(c) || c == '\t');
        if (c.is_control() || is_line_break(c)) && !allowed_break {
            return Err(TextFault::Control);
        }
        visible |= !is_invisible(c);
    }
    if visible {
        Ok(())
    } else {
        Err(TextFault::Invisible)
    }
}

/// The text as stored: trimmed, and on the server (feature `nfc`) in Unicode NFC.
pub fn clean(raw: &str) -> String {
    let trimmed = raw.trim();
    #[cfg(feature = "nfc")]
    {
        use unicode_normalization::UnicodeNormalization;
        trimmed.nfc().collect::<String>().trim().to_owned()
    }
    #[cfg(not(feature = "nfc"))]
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_to_left_override_is_refused() {
        assert_eq!(
            check("Rechnung\u{202E}fdp.exe", false),
            Err(TextFault::Direction)
        );
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(
                check(&format!("Text {c} mehr"), true),
                Err(TextFault::Direction)
            );
        }
        // The implicit marks stay allowed (mixed Arabic and German text needs them).
        assert_eq!(check("مرحبا\u{200F} Bielefeld", false), Ok(()));
    }

    #[test]
    fn invisible_only_text_is_refused_but_visible_text_with_joiners_is_fine() {
        assert_eq!(
            check("\u{200B}\u{200B}\u{200C}\u{200D}\u{FEFF}\u{2060}", false),
            Err(TextFault::Invisible)
        );
        assert_eq!(
            check("\u{3164}\u{2800} \u{00AD}", true),
            Err(TextFault::Invisible)
        );
        // A family emoji is joined by ZWJ; a soft hyphen inside a word is fine.
        assert_eq!(check("👩\u{200D}👧 Familienzentrum", false), Ok(()));
        assert_eq!(check("Digitali\u{00AD}sierung", false), Ok(()));
        assert_eq!(check("", false), Ok(()));
    }

    #[test]
    fn separators_are_line_breaks() {
        assert_eq!(check("eins\u{2028}zwei", false), Err(TextFault::Control));
        assert_eq!(check("eins\u{2029}zwei", false), Err(TextFault::Control));
        assert_eq!(check("eins\nzwei", false), Err(TextFault::Control));
        assert_eq!(check("eins\u{2028}zwei\n\tdrei", true), Ok(()));
        assert_eq!(check("Null\u{0}byte", true), Err(TextFault::Control));
    }

    #[test]
    fn every_fault_has_a_code() {
        assert_eq!(
            TextFault::Direction.code(ErrorCode::TitleInvalid),
            ErrorCode::TextDirection
        );
        assert_eq!(
            TextFault::Invisible.code(ErrorCode::TitleInvalid),
            ErrorCode::TextInvisible
        );
        assert_eq!(
            TextFault::Control.code(ErrorCode::CommentInvalid),
            ErrorCode::CommentInvalid
        );
    }

    #[cfg(feature = "nfc")]
    #[test]
    fn text_is_stored_in_nfc() {
        let decomposed = "Bu\u{0308}rgeramt";
        assert_eq!(clean(decomposed), "Bürgeramt");
        assert_eq!(clean("  Bürgeramt "), "Bürgeramt");
    }
}

//! Workshops (Veranstaltungen) of a process: an event at the WissensWerkStadt or elsewhere with
//! a title, a place, a start and an end and the modules open during it. Phones join it by a
//! short join code (QR code on a sheet or the results wall); everything they send while it
//! runs is counted for it (channel `workshop`, see [`crate::channel`]). Kiosks of the workshop
//! reset after its inactivity time.
//!
//! Times are milliseconds since the Unix epoch (UTC); a workshop runs from `starts_at`
//! (inclusive) to `ends_at` (exclusive), like a phase.

use crate::ids::{IdeaId, ProcessId, ThemeId, WorkshopId};
use crate::setup::{parse_title, Module, Modules, SetupError};
use crate::text::ValidationError;
use serde::{Deserialize, Serialize};

/// Join codes: 6 symbols from letters and digits nobody confuses when reading them off a
/// projector or typing them (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
pub const JOIN_ALPHABET: &[u8; 24] = b"ACDEFGHJKMNPQRTUVWXY3467";
pub const JOIN_CODE_LEN: usize = 6;
/// A kiosk's inactivity reset: default and bounds, in seconds.
pub const RESET_SECS_DEFAULT: u16 = 90;
pub const RESET_SECS_MIN: u16 = 30;
pub const RESET_SECS_MAX: u16 = 600;
/// Places are short: "WissensWerkStadt, Wilhelmstraße 3".
pub const PLACE_MAX: usize = 120;
/// Newest published ideas the wall shows.
pub const WALL_IDEAS: usize = 6;

/// A workshop as staff create or edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkshopDraft {
    pub title: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// The modules offered during the workshop (its kiosks and joined phones show these).
    #[serde(default = "all_modules")]
    pub open: Modules,
    /// Seconds of inactivity after which a kiosk starts over (30–600, default 90).
    #[serde(default = "default_reset")]
    pub reset_secs: u16,
}

fn all_modules() -> Modules {
    Modules::ALL
}

fn default_reset() -> u16 {
    RESET_SECS_DEFAULT
}

/// A workshop: what staff see, and what anyone with its join code may read (nothing personal:
/// no staff name, no participant).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workshop {
    pub id: WorkshopId,
    pub process_id: ProcessId,
    /// The join code (6 symbols of [`JOIN_ALPHABET`]), made by the server.
    pub code: String,
    pub title: String,
    pub place: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub open: Modules,
    pub reset_secs: u16,
}

impl Workshop {
    /// Whether the workshop runs at `now`.
    pub fn runs_at(&self, now: i64) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// Whether its participants (a kiosk's visitors, joined phones) may use `module` at `at`:
    /// while it runs, the workshop's modules decide (`Some`), so a dot-voting workshop opens
    /// dots before the process's online phase does and closes what it does not offer; before
    /// and after it, `None`: the process's phases decide. The server applies the same rule to
    /// every contribution tagged with the workshop, by the time it was made.
    pub fn opens_at(&self, module: Module, at: i64) -> Option<bool> {
        self.runs_at(at).then(|| self.open.opens(module))
    }
}

/// A workshop draft breaks a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkshopError {
    #[error("{0}")]
    Setup(SetupError),
    #[error("the inactivity reset must be between {RESET_SECS_MIN} and {RESET_SECS_MAX} seconds")]
    ResetOutOfRange,
}

impl WorkshopError {
    pub fn code(self) -> crate::ErrorCode {
        match self {
            Self::Setup(e) => e.code(),
            Self::ResetOutOfRange => crate::ErrorCode::ResetOutOfRange,
        }
    }
}

impl From<ValidationError> for WorkshopError {
    fn from(e: ValidationError) -> Self {
        Self::Setup(SetupError::Text(e))
    }
}

impl WorkshopDraft {
    /// The draft with its texts cleaned, or the first rule it breaks: a title and a place of
    /// 3–120 characters on one line, the end after the start, the reset within bounds.
    pub fn validate(&self) -> Result<Self, WorkshopError> {
        if self.ends_at <= self.starts_at {
            return Err(WorkshopError::Setup(SetupError::DatesReversed));
        }
        if !(RESET_SECS_MIN..=RESET_SECS_MAX).contains(&self.reset_secs) {
            return Err(WorkshopError::ResetOutOfRange);
        }
        // No markup: title and place are printed on the join sheet and the wall.
        let plain = |raw: &str| {
            let s = parse_title(raw)?;
            if s.contains(['<', '>']) {
                return Err(ValidationError::TitleInvalid);
            }
            Ok(s)
        };
        Ok(Self {
            title: plain(&self.title)?,
            place: plain(&self.place)?,
            ..self.clone()
        })
    }
}

/// The canonical join code (upper case, no spaces or hyphens), or `None` if `typed` cannot be
/// one.
pub fn normalise_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == JOIN_CODE_LEN && code.bytes().all(|b| JOIN_ALPHABET.contains(&b)))
        .then_some(code)
}

/// A join code from random bytes (each byte picks one symbol; the slight bias of 256 % 24 is
/// irrelevant for a code that is unique by a database constraint, not by luck).
pub fn code_from_random(bytes: [u8; JOIN_CODE_LEN]) -> String {
    bytes
        .iter()
        .map(|b| JOIN_ALPHABET[usize::from(*b) % JOIN_ALPHABET.len()] as char)
        .collect()
}

/// The app path a join code opens (the QR code holds the public address plus this).
pub fn join_path(code: &str) -> String {
    format!("/mitmachen/{code}")
}

/// The results wall's data (`GET /api/workshops/{code}/wall`): public, nothing personal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WallData {
    pub workshop: Workshop,
    /// The address the QR code holds: the public URL plus the join path.
    pub join_url: String,
    /// The process's fields of action (open ones), most dot points first.
    pub themes: Vec<WallTheme>,
    /// The newest published ideas of the process, newest first.
    pub ideas: Vec<WallIdea>,
    /// People who took part through this workshop (phones and kiosks).
    pub participants_here: u64,
    /// People who took part in the process, through any channel.
    pub participants_total: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WallTheme {
    pub id: ThemeId,
    pub title: String,
    pub dots: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WallIdea {
    pub id: IdeaId,
    pub title: String,
    pub theme_title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> WorkshopDraft {
        WorkshopDraft {
            title: "Zukunftswerkstatt Mobilität".into(),
            place: "WissensWerkStadt".into(),
            starts_at: 1_000,
            ends_at: 2_000,
            open: Modules::ALL,
            reset_secs: RESET_SECS_DEFAULT,
        }
    }

    #[test]
    fn a_valid_draft_is_cleaned_and_bad_ones_name_their_rule() {
        let d = WorkshopDraft {
            title: "  Zukunftswerkstatt  ".into(),
            ..draft()
        };
        assert_eq!(d.validate().expect("valid").title, "Zukunftswerkstatt");
        let reversed = WorkshopDraft {
            ends_at: 1_000,
            ..draft()
        };
        assert_eq!(
            reversed.validate().expect_err("reversed").code(),
            crate::ErrorCode::DatesInvalid
        );
        for secs in [0, 29, 601] {
            let d = WorkshopDraft {
                reset_secs: secs,
                ..draft()
            };
            assert_eq!(d.validate(), Err(WorkshopError::ResetOutOfRange));
        }
        let no_place = WorkshopDraft {
            place: " ".into(),
            ..draft()
        };
        assert!(no_place.validate().is_err());
    }

    #[test]
    fn join_codes_are_unambiguous_and_typing_is_forgiving() {
        let code = code_from_random([0, 23, 24, 100, 200, 255]);
        assert_eq!(code.len(), JOIN_CODE_LEN);
        assert_eq!(normalise_code(&code), Some(code.clone()));
        assert_eq!(
            normalise_code(&format!(" {}-{} ", &code[..3], &code[3..]).to_lowercase()),
            Some(code)
        );
        for bad in ["ACDEF", "ACDEFGH", "ACDEF0", "ACDEFO", "ACDEF1", "ÄCDEFG"] {
            assert_eq!(normalise_code(bad), None, "{bad}");
        }
        for b in JOIN_ALPHABET {
            assert!(!b"0O1IL2Z5S8B".contains(b));
        }
    }

    #[test]
    fn a_workshop_runs_from_its_start_until_before_its_end() {
        let w = Workshop {
            id: WorkshopId::default(),
            process_id: ProcessId::default(),
            code: "ACDEFG".into(),
            title: "t".into(),
            place: "p".into(),
            starts_at: 10,
            ends_at: 20,
            open: Modules::ALL,
            reset_secs: 90,
        };
        assert!(!w.runs_at(9) && w.runs_at(10) && w.runs_at(19) && !w.runs_at(20));
    }

    #[test]
    fn while_it_runs_a_workshop_decides_its_modules_and_otherwise_the_process_does() {
        let w = Workshop {
            id: WorkshopId::default(),
            process_id: ProcessId::default(),
            code: "ACDEFG".into(),
            title: "t".into(),
            place: "p".into(),
            starts_at: 10,
            ends_at: 20,
            open: Modules {
                dots: true,
                ..Modules::default()
            },
            reset_secs: 90,
        };
        assert_eq!(w.opens_at(Module::Dots, 10), Some(true));
        assert_eq!(w.opens_at(Module::Ideas, 19), Some(false));
        assert_eq!(w.opens_at(Module::Dots, 9), None);
        assert_eq!(w.opens_at(Module::Ideas, 20), None);
    }
}

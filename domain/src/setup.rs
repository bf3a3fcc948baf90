//! Setting up a participation process: its dates, dot budget and fields of action, and its
//! phases with the modules each one opens (the concept paper's Stufenplan: Bestandsaufnahme,
//! Ideensammlung, Bewertung, …). Pure rules shared by the server (which enforces them) and the
//! apps (which show what is open and why something was refused).
//!
//! **Gates.** A process without phases is open for everything between its start and end. A
//! process with phases is open for a module exactly while a phase that opens it runs
//! (`starts_at <= now < ends_at`); between phases nothing is open. The server decides by its
//! own clock when a mutation arrives, so an idea written offline during the idea collection
//! and sent after it closed is refused ([`ErrorCode::PhaseClosed`]), its text kept by the app.
//! Staff decisions are never gated.

use crate::chars;
use crate::error::ErrorCode;
use crate::moderation::ModerationMode;
use crate::text::ValidationError;
use serde::{Deserialize, Serialize};

/// The dot budget a process may give each participant.
pub const DOT_BUDGET_MIN: u8 = 1;
pub const DOT_BUDGET_MAX: u8 = 20;
/// Titles of processes, fields of action and phases: 3–120 characters, one line.
pub const SETUP_TITLE_MIN: usize = 3;
pub const SETUP_TITLE_MAX: usize = 120;
/// Descriptions of processes and fields of action (plain paragraphs and links).
pub const DESCRIPTION_MAX: usize = 4_000;
/// A phase's short text.
pub const PHASE_TEXT_MAX: usize = 500;
/// Most phases in one process.
pub const PHASES_MAX: usize = 12;

/// What participants can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Module {
    /// Submitting ideas.
    Ideas,
    /// Supporting ideas.
    Supports,
    /// Dot voting on fields of action.
    Dots,
    /// Commenting on ideas.
    Comments,
}

impl Module {
    pub const ALL: [Module; 4] = [
        Module::Ideas,
        Module::Supports,
        Module::Dots,
        Module::Comments,
    ];
}

/// Which modules a phase opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Modules {
    #[serde(default)]
    pub ideas: bool,
    #[serde(default)]
    pub supports: bool,
    #[serde(default)]
    pub dots: bool,
    #[serde(default)]
    pub comments: bool,
}

impl Modules {
    pub const ALL: Modules = Modules {
        ideas: true,
        supports: true,
        dots: true,
        comments: true,
    };

    pub fn opens(self, m: Module) -> bool {
        match m {
            Module::Ideas => self.ideas,
            Module::Supports => self.supports,
            Module::Dots => self.dots,
            Module::Comments => self.comments,
        }
    }
}

/// A dated stage of a process. Times are milliseconds since the Unix epoch (UTC); a phase runs
/// from `starts_at` (inclusive) to `ends_at` (exclusive).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Phase {
    pub title: String,
    #[serde(default)]
    pub text: String,
    pub starts_at: i64,
    pub ends_at: i64,
    #[serde(default)]
    pub open: Modules,
}

/// A process as an admin creates or edits it (`POST /api/admin/processes`,
/// `PUT /api/admin/processes/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessDraft {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// 1–20 (default 5).
    #[serde(default = "default_budget")]
    pub dot_budget: u8,
    #[serde(default)]
    pub moderation: ModerationMode,
    #[serde(default)]
    pub verified_only: bool,
    /// The licence of its open data (default `dl-de/by-2-0`).
    #[serde(default = "default_licence")]
    pub licence: String,
}

fn default_licence() -> String {
    crate::export::DEFAULT_LICENCE.to_owned()
}

fn default_budget() -> u8 {
    crate::DOT_BUDGET
}

/// A field of action as an admin adds or edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeDraft {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A retired field of action takes no new ideas or dots; its ideas and results stay.
    #[serde(default)]
    pub retired: bool,
}

/// `PUT /api/admin/processes/{id}/phases`: the whole list, replacing the previous one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseList {
    pub phases: Vec<Phase>,
}

/// `PUT /api/admin/processes/{id}/theme-order`: the process's fields of action, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeOrder {
    pub theme_ids: Vec<crate::ThemeId>,
}

/// A title of the set-up: trimmed, one line, 3–120 characters.
pub fn parse_title(raw: &str) -> Result<String, ValidationError> {
    let s = chars::clean(raw);
    chars::check(&s, false).map_err(|_| ValidationError::TitleInvalid)?;
    match s.chars().count() {
        n if n < SETUP_TITLE_MIN => Err(ValidationError::TitleTooShort),
        n if n > SETUP_TITLE_MAX => Err(ValidationError::TitleTooLong),
        _ => Ok(s),
    }
}

/// A description or phase text: trimmed, line breaks allowed, may be empty.
pub fn parse_text(raw: &str, max: usize) -> Result<String, ValidationError> {
    let s = chars::clean(raw);
    if s.is_empty() {
        return Ok(s);
    }
    chars::check(&s, true).map_err(|_| ValidationError::BodyInvalid)?;
    if s.chars().count() > max {
        return Err(ValidationError::BodyTooLong);
    }
    Ok(s)
}

/// A rule of the set-up that an input breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("{0}")]
    Text(ValidationError),
    #[error("the dot budget must be between {DOT_BUDGET_MIN} and {DOT_BUDGET_MAX}")]
    BudgetOutOfRange,
    #[error("the end must come after the start")]
    DatesReversed,
    #[error("a phase lies outside the process's dates")]
    PhaseOutsideProcess,
    #[error("two phases overlap")]
    PhasesOverlap,
    #[error("at most {PHASES_MAX} phases")]
    TooManyPhases,
    #[error("a licence is an identifier such as dl-de/by-2-0 (letters, digits, - . / +)")]
    LicenceInvalid,
}

impl From<ValidationError> for SetupError {
    fn from(e: ValidationError) -> Self {
        Self::Text(e)
    }
}

impl SetupError {
    pub fn code(self) -> ErrorCode {
        match self {
            Self::Text(e) => e.code(),
            Self::BudgetOutOfRange => ErrorCode::BudgetOutOfRange,
            Self::DatesReversed | Self::PhaseOutsideProcess | Self::TooManyPhases => {
                ErrorCode::DatesInvalid
            }
            Self::PhasesOverlap => ErrorCode::PhasesOverlap,
            Self::LicenceInvalid => ErrorCode::LicenceInvalid,
        }
    }
}

impl ProcessDraft {
    /// The draft with its texts cleaned, or the first rule it breaks.
    pub fn validate(&self) -> Result<Self, SetupError> {
        if !(DOT_BUDGET_MIN..=DOT_BUDGET_MAX).contains(&self.dot_budget) {
            return Err(SetupError::BudgetOutOfRange);
        }
        if self.ends_at <= self.starts_at {
            return Err(SetupError::DatesReversed);
        }
        let licence = self.licence.trim();
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-./+_".contains(c);
        if licence.is_empty()
            || licence.len() > crate::export::LICENCE_MAX
            || !licence.chars().all(allowed)
        {
            return Err(SetupError::LicenceInvalid);
        }
        Ok(Self {
            title: parse_title(&self.title)?,
            description: parse_text(&self.description, DESCRIPTION_MAX)?,
            licence: licence.to_owned(),
            ..self.clone()
        })
    }
}

impl ThemeDraft {
    pub fn validate(&self) -> Result<Self, SetupError> {
        Ok(Self {
            title: parse_title(&self.title)?,
            description: parse_text(&self.description, DESCRIPTION_MAX)?,
            retired: self.retired,
        })
    }
}

/// The phases with texts cleaned and sorted by start, or the first rule they break: each ends
/// after it starts, lies within the process's dates (`[starts_at, ends_at]`), and no two
/// overlap (one may start when the previous ends).
pub fn validate_phases(phases: &[Phase], process: (i64, i64)) -> Result<Vec<Phase>, SetupError> {
    if phases.len() > PHASES_MAX {
        return Err(SetupError::TooManyPhases);
    }
    let mut out = Vec::with_capacity(phases.len());
    for p in phases {
        if p.ends_at <= p.starts_at {
            return Err(SetupError::DatesReversed);
        }
        if p.starts_at < process.0 || p.ends_at > process.1 {
            return Err(SetupError::PhaseOutsideProcess);
        }
        out.push(Phase {
            title: parse_title(&p.title)?,
            text: parse_text(&p.text, PHASE_TEXT_MAX)?,
            ..p.clone()
        });
    }
    out.sort_by_key(|p| (p.starts_at, p.ends_at));
    if out.windows(2).any(|w| w[1].starts_at < w[0].ends_at) {
        return Err(SetupError::PhasesOverlap);
    }
    Ok(out)
}

/// Whether a module is open, and if not, since when it is closed or when it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Open until the given time (the end of the running phase or the process).
    Open { until: i64 },
    /// Closed. `since`: the end of the last phase (or the process) in which it was open;
    /// `opens`: the start of the next phase that opens it.
    Closed {
        since: Option<i64>,
        opens: Option<i64>,
    },
}

impl Gate {
    pub fn is_open(self) -> bool {
        matches!(self, Gate::Open { .. })
    }
}

/// The gate of `module` at `now` in a process running `[starts_at, ends_at)` with `phases`
/// (sorted by start, as [`validate_phases`] returns them).
pub fn gate(process: (i64, i64), phases: &[Phase], module: Module, now: i64) -> Gate {
    if phases.is_empty() {
        let (start, end) = process;
        return if now < start {
            Gate::Closed {
                since: None,
                opens: Some(start),
            }
        } else if now < end {
            Gate::Open { until: end }
        } else {
            Gate::Closed {
                since: Some(end),
                opens: None,
            }
        };
    }
    let opening = phases.iter().filter(|p| p.open.opens(module));
    if let Some(p) = opening
        .clone()
        .find(|p| p.starts_at <= now && now < p.ends_at)
    {
        // Back-to-back phases that both open the module: open until the last one ends.
        let mut until = p.ends_at;
        for q in opening.clone().filter(|q| q.starts_at >= p.ends_at) {
            if q.starts_at == until {
                until = q.ends_at;
            }
        }
        return Gate::Open { until };
    }
    Gate::Closed {
        since: opening
            .clone()
            .filter(|p| p.ends_at <= now)
            .map(|p| p.ends_at)
            .max(),
        opens: opening
            .filter(|p| p.starts_at > now)
            .map(|p| p.starts_at)
            .min(),
    }
}

/// The phase running at `now`, if any.
pub fn current_phase(phases: &[Phase], now: i64) -> Option<usize> {
    phases
        .iter()
        .position(|p| p.starts_at <= now && now < p.ends_at)
}

#[cfg(test)]
mod tests;

/// The calendar date (year, month, day) in UTC of a time in ms since the Unix epoch
/// (H. Hinnant's `civil_from_days`). The apps show local dates; the server's messages UTC ones.
pub fn utc_date(ms: i64) -> (i64, u32, u32) {
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

//! Evaluation matrices (Bewertungsmatrix) of a process, as in the concept paper: options
//! scored against criteria on a scale (Tabelle 1: 0–4, "Kriterium nicht erfüllt" to "voll
//! erfüllt"), and options compared by written advantages and disadvantages (Tabelle 2).
//!
//! **Who.** Moderators and admins define a matrix (options, criteria, weights, scale, notes),
//! invite DigitalSupporters ([`crate::staff::Role::Expert`], at most [`EXPERTS_MAX`] per
//! process), close it and publish it. Every invited expert — and any moderator — fills in a
//! sheet of their own: a score per option × criterion (any cell may stay empty) with an
//! optional note. A sheet is only ever replaced as a whole by its own author.
//!
//! **Life cycle.** [`MatrixState::Open`] (defined, edited, scored) → `Closed` (no more scores
//! or edits; may be reopened) → `Published` (final; its [`MatrixResult`] is public, without
//! any expert's name or id).
//!
//! **Maths** (`maths`): per cell the mean over the experts who scored it, its spread
//! (min..max and the population standard deviation); per option the plain total (sum of the
//! cell means) and the weighted total (sum of weight × mean); the ranking by weighted total,
//! ties sharing a rank. Means are computed from integer sums, so the order of the sheets never
//! changes a result.

use crate::ids::{CriterionId, IdeaId, MatrixId, MatrixOptionId, ProcessId, ProjectId, StaffId};
use serde::{Deserialize, Serialize};

mod drafts;
mod maths;
pub use drafts::*;
pub use maths::*;

/// Most options (columns) of one matrix.
pub const OPTIONS_MAX: usize = 20;
/// Most criteria (rows) of one matrix.
pub const CRITERIA_MAX: usize = 20;
/// Most advantages, and most disadvantages, noted for one option.
pub const NOTES_MAX: usize = 10;
/// Characters of one advantage or disadvantage.
pub const NOTE_MAX: usize = 300;
/// Characters of an expert's note on one cell.
pub const CELL_NOTE_MAX: usize = 500;
/// Characters of a scale label.
pub const LABEL_MAX: usize = 80;
/// The highest a scale may reach (its lowest is at least 0).
pub const SCALE_TOP: u8 = 10;
/// A criterion's weight: 1 (the default) to 10.
pub const WEIGHT_MIN: u8 = 1;
pub const WEIGHT_MAX: u8 = 10;
/// DigitalSupporters invited to the matrices of one process, as in the concept paper.
pub const EXPERTS_MAX: usize = 12;

/// The concept paper's labels for 0 to 4 points.
pub const PAPER_LABELS: [&str; 5] = [
    "Kriterium nicht erfüllt",
    "Kriterium überwiegend nicht erfüllt",
    "Kriterium teilweise erfüllt",
    "Kriterium überwiegend erfüllt",
    "Kriterium voll erfüllt",
];

/// Where a matrix stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatrixState {
    /// Being defined and scored.
    #[default]
    Open,
    /// No more scores or edits; can be reopened or published.
    Closed,
    /// Final: its result is public.
    Published,
}

impl MatrixState {
    pub const ALL: [MatrixState; 3] = [Self::Open, Self::Closed, Self::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
            Self::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The state after asking for `to`: open ⇄ closed → published; asking for the state it
    /// is in changes nothing. Publishing needs a closed matrix; a published one stays.
    pub fn move_to(self, to: MatrixState) -> Result<MatrixState, MatrixError> {
        use MatrixState::*;
        match (self, to) {
            (a, b) if a == b => Ok(a),
            (Open, Closed) | (Closed, Open) | (Closed, Published) => Ok(to),
            (Open, Published) => Err(MatrixError::NotClosed),
            (Published, _) => Err(MatrixError::Closed),
            _ => Err(MatrixError::Closed),
        }
    }
}

/// The points an expert may give: `min..=max` (within 0–[`SCALE_TOP`]), with an optional
/// label per point (none, or exactly one per point from `min` up).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    #[serde(default)]
    pub labels: Vec<String>,
}

impl Default for Scale {
    /// The concept paper's: 0–4 points with its labels.
    fn default() -> Self {
        Self {
            min: 0,
            max: 4,
            labels: PAPER_LABELS.iter().map(|l| (*l).to_owned()).collect(),
        }
    }
}

impl Scale {
    pub fn contains(&self, score: u8) -> bool {
        (self.min..=self.max).contains(&score)
    }
}

/// What an option stands for: a free text (its title), an idea or a project of the process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OptionSource {
    #[default]
    Text,
    Idea(IdeaId),
    Project(ProjectId),
}

/// An option (a column of Tabelle 1), with the advantages and disadvantages noted for it
/// (Tabelle 2).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixOption {
    pub id: MatrixOptionId,
    #[serde(default)]
    pub source: OptionSource,
    pub title: String,
    #[serde(default)]
    pub advantages: Vec<String>,
    #[serde(default)]
    pub disadvantages: Vec<String>,
}

/// A criterion (a row of Tabelle 1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub id: CriterionId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// 1–10; 1 unless staff gave another.
    pub weight: u8,
}

/// An invited DigitalSupporter as moderators see them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixExpert {
    pub staff_id: StaffId,
    pub username: String,
    /// Cells scored so far (0: not begun).
    pub scored_cells: u32,
}

/// A matrix as staff see it. `experts` is filled for moderators and admins only.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixRecord {
    pub id: MatrixId,
    pub process_id: ProcessId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub state: MatrixState,
    pub scale: Scale,
    /// In the order staff gave them.
    #[serde(default)]
    pub options: Vec<MatrixOption>,
    /// In the order staff gave them.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub experts: Vec<MatrixExpert>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One scored cell of a sheet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Score {
    pub option_id: MatrixOptionId,
    pub criterion_id: CriterionId,
    pub score: u8,
    /// The expert's reasoning for this cell (plain text).
    #[serde(default)]
    pub note: Option<String>,
}

/// `GET /api/staff/matrices/{id}`: the matrix and the caller's own sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixSheetView {
    pub matrix: MatrixRecord,
    pub scores: Vec<Score>,
}

/// One expert's sheet, as moderators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertSheet {
    pub staff_id: StaffId,
    pub username: String,
    pub scores: Vec<Score>,
}

/// `GET /api/moderation/matrices/{id}/sheets`: every sheet and the result computed from them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixReview {
    pub matrix: MatrixRecord,
    pub sheets: Vec<ExpertSheet>,
    pub result: MatrixResult,
}

/// A published matrix as everybody sees it (`GET /api/processes/{id}/matrices`): its
/// definition, notes and result; no expert's name or id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicMatrix {
    pub id: MatrixId,
    pub process_id: ProcessId,
    pub title: String,
    pub description: String,
    pub scale: Scale,
    pub options: Vec<MatrixOption>,
    pub criteria: Vec<Criterion>,
    pub result: MatrixResult,
    pub updated_at: i64,
}

/// A staff account that can be invited to score (`GET /api/moderation/experts`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertAccount {
    pub id: StaffId,
    pub username: String,
    pub active: bool,
}

/// `POST /api/moderation/matrices/{id}/experts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertInvite {
    pub staff_id: StaffId,
}

/// `PUT /api/moderation/matrices/{id}/state`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateChange {
    pub state: MatrixState,
}

#[cfg(test)]
mod tests;

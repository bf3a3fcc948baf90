//! Matrices and sheets as staff send them, and the rules they must keep.

use super::{
    Criterion, MatrixOption, OptionSource, Scale, Score, CELL_NOTE_MAX, CRITERIA_MAX, LABEL_MAX,
    NOTES_MAX, NOTE_MAX, OPTIONS_MAX, SCALE_TOP, WEIGHT_MAX, WEIGHT_MIN,
};
use crate::error::ErrorCode;
use crate::ids::{CriterionId, MatrixOptionId};
use crate::projects::parse_line;
use crate::setup::{parse_text, parse_title, DESCRIPTION_MAX};
use crate::text::ValidationError;
use serde::{Deserialize, Serialize};

/// `POST /api/moderation/processes/{id}/matrices`, `PUT /api/moderation/matrices/{id}`. On an
/// edit the lists replace the previous ones: an entry with an `id` keeps that option or
/// criterion (and the scores given to it), one without gets a new id, and one left out is
/// removed with its scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixDraft {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Default: 0–4 with the concept paper's labels.
    #[serde(default)]
    pub scale: Scale,
    #[serde(default)]
    pub options: Vec<OptionDraft>,
    #[serde(default)]
    pub criteria: Vec<CriterionDraft>,
}

/// An option: a free text (title required), or an idea or project of the process (the title
/// may stay empty: it is then the idea's or project's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionDraft {
    /// An option of this matrix to keep; none for a new one.
    #[serde(default)]
    pub id: Option<MatrixOptionId>,
    #[serde(default)]
    pub source: OptionSource,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub advantages: Vec<String>,
    #[serde(default)]
    pub disadvantages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionDraft {
    /// A criterion of this matrix to keep; none for a new one.
    #[serde(default)]
    pub id: Option<CriterionId>,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// 1–10 (default 1).
    #[serde(default)]
    pub weight: Option<u8>,
}

/// `PUT /api/staff/matrices/{id}/sheet`: the caller's whole sheet (it replaces the previous
/// one; cells left out are unscored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetDraft {
    #[serde(default)]
    pub scores: Vec<Score>,
}

/// A rule of matrices that an input breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MatrixError {
    #[error("{0}")]
    Text(ValidationError),
    #[error("a matrix has at most {OPTIONS_MAX} options, {CRITERIA_MAX} criteria and {NOTES_MAX} advantages and disadvantages per option")]
    TooLarge,
    #[error("a scale runs from a lower to a higher point within 0–{SCALE_TOP}, with no labels or one per point (at most {LABEL_MAX} characters each)")]
    ScaleInvalid,
    #[error("a criterion's weight is {WEIGHT_MIN} to {WEIGHT_MAX}")]
    WeightOutOfRange,
    #[error("no such option in this matrix")]
    UnknownOption,
    #[error("no such criterion in this matrix")]
    UnknownCriterion,
    #[error("an option, criterion or cell is given twice")]
    Duplicate,
    #[error("a score lies outside the matrix's scale")]
    ScoreOutOfRange,
    #[error("this matrix is closed (or published): it takes no more scores or changes")]
    Closed,
    #[error("only a closed matrix can be published")]
    NotClosed,
}

impl From<ValidationError> for MatrixError {
    fn from(e: ValidationError) -> Self {
        Self::Text(e)
    }
}

impl MatrixError {
    pub fn code(self) -> ErrorCode {
        match self {
            Self::Text(e) => e.code(),
            Self::TooLarge => ErrorCode::MatrixTooLarge,
            Self::ScaleInvalid => ErrorCode::ScaleInvalid,
            Self::WeightOutOfRange => ErrorCode::WeightOutOfRange,
            Self::UnknownOption => ErrorCode::UnknownOption,
            Self::UnknownCriterion => ErrorCode::UnknownCriterion,
            Self::Duplicate => ErrorCode::DuplicateEntry,
            Self::ScoreOutOfRange => ErrorCode::ScoreOutOfRange,
            Self::Closed => ErrorCode::MatrixClosed,
            Self::NotClosed => ErrorCode::MatrixNotClosed,
        }
    }
}

impl Scale {
    /// The scale with its labels cleaned, or [`MatrixError::ScaleInvalid`].
    pub fn validate(&self) -> Result<Self, MatrixError> {
        if self.min >= self.max || self.max > SCALE_TOP {
            return Err(MatrixError::ScaleInvalid);
        }
        let points = usize::from(self.max - self.min) + 1;
        if !self.labels.is_empty() && self.labels.len() != points {
            return Err(MatrixError::ScaleInvalid);
        }
        let labels = self
            .labels
            .iter()
            .map(|l| match parse_line(l, true) {
                Ok(l) if l.chars().count() <= LABEL_MAX => Ok(l),
                _ => Err(MatrixError::ScaleInvalid),
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            labels,
            ..self.clone()
        })
    }
}

/// Advantages or disadvantages: each a one-line text of 1–[`NOTE_MAX`] characters, at most
/// [`NOTES_MAX`]; empty entries are dropped.
fn parse_notes(raw: &[String]) -> Result<Vec<String>, MatrixError> {
    let mut out = Vec::with_capacity(raw.len());
    for n in raw {
        let n = parse_line_max(n, NOTE_MAX)?;
        if !n.is_empty() {
            out.push(n);
        }
    }
    if out.len() > NOTES_MAX {
        return Err(MatrixError::TooLarge);
    }
    Ok(out)
}

/// A one-line text of at most `max` characters (empty allowed).
fn parse_line_max(raw: &str, max: usize) -> Result<String, ValidationError> {
    let s = crate::chars::clean(raw);
    if s.is_empty() {
        return Ok(s);
    }
    crate::chars::check(&s, false).map_err(|_| ValidationError::BodyInvalid)?;
    if s.chars().count() > max {
        return Err(ValidationError::BodyTooLong);
    }
    Ok(s)
}

/// `true` when `id` is new to `seen` (and records it).
fn first<T: PartialEq + Copy>(seen: &mut Vec<T>, id: T) -> bool {
    if seen.contains(&id) {
        return false;
    }
    seen.push(id);
    true
}

/// A validated draft. Entries without an id are new; the storage gives them theirs (and
/// fills an empty title of an idea or project option with the idea's or project's title).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidMatrix {
    pub title: String,
    pub description: String,
    pub scale: Scale,
    pub options: Vec<(Option<MatrixOptionId>, MatrixOption)>,
    pub criteria: Vec<(Option<CriterionId>, Criterion)>,
}

impl MatrixDraft {
    /// The draft cleaned, or the first rule it breaks. `options` and `criteria` are the ids
    /// the matrix has now (none for a new matrix): an id in the draft must be one of them.
    pub fn validate(
        &self,
        options: &[MatrixOptionId],
        criteria: &[CriterionId],
    ) -> Result<ValidMatrix, MatrixError> {
        if self.options.len() > OPTIONS_MAX || self.criteria.len() > CRITERIA_MAX {
            return Err(MatrixError::TooLarge);
        }
        let mut seen = Vec::new();
        let mut valid_options = Vec::with_capacity(self.options.len());
        for o in &self.options {
            if let Some(id) = o.id {
                if !options.contains(&id) {
                    return Err(MatrixError::UnknownOption);
                }
                if !first(&mut seen, id) {
                    return Err(MatrixError::Duplicate);
                }
            }
            let title = match o.source {
                OptionSource::Text => parse_title(&o.title)?,
                _ if crate::chars::clean(&o.title).is_empty() => String::new(),
                _ => parse_title(&o.title)?,
            };
            let option = MatrixOption {
                id: o.id.unwrap_or_default(),
                source: o.source,
                title,
                advantages: parse_notes(&o.advantages)?,
                disadvantages: parse_notes(&o.disadvantages)?,
            };
            valid_options.push((o.id, option));
        }
        let mut seen = Vec::new();
        let mut valid_criteria = Vec::with_capacity(self.criteria.len());
        for c in &self.criteria {
            if let Some(id) = c.id {
                if !criteria.contains(&id) {
                    return Err(MatrixError::UnknownCriterion);
                }
                if !first(&mut seen, id) {
                    return Err(MatrixError::Duplicate);
                }
            }
            let weight = c.weight.unwrap_or(1);
            if !(WEIGHT_MIN..=WEIGHT_MAX).contains(&weight) {
                return Err(MatrixError::WeightOutOfRange);
            }
            let criterion = Criterion {
                id: c.id.unwrap_or_default(),
                title: parse_title(&c.title)?,
                description: parse_text(&c.description, DESCRIPTION_MAX)?,
                weight,
            };
            valid_criteria.push((c.id, criterion));
        }
        Ok(ValidMatrix {
            title: parse_title(&self.title)?,
            description: parse_text(&self.description, DESCRIPTION_MAX)?,
            scale: self.scale.validate()?,
            options: valid_options,
            criteria: valid_criteria,
        })
    }
}

impl SheetDraft {
    /// The scores cleaned (empty notes dropped), or the first rule they break: every cell of
    /// an option and criterion of the matrix, at most once, within its scale.
    pub fn validate(
        &self,
        options: &[MatrixOption],
        criteria: &[Criterion],
        scale: &Scale,
    ) -> Result<Vec<Score>, MatrixError> {
        let mut seen = Vec::with_capacity(self.scores.len());
        let mut out = Vec::with_capacity(self.scores.len());
        for s in &self.scores {
            if !options.iter().any(|o| o.id == s.option_id) {
                return Err(MatrixError::UnknownOption);
            }
            if !criteria.iter().any(|c| c.id == s.criterion_id) {
                return Err(MatrixError::UnknownCriterion);
            }
            if !first(&mut seen, (s.option_id, s.criterion_id)) {
                return Err(MatrixError::Duplicate);
            }
            if !scale.contains(s.score) {
                return Err(MatrixError::ScoreOutOfRange);
            }
            let note = match s.note.as_deref() {
                None => None,
                Some(n) => Some(parse_text(n, CELL_NOTE_MAX)?).filter(|n| !n.is_empty()),
            };
            out.push(Score { note, ..s.clone() });
        }
        Ok(out)
    }
}

//! Drafts of projects and their parts as staff send them, and the rules they must keep
//! (see the parent module for the dates and texts).

use super::{CommitteeDecision, DecisionBody, DecisionOutcome, Funding, ProjectStatus};
use crate::error::ErrorCode;
use crate::ids::{DecisionId, IdeaId, ThemeId};
use crate::setup::{parse_text, parse_title, DESCRIPTION_MAX};
use crate::text::ValidationError;
use serde::{Deserialize, Serialize};

/// A project's responsible actor, a funding programme's name, a decision's reference.
pub const LINE_MAX: usize = 200;
/// An update's text.
pub const UPDATE_MAX: usize = 4_000;
/// A committee decision's short text.
pub const DECISION_TEXT_MAX: usize = 1_000;
/// A link's length.
pub const LINK_MAX: usize = 500;
/// Most source ideas of one project.
pub const SOURCE_IDEAS_MAX: usize = 50;

/// `POST /api/moderation/projects`, `PUT /api/moderation/projects/{id}`. On an edit,
/// `source_ideas` replaces the list: ideas new to it must be published ideas of the project's
/// process and not part of another project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectDraft {
    pub theme_id: ThemeId,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub responsible: String,
    #[serde(default)]
    pub funding: Funding,
    #[serde(default)]
    pub status: ProjectStatus,
    /// The project's start: no milestone may be due before it.
    pub starts_on: i64,
    #[serde(default)]
    pub source_ideas: Vec<IdeaId>,
}

/// `POST /api/moderation/projects/{id}/milestones`, `PUT …/milestones/{milestone_id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneDraft {
    pub title: String,
    pub due_on: i64,
    /// Set to mark it done (on that date); `null` to reopen.
    #[serde(default)]
    pub done_on: Option<i64>,
}

/// `POST /api/moderation/projects/{id}/decisions`. Body, date and outcome are required
/// (missing ones answer `decision_incomplete`, not `malformed_json`); `body_other` names the
/// body when `body` is `other`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionDraft {
    #[serde(default)]
    pub body: Option<DecisionBody>,
    #[serde(default)]
    pub body_other: Option<String>,
    #[serde(default)]
    pub decided_on: Option<i64>,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub outcome: Option<DecisionOutcome>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub text: String,
}

/// `POST /api/moderation/projects/{id}/updates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateDraft {
    pub text: String,
}

/// `GET /api/projects`: optionally only one field of action and/or one status (its OpenAPI
/// parameters: the `openapi` module).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectQuery {
    #[serde(default)]
    pub theme: Option<ThemeId>,
    #[serde(default)]
    pub status: Option<ProjectStatus>,
}

/// A rule of projects that an input breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectError {
    #[error("{0}")]
    Text(ValidationError),
    #[error("a milestone may not be due before the project starts")]
    MilestoneBeforeStart,
    #[error("a decision needs its body, date and outcome (and the body's name for 'other')")]
    DecisionIncomplete,
    #[error("a link must start with https:// or http:// and have at most {LINK_MAX} characters")]
    LinkInvalid,
    #[error("a project may name at most {SOURCE_IDEAS_MAX} source ideas")]
    TooManyIdeas,
}

impl From<ValidationError> for ProjectError {
    fn from(e: ValidationError) -> Self {
        Self::Text(e)
    }
}

impl ProjectError {
    pub fn code(self) -> ErrorCode {
        match self {
            Self::Text(e) => e.code(),
            Self::MilestoneBeforeStart => ErrorCode::MilestoneBeforeStart,
            Self::DecisionIncomplete => ErrorCode::DecisionIncomplete,
            Self::LinkInvalid => ErrorCode::LinkInvalid,
            Self::TooManyIdeas => ErrorCode::BodyTooLong,
        }
    }
}

/// A one-line text (responsible actor, programme, reference): trimmed, at most [`LINE_MAX`]
/// characters; empty when `required` is false.
pub fn parse_line(raw: &str, required: bool) -> Result<String, ValidationError> {
    let s = crate::chars::clean(raw);
    if s.is_empty() {
        return if required {
            Err(ValidationError::BodyEmpty)
        } else {
            Ok(s)
        };
    }
    crate::chars::check(&s, false).map_err(|_| ValidationError::BodyInvalid)?;
    if s.chars().count() > LINE_MAX {
        return Err(ValidationError::BodyTooLong);
    }
    Ok(s)
}

/// A link: `https://` or `http://` followed by something, no spaces or control characters,
/// at most [`LINK_MAX`] characters.
pub fn parse_link(raw: &str) -> Result<String, ProjectError> {
    let s = raw.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or(ProjectError::LinkInvalid)?;
    if rest.is_empty()
        || s.chars().count() > LINK_MAX
        || s.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ProjectError::LinkInvalid);
    }
    Ok(s.to_owned())
}

impl ProjectDraft {
    /// The draft with its texts cleaned (ideas deduplicated, in order), or the first rule it
    /// breaks.
    pub fn validate(&self) -> Result<Self, ProjectError> {
        if self.source_ideas.len() > SOURCE_IDEAS_MAX {
            return Err(ProjectError::TooManyIdeas);
        }
        let mut ideas: Vec<IdeaId> = Vec::with_capacity(self.source_ideas.len());
        for i in &self.source_ideas {
            if !ideas.contains(i) {
                ideas.push(*i);
            }
        }
        let programme = match &self.funding.programme {
            Some(p) => Some(parse_line(p, false)?).filter(|p| !p.is_empty()),
            None => None,
        };
        Ok(Self {
            theme_id: self.theme_id,
            title: parse_title(&self.title)?,
            description: parse_text(&self.description, DESCRIPTION_MAX)?,
            responsible: parse_line(&self.responsible, true)?,
            funding: Funding {
                programme,
                ..self.funding.clone()
            },
            status: self.status,
            starts_on: self.starts_on,
            source_ideas: ideas,
        })
    }
}

impl MilestoneDraft {
    /// Cleaned, and not due before `starts_on` (the project's start).
    pub fn validate(&self, starts_on: i64) -> Result<Self, ProjectError> {
        if self.due_on < starts_on {
            return Err(ProjectError::MilestoneBeforeStart);
        }
        Ok(Self {
            title: parse_title(&self.title)?,
            ..self.clone()
        })
    }
}

impl DecisionDraft {
    /// The decision (with id `id`) this draft records, or the first rule it breaks.
    pub fn validate(&self, id: DecisionId) -> Result<CommitteeDecision, ProjectError> {
        let (Some(body), Some(decided_on), Some(outcome)) =
            (self.body, self.decided_on, self.outcome)
        else {
            return Err(ProjectError::DecisionIncomplete);
        };
        let body_other = match body {
            DecisionBody::Other => {
                let name = parse_line(self.body_other.as_deref().unwrap_or_default(), false)?;
                if name.is_empty() {
                    return Err(ProjectError::DecisionIncomplete);
                }
                Some(name)
            }
            _ => None,
        };
        let link = match self.link.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => Some(parse_link(l)?),
        };
        Ok(CommitteeDecision {
            id,
            body,
            body_other,
            decided_on,
            reference: parse_line(&self.reference, false)?,
            outcome,
            link,
            text: parse_text(&self.text, DECISION_TEXT_MAX)?,
        })
    }
}

impl UpdateDraft {
    /// The update's text: not empty, at most [`UPDATE_MAX`] characters.
    pub fn validate(&self) -> Result<String, ProjectError> {
        let text = parse_text(&self.text, UPDATE_MAX)?;
        if text.is_empty() {
            return Err(ValidationError::BodyEmpty.into());
        }
        Ok(text)
    }
}

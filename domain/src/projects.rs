//! Projects (Maßnahmen): what became of ideas. Staff create a project directly or from
//! published ideas of the current process and keep it up to date with its status, milestones,
//! committee decisions and dated updates; citizens follow projects, fields of action and ideas
//! (a [`crate::sync::MutationKind::SetFollow`] through the outbox).
//!
//! **The chain.** A project names its source ideas ([`ProjectRecord::source_ideas`]); each of
//! them names the project ([`crate::sync::IdeaRecord::project_id`]): an idea belongs to at most
//! one project. Following an idea means following the project it becomes: the apps derive
//! that from the idea's `project_id`; the server keeps the follow on the idea (and carries it
//! over when the idea is merged).
//!
//! **Dates.** Times are milliseconds since the Unix epoch (UTC). A project starts on
//! [`ProjectDraft::starts_on`] (chosen by staff, not the creation time, so a project decided
//! last year can be recorded today); no milestone may be due before it, and a project's start
//! cannot be moved past a milestone already due.
//!
//! Texts are plain: paragraphs and links as text, never HTML (the apps show them as text, so
//! `<b>` stays `<b>`). Updates carry no author name (minimal personal data).

use crate::ids::{DecisionId, IdeaId, MilestoneId, ProcessId, ProjectId, ThemeId, UpdateId};
use serde::{Deserialize, Serialize};

/// Where a project stands (the apps say "geplant", "in Umsetzung", "pausiert",
/// "abgeschlossen", "verworfen").
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    Planned,
    InProgress,
    Paused,
    Completed,
    Discarded,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 5] = [
        Self::Planned,
        Self::InProgress,
        Self::Paused,
        Self::Completed,
        Self::Discarded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Paused => "paused",
            Self::Completed => "completed",
            Self::Discarded => "discarded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How a project is paid for: its own budget and/or a funding programme (name and amount).
/// Amounts in euro cents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funding {
    #[serde(default)]
    pub own_budget_cents: Option<u64>,
    /// The funding programme's name, e.g. "Modellprojekte Smart Cities".
    #[serde(default)]
    pub programme: Option<String>,
    #[serde(default)]
    pub programme_cents: Option<u64>,
}

/// A step of a project: due on a date, done on another (or not yet).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub id: MilestoneId,
    pub title: String,
    pub due_on: i64,
    #[serde(default)]
    pub done_on: Option<i64>,
}

/// Who decided. `Other` names the body in [`CommitteeDecision::body_other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionBody {
    Digitalisierungsausschuss,
    Verwaltungsvorstand,
    /// The supervisory board of the Stadtwerke Bielefeld.
    AufsichtsratSwb,
    /// The city council.
    Rat,
    Other,
}

impl DecisionBody {
    pub const ALL: [DecisionBody; 5] = [
        Self::Digitalisierungsausschuss,
        Self::Verwaltungsvorstand,
        Self::AufsichtsratSwb,
        Self::Rat,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Digitalisierungsausschuss => "digitalisierungsausschuss",
            Self::Verwaltungsvorstand => "verwaltungsvorstand",
            Self::AufsichtsratSwb => "aufsichtsrat_swb",
            Self::Rat => "rat",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the body decided: "beschlossen", "abgelehnt", "vertagt", "zur Kenntnis genommen".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    Adopted,
    Rejected,
    Deferred,
    Noted,
}

impl DecisionOutcome {
    pub const ALL: [DecisionOutcome; 4] =
        [Self::Adopted, Self::Rejected, Self::Deferred, Self::Noted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Adopted => "adopted",
            Self::Rejected => "rejected",
            Self::Deferred => "deferred",
            Self::Noted => "noted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A committee's decision on a project, with its reference (document number) and a link.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeDecision {
    pub id: DecisionId,
    pub body: DecisionBody,
    /// The body's name when `body` is `other`; `None` otherwise.
    #[serde(default)]
    pub body_other: Option<String>,
    pub decided_on: i64,
    /// Reference or document number (may be empty).
    #[serde(default)]
    pub reference: String,
    pub outcome: DecisionOutcome,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub text: String,
}

/// When a project's status became what (its first entry: the status it was created with).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub at: i64,
    pub status: ProjectStatus,
}

/// A dated post by staff (plain paragraphs and links as text, no author name).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectUpdate {
    pub id: UpdateId,
    pub at: i64,
    pub text: String,
}

/// A project as everybody sees it (`GET /api/projects/{id}`, and in the feed as
/// `Change::Project`). Milestones by due date, decisions by date, updates oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRecord {
    pub id: ProjectId,
    pub process_id: ProcessId,
    pub theme_id: ThemeId,
    pub title: String,
    pub description: String,
    pub responsible: String,
    #[serde(default)]
    pub funding: Funding,
    pub status: ProjectStatus,
    pub starts_on: i64,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub decisions: Vec<CommitteeDecision>,
    #[serde(default)]
    pub updates: Vec<ProjectUpdate>,
    /// Every status it had, oldest first (for a dated history such as "Neuigkeiten").
    #[serde(default)]
    pub status_changes: Vec<StatusChange>,
    /// The ideas it grew from, in the order staff gave them. Their records (supports, status)
    /// are the ideas' own; an id the app does not know (no longer public) is left out.
    #[serde(default)]
    pub source_ideas: Vec<IdeaId>,
    pub created_at: i64,
    pub updated_at: i64,
}

mod drafts;
mod money;
pub use drafts::*;
pub use money::format_euros;

#[cfg(test)]
mod tests;

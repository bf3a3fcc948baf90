//! Open data and exports: the rows of the public datasets of a process, as JSON and as CSV
//! (`GET /api/export/{dataset}.{json|csv}`). Never personal data: no participant ids, no
//! author of anything, no staff names, votes only aggregated; only what is public anyway
//! (published ideas and comments, projects, decisions, results of published matrices). Every
//! answer names the process's licence (e.g. `dl-de/by-2-0`).

use crate::ids::{IdeaId, ProcessId, ProjectId, ThemeId};
use crate::moderation::OfficialStatus;
use crate::projects::{DecisionBody, DecisionOutcome, ProjectStatus};
use serde::{Deserialize, Serialize};

mod matrices;
pub use matrices::{matrix_rows, MatrixRow};

/// The licence a process's data is published under unless its admins choose another:
/// Datenlizenz Deutschland – Namensnennung – Version 2.0.
pub const DEFAULT_LICENCE: &str = "dl-de/by-2-0";
/// A licence's identifier: at most this many characters.
pub const LICENCE_MAX: usize = 100;

/// Where a well-known licence is published, for a `Link: <…>; rel="license"` header.
pub fn licence_url(licence: &str) -> Option<&'static str> {
    Some(match licence {
        "dl-de/by-2-0" => "https://www.govdata.de/dl-de/by-2-0",
        "dl-de/zero-2-0" => "https://www.govdata.de/dl-de/zero-2-0",
        "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/",
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/",
        _ => return None,
    })
}

/// The datasets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    Ideas,
    Comments,
    /// Per field of action: ideas, supports and dot points (never per person).
    Votes,
    Projects,
    /// Committee decisions on projects and on ideas.
    Decisions,
    /// The results of the published evaluation matrices (per option and criterion).
    Matrices,
}

impl Dataset {
    pub const ALL: [Dataset; 6] = [
        Self::Ideas,
        Self::Comments,
        Self::Votes,
        Self::Projects,
        Self::Decisions,
        Self::Matrices,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ideas => "ideas",
            Self::Comments => "comments",
            Self::Votes => "votes",
            Self::Projects => "projects",
            Self::Decisions => "decisions",
            Self::Matrices => "matrices",
        }
    }

    /// `ideas.csv` → (ideas, csv).
    pub fn parse_file(file: &str) -> Option<(Dataset, Format)> {
        let (name, ext) = file.rsplit_once('.')?;
        let format = match ext {
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        };
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == name)
            .map(|d| (d, format))
    }
}

/// `GET /api/export/{file}`'s query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportQuery {
    /// A process of the archive (default: the current one).
    #[serde(default)]
    pub process: Option<ProcessId>,
    /// `semicolon` for German Excel (CSV only; default `comma`).
    #[serde(default)]
    pub sep: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// A JSON export: the rows with where they come from and under which licence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Export<T> {
    pub process_id: ProcessId,
    pub process: String,
    pub licence: String,
    /// When the export was made (ms since the Unix epoch).
    pub generated_at: i64,
    pub rows: Vec<T>,
}

/// A published idea with its tallies, official answer and project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaRow {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub theme: String,
    pub title: String,
    pub text: String,
    pub created_at: i64,
    pub supports: u32,
    pub verified_supports: u32,
    pub comments: u32,
    pub answer_status: Option<OfficialStatus>,
    pub answer: Option<String>,
    pub project_id: Option<ProjectId>,
    pub project: Option<String>,
}

/// A published comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentRow {
    pub id: uuid::Uuid,
    pub idea_id: IdeaId,
    pub idea: String,
    pub text: String,
    pub created_at: i64,
}

/// The votes of one field of action, aggregated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteRow {
    pub theme_id: ThemeId,
    pub theme: String,
    /// Published ideas.
    pub ideas: u32,
    /// Supports of its published ideas (all; and of verified participants only).
    pub supports: u32,
    pub verified_supports: u32,
    pub dot_points: u32,
    pub verified_dot_points: u32,
}

/// A project with its milestones counted and its funding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectRow {
    pub id: ProjectId,
    pub theme_id: ThemeId,
    pub theme: String,
    pub title: String,
    pub status: ProjectStatus,
    pub responsible: String,
    pub starts_on: i64,
    pub milestones_done: u32,
    pub milestones: u32,
    pub own_budget_cents: Option<u64>,
    pub programme: Option<String>,
    pub programme_cents: Option<u64>,
    pub source_ideas: u32,
}

/// What a decision is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionOn {
    Project,
    Idea,
}

/// A committee decision on a project or an idea.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRow {
    pub on: DecisionOn,
    pub subject_id: uuid::Uuid,
    pub subject: String,
    pub body: DecisionBody,
    pub body_other: Option<String>,
    pub decided_on: i64,
    pub reference: String,
    pub outcome: DecisionOutcome,
    pub link: Option<String>,
    pub text: String,
}

/// A row as CSV cells, under a fixed header. Dates as `YYYY-MM-DD` (UTC), amounts in euro
/// with a decimal point, enumerations by their wire names.
pub trait CsvRow {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

/// `YYYY-MM-DD` (UTC).
pub fn iso_date(ms: i64) -> String {
    let (y, m, d) = crate::setup::utc_date(ms);
    format!("{y:04}-{m:02}-{d:02}")
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Euro with two decimals and a point: "150000.50".
pub fn euro(cents: Option<u64>) -> String {
    cents
        .map(|c| format!("{}.{:02}", c / 100, c % 100))
        .unwrap_or_default()
}

impl CsvRow for IdeaRow {
    const HEADER: &'static [&'static str] = &[
        "id",
        "theme_id",
        "theme",
        "title",
        "text",
        "created_on",
        "supports",
        "verified_supports",
        "comments",
        "answer_status",
        "answer",
        "project_id",
        "project",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.theme_id.to_string(),
            self.theme.clone(),
            self.title.clone(),
            self.text.clone(),
            iso_date(self.created_at),
            self.supports.to_string(),
            self.verified_supports.to_string(),
            self.comments.to_string(),
            self.answer_status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            opt(&self.answer),
            opt(&self.project_id),
            opt(&self.project),
        ]
    }
}

impl CsvRow for CommentRow {
    const HEADER: &'static [&'static str] = &["id", "idea_id", "idea", "text", "created_on"];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.idea_id.to_string(),
            self.idea.clone(),
            self.text.clone(),
            iso_date(self.created_at),
        ]
    }
}

impl CsvRow for VoteRow {
    const HEADER: &'static [&'static str] = &[
        "theme_id",
        "theme",
        "ideas",
        "supports",
        "verified_supports",
        "dot_points",
        "verified_dot_points",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.theme_id.to_string(),
            self.theme.clone(),
            self.ideas.to_string(),
            self.supports.to_string(),
            self.verified_supports.to_string(),
            self.dot_points.to_string(),
            self.verified_dot_points.to_string(),
        ]
    }
}

impl CsvRow for ProjectRow {
    const HEADER: &'static [&'static str] = &[
        "id",
        "theme_id",
        "theme",
        "title",
        "status",
        "responsible",
        "starts_on",
        "milestones_done",
        "milestones",
        "own_budget_eur",
        "programme",
        "programme_eur",
        "source_ideas",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.theme_id.to_string(),
            self.theme.clone(),
            self.title.clone(),
            self.status.as_str().to_owned(),
            self.responsible.clone(),
            iso_date(self.starts_on),
            self.milestones_done.to_string(),
            self.milestones.to_string(),
            euro(self.own_budget_cents),
            opt(&self.programme),
            euro(self.programme_cents),
            self.source_ideas.to_string(),
        ]
    }
}

impl CsvRow for DecisionRow {
    const HEADER: &'static [&'static str] = &[
        "on",
        "subject_id",
        "subject",
        "body",
        "body_other",
        "decided_on",
        "reference",
        "outcome",
        "link",
        "text",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            match self.on {
                DecisionOn::Project => "project".to_owned(),
                DecisionOn::Idea => "idea".to_owned(),
            },
            self.subject_id.to_string(),
            self.subject.clone(),
            self.body.as_str().to_owned(),
            opt(&self.body_other),
            iso_date(self.decided_on),
            self.reference.clone(),
            self.outcome.as_str().to_owned(),
            opt(&self.link),
            self.text.clone(),
        ]
    }
}

#[cfg(test)]
mod tests;

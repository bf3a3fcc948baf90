//! The report to a committee (Digitalisierungsausschuss, Verwaltungsvorstand, Aufsichtsrat der
//! SWB): one process for a date range, from live data — process and method, participation by
//! channel and over time, the fields of action by dots, top ideas with their official answers,
//! closed and published evaluation matrices, and the projects with milestones and decisions.
//! `GET /api/moderation/processes/{id}/report` answers it; the staff app prints it.

use crate::api::Process;
use crate::matrix::PublicMatrix;
use crate::moderation::OfficialStatus;
use crate::projects::{CommitteeDecision, DecisionBody, Milestone, ProjectStatus};
use crate::stats::ParticipationStats;
use crate::{IdeaId, ProjectId, ThemeId};
use serde::{Deserialize, Serialize};

/// Ideas listed per field of action.
pub const TOP_IDEAS: usize = 3;

/// Query of the report: the body it is for and the days it covers (`YYYY-MM-DD`, both
/// included, Bielefeld time). Without dates it covers the process's whole life.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// The body the report is for (default `digitalisierungsausschuss`).
    #[serde(default)]
    pub body: Option<DecisionBody>,
    /// First day covered, `YYYY-MM-DD` (default: the process's start).
    #[serde(default)]
    pub from: Option<String>,
    /// Last day covered, `YYYY-MM-DD` (default: today, or the process's end if earlier).
    #[serde(default)]
    pub to: Option<String>,
}

/// A field of action in the ranking by dot points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportTheme {
    pub id: ThemeId,
    /// Equal points share a rank (1, 2, 2, 4).
    pub rank: u32,
    pub title: String,
    pub dot_points: u32,
    pub idea_count: u32,
    pub retired: bool,
}

/// One of the most supported published ideas of a field of action, with its official answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportIdea {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub title: String,
    pub support_count: u32,
    #[serde(default)]
    pub answer_status: Option<OfficialStatus>,
    #[serde(default)]
    pub answer: Option<String>,
}

/// A project's row in the status table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportProject {
    pub id: ProjectId,
    pub title: String,
    pub theme_title: String,
    pub responsible: String,
    pub status: ProjectStatus,
    pub starts_on: i64,
    /// All milestones, by due date.
    pub milestones: Vec<Milestone>,
    /// The decisions taken within the report's days, by date.
    pub decisions: Vec<CommitteeDecision>,
}

/// `GET /api/moderation/processes/{id}/report`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeReport {
    pub body: DecisionBody,
    /// First and last day covered (`YYYY-MM-DD`, Bielefeld time).
    pub from: String,
    pub to: String,
    /// When the report was made (ms since the Unix epoch).
    pub generated_at: i64,
    pub process: Process,
    /// Participation within the days covered.
    pub participation: ParticipationStats,
    /// Fields of action by dot points (the state at `generated_at`).
    pub themes: Vec<ReportTheme>,
    pub top_ideas: Vec<ReportIdea>,
    /// Closed and published matrices with their results (means and the experts' spread).
    pub matrices: Vec<PublicMatrix>,
    pub projects: Vec<ReportProject>,
}

/// Competition ranks ("1224") of values sorted best first.
pub fn competition_ranks(sorted_desc: &[u32]) -> Vec<u32> {
    let mut ranks = Vec::with_capacity(sorted_desc.len());
    for (i, v) in sorted_desc.iter().enumerate() {
        let rank = match i {
            0 => 1,
            _ if sorted_desc[i - 1] == *v => ranks[i - 1],
            _ => i as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_rank() {
        assert_eq!(competition_ranks(&[9, 5, 5, 1]), vec![1, 2, 2, 4]);
        assert_eq!(competition_ranks(&[]), Vec::<u32>::new());
        assert_eq!(competition_ranks(&[0, 0]), vec![1, 1]);
    }
}

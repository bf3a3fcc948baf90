//! Wire types of the JSON API (`/api/…`). The one source of truth for what client and server
//! send each other. Timestamps are Unix milliseconds (UTC).
//!
//! Writes identify the participant with two headers: [`PARTICIPANT_ID_HEADER`] and
//! [`PARTICIPANT_SECRET_HEADER`]. The first write registers the pair (the identity may have
//! been created offline); the server keeps only a hash of the secret and refuses a different
//! secret for the same id afterwards.

use crate::dots::DotEntry;
use crate::ids::{IdeaId, ParticipantId, ProcessId, ThemeId};
use serde::{Deserialize, Serialize};

pub const PARTICIPANT_ID_HEADER: &str = "x-participant-id";
pub const PARTICIPANT_SECRET_HEADER: &str = "x-participant-secret";

/// Length of a participant secret in hex characters (32 random bytes).
pub const SECRET_HEX_LEN: usize = 64;

/// Maximum page size of idea lists.
pub const MAX_PER_PAGE: u32 = 100;
pub const DEFAULT_PER_PAGE: u32 = 20;
/// Longest search text for similar ideas, in characters.
pub const SIMILAR_QUERY_MAX: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Process {
    pub id: ProcessId,
    pub title: String,
    pub description: String,
    /// Dot-vote points each participant may place in this process.
    pub dot_budget: u8,
    /// How many people have placed dot-vote points so far.
    #[serde(default)]
    pub dot_voters: u32,
    /// Whether new ideas wait for a moderator.
    #[serde(default)]
    pub moderation: crate::moderation::ModerationMode,
    /// Only verified participants (participation code) may support and dot-vote, and only
    /// their supports and dots count in tallies and results while this is on.
    #[serde(default)]
    pub verified_only: bool,
    /// When participation starts and ends (ms since the Unix epoch, UTC).
    #[serde(default)]
    pub starts_at: i64,
    #[serde(default)]
    pub ends_at: i64,
    /// The dated stages, sorted by start; each opens some modules (`setup::gate`).
    #[serde(default)]
    pub phases: Vec<crate::setup::Phase>,
    /// The process shown on the start page (one at a time); the others are the archive.
    #[serde(default)]
    pub current: bool,
    /// The licence its open data are published under (`crate::export`).
    #[serde(default)]
    pub licence: String,
}

impl Process {
    /// Whether participants can use `module` at `now`, and until or since when.
    pub fn gate(&self, module: crate::setup::Module, now: i64) -> crate::setup::Gate {
        crate::setup::gate((self.starts_at, self.ends_at), &self.phases, module, now)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeSummary {
    pub id: ThemeId,
    pub title: String,
    pub description: String,
    pub idea_count: u32,
    pub dot_points: u32,
    /// Display order within the process (older servers did not send it).
    #[serde(default)]
    pub position: u32,
    /// The process the field of action belongs to.
    #[serde(default)]
    pub process_id: ProcessId,
    /// Retired: takes no new ideas or dots; its ideas and results stay.
    #[serde(default)]
    pub retired: bool,
}

/// `GET /api/process`: the current process and its themes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessOverview {
    pub process: Process,
    pub themes: Vec<ThemeSummary>,
}

/// The fields of action of `GET /api/process` without the process: the same JSON read by a
/// client that needs only the themes (the staff app's filters), so it carries no decoder for
/// the process and its phases.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ProcessThemes {
    pub themes: Vec<ThemeSummary>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaSort {
    #[default]
    Support,
    Newest,
}

/// Query of `GET /api/themes/{id}/ideas` (its OpenAPI parameters: the `openapi` module).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaListQuery {
    #[serde(default)]
    pub sort: IdeaSort,
    /// 1-based page number.
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl IdeaListQuery {
    /// The validated (page, per_page) window, or `None` when out of range
    /// (page must be ≥ 1, per_page 1..=[`MAX_PER_PAGE`]).
    pub fn window(&self) -> Option<(u32, u32)> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        (page >= 1 && (1..=MAX_PER_PAGE).contains(&per_page)).then_some((page, per_page))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaSummary {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub title: String,
    /// The first characters of the idea text.
    pub excerpt: String,
    pub support_count: u32,
    pub created_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaPage {
    pub theme: ThemeSummary,
    pub ideas: Vec<IdeaSummary>,
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaDetail {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub theme_title: String,
    pub title: String,
    pub body: String,
    pub support_count: u32,
    pub created_at: i64,
    /// `published` for everyone; the author of a waiting or rejected idea sees it too, with
    /// its status (e.g. `pending` right after submitting under pre-moderation).
    #[serde(default)]
    pub status: crate::moderation::IdeaStatus,
}

/// `POST /api/ideas`. Raw text; the server parses it with the rules of [`crate::text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewIdea {
    /// Generated by the client (UUIDv7); resending the same idea returns it unchanged.
    pub id: IdeaId,
    pub theme_id: ThemeId,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::idea_title))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::idea_body))]
    pub body: String,
}

/// `PUT /api/ideas/{id}/support`: the wanted end state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportRequest {
    pub supported: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportState {
    pub idea_id: IdeaId,
    pub supported: bool,
    pub support_count: u32,
}

/// `PUT /api/dots`: the participant's whole allocation, replacing the previous one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DotVotes {
    pub allocations: Vec<DotEntry>,
}

/// `GET /api/me`: what the calling participant has done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyState {
    pub participant_id: ParticipantId,
    pub supported_ideas: Vec<IdeaId>,
    pub dots: Vec<DotEntry>,
    pub dots_remaining: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeResult {
    pub rank: u32,
    pub theme: ThemeSummary,
    pub top_ideas: Vec<IdeaSummary>,
}

/// `GET /api/results`: themes ranked by dot points, with their most supported ideas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Results {
    pub themes: Vec<ThemeResult>,
    /// Distinct participants who placed at least one dot.
    pub dot_voters: u32,
    pub dots_placed: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire format is a contract with deployed apps: freeze its shape.
    #[test]
    fn wire_format_of_new_idea_is_stable() {
        let json = r#"{"id":"0192f0c1-0000-7000-8000-000000000001","theme_id":"0192f0c1-0000-7000-8000-000000000002","title":"Radwege","body":"Mehr davon"}"#;
        let v: NewIdea = serde_json::from_str(json).expect("parses");
        assert_eq!(serde_json::to_string(&v).expect("serialises"), json);
    }

    #[test]
    fn unknown_error_codes_deserialize_as_unknown() {
        let e: crate::error::ApiErrorBody =
            serde_json::from_str(r#"{"code":"from_the_future","message":"x"}"#).expect("parses");
        assert_eq!(e.code, crate::ErrorCode::Unknown);
    }

    #[test]
    fn page_window_is_bounded() {
        let q = |page, per_page| IdeaListQuery {
            sort: IdeaSort::Newest,
            page,
            per_page,
        };
        assert_eq!(q(None, None).window(), Some((1, DEFAULT_PER_PAGE)));
        assert_eq!(q(Some(0), None).window(), None);
        assert_eq!(q(Some(3), Some(MAX_PER_PAGE + 1)).window(), None);
        assert_eq!(q(Some(3), Some(0)).window(), None);
        assert_eq!(q(Some(3), Some(7)).window(), Some((3, 7)));
    }

    #[test]
    fn sort_defaults_to_support() {
        let q: IdeaListQuery = serde_json::from_str("{}").expect("parses");
        assert_eq!(q.sort, IdeaSort::Support);
    }
}

/// `GET /api/ideas/similar?q=…`: what the citizen has typed so far (at most
/// [`SIMILAR_QUERY_MAX`] characters).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarQuery {
    #[serde(default)]
    pub q: String,
}

//! Moderation: what state an idea is in, which staff decisions move it where, and the
//! official answer the Digitalisierungsbüro gives.
//!
//! Decisions are mutations in the sync protocol (a moderator can curate offline). The state
//! machine makes concurrent decisions safe: when two moderators decide the same item
//! differently, the first applied wins and the second is rejected (`stale_state`), because its
//! transition no longer starts from the state it was made for.

use crate::error::ErrorCode;
use crate::ids::{IdeaId, ThemeId};
use serde::{Deserialize, Serialize};

/// Longest reason or official answer, in characters.
pub const REASON_MAX: usize = 1_000;

/// Whether new ideas wait for approval (`pre`) or appear at once and can be hidden (`post`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModerationMode {
    Pre,
    #[default]
    Post,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    /// Waiting for a moderator (pre-moderation). Only its author and staff see it.
    Pending,
    /// Visible to everyone.
    #[default]
    Published,
    /// Not published; its author sees the reason.
    Rejected,
    /// Was published, taken down; its author sees the reason.
    Hidden,
    /// A duplicate: points to the idea it was merged into.
    Merged,
}

impl IdeaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Published => "published",
            Self::Rejected => "rejected",
            Self::Hidden => "hidden",
            Self::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Published,
            Self::Rejected,
            Self::Hidden,
            Self::Merged,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    /// Everyone sees it (lists, counts, results, support and comments).
    pub fn is_public(self) -> bool {
        self == Self::Published
    }
}

/// The office's answer to an idea (shown on it), with where the idea stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfficialStatus {
    /// eingegangen
    Received,
    /// in Prüfung
    InReview,
    /// angenommen
    Accepted,
    /// umgesetzt
    Implemented,
    /// abgelehnt
    Declined,
}

impl OfficialStatus {
    pub const ALL: [Self; 5] = [
        Self::Received,
        Self::InReview,
        Self::Accepted,
        Self::Implemented,
        Self::Declined,
    ];

    /// Its wire name (as serde writes it; also what the database stores).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::InReview => "in_review",
            Self::Accepted => "accepted",
            Self::Implemented => "implemented",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficialAnswer {
    pub status: OfficialStatus,
    pub text: String,
    /// Unix milliseconds.
    pub at: i64,
}

/// A moderator's decision on one idea.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// pending → published
    Approve,
    /// pending → rejected, with a reason the author sees
    Reject { reason: String },
    /// published → hidden, with a reason the author sees
    Hide { reason: String },
    /// Moves a pending or published idea to another theme.
    Move { theme_id: ThemeId },
    /// pending/published duplicate → merged into a published idea; supports move over.
    Merge { into: IdeaId },
    /// Sets (or updates) the official answer of a published idea.
    Answer {
        status: OfficialStatus,
        text: String,
    },
}

impl Decision {
    /// The audit log's name for it.
    pub fn action(&self) -> &'static str {
        match self {
            Self::Approve => "idea.approve",
            Self::Reject { .. } => "idea.reject",
            Self::Hide { .. } => "idea.hide",
            Self::Move { .. } => "idea.move",
            Self::Merge { .. } => "idea.merge",
            Self::Answer { .. } => "idea.answer",
        }
    }

    /// Checks the decision's own text: reasons and answers are required and bounded.
    pub fn validate(&self) -> Result<(), ErrorCode> {
        let text = match self {
            Self::Reject { reason } | Self::Hide { reason } => reason,
            Self::Answer { text, .. } => text,
            Self::Approve | Self::Move { .. } | Self::Merge { .. } => return Ok(()),
        };
        let text = crate::chars::clean(text);
        crate::chars::check(&text, true).map_err(|f| f.code(ErrorCode::ReasonInvalid))?;
        let n = text.chars().count();
        if n == 0 {
            Err(ErrorCode::ReasonMissing)
        } else if n > REASON_MAX {
            Err(ErrorCode::ReasonTooLong)
        } else if text.contains(['<', '>']) {
            Err(ErrorCode::ReasonInvalid)
        } else {
            Ok(())
        }
    }
}

/// What a citizen reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportTarget {
    Idea(IdeaId),
    Comment(crate::ids::CommentId),
}

/// `POST /api/reports`: created once by its id; one report per participant and target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    pub id: uuid::Uuid,
    pub target: ReportTarget,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::reason))]
    pub reason: String,
}

/// `POST /api/moderation/reports/dismiss`: the reports on this item were unfounded; closes
/// them without a decision on the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DismissReports {
    pub target: ReportTarget,
}

/// An open report in the moderators' queue (no reporter: moderators judge the content).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenReport {
    pub target: ReportTarget,
    /// The reported text (idea title and text, or the comment).
    pub excerpt: String,
    /// How many people reported it.
    pub reports: u32,
    /// Their reasons, oldest first.
    pub reasons: Vec<String>,
    /// Unix milliseconds of the first report.
    pub first_at: i64,
}

/// `GET /api/moderation/queue`: filter by state (default: waiting), theme, and text (its
/// OpenAPI parameters: the `openapi` module).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueQuery {
    pub status: Option<IdeaStatus>,
    pub theme: Option<ThemeId>,
    /// Words in the title or text.
    pub q: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationQueue {
    /// Newest first (at most 500).
    pub items: Vec<crate::sync::IdeaRecord>,
    /// Ideas waiting for a decision, for the staff header.
    pub waiting: u32,
    /// Open reports, most reported first.
    #[serde(default)]
    pub reports: Vec<OpenReport>,
    /// Comments waiting for a decision, newest first.
    #[serde(default)]
    pub comments: Vec<crate::sync::CommentRecord>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationSetting {
    pub mode: ModerationMode,
}

/// The state an idea in `from` moves to under `d`; `stale_state` when the decision does not
/// apply to that state (already decided by someone else, or never applicable).
pub fn transition(from: IdeaStatus, d: &Decision) -> Result<IdeaStatus, ErrorCode> {
    use IdeaStatus::*;
    match (from, d) {
        (Pending, Decision::Approve) => Ok(Published),
        (Pending, Decision::Reject { .. }) => Ok(Rejected),
        (Published, Decision::Hide { .. }) => Ok(Hidden),
        (Pending | Published, Decision::Move { .. }) => Ok(from),
        (Pending | Published, Decision::Merge { .. }) => Ok(Merged),
        (Published, Decision::Answer { .. }) => Ok(Published),
        _ => Err(ErrorCode::StaleState),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_status_names_are_the_wire_names_and_parse_back() {
        for s in OfficialStatus::ALL {
            assert_eq!(
                serde_json::to_value(s).expect("serialises"),
                serde_json::json!(s.as_str())
            );
            assert_eq!(OfficialStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OfficialStatus::parse("unknown"), None);
    }

    use proptest::prelude::*;

    fn decisions() -> Vec<Decision> {
        vec![
            Decision::Approve,
            Decision::Reject {
                reason: "Doppelt".into(),
            },
            Decision::Hide {
                reason: "Beleidigend".into(),
            },
            Decision::Move {
                theme_id: ThemeId(uuid::Uuid::from_u128(1)),
            },
            Decision::Merge {
                into: IdeaId(uuid::Uuid::from_u128(2)),
            },
            Decision::Answer {
                status: OfficialStatus::InReview,
                text: "Wir prüfen das.".into(),
            },
        ]
    }

    #[test]
    fn a_pending_idea_is_approved_or_rejected_once() {
        let approve = Decision::Approve;
        let reject = Decision::Reject {
            reason: "Kein Bezug zur Digitalisierung".into(),
        };
        assert_eq!(
            transition(IdeaStatus::Pending, &approve),
            Ok(IdeaStatus::Published)
        );
        assert_eq!(
            transition(IdeaStatus::Pending, &reject),
            Ok(IdeaStatus::Rejected)
        );
        // The second moderator decided on what they saw (pending); it is decided now.
        assert_eq!(
            transition(IdeaStatus::Published, &reject),
            Err(ErrorCode::StaleState)
        );
        assert_eq!(
            transition(IdeaStatus::Rejected, &approve),
            Err(ErrorCode::StaleState)
        );
        assert_eq!(
            transition(IdeaStatus::Published, &approve),
            Err(ErrorCode::StaleState)
        );
    }

    #[test]
    fn reasons_are_required_bounded_and_plain_text() {
        let r = |s: &str| Decision::Reject { reason: s.into() };
        assert_eq!(r("  ").validate(), Err(ErrorCode::ReasonMissing));
        assert_eq!(
            r(&"x".repeat(REASON_MAX + 1)).validate(),
            Err(ErrorCode::ReasonTooLong)
        );
        assert_eq!(r("<script>").validate(), Err(ErrorCode::ReasonInvalid));
        assert_eq!(r("Bitte konkreter beschreiben.").validate(), Ok(()));
        assert_eq!(Decision::Approve.validate(), Ok(()));
    }

    /// Two moderators decide on the same pending idea: whichever verdict (approve, reject) or
    /// merge is applied first fixes it, and a second verdict is stale — never are both
    /// applied. Decisions that leave the idea pending (move) leave the verdict open. Every
    /// pair is tried, and the test counts that the contested pairs were really among them.
    #[test]
    fn two_decisions_never_both_decide_a_pending_idea() {
        let verdicts = [
            Decision::Approve,
            Decision::Reject {
                reason: "Doppelt".into(),
            },
        ];
        let mut contested = 0;
        for first in &decisions() {
            for second in &verdicts {
                match transition(IdeaStatus::Pending, first) {
                    Ok(IdeaStatus::Pending) => assert!(
                        transition(IdeaStatus::Pending, second).is_ok(),
                        "{first:?} left the idea pending: {second:?} still applies"
                    ),
                    Ok(after) => {
                        contested += 1;
                        assert_eq!(
                            transition(after, second),
                            Err(ErrorCode::StaleState),
                            "{first:?} then {second:?}: both decided"
                        );
                    }
                    Err(_) => {}
                }
            }
        }
        // approve, reject and merge, each followed by both verdicts.
        assert_eq!(contested, 6);
    }

    proptest! {
        /// Final states stay final: once rejected, hidden or merged, no decision applies.
        #[test]
        fn final_states_accept_no_decision(i in 0usize..6) {
            let d = &decisions()[i];
            for s in [IdeaStatus::Rejected, IdeaStatus::Hidden, IdeaStatus::Merged] {
                prop_assert_eq!(transition(s, d), Err(ErrorCode::StaleState));
            }
        }

    }
}

//! A participant's own data (DSGVO Art. 15, 17 and 20): what the export holds, who sees each
//! part, and what deleting the identity does.
//!
//! werkstadt knows participants only by a pseudonymous id created on their device. Everything
//! stored under that id can be taken out (`GET /api/me/data`) and deleted (`DELETE /api/me`):
//! supports and dot votes are removed (tallies follow), ideas and comments stay only if
//! published and then without any link to their author, everything else is deleted. Staff
//! cannot undo a deletion; the audit log records that one happened, not whose.

use crate::ids::{IdeaId, ParticipantId, ThemeId};
use crate::sync::{CommentRecord, IdeaRecord, MutationId};
use serde::{Deserialize, Serialize};

/// Who can see a piece of the participant's data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Everyone (without a name: participants are pseudonymous).
    Public,
    /// Only the participant and the moderators (waiting or rejected ideas and comments).
    YouAndStaff,
    /// Only the count is public; nobody sees who supported or voted.
    CountOnly,
    /// Only the moderators (reports, the participation code's batch).
    StaffOnly,
    /// Nobody in the app: technical records that make offline sync exactly-once.
    Technical,
    /// Only you, on your devices (what you follow).
    OnlyYou,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipantData {
    pub id: ParticipantId,
    /// Unix milliseconds of the first write.
    pub created_at: i64,
    /// When a participation code verified this participant.
    pub verified_at: Option<i64>,
    /// `participant`, or the role of a staff member's device.
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnIdea {
    pub visibility: Visibility,
    pub idea: IdeaRecord,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnComment {
    pub visibility: Visibility,
    pub comment: CommentRecord,
}

/// Something the participant follows (a project, a field of action or an idea), since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnFollow {
    pub visibility: Visibility,
    pub target: crate::sync::FollowTarget,
    pub since: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnSupport {
    pub visibility: Visibility,
    pub idea_id: IdeaId,
    pub idea_title: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnDots {
    pub visibility: Visibility,
    pub theme_id: ThemeId,
    pub theme_title: String,
    pub points: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnReport {
    pub visibility: Visibility,
    pub id: uuid::Uuid,
    /// `idea` or `comment`.
    pub target_kind: String,
    pub target_id: uuid::Uuid,
    pub reason: String,
    pub created_at: i64,
    /// When a moderator decided on it.
    pub resolved_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RedeemedCode {
    pub visibility: Visibility,
    /// The batch's label (e.g. the workshop); the code itself is stored only as a hash.
    pub label: String,
    pub redeemed_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnMutation {
    pub visibility: Visibility,
    pub id: MutationId,
    /// `applied` or `rejected`.
    pub outcome: String,
    pub code: Option<String>,
    pub message: Option<String>,
    pub received_at: i64,
}

/// `GET /api/me/data`: everything stored under the caller's identity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyData {
    /// Unix milliseconds.
    pub exported_at: i64,
    /// `None` when nothing was ever stored under this identity.
    pub participant: Option<ParticipantData>,
    pub ideas: Vec<OwnIdea>,
    pub comments: Vec<OwnComment>,
    pub supports: Vec<OwnSupport>,
    pub dots: Vec<OwnDots>,
    pub reports: Vec<OwnReport>,
    pub codes_redeemed: Vec<RedeemedCode>,
    pub mutations: Vec<OwnMutation>,
    #[serde(default)]
    pub follows: Vec<OwnFollow>,
    /// What each `visibility` means, in German and English.
    pub visibility_legend: Vec<(Visibility, String)>,
}

/// `DELETE /api/me`: what the deletion did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deletion {
    pub ideas_deleted: u32,
    /// Published ideas that stay, with no link to their author.
    pub ideas_anonymised: u32,
    pub comments_deleted: u32,
    pub comments_anonymised: u32,
    pub supports_removed: u32,
    pub dot_votes_removed: u32,
    pub reports_deleted: u32,
    #[serde(default)]
    pub follows_removed: u32,
}

impl Visibility {
    pub const ALL: [Self; 6] = [
        Self::Public,
        Self::YouAndStaff,
        Self::CountOnly,
        Self::StaffOnly,
        Self::Technical,
        Self::OnlyYou,
    ];

    /// A published item is public; anything else its author and staff see.
    pub fn of_status(status: crate::moderation::IdeaStatus) -> Self {
        if status.is_public() {
            Self::Public
        } else {
            Self::YouAndStaff
        }
    }

    pub fn explained(self) -> &'static str {
        match self {
            Self::Public => "Öffentlich, ohne Namen / public, without a name",
            Self::YouAndStaff => {
                "Nur Sie und die Moderation des Digitalisierungsbüros / only you and the \
                 moderators of the Digitalisierungsbüro"
            }
            Self::CountOnly => {
                "Nur die Summe ist öffentlich, niemand sieht, wer / only the total is public, \
                 nobody sees who"
            }
            Self::StaffOnly => "Nur die Moderation / only the moderators",
            Self::Technical => {
                "Technischer Nachweis für die Synchronisation, in der App für niemanden \
                 sichtbar / technical record for syncing, shown to nobody"
            }
            Self::OnlyYou => "Nur Sie, auf Ihren Geräten / only you, on your devices",
        }
    }

    pub fn legend() -> Vec<(Self, String)> {
        Self::ALL
            .into_iter()
            .map(|v| (v, v.explained().to_owned()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::moderation::IdeaStatus;

    #[test]
    fn only_published_items_are_public() {
        assert_eq!(
            Visibility::of_status(IdeaStatus::Published),
            Visibility::Public
        );
        for s in [
            IdeaStatus::Pending,
            IdeaStatus::Rejected,
            IdeaStatus::Hidden,
            IdeaStatus::Merged,
        ] {
            assert_eq!(Visibility::of_status(s), Visibility::YouAndStaff);
        }
    }

    #[test]
    fn the_legend_explains_every_visibility_in_both_languages() {
        let legend = Visibility::legend();
        assert_eq!(legend.len(), Visibility::ALL.len());
        for (v, text) in legend {
            assert!(text.contains(" / "), "{v:?}: German / English");
        }
    }
}

//! The offline sync protocol (version [`PROTOCOL_VERSION`]).
//!
//! Every user action is a [`Mutation`] with a client-generated id, stored in the client's outbox
//! before the UI confirms it and pushed in batches (`POST /api/sync/push`). The server applies a
//! batch in one transaction, in client order, and remembers every mutation id together with its
//! effects, so each mutation has **at most one effect, ever**: replaying a batch or any part of
//! it changes nothing and answers `duplicate`.
//!
//! Clients read back with `GET /api/sync/pull?cursor=N`: the entities the caller may see that
//! changed after server sequence number N, each once (its latest state), in server order.
//!
//! # Conflict rules
//! - **Support vote**: one per participant per idea; the last mutation in server order wins
//!   (a mutation states the wanted end state, so replays are harmless).
//! - **Dot votes**: the participant's allocation is replaced as a whole; the budget is checked
//!   when the mutation is applied, against the process's budget at that moment.
//! - **New idea / comment**: created once, by its id; the same id with other content or from
//!   another participant is rejected (`id_conflict`).
//! - **Editing one's own idea**: allowed while it is unmoderated; last write wins.
//! - **Anything on an idea that does not exist (or was removed)**: rejected (`unknown_idea`)
//!   with a message the user sees.
//! - **Following** (a project, a field of action or an idea): one state per participant and
//!   target, the last mutation in server order wins (it states the wanted end state, so
//!   replays are harmless). Following a target that does not exist (any more: a deleted
//!   project, an idea no longer public) is rejected (`unknown_target`); ending a follow of
//!   such a target is not. Following an idea follows the project it
//!   becomes ([`IdeaRecord::project_id`]); when it is merged, the follow moves to the idea it
//!   was merged into.
//! - **Moderation decisions** ([`crate::moderation`]): need a staff session; the first decision
//!   applied wins, a later one that no longer fits the idea's state is rejected (`stale_state`).
//! - A rejection is **final**: the mutation is recorded as rejected, later mutations still apply,
//!   and replaying it answers the same rejection.
//!
//! # Restores and retention
//! - A pull names the server's database (`instance`). A restored backup has a new one: clients
//!   drop their replica and pull from 0, keeping their outbox; mutations the backup recorded
//!   answer `duplicate`, the others apply.
//! - The server compacts old mutation records and private tombstones of the feed (retention,
//!   180 days by default). A pull with a cursor behind the compacted part answers
//!   `reset_required` (start over from 0, keep the outbox), and a mutation the server has no
//!   record of whose id (UUIDv7) is dated before the compaction horizon is rejected
//!   (`mutation_expired`) instead of possibly being applied a second time.

use crate::api::{Process, ThemeSummary};
use crate::dots::DotEntry;
use crate::error::ErrorCode;
pub use crate::ids::{CommentId, MutationId};
use crate::ids::{IdeaId, ProjectId, ThemeId};
use serde::{Deserialize, Serialize};

pub const PROTOCOL_VERSION: u32 = 1;
/// Most mutations accepted in one push.
pub const MAX_PUSH: usize = 1_000;
/// Most changes returned by one pull page.
pub const PULL_PAGE: u32 = 1_000;
/// Comment length limits (characters, after trimming).
pub const COMMENT_MAX: usize = 1_000;

/// What a participant did. Text is raw; the server parses it with the rules of
/// [`crate::text`] when applying.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MutationKind {
    CreateIdea {
        idea_id: IdeaId,
        theme_id: ThemeId,
        title: String,
        body: String,
    },
    EditIdea {
        idea_id: IdeaId,
        title: String,
        body: String,
    },
    SetSupport {
        idea_id: IdeaId,
        supported: bool,
    },
    SetDots {
        #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::pushed_allocations))]
        allocations: Vec<DotEntry>,
    },
    AddComment {
        comment_id: CommentId,
        idea_id: IdeaId,
        body: String,
    },
    /// Follow (or stop following) a project, a field of action or an idea.
    SetFollow {
        target: FollowTarget,
        following: bool,
    },
    /// A moderator's decision (needs a staff session on the push).
    #[cfg(feature = "staff")]
    Decide {
        idea_id: IdeaId,
        decision: crate::moderation::Decision,
    },
    /// A moderator's decision on a comment: approve, reject or hide.
    #[cfg(feature = "staff")]
    DecideComment {
        comment_id: CommentId,
        decision: crate::moderation::Decision,
    },
}

impl MutationKind {
    /// Needs a staff session on the push (moderation decisions).
    pub fn is_staff_only(&self) -> bool {
        #[cfg(feature = "staff")]
        if matches!(self, Self::Decide { .. } | Self::DecideComment { .. }) {
            return true;
        }
        false
    }
}

/// What a participant follows. Externally tagged like every enum on the wire:
/// `{"project": "<id>"}`, `{"theme": "<id>"}`, `{"idea": "<id>"}`. Ordered (kind, then id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowTarget {
    Project(ProjectId),
    Theme(ThemeId),
    /// Following an idea follows the project it becomes.
    Idea(IdeaId),
}

impl FollowTarget {
    /// `project`, `theme` or `idea` (the server's `follow.target_kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Project(_) => "project",
            Self::Theme(_) => "theme",
            Self::Idea(_) => "idea",
        }
    }

    pub fn id(&self) -> uuid::Uuid {
        match self {
            Self::Project(p) => p.0,
            Self::Theme(t) => t.0,
            Self::Idea(i) => i.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mutation {
    pub id: MutationId,
    /// Externally tagged (`{"set_support": {...}}`): no internally tagged or flattened serde
    /// representations on the wire, they cost the wasm app several KiB each.
    pub kind: MutationKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::protocol))]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::deserialize")
    )]
    pub protocol: u32,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::mutations))]
    pub mutations: Vec<Mutation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// Applied before; this delivery changed nothing.
    Duplicate,
    /// Final: the mutation has no effect and never will.
    Rejected {
        code: ErrorCode,
        message: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub id: MutationId,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<MutationResult>,
    /// The server's change sequence after this push.
    pub cursor: u64,
}

/// Query of `GET /api/sync/pull` (its OpenAPI parameters: the `openapi` module).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    pub cursor: u64,
    pub protocol: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdeaRecord {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub title: String,
    pub body: String,
    pub support_count: u32,
    pub comment_count: u32,
    pub created_at: i64,
    /// Anyone but the author (and staff) only ever sees `published`, or a tombstone
    /// (`hidden`/`merged`, empty title and text) telling the app to drop it.
    #[serde(default)]
    pub status: crate::moderation::IdeaStatus,
    /// Why it was rejected or hidden: sent to its author only.
    #[serde(default)]
    pub reason: Option<String>,
    /// For `merged`: the idea it now belongs to.
    #[serde(default)]
    pub merged_into: Option<IdeaId>,
    #[serde(default)]
    pub answer: Option<crate::moderation::OfficialAnswer>,
    /// The project it became part of ("Daraus wurde: Projekt X"), if any.
    #[serde(default)]
    pub project_id: Option<ProjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentRecord {
    pub id: CommentId,
    pub idea_id: IdeaId,
    /// Empty in a tombstone (a comment hidden, or someone else's waiting one).
    pub body: String,
    pub created_at: i64,
    /// `pending`, `published`, `rejected` or `hidden` (comments are never merged).
    #[serde(default)]
    pub status: crate::moderation::IdeaStatus,
    /// Why it was rejected or hidden: sent to its author only.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/ideas/{id}/comments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewComment {
    pub id: CommentId,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::comment_body))]
    pub body: String,
}

/// The latest state of one entity the caller may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Process(Process),
    Theme(ThemeSummary),
    Idea(IdeaRecord),
    Comment(CommentRecord),
    /// The caller's own support of an idea.
    MySupport {
        idea_id: IdeaId,
        supported: bool,
    },
    /// The caller's own dot allocation.
    MyDots {
        allocations: Vec<DotEntry>,
    },
    /// A project (public, for everyone), with its milestones, decisions and updates.
    Project(crate::projects::ProjectRecord),
    /// A project was deleted (recorded by mistake; a project given up is `discarded`, not
    /// deleted): the apps drop it, its ideas no longer name it, nobody follows it.
    ProjectRemoved {
        project_id: ProjectId,
    },
    /// The committee decisions on an idea itself (not on a project), oldest first; empty when
    /// the last one was withdrawn.
    IdeaDecisions {
        idea_id: IdeaId,
        decisions: Vec<crate::projects::CommitteeDecision>,
    },
    /// Whether the caller follows a target (only the follower ever sees it).
    MyFollow {
        target: FollowTarget,
        following: bool,
    },
    /// The recorded result of one of the caller's mutations.
    MyMutation(MutationResult),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse<C = Change> {
    /// The changes, oldest first. The web app reads them as the plain JS values the server
    /// sent (`PullResponse<JsValue>`) to store them as they are.
    pub changes: Vec<C>,
    /// Pass this as `cursor` next time.
    pub cursor: u64,
    /// More changes are waiting: pull again right away.
    pub has_more: bool,
    /// Identifies the server's database. When it differs from the one a cursor came from (the
    /// database was restored from a backup or replaced), that cursor means nothing: start the
    /// replica over from cursor 0. Pending mutations are kept.
    #[serde(default)]
    pub instance: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_of_a_follow_is_stable() {
        let json = r#"{"id":"0192f0c1-0000-7000-8000-000000000009","kind":{"set_follow":{"target":{"project":"0192f0c1-0000-7000-8000-000000000001"},"following":true}}}"#;
        let m: Mutation = serde_json::from_str(json).expect("parses");
        assert_eq!(serde_json::to_string(&m).expect("serialises"), json);
        let c = Change::MyFollow {
            target: FollowTarget::Idea(IdeaId(uuid::Uuid::from_u128(1))),
            following: false,
        };
        assert_eq!(
            serde_json::to_string(&c).expect("serialises"),
            r#"{"my_follow":{"target":{"idea":"00000000-0000-0000-0000-000000000001"},"following":false}}"#
        );
    }

    /// The wire format is a contract with apps that may be offline for weeks: freeze it.
    #[test]
    fn wire_format_of_a_push_is_stable() {
        let json = r#"{"protocol":1,"mutations":[{"id":"0192f0c1-0000-7000-8000-000000000009","kind":{"set_support":{"idea_id":"0192f0c1-0000-7000-8000-000000000001","supported":true}}}]}"#;
        let v: PushRequest = serde_json::from_str(json).expect("parses");
        assert_eq!(serde_json::to_string(&v).expect("serialises"), json);
        let r = MutationResult {
            id: v.mutations[0].id,
            outcome: Outcome::Rejected {
                code: ErrorCode::UnknownIdea,
                message: "gone".into(),
            },
        };
        assert_eq!(
            serde_json::to_string(&r).expect("serialises"),
            r#"{"id":"0192f0c1-0000-7000-8000-000000000009","outcome":{"rejected":{"code":"unknown_idea","message":"gone"}}}"#
        );
    }
}

//! The change feed as the citizen app's first route reads it.
//!
//! A [`Change::Project`] carries a whole project (milestones, committee decisions, updates,
//! funding): decoding it needs code the start page does not. The app therefore decodes the feed
//! as [`CoreChange`] — the same JSON, every kind of change but projects — and keeps a project
//! change as the server sent it, for the project pages to decode in their own chunk. A project
//! change does not decode as a `CoreChange` (an unknown variant), so nothing is decoded twice.

use crate::api::{Process, ThemeSummary};
use crate::dots::DotEntry;
use crate::ids::IdeaId;
use crate::sync::{Change, CommentRecord, FollowTarget, IdeaRecord, MutationResult};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreChange {
    Process(Process),
    Theme(ThemeSummary),
    Idea(IdeaRecord),
    Comment(CommentRecord),
    MySupport {
        idea_id: IdeaId,
        supported: bool,
    },
    MyDots {
        allocations: Vec<DotEntry>,
    },
    MyFollow {
        target: FollowTarget,
        following: bool,
    },
    MyMutation(MutationResult),
}

/// A change as a [`CoreChange`], or the change itself when it is not one.
pub enum Split {
    Core(CoreChange),
    /// A project, a project's tombstone, the decisions on an idea.
    Other(Change),
}

impl CoreChange {
    /// The change as a `CoreChange` if it is one.
    pub fn of(change: Change) -> Split {
        Split::Core(match change {
            Change::Process(p) => CoreChange::Process(p),
            Change::Theme(t) => CoreChange::Theme(t),
            Change::Idea(i) => CoreChange::Idea(i),
            Change::Comment(c) => CoreChange::Comment(c),
            Change::MySupport { idea_id, supported } => {
                CoreChange::MySupport { idea_id, supported }
            }
            Change::MyDots { allocations } => CoreChange::MyDots { allocations },
            Change::MyFollow { target, following } => CoreChange::MyFollow { target, following },
            Change::MyMutation(r) => CoreChange::MyMutation(r),
            other => return Split::Other(other),
        })
    }
}

impl From<CoreChange> for Change {
    fn from(c: CoreChange) -> Self {
        match c {
            CoreChange::Process(p) => Change::Process(p),
            CoreChange::Theme(t) => Change::Theme(t),
            CoreChange::Idea(i) => Change::Idea(i),
            CoreChange::Comment(c) => Change::Comment(c),
            CoreChange::MySupport { idea_id, supported } => {
                Change::MySupport { idea_id, supported }
            }
            CoreChange::MyDots { allocations } => Change::MyDots { allocations },
            CoreChange::MyFollow { target, following } => Change::MyFollow { target, following },
            CoreChange::MyMutation(r) => Change::MyMutation(r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ProjectId, ThemeId};
    use uuid::Uuid;

    fn core(c: &Change) -> Option<Change> {
        let json = serde_json::to_value(c).expect("serializes");
        serde_json::from_value::<CoreChange>(json)
            .ok()
            .map(Change::from)
    }

    /// Every kind of change but projects reads the same as a `CoreChange`; a project does not
    /// read as one (the app keeps it undecoded).
    #[test]
    fn core_changes_are_the_feed_without_projects() {
        let samples = vec![
            Change::Theme(ThemeSummary {
                id: ThemeId(Uuid::from_u128(1)),
                title: "Mobilität".into(),
                ..ThemeSummary::default()
            }),
            Change::MySupport {
                idea_id: IdeaId(Uuid::from_u128(2)),
                supported: true,
            },
            Change::MyDots {
                allocations: vec![DotEntry {
                    theme_id: ThemeId(Uuid::from_u128(1)),
                    points: 3,
                }],
            },
            Change::MyFollow {
                target: FollowTarget::Project(ProjectId(Uuid::from_u128(3))),
                following: true,
            },
        ];
        for c in &samples {
            assert_eq!(core(c).as_ref(), Some(c));
        }
        let project = serde_json::json!({"project": {"id": Uuid::from_u128(3)}});
        assert!(serde_json::from_value::<CoreChange>(project).is_err());
    }
}

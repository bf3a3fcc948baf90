//! What a participant follows, in the replica: projects, fields of action and ideas (an idea
//! followed means the project it becomes, read from its `project_id`). Kept as a sorted list
//! of [`FollowTarget`]s: the server's `MyFollow` changes and pending `SetFollow` mutations set
//! and clear entries; setting twice is setting once.

use crate::ids::ProjectId;
use crate::projects::ProjectRecord;
use crate::replica::Replica;
use crate::sync::FollowTarget;

impl Replica {
    pub fn project(&self, id: ProjectId) -> Option<&ProjectRecord> {
        self.projects
            .binary_search_by(|p| p.id.cmp(&id))
            .ok()
            .map(|i| &self.projects[i])
    }

    /// Whether this participant follows `target` (for an idea: the idea itself; see
    /// [`Replica::follows_project`] for the project it became).
    pub fn follows(&self, target: FollowTarget) -> bool {
        self.follows.binary_search(&target).is_ok()
    }

    /// Whether this participant follows a project, directly or through one of its ideas.
    pub fn follows_project(&self, id: ProjectId) -> bool {
        self.follows(FollowTarget::Project(id))
            || self.project(id).is_some_and(|p| {
                p.source_ideas
                    .iter()
                    .any(|i| self.follows(FollowTarget::Idea(*i)))
            })
    }

    pub(crate) fn set_follow(&mut self, target: FollowTarget, on: bool) {
        match (self.follows.binary_search(&target), on) {
            (Err(i), true) => self.follows.insert(i, target),
            (Ok(i), false) => {
                self.follows.remove(i);
            }
            _ => {}
        }
    }

    /// Whether the server would accept a follow of `target` as this replica knows it: a known
    /// project or field of action, or a public idea. A pending follow of anything else does
    /// not show (the server will reject it with `unknown_target`).
    pub(crate) fn target_exists(&self, target: FollowTarget) -> bool {
        match target {
            FollowTarget::Project(p) => self.project(p).is_some(),
            FollowTarget::Theme(t) => self.theme(t).is_some(),
            FollowTarget::Idea(i) => self.idea(i).is_some_and(|i| i.status.is_public()),
        }
    }
}

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

    /// The committee decisions on an idea itself (none: an empty slice).
    pub fn decisions_on(&self, idea: crate::ids::IdeaId) -> &[crate::projects::CommitteeDecision] {
        self.idea_decisions
            .binary_search_by(|(i, _)| i.cmp(&idea))
            .map_or(&[], |i| self.idea_decisions[i].1.as_slice())
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

#[cfg(test)]
mod tests {
    use crate::ids::{uuid_v7, IdeaId, ProcessId, ProjectId, ThemeId};
    use crate::overlay::Overlay;
    use crate::projects::{ProjectRecord, ProjectStatus};
    use crate::replica::Replica;
    use crate::sync::{Change, FollowTarget, IdeaRecord, Mutation, MutationId, MutationKind};

    fn project(id: ProjectId, ideas: Vec<IdeaId>) -> ProjectRecord {
        ProjectRecord {
            id,
            process_id: ProcessId(uuid_v7(1, [0; 10])),
            theme_id: ThemeId(uuid_v7(2, [0; 10])),
            title: "Digitale Bürgerdienste".into(),
            description: String::new(),
            responsible: "Stadtverwaltung".into(),
            funding: Default::default(),
            status: ProjectStatus::Planned,
            starts_on: 0,
            milestones: Vec::new(),
            decisions: Vec::new(),
            updates: Vec::new(),
            status_changes: Vec::new(),
            source_ideas: ideas,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn pending(kind: MutationKind) -> Vec<Mutation> {
        vec![Mutation {
            id: MutationId(uuid_v7(9, [9; 10])),
            kind,
        }]
    }

    #[test]
    fn a_follow_made_offline_shows_at_once_and_an_unknown_target_does_not() {
        let (p, idea) = (ProjectId(uuid_v7(5, [1; 10])), IdeaId(uuid_v7(6, [1; 10])));
        let mut r = Replica::default();
        r.apply(Change::Project(project(p, vec![idea])));
        r.apply(Change::Idea(IdeaRecord {
            id: idea,
            theme_id: ThemeId(uuid_v7(2, [0; 10])),
            title: "Bürgeramt online".into(),
            body: "x".into(),
            support_count: 0,
            comment_count: 0,
            created_at: 0,
            status: Default::default(),
            reason: None,
            merged_into: None,
            answer: None,
            project_id: Some(p),
        }));
        let follow = pending(MutationKind::SetFollow {
            target: FollowTarget::Project(p),
            following: true,
        });
        let view = r.with_pending(&follow, 0);
        assert!(view.follows_project(p));
        assert_eq!(
            Overlay::new(&r, &follow, 0).follows(),
            view.follows.as_slice()
        );
        // Following the idea follows the project it became.
        let via_idea = pending(MutationKind::SetFollow {
            target: FollowTarget::Idea(idea),
            following: true,
        });
        assert!(r.with_pending(&via_idea, 0).follows_project(p));
        let unknown = pending(MutationKind::SetFollow {
            target: FollowTarget::Project(ProjectId(uuid_v7(7, [1; 10]))),
            following: true,
        });
        assert!(r.with_pending(&unknown, 0).follows.is_empty());
        // The server's word replaces the pending one; twice is once.
        r.apply(Change::MyFollow {
            target: FollowTarget::Project(p),
            following: true,
        });
        r.apply(Change::MyFollow {
            target: FollowTarget::Project(p),
            following: true,
        });
        assert_eq!(r.follows, [FollowTarget::Project(p)]);
        assert_eq!(r.with_pending(&follow, 0), r);
    }
}

//! What the participant sees, one entity at a time, without copying the replica.
//!
//! [`Replica::with_pending`] is the rule: the replica with the pending mutations applied on
//! top. Applying it to a whole replica of 10,000 ideas on every change would copy all of them,
//! although the few pending mutations touch only a handful. An [`Overlay`] applies the same
//! rule to just that handful: it cuts from the replica the entities the pending mutations can
//! change or consult (all themes, the ideas they name, the comments they name, the dots) and
//! runs `with_pending` on that small slice. Every other entity is read from the replica as it
//! is. The property test below holds both ways equal.

use crate::api::{IdeaSort, ThemeSummary};
use crate::dots::DotEntry;
use crate::ids::{IdeaId, ThemeId};
use crate::replica::{select_ideas, Replica};
use crate::sync::{CommentId, CommentRecord, FollowTarget, IdeaRecord, Mutation, MutationKind};
use std::collections::BTreeSet;

/// The pending mutations laid over the entities they touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlay {
    /// The ideas a pending mutation names: their state is `seen`'s, not the replica's.
    touched: BTreeSet<IdeaId>,
    /// The slice of the replica with the pending mutations applied.
    seen: Replica,
}

/// The idea a mutation is about, if any.
fn idea_of(kind: &MutationKind) -> Option<IdeaId> {
    match kind {
        MutationKind::CreateIdea { idea_id, .. }
        | MutationKind::EditIdea { idea_id, .. }
        | MutationKind::SetSupport { idea_id, .. }
        | MutationKind::AddComment { idea_id, .. } => Some(*idea_id),
        // A follow of an idea needs the idea (is it public?), not a change to it.
        MutationKind::SetFollow {
            target: FollowTarget::Idea(idea_id),
            ..
        } => Some(*idea_id),
        _ => None,
    }
}

impl Overlay {
    /// Lays `pending` (oldest first) over `replica`. `now_ms` dates what exists only on this
    /// device so far, as in [`Replica::with_pending`].
    pub fn new(replica: &Replica, pending: &[Mutation], now_ms: i64) -> Self {
        let touched: BTreeSet<IdeaId> = pending.iter().filter_map(|m| idea_of(&m.kind)).collect();
        let named_comments = pending.iter().filter_map(|m| match &m.kind {
            MutationKind::AddComment { comment_id, .. } => Some(*comment_id),
            _ => None,
        });
        let mut comments: Vec<CommentRecord> = named_comments
            .filter_map(|id| replica.comment(id).cloned())
            .collect();
        comments.sort_by_key(|c| c.id);
        comments.dedup_by_key(|c| c.id);
        let slice = Replica {
            process: None,
            themes: replica.themes.clone(),
            ideas: touched
                .iter()
                .filter_map(|id| replica.idea(*id).cloned())
                .collect(),
            comments,
            supported: touched
                .iter()
                .copied()
                .filter(|id| replica.supports(*id))
                .collect(),
            dots: replica.dots.clone(),
            // Only the projects a pending follow names (to check they exist).
            projects: pending
                .iter()
                .filter_map(|m| match &m.kind {
                    MutationKind::SetFollow {
                        target: FollowTarget::Project(p),
                        ..
                    } => replica.project(*p).cloned(),
                    _ => None,
                })
                .fold(Vec::new(), |mut v, p| {
                    crate::replica::upsert(&mut v, p, |x| x.id);
                    v
                }),
            follows: replica.follows.clone(),
            idea_decisions: Vec::new(),
        };
        Self {
            seen: slice.with_pending(pending, now_ms),
            touched,
        }
    }

    /// Whether a pending mutation names this idea.
    pub fn touches(&self, idea: IdeaId) -> bool {
        self.touched.contains(&idea)
    }

    /// One idea as the participant sees it.
    pub fn idea<'a>(&'a self, replica: &'a Replica, id: IdeaId) -> Option<&'a IdeaRecord> {
        if self.touches(id) {
            self.seen.idea(id)
        } else {
            replica.idea(id)
        }
    }

    /// Whether the participant supports an idea (or will, once the outbox is sent).
    pub fn supports(&self, replica: &Replica, idea: IdeaId) -> bool {
        if self.touches(idea) {
            self.seen.supports(idea)
        } else {
            replica.supports(idea)
        }
    }

    /// Every theme, in the server's order, with pending ideas and dots counted.
    pub fn themes(&self) -> &[ThemeSummary] {
        &self.seen.themes
    }

    pub fn theme(&self, id: ThemeId) -> Option<&ThemeSummary> {
        self.seen.theme(id)
    }

    /// What the participant follows, pending follows and unfollows included (sorted).
    pub fn follows(&self) -> &[FollowTarget] {
        &self.seen.follows
    }

    /// The participant's dot allocation, a waiting ballot included.
    pub fn dots(&self) -> &[DotEntry] {
        &self.seen.dots
    }

    /// Every idea as seen: the replica's untouched ones and the touched ones from the overlay.
    pub fn ideas<'a>(&'a self, replica: &'a Replica) -> impl Iterator<Item = &'a IdeaRecord> {
        replica
            .ideas
            .iter()
            .filter(|i| !self.touches(i.id))
            .chain(self.seen.ideas.iter())
    }

    /// The ids of a theme's ideas in list order (see [`Replica::ideas_of`]).
    pub fn ideas_of(
        &self,
        replica: &Replica,
        theme: ThemeId,
        sort: IdeaSort,
        own_waiting: bool,
    ) -> Vec<IdeaId> {
        select_ideas(self.ideas(replica), theme, sort, own_waiting)
            .into_iter()
            .map(|i| i.id)
            .collect()
    }

    /// One comment as the participant sees it (pending mutations only ever add comments).
    pub fn comment<'a>(&'a self, replica: &'a Replica, id: CommentId) -> Option<&'a CommentRecord> {
        replica.comment(id).or_else(|| self.seen.comment(id))
    }

    /// The comments on an idea the participant sees, oldest first (see
    /// [`Replica::comments_of`]), the ones still waiting to be sent included.
    pub fn comments_of(&self, replica: &Replica, idea: IdeaId) -> Vec<CommentRecord> {
        let mut all: Vec<CommentRecord> = replica.comments_of(idea).cloned().collect();
        if self.touches(idea) {
            all.extend(
                self.seen
                    .comments_of(idea)
                    .filter(|c| replica.comment(c.id).is_none())
                    .cloned(),
            );
            all.sort_by_key(|c| c.id);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{uuid_v7, ParticipantId};
    use crate::replica::tests::{kinds, replica_of, theme_ids};
    use crate::sync::MutationId;
    use crate::sync_model::{Server, State};
    use proptest::prelude::*;

    fn mutations(kinds: Vec<MutationKind>, from: u64) -> Vec<Mutation> {
        kinds
            .into_iter()
            .enumerate()
            .map(|(n, kind)| Mutation {
                id: MutationId(uuid_v7(from + n as u64, [9; 10])),
                kind,
            })
            .collect()
    }

    proptest! {
        /// For any server state and any outbox, every entity the overlay shows is the one the
        /// whole view (`with_pending`) shows.
        #[test]
        fn the_overlay_shows_what_the_whole_view_shows(applied in kinds(), waiting in kinds()) {
            let me = ParticipantId(uuid_v7(1, [1; 10]));
            let mut server = Server::new(State::with_themes(theme_ids()));
            server.push(me, &mutations(applied, 1_000));
            let replica = replica_of(&server.state, me);
            let pending = mutations(waiting, 2_000);
            let whole = replica.with_pending(&pending, 42);
            let overlay = Overlay::new(&replica, &pending, 42);

            prop_assert_eq!(overlay.themes(), whole.themes.as_slice());
            prop_assert_eq!(overlay.dots(), whole.dots.as_slice());
            prop_assert_eq!(overlay.follows(), whole.follows.as_slice());
            let mut seen: Vec<IdeaRecord> = overlay.ideas(&replica).cloned().collect();
            seen.sort_by_key(|i| i.id);
            prop_assert_eq!(&seen, &whole.ideas);
            for idea in &whole.ideas {
                prop_assert_eq!(overlay.idea(&replica, idea.id), Some(idea));
                prop_assert_eq!(overlay.supports(&replica, idea.id), whole.supports(idea.id));
                let comments: Vec<CommentRecord> = whole.comments_of(idea.id).cloned().collect();
                for c in &comments {
                    prop_assert_eq!(overlay.comment(&replica, c.id), Some(c));
                }
                prop_assert_eq!(overlay.comments_of(&replica, idea.id), comments);
            }
            for theme in theme_ids() {
                for sort in [IdeaSort::Support, IdeaSort::Newest] {
                    let ids: Vec<IdeaId> = whole.ideas_of(theme, sort, true).iter().map(|i| i.id).collect();
                    prop_assert_eq!(overlay.ideas_of(&replica, theme, sort, true), ids);
                }
            }
        }
    }

    #[test]
    fn an_idea_no_pending_mutation_names_is_read_from_the_replica() {
        let me = ParticipantId(uuid_v7(1, [1; 10]));
        let mut server = Server::new(State::with_themes(theme_ids()));
        let idea = IdeaId(uuid_v7(101, [7; 10]));
        server.push(
            me,
            &mutations(
                vec![MutationKind::CreateIdea {
                    idea_id: idea,
                    theme_id: theme_ids()[0],
                    title: "Sensoren".into(),
                    body: "x".into(),
                }],
                1,
            ),
        );
        let replica = replica_of(&server.state, me);
        let other = IdeaId(uuid_v7(102, [7; 10]));
        let pending = mutations(
            vec![MutationKind::SetSupport {
                idea_id: other,
                supported: true,
            }],
            10,
        );
        let overlay = Overlay::new(&replica, &pending, 0);
        assert!(!overlay.touches(idea));
        assert!(std::ptr::eq(
            overlay.idea(&replica, idea).expect("known idea"),
            replica.idea(idea).expect("known idea")
        ));
    }
}

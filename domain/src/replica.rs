//! The client's replica and the view it shows.
//!
//! The replica is what one participant may see, exactly as the server last said it: it is
//! built only from the pull feed ([`Change`]s), never edited by hand. What the app shows is
//! [`Replica::with_pending`]: the replica with the participant's still-pending mutations
//! applied on top, oldest first, by the same conflict rules the server uses. Once the server
//! has answered a mutation it leaves the outbox, so a rejected one simply disappears from the
//! view (rolled back) and an applied one is now part of the replica.
//!
//! Applying a pending mutation whose effect is already in the replica (its push was applied but
//! the answer was lost) changes nothing: creations are keyed by id, and support and dot votes
//! state the wanted end state.

use crate::api::{IdeaSort, Process, ThemeSummary};
use crate::dots::{DotBallot, DotEntry};
use crate::ids::{IdeaId, ThemeId};
use crate::moderation::IdeaStatus;
use crate::sync::{Change, CommentId, CommentRecord, IdeaRecord, Mutation, MutationKind};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replica {
    pub process: Option<Process>,
    /// Ordered by (position, title), the server's order.
    pub themes: Vec<ThemeSummary>,
    /// Ordered by id.
    pub ideas: Vec<IdeaRecord>,
    /// Ordered by id (UUIDv7: creation order).
    pub comments: Vec<CommentRecord>,
    /// The ideas this participant supports, ordered.
    pub supported: Vec<IdeaId>,
    /// This participant's dot allocation.
    pub dots: Vec<DotEntry>,
    /// Projects, ordered by id.
    pub projects: Vec<crate::projects::ProjectRecord>,
    /// What this participant follows, ordered (`crate::follows`).
    pub follows: Vec<crate::sync::FollowTarget>,
}

pub(crate) fn upsert<T, K: Ord>(items: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    match items.binary_search_by(|x| key(x).cmp(&key(&item))) {
        Ok(i) => items[i] = item,
        Err(i) => items.insert(i, item),
    }
}

impl Replica {
    /// Takes one change from the pull feed. Results of the participant's own mutations are
    /// the outbox's business, not the replica's.
    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Process(p) => {
                let known = self.process.as_ref().map(|c| c.id);
                if !p.current && known != Some(p.id) {
                    return; // an archived process: not on this device
                }
                if known != Some(p.id) {
                    // Another process became current (or the first arrived): only its fields
                    // of action stay; those it gains later follow in the feed.
                    self.themes.retain(|t| t.process_id == p.id);
                }
                self.process = Some(p);
            }
            Change::Theme(t) => {
                self.themes.retain(|x| x.id != t.id);
                let other = self.process.as_ref().is_some_and(|p| p.id != t.process_id);
                if !other {
                    upsert(&mut self.themes, t, |x| (x.position, x.title.clone()));
                }
            }
            Change::Idea(i) => upsert(&mut self.ideas, i, |x| x.id),
            Change::Comment(c) => upsert(&mut self.comments, c, |x| x.id),
            Change::MySupport { idea_id, supported } => self.set_supported(idea_id, supported),
            Change::MyDots { allocations } => self.dots = allocations,
            Change::Project(p) => upsert(&mut self.projects, p, |x| x.id),
            Change::MyFollow { target, following } => self.set_follow(target, following),
            Change::MyMutation(_) => {}
        }
    }

    pub fn theme(&self, id: ThemeId) -> Option<&ThemeSummary> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn idea(&self, id: IdeaId) -> Option<&IdeaRecord> {
        self.ideas
            .binary_search_by(|x| x.id.cmp(&id))
            .ok()
            .map(|i| &self.ideas[i])
    }

    fn idea_mut(&mut self, id: IdeaId) -> Option<&mut IdeaRecord> {
        self.ideas
            .binary_search_by(|x| x.id.cmp(&id))
            .ok()
            .map(|i| &mut self.ideas[i])
    }

    pub fn supports(&self, idea: IdeaId) -> bool {
        self.supported.binary_search(&idea).is_ok()
    }

    fn set_supported(&mut self, idea: IdeaId, on: bool) {
        match (self.supported.binary_search(&idea), on) {
            (Err(i), true) => self.supported.insert(i, idea),
            (Ok(i), false) => {
                self.supported.remove(i);
            }
            _ => {}
        }
    }

    /// The published ideas of a theme, most supported (ties: older first) or newest first;
    /// with `own_waiting`, also the participant's own ideas waiting for approval (the feed
    /// only sends those to their author).
    pub fn ideas_of(&self, theme: ThemeId, sort: IdeaSort, own_waiting: bool) -> Vec<&IdeaRecord> {
        select_ideas(self.ideas.iter(), theme, sort, own_waiting)
    }

    /// The comments on an idea this participant may see: published ones and their own
    /// (tombstones of others' hidden or waiting comments have no text).
    pub fn comments_of(&self, idea: IdeaId) -> impl Iterator<Item = &CommentRecord> {
        self.comments
            .iter()
            .filter(move |c| c.idea_id == idea && !c.body.is_empty())
    }

    /// This replica with `pending` applied on top, oldest first. `now_ms` dates ideas and
    /// comments that exist only on this device so far.
    pub fn with_pending(&self, pending: &[Mutation], now_ms: i64) -> Replica {
        let mut view = self.clone();
        for m in pending {
            view.apply_pending(&m.kind, now_ms);
        }
        view
    }

    fn apply_pending(&mut self, kind: &MutationKind, now_ms: i64) {
        match kind {
            MutationKind::CreateIdea {
                idea_id,
                theme_id,
                title,
                body,
            } => {
                if self.idea(*idea_id).is_some() {
                    return;
                }
                let Some(theme) = self.themes.iter_mut().find(|t| t.id == *theme_id) else {
                    return;
                };
                theme.idea_count += 1;
                upsert(
                    &mut self.ideas,
                    IdeaRecord {
                        id: *idea_id,
                        theme_id: *theme_id,
                        title: title.clone(),
                        body: body.clone(),
                        support_count: 0,
                        comment_count: 0,
                        created_at: now_ms,
                        status: IdeaStatus::Published,
                        reason: None,
                        merged_into: None,
                        answer: None,
                        project_id: None,
                    },
                    |x| x.id,
                );
            }
            MutationKind::EditIdea {
                idea_id,
                title,
                body,
            } => {
                if let Some(idea) = self.idea_mut(*idea_id) {
                    idea.title.clone_from(title);
                    idea.body.clone_from(body);
                }
            }
            MutationKind::SetSupport { idea_id, supported } => {
                let was = self.supports(*idea_id);
                let Some(idea) = self.idea_mut(*idea_id) else {
                    return;
                };
                if was != *supported {
                    if *supported {
                        idea.support_count += 1;
                    } else {
                        idea.support_count = idea.support_count.saturating_sub(1);
                    }
                    self.set_supported(*idea_id, *supported);
                }
            }
            MutationKind::SetDots { allocations } => {
                let budget = self
                    .process
                    .as_ref()
                    .map_or(crate::DOT_BUDGET, |p| p.dot_budget);
                let Ok(ballot) = DotBallot::parse(allocations, budget) else {
                    return;
                };
                if allocations.iter().any(|e| self.theme(e.theme_id).is_none()) {
                    return;
                }
                for (entries, add) in [(&self.dots.clone(), false), (allocations, true)] {
                    for e in entries {
                        if let Some(t) = self.themes.iter_mut().find(|t| t.id == e.theme_id) {
                            let p = u32::from(e.points);
                            t.dot_points = if add {
                                t.dot_points + p
                            } else {
                                t.dot_points.saturating_sub(p)
                            };
                        }
                    }
                }
                self.dots = ballot.entries();
            }
            MutationKind::SetFollow { target, following } => {
                if self.target_exists(*target) {
                    self.set_follow(*target, *following);
                }
            }
            // Staff decisions show once the server has applied them.
            #[cfg(feature = "staff")]
            MutationKind::Decide { .. } | MutationKind::DecideComment { .. } => {}
            MutationKind::AddComment {
                comment_id,
                idea_id,
                body,
            } => {
                if self.comment_exists(*comment_id) {
                    return;
                }
                let Some(idea) = self.idea_mut(*idea_id) else {
                    return;
                };
                idea.comment_count += 1;
                upsert(
                    &mut self.comments,
                    CommentRecord {
                        id: *comment_id,
                        idea_id: *idea_id,
                        body: body.clone(),
                        created_at: now_ms,
                        status: IdeaStatus::Published,
                        reason: None,
                    },
                    |x| x.id,
                );
            }
        }
    }

    pub(crate) fn comment_exists(&self, id: CommentId) -> bool {
        self.comment(id).is_some()
    }

    pub fn comment(&self, id: CommentId) -> Option<&CommentRecord> {
        self.comments
            .binary_search_by(|c| c.id.cmp(&id))
            .ok()
            .map(|i| &self.comments[i])
    }
}

/// The ideas of `theme` a list shows, in the order `sort` asks for: published ones, and with
/// `own_waiting` also the participant's own waiting for approval (the feed only sends those to
/// their author). Most supported first (ties: older first) or newest first.
pub(crate) fn select_ideas<'a>(
    ideas: impl Iterator<Item = &'a IdeaRecord>,
    theme: ThemeId,
    sort: IdeaSort,
    own_waiting: bool,
) -> Vec<&'a IdeaRecord> {
    let mut ideas: Vec<&IdeaRecord> = ideas
        .filter(|i| {
            i.theme_id == theme
                && (i.status.is_public() || (own_waiting && i.status == IdeaStatus::Pending))
        })
        .collect();
    match sort {
        IdeaSort::Support => ideas.sort_by(|a, b| {
            b.support_count
                .cmp(&a.support_count)
                .then_with(|| a.created_at.cmp(&b.created_at))
                .then_with(|| a.id.cmp(&b.id))
        }),
        IdeaSort::Newest => ideas.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| b.id.cmp(&a.id))
        }),
    }
    ideas
}

/// Shortens a text for lists: at most `chars` characters, cut at the end with "…".
pub fn excerpt(body: &str, chars: usize) -> String {
    let mut it = body.chars();
    let head: String = it.by_ref().take(chars).collect();
    if it.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ids::{uuid_v7, ParticipantId};
    use crate::sync::MutationId;
    use crate::sync_model::{Server, State};
    use proptest::prelude::*;

    pub(crate) fn theme_ids() -> Vec<ThemeId> {
        (1..=3).map(|n| ThemeId(uuid_v7(n, [1; 10]))).collect()
    }

    /// What the pull feed tells `who` about a model server's state, as a replica.
    pub(crate) fn replica_of(state: &State, who: ParticipantId) -> Replica {
        let mut r = Replica::default();
        for (pos, id) in state.themes.iter().enumerate() {
            r.apply(Change::Theme(ThemeSummary {
                id: *id,
                title: format!("Thema {pos}"),
                description: String::new(),
                idea_count: state.ideas.values().filter(|i| i.theme == *id).count() as u32,
                dot_points: state.dot_points(*id),
                position: pos as u32,
                ..ThemeSummary::default()
            }));
        }
        for (id, idea) in &state.ideas {
            r.apply(Change::Idea(IdeaRecord {
                id: *id,
                theme_id: idea.theme,
                title: idea.title.clone(),
                body: idea.body.clone(),
                support_count: state.supports.count(*id),
                comment_count: state.comments.values().filter(|c| c.1 == *id).count() as u32,
                created_at: 0,
                status: IdeaStatus::Published,
                reason: None,
                merged_into: None,
                answer: None,
                project_id: None,
            }));
            if state.supports.supports(who, *id) {
                r.apply(Change::MySupport {
                    idea_id: *id,
                    supported: true,
                });
            }
        }
        for (id, (_, idea, body)) in &state.comments {
            r.apply(Change::Comment(CommentRecord {
                id: *id,
                idea_id: *idea,
                body: body.clone(),
                created_at: 0,
                status: IdeaStatus::Published,
                reason: None,
            }));
        }
        if let Some(b) = state.dots.get(&who) {
            r.apply(Change::MyDots {
                allocations: b.entries(),
            });
        }
        for (p, target) in &state.follows {
            if *p == who {
                r.apply(Change::MyFollow {
                    target: *target,
                    following: true,
                });
            }
        }
        r
    }

    pub(crate) fn kinds() -> impl Strategy<Value = Vec<MutationKind>> {
        let idea = (1u64..6).prop_map(|n| IdeaId(uuid_v7(100 + n, [7; 10])));
        let theme = (0usize..3).prop_map(|i| theme_ids()[i]);
        let kind = prop_oneof![
            (idea.clone(), theme.clone(), "[a-z]{5,12}").prop_map(|(idea_id, theme_id, t)| {
                MutationKind::CreateIdea {
                    idea_id,
                    theme_id,
                    title: t.clone(),
                    body: t,
                }
            }),
            (idea.clone(), any::<bool>())
                .prop_map(|(idea_id, supported)| MutationKind::SetSupport { idea_id, supported }),
            (idea.clone(), "[a-z]{1,9}", 1u64..4).prop_map(|(idea_id, body, n)| {
                MutationKind::AddComment {
                    comment_id: CommentId(uuid_v7(200 + n, [3; 10])),
                    idea_id,
                    body,
                }
            }),
            (idea.clone(), any::<bool>()).prop_map(|(i, following)| MutationKind::SetFollow {
                target: crate::sync::FollowTarget::Idea(i),
                following,
            }),
            (theme.clone(), any::<bool>()).prop_map(|(t, following)| MutationKind::SetFollow {
                target: crate::sync::FollowTarget::Theme(t),
                following,
            }),
            prop::collection::vec((theme, 0u8..4), 0..3).prop_map(|v| MutationKind::SetDots {
                allocations: v
                    .into_iter()
                    .map(|(theme_id, points)| DotEntry { theme_id, points })
                    .collect(),
            }),
        ];
        prop::collection::vec(kind, 0..25)
    }

    proptest! {
        /// The view of "server state after the first k mutations + the rest pending" is the
        /// replica of the server after all of them, whenever the server accepts the rest:
        /// optimistic display never shows something the server then says differently.
        #[test]
        fn view_equals_the_servers_answer(kinds in kinds(), split in 0usize..25, other_support in any::<bool>()) {
            let me = ParticipantId(uuid_v7(1, [1; 10]));
            let other = ParticipantId(uuid_v7(2, [2; 10]));
            let muts: Vec<Mutation> = kinds.into_iter().enumerate()
                .map(|(n, kind)| Mutation { id: MutationId(uuid_v7(1_000 + n as u64, [9; 10])), kind })
                .collect();
            let split = split.min(muts.len());
            let mut server = Server::new(State::with_themes(theme_ids()));
            // Someone else's activity is part of the server state too.
            let seed = Mutation { id: MutationId(uuid_v7(5, [5; 10])), kind: MutationKind::CreateIdea {
                idea_id: IdeaId(uuid_v7(101, [7; 10])), theme_id: theme_ids()[0],
                title: "fremde Idee".into(), body: "x".into() } };
            server.push(other, &[seed]);
            if other_support {
                server.push(other, &[Mutation { id: MutationId(uuid_v7(6, [5; 10])),
                    kind: MutationKind::SetSupport { idea_id: IdeaId(uuid_v7(101, [7; 10])), supported: true } }]);
            }
            let first = server.push(me, &muts[..split]);
            let before = replica_of(&server.state, me);
            let results = server.push(me, &muts[split..]);
            let all_applied = results.iter().all(|r| r.outcome == crate::sync::Outcome::Applied);
            prop_assume!(all_applied);
            let after = replica_of(&server.state, me);
            prop_assert_eq!(before.with_pending(&muts[split..], 0), after.clone());
            // Replaying what is already reflected changes nothing (answer lost, then pulled).
            let applied: Vec<Mutation> = muts.iter().zip(first.iter().chain(&results))
                .filter(|(_, r)| r.outcome == crate::sync::Outcome::Applied)
                .map(|(m, _)| m.clone())
                .collect();
            prop_assert_eq!(after.with_pending(&applied, 0), after);
        }
    }

    #[test]
    fn a_rejected_mutation_is_rolled_back_by_leaving_the_outbox() {
        let me = ParticipantId(uuid_v7(1, [1; 10]));
        let state = State::with_themes(theme_ids());
        let replica = replica_of(&state, me);
        let m = Mutation {
            id: MutationId(uuid_v7(9, [9; 10])),
            kind: MutationKind::SetDots {
                allocations: vec![DotEntry {
                    theme_id: theme_ids()[1],
                    points: 3,
                }],
            },
        };
        let view = replica.with_pending(std::slice::from_ref(&m), 0);
        assert_eq!(view.theme(theme_ids()[1]).map(|t| t.dot_points), Some(3));
        assert_eq!(view.dots.len(), 1);
        // The server rejected it: the outbox drops it and the view is the replica again.
        assert_eq!(replica.with_pending(&[], 0), replica);
    }

    #[test]
    fn a_newer_theme_change_replaces_the_older_one_in_place() {
        let mut r = Replica::default();
        let t = |points, position| ThemeSummary {
            id: theme_ids()[0],
            title: "Mobilität".into(),
            description: String::new(),
            idea_count: 0,
            dot_points: points,
            position,
            ..ThemeSummary::default()
        };
        r.apply(Change::Theme(t(1, 2)));
        r.apply(Change::Theme(ThemeSummary {
            id: theme_ids()[1],
            position: 1,
            ..t(0, 1)
        }));
        r.apply(Change::Theme(t(7, 2)));
        assert_eq!(r.themes.len(), 2);
        assert_eq!(r.themes[0].id, theme_ids()[1]);
        assert_eq!(r.themes[1].dot_points, 7);
    }

    #[test]
    fn excerpt_cuts_long_text_with_an_ellipsis() {
        assert_eq!(excerpt("kurz", 10), "kurz");
        assert_eq!(excerpt("eins zwei drei", 5), "eins…");
    }
}

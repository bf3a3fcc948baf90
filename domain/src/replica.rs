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
use crate::feed::{CoreChange, Split};
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
    /// Committee decisions on ideas themselves, by idea id (only ideas with some).
    pub idea_decisions: Vec<(IdeaId, Vec<crate::projects::CommitteeDecision>)>,
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
        match CoreChange::of(change) {
            Split::Core(core) => self.apply_core(core),
            Split::Other(Change::Project(p)) => upsert(&mut self.projects, p, |x| x.id),
            Split::Other(Change::ProjectRemoved { project_id }) => {
                self.projects.retain(|p| p.id != project_id);
            }
            Split::Other(Change::IdeaDecisions { idea_id, decisions }) => {
                self.idea_decisions.retain(|(i, _)| *i != idea_id);
                if !decisions.is_empty() {
                    upsert(&mut self.idea_decisions, (idea_id, decisions), |x| x.0);
                }
            }
            Split::Other(_) => {}
        }
    }

    /// [`Replica::apply`] for the changes the citizen app's first route decodes
    /// ([`CoreChange`]): without the code for projects and decisions.
    pub fn apply_core(&mut self, change: CoreChange) {
        match change {
            CoreChange::Process(p) => {
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
            CoreChange::Theme(t) => {
                self.themes.retain(|x| x.id != t.id);
                let other = self.process.as_ref().is_some_and(|p| p.id != t.process_id);
                if !other {
                    upsert(&mut self.themes, t, |x| (x.position, x.title.clone()));
                }
            }
            CoreChange::Idea(i) => upsert(&mut self.ideas, i, |x| x.id),
            CoreChange::Comment(c) => upsert(&mut self.comments, c, |x| x.id),
            CoreChange::MySupport { idea_id, supported } => self.set_supported(idea_id, supported),
            CoreChange::MyDots { allocations } => self.dots = allocations,
            CoreChange::MyFollow { target, following } => self.set_follow(target, following),
            CoreChange::MyMutation(_) => {}
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
                // Its author follows it from the start, as on the server.
                self.set_follow(crate::sync::FollowTarget::Idea(*idea_id), true);
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
                // Ending a follow needs no target (it may be gone since); starting one does.
                if self.target_exists(*target) || (!*following && self.follows(*target)) {
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
pub(crate) mod tests;

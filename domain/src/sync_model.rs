//! The reference semantics of the sync protocol: a pure, in-memory server that applies
//! mutations by the conflict rules of [`crate::sync`]. The SQLite server is tested against it,
//! and the app uses it to show pending mutations on top of the last known server state.

use crate::dots::DotBallot;
use crate::error::ErrorCode;
use crate::ids::{IdeaId, ParticipantId, ProjectId, ThemeId};
use crate::support::SupportLedger;
use crate::sync::{
    CommentId, FollowTarget, Mutation, MutationId, MutationKind, MutationResult, Outcome,
};
use crate::text::{CommentBody, IdeaBody, IdeaTitle};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaState {
    pub author: ParticipantId,
    pub theme: ThemeId,
    pub title: String,
    pub body: String,
}

/// Observable state: what the server's database holds, minus bookkeeping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub themes: BTreeSet<ThemeId>,
    pub ideas: BTreeMap<IdeaId, IdeaState>,
    pub supports: SupportLedger,
    pub dots: BTreeMap<ParticipantId, DotBallot>,
    pub comments: BTreeMap<CommentId, (ParticipantId, IdeaId, String)>,
    /// Projects (staff create them; participants only follow them).
    pub projects: BTreeSet<ProjectId>,
    /// Who follows what: present = following.
    pub follows: BTreeSet<(ParticipantId, FollowTarget)>,
}

impl State {
    pub fn with_themes(themes: impl IntoIterator<Item = ThemeId>) -> Self {
        Self {
            themes: themes.into_iter().collect(),
            ..Self::default()
        }
    }

    /// Total dot points on a theme.
    pub fn dot_points(&self, theme: ThemeId) -> u32 {
        self.dots
            .values()
            .map(|b| u32::from(b.points_for(theme)))
            .sum()
    }

    /// Applies one mutation's effect, or says why it is rejected (then nothing changed).
    pub fn apply(&mut self, who: ParticipantId, kind: &MutationKind) -> Result<(), ErrorCode> {
        match kind {
            // Participants may not moderate (the server refuses such a push as a whole).
            #[cfg(feature = "staff")]
            MutationKind::Decide { .. } | MutationKind::DecideComment { .. } => {
                Err(ErrorCode::Forbidden)
            }
            MutationKind::CreateIdea {
                idea_id,
                theme_id,
                title,
                body,
            } => {
                let title = IdeaTitle::parse(title).map_err(|e| e.code())?;
                let body = IdeaBody::parse(body).map_err(|e| e.code())?;
                if !self.themes.contains(theme_id) {
                    return Err(ErrorCode::UnknownTheme);
                }
                let new = IdeaState {
                    author: who,
                    theme: *theme_id,
                    title: title.as_str().into(),
                    body: body.as_str().into(),
                };
                match self.ideas.get(idea_id) {
                    Some(existing) if *existing == new => Ok(()),
                    Some(_) => Err(ErrorCode::IdConflict),
                    None => {
                        self.ideas.insert(*idea_id, new);
                        // Its author follows it from the start.
                        self.follows.insert((who, FollowTarget::Idea(*idea_id)));
                        Ok(())
                    }
                }
            }
            MutationKind::EditIdea {
                idea_id,
                title,
                body,
            } => {
                let title = IdeaTitle::parse(title).map_err(|e| e.code())?;
                let body = IdeaBody::parse(body).map_err(|e| e.code())?;
                let idea = self.ideas.get_mut(idea_id).ok_or(ErrorCode::UnknownIdea)?;
                if idea.author != who {
                    return Err(ErrorCode::IdConflict);
                }
                idea.title = title.as_str().into();
                idea.body = body.as_str().into();
                Ok(())
            }
            MutationKind::SetSupport { idea_id, supported } => {
                if !self.ideas.contains_key(idea_id) {
                    return Err(ErrorCode::UnknownIdea);
                }
                self.supports.apply(who, *idea_id, *supported);
                Ok(())
            }
            MutationKind::SetDots { allocations } => {
                let ballot =
                    DotBallot::parse(allocations, crate::DOT_BUDGET).map_err(|e| e.code())?;
                if ballot
                    .entries()
                    .iter()
                    .any(|e| !self.themes.contains(&e.theme_id))
                {
                    return Err(ErrorCode::UnknownTheme);
                }
                if ballot.entries().is_empty() {
                    self.dots.remove(&who);
                } else {
                    self.dots.insert(who, ballot);
                }
                Ok(())
            }
            MutationKind::SetFollow { target, following } => {
                let exists = match target {
                    FollowTarget::Project(p) => self.projects.contains(p),
                    FollowTarget::Theme(t) => self.themes.contains(t),
                    FollowTarget::Idea(i) => self.ideas.contains_key(i),
                };
                // Ending a follow needs no target (it may be gone since); starting one does.
                let ending = !*following && self.follows.contains(&(who, *target));
                if !exists && !ending {
                    return Err(ErrorCode::UnknownTarget);
                }
                if *following {
                    self.follows.insert((who, *target));
                } else {
                    self.follows.remove(&(who, *target));
                }
                Ok(())
            }
            MutationKind::AddComment {
                comment_id,
                idea_id,
                body,
            } => {
                let body = CommentBody::parse(body).map_err(|e| e.code())?;
                let new = (who, *idea_id, body.as_str().to_owned());
                match self.comments.get(comment_id) {
                    Some(existing) if *existing == new => Ok(()),
                    Some(_) => Err(ErrorCode::IdConflict),
                    None if !self.ideas.contains_key(idea_id) => Err(ErrorCode::UnknownIdea),
                    None => {
                        self.comments.insert(*comment_id, new);
                        Ok(())
                    }
                }
            }
        }
    }
}

/// The server: state plus the memory of every mutation id and its result.
#[derive(Clone, Debug, Default)]
pub struct Server {
    pub state: State,
    seen: BTreeMap<MutationId, (ParticipantId, Outcome)>,
}

impl Server {
    pub fn new(state: State) -> Self {
        Self {
            state,
            seen: BTreeMap::new(),
        }
    }

    /// Applies a batch in order; every mutation id has at most one effect, ever.
    pub fn push(&mut self, who: ParticipantId, batch: &[Mutation]) -> Vec<MutationResult> {
        batch
            .iter()
            .map(|m| {
                let outcome = match self.seen.get(&m.id) {
                    Some((owner, _)) if *owner != who => Outcome::Rejected {
                        code: ErrorCode::IdConflict,
                        message: String::new(),
                    },
                    Some((_, Outcome::Rejected { code, message })) => Outcome::Rejected {
                        code: *code,
                        message: message.clone(),
                    },
                    Some(_) => Outcome::Duplicate,
                    None => {
                        let outcome = match self.state.apply(who, &m.kind) {
                            Ok(()) => Outcome::Applied,
                            Err(code) => Outcome::Rejected {
                                code,
                                message: String::new(),
                            },
                        };
                        self.seen.insert(m.id, (who, outcome.clone()));
                        outcome
                    }
                };
                MutationResult { id: m.id, outcome }
            })
            .collect()
    }

    /// How many mutations were ever applied (had an effect).
    pub fn applied_count(&self) -> usize {
        self.seen
            .values()
            .filter(|(_, o)| *o == Outcome::Applied)
            .count()
    }
}

/// A client's outbox: mutations wait here, in order, until the server answered for them.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    pending: Vec<Mutation>,
}

impl Outbox {
    pub fn add(&mut self, m: Mutation) {
        self.pending.push(m);
    }

    pub fn pending(&self) -> &[Mutation] {
        &self.pending
    }

    /// Drops every mutation the server answered for (applied, duplicate or rejected: all final).
    pub fn acknowledge(&mut self, results: &[MutationResult]) {
        let done: BTreeSet<MutationId> = results.iter().map(|r| r.id).collect();
        self.pending.retain(|m| !done.contains(&m.id));
    }

    /// What the participant sees: the server's state with the pending mutations applied on top
    /// (those that would be rejected simply do not show).
    pub fn view(&self, who: ParticipantId, server_state: &State) -> State {
        let mut view = server_state.clone();
        for m in &self.pending {
            let _ = view.apply(who, &m.kind);
        }
        view
    }
}

#[cfg(test)]
mod tests;

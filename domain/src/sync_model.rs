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
                if !exists {
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
mod tests {
    use super::*;
    use crate::dots::DotEntry;
    use proptest::prelude::*;
    use uuid::Uuid;

    const CLIENTS: usize = 3;

    fn theme(n: u8) -> ThemeId {
        ThemeId(Uuid::from_u128(100 + u128::from(n)))
    }
    fn idea(n: u8) -> IdeaId {
        IdeaId(Uuid::from_u128(200 + u128::from(n)))
    }
    fn who(c: usize) -> ParticipantId {
        ParticipantId(Uuid::from_u128(300 + c as u128))
    }
    fn project(n: u8) -> ProjectId {
        ProjectId(Uuid::from_u128(500 + u128::from(n)))
    }

    /// Follow or unfollow: projects 0..2 exist, 2..3 not; themes 0..3 exist, 3 not; ideas as
    /// above.
    fn follow() -> impl Strategy<Value = MutationKind> {
        let target = prop_oneof![
            (0u8..3).prop_map(|n| FollowTarget::Project(project(n))),
            (0u8..4).prop_map(|n| FollowTarget::Theme(theme(n))),
            (0u8..8).prop_map(|n| FollowTarget::Idea(idea(n))),
        ];
        (target, any::<bool>())
            .prop_map(|(target, following)| MutationKind::SetFollow { target, following })
    }

    /// An action a participant takes; ideas 0..4 exist on the server from the start, ideas
    /// 4..8 only if someone creates them.
    fn action() -> impl Strategy<Value = MutationKind> {
        prop_oneof![
            (0u8..8, 0u8..3, any::<bool>()).prop_map(|(i, t, short)| MutationKind::CreateIdea {
                idea_id: idea(i),
                theme_id: theme(t),
                title: if short {
                    "kurz".into()
                } else {
                    format!("Idee Nummer {i}")
                },
                body: "Text".into(),
            }),
            (0u8..8, any::<bool>()).prop_map(|(i, s)| MutationKind::SetSupport {
                idea_id: idea(i),
                supported: s
            }),
            proptest::collection::vec((0u8..4, 0u8..4), 0..3).prop_map(|v| MutationKind::SetDots {
                allocations: v
                    .into_iter()
                    .map(|(t, p)| DotEntry {
                        theme_id: theme(t),
                        points: p
                    })
                    .collect(),
            }),
            (0u8..8, 0u8..4).prop_map(|(i, c)| MutationKind::AddComment {
                comment_id: CommentId(Uuid::from_u128(400 + u128::from(c))),
                idea_id: idea(i),
                body: format!("Kommentar {c}"),
            }),
            follow(),
        ]
    }

    /// One step of the network's schedule.
    #[derive(Clone, Debug)]
    enum Step {
        /// Client c does something (stored in its outbox first).
        Act(usize, MutationKind),
        /// Client c pushes its outbox; the server applies it; the answer may be lost.
        Push {
            client: usize,
            answer_lost: bool,
            reversed: bool,
        },
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0..CLIENTS, action()).prop_map(|(c, k)| Step::Act(c, k)),
            (0..CLIENTS, any::<bool>(), any::<bool>()).prop_map(
                |(client, answer_lost, reversed)| Step::Push {
                    client,
                    answer_lost,
                    reversed
                }
            ),
        ]
    }

    fn initial() -> State {
        let mut s = State::with_themes((0..3).map(theme));
        s.projects = (0..2).map(project).collect();
        for i in 0..4 {
            s.ideas.insert(
                idea(i),
                IdeaState {
                    author: who(99),
                    theme: theme(0),
                    title: format!("Start {i}"),
                    body: "x".into(),
                },
            );
        }
        s
    }

    /// Runs a schedule. With `lossy`, answers marked lost never reach the client (it retries
    /// the whole outbox later) and a retried batch carries its already-delivered part reversed
    /// and moved to the end. Returns the server and the outboxes after everyone flushed.
    fn run(steps: &[Step], lossy: bool) -> (Server, Vec<Outbox>, usize) {
        let mut server = Server::new(initial());
        let mut outboxes = vec![Outbox::default(); CLIENTS];
        let mut delivered: BTreeSet<MutationId> = BTreeSet::new();
        let mut created = 0u128;
        for s in steps {
            match s {
                Step::Act(c, kind) => {
                    created += 1;
                    outboxes[*c].add(Mutation {
                        id: MutationId(Uuid::from_u128(created)),
                        kind: kind.clone(),
                    });
                }
                Step::Push {
                    client,
                    answer_lost,
                    reversed,
                } => {
                    let pending = outboxes[*client].pending().to_vec();
                    let (mut old, new): (Vec<Mutation>, Vec<Mutation>) =
                        pending.into_iter().partition(|m| delivered.contains(&m.id));
                    if lossy && *reversed {
                        old.reverse();
                    }
                    let batch: Vec<Mutation> = new.into_iter().chain(old).collect();
                    delivered.extend(batch.iter().map(|m| m.id));
                    let results = server.push(who(*client), &batch);
                    if !(lossy && *answer_lost) {
                        outboxes[*client].acknowledge(&results);
                    }
                }
            }
        }
        // Connectivity returns: everyone pushes what is left.
        for (c, outbox) in outboxes.iter_mut().enumerate() {
            let batch = outbox.pending().to_vec();
            let results = server.push(who(c), &batch);
            outbox.acknowledge(&results);
        }
        (
            server,
            outboxes,
            usize::try_from(created).unwrap_or(usize::MAX),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Under interleavings of several clients, lost answers, retries and reordered
        /// duplicates: every outbox drains, every mutation has exactly one recorded result, the
        /// server ends in the same state as on a reliable network, every client's view equals
        /// the server's state, and tallies equal distinct voters.
        #[test]
        fn clients_converge_and_every_mutation_counts_once(steps in proptest::collection::vec(step(), 1..80)) {
            let (server, outboxes, created) = run(&steps, true);
            let (reliable, _, _) = run(&steps, false);
            for (c, outbox) in outboxes.iter().enumerate() {
                prop_assert!(outbox.pending().is_empty(), "client {c}'s outbox is stuck");
                prop_assert_eq!(&outbox.view(who(c), &server.state), &server.state);
            }
            prop_assert_eq!(server.seen.len(), created, "every mutation has exactly one recorded result");
            prop_assert_eq!(&server.state, &reliable.state, "lost answers and retries change nothing");
            prop_assert_eq!(server.applied_count(), reliable.applied_count());
            for i in 0..8 {
                let supporters = (0..CLIENTS).filter(|&c| server.state.supports.supports(who(c), idea(i))).count();
                prop_assert_eq!(server.state.supports.count(idea(i)) as usize, supporters);
            }
            for t in 0..3 {
                prop_assert!(server.state.dot_points(theme(t)) <= (CLIENTS as u32) * u32::from(crate::DOT_BUDGET));
            }
            prop_assert!(server.state.dots.values().all(|b| b.spent() <= crate::DOT_BUDGET));
            // Follows: only existing targets, and each participant's last word on each.
            let known = |t: &FollowTarget| match t {
                FollowTarget::Project(p) => server.state.projects.contains(p),
                FollowTarget::Theme(th) => server.state.themes.contains(th),
                FollowTarget::Idea(i) => server.state.ideas.contains_key(i),
            };
            prop_assert!(server.state.follows.iter().all(|(_, t)| known(t)));
        }

        /// Following is idempotent: a participant's follows after any sequence of follow
        /// mutations, replayed and reordered as duplicates, are those of the last mutation
        /// (in server order) per target that exists.
        #[test]
        fn the_last_follow_wins_and_replays_change_nothing(kinds in proptest::collection::vec(follow(), 0..30)) {
            let mut server = Server::new(initial());
            let batch: Vec<Mutation> = kinds.iter().cloned().enumerate()
                .map(|(n, kind)| Mutation { id: MutationId(Uuid::from_u128(n as u128 + 1)), kind }).collect();
            server.push(who(0), &batch);
            let mut expected = BTreeSet::new();
            for k in &kinds {
                if let MutationKind::SetFollow { target, following } = k {
                    let exists = initial().apply(who(0), k).is_ok();
                    if exists && *following {
                        expected.insert((who(0), *target));
                    } else if exists {
                        expected.remove(&(who(0), *target));
                    }
                }
            }
            prop_assert_eq!(&server.state.follows, &expected);
            let state = server.state.clone();
            let mut reversed = batch.clone();
            reversed.reverse();
            server.push(who(0), &reversed);
            prop_assert_eq!(&server.state, &state, "replayed in another order, nothing changes");
        }

        /// Replaying any batch again changes nothing.
        #[test]
        fn replaying_changes_nothing(kinds in proptest::collection::vec(action(), 0..30), split in 0usize..30) {
            let mut server = Server::new(initial());
            let batch: Vec<Mutation> = kinds.into_iter().enumerate()
                .map(|(n, kind)| Mutation { id: MutationId(Uuid::from_u128(n as u128 + 1)), kind }).collect();
            let first = server.push(who(0), &batch);
            let state = server.state.clone();
            let applied = server.applied_count();
            let part = &batch[split.min(batch.len())..];
            for _ in 0..3 {
                let again = server.push(who(0), part);
                for r in &again {
                    let before = first.iter().find(|f| f.id == r.id).map(|f| &f.outcome);
                    match before {
                        Some(Outcome::Applied) => prop_assert_eq!(&r.outcome, &Outcome::Duplicate),
                        Some(other) => prop_assert_eq!(&r.outcome, other),
                        None => prop_assert!(false, "unknown result"),
                    }
                }
            }
            prop_assert_eq!(&server.state, &state);
            prop_assert_eq!(server.applied_count(), applied);
        }
    }
}

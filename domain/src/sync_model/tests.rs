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
        (0..CLIENTS, any::<bool>(), any::<bool>()).prop_map(|(client, answer_lost, reversed)| {
            Step::Push {
                client,
                answer_lost,
                reversed,
            }
        }),
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

//! The maintained tallies equal a recount from the base tables after any sequence of writes
//! through the storage API: ideas, supports on and off, dot ballots, comments, moderation
//! decisions (approve, reject, hide, move, merge, answer; on comments too), moderation mode
//! and verified-only switches, codes redeemed, participants deleted, replayed mutations and
//! batches with rejected mutations (rolled back by their savepoint). After every step the
//! results (cached by the feed's head) equal those computed the old way, by recounting
//! (`tally_reads`), and a device following the change feed shows the same tallies
//! (`tally_replica`); at the end the overview and the theme pages equal the recount too.

use super::super::seed::{DemoSeed, SeedTheme};
use super::super::{Caller, Store};
use super::drift;
use proptest::prelude::*;
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::moderation::{Decision, ModerationMode, OfficialStatus};
use werkstadt_domain::sync::{CommentId, Mutation, MutationId, MutationKind};
use werkstadt_domain::{IdeaId, ParticipantId, ThemeId};

const PEOPLE: u8 = 4;
const IDEAS: u8 = 6;
const COMMENTS: u8 = 5;

fn caller(n: u8) -> Caller {
    Caller {
        id: ParticipantId(uuid::Uuid::from_u128(100 + u128::from(n))),
        secret_hash: format!("{n:064x}"),
        kiosk: None,
    }
}

/// The ideas and comments behind the small numbers. An id whose idea or comment a
/// participant's deletion removed is used again on purpose: a device may push such an
/// outbox again under a new identity, and that must be answered, not refused.
struct Ids {
    ideas: Vec<IdeaId>,
    comments: Vec<CommentId>,
}

impl Ids {
    fn new() -> Self {
        Self {
            ideas: (0..IDEAS)
                .map(|n| IdeaId(uuid::Uuid::from_u128(500 + u128::from(n))))
                .collect(),
            comments: (0..COMMENTS)
                .map(|n| CommentId(uuid::Uuid::from_u128(600 + u128::from(n))))
                .collect(),
        }
    }

    fn idea(&self, n: u8) -> IdeaId {
        self.ideas[usize::from(n)]
    }

    fn comment(&self, n: u8) -> CommentId {
        self.comments[usize::from(n)]
    }
}

/// A participant's mutation, with themes and ideas as small numbers.
#[derive(Clone, Debug)]
enum Act {
    CreateIdea { idea: u8, theme: usize },
    Support { idea: u8, on: bool },
    Dots(Vec<(usize, u8)>),
    Comment { comment: u8, idea: u8 },
    Edit { idea: u8 },
}

#[derive(Clone, Debug)]
enum Op {
    Push {
        who: u8,
        acts: Vec<Act>,
    },
    /// The mutation with this index (modulo) in the history again, by its sender.
    Replay(usize),
    Decide {
        idea: u8,
        decision: u8,
        other: u8,
    },
    DecideComment {
        comment: u8,
        decision: u8,
    },
    PreModeration(bool),
    VerifiedOnly(bool),
    Redeem {
        who: u8,
        code: u8,
    },
    DeleteMe {
        who: u8,
    },
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        2 => (0..IDEAS, 0usize..3).prop_map(|(idea, theme)| Act::CreateIdea { idea, theme }),
        3 => (0..IDEAS, any::<bool>()).prop_map(|(idea, on)| Act::Support { idea, on }),
        2 => proptest::collection::vec((0usize..3, 0u8..4), 0..3).prop_map(Act::Dots),
        2 => (0..COMMENTS, 0..IDEAS).prop_map(|(comment, idea)| Act::Comment { comment, idea }),
        1 => (0..IDEAS).prop_map(|idea| Act::Edit { idea }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..PEOPLE, proptest::collection::vec(act(), 1..4))
            .prop_map(|(who, acts)| Op::Push { who, acts }),
        2 => any::<usize>().prop_map(Op::Replay),
        3 => (0..IDEAS, 0u8..6, 0..IDEAS)
            .prop_map(|(idea, decision, other)| Op::Decide { idea, decision, other }),
        2 => (0..COMMENTS, 0u8..3)
            .prop_map(|(comment, decision)| Op::DecideComment { comment, decision }),
        1 => any::<bool>().prop_map(Op::PreModeration),
        1 => any::<bool>().prop_map(Op::VerifiedOnly),
        1 => (0..PEOPLE, 0u8..3).prop_map(|(who, code)| Op::Redeem { who, code }),
        1 => (0..PEOPLE).prop_map(|who| Op::DeleteMe { who }),
    ]
}

fn mutation_kind(a: &Act, themes: &[ThemeId], ids: &Ids) -> MutationKind {
    match a {
        Act::CreateIdea { idea: i, theme } => MutationKind::CreateIdea {
            idea_id: ids.idea(*i),
            theme_id: themes[*theme],
            title: "Eine Idee".into(),
            body: "Text".into(),
        },
        Act::Support { idea: i, on } => MutationKind::SetSupport {
            idea_id: ids.idea(*i),
            supported: *on,
        },
        Act::Dots(v) => MutationKind::SetDots {
            allocations: v
                .iter()
                .map(|(t, p)| DotEntry {
                    theme_id: themes[*t],
                    points: *p,
                })
                .collect(),
        },
        Act::Comment {
            comment: c,
            idea: i,
        } => MutationKind::AddComment {
            comment_id: ids.comment(*c),
            idea_id: ids.idea(*i),
            body: "Ja".into(),
        },
        Act::Edit { idea: i } => MutationKind::EditIdea {
            idea_id: ids.idea(*i),
            title: "Neue Fassung".into(),
            body: "Mehr".into(),
        },
    }
}

fn decision(n: u8, other: u8, themes: &[ThemeId], ids: &Ids) -> Decision {
    let reason = "Grund".to_owned();
    match n {
        0 => Decision::Approve,
        1 => Decision::Reject { reason },
        2 => Decision::Hide { reason },
        3 => Decision::Move {
            theme_id: themes[usize::from(other) % themes.len()],
        },
        4 => Decision::Merge {
            into: ids.idea(other),
        },
        _ => Decision::Answer {
            status: OfficialStatus::Accepted,
            text: "Wird gemacht".into(),
        },
    }
}

fn seed() -> DemoSeed {
    DemoSeed {
        process_title: "Test".into(),
        process_description: "Test".into(),
        themes: ["A", "B", "C"]
            .iter()
            .map(|t| SeedTheme {
                title: (*t).into(),
                description: String::new(),
                ideas: vec![("Gesät".into(), "Schon da".into())],
            })
            .collect(),
        project: None,
    }
}

async fn run(ops: Vec<Op>) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("t.db");
    let store = Store::open(&db).await.expect("opens");
    store.seed(seed()).await.expect("seeds");
    store
        .create_staff(
            werkstadt_domain::staff::Username::parse("leitung").expect("name"),
            "$argon2id$stub".into(),
            werkstadt_domain::staff::Role::Admin,
            None,
        )
        .await
        .expect("staff");
    let staff = store
        .staff_by_name("leitung".into())
        .await
        .expect("reads")
        .expect("exists")
        .id;
    let codes: Vec<String> = (0..3).map(|n| format!("CODE{n}")).collect();
    store
        .issue_codes(staff.clone(), "Test".into(), codes.clone())
        .await
        .expect("codes");
    let themes: Vec<ThemeId> = store
        .process_overview()
        .await
        .expect("overview")
        .themes
        .iter()
        .map(|t| t.id)
        .collect();
    let staff_device = caller(PEOPLE);
    let mut history: Vec<(u8, Mutation)> = Vec::new();
    let ids = Ids::new();
    let own = super::super::connection::open(&db).expect("opens");
    let mut next = 0u128;
    let mut id = || {
        next += 1;
        MutationId(uuid::Uuid::from_u128(next))
    };
    let mut replica = super::replica::Replica::new(caller(PEOPLE + 1));
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Push { who, acts } => {
                let batch: Vec<Mutation> = acts
                    .iter()
                    .map(|a| Mutation {
                        id: id(),
                        kind: mutation_kind(a, &themes, &ids),
                    })
                    .collect();
                history.extend(batch.iter().map(|m| (*who, m.clone())));
                store.push(caller(*who), batch).await.expect("push");
            }
            Op::Replay(n) => {
                if !history.is_empty() {
                    let (who, m) = history[n % history.len()].clone();
                    store.push(caller(who), vec![m]).await.expect("replay");
                }
            }
            Op::Decide {
                idea: i,
                decision: d,
                other,
            } => {
                let m = Mutation {
                    id: id(),
                    kind: MutationKind::Decide {
                        idea_id: ids.idea(*i),
                        decision: decision(*d, *other, &themes, &ids),
                    },
                };
                store
                    .push_as_staff(staff_device.clone(), staff.clone(), vec![m])
                    .await
                    .expect("decision");
            }
            Op::DecideComment {
                comment: c,
                decision: d,
            } => {
                let m = Mutation {
                    id: id(),
                    kind: MutationKind::DecideComment {
                        comment_id: ids.comment(*c),
                        decision: decision(*d, 0, &themes, &ids),
                    },
                };
                store
                    .push_as_staff(staff_device.clone(), staff.clone(), vec![m])
                    .await
                    .expect("decision");
            }
            Op::PreModeration(on) => {
                let mode = if *on {
                    ModerationMode::Pre
                } else {
                    ModerationMode::Post
                };
                store
                    .set_moderation_mode(staff.clone(), mode)
                    .await
                    .expect("mode");
            }
            Op::VerifiedOnly(on) => store
                .set_verified_only(staff.clone(), *on)
                .await
                .expect("verified only"),
            Op::Redeem { who, code } => {
                // Used or invalid codes are refused; that is fine here.
                let _ = store
                    .redeem_code(caller(*who), codes[usize::from(*code)].clone())
                    .await;
            }
            Op::DeleteMe { who } => {
                // Unknown participants are refused or find nothing; fine too. Their device
                // (and its mutations, which might be replayed) goes with them.
                let _ = store.delete_me(caller(*who)).await;
                history.retain(|(sender, _)| sender != who);
            }
        }
        let report = store.check_tallies().await.expect("checks");
        assert!(
            report.drift.is_empty(),
            "after step {step} ({op:?}): {:?}",
            report.drift
        );
        // The results (answered from memory between changes) are never stale.
        let (overview, results) = super::reads::recounted(&own);
        // A device following the change feed shows the same tallies (switching verified-only
        // or verifying a participant touches what it changes).
        replica.catch_up(&store).await;
        replica.assert_shows(&own, &overview, &format!("after step {step} ({op:?})"));
        assert_eq!(
            store.results().await.expect("results"),
            results,
            "after step {step} ({op:?})"
        );
    }
    // The same check on a connection of its own (what `werkstadt admin check` sees).
    let conn = super::super::connection::open(&db).expect("opens");
    let report = drift(&conn).expect("recounts");
    assert!(report.drift.is_empty(), "{:?}", report.drift);
    assert!(report.checked > 0);
    // And the public answers are those the recounting reads gave: the overview, the results
    // (twice: computed, then from memory) and each theme's first page by support.
    let (overview, results) = super::reads::recounted(&conn);
    assert_eq!(store.process_overview().await.expect("overview"), overview);
    assert_eq!(store.results().await.expect("results"), results);
    assert_eq!(store.results().await.expect("results"), results);
    for t in &overview.themes {
        let page = store
            .ideas_page(t.id, Default::default())
            .await
            .expect("page");
        let top: Vec<_> = results
            .themes
            .iter()
            .find(|r| r.theme.id == t.id)
            .expect("theme")
            .top_ideas
            .clone();
        assert_eq!(page.total, t.idea_count);
        assert_eq!(
            page.ideas
                .iter()
                .take(top.len())
                .cloned()
                .collect::<Vec<_>>(),
            top
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn maintained_tallies_equal_a_recount(ops in proptest::collection::vec(op(), 1..40)) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(run(ops));
    }
}

//! Retention (`storage::retention`): compaction keeps what a fresh replica shows, tells cursors
//! behind the horizon to start over, and never applies a compacted mutation twice.

use proptest::prelude::*;
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome};
use werkstadt_domain::{ErrorCode, IdeaId, ParticipantId, ThemeId};
use werkstadt_server::storage::{now_ms, Caller, DemoSeed, Store, StoreError};

fn caller(n: u128) -> Caller {
    Caller {
        id: ParticipantId(uuid::Uuid::from_u128(n)),
        secret_hash: format!("{n:064x}"),
        kiosk: None,
    }
}

fn mutation(kind: MutationKind) -> Mutation {
    Mutation {
        id: MutationId(uuid::Uuid::now_v7()),
        kind,
    }
}

async fn seeded() -> (tempfile::TempDir, Store, Vec<ThemeId>, Vec<IdeaId>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("w.db")).await.expect("opens");
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let overview = store.process_overview().await.expect("overview");
    let themes: Vec<ThemeId> = overview.themes.iter().map(|t| t.id).collect();
    let mut ideas = Vec::new();
    for theme in &themes {
        let page = store
            .ideas_page(*theme, Default::default())
            .await
            .expect("ideas");
        ideas.extend(page.ideas.iter().map(|i| i.id));
    }
    (dir, store, themes, ideas)
}

/// Everything `who` may see, pulled from `cursor` on top of `replica`; the new cursor.
async fn pull_into(
    store: &Store,
    who: &Caller,
    mut cursor: u64,
    replica: &mut Replica,
) -> Result<u64, StoreError> {
    loop {
        let page = store.pull(who.clone(), cursor).await?;
        for change in page.changes {
            replica.apply(change);
        }
        cursor = page.cursor;
        if !page.has_more {
            return Ok(cursor);
        }
    }
}

async fn fresh(store: &Store, who: &Caller) -> Replica {
    let mut replica = Replica::default();
    pull_into(store, who, 0, &mut replica)
        .await
        .expect("a pull from 0 always works");
    replica
}

/// Compacts everything written so far: a first run records a feed mark, the second ages the
/// feed by it (as the daily runs do).
async fn compact_all(store: &Store) -> werkstadt_server::storage::retention::CompactReport {
    store.compact_before(0).await.expect("marks");
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    store.compact_before(now_ms()).await.expect("compacts")
}

#[derive(Clone, Debug)]
enum Op {
    Create {
        who: u8,
        theme: u8,
    },
    Support {
        who: u8,
        idea: u8,
        on: bool,
    },
    Dots {
        who: u8,
        theme: u8,
        points: u8,
    },
    Comment {
        who: u8,
        idea: u8,
    },
    /// Follow an idea or a field of action (a follow switched off is a private tombstone).
    Follow {
        who: u8,
        target: u8,
        on: bool,
    },
    /// A support through the REST API: a feed entry without a mutation record.
    RestSupport {
        who: u8,
        idea: u8,
        on: bool,
    },
    /// Remember this participant's replica and cursor, as a device that syncs now would.
    Sync {
        who: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3u8, 0..8u8).prop_map(|(who, theme)| Op::Create { who, theme }),
        (0..3u8, 0..12u8, any::<bool>()).prop_map(|(who, idea, on)| Op::Support { who, idea, on }),
        (0..3u8, 0..8u8, 0..4u8).prop_map(|(who, theme, points)| Op::Dots { who, theme, points }),
        (0..3u8, 0..12u8).prop_map(|(who, idea)| Op::Comment { who, idea }),
        (0..3u8, 0..12u8, any::<bool>()).prop_map(|(who, idea, on)| Op::RestSupport {
            who,
            idea,
            on
        }),
        (0..3u8, 0..16u8, any::<bool>()).prop_map(|(who, target, on)| Op::Follow {
            who,
            target,
            on
        }),
        (0..3u8).prop_map(|who| Op::Sync { who }),
    ]
}

/// Runs `ops`, compacts, and checks: a fresh pull shows what it showed before; a device whose
/// cursor is at or past the horizon gets the same state by pulling on; one behind it is told
/// to start over; replaying every mutation applies none of them again.
async fn check(ops: Vec<Op>) {
    let (_dir, store, themes, mut ideas) = seeded().await;
    let people: Vec<Caller> = (1..=3).map(caller).collect();
    let mut pushed: Vec<Vec<Mutation>> = vec![Vec::new(); 3];
    let mut devices: Vec<(usize, u64, Replica)> = Vec::new();
    for op in ops {
        let (who, kind) = match op {
            Op::Create { who, theme } => {
                let idea = IdeaId(uuid::Uuid::now_v7());
                ideas.push(idea);
                let theme_id = themes[usize::from(theme) % themes.len()];
                let kind = MutationKind::CreateIdea {
                    idea_id: idea,
                    theme_id,
                    title: format!("Idee Nummer {}", ideas.len()),
                    body: "Text".into(),
                };
                (who, kind)
            }
            Op::Support { who, idea, on } => (
                who,
                MutationKind::SetSupport {
                    idea_id: ideas[usize::from(idea) % ideas.len()],
                    supported: on,
                },
            ),
            Op::Dots { who, theme, points } => (
                who,
                MutationKind::SetDots {
                    allocations: (points > 0)
                        .then(|| DotEntry {
                            theme_id: themes[usize::from(theme) % themes.len()],
                            points,
                        })
                        .into_iter()
                        .collect(),
                },
            ),
            Op::Comment { who, idea } => (
                who,
                MutationKind::AddComment {
                    comment_id: werkstadt_domain::sync::CommentId(uuid::Uuid::now_v7()),
                    idea_id: ideas[usize::from(idea) % ideas.len()],
                    body: "Ein Kommentar".into(),
                },
            ),
            Op::Follow { who, target, on } => {
                use werkstadt_domain::sync::FollowTarget;
                let target = if target < 8 {
                    FollowTarget::Theme(themes[usize::from(target) % themes.len()])
                } else {
                    FollowTarget::Idea(ideas[usize::from(target) % ideas.len()])
                };
                (
                    who,
                    MutationKind::SetFollow {
                        target,
                        following: on,
                    },
                )
            }
            Op::RestSupport { who, idea, on } => {
                let idea = ideas[usize::from(idea) % ideas.len()];
                // Refused for an idea still waiting for moderation: fine, nothing happens.
                let _ = store
                    .set_support(people[usize::from(who)].clone(), idea, on)
                    .await;
                continue;
            }
            Op::Sync { who } => {
                let who = usize::from(who);
                let mut replica = Replica::default();
                let cursor = pull_into(&store, &people[who], 0, &mut replica)
                    .await
                    .expect("pulls");
                devices.push((who, cursor, replica));
                continue;
            }
        };
        let m = mutation(kind);
        let who = usize::from(who);
        store
            .push(people[who].clone(), vec![m.clone()])
            .await
            .expect("pushes");
        pushed[who].push(m);
    }
    let before: Vec<Replica> = fresh_all(&store, &people).await;
    // Devices that synced last, right now.
    for (who, p) in people.iter().enumerate() {
        let mut replica = Replica::default();
        let cursor = pull_into(&store, p, 0, &mut replica).await.expect("pulls");
        devices.push((who, cursor, replica));
    }

    let report = compact_all(&store).await;
    assert_eq!(
        fresh_all(&store, &people).await,
        before,
        "a fresh pull shows the same"
    );
    for (who, cursor, mut replica) in devices {
        match pull_into(&store, &people[who], cursor, &mut replica).await {
            Ok(_) => {
                assert!(cursor == 0 || cursor >= report.horizon_seq);
                assert_eq!(replica, before[who], "pulling on from cursor {cursor}");
            }
            Err(e) => {
                assert!(
                    cursor > 0 && cursor < report.horizon_seq,
                    "cursor {cursor}: {e}"
                );
                assert_eq!(e.rejection().map(|r| r.0), Some(ErrorCode::ResetRequired));
            }
        }
    }
    for (who, mutations) in pushed.into_iter().enumerate() {
        if mutations.is_empty() {
            continue;
        }
        let replay = store
            .push(people[who].clone(), mutations)
            .await
            .expect("replays");
        for r in replay.results {
            assert_ne!(r.outcome, Outcome::Applied, "replayed {:?}", r.id);
        }
    }
    assert_eq!(
        fresh_all(&store, &people).await,
        before,
        "replays changed nothing"
    );
}

async fn fresh_all(store: &Store, people: &[Caller]) -> Vec<Replica> {
    let mut out = Vec::new();
    for p in people {
        out.push(fresh(store, p).await);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn compaction_keeps_what_replicas_show_and_never_applies_a_replay(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(check(ops));
    }
}

/// Support on, then off, both compacted: replaying "on" is refused (`mutation_expired`)
/// instead of switching the support on again; a new mutation still applies, and a record of an
/// id without a date (UUIDv4) is kept, so its replay stays a duplicate.
#[tokio::test]
async fn a_replay_of_a_compacted_mutation_is_refused_not_applied_twice() {
    let (_dir, store, _themes, ideas) = seeded().await;
    let me = caller(7);
    let support = |on: bool| MutationKind::SetSupport {
        idea_id: ideas[0],
        supported: on,
    };
    let (on, off) = (mutation(support(true)), mutation(support(false)));
    let undated = Mutation {
        id: MutationId(uuid::Uuid::new_v4()),
        kind: support(false),
    };
    for m in [&on, &off, &undated] {
        store
            .push(me.clone(), vec![m.clone()])
            .await
            .expect("pushes");
    }
    let cursor_before = store.pull(me.clone(), 0).await.expect("pulls").cursor;
    let report = compact_all(&store).await;
    assert_eq!(report.mutations, 2, "{report:?}");
    assert!(
        report.feed_entries >= 1,
        "the support tombstone: {report:?}"
    );
    assert!(report.horizon_seq > 0 && report.horizon_seq <= cursor_before);

    let replay = store
        .push(me.clone(), vec![on.clone(), off.clone(), undated.clone()])
        .await
        .expect("replays");
    let codes: Vec<Outcome> = replay.results.into_iter().map(|r| r.outcome).collect();
    assert!(
        matches!(
            &codes[0],
            Outcome::Rejected {
                code: ErrorCode::MutationExpired,
                ..
            }
        ),
        "{codes:?}"
    );
    assert!(
        matches!(
            &codes[1],
            Outcome::Rejected {
                code: ErrorCode::MutationExpired,
                ..
            }
        ),
        "{codes:?}"
    );
    assert_eq!(codes[2], Outcome::Duplicate);
    assert!(!fresh(&store, &me).await.supports(ideas[0]), "still off");
    let detail = store.idea(ideas[0]).await.expect("idea");
    assert_eq!(detail.support_count, 0);

    // An old cursor starts over; the head and 0 do not.
    let err = store
        .pull(me.clone(), report.horizon_seq - 1)
        .await
        .expect_err("behind the horizon");
    assert!(matches!(err, StoreError::CursorCompacted), "{err}");
    store
        .pull(me.clone(), cursor_before)
        .await
        .expect("at the head");

    let again = mutation(support(true));
    let res = store.push(me.clone(), vec![again]).await.expect("pushes");
    assert_eq!(res.results[0].outcome, Outcome::Applied);
    assert!(fresh(&store, &me).await.supports(ideas[0]));
}

/// 0 days keeps everything; a fresh database compacts nothing and keeps its horizon at 0.
#[tokio::test]
async fn retention_zero_keeps_everything() {
    let (_dir, store, _themes, ideas) = seeded().await;
    let me = caller(9);
    let m = mutation(MutationKind::SetSupport {
        idea_id: ideas[1],
        supported: false,
    });
    store
        .push(me.clone(), vec![m.clone()])
        .await
        .expect("pushes");
    let report = store.compact(0).await.expect("no-op");
    assert_eq!(
        (report.mutations, report.horizon_seq, report.horizon_ms),
        (0, 0, 0)
    );
    let report = store.compact(180).await.expect("nothing that old");
    assert_eq!(
        (report.mutations, report.feed_entries, report.horizon_seq),
        (0, 0, 0)
    );
    let res = store.push(me, vec![m]).await.expect("replays");
    assert_eq!(res.results[0].outcome, Outcome::Duplicate);
}

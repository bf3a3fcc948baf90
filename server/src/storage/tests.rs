use super::*;
use werkstadt_domain::dots::DotEntry;

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("nested/w.db"))
        .await
        .expect("opens");
    (dir, store)
}

fn caller(n: u128) -> Caller {
    Caller {
        id: ParticipantId(uuid::Uuid::from_u128(n)),
        secret_hash: format!("{n:064x}"),
        kiosk: None,
    }
}

/// Each migration applies on top of the previous ones, and migrating twice changes nothing.
#[test]
fn migrations_apply_one_by_one_and_are_idempotent() {
    let mut conn = Connection::open_in_memory().expect("memory db");
    for v in 1..=MIGRATIONS.len() {
        connection::migrate_to(&mut conn, v).expect("applies");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(usize::try_from(version), Ok(v));
    }
    connection::migrate(&mut conn).expect("second run is a no-op");
}

/// Two processes opening one new database at the same moment (a server starting beside
/// `werkstadt admin create-user`): both succeed, the schema is applied once. 50 rounds.
#[test]
fn two_connections_migrating_one_new_database_at_once_both_succeed() {
    let dir = tempfile::tempdir().expect("temp dir");
    for round in 0..50 {
        let path = dir.path().join(format!("{round}.db"));
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    let mut conn = connection::open(&path)?;
                    connection::migrate(&mut conn)
                })
            })
            .collect();
        for w in workers {
            w.join()
                .expect("no panic")
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let conn = connection::open(&path).expect("opens");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(usize::try_from(version), Ok(MIGRATIONS.len()));
    }
}

/// A database written by a newer release is refused and left as it is.
#[test]
fn a_database_from_a_newer_release_is_refused() {
    let mut conn = Connection::open_in_memory().expect("memory db");
    connection::migrate(&mut conn).expect("migrates");
    let newer = MIGRATIONS.len() + 1;
    conn.pragma_update(None, "user_version", newer as i64)
        .expect("sets");
    let err = connection::migrate(&mut conn).expect_err("refused");
    assert!(
        matches!(err, StoreError::SchemaTooNew { found, .. } if found == newer),
        "{err}"
    );
}

/// The schema after all migrations equals the reviewed snapshot in `schema.sql`.
/// When a migration is added, update the snapshot and review the diff.
#[test]
fn schema_after_migrations_equals_the_expected_schema() {
    let mut conn = Connection::open_in_memory().expect("memory db");
    connection::migrate(&mut conn).expect("migrates");
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type DESC, name")
        .expect("prepares");
    let actual: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("queries")
        .map(|r| r.expect("row"))
        .collect();
    let actual = actual.join(";\n\n") + ";\n";
    if std::env::var_os("UPDATE_SCHEMA_SNAPSHOT").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/storage/schema.sql");
        std::fs::write(path, &actual).expect("writes snapshot");
    }
    let expected = include_str!("schema.sql");
    assert_eq!(
        actual, expected,
        "schema drifted from src/storage/schema.sql"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 24);
}

#[tokio::test]
async fn open_sets_the_pragmas_and_creates_the_folder() {
    let (dir, store) = store().await;
    assert!(dir.path().join("nested/w.db").exists());
    let conn = connection::open(&dir.path().join("nested/w.db")).expect("opens");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("fk");
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert!(store.is_empty().await.expect("reads"));
}

#[tokio::test]
async fn a_refused_write_registers_nobody() {
    let (_dir, store) = store().await;
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let unknown = ThemeId(uuid::Uuid::from_u128(99));
    let ballot = vec![DotEntry {
        theme_id: unknown,
        points: 2,
    }];
    let err = store
        .set_dots(caller(7), ballot)
        .await
        .expect_err("unknown theme");
    assert!(matches!(err, StoreError::UnknownTheme));
    // The same id may now register with any secret: nothing was written before.
    let other = Caller {
        secret_hash: format!("{:064x}", 1234),
        ..caller(7)
    };
    store
        .set_dots(other, Vec::new())
        .await
        .expect("registers now");
}

/// The same mutation twice in one batch (a client retrying inside one push) counts once.
#[tokio::test]
async fn a_mutation_repeated_within_one_batch_is_applied_once() {
    use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome};
    let (_dir, store) = store().await;
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let theme = store.process_overview().await.expect("overview").themes[0].id;
    let m = Mutation {
        id: MutationId(uuid::Uuid::now_v7()),
        kind: MutationKind::CreateIdea {
            idea_id: IdeaId(uuid::Uuid::now_v7()),
            theme_id: theme,
            title: "Zweimal im selben Paket".into(),
            body: "Einmal zählen.".into(),
        },
    };
    let before = store.process_overview().await.expect("overview").themes[0].idea_count;
    let res = store
        .push(caller(5), vec![m.clone(), m.clone(), m])
        .await
        .expect("push");
    let outcomes: Vec<Outcome> = res.results.into_iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        vec![Outcome::Applied, Outcome::Duplicate, Outcome::Duplicate]
    );
    let after = store.process_overview().await.expect("overview").themes[0].idea_count;
    assert_eq!(after, before + 1);
}

mod against_the_model {
    //! The SQLite server gives the same results and ends in the same state as the domain's
    //! reference model, for random batches from several participants, including replays.

    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use werkstadt_domain::dots::DotEntry;
    use werkstadt_domain::sync::{CommentId, Mutation, MutationId, MutationKind, Outcome};
    use werkstadt_domain::sync_model::{IdeaState, Server, State};

    fn small_seed() -> DemoSeed {
        DemoSeed {
            process_title: "Test".into(),
            process_description: "Test".into(),
            themes: ["A", "B", "C"]
                .iter()
                .map(|t| seed::SeedTheme {
                    title: (*t).into(),
                    description: String::new(),
                    ideas: vec![],
                })
                .collect(),
            project: None,
        }
    }

    fn kind(themes: &[ThemeId]) -> impl Strategy<Value = MutationKind> {
        let t = themes.to_vec();
        let t2 = themes.to_vec();
        let t3 = themes.to_vec();
        let idea = |n: u8| IdeaId(uuid::Uuid::from_u128(500 + u128::from(n)));
        prop_oneof![
            (
                0u8..5,
                0usize..3,
                prop_oneof![Just("Gute Idee"), Just("kurz"), Just("Andere Idee")]
            )
                .prop_map(move |(i, th, title)| MutationKind::CreateIdea {
                    idea_id: idea(i),
                    theme_id: t[th],
                    title: title.into(),
                    body: "Text".into()
                }),
            (0u8..5, any::<bool>()).prop_map(move |(i, s)| MutationKind::SetSupport {
                idea_id: idea(i),
                supported: s
            }),
            proptest::collection::vec((0usize..3, 0u8..4), 0..3).prop_map(move |v| {
                MutationKind::SetDots {
                    allocations: v
                        .into_iter()
                        .map(|(th, p)| DotEntry {
                            theme_id: t2[th],
                            points: p,
                        })
                        .collect(),
                }
            }),
            (0u8..5, 0u8..3).prop_map(move |(i, c)| MutationKind::AddComment {
                comment_id: CommentId(uuid::Uuid::from_u128(600 + u128::from(c))),
                idea_id: idea(i),
                body: "Ja".into()
            }),
            (0u8..5).prop_map(move |i| MutationKind::EditIdea {
                idea_id: idea(i),
                title: "Neue Fassung".into(),
                body: "Mehr Text".into()
            }),
            // Follows of ideas (one's own are followed from the start) and of fields of
            // action, the fourth unknown.
            (0u8..5, 0usize..4, any::<bool>(), any::<bool>()).prop_map(
                move |(i, th, on_theme, following)| MutationKind::SetFollow {
                    target: if on_theme {
                        werkstadt_domain::sync::FollowTarget::Theme(
                            t3.get(th)
                                .copied()
                                .unwrap_or(ThemeId(uuid::Uuid::from_u128(7))),
                        )
                    } else {
                        werkstadt_domain::sync::FollowTarget::Idea(idea(i))
                    },
                    following,
                }
            ),
        ]
    }

    fn read_state(db: &std::path::Path, themes: &[ThemeId]) -> State {
        let conn = connection::open(db).expect("opens");
        let mut state = State::with_themes(themes.iter().copied());
        let mut s = conn
            .prepare("SELECT id, author_id, theme_id, title, body FROM idea")
            .expect("q");
        for r in s
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })
            .expect("q")
        {
            let (id, a, t, title, body) = r.expect("row");
            state.ideas.insert(
                id.parse().expect("id"),
                IdeaState {
                    author: a.parse().expect("id"),
                    theme: t.parse().expect("id"),
                    title,
                    body,
                },
            );
        }
        let mut s = conn
            .prepare("SELECT participant_id, idea_id FROM support")
            .expect("q");
        for r in s
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect("q")
        {
            let (p, i) = r.expect("row");
            state
                .supports
                .apply(p.parse().expect("id"), i.parse().expect("id"), true);
        }
        let mut s = conn
            .prepare("SELECT participant_id, theme_id, points FROM dot_vote")
            .expect("q");
        let mut dots: std::collections::BTreeMap<ParticipantId, Vec<DotEntry>> = Default::default();
        for r in s
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .expect("q")
        {
            let (p, t, n) = r.expect("row");
            dots.entry(p.parse().expect("id"))
                .or_default()
                .push(DotEntry {
                    theme_id: t.parse().expect("id"),
                    points: u8::try_from(n).expect("points"),
                });
        }
        for (p, entries) in dots {
            state.dots.insert(
                p,
                werkstadt_domain::DotBallot::parse(&entries, werkstadt_domain::DOT_BUDGET)
                    .expect("stored ballots are valid"),
            );
        }
        let mut s = conn
            .prepare("SELECT id, author_id, idea_id, body FROM comment")
            .expect("q");
        for r in s
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                ))
            })
            .expect("q")
        {
            let (id, a, i, body) = r.expect("row");
            state.comments.insert(
                CommentId(id.parse().expect("id")),
                (a.parse().expect("id"), i.parse().expect("id"), body),
            );
        }
        let mut s = conn
            .prepare("SELECT participant_id, target_kind || ':' || target_id FROM follow")
            .expect("q");
        for r in s
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .expect("q")
        {
            let (p, entity) = r.expect("row");
            let target = follows::target_of(&entity).expect("a known target");
            state.follows.insert((p.parse().expect("id"), target));
        }
        state
    }

    fn strip_messages(o: &Outcome) -> Outcome {
        match o {
            Outcome::Rejected { code, .. } => Outcome::Rejected {
                code: *code,
                message: String::new(),
            },
            other => other.clone(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        #[test]
        fn sqlite_agrees_with_the_reference_model(
            batches in proptest::collection::vec((0u128..3, proptest::collection::vec(0usize..1000, 1..8), any::<bool>()), 1..12),
        ) {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                let dir = tempfile::tempdir().expect("dir");
                let db = dir.path().join("m.db");
                let store = Store::open(&db).await.expect("opens");
                store.seed(small_seed()).await.expect("seeds");
                let themes: Vec<ThemeId> = store.process_overview().await.expect("o").themes.iter().map(|t| t.id).collect();
                let mut model = Server::new(State::with_themes(themes.iter().copied()));
                // Draw mutation kinds deterministically from the random numbers.
                let mut runner = proptest::test_runner::TestRunner::deterministic();
                let strategy = kind(&themes);
                let mut history: Vec<Mutation> = Vec::new();
                let mut next = 0u128;
                for (who_n, picks, replay) in &batches {
                    let caller = super::caller(*who_n + 1);
                    let mut batch = Vec::new();
                    for &pick in picks {
                        if *replay && !history.is_empty() && pick % 2 == 0 {
                            batch.push(history[pick % history.len()].clone());
                        } else {
                            next += 1;
                            let k = strategy.new_tree(&mut runner).expect("tree").current();
                            let m = Mutation { id: MutationId(uuid::Uuid::from_u128(next)), kind: k };
                            history.push(m.clone());
                            batch.push(m);
                        }
                    }
                    let got = store.push(caller.clone(), batch.clone()).await.expect("push");
                    let want = model.push(caller.id, &batch);
                    let got: Vec<Outcome> = got.results.iter().map(|r| strip_messages(&r.outcome)).collect();
                    let want: Vec<Outcome> = want.iter().map(|r| r.outcome.clone()).collect();
                    assert_eq!(got, want, "results of batch {batch:?}");
                }
                assert_eq!(read_state(&db, &themes), model.state);
            });
        }
    }
}

/// A database written by schema version 1 upgrades to the same schema as a fresh one, and its
/// existing rows enter the change feed, so clients that sync later see them.
#[test]
fn upgrading_a_version_1_database_equals_a_fresh_one_and_fills_the_feed() {
    let schema = |conn: &Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type DESC, name")
            .expect("prepares");
        stmt.query_map([], |r| r.get::<_, String>(0))
            .expect("q")
            .map(|r| r.expect("row"))
            .collect()
    };
    let mut old = Connection::open_in_memory().expect("db");
    connection::migrate_to(&mut old, 1).expect("version 1");
    old.execute_batch(
        "INSERT INTO process VALUES ('00000000-0000-7000-8000-000000000001', 'P', 'D', 5, 1);
         INSERT INTO theme VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'T', 'D', 0);
         INSERT INTO participant (id, secret_hash, created_at) VALUES ('00000000-0000-7000-8000-000000000003', 'h', 1);
         INSERT INTO idea VALUES ('00000000-0000-7000-8000-000000000004', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000003', 'Titel', 'Text', 2);
         INSERT INTO support VALUES ('00000000-0000-7000-8000-000000000004', '00000000-0000-7000-8000-000000000003', 3);",
    )
    .expect("old data");
    connection::migrate(&mut old).expect("upgrades");
    let mut fresh = Connection::open_in_memory().expect("db");
    connection::migrate(&mut fresh).expect("migrates");
    assert_eq!(schema(&old), schema(&fresh));
    let kinds: Vec<String> = old
        .prepare("SELECT kind FROM change_log ORDER BY seq")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(kinds, vec!["process", "theme", "idea", "support"]);
}

/// Not even a bug in our own code can rewrite history: UPDATE and DELETE on the audit log fail.
#[tokio::test]
async fn the_audit_log_is_append_only() {
    use werkstadt_domain::staff::{Role, Username};
    let (dir, store) = store().await;
    let name = Username::parse("leitung").expect("valid");
    store
        .create_staff(name, "$argon2id$stub".into(), Role::Admin, None)
        .await
        .expect("creates");
    let conn = connection::open(&dir.path().join("nested/w.db")).expect("opens");
    let update = conn.execute("UPDATE audit_log SET action = 'nichts'", []);
    assert!(update.is_err(), "{update:?}");
    let delete = conn.execute("DELETE FROM audit_log", []);
    assert!(delete.is_err(), "{delete:?}");
    let log = store.audit_log().await.expect("reads");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "staff.create");
}

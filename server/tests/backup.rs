//! Backup and restore on the storage level (`storage::backup`, `storage::restore`); the real
//! binary's `admin backup` / `admin restore` are tested in `tests/tests/backup.rs`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome};
use werkstadt_domain::{IdeaId, ParticipantId, ThemeId};
use werkstadt_server::storage::{backup, restore, Caller, DemoSeed, Store, StoreError, MIGRATIONS};

fn caller(n: u128) -> Caller {
    Caller {
        id: ParticipantId(uuid::Uuid::from_u128(n)),
        secret_hash: format!("{n:064x}"),
        kiosk: None,
    }
}

fn new_ideas(theme: ThemeId, n: usize, tag: &str) -> (Vec<IdeaId>, Vec<Mutation>) {
    (0..n)
        .map(|i| {
            let idea = IdeaId(uuid::Uuid::now_v7());
            let m = Mutation {
                id: MutationId(uuid::Uuid::now_v7()),
                kind: MutationKind::CreateIdea {
                    idea_id: idea,
                    theme_id: theme,
                    title: format!("Idee {tag} {i:05}"),
                    body: "Ein Vorschlag mit etwas Text, damit die Datenbank wächst.".into(),
                },
            };
            (idea, m)
        })
        .unzip()
}

async fn seeded(dir: &std::path::Path) -> (Store, ThemeId) {
    let store = Store::open(&dir.join("w.db")).await.expect("opens");
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let theme = store.process_overview().await.expect("overview").themes[0].id;
    (store, theme)
}

fn conn(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("opens")
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    conn(path).query_row(sql, [], |r| r.get(0)).expect("counts")
}

/// A backup taken while another task keeps writing: it passes the integrity check, is a
/// self-contained file (no WAL), holds every idea committed before it started, and is one
/// consistent snapshot (each idea with its mutation record, the feed's head matching).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_writes_is_consistent_and_complete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, theme) = seeded(dir.path()).await;
    let me = caller(1);
    for batch in 0..8 {
        let (_, ms) = new_ideas(theme, 1000, &format!("vorher {batch}"));
        store.push(me.clone(), ms).await.expect("pushes");
    }
    let committed: Arc<Mutex<Vec<IdeaId>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, committed, stop, me) =
            (store.clone(), committed.clone(), stop.clone(), me.clone());
        tokio::spawn(async move {
            let mut batches = 0;
            while !stop.load(Ordering::SeqCst) {
                let (ids, ms) = new_ideas(theme, 20, "während");
                store.push(me.clone(), ms).await.expect("pushes");
                committed.lock().expect("lock").extend(ids);
                batches += 1;
            }
            batches
        })
    };
    while committed.lock().expect("lock").len() < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    let before: Vec<IdeaId> = committed.lock().expect("lock").clone();
    let dest = dir.path().join("sicherung/w-backup.db");
    let report = backup::backup(dir.path().join("w.db"), dest.clone())
        .await
        .expect("backs up");
    stop.store(true, Ordering::SeqCst);
    let batches = writer.await.expect("writer");
    eprintln!(
        "backup: {} bytes, head {}, {} ideas in {:?}; the writer committed {batches} batches meanwhile",
        report.bytes, report.info.head, report.info.ideas, report.elapsed
    );

    assert!(dest.is_file());
    assert!(!dir.path().join("sicherung/w-backup.db-wal").exists());
    let backup_conn = conn(&dest);
    let check: String = backup_conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks");
    assert_eq!(check, "ok");
    let mode: String = backup_conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete");
    let ids = serde_json::to_string(&before.iter().map(|i| i.0.to_string()).collect::<Vec<_>>())
        .expect("json");
    let found: i64 = backup_conn
        .query_row(
            "SELECT count(*) FROM idea WHERE id IN (SELECT value FROM json_each(?1))",
            [ids],
            |r| r.get(0),
        )
        .expect("counts");
    assert_eq!(
        found as usize,
        before.len(),
        "every idea committed before the backup"
    );
    let pushed_ideas = count(&dest, "SELECT count(*) FROM idea WHERE title LIKE 'Idee %'");
    let records = count(&dest, "SELECT count(*) FROM mutation");
    assert_eq!(
        pushed_ideas, records,
        "effects and their records are one snapshot"
    );
    assert_eq!(
        count(&dest, "SELECT count(*) FROM idea") as u64,
        report.info.ideas
    );
    let head = count(&dest, "SELECT max(seq) FROM change_log");
    assert_eq!(head as u64, report.info.head);
}

/// Restoring gives a new instance id (apps start over) and keeps what the backup recorded:
/// a mutation applied before the backup answers `duplicate`, one made after it applies again.
#[tokio::test]
async fn a_restored_database_has_a_new_instance_and_answers_old_mutations_as_duplicates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, theme) = seeded(dir.path()).await;
    let me = caller(2);
    let (ideas, before) = new_ideas(theme, 3, "vorher");
    store
        .push(me.clone(), before.clone())
        .await
        .expect("pushes");
    let instance = store.pull(me.clone(), 0).await.expect("pulls").instance;
    let dest = dir.path().join("b.db");
    use std::os::unix::fs::PermissionsExt;
    let private = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(dir.path().join("w.db"), private).expect("chmod");
    backup::backup(dir.path().join("w.db"), dest.clone())
        .await
        .expect("backs up");
    let mode = std::fs::metadata(&dest).expect("stat").permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "the backup is as private as the database"
    );
    let (_, after) = new_ideas(theme, 1, "nachher");
    store.push(me.clone(), after.clone()).await.expect("pushes");
    drop(store);

    let target = dir.path().join("neu/w.db");
    let report = restore::restore(dest, target.clone())
        .await
        .expect("restores");
    assert_eq!(report.restored.schema_version, MIGRATIONS.len());
    assert_ne!(report.restored.instance.as_deref(), Some(instance.as_str()));
    let restored = Store::open(&target).await.expect("opens");
    let page = restored.pull(me.clone(), 0).await.expect("pulls");
    assert_ne!(page.instance, instance, "a new instance: apps start over");
    assert_eq!(Some(page.instance), report.restored.instance);
    restored.idea(ideas[0]).await.expect("the idea is there");
    let res = restored
        .push(me.clone(), [before, after].concat())
        .await
        .expect("replays");
    let outcomes: Vec<Outcome> = res.results.into_iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Duplicate,
            Outcome::Duplicate,
            Outcome::Duplicate,
            Outcome::Applied
        ]
    );
}

/// Restore refuses while the target is open, both by a werkstadt process (the lock file) and
/// by any other SQLite connection (an older server): nothing is changed.
#[tokio::test]
async fn restore_refuses_a_database_in_use_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = seeded(dir.path()).await;
    let db = dir.path().join("w.db");
    let dest = dir.path().join("b.db");
    backup::backup(db.clone(), dest.clone())
        .await
        .expect("backs up");
    let err = restore::restore(dest.clone(), db.clone())
        .await
        .expect_err("the store has it open");
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    assert!(err.to_string().contains("stop it"), "{err}");
    drop(store);

    // Not werkstadt, no lock file: SQLite itself knows the database is open.
    let other = conn(&db);
    other
        .query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))
        .expect("reads");
    other
        .query_row("SELECT count(*) FROM idea", [], |r| r.get::<_, i64>(0))
        .expect("reads");
    let bytes = std::fs::read(&db).expect("reads");
    let err = restore::restore(dest.clone(), db.clone())
        .await
        .expect_err("another connection has it open");
    assert!(matches!(err, StoreError::InUse(_)), "{err}");
    assert_eq!(std::fs::read(&db).expect("reads"), bytes, "untouched");
    drop(other);
    restore::restore(dest, db)
        .await
        .expect("restores once it is free");
}

/// Not a werkstadt database, or one of a newer release: refused, the target untouched.
#[tokio::test]
async fn restore_refuses_what_is_not_a_werkstadt_database_of_a_known_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("w.db");
    std::fs::write(&target, b"stays").expect("writes");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "kein SQLite ".repeat(500)).expect("writes");
    let err = restore::restore(text, target.clone())
        .await
        .expect_err("text");
    assert!(matches!(err, StoreError::NotWerkstadt(_)), "{err}");

    let other = dir.path().join("other.db");
    conn(&other)
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("creates");
    let err = restore::restore(other, target.clone())
        .await
        .expect_err("other");
    assert!(matches!(err, StoreError::NotWerkstadt(_)), "{err}");

    let newer = dir.path().join("newer.db");
    {
        let c = conn(&newer);
        for sql in MIGRATIONS {
            c.execute_batch(sql).expect("migrates");
        }
        c.pragma_update(None, "user_version", MIGRATIONS.len() as i64 + 1)
            .expect("sets");
    }
    let err = restore::restore(newer, target.clone())
        .await
        .expect_err("newer");
    assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err}");
    assert_eq!(std::fs::read(&target).expect("reads"), b"stays");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("lists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A backup of an older schema is migrated when restored; a stale WAL of another database
/// left beside the target is removed, not replayed into the restored file.
#[tokio::test]
async fn an_older_backup_is_migrated_and_a_stale_wal_is_not_replayed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("v5.db");
    {
        let c = conn(&old);
        for sql in &MIGRATIONS[..5] {
            c.execute_batch(sql).expect("migrates");
        }
        c.pragma_update(None, "user_version", 5).expect("sets");
    }
    let target = dir.path().join("w.db");
    // Another database's WAL, still full of frames, under the target's name.
    let elsewhere = dir.path().join("x.db");
    let x = conn(&elsewhere);
    x.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE junk (x); INSERT INTO junk VALUES (randomblob(5000));",
    )
    .expect("writes");
    let mut wal = target.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::copy(dir.path().join("x.db-wal"), &wal).expect("copies the WAL");

    let report = restore::restore(old, target.clone())
        .await
        .expect("restores");
    assert_eq!(report.backup.schema_version, 5);
    assert_eq!(report.restored.schema_version, MIGRATIONS.len());
    assert!(!std::path::Path::new(&wal).exists());
    let store = Store::open(&target).await.expect("opens");
    assert!(
        store.is_empty().await.expect("reads"),
        "the backup's content only"
    );
    let junk = count(
        &target,
        "SELECT count(*) FROM sqlite_schema WHERE name = 'junk'",
    );
    assert_eq!(junk, 0);
    let check: String = conn(&target)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checks");
    assert_eq!(check, "ok");
}

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
    }
}

#[test]
fn migrations_validate() {
    MIGRATIONS.validate().expect("migrations are valid");
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
    assert_eq!(version, 1);
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
    let ballot = DotBallot::parse(&[DotEntry {
        theme_id: unknown,
        points: 2,
    }])
    .expect("valid");
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
        .set_dots(other, DotBallot::default())
        .await
        .expect("registers now");
}

//! Opening connections (pragmas) and the embedded migrations.

use super::StoreError;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;
use std::time::{Duration, Instant};

/// Every schema version, oldest first; version N is reached by applying the first N entries.
/// Released entries are never edited. The version lives in SQLite's `PRAGMA user_version`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_sync.sql"),
    include_str!("migrations/0003_instance.sql"),
    include_str!("migrations/0004_staff.sql"),
    include_str!("migrations/0005_moderation.sql"),
    include_str!("migrations/0006_search.sql"),
    include_str!("migrations/0007_codes.sql"),
    include_str!("migrations/0008_reports.sql"),
    include_str!("migrations/0009_comment_moderation.sql"),
    include_str!("migrations/0010_search_words.sql"),
    include_str!("migrations/0011_anonymous_audit.sql"),
    include_str!("migrations/0012_retention.sql"),
    include_str!("migrations/0013_tallies.sql"),
    include_str!("migrations/0014_process_setup.sql"),
    include_str!("migrations/0015_staff_lifecycle.sql"),
    include_str!("migrations/0016_verified_tallies.sql"),
    include_str!("migrations/0017_projects.sql"),
    include_str!("migrations/0018_idea_decisions.sql"),
    include_str!("migrations/0019_process_licence.sql"),
    include_str!("migrations/0020_matrix.sql"),
    include_str!("migrations/0021_workshops.sql"),
    include_str!("migrations/0022_kiosk.sql"),
    include_str!("migrations/0023_dot_vote_dates.sql"),
    include_str!("migrations/0024_kiosk_follows_workshop.sql"),
];

/// Opens a connection with the pragmas werkstadt relies on: WAL (readers beside the writer),
/// foreign keys enforced, a busy timeout instead of immediate "database is locked", and
/// `synchronous=FULL` so an acknowledged write survives a crash.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    use_wal(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Savepoints (one per pushed mutation) keep their journals in memory, not in temp files.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -16_000)?;
    // A push runs some 20 different statements per mutation; rusqlite's default cache of 16
    // would re-prepare them again and again.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// How long a connection waits for another one's lock before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Switches a database to WAL. On a new file another process may be switching it at the same
/// moment; SQLite then answers "database is locked" at once, without waiting for the busy
/// timeout, so this retries for as long as the busy timeout would have waited.
fn use_wal(conn: &Connection) -> Result<(), StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            // An in-memory database (tests) has no WAL.
            Ok(mode) if mode.eq_ignore_ascii_case("memory") => return Ok(()),
            Ok(mode) => {
                return Err(StoreError::Io(format!(
                    "the database stays in journal mode {mode}, not WAL"
                )))
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Migrates to the latest schema version.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, MIGRATIONS.len())
}

/// Migrates up to `target` in one transaction that takes the write lock *before* it reads the
/// schema version: a second process (a `werkstadt admin` command beside a starting server)
/// waits for the first one and then finds the schema already there, instead of applying the
/// same migration twice. (rusqlite_migration reads the version outside its transaction, which
/// is exactly that race.) A database from a newer release is refused, never touched.
pub fn migrate_to(conn: &mut Connection, target: usize) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        return Err(StoreError::SchemaTooNew {
            found: current,
            known: MIGRATIONS.len(),
        });
    }
    if current >= target {
        return Ok(());
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().take(target).skip(current) {
        tx.execute_batch(sql)?;
        tracing::info!(version = version + 1, "database schema migrated");
    }
    tx.pragma_update(None, "user_version", target as i64)?;
    tx.commit()?;
    Ok(())
}

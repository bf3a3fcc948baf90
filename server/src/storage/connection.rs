//! Opening connections (pragmas) and the embedded migrations.

use super::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

/// Every schema version, oldest first. Released entries are never edited.
pub static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_initial.sql")),
        M::up(include_str!("migrations/0002_sync.sql")),
        M::up(include_str!("migrations/0003_instance.sql")),
        M::up(include_str!("migrations/0004_staff.sql")),
        M::up(include_str!("migrations/0005_moderation.sql")),
        M::up(include_str!("migrations/0006_search.sql")),
        M::up(include_str!("migrations/0007_codes.sql")),
        M::up(include_str!("migrations/0008_reports.sql")),
        M::up(include_str!("migrations/0009_comment_moderation.sql")),
    ])
});

/// Opens a connection with the pragmas werkstadt relies on: WAL (readers beside the writer),
/// foreign keys enforced, a busy timeout instead of immediate "database is locked", and
/// `synchronous=FULL` so an acknowledged write survives a crash.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
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

pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

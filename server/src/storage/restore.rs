//! Restoring a backup (`werkstadt admin restore`) into the database of a stopped server.
//!
//! 1. The lock file ([`super::lock`]) is taken exclusively: refused at once while a werkstadt
//!    server or command has the database open; a server started meanwhile waits.
//! 2. The backup is copied (online backup API, so a backup that still has its own WAL is read
//!    whole) into a temporary file next to the target and checked there: a werkstadt database
//!    of a schema version this release knows, passing `PRAGMA integrity_check`. An older
//!    schema is migrated. The copy gets a **new instance id**, so every app's replica starts
//!    over from cursor 0 and keeps its outbox: pending mutations are pushed again, the ones
//!    the backup had recorded answer `duplicate`, the others apply.
//! 3. Only then is the target touched. Switching it out of WAL mode needs it to itself, so this
//!    also refuses while any other process (an older server, the sqlite3 shell) has it open;
//!    it checkpoints the target's WAL and removes it. Leftover `-wal`, `-shm` and `-journal`
//!    files are deleted (a stale WAL would be replayed into the restored file), and the copy
//!    is renamed over the target.

use super::backup::{
    copy, copy_permissions, create_parent, inspect, remove_journals, remove_with_journals, replace,
    same_file, seal, sibling, DbInfo,
};
use super::connection;
use super::lock::DbLock;
use super::StoreError;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct RestoreReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// The backup as it was (its schema version, head, instance).
    pub backup: DbInfo,
    /// The restored database (migrated, with its new instance id).
    pub restored: DbInfo,
}

/// Replaces the database `db` (which no process may have open) with the backup at `backup`.
pub async fn restore(backup: PathBuf, db: PathBuf) -> Result<RestoreReport, StoreError> {
    tokio::task::spawn_blocking(move || restore_blocking(&backup, &db)).await?
}

fn restore_blocking(backup: &Path, db: &Path) -> Result<RestoreReport, StoreError> {
    if !backup.is_file() {
        return Err(StoreError::Backup(format!(
            "there is no backup at {}",
            backup.display()
        )));
    }
    if same_file(backup, db) {
        return Err(StoreError::Backup(format!(
            "{} is the database itself",
            backup.display()
        )));
    }
    create_parent(db)?;
    let _lock = DbLock::exclusive(db)?;
    let tmp = sibling(db, "restoring");
    remove_with_journals(&tmp)?;
    let result = prepare(backup, &tmp).and_then(|(from, restored)| {
        if db.exists() {
            copy_permissions(db, &tmp)?;
        }
        take_over(db)?;
        replace(&tmp, db)?;
        Ok(RestoreReport {
            path: db.to_owned(),
            bytes: std::fs::metadata(db).map(|m| m.len()).unwrap_or(0),
            backup: from,
            restored,
        })
    });
    if result.is_err() {
        let _ = remove_with_journals(&tmp);
    }
    result
}

/// The checked, migrated copy of the backup with a new instance id, at `tmp`.
fn prepare(backup: &Path, tmp: &Path) -> Result<(DbInfo, DbInfo), StoreError> {
    let src = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let from = inspect(&src, backup)?;
    let mut dst = Connection::open(tmp)?;
    copy(&src, &mut dst, -1)?;
    drop(src);
    seal(&dst, backup)?;
    dst.busy_timeout(Duration::from_secs(5))?;
    dst.pragma_update(None, "foreign_keys", "ON")?;
    connection::migrate(&mut dst)?;
    if from.instance.is_some() {
        // Schema version 3 gave the database its first instance id; a migrated older backup
        // has a fresh one already.
        dst.execute("UPDATE instance SET id = lower(hex(randomblob(16)))", [])?;
    }
    let restored = inspect(&dst, tmp)?;
    dst.close().map_err(|(_, e)| e)?;
    Ok((from, restored))
}

/// Makes sure no process has the target open and removes its journals.
fn take_over(db: &Path) -> Result<(), StoreError> {
    if db.exists() {
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::ZERO)?;
        let switched =
            conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0));
        match switched {
            Ok(_) => {}
            Err(e) if is_busy(&e) => {
                return Err(StoreError::InUse(format!(
                    "{} is open in another process (a werkstadt server of an older release, the \
                     sqlite3 shell, …): stop it before restoring; nothing was changed",
                    db.display()
                )))
            }
            // A damaged file (perhaps why it is being restored): nobody can be using it as a
            // database, and the lock file says no werkstadt process has it open.
            Err(e) if is_damaged(&e) => {
                tracing::warn!(%e, "replacing a damaged database file");
            }
            Err(e) => return Err(e.into()),
        }
        conn.close().map_err(|(_, e)| e)?;
    }
    remove_journals(db)
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn is_damaged(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

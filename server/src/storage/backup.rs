//! Online backup (`werkstadt admin backup`): a consistent copy of the database while the server
//! runs, with SQLite's online backup API. Restoring one is in `restore.rs`.
//!
//! The copy is one snapshot: the source connection holds a read transaction for the whole
//! backup, so every step copies pages of the same database state and the backup never restarts
//! because the server wrote in between. In WAL mode a reader never blocks the server's writers
//! (they append to the WAL; only checkpoints wait for the backup); stepping a few hundred pages
//! at a time with a short pause keeps the disk shared. The copy is written to a temporary file
//! next to the target, switched to a self-contained rollback journal (no `-wal`/`-shm`
//! beside it), checked with `PRAGMA integrity_check`, synced and only then renamed to the
//! target: there is never a half-written backup under the target's name.

use super::lock::DbLock;
use super::{changes, connection::MIGRATIONS, StoreError};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Pages per backup step (1 MiB with SQLite's 4 KiB pages) and the pause between steps.
const PAGES_PER_STEP: i32 = 256;
const PAUSE: Duration = Duration::from_millis(5);
/// How long a step may keep answering "busy" before the backup gives up.
const BUSY_LIMIT: Duration = Duration::from_secs(30);

/// What a werkstadt database holds, as far as an operator needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbInfo {
    pub schema_version: usize,
    /// The change feed's head (0 before schema version 2).
    pub head: u64,
    /// The database's instance id (none before schema version 3).
    pub instance: Option<String>,
    pub ideas: u64,
}

#[derive(Clone, Debug)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    pub info: DbInfo,
    pub elapsed: Duration,
}

/// Writes a consistent, verified copy of the database `db` to `dest` (replacing a file there).
pub async fn backup(db: PathBuf, dest: PathBuf) -> Result<BackupReport, StoreError> {
    tokio::task::spawn_blocking(move || backup_blocking(&db, &dest)).await?
}

fn backup_blocking(db: &Path, dest: &Path) -> Result<BackupReport, StoreError> {
    let started = Instant::now();
    if !db.is_file() {
        return Err(StoreError::Backup(format!(
            "there is no database at {}",
            db.display()
        )));
    }
    if same_file(db, dest) {
        return Err(StoreError::Backup(format!(
            "{} is the database itself: back up to another file",
            dest.display()
        )));
    }
    let _lock = DbLock::shared(db)?;
    let src = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(Duration::from_secs(5))?;
    create_parent(dest)?;
    let tmp = sibling(dest, "partial");
    remove_with_journals(&tmp)?;
    let written = (|| {
        let mut dst = Connection::open(&tmp)?;
        // One read transaction from the first query to the last page: one snapshot.
        let snapshot = src.unchecked_transaction()?;
        let info = inspect(&snapshot, db)?;
        copy(&snapshot, &mut dst, PAGES_PER_STEP)?;
        snapshot.finish()?;
        seal(&dst, dest)?;
        let copied = inspect(&dst, dest)?;
        if copied != info {
            return Err(StoreError::Backup(format!(
                "the copy differs from the database it was taken from ({copied:?} != {info:?})"
            )));
        }
        dst.close().map_err(|(_, e)| e)?;
        // SQLite opens any file with a `-wal` beside it in WAL mode and replays that WAL: one
        // left from an older file under this name must not end up in the new backup.
        remove_journals(dest)?;
        // It holds what the database holds (password and secret hashes): readable by whoever
        // may read the database, nobody else.
        copy_permissions(db, &tmp)?;
        replace(&tmp, dest)?;
        Ok(info)
    })();
    let info = match written {
        Ok(info) => info,
        Err(e) => {
            let _ = remove_with_journals(&tmp);
            return Err(e);
        }
    };
    Ok(BackupReport {
        path: dest.to_owned(),
        bytes: std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0),
        info,
        elapsed: started.elapsed(),
    })
}

/// Copies every page of `src` into `dst`, `pages` at a time (negative: all at once).
pub(super) fn copy(src: &Connection, dst: &mut Connection, pages: i32) -> Result<(), StoreError> {
    let backup = Backup::new(src, dst)?;
    let mut busy_since: Option<Instant> = None;
    loop {
        match backup.step(pages)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                busy_since = None;
                std::thread::sleep(PAUSE);
            }
            _ => {
                let since = *busy_since.get_or_insert_with(Instant::now);
                if since.elapsed() > BUSY_LIMIT {
                    return Err(StoreError::Backup(
                        "the database stayed locked for 30 s; nothing was written".into(),
                    ));
                }
                std::thread::sleep(PAUSE * 10);
            }
        }
    }
}

/// Makes a copy self-contained (rollback journal, so no `-wal` file belongs to it) and checks
/// its integrity.
pub(super) fn seal(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(StoreError::Backup(format!(
            "{} stays in journal mode {mode}",
            path.display()
        )));
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(10)")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if problems != ["ok"] {
        return Err(StoreError::Backup(format!(
            "{} failed the integrity check: {}",
            path.display(),
            problems.join("; ")
        )));
    }
    Ok(())
}

/// Checks that `conn` is a werkstadt database this release can handle and describes it.
pub(super) fn inspect(conn: &Connection, path: &Path) -> Result<DbInfo, StoreError> {
    let not_ours = || StoreError::NotWerkstadt(path.display().to_string());
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => not_ours(),
            _ => e.into(),
        })?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema
         WHERE type = 'table' AND name IN ('process', 'theme', 'idea', 'participant')",
        [],
        |r| r.get(0),
    )?;
    if tables != 4 || version < 1 {
        return Err(not_ours());
    }
    let schema_version = usize::try_from(version).map_err(|_| not_ours())?;
    if schema_version > MIGRATIONS.len() {
        return Err(StoreError::SchemaTooNew {
            found: schema_version,
            known: MIGRATIONS.len(),
        });
    }
    let head = if schema_version >= 2 {
        changes::head(conn)?
    } else {
        0
    };
    let instance = if schema_version >= 3 {
        Some(conn.query_row("SELECT id FROM instance", [], |r| r.get(0))?)
    } else {
        None
    };
    let ideas: i64 = conn.query_row("SELECT count(*) FROM idea", [], |r| r.get(0))?;
    Ok(DbInfo {
        schema_version,
        head,
        instance,
        ideas: u64::try_from(ideas).unwrap_or(0),
    })
}

/// Both paths name one existing file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A temporary name next to `path` (same folder, so the final rename is atomic).
pub(super) fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "werkstadt.db".into(), |n| n.to_string_lossy());
    path.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

pub(super) fn create_parent(path: &Path) -> Result<(), StoreError> {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Io(format!("creating {}: {e}", dir.display()))),
        None => Ok(()),
    }
}

/// Removes a database file and the journals SQLite may have left beside it.
pub(super) fn remove_with_journals(path: &Path) -> Result<(), StoreError> {
    remove_journals(path)?;
    remove_if_there(path)
}

/// Removes `-wal`, `-shm` and `-journal` beside a database file. Only when nobody has it open:
/// a stale WAL would be replayed into whatever database file takes this name next.
pub(super) fn remove_journals(path: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        remove_if_there(Path::new(&name))?;
    }
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::Io(format!("removing {}: {e}", path.display()))),
    }
}

/// Gives `to` the permissions of `from`.
pub(super) fn copy_permissions(from: &Path, to: &Path) -> Result<(), StoreError> {
    let permissions = std::fs::metadata(from)
        .map_err(|e| StoreError::Io(format!("reading {}: {e}", from.display())))?
        .permissions();
    std::fs::set_permissions(to, permissions)
        .map_err(|e| StoreError::Io(format!("setting permissions of {}: {e}", to.display())))
}

/// Syncs `tmp` to disk, renames it to `dest` and syncs the folder, so after a crash `dest` is
/// either the old file or the complete new one.
pub(super) fn replace(tmp: &Path, dest: &Path) -> Result<(), StoreError> {
    let io = |what: &str, p: &Path, e: std::io::Error| {
        StoreError::Io(format!("{what} {}: {e}", p.display()))
    };
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("syncing", tmp, e))?;
    std::fs::rename(tmp, dest).map_err(|e| io("renaming to", dest, e))?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(|e| io("syncing", dir, e))?;
    }
    Ok(())
}

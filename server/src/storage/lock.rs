//! The lock file beside the database (`werkstadt.db.lock` for `werkstadt.db`).
//!
//! Every werkstadt process that opens the database (`serve`, `admin create-user`,
//! `admin compact`, `admin backup`) holds a *shared* lock on it for as long as it has the
//! database open; `admin restore` needs it *exclusively*, so it refuses while any of them runs,
//! and a server started during a restore waits until the restored file is in place. The
//! operating system drops the lock when a process ends, also on `kill -9`: a stale lock file
//! means nothing.
//!
//! This is an advisory `flock` on a separate file, never on the database itself: SQLite's own
//! POSIX locks on the database would be dropped by closing any other descriptor of it.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long an opening process waits for a restore to finish.
const WAIT_FOR_RESTORE: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

fn open(db: &Path) -> Result<File, StoreError> {
    let path = lock_path(db);
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::Io(format!("opening {}: {e}", path.display())))
}

impl DbLock {
    /// A shared lock, waiting (up to 30 s) while a restore holds the lock exclusively.
    pub fn shared(db: &Path) -> Result<Self, StoreError> {
        let file = open(db)?;
        let deadline = Instant::now() + WAIT_FOR_RESTORE;
        loop {
            match file.try_lock_shared() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::InUse(format!(
                        "{} is being restored (its lock file {} is held): try again when the restore has finished",
                        db.display(),
                        lock_path(db).display()
                    )))
                }
                Err(TryLockError::Error(e)) => {
                    return Err(StoreError::Io(format!(
                        "locking {}: {e}",
                        lock_path(db).display()
                    )))
                }
            }
        }
    }

    /// The exclusive lock, at once or not at all: refused while any werkstadt process has the
    /// database open.
    pub fn exclusive(db: &Path) -> Result<Self, StoreError> {
        let file = open(db)?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse(format!(
                "{} is in use by a running werkstadt server or command: stop it first",
                db.display()
            ))),
            Err(TryLockError::Error(e)) => Err(StoreError::Io(format!(
                "locking {}: {e}",
                lock_path(db).display()
            ))),
        }
    }
}

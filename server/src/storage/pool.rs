//! The reader pool: a fixed number of reader connections, set from the cores, and a page cache
//! sized for the whole process.
//!
//! A read first waits (asynchronously, in arrival order) for one of [`Readers::size`] permits,
//! and only then takes a blocking thread and a connection: however many requests arrive at
//! once, at most `size` connections exist and at most `size` blocking threads read. (Before,
//! every concurrent read beyond eight idle connections opened a new one, each with its own
//! 16 MB page cache: a newspaper link made hundreds.) Connections open lazily, up to the size,
//! and are kept. SQLite's page cache is per connection, so the process's budget
//! ([`READ_CACHE_KIB`]) is divided among the readers; the operating system's file cache
//! serves what it misses.

use super::{connection, StoreError};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The page cache of all reader connections together, in KiB.
pub const READ_CACHE_KIB: usize = 16 * 1024;

/// Reader connections for this machine: one per core, at least 2 and at most 8.
pub fn default_size() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(2, 8)
}

pub struct Readers {
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
    size: usize,
    open: AtomicUsize,
}

/// The right to read: held from before the blocking thread starts until the connection is back.
pub struct Permit(#[allow(dead_code)] OwnedSemaphorePermit);

impl Readers {
    pub fn new(size: usize) -> Self {
        let size = size.max(1);
        Self {
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Arc::new(Semaphore::new(size)),
            size,
            open: AtomicUsize::new(0),
        }
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Reader connections open now (idle or in use); never more than [`Self::size`].
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }

    /// Waits for a free reader (callers queue in order of arrival).
    pub async fn acquire(&self) -> Result<Permit, StoreError> {
        Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map(Permit)
            .map_err(|_| StoreError::Poisoned)
    }

    /// Runs `f` on an idle connection, or a new one when none is idle (only while fewer than
    /// `size` are open: the permit guarantees it). Call on a blocking thread.
    pub fn with<T>(
        &self,
        _permit: &Permit,
        path: &Path,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pooled = self.idle.lock().map_err(|_| StoreError::Poisoned)?.pop();
        let conn = match pooled {
            Some(c) => c,
            None => {
                let c = connection::open(path)?;
                let per_reader = i64::try_from(READ_CACHE_KIB / self.size).unwrap_or(2048);
                c.pragma_update(None, "cache_size", -per_reader)?;
                self.open.fetch_add(1, Ordering::Relaxed);
                c
            }
        };
        let mut lease = Lease {
            readers: self,
            conn: Some(conn),
        };
        match lease.conn.as_mut() {
            Some(conn) => f(conn),
            None => Err(StoreError::Poisoned),
        }
    }
}

/// A connection in use; back to the idle ones when done, even if the read panicked (its
/// transaction has rolled back by then).
struct Lease<'a> {
    readers: &'a Readers,
    conn: Option<Connection>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            match self.readers.idle.lock() {
                Ok(mut idle) => idle.push(conn),
                Err(_) => {
                    self.readers.open.fetch_sub(1, Ordering::Relaxed);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{processes, DemoSeed, Store};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Four times as many concurrent reads as reader connections: every one succeeds, they
    /// wait their turn, and no more connections open than the pool's size.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn more_concurrent_reads_than_readers_all_succeed_on_a_bounded_pool() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("w.db")).await.expect("opens");
        store.seed(DemoSeed::bielefeld()).await.expect("seeds");
        let (_, size) = store.readers();
        assert!((2..=8).contains(&size), "{size}");
        let busy = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let reads: Vec<_> = (0..size * 4)
            .map(|n| {
                let (store, busy, peak) = (store.clone(), Arc::clone(&busy), Arc::clone(&peak));
                tokio::spawn(async move {
                    if n % 2 == 0 {
                        // Through the public API too.
                        return store.results().await.map(|r| r.themes.len());
                    }
                    store
                        .read(move |tx| {
                            let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                            peak.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(20));
                            let themes =
                                processes::process_overview(tx, None).map(|o| o.themes.len());
                            busy.fetch_sub(1, Ordering::SeqCst);
                            themes
                        })
                        .await
                })
            })
            .collect();
        for read in reads {
            assert_eq!(read.await.expect("no panic").expect("read succeeds"), 8);
        }
        let (open, _) = store.readers();
        assert!(open <= size, "{open} connections for a pool of {size}");
        assert!(peak.load(Ordering::SeqCst) <= size);
    }
}

//! Storage: the only module that knows SQL.
//!
//! [`Store`] is the narrow interface the HTTP layer uses: async methods taking and returning
//! domain types. SQLite is synchronous, so every call runs on the blocking pool; writes go
//! through one writer connection (SQLite allows one writer at a time anyway) and reads through
//! a fixed pool of reader connections (WAL lets them run beside the writer; `pool`).
//!
//! Invariants: every write method runs in one transaction together with the registration of
//! its participant, so a refused write leaves nothing behind.

pub mod backup;
mod changes;
pub mod channels;
pub mod codes;
mod comments;
pub mod committee;
mod connection;
mod error;
mod export;
pub use export::Rows as ExportRows;
mod follows;
mod idea_decisions;
mod ideas;
pub mod kiosks;
mod lock;
pub mod matrix;
mod matrix_definition;
mod matrix_reads;
mod moderation;
mod participants;
mod phases;
mod pool;
mod privacy;
mod processes;
mod project_links;
mod project_reads;
mod projects;
pub mod reports;
pub mod restore;
pub mod retention;
mod rows;
mod search;
pub(crate) mod seed;
mod seed_project;
mod setup;
pub mod staff;
mod staff_accounts;
mod stats;
mod sync;
pub mod tally;
mod verified;
mod votes;
pub mod workshops;

pub use connection::MIGRATIONS;
pub use error::StoreError;
pub use rows::now_ms;
pub use seed::DemoSeed;
pub use seed_project::SeedProject;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use werkstadt_domain::api::{
    IdeaDetail, IdeaListQuery, IdeaPage, MyState, NewIdea, ProcessOverview, Results, SupportState,
};
use werkstadt_domain::sync::{CommentId, CommentRecord, Mutation, PullResponse, PushResponse};
use werkstadt_domain::{CommentBody, IdeaBody, IdeaId, IdeaTitle, ParticipantId, ThemeId};

/// Who is writing: a participant id and the SHA-256 of the secret they presented; on a
/// kiosk also the kiosk's credential, which must vouch for the participant.
#[derive(Clone)]
pub struct Caller {
    pub id: ParticipantId,
    pub secret_hash: String,
    pub kiosk: Option<KioskKey>,
}

/// A kiosk's credential as presented: its id and the SHA-256 of its secret.
#[derive(Clone)]
pub struct KioskKey {
    pub id: String,
    pub secret_hash: String,
}

impl std::fmt::Debug for KioskKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KioskKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// A validated new idea.
#[derive(Clone, Debug)]
pub struct IdeaDraft {
    pub id: IdeaId,
    pub theme_id: ThemeId,
    pub title: IdeaTitle,
    pub body: IdeaBody,
}

impl IdeaDraft {
    pub fn parse(raw: &NewIdea) -> Result<Self, werkstadt_domain::ValidationError> {
        Ok(Self {
            id: raw.id,
            theme_id: raw.theme_id,
            title: IdeaTitle::parse(&raw.title)?,
            body: IdeaBody::parse(&raw.body)?,
        })
    }
}

/// Whether a submission created the idea or found it already there (a retry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    New,
    Existing,
}

#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: pool::Readers,
    /// The change feed's head after the last commit; receivers learn "something changed".
    head: tokio::sync::watch::Sender<u64>,
    /// The last results computed, with the feed head they were computed at: every write that
    /// changes what results show moves the head, so until it moves the results stand.
    results: Mutex<Option<(u64, Results)>>,
    /// The last participation statistics asked for, with the head and the time (ms) they
    /// were computed at (`stats`).
    participation: Mutex<Option<(u64, i64, werkstadt_domain::stats::ParticipationStats)>>,
    /// Held while the database is open: a restore waits for (refuses) this process.
    _lock: lock::DbLock,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        let path = path.to_owned();
        tokio::task::spawn_blocking(move || {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::Io(format!("creating {}: {e}", dir.display())))?;
            }
            let lock = lock::DbLock::shared(&path)?;
            let mut writer = connection::open(&path)?;
            connection::migrate(&mut writer)?;
            // A rebuilt index (after a migration) catches up before the first request.
            if search::queued(&writer)? {
                let tx =
                    writer.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                search::flush(&tx)?;
                tx.commit()?;
            }
            let head = changes::head(&writer)?;
            Ok(Self {
                inner: Arc::new(Inner {
                    path,
                    writer: Mutex::new(writer),
                    readers: pool::Readers::new(pool::default_size()),
                    head: tokio::sync::watch::channel(head).0,
                    results: Mutex::new(None),
                    participation: Mutex::new(None),
                    _lock: lock,
                }),
            })
        })
        .await?
    }

    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut rusqlite::Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let (out, head, to_index) = tokio::task::spawn_blocking(move || {
            let mut conn = inner.writer.lock().map_err(|_| StoreError::Poisoned)?;
            let mut tx =
                conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&mut tx)?;
            let head = changes::head(&tx)?;
            let to_index = search::queued(&tx)?;
            tx.commit()?;
            Ok::<_, StoreError>((out, head, to_index))
        })
        .await??;
        if to_index {
            // The search index catches up in its own transaction, off the caller's path (a
            // push answers without waiting for it; the queue survives a crash).
            let inner = Arc::clone(&self.inner);
            tokio::task::spawn_blocking(move || {
                let result = inner
                    .writer
                    .lock()
                    .map_err(|_| StoreError::Poisoned)
                    .and_then(|mut conn| {
                        let tx = conn
                            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                        search::flush(&tx)?;
                        Ok(tx.commit()?)
                    });
                if let Err(e) = result {
                    tracing::warn!(%e, "search index update failed; retried with the next write");
                }
            });
        }
        // Wake listeners (server-sent events) only for commits that changed the feed.
        self.inner.head.send_if_modified(|h| {
            let changed = *h != head;
            *h = head;
            changed
        });
        Ok(out)
    }

    async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        // Queue for a reader before taking a blocking thread (`storage::pool`).
        let permit = inner.readers.acquire().await?;
        tokio::task::spawn_blocking(move || {
            inner.readers.with(&permit, &inner.path, |conn| {
                // One deferred transaction = one consistent snapshot for multi-query reads.
                let tx = conn.transaction()?;
                let out = f(&tx);
                tx.finish()?;
                out
            })
        })
        .await?
    }

    /// Reader connections open now, and the most there will ever be (`storage::pool`).
    pub fn readers(&self) -> (usize, usize) {
        (self.inner.readers.open(), self.inner.readers.size())
    }

    /// Waits until the search index has caught up with all writes (benchmarks, tests).
    pub async fn wait_indexed(&self) -> Result<(), StoreError> {
        while self.read(search::queued).await? {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        Ok(())
    }

    /// True when no process exists yet (a fresh database).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        self.read(|tx| processes::process_count(tx).map(|n| n == 0))
            .await
    }

    pub async fn seed(&self, seed: DemoSeed) -> Result<(), StoreError> {
        self.write(move |tx| seed::insert(tx, &seed)).await
    }

    pub async fn process_overview(&self) -> Result<ProcessOverview, StoreError> {
        self.read(|tx| processes::process_overview(tx, None)).await
    }

    pub async fn ideas_page(
        &self,
        theme: ThemeId,
        query: IdeaListQuery,
    ) -> Result<IdeaPage, StoreError> {
        self.read(move |tx| ideas::ideas_page(tx, theme, query))
            .await
    }

    pub async fn similar_ideas(
        &self,
        typed: String,
    ) -> Result<Vec<werkstadt_domain::api::IdeaSummary>, StoreError> {
        self.read(move |tx| ideas::similar_ideas(tx, &typed)).await
    }

    pub async fn idea(&self, id: IdeaId) -> Result<IdeaDetail, StoreError> {
        self.read(move |tx| ideas::idea_detail(tx, id, None)).await
    }

    pub async fn submit_idea(
        &self,
        caller: Caller,
        draft: IdeaDraft,
    ) -> Result<(IdeaDetail, Created), StoreError> {
        self.write(move |tx| {
            let (rules, tagging, tag) = rest_write(tx, &caller)?;
            let created = ideas::insert_idea(tx, caller.id, &draft, rules)?;
            if created == Created::New {
                tagging.record_write(tx, caller.id, tag, Some(draft.id))?;
            }
            Ok((ideas::idea_detail(tx, draft.id, Some(caller.id))?, created))
        })
        .await
    }

    pub async fn set_support(
        &self,
        caller: Caller,
        idea: IdeaId,
        supported: bool,
    ) -> Result<SupportState, StoreError> {
        self.write(move |tx| {
            let (rules, tagging, tag) = rest_write(tx, &caller)?;
            let state = votes::set_support(tx, caller.id, idea, supported, rules)?;
            tagging.record_write(tx, caller.id, tag, None)?;
            Ok(state)
        })
        .await
    }

    pub async fn set_dots(
        &self,
        caller: Caller,
        entries: Vec<werkstadt_domain::dots::DotEntry>,
    ) -> Result<MyState, StoreError> {
        self.write(move |tx| {
            let (rules, tagging, tag) = rest_write(tx, &caller)?;
            votes::replace_dots(tx, caller.id, &entries, rules)?;
            tagging.record_write(tx, caller.id, tag, None)?;
            votes::my_state(tx, caller.id)
        })
        .await
    }

    /// The caller's own votes. Reading does not register the participant, but a known id
    /// with a wrong secret is refused so nobody reads another person's votes.
    pub async fn my_state(&self, caller: Caller) -> Result<MyState, StoreError> {
        self.read(move |tx| {
            participants::check_participant(tx, &caller)?;
            votes::my_state(tx, caller.id)
        })
        .await
    }

    /// The results, computed once per change of the feed's head (read in the same snapshot,
    /// so a write by another process counts too) and answered from memory until it moves.
    pub async fn results(&self) -> Result<Results, StoreError> {
        let inner = Arc::clone(&self.inner);
        self.read(move |tx| {
            let head = changes::head(tx)?;
            let cached = inner.results.lock().map_err(|_| StoreError::Poisoned)?;
            if let Some((_, results)) = cached.as_ref().filter(|(at, _)| *at == head) {
                return Ok(results.clone());
            }
            drop(cached);
            let results = processes::results(tx, None)?;
            let mut cached = inner.results.lock().map_err(|_| StoreError::Poisoned)?;
            // A slower reader of an older snapshot must not replace newer results.
            if cached.as_ref().is_none_or(|(at, _)| *at <= head) {
                *cached = Some((head, results.clone()));
            }
            Ok(results)
        })
        .await
    }

    /// Applies a batch of mutations in one transaction, in order, each at most once ever.
    pub async fn push(
        &self,
        caller: Caller,
        mutations: Vec<Mutation>,
    ) -> Result<PushResponse, StoreError> {
        self.write(move |tx| sync::push(tx, &caller, None, &mutations, None))
            .await
    }

    /// A push from a device attached to the workshop with join code `join` (see
    /// `storage::channels`); `staff_id` as for [`Store::push_as_staff`].
    pub async fn push_joined(
        &self,
        caller: Caller,
        staff_id: Option<String>,
        mutations: Vec<Mutation>,
        join: Option<String>,
    ) -> Result<PushResponse, StoreError> {
        self.write(move |tx| {
            sync::push(
                tx,
                &caller,
                staff_id.as_deref(),
                &mutations,
                join.as_deref(),
            )
        })
        .await
    }

    /// A push from a device whose user is signed in as staff (`staff_id`): moderation
    /// decisions apply too.
    pub async fn push_as_staff(
        &self,
        caller: Caller,
        staff_id: String,
        mutations: Vec<Mutation>,
    ) -> Result<PushResponse, StoreError> {
        self.write(move |tx| sync::push(tx, &caller, Some(&staff_id), &mutations, None))
            .await
    }

    /// The changes after `cursor` the caller may see, from one consistent snapshot.
    pub async fn pull(&self, caller: Caller, cursor: u64) -> Result<PullResponse, StoreError> {
        self.read(move |tx| {
            participants::check_participant(tx, &caller)?;
            changes::pull(tx, caller.id, cursor)
        })
        .await
    }

    pub async fn comments(&self, idea: IdeaId) -> Result<Vec<CommentRecord>, StoreError> {
        self.read(move |tx| comments::comments(tx, idea)).await
    }

    pub async fn add_comment(
        &self,
        caller: Caller,
        id: CommentId,
        idea: IdeaId,
        body: CommentBody,
    ) -> Result<(CommentRecord, Created), StoreError> {
        self.write(move |tx| {
            let (rules, tagging, tag) = rest_write(tx, &caller)?;
            let created = comments::insert_comment(tx, caller.id, id, idea, &body, rules)?;
            if created == Created::New {
                tagging.record_write(tx, caller.id, tag, None)?;
            }
            Ok((comments::comment(tx, id, Some(caller.id))?, created))
        })
        .await
    }

    /// A receiver of the change feed's head: it changes after every commit that changed it.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.head.subscribe()
    }
}

/// A participant's REST write: the participant registered (or checked), the rules it follows
/// and how it is tagged — made now, exactly like a pushed mutation of the same participant
/// (`storage::channels`): a joined phone's or a kiosk visitor's write counts for the
/// workshop, whose modules decide while it runs.
fn rest_write(
    tx: &Connection,
    caller: &Caller,
) -> Result<(processes::Rules, channels::Tagging, channels::ChannelTag), StoreError> {
    participants::ensure_participant(tx, caller)?;
    let rules = processes::rules(tx)?;
    let tagging = channels::Tagging::resolve(
        tx,
        caller.id,
        rules.process,
        None,
        werkstadt_domain::channel::Channel::Workshop,
    )?;
    let tagged = tagging.at(now_ms());
    Ok((rules.within(tagged.open), tagging, tagged.tag))
}

#[cfg(test)]
mod tests;

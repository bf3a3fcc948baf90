//! The replica, the outbox and the sync loop.
//!
//! Every user action becomes a [`Mutation`] with a client-generated id. It is written to the
//! outbox in IndexedDB **before** the UI confirms it, then pushed in batches. The server answers
//! each mutation once and for all (applied, duplicate, rejected); rejections are kept for the
//! participant to see (with their text to copy).
//!
//! After each push the client pulls the change feed from its cursor into the replica (also in
//! IndexedDB, in the same transaction as the cursor) and shows `Sync::view`: the replica plus
//! the still-pending mutations. Sync runs on start, after each action, on `online`, when the
//! page becomes visible, when the server says "changed" (server-sent events), every minute, and
//! with backoff while the server cannot be reached: `navigator.onLine` alone is never trusted.

mod exchange;
mod forget;
mod projects;
mod pull;
mod triggers;
mod view;

pub use view::field;

use crate::api;
use crate::platform::http::{self, from_js, to_js, ClientError};
use crate::platform::idb::{self, Db, Op, ENTITIES, STATE};
use crate::platform::outbox;
use crate::platform::{self, identity::Identity};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::feed::CoreChange;
use werkstadt_domain::overlay::Overlay;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind};
use werkstadt_domain::ErrorCode;

/// Retries while the server is unreachable: 1 s, 2 s, 4 s, … up to this.
const MAX_BACKOFF_MS: i32 = 15_000;
/// Changes taken from a pull page between two turns of the browser.
const YIELD_EVERY: usize = 100;
/// The outbox's key in the device's store (`werkstadt_web::outbox`, shared with the staff app).
const OUTBOX: &str = "outbox";
/// Where the app kept its outbox before it moved to IndexedDB.
const LEGACY_OUTBOX: &str = "werkstadt.outbox";
const LEGACY_REJECTED: &str = "werkstadt.rejected";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub mutation: Mutation,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct Sync {
    /// The outbox as stored on the device, oldest first.
    pub pending: RwSignal<Vec<Mutation>>,
    pub rejected: RwSignal<Vec<Rejected>>,
    /// The server state last pulled; `None` until it is read from the device. Changed in
    /// place (never copied) and announced by `replica_changed`.
    replica: StoredValue<Option<Replica>>,
    replica_changed: Trigger,
    /// The pending mutations laid over the few entities they touch.
    overlay: Memo<Overlay>,
    /// Whether the server answered the last attempt.
    pub online: RwSignal<bool>,
    /// Unix seconds of the last successful exchange; 0 = not yet.
    pub last_sync: RwSignal<u32>,
    /// Nothing can be stored on this device (no IndexedDB: private mode, storage full).
    pub storage_failed: RwSignal<bool>,
    /// The server speaks a newer protocol: this release must be updated.
    pub outdated: RwSignal<bool>,
    /// The pages can draw what they show: an exchange with the server succeeded, the device
    /// has a replica from an earlier visit, or it cannot sync at all (nothing can be stored,
    /// no identity, an outdated release). Until then a deep link shows the server's first
    /// screen, and a first pull that fails is retried meanwhile.
    pub settled: RwSignal<bool>,
    /// The outbox, ahead of `pending` while a write is on its way to the device.
    queue: StoredValue<Vec<Mutation>>,
    cursor: StoredValue<u64>,
    /// The feed's head right after this device's last push (its own changes are up to there).
    pushed_head: StoredValue<u64>,
    /// The highest feed head the server's events announced.
    heard_head: StoredValue<u64>,
    /// The server database the cursor belongs to.
    instance: StoredValue<String>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    backoff_ms: StoredValue<i32>,
    me: StoredValue<Option<Identity>>,
    db: StoredValue<Option<Db>, LocalStorage>,
    /// Project changes as the server sent them, not yet decoded into the replica: the project
    /// pages' chunk decodes them (`sync::projects`), so the decoder stays out of the first route.
    raw_projects: StoredValue<Vec<wasm_bindgen::JsValue>, LocalStorage>,
    projects_arrived: Trigger,
    /// The keys of the news items read on this device (sorted); `None` until the news code
    /// has read them from it (`Sync::load_news_read`).
    pub news_read: RwSignal<Option<Vec<String>>>,
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

fn put<T: Serialize>(store: &'static str, key: &str, value: &T) -> Option<Op> {
    Some(Op::Put(store, key.to_owned(), to_js(value)?))
}

impl Sync {
    pub fn start(me: Option<Identity>) -> Self {
        let pending = RwSignal::new(Vec::<Mutation>::new());
        let replica = StoredValue::new(None::<Replica>);
        let replica_changed = Trigger::new();
        // Recomputed only when the replica or the outbox changed, so never compared: the pages'
        // picks compare the small things they show (and the replica's comparison code, with
        // every project type in it, stays out of the first route).
        let overlay = Memo::new_with_compare(
            move |_| {
                replica_changed.track();
                pending.with(|p| {
                    replica.with_value(|r| {
                        r.as_ref()
                            .map(|r| Overlay::new(r, p, view::made_at(p)))
                            .unwrap_or_default()
                    })
                })
            },
            |_, _| true,
        );
        let sync = Self {
            pending,
            rejected: RwSignal::new(Vec::new()),
            replica,
            replica_changed,
            overlay,
            online: RwSignal::new(true),
            last_sync: RwSignal::new(0),
            storage_failed: RwSignal::new(false),
            outdated: RwSignal::new(false),
            settled: RwSignal::new(false),
            queue: StoredValue::new(Vec::new()),
            cursor: StoredValue::new(0),
            pushed_head: StoredValue::new(0),
            heard_head: StoredValue::new(0),
            instance: StoredValue::new(String::new()),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            backoff_ms: StoredValue::new(1_000),
            me: StoredValue::new(me),
            db: StoredValue::new_local(None),
            raw_projects: StoredValue::new_local(Vec::new()),
            projects_arrived: Trigger::new(),
            news_read: RwSignal::new(None),
        };
        provide_context(sync);
        // The overview (preloaded by the page) is read while the device's replica is: a first
        // visit draws the start page without waiting for IndexedDB to be set up.
        leptos::task::spawn_local(sync.first_screen());
        leptos::task::spawn_local(async move {
            if sync.load().await.is_err() {
                sync.storage_failed.set(true);
                sync.set_replica(Replica::default());
                sync.settle_pages();
            }
            sync.listen();
            sync.sync_now();
        });
        sync
    }

    /// On a first visit the replica is empty and the first pull can be long (thousands of
    /// ideas): the start page is drawn from the process overview (one small request) while
    /// the pull fills in the rest page by page. Kept in memory only (and kept when the device's
    /// replica is read and has no process yet); the pull's own process and themes replace it,
    /// and it is dropped if the device or the pull was quicker.
    async fn first_screen(self) {
        if self
            .replica
            .with_value(|r| r.as_ref().is_some_and(|r| r.process.is_some()))
        {
            return;
        }
        let Ok(overview) = api::overview().await else {
            return;
        };
        let mut fresh = false;
        self.replica.update_value(|r| {
            let r = r.get_or_insert_with(Replica::default);
            if r.process.is_none() {
                fresh = true;
                r.apply_core(CoreChange::Process(overview.process));
                for theme in overview.themes {
                    r.apply_core(CoreChange::Theme(theme));
                }
            }
        });
        if fresh {
            self.replica_changed.notify();
        }
    }

    /// Reads the outbox, rejections and replica from the device.
    async fn load(self) -> Result<(), ClientError> {
        let db = idb::open().await?;
        let owner: Option<String> = from_js(db.get("owner").await?);
        let me = self.me.get_value().map(|m| m.id.to_string());
        // The release that kept the outbox in localStorage: moved over once.
        let outbox: Vec<Mutation> =
            outbox::load(&db, OUTBOX, LEGACY_OUTBOX, |a: &Mutation, b| a.id == b.id).await?;
        let mut rejected: Vec<Rejected> = from_js(db.get("rejected").await?).unwrap_or_default();
        let mut ops = Vec::new();
        if let Some(text) = platform::storage_get(LEGACY_REJECTED) {
            rejected.extend(http::parse::<Vec<Rejected>>(&text).unwrap_or_default());
            ops.extend(put(STATE, "rejected", &rejected));
        }
        let mut replica = Replica::default();
        let mut raw_projects = Vec::new();
        let mut cursor = 0;
        let mut instance = String::new();
        if owner.is_some() && owner == me {
            cursor = from_js(db.get("cursor").await?).unwrap_or(0);
            instance = from_js(db.get("instance").await?).unwrap_or_default();
            for value in db.all(ENTITIES).await?.iter() {
                match from_js::<CoreChange>(value.clone()) {
                    Some(change) => replica.apply_core(change),
                    // Projects stay as stored: the project pages decode them (`domain::feed`).
                    None => raw_projects.push(value),
                }
            }
        } else {
            // Another participant's (or no) replica: start over. The outbox stays.
            ops.push(Op::Clear(ENTITIES));
            ops.extend(put(STATE, "cursor", &0u64));
            ops.extend(me.as_ref().and_then(|m| put(STATE, "owner", m)));
        }
        if !ops.is_empty() {
            db.write(ops).await?;
        }
        platform::storage_remove(LEGACY_REJECTED);
        platform::storage_remove_prefix("werkstadt.cache:");
        self.db.set_value(Some(db));
        self.cursor.set_value(cursor);
        self.instance.set_value(instance);
        self.queue.set_value(outbox.clone());
        self.pending.set(outbox);
        self.rejected.set(rejected);
        self.set_replica(replica);
        self.keep_raw_projects(raw_projects);
        Ok(())
    }

    fn set_replica(self, mut replica: Replica) {
        if replica.process.is_none() {
            // The overview of a first visit stays on screen until the pull brings the process.
            self.replica.update_value(|shown| {
                if let Some(shown) = shown.take() {
                    replica.process = shown.process;
                    replica.themes = shown.themes;
                }
            });
        }
        self.replica.set_value(Some(replica));
        self.replica_changed.notify();
    }

    /// Stores the action in the outbox on the device, then starts a sync. Only once this has
    /// returned `Ok` may the UI confirm the action.
    pub async fn enqueue(self, kind: MutationKind) -> Result<MutationId, ClientError> {
        let id = MutationId(platform::identity::new_uuid()?);
        self.queue.update_value(|q| q.push(Mutation { id, kind }));
        if let Err(e) = self.save_outbox(Vec::new()).await {
            self.queue.update_value(|q| q.retain(|m| m.id != id));
            return Err(e);
        }
        self.pending.set(self.queue.get_value());
        platform::request_persistent_storage();
        self.sync_now();
        Ok(id)
    }

    /// Writes the outbox (and `more`) in one transaction.
    async fn save_outbox(self, mut more: Vec<Op>) -> Result<(), ClientError> {
        let db = self.db.get_value().ok_or(ClientError::Storage)?;
        more.extend(self.queue.with_value(|q| outbox::save(OUTBOX, q)));
        db.write(more).await
    }

    pub fn is_pending(self, f: impl Fn(&MutationKind) -> bool) -> bool {
        self.pending.with(|p| p.iter().any(|m| f(&m.kind)))
    }

    pub fn dismiss_rejected(self, id: MutationId) {
        self.rejected.update(|r| r.retain(|x| x.mutation.id != id));
        let rejected = self.rejected.get_untracked();
        if let Some(db) = self.db.get_value() {
            leptos::task::spawn_local(async move {
                let _ = db
                    .write(put(STATE, "rejected", &rejected).into_iter().collect())
                    .await;
            });
        }
    }
}

//! The outbox and the sync loop.
//!
//! Every user action becomes a [`Mutation`] with a client-generated id. It is written to the
//! outbox in localStorage **before** the UI confirms it, then pushed in batches. The server
//! answers each mutation once and for all (applied, duplicate, rejected), so the outbox drops
//! it on any answer; rejections are kept for the user to see (with their text to copy). Sync
//! runs on start, after each action, on `online`, when the page becomes visible, and with
//! backoff while the server cannot be reached: `navigator.onLine` alone is never trusted.

use crate::api;
use crate::platform::http::{self, ClientError};
use crate::platform::{self, identity::Identity};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome, MAX_PUSH};
use werkstadt_domain::ErrorCode;

const OUTBOX_KEY: &str = "werkstadt.outbox";
const REJECTED_KEY: &str = "werkstadt.rejected";
/// Retries while the server is unreachable: 1 s, 2 s, 4 s, … up to this.
const MAX_BACKOFF_MS: i32 = 15_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejected {
    pub mutation: Mutation,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct Sync {
    /// The outbox, oldest first (mirrors localStorage).
    pub pending: RwSignal<Vec<Mutation>>,
    pub rejected: RwSignal<Vec<Rejected>>,
    /// Whether the server answered the last attempt.
    pub online: RwSignal<bool>,
    /// `Date.now()` of the last successful exchange.
    pub last_sync: RwSignal<Option<f64>>,
    /// Bumped when the server state may have changed: pages reload their data.
    pub version: RwSignal<u32>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    backoff_ms: StoredValue<i32>,
    me: StoredValue<Option<Identity>>,
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

fn load<T: serde::de::DeserializeOwned>(key: &str) -> Vec<T> {
    platform::storage_get(key)
        .and_then(|t| http::parse::<Vec<T>>(&t))
        .unwrap_or_default()
}

fn save<T: Serialize>(key: &str, items: &[T]) -> Result<(), String> {
    let json = http::to_json(&items).ok_or("cannot encode")?;
    platform::storage_set(key, &json)
}

impl Sync {
    pub fn start(me: Option<Identity>) -> Self {
        let sync = Self {
            pending: RwSignal::new(load(OUTBOX_KEY)),
            rejected: RwSignal::new(load(REJECTED_KEY)),
            online: RwSignal::new(true),
            last_sync: RwSignal::new(None),
            version: RwSignal::new(0),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            backoff_ms: StoredValue::new(1_000),
            me: StoredValue::new(me),
        };
        provide_context(sync);
        platform::on_window_event("online", move || sync.sync_now());
        platform::on_visible(move || sync.sync_now());
        sync.sync_now();
        sync
    }

    /// Stores the action in the outbox (before anything is confirmed) and starts a sync.
    pub fn enqueue(self, kind: MutationKind) -> Result<MutationId, String> {
        let id = MutationId(platform::identity::new_uuid()?);
        let mut next = self.pending.get_untracked();
        next.push(Mutation { id, kind });
        save(OUTBOX_KEY, &next)?;
        self.pending.set(next);
        platform::request_persistent_storage();
        self.sync_now();
        Ok(id)
    }

    /// The pending mutations matching `f`, oldest first.
    pub fn pending_where(self, f: impl Fn(&MutationKind) -> bool) -> Vec<MutationKind> {
        self.pending.with(|p| {
            p.iter()
                .filter(|m| f(&m.kind))
                .map(|m| m.kind.clone())
                .collect()
        })
    }

    pub fn dismiss_rejected(self, id: MutationId) {
        self.rejected.update(|r| r.retain(|x| x.mutation.id != id));
        let _ = save(REJECTED_KEY, &self.rejected.get_untracked());
    }

    /// Pushes the outbox now (or right after the run in progress).
    pub fn sync_now(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                let ok = self.run_once().await;
                if ok {
                    self.backoff_ms.set_value(1_000);
                } else {
                    let wait = self.backoff_ms.get_value();
                    self.backoff_ms.set_value((wait * 2).min(MAX_BACKOFF_MS));
                    platform::after(wait, move || self.sync_now());
                }
                if !(ok && self.again.get_value()) {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    /// One exchange; `false` when it should be retried later.
    async fn run_once(self) -> bool {
        let Some(me) = self.me.get_value() else {
            return true;
        };
        let batch: Vec<Mutation> = self
            .pending
            .with_untracked(|p| p.iter().take(MAX_PUSH).cloned().collect());
        if batch.is_empty() {
            // Nothing to send: just learn whether the server is reachable.
            let reachable = http::reachable("/api/health").await;
            self.online.set(reachable);
            if reachable {
                self.last_sync.set(Some(js_sys::Date::now()));
            }
            return reachable;
        }
        match api::push(batch, &me).await {
            Ok(res) => {
                let mut rejected = self.rejected.get_untracked();
                let mut pending = self.pending.get_untracked();
                for r in &res.results {
                    if let Outcome::Rejected { code, message } = &r.outcome {
                        if let Some(m) = pending.iter().find(|m| m.id == r.id) {
                            rejected.push(Rejected {
                                mutation: m.clone(),
                                code: *code,
                                message: message.clone(),
                            });
                        }
                    }
                }
                pending.retain(|m| !res.results.iter().any(|r| r.id == m.id));
                let _ = save(OUTBOX_KEY, &pending);
                let _ = save(REJECTED_KEY, &rejected);
                self.pending.set(pending);
                self.rejected.set(rejected);
                self.online.set(true);
                self.last_sync.set(Some(js_sys::Date::now()));
                self.version.update(|v| *v = v.wrapping_add(1));
                self.again
                    .set_value(!self.pending.with_untracked(Vec::is_empty));
                true
            }
            Err(ClientError::Network) => {
                self.online.set(false);
                false
            }
            Err(ClientError::Api(body)) => {
                self.online.set(true);
                // Busy: retry the same batch. Anything else (wrong secret, old protocol) cannot
                // be fixed by retrying; keep the outbox and stop until the next trigger.
                body.code != ErrorCode::Busy
            }
        }
    }
}

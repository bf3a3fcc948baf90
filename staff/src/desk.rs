//! The moderator's desk: the staff session, and the outbox of decisions.
//!
//! Decisions are sync mutations. Each is stored (localStorage) before the UI shows it as
//! taken, then pushed with the staff session; offline, or after the session ended, they wait
//! and go out once the network and a session are back. The server applies each mutation at
//! most once, so a retried push never decides anything twice; a decision someone else made
//! first comes back rejected (`stale_state`) and is shown as "not applied".

use crate::api;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::staff::StaffSession;
use werkstadt_domain::sync::{
    Mutation, MutationId, MutationKind, Outcome, PushRequest, MAX_PUSH, PROTOCOL_VERSION,
};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::{parse, to_json, ClientError};
use werkstadt_web::identity::{self, Identity};
use werkstadt_web::{storage_get, storage_remove, storage_set};

const OUTBOX_KEY: &str = "werkstadt.staff.outbox";
const SESSION_KEY: &str = "werkstadt.staff.session";

/// A decision waiting to be sent, with what it is about (for messages).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub mutation: Mutation,
    /// The idea's title or the comment's beginning.
    pub label: String,
}

/// A decision the server did not apply (final).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub id: MutationId,
    pub label: String,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct Desk {
    pub session: RwSignal<Option<StaffSession>>,
    /// The session ended (or was never there) while decisions wait.
    pub expired: RwSignal<bool>,
    /// The last request reached the server.
    pub online: RwSignal<bool>,
    pub outbox: RwSignal<Vec<Pending>>,
    pub failures: RwSignal<Vec<Failure>>,
    /// Bumped when server data changed: pages reload.
    pub refresh: RwSignal<u32>,
    who: StoredValue<Option<Identity>>,
    pushing: StoredValue<bool>,
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

fn stored_outbox() -> Vec<Pending> {
    storage_get(OUTBOX_KEY)
        .and_then(|s| parse(&s))
        .unwrap_or_default()
}

fn stored_session() -> Option<StaffSession> {
    let s: StaffSession = parse(&storage_get(SESSION_KEY)?)?;
    (s.expires_at > werkstadt_web::now_ms() as i64).then_some(s)
}

impl Desk {
    /// Creates the desk, provides it as context and starts it: the stored session (so an
    /// offline reload keeps working), checked with the server; the stored outbox.
    pub fn start() -> Self {
        let desk = Desk {
            session: RwSignal::new(stored_session()),
            expired: RwSignal::new(false),
            online: RwSignal::new(true),
            outbox: RwSignal::new(stored_outbox()),
            failures: RwSignal::new(Vec::new()),
            refresh: RwSignal::new(0),
            who: StoredValue::new(identity::get_or_create().ok()),
            pushing: StoredValue::new(false),
        };
        provide_context(desk);
        leptos::task::spawn_local(async move {
            match api::me().await {
                Ok(s) => desk.signed_in(s),
                Err(ClientError::Network) => desk.online.set(false),
                Err(ClientError::Api(_)) => desk.signed_out(),
            }
        });
        werkstadt_web::on_window_event("online", move || desk.flush());
        werkstadt_web::every(15_000, move || {
            if !desk.outbox.with_untracked(Vec::is_empty) {
                desk.flush();
            }
        });
        // New ideas, comments and reports show up without a reload.
        werkstadt_web::on_server_event("/api/sync/events", "changed", move || {
            desk.refresh.update(|n| *n += 1);
        });
        desk
    }

    pub fn signed_in(self, s: StaffSession) {
        if let Some(json) = to_json(&s) {
            let _ = storage_set(SESSION_KEY, &json);
        }
        self.session.set(Some(s));
        self.expired.set(false);
        self.online.set(true);
        self.flush();
    }

    pub fn signed_out(self) {
        storage_remove(SESSION_KEY);
        self.session.set(None);
    }

    pub fn csrf(self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.csrf_token.clone()))
    }

    pub fn is_admin(self) -> bool {
        self.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.role == werkstadt_domain::staff::Role::Admin)
        })
    }

    fn save(self) {
        let list = self.outbox.get_untracked();
        match to_json(&list) {
            Some(json) if storage_set(OUTBOX_KEY, &json).is_ok() => {}
            _ => leptos::logging::warn!("could not store the staff outbox"),
        }
    }

    /// Records a decision: stored first, then sent when possible.
    pub fn decide(self, kind: MutationKind, label: String) {
        let Ok(id) = identity::new_uuid() else { return };
        self.outbox.update(|o| {
            o.push(Pending {
                mutation: Mutation {
                    id: MutationId(id),
                    kind,
                },
                label,
            })
        });
        self.save();
        self.flush();
    }

    /// Whether a decision on this idea or comment waits to be sent.
    pub fn is_pending(self, f: impl Fn(&MutationKind) -> bool) -> bool {
        self.outbox.with(|o| o.iter().any(|p| f(&p.mutation.kind)))
    }

    pub fn dismiss(self, id: MutationId) {
        self.failures.update(|f| f.retain(|x| x.id != id));
    }

    /// Pushes waiting decisions (one push at a time).
    pub fn flush(self) {
        if self.pushing.get_value() || self.outbox.with_untracked(Vec::is_empty) {
            return;
        }
        let (Some(csrf), Some(who)) = (self.csrf(), self.who.get_value()) else {
            self.expired.set(true);
            return;
        };
        self.pushing.set_value(true);
        leptos::task::spawn_local(async move {
            let again = self.push_once(&who, &csrf).await;
            self.pushing.set_value(false);
            match again {
                Some(0) => self.flush(),
                Some(ms) => werkstadt_web::after(ms, move || self.flush()),
                None => {}
            }
        });
    }

    /// One push. `Some(delay)` when to try again (0: at once, more waiting).
    async fn push_once(self, who: &Identity, csrf: &str) -> Option<i32> {
        let batch: Vec<Mutation> = self.outbox.with_untracked(|o| {
            o.iter()
                .take(MAX_PUSH)
                .map(|p| p.mutation.clone())
                .collect()
        });
        let req = PushRequest {
            protocol: PROTOCOL_VERSION,
            mutations: batch,
        };
        match api::push(&req, who, csrf).await {
            Ok(res) => {
                self.online.set(true);
                let mut failed = Vec::new();
                self.outbox.update(|o| {
                    for r in &res.results {
                        if let Some(pos) = o.iter().position(|p| p.mutation.id == r.id) {
                            let p = o.remove(pos);
                            if let Outcome::Rejected { code, message } = &r.outcome {
                                failed.push(Failure {
                                    id: r.id,
                                    label: p.label,
                                    code: *code,
                                    message: message.clone(),
                                });
                            }
                        }
                    }
                });
                self.save();
                if !failed.is_empty() {
                    self.failures.update(|f| f.extend(failed));
                }
                self.refresh.update(|n| *n += 1);
                (!self.outbox.with_untracked(Vec::is_empty)).then_some(0)
            }
            Err(ClientError::Network) => {
                self.online.set(false);
                Some(5_000)
            }
            Err(ClientError::Api(b)) => {
                self.online.set(true);
                match b.code {
                    ErrorCode::StaffRequired
                    | ErrorCode::AuthRequired
                    | ErrorCode::CsrfMismatch => {
                        self.signed_out();
                        self.expired.set(true);
                        None
                    }
                    ErrorCode::Busy | ErrorCode::RateLimited => Some(3_000),
                    _ => {
                        leptos::logging::warn!("push refused: {}", b.message);
                        Some(30_000)
                    }
                }
            }
        }
    }
}

/// Reads a cached answer (for an offline start).
pub fn cached<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    parse(&storage_get(key)?)
}

pub fn cache<T: Serialize>(key: &str, value: &T) {
    if let Some(json) = to_json(value) {
        let _ = storage_set(key, &json);
    }
}

//! The moderator's desk: the staff session, and the outbox of decisions.
//!
//! Decisions are sync mutations. Each is stored (IndexedDB, the apps' one outbox store in
//! `werkstadt_web::outbox`, in a database of the staff app's own) before it is sent, then pushed with the staff session; offline, or after the session ended, they wait
//! and go out once the network and a session are back. The server applies each mutation at
//! most once, so a retried push never decides anything twice; a decision someone else made
//! first comes back rejected (`stale_state`) and is shown as "not applied".
//!
//! Each decision remembers who made it: on a shared tablet, decisions one moderator left
//! waiting are sent only with that moderator's session, so the audit log names the right
//! person; the next person signed in sees them waiting (and may discard them).

use crate::api;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::staff::StaffSession;
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome, MAX_PUSH};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::{parse, to_json, ClientError};
use werkstadt_web::idb::Db;
use werkstadt_web::identity::{self, Identity};
use werkstadt_web::{storage_get, storage_remove, storage_set};

/// The outbox's key in the staff app's database.
const OUTBOX_KEY: &str = "outbox";
/// Where releases before IndexedDB kept it (localStorage): moved over once.
const LEGACY_OUTBOX_KEY: &str = "werkstadt.staff.outbox";
const DB_NAME: &str = "werkstadt-staff";
const SESSION_KEY: &str = "werkstadt.staff.session";
/// The CSRF token of a session whose sign-out has not reached the server yet.
const LOGOUT_KEY: &str = "werkstadt.staff.logout";

/// A decision waiting to be sent, with what it is about (for messages).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The mutation as JSON, exactly as it goes into a push. Never decoded back into Rust
    /// types: that code cost the staff bundle 4 KiB.
    #[serde(with = "werkstadt_web::http::raw_json")]
    pub mutation: String,
    /// The mutation's id (taken from `mutation` when the outbox is read).
    #[serde(skip)]
    pub id: String,
    /// The decided idea's or comment's id (to mark it as waiting).
    #[serde(default)]
    pub target: String,
    /// The idea's title or the comment's beginning.
    pub label: String,
    /// The staff member who decided. Empty in outboxes kept by an earlier release: those go
    /// out with whoever signs in next.
    #[serde(default)]
    pub by: String,
}

impl Pending {
    fn is_by(&self, name: &str) -> bool {
        self.by.is_empty() || self.by == name
    }
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
    /// The device's store; `None` until the stored outbox is read.
    db: StoredValue<Option<Db>, LocalStorage>,
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// The outbox stored on the device (moved over from localStorage once).
async fn stored_outbox(db: &Db) -> Result<Vec<Pending>, ClientError> {
    let same = |a: &Pending, b: &Pending| a.mutation == b.mutation;
    let mut list: Vec<Pending> =
        werkstadt_web::outbox::load(db, OUTBOX_KEY, LEGACY_OUTBOX_KEY, same).await?;
    for p in &mut list {
        p.id = js_sys::JSON::parse(&p.mutation)
            .ok()
            .and_then(|m| js_sys::Reflect::get(&m, &"id".into()).ok())
            .and_then(|id| id.as_string())
            .unwrap_or_default();
    }
    Ok(list)
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
            outbox: RwSignal::new(Vec::new()),
            failures: RwSignal::new(Vec::new()),
            refresh: RwSignal::new(0),
            who: StoredValue::new(identity::get_or_create().ok()),
            pushing: StoredValue::new(false),
            db: StoredValue::new_local(None),
        };
        provide_context(desk);
        leptos::task::spawn_local(async move {
            desk.open_outbox().await;
            if !finish_sign_out().await {
                desk.online.set(false);
                return;
            }
            match api::me().await {
                Ok((s, text)) => desk.signed_in(s, &text),
                Err(ClientError::Api(_)) => desk.signed_out(),
                Err(_) => desk.online.set(false),
            }
        });
        werkstadt_web::on_window_event("online", move || desk.flush());
        werkstadt_web::every(15_000, move || {
            if !desk.outbox.with_untracked(Vec::is_empty) {
                desk.flush();
            }
        });
        // New ideas, comments and reports show up without a reload.
        werkstadt_web::on_server_event("/api/sync/events", "changed", move |_| {
            desk.refresh.update(|n| *n += 1);
        });
        desk
    }

    /// `text`: the server's answer (kept for an offline start).
    pub fn signed_in(self, s: StaffSession, text: &str) {
        let _ = storage_set(SESSION_KEY, text);
        self.session.set(Some(s));
        self.expired.set(false);
        self.online.set(true);
        self.flush();
    }

    /// Signs out here at once and on the server as soon as it is reachable: until then the
    /// session cookie (which the page cannot delete) would sign the same person in again.
    pub async fn sign_out(self) {
        if let Some(csrf) = self.csrf() {
            let _ = storage_set(LOGOUT_KEY, &csrf);
        }
        self.signed_out();
        finish_sign_out().await;
    }

    /// Notifies only on a change: the notice is not redrawn (and re-announced) by each retry.
    fn set_expired(self) {
        if !self.expired.get_untracked() {
            self.expired.set(true);
        }
    }

    pub fn signed_out(self) {
        storage_remove(SESSION_KEY);
        self.session.set(None);
    }

    pub fn csrf(self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.csrf_token.clone()))
    }

    fn me_untracked(self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.username.clone()))
    }

    /// How many of the signed-in person's decisions wait (all of them when nobody is signed
    /// in).
    pub fn waiting_mine(self) -> usize {
        self.session.with(|s| {
            let me = s.as_ref().map(|s| s.username.as_str());
            self.outbox
                .with(|o| o.iter().filter(|p| me.is_none_or(|me| p.is_by(me))).count())
        })
    }

    /// Decisions other staff members left waiting on this device: (name, how many).
    pub fn waiting_others(self) -> Vec<(String, usize)> {
        let Some(me) = self
            .session
            .with(|s| s.as_ref().map(|s| s.username.clone()))
        else {
            return Vec::new();
        };
        let mut by: Vec<(String, usize)> = Vec::new();
        self.outbox.with(|o| {
            for p in o.iter().filter(|p| !p.is_by(&me)) {
                match by.iter_mut().find(|(name, _)| *name == p.by) {
                    Some((_, n)) => *n += 1,
                    None => by.push((p.by.clone(), 1)),
                }
            }
        });
        by
    }

    /// Drops the decisions `name` left waiting on this device (they were never sent).
    pub fn discard_from(self, name: &str) {
        self.outbox.update(|o| o.retain(|p| p.by != name));
        self.save();
    }

    /// The signed-in person's role (tracked).
    pub fn role(self) -> Option<werkstadt_domain::staff::Role> {
        self.session.with(|s| s.as_ref().map(|s| s.role))
    }

    /// Whether the signed-in person moderates (moderators and admins; not DigitalSupporters).
    pub fn can_moderate(self) -> bool {
        self.role()
            .is_some_and(werkstadt_domain::staff::Role::can_moderate)
    }

    pub fn is_admin(self) -> bool {
        self.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.role == werkstadt_domain::staff::Role::Admin)
        })
    }

    /// Reads the stored outbox; decisions taken meanwhile stay (after the stored ones).
    async fn open_outbox(self) {
        let Ok(db) = werkstadt_web::idb::open_named(DB_NAME).await else {
            leptos::logging::warn!("no device storage: decisions are kept in this tab only");
            return;
        };
        let stored = stored_outbox(&db).await.unwrap_or_default();
        self.db.set_value(Some(db));
        // Decisions taken while it was being read go after the stored ones, and are stored.
        let taken_meanwhile = !self.outbox.with_untracked(Vec::is_empty);
        if !stored.is_empty() {
            self.outbox.update(|o| {
                let taken = std::mem::take(o);
                *o = stored;
                o.extend(taken);
            });
        }
        if taken_meanwhile {
            let _ = self.store().await;
        }
    }

    /// Writes the outbox to the device (writes land in the order they were started).
    async fn store(self) -> Result<(), ClientError> {
        let Some(db) = self.db.get_value() else {
            // Not read yet: `open_outbox` stores the list once it is.
            return Ok(());
        };
        let list = self.outbox.get_untracked();
        db.write(
            werkstadt_web::outbox::save(OUTBOX_KEY, &list)
                .into_iter()
                .collect(),
        )
        .await
    }

    fn save(self) {
        leptos::task::spawn_local(async move {
            if self.store().await.is_err() {
                leptos::logging::warn!("could not store the staff outbox");
            }
        });
    }

    /// Records a decision: stored first, then sent when possible.
    pub fn decide(self, kind: MutationKind, label: String) {
        let Ok(id) = identity::new_uuid() else { return };
        let target = match &kind {
            MutationKind::Decide { idea_id, .. } => idea_id.to_string(),
            MutationKind::DecideComment { comment_id, .. } => comment_id.to_string(),
            _ => String::new(),
        };
        let id = MutationId(id);
        let Some(mutation) = to_json(&Mutation { id, kind }) else {
            return;
        };
        self.outbox.update(|o| {
            o.push(Pending {
                mutation,
                id: id.to_string(),
                target,
                label,
                by: self.me_untracked().unwrap_or_default(),
            })
        });
        // On the device first, then out.
        leptos::task::spawn_local(async move {
            if self.store().await.is_err() {
                leptos::logging::warn!("could not store the staff outbox");
            }
            self.flush();
        });
    }

    /// Whether a decision on this idea or comment (its id) waits to be sent.
    pub fn is_pending(self, target: &str) -> bool {
        self.outbox.with(|o| o.iter().any(|p| p.target == target))
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
            self.set_expired();
            return;
        };
        // Only this person's decisions go out with this session.
        let me = self.me_untracked().unwrap_or_default();
        if !self
            .outbox
            .with_untracked(|o| o.iter().any(|p| p.is_by(&me)))
        {
            return;
        }
        self.pushing.set_value(true);
        leptos::task::spawn_local(async move {
            let again = self.push_once(&who, &csrf, &me).await;
            self.pushing.set_value(false);
            match again {
                Some(0) => self.flush(),
                Some(ms) => werkstadt_web::after(ms, move || self.flush()),
                None => {}
            }
        });
    }

    /// One push. `Some(delay)` when to try again (0: at once, more waiting).
    async fn push_once(self, who: &Identity, csrf: &str, me: &str) -> Option<i32> {
        let batch: Vec<String> = self.outbox.with_untracked(|o| {
            o.iter()
                .filter(|p| p.is_by(me))
                .take(MAX_PUSH)
                .map(|p| p.mutation.clone())
                .collect()
        });
        match api::push(&batch, who, csrf).await {
            Ok(res) => {
                self.online.set(true);
                let mut failed = Vec::new();
                self.outbox.update(|o| {
                    for r in &res.results {
                        let id = r.id.to_string();
                        if let Some(pos) = o.iter().position(|p| p.id == id) {
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
                self.outbox
                    .with_untracked(|o| o.iter().any(|p| p.is_by(me)))
                    .then_some(0)
            }
            Err(ClientError::Network | ClientError::Storage | ClientError::Browser) => {
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
                        self.set_expired();
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

/// Ends on the server a session signed out offline. `false` while the server is unreachable.
pub async fn finish_sign_out() -> bool {
    let Some(csrf) = storage_get(LOGOUT_KEY) else {
        return true;
    };
    if let Err(ClientError::Network) = api::logout(&csrf).await {
        return false;
    }
    storage_remove(LOGOUT_KEY);
    true
}

/// Reads a cached answer (for an offline start).
pub fn cached<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    parse(&storage_get(key)?)
}

/// Keeps an answer's text for an offline start.
pub fn keep(key: &str, text: &str) {
    let _ = storage_set(key, text);
}

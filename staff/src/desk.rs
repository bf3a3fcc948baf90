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

mod outbox;

use crate::api;
use leptos::prelude::*;
pub use outbox::{Failure, Pending};
use werkstadt_domain::staff::StaffSession;
use werkstadt_web::http::{parse, ClientError};
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
/// How long a server event waits for the next before the open section refreshes (ms).
const REFRESH_DELAY_MS: i32 = 300;

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
        // New ideas, comments and reports show up without a reload. Events close together
        // (experts saving their sheets, a workshop's burst of ideas) cause one refresh.
        let waiting = StoredValue::new(false);
        werkstadt_web::on_server_event("/api/sync/events", "changed", move |_| {
            if !waiting.get_value() {
                waiting.set_value(true);
                werkstadt_web::after(REFRESH_DELAY_MS, move || {
                    waiting.set_value(false);
                    desk.refresh.update(|n| *n += 1);
                });
            }
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

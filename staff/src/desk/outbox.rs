//! The desk's outbox of decisions: stored on the device before they are sent, pushed with
//! the session of the moderator who made them, kept while offline or signed out.

use super::{Desk, DB_NAME, LEGACY_OUTBOX_KEY, OUTBOX_KEY};
use crate::api;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome, MAX_PUSH};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::{to_json, ClientError};
use werkstadt_web::idb::Db;
use werkstadt_web::identity::{self, Identity};

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
    pub(super) fn is_by(&self, name: &str) -> bool {
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

impl Desk {
    /// Reads the stored outbox; decisions taken meanwhile stay (after the stored ones).
    pub(super) async fn open_outbox(self) {
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

    pub(super) fn save(self) {
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

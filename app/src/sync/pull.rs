//! Pulling the change feed into the replica and the device: from the cursor to the head, page
//! by page, each page stored (with the cursor) in one transaction and shown once stored.

use super::{outbox, put, Sync, OUTBOX, YIELD_EVERY};
use crate::api;
use crate::platform::http::{self, from_js, ClientError};
use crate::platform::idb::{Op, ENTITIES, STATE};
use crate::platform::{self, identity::Identity};
use leptos::prelude::*;
use werkstadt_domain::feed::CoreChange;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::ErrorCode;

/// Where a change is kept in the `entities` store: one record per entity, the latest wins.
fn entity_key(change: &CoreChange) -> Option<String> {
    Some(match change {
        CoreChange::Process(_) => "process".to_owned(),
        CoreChange::Theme(t) => format!("theme:{}", t.id),
        CoreChange::Idea(i) => format!("idea:{}", i.id),
        CoreChange::Comment(c) => format!("comment:{}", c.id),
        CoreChange::MySupport { idea_id, .. } => format!("support:{idea_id}"),
        CoreChange::MyDots { .. } => "dots".to_owned(),
        CoreChange::MyFollow { target, .. } => {
            format!("follow:{}:{}", target.kind(), target.id())
        }
        CoreChange::MyMutation(_) => return None,
    })
}

/// Where a change the first route does not decode is kept on the device: a project (and its
/// tombstone, under the same key) or the decisions on an idea. Decoded by the participation
/// chunk (`Sync::absorb_projects`).
fn raw_key(value: &wasm_bindgen::JsValue) -> Option<String> {
    [
        ("project", "id", "project"),
        ("project_removed", "project_id", "project"),
        ("idea_decisions", "idea_id", "idea_decisions"),
    ]
    .into_iter()
    .find_map(|(kind, field, prefix)| {
        let id = http::field(&http::field(value, kind), field).as_string()?;
        Some(format!("{prefix}:{id}"))
    })
}

impl Sync {
    /// Pulls the feed from the cursor to the head into the replica (in place) and the device.
    pub(super) async fn pull(self, me: &Identity) -> Result<(), ClientError> {
        let Some(db) = self.db.get_value() else {
            return Ok(());
        };
        let mut touched = false;
        loop {
            let cursor = self.cursor.get_value();
            // Start the replica over when the server no longer knows our cursor, or the cursor
            // is from another database (restored from a backup, a new server). The outbox is
            // untouched and pushed as before.
            let page = match api::pull(cursor, me).await {
                Ok(page) if cursor > 0 && page.instance != self.instance.get_value() => None,
                Err(ClientError::Api(b)) if b.code == ErrorCode::ResetRequired => None,
                other => Some(other?),
            };
            let Some(page) = page else {
                self.replica.set_value(Some(Replica::default()));
                self.raw_projects.set_value(Vec::new());
                self.cursor.set_value(0);
                self.pushed_head.set_value(0);
                self.heard_head.set_value(0);
                db.write(vec![Op::Clear(ENTITIES)]).await?;
                touched = true;
                continue;
            };
            let mut ops = Vec::new();
            let mut answers = Vec::new();
            let mut raw = Vec::new();
            for (n, http::Raw(value)) in page.changes.into_iter().enumerate() {
                // A first pull brings thousands: the page stays responsive meanwhile.
                if n % YIELD_EVERY == YIELD_EVERY - 1 {
                    platform::sleep(0).await;
                }
                let Some(change) = from_js::<CoreChange>(value.clone()) else {
                    // A project or decisions on an idea: kept as the server sent them, for the
                    // participation chunk to decode (`domain::feed`). Else a kind this release
                    // does not know yet.
                    if let Some(key) = raw_key(&value) {
                        ops.push(Op::Put(ENTITIES, key, value.clone()));
                        raw.push(value);
                    }
                    continue;
                };
                if let CoreChange::MyMutation(r) = &change {
                    answers.push((r.id, r.outcome.clone()));
                }
                if let Some(key) = entity_key(&change) {
                    ops.push(Op::Put(ENTITIES, key, value));
                }
                self.replica
                    .update_value(|r| r.get_or_insert_with(Replica::default).apply_core(change));
            }
            // A push whose answer was lost is answered here.
            if self.settle(&answers) {
                ops.extend(self.queue.with_value(|q| outbox::save(OUTBOX, q)));
                ops.extend(put(STATE, "rejected", &self.rejected.get_untracked()));
            }
            ops.extend(put(STATE, "cursor", &page.cursor));
            ops.extend(put(STATE, "instance", &page.instance));
            self.instance.set_value(page.instance);
            touched |= ops.len() > 1 || page.cursor != cursor;
            db.write(ops).await?;
            self.cursor.set_value(page.cursor);
            self.keep_raw_projects(raw);
            // Each page shows as soon as it is stored: a first visit fills in page by page.
            if std::mem::take(&mut touched) {
                self.replica_changed.notify();
            }
            if !page.has_more {
                break;
            }
        }
        Ok(())
    }
}

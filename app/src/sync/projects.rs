//! Projects (and committee decisions on ideas) in the replica. The feed's project changes, their
//! tombstones and decisions on ideas are kept as the server sent them
//! (`Sync::raw_projects`) until code that needs projects — the project pages, the news and its
//! count, all in one lazily loaded chunk — decodes them into the replica with
//! [`Sync::absorb_projects`]. The decoder is that chunk's, so the start page's first route does
//! not carry it.

use super::Sync;
use crate::platform::idb::{Db, Op, STATE};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::sync::Change;

impl Sync {
    pub(super) fn keep_raw_projects(self, raw: Vec<JsValue>) {
        if raw.is_empty() {
            return;
        }
        self.raw_projects.update_value(|r| r.extend(raw));
        self.projects_arrived.notify();
    }

    /// Decodes the project changes kept so far into the replica (`decode` is the caller's, in
    /// its chunk). Tracks their arrival: call it in an effect, and each new one is taken in.
    pub fn absorb_projects(self, decode: impl Fn(JsValue) -> Option<Change>) {
        self.projects_arrived.track();
        let raw = self
            .raw_projects
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let changes: Vec<Change> = raw.into_iter().filter_map(decode).collect();
        if changes.is_empty() {
            return;
        }
        self.replica.update_value(|r| {
            let r = r.get_or_insert_with(Replica::default);
            for c in changes {
                r.apply(c);
            }
        });
        self.replica_changed.notify();
    }

    /// The device's store, for what the lazily loaded pages keep there (the news read).
    pub fn device(self) -> Option<Db> {
        self.db.get_value()
    }

    /// Where the news read are kept: per identity (another participant on this device starts
    /// with all unread; deleting one's data clears them with the rest).
    fn news_key(self) -> Option<String> {
        self.me
            .with_value(|m| m.as_ref().map(|m| format!("news_read:{}", m.id)))
    }

    /// Reads the keys of the news read from the device, once.
    pub fn load_news_read(self) {
        if self.news_read.with_untracked(Option::is_some) {
            return;
        }
        let (Some(db), Some(key)) = (self.device(), self.news_key()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let read = db.get(&key).await.ok().and_then(super::http::from_js);
            self.news_read.set(Some(read.unwrap_or_default()));
        });
    }

    /// Stores the keys of the news read (sorted) and shows them.
    pub fn set_news_read(self, keys: Vec<String>) {
        self.news_read.set(Some(keys.clone()));
        if let (Some(db), Some(key), Some(value)) =
            (self.device(), self.news_key(), super::http::to_js(&keys))
        {
            leptos::task::spawn_local(async move {
                let _ = db.write(vec![Op::Put(STATE, key, value)]).await;
            });
        }
    }
}

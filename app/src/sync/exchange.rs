//! One exchange with the server: push the outbox, pull the feed; its triggers, retries with
//! backoff, and what its outcome means for the pages (`online`, `last_sync`, `settled`).

use super::{put, Rejected, Sync, MAX_BACKOFF_MS, STATE};
use crate::api;
use crate::platform::http::ClientError;
use crate::platform::{self, identity::Identity};
use leptos::prelude::*;
use werkstadt_domain::sync::{Mutation, MutationId, Outcome, MAX_PUSH};
use werkstadt_domain::ErrorCode;

impl Sync {
    /// Pushes the outbox and pulls now (or right after the run in progress).
    pub fn sync_now(self) {
        if self.db.with_value(Option::is_none) {
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                self.again.set_value(false);
                let ok = self.run_once().await;
                // A change announced during the run and not pulled yet: one more run for it
                // (the announcement is used up, so it never makes more than one; and only with
                // an identity, else the run does nothing and this would spin).
                if ok
                    && self.heard_head.get_value() > self.cursor.get_value()
                    && self.me.with_value(Option::is_some)
                {
                    self.heard_head.set_value(0);
                    self.again.set_value(true);
                }
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

    /// Takes the server's answers to outbox entries (from a push or the feed).
    pub(super) fn settle(self, answers: &[(MutationId, Outcome)]) -> bool {
        if answers.is_empty() {
            return false;
        }
        let mut rejected = self.rejected.get_untracked();
        let mut queue = self.queue.get_value();
        let mut changed = false;
        for (id, outcome) in answers {
            let Some(pos) = queue.iter().position(|m| m.id == *id) else {
                continue;
            };
            let m = queue.remove(pos);
            changed = true;
            if let Outcome::Rejected { code, message } = outcome {
                rejected.push(Rejected {
                    mutation: m,
                    code: *code,
                    message: message.clone(),
                });
            }
        }
        self.queue.set_value(queue);
        self.rejected.set(rejected);
        changed
    }

    /// One exchange; `false` when it should be retried later.
    async fn run_once(self) -> bool {
        let Some(me) = self.me.get_value() else {
            self.settle_pages();
            return true;
        };
        match self.exchange(&me).await {
            Ok(()) => {
                self.online.set(true);
                self.last_sync.set((js_sys::Date::now() / 1000.0) as u32);
                self.settle_pages();
                true
            }
            Err(ClientError::Network) => {
                self.online.set(false);
                // A replica kept from an earlier visit draws the pages offline.
                if self.cursor.get_value() > 0 {
                    self.settle_pages();
                }
                false
            }
            // The device refused to store what arrived: say so, try again later.
            Err(ClientError::Storage | ClientError::Browser) => {
                self.storage_failed.set(true);
                self.settle_pages();
                false
            }
            Err(ClientError::Api(body)) => {
                self.online.set(true);
                // A first visit's pages stay the server's first screen until a pull works,
                // unless the notice of an outdated release must be seen.
                if self.cursor.get_value() > 0 || body.code == ErrorCode::UpgradeRequired {
                    self.settle_pages();
                }
                match body.code {
                    // Busy: retry the same batch.
                    ErrorCode::Busy => false,
                    // The notice asks for a reload; the browser looks for the new release
                    // (service worker) on that navigation.
                    ErrorCode::UpgradeRequired => {
                        if !self.outdated.get_untracked() {
                            self.outdated.set(true);
                        }
                        true
                    }
                    // Cannot be fixed by retrying (e.g. a wrong secret): keep the outbox and
                    // wait for the next trigger.
                    _ => true,
                }
            }
        }
    }

    pub(super) fn settle_pages(self) {
        if !self.settled.get_untracked() {
            self.settled.set(true);
        }
    }

    async fn exchange(self, me: &Identity) -> Result<(), ClientError> {
        let batch: Vec<Mutation> = self
            .queue
            .with_value(|q| q.iter().take(MAX_PUSH).cloned().collect());
        let mut answers = Vec::new();
        if !batch.is_empty() {
            let res = api::push(batch, me).await?;
            self.pushed_head.set_value(res.cursor);
            answers.extend(res.results.into_iter().map(|r| (r.id, r.outcome)));
            // On the device before anything else: a reload must not push these again.
            if self.settle(&answers) {
                self.save_outbox(
                    put(STATE, "rejected", &self.rejected.get_untracked())
                        .into_iter()
                        .collect(),
                )
                .await?;
            }
        }
        self.pull(me).await?;
        self.pending.set(self.queue.get_value());
        self.again
            .set_value(self.again.get_value() || !self.queue.with_value(Vec::is_empty));
        Ok(())
    }
}

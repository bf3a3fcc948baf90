//! The kiosk's state on the device: its credential, settings and the exit PIN's verifier
//! (localStorage; the PIN itself never), and its own
//! outbox (IndexedDB database `werkstadt-kiosk`, apart from the citizen app's) where each
//! queued mutation keeps the visitor identity it was made with. Pushed in batches, one per
//! visitor (`domain::kiosk::outbox::by_identity`), with the kiosk's credential; an item leaves
//! the outbox once the server answered it (applied, duplicate or refused: there is nobody to
//! show a refusal to). Nothing else a visitor typed is stored.

use crate::platform::http::{self, ClientError};
use crate::platform::idb::{self, Db};
use crate::platform::identity::Identity;
use crate::platform::{self, outbox};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use werkstadt_domain::kiosk::outbox::by_identity;
use werkstadt_domain::kiosk::{KioskPaired, KioskSettings, KIOSK_ID_HEADER, KIOSK_SECRET_HEADER};
use werkstadt_domain::sync::{
    Mutation, MutationKind, PushRequest, PushResponse, MAX_PUSH, PROTOCOL_VERSION,
};
use werkstadt_domain::workshop::Workshop;
use werkstadt_domain::{ErrorCode, ParticipantId};

const SECRET_KEY: &str = "werkstadt.kiosk.secret";
const SETTINGS_KEY: &str = "werkstadt.kiosk.settings";
/// The exit PIN's verifier (`domain::kiosk::PinVerifier`), for leaving offline.
const PIN_KEY: &str = "werkstadt.kiosk.pin";
const DB_NAME: &str = "werkstadt-kiosk";
const OUTBOX: &str = "outbox";
/// How often the kiosk tries to send and says it is alive.
const RETRY_MS: i32 = 5_000;

/// A queued change and the visitor it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub visitor: ParticipantId,
    pub secret: String,
    pub mutation: Mutation,
}

/// The kiosk's credential as stored on the device.
#[derive(Clone)]
pub struct Credential {
    pub secret: String,
    pub settings: KioskSettings,
}

pub fn stored_credential() -> Option<Credential> {
    let secret = platform::storage_get(SECRET_KEY)?;
    let settings = http::parse(&platform::storage_get(SETTINGS_KEY)?)?;
    Some(Credential { secret, settings })
}

fn store_credential(c: &Credential) -> Result<(), ClientError> {
    let json = http::to_json(&c.settings).ok_or(ClientError::Storage)?;
    platform::storage_set(SETTINGS_KEY, &json)?;
    platform::storage_set(SECRET_KEY, &c.secret)
}

/// Pairs this device with a code from the staff app and the exit PIN chosen here.
pub async fn pair(code: String, pin: String) -> Result<Credential, ClientError> {
    let body = http::to_json(&werkstadt_domain::kiosk::PairKiosk {
        code,
        pin: pin.clone(),
    });
    let text = http::fetch_with("POST", "/api/kiosk/pair", body, None, &[]).await?;
    let paired: KioskPaired = http::parse(&text).ok_or_else(http::unexpected)?;
    let c = Credential {
        secret: paired.secret,
        settings: paired.settings,
    };
    store_credential(&c)?;
    // Without WebCrypto the team can leave only online, as before.
    platform::storage_remove(PIN_KEY);
    if let Ok(v) = platform::pin::verifier(&pin).await {
        let _ = platform::storage_set(PIN_KEY, &v.encode());
    }
    Ok(c)
}

/// The exit PIN checked on the device (the server cannot be reached): `None` if this device
/// keeps no verifier (paired before, or a browser without WebCrypto).
pub async fn pin_matches_here(pin: &str) -> Option<bool> {
    let v = werkstadt_domain::kiosk::PinVerifier::parse(&platform::storage_get(PIN_KEY)?)?;
    platform::pin::matches(&v, pin).await.ok()
}

/// The running kiosk: its credential, outbox and connection state.
#[derive(Clone, Copy)]
pub struct Booth {
    pub credential: StoredValue<Credential>,
    /// Seconds without a touch before the kiosk starts over.
    pub reset_seconds: RwSignal<u32>,
    /// The workshop it serves: while it runs, its modules are what the kiosk offers.
    pub workshop: RwSignal<Option<Workshop>>,
    /// Changes waiting to be sent (their number only: the kiosk never shows them).
    pub waiting: RwSignal<usize>,
    pub revoked: RwSignal<bool>,
    queue: StoredValue<Vec<Queued>>,
    db: StoredValue<Option<Db>, LocalStorage>,
    running: StoredValue<bool>,
}

impl Booth {
    pub fn start(credential: Credential) -> Self {
        let booth = Self {
            reset_seconds: RwSignal::new(credential.settings.reset_seconds),
            workshop: RwSignal::new(credential.settings.workshop.clone()),
            credential: StoredValue::new(credential),
            waiting: RwSignal::new(0),
            revoked: RwSignal::new(false),
            queue: StoredValue::new(Vec::new()),
            db: StoredValue::new_local(None),
            running: StoredValue::new(false),
        };
        leptos::task::spawn_local(async move {
            if let Ok(db) = idb::open_named(DB_NAME).await {
                let list: Vec<Queued> = outbox::load(&db, OUTBOX, "", |a: &Queued, b| {
                    a.mutation.id == b.mutation.id
                })
                .await
                .unwrap_or_default();
                booth.db.set_value(Some(db));
                booth.queue.update_value(|q| {
                    let newer = std::mem::replace(q, list);
                    q.extend(newer);
                });
                booth.waiting.set(booth.queue.with_value(Vec::len));
            }
            booth.refresh().await;
            booth.flush().await;
        });
        // Once the kiosk page is gone, the ticks find no signal and do nothing.
        platform::every(RETRY_MS, move || {
            if booth.waiting.try_get_untracked().is_some() {
                leptos::task::spawn_local(async move {
                    booth.refresh().await;
                    booth.flush().await;
                })
            }
        });
        let online = window_event_listener(leptos::ev::online, move |_| {
            leptos::task::spawn_local(booth.flush())
        });
        on_cleanup(move || online.remove());
        booth
    }

    fn headers(self) -> [(&'static str, String); 2] {
        self.credential.with_value(|c| {
            [
                (KIOSK_ID_HEADER, c.settings.kiosk_id.clone()),
                (KIOSK_SECRET_HEADER, c.secret.clone()),
            ]
        })
    }

    /// A kiosk request with its credential (and a visitor's identity for a push).
    pub async fn request(
        self,
        method: &str,
        path: &str,
        body: Option<String>,
        who: Option<&Identity>,
    ) -> Result<String, ClientError> {
        let h = self.headers();
        let extra = [(h[0].0, h[0].1.as_str()), (h[1].0, h[1].1.as_str())];
        let result = http::fetch_with(method, path, body, who, &extra).await;
        if let Err(ClientError::Api(b)) = &result {
            if b.code == ErrorCode::KioskRevoked {
                self.revoked.set(true);
            }
        }
        result
    }

    /// Forgets the kiosk on this device once staff revoked it: its credential, and the
    /// outbox, which the server will never take from it (the visitors' text goes with it).
    pub async fn forget(self) {
        self.queue.update_value(Vec::clear);
        let _ = self.save().await;
        platform::storage_remove(SECRET_KEY);
        platform::storage_remove(SETTINGS_KEY);
        platform::storage_remove(PIN_KEY);
    }

    /// The settings from the server (a workshop may change its reset time and modules); a
    /// sign of life.
    async fn refresh(self) {
        if let Ok(text) = self.request("GET", "/api/kiosk/me", None, None).await {
            if let Some(settings) = http::parse::<KioskSettings>(&text) {
                self.reset_seconds.set(settings.reset_seconds);
                if self.workshop.with_untracked(|w| *w != settings.workshop) {
                    self.workshop.set(settings.workshop.clone());
                }
                self.credential.update_value(|c| c.settings = settings);
                let _ = self.credential.with_value(store_credential);
            }
        }
    }

    async fn save(self) -> Result<(), ClientError> {
        let db = self.db.get_value().ok_or(ClientError::Storage)?;
        let list = self.queue.get_value();
        self.waiting.set(list.len());
        db.write(outbox::save(OUTBOX, &list).into_iter().collect())
            .await
    }

    /// Queues a visitor's change; stored on the device before this returns.
    pub async fn enqueue(self, who: &Identity, kind: MutationKind) -> Result<(), ClientError> {
        let mutation = Mutation {
            id: werkstadt_domain::sync::MutationId(platform::identity::new_uuid()?),
            kind,
        };
        self.queue.update_value(|q| {
            q.push(Queued {
                visitor: who.id,
                secret: who.secret.clone(),
                mutation,
            })
        });
        self.save().await?;
        leptos::task::spawn_local(self.flush());
        Ok(())
    }

    /// Sends the outbox, one visitor's batch after the other, until it is empty or the
    /// server cannot take more now.
    pub async fn flush(self) {
        if self.running.get_value() || self.revoked.get_untracked() {
            return;
        }
        self.running.set_value(true);
        loop {
            let batch = self.queue.with_value(|q| {
                by_identity(q, |item| (item.visitor, item.secret.clone()))
                    .into_iter()
                    .next()
                    .map(|((id, secret), items)| {
                        let mutations: Vec<Mutation> = items
                            .iter()
                            .take(MAX_PUSH)
                            .map(|i| i.mutation.clone())
                            .collect();
                        (Identity { id, secret }, mutations)
                    })
            });
            let Some((who, mutations)) = batch else { break };
            // The server counts a kiosk's visitors for the workshop the kiosk serves.
            let req = PushRequest {
                protocol: PROTOCOL_VERSION,
                mutations,
            };
            let body = http::to_json(&req);
            let answered: Vec<_> = match self
                .request("POST", "/api/sync/push", body, Some(&who))
                .await
            {
                Ok(text) => match http::parse::<PushResponse>(&text) {
                    Some(res) => res.results.into_iter().map(|r| r.id).collect(),
                    None => break,
                },
                // This visitor's changes can never be taken (not this kiosk's, malformed):
                // drop them rather than hold up everyone after them.
                Err(ClientError::Api(b)) if !retryable(b.code) => {
                    req.mutations.iter().map(|m| m.id).collect()
                }
                Err(_) => break,
            };
            self.queue
                .update_value(|q| q.retain(|i| !answered.contains(&i.mutation.id)));
            if self.save().await.is_err() || answered.is_empty() {
                break;
            }
        }
        self.running.set_value(false);
    }
}

/// Errors after which the same batch may succeed later.
fn retryable(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::RateLimited
            | ErrorCode::Busy
            | ErrorCode::KioskRevoked
            | ErrorCode::KioskInvalid
            | ErrorCode::UpgradeRequired
            | ErrorCode::Internal
            | ErrorCode::Unknown
    )
}

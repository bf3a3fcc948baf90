//! IndexedDB, the device's durable store: the outbox, the rejected list and the replica
//! survive reloads, app updates and weeks offline.
//!
//! Schema (database `werkstadt`, version [`VERSION`]; upgrades add to it in `upgrade`):
//! - `state`: small records by name (`outbox`, `rejected`, `cursor`, `owner`).
//! - `entities`: the replica, one record per entity (key e.g. `idea:<id>`), each the latest
//!   change the server sent for it.
//!
//! Every write is one transaction that completes before the returned future does, so the
//! caller only confirms what is on disk. All requests of a transaction are issued at once
//! (no awaiting in between), which keeps transactions from committing early.
//!
//! A thin wrapper over web-sys rather than a crate such as `idb`: the app is held to a size
//! budget and needs four operations.

use crate::error::ClientError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "werkstadt";
pub const VERSION: u32 = 1;
pub const STATE: &str = "state";
pub const ENTITIES: &str = "entities";

#[derive(Clone)]
pub struct Db(IdbDatabase);

pub enum Op {
    Put(&'static str, String, JsValue),
    Clear(&'static str),
}

fn failed(_: JsValue) -> ClientError {
    ClientError::Storage
}

/// Resolves with the request's result once it succeeded.
/// Puts placed in one task by [`Db::write`].
const WRITE_SLICE: usize = 100;

async fn finished(req: &IdbRequest) -> Result<JsValue, ClientError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(failed)
}

async fn completed(tx: &IdbTransaction) -> Result<(), ClientError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject = std::rc::Rc::new(reject);
        let r2 = reject.clone();
        let err = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        let abort = Closure::once_into_js(move || {
            let _ = r2.call0(&JsValue::NULL);
        });
        tx.set_oncomplete(Some(ok.unchecked_ref()));
        tx.set_onerror(Some(err.unchecked_ref()));
        tx.set_onabort(Some(abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(failed)
}

/// Creates what is missing, whatever version the device had (0 = never opened).
fn upgrade(db: &IdbDatabase) {
    let names = db.object_store_names();
    for store in [STATE, ENTITIES] {
        if !names.contains(store) {
            let _ = db.create_object_store(store);
        }
    }
}

/// The citizen app's database.
pub async fn open() -> Result<Db, ClientError> {
    open_named(NAME).await
}

/// A database of its own (the staff app's: a citizen deleting their data on a shared device
/// clears theirs, never the staff's waiting decisions).
pub async fn open_named(name: &str) -> Result<Db, ClientError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(ClientError::Storage)?;
    let req = factory.open_with_u32(name, VERSION).map_err(failed)?;
    let r = req.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = r.result() {
            upgrade(db.unchecked_ref());
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = finished(&req).await?.unchecked_into();
    // A newer release in another tab wants to upgrade the schema: let it.
    let d = db.clone();
    let on_change = Closure::<dyn Fn()>::new(move || d.close());
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    Ok(Db(db))
}

impl Db {
    fn tx(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, ClientError> {
        let names = js_sys::Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        self.0
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(failed)
    }

    /// One record of the `state` store.
    pub async fn get(&self, key: &str) -> Result<JsValue, ClientError> {
        let tx = self.tx(&[STATE], IdbTransactionMode::Readonly)?;
        let req = tx
            .object_store(STATE)
            .and_then(|s| s.get(&JsValue::from_str(key)))
            .map_err(failed)?;
        finished(&req).await
    }

    /// Every record of a store, in key order.
    pub async fn all(&self, store: &str) -> Result<js_sys::Array, ClientError> {
        let tx = self.tx(&[store], IdbTransactionMode::Readonly)?;
        let req = tx
            .object_store(store)
            .and_then(|s| s.get_all())
            .map_err(failed)?;
        Ok(finished(&req).await?.unchecked_into())
    }

    /// Applies all `ops` in one transaction; returns once it is committed. A value is cloned
    /// when its put is placed, so many puts (a first pull's page of 1,000 ideas) are placed in
    /// slices, each from the success of the previous slice's last request: a task of its own,
    /// while the transaction stays open and the write stays all or nothing.
    pub async fn write(&self, ops: Vec<Op>) -> Result<(), ClientError> {
        let tx = self.tx(&[STATE, ENTITIES], IdbTransactionMode::Readwrite)?;
        for (n, op) in ops.into_iter().enumerate() {
            let req = match op {
                Op::Put(store, key, value) => tx
                    .object_store(store)
                    .and_then(|s| s.put_with_key(&value, &JsValue::from_str(&key))),
                Op::Clear(store) => tx.object_store(store).and_then(|s| s.clear()),
            }
            .map_err(failed)?;
            if n % WRITE_SLICE == WRITE_SLICE - 1 {
                finished(&req).await?;
            }
        }
        completed(&tx).await
    }
}

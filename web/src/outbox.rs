//! The one outbox store of both apps: a list of waiting actions kept in IndexedDB (the
//! `state` store, one key per app), read once at start and written whole, in one transaction
//! with whatever else changes with it, before an action is confirmed.
//!
//! Older releases kept outboxes in localStorage: [`load`] moves such a list over once, in the
//! same transaction that stores the merged list, and only then removes the old copy.

use crate::error::ClientError;
use crate::http::{from_js, parse, to_js};
use crate::idb::{Db, Op, STATE};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The stored list under `key`, with a list an older release kept in localStorage under
/// `legacy` appended (then stored and removed there). `same` tells a moved item that is
/// already in the list (a move interrupted before it removed the old copy).
pub async fn load<T: DeserializeOwned + Serialize>(
    db: &Db,
    key: &str,
    legacy: &str,
    same: impl Fn(&T, &T) -> bool,
) -> Result<Vec<T>, ClientError> {
    let mut list: Vec<T> = from_js(db.get(key).await?).unwrap_or_default();
    if let Some(text) = crate::storage_get(legacy) {
        for item in parse::<Vec<T>>(&text).unwrap_or_default() {
            if !list.iter().any(|x| same(x, &item)) {
                list.push(item);
            }
        }
        db.write(save(key, &list).into_iter().collect()).await?;
        crate::storage_remove(legacy);
    }
    Ok(list)
}

/// The write that stores `list` under `key` (to go into a transaction with other writes).
pub fn save<T: Serialize>(key: &str, list: &[T]) -> Option<Op> {
    Some(Op::Put(STATE, key.to_owned(), to_js(&list)?))
}

//! Participants: their pseudonymous identity, registered on first write, checked on every read of their own data.

use super::rows::now_ms;
use super::{kiosks, Caller, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::ParticipantId;

/// Compares two hashes without an early exit, so timing does not leak how much matched.
fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn stored_hash(tx: &Connection, id: ParticipantId) -> Result<Option<String>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT secret_hash FROM participant WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The kiosk a request came through, its credential checked (revoked or unknown: refused).
fn kiosk(tx: &Connection, caller: &Caller) -> Result<Option<kiosks::Kiosk>, StoreError> {
    caller
        .kiosk
        .as_ref()
        .map(|key| kiosks::authenticate(tx, key))
        .transpose()
}

/// Refuses a known participant id presented with a different secret, and through a kiosk a
/// participant that kiosk did not create.
pub fn check_participant(tx: &Connection, caller: &Caller) -> Result<(), StoreError> {
    let kiosk = kiosk(tx, caller)?;
    match stored_hash(tx, caller.id)? {
        Some(h) if !hashes_equal(&h, &caller.secret_hash) => Err(StoreError::WrongSecret),
        Some(_) => match kiosk {
            Some(k) => kiosks::vouches_for(tx, &k, caller),
            None => Ok(()),
        },
        None => Ok(()),
    }
}

/// Registers the participant on first write (the identity may have been created offline),
/// or checks the secret of a known one. Through a kiosk, a new participant is that kiosk's
/// visitor (rate-limited, tagged with the kiosk channel), and a known one must be.
pub fn ensure_participant(tx: &Connection, caller: &Caller) -> Result<(), StoreError> {
    let kiosk = kiosk(tx, caller)?;
    match stored_hash(tx, caller.id)? {
        Some(h) if hashes_equal(&h, &caller.secret_hash) => match kiosk {
            Some(k) => kiosks::vouches_for(tx, &k, caller),
            None => Ok(()),
        },
        Some(_) => Err(StoreError::WrongSecret),
        None => {
            tx.execute(
                "INSERT INTO participant (id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
                params![caller.id.to_string(), caller.secret_hash, now_ms()],
            )?;
            match kiosk {
                Some(k) => kiosks::admit_visitor(tx, &k, caller),
                None => Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_comparison() {
        assert!(hashes_equal("abc", "abc"));
        assert!(!hashes_equal("abc", "abd"));
        assert!(!hashes_equal("abc", "abcd"));
    }
}

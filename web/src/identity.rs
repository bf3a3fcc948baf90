//! The participant's pseudonymous identity: a UUIDv7 and a 32-byte secret, created on this
//! device on first use (also offline) and kept in localStorage. The server only ever stores a
//! hash of the secret.
//!
//! Stored as two plain strings (no JSON): keeps a JSON parser out of the wasm.

use crate::error::ClientError;
use werkstadt_domain::api::SECRET_HEX_LEN;
use werkstadt_domain::ids::uuid_v7;
use werkstadt_domain::ParticipantId;

const ID_KEY: &str = "werkstadt.participant.id";
const SECRET_KEY: &str = "werkstadt.participant.secret";

#[derive(Clone)]
pub struct Identity {
    pub id: ParticipantId,
    pub secret: String,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

fn stored() -> Option<Identity> {
    let id = super::storage_get(ID_KEY)?.parse().ok()?;
    let secret = super::storage_get(SECRET_KEY)?;
    (secret.len() == SECRET_HEX_LEN && secret.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(Identity { id, secret })
}

/// The stored identity, or a new one (stored before it is returned).
pub fn get_or_create() -> Result<Identity, ClientError> {
    if let Some(found) = stored() {
        return Ok(found);
    }
    let identity = fresh()?;
    super::storage_set(SECRET_KEY, &identity.secret)?;
    super::storage_set(ID_KEY, &identity.id.to_string())?;
    Ok(identity)
}

/// A new identity, not stored (a kiosk makes one per visitor and keeps it only in memory and
/// with the visitor's queued changes).
pub fn fresh() -> Result<Identity, ClientError> {
    let mut secret = [0u8; 32];
    super::random_bytes(&mut secret)?;
    Ok(Identity {
        id: ParticipantId(new_uuid()?),
        secret: secret.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// Forgets this device's identity (after the participant deleted it on the server): the next
/// start creates a new, unrelated one.
pub fn forget() {
    super::storage_remove(ID_KEY);
    super::storage_remove(SECRET_KEY);
}

/// A new client-generated id (UUIDv7) for something the participant creates.
pub fn new_uuid() -> Result<uuid::Uuid, ClientError> {
    let mut rand = [0u8; 10];
    super::random_bytes(&mut rand)?;
    Ok(uuid_v7(super::now_ms(), rand))
}

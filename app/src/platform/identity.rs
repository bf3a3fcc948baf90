//! The participant's pseudonymous identity: a UUIDv7 and a 32-byte secret, created on this
//! device on first use (also offline) and kept in localStorage. The server only ever stores a
//! hash of the secret.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use werkstadt_domain::ids::uuid_v7;
use werkstadt_domain::ParticipantId;

const KEY: &str = "werkstadt.identity";

#[derive(Clone, Serialize, Deserialize)]
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

/// The stored identity, or a new one (stored before it is returned).
pub fn get_or_create() -> Result<Identity, String> {
    if let Ok(found) = LocalStorage::get::<Identity>(KEY) {
        return Ok(found);
    }
    let mut rand = [0u8; 10];
    super::random_bytes(&mut rand)?;
    let mut secret = [0u8; 32];
    super::random_bytes(&mut secret)?;
    let identity = Identity {
        id: ParticipantId(uuid_v7(super::now_ms(), rand)),
        secret: secret.iter().map(|b| format!("{b:02x}")).collect(),
    };
    LocalStorage::set(KEY, &identity).map_err(|e| e.to_string())?;
    Ok(identity)
}

/// A new client-generated id (UUIDv7) for something the participant creates.
pub fn new_uuid() -> Result<uuid::Uuid, String> {
    let mut rand = [0u8; 10];
    super::random_bytes(&mut rand)?;
    Ok(uuid_v7(super::now_ms(), rand))
}

//! Deleting the participant's identity: on the server first, then everything this device
//! keeps of it (replica, outbox, rejected items, the identity itself).

use super::Sync;
use crate::platform::idb::{ENTITIES, STATE};
use crate::platform::{self, http::ClientError, idb::Op};
use leptos::prelude::*;

impl Sync {
    /// Deletes the identity on the server (`DELETE /api/me`), then forgets it here. Syncing
    /// stops first and a sync in progress is waited for, so no push under the old identity
    /// follows the deletion (it would create the identity again). On failure (offline) nothing
    /// is lost: syncing resumes with the identity as it was.
    pub async fn delete_identity(self) -> Result<(), ClientError> {
        let Some(me) = self.me.get_value() else {
            return Err(ClientError::Network);
        };
        self.me.set_value(None);
        while self.running.get_value() {
            platform::sleep(50).await;
        }
        if let Err(e) = platform::http::send("DELETE", "/api/me", &me).await {
            self.me.set_value(Some(me));
            return Err(e);
        }
        self.queue.set_value(Vec::new());
        if let Some(db) = self.db.get_value() {
            // Best effort: the identity is gone on the server either way, and a replica that
            // belongs to no identity is dropped on the next start.
            let _ = db.write(vec![Op::Clear(ENTITIES), Op::Clear(STATE)]).await;
        }
        platform::identity::forget();
        Ok(())
    }
}

//! The life cycle of a staff account: deactivation and reactivation by an admin, a password
//! reset by an admin, a password change by its owner.
//!
//! Invariants: a deactivated account has no sessions (they are deleted in the transaction that
//! deactivates it) and cannot sign in; there is always at least one active admin; a new
//! password ends every session of the account but the one that set it (its owner's, when they
//! change their own). Every change is one audit line with before and after.

use super::rows::now_ms;
use super::staff::{append_audit, Audit};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::staff::Role;

/// An account as its life cycle needs it.
struct Account {
    id: String,
    role: String,
    active: bool,
    password_set_at: i64,
}

fn account(tx: &Connection, username: &str) -> Result<Account, StoreError> {
    tx.query_row(
        "SELECT id, role, deactivated_at IS NULL, COALESCE(password_set_at, created_at)
         FROM staff WHERE username = ?1",
        [username],
        |r| {
            Ok(Account {
                id: r.get(0)?,
                role: r.get(1)?,
                active: r.get(2)?,
                password_set_at: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::UnknownStaff)
}

/// Ends the account's sessions, but `keep` (a token hash); how many ended.
fn end_sessions(tx: &Connection, staff_id: &str, keep: Option<&str>) -> Result<usize, StoreError> {
    Ok(tx.execute(
        "DELETE FROM staff_session WHERE staff_id = ?1 AND token_hash IS NOT ?2",
        params![staff_id, keep],
    )?)
}

fn set_password(
    tx: &Connection,
    actor_id: &str,
    action: &'static str,
    username: &str,
    password_hash: &str,
    keep: Option<&str>,
) -> Result<(), StoreError> {
    let before = account(tx, username)?;
    let now = now_ms();
    tx.execute(
        "UPDATE staff SET password_hash = ?2, password_set_at = ?3 WHERE id = ?1",
        params![before.id, password_hash, now],
    )?;
    let ended = end_sessions(tx, &before.id, keep)?;
    append_audit(
        tx,
        &Audit {
            actor_id: actor_id.to_owned(),
            action,
            target: username.to_owned(),
            before: Some(
                serde_json::json!({"password_set_at": before.password_set_at}).to_string(),
            ),
            after: Some(
                serde_json::json!({"password_set_at": now, "sessions_ended": ended}).to_string(),
            ),
        },
    )
}

impl Store {
    /// Deactivates (ending its sessions) or reactivates the account `username`. Refuses to
    /// deactivate the last active admin ([`StoreError::LastAdmin`]), also when an admin
    /// deactivates themself; otherwise deactivating oneself is allowed (another admin remains).
    pub async fn set_staff_active(
        &self,
        actor_id: String,
        username: String,
        active: bool,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let before = account(tx, &username)?;
            let mut ended = 0;
            if active {
                tx.execute(
                    "UPDATE staff SET deactivated_at = NULL WHERE id = ?1",
                    [&before.id],
                )?;
            } else {
                if before.active && before.role == Role::Admin.as_str() {
                    let others: i64 = tx.query_row(
                        "SELECT COUNT(*) FROM staff
                         WHERE role = ?1 AND deactivated_at IS NULL AND id <> ?2",
                        params![Role::Admin.as_str(), before.id],
                        |r| r.get(0),
                    )?;
                    if others == 0 {
                        return Err(StoreError::LastAdmin);
                    }
                }
                tx.execute(
                    "UPDATE staff SET deactivated_at = COALESCE(deactivated_at, ?2) WHERE id = ?1",
                    params![before.id, now_ms()],
                )?;
                ended = end_sessions(tx, &before.id, None)?;
            }
            append_audit(
                tx,
                &Audit {
                    actor_id,
                    action: if active {
                        "staff.activate"
                    } else {
                        "staff.deactivate"
                    },
                    target: username,
                    before: Some(serde_json::json!({"active": before.active}).to_string()),
                    after: Some(
                        serde_json::json!({"active": active, "sessions_ended": ended}).to_string(),
                    ),
                },
            )
        })
        .await
    }

    /// An admin sets a new password for `username` (already hashed); all its sessions end.
    pub async fn reset_staff_password(
        &self,
        actor_id: String,
        username: String,
        password_hash: String,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            set_password(
                tx,
                &actor_id,
                "staff.password_reset",
                &username,
                &password_hash,
                None,
            )
        })
        .await
    }

    /// A staff member's new password of their own (the current one was checked); their other
    /// sessions end, the one with `keep_session` (a token hash) stays.
    pub async fn change_own_password(
        &self,
        staff_id: String,
        password_hash: String,
        keep_session: String,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let username: String = tx
                .query_row(
                    "SELECT username FROM staff WHERE id = ?1",
                    [&staff_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(StoreError::UnknownStaff)?;
            set_password(
                tx,
                &staff_id,
                "staff.password_change",
                &username,
                &password_hash,
                Some(&keep_session),
            )
        })
        .await
    }

    /// The password hash of an account (to check a staff member's current password).
    pub async fn staff_password_hash(&self, staff_id: String) -> Result<String, StoreError> {
        self.read(move |tx| {
            tx.query_row(
                "SELECT password_hash FROM staff WHERE id = ?1",
                [staff_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::UnknownStaff)
        })
        .await
    }
}

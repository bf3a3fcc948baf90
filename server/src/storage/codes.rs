//! Participation codes: issued in batches by admins (only hashes stored), redeemed once by a
//! participant, who is then verified; and the process switch "verified votes only".

use super::rows::now_ms;
use super::staff::{append_audit, Audit};
use super::{Caller, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use werkstadt_domain::ErrorCode;

pub fn code_hash(canonical: &str) -> String {
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Rejects a support or dot vote of a participant who has not redeemed a code (for processes
/// that count verified participants only).
pub fn require_verified(tx: &Connection, who: &str) -> Result<(), StoreError> {
    let verified: bool = tx
        .prepare_cached("SELECT verified_at IS NOT NULL FROM participant WHERE id = ?1")?
        .query_row([who], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if verified {
        Ok(())
    } else {
        Err(StoreError::Code(ErrorCode::VerificationRequired))
    }
}

impl Store {
    /// Stores the hashes of a new batch; recorded in the audit log (without the codes).
    pub async fn issue_codes(
        &self,
        staff_id: String,
        label: String,
        canonical_codes: Vec<String>,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let now = now_ms();
            let mut insert = tx.prepare_cached(
                "INSERT INTO participation_code (code_hash, label, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for c in &canonical_codes {
                insert.execute(params![code_hash(c), label, staff_id, now])?;
            }
            append_audit(
                tx,
                &Audit {
                    actor_id: staff_id.clone(),
                    action: "codes.issue",
                    target: label.clone(),
                    before: None,
                    after: Some(serde_json::json!({"count": canonical_codes.len()}).to_string()),
                },
            )
        })
        .await
    }

    /// Redeems a code for the caller: verified from now on. A code works once; a participant
    /// who is already verified keeps theirs and the code stays unused.
    pub async fn redeem_code(&self, caller: Caller, canonical: String) -> Result<(), StoreError> {
        self.write(move |tx| {
            super::participants::ensure_participant(tx, &caller)?;
            let who = caller.id.to_string();
            let hash = code_hash(&canonical);
            let state: Option<Option<String>> = tx
                .query_row(
                    "SELECT redeemed_by FROM participation_code WHERE code_hash = ?1",
                    [&hash],
                    |r| r.get(0),
                )
                .optional()?;
            match state {
                None => return Err(StoreError::Code(ErrorCode::CodeInvalid)),
                Some(Some(by)) if by == who => return Ok(()),
                Some(Some(_)) => return Err(StoreError::Code(ErrorCode::CodeUsed)),
                Some(None) => {}
            }
            let verified: bool = tx.query_row(
                "SELECT verified_at IS NOT NULL FROM participant WHERE id = ?1",
                [&who],
                |r| r.get(0),
            )?;
            if verified {
                return Ok(());
            }
            let now = now_ms();
            tx.execute(
                "UPDATE participation_code SET redeemed_by = ?2, redeemed_at = ?3 WHERE code_hash = ?1",
                params![hash, who, now],
            )?;
            tx.execute(
                "UPDATE participant SET verified_at = ?2 WHERE id = ?1",
                params![who, now],
            )?;
            // Their votes count now where only verified ones do: the apps get the new tallies.
            super::verified::touch_verified(tx, &who)
        })
        .await
    }

    /// Switches "verified votes only" for the current process: from now on its tallies count
    /// the votes of verified participants only (or all again); every idea and theme whose
    /// shown number changes goes into the change feed.
    pub async fn set_verified_only(&self, staff_id: String, on: bool) -> Result<(), StoreError> {
        self.write(move |tx| {
            let before = super::processes::current_process(tx)?;
            super::moderation::update_process_setting(
                tx,
                &staff_id,
                "verified_only",
                "process.verified_only",
                i64::from(on).into(),
            )?;
            if before.verified_only != on {
                super::verified::touch_switched(tx, &before.id.to_string())?;
            }
            Ok(())
        })
        .await
    }
}

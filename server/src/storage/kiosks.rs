//! Kiosks: set up by staff with a pairing code, paired by a device (which then holds only a
//! kiosk credential), revoked by staff. The credential vouches for the participants the kiosk
//! creates (`participants`), at most [`VISITORS_PER_MINUTE`] a minute.

use super::channels::{self, Origin};
use super::rows::now_ms;
use super::staff::audit_change;
use super::{Caller, KioskKey, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::channel::Channel;
use werkstadt_domain::kiosk::{
    KioskRecord, KioskSettings, PAIRING_MINUTES, RESET_DEFAULT_SECS, VISITORS_PER_MINUTE,
};
use werkstadt_domain::ErrorCode;

/// A kiosk whose credential checked out.
pub struct Kiosk {
    pub id: String,
    pub workshop_id: Option<String>,
}

/// A validated kiosk set-up (the pairing code already hashed).
pub struct KioskDraft {
    pub label: String,
    pub reset_seconds: Option<u32>,
    pub workshop_id: Option<String>,
    pub code_hash: String,
}

/// The kiosk behind a credential; revoked, unknown or wrong secret is refused.
pub fn authenticate(tx: &Connection, key: &KioskKey) -> Result<Kiosk, StoreError> {
    let row: Option<(Option<String>, Option<i64>, Option<String>)> = tx
        .prepare_cached("SELECT secret_hash, revoked_at, workshop_id FROM kiosk WHERE id = ?1")?
        .query_row([&key.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        Some((Some(hash), revoked, workshop_id)) if crate::auth::same(&hash, &key.secret_hash) => {
            if revoked.is_some() {
                Err(StoreError::Kiosk(ErrorCode::KioskRevoked))
            } else {
                Ok(Kiosk {
                    id: key.id.clone(),
                    workshop_id,
                })
            }
        }
        _ => Err(StoreError::Kiosk(ErrorCode::KioskInvalid)),
    }
}

/// A kiosk may act only for a participant it created.
pub fn vouches_for(tx: &Connection, kiosk: &Kiosk, caller: &Caller) -> Result<(), StoreError> {
    match channels::kiosk_of(tx, caller.id)? {
        Some(k) if k == kiosk.id => Ok(()),
        _ => Err(StoreError::Kiosk(ErrorCode::NotKioskVisitor)),
    }
}

/// Registers a new visitor of the kiosk: rate-limited per kiosk, tagged with its channel.
pub fn admit_visitor(tx: &Connection, kiosk: &Kiosk, caller: &Caller) -> Result<(), StoreError> {
    let recent: i64 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM participant_channel WHERE kiosk_id = ?1 AND created_at > ?2",
        )?
        .query_row(params![kiosk.id, now_ms() - 60_000], |r| r.get(0))?;
    if recent >= i64::from(VISITORS_PER_MINUTE) {
        return Err(StoreError::Kiosk(ErrorCode::RateLimited));
    }
    let origin = Origin {
        kiosk_id: Some(&kiosk.id),
        workshop_id: kiosk.workshop_id.as_deref(),
    };
    channels::tag(tx, caller.id, Channel::Kiosk, origin)
}

fn seen(tx: &Connection, id: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE kiosk SET last_seen = ?2 WHERE id = ?1",
        params![id, now_ms()],
    )?;
    Ok(())
}

/// A kiosk's reset time now: its own, or its workshop's current one if it follows it (and
/// the workshop still exists). Reads `k` (kiosk) and `w` (its workshop, left-joined).
const RESET_NOW: &str =
    "CASE WHEN k.own_reset = 0 AND w.reset_secs IS NOT NULL THEN w.reset_secs ELSE k.reset_seconds END";

fn settings(tx: &Connection, id: &str) -> Result<KioskSettings, StoreError> {
    let mut s = tx
        .prepare_cached(&format!(
            "SELECT k.label, {RESET_NOW}, k.workshop_id
               FROM kiosk k LEFT JOIN workshop w ON w.id = k.workshop_id WHERE k.id = ?1"
        ))?
        .query_row([id], |r| {
            Ok(KioskSettings {
                kiosk_id: id.to_owned(),
                label: r.get(0)?,
                reset_seconds: r.get(1)?,
                workshop_id: r.get(2)?,
                workshop: None,
            })
        })
        .optional()?
        .ok_or(StoreError::Kiosk(ErrorCode::KioskInvalid))?;
    // The workshop it serves, for the modules it offers while it runs (gone: none).
    s.workshop = match s.workshop_id.as_deref().and_then(|w| w.parse().ok()) {
        Some(w) => match super::workshops::by_id(tx, werkstadt_domain::ids::WorkshopId(w)) {
            Ok(w) => Some(w),
            Err(StoreError::UnknownWorkshop) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    Ok(s)
}

impl Store {
    /// Sets up a kiosk with an open pairing code; returns its id and the code's expiry.
    pub async fn create_kiosk(
        &self,
        staff_id: String,
        draft: KioskDraft,
    ) -> Result<(String, i64), StoreError> {
        self.write(move |tx| {
            // The workshop it serves must exist (its visitors are counted for it). Without a
            // reset time of its own, the kiosk follows the workshop's.
            let workshop_reset = match &draft.workshop_id {
                Some(w) => Some(
                    tx.prepare_cached("SELECT reset_secs FROM workshop WHERE id = ?1")?
                        .query_row([w], |r| r.get::<_, u32>(0))
                        .optional()?
                        .ok_or(StoreError::UnknownWorkshop)?,
                ),
                None => None,
            };
            let reset = draft
                .reset_seconds
                .or(workshop_reset)
                .unwrap_or(RESET_DEFAULT_SECS);
            let id = uuid::Uuid::now_v7().to_string();
            let now = now_ms();
            let expires = now + PAIRING_MINUTES * 60_000;
            tx.execute(
                "INSERT INTO kiosk (id, label, workshop_id, reset_seconds, own_reset,
                                    pairing_code_hash, pairing_expires_at, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    id,
                    draft.label,
                    draft.workshop_id,
                    reset,
                    draft.reset_seconds.is_some(),
                    draft.code_hash,
                    expires,
                    staff_id,
                    now
                ],
            )?;
            let after =
                serde_json::json!({ "label": draft.label, "workshop_id": draft.workshop_id });
            audit_change(
                tx,
                &staff_id,
                "kiosk.create",
                &id,
                None,
                Some(after.to_string()),
            )?;
            Ok((id, expires))
        })
        .await
    }

    /// Pairs the device that typed an open code: stores its credential's hash and exit PIN.
    pub async fn pair_kiosk(
        &self,
        code_hash: String,
        secret_hash: String,
        pin_hash: String,
    ) -> Result<KioskSettings, StoreError> {
        self.write(move |tx| {
            let found: Option<(String, i64, String)> = tx
                .query_row(
                    "SELECT id, pairing_expires_at, created_by FROM kiosk
                     WHERE pairing_code_hash = ?1 AND revoked_at IS NULL",
                    [&code_hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((id, expires, created_by)) = found else {
                return Err(StoreError::Kiosk(ErrorCode::PairingCodeInvalid));
            };
            if expires <= now_ms() {
                return Err(StoreError::Kiosk(ErrorCode::PairingCodeExpired));
            }
            tx.execute(
                "UPDATE kiosk SET secret_hash = ?2, pin_hash = ?3, paired_at = ?4, last_seen = ?4,
                        pairing_code_hash = NULL, pairing_expires_at = NULL
                 WHERE id = ?1",
                params![id, secret_hash, pin_hash, now_ms()],
            )?;
            audit_change(tx, &created_by, "kiosk.pair", &id, None, None)?;
            settings(tx, &id)
        })
        .await
    }

    /// The kiosk's settings, for the kiosk itself (and a sign of life: `last_seen`).
    pub async fn kiosk_settings(&self, key: KioskKey) -> Result<KioskSettings, StoreError> {
        self.write(move |tx| {
            let kiosk = authenticate(tx, &key)?;
            seen(tx, &kiosk.id)?;
            settings(tx, &kiosk.id)
        })
        .await
    }

    /// The exit PIN's hash of an authenticated kiosk.
    pub async fn kiosk_pin_hash(&self, key: KioskKey) -> Result<String, StoreError> {
        self.read(move |tx| {
            let kiosk = authenticate(tx, &key)?;
            let hash: Option<String> = tx.query_row(
                "SELECT pin_hash FROM kiosk WHERE id = ?1",
                [&kiosk.id],
                |r| r.get(0),
            )?;
            hash.ok_or(StoreError::Kiosk(ErrorCode::KioskInvalid))
        })
        .await
    }

    /// Records that staff left the kiosk on the device with its PIN.
    pub async fn kiosk_exited(&self, key: KioskKey) -> Result<(), StoreError> {
        self.write(move |tx| {
            let kiosk = authenticate(tx, &key)?;
            seen(tx, &kiosk.id)?;
            let created_by: String = tx.query_row(
                "SELECT created_by FROM kiosk WHERE id = ?1",
                [&kiosk.id],
                |r| r.get(0),
            )?;
            audit_change(tx, &created_by, "kiosk.exit", &kiosk.id, None, None)
        })
        .await
    }

    /// Revokes a kiosk: its credential (or open pairing code) stops working at once.
    pub async fn revoke_kiosk(&self, staff_id: String, id: String) -> Result<(), StoreError> {
        self.write(move |tx| {
            let changed = tx.execute(
                "UPDATE kiosk SET revoked_at = COALESCE(revoked_at, ?2), pairing_code_hash = NULL
                 WHERE id = ?1",
                params![id, now_ms()],
            )?;
            if changed == 0 {
                return Err(StoreError::Kiosk(ErrorCode::NotFound));
            }
            audit_change(tx, &staff_id, "kiosk.revoke", &id, None, None)
        })
        .await
    }

    /// Every kiosk, newest first, with the number of visitors it created.
    pub async fn kiosks(&self) -> Result<Vec<KioskRecord>, StoreError> {
        self.read(|tx| {
            let mut stmt = tx.prepare(&format!(
                "SELECT k.id, k.label, k.workshop_id, {RESET_NOW}, s.username, k.created_at,
                        k.pairing_expires_at, k.paired_at, k.last_seen, k.revoked_at,
                        (SELECT COUNT(*) FROM participant_channel c WHERE c.kiosk_id = k.id),
                        k.own_reset = 0 AND w.reset_secs IS NOT NULL
                 FROM kiosk k JOIN staff s ON s.id = k.created_by
                      LEFT JOIN workshop w ON w.id = k.workshop_id
                 ORDER BY k.created_at DESC, k.id DESC"
            ))?;
            let rows = stmt.query_map([], |r| {
                Ok(KioskRecord {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    workshop_id: r.get(2)?,
                    reset_seconds: r.get(3)?,
                    created_by: r.get(4)?,
                    created_at: r.get(5)?,
                    pairing_expires_at: r.get(6)?,
                    paired_at: r.get(7)?,
                    last_seen: r.get(8)?,
                    revoked_at: r.get(9)?,
                    visitors: u64::try_from(r.get::<_, i64>(10)?).unwrap_or(0),
                    reset_follows_workshop: r.get(11)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
    }
}

//! Retention: mutation records and the change feed's private tombstones older than the
//! retention period are compacted (`serve` daily, `werkstadt admin compact`). The audit log,
//! ideas, comments, votes and every entry a client could still need are kept.
//!
//! # What is compacted
//! - **Mutation records** (`mutation`, with their `mutation` entries in the feed) whose id is a
//!   UUIDv7 dated before the cutoff and that were received before it. Records of ids without a
//!   date (not v7) or dated after the cutoff (a device clock running ahead) are kept: their
//!   replays could not be told apart from new mutations.
//! - **Private tombstones** in the feed: a participant's support of an idea that is off again,
//!   a dot allocation that is empty, and a follow that is off again, older than the cutoff by the feed marks
//!   (`feed_mark`). Applied to an empty replica they change nothing, so a pull from 0 builds
//!   the same replica without them. Tombstones of hidden or merged ideas and comments are
//!   kept: their authors still see them with the reason, and other replicas keep their rows.
//!
//! # Why the sync protocol stays correct
//! - **Cursors.** `retention.horizon_seq` is at least the sequence number of every entry ever
//!   compacted. A client whose cursor is at or past it has received all of them; a client with
//!   0 < cursor < horizon may have missed one (an idea's support switched off, say), so its
//!   pull answers `409 reset_required` — the answer apps already get for a cursor the server
//!   does not know (`StoreError::UnknownCursor`). The app then clears its replica and pulls
//!   from 0, keeping its outbox, exactly as after a restored database (`app/src/sync.rs`), so
//!   no client changes. Only clients behind the horizon start over, not everyone (a new
//!   `instance` would reset all of them).
//! - **Replays.** A compacted mutation can no longer answer `duplicate`. Its id is a UUIDv7
//!   dated before `retention.horizon_ms` (raised past the newest compacted one), and a push of
//!   a mutation the server has no record of and whose id is dated before the horizon is refused
//!   with `mutation_expired` before anything is applied ([`expired`]), and recorded as refused.
//!   So a replay of a compacted mutation is never applied a second time; at worst a device
//!   that was offline for longer than the retention period has such old pending changes
//!   refused (the app shows them with their text, to be made again).

use super::changes::{self, kind};
use super::rows::now_ms;
use super::votes;
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::ids::uuid_v7;
use werkstadt_domain::sync::MutationId;
use werkstadt_domain::{IdeaId, ParticipantId};

/// Rows looked at per transaction: the server's writers get their turn between chunks.
const CHUNK: usize = 2_000;
const DAY_MS: i64 = 86_400_000;

pub const EXPIRED_MESSAGE: &str = "This change was made before the server's retention horizon \
(older changes are no longer on record) and is not applied: please make it again.";

/// What one compaction removed, and the horizon afterwards.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompactReport {
    /// Mutation records removed (each with its entry in the change feed).
    pub mutations: u64,
    /// Other change-feed entries removed (private tombstones).
    pub feed_entries: u64,
    /// A pull with 0 < cursor < this starts over.
    pub horizon_seq: u64,
    /// A new mutation dated (UUIDv7) before this Unix time in ms is refused.
    pub horizon_ms: i64,
}

impl Store {
    /// Compacts what is older than `retention_days` (0: keeps everything, changes nothing).
    pub async fn compact(&self, retention_days: u32) -> Result<CompactReport, StoreError> {
        if retention_days == 0 {
            return self.read(report).await;
        }
        self.compact_before(now_ms() - i64::from(retention_days) * DAY_MS)
            .await
    }

    /// Compacts mutation records and private feed tombstones from before `cutoff_ms` (Unix
    /// ms), in chunks of their own transactions; the horizon moves with each chunk.
    pub async fn compact_before(&self, cutoff_ms: i64) -> Result<CompactReport, StoreError> {
        let aged = self.write(move |tx| aged_seq(tx, cutoff_ms)).await?;
        let (mut mutations, mut feed_entries) = (0, 0);
        let mut after = String::new();
        loop {
            let (removed, last) = self
                .write(move |tx| compact_mutations(tx, cutoff_ms, &after))
                .await?;
            mutations += removed;
            match last {
                Some(last) => after = last,
                None => break,
            }
        }
        if let Some(aged) = aged {
            let mut after = 0;
            loop {
                let (removed, last) = self.write(move |tx| compact_feed(tx, aged, after)).await?;
                feed_entries += removed;
                match last {
                    Some(last) => after = last,
                    None => break,
                }
            }
        }
        let mut out = self
            .write(move |tx| {
                if let Some(aged) = aged {
                    tx.execute("DELETE FROM feed_mark WHERE seq < ?1", [aged])?;
                }
                tx.execute(
                    "UPDATE retention SET compacted_at = ?1 WHERE id = 1",
                    [now_ms()],
                )?;
                report(tx)
            })
            .await?;
        out.mutations = mutations;
        out.feed_entries = feed_entries;
        Ok(out)
    }
}

fn report(tx: &Connection) -> Result<CompactReport, StoreError> {
    let (seq, ms): (i64, i64) = tx.query_row(
        "SELECT horizon_seq, horizon_ms FROM retention WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(CompactReport {
        horizon_seq: u64::try_from(seq).unwrap_or(0),
        horizon_ms: ms,
        ..CompactReport::default()
    })
}

/// Records a mark (the feed's head now) and answers the newest sequence number known to be
/// older than `cutoff_ms`, if any.
fn aged_seq(tx: &Connection, cutoff_ms: i64) -> Result<Option<i64>, StoreError> {
    let head = i64::try_from(changes::head(tx)?).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT OR IGNORE INTO feed_mark (seq, at) VALUES (?1, ?2)",
        params![head, now_ms()],
    )?;
    Ok(tx.query_row(
        "SELECT max(seq) FROM feed_mark WHERE at <= ?1",
        [cutoff_ms],
        |r| r.get(0),
    )?)
}

fn raise_horizon(tx: &Connection, seq: i64, ms: i64) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE retention SET horizon_seq = max(horizon_seq, ?1), horizon_ms = max(horizon_ms, ?2)
         WHERE id = 1",
        params![seq, ms],
    )?;
    Ok(())
}

/// One chunk of mutation records after the id `after`; the last id looked at, or `None` when
/// there are no more.
fn compact_mutations(
    tx: &Connection,
    cutoff_ms: i64,
    after: &str,
) -> Result<(u64, Option<String>), StoreError> {
    // UUIDv7 strings sort by their date: every id dated before the cutoff sorts before this.
    let bound = uuid_v7(u64::try_from(cutoff_ms).unwrap_or(0), [0; 10]).to_string();
    let ids: Vec<String> = tx
        .prepare_cached(
            "SELECT id FROM mutation WHERE id > ?1 AND id < ?2 AND received_at < ?3
             ORDER BY id LIMIT ?4",
        )?
        .query_map(params![after, bound, cutoff_ms, CHUNK as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let (mut removed, mut max_seq, mut max_ms) = (0, 0_i64, 0_i64);
    for id in &ids {
        let date = uuid::Uuid::parse_str(id).ok().and_then(v7_ms);
        let Some(ms) = date.filter(|ms| *ms < cutoff_ms) else {
            continue; // no date to refuse a replay by: kept
        };
        let seq: Option<i64> = tx
            .prepare_cached(
                "DELETE FROM change_log WHERE kind = ?1 AND entity_id = ?2 RETURNING seq",
            )?
            .query_row(params![kind::MUTATION, id], |r| r.get(0))
            .optional()?;
        tx.prepare_cached("DELETE FROM mutation WHERE id = ?1")?
            .execute([id])?;
        removed += 1;
        max_seq = max_seq.max(seq.unwrap_or(0));
        max_ms = max_ms.max(ms + 1);
    }
    raise_horizon(tx, max_seq, max_ms)?;
    let more = ids.len() == CHUNK;
    Ok((removed, ids.last().filter(|_| more).cloned()))
}

/// One chunk of private feed entries with sequence numbers in (`after`, `aged`].
fn compact_feed(tx: &Connection, aged: i64, after: i64) -> Result<(u64, Option<i64>), StoreError> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare_cached(
            "SELECT seq, kind, entity_id FROM change_log
             WHERE seq > ?1 AND seq <= ?2 AND kind IN (?3, ?4, ?5) ORDER BY seq LIMIT ?6",
        )?
        .query_map(
            params![
                after,
                aged,
                kind::SUPPORT,
                kind::DOTS,
                kind::FOLLOW,
                CHUNK as i64
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    let (mut removed, mut max_seq) = (0, 0_i64);
    for (seq, kind, entity) in &rows {
        if is_tombstone(tx, kind, entity)? {
            tx.prepare_cached("DELETE FROM change_log WHERE seq = ?1")?
                .execute([seq])?;
            removed += 1;
            max_seq = *seq;
        }
    }
    raise_horizon(tx, max_seq, 0)?;
    let more = rows.len() == CHUNK;
    Ok((removed, rows.last().filter(|_| more).map(|r| r.0)))
}

/// Whether a private entry now says "nothing": a support that is off, no dots (in any
/// process, to be safe), a follow that is off.
fn is_tombstone(tx: &Connection, kind: &str, entity: &str) -> Result<bool, StoreError> {
    match kind {
        kind::SUPPORT => {
            let parsed = entity.split_once(':').and_then(|(idea, who)| {
                Some((IdeaId(idea.parse().ok()?), ParticipantId(who.parse().ok()?)))
            });
            match parsed {
                Some((idea, who)) => Ok(!votes::supports(tx, who, idea)?),
                None => Ok(false),
            }
        }
        kind::DOTS => Ok(!tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM dot_vote
                 WHERE process_id IN (SELECT id FROM process) AND participant_id = ?1)",
            )?
            .query_row([entity], |r| r.get::<_, bool>(0))?),
        kind::FOLLOW => {
            let who = entity.rsplit_once(':').and_then(|(_, w)| w.parse().ok());
            match (super::follows::target_of(entity), who) {
                (Ok(target), Some(who)) => {
                    Ok(!super::follows::follows(tx, ParticipantId(who), target)?)
                }
                _ => Ok(false),
            }
        }
        _ => Ok(false),
    }
}

/// The Unix ms of a UUIDv7 id; `None` for other ids.
pub(crate) fn v7_ms(id: uuid::Uuid) -> Option<i64> {
    if id.get_version_num() != 7 {
        return None;
    }
    let (secs, nanos) = id.get_timestamp()?.to_unix();
    i64::try_from(secs)
        .ok()?
        .checked_mul(1000)?
        .checked_add(i64::from(nanos / 1_000_000))
}

/// The horizon a new mutation's date is checked against.
pub fn horizon_ms(tx: &Connection) -> Result<i64, StoreError> {
    Ok(tx
        .prepare_cached("SELECT horizon_ms FROM retention WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// A mutation the server has no record of is refused when its id is dated before the horizon
/// (see the module documentation): its record may have been compacted.
pub fn expired(id: MutationId, horizon_ms: i64) -> bool {
    horizon_ms > 0 && v7_ms(id.0).is_some_and(|ms| ms < horizon_ms)
}

/// Refuses a cursor behind the compaction horizon (0 = a fresh replica is always fine).
pub fn check_cursor(tx: &Connection, cursor: u64) -> Result<(), StoreError> {
    let horizon: i64 = tx
        .prepare_cached("SELECT horizon_seq FROM retention WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    if cursor > 0 && cursor < u64::try_from(horizon).unwrap_or(0) {
        return Err(StoreError::CursorCompacted);
    }
    Ok(())
}

//! Participation statistics: two aggregated queries over a process's contributions, folded
//! into days and channels by `domain::stats`. Nothing here returns a participant id: the
//! distinct-participant query keys people by their row number, which never leaves the server.

use super::rows::u32_at;
use super::{Store, StoreError};
use rusqlite::{params, Connection};
use werkstadt_domain::channel::Channel;
use werkstadt_domain::stats::{ActiveHour, Activity, HourCount, ParticipationStats};
use werkstadt_domain::ProcessId;

/// Each participant's channel in process `?1` and whether they are verified: THE place that
/// decides a participant's channel for the statistics, by the same rule as
/// `channels::channel_of`: the most specific way they took part — a kiosk's visitor, then a
/// phone that took part during a workshop (`participation`, written by the sync as it tags
/// contributions), then whoever redeemed a participation code, else the website.
pub(super) const PARTICIPANT_CHANNEL: &str = "
    SELECT p.rowid AS key, p.id AS id,
           CASE
               WHEN EXISTS (SELECT 1 FROM participant_channel k
                            WHERE k.participant_id = p.id AND k.channel = 'kiosk')
                 OR EXISTS (SELECT 1 FROM participation w
                            WHERE w.participant_id = p.id AND w.process_id = ?1
                              AND w.channel = 'kiosk') THEN 'kiosk'
               WHEN EXISTS (SELECT 1 FROM participation w
                            WHERE w.participant_id = p.id AND w.process_id = ?1
                              AND w.channel = 'workshop') THEN 'workshop'
               WHEN c.redeemed_by IS NOT NULL THEN 'code'
               ELSE 'web'
           END AS channel,
           p.verified_at IS NOT NULL AS verified
    FROM participant p
    LEFT JOIN (SELECT DISTINCT redeemed_by FROM participation_code
               WHERE redeemed_by IS NOT NULL) c ON c.redeemed_by = p.id";

/// How old kept statistics may be before a change makes them computed again.
pub const STATS_MAX_AGE_MS: i64 = 60_000;

/// A process's contributions (kind, participant, time) in `[?2, ?3)`: published (or merged)
/// ideas, published comments, supports, and each participant's dot ballot at its last change.
const ACTIVITY: &str = "
    SELECT 'idea' AS kind, i.author_id AS pid, i.created_at AS at
    FROM idea i JOIN theme t ON t.id = i.theme_id
    WHERE t.process_id = ?1 AND i.status IN ('published', 'merged')
    UNION ALL
    SELECT 'comment', c.author_id, c.created_at
    FROM comment c JOIN idea i ON i.id = c.idea_id JOIN theme t ON t.id = i.theme_id
    WHERE t.process_id = ?1 AND c.status = 'published'
    UNION ALL
    SELECT 'support', s.participant_id, s.created_at
    FROM support s JOIN idea i ON i.id = s.idea_id JOIN theme t ON t.id = i.theme_id
    WHERE t.process_id = ?1
    UNION ALL
    SELECT 'dots', d.participant_id, MAX(d.placed_at)
    FROM dot_vote d WHERE d.process_id = ?1 GROUP BY d.participant_id";

fn channel_at(r: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Channel> {
    let name: String = r.get(idx)?;
    Channel::parse(&name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("channel {name:?}").into(),
        )
    })
}

/// The participation in a process between `from` (inclusive) and `to` (exclusive), ms.
pub(super) fn participation(
    tx: &Connection,
    process: ProcessId,
    from: i64,
    to: i64,
) -> Result<ParticipationStats, StoreError> {
    super::processes::process(tx, process)?;
    let with = format!(
        "WITH channel_of AS ({PARTICIPANT_CHANNEL}),
              act AS ({ACTIVITY}),
              ranged AS (SELECT * FROM act WHERE at >= ?2 AND at < ?3)"
    );
    // One pass: contributions per kind, participant and hour (the participant as a row
    // number that never leaves this function).
    let mut stmt = tx.prepare_cached(&format!(
        "{with} SELECT a.kind, ch.key, ch.channel, ch.verified, a.at / 3600000, COUNT(*)
         FROM ranged a JOIN channel_of ch ON ch.id = a.pid GROUP BY 1, 2, 5"
    ))?;
    let mut counts = Vec::new();
    let mut active = Vec::new();
    let mut rows = stmt.query(params![process.to_string(), from, to])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let activity = Activity::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("activity {kind:?}").into(),
            )
        })?;
        let (channel, hour) = (channel_at(r, 2)?, r.get(4)?);
        counts.push(HourCount {
            activity,
            channel,
            hour,
            count: u32_at(r, 5)?,
        });
        active.push(ActiveHour {
            key: r.get(1)?,
            channel,
            verified: r.get(3)?,
            hour,
        });
    }
    Ok(ParticipationStats::build(process, &counts, &active))
}

impl Store {
    /// A process's participation over its whole life (the public statistics). Computing it
    /// reads every contribution (about 0.3 s at 10,000 ideas and 100,000 supports), so it is
    /// kept in memory and computed again only when the feed's head moved AND the kept copy is
    /// older than [`STATS_MAX_AGE_MS`]: figures at most a minute behind, at most one
    /// computation a minute however busy the process.
    pub async fn participation(
        &self,
        process: ProcessId,
    ) -> Result<ParticipationStats, StoreError> {
        let inner = std::sync::Arc::clone(&self.inner);
        self.read(move |tx| {
            let head = super::changes::head(tx)?;
            let now = super::now_ms();
            let cached = inner
                .participation
                .lock()
                .map_err(|_| StoreError::Poisoned)?;
            if let Some((_, _, stats)) = cached.as_ref().filter(|(at, when, s)| {
                s.process_id == process && (*at == head || now - *when < STATS_MAX_AGE_MS)
            }) {
                return Ok(stats.clone());
            }
            drop(cached);
            let stats = participation(tx, process, i64::MIN, i64::MAX)?;
            let mut cached = inner
                .participation
                .lock()
                .map_err(|_| StoreError::Poisoned)?;
            if cached.as_ref().is_none_or(|(at, _, _)| *at <= head) {
                *cached = Some((head, now, stats.clone()));
            }
            Ok(stats)
        })
        .await
    }
}

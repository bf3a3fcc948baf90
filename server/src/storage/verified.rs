//! Verified-only counts: while a process has `verified_only` on, its results, rankings and
//! tallies count the supports and dots of verified participants only; off, every vote.
//! (`ideas::IDEA_SUMMARY_SQL` and `processes::THEME_SUMMARY_SQL` hold the same choice written
//! out, as SQL constants.)
//!
//! Both kinds of tally are maintained on write (`storage::tally`, migration 0016), so a read
//! only picks a column: the SQL expressions here choose by the flag of the row's own process
//! (aliases `i` idea, `t` theme, `p` process), and an order by supports names the column
//! directly ([`support_order`]) so it runs along its index.
//!
//! What a participant sees changes when the flag is switched or when a participant whose
//! votes were not counted is verified: [`touch_switched`] and [`touch_verified`] put every
//! idea and theme whose shown number changed into the change feed (open apps and offline
//! replicas pull the new tallies; the results cache follows the feed head).

use super::changes::{self, kind};
use super::StoreError;
use rusqlite::{params, Connection};
use werkstadt_domain::ParticipantId;

/// An idea's shown supports (`i`, with its process `p`).
pub const SUPPORTS: &str =
    "CASE WHEN p.verified_only = 1 THEN i.verified_support_count ELSE i.support_count END";
/// A process's shown dot voters (`p`).
pub const DOT_VOTERS: &str =
    "CASE WHEN p.verified_only = 1 THEN p.verified_dot_voters ELSE p.dot_voters END";
/// A process's shown dot points placed (`p`).
pub const DOTS_PLACED: &str =
    "CASE WHEN p.verified_only = 1 THEN p.verified_dots_placed ELSE p.dots_placed END";

/// The order "most supported first" for ideas of a process with this flag (each along its
/// index, `idea_theme_support` or `idea_theme_verified_support`).
pub fn support_order(verified_only: bool) -> &'static str {
    if verified_only {
        "i.verified_support_count DESC, i.created_at ASC, i.id ASC"
    } else {
        "i.support_count DESC, i.created_at ASC, i.id ASC"
    }
}

/// Whether the process of this theme counts verified participants only (`false` for an
/// unknown theme: its reads fail on their own).
pub fn theme_counts_verified(tx: &Connection, theme: &str) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT p.verified_only = 1 FROM theme t JOIN process p ON p.id = t.process_id
             WHERE t.id = ?1",
        )?
        .query_map([theme], |r| r.get(0))?
        .next()
        .transpose()?
        .unwrap_or(false))
}

/// Touches the ideas the query selects (`id, status, author_id`, parameter `?1`): public ones
/// for everyone, a pending or rejected one for its author (who alone sees it).
fn touch_ideas(tx: &Connection, sql: &str, param: &str) -> Result<(), StoreError> {
    let ideas: Vec<(String, String, String)> = tx
        .prepare_cached(sql)?
        .query_map([param], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (id, status, author) in ideas {
        let owner = match status.as_str() {
            "published" => None,
            "pending" | "rejected" => author.parse().ok().map(ParticipantId),
            _ => continue,
        };
        changes::touch(tx, kind::IDEA, &id, owner)?;
    }
    Ok(())
}

fn touch_themes(tx: &Connection, sql: &str, param: &str) -> Result<(), StoreError> {
    let themes: Vec<String> = tx
        .prepare_cached(sql)?
        .query_map([param], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in themes {
        changes::touch(tx, kind::THEME, &id, None)?;
    }
    Ok(())
}

/// After `verified_only` of `process` was switched: every idea and theme of it whose two
/// counts differ now shows the other one. (The process itself is touched by the switch.)
pub fn touch_switched(tx: &Connection, process: &str) -> Result<(), StoreError> {
    touch_ideas(
        tx,
        "SELECT i.id, i.status, i.author_id FROM idea i JOIN theme t ON t.id = i.theme_id
         WHERE t.process_id = ?1 AND i.support_count <> i.verified_support_count",
        process,
    )?;
    touch_themes(
        tx,
        "SELECT t.id FROM theme t WHERE t.process_id = ?1 AND t.dot_points <> t.verified_dot_points",
        process,
    )
}

/// After `who` was verified: in processes counting verified participants only, the ideas they
/// support, the themes they placed dots on and those processes now count them.
pub fn touch_verified(tx: &Connection, who: &str) -> Result<(), StoreError> {
    touch_ideas(
        tx,
        "SELECT i.id, i.status, i.author_id FROM support s
         JOIN idea i ON i.id = s.idea_id JOIN theme t ON t.id = i.theme_id
         JOIN process p ON p.id = t.process_id
         WHERE s.participant_id = ?1 AND p.verified_only = 1",
        who,
    )?;
    touch_themes(
        tx,
        "SELECT DISTINCT d.theme_id FROM dot_vote d JOIN process p ON p.id = d.process_id
         WHERE d.participant_id = ?1 AND p.verified_only = 1",
        who,
    )?;
    let processes: Vec<String> = tx
        .prepare_cached(
            "SELECT DISTINCT d.process_id FROM dot_vote d JOIN process p ON p.id = d.process_id
             WHERE d.participant_id = ?1 AND p.verified_only = 1",
        )?
        .query_map(params![who], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in processes {
        changes::touch(tx, kind::PROCESS, &id, None)?;
    }
    Ok(())
}

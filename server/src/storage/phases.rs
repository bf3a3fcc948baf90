//! The phases of a process: read with the process, replaced as a whole by an admin.

use super::StoreError;
use rusqlite::{params, Connection};
use werkstadt_domain::setup::{Modules, Phase};
use werkstadt_domain::ProcessId;

/// The phases of `process`, by start.
pub fn phases(tx: &Connection, process: ProcessId) -> Result<Vec<Phase>, StoreError> {
    let mut stmt = tx.prepare_cached(
        "SELECT title, body, starts_at, ends_at, ideas, supports, dots, comments
         FROM phase WHERE process_id = ?1 ORDER BY starts_at, position",
    )?;
    let rows = stmt.query_map([process.to_string()], |r| {
        Ok(Phase {
            title: r.get(0)?,
            text: r.get(1)?,
            starts_at: r.get(2)?,
            ends_at: r.get(3)?,
            open: Modules {
                ideas: r.get(4)?,
                supports: r.get(5)?,
                dots: r.get(6)?,
                comments: r.get(7)?,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces the phases of `process` with `phases` (validated, sorted).
pub fn replace(tx: &Connection, process: ProcessId, phases: &[Phase]) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM phase WHERE process_id = ?1",
        [process.to_string()],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO phase (process_id, position, title, body, starts_at, ends_at,
                            ideas, supports, dots, comments)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, p) in phases.iter().enumerate() {
        insert.execute(params![
            process.to_string(),
            i64::try_from(i).unwrap_or(i64::MAX),
            p.title,
            p.text,
            p.starts_at,
            p.ends_at,
            p.open.ideas,
            p.open.supports,
            p.open.dots,
            p.open.comments,
        ])?;
    }
    Ok(())
}

//! The full-text index of idea titles. It catches up in a transaction of its own right after
//! each write that left work for it (see `Store::write`), so a push of many new ideas does not
//! wait for it: new ideas are those above the watermark, edited titles are queued by a
//! trigger. Ideas are never deleted.

use super::StoreError;
use rusqlite::{params, Connection};
use werkstadt_domain::search::index_text;

/// Whether ideas wait to be indexed.
pub fn queued(tx: &Connection) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM idea WHERE rowid > (SELECT watermark FROM idea_fts_state))
                 OR EXISTS (SELECT 1 FROM idea_fts_queue)",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Brings `idea_fts` up to date: each title's words as the domain's search rule sees them.
pub fn flush(tx: &Connection) -> Result<(), StoreError> {
    let titles = |sql: &str| -> Result<Vec<(i64, String)>, StoreError> {
        Ok(tx
            .prepare_cached(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?)
    };
    let new = titles(
        "SELECT rowid, title FROM idea WHERE rowid > (SELECT watermark FROM idea_fts_state)",
    )?;
    let edited = titles(
        "SELECT i.rowid, i.title FROM idea_fts_queue q JOIN idea i ON i.rowid = q.idea_rowid",
    )?;
    let mut insert = tx.prepare_cached("INSERT INTO idea_fts (rowid, words) VALUES (?1, ?2)")?;
    for (rowid, title) in &new {
        insert.execute(params![rowid, index_text(title)])?;
    }
    for (rowid, title) in &edited {
        tx.execute("DELETE FROM idea_fts WHERE rowid = ?1", [rowid])?;
        insert.execute(params![rowid, index_text(title)])?;
    }
    tx.execute(
        "UPDATE idea_fts_state SET watermark = (SELECT COALESCE(MAX(rowid), 0) FROM idea)",
        [],
    )?;
    tx.execute("DELETE FROM idea_fts_queue", [])?;
    Ok(())
}

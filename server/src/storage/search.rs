//! The full-text index of idea titles. It catches up in a transaction of its own right after
//! each write that left work for it (see `Store::write`), so a push of many new ideas does not
//! wait for it: new ideas are those above the watermark, edited titles are queued by a
//! trigger. Ideas are never deleted.

use super::StoreError;
use rusqlite::Connection;

/// Whether ideas wait to be indexed.
pub fn queued(tx: &Connection) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM idea WHERE rowid > (SELECT watermark FROM idea_fts_state))
                 OR EXISTS (SELECT 1 FROM idea_fts_queue)",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Brings `idea_fts` up to date.
pub fn flush(tx: &Connection) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO idea_fts (rowid, title)
         SELECT rowid, title FROM idea WHERE rowid > (SELECT watermark FROM idea_fts_state)",
        [],
    )?;
    tx.execute(
        "UPDATE idea_fts_state SET watermark = (SELECT COALESCE(MAX(rowid), 0) FROM idea)",
        [],
    )?;
    let edited: Vec<i64> = tx
        .prepare_cached("SELECT idea_rowid FROM idea_fts_queue")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for rowid in edited {
        tx.execute("DELETE FROM idea_fts WHERE rowid = ?1", [rowid])?;
        tx.execute(
            "INSERT INTO idea_fts (rowid, title) SELECT rowid, title FROM idea WHERE rowid = ?1",
            [rowid],
        )?;
    }
    tx.execute("DELETE FROM idea_fts_queue", [])?;
    Ok(())
}

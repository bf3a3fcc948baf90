//! Tallies maintained on write: support and comment counts per idea, published ideas and dot
//! points per theme, dot voters and dots placed per process.
//!
//! Reads used to recompute them from the vote tables on every request (`COUNT(*)`/`SUM` per
//! theme and per idea), which cost time in proportion to the votes. Now they are columns
//! (`idea.support_count`, `idea.comment_count`, `theme.idea_count`, `theme.dot_points`,
//! `process.dot_voters`, `process.dots_placed`, migration 0013) that every read looks up.
//!
//! **Why triggers**, not updates in the write functions: the base rows change in many places —
//! supports and dots (votes), comments, moderation decisions (approve, reject, hide, move,
//! merge: a merge moves supports), deleting a participant (their supports, dots, comments and
//! unpublished ideas go), the demo seed. A trigger on each base table keeps its tally in the
//! same transaction (the same savepoint, for a pushed mutation that is rolled back) for every
//! one of them, including writes added later, with no call anyone could forget. The triggers
//! are small indexed updates (a support costs one more row update).
//!
//! **What counts** is exactly what the recount queries in [`RECOUNT`] count, the queries the
//! reads ran before: all supports of an idea whatever its state, published comments,
//! published ideas, all dot points. [`drift`] compares the stored tallies with a recount
//! (`werkstadt admin check`, and the property test that random mutation sequences keep them
//! equal).
//!
//! **Verified-only counts** (migration 0016): each vote tally has a counterpart counting the
//! votes of verified participants only (`idea.verified_support_count`,
//! `theme.verified_dot_points`, `process.verified_dot_voters`, `process.verified_dots_placed`),
//! kept by triggers on the same tables and on `participant.verified_at` (a participant who
//! redeems a code brings their votes with them). Both are always maintained; a read shows the
//! verified one while its process has `verified_only` on (`storage::verified`), so switching
//! the flag costs no recount, and the feed is told which ideas and themes now show another
//! number.

use super::{Store, StoreError};
use rusqlite::Connection;

/// One recount per tally: (tally, entity id, stored value, recounted value), for every row.
/// The specification of the tallies.
pub const RECOUNT: &str = "
    SELECT 'idea.support_count', i.id, i.support_count,
           (SELECT COUNT(*) FROM support s WHERE s.idea_id = i.id)
    FROM idea i
    UNION ALL
    SELECT 'idea.comment_count', i.id, i.comment_count,
           (SELECT COUNT(*) FROM comment c WHERE c.idea_id = i.id AND c.status = 'published')
    FROM idea i
    UNION ALL
    SELECT 'theme.idea_count', t.id, t.idea_count,
           (SELECT COUNT(*) FROM idea i WHERE i.theme_id = t.id AND i.status = 'published')
    FROM theme t
    UNION ALL
    SELECT 'theme.dot_points', t.id, t.dot_points,
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d WHERE d.theme_id = t.id)
    FROM theme t
    UNION ALL
    SELECT 'process.dot_voters', p.id, p.dot_voters,
           (SELECT COUNT(DISTINCT d.participant_id) FROM dot_vote d WHERE d.process_id = p.id)
    FROM process p
    UNION ALL
    SELECT 'process.dots_placed', p.id, p.dots_placed,
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d WHERE d.process_id = p.id)
    FROM process p
    UNION ALL
    SELECT 'idea.verified_support_count', i.id, i.verified_support_count,
           (SELECT COUNT(*) FROM support s JOIN participant v ON v.id = s.participant_id
            WHERE s.idea_id = i.id AND v.verified_at IS NOT NULL)
    FROM idea i
    UNION ALL
    SELECT 'theme.verified_dot_points', t.id, t.verified_dot_points,
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
            JOIN participant v ON v.id = d.participant_id
            WHERE d.theme_id = t.id AND v.verified_at IS NOT NULL)
    FROM theme t
    UNION ALL
    SELECT 'process.verified_dot_voters', p.id, p.verified_dot_voters,
           (SELECT COUNT(DISTINCT d.participant_id) FROM dot_vote d
            JOIN participant v ON v.id = d.participant_id
            WHERE d.process_id = p.id AND v.verified_at IS NOT NULL)
    FROM process p
    UNION ALL
    SELECT 'process.verified_dots_placed', p.id, p.verified_dots_placed,
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
            JOIN participant v ON v.id = d.participant_id
            WHERE d.process_id = p.id AND v.verified_at IS NOT NULL)
    FROM process p";

/// A stored tally that differs from its recount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    /// `table.column`, e.g. `idea.support_count`.
    pub tally: String,
    /// The id of the idea, theme or process.
    pub id: String,
    pub stored: i64,
    pub counted: i64,
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {}: stored {}, recounted {}",
            self.tally, self.id, self.stored, self.counted
        )
    }
}

/// What [`drift`] found: how many tallies it recounted and which differ.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    pub checked: u64,
    pub drift: Vec<Drift>,
}

/// Recounts every tally from the base tables and reports those that differ.
pub fn drift(tx: &Connection) -> Result<CheckReport, StoreError> {
    let mut report = CheckReport::default();
    let mut stmt = tx.prepare(RECOUNT)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        report.checked += 1;
        let (stored, counted): (i64, i64) = (r.get(2)?, r.get(3)?);
        if stored != counted {
            report.drift.push(Drift {
                tally: r.get(0)?,
                id: r.get(1)?,
                stored,
                counted,
            });
        }
    }
    Ok(report)
}

impl Store {
    /// Recounts the maintained tallies (`werkstadt admin check`).
    pub async fn check_tallies(&self) -> Result<CheckReport, StoreError> {
        self.read(drift).await
    }
}

#[cfg(test)]
#[path = "tally_reads.rs"]
pub(super) mod reads;

#[cfg(test)]
#[path = "tally_replica.rs"]
pub(super) mod replica;

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;

#[cfg(test)]
mod checks {
    use super::super::seed::{DemoSeed, SeedTheme};
    use super::super::Store;
    use super::drift;

    fn seed() -> DemoSeed {
        DemoSeed {
            process_title: "Test".into(),
            process_description: "Test".into(),
            themes: ["A", "B"]
                .iter()
                .map(|t| SeedTheme {
                    title: (*t).into(),
                    description: String::new(),
                    ideas: vec![("Gesät".into(), "Schon da".into())],
                })
                .collect(),
            project: None,
        }
    }

    /// A tally changed behind the triggers' back is reported as drift, with both values.
    #[tokio::test]
    async fn a_wrong_tally_is_reported() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("t.db");
        let store = Store::open(&db).await.expect("opens");
        store.seed(seed()).await.expect("seeds");
        assert!(store
            .check_tallies()
            .await
            .expect("checks")
            .drift
            .is_empty());
        let conn = super::super::connection::open(&db).expect("opens");
        conn.execute("UPDATE theme SET dot_points = 7 WHERE title = 'B'", [])
            .expect("breaks it");
        let report = store.check_tallies().await.expect("checks");
        assert_eq!(report.drift.len(), 1, "{:?}", report.drift);
        assert_eq!(report.drift[0].tally, "theme.dot_points");
        assert_eq!((report.drift[0].stored, report.drift[0].counted), (7, 0));
    }

    /// A database from before the tallies gets them counted by the migration.
    #[test]
    fn the_migration_counts_existing_votes() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        super::super::connection::migrate_to(&mut conn, 12).expect("version 12");
        conn.execute_batch(
            "INSERT INTO process (id, title, description, dot_budget, created_at)
                 VALUES ('p', 'P', 'D', 5, 1);
             INSERT INTO theme VALUES ('t', 'p', 'T', 'D', 0);
             INSERT INTO participant (id, secret_hash, created_at) VALUES ('a', 'h', 1), ('b', 'h', 1);
             INSERT INTO idea (id, theme_id, author_id, title, body, created_at, status)
                 VALUES ('i', 't', 'a', 'Titel', 'Text', 2, 'published'),
                        ('j', 't', 'a', 'Titel', 'Text', 2, 'hidden');
             INSERT INTO support VALUES ('i', 'a', 3), ('i', 'b', 3), ('j', 'b', 3);
             INSERT INTO comment (id, idea_id, author_id, body, created_at, status)
                 VALUES ('c', 'i', 'b', 'Ja', 4, 'published'), ('d', 'i', 'b', 'Nein', 4, 'pending');
             INSERT INTO dot_vote VALUES ('p', 'a', 't', 3), ('p', 'b', 't', 1);",
        )
        .expect("old data");
        super::super::connection::migrate(&mut conn).expect("upgrades");
        let row: (i64, i64, i64, i64, i64, i64) = conn
            .query_row(
                "SELECT i.support_count, i.comment_count, t.idea_count, t.dot_points,
                        p.dot_voters, p.dots_placed
                 FROM idea i, theme t, process p WHERE i.id = 'i'",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .expect("reads");
        assert_eq!(row, (2, 1, 1, 4, 2, 4));
        assert!(drift(&conn).expect("recounts").drift.is_empty());
    }

    /// A database from before the verified counts gets them counted by their migration: the
    /// votes of participants verified then count.
    #[test]
    fn the_migration_counts_verified_votes() {
        let mut conn = rusqlite::Connection::open_in_memory().expect("db");
        super::super::connection::migrate_to(&mut conn, 15).expect("version 15");
        conn.execute_batch(
            "INSERT INTO process (id, title, description, dot_budget, created_at)
                 VALUES ('p', 'P', 'D', 5, 1);
             INSERT INTO theme (id, process_id, title, description, position)
                 VALUES ('t', 'p', 'T', 'D', 0);
             INSERT INTO participant (id, secret_hash, created_at, verified_at)
                 VALUES ('a', 'h', 1, 2), ('b', 'h', 1, NULL);
             INSERT INTO idea (id, theme_id, author_id, title, body, created_at, status)
                 VALUES ('i', 't', 'a', 'Titel', 'Text', 2, 'published');
             INSERT INTO support VALUES ('i', 'a', 3), ('i', 'b', 3);
             INSERT INTO dot_vote VALUES ('p', 'a', 't', 3), ('p', 'b', 't', 1);",
        )
        .expect("old data");
        super::super::connection::migrate(&mut conn).expect("upgrades");
        let row: (i64, i64, i64, i64) = conn
            .query_row(
                "SELECT i.verified_support_count, t.verified_dot_points,
                        p.verified_dot_voters, p.verified_dots_placed
                 FROM idea i, theme t, process p WHERE i.id = 'i'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .expect("reads");
        assert_eq!(row, (1, 3, 1, 3));
        assert!(drift(&conn).expect("recounts").drift.is_empty());
    }
}

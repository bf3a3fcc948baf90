//! Test support: a device following the change feed (an observer's replica of the tallies),
//! so the property test can check that every write which changes a shown tally puts it into
//! the feed — switching verified-only and verifying a participant too.

use super::super::{Caller, Store};
use std::collections::BTreeMap;
use werkstadt_domain::{IdeaId, ThemeId};

/// What an observer's device knows from the change feed: shown support counts of published
/// ideas, dot points per theme, dot voters.
pub struct Replica {
    device: Caller,
    cursor: u64,
    ideas: BTreeMap<IdeaId, u32>,
    themes: BTreeMap<ThemeId, u32>,
    dot_voters: u32,
}

impl Replica {
    pub fn new(device: Caller) -> Self {
        Self {
            device,
            cursor: 0,
            ideas: BTreeMap::new(),
            themes: BTreeMap::new(),
            dot_voters: 0,
        }
    }

    /// Pulls every change after its cursor and applies it.
    pub async fn catch_up(&mut self, store: &Store) {
        use werkstadt_domain::sync::Change;
        loop {
            let page = store
                .pull(self.device.clone(), self.cursor)
                .await
                .expect("pulls");
            for change in page.changes {
                match change {
                    Change::Idea(i) if i.status.is_public() => {
                        self.ideas.insert(i.id, i.support_count);
                    }
                    Change::Idea(i) => {
                        self.ideas.remove(&i.id);
                    }
                    Change::Theme(t) => {
                        self.themes.insert(t.id, t.dot_points);
                    }
                    Change::Process(p) => self.dot_voters = p.dot_voters,
                    _ => {}
                }
            }
            self.cursor = page.cursor;
            if !page.has_more {
                break;
            }
        }
    }

    /// Asserts it shows the tallies a recount gives (`overview`, and each published idea's
    /// supports as its process counts them).
    pub fn assert_shows(
        &self,
        conn: &rusqlite::Connection,
        overview: &werkstadt_domain::api::ProcessOverview,
        when: &str,
    ) {
        let themes: BTreeMap<ThemeId, u32> = overview
            .themes
            .iter()
            .map(|t| (t.id, t.dot_points))
            .collect();
        assert_eq!(self.themes, themes, "theme dot points {when}");
        assert_eq!(
            self.dot_voters, overview.process.dot_voters,
            "dot voters {when}"
        );
        let ideas: BTreeMap<IdeaId, u32> = conn
            .prepare(
                "SELECT i.id, (SELECT COUNT(*) FROM support d WHERE d.idea_id = i.id
                    AND (p.verified_only = 0 OR EXISTS (SELECT 1 FROM participant v
                         WHERE v.id = d.participant_id AND v.verified_at IS NOT NULL)))
                 FROM idea i JOIN theme t ON t.id = i.theme_id JOIN process p ON p.id = t.process_id
                 WHERE i.status = 'published'",
            )
            .expect("prepares")
            .query_map([], |r| {
                Ok((
                    IdeaId(r.get::<_, String>(0)?.parse().expect("uuid")),
                    r.get::<_, u32>(1)?,
                ))
            })
            .expect("queries")
            .collect::<Result<_, _>>()
            .expect("ideas");
        assert_eq!(self.ideas, ideas, "idea supports {when}");
    }
}

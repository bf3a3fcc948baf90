//! Test support: the public answers as they were computed before the tallies (counts and sums
//! over the vote tables on every read, the full list of ideas sorted in Rust), so tests can
//! hold today's answers equal to them.

use super::super::ideas::idea_summary_row;
use super::super::processes::current_process;
use super::super::rows::{u32_at, uuid_at, TOP_IDEAS_PER_THEME};
use rusqlite::{params, Connection};
use std::collections::BTreeMap;
use werkstadt_domain::api::{IdeaSummary, ProcessOverview, Results, ThemeResult, ThemeSummary};
use werkstadt_domain::{tally, ThemeId};

/// A vote `d` counts: every vote, or while `?2` (verified only) those of verified participants.
const COUNTED: &str = "(?2 = 0 OR EXISTS (SELECT 1 FROM participant v
    WHERE v.id = d.participant_id AND v.verified_at IS NOT NULL))";

/// The process overview and the results, recounted.
pub fn recounted(tx: &Connection) -> (ProcessOverview, Results) {
    let mut process = current_process(tx).expect("a process");
    let id = process.id.to_string();
    // While the process counts verified participants only, the votes of the others do not
    // count (`?2`: the flag; `storage::verified`).
    let only = i64::from(process.verified_only);
    let (voters, placed): (i64, i64) = tx
        .query_row(
            &format!(
                "SELECT COUNT(DISTINCT participant_id), COALESCE(SUM(points), 0)
                 FROM dot_vote d WHERE process_id = ?1 AND {COUNTED}"
            ),
            params![id, only],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("dot totals");
    process.dot_voters = u32::try_from(voters).expect("fits");
    let themes: Vec<ThemeSummary> = tx
        .prepare(&format!(
            "SELECT t.id, t.title, t.description,
                (SELECT COUNT(*) FROM idea i WHERE i.theme_id = t.id AND i.status = 'published'),
                (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d
                 WHERE d.theme_id = t.id AND {COUNTED}),
                t.position, t.process_id, t.retired_at IS NOT NULL
             FROM theme t WHERE t.process_id = ?1 ORDER BY t.position, t.title",
        ))
        .expect("prepares")
        .query_map(params![id, only], |r| {
            Ok(ThemeSummary {
                id: ThemeId(uuid_at(r, 0)?),
                title: r.get(1)?,
                description: r.get(2)?,
                idea_count: u32_at(r, 3)?,
                dot_points: u32_at(r, 4)?,
                position: u32_at(r, 5)?,
                process_id: werkstadt_domain::ProcessId(uuid_at(r, 6)?),
                retired: r.get(7)?,
            })
        })
        .expect("queries")
        .collect::<Result<_, _>>()
        .expect("themes");
    let mut by_theme: BTreeMap<ThemeId, Vec<IdeaSummary>> = BTreeMap::new();
    let mut stmt = tx
        .prepare(&format!(
            "SELECT i.id, i.theme_id, i.title, substr(i.body, 1, 200),
                (SELECT COUNT(*) FROM support d WHERE d.idea_id = i.id AND {COUNTED}),
                i.created_at
             FROM idea i JOIN theme t ON t.id = i.theme_id
             WHERE t.process_id = ?1 AND i.status = 'published'",
        ))
        .expect("prepares");
    for idea in stmt
        .query_map(params![id, only], idea_summary_row)
        .expect("queries")
    {
        let idea = idea.expect("idea");
        by_theme.entry(idea.theme_id).or_default().push(idea);
    }
    let results = Results {
        themes: tally::rank_themes(themes.clone())
            .into_iter()
            .map(|(rank, theme)| ThemeResult {
                rank,
                top_ideas: tally::top_ideas(
                    by_theme.remove(&theme.id).unwrap_or_default(),
                    TOP_IDEAS_PER_THEME,
                ),
                theme,
            })
            .collect(),
        dot_voters: process.dot_voters,
        dots_placed: u32::try_from(placed).expect("fits"),
    };
    (ProcessOverview { process, themes }, results)
}

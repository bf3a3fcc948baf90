//! The SQL. Every function runs inside a transaction opened by [`super::Store`].

use super::{Caller, Created, IdeaDraft, StoreError};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use std::collections::BTreeMap;
use uuid::Uuid;
use werkstadt_domain::api::{
    IdeaDetail, IdeaListQuery, IdeaPage, IdeaSort, IdeaSummary, MyState, Process, ProcessOverview,
    Results, SupportState, ThemeResult, ThemeSummary,
};
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::{tally, DotBallot, IdeaId, ParticipantId, ProcessId, ThemeId};

/// Ideas shown per theme on the results page.
const TOP_IDEAS_PER_THEME: usize = 3;
/// Characters of an idea's text shown in lists.
const EXCERPT_CHARS: usize = 160;

pub fn now_ms() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn uuid_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Uuid> {
    let s: String = row.get(idx)?;
    Uuid::parse_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn u32_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<u32> {
    let v: i64 = row.get(idx)?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

fn excerpt(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

pub fn process_count(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT COUNT(*) FROM process", [], |r| r.get(0))?)
}

/// The current process: the most recently created one.
fn current_process(tx: &Transaction<'_>) -> Result<Process, StoreError> {
    tx.query_row(
        "SELECT id, title, description, dot_budget FROM process
         ORDER BY created_at DESC, id DESC LIMIT 1",
        [],
        |r| {
            Ok(Process {
                id: ProcessId(uuid_at(r, 0)?),
                title: r.get(1)?,
                description: r.get(2)?,
                dot_budget: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
            })
        },
    )
    .optional()?
    .ok_or(StoreError::NoProcess)
}

const THEME_SUMMARY_SQL: &str = "
    SELECT t.id, t.title, t.description,
           (SELECT COUNT(*) FROM idea i WHERE i.theme_id = t.id),
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d WHERE d.theme_id = t.id)
    FROM theme t";

fn theme_summary_row(r: &Row<'_>) -> rusqlite::Result<ThemeSummary> {
    Ok(ThemeSummary {
        id: ThemeId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        idea_count: u32_at(r, 3)?,
        dot_points: u32_at(r, 4)?,
    })
}

fn theme_summaries(
    tx: &Transaction<'_>,
    process: ProcessId,
) -> Result<Vec<ThemeSummary>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "{THEME_SUMMARY_SQL} WHERE t.process_id = ?1 ORDER BY t.position, t.title"
    ))?;
    let rows = stmt.query_map([process.to_string()], theme_summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn theme_summary(tx: &Transaction<'_>, theme: ThemeId) -> Result<ThemeSummary, StoreError> {
    tx.query_row(
        &format!("{THEME_SUMMARY_SQL} WHERE t.id = ?1"),
        [theme.to_string()],
        theme_summary_row,
    )
    .optional()?
    .ok_or(StoreError::UnknownTheme)
}

pub fn process_overview(tx: &Transaction<'_>) -> Result<ProcessOverview, StoreError> {
    let process = current_process(tx)?;
    let themes = theme_summaries(tx, process.id)?;
    Ok(ProcessOverview { process, themes })
}

const IDEA_SUMMARY_SQL: &str = "
    SELECT i.id, i.theme_id, i.title, substr(i.body, 1, 200),
           (SELECT COUNT(*) FROM support s WHERE s.idea_id = i.id) AS support_count,
           i.created_at
    FROM idea i";

fn idea_summary_row(r: &Row<'_>) -> rusqlite::Result<IdeaSummary> {
    let body: String = r.get(3)?;
    Ok(IdeaSummary {
        id: IdeaId(uuid_at(r, 0)?),
        theme_id: ThemeId(uuid_at(r, 1)?),
        title: r.get(2)?,
        excerpt: excerpt(&body),
        support_count: u32_at(r, 4)?,
        created_at: r.get(5)?,
    })
}

pub fn ideas_page(
    tx: &Transaction<'_>,
    theme: ThemeId,
    query: IdeaListQuery,
) -> Result<IdeaPage, StoreError> {
    let summary = theme_summary(tx, theme)?;
    let (page, per_page) = query
        .window()
        .unwrap_or((1, werkstadt_domain::api::DEFAULT_PER_PAGE));
    let order = match query.sort {
        IdeaSort::Support => "support_count DESC, i.created_at ASC, i.id ASC",
        IdeaSort::Newest => "i.created_at DESC, i.id DESC",
    };
    let mut stmt = tx.prepare_cached(&format!(
        "{IDEA_SUMMARY_SQL} WHERE i.theme_id = ?1 ORDER BY {order} LIMIT ?2 OFFSET ?3"
    ))?;
    let offset = i64::from(page - 1) * i64::from(per_page);
    let ideas = stmt
        .query_map(
            params![theme.to_string(), per_page, offset],
            idea_summary_row,
        )?
        .collect::<Result<_, _>>()?;
    Ok(IdeaPage {
        total: summary.idea_count,
        theme: summary,
        ideas,
        page,
        per_page,
    })
}

pub fn idea_detail(tx: &Transaction<'_>, id: IdeaId) -> Result<IdeaDetail, StoreError> {
    tx.query_row(
        "SELECT i.id, i.theme_id, t.title, i.title, i.body,
                (SELECT COUNT(*) FROM support s WHERE s.idea_id = i.id), i.created_at
         FROM idea i JOIN theme t ON t.id = i.theme_id WHERE i.id = ?1",
        [id.to_string()],
        |r| {
            Ok(IdeaDetail {
                id: IdeaId(uuid_at(r, 0)?),
                theme_id: ThemeId(uuid_at(r, 1)?),
                theme_title: r.get(2)?,
                title: r.get(3)?,
                body: r.get(4)?,
                support_count: u32_at(r, 5)?,
                created_at: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or(StoreError::UnknownIdea)
}

/// Compares two hashes without an early exit, so timing does not leak how much matched.
fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn stored_hash(tx: &Transaction<'_>, id: ParticipantId) -> Result<Option<String>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT secret_hash FROM participant WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Refuses a known participant id presented with a different secret.
pub fn check_participant(tx: &Transaction<'_>, caller: &Caller) -> Result<(), StoreError> {
    match stored_hash(tx, caller.id)? {
        Some(h) if !hashes_equal(&h, &caller.secret_hash) => Err(StoreError::WrongSecret),
        _ => Ok(()),
    }
}

/// Registers the participant on first write (the identity may have been created offline),
/// or checks the secret of a known one.
pub fn ensure_participant(tx: &Transaction<'_>, caller: &Caller) -> Result<(), StoreError> {
    match stored_hash(tx, caller.id)? {
        Some(h) if hashes_equal(&h, &caller.secret_hash) => Ok(()),
        Some(_) => Err(StoreError::WrongSecret),
        None => {
            tx.execute(
                "INSERT INTO participant (id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
                params![caller.id.to_string(), caller.secret_hash, now_ms()],
            )?;
            Ok(())
        }
    }
}

pub fn insert_idea(
    tx: &Transaction<'_>,
    author: ParticipantId,
    draft: &IdeaDraft,
) -> Result<Created, StoreError> {
    theme_summary(tx, draft.theme_id)?;
    let existing: Option<(String, String, String, String)> = tx
        .query_row(
            "SELECT author_id, theme_id, title, body FROM idea WHERE id = ?1",
            [draft.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    if let Some((a, t, title, body)) = existing {
        let same = a == author.to_string()
            && t == draft.theme_id.to_string()
            && title == draft.title.as_str()
            && body == draft.body.as_str();
        return if same {
            Ok(Created::Existing)
        } else {
            Err(StoreError::IdConflict)
        };
    }
    tx.execute(
        "INSERT INTO idea (id, theme_id, author_id, title, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            draft.id.to_string(),
            draft.theme_id.to_string(),
            author.to_string(),
            draft.title.as_str(),
            draft.body.as_str(),
            now_ms()
        ],
    )?;
    Ok(Created::New)
}

pub fn set_support(
    tx: &Transaction<'_>,
    who: ParticipantId,
    idea: IdeaId,
    supported: bool,
) -> Result<SupportState, StoreError> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM idea WHERE id = ?1)",
        [idea.to_string()],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(StoreError::UnknownIdea);
    }
    if supported {
        tx.execute(
            "INSERT OR IGNORE INTO support (idea_id, participant_id, created_at) VALUES (?1, ?2, ?3)",
            params![idea.to_string(), who.to_string(), now_ms()],
        )?;
    } else {
        tx.execute(
            "DELETE FROM support WHERE idea_id = ?1 AND participant_id = ?2",
            params![idea.to_string(), who.to_string()],
        )?;
    }
    let count: i64 = tx.query_row(
        "SELECT COUNT(*) FROM support WHERE idea_id = ?1",
        [idea.to_string()],
        |r| r.get(0),
    )?;
    Ok(SupportState {
        idea_id: idea,
        supported,
        support_count: u32::try_from(count).unwrap_or(u32::MAX),
    })
}

pub fn replace_dots(
    tx: &Transaction<'_>,
    who: ParticipantId,
    ballot: &DotBallot,
) -> Result<(), StoreError> {
    let process = current_process(tx)?;
    if ballot.spent() > process.dot_budget {
        return Err(StoreError::DotBudgetExceeded);
    }
    for entry in ballot.entries() {
        let owner: Option<String> = tx
            .query_row(
                "SELECT process_id FROM theme WHERE id = ?1",
                [entry.theme_id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match owner {
            None => return Err(StoreError::UnknownTheme),
            Some(p) if p != process.id.to_string() => return Err(StoreError::ThemeNotInProcess),
            Some(_) => {}
        }
    }
    tx.execute(
        "DELETE FROM dot_vote WHERE process_id = ?1 AND participant_id = ?2",
        params![process.id.to_string(), who.to_string()],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO dot_vote (process_id, participant_id, theme_id, points) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for entry in ballot.entries() {
        insert.execute(params![
            process.id.to_string(),
            who.to_string(),
            entry.theme_id.to_string(),
            entry.points
        ])?;
    }
    Ok(())
}

pub fn my_state(tx: &Transaction<'_>, who: ParticipantId) -> Result<MyState, StoreError> {
    let process = current_process(tx)?;
    let mut stmt = tx.prepare_cached(
        "SELECT idea_id FROM support WHERE participant_id = ?1 ORDER BY created_at, idea_id",
    )?;
    let supported_ideas = stmt
        .query_map([who.to_string()], |r| Ok(IdeaId(uuid_at(r, 0)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT d.theme_id, d.points FROM dot_vote d JOIN theme t ON t.id = d.theme_id
         WHERE d.process_id = ?1 AND d.participant_id = ?2 ORDER BY t.position",
    )?;
    let dots = stmt
        .query_map(params![process.id.to_string(), who.to_string()], |r| {
            Ok(DotEntry {
                theme_id: ThemeId(uuid_at(r, 0)?),
                points: u8::try_from(r.get::<_, i64>(1)?).unwrap_or(u8::MAX),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let spent: u32 = dots.iter().map(|d| u32::from(d.points)).sum();
    let remaining = u32::from(process.dot_budget).saturating_sub(spent);
    Ok(MyState {
        participant_id: who,
        supported_ideas,
        dots,
        dots_remaining: u8::try_from(remaining).unwrap_or(0),
    })
}

pub fn results(tx: &Transaction<'_>) -> Result<Results, StoreError> {
    let process = current_process(tx)?;
    let themes = theme_summaries(tx, process.id)?;
    let mut stmt = tx.prepare_cached(&format!(
        "{IDEA_SUMMARY_SQL} JOIN theme t ON t.id = i.theme_id WHERE t.process_id = ?1"
    ))?;
    let mut by_theme: BTreeMap<ThemeId, Vec<IdeaSummary>> = BTreeMap::new();
    for idea in stmt.query_map([process.id.to_string()], idea_summary_row)? {
        let idea = idea?;
        by_theme.entry(idea.theme_id).or_default().push(idea);
    }
    let (dot_voters, dots_placed): (i64, i64) = tx.query_row(
        "SELECT COUNT(DISTINCT participant_id), COALESCE(SUM(points), 0)
         FROM dot_vote WHERE process_id = ?1",
        [process.id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let themes = tally::rank_themes(themes)
        .into_iter()
        .map(|(rank, theme)| {
            let ideas = by_theme.remove(&theme.id).unwrap_or_default();
            ThemeResult {
                rank,
                top_ideas: tally::top_ideas(ideas, TOP_IDEAS_PER_THEME),
                theme,
            }
        })
        .collect();
    Ok(Results {
        themes,
        dot_voters: u32::try_from(dot_voters).unwrap_or(u32::MAX),
        dots_placed: u32::try_from(dots_placed).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_long_text_with_an_ellipsis() {
        assert_eq!(excerpt("kurz"), "kurz");
        let long = "ä".repeat(EXCERPT_CHARS + 5);
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
    }

    #[test]
    fn hash_comparison() {
        assert!(hashes_equal("abc", "abc"));
        assert!(!hashes_equal("abc", "abd"));
        assert!(!hashes_equal("abc", "abcd"));
    }
}

//! The SQL. Every function runs inside a transaction opened by [`super::Store`].

use super::changes::{self, kind};
use super::{Caller, Created, IdeaDraft, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::collections::BTreeMap;
use uuid::Uuid;
use werkstadt_domain::api::{
    IdeaDetail, IdeaListQuery, IdeaPage, IdeaSort, IdeaSummary, MyState, Process, ProcessOverview,
    Results, SupportState, ThemeResult, ThemeSummary,
};
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::moderation::{IdeaStatus, ModerationMode, OfficialAnswer, OfficialStatus};
use werkstadt_domain::sync::{CommentId, CommentRecord, IdeaRecord};
use werkstadt_domain::{
    tally, CommentBody, DotBallot, IdeaBody, IdeaId, IdeaTitle, ParticipantId, ProcessId, ThemeId,
};

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
    werkstadt_domain::replica::excerpt(body, EXCERPT_CHARS)
}

pub fn process_count(tx: &Connection) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT COUNT(*) FROM process", [], |r| r.get(0))?)
}

/// How many people have placed dot-vote points in process `p`.
const DOT_VOTERS: &str =
    "(SELECT COUNT(DISTINCT d.participant_id) FROM dot_vote d WHERE d.process_id = p.id)";

/// The current process: the most recently created one.
fn process_row(r: &Row<'_>) -> rusqlite::Result<Process> {
    Ok(Process {
        id: ProcessId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        dot_budget: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        dot_voters: u32_at(r, 4)?,
        moderation: if r.get::<_, String>(5)? == "pre" {
            ModerationMode::Pre
        } else {
            ModerationMode::Post
        },
        verified_only: r.get::<_, i64>(6)? == 1,
    })
}

pub fn current_process(tx: &Connection) -> Result<Process, StoreError> {
    tx.query_row(
        &format!(
            "SELECT id, title, description, dot_budget, {DOT_VOTERS}, moderation, verified_only FROM process p
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        [],
        process_row,
    )
    .optional()?
    .ok_or(StoreError::NoProcess)
}

pub fn process(tx: &Connection, id: ProcessId) -> Result<Process, StoreError> {
    tx.query_row(
        &format!(
            "SELECT id, title, description, dot_budget, {DOT_VOTERS}, moderation, verified_only FROM process p WHERE id = ?1"
        ),
        [id.to_string()],
        process_row,
    )
    .optional()?
    .ok_or(StoreError::NoProcess)
}

const THEME_SUMMARY_SQL: &str = "
    SELECT t.id, t.title, t.description,
           (SELECT COUNT(*) FROM idea i WHERE i.theme_id = t.id AND i.status = 'published'),
           (SELECT COALESCE(SUM(d.points), 0) FROM dot_vote d WHERE d.theme_id = t.id),
           t.position
    FROM theme t";

fn theme_summary_row(r: &Row<'_>) -> rusqlite::Result<ThemeSummary> {
    Ok(ThemeSummary {
        id: ThemeId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        idea_count: u32_at(r, 3)?,
        dot_points: u32_at(r, 4)?,
        position: u32_at(r, 5)?,
    })
}

fn theme_summaries(tx: &Connection, process: ProcessId) -> Result<Vec<ThemeSummary>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "{THEME_SUMMARY_SQL} WHERE t.process_id = ?1 ORDER BY t.position, t.title"
    ))?;
    let rows = stmt.query_map([process.to_string()], theme_summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn theme_summary(tx: &Connection, theme: ThemeId) -> Result<ThemeSummary, StoreError> {
    tx.query_row(
        &format!("{THEME_SUMMARY_SQL} WHERE t.id = ?1"),
        [theme.to_string()],
        theme_summary_row,
    )
    .optional()?
    .ok_or(StoreError::UnknownTheme)
}

pub fn process_overview(tx: &Connection) -> Result<ProcessOverview, StoreError> {
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
    tx: &Connection,
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
        "{IDEA_SUMMARY_SQL} WHERE i.theme_id = ?1 AND i.status = 'published'
         ORDER BY {order} LIMIT ?2 OFFSET ?3"
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

/// Up to five published ideas whose titles are like `typed`: the full-text index finds the
/// candidates (best first by bm25, at most [`SIMILAR_CANDIDATES`]), the domain's rule
/// (`search::similar_titles`, the same the app runs offline) picks and orders them.
pub fn similar_ideas(tx: &Connection, typed: &str) -> Result<Vec<IdeaSummary>, StoreError> {
    let Some(query) = werkstadt_domain::search::fts_query(typed) else {
        return Ok(Vec::new());
    };
    let mut stmt = tx.prepare_cached(&format!(
        "{IDEA_SUMMARY_SQL} JOIN idea_fts ON idea_fts.rowid = i.rowid
         WHERE idea_fts MATCH ?1 AND i.status = 'published'
         ORDER BY bm25(idea_fts) LIMIT {SIMILAR_CANDIDATES}"
    ))?;
    let found: Vec<IdeaSummary> = stmt
        .query_map([query], idea_summary_row)?
        .collect::<Result<_, _>>()?;
    let picked = werkstadt_domain::search::similar_titles(
        typed,
        found.iter().enumerate().map(|(n, i)| (n, i.title.as_str())),
        5,
    );
    Ok(picked.into_iter().map(|n| found[n].clone()).collect())
}

/// Most full-text matches ranked by the domain's rule for one "similar ideas" answer.
const SIMILAR_CANDIDATES: usize = 200;

/// An idea's detail as `viewer` may see it: published ideas for everyone, an idea in any
/// other state only for its author (who just submitted it under pre-moderation, say).
pub fn idea_detail(
    tx: &Connection,
    id: IdeaId,
    viewer: Option<ParticipantId>,
) -> Result<IdeaDetail, StoreError> {
    let (detail, author) = tx
        .query_row(
            "SELECT i.id, i.theme_id, t.title, i.title, i.body,
                (SELECT COUNT(*) FROM support s WHERE s.idea_id = i.id), i.created_at,
                i.status, i.author_id
         FROM idea i JOIN theme t ON t.id = i.theme_id
         WHERE i.id = ?1",
            [id.to_string()],
            |r| {
                let status: String = r.get(7)?;
                Ok((
                    IdeaDetail {
                        id: IdeaId(uuid_at(r, 0)?),
                        theme_id: ThemeId(uuid_at(r, 1)?),
                        theme_title: r.get(2)?,
                        title: r.get(3)?,
                        body: r.get(4)?,
                        support_count: u32_at(r, 5)?,
                        created_at: r.get(6)?,
                        status: IdeaStatus::parse(&status).unwrap_or(IdeaStatus::Hidden),
                    },
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?
        .ok_or(StoreError::UnknownIdea)?;
    let own = viewer.is_some_and(|v| v.to_string() == author);
    if detail.status == IdeaStatus::Published || own {
        Ok(detail)
    } else {
        Err(StoreError::UnknownIdea)
    }
}

/// Compares two hashes without an early exit, so timing does not leak how much matched.
fn hashes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn stored_hash(tx: &Connection, id: ParticipantId) -> Result<Option<String>, StoreError> {
    Ok(tx
        .query_row(
            "SELECT secret_hash FROM participant WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Refuses a known participant id presented with a different secret.
pub fn check_participant(tx: &Connection, caller: &Caller) -> Result<(), StoreError> {
    match stored_hash(tx, caller.id)? {
        Some(h) if !hashes_equal(&h, &caller.secret_hash) => Err(StoreError::WrongSecret),
        _ => Ok(()),
    }
}

/// Registers the participant on first write (the identity may have been created offline),
/// or checks the secret of a known one.
pub fn ensure_participant(tx: &Connection, caller: &Caller) -> Result<(), StoreError> {
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

/// The current process's participation rules, read once per write (a push applies many
/// mutations under the same rules).
#[derive(Clone, Copy, Debug, Default)]
pub struct Rules {
    pub pre_moderation: bool,
    pub verified_only: bool,
}

pub fn rules(tx: &Connection) -> Result<Rules, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT moderation = 'pre', verified_only = 1 FROM process
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row([], |r| {
            Ok(Rules {
                pre_moderation: r.get(0)?,
                verified_only: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn insert_idea(
    tx: &Connection,
    author: ParticipantId,
    draft: &IdeaDraft,
    rules: Rules,
) -> Result<Created, StoreError> {
    let theme_exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM theme WHERE id = ?1)")?
        .query_row([draft.theme_id.to_string()], |r| r.get(0))?;
    if !theme_exists {
        return Err(StoreError::UnknownTheme);
    }
    let existing: Option<(String, String, String, String)> = tx
        .prepare_cached("SELECT author_id, theme_id, title, body FROM idea WHERE id = ?1")?
        .query_row([draft.id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
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
    // Under pre-moderation a new idea waits; only its author (and staff) see it until then.
    let status = if rules.pre_moderation {
        IdeaStatus::Pending
    } else {
        IdeaStatus::Published
    };
    tx.prepare_cached(
        "INSERT INTO idea (id, theme_id, author_id, title, body, created_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        draft.id.to_string(),
        draft.theme_id.to_string(),
        author.to_string(),
        draft.title.as_str(),
        draft.body.as_str(),
        now_ms(),
        status.as_str()
    ])?;
    let owner = (!status.is_public()).then_some(author);
    changes::touch_new(tx, kind::IDEA, &draft.id.to_string(), owner)?;
    changes::touch(tx, kind::THEME, &draft.theme_id.to_string(), None)?;
    Ok(Created::New)
}

/// Last write wins for the author's own edits (moderation will freeze ideas later).
pub fn edit_idea(
    tx: &Connection,
    who: ParticipantId,
    idea: IdeaId,
    title: &IdeaTitle,
    body: &IdeaBody,
) -> Result<(), StoreError> {
    let author: String = tx
        .query_row(
            "SELECT author_id FROM idea WHERE id = ?1",
            [idea.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::UnknownIdea)?;
    if author != who.to_string() {
        return Err(StoreError::NotAuthor);
    }
    tx.execute(
        "UPDATE idea SET title = ?2, body = ?3 WHERE id = ?1",
        params![idea.to_string(), title.as_str(), body.as_str()],
    )?;
    changes::touch(tx, kind::IDEA, &idea.to_string(), None)
}

/// Supports and comments only go to published ideas: anything else is, for participants,
/// an idea that does not exist (pending, rejected, hidden or merged).
pub fn require_public_idea(tx: &Connection, idea: IdeaId) -> Result<(), StoreError> {
    let public: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM idea WHERE id = ?1 AND status = 'published')",
        )?
        .query_row([idea.to_string()], |r| r.get(0))?;
    if public {
        Ok(())
    } else {
        Err(StoreError::UnknownIdea)
    }
}

pub fn set_support(
    tx: &Connection,
    who: ParticipantId,
    idea: IdeaId,
    supported: bool,
    rules: Rules,
) -> Result<SupportState, StoreError> {
    require_public_idea(tx, idea)?;
    if supported && rules.verified_only {
        super::codes::require_verified(tx, &who.to_string())?;
    }
    let changed = if supported {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO support (idea_id, participant_id, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![idea.to_string(), who.to_string(), now_ms()])?
    } else {
        tx.prepare_cached("DELETE FROM support WHERE idea_id = ?1 AND participant_id = ?2")?
            .execute(params![idea.to_string(), who.to_string()])?
    };
    // Setting the state it already has changes nothing, not even the feed.
    if changed > 0 {
        changes::touch(tx, kind::IDEA, &idea.to_string(), None)?;
        changes::touch(
            tx,
            kind::SUPPORT,
            &changes::support_entity(idea, who),
            Some(who),
        )?;
    }
    let count: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM support WHERE idea_id = ?1")?
        .query_row([idea.to_string()], |r| r.get(0))?;
    Ok(SupportState {
        idea_id: idea,
        supported,
        support_count: u32::try_from(count).unwrap_or(u32::MAX),
    })
}

pub fn replace_dots(
    tx: &Connection,
    who: ParticipantId,
    ballot: &DotBallot,
) -> Result<(), StoreError> {
    let process = current_process(tx)?;
    if process.verified_only && ballot.spent() > 0 {
        super::codes::require_verified(tx, &who.to_string())?;
    }
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
    let before = my_state(tx, who)?.dots;
    // The same allocation again changes nothing, not even the feed.
    if DotBallot::parse(&before).ok().as_ref() == Some(ballot) {
        return Ok(());
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
    let mut touched: Vec<ThemeId> = before
        .iter()
        .chain(ballot.entries().iter())
        .map(|e| e.theme_id)
        .collect();
    touched.sort();
    touched.dedup();
    for theme in touched {
        changes::touch(tx, kind::THEME, &theme.to_string(), None)?;
    }
    // The number of voters is part of the process record.
    changes::touch(tx, kind::PROCESS, &process.id.to_string(), None)?;
    changes::touch(tx, kind::DOTS, &who.to_string(), Some(who))
}

pub fn supports(tx: &Connection, who: ParticipantId, idea: IdeaId) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM support WHERE idea_id = ?1 AND participant_id = ?2)",
        )?
        .query_row(params![idea.to_string(), who.to_string()], |r| r.get(0))?)
}

/// An idea as `viewer` may see it in the feed: in full when it is published or theirs, else a
/// tombstone (no title, text or reason) that tells apps to drop it.
pub fn idea_record(
    tx: &Connection,
    id: IdeaId,
    viewer: Option<ParticipantId>,
) -> Result<IdeaRecord, StoreError> {
    let (mut record, author) = tx
        .prepare_cached(
            "SELECT i.id, i.theme_id, i.title, i.body,
                    (SELECT COUNT(*) FROM support s WHERE s.idea_id = i.id),
                    (SELECT COUNT(*) FROM comment c WHERE c.idea_id = i.id AND c.status = 'published'),
                    i.created_at, i.status, i.reason, i.merged_into,
                    i.answer_status, i.answer_text, i.answered_at, i.author_id
             FROM idea i WHERE i.id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            let status: String = r.get(7)?;
            let merged: Option<String> = r.get(9)?;
            let answer_status: Option<String> = r.get(10)?;
            let answer = match (
                answer_status.as_deref().and_then(OfficialStatus::parse),
                r.get::<_, Option<String>>(11)?,
            ) {
                (Some(status), Some(text)) => Some(OfficialAnswer {
                    status,
                    text,
                    at: r.get::<_, Option<i64>>(12)?.unwrap_or(0),
                }),
                _ => None,
            };
            Ok((
                IdeaRecord {
                    id: IdeaId(uuid_at(r, 0)?),
                    theme_id: ThemeId(uuid_at(r, 1)?),
                    title: r.get(2)?,
                    body: r.get(3)?,
                    support_count: u32_at(r, 4)?,
                    comment_count: u32_at(r, 5)?,
                    created_at: r.get(6)?,
                    status: IdeaStatus::parse(&status).unwrap_or(IdeaStatus::Hidden),
                    reason: r.get(8)?,
                    merged_into: merged.and_then(|m| m.parse().ok()).map(IdeaId),
                    answer,
                },
                r.get::<_, String>(13)?,
            ))
        })
        .optional()?
        .ok_or(StoreError::UnknownIdea)?;
    let own = viewer.is_some_and(|v| v.to_string() == author);
    if !record.status.is_public() && !own {
        record.title.clear();
        record.body.clear();
        record.reason = None;
        record.answer = None;
    }
    Ok(record)
}

/// Columns: id, idea_id, body, created_at, status, reason.
fn comment_row(r: &Row<'_>) -> rusqlite::Result<CommentRecord> {
    let status: String = r.get(4)?;
    Ok(CommentRecord {
        id: CommentId(uuid_at(r, 0)?),
        idea_id: IdeaId(uuid_at(r, 1)?),
        body: r.get(2)?,
        created_at: r.get(3)?,
        status: IdeaStatus::parse(&status).unwrap_or(IdeaStatus::Hidden),
        reason: r.get(5)?,
    })
}

/// A comment as `viewer` may see it in the feed: in full when published or theirs, else a
/// tombstone without text or reason.
pub fn comment(
    tx: &Connection,
    id: CommentId,
    viewer: Option<ParticipantId>,
) -> Result<CommentRecord, StoreError> {
    let (mut c, author): (CommentRecord, String) = tx
        .prepare_cached(
            "SELECT id, idea_id, body, created_at, status, reason, author_id FROM comment
             WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| Ok((comment_row(r)?, r.get(6)?)))
        .optional()?
        .ok_or(StoreError::UnknownComment)?;
    let own = viewer.is_some_and(|v| v.to_string() == author);
    if !c.status.is_public() && !own {
        c.body.clear();
        c.reason = None;
    }
    Ok(c)
}

pub fn comments(tx: &Connection, idea: IdeaId) -> Result<Vec<CommentRecord>, StoreError> {
    require_public_idea(tx, idea)?;
    let mut stmt = tx.prepare_cached(
        "SELECT id, idea_id, body, created_at, status, reason FROM comment
         WHERE idea_id = ?1 AND status = 'published' ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([idea.to_string()], comment_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Creates a comment once, by its id (a retry with the same content is not an error).
pub fn insert_comment(
    tx: &Connection,
    who: ParticipantId,
    id: CommentId,
    idea: IdeaId,
    body: &CommentBody,
    rules: Rules,
) -> Result<Created, StoreError> {
    let existing: Option<(String, String, String)> = tx
        .query_row(
            "SELECT author_id, idea_id, body FROM comment WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((a, i, b)) = existing {
        let same = a == who.to_string() && i == idea.to_string() && b == body.as_str();
        return if same {
            Ok(Created::Existing)
        } else {
            Err(StoreError::IdConflict)
        };
    }
    require_public_idea(tx, idea)?;
    // Under pre-moderation a comment waits; only its author (and staff) see it until then.
    let status = if rules.pre_moderation {
        IdeaStatus::Pending
    } else {
        IdeaStatus::Published
    };
    tx.execute(
        "INSERT INTO comment (id, idea_id, author_id, body, created_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.to_string(),
            idea.to_string(),
            who.to_string(),
            body.as_str(),
            now_ms(),
            status.as_str()
        ],
    )?;
    let owner = (!status.is_public()).then_some(who);
    changes::touch_new(tx, kind::COMMENT, &id.to_string(), owner)?;
    changes::touch(tx, kind::IDEA, &idea.to_string(), None)?;
    Ok(Created::New)
}

pub fn my_state(tx: &Connection, who: ParticipantId) -> Result<MyState, StoreError> {
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

pub fn results(tx: &Connection) -> Result<Results, StoreError> {
    let process = current_process(tx)?;
    let themes = theme_summaries(tx, process.id)?;
    let mut stmt = tx.prepare_cached(&format!(
        "{IDEA_SUMMARY_SQL} JOIN theme t ON t.id = i.theme_id
         WHERE t.process_id = ?1 AND i.status = 'published'"
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

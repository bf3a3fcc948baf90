//! Ideas: lists per theme, search for similar titles, details, submission and edits, the feed record.

use super::changes::{self, kind};
use super::processes::{theme_summary, Rules};
use super::rows::{excerpt, now_ms, u32_at, uuid_at};
use super::verified;
use super::{Created, IdeaDraft, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row};
use werkstadt_domain::api::{IdeaDetail, IdeaListQuery, IdeaPage, IdeaSort, IdeaSummary};
use werkstadt_domain::moderation::{IdeaStatus, OfficialAnswer, OfficialStatus};
use werkstadt_domain::setup::Module;
use werkstadt_domain::sync::IdeaRecord;
use werkstadt_domain::{IdeaBody, IdeaId, IdeaTitle, ParticipantId, ThemeId};

/// An idea's summary; its support count as its process shows it (`storage::verified`).
pub(super) const IDEA_SUMMARY_SQL: &str = "
    SELECT i.id, i.theme_id, i.title, substr(i.body, 1, 200),
           CASE WHEN p.verified_only = 1 THEN i.verified_support_count ELSE i.support_count END,
           i.created_at
    FROM idea i JOIN theme t ON t.id = i.theme_id JOIN process p ON p.id = t.process_id";

pub(super) fn idea_summary_row(r: &Row<'_>) -> rusqlite::Result<IdeaSummary> {
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
        IdeaSort::Support => {
            verified::support_order(verified::theme_counts_verified(tx, &theme.to_string())?)
        }
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
            &format!(
                "SELECT i.id, i.theme_id, t.title, i.title, i.body,
                    {}, i.created_at,
                    i.status, i.author_id
                 FROM idea i JOIN theme t ON t.id = i.theme_id
                 JOIN process p ON p.id = t.process_id
                 WHERE i.id = ?1",
                verified::SUPPORTS
            ),
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

pub fn insert_idea(
    tx: &Connection,
    author: ParticipantId,
    draft: &IdeaDraft,
    rules: Rules,
) -> Result<Created, StoreError> {
    let theme: Option<(String, bool)> = tx
        .prepare_cached("SELECT process_id, retired_at IS NOT NULL FROM theme WHERE id = ?1")?
        .query_row([draft.theme_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((theme_process, retired)) = theme else {
        return Err(StoreError::UnknownTheme);
    };
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
    // A retry of an idea already there is answered above; a new one must find the idea
    // collection open and its field of action taking ideas.
    if rules.process.map(|p| p.to_string()) != Some(theme_process) {
        return Err(StoreError::ThemeNotInProcess);
    }
    rules.check(Module::Ideas)?;
    if retired {
        return Err(StoreError::ThemeRetired);
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
    super::follows::follow_own_idea(tx, author, draft.id)?;
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

/// An idea as `viewer` may see it in the feed: in full when it is published or theirs, else a
/// tombstone (no title, text or reason) that tells apps to drop it.
pub fn idea_record(
    tx: &Connection,
    id: IdeaId,
    viewer: Option<ParticipantId>,
) -> Result<IdeaRecord, StoreError> {
    let (mut record, author) = tx
        .prepare_cached(&format!(
            "SELECT i.id, i.theme_id, i.title, i.body,
                    {}, i.comment_count,
                    i.created_at, i.status, i.reason, i.merged_into,
                    i.answer_status, i.answer_text, i.answered_at, i.author_id, pi.project_id
             FROM idea i LEFT JOIN theme t ON t.id = i.theme_id
             LEFT JOIN process p ON p.id = t.process_id
             LEFT JOIN project_idea pi ON pi.idea_id = i.id
             WHERE i.id = ?1",
            verified::SUPPORTS
        ))?
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
                    project_id: r
                        .get::<_, Option<String>>(14)?
                        .and_then(|p| p.parse().ok())
                        .map(werkstadt_domain::ProjectId),
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
        record.project_id = None;
    }
    Ok(record)
}

impl super::Store {
    /// A published idea as the feed gives it to anyone (its official answer included), for the
    /// first screen of a link to it; `UnknownIdea` for any other.
    pub async fn published_idea(&self, id: IdeaId) -> Result<IdeaRecord, StoreError> {
        self.read(move |tx| {
            let record = idea_record(tx, id, None)?;
            if record.status == IdeaStatus::Published {
                Ok(record)
            } else {
                Err(StoreError::UnknownIdea)
            }
        })
        .await
    }
}

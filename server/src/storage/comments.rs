//! Comments on ideas.

use super::changes::{self, kind};
use super::ideas::require_public_idea;
use super::processes::Rules;
use super::rows::{now_ms, uuid_at};
use super::{Created, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row};
use werkstadt_domain::moderation::IdeaStatus;
use werkstadt_domain::sync::{CommentId, CommentRecord};
use werkstadt_domain::{CommentBody, IdeaId, ParticipantId};

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
    rules.check(werkstadt_domain::setup::Module::Comments)?;
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

//! Moderation in SQL: staff decisions on ideas (each with its audit line, in the same
//! transaction), the queue, and the process's moderation mode.

use super::changes::{self, kind};
use super::rows::now_ms;
use super::staff::{append_audit, Audit};
use super::{comments, ideas, processes};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::chars::clean;
use werkstadt_domain::moderation::{transition, Decision, IdeaStatus, ModerationMode, OpenReport};
use werkstadt_domain::sync::CommentId;
use werkstadt_domain::sync::{CommentRecord, IdeaRecord};
use werkstadt_domain::{IdeaId, ParticipantId, ThemeId};

/// Applies `decision` by staff member `staff_id` to `idea`, or rejects it (unknown idea,
/// invalid text, a state it no longer fits). Touches the feed so authors and apps learn of it.
pub fn decide(
    tx: &Connection,
    staff_id: &str,
    idea: IdeaId,
    decision: &Decision,
) -> Result<(), StoreError> {
    decision.validate().map_err(StoreError::Moderation)?;
    let (status, theme, author): (String, String, String) = tx
        .query_row(
            "SELECT status, theme_id, author_id FROM idea WHERE id = ?1",
            [idea.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::UnknownIdea)?;
    let from = IdeaStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(status.clone()))?;
    let to = transition(from, decision).map_err(StoreError::Moderation)?;
    let id = idea.to_string();
    let mut after = serde_json::json!({"status": to.as_str()});
    match decision {
        Decision::Approve => {
            tx.execute(
                "UPDATE idea SET status = ?2 WHERE id = ?1",
                params![id, to.as_str()],
            )?;
        }
        Decision::Reject { reason } | Decision::Hide { reason } => {
            tx.execute(
                "UPDATE idea SET status = ?2, reason = ?3 WHERE id = ?1",
                params![id, to.as_str(), clean(reason)],
            )?;
            after["reason"] = clean(reason).into();
        }
        Decision::Move { theme_id } => {
            let same_process: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM theme a JOIN theme b ON a.process_id = b.process_id
                 WHERE a.id = ?1 AND b.id = ?2)",
                params![theme, theme_id.to_string()],
                |r| r.get(0),
            )?;
            if !same_process {
                return Err(StoreError::UnknownTheme);
            }
            tx.execute(
                "UPDATE idea SET theme_id = ?2 WHERE id = ?1",
                params![id, theme_id.to_string()],
            )?;
            changes::touch(tx, kind::THEME, &theme_id.to_string(), None)?;
            after["theme_id"] = theme_id.to_string().into();
        }
        Decision::Merge { into } => merge(tx, idea, *into)?,
        Decision::Answer { status, text } => {
            tx.execute(
                "UPDATE idea SET answer_status = ?2, answer_text = ?3, answered_at = ?4 WHERE id = ?1",
                params![id, status.as_str(), clean(text), now_ms()],
            )?;
            after["answer"] = serde_json::json!({"status": status.as_str(), "text": clean(text)});
        }
    }
    if let Decision::Merge { into } = decision {
        after["merged_into"] = into.to_string().into();
    }
    let owner: Option<ParticipantId> = (!to.is_public()
        && matches!(to, IdeaStatus::Pending | IdeaStatus::Rejected))
    .then(|| author.parse().ok().map(ParticipantId))
    .flatten();
    changes::touch(tx, kind::IDEA, &id, owner)?;
    changes::touch(tx, kind::THEME, &theme, None)?;
    super::reports::resolve(tx, "idea", &id)?;
    append_audit(
        tx,
        &Audit {
            actor_id: staff_id.to_owned(),
            action: decision.action(),
            target: id,
            before: Some(
                serde_json::json!({"status": from.as_str(), "theme_id": theme}).to_string(),
            ),
            after: Some(after.to_string()),
        },
    )
}

/// Applies `decision` (approve, reject or hide) to a comment; others do not apply to comments
/// (`stale_state`).
pub fn decide_comment(
    tx: &Connection,
    staff_id: &str,
    comment: CommentId,
    decision: &Decision,
) -> Result<(), StoreError> {
    decision.validate().map_err(StoreError::Moderation)?;
    let (status, idea, author): (String, String, String) = tx
        .query_row(
            "SELECT status, idea_id, author_id FROM comment WHERE id = ?1",
            [comment.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(StoreError::UnknownComment)?;
    let from = IdeaStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(status.clone()))?;
    let (to, reason) = match decision {
        Decision::Approve => (transition(from, decision), None),
        Decision::Reject { reason } | Decision::Hide { reason } => {
            (transition(from, decision), Some(clean(reason)))
        }
        _ => (Err(werkstadt_domain::ErrorCode::StaleState), None),
    };
    let to = to.map_err(StoreError::Moderation)?;
    let id = comment.to_string();
    tx.execute(
        "UPDATE comment SET status = ?2, reason = ?3 WHERE id = ?1",
        params![id, to.as_str(), reason],
    )?;
    let owner: Option<ParticipantId> = matches!(to, IdeaStatus::Pending | IdeaStatus::Rejected)
        .then(|| author.parse().ok().map(ParticipantId))
        .flatten();
    changes::touch(tx, kind::COMMENT, &id, owner)?;
    changes::touch(tx, kind::IDEA, &idea, None)?;
    super::reports::resolve(tx, "comment", &id)?;
    append_audit(
        tx,
        &Audit {
            actor_id: staff_id.to_owned(),
            action: match decision {
                Decision::Approve => "comment.approve",
                Decision::Reject { .. } => "comment.reject",
                _ => "comment.hide",
            },
            target: id,
            before: Some(serde_json::json!({"status": from.as_str()}).to_string()),
            after: Some(serde_json::json!({"status": to.as_str(), "reason": reason}).to_string()),
        },
    )
}

/// Merges duplicate `from` into the published idea `into`: supporters of either support
/// `into` exactly once; `from` points to `into`.
fn merge(tx: &Connection, from: IdeaId, into: IdeaId) -> Result<(), StoreError> {
    if from == into {
        return Err(StoreError::Moderation(
            werkstadt_domain::ErrorCode::StaleState,
        ));
    }
    ideas::require_public_idea(tx, into)?;
    let (f, i) = (from.to_string(), into.to_string());
    let movers: Vec<String> = tx
        .prepare("SELECT participant_id FROM support WHERE idea_id = ?1")?
        .query_map([&f], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tx.execute(
        "INSERT OR IGNORE INTO support (idea_id, participant_id, created_at)
         SELECT ?2, participant_id, created_at FROM support WHERE idea_id = ?1",
        params![f, i],
    )?;
    tx.execute("DELETE FROM support WHERE idea_id = ?1", [&f])?;
    tx.execute(
        "UPDATE idea SET status = 'merged', merged_into = ?2 WHERE id = ?1",
        params![f, i],
    )?;
    // The chain and the follows go with it (nobody follows twice).
    super::project_links::carry_over(tx, from, into)?;
    super::follows::carry_over(tx, from, into)?;
    super::idea_decisions::carry_over(tx, from, into)?;
    // Each mover's own support state changed on both ideas.
    for p in movers {
        let who: ParticipantId = p
            .parse()
            .map(ParticipantId)
            .map_err(|_| StoreError::Corrupt(p.clone()))?;
        for idea in [from, into] {
            changes::touch(
                tx,
                kind::SUPPORT,
                &changes::support_entity(idea, who),
                Some(who),
            )?;
        }
    }
    changes::touch(tx, kind::IDEA, &i, None)
}

/// Comments waiting for a decision, newest first (staff see them in full).
fn waiting_comments(tx: &Connection) -> Result<Vec<CommentRecord>, StoreError> {
    let rows: Vec<(String, String)> = tx
        .prepare(
            "SELECT id, author_id FROM comment WHERE status = 'pending'
             ORDER BY created_at DESC, id DESC LIMIT 500",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, author)| {
            let id = id
                .parse()
                .map(CommentId)
                .map_err(|_| StoreError::Corrupt(id.clone()))?;
            comments::comment(tx, id, author.parse().ok().map(ParticipantId))
        })
        .collect()
}

/// Ideas for the moderation queue, newest first.
fn queue(
    tx: &Connection,
    status: IdeaStatus,
    theme: Option<ThemeId>,
    search: Option<&str>,
) -> Result<Vec<IdeaRecord>, StoreError> {
    let pattern = search.map(|s| format!("%{}%", s.replace(['%', '_'], "")));
    let ids: Vec<String> = tx
        .prepare(
            "SELECT id FROM idea
             WHERE status = ?1 AND (?2 IS NULL OR theme_id = ?2)
               AND (?3 IS NULL OR title LIKE ?3 OR body LIKE ?3)
             ORDER BY created_at DESC, id DESC LIMIT 500",
        )?
        .query_map(
            params![status.as_str(), theme.map(|t| t.to_string()), pattern],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let id: IdeaId = id
            .parse()
            .map(IdeaId)
            .map_err(|_| StoreError::Corrupt(id.clone()))?;
        // Staff see everything: read it as its author would.
        let author: String = tx.query_row(
            "SELECT author_id FROM idea WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )?;
        let viewer = author.parse().ok().map(ParticipantId);
        out.push(ideas::idea_record(tx, id, viewer)?);
    }
    Ok(out)
}

impl Store {
    pub async fn moderation_queue(
        &self,
        status: IdeaStatus,
        theme: Option<ThemeId>,
        search: Option<String>,
    ) -> Result<(Vec<IdeaRecord>, u32, Vec<OpenReport>, Vec<CommentRecord>), StoreError> {
        self.read(move |tx| {
            let items = queue(tx, status, theme, search.as_deref())?;
            let reports = super::reports::open_reports(tx)?;
            let comments = waiting_comments(tx)?;
            let waiting: i64 = tx.query_row(
                "SELECT COUNT(*) FROM idea WHERE status = 'pending'",
                [],
                |r| r.get(0),
            )?;
            Ok((
                items,
                u32::try_from(waiting).unwrap_or(u32::MAX),
                reports,
                comments,
            ))
        })
        .await
    }

    /// Sets the current process's moderation mode (admins); recorded in the audit log.
    pub async fn set_moderation_mode(
        &self,
        staff_id: String,
        mode: ModerationMode,
    ) -> Result<(), StoreError> {
        let value = match mode {
            ModerationMode::Pre => "pre",
            ModerationMode::Post => "post",
        };
        self.write(move |tx| {
            update_process_setting(
                tx,
                &staff_id,
                "moderation",
                "process.moderation",
                value.to_owned().into(),
            )
        })
        .await
    }
}

/// Changes one setting (`column`, a constant) of the current process, tells apps through the
/// feed and records who did it.
pub(super) fn update_process_setting(
    tx: &Connection,
    staff_id: &str,
    column: &'static str,
    action: &'static str,
    value: rusqlite::types::Value,
) -> Result<(), StoreError> {
    let id = processes::current_process(tx)?.id.to_string();
    let shown = match &value {
        rusqlite::types::Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    tx.execute(
        &format!("UPDATE process SET {column} = ?2 WHERE id = ?1"),
        params![id, value],
    )?;
    changes::touch(tx, kind::PROCESS, &id, None)?;
    append_audit(
        tx,
        &Audit {
            actor_id: staff_id.to_owned(),
            action,
            target: id,
            before: None,
            after: Some(shown),
        },
    )
}

//! Reports: a citizen flags an idea or comment for the moderators (once per target). Open
//! reports are listed in the queue, most reported first; a decision on the idea closes them.

use super::rows::now_ms;
use super::staff::{append_audit, Audit};
use super::{Caller, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::moderation::{NewReport, OpenReport, ReportTarget};
use werkstadt_domain::ErrorCode;

fn target_parts(t: &ReportTarget) -> (&'static str, String) {
    match t {
        ReportTarget::Idea(id) => ("idea", id.to_string()),
        ReportTarget::Comment(id) => ("comment", id.to_string()),
    }
}

/// The reported text, if the target exists and is public.
fn excerpt(tx: &Connection, t: &ReportTarget) -> Result<Option<String>, StoreError> {
    Ok(match t {
        ReportTarget::Idea(id) => tx
            .query_row(
                "SELECT title || ': ' || substr(body, 1, 300) FROM idea
                 WHERE id = ?1 AND status = 'published'",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?,
        ReportTarget::Comment(id) => tx
            .query_row(
                "SELECT substr(c.body, 1, 300) FROM comment c JOIN idea i ON i.id = c.idea_id
                 WHERE c.id = ?1 AND i.status = 'published' AND c.status = 'published'",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?,
    })
}

/// Closes the open reports on an idea or comment (called with each decision on it).
pub fn resolve(tx: &Connection, kind: &str, id: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE report SET resolved_at = ?3
         WHERE target_kind = ?1 AND target_id = ?2 AND resolved_at IS NULL",
        params![kind, id, now_ms()],
    )?;
    Ok(())
}

pub fn open_reports(tx: &Connection) -> Result<Vec<OpenReport>, StoreError> {
    let targets: Vec<(String, String, i64, i64)> = tx
        .prepare(
            "SELECT target_kind, target_id, COUNT(*), MIN(created_at) FROM report
             WHERE resolved_at IS NULL GROUP BY target_kind, target_id
             ORDER BY COUNT(*) DESC, MIN(created_at) LIMIT 200",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(targets.len());
    for (kind, id, n, first_at) in targets {
        let parse_err = || StoreError::Corrupt(format!("report target {id}"));
        let target = match kind.as_str() {
            "idea" => ReportTarget::Idea(
                id.parse()
                    .map(werkstadt_domain::IdeaId)
                    .map_err(|_| parse_err())?,
            ),
            _ => ReportTarget::Comment(
                id.parse()
                    .map(werkstadt_domain::sync::CommentId)
                    .map_err(|_| parse_err())?,
            ),
        };
        let Some(excerpt) = excerpt(tx, &target)? else {
            continue;
        };
        let reasons = tx
            .prepare_cached(
                "SELECT reason FROM report WHERE target_kind = ?1 AND target_id = ?2
                 AND resolved_at IS NULL ORDER BY created_at",
            )?
            .query_map(params![kind, id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        out.push(OpenReport {
            target,
            excerpt,
            reports: u32::try_from(n).unwrap_or(u32::MAX),
            reasons,
            first_at,
        });
    }
    Ok(out)
}

impl Store {
    /// Closes the open reports on an item as unfounded (the item stays as it is), with an
    /// audit line. Nothing open: `stale_state` (a colleague was first); never reported: the
    /// item is unknown.
    pub async fn dismiss_reports(
        &self,
        staff_id: String,
        target: ReportTarget,
    ) -> Result<(), StoreError> {
        self.write(move |tx| {
            let (kind, id) = target_parts(&target);
            let closed = tx.execute(
                "UPDATE report SET resolved_at = ?3
                 WHERE target_kind = ?1 AND target_id = ?2 AND resolved_at IS NULL",
                params![kind, id, now_ms()],
            )?;
            if closed == 0 {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM report WHERE target_kind = ?1 AND target_id = ?2)",
                    params![kind, id],
                    |r| r.get(0),
                )?;
                return Err(match (known, target) {
                    (true, _) => StoreError::Moderation(ErrorCode::StaleState),
                    (false, ReportTarget::Idea(_)) => StoreError::UnknownIdea,
                    (false, ReportTarget::Comment(_)) => StoreError::UnknownComment,
                });
            }
            append_audit(
                tx,
                &Audit {
                    actor_id: staff_id,
                    action: "report.dismiss",
                    target: format!("{kind}:{id}"),
                    before: Some(format!("{{\"open_reports\":{closed}}}")),
                    after: Some("{\"open_reports\":0}".to_owned()),
                },
            )
        })
        .await
    }

    /// Files a report; the same id again is fine, a second report of the same target by the
    /// same person is not counted twice.
    pub async fn report(&self, caller: Caller, report: NewReport) -> Result<(), StoreError> {
        self.write(move |tx| {
            super::participants::ensure_participant(tx, &caller)?;
            if excerpt(tx, &report.target)?.is_none() {
                return Err(match report.target {
                    ReportTarget::Idea(_) => StoreError::UnknownIdea,
                    ReportTarget::Comment(_) => StoreError::UnknownComment,
                });
            }
            let (kind, id) = target_parts(&report.target);
            tx.execute(
                "INSERT INTO report (id, target_kind, target_id, reporter_id, reason, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING",
                params![
                    report.id.to_string(),
                    kind,
                    id,
                    caller.id.to_string(),
                    werkstadt_domain::chars::clean(&report.reason),
                    now_ms()
                ],
            )?;
            Ok(())
        })
        .await
    }
}

/// Checks a report's reason (required, bounded, plain text).
pub fn check_reason(reason: &str) -> Result<(), ErrorCode> {
    werkstadt_domain::moderation::Decision::Reject {
        reason: reason.to_owned(),
    }
    .validate()
}

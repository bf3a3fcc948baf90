//! A participant's own data: the export of everything stored under their identity, and the
//! deletion of that identity (`werkstadt_domain::privacy` says what each does).

use super::changes::{self, kind};
use super::rows::now_ms;
use super::staff::append_anonymous_audit;
use super::{comments, ideas, participants};
use super::{Caller, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::privacy::{
    Deletion, MyData, OwnComment, OwnDots, OwnFollow, OwnIdea, OwnMutation, OwnReport, OwnSupport,
    ParticipantData, RedeemedCode, Visibility,
};
use werkstadt_domain::sync::CommentId;
use werkstadt_domain::{IdeaId, ParticipantId};

/// The author of ideas and comments whose participant deleted their identity. Its secret
/// hash can never match a SHA-256 hex digest, so nobody can write as it.
pub const ANONYMOUS_AUTHOR: &str = "00000000-0000-0000-0000-000000000000";

impl Store {
    /// Everything stored under the caller's identity (nothing, for an unknown one).
    pub async fn my_data(&self, caller: Caller) -> Result<MyData, StoreError> {
        self.read(move |tx| {
            participants::check_participant(tx, &caller)?;
            export(tx, caller.id)
        })
        .await
    }

    /// Deletes the caller's identity: see [`werkstadt_domain::privacy`].
    pub async fn delete_me(&self, caller: Caller) -> Result<Deletion, StoreError> {
        self.write(move |tx| {
            participants::check_participant(tx, &caller)?;
            delete(tx, caller.id)
        })
        .await
    }
}

fn ids<T: std::str::FromStr>(
    tx: &Connection,
    sql: &str,
    who: ParticipantId,
) -> Result<Vec<T>, StoreError> {
    let rows: Vec<String> = tx
        .prepare(sql)?
        .query_map([who.to_string()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    rows.iter()
        .map(|s| {
            s.parse()
                .map_err(|_| StoreError::Corrupt(format!("bad id {s:?}")))
        })
        .collect()
}

fn uuid(s: String) -> Result<uuid::Uuid, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("bad id {s:?}")))
}

fn export(tx: &Connection, who: ParticipantId) -> Result<MyData, StoreError> {
    let me = who.to_string();
    let participant = tx
        .query_row(
            "SELECT created_at, verified_at, role FROM participant WHERE id = ?1",
            [&me],
            |r| {
                Ok(ParticipantData {
                    id: who,
                    created_at: r.get(0)?,
                    verified_at: r.get(1)?,
                    role: r.get(2)?,
                })
            },
        )
        .optional()?;
    let mut ideas = Vec::new();
    for id in ids::<IdeaId>(
        tx,
        "SELECT id FROM idea WHERE author_id = ?1 ORDER BY created_at",
        who,
    )? {
        let idea = ideas::idea_record(tx, id, Some(who))?;
        ideas.push(OwnIdea {
            visibility: Visibility::of_status(idea.status),
            idea,
        });
    }
    let mut comments = Vec::new();
    let sql = "SELECT id FROM comment WHERE author_id = ?1 ORDER BY created_at";
    for id in ids::<CommentId>(tx, sql, who)? {
        let comment = comments::comment(tx, id, Some(who))?;
        comments.push(OwnComment {
            visibility: Visibility::of_status(comment.status),
            comment,
        });
    }
    let supports = tx
        .prepare(
            "SELECT s.idea_id, i.title, s.created_at FROM support s JOIN idea i ON i.id = s.idea_id
             WHERE s.participant_id = ?1 ORDER BY s.created_at",
        )?
        .query_map([&me], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .map(|row| {
            let (idea, idea_title, at) = row?;
            Ok(OwnSupport {
                visibility: Visibility::CountOnly,
                idea_id: IdeaId(uuid(idea)?),
                idea_title,
                at,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let dots = tx
        .prepare(
            "SELECT d.theme_id, t.title, d.points FROM dot_vote d JOIN theme t ON t.id = d.theme_id
             WHERE d.participant_id = ?1 ORDER BY t.position",
        )?
        .query_map([&me], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .map(|row| {
            let (theme, theme_title, points) = row?;
            Ok(OwnDots {
                visibility: Visibility::CountOnly,
                theme_id: werkstadt_domain::ThemeId(uuid(theme)?),
                theme_title,
                points,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let reports = tx
        .prepare(
            "SELECT id, target_kind, target_id, reason, created_at, resolved_at FROM report
             WHERE reporter_id = ?1 ORDER BY created_at",
        )?
        .query_map([&me], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .map(|row| {
            let (id, target_kind, target, reason, created_at, resolved_at) = row?;
            Ok(OwnReport {
                visibility: Visibility::StaffOnly,
                id: uuid(id)?,
                target_kind,
                target_id: uuid(target)?,
                reason,
                created_at,
                resolved_at,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let codes_redeemed = tx
        .prepare(
            "SELECT label, redeemed_at FROM participation_code WHERE redeemed_by = ?1
             ORDER BY redeemed_at",
        )?
        .query_map([&me], |r| {
            Ok(RedeemedCode {
                visibility: Visibility::StaffOnly,
                label: r.get(0)?,
                redeemed_at: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mutations = tx
        .prepare(
            "SELECT id, outcome, code, message, received_at FROM mutation
             WHERE participant_id = ?1 ORDER BY received_at, id",
        )?
        .query_map([&me], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .map(|row| {
            let (id, outcome, code, message, received_at) = row?;
            Ok(OwnMutation {
                visibility: Visibility::Technical,
                id: werkstadt_domain::sync::MutationId(uuid(id)?),
                outcome,
                code,
                message,
                received_at,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let follows = tx
        .prepare(
            "SELECT target_kind, target_id, updated_at FROM follow WHERE participant_id = ?1
             ORDER BY updated_at, target_kind, target_id",
        )?
        .query_map([&me], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?
        .map(|row| {
            let (k, id, since) = row?;
            Ok(OwnFollow {
                visibility: Visibility::OnlyYou,
                target: super::follows::target_of(&format!("{k}:{id}"))?,
                since,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(MyData {
        exported_at: now_ms(),
        participant,
        ideas,
        comments,
        supports,
        dots,
        reports,
        codes_redeemed,
        mutations,
        follows,
        visibility_legend: Visibility::legend(),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn delete(tx: &Connection, who: ParticipantId) -> Result<Deletion, StoreError> {
    let me = who.to_string();
    let known: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM participant WHERE id = ?1)",
        [&me],
        |r| r.get(0),
    )?;
    if !known {
        return Ok(Deletion::default());
    }
    tx.execute(
        "INSERT OR IGNORE INTO participant (id, secret_hash, created_at) VALUES (?1, '!deleted', 0)",
        [ANONYMOUS_AUTHOR],
    )?;
    let mut done = Deletion::default();

    // Supports and dot votes go; the tallies of what they counted for change for everyone.
    let supported: Vec<String> = ids(
        tx,
        "SELECT idea_id FROM support WHERE participant_id = ?1",
        who,
    )?;
    tx.execute("DELETE FROM support WHERE participant_id = ?1", [&me])?;
    for idea in &supported {
        changes::touch(tx, kind::IDEA, idea, None)?;
    }
    done.supports_removed = count(supported.len());
    let dotted: Vec<String> = ids(
        tx,
        "SELECT theme_id FROM dot_vote WHERE participant_id = ?1",
        who,
    )?;
    // Their processes count one dot voter less.
    let voted_in: Vec<String> = ids(
        tx,
        "SELECT DISTINCT process_id FROM dot_vote WHERE participant_id = ?1",
        who,
    )?;
    tx.execute("DELETE FROM dot_vote WHERE participant_id = ?1", [&me])?;
    for theme in &dotted {
        changes::touch(tx, kind::THEME, theme, None)?;
    }
    for process in &voted_in {
        changes::touch(tx, kind::PROCESS, process, None)?;
    }
    done.dot_votes_removed = count(dotted.len());
    done.reports_deleted = count(tx.execute("DELETE FROM report WHERE reporter_id = ?1", [&me])?);

    // Comments: published ones stay without an author, the others go.
    done.comments_anonymised = count(tx.execute(
        "UPDATE comment SET author_id = ?2 WHERE author_id = ?1 AND status = 'published'",
        params![me, ANONYMOUS_AUTHOR],
    )?);
    let gone: Vec<String> = ids(tx, "SELECT id FROM comment WHERE author_id = ?1", who)?;
    for comment in &gone {
        delete_comment(tx, comment)?;
    }
    done.comments_deleted = count(gone.len());

    // Ideas: published ones stay without an author; so does one another idea was merged
    // into (the link stays whole). The others go, with what hangs on them.
    done.ideas_anonymised = count(tx.execute(
        "UPDATE idea SET author_id = ?2 WHERE author_id = ?1
         AND (status = 'published' OR id IN (SELECT merged_into FROM idea WHERE merged_into IS NOT NULL))",
        params![me, ANONYMOUS_AUTHOR],
    )?);
    let gone: Vec<String> = ids(tx, "SELECT id FROM idea WHERE author_id = ?1", who)?;
    for idea in &gone {
        delete_idea(tx, idea)?;
    }
    done.ideas_deleted = count(gone.len());

    // Codes stay used (single use), but no longer point to anyone; the technical records
    // and the private part of the change feed go, then the identity itself.
    tx.execute(
        "UPDATE participation_code SET redeemed_by = NULL WHERE redeemed_by = ?1",
        [&me],
    )?;
    done.follows_removed =
        count(tx.execute("DELETE FROM follow WHERE participant_id = ?1", [&me])?);
    tx.execute("DELETE FROM mutation WHERE participant_id = ?1", [&me])?;
    // Which channels they took part through goes too (the counts per channel drop by one).
    tx.execute("DELETE FROM participation WHERE participant_id = ?1", [&me])?;
    tx.execute("DELETE FROM workshop_join WHERE participant_id = ?1", [&me])?;
    tx.execute("DELETE FROM change_log WHERE owner_id = ?1", [&me])?;
    tx.execute("DELETE FROM participant WHERE id = ?1", [&me])?;
    let summary = serde_json::to_string(&done).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    append_anonymous_audit(tx, "participant.delete", Some(summary))?;
    Ok(done)
}

fn delete_comment(tx: &Connection, comment: &str) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM report WHERE target_kind = 'comment' AND target_id = ?1",
        [comment],
    )?;
    tx.execute("DELETE FROM comment WHERE id = ?1", [comment])?;
    // A tombstone in the feed: replicas drop it.
    changes::touch(tx, kind::COMMENT, comment, None)
}

fn delete_idea(tx: &Connection, idea: &str) -> Result<(), StoreError> {
    let comments: Vec<String> = tx
        .prepare("SELECT id FROM comment WHERE idea_id = ?1")?
        .query_map([idea], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for c in &comments {
        delete_comment(tx, c)?;
    }
    tx.execute("DELETE FROM support WHERE idea_id = ?1", [idea])?;
    super::project_links::forget_idea(tx, idea)?;
    if let Ok(id) = idea.parse() {
        super::follows::forget_target(
            tx,
            werkstadt_domain::sync::FollowTarget::Idea(werkstadt_domain::IdeaId(id)),
        )?;
        super::idea_decisions::forget(tx, werkstadt_domain::IdeaId(id))?;
    }
    tx.execute(
        "DELETE FROM report WHERE target_kind = 'idea' AND target_id = ?1",
        [idea],
    )?;
    let rowid: Option<i64> = tx
        .query_row("SELECT rowid FROM idea WHERE id = ?1", [idea], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        tx.execute("DELETE FROM idea_fts WHERE rowid = ?1", [rowid])?;
        tx.execute("DELETE FROM idea_fts_queue WHERE idea_rowid = ?1", [rowid])?;
    }
    tx.execute("DELETE FROM idea WHERE id = ?1", [idea])?;
    // SQLite gives the next idea the largest rowid + 1: when this was the largest, the next
    // one reuses its rowid, which must then still count as not indexed yet.
    tx.execute(
        "UPDATE idea_fts_state
         SET watermark = MIN(watermark, (SELECT COALESCE(MAX(rowid), 0) FROM idea))",
        [],
    )?;
    changes::touch(tx, kind::IDEA, idea, None)
}

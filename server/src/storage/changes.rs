//! The change feed: recording that an entity changed, and reading changes after a cursor.

use super::{comments, ideas, processes, votes, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::moderation::IdeaStatus;
use werkstadt_domain::sync::{
    Change, CommentId, CommentRecord, IdeaRecord, PullResponse, PULL_PAGE,
};
use werkstadt_domain::{IdeaId, ParticipantId, ThemeId};

/// Entity kinds in `change_log.kind`.
pub mod kind {
    pub const PROCESS: &str = "process";
    pub const THEME: &str = "theme";
    pub const IDEA: &str = "idea";
    pub const COMMENT: &str = "comment";
    pub const SUPPORT: &str = "support";
    pub const DOTS: &str = "dots";
    pub const MUTATION: &str = "mutation";
    pub const PROJECT: &str = "project";
    /// One participant's follow state of one target (`storage::follows::entity`).
    pub const FOLLOW: &str = "follow";
    /// The committee decisions on one idea (entity: the idea's id).
    pub const IDEA_DECISIONS: &str = "idea_decisions";
}

/// Records that an entity changed: it moves to the next sequence number (its old position is
/// dropped, so a pull returns each entity once, in its latest state).
pub fn touch(
    tx: &Connection,
    kind: &str,
    entity_id: &str,
    owner: Option<ParticipantId>,
) -> Result<(), StoreError> {
    let mut del = tx.prepare_cached("DELETE FROM change_log WHERE kind = ?1 AND entity_id = ?2")?;
    del.execute(params![kind, entity_id])?;
    let mut ins = tx
        .prepare_cached("INSERT INTO change_log (kind, entity_id, owner_id) VALUES (?1, ?2, ?3)")?;
    ins.execute(params![kind, entity_id, owner.map(|o| o.to_string())])?;
    Ok(())
}

/// [`touch`] for an entity that was just created: one statement instead of two, on the hot
/// path of a push. The id is usually new to the feed, but not always: a participant's deleted
/// idea or comment leaves its tombstone there, and the device that made it may push it again
/// under a new identity. `OR REPLACE` then moves the entry to the head like [`touch`].
pub fn touch_new(
    tx: &Connection,
    kind: &str,
    entity_id: &str,
    owner: Option<ParticipantId>,
) -> Result<(), StoreError> {
    let mut ins = tx.prepare_cached(
        "INSERT OR REPLACE INTO change_log (kind, entity_id, owner_id) VALUES (?1, ?2, ?3)",
    )?;
    ins.execute(params![kind, entity_id, owner.map(|o| o.to_string())])?;
    Ok(())
}

pub fn support_entity(idea: IdeaId, who: ParticipantId) -> String {
    format!("{idea}:{who}")
}

/// The latest sequence number ever handed out (0 for an empty feed).
pub fn head(tx: &Connection) -> Result<u64, StoreError> {
    let seq: Option<i64> = tx
        .query_row(
            "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(u64::try_from(seq.unwrap_or(0)).unwrap_or(0))
}

pub fn pull(
    tx: &Connection,
    caller: ParticipantId,
    cursor: u64,
) -> Result<PullResponse, StoreError> {
    let head = head(tx)?;
    if cursor > head {
        return Err(StoreError::UnknownCursor);
    }
    super::retention::check_cursor(tx, cursor)?;
    let mut stmt = tx.prepare_cached(
        "SELECT seq, kind, entity_id FROM change_log
         WHERE seq > ?1 AND (owner_id IS NULL OR owner_id = ?2)
         ORDER BY seq LIMIT ?3",
    )?;
    let rows: Vec<(i64, String, String)> = stmt
        .query_map(
            params![
                i64::try_from(cursor).unwrap_or(i64::MAX),
                caller.to_string(),
                PULL_PAGE + 1
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<Result<_, _>>()?;
    let has_more = rows.len() > PULL_PAGE as usize;
    let page = &rows[..rows.len().min(PULL_PAGE as usize)];
    let new_cursor = if has_more {
        page.last()
            .map_or(cursor, |(seq, _, _)| u64::try_from(*seq).unwrap_or(cursor))
    } else {
        head
    };
    let mut changes = Vec::with_capacity(page.len());
    for (_, kind, entity) in page {
        changes.push(load(tx, caller, kind, entity)?);
    }
    let instance = tx.query_row("SELECT id FROM instance", [], |r| r.get(0))?;
    Ok(PullResponse {
        changes,
        cursor: new_cursor,
        has_more,
        instance,
    })
}

fn parse<T: std::str::FromStr>(s: &str) -> Result<T, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("bad id {s:?} in change_log")))
}

/// The tombstone of an idea that no longer exists (its author deleted their identity): no
/// text, not public, so every replica drops it.
fn deleted_idea(id: IdeaId) -> IdeaRecord {
    IdeaRecord {
        id,
        theme_id: ThemeId(uuid::Uuid::nil()),
        title: String::new(),
        body: String::new(),
        support_count: 0,
        comment_count: 0,
        created_at: 0,
        status: IdeaStatus::Hidden,
        reason: None,
        merged_into: None,
        answer: None,
        project_id: None,
    }
}

/// The tombstone of a deleted comment (empty text: replicas drop it).
fn deleted_comment(id: CommentId) -> CommentRecord {
    CommentRecord {
        id,
        idea_id: IdeaId(uuid::Uuid::nil()),
        body: String::new(),
        created_at: 0,
        status: IdeaStatus::Hidden,
        reason: None,
    }
}

fn load(
    tx: &Connection,
    caller: ParticipantId,
    kind: &str,
    entity: &str,
) -> Result<Change, StoreError> {
    Ok(match kind {
        kind::PROCESS => Change::Process(processes::process(tx, parse(entity)?)?),
        kind::THEME => Change::Theme(processes::theme_summary(tx, parse(entity)?)?),
        kind::IDEA => {
            let id = parse(entity)?;
            match ideas::idea_record(tx, id, Some(caller)) {
                Err(StoreError::UnknownIdea) => Change::Idea(deleted_idea(id)),
                found => Change::Idea(found?),
            }
        }
        kind::COMMENT => {
            let id = parse(entity)?;
            match comments::comment(tx, id, Some(caller)) {
                Err(StoreError::UnknownComment) => Change::Comment(deleted_comment(id)),
                found => Change::Comment(found?),
            }
        }
        kind::SUPPORT => {
            let (idea, _) = entity
                .split_once(':')
                .ok_or_else(|| StoreError::Corrupt(entity.into()))?;
            let idea: IdeaId = parse(idea)?;
            Change::MySupport {
                idea_id: idea,
                supported: votes::supports(tx, caller, idea)?,
            }
        }
        kind::DOTS => Change::MyDots {
            allocations: votes::my_state(tx, caller)?.dots,
        },
        // A project deleted since: its tombstone.
        kind::PROJECT => match super::project_reads::project_record(tx, parse(entity)?) {
            Err(StoreError::UnknownProject) => Change::ProjectRemoved {
                project_id: parse(entity)?,
            },
            other => Change::Project(other?),
        },
        kind::IDEA_DECISIONS => {
            let idea = parse(entity)?;
            Change::IdeaDecisions {
                idea_id: idea,
                decisions: super::idea_decisions::decisions_of(tx, idea)?,
            }
        }
        kind::FOLLOW => {
            let target = super::follows::target_of(entity)?;
            Change::MyFollow {
                target,
                following: super::follows::follows(tx, caller, target)?,
            }
        }
        kind::MUTATION => Change::MyMutation(
            super::sync::recorded(tx, parse(entity)?)?
                .ok_or_else(|| StoreError::Corrupt(format!("mutation {entity} not recorded")))?
                .1,
        ),
        other => {
            return Err(StoreError::Corrupt(format!(
                "unknown change kind {other:?}"
            )))
        }
    })
}

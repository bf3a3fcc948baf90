//! What participants follow: projects, fields of action and ideas. A row in `follow` means
//! following; `SetFollow` states the wanted end state, so the last one applied wins and a
//! replay changes nothing. Each participant's follow state of a target is one private feed
//! entry (`Change::MyFollow`, owner-scoped like `MySupport`).

use super::changes::{self, kind};
use super::rows::now_ms;
use super::StoreError;
use rusqlite::{params, Connection};
use werkstadt_domain::sync::FollowTarget;
use werkstadt_domain::{IdeaId, ParticipantId, ProjectId, ThemeId};

/// The feed entity of one participant's follow state of one target.
pub fn entity(target: FollowTarget, who: ParticipantId) -> String {
    format!("{}:{}:{who}", target.kind(), target.id())
}

/// The target a feed entity names.
pub fn target_of(entity: &str) -> Result<FollowTarget, StoreError> {
    let bad = || StoreError::Corrupt(format!("follow entity {entity:?}"));
    let mut parts = entity.splitn(3, ':');
    let (Some(k), Some(id)) = (parts.next(), parts.next()) else {
        return Err(bad());
    };
    let id = uuid::Uuid::parse_str(id).map_err(|_| bad())?;
    Ok(match k {
        "project" => FollowTarget::Project(ProjectId(id)),
        "theme" => FollowTarget::Theme(ThemeId(id)),
        "idea" => FollowTarget::Idea(IdeaId(id)),
        _ => return Err(bad()),
    })
}

pub fn follows(
    tx: &Connection,
    who: ParticipantId,
    target: FollowTarget,
) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM follow
             WHERE participant_id = ?1 AND target_kind = ?2 AND target_id = ?3)",
        )?
        .query_row(
            params![who.to_string(), target.kind(), target.id().to_string()],
            |r| r.get(0),
        )?)
}

/// Whether a target can be followed: a project, a field of action, or a published idea.
fn exists(tx: &Connection, target: FollowTarget) -> Result<bool, StoreError> {
    let sql = match target {
        FollowTarget::Project(_) => "SELECT EXISTS (SELECT 1 FROM project WHERE id = ?1)",
        FollowTarget::Theme(_) => "SELECT EXISTS (SELECT 1 FROM theme WHERE id = ?1)",
        FollowTarget::Idea(_) => {
            "SELECT EXISTS (SELECT 1 FROM idea WHERE id = ?1 AND status = 'published')"
        }
    };
    Ok(tx
        .prepare_cached(sql)?
        .query_row([target.id().to_string()], |r| r.get(0))?)
}

/// Follows or unfollows. Following a target that does not exist (any more) is refused, and
/// so is unfollowing one that is neither followed nor there; a follow of an idea hidden since
/// can still be ended.
pub fn set_follow(
    tx: &Connection,
    who: ParticipantId,
    target: FollowTarget,
    following: bool,
) -> Result<(), StoreError> {
    let now = follows(tx, who, target)?;
    let ending = now && !following;
    if !ending && !exists(tx, target)? {
        return Err(StoreError::UnknownTarget);
    }
    if now == following {
        return Ok(());
    }
    let (w, k, id) = (who.to_string(), target.kind(), target.id().to_string());
    if following {
        tx.prepare_cached(
            "INSERT INTO follow (participant_id, target_kind, target_id, updated_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![w, k, id, now_ms()])?;
    } else {
        tx.prepare_cached(
            "DELETE FROM follow WHERE participant_id = ?1 AND target_kind = ?2 AND target_id = ?3",
        )?
        .execute(params![w, k, id])?;
    }
    changes::touch(tx, kind::FOLLOW, &entity(target, who), Some(who))
}

/// A new idea is followed by its author from the start (its official answer, the project it
/// becomes): a row like any follow, which the author may end.
pub fn follow_own_idea(
    tx: &Connection,
    who: ParticipantId,
    idea: IdeaId,
) -> Result<(), StoreError> {
    let target = FollowTarget::Idea(idea);
    tx.prepare_cached(
        "INSERT OR IGNORE INTO follow (participant_id, target_kind, target_id, updated_at)
         VALUES (?1, 'idea', ?2, ?3)",
    )?
    .execute(params![who.to_string(), idea.to_string(), now_ms()])?;
    changes::touch(tx, kind::FOLLOW, &entity(target, who), Some(who))
}

fn followers_of(tx: &Connection, target: FollowTarget) -> Result<Vec<ParticipantId>, StoreError> {
    let rows: Vec<String> = tx
        .prepare_cached(
            "SELECT participant_id FROM follow WHERE target_kind = ?1 AND target_id = ?2",
        )?
        .query_map(params![target.kind(), target.id().to_string()], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|p| {
            p.parse()
                .map(ParticipantId)
                .map_err(|_| StoreError::Corrupt(p.clone()))
        })
        .collect()
}

/// An idea merged into another: its followers follow that one instead, each exactly once.
pub fn carry_over(tx: &Connection, from: IdeaId, into: IdeaId) -> Result<(), StoreError> {
    let (f, i) = (FollowTarget::Idea(from), FollowTarget::Idea(into));
    let movers = followers_of(tx, f)?;
    tx.execute(
        "INSERT OR IGNORE INTO follow (participant_id, target_kind, target_id, updated_at)
         SELECT participant_id, 'idea', ?2, ?3 FROM follow
         WHERE target_kind = 'idea' AND target_id = ?1",
        params![from.to_string(), into.to_string(), now_ms()],
    )?;
    forget(tx, f, &movers)?;
    for who in movers {
        changes::touch(tx, kind::FOLLOW, &entity(i, who), Some(who))?;
    }
    Ok(())
}

/// Nobody follows `target` any more (it was deleted): each follower learns it.
pub fn forget_target(tx: &Connection, target: FollowTarget) -> Result<(), StoreError> {
    let followers = followers_of(tx, target)?;
    forget(tx, target, &followers)
}

fn forget(
    tx: &Connection,
    target: FollowTarget,
    followers: &[ParticipantId],
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM follow WHERE target_kind = ?1 AND target_id = ?2",
        params![target.kind(), target.id().to_string()],
    )?;
    for who in followers {
        changes::touch(tx, kind::FOLLOW, &entity(target, *who), Some(*who))?;
    }
    Ok(())
}

//! The chain between ideas and projects: which ideas a project grew from (an idea belongs
//! to at most one project), kept whole when ideas are merged or deleted; and marking a project
//! changed (its `updated_at` and the feed).

use super::changes::{self, kind};
use super::project_reads::{project_of_idea, project_record, source_ideas};
use super::rows::now_ms;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::projects::ProjectRecord;
use werkstadt_domain::{IdeaId, ProjectId};

/// Makes `ideas` (in order) the source ideas of `project` in `process`. Ideas new to the
/// project must be published ideas of that process and not part of another project; ideas
/// dropped from the list lose their link. Every idea whose link changed goes into the feed.
pub(super) fn link_ideas(
    tx: &Connection,
    project: ProjectId,
    process: &str,
    ideas: &[IdeaId],
) -> Result<(), StoreError> {
    let before = source_ideas(tx, project)?;
    let p = project.to_string();
    for idea in ideas.iter().filter(|i| !before.contains(i)) {
        let found: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT i.status, t.process_id, pi.project_id FROM idea i
                 JOIN theme t ON t.id = i.theme_id
                 LEFT JOIN project_idea pi ON pi.idea_id = i.id
                 WHERE i.id = ?1",
                [idea.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((status, idea_process, other)) = found else {
            return Err(StoreError::UnknownIdea);
        };
        if status != "published" {
            return Err(StoreError::IdeaNotPublished);
        }
        if idea_process != process {
            return Err(StoreError::UnknownIdea);
        }
        if other.is_some_and(|o| o != p) {
            return Err(StoreError::IdeaInProject);
        }
    }
    for gone in before.iter().filter(|i| !ideas.contains(i)) {
        tx.execute(
            "DELETE FROM project_idea WHERE idea_id = ?1",
            [gone.to_string()],
        )?;
        changes::touch(tx, kind::IDEA, &gone.to_string(), None)?;
    }
    for (pos, idea) in ideas.iter().enumerate() {
        tx.execute(
            "INSERT INTO project_idea (idea_id, project_id, position) VALUES (?1, ?2, ?3)
             ON CONFLICT (idea_id) DO UPDATE SET position = excluded.position",
            params![idea.to_string(), p, i64::try_from(pos).unwrap_or(i64::MAX)],
        )?;
        if !before.contains(idea) {
            changes::touch(tx, kind::IDEA, &idea.to_string(), None)?;
        }
    }
    Ok(())
}

/// Marks a project changed: `updated_at` and the feed.
pub(super) fn touched(tx: &Connection, id: ProjectId) -> Result<ProjectRecord, StoreError> {
    tx.execute(
        "UPDATE project SET updated_at = ?2 WHERE id = ?1",
        params![id.to_string(), now_ms()],
    )?;
    changes::touch(tx, kind::PROJECT, &id.to_string(), None)?;
    project_record(tx, id)
}

/// An idea merged into another: its link to a project goes to the idea it was merged into,
/// unless that one is part of a project already (then the merged idea just leaves its own).
pub(super) fn carry_over(tx: &Connection, from: IdeaId, into: IdeaId) -> Result<(), StoreError> {
    let (f, i) = (from.to_string(), into.to_string());
    let Some(project) = project_of_idea(tx, from)? else {
        return Ok(());
    };
    let into_linked = project_of_idea(tx, into)?.is_some();
    if into_linked {
        tx.execute("DELETE FROM project_idea WHERE idea_id = ?1", [&f])?;
    } else {
        tx.execute(
            "UPDATE project_idea SET idea_id = ?2 WHERE idea_id = ?1",
            params![f, i],
        )?;
    }
    touched(tx, project)?;
    changes::touch(tx, kind::IDEA, &f, None)?;
    changes::touch(tx, kind::IDEA, &i, None)
}

/// An idea deleted (its author deleted their identity): it leaves its project.
pub(super) fn forget_idea(tx: &Connection, idea: &str) -> Result<(), StoreError> {
    let project: Option<String> = tx
        .query_row(
            "DELETE FROM project_idea WHERE idea_id = ?1 RETURNING project_id",
            [idea],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(p) = project {
        let id = p
            .parse()
            .map(ProjectId)
            .map_err(|_| StoreError::Corrupt(p.clone()))?;
        touched(tx, id)?;
    }
    Ok(())
}

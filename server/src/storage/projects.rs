//! Projects (staff): create one directly or from published ideas, edit it, add and edit its
//! milestones, record committee decisions, post updates. Each change is one audit line with
//! before and after (JSON) and reaches every app through the change feed (`Change::Project`,
//! and `Change::Idea` for ideas whose link to a project changed).

use super::changes::{self, kind};
use super::project_reads::{project_record, projects, source_ideas};
use super::rows::now_ms;
use super::staff::{append_audit, Audit};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use werkstadt_domain::ids::{DecisionId, MilestoneId, UpdateId};
use werkstadt_domain::projects::{
    DecisionDraft, MilestoneDraft, ProjectDraft, ProjectQuery, ProjectRecord, UpdateDraft,
};
use werkstadt_domain::{IdeaId, ProjectId};

fn json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

fn audit(
    tx: &Connection,
    staff_id: &str,
    action: &'static str,
    target: ProjectId,
    before: Option<String>,
    after: Option<String>,
) -> Result<(), StoreError> {
    append_audit(
        tx,
        &Audit {
            actor_id: staff_id.to_owned(),
            action,
            target: target.to_string(),
            before,
            after,
        },
    )
}

fn i64_of(v: Option<u64>) -> Option<i64> {
    v.map(|n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// The process a field of action belongs to (`unknown_theme` if none).
fn process_of_theme(tx: &Connection, theme: &str) -> Result<String, StoreError> {
    tx.query_row("SELECT process_id FROM theme WHERE id = ?1", [theme], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(StoreError::UnknownTheme)
}

/// Makes `ideas` (in order) the source ideas of `project` in `process`. Ideas new to the
/// project must be published ideas of that process and not part of another project; ideas
/// dropped from the list lose their link. Every idea whose link changed goes into the feed.
fn link_ideas(
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
fn touched(tx: &Connection, id: ProjectId) -> Result<ProjectRecord, StoreError> {
    tx.execute(
        "UPDATE project SET updated_at = ?2 WHERE id = ?1",
        params![id.to_string(), now_ms()],
    )?;
    changes::touch(tx, kind::PROJECT, &id.to_string(), None)?;
    project_record(tx, id)
}

fn create(tx: &Connection, staff_id: &str, d: &ProjectDraft) -> Result<ProjectRecord, StoreError> {
    let process = process_of_theme(tx, &d.theme_id.to_string())?;
    let id = ProjectId(Uuid::now_v7());
    let now = now_ms();
    tx.execute(
        "INSERT INTO project (id, process_id, theme_id, title, description, responsible,
             own_budget_cents, programme, programme_cents, status, starts_on, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id.to_string(),
            process,
            d.theme_id.to_string(),
            d.title,
            d.description,
            d.responsible,
            i64_of(d.funding.own_budget_cents),
            d.funding.programme,
            i64_of(d.funding.programme_cents),
            d.status.as_str(),
            d.starts_on,
            now
        ],
    )?;
    link_ideas(tx, id, &process, &d.source_ideas)?;
    let created = touched(tx, id)?;
    audit(tx, staff_id, "project.create", id, None, json(&created))?;
    Ok(created)
}

fn edit(
    tx: &Connection,
    staff_id: &str,
    id: ProjectId,
    d: &ProjectDraft,
) -> Result<ProjectRecord, StoreError> {
    let before = project_record(tx, id)?;
    let process = process_of_theme(tx, &d.theme_id.to_string())?;
    if process != before.process_id.to_string() {
        return Err(StoreError::UnknownTheme);
    }
    if before.milestones.iter().any(|m| m.due_on < d.starts_on) {
        return Err(werkstadt_domain::projects::ProjectError::MilestoneBeforeStart.into());
    }
    tx.execute(
        "UPDATE project SET theme_id = ?2, title = ?3, description = ?4, responsible = ?5,
             own_budget_cents = ?6, programme = ?7, programme_cents = ?8, status = ?9,
             starts_on = ?10
         WHERE id = ?1",
        params![
            id.to_string(),
            d.theme_id.to_string(),
            d.title,
            d.description,
            d.responsible,
            i64_of(d.funding.own_budget_cents),
            d.funding.programme,
            i64_of(d.funding.programme_cents),
            d.status.as_str(),
            d.starts_on
        ],
    )?;
    link_ideas(tx, id, &process, &d.source_ideas)?;
    let after = touched(tx, id)?;
    audit(
        tx,
        staff_id,
        "project.edit",
        id,
        json(&before),
        json(&after),
    )?;
    Ok(after)
}

/// Adds a milestone (`milestone: None`) or replaces one.
fn set_milestone(
    tx: &Connection,
    staff_id: &str,
    id: ProjectId,
    milestone: Option<MilestoneId>,
    d: &MilestoneDraft,
) -> Result<ProjectRecord, StoreError> {
    let project = project_record(tx, id)?;
    let d = d.validate(project.starts_on)?;
    let (action, before, mid) = match milestone {
        None => {
            let mid = MilestoneId(Uuid::now_v7());
            tx.execute(
                "INSERT INTO milestone (id, project_id, title, due_on, done_on)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    mid.to_string(),
                    id.to_string(),
                    d.title,
                    d.due_on,
                    d.done_on
                ],
            )?;
            ("project.milestone.add", None, mid)
        }
        Some(mid) => {
            let before = project
                .milestones
                .iter()
                .find(|m| m.id == mid)
                .ok_or(StoreError::UnknownMilestone)?;
            tx.execute(
                "UPDATE milestone SET title = ?2, due_on = ?3, done_on = ?4 WHERE id = ?1",
                params![mid.to_string(), d.title, d.due_on, d.done_on],
            )?;
            ("project.milestone.edit", json(before), mid)
        }
    };
    let after = touched(tx, id)?;
    let now = after.milestones.iter().find(|m| m.id == mid);
    audit(tx, staff_id, action, id, before, now.and_then(json))?;
    Ok(after)
}

fn add_decision(
    tx: &Connection,
    staff_id: &str,
    id: ProjectId,
    d: &DecisionDraft,
) -> Result<ProjectRecord, StoreError> {
    project_record(tx, id)?;
    let c = d.validate(DecisionId(Uuid::now_v7()))?;
    tx.execute(
        "INSERT INTO committee_decision (id, project_id, body, body_other, decided_on, reference,
             outcome, link, body_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.id.to_string(),
            id.to_string(),
            c.body.as_str(),
            c.body_other,
            c.decided_on,
            c.reference,
            c.outcome.as_str(),
            c.link,
            c.text
        ],
    )?;
    let after = touched(tx, id)?;
    audit(tx, staff_id, "project.decision", id, None, json(&c))?;
    Ok(after)
}

fn add_update(
    tx: &Connection,
    staff_id: &str,
    id: ProjectId,
    d: &UpdateDraft,
) -> Result<ProjectRecord, StoreError> {
    project_record(tx, id)?;
    let text = d.validate()?;
    let uid = UpdateId(Uuid::now_v7());
    tx.execute(
        "INSERT INTO project_update (id, project_id, at, body_text) VALUES (?1, ?2, ?3, ?4)",
        params![uid.to_string(), id.to_string(), now_ms(), text],
    )?;
    let after = touched(tx, id)?;
    let update = after.updates.iter().find(|u| u.id == uid);
    audit(
        tx,
        staff_id,
        "project.update",
        id,
        None,
        update.and_then(json),
    )?;
    Ok(after)
}

/// An idea merged into another: its link to a project goes to the idea it was merged into,
/// unless that one is part of a project already (then the merged idea just leaves its own).
pub(super) fn carry_over(tx: &Connection, from: IdeaId, into: IdeaId) -> Result<(), StoreError> {
    let (f, i) = (from.to_string(), into.to_string());
    let Some(project) = super::project_reads::project_of_idea(tx, from)? else {
        return Ok(());
    };
    let into_linked = super::project_reads::project_of_idea(tx, into)?.is_some();
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

impl Store {
    pub async fn projects(&self, q: ProjectQuery) -> Result<Vec<ProjectRecord>, StoreError> {
        self.read(move |tx| projects(tx, q)).await
    }

    pub async fn project(&self, id: ProjectId) -> Result<ProjectRecord, StoreError> {
        self.read(move |tx| project_record(tx, id)).await
    }

    pub async fn create_project(
        &self,
        staff_id: String,
        draft: ProjectDraft,
    ) -> Result<ProjectRecord, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| create(tx, &staff_id, &d)).await
    }

    pub async fn edit_project(
        &self,
        staff_id: String,
        id: ProjectId,
        draft: ProjectDraft,
    ) -> Result<ProjectRecord, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| edit(tx, &staff_id, id, &d)).await
    }

    pub async fn set_milestone(
        &self,
        staff_id: String,
        id: ProjectId,
        milestone: Option<MilestoneId>,
        draft: MilestoneDraft,
    ) -> Result<ProjectRecord, StoreError> {
        self.write(move |tx| set_milestone(tx, &staff_id, id, milestone, &draft))
            .await
    }

    pub async fn add_decision(
        &self,
        staff_id: String,
        id: ProjectId,
        draft: DecisionDraft,
    ) -> Result<ProjectRecord, StoreError> {
        self.write(move |tx| add_decision(tx, &staff_id, id, &draft))
            .await
    }

    pub async fn add_update(
        &self,
        staff_id: String,
        id: ProjectId,
        draft: UpdateDraft,
    ) -> Result<ProjectRecord, StoreError> {
        self.write(move |tx| add_update(tx, &staff_id, id, &draft))
            .await
    }
}

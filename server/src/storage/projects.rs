//! Projects (staff): create one directly or from published ideas, edit it, add and edit its
//! milestones, record committee decisions, post updates. Each change is one audit line with
//! before and after (JSON) and reaches every app through the change feed (`Change::Project`,
//! and `Change::Idea` for ideas whose link to a project changed: `project_links`).

use super::project_links::{link_ideas, touched};
use super::project_reads::{project_record, projects};
use super::rows::now_ms;
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use werkstadt_domain::ids::{DecisionId, MilestoneId, UpdateId};
use werkstadt_domain::projects::{
    CommitteeDecision, DecisionDraft, MilestoneDraft, ProjectDraft, ProjectQuery, ProjectRecord,
    UpdateDraft,
};
use werkstadt_domain::{IdeaId, ProjectId};

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

/// Records that a project's status became `status` now.
fn status_changed(
    tx: &Connection,
    id: ProjectId,
    status: werkstadt_domain::projects::ProjectStatus,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO project_status (project_id, at, status) VALUES (?1, ?2, ?3)",
        params![id.to_string(), now_ms(), status.as_str()],
    )?;
    Ok(())
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
    status_changed(tx, id, d.status)?;
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
    if d.status != before.status {
        status_changed(tx, id, d.status)?;
    }
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
    insert_decision(tx, DecisionOn::Project(id), &c)?;
    let after = touched(tx, id)?;
    audit(tx, staff_id, "project.decision", id, None, json(&c))?;
    Ok(after)
}

/// What a committee decision is about: a project, or an idea itself.
pub(super) enum DecisionOn {
    Project(ProjectId),
    Idea(IdeaId),
}

/// Stores a validated decision in the table of what it is about (both have the same columns).
pub(super) fn insert_decision(
    tx: &Connection,
    on: DecisionOn,
    c: &CommitteeDecision,
) -> Result<(), StoreError> {
    let (table, parent, id) = match on {
        DecisionOn::Project(p) => ("committee_decision", "project_id", p.to_string()),
        DecisionOn::Idea(i) => ("idea_decision", "idea_id", i.to_string()),
    };
    tx.prepare_cached(&format!(
        "INSERT INTO {table} (id, {parent}, body, body_other, decided_on, reference, outcome,
             link, body_text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        c.id.to_string(),
        id,
        c.body.as_str(),
        c.body_other,
        c.decided_on,
        c.reference,
        c.outcome.as_str(),
        c.link,
        c.text
    ])?;
    Ok(())
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

/// Deletes a project recorded by mistake (one given up is `discarded`, and stays): its ideas no
/// longer name it, its followers are told they follow it no more, and the feed carries its
/// tombstone (`Change::ProjectRemoved`). The audit line keeps the whole project as it was.
fn delete(tx: &Connection, staff_id: &str, id: ProjectId) -> Result<(), StoreError> {
    let before = project_record(tx, id)?;
    let key = id.to_string();
    link_ideas(tx, id, &before.process_id.to_string(), &[])?;
    super::follows::forget_target(tx, werkstadt_domain::sync::FollowTarget::Project(id))?;
    for table in [
        "milestone",
        "committee_decision",
        "project_update",
        "project_status",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE project_id = ?1"),
            [&key],
        )?;
    }
    tx.execute("DELETE FROM project WHERE id = ?1", [&key])?;
    super::changes::touch(tx, super::changes::kind::PROJECT, &key, None)?;
    audit(tx, staff_id, "project.delete", id, json(&before), None)
}

impl Store {
    pub async fn delete_project(&self, staff_id: String, id: ProjectId) -> Result<(), StoreError> {
        self.write(move |tx| delete(tx, &staff_id, id)).await
    }

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

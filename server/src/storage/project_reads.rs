//! Reading projects: one project with its milestones, decisions, updates and source ideas (the
//! record everybody sees, in the API and the feed), the list, and an idea's project.

use super::rows::uuid_at;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::ids::{DecisionId, MilestoneId, UpdateId};
use werkstadt_domain::projects::{
    CommitteeDecision, DecisionBody, DecisionOutcome, Funding, Milestone, ProjectQuery,
    ProjectRecord, ProjectStatus, ProjectUpdate, StatusChange,
};
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};

fn u64_of(v: Option<i64>) -> Option<u64> {
    v.and_then(|n| u64::try_from(n).ok())
}

pub(super) fn corrupt(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{what} {value:?}").into(),
    )
}

/// A committee decision from `id, body, body_other, decided_on, reference, outcome, link,
/// body_text` (on a project or on an idea: the same columns).
pub(super) fn decision_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CommitteeDecision> {
    let body: String = r.get(1)?;
    let outcome: String = r.get(5)?;
    Ok(CommitteeDecision {
        id: DecisionId(uuid_at(r, 0)?),
        body: DecisionBody::parse(&body).ok_or_else(|| corrupt("body", &body))?,
        body_other: r.get(2)?,
        decided_on: r.get(3)?,
        reference: r.get(4)?,
        outcome: DecisionOutcome::parse(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
        link: r.get(6)?,
        text: r.get(7)?,
    })
}

/// A project as everybody sees it.
pub fn project_record(tx: &Connection, id: ProjectId) -> Result<ProjectRecord, StoreError> {
    let key = id.to_string();
    let mut record = tx
        .prepare_cached(
            "SELECT id, process_id, theme_id, title, description, responsible, own_budget_cents,
                    programme, programme_cents, status, starts_on, created_at, updated_at
             FROM project WHERE id = ?1",
        )?
        .query_row([&key], |r| {
            let status: String = r.get(9)?;
            Ok(ProjectRecord {
                id: ProjectId(uuid_at(r, 0)?),
                process_id: ProcessId(uuid_at(r, 1)?),
                theme_id: ThemeId(uuid_at(r, 2)?),
                title: r.get(3)?,
                description: r.get(4)?,
                responsible: r.get(5)?,
                funding: Funding {
                    own_budget_cents: u64_of(r.get(6)?),
                    programme: r.get(7)?,
                    programme_cents: u64_of(r.get(8)?),
                },
                status: ProjectStatus::parse(&status)
                    .ok_or_else(|| corrupt("project status", &status))?,
                starts_on: r.get(10)?,
                milestones: Vec::new(),
                decisions: Vec::new(),
                updates: Vec::new(),
                status_changes: Vec::new(),
                source_ideas: Vec::new(),
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
            })
        })
        .optional()?
        .ok_or(StoreError::UnknownProject)?;
    record.milestones = tx
        .prepare_cached(
            "SELECT id, title, due_on, done_on FROM milestone WHERE project_id = ?1
             ORDER BY due_on, id",
        )?
        .query_map([&key], |r| {
            Ok(Milestone {
                id: MilestoneId(uuid_at(r, 0)?),
                title: r.get(1)?,
                due_on: r.get(2)?,
                done_on: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    record.decisions = tx
        .prepare_cached(
            "SELECT id, body, body_other, decided_on, reference, outcome, link, body_text
             FROM committee_decision WHERE project_id = ?1 ORDER BY decided_on, id",
        )?
        .query_map([&key], decision_row)?
        .collect::<Result<_, _>>()?;
    record.updates = tx
        .prepare_cached(
            "SELECT id, at, body_text FROM project_update WHERE project_id = ?1 ORDER BY at, id",
        )?
        .query_map([&key], |r| {
            Ok(ProjectUpdate {
                id: UpdateId(uuid_at(r, 0)?),
                at: r.get(1)?,
                text: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    record.status_changes = tx
        .prepare_cached(
            "SELECT at, status FROM project_status WHERE project_id = ?1 ORDER BY at, rowid",
        )?
        .query_map([&key], |r| {
            let status: String = r.get(1)?;
            Ok(StatusChange {
                at: r.get(0)?,
                status: ProjectStatus::parse(&status)
                    .ok_or_else(|| corrupt("project status", &status))?,
            })
        })?
        .collect::<Result<_, _>>()?;
    record.source_ideas = source_ideas(tx, id)?;
    Ok(record)
}

/// The ideas a project grew from, in the order staff gave them.
pub fn source_ideas(tx: &Connection, id: ProjectId) -> Result<Vec<IdeaId>, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT idea_id FROM project_idea WHERE project_id = ?1 ORDER BY position, idea_id",
        )?
        .query_map([id.to_string()], |r| Ok(IdeaId(uuid_at(r, 0)?)))?
        .collect::<Result<_, _>>()?)
}

/// Every project, newest first, optionally of one field of action and/or in one status.
pub fn projects(tx: &Connection, q: ProjectQuery) -> Result<Vec<ProjectRecord>, StoreError> {
    let ids: Vec<ProjectId> = tx
        .prepare_cached(
            "SELECT id FROM project WHERE (?1 IS NULL OR theme_id = ?1)
               AND (?2 IS NULL OR status = ?2)
             ORDER BY created_at DESC, id DESC",
        )?
        .query_map(
            params![
                q.theme.map(|t| t.to_string()),
                q.status.map(ProjectStatus::as_str)
            ],
            |r| Ok(ProjectId(uuid_at(r, 0)?)),
        )?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| project_record(tx, id)).collect()
}

/// The project an idea became part of, if any.
pub fn project_of_idea(tx: &Connection, idea: IdeaId) -> Result<Option<ProjectId>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT project_id FROM project_idea WHERE idea_id = ?1")?
        .query_row([idea.to_string()], |r| Ok(ProjectId(uuid_at(r, 0)?)))
        .optional()?)
}

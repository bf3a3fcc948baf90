//! Open data: the public datasets of one process (`domain::export`), read in one transaction.
//! Only what is public anyway — published ideas and comments, aggregated votes, projects,
//! decisions and the results of published matrices — and never who wrote, voted or scored
//! anything (no participant or staff columns are selected).

use super::processes::{current_process, process};
use super::project_reads::{corrupt, decision_row};
use super::rows::{u32_at, uuid_at};
use super::{Store, StoreError};
use rusqlite::{Connection, Row};
use werkstadt_domain::api::Process;
use werkstadt_domain::export::{
    matrix_rows, CommentRow, DecisionOn, DecisionRow, IdeaRow, MatrixRow, ProjectRow, VoteRow,
};
use werkstadt_domain::moderation::OfficialStatus;
use werkstadt_domain::projects::ProjectStatus;
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};

/// The rows of every dataset (the server picks the one asked for).
pub enum Rows {
    Ideas(Vec<IdeaRow>),
    Comments(Vec<CommentRow>),
    Votes(Vec<VoteRow>),
    Projects(Vec<ProjectRow>),
    Decisions(Vec<DecisionRow>),
    Matrices(Vec<MatrixRow>),
}

fn u64_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<u64>> {
    Ok(r.get::<_, Option<i64>>(i)?
        .and_then(|n| u64::try_from(n).ok()))
}

fn ideas(tx: &Connection, p: &str) -> Result<Vec<IdeaRow>, StoreError> {
    let mut s = tx.prepare(
        "SELECT i.id, i.theme_id, t.title, i.title, i.body, i.created_at, i.support_count,
                i.verified_support_count, i.comment_count, i.answer_status, i.answer_text,
                pr.id, pr.title
         FROM idea i JOIN theme t ON t.id = i.theme_id
         LEFT JOIN project_idea pi ON pi.idea_id = i.id
         LEFT JOIN project pr ON pr.id = pi.project_id
         WHERE t.process_id = ?1 AND i.status = 'published'
         ORDER BY t.position, i.created_at, i.id",
    )?;
    let rows = s.query_map([p], |r| {
        let answer: Option<String> = r.get(9)?;
        Ok(IdeaRow {
            id: IdeaId(uuid_at(r, 0)?),
            theme_id: ThemeId(uuid_at(r, 1)?),
            theme: r.get(2)?,
            title: r.get(3)?,
            text: r.get(4)?,
            created_at: r.get(5)?,
            supports: u32_at(r, 6)?,
            verified_supports: u32_at(r, 7)?,
            comments: u32_at(r, 8)?,
            answer_status: match answer {
                Some(a) => Some(OfficialStatus::parse(&a).ok_or_else(|| corrupt("answer", &a))?),
                None => None,
            },
            answer: r.get(10)?,
            project_id: match r.get::<_, Option<String>>(11)? {
                Some(_) => Some(ProjectId(uuid_at(r, 11)?)),
                None => None,
            },
            project: r.get(12)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn comments(tx: &Connection, p: &str) -> Result<Vec<CommentRow>, StoreError> {
    let mut s = tx.prepare(
        "SELECT c.id, c.idea_id, i.title, c.body, c.created_at
         FROM comment c JOIN idea i ON i.id = c.idea_id JOIN theme t ON t.id = i.theme_id
         WHERE t.process_id = ?1 AND c.status = 'published' AND i.status = 'published'
         ORDER BY c.created_at, c.id",
    )?;
    let rows = s.query_map([p], |r| {
        Ok(CommentRow {
            id: uuid_at(r, 0)?,
            idea_id: IdeaId(uuid_at(r, 1)?),
            idea: r.get(2)?,
            text: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn votes(tx: &Connection, p: &str) -> Result<Vec<VoteRow>, StoreError> {
    let mut s = tx.prepare(
        "SELECT t.id, t.title,
                COUNT(i.id), COALESCE(SUM(i.support_count), 0),
                COALESCE(SUM(i.verified_support_count), 0), t.dot_points, t.verified_dot_points
         FROM theme t LEFT JOIN idea i ON i.theme_id = t.id AND i.status = 'published'
         WHERE t.process_id = ?1
         GROUP BY t.id ORDER BY t.position, t.title",
    )?;
    let rows = s.query_map([p], |r| {
        Ok(VoteRow {
            theme_id: ThemeId(uuid_at(r, 0)?),
            theme: r.get(1)?,
            ideas: u32_at(r, 2)?,
            supports: u32_at(r, 3)?,
            verified_supports: u32_at(r, 4)?,
            dot_points: u32_at(r, 5)?,
            verified_dot_points: u32_at(r, 6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn projects(tx: &Connection, p: &str) -> Result<Vec<ProjectRow>, StoreError> {
    let mut s = tx.prepare(
        "SELECT pr.id, pr.theme_id, t.title, pr.title, pr.status, pr.responsible, pr.starts_on,
                (SELECT COUNT(*) FROM milestone m WHERE m.project_id = pr.id
                   AND m.done_on IS NOT NULL),
                (SELECT COUNT(*) FROM milestone m WHERE m.project_id = pr.id),
                pr.own_budget_cents, pr.programme, pr.programme_cents,
                (SELECT COUNT(*) FROM project_idea pi WHERE pi.project_id = pr.id)
         FROM project pr JOIN theme t ON t.id = pr.theme_id
         WHERE pr.process_id = ?1 ORDER BY t.position, pr.created_at, pr.id",
    )?;
    let rows = s.query_map([p], |r| {
        let status: String = r.get(4)?;
        Ok(ProjectRow {
            id: ProjectId(uuid_at(r, 0)?),
            theme_id: ThemeId(uuid_at(r, 1)?),
            theme: r.get(2)?,
            title: r.get(3)?,
            status: ProjectStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
            responsible: r.get(5)?,
            starts_on: r.get(6)?,
            milestones_done: u32_at(r, 7)?,
            milestones: u32_at(r, 8)?,
            own_budget_cents: u64_at(r, 9)?,
            programme: r.get(10)?,
            programme_cents: u64_at(r, 11)?,
            source_ideas: u32_at(r, 12)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Decisions on the process's projects and on its published ideas, by date.
fn decisions(tx: &Connection, p: &str) -> Result<Vec<DecisionRow>, StoreError> {
    let cols = "d.id, d.body, d.body_other, d.decided_on, d.reference, d.outcome, d.link,
                d.body_text";
    let mut out = Vec::new();
    for (on, sql) in [
        (
            DecisionOn::Project,
            format!(
                "SELECT {cols}, s.id, s.title FROM committee_decision d
                 JOIN project s ON s.id = d.project_id WHERE s.process_id = ?1"
            ),
        ),
        (
            DecisionOn::Idea,
            format!(
                "SELECT {cols}, s.id, s.title FROM idea_decision d
                 JOIN idea s ON s.id = d.idea_id JOIN theme t ON t.id = s.theme_id
                 WHERE t.process_id = ?1 AND s.status = 'published'"
            ),
        ),
    ] {
        let mut s = tx.prepare(&sql)?;
        let rows = s.query_map([p], |r| {
            let d = decision_row(r)?;
            Ok(DecisionRow {
                on,
                subject_id: uuid_at(r, 8)?,
                subject: r.get(9)?,
                body: d.body,
                body_other: d.body_other,
                decided_on: d.decided_on,
                reference: d.reference,
                outcome: d.outcome,
                link: d.link,
                text: d.text,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    out.sort_by_key(|d| (d.decided_on, d.subject_id));
    Ok(out)
}

impl Store {
    /// A dataset of a process (`None`: the current one), with the process it is from.
    pub async fn export(
        &self,
        id: Option<ProcessId>,
        dataset: werkstadt_domain::export::Dataset,
    ) -> Result<(Process, Rows), StoreError> {
        use werkstadt_domain::export::Dataset;
        self.read(move |tx| {
            let p = match id {
                Some(id) => process(tx, id)?,
                None => current_process(tx)?,
            };
            let key = p.id.to_string();
            let rows = match dataset {
                Dataset::Ideas => Rows::Ideas(ideas(tx, &key)?),
                Dataset::Comments => Rows::Comments(comments(tx, &key)?),
                Dataset::Votes => Rows::Votes(votes(tx, &key)?),
                Dataset::Projects => Rows::Projects(projects(tx, &key)?),
                Dataset::Decisions => Rows::Decisions(decisions(tx, &key)?),
                Dataset::Matrices => Rows::Matrices(
                    super::matrix_reads::public_matrices(tx, p.id)?
                        .iter()
                        .flat_map(matrix_rows)
                        .collect(),
                ),
            };
            Ok((p, rows))
        })
        .await
    }
}

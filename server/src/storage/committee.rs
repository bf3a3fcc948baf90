//! The report to a committee: one read snapshot gathers the process, its participation in the
//! days covered, the results, the finished matrices and the projects (`domain::report`).

use super::rows::uuid_at;
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use werkstadt_domain::moderation::OfficialStatus;
use werkstadt_domain::projects::DecisionBody;
use werkstadt_domain::report::{CommitteeReport, ReportIdea, ReportProject, ReportTheme};
use werkstadt_domain::{ProcessId, ProjectId};

/// The days a report covers: ISO dates for the reader, `[from_ms, to_ms)` for the queries.
#[derive(Clone, Debug)]
pub struct ReportRange {
    pub from: String,
    pub to: String,
    pub from_ms: i64,
    pub to_ms: i64,
}

fn official_answer(
    tx: &Connection,
    idea: &str,
) -> Result<(Option<OfficialStatus>, Option<String>), StoreError> {
    Ok(tx
        .prepare_cached("SELECT answer_status, answer_text FROM idea WHERE id = ?1")?
        .query_row([idea], |r| {
            let status: Option<String> = r.get(0)?;
            Ok((
                status.as_deref().and_then(OfficialStatus::parse),
                r.get::<_, Option<String>>(1)?,
            ))
        })
        .optional()?
        .unwrap_or((None, None)))
}

fn projects(
    tx: &Connection,
    process: ProcessId,
    range: &ReportRange,
) -> Result<Vec<ReportProject>, StoreError> {
    let rows: Vec<(ProjectId, String)> = tx
        .prepare_cached(
            "SELECT p.id, t.title FROM project p JOIN theme t ON t.id = p.theme_id
             WHERE p.process_id = ?1 ORDER BY t.position, p.title, p.id",
        )?
        .query_map([process.to_string()], |r| {
            Ok((ProjectId(uuid_at(r, 0)?), r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, theme_title) in rows {
        let p = super::project_reads::project_record(tx, id)?;
        out.push(ReportProject {
            id,
            title: p.title,
            theme_title,
            responsible: p.responsible,
            status: p.status,
            starts_on: p.starts_on,
            milestones: p.milestones,
            decisions: p
                .decisions
                .into_iter()
                .filter(|d| range.from_ms <= d.decided_on && d.decided_on < range.to_ms)
                .collect(),
        });
    }
    Ok(out)
}

pub(super) fn report(
    tx: &Connection,
    process: ProcessId,
    body: DecisionBody,
    range: &ReportRange,
) -> Result<CommitteeReport, StoreError> {
    let info = super::processes::process(tx, process)?;
    let participation = super::stats::participation(tx, process, range.from_ms, range.to_ms)?;
    let results = super::processes::results(tx, Some(process))?;
    let mut themes = Vec::with_capacity(results.themes.len());
    let mut top_ideas = Vec::new();
    for t in results.themes {
        for idea in t.top_ideas {
            let (answer_status, answer) = official_answer(tx, &idea.id.to_string())?;
            top_ideas.push(ReportIdea {
                id: idea.id,
                theme_id: t.theme.id,
                title: idea.title,
                support_count: idea.support_count,
                answer_status,
                answer,
            });
        }
        themes.push(ReportTheme {
            id: t.theme.id,
            rank: t.rank,
            title: t.theme.title,
            dot_points: t.theme.dot_points,
            idea_count: t.theme.idea_count,
            retired: t.theme.retired,
        });
    }
    Ok(CommitteeReport {
        body,
        from: range.from.clone(),
        to: range.to.clone(),
        generated_at: super::now_ms(),
        process: info,
        participation,
        themes,
        top_ideas,
        matrices: super::matrix_reads::finished_matrices(tx, process)?,
        projects: projects(tx, process, range)?,
    })
}

/// The days a report covers by default: from the process's start (or creation) to its end,
/// or today while it runs.
pub(super) fn process_span(tx: &Connection, process: ProcessId) -> Result<(i64, i64), StoreError> {
    tx.prepare_cached("SELECT starts_at, ends_at, created_at FROM process WHERE id = ?1")?
        .query_row(params![process.to_string()], |r| {
            let (starts, ends, created): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let from = if starts > 0 { starts } else { created };
            let now = super::now_ms();
            let to = if ends > from && ends < now { ends } else { now };
            Ok((from, to))
        })
        .optional()?
        .ok_or(StoreError::UnknownProcess)
}

impl Store {
    /// The report to `body` on `process` for the days of `range` (`None`: the process's span).
    pub async fn committee_report(
        &self,
        process: ProcessId,
        body: DecisionBody,
        range: Option<ReportRange>,
    ) -> Result<CommitteeReport, StoreError> {
        self.read(move |tx| {
            let range = match range {
                Some(r) => r,
                None => {
                    let (from, to) = process_span(tx, process)?;
                    ReportRange::days(from, to)
                }
            };
            report(tx, process, body, &range)
        })
        .await
    }
}

impl ReportRange {
    /// The whole local days from the one holding `from` to the one holding `to`.
    pub fn days(from: i64, to: i64) -> Self {
        use werkstadt_domain::stats::berlin_date;
        let (first, last) = (berlin_date(from), berlin_date(to.max(from)));
        Self::dates(first, last)
    }

    /// From the start of `first` to the end of `last` (local days, both included).
    pub fn dates(first: (i64, u32, u32), last: (i64, u32, u32)) -> Self {
        use werkstadt_domain::stats::{berlin_midnight, iso_date};
        Self {
            from: iso_date(first),
            to: iso_date(last),
            from_ms: berlin_midnight(first.0, first.1, first.2),
            to_ms: next_midnight(last),
        }
    }
}

/// The first ms of the day after `day` (local).
fn next_midnight(day: (i64, u32, u32)) -> i64 {
    // Noon of the day, a day later, is the next day whatever the clock switch did.
    let noon = werkstadt_domain::stats::berlin_midnight(day.0, day.1, day.2) + 12 * 3_600_000;
    let next = werkstadt_domain::stats::berlin_date(noon + 86_400_000);
    werkstadt_domain::stats::berlin_midnight(next.0, next.1, next.2)
}

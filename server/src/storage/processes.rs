//! The process and its themes (fields of action): overview, per-theme tallies, the rules a write follows, results.

use super::ideas::{idea_summary_row, IDEA_SUMMARY_SQL};
use super::rows::{u32_at, uuid_at, TOP_IDEAS_PER_THEME};
use super::verified;
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension, Row};
use werkstadt_domain::api::{
    IdeaSummary, Process, ProcessOverview, Results, ThemeResult, ThemeSummary,
};
use werkstadt_domain::moderation::ModerationMode;
use werkstadt_domain::{tally, ProcessId, ThemeId};

pub fn process_count(tx: &Connection) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT COUNT(*) FROM process", [], |r| r.get(0))?)
}

/// How many people have placed dot-vote points in process `p` (maintained, `storage::tally`;
/// verified ones only while it counts verified participants only, `storage::verified`).
const DOT_VOTERS: &str = verified::DOT_VOTERS;

/// The current process: the most recently created one.
fn process_row(r: &Row<'_>) -> rusqlite::Result<Process> {
    Ok(Process {
        id: ProcessId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        dot_budget: u8::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        dot_voters: u32_at(r, 4)?,
        moderation: if r.get::<_, String>(5)? == "pre" {
            ModerationMode::Pre
        } else {
            ModerationMode::Post
        },
        verified_only: r.get::<_, i64>(6)? == 1,
    })
}

pub fn current_process(tx: &Connection) -> Result<Process, StoreError> {
    tx.query_row(
        &format!(
            "SELECT id, title, description, dot_budget, {DOT_VOTERS}, moderation, verified_only FROM process p
             ORDER BY created_at DESC, id DESC LIMIT 1"
        ),
        [],
        process_row,
    )
    .optional()?
    .ok_or(StoreError::NoProcess)
}

pub fn process(tx: &Connection, id: ProcessId) -> Result<Process, StoreError> {
    tx.query_row(
        &format!(
            "SELECT id, title, description, dot_budget, {DOT_VOTERS}, moderation, verified_only FROM process p WHERE id = ?1"
        ),
        [id.to_string()],
        process_row,
    )
    .optional()?
    .ok_or(StoreError::NoProcess)
}

const THEME_SUMMARY_SQL: &str = "
    SELECT t.id, t.title, t.description, t.idea_count,
           CASE WHEN p.verified_only = 1 THEN t.verified_dot_points ELSE t.dot_points END,
           t.position
    FROM theme t JOIN process p ON p.id = t.process_id";

fn theme_summary_row(r: &Row<'_>) -> rusqlite::Result<ThemeSummary> {
    Ok(ThemeSummary {
        id: ThemeId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        idea_count: u32_at(r, 3)?,
        dot_points: u32_at(r, 4)?,
        position: u32_at(r, 5)?,
    })
}

fn theme_summaries(tx: &Connection, process: ProcessId) -> Result<Vec<ThemeSummary>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "{THEME_SUMMARY_SQL} WHERE t.process_id = ?1 ORDER BY t.position, t.title"
    ))?;
    let rows = stmt.query_map([process.to_string()], theme_summary_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn theme_summary(tx: &Connection, theme: ThemeId) -> Result<ThemeSummary, StoreError> {
    tx.query_row(
        &format!("{THEME_SUMMARY_SQL} WHERE t.id = ?1"),
        [theme.to_string()],
        theme_summary_row,
    )
    .optional()?
    .ok_or(StoreError::UnknownTheme)
}

pub fn process_overview(tx: &Connection) -> Result<ProcessOverview, StoreError> {
    let process = current_process(tx)?;
    let themes = theme_summaries(tx, process.id)?;
    Ok(ProcessOverview { process, themes })
}

/// The current process's participation rules, read once per write (a push applies many
/// mutations under the same rules).
#[derive(Clone, Copy, Debug, Default)]
pub struct Rules {
    pub pre_moderation: bool,
    pub verified_only: bool,
}

pub fn rules(tx: &Connection) -> Result<Rules, StoreError> {
    Ok(tx
        .prepare_cached(
            "SELECT moderation = 'pre', verified_only = 1 FROM process
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row([], |r| {
            Ok(Rules {
                pre_moderation: r.get(0)?,
                verified_only: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// The results: themes ranked by dot points, each with its most supported published ideas
/// (an index range per theme, `idea_theme_support`), and the process's dot totals.
pub fn results(tx: &Connection) -> Result<Results, StoreError> {
    let process = current_process(tx)?;
    let themes = theme_summaries(tx, process.id)?;
    let mut top = tx.prepare_cached(&format!(
        "{IDEA_SUMMARY_SQL} WHERE i.theme_id = ?1 AND i.status = 'published'
         ORDER BY {} LIMIT ?2",
        verified::support_order(process.verified_only)
    ))?;
    let dots_placed: i64 = tx
        .prepare_cached(&format!(
            "SELECT {} FROM process p WHERE id = ?1",
            verified::DOTS_PLACED
        ))?
        .query_row([process.id.to_string()], |r| r.get(0))?;
    let mut ranked = Vec::with_capacity(themes.len());
    for (rank, theme) in tally::rank_themes(themes) {
        let ideas: Vec<IdeaSummary> = top
            .query_map(
                params![theme.id.to_string(), TOP_IDEAS_PER_THEME as i64],
                idea_summary_row,
            )?
            .collect::<Result<_, _>>()?;
        ranked.push(ThemeResult {
            rank,
            top_ideas: tally::top_ideas(ideas, TOP_IDEAS_PER_THEME),
            theme,
        });
    }
    Ok(Results {
        themes: ranked,
        dot_voters: process.dot_voters,
        dots_placed: u32::try_from(dots_placed).unwrap_or(u32::MAX),
    })
}

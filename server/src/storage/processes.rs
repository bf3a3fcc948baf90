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
use werkstadt_domain::setup::{Gate, Module, Modules};
use werkstadt_domain::{tally, ProcessId, ThemeId};

pub fn process_count(tx: &Connection) -> Result<i64, StoreError> {
    Ok(tx.query_row("SELECT COUNT(*) FROM process", [], |r| r.get(0))?)
}

/// The process columns `process_row` reads. Dot voters: verified ones only while the process
/// counts verified participants only (`storage::verified::DOT_VOTERS`).
fn process_sql() -> String {
    format!(
        "SELECT id, title, description, dot_budget, {}, moderation,
         verified_only, starts_at, ends_at, is_current, licence FROM process p",
        verified::DOT_VOTERS
    )
}

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
        starts_at: r.get(7)?,
        ends_at: r.get(8)?,
        phases: Vec::new(),
        current: r.get::<_, i64>(9)? == 1,
        licence: r.get(10)?,
    })
}

/// A process with its phases.
fn with_phases(tx: &Connection, mut p: Process) -> Result<Process, StoreError> {
    p.phases = super::phases::phases(tx, p.id)?;
    Ok(p)
}

/// The current process (the one on the start page).
pub fn current_process(tx: &Connection) -> Result<Process, StoreError> {
    let p = tx
        .prepare_cached(&format!("{} WHERE is_current = 1", process_sql()))?
        .query_row([], process_row)
        .optional()?
        .ok_or(StoreError::NoProcess)?;
    with_phases(tx, p)
}

pub fn process(tx: &Connection, id: ProcessId) -> Result<Process, StoreError> {
    let p = tx
        .prepare_cached(&format!("{} WHERE id = ?1", process_sql()))?
        .query_row([id.to_string()], process_row)
        .optional()?
        .ok_or(StoreError::UnknownProcess)?;
    with_phases(tx, p)
}

/// Every process, newest start first (the archive).
pub fn all_processes(tx: &Connection) -> Result<Vec<Process>, StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "{} ORDER BY starts_at DESC, created_at DESC, id DESC",
        process_sql()
    ))?;
    let rows = stmt.query_map([], process_row)?;
    rows.map(|p| with_phases(tx, p?)).collect()
}

const THEME_SUMMARY_SQL: &str = "
    SELECT t.id, t.title, t.description, t.idea_count,
           CASE WHEN p.verified_only = 1 THEN t.verified_dot_points ELSE t.dot_points END,
           t.position, t.process_id, t.retired_at IS NOT NULL
    FROM theme t JOIN process p ON p.id = t.process_id";

fn theme_summary_row(r: &Row<'_>) -> rusqlite::Result<ThemeSummary> {
    Ok(ThemeSummary {
        id: ThemeId(uuid_at(r, 0)?),
        title: r.get(1)?,
        description: r.get(2)?,
        idea_count: u32_at(r, 3)?,
        dot_points: u32_at(r, 4)?,
        position: u32_at(r, 5)?,
        process_id: ProcessId(uuid_at(r, 6)?),
        retired: r.get(7)?,
    })
}

pub fn theme_summaries(
    tx: &Connection,
    process: ProcessId,
) -> Result<Vec<ThemeSummary>, StoreError> {
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

/// The current process, or the one with `id`, with its fields of action.
pub fn process_overview(
    tx: &Connection,
    id: Option<ProcessId>,
) -> Result<ProcessOverview, StoreError> {
    let process = match id {
        Some(id) => process(tx, id)?,
        None => current_process(tx)?,
    };
    let themes = theme_summaries(tx, process.id)?;
    Ok(ProcessOverview { process, themes })
}

/// The current process's participation rules at the moment of a write, read once per write
/// (a push applies many mutations under the same rules).
#[derive(Clone, Copy, Debug)]
pub struct Rules {
    pub pre_moderation: bool,
    pub verified_only: bool,
    pub dot_budget: u8,
    /// The current process (`None`: there is none).
    pub process: Option<ProcessId>,
    /// Per [`Module`] (in `Module::ALL` order): open or closed now (`domain::setup::gate`).
    gates: [Gate; 4],
    /// The modules of the workshop a write was made in (while it ran): they decide instead
    /// of the gates (`domain::workshop::Workshop::opens_at`, `storage::channels`).
    workshop: Option<Modules>,
}

impl Default for Rules {
    /// No process: nothing to gate (a write then fails on its unknown theme or idea).
    fn default() -> Self {
        Self {
            pre_moderation: false,
            verified_only: false,
            dot_budget: werkstadt_domain::DOT_BUDGET,
            process: None,
            gates: [Gate::Open { until: i64::MAX }; 4],
            workshop: None,
        }
    }
}

impl Rules {
    /// The rules for a write made in a running workshop that opens `open` (`None`: made
    /// outside any workshop, the process's phases decide).
    pub fn within(self, open: Option<Modules>) -> Self {
        Self {
            workshop: open,
            ..self
        }
    }

    /// Refuses a participant's write to a module the process's timeline has closed, or,
    /// made in a running workshop, one the workshop does not open.
    pub fn check(&self, module: Module) -> Result<(), StoreError> {
        if let Some(open) = self.workshop {
            return if open.opens(module) {
                Ok(())
            } else {
                Err(StoreError::WorkshopClosed { module })
            };
        }
        let i = Module::ALL.iter().position(|m| *m == module).unwrap_or(0);
        match self.gates[i] {
            Gate::Open { .. } => Ok(()),
            Gate::Closed { since, opens } => Err(StoreError::PhaseClosed {
                module,
                since,
                opens,
            }),
        }
    }
}

pub fn rules(tx: &Connection) -> Result<Rules, StoreError> {
    let p = match current_process(tx) {
        Ok(p) => p,
        Err(StoreError::NoProcess) => return Ok(Rules::default()),
        Err(e) => return Err(e),
    };
    let now = super::rows::now_ms();
    Ok(Rules {
        pre_moderation: p.moderation == ModerationMode::Pre,
        verified_only: p.verified_only,
        dot_budget: p.dot_budget,
        process: Some(p.id),
        gates: Module::ALL.map(|m| p.gate(m, now)),
        workshop: None,
    })
}

/// The results: themes ranked by dot points, each with its most supported published ideas
/// (an index range per theme, `idea_theme_support`), and the process's dot totals.
pub fn results(tx: &Connection, id: Option<ProcessId>) -> Result<Results, StoreError> {
    let process = match id {
        Some(id) => process(tx, id)?,
        None => current_process(tx)?,
    };
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

//! Setting up processes (admins): create and edit a process, choose the current one, replace
//! its phases, add, edit, reorder and retire fields of action. Each change is one audit line
//! with before and after (JSON) and reaches the apps through the change feed.

use super::changes::{self, kind};
use super::phases;
use super::processes::{self, process, theme_summaries, theme_summary};
use super::rows::now_ms;
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection};
use uuid::Uuid;
use werkstadt_domain::api::{Process, ProcessOverview, Results, ThemeSummary};
use werkstadt_domain::moderation::ModerationMode;
use werkstadt_domain::setup::{validate_phases, Phase, ProcessDraft, ThemeDraft};
use werkstadt_domain::{ProcessId, ThemeId};

fn mode(m: ModerationMode) -> &'static str {
    match m {
        ModerationMode::Pre => "pre",
        ModerationMode::Post => "post",
    }
}

/// Creates a process. The first one becomes current; later ones wait until an admin makes
/// them current.
fn create_process(
    tx: &Connection,
    staff_id: &str,
    d: &ProcessDraft,
) -> Result<Process, StoreError> {
    let id = Uuid::now_v7().to_string();
    let first = processes::process_count(tx)? == 0;
    tx.execute(
        "INSERT INTO process (id, title, description, dot_budget, created_at, moderation,
                              verified_only, starts_at, ends_at, is_current, licence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            id,
            d.title,
            d.description,
            d.dot_budget,
            now_ms(),
            mode(d.moderation),
            d.verified_only,
            d.starts_at,
            d.ends_at,
            first,
            d.licence
        ],
    )?;
    changes::touch(tx, kind::PROCESS, &id, None)?;
    let created = process(tx, ProcessId(parse_uuid(&id)?))?;
    audit(tx, staff_id, "process.create", id, None, json(&created))?;
    Ok(created)
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Edits a process's settings. Its phases must still lie within its dates.
fn edit_process(
    tx: &Connection,
    staff_id: &str,
    id: ProcessId,
    d: &ProcessDraft,
) -> Result<Process, StoreError> {
    let before = process(tx, id)?;
    validate_phases(&before.phases, (d.starts_at, d.ends_at))?;
    tx.execute(
        "UPDATE process SET title = ?2, description = ?3, dot_budget = ?4, moderation = ?5,
                            verified_only = ?6, starts_at = ?7, ends_at = ?8, licence = ?9
         WHERE id = ?1",
        params![
            id.to_string(),
            d.title,
            d.description,
            d.dot_budget,
            mode(d.moderation),
            d.verified_only,
            d.starts_at,
            d.ends_at,
            d.licence
        ],
    )?;
    changes::touch(tx, kind::PROCESS, &id.to_string(), None)?;
    if before.verified_only != d.verified_only {
        // The shown tallies change with it: ideas and themes go into the feed.
        super::verified::touch_switched(tx, &id.to_string())?;
    }
    let after = process(tx, id)?;
    audit(
        tx,
        staff_id,
        "process.edit",
        id.to_string(),
        json(&before),
        json(&after),
    )?;
    Ok(after)
}

/// Makes `id` the process on the start page. The apps' replicas follow through the feed: the
/// previous process (now archived) and then the new one with its fields of action.
fn make_current(tx: &Connection, staff_id: &str, id: ProcessId) -> Result<Process, StoreError> {
    let before = processes::current_process(tx).ok();
    process(tx, id)?;
    tx.execute("UPDATE process SET is_current = 0 WHERE is_current = 1", [])?;
    tx.execute(
        "UPDATE process SET is_current = 1 WHERE id = ?1",
        [id.to_string()],
    )?;
    if let Some(b) = &before {
        changes::touch(tx, kind::PROCESS, &b.id.to_string(), None)?;
    }
    changes::touch(tx, kind::PROCESS, &id.to_string(), None)?;
    for t in theme_summaries(tx, id)? {
        changes::touch(tx, kind::THEME, &t.id.to_string(), None)?;
    }
    audit(
        tx,
        staff_id,
        "process.current",
        id.to_string(),
        before.map(|b| b.id.to_string()),
        Some(id.to_string()),
    )?;
    process(tx, id)
}

fn set_phases(
    tx: &Connection,
    staff_id: &str,
    id: ProcessId,
    list: &[Phase],
) -> Result<Process, StoreError> {
    let before = process(tx, id)?;
    let phases = validate_phases(list, (before.starts_at, before.ends_at))?;
    phases::replace(tx, id, &phases)?;
    changes::touch(tx, kind::PROCESS, &id.to_string(), None)?;
    audit(
        tx,
        staff_id,
        "process.phases",
        id.to_string(),
        json(&before.phases),
        json(&phases),
    )?;
    process(tx, id)
}

fn add_theme(
    tx: &Connection,
    staff_id: &str,
    id: ProcessId,
    d: &ThemeDraft,
) -> Result<ThemeSummary, StoreError> {
    process(tx, id)?;
    let theme = Uuid::now_v7().to_string();
    let position: i64 = tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM theme WHERE process_id = ?1",
        [id.to_string()],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO theme (id, process_id, title, description, position, retired_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            theme,
            id.to_string(),
            d.title,
            d.description,
            position,
            d.retired.then(now_ms)
        ],
    )?;
    changes::touch(tx, kind::THEME, &theme, None)?;
    let created = theme_summary(tx, ThemeId(parse_uuid(&theme)?))?;
    audit(tx, staff_id, "theme.create", theme, None, json(&created))?;
    Ok(created)
}

/// Edits a field of action; retiring the last one still taking ideas is refused.
fn edit_theme(
    tx: &Connection,
    staff_id: &str,
    id: ThemeId,
    d: &ThemeDraft,
) -> Result<ThemeSummary, StoreError> {
    let before = theme_summary(tx, id)?;
    if d.retired && !before.retired {
        let others_open: i64 = tx.query_row(
            "SELECT COUNT(*) FROM theme WHERE process_id = ?1 AND id <> ?2 AND retired_at IS NULL",
            params![before.process_id.to_string(), id.to_string()],
            |r| r.get(0),
        )?;
        if others_open == 0 {
            return Err(StoreError::LastOpenTheme);
        }
    }
    tx.execute(
        "UPDATE theme SET title = ?2, description = ?3,
             retired_at = CASE WHEN ?4 THEN COALESCE(retired_at, ?5) END
         WHERE id = ?1",
        params![id.to_string(), d.title, d.description, d.retired, now_ms()],
    )?;
    changes::touch(tx, kind::THEME, &id.to_string(), None)?;
    let after = theme_summary(tx, id)?;
    audit(
        tx,
        staff_id,
        "theme.edit",
        id.to_string(),
        json(&before),
        json(&after),
    )?;
    Ok(after)
}

/// Puts the fields of action of process `id` in the given order (every one exactly once).
fn order_themes(
    tx: &Connection,
    staff_id: &str,
    id: ProcessId,
    order: &[ThemeId],
) -> Result<Vec<ThemeSummary>, StoreError> {
    let before = theme_summaries(tx, id)?;
    let mut given = order.to_vec();
    given.sort();
    given.dedup();
    let mut known: Vec<ThemeId> = before.iter().map(|t| t.id).collect();
    known.sort();
    if given.len() != order.len() || given != known {
        return Err(StoreError::UnknownTheme);
    }
    for (pos, t) in order.iter().enumerate() {
        tx.execute(
            "UPDATE theme SET position = ?2 WHERE id = ?1",
            params![t.to_string(), i64::try_from(pos).unwrap_or(i64::MAX)],
        )?;
        changes::touch(tx, kind::THEME, &t.to_string(), None)?;
    }
    let ids = |v: &[ThemeSummary]| json(&v.iter().map(|t| t.id).collect::<Vec<_>>());
    let after = theme_summaries(tx, id)?;
    audit(
        tx,
        staff_id,
        "theme.order",
        id.to_string(),
        ids(&before),
        ids(&after),
    )?;
    Ok(after)
}

impl Store {
    /// Every process, newest first: the current one and the archive.
    pub async fn processes(&self) -> Result<Vec<Process>, StoreError> {
        self.read(processes::all_processes).await
    }

    pub async fn process_overview_of(&self, id: ProcessId) -> Result<ProcessOverview, StoreError> {
        self.read(move |tx| processes::process_overview(tx, Some(id)))
            .await
    }

    /// The results of any process (an archived one's stand still: its phases are over).
    pub async fn results_of(&self, id: ProcessId) -> Result<Results, StoreError> {
        self.read(move |tx| processes::results(tx, Some(id))).await
    }

    pub async fn create_process(
        &self,
        staff_id: String,
        draft: ProcessDraft,
    ) -> Result<Process, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| create_process(tx, &staff_id, &d))
            .await
    }

    pub async fn edit_process(
        &self,
        staff_id: String,
        id: ProcessId,
        draft: ProcessDraft,
    ) -> Result<Process, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| edit_process(tx, &staff_id, id, &d))
            .await
    }

    pub async fn make_current(
        &self,
        staff_id: String,
        id: ProcessId,
    ) -> Result<Process, StoreError> {
        self.write(move |tx| make_current(tx, &staff_id, id)).await
    }

    pub async fn set_phases(
        &self,
        staff_id: String,
        id: ProcessId,
        phases: Vec<Phase>,
    ) -> Result<Process, StoreError> {
        self.write(move |tx| set_phases(tx, &staff_id, id, &phases))
            .await
    }

    pub async fn add_theme(
        &self,
        staff_id: String,
        id: ProcessId,
        draft: ThemeDraft,
    ) -> Result<ThemeSummary, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| add_theme(tx, &staff_id, id, &d)).await
    }

    pub async fn edit_theme(
        &self,
        staff_id: String,
        id: ThemeId,
        draft: ThemeDraft,
    ) -> Result<ThemeSummary, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| edit_theme(tx, &staff_id, id, &d))
            .await
    }

    pub async fn order_themes(
        &self,
        staff_id: String,
        id: ProcessId,
        order: Vec<ThemeId>,
    ) -> Result<Vec<ThemeSummary>, StoreError> {
        self.write(move |tx| {
            process(tx, id)?;
            order_themes(tx, &staff_id, id, &order)
        })
        .await
    }
}

//! Workshops (staff create, edit and delete them in a process; anyone reads one by its join
//! code) and the results wall's data. Each staff change is one audit line with before and
//! after. The join code is made here: random, retried on the (rare) clash with another one.

use super::channels::{participants_of_process, participants_of_workshop};
use super::rows::now_ms;
use super::staff::{audit_change as audit, audit_json as json};
use super::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row};
use werkstadt_domain::ids::WorkshopId;
use werkstadt_domain::setup::Modules;
use werkstadt_domain::workshop::{
    code_from_random, normalise_code, WallData, WallIdea, WallTheme, Workshop, WorkshopDraft,
    JOIN_CODE_LEN, WALL_IDEAS,
};
use werkstadt_domain::ProcessId;

const COLUMNS: &str = "id, process_id, code, title, place, starts_at, ends_at, open_ideas, \
                       open_supports, open_dots, open_comments, reset_secs";

fn workshop_row(r: &Row<'_>) -> rusqlite::Result<Workshop> {
    let id = |i: usize| -> rusqlite::Result<uuid::Uuid> {
        let s: String = r.get(i)?;
        uuid::Uuid::parse_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    Ok(Workshop {
        id: WorkshopId(id(0)?),
        process_id: ProcessId(id(1)?),
        code: r.get(2)?,
        title: r.get(3)?,
        place: r.get(4)?,
        starts_at: r.get(5)?,
        ends_at: r.get(6)?,
        open: Modules {
            ideas: r.get(7)?,
            supports: r.get(8)?,
            dots: r.get(9)?,
            comments: r.get(10)?,
        },
        reset_secs: r.get(11)?,
    })
}

/// The workshops of a process, earliest first.
fn list(tx: &Connection, process: ProcessId) -> Result<Vec<Workshop>, StoreError> {
    ensure_process(tx, process)?;
    let rows = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM workshop WHERE process_id = ?1 ORDER BY starts_at, id"
        ))?
        .query_map([process.to_string()], workshop_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn ensure_process(tx: &Connection, process: ProcessId) -> Result<(), StoreError> {
    let found: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM process WHERE id = ?1)")?
        .query_row([process.to_string()], |r| r.get(0))?;
    found.then_some(()).ok_or(StoreError::UnknownProcess)
}

pub fn by_id(tx: &Connection, id: WorkshopId) -> Result<Workshop, StoreError> {
    tx.prepare_cached(&format!("SELECT {COLUMNS} FROM workshop WHERE id = ?1"))?
        .query_row([id.to_string()], workshop_row)
        .optional()?
        .ok_or(StoreError::UnknownWorkshop)
}

/// A workshop by its join code (as typed: case, spaces and hyphens do not matter) or its id.
pub fn by_code_or_id(tx: &Connection, key: &str) -> Result<Workshop, StoreError> {
    if let Ok(id) = uuid::Uuid::parse_str(key) {
        return by_id(tx, WorkshopId(id));
    }
    let code = normalise_code(key).ok_or(StoreError::UnknownWorkshop)?;
    tx.prepare_cached(&format!("SELECT {COLUMNS} FROM workshop WHERE code = ?1"))?
        .query_row([code], workshop_row)
        .optional()?
        .ok_or(StoreError::UnknownWorkshop)
}

fn random_code() -> String {
    let mut bytes = [0u8; JOIN_CODE_LEN];
    bytes.copy_from_slice(&uuid::Uuid::new_v4().as_bytes()[..JOIN_CODE_LEN]);
    code_from_random(bytes)
}

fn code_taken(tx: &Connection, code: &str) -> Result<bool, StoreError> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM workshop WHERE code = ?1)")?
        .query_row([code], |r| r.get(0))?)
}

fn create(
    tx: &Connection,
    staff_id: &str,
    process: ProcessId,
    d: &WorkshopDraft,
) -> Result<Workshop, StoreError> {
    ensure_process(tx, process)?;
    let mut code = random_code();
    while code_taken(tx, &code)? {
        code = random_code();
    }
    let id = WorkshopId(uuid::Uuid::now_v7());
    let now = now_ms();
    tx.execute(
        &format!(
            "INSERT INTO workshop ({COLUMNS}, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)"
        ),
        params![
            id.to_string(),
            process.to_string(),
            code,
            d.title,
            d.place,
            d.starts_at,
            d.ends_at,
            d.open.ideas,
            d.open.supports,
            d.open.dots,
            d.open.comments,
            d.reset_secs,
            now
        ],
    )?;
    let created = by_id(tx, id)?;
    audit(tx, staff_id, "workshop.create", id, None, json(&created))?;
    Ok(created)
}

fn edit(
    tx: &Connection,
    staff_id: &str,
    id: WorkshopId,
    d: &WorkshopDraft,
) -> Result<Workshop, StoreError> {
    let before = by_id(tx, id)?;
    tx.execute(
        "UPDATE workshop SET title = ?2, place = ?3, starts_at = ?4, ends_at = ?5,
             open_ideas = ?6, open_supports = ?7, open_dots = ?8, open_comments = ?9,
             reset_secs = ?10, updated_at = ?11
         WHERE id = ?1",
        params![
            id.to_string(),
            d.title,
            d.place,
            d.starts_at,
            d.ends_at,
            d.open.ideas,
            d.open.supports,
            d.open.dots,
            d.open.comments,
            d.reset_secs,
            now_ms()
        ],
    )?;
    let after = by_id(tx, id)?;
    audit(
        tx,
        staff_id,
        "workshop.edit",
        id,
        json(&before),
        json(&after),
    )?;
    Ok(after)
}

/// Deletes a workshop created by mistake. What came through it keeps its channel
/// (`workshop`) but no longer names it.
fn delete(tx: &Connection, staff_id: &str, id: WorkshopId) -> Result<(), StoreError> {
    let before = by_id(tx, id)?;
    let key = id.to_string();
    tx.execute(
        "UPDATE OR IGNORE participation SET workshop_id = NULL WHERE workshop_id = ?1",
        [&key],
    )?;
    tx.execute("DELETE FROM participation WHERE workshop_id = ?1", [&key])?;
    tx.execute("DELETE FROM workshop WHERE id = ?1", [&key])?;
    audit(tx, staff_id, "workshop.delete", id, json(&before), None)
}

/// The wall of a workshop: its process's open fields of action by dot points, the newest
/// published ideas and the participant counts. `join_url` is the public address of its QR code.
fn wall(
    tx: &Connection,
    key: &str,
    join_url: &dyn Fn(&str) -> String,
) -> Result<WallData, StoreError> {
    let workshop = by_code_or_id(tx, key)?;
    let process = workshop.process_id.to_string();
    let themes = tx
        .prepare_cached(
            "SELECT id, title, dot_points FROM theme
              WHERE process_id = ?1 AND retired_at IS NULL
              ORDER BY dot_points DESC, position, id",
        )?
        .query_map([&process], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, i64>(2)?))
        })?
        .collect::<Result<Vec<(String, String, i64)>, _>>()?
        .into_iter()
        .filter_map(|(id, title, dots)| {
            Some(WallTheme {
                id: werkstadt_domain::ThemeId(id.parse().ok()?),
                title,
                dots: u64::try_from(dots).unwrap_or(0),
            })
        })
        .collect();
    let limit = i64::try_from(WALL_IDEAS).unwrap_or(6);
    let ideas = tx
        .prepare_cached(
            "SELECT i.id, i.title, t.title FROM idea i JOIN theme t ON t.id = i.theme_id
              WHERE t.process_id = ?1 AND i.status = 'published'
              ORDER BY i.created_at DESC, i.id DESC LIMIT ?2",
        )?
        .query_map(params![process, limit], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<Vec<(String, String, String)>, _>>()?
        .into_iter()
        .filter_map(|(id, title, theme_title)| {
            Some(WallIdea {
                id: werkstadt_domain::IdeaId(id.parse().ok()?),
                title,
                theme_title,
            })
        })
        .collect();
    Ok(WallData {
        join_url: join_url(&workshop.code),
        participants_here: participants_of_workshop(tx, workshop.id)?,
        participants_total: participants_of_process(tx, workshop.process_id)?,
        workshop,
        themes,
        ideas,
    })
}

/// Attaches a participant to a workshop (replacing an earlier join).
fn join(tx: &Connection, who: &super::Caller, key: &str) -> Result<(), StoreError> {
    super::participants::ensure_participant(tx, who)?;
    let w = by_code_or_id(tx, key)?;
    tx.execute(
        "INSERT INTO workshop_join (participant_id, workshop_id, joined_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (participant_id) DO UPDATE SET workshop_id = ?2, joined_at = ?3",
        params![who.id.to_string(), w.id.to_string(), now_ms()],
    )?;
    Ok(())
}

fn leave(tx: &Connection, who: &super::Caller) -> Result<(), StoreError> {
    super::participants::ensure_participant(tx, who)?;
    tx.execute(
        "DELETE FROM workshop_join WHERE participant_id = ?1",
        [who.id.to_string()],
    )?;
    Ok(())
}

impl Store {
    /// A phone joins a workshop: its changes made while the workshop runs count for it.
    pub async fn join_workshop(&self, who: super::Caller, key: String) -> Result<(), StoreError> {
        self.write(move |tx| join(tx, &who, &key)).await
    }

    /// A phone leaves its workshop: its changes count as web (or code) again.
    pub async fn leave_workshop(&self, who: super::Caller) -> Result<(), StoreError> {
        self.write(move |tx| leave(tx, &who)).await
    }

    pub async fn workshops(&self, process: ProcessId) -> Result<Vec<Workshop>, StoreError> {
        self.read(move |tx| list(tx, process)).await
    }

    /// A workshop by its join code or id (`unknown_workshop`).
    pub async fn workshop(&self, key: String) -> Result<Workshop, StoreError> {
        self.read(move |tx| by_code_or_id(tx, &key)).await
    }

    pub async fn create_workshop(
        &self,
        staff_id: String,
        process: ProcessId,
        draft: WorkshopDraft,
    ) -> Result<Workshop, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| create(tx, &staff_id, process, &d))
            .await
    }

    pub async fn edit_workshop(
        &self,
        staff_id: String,
        id: WorkshopId,
        draft: WorkshopDraft,
    ) -> Result<Workshop, StoreError> {
        let d = draft.validate()?;
        self.write(move |tx| edit(tx, &staff_id, id, &d)).await
    }

    pub async fn delete_workshop(
        &self,
        staff_id: String,
        id: WorkshopId,
    ) -> Result<(), StoreError> {
        self.write(move |tx| delete(tx, &staff_id, id)).await
    }

    /// The wall's data; `public_url` is the site's public address (no trailing slash).
    pub async fn wall(&self, key: String, public_url: String) -> Result<WallData, StoreError> {
        self.read(move |tx| {
            wall(tx, &key, &|code| {
                format!(
                    "{public_url}{}",
                    werkstadt_domain::workshop::join_path(code)
                )
            })
        })
        .await
    }
}

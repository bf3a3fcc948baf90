//! The demo project seeded with the demo process (`--demo`): one project grown from two
//! published demo ideas, with two milestones (one done), a decision of the
//! Digitalisierungsausschuss and one update, so the apps' project pages have something to
//! show. Seeded data, not a staff action: no audit line (as for the demo process itself).

use super::changes::{self, kind};
use super::StoreError;
use rusqlite::{params, Connection};
use uuid::Uuid;

const DAY: i64 = 86_400_000;

/// The demo project: its field of action and source ideas are named by title.
pub struct SeedProject {
    pub theme: &'static str,
    pub ideas: [&'static str; 2],
    pub title: &'static str,
    pub description: &'static str,
    pub responsible: &'static str,
    pub own_budget_cents: i64,
    pub programme: &'static str,
    pub programme_cents: i64,
    /// (title, due in days from today, done in days from today)
    pub milestones: [(&'static str, i64, Option<i64>); 2],
    /// (reference, days from today, short text)
    pub decision: (&'static str, i64, &'static str),
    /// (days from today, text)
    pub update: (i64, &'static str),
}

pub const BIELEFELD: SeedProject = SeedProject {
    theme: "Verwaltung & Bürgerservice",
    ideas: [
        "Bürgeramt-Termine per App buchen",
        "Anträge mit Status-Verfolgung",
    ],
    title: "Digitales Bürgeramt: Termine und Antragsstatus online",
    description: "Aus zwei Ideen der Beteiligung wird ein Projekt: freie Termine im Bürgeramt \
        online sehen und buchen, und nach dem Einreichen eines Antrags sehen, wie weit er ist.",
    responsible: "Stadtverwaltung",
    own_budget_cents: 8_000_000,
    programme: "Modellprojekte Smart Cities",
    programme_cents: 12_000_000,
    milestones: [
        ("Anforderungen mit dem Bürgeramt erheben", -10, Some(-12)),
        ("Pilotbetrieb im Bürgeramt Mitte", 90, None),
    ],
    decision: (
        "Drucksache 1234/2026",
        -14,
        "Der Ausschuss beauftragt die Verwaltung, die Online-Terminbuchung und die \
         Statusanzeige für Anträge im Bürgeramt Mitte zu erproben.",
    ),
    update: (
        -5,
        "Die Anforderungen sind erhoben: Termine sollen tagesaktuell buchbar sein, mit \
         Erinnerung am Vortag. Als Nächstes folgt der Pilot im Bürgeramt Mitte.",
    ),
};

/// The id of the idea titled `title` in `process` (seeded just before).
fn idea_id(tx: &Connection, process: &str, title: &str) -> Result<String, StoreError> {
    Ok(tx.query_row(
        "SELECT i.id FROM idea i JOIN theme t ON t.id = i.theme_id
         WHERE t.process_id = ?1 AND i.title = ?2",
        params![process, title],
        |r| r.get(0),
    )?)
}

/// Inserts `p` into `process`; `today` is 00:00 UTC of the seeding day.
pub fn insert(
    tx: &Connection,
    process: &str,
    p: &SeedProject,
    now: i64,
    today: i64,
) -> Result<(), StoreError> {
    let theme: String = tx.query_row(
        "SELECT id FROM theme WHERE process_id = ?1 AND title = ?2",
        params![process, p.theme],
        |r| r.get(0),
    )?;
    let id = Uuid::now_v7().to_string();
    let starts_on = today - 20 * DAY;
    tx.execute(
        "INSERT INTO project (id, process_id, theme_id, title, description, responsible,
             own_budget_cents, programme, programme_cents, status, starts_on, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'in_progress', ?10, ?11, ?11)",
        params![
            id,
            process,
            theme,
            p.title,
            p.description,
            p.responsible,
            p.own_budget_cents,
            p.programme,
            p.programme_cents,
            starts_on,
            now
        ],
    )?;
    tx.execute(
        "INSERT INTO project_status (project_id, at, status) VALUES (?1, ?2, 'planned'),
             (?1, ?3, 'in_progress')",
        params![id, starts_on, today - 14 * DAY],
    )?;
    for (pos, title) in p.ideas.iter().enumerate() {
        let idea = idea_id(tx, process, title)?;
        tx.execute(
            "INSERT INTO project_idea (idea_id, project_id, position) VALUES (?1, ?2, ?3)",
            params![idea, id, i64::try_from(pos).unwrap_or(i64::MAX)],
        )?;
        changes::touch(tx, kind::IDEA, &idea, None)?;
    }
    for (title, due, done) in &p.milestones {
        tx.execute(
            "INSERT INTO milestone (id, project_id, title, due_on, done_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                Uuid::now_v7().to_string(),
                id,
                title,
                today + due * DAY,
                done.map(|d| today + d * DAY)
            ],
        )?;
    }
    let (reference, decided, text) = p.decision;
    tx.execute(
        "INSERT INTO committee_decision (id, project_id, body, body_other, decided_on, reference,
             outcome, link, body_text)
         VALUES (?1, ?2, 'digitalisierungsausschuss', NULL, ?3, ?4, 'adopted', NULL, ?5)",
        params![
            Uuid::now_v7().to_string(),
            id,
            today + decided * DAY,
            reference,
            text
        ],
    )?;
    let (at, text) = p.update;
    tx.execute(
        "INSERT INTO project_update (id, project_id, at, body_text) VALUES (?1, ?2, ?3, ?4)",
        params![Uuid::now_v7().to_string(), id, today + at * DAY, text],
    )?;
    changes::touch(tx, kind::PROJECT, &id, None)?;
    Ok(())
}

//! The demo process seeded by `werkstadt serve --demo` into an empty database, so the first
//! screen is never empty. Content follows Bielefeld's Smart City strategy process.

use super::changes::{self, kind};
use super::rows::now_ms;
use super::seed_project::{self, SeedProject};
use super::StoreError;
use rusqlite::{params, Connection};
use uuid::Uuid;
use werkstadt_domain::setup::{Modules, Phase};
use werkstadt_domain::{ProcessId, DOT_BUDGET};

pub struct DemoSeed {
    pub process_title: String,
    pub process_description: String,
    pub themes: Vec<SeedTheme>,
    /// A project grown from two of the ideas (`seed_project`), if any.
    pub project: Option<SeedProject>,
}

pub struct SeedTheme {
    pub title: String,
    pub description: String,
    /// (title, body)
    pub ideas: Vec<(String, String)>,
}

impl DemoSeed {
    pub fn bielefeld() -> Self {
        let t = |title: &str, desc: &str, ideas: &[(&str, &str)]| SeedTheme {
            title: title.to_owned(),
            description: desc.to_owned(),
            ideas: ideas
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        };
        Self {
            process_title: "Smart City Strategie Bielefeld".into(),
            process_description: "Das Digitalisierungsbüro sammelt Ideen aus der ganzen \
                Stadtgesellschaft für die Smart-City-Strategie. Bringen Sie Ihre Vorschläge ein, \
                unterstützen Sie gute Ideen und setzen Sie mit Ihren Punkten Schwerpunkte. \
                Die Ergebnisse fließen in den Bericht an den Digitalisierungsausschuss."
                .into(),
            themes: vec![
                t("Verwaltung & Bürgerservice",
                  "Behördengänge digital erledigen, Termine online buchen, Anliegen verfolgen.",
                  &[("Bürgeramt-Termine per App buchen",
                     "Freie Termine im Bürgeramt sollten tagesaktuell in einer App sichtbar und direkt buchbar sein, mit Erinnerung am Vortag."),
                    ("Anträge mit Status-Verfolgung",
                     "Nach dem Einreichen eines Antrags möchte ich sehen, in welchem Bearbeitungsschritt er gerade ist.")]),
                t("Mobilität",
                  "Bus, Bahn, Rad und Fußwege vernetzen; Verkehr in Echtzeit planen.",
                  &[("Echtzeit-Anzeige an allen Haltestellen",
                     "Auch kleine Haltestellen brauchen eine Anzeige, wann der nächste Bus wirklich kommt."),
                    ("Sichere Fahrradabstellanlagen am Hauptbahnhof",
                     "Digitale, buchbare Radboxen mit Ladestation für E-Bikes.")]),
                t("Energie & Umwelt",
                  "Klimaschutz messen und steuern: Energieverbrauch, Luftqualität, Stadtgrün.",
                  &[("Offene Daten zur Luftqualität",
                     "Messwerte aus allen Stadtteilen als offene Daten und als Karte veröffentlichen.")]),
                t("Bildung",
                  "Digitale Lernorte, Medienkompetenz und Ausstattung von Schulen.",
                  &[("WLAN in allen Schulen und der Stadtbibliothek",
                     "Schnelles, verlässliches WLAN ist die Grundlage für digitalen Unterricht.")]),
                t("Wirtschaft & Arbeit",
                  "Digitalisierung in Handwerk, Handel und Mittelstand; neue Arbeitsformen.",
                  &[("Digitaler Marktplatz für den lokalen Handel",
                     "Geschäfte der Innenstadt gemeinsam online sichtbar machen, mit Abholung im Laden.")]),
                t("Gesundheit & Pflege",
                  "Telemedizin, vernetzte Pflege und digitale Unterstützung im Alltag.",
                  &[]),
                t("Kultur & Freizeit",
                  "Kulturangebote entdecken, Vereine vernetzen, Freizeit digital planen.",
                  &[("Gemeinsamer Veranstaltungskalender",
                     "Ein offener Kalender für alle Kultur- und Vereinsveranstaltungen der Stadt.")]),
                t("Digitale Infrastruktur",
                  "Glasfaser, Mobilfunk, freies WLAN und offene Datenplattformen.",
                  &[("Freies WLAN in der Altstadt",
                     "Kostenloses, datensparsames WLAN rund um den Alten Markt und den Jahnplatz.")]),
            ],
            project: Some(seed_project::BIELEFELD),
        }
    }
}

const DAY: i64 = 86_400_000;

/// Bestandsaufnahme (over), Ideensammlung (now, everything open), Bewertung, Strategieentwurf,
/// Beschluss, Umsetzung.
fn demo_phases(starts_at: i64, today: i64, ends_at: i64) -> Vec<Phase> {
    let none = Modules::default();
    let p = |title: &str, text: &str, from: i64, to: i64, open: Modules| Phase {
        title: title.into(),
        text: text.into(),
        starts_at: from,
        ends_at: to,
        open,
    };
    vec![
        p(
            "Bestandsaufnahme",
            "Was gibt es schon? Das Digitalisierungsbüro sammelt laufende Projekte.",
            starts_at,
            today - 7 * DAY,
            none,
        ),
        p(
            "Ideensammlung",
            "Ideen einreichen, unterstützen, kommentieren und Punkte vergeben.",
            today - 7 * DAY,
            today + 60 * DAY,
            Modules::ALL,
        ),
        p(
            "Bewertung",
            "Ideen unterstützen und Schwerpunkte mit Punkten setzen.",
            today + 60 * DAY,
            today + 120 * DAY,
            Modules {
                supports: true,
                dots: true,
                comments: true,
                ideas: false,
            },
        ),
        p(
            "Strategieentwurf",
            "Der Entwurf der Strategie liegt zur Kommentierung aus.",
            today + 120 * DAY,
            today + 200 * DAY,
            Modules {
                comments: true,
                ..none
            },
        ),
        p(
            "Beschluss",
            "Der Digitalisierungsausschuss berät und beschließt.",
            today + 200 * DAY,
            today + 260 * DAY,
            none,
        ),
        p(
            "Umsetzung",
            "Projekte starten; ihr Fortschritt wird hier berichtet.",
            today + 260 * DAY,
            ends_at,
            none,
        ),
    ]
}

/// Author of the seeded ideas: the office itself. Its secret hash can never match a real
/// SHA-256 hex digest, so nobody can write as it.
const OFFICE_PARTICIPANT_HASH: &str = "!seeded";

pub fn insert(tx: &Connection, seed: &DemoSeed) -> Result<(), StoreError> {
    let now = now_ms();
    let process = Uuid::now_v7().to_string();
    // The concept paper's stages, the idea collection running now (days start at 00:00 UTC).
    let today = now - now.rem_euclid(DAY);
    let starts_at = today - 30 * DAY;
    let ends_at = today + 336 * DAY;
    tx.execute(
        "INSERT INTO process (id, title, description, dot_budget, created_at, starts_at, ends_at,
                              is_current)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
        params![
            process,
            seed.process_title,
            seed.process_description,
            DOT_BUDGET,
            now,
            starts_at,
            ends_at
        ],
    )?;
    let id = ProcessId(Uuid::parse_str(&process).map_err(|e| StoreError::Corrupt(e.to_string()))?);
    super::phases::replace(tx, id, &demo_phases(starts_at, today, ends_at))?;
    changes::touch(tx, kind::PROCESS, &process, None)?;
    let office = Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO participant (id, secret_hash, created_at) VALUES (?1, ?2, ?3)",
        params![office, OFFICE_PARTICIPANT_HASH, now],
    )?;
    let mut at = now - 86_400_000;
    for (pos, theme_seed) in seed.themes.iter().enumerate() {
        let (title, desc, ideas) = (
            &theme_seed.title,
            &theme_seed.description,
            &theme_seed.ideas,
        );
        let theme = Uuid::now_v7().to_string();
        tx.execute(
            "INSERT INTO theme (id, process_id, title, description, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![theme, process, title, desc, i64::try_from(pos).unwrap_or(i64::MAX)],
        )?;
        changes::touch(tx, kind::THEME, &theme, None)?;
        for (idea_title, body) in ideas {
            let idea = Uuid::now_v7().to_string();
            at += 60_000;
            tx.execute(
                "INSERT INTO idea (id, theme_id, author_id, title, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![idea, theme, office, idea_title, body, at],
            )?;
            changes::touch(tx, kind::IDEA, &idea, None)?;
        }
    }
    if let Some(p) = &seed.project {
        seed_project::insert(tx, &process, p, now, today)?;
    }
    Ok(())
}

//! Participation on the results page: per day, by channel, verified and unverified — three
//! SVG bar charts the app draws, each a `<figure>` with its caption, the numbers written on
//! the bars (no colour needed) and a table of the same numbers for screen readers.
//!
//! Offline: the last answer of `GET /api/processes/{id}/participation` is kept in IndexedDB
//! (`state` store, key `participation:<process id>`) and shown, marked as saved, when the
//! server cannot be reached.

use super::charts::{bars, columns};
use crate::i18n::{use_i18n, I18n, Lang};
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::channel::Channel;
use werkstadt_domain::stats::ParticipationStats;
use werkstadt_domain::ProcessId;
use werkstadt_web::http;
use werkstadt_web::idb::{self, Op, STATE};

struct Texts {
    heading: &'static str,
    intro: &'static str,
    per_day: &'static str,
    by_channel: &'static str,
    verified: &'static str,
    day: &'static str,
    participants: &'static str,
    ideas: &'static str,
    supports: &'static str,
    comments: &'static str,
    dots: &'static str,
    channel: &'static str,
    verified_yes: &'static str,
    verified_no: &'static str,
    count: &'static str,
    web: &'static str,
    code: &'static str,
    kiosk: &'static str,
    workshop: &'static str,
    none: &'static str,
    cached: &'static str,
    offline: &'static str,
}

static DE: Texts = Texts {
    heading: "Beteiligung",
    intro: "Wie viele Menschen mitgemacht haben – nur Zahlen, ohne Namen.",
    per_day: "Aktive Teilnehmende pro Tag",
    by_channel: "Teilnehmende nach Zugang",
    verified: "Bestätigte und nicht bestätigte Teilnehmende",
    day: "Tag",
    participants: "Teilnehmende",
    ideas: "Ideen",
    supports: "Unterstützungen",
    comments: "Kommentare",
    dots: "Punkte vergeben",
    channel: "Zugang",
    verified_yes: "Bestätigt (Beteiligungscode)",
    verified_no: "Nicht bestätigt",
    count: "Anzahl",
    web: "Website",
    code: "Beteiligungscode",
    kiosk: "Kiosk",
    workshop: "Veranstaltung (Handy)",
    none: "Noch keine Beteiligung.",
    cached: "Gespeicherter Stand – derzeit keine Verbindung zum Server.",
    offline: "Die Beteiligungszahlen sind erst nach einem Besuch mit Verbindung verfügbar.",
};

static EN: Texts = Texts {
    heading: "Participation",
    intro: "How many people took part – numbers only, no names.",
    per_day: "Active participants per day",
    by_channel: "Participants by channel",
    verified: "Verified and unverified participants",
    day: "Day",
    participants: "Participants",
    ideas: "Ideas",
    supports: "Supports",
    comments: "Comments",
    dots: "Placed dots",
    channel: "Channel",
    verified_yes: "Verified (participation code)",
    verified_no: "Not verified",
    count: "Number",
    web: "Website",
    code: "Participation code",
    kiosk: "Kiosk",
    workshop: "Event (phone)",
    none: "No participation yet.",
    cached: "Saved figures – no connection to the server right now.",
    offline: "The participation figures are available after a visit with a connection.",
};

fn texts(i18n: I18n) -> &'static Texts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

fn channel_name(t: &Texts, c: Channel) -> &'static str {
    match c {
        Channel::Web => t.web,
        Channel::Code => t.code,
        Channel::Kiosk => t.kiosk,
        Channel::Workshop => t.workshop,
    }
}

/// "2026-05-04" as "04.05." (German) or "05/04" (English) for the axis.
fn short_day(day: &str, lang: Lang) -> String {
    let (m, d) = (day.get(5..7).unwrap_or(""), day.get(8..10).unwrap_or(""));
    match lang {
        Lang::De => format!("{d}.{m}."),
        Lang::En => format!("{m}/{d}"),
    }
}

/// "2026-05-04" as "04.05.2026" (German) or as it is (English, ISO).
fn full_day(day: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("{}{}", short_day(day, lang), day.get(..4).unwrap_or("")),
        Lang::En => day.to_owned(),
    }
}

/// The statistics, and whether they are the kept copy.
type Loaded = Option<(ParticipationStats, bool)>;

async fn load(id: ProcessId) -> Loaded {
    let path = format!("/api/processes/{id}/participation");
    let key = format!("participation:{id}");
    let db = idb::open().await.ok();
    match http::get_js(&path, None).await {
        Ok(value) => {
            let stats: ParticipationStats = http::from_js(value.clone())?;
            if let Some(db) = &db {
                let _ = db.write(vec![Op::Put(STATE, key, value)]).await;
            }
            Some((stats, false))
        }
        Err(_) => Some((http::from_js(db?.get(&key).await.ok()?)?, true)),
    }
}

#[component]
pub fn Participation() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let process = sync.pick(|r, _| r.process.as_ref().map(|p| p.id));
    let stats = LocalResource::new(move || {
        let id = process.get();
        // Again once the connection is back (after an offline notice).
        sync.online.track();
        async move {
            match id {
                Some(id) => load(id).await,
                None => None,
            }
        }
    });
    view! {
        <section class="participation" aria-labelledby="beteiligung">
            <h2 id="beteiligung">{move || texts(i18n).heading}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match stats.await {
                        None => view! { <p class="notice">{move || texts(i18n).offline}</p> }.into_any(),
                        Some((s, kept)) => charts(s, kept).into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The three figures in the current language. One closure draws them all again when the
/// language changes (fewer reactive pieces: less code in the app's first module).
fn charts(s: ParticipationStats, kept: bool) -> impl IntoView {
    let i18n = use_i18n();
    let s = StoredValue::new(s);
    move || {
        let t = texts(i18n);
        let lang = i18n.lang();
        s.with_value(|s| {
            let days: Vec<(String, u32)> = s
                .days
                .iter()
                .map(|d| (short_day(&d.day, lang), d.counts.participants))
                .collect();
            let day_rows = s
                .days
                .iter()
                .map(|d| {
                    let c = d.counts;
                    view! {
                        <tr>
                            <th scope="row">{full_day(&d.day, lang)}</th>
                            <td>{c.participants}</td><td>{c.ideas}</td><td>{c.supports}</td>
                            <td>{c.comments}</td><td>{c.dot_ballots}</td>
                        </tr>
                    }
                })
                .collect_view();
            let channels = s
                .channels
                .iter()
                .filter(|c| c.counts.participants > 0 || c.channel <= Channel::Code)
                .map(|c| (channel_name(t, c.channel).to_owned(), c.counts.participants))
                .collect();
            let verified = vec![
                (t.verified_yes.to_owned(), s.verified),
                (t.verified_no.to_owned(), s.unverified),
            ];
            let figures = (s.totals.participants > 0).then(|| {
                view! {
                    <figure class="chart">
                        <figcaption>{t.per_day}</figcaption>
                        {columns(days)}
                        <table class="visually-hidden">
                            <caption>{t.per_day}</caption>
                            <thead><tr>
                                <th scope="col">{t.day}</th><th scope="col">{t.participants}</th>
                                <th scope="col">{t.ideas}</th><th scope="col">{t.supports}</th>
                                <th scope="col">{t.comments}</th><th scope="col">{t.dots}</th>
                            </tr></thead>
                            <tbody>{day_rows}</tbody>
                        </table>
                    </figure>
                    {figure(t, t.by_channel, t.channel, channels)}
                    {figure(t, t.verified, t.participants, verified)}
                }
            });
            view! {
                <p>{t.intro}</p>
                {kept.then(|| view! { <p class="notice">{t.cached}</p> })}
                {(s.totals.participants == 0).then(|| view! { <p class="meta">{t.none}</p> })}
                {figures}
            }
        })
    }
}

/// A horizontal bar chart with its table.
fn figure(
    t: &'static Texts,
    title: &'static str,
    head: &'static str,
    rows: Vec<(String, u32)>,
) -> impl IntoView {
    let table_rows = rows
        .iter()
        .map(|(label, n)| view! { <tr><th scope="row">{label.clone()}</th><td>{*n}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            {bars(rows)}
            <table class="visually-hidden">
                <caption>{title}</caption>
                <thead><tr><th scope="col">{head}</th><th scope="col">{t.count}</th></tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </figure>
    }
}

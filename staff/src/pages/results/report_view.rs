//! The committee report's sections: process and method, participation (by channel, per day
//! as a chart with its table), fields of action by dots, top ideas with official answers,
//! evaluation matrices with the experts' spread, projects with milestones and decisions.

use super::chart::{Bars, Columns};
use super::report_texts::{rp, texts_of, ReportTexts};
use super::table::ResultTable;
use crate::i18n::{fill, use_i18n, I18n};
use crate::pages::projects::texts::texts_of as project_texts;
use leptos::prelude::*;
use werkstadt_domain::matrix::{MatrixRecord, MatrixReview, MatrixState, PublicMatrix};
use werkstadt_domain::report::CommitteeReport;
use werkstadt_domain::stats::{berlin_midnight, parse_iso_date, Counts};
use werkstadt_web::format_date;

type T = fn(&'static ReportTexts) -> &'static str;

/// A `YYYY-MM-DD` day in the language's date format.
fn day(iso: &str, i18n: I18n) -> String {
    match parse_iso_date(iso) {
        Some((y, m, d)) => format_date(berlin_midnight(y, m, d) + 43_200_000, i18n.lang().code()),
        None => iso.to_owned(),
    }
}

fn date(ms: i64, i18n: I18n) -> String {
    format_date(ms, i18n.lang().code())
}

/// A table's head row.
fn head(cols: &[T]) -> impl IntoView {
    let cols = cols.to_vec();
    view! {
        <thead><tr>{cols.into_iter().map(|c| view! { <th scope="col">{rp(c)}</th> }).collect_view()}</tr></thead>
    }
}

fn count_cells(c: Counts) -> impl IntoView {
    view! {
        <td>{c.participants}</td><td>{c.ideas}</td><td>{c.comments}</td>
        <td>{c.supports}</td><td>{c.dot_ballots}</td>
    }
}

const COUNT_COLS: [T; 5] = [
    |t| t.participants,
    |t| t.ideas,
    |t| t.comments,
    |t| t.supports,
    |t| t.dot_ballots,
];

#[component]
pub fn ReportView(r: CommitteeReport) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts_of(i18n);
    let r = StoredValue::new(r);
    let get = move || r.get_value();
    view! {
        <article class="report">
            <h1 tabindex="-1">{move || t().title(get().body)}</h1>
            <p><strong>{move || get().process.title}</strong></p>
            <p>{move || fill(t().period, &day(&get().from, i18n), &day(&get().to, i18n))}
               " · "{move || fill(t().as_of, &date(get().generated_at, i18n), "")}</p>
            <Method r=get()/>
            <Participation r=get()/>
            <Ranking r=get()/>
            <TopIdeas r=get()/>
            <Matrices matrices=get().matrices/>
            <Projects r=get()/>
        </article>
    }
}

#[component]
fn Method(r: CommitteeReport) -> impl IntoView {
    let i18n = use_i18n();
    let p = r.process;
    let pre = p.moderation == werkstadt_domain::moderation::ModerationMode::Pre;
    let verified_only = p.verified_only;
    let runs = move || {
        fill(
            texts_of(i18n).from_to,
            &date(p.starts_at, i18n),
            &date(p.ends_at, i18n),
        )
    };
    let phases = p
        .phases
        .into_iter()
        .map(|ph| {
            let when = move || {
                fill(
                    texts_of(i18n).from_to,
                    &date(ph.starts_at, i18n),
                    &date(ph.ends_at, i18n),
                )
            };
            let open = move || {
                let t = texts_of(i18n);
                [
                    (ph.open.ideas, t.mod_ideas),
                    (ph.open.supports, t.mod_supports),
                    (ph.open.dots, t.mod_dots),
                    (ph.open.comments, t.mod_comments),
                ]
                .into_iter()
                .filter_map(|(on, name)| on.then_some(name))
                .collect::<Vec<_>>()
                .join(", ")
            };
            view! { <tr><th scope="row">{ph.title.clone()}</th><td>{when}</td><td>{open}</td></tr> }
        })
        .collect_view();
    let row = |label: T, value: String| view! { <tr><th scope="row">{rp(label)}</th><td>{value}</td></tr> };
    view! {
        <section aria-labelledby="bericht-methode">
            <h2 id="bericht-methode">{rp(|t| t.method)}</h2>
            <p>{p.description.clone()}</p>
            <table class="audit">
                <tbody>
                    {row(|t| t.process_title, p.title.clone())}
                    <tr><th scope="row">{rp(|t| t.runs)}</th><td>{runs}</td></tr>
                    <tr><th scope="row">{rp(|t| t.moderation)}</th>
                        <td>{move || if pre { texts_of(i18n).moderation_pre } else { texts_of(i18n).moderation_post }}</td></tr>
                    <tr><th scope="row">{rp(|t| t.verified_only)}</th>
                        <td>{move || if verified_only { texts_of(i18n).verified_only_yes } else { texts_of(i18n).verified_only_no }}</td></tr>
                    {row(|t| t.dot_budget, p.dot_budget.to_string())}
                    {row(|t| t.licence, p.licence.clone())}
                </tbody>
            </table>
            <table class="audit">
                <caption>{rp(|t| t.phases)}</caption>
                {head(&[|t| t.phase, |t| t.runs, |t| t.open_modules])}
                <tbody>{phases}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Participation(r: CommitteeReport) -> impl IntoView {
    let i18n = use_i18n();
    let s = r.participation;
    let channels = s
        .channels
        .iter()
        .map(|c| {
            let ch = c.channel;
            view! { <tr><th scope="row">{move || texts_of(i18n).channel(ch)}</th>{count_cells(c.counts)}</tr> }
        })
        .collect_view();
    let per_channel: Vec<_> = s
        .channels
        .iter()
        .map(|c| (c.channel, c.counts.participants))
        .collect();
    let channel_bars = move || {
        let t = texts_of(i18n);
        let rows = per_channel
            .iter()
            .map(|(c, n)| (t.channel(*c).to_owned(), *n))
            .collect();
        view! { <Bars rows/> }
    };
    let (verified, unverified) = (s.verified.to_string(), s.unverified.to_string());
    let days = s.days.clone();
    let columns: Vec<(String, u32)> = days
        .iter()
        .map(|d| {
            (
                d.day.get(5..).unwrap_or("").replace('-', "/"),
                d.counts.participants,
            )
        })
        .collect();
    let day_rows = days
        .into_iter()
        .map(|d| view! { <tr><th scope="row">{day(&d.day, i18n)}</th>{count_cells(d.counts)}</tr> })
        .collect_view();
    let empty = s.days.is_empty();
    let mut cols = vec![(|t| t.channel) as T];
    cols.extend(COUNT_COLS);
    let mut day_cols = vec![(|t| t.day) as T];
    day_cols.extend(COUNT_COLS);
    view! {
        <section class="page-break" aria-labelledby="bericht-beteiligung">
            <h2 id="bericht-beteiligung">{rp(|t| t.participation)}</h2>
            <table class="audit">
                <caption>{rp(|t| t.by_channel)}</caption>
                {head(&cols)}
                <tbody>{channels}</tbody>
                <tfoot><tr><th scope="row">{rp(|t| t.total)}</th>{count_cells(s.totals)}</tr></tfoot>
            </table>
            <figure>
                <figcaption>{rp(|t| t.by_channel)}" – "{rp(|t| t.participants)}</figcaption>
                {channel_bars}
            </figure>
            <p>{move || fill(texts_of(i18n).verified, &verified, &unverified)}</p>
            <figure>
                <figcaption>{rp(|t| t.per_day)}</figcaption>
                {(!empty).then(|| view! { <Columns rows=columns/> })}
                {empty.then(|| view! { <p>{rp(|t| t.no_days)}</p> })}
            </figure>
            <table class="audit">
                <caption>{rp(|t| t.per_day)}</caption>
                {head(&day_cols)}
                <tbody>{day_rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Ranking(r: CommitteeReport) -> impl IntoView {
    let rows = r
        .themes
        .into_iter()
        .map(|t| view! {
            <tr><td>{t.rank}</td><th scope="row">{t.title}</th><td>{t.dot_points}</td><td>{t.idea_count}</td></tr>
        })
        .collect_view();
    view! {
        <section aria-labelledby="bericht-ranking">
            <h2 id="bericht-ranking">{rp(|t| t.ranking)}</h2>
            <table class="audit">
                {head(&[|t| t.rank, |t| t.theme, |t| t.points, |t| t.ideas])}
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn TopIdeas(r: CommitteeReport) -> impl IntoView {
    let i18n = use_i18n();
    let rows = r
        .top_ideas
        .into_iter()
        .map(|idea| {
            let theme = r
                .themes
                .iter()
                .find(|t| t.id == idea.theme_id)
                .map(|t| t.title.clone());
            let status = idea.answer_status;
            let answer = move || match status {
                Some(s) => i18n.t().official(s).to_owned(),
                None => texts_of(i18n).no_answer.to_owned(),
            };
            view! {
                <tr>
                    <td>{theme}</td><th scope="row">{idea.title}</th><td>{idea.support_count}</td>
                    <td><strong>{answer}</strong>{idea.answer.map(|a| view! { <br/>{a} })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-break" aria-labelledby="bericht-ideen">
            <h2 id="bericht-ideen">{rp(|t| t.top_ideas)}</h2>
            <table class="audit">
                {head(&[|t| t.theme, |t| t.idea, |t| t.supports, |t| t.answer])}
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Matrices(matrices: Vec<PublicMatrix>) -> impl IntoView {
    let empty = matrices.is_empty();
    let tables = matrices
        .into_iter()
        .map(|m| {
            let review = MatrixReview {
                matrix: MatrixRecord {
                    id: m.id,
                    process_id: m.process_id,
                    title: m.title.clone(),
                    description: m.description,
                    state: MatrixState::Closed,
                    scale: m.scale,
                    options: m.options,
                    criteria: m.criteria,
                    experts: Vec::new(),
                    created_at: m.updated_at,
                    updated_at: m.updated_at,
                },
                sheets: Vec::new(),
                result: m.result,
            };
            view! { <h3>{m.title}</h3><ResultTable review/> }
        })
        .collect_view();
    view! {
        <section class="page-break" aria-labelledby="bericht-matrizen">
            <h2 id="bericht-matrizen">{rp(|t| t.matrices)}</h2>
            {empty.then(|| view! { <p>{rp(|t| t.none)}</p> })}
            {tables}
        </section>
    }
}

#[component]
fn Projects(r: CommitteeReport) -> impl IntoView {
    let i18n = use_i18n();
    let empty = r.projects.is_empty();
    let rows = r
        .projects
        .into_iter()
        .map(|p| {
            let status = p.status;
            let milestones = p
                .milestones
                .into_iter()
                .map(|m| {
                    let when = move || match m.done_on {
                        Some(d) => fill(texts_of(i18n).done_on, &date(d, i18n), ""),
                        None => fill(texts_of(i18n).due_on, &date(m.due_on, i18n), ""),
                    };
                    view! { <li>{m.title.clone()}" ("{when}")"</li> }
                })
                .collect_view();
            let decisions = p
                .decisions
                .into_iter()
                .map(|d| {
                    let body = d.body;
                    let outcome = d.outcome;
                    let text = move || {
                        let pt = project_texts(i18n);
                        format!(
                            "{}, {}: {}",
                            date(d.decided_on, i18n),
                            pt.body(body),
                            pt.outcome(outcome)
                        )
                    };
                    view! { <li>{text}" "{d.reference.clone()}</li> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{p.title}</th><td>{p.theme_title}</td>
                    <td>{move || project_texts(i18n).status(status)}</td><td>{p.responsible}</td>
                    <td><ul>{milestones}</ul></td><td><ul>{decisions}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-break" aria-labelledby="bericht-projekte">
            <h2 id="bericht-projekte">{rp(|t| t.projects)}</h2>
            {empty.then(|| view! { <p>{rp(|t| t.none)}</p> })}
            <table class="audit">
                {head(&[|t| t.project, |t| t.theme, |t| t.status, |t| t.responsible, |t| t.milestones, |t| t.decisions])}
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

//! The processes (`/prozesse`): the current one and the archive of earlier ones, each with its
//! dates and, on its own page, its results as they stood at its end. Read from the server when
//! opened (online only): the replica holds the current process.

use crate::api;
use crate::components::gates::last_day;
use crate::i18n::pages::pt;
use crate::i18n::{count, fill, title_effect, use_i18n};
use crate::platform;
use leptos::prelude::*;
use werkstadt_domain::api::{Process, ProcessOverview, Results};
use werkstadt_domain::ProcessId;

fn dates(p: &Process, lang: &str) -> String {
    format!(
        "{} – {}",
        platform::format_date(p.starts_at, lang),
        last_day(p.ends_at, lang)
    )
}

#[component]
fn Offline() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice notice-error" role="alert">{move || pt(i18n).archive_offline}</p> }
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let i18n = use_i18n();
    title_effect(|t| t.archive_heading);
    let list = LocalResource::new(api::processes);
    view! {
        <h1 tabindex="-1">{move || i18n.t().archive_heading}</h1>
        <Suspense fallback=|| view! { <crate::components::status::Loading/> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(_) => view! { <Offline/> }.into_any(),
                    Ok(processes) => view! {
                        <ul class="cards">
                            {processes.into_iter().map(|p| {
                                let href = format!("/prozesse/{}", p.id);
                                let current = p.current;
                                let p = StoredValue::new(p);
                                view! {
                                    <li class="card">
                                        <h2><a href=href>{p.with_value(|p| p.title.clone())}</a>
                                            {current.then(|| view! { <span class="badge">{move || pt(i18n).archive_current}</span> })}
                                        </h2>
                                        <p class="meta">{move || p.with_value(|p| dates(p, i18n.lang().code()))}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ProcessPage(id: ProcessId) -> impl IntoView {
    let i18n = use_i18n();
    title_effect(|t| t.archive_heading);
    let data = LocalResource::new(move || api::process_results(id));
    view! {
        <Suspense fallback=|| view! { <crate::components::status::Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! {
                        <h1 tabindex="-1">{move || i18n.t().archive_heading}</h1>
                        <Offline/>
                    }.into_any(),
                    Ok((overview, results)) => process_view(overview, results).into_any(),
                }
            })}
        </Suspense>
    }
}

fn process_view(overview: ProcessOverview, results: Results) -> impl IntoView {
    let i18n = use_i18n();
    let p = StoredValue::new(overview.process);
    let placed = results.dots_placed;
    let voters = results.dot_voters;
    view! {
        <h1 tabindex="-1">{p.with_value(|p| p.title.clone())}</h1>
        <p class="meta">{move || p.with_value(|p| dates(p, i18n.lang().code()))}</p>
        <p>{p.with_value(|p| p.description.clone())}</p>
        <h2>{move || pt(i18n).archive_ranking}</h2>
        <p>{move || fill(pt(i18n).results_summary, &[("p", &count(voters, pt(i18n).people)), ("m", &count(placed, i18n.t().points))])}</p>
        <ol class="ranking">
            {results.themes.into_iter().map(|r| {
                let points = r.theme.dot_points;
                view! {
                    <li class="rank-item">
                        <h3>
                            <span class="rank">{move || fill(pt(i18n).results_rank, &[("n", &r.rank.to_string())])}</span>
                            " " {r.theme.title.clone()}
                        </h3>
                        <p class="meta theme-points">{move || count(points, i18n.t().points)}</p>
                        <ul class="top-ideas">
                            {r.top_ideas.into_iter().map(|idea| {
                                let supports = idea.support_count;
                                view! { <li>{idea.title}" – "{move || count(supports, i18n.t().supports)}</li> }
                            }).collect_view()}
                        </ul>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

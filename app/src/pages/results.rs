//! Results: themes ranked by dot points, each with its most supported ideas.

use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{count, fill, use_i18n};
use leptos::prelude::*;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let results = crate::load::load(move || {
        sync.version.track();
        api::results()
    });
    crate::i18n::title_effect(|t| t.results_heading);
    view! {
        <h1 tabindex="-1">{move || i18n.t().results_heading}</h1>
        {move || match results.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
            Some(Ok(r)) => {
                let max = r.themes.iter().map(|t| t.theme.dot_points).max().unwrap_or(0).max(1);
                let (voters, placed) = (r.dot_voters, r.dots_placed);
                view! {
                    <p>{move || fill(i18n.t().results_summary, &[("p", &count(voters, i18n.t().people)), ("m", &count(placed, i18n.t().points))])}</p>
                    <ol class="ranking">
                        {r.themes.into_iter().map(|tr| {
                            let (rank, points) = (tr.rank, tr.theme.dot_points);
                            let bar_label = format!("{} {}", tr.theme.title, points);
                            let href = format!("/themen/{}", tr.theme.id);
                            let no_ideas = tr.top_ideas.is_empty();
                            view! {
                                <li class="rank-item">
                                    <h2>
                                        <span class="rank">{move || fill(i18n.t().results_rank, &[("n", &rank.to_string())])}</span>
                                        " "<a href=href>{tr.theme.title.clone()}</a>
                                    </h2>
                                    <p class="meta theme-points">{move || count(points, i18n.t().points)}</p>
                                    <progress max=max value=points aria-label=bar_label></progress>
                                    <h3 class="visually-small">{move || i18n.t().results_top_ideas}</h3>
                                    <Show when=move || no_ideas>
                                        <p class="meta">{move || i18n.t().results_no_ideas}</p>
                                    </Show>
                                    <ul class="top-ideas">
                                        {tr.top_ideas.into_iter().map(|idea| {
                                            let href = format!("/ideen/{}", idea.id);
                                            let n = idea.support_count;
                                            view! {
                                                <li><a href=href>{idea.title}</a>" – "{move || count(n, i18n.t().supports)}</li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }
        }}
    }
}

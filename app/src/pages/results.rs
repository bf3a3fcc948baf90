//! Results: themes ranked by dot points, each with its most supported ideas, computed from the
//! participant's view with the domain's ranking rules.

use crate::components::status::with_view;
use crate::i18n::{count, fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::api::IdeaSort;
use werkstadt_domain::tally::rank_themes;

/// Ideas listed under each theme.
const TOP_IDEAS: usize = 3;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::i18n::title_effect(|t| t.results_heading);
    view! {
        <h1 tabindex="-1">{move || i18n.t().results_heading}</h1>
        {with_view(move |r| {
            let max = r.themes.iter().map(|t| t.dot_points).max().unwrap_or(0).max(1);
            let placed: u32 = r.themes.iter().map(|t| t.dot_points).sum();
            let voters = r.process.as_ref().map_or(0, |p| p.dot_voters);
            let ranked = rank_themes(r.themes.clone());
            view! {
                <p>{move || fill(i18n.t().results_summary, &[("p", &count(voters, i18n.t().people)), ("m", &count(placed, i18n.t().points))])}</p>
                <ol class="ranking">
                    {ranked.into_iter().map(|(rank, theme)| {
                        let points = theme.dot_points;
                        let bar_label = format!("{} {}", theme.title, points);
                        let href = format!("/themen/{}", theme.id);
                        let top: Vec<_> = r.ideas_of(theme.id, IdeaSort::Support, false).into_iter().take(TOP_IDEAS).cloned().collect();
                        let no_ideas = top.is_empty();
                        view! {
                            <li class="rank-item">
                                <h2>
                                    <span class="rank">{move || fill(i18n.t().results_rank, &[("n", &rank.to_string())])}</span>
                                    " "<a href=href>{theme.title}</a>
                                </h2>
                                <p class="meta theme-points">{move || count(points, i18n.t().points)}</p>
                                <progress max=max value=points aria-label=bar_label></progress>
                                <h3 class="visually-small">{move || i18n.t().results_top_ideas}</h3>
                                {no_ideas.then(|| view! {
                                    <p class="meta">{move || i18n.t().results_no_ideas}</p>
                                })}
                                <ul class="top-ideas">
                                    {top.into_iter().map(|idea| {
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
            }
            .into_any()
        })}
    }
}

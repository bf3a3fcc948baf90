//! Results: themes ranked by dot points, each with its most supported ideas, computed from the
//! participant's view with the domain's ranking rules. Keyed by theme: a new dot moves or
//! updates the rows it changes, nothing else.

use crate::components::status::Ready;
use crate::i18n::pages::pt;
use crate::i18n::{count, fill, use_i18n};
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::api::IdeaSort;
use werkstadt_domain::tally::rank_themes;
use werkstadt_domain::ThemeId;

/// Ideas listed under each theme.
const TOP_IDEAS: usize = 3;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    crate::i18n::title_effect(|t| t.results_heading);
    let ranked = sync.pick(|_, o| {
        Some(
            rank_themes(o.themes().to_vec())
                .into_iter()
                .map(|(rank, t)| (t.id, rank))
                .collect::<Vec<_>>(),
        )
    });
    let totals = sync.pick(|r, o| {
        let points = o.themes().iter().map(|t| t.dot_points);
        let max = points.clone().max().unwrap_or(0).max(1);
        let voters = r.process.as_ref().map_or(0, |p| p.dot_voters);
        Some((max, points.sum::<u32>(), voters))
    });
    let (max, placed, voters) = (
        move || totals.get().map_or(1, |t| t.0),
        move || totals.get().map_or(0, |t| t.1),
        move || totals.get().map_or(0, |t| t.2),
    );
    view! {
        <h1 tabindex="-1">{move || i18n.t().results_heading}</h1>
        <Ready>
            <p>{move || fill(pt(i18n).results_summary, &[("p", &count(voters(), pt(i18n).people)), ("m", &count(placed(), i18n.t().points))])}</p>
            <ol class="ranking">
                <For each=move || ranked.get().unwrap_or_default() key=|row| *row let:row>
                    <Rank id=row.0 rank=row.1 max=Signal::derive(max)/>
                </For>
            </ol>
            <super::participation::Participation/>
            <super::matrices::PublishedMatrices/>
        </Ready>
    }
}

/// One theme of the ranking with its top ideas.
#[component]
fn Rank(id: ThemeId, rank: u32, max: Signal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let theme = sync.pick(move |_, o| o.theme(id).map(|t| (t.title.clone(), t.dot_points)));
    let top = sync.pick(move |r, o| {
        let ids = o.ideas_of(r, id, IdeaSort::Support, false);
        let top = ids.into_iter().take(TOP_IDEAS).filter_map(|i| o.idea(r, i));
        Some(
            top.map(|i| (i.id, i.title.clone(), i.support_count))
                .collect::<Vec<_>>(),
        )
    });
    let title = move || theme.with(|t| t.as_ref().map(|t| t.0.clone()).unwrap_or_default());
    let points = move || theme.with(|t| t.as_ref().map_or(0, |t| t.1));
    view! {
        <li class="rank-item">
            <h2>
                <span class="rank">{move || fill(pt(i18n).results_rank, &[("n", &rank.to_string())])}</span>
                " "<a href=format!("/themen/{id}")>{title}</a>
            </h2>
            <p class="meta theme-points">{move || count(points(), i18n.t().points)}</p>
            <progress max=move || max.get() value=points aria-label=move || format!("{} {}", title(), points())></progress>
            <h3 class="visually-small">{move || pt(i18n).results_top_ideas}</h3>
            <Show when=move || top.with(|t| t.as_ref().is_none_or(Vec::is_empty))>
                <p class="meta">{move || pt(i18n).results_no_ideas}</p>
            </Show>
            <ul class="top-ideas">
                <For each=move || top.get().unwrap_or_default() key=|idea| idea.clone() let:idea>
                    <li><a href=format!("/ideen/{}", idea.0)>{idea.1}</a>" – "{move || count(idea.2, i18n.t().supports)}</li>
                </For>
            </ul>
        </li>
    }
}

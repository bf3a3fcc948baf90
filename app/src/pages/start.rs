//! Start: the process, its themes with idea counts and dot totals.

use crate::components::status::with_view;
use crate::i18n::{count, use_i18n};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    with_view(move |r| {
        let Some(process) = r.process else {
            return ().into_any();
        };
        platform::set_document_title(&process.title);
        view! {
            <section class="intro">
                <h1 tabindex="-1">{process.title}</h1>
                <p>{process.description}</p>
                <p class="actions">
                    <a class="button" href="/neu">{move || i18n.t().start_cta_idea}</a>
                    <a class="button button-secondary" href="/punkte">{move || i18n.t().start_cta_dots}</a>
                </p>
            </section>
            <section aria-labelledby="themen-ueberschrift">
                <h2 id="themen-ueberschrift">{move || i18n.t().themes_heading}</h2>
                <ul class="cards">
                    {r.themes.into_iter().map(|t| {
                        let href = format!("/themen/{}", t.id);
                        let (ideas, points) = (t.idea_count, t.dot_points);
                        view! {
                            <li class="card">
                                <h3><a href=href>{t.title}</a></h3>
                                <p>{t.description}</p>
                                <p class="meta">
                                    <span class="idea-count">{move || count(ideas, i18n.t().ideas)}</span>
                                    " · "
                                    <span class="dot-count">{move || count(points, i18n.t().points)}</span>
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    })
}

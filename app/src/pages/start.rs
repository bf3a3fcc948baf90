//! Start: the process, its themes with idea counts and dot totals.

use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{count, use_i18n};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let overview = crate::load::load(move || {
        sync.version.track();
        api::overview()
    });
    view! {
        {move || match overview.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
            Some(Ok(o)) => {
                platform::set_document_title(&o.process.title);
                view! {
                    <section class="intro">
                        <h1 tabindex="-1">{o.process.title.clone()}</h1>
                        <p>{o.process.description.clone()}</p>
                        <p class="actions">
                            <a class="button" href="/neu">{move || i18n.t().start_cta_idea}</a>
                            <a class="button button-secondary" href="/punkte">{move || i18n.t().start_cta_dots}</a>
                        </p>
                    </section>
                    <section aria-labelledby="themen-ueberschrift">
                        <h2 id="themen-ueberschrift">{move || i18n.t().themes_heading}</h2>
                        <ul class="cards">
                            {o.themes.into_iter().map(|t| {
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
                }.into_any()
            }
        }}
    }
}

//! Start: the process, its themes with idea counts and dot totals. Each theme card follows its
//! own theme: a new dot elsewhere changes only the card it is for.

use crate::components::status::Ready;
use crate::i18n::{count, use_i18n};
use crate::platform;
use crate::sync::{field, use_sync};
use leptos::prelude::*;
use werkstadt_domain::ThemeId;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let process = sync.pick(|r, _| {
        r.process
            .as_ref()
            .map(|p| (p.title.clone(), p.description.clone()))
    });
    Effect::new(move |_| {
        process.with(|p| {
            if let Some((title, _)) = p {
                platform::set_document_title(title);
            }
        });
    });
    let themes = sync.pick(|_, o| Some(o.themes().iter().map(|t| t.id).collect::<Vec<_>>()));
    view! {
        <Ready>
            <section class="intro">
                <h1 tabindex="-1">{field(process, |p| p.0.clone())}</h1>
                <p>{field(process, |p| p.1.clone())}</p>
                <p class="actions">
                    <a class="button" href="/neu">{move || i18n.t().start_cta_idea}</a>
                    <a class="button button-secondary" href="/punkte">{move || i18n.t().start_cta_dots}</a>
                </p>
            </section>
            <section aria-labelledby="themen-ueberschrift">
                <h2 id="themen-ueberschrift">{move || i18n.t().themes_heading}</h2>
                <ul class="cards">
                    <For each=move || themes.get().unwrap_or_default() key=|id| *id let:id>
                        <ThemeCard id/>
                    </For>
                </ul>
            </section>
        </Ready>
    }
}

#[component]
fn ThemeCard(id: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let theme = use_sync().pick(move |_, o| o.theme(id).cloned());
    let ideas = field(theme, |t| t.idea_count);
    let points = field(theme, |t| t.dot_points);
    view! {
        <li class="card">
            <h3><a href=format!("/themen/{id}")>{field(theme, |t| t.title.clone())}</a></h3>
            <p>{field(theme, |t| t.description.clone())}</p>
            <p class="meta">
                <span class="idea-count">{move || count(ideas().unwrap_or(0), i18n.t().ideas)}</span>
                " · "
                <span class="dot-count">{move || count(points().unwrap_or(0), i18n.t().points)}</span>
            </p>
        </li>
    }
}

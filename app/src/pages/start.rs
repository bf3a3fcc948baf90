//! Start: the process, its themes with idea counts and dot totals. Each theme card follows its
//! own theme: a new dot elsewhere changes only the card it is for.

use crate::components::status::Ready;
use crate::i18n::{count, fill, use_i18n};
use crate::platform;
use crate::sync::{field, use_sync};
use leptos::prelude::*;
use werkstadt_domain::setup::current_phase;
use werkstadt_domain::ThemeId;

#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let process = sync.pick(|r, _| {
        r.process
            .as_ref()
            .map(|p| (p.title.clone(), p.description.clone(), p.dot_budget))
    });
    Effect::new(move |_| {
        process.with(|p| {
            if let Some((title, _, _)) = p {
                platform::set_document_title(title);
            }
        });
    });
    // The phase running now: (title, last day); the full timeline loads below the themes.
    let phase = sync.pick(|r, _| {
        let p = r.process.as_ref()?;
        let now = platform::now_ms() as i64;
        Some(
            current_phase(&p.phases, now).map(|i| (p.phases[i].title.clone(), p.phases[i].ends_at)),
        )
    });
    let themes = sync.pick(|_, o| Some(o.themes().iter().map(|t| t.id).collect::<Vec<_>>()));
    view! {
        <Ready>
            <section class="intro">
                <h1 tabindex="-1">{field(process, |p| p.0.clone())}</h1>
                <p>{field(process, |p| p.1.clone())}</p>
                <p class="actions">
                    <a class="button" href="/neu">{move || i18n.t().start_cta_idea}</a>
                    <a class="button button-secondary" href="/punkte">
                        {move || count(u32::from(process.with(|p| p.as_ref().map_or(0, |p| p.2))), i18n.t().start_cta_dots)}
                    </a>
                </p>
                <p class="phase-line">{move || phase_line(i18n.t(), i18n.lang().code(), phase.get())}</p>
            </section>
            <section aria-labelledby="themen-ueberschrift">
                <h2 id="themen-ueberschrift">{move || i18n.t().themes_heading}</h2>
                <ul class="cards">
                    <For each=move || themes.get().unwrap_or_default() key=|id| *id let:id>
                        <ThemeCard id/>
                    </For>
                </ul>
            </section>
            {crate::lazy::timeline()}
            <p><a href="/prozesse">{move || i18n.t().archive_link}</a></p>
        </Ready>
    }
}

#[component]
fn ThemeCard(id: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let theme = use_sync().pick(move |_, o| o.theme(id).cloned());
    let ideas = field(theme, |t| t.idea_count);
    let points = field(theme, |t| t.dot_points);
    let retired = field(theme, |t| t.retired);
    view! {
        <li class="card">
            <h3>
                <a href=format!("/themen/{id}")>{field(theme, |t| t.title.clone())}</a>
                <Show when=move || retired().unwrap_or(false)>
                    <span class="badge">{move || i18n.t().theme_retired}</span>
                </Show>
            </h3>
            <p>{field(theme, |t| t.description.clone())}</p>
            <p class="meta">
                <span class="idea-count">{move || count(ideas().unwrap_or(0), i18n.t().ideas)}</span>
                " · "
                <span class="dot-count">{move || count(points().unwrap_or(0), i18n.t().points)}</span>
            </p>
        </li>
    }
}

/// "Aktuelle Phase: Ideensammlung (bis 30.6.2027)"; empty without phases.
fn phase_line(t: &crate::i18n::Texts, lang: &str, phase: Option<Option<(String, i64)>>) -> String {
    match phase.flatten() {
        Some((title, ends_at)) => fill(
            t.phase_line,
            &[
                ("t", &title),
                ("d", &crate::components::gates::last_day(ends_at, lang)),
            ],
        ),
        None => String::new(),
    }
}

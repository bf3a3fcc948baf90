//! The projects (`/projekte`): by field of action, filtered by status, each with the progress of
//! its milestones. From the replica: readable offline once synced. Every field of action and
//! every card follows only what it shows.

use crate::components::follow::use_projects;
use crate::components::status::Ready;
use crate::i18n::projects::prt;
use crate::i18n::{fill, use_i18n};
use crate::platform;
use crate::sync::{field, use_sync};
use leptos::prelude::*;
use werkstadt_domain::projects::{ProjectRecord, ProjectStatus};
use werkstadt_domain::{ProjectId, ThemeId};

/// Milestones done and in all.
pub fn progress(p: &ProjectRecord) -> (usize, usize) {
    let done = p.milestones.iter().filter(|m| m.done_on.is_some()).count();
    (done, p.milestones.len())
}

/// "2 von 3 Meilensteinen erreicht" with a bar (the bar repeats the text: hidden from screen
/// readers).
#[component]
pub fn Progress(done: Signal<usize>, total: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="meta">{move || if total.get() == 0 {
            prt(i18n).no_milestones.to_owned()
        } else {
            fill(prt(i18n).progress, &[("n", &done.get().to_string()), ("m", &total.get().to_string())])
        }}</p>
        <Show when=move || total.get() != 0>
            <progress aria-hidden="true" max=move || total.get() value=move || done.get()></progress>
        </Show>
    }
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    use_projects();
    Effect::new(move |_| platform::set_document_title(prt(i18n).heading));
    let status = RwSignal::new(None::<ProjectStatus>);
    let shown = move |p: &ProjectRecord| status.get().is_none_or(|s| p.status == s);
    // The fields of action with projects shown, in their order.
    let themes = sync.pick(move |r, o| {
        Some(
            o.themes()
                .iter()
                .filter(|t| r.projects.iter().any(|p| p.theme_id == t.id && shown(p)))
                .map(|t| t.id)
                .collect::<Vec<_>>(),
        )
    });
    let on_change = move |ev| {
        status.set(ProjectStatus::parse(&event_target_value(&ev)));
    };
    view! {
        <Ready>
            <h1 tabindex="-1">{move || prt(i18n).heading}</h1>
            <p>{move || prt(i18n).intro}</p>
            <div class="form field filter">
                <label for="projekt-status">{move || prt(i18n).filter_status}</label>
                <select id="projekt-status" on:change=on_change>
                    <option value="">{move || prt(i18n).filter_all}</option>
                    {ProjectStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str()>{move || prt(i18n).status(s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || themes.with(|t| t.as_ref().is_none_or(Vec::is_empty))>
                <p class="notice">{move || prt(i18n).none}</p>
            </Show>
            <For each=move || themes.get().unwrap_or_default() key=|t| *t let:theme>
                <ThemeProjects theme status/>
            </For>
        </Ready>
    }
}

/// One field of action's projects.
#[component]
fn ThemeProjects(theme: ThemeId, status: RwSignal<Option<ProjectStatus>>) -> impl IntoView {
    let sync = use_sync();
    let title = sync.pick(move |_, o| o.theme(theme).map(|t| t.title.clone()));
    let projects = sync.pick(move |r, _| {
        Some(
            r.projects
                .iter()
                .filter(|p| p.theme_id == theme && status.get().is_none_or(|s| p.status == s))
                .map(|p| p.id)
                .collect::<Vec<_>>(),
        )
    });
    let heading = format!("projekte-{theme}");
    view! {
        <section class="project-group" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{move || title.get().unwrap_or_default()}</h2>
            <ul class="cards">
                <For each=move || projects.get().unwrap_or_default() key=|p| *p let:id>
                    <ProjectCard id/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn ProjectCard(id: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let card = sync.pick(move |r, _| {
        r.project(id).map(|p| {
            (
                p.title.clone(),
                p.status,
                p.responsible.clone(),
                progress(p),
            )
        })
    });
    let done = Signal::derive(move || card.with(|c| c.as_ref().map_or(0, |c| c.3 .0)));
    let total = Signal::derive(move || card.with(|c| c.as_ref().map_or(0, |c| c.3 .1)));
    view! {
        <li class="card project-card">
            <h3><a href=format!("/projekte/{id}")>{field(card, |c| c.0.clone())}</a></h3>
            <p class="meta">
                <span class="badge">{move || card.with(|c| c.as_ref().map(|c| prt(i18n).status(c.1)))}</span>
                " · "{field(card, |c| c.2.clone())}
            </p>
            <Progress done total/>
        </li>
    }
}

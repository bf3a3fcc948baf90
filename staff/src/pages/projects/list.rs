//! The projects of the current process: title, field of action, status and milestones done,
//! each with a button that opens it; and the button for a new project.

use super::texts::{pt, texts_of};
use super::{Loaded, Open};
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::projects::ProjectStatus;
use werkstadt_domain::ProjectId;

/// One line of the list.
#[derive(Clone)]
struct Row {
    id: ProjectId,
    updated_at: i64,
    title: String,
    theme: String,
    status: ProjectStatus,
    done: usize,
    total: usize,
}

fn rows(d: &Loaded) -> Vec<Row> {
    d.projects
        .iter()
        .map(|p| Row {
            id: p.id,
            updated_at: p.updated_at,
            title: p.title.clone(),
            theme: d.theme_title(p.theme_id),
            status: p.status,
            done: p.milestones.iter().filter(|m| m.done_on.is_some()).count(),
            total: p.milestones.len(),
        })
        .collect()
}

#[component]
pub fn List(
    data: Memo<Option<Loaded>>,
    open: RwSignal<Open>,
    choose: Callback<Open>,
) -> impl IntoView {
    let all = move || data.with(|d| d.as_ref().map(rows).unwrap_or_default());
    let empty = Memo::new(move |_| data.with(|d| d.as_ref().is_none_or(|d| d.projects.is_empty())));
    view! {
        <section aria-labelledby="projekte-liste">
            <h2 id="projekte-liste">{pt(|t| t.list_caption)}</h2>
            <Show when=move || !empty.get()
                fallback=|| view! { <p class="notice">{pt(|t| t.list_empty)}</p> }>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="projekte-liste">
                    <table class="audit project-list">
                        <thead><tr>
                            <th scope="col">{pt(|t| t.col_title)}</th>
                            <th scope="col">{pt(|t| t.col_theme)}</th>
                            <th scope="col">{pt(|t| t.col_status)}</th>
                            <th scope="col">{pt(|t| t.col_milestones)}</th>
                            <th scope="col">{pt(|t| t.col_actions)}</th>
                        </tr></thead>
                        <tbody>
                            <For each=all key=|r| (r.id, r.updated_at) let:r>
                                <ProjectRow r=r open choose/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
            <p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| choose.run(Open::New)>{pt(|t| t.new_project)}</button>
                " "
                <button type="button" class="button button-secondary"
                    on:click=move |_| choose.run(Open::IdeaDecisions)>{pt(|t| t.idea_decisions_open)}</button>
            </p>
        </section>
    }
}

#[component]
fn ProjectRow(r: Row, open: RwSignal<Open>, choose: Callback<Open>) -> impl IntoView {
    let i18n = use_i18n();
    let Row {
        id,
        title,
        theme,
        status,
        done,
        total,
        ..
    } = r;
    let named = title.clone();
    let current = move || (open.get() == Open::Project(id)).then_some("true");
    view! {
        <tr class="project-row" data-id=id.to_string() aria-current=current>
            <th scope="row">{title}</th>
            <td>{theme}</td>
            <td>{move || texts_of(i18n).status(status)}</td>
            <td>{move || fill(texts_of(i18n).milestones_of, &done.to_string(), &total.to_string())}</td>
            <td>
                <button type="button" class="button button-secondary"
                    aria-label=move || fill(texts_of(i18n).edit_named, &named, "")
                    on:click=move |_| choose.run(Open::Project(id))>{pt(|t| t.edit)}</button>
            </td>
        </tr>
    }
}

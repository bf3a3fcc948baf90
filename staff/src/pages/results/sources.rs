//! Ideas and projects of the process as options: the projects and the published ideas (the
//! newest 500, as the moderation queue lists them) in one select, grouped and narrowed by
//! words of their title; the chosen one is added as an option under its title (which staff
//! may still change). Ideas and projects already among the options are not offered again.

use super::texts::{rt, texts_of};
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::api::ProcessThemes;
use werkstadt_domain::matrix::OptionSource;
use werkstadt_domain::moderation::{IdeaStatus, QueueQuery};
use werkstadt_domain::ProcessId;
use werkstadt_web::http::ClientError;

/// An idea or project that can become an option.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    source: OptionSource,
    title: String,
}

impl Choice {
    /// The select's value for it.
    fn key(&self) -> String {
        match self.source {
            OptionSource::Idea(id) => format!("idee-{id}"),
            OptionSource::Project(id) => format!("projekt-{id}"),
            OptionSource::Text => String::new(),
        }
    }
}

/// The projects of `process`, then its published ideas.
async fn load(process: ProcessId) -> Result<Vec<Choice>, ClientError> {
    let themes = crate::api::get::<ProcessThemes>(&format!("/api/processes/{process}"))
        .await?
        .themes;
    let mut out: Vec<Choice> = crate::api::projects()
        .await?
        .into_iter()
        .filter(|p| p.process_id == process)
        .map(|p| Choice {
            source: OptionSource::Project(p.id),
            title: p.title,
        })
        .collect();
    let published = QueueQuery {
        status: Some(IdeaStatus::Published),
        ..QueueQuery::default()
    };
    let ideas = crate::api::queue(&published).await?.0.items;
    out.extend(
        ideas
            .into_iter()
            .filter(|i| themes.iter().any(|t| t.id == i.theme_id))
            .map(|i| Choice {
                source: OptionSource::Idea(i.id),
                title: i.title,
            }),
    );
    Ok(out)
}

/// Whether every word of `filter` is in `title` (case-insensitive).
fn matches(title: &str, filter: &str) -> bool {
    let title = title.to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| title.contains(w))
}

#[component]
pub fn SourcePicker(
    process: ProcessId,
    /// The sources of the options so far (not offered again).
    #[prop(into)]
    taken: Signal<Vec<OptionSource>>,
    /// Adds an option for the source, under its title.
    add: Callback<(OptionSource, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = RwSignal::new(Vec::<Choice>::new());
    let filter = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        match load(process).await {
            Ok(list) => all.set(list),
            Err(e) => said.set(super::texts::outcome::<()>(i18n, &Err(e), "")),
        }
    });
    let offered = move |projects: bool| {
        let f = filter.get();
        let taken = taken.get();
        all.with(|all| {
            all.iter()
                .filter(|c| matches!(c.source, OptionSource::Project(_)) == projects)
                .filter(|c| !taken.contains(&c.source) && matches(&c.title, &f))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let group = move |projects: bool| {
        move || {
            offered(projects)
                .into_iter()
                .map(|c| {
                    let key = c.key();
                    view! { <option value=key>{c.title}</option> }
                })
                .collect_view()
        }
    };
    let none = move || offered(true).is_empty() && offered(false).is_empty();
    let on_add = move |_| {
        let key = chosen.get_untracked();
        let Some(c) = all.with_untracked(|all| all.iter().find(|c| c.key() == key).cloned()) else {
            return;
        };
        chosen.set(String::new());
        said.set(fill(texts_of(i18n).sources_added, &c.title, ""));
        add.run((c.source, c.title));
    };
    view! {
        <fieldset class="matrix-sources">
            <legend>{rt(|t| t.sources_legend)}</legend>
            <div class="field">
                <label for="matrix-quelle-filter">{rt(|t| t.sources_filter)}</label>
                <input id="matrix-quelle-filter" type="search" prop:value=move || filter.get()
                    on:input=move |ev| {
                        chosen.set(String::new());
                        filter.set(event_target_value(&ev));
                    }/>
            </div>
            <div class="field">
                <label for="matrix-quelle">{rt(|t| t.sources_pick)}</label>
                <select id="matrix-quelle" prop:value=move || chosen.get()
                    on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{rt(|t| t.sources_choose)}</option>
                    <optgroup label=rt(|t| t.sources_projects)>{group(true)}</optgroup>
                    <optgroup label=rt(|t| t.sources_ideas)>{group(false)}</optgroup>
                </select>
            </div>
            <Show when=none>
                <p class="hint">{rt(|t| t.sources_none)}</p>
            </Show>
            <button type="button" class="button button-secondary" on:click=on_add
                disabled=move || chosen.with(String::is_empty)>{rt(|t| t.sources_add)}</button>
            <p role="status" class="form-status">{move || said.get()}</p>
        </fieldset>
    }
}

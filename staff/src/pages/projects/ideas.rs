//! Choosing a project's source ideas: the published ideas of the process that belong to no
//! other project, as checkboxes, filtered by words of their title or text (chosen ones stay
//! in view).

use super::texts::{pt, texts_of};
use super::Loaded;
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::{IdeaId, ProjectId};

/// One idea that can be chosen.
#[derive(Clone)]
struct Choice {
    id: IdeaId,
    title: String,
    theme: String,
    supports: u32,
}

/// Whether every word of `filter` is in `text` (case-insensitive).
fn matches(text: &str, filter: &str) -> bool {
    let text = text.to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| text.contains(w))
}

#[component]
pub fn IdeaPicker(
    data: Memo<Option<Loaded>>,
    chosen: RwSignal<Vec<IdeaId>>,
    project: Option<ProjectId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let choices = move || {
        let f = filter.get();
        let picked = chosen.get();
        data.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            d.ideas
                .iter()
                .filter(|i| i.project_id.is_none() || i.project_id == project)
                .filter(|i| {
                    picked.contains(&i.id) || matches(&format!("{} {}", i.title, i.body), &f)
                })
                .map(|i| Choice {
                    id: i.id,
                    title: i.title.clone(),
                    theme: d.theme_title(i.theme_id),
                    supports: i.support_count,
                })
                .collect::<Vec<_>>()
        })
    };
    let none = move || choices().is_empty();
    let toggle = move |id: IdeaId, on: bool| {
        chosen.update(|c| {
            c.retain(|x| *x != id);
            if on {
                c.push(id);
            }
        });
    };
    view! {
        <fieldset class="idea-picker">
            <legend>{pt(|t| t.ideas_legend)}</legend>
            <div class="field">
                <label for="projekt-ideen-filter">{pt(|t| t.ideas_filter)}</label>
                <input id="projekt-ideen-filter" type="search" aria-describedby="projekt-ideen-zahl"
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            </div>
            <p id="projekt-ideen-zahl" class="hint" aria-live="polite">
                {move || fill(texts_of(i18n).ideas_chosen, &chosen.with(Vec::len).to_string(), "")}
            </p>
            <ul class="idea-choices">
                <For each=choices key=|c| c.id let:c>
                    {
                        let id = c.id;
                        let fid = format!("projekt-idee-{id}");
                        let label_for = fid.clone();
                        let supports = c.supports.to_string();
                        view! {
                            <li>
                                <label class="check" for=label_for>
                                    <input type="checkbox" id=fid
                                        prop:checked=move || chosen.with(|x| x.contains(&id))
                                        on:change=move |ev| toggle(id, event_target_checked(&ev))/>
                                    <span>
                                        {c.title}
                                        <span class="meta">
                                            {format!(" ({} · ", c.theme)}
                                            {move || fill(texts_of(i18n).idea_supports, &supports, "")}
                                            ")"
                                        </span>
                                    </span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=none>
                <p class="notice">{pt(|t| t.ideas_none)}</p>
            </Show>
        </fieldset>
    }
}

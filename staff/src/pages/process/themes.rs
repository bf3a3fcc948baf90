//! A process's fields of action: edit title and description, retire, reorder, add.

use super::texts::{pt, texts_of};
use super::{outcome, Reload, Status};
use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::texts::section_texts;
use leptos::prelude::*;
use werkstadt_domain::api::ThemeSummary;
use werkstadt_domain::setup::{ThemeDraft, ThemeOrder};
use werkstadt_domain::{ProcessId, ThemeId};

#[component]
pub fn Themes(process: ProcessId, themes: Vec<ThemeSummary>, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let order: Vec<ThemeId> = themes.iter().map(|t| t.id).collect();
    let order = StoredValue::new(order);
    let msg = Status::of("themes");
    // Swaps the theme at `i` with its neighbour `i + 1`.
    let swap = move |i: usize| {
        let Some(csrf) = desk.csrf() else { return };
        let mut ids = order.get_value();
        if i + 1 >= ids.len() {
            return;
        }
        ids.swap(i, i + 1);
        leptos::task::spawn_local(async move {
            let r = crate::api::order_themes(process, &ThemeOrder { theme_ids: ids }, &csrf).await;
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, section_texts(i18n).saved));
            if ok {
                reload.run(Some(process));
            }
        });
    };
    let count = themes.len();
    let new_title = RwSignal::new(String::new());
    let new_description = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let draft = ThemeDraft {
            title: new_title.get_untracked(),
            description: new_description.get_untracked(),
            retired: false,
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::add_theme(process, &draft, &csrf).await;
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, section_texts(i18n).saved));
            if ok {
                reload.run(Some(process));
            }
        });
    };
    view! {
        <section aria-labelledby="handlungsfelder">
            <h2 id="handlungsfelder">{pt(|t| t.themes_heading)}</h2>
            <ol class="setup-list">
                {themes.into_iter().enumerate().map(|(i, t)| {
                    let title = t.title.clone();
                    view! {
                        <li>
                            <ThemeRow theme=t reload process/>
                            <span class="row-actions">
                                {(i > 0).then(|| {
                                    let title = title.clone();
                                    view! {
                                        <button type="button" class="button button-secondary"
                                            aria-label=move || fill(texts_of(i18n).theme_up, &title, "")
                                            on:click=move |_| swap(i - 1)>"↑"</button>
                                    }
                                })}
                                {(i + 1 < count).then(|| view! {
                                    <button type="button" class="button button-secondary"
                                        aria-label=move || fill(texts_of(i18n).theme_down, &title, "")
                                        on:click=move |_| swap(i)>"↓"</button>
                                })}
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <form class="form" on:submit=add>
                <h3>{pt(|t| t.theme_new)}</h3>
                <div class="field">
                    <label for="feld-neu-titel">{pt(|t| t.theme_title)}</label>
                    <input id="feld-neu-titel" type="text" required
                        prop:value=move || new_title.get() on:input=move |ev| new_title.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="feld-neu-text">{pt(|t| t.theme_description)}</label>
                    <textarea id="feld-neu-text" rows="2" prop:value=move || new_description.get()
                        on:input=move |ev| new_description.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">{pt(|t| t.theme_add)}</button>
            </form>
            <p role="status">{move || msg.get()}</p>
        </section>
    }
}

/// One field of action as a small form of its own.
#[component]
fn ThemeRow(theme: ThemeSummary, process: ProcessId, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = theme.id;
    let title = RwSignal::new(theme.title);
    let description = RwSignal::new(theme.description);
    let retired = RwSignal::new(theme.retired);
    let msg = Status::of(format!("theme-{id}"));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let draft = ThemeDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            retired: retired.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::edit_theme(id, &draft, &csrf).await;
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, section_texts(i18n).saved));
            if ok {
                reload.run(Some(process));
            }
        });
    };
    let field_id = |what: &str| format!("feld-{id}-{what}");
    view! {
        <form class="form theme-row" on:submit=save>
            <div class="field">
                <label for=field_id("titel")>{pt(|t| t.theme_title)}</label>
                <input id=field_id("titel") type="text" required
                    prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=field_id("text")>{pt(|t| t.theme_description)}</label>
                <textarea id=field_id("text") rows="2" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <label class="check" for=field_id("ruhend")>
                <input type="checkbox" id=field_id("ruhend") prop:checked=move || retired.get()
                    on:change=move |ev| retired.set(event_target_checked(&ev))/>
                {pt(|t| t.theme_retired)}
            </label>
            <button type="submit" class="button">{tr(|t| t.save)}</button>
            <p role="status">{move || msg.get()}</p>
        </form>
    }
}

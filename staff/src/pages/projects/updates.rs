//! A project's updates ("Neuigkeiten"), newest first, and posting one (dated by the server,
//! no author name).

use super::texts::{outcome, pt, texts_of};
use super::{Open, Reload};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::projects::{ProjectRecord, UpdateDraft};
use werkstadt_domain::ProjectId;
use werkstadt_web::format_date;

#[component]
pub fn Updates(
    id: ProjectId,
    record: Memo<Option<ProjectRecord>>,
    reload: Reload,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let all = move || {
        let mut list = record.with(|r| r.as_ref().map(|r| r.updates.clone()).unwrap_or_default());
        list.reverse();
        list
    };
    let none = move || record.with(|r| r.as_ref().is_none_or(|r| r.updates.is_empty()));
    let text = RwSignal::new(String::new());
    let msg = Status::of("updates");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let draft = UpdateDraft {
            text: text.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::add_update(id, &draft, &csrf).await;
            msg.set(outcome(i18n, &r, texts_of(i18n).update_added));
            if r.is_ok() {
                text.set(String::new());
                reload.run(Open::Project(id));
            }
        });
    };
    view! {
        <section aria-labelledby="projekt-neuigkeiten">
            <h2 id="projekt-neuigkeiten">{pt(|t| t.updates)}</h2>
            <Show when=none>
                <p>{pt(|t| t.updates_none)}</p>
            </Show>
            <ol class="updates">
                <For each=all key=|u| u.id let:u>
                    <li class="update">
                        <p class="meta">{move || fill(texts_of(i18n).update_at, &format_date(u.at, i18n.lang().code()), "")}</p>
                        <p class="idea-body">{u.text}</p>
                    </li>
                </For>
            </ol>
            <form class="form" on:submit=add>
                <div class="field">
                    <label for="neuigkeit-text">{pt(|t| t.update_text)}</label>
                    <textarea id="neuigkeit-text" rows="4" required prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">{pt(|t| t.update_add)}</button>
                <p role="status" class="form-status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

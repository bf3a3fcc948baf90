//! Deleting a project recorded by mistake, after a confirmation. A project given up is set to
//! "verworfen" instead: it stays visible with its history.

use super::texts::{outcome, pt, texts_of};
use super::{Open, Reload};
use crate::desk::use_desk;
use crate::i18n::use_i18n;
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::ProjectId;

/// The key of the page's status line that says a project was deleted.
pub const DELETED: &str = "deleted";

#[component]
pub fn DeleteProject(id: ProjectId, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let asking = RwSignal::new(false);
    let msg = Status::of("delete");
    // Said on the page, not here: this part closes with the project.
    let done = Status::of(DELETED);
    let confirm = move |_| {
        let Some(csrf) = desk.csrf() else { return };
        leptos::task::spawn_local(async move {
            let r = crate::api::delete_project(id, &csrf).await;
            if r.is_ok() {
                done.set(texts_of(i18n).deleted.to_owned());
                reload.run(Open::Nothing);
            } else {
                msg.set(outcome(i18n, &r, ""));
            }
        });
    };
    view! {
        <section aria-labelledby="projekt-loeschen">
            <h2 id="projekt-loeschen">{pt(|t| t.delete_heading)}</h2>
            <p>{pt(|t| t.delete_hint)}</p>
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button button-secondary"
                    on:click=move |_| asking.set(true)>{pt(|t| t.delete)}</button>
            }>
                <p role="alert">{pt(|t| t.delete_confirm)}</p>
                <div class="actions">
                    <button type="button" class="button button-danger" on:click=confirm>
                        {pt(|t| t.delete_yes)}</button>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| asking.set(false)>{pt(|t| t.cancel)}</button>
                </div>
            </Show>
            <p role="status" class="form-status">{move || msg.get()}</p>
        </section>
    }
}

//! The desk's rarer notices, loaded lazily with the action panels (only when there is one to
//! show): decisions other moderators left waiting on this device, and decisions the server
//! did not apply.

use super::texts::{api_error, section_texts, st};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;

/// "3 decisions by anna wait on this device until anna signs in again", with a button that
/// discards them.
#[component]
pub fn OthersWaiting() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    move || {
        desk.waiting_others()
            .into_iter()
            .map(|(name, n)| {
                let s = section_texts(i18n);
                let text = fill(s.others_waiting, &n.to_string(), &name);
                let label = fill(s.discard_others, &n.to_string(), &name);
                view! {
                    <p class="notice others-waiting">
                        {text}" "
                        <button type="button" class="button button-secondary"
                            on:click=move |_| desk.discard_from(&name)>
                            {label}
                        </button>
                    </p>
                }
            })
            .collect_view()
    }
}

/// The decisions the server did not apply, each with why and a button that dismisses it.
#[component]
pub fn Failures() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    view! {
        <section class="rejected" aria-labelledby="nicht-uebernommen">
            <h2 id="nicht-uebernommen">{st(|t| t.not_applied)}</h2>
            <ul>
                {move || desk.failures.get().into_iter().map(|f| {
                    let id = f.id;
                    let (code, message) = (f.code, f.message);
                    view! {
                        <li class="notice notice-error">
                            <strong>{f.label}</strong>": "
                            {move || api_error(i18n, code, &message)}" "
                            <button type="button" class="button button-secondary"
                                on:click=move |_| desk.dismiss(id)>
                                {st(|t| t.dismiss)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

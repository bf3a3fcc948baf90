//! One module per section.

pub mod audit;
pub mod comments;
pub mod desk_notices;
pub mod ideas;
pub mod login;
pub mod process;
pub mod projects;
pub mod reports;
pub mod results;
pub mod settings;
pub mod status;
pub mod texts;
pub mod workshops;

use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;

#[component]
pub fn AdminsOnly() -> impl IntoView {
    view! { <p class="notice">{tr(|t| t.admins_only)}</p> }
}

/// A localised date and time.
pub fn when(unix_ms: i64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64));
    date.to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// A reason field with its validation message; `Some(reason)` when valid.
pub fn checked_reason(reason: RwSignal<String>, error: RwSignal<bool>) -> Option<String> {
    use werkstadt_domain::moderation::Decision;
    let r = reason.get_untracked();
    let ok = Decision::Reject { reason: r.clone() }.validate().is_ok();
    error.set(!ok);
    ok.then(|| r.trim().to_owned())
}

/// A reason (or answer) field with its validation message; the message's id is `{id}-fehler`.
#[component]
pub fn ReasonField(
    id: String,
    label: fn(&'static crate::i18n::Texts) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<bool>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let err_id = format!("{id}-fehler");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <textarea id=id rows=rows aria-invalid=move || error.get().to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <p id=err_id class="field-error">{move || error.get().then(|| i18n.t().reason_required)}</p>
        </div>
    }
}

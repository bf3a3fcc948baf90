//! Settings: for admins the process (moderation mode, verified-only voting), participation
//! code sheets and the team's accounts (`accounts`); for every staff member their own
//! password.

mod accounts;

use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::texts::{section_texts, st};
use leptos::prelude::*;
use werkstadt_domain::codes::{NewCodes, VerificationSetting};
use werkstadt_domain::moderation::{ModerationMode, ModerationSetting};
use werkstadt_web::http::ClientError;

/// The text of an answer to a write, for the status line next to the form.
pub(crate) fn outcome(i18n: crate::i18n::I18n, r: Result<(), ClientError>, done: &str) -> String {
    match r {
        Ok(()) => done.to_owned(),
        Err(e) => crate::pages::texts::client_error(i18n, &e),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let desk = use_desk();
    view! {
        <Show when=move || desk.is_admin()
            fallback=|| view! { <h1 tabindex="-1">{tr(|t| t.nav_settings)}</h1> }>
            <ProcessSettings/>
            <Codes/>
            <accounts::Team/>
        </Show>
        <accounts::OwnPassword/>
    }
}

/// Moderation mode and verified-only voting (admins).
#[component]
fn ProcessSettings() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let mode = RwSignal::new(None::<ModerationMode>);
    let verified = RwSignal::new(false);
    let mode_msg = RwSignal::new(String::new());
    let verified_msg = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        if let Ok((p, _)) = crate::api::process().await {
            mode.set(Some(p.process.moderation));
            verified.set(p.process.verified_only);
        }
    });
    let save_mode = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(m), Some(csrf)) = (mode.get_untracked(), desk.csrf()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_mode(&ModerationSetting { mode: m }, &csrf).await;
            mode_msg.set(outcome(i18n, r, section_texts(i18n).saved));
        });
    };
    let save_verified = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let s = VerificationSetting {
            verified_only: verified.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_verification(&s, &csrf).await;
            verified_msg.set(outcome(i18n, r, section_texts(i18n).saved));
        });
    };
    let radio =
        move |m: ModerationMode,
              id: &'static str,
              text: fn(&'static crate::pages::texts::SectionTexts) -> &'static str| {
            view! {
                <label class="check" for=id>
                    <input type="radio" name="modus" id=id prop:checked=move || mode.get() == Some(m)
                        on:change=move |_| mode.set(Some(m))/>
                    {move || text(section_texts(i18n))}
                </label>
            }
        };
    view! {
        <h1 tabindex="-1">{st(|t| t.settings_heading)}</h1>
        <form class="form" on:submit=save_mode>
            <fieldset>
                <legend>{st(|t| t.mode_legend)}</legend>
                {radio(ModerationMode::Pre, "modus-vorab", |t| t.mode_pre)}
                {radio(ModerationMode::Post, "modus-nachher", |t| t.mode_post)}
            </fieldset>
            <button type="submit" class="button" id="modus-speichern">{tr(|t| t.save)}</button>
            <p role="status">{move || mode_msg.get()}</p>
        </form>
        <form class="form" on:submit=save_verified>
            <fieldset>
                <legend>{st(|t| t.verified_legend)}</legend>
                <label class="check" for="nur-verifiziert">
                    <input type="checkbox" id="nur-verifiziert" prop:checked=move || verified.get()
                        on:change=move |ev| verified.set(event_target_checked(&ev))/>
                    {st(|t| t.verified_only)}
                </label>
            </fieldset>
            <button type="submit" class="button">{tr(|t| t.save)}</button>
            <p role="status">{move || verified_msg.get()}</p>
        </form>
    }
}

/// Opens an HTML document (the code sheet) in a new window, from memory.
fn open_html(html: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(html));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/html");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    if let (Ok(url), Some(w)) = (
        web_sys::Url::create_object_url_with_blob(&blob),
        web_sys::window(),
    ) {
        let _ = w.open_with_url_and_target(&url, "_blank");
        // The window has loaded it by then; free the memory.
        werkstadt_web::after(60_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
    }
}

#[component]
fn Codes() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let count = RwSignal::new(String::from("20"));
    let label = RwSignal::new(String::new());
    let msg = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = NewCodes {
            count: count.get_untracked().trim().parse().unwrap_or(0),
            label: label.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let n = req.count;
            let r = crate::api::code_sheet(&req, &csrf)
                .await
                .map(|html| open_html(&html));
            msg.set(outcome(
                i18n,
                r,
                &fill(section_texts(i18n).codes_created, &n.to_string(), ""),
            ));
        });
    };
    view! {
        <section aria-labelledby="codes-titel">
            <h2 id="codes-titel">{st(|t| t.codes_heading)}</h2>
            <p>{st(|t| t.codes_intro)}</p>
            <form class="form" on:submit=submit>
                <div class="field">
                    <label for="codes-anzahl">{st(|t| t.codes_count)}</label>
                    <input id="codes-anzahl" type="number" min="1" max="500" required
                        prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="codes-bezeichnung">{st(|t| t.codes_label)}</label>
                    <input id="codes-bezeichnung" type="text" required maxlength="80"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{st(|t| t.codes_create)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

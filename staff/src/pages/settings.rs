//! Process settings (admins): moderation mode, verified-only voting, participation code
//! sheets, staff accounts.

use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::codes::{NewCodes, VerificationSetting};
use werkstadt_domain::moderation::{ModerationMode, ModerationSetting};
use werkstadt_domain::staff::{NewStaff, Role, StaffMember};
use werkstadt_web::http::ClientError;

/// The text of an answer to a write, for the status line next to the form.
fn outcome(t: &crate::i18n::Texts, r: Result<(), ClientError>, done: &str) -> String {
    match r {
        Ok(()) => done.to_owned(),
        Err(e) => t.client_error(&e),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
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
            mode_msg.set(outcome(i18n.t(), r, i18n.t().saved));
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
            verified_msg.set(outcome(i18n.t(), r, i18n.t().saved));
        });
    };
    let radio = move |m: ModerationMode,
                      id: &'static str,
                      text: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <label class="check" for=id>
                <input type="radio" name="modus" id=id prop:checked=move || mode.get() == Some(m)
                    on:change=move |_| mode.set(Some(m))/>
                {move || text(i18n.t())}
            </label>
        }
    };
    view! {
        <h1 tabindex="-1">{tr(|t| t.settings_heading)}</h1>
        <form class="form" on:submit=save_mode>
            <fieldset>
                <legend>{tr(|t| t.mode_legend)}</legend>
                {radio(ModerationMode::Pre, "modus-vorab", |t| t.mode_pre)}
                {radio(ModerationMode::Post, "modus-nachher", |t| t.mode_post)}
            </fieldset>
            <button type="submit" class="button" id="modus-speichern">{tr(|t| t.save)}</button>
            <p role="status">{move || mode_msg.get()}</p>
        </form>
        <form class="form" on:submit=save_verified>
            <fieldset>
                <legend>{tr(|t| t.verified_legend)}</legend>
                <label class="check" for="nur-verifiziert">
                    <input type="checkbox" id="nur-verifiziert" prop:checked=move || verified.get()
                        on:change=move |ev| verified.set(event_target_checked(&ev))/>
                    {tr(|t| t.verified_only)}
                </label>
            </fieldset>
            <button type="submit" class="button">{tr(|t| t.save)}</button>
            <p role="status">{move || verified_msg.get()}</p>
        </form>
        <Codes/>
        <Staff/>
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
                i18n.t(),
                r,
                &fill(i18n.t().codes_created, &n.to_string(), ""),
            ));
        });
    };
    view! {
        <section aria-labelledby="codes-titel">
            <h2 id="codes-titel">{tr(|t| t.codes_heading)}</h2>
            <p>{tr(|t| t.codes_intro)}</p>
            <form class="form" on:submit=submit>
                <div class="field">
                    <label for="codes-anzahl">{tr(|t| t.codes_count)}</label>
                    <input id="codes-anzahl" type="number" min="1" max="500" required
                        prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="codes-bezeichnung">{tr(|t| t.codes_label)}</label>
                    <input id="codes-bezeichnung" type="text" required maxlength="80"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{tr(|t| t.codes_create)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

#[component]
fn Staff() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let members = RwSignal::new(Vec::<StaffMember>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::api::staff_list().await {
                members.set(list);
            }
        })
    };
    reload();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Moderator);
    let msg = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = NewStaff {
            username: name.get_untracked(),
            password: password.get_untracked(),
            role: role.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::create_staff(&req, &csrf).await;
            if r.is_ok() {
                name.set(String::new());
                password.set(String::new());
                reload();
            }
            msg.set(outcome(i18n.t(), r, i18n.t().staff_created));
        });
    };
    view! {
        <section aria-labelledby="team-titel">
            <h2 id="team-titel">{tr(|t| t.staff_heading)}</h2>
            <ul>
                {move || members.get().into_iter().map(|m| {
                    let role = m.role;
                    view! { <li>{m.username.clone()}" – "{move || i18n.t().role(role)}</li> }
                }).collect_view()}
            </ul>
            <form class="form" on:submit=submit>
                <h3>{tr(|t| t.new_staff)}</h3>
                <div class="field">
                    <label for="team-name">{tr(|t| t.username)}</label>
                    <input id="team-name" type="text" required autocomplete="off"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="team-passwort">{tr(|t| t.password)}</label>
                    <input id="team-passwort" type="password" required autocomplete="new-password" minlength="12"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="team-rolle">{tr(|t| t.role)}</label>
                    <select id="team-rolle" on:change=move |ev| {
                        role.set(if event_target_value(&ev) == "admin" { Role::Admin } else { Role::Moderator })
                    }>
                        <option value="moderator">{tr(|t| t.role_moderator)}</option>
                        <option value="admin">{tr(|t| t.role_admin)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{tr(|t| t.create)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

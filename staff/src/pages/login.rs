//! Sign-in for staff.

use crate::desk::use_desk;
use crate::i18n::{tr, use_i18n};
use crate::pages::texts::{section_texts, st};
use leptos::prelude::*;
use werkstadt_domain::staff::LoginRequest;
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let req = LoginRequest {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            // A sign-out made offline ends on the server first (it needs the old cookie).
            crate::desk::finish_sign_out().await;
            let outcome = crate::api::login(&req).await;
            busy.set(false);
            match outcome {
                Ok((s, text)) => {
                    password.set(String::new());
                    error.set(None);
                    // Last: signing in replaces this page (and disposes its signals).
                    desk.signed_in(s, &text);
                    crate::router::focus_main();
                }
                Err(ClientError::Network) => {
                    error.set(Some(section_texts(i18n).offline_login.into()))
                }
                Err(ClientError::Api(b)) if b.code == ErrorCode::InvalidCredentials => {
                    error.set(Some(section_texts(i18n).login_failed.into()))
                }
                Err(e) => error.set(Some(crate::pages::texts::client_error(i18n, &e))),
            }
        });
    };
    view! {
        <h1 tabindex="-1">{st(|t| t.login_heading)}</h1>
        <p>{st(|t| t.login_intro)}</p>
        <form class="form" on:submit=on_submit>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            <div class="field">
                <label for="login-name">{tr(|t| t.username)}</label>
                <input id="login-name" name="username" type="text" required autocomplete="username"
                    autocapitalize="none" spellcheck="false"
                    prop:value=move || username.get()
                    on:input=move |ev| username.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="login-password">{tr(|t| t.password)}</label>
                <input id="login-password" name="password" type="password" required
                    autocomplete="current-password"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" disabled=move || busy.get()>
                {st(|t| t.sign_in)}
            </button>
        </form>
    }
}

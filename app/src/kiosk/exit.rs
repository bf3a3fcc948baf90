//! The team's way out: a small button, then the PIN set at pairing (checked by the server,
//! so it needs a connection). The device stays paired; `/kiosk` opens the kiosk again.

use super::store::Booth;
use super::texts::kt;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use werkstadt_domain::kiosk::KioskExit;

#[component]
pub fn ExitButton(booth: Booth, exiting: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let router = crate::router::use_route();
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let close = move || {
        exiting.set(false);
        pin.set(String::new());
        error.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = crate::platform::http::to_json(&KioskExit {
            pin: pin.get_untracked(),
        });
        leptos::task::spawn_local(async move {
            match booth.request("POST", "/api/kiosk/exit", body, None).await {
                Ok(_) => {
                    close();
                    router.navigate("/");
                }
                // Revoked: the kiosk page forgets the kiosk and shows the pairing screen.
                Err(crate::platform::http::ClientError::Api(b))
                    if b.code == werkstadt_domain::ErrorCode::KioskRevoked =>
                {
                    close();
                }
                Err(e) => {
                    pin.set(String::new());
                    error.set(Some(match e {
                        crate::platform::http::ClientError::Api(_) => kt(i18n).error(&e),
                        _ => kt(i18n).exit_offline,
                    }));
                }
            }
        });
    };
    view! {
        <button type="button" class="kiosk-exit" on:click=move |_| exiting.set(true)>
            {move || kt(i18n).exit}
        </button>
        {move || exiting.get().then(|| view! {
            <div class="kiosk-countdown" role="dialog" aria-labelledby="kiosk-exit-heading">
                <form class="kiosk-form" on:submit=submit>
                    <h2 id="kiosk-exit-heading">{move || kt(i18n).exit_heading}</h2>
                    <label for="kiosk-exit-pin">{move || kt(i18n).exit_pin}</label>
                    <input id="kiosk-exit-pin" type="password" inputmode="numeric" autocomplete="off"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                    {move || error.get().map(|e| view! { <p class="kiosk-error" role="alert">{e}</p> })}
                    <button type="submit" class="kiosk-button">{move || kt(i18n).exit_confirm}</button>
                    <button type="button" class="kiosk-small" on:click=move |_| close()>
                        {move || kt(i18n).cancel}
                    </button>
                </form>
            </div>
        })}
    }
}

//! The team's way out: a small button, then the PIN set at pairing. The server checks it
//! whenever it answers; without a connection the verifier kept on the device since pairing
//! does (`store::pin_matches_here`). The device stays paired; `/kiosk` opens the kiosk again.

use super::store::Booth;
use super::texts::kt;
use crate::i18n::use_i18n;
use crate::platform::http::ClientError;
use leptos::prelude::*;
use werkstadt_domain::kiosk::KioskExit;
use werkstadt_domain::ErrorCode;

/// An answer that is not the server's judgement of the PIN (it is busy or failing).
fn unavailable(e: &ClientError) -> bool {
    matches!(e, ClientError::Api(b) if matches!(b.code, ErrorCode::Busy | ErrorCode::Internal | ErrorCode::Unknown))
}

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
    // Closed from outside too (back/forward starts the visit over): no digits stay typed.
    Effect::new(move |_| {
        if !exiting.get() {
            pin.set(String::new());
            error.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = crate::platform::http::to_json(&KioskExit {
            pin: pin.get_untracked(),
        });
        let typed = pin.get_untracked();
        leptos::task::spawn_local(async move {
            let refused = match booth.request("POST", "/api/kiosk/exit", body, None).await {
                Ok(_) => None,
                // Revoked: the kiosk page forgets the kiosk and shows the pairing screen.
                Err(ClientError::Api(b)) if b.code == ErrorCode::KioskRevoked => {
                    close();
                    return;
                }
                // The server decides whenever it answers.
                Err(e @ ClientError::Api(_)) if !unavailable(&e) => Some(kt(i18n).error(&e)),
                // No server: the PIN's verifier kept on the device decides.
                Err(_) => match super::store::pin_matches_here(&typed).await {
                    Some(true) => None,
                    Some(false) => Some(kt(i18n).err_wrong_pin),
                    None => Some(kt(i18n).exit_offline),
                },
            };
            match refused {
                None => {
                    close();
                    router.navigate("/");
                }
                Some(text) => {
                    pin.set(String::new());
                    error.set(Some(text));
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

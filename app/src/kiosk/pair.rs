//! Setting a device up as a kiosk: the pairing code from the staff app and the exit PIN.

use super::store::{self, Credential};
use super::texts::kt;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn PairScreen(paired: RwSignal<Option<Credential>>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let (c, p) = (code.get_untracked(), pin.get_untracked());
        leptos::task::spawn_local(async move {
            match store::pair(c, p).await {
                Ok(credential) => paired.set(Some(credential)),
                Err(e) => error.set(Some(kt(i18n).error(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <h1 class="kiosk-h1">{move || kt(i18n).pair_heading}</h1>
        <p class="kiosk-lead">{move || kt(i18n).pair_intro}</p>
        <form class="kiosk-form" on:submit=submit>
            <label for="kiosk-code">{move || kt(i18n).pair_code}</label>
            <input id="kiosk-code" type="text" autocomplete="off" autocapitalize="characters"
                spellcheck="false" required
                prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            <label for="kiosk-pin">{move || kt(i18n).pair_pin}</label>
            <input id="kiosk-pin" type="password" inputmode="numeric" autocomplete="off" required
                aria-describedby="kiosk-pin-hint"
                prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
            <p id="kiosk-pin-hint" class="kiosk-hint">{move || kt(i18n).pair_pin_hint}</p>
            {move || error.get().map(|e| view! { <p class="kiosk-error" role="alert">{e}</p> })}
            <button type="submit" class="kiosk-button" disabled=move || busy.get()>
                {move || kt(i18n).pair_submit}
            </button>
        </form>
    }
}

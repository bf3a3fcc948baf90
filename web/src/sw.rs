//! The service worker: registration, and noticing when a new release is waiting.
//!
//! A new release installs in the background but never takes over by itself (that could mix
//! the js and wasm of two releases). The app shows a banner; on "reload" it tells the waiting
//! worker to activate and reloads once the new worker controls the page.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// `true` while a new release waits for the user's go.
#[derive(Clone, Copy)]
pub struct Update(pub RwSignal<bool>);

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Not every browser (or context) has service workers: the app works without.
    js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)
        .map(|_| nav.service_worker())
}

fn controlled() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Registers `/sw.js` and watches for a waiting release.
pub fn register(update: Update) {
    let Some(sw) = container() else { return };
    let promise = sw.register("/sw.js");
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && controlled() {
            update.0.set(true);
        }
        let reg2 = reg.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    update.0.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Activates the waiting release and reloads the page when it has taken over. The waiting
/// worker is looked up now, not remembered: a worker seen earlier may have been superseded.
pub fn activate() {
    let Some(c) = container() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    c.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    leptos::task::spawn_local(async move {
        // The new worker may still be finishing its install, or be superseded by a newer one:
        // ask whichever waits, again every half second, until the page changes hands (the
        // reload above ends this loop).
        for _ in 0..40 {
            let lookup = c.get_registration();
            let reg = wasm_bindgen_futures::JsFuture::from(lookup).await.ok();
            let reg = reg
                .as_ref()
                .and_then(|r| r.dyn_ref::<ServiceWorkerRegistration>());
            if let Some(next) = reg.and_then(|r| r.waiting().or_else(|| r.installing())) {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(
                    &msg,
                    &JsValue::from_str("type"),
                    &JsValue::from_str("SKIP_WAITING"),
                );
                let _ = next.post_message(&msg);
            }
            super::sleep(500).await;
        }
        // Nothing took over in 20 s: reload anyway, the user asked for it (the page then
        // starts with whichever release is active and offers a waiting one again).
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
}

/// Asks the active service worker to keep the staff app of this release for offline use
/// (citizens' phones never download it).
pub fn cache_staff_app() {
    let Some(c) = container() else { return };
    let Ok(ready) = c.ready() else { return };
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if let Some(active) = reg.active() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &msg,
                &JsValue::from_str("type"),
                &JsValue::from_str("CACHE_STAFF"),
            );
            let _ = active.post_message(&msg);
        }
    });
}

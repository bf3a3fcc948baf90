//! The service worker: registration, and noticing when a new release is waiting.
//!
//! A new release installs in the background but never takes over by itself (that could mix
//! the js and wasm of two releases). The app shows a banner; on "reload" it tells the waiting
//! worker to activate and reloads once the new worker controls the page.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// `Some(worker)` while a new release waits for the user's go.
#[derive(Clone, Copy)]
pub struct Update(pub RwSignal<Option<SendWorker>>);

/// The waiting worker (JS objects stay on the one browser thread).
#[derive(Clone)]
pub struct SendWorker(send_wrapper::SendWrapper<ServiceWorker>);

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Not every browser (or context) has service workers: the app works without.
    js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)
        .map(|_| nav.service_worker())
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
        watch(&reg, update);
    });
}

fn watch(reg: &ServiceWorkerRegistration, update: Update) {
    let has_controller = container().and_then(|c| c.controller()).is_some();
    if let (Some(waiting), true) = (reg.waiting(), has_controller) {
        update
            .0
            .set(Some(SendWorker(send_wrapper::SendWrapper::new(waiting))));
    }
    let reg2 = reg.clone();
    let on_update = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = reg2.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn Fn()>::new(move || {
            let controlled = container().and_then(|c| c.controller()).is_some();
            if worker.state() == ServiceWorkerState::Installed && controlled {
                update.0.set(Some(SendWorker(send_wrapper::SendWrapper::new(
                    worker.clone(),
                ))));
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
    on_update.forget();
}

/// Activates the waiting release and reloads the page when it has taken over.
pub fn activate(worker: &SendWorker) {
    if let Some(c) = container() {
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        c.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &msg,
        &JsValue::from_str("type"),
        &JsValue::from_str("SKIP_WAITING"),
    );
    let _ = worker.0.post_message(&msg);
}

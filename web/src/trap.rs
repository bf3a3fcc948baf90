//! A trap is not a frozen page. The web apps are built with `panic=immediate-abort`: a panic
//! (or any other trap) aborts the wasm code where it stands, and nothing it was doing finishes.
//! Each app's page carries a hidden notice in German and English with a reload link (plain
//! HTML in `public/*.html`, so it is there even when the wasm trapped while starting; its
//! `target="_self"` keeps the app's router from taking the click); this watcher shows it when
//! the browser reports an uncaught `WebAssembly.RuntimeError`, from an event handler or from
//! an async task.
//!
//! What runs after a trap is kept to a minimum: one attribute removed from one element, no
//! Rust allocation, no reactive code (the reactive system may be mid-update).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The id of the element to show after a trap.
pub const NOTICE_ID: &str = "absturz";

fn is_trap(error: &JsValue) -> bool {
    error.is_instance_of::<js_sys::WebAssembly::RuntimeError>()
}

fn show_notice() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(NOTICE_ID))
    {
        let _ = el.remove_attribute("hidden");
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Starts watching for traps; call once, first thing at start.
pub fn watch() {
    let Some(w) = web_sys::window() else { return };
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(|ev: web_sys::ErrorEvent| {
        if is_trap(&ev.error()) {
            show_notice();
        }
    });
    let on_rejection = Closure::<dyn Fn(web_sys::PromiseRejectionEvent)>::new(
        |ev: web_sys::PromiseRejectionEvent| {
            if is_trap(&ev.reason()) {
                show_notice();
            }
        },
    );
    let _ = w.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback(
        "unhandledrejection",
        on_rejection.as_ref().unchecked_ref(),
    );
    // The listeners live as long as the page.
    on_error.forget();
    on_rejection.forget();
}

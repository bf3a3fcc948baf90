//! No way out of the kiosk by browser navigation: back and forward lead to the kiosk again
//! (the booth screen starts the visit over), and the site's chrome is hidden by `kiosk.css` (no link to follow;
//! the kiosk's own screens have none). Leaving the browser itself is the device's kiosk mode's
//! job. The listener goes with the kiosk page.

use leptos::prelude::*;

const HOME: &str = "/kiosk";

/// Puts the kiosk back whenever the history moves while the calling component lives. The
/// router has seen the move first; going to the kiosk again before anything is drawn keeps
/// the visitor on it.
pub fn lock_navigation() {
    let router = crate::router::use_route();
    // One entry of our own to go "back" to (not through the router: the kiosk is shown).
    if let Ok(h) = window().history() {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(HOME));
    }
    let pop = window_event_listener(leptos::ev::popstate, move |_| router.navigate(HOME));
    on_cleanup(move || pop.remove());
}

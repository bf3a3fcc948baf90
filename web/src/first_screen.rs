//! The first screen the server drew into a deep link's page (`#vorschau`, see the server's
//! `http::first_screen`): shown until the app's own page stands, then removed. The citizen
//! stylesheet hides the app's nodes while it is there.

use wasm_bindgen::JsCast;

/// Removes the server's first screen, if the page has one: the app's page shows instead. A
/// keyboard focus inside it moves to the app's content (`#inhalt`), not back to the start.
pub fn hand_over() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(screen) = doc.get_element_by_id("vorschau") else {
        return;
    };
    let focused = doc
        .active_element()
        .is_some_and(|a| screen.contains(Some(&a)));
    screen.remove();
    if focused {
        if let Some(main) = doc
            .get_element_by_id("inhalt")
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    }
}

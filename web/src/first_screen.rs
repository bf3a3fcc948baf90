//! The first screen the server drew into a deep link's page (`#vorschau`, see the server's
//! `http::first_screen`): shown until the app's own page stands, then removed. The citizen
//! stylesheet hides the app's nodes while it is there.

/// Removes the server's first screen, if the page has one: the app's page shows instead.
pub fn hand_over() {
    if let Some(screen) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("vorschau"))
    {
        screen.remove();
    }
}

//! Where the page is: leptos_router's location provider (`BrowserUrl`), under both apps'
//! tables of routes (`app/src/router.rs`, `staff/src/router.rs`).
//!
//! The library turns a click on a same-origin link into a history entry without a reload, as
//! it does for its own router: not with a modifier key or another mouse button, not for a
//! link with a `target`, `download` or `rel="external"`, not for one outside the app's base
//! path. It follows back and forward, and parses the path and the (percent-decoded) query.
//! The `<Router>`/`<Routes>` components themselves are not used: measured, they add 10–26 KiB
//! to the first route (README, *Routing*); each app matches the URL against its own table.

use leptos::prelude::*;
pub use leptos_router::location::Url;
use leptos_router::location::{BrowserUrl, LocationProvider};
use wasm_bindgen::JsValue;

/// The page's location: the current URL as a signal, and navigation.
#[derive(Clone, Copy)]
pub struct Location(StoredValue<BrowserUrl>);

impl Location {
    /// Starts following link clicks and the history under `base` (`""`: the whole origin).
    pub fn start(base: &'static str) -> Option<Self> {
        let provider = BrowserUrl::new().ok()?;
        provider.init((!base.is_empty()).then_some(base.into()));
        // A link click's history entry is written once the new URL is shown.
        let url = provider.as_url().clone();
        let shown = provider.clone();
        Effect::new(move |_| {
            url.track();
            shown.ready_to_complete();
        });
        Some(Self(StoredValue::new(provider)))
    }

    /// Reads the current URL (tracked).
    pub fn with<T>(self, f: impl FnOnce(&Url) -> T) -> T {
        self.0.with_value(|p| p.as_url().with(f))
    }

    /// Goes to `href` (same origin) and records it in the history.
    pub fn navigate(self, href: &str) {
        self.go(href, false);
    }

    /// Goes to `href` in place of the current entry of the history.
    pub fn replace(self, href: &str) {
        self.go(href, true);
    }

    fn go(self, href: &str, replace: bool) {
        let Ok(url) = BrowserUrl::parse(href) else {
            return;
        };
        // Written here rather than by the provider (which unwraps): a browser that refuses
        // a history write (some limit them per second) keeps the app running.
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(href))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(href))
            };
        }
        self.0.with_value(|p| p.as_url().set(url));
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

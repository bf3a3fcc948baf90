//! A small client-side router: the app's routes as an enum, the current one in a signal.
//!
//! Same-origin link clicks are turned into `history.pushState` (no reload), back/forward
//! (`popstate`) updates the signal. Written instead of using `leptos_router`: measured with
//! `FlatRoutes`, that crate adds 26.5 KiB (brotli) to the first route, which would then exceed
//! its 150 KiB budget; our routes are few and flat (see the README, *Routing*).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Start,
    Theme(ThemeId),
    Idea(IdeaId),
    /// The new-idea form, optionally with a theme preselected (`/neu?thema=…`).
    NewIdea(Option<ThemeId>),
    Dots,
    Results,
    /// Redeeming a participation code, optionally filled in (`/code?c=…`).
    Code(Option<String>),
    /// Taking out or deleting one's data; `true` right after a deletion.
    MyData(bool),
    /// The processes: the current one and the archive (`/prozesse`), or one of them.
    Processes(Option<ProcessId>),
    /// The projects (`/projekte`), or one of them.
    Projects(Option<ProjectId>),
    /// What happened to what the participant follows (`/neuigkeiten`).
    News,
    /// The kiosk for a shared touch screen at a workshop (`kiosk`): no site chrome.
    Kiosk,
    /// Joining a workshop (`/mitmachen/{code}`, the QR code's target; `/mitmachen` to type it)
    /// and its results wall (`/wand/{code or id}`): the path, read by the lazily loaded page.
    Workshop(String),
    /// A page that crashes the app on purpose, for the browser tests (`pages::crash`).
    CrashTest,
    NotFound,
}

impl Route {
    pub fn parse(path: &str, search: &str) -> Self {
        let segments: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        match segments.as_slice() {
            [] => Route::Start,
            ["themen", id] => id.parse().map_or(Route::NotFound, Route::Theme),
            ["ideen", id] => id.parse().map_or(Route::NotFound, Route::Idea),
            ["neu"] => Route::NewIdea(query_param(search, "thema").and_then(|v| v.parse().ok())),
            ["punkte"] => Route::Dots,
            ["ergebnisse"] => Route::Results,
            // The QR code of a participation code opens `/code?c=…`.
            ["code"] => Route::Code(query_param(search, "c")),
            ["prozesse"] => Route::Processes(None),
            ["prozesse", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Processes(Some(id))),
            ["projekte"] => Route::Projects(None),
            ["projekte", id] => id
                .parse()
                .map_or(Route::NotFound, |id| Route::Projects(Some(id))),
            ["neuigkeiten"] => Route::News,
            ["mitmachen"] | ["mitmachen", _] | ["wand", _] => Route::Workshop(path.to_owned()),
            ["meine-daten"] => Route::MyData(search.contains("geloescht")),
            ["kiosk"] => Route::Kiosk,
            ["__test", "absturz"] => Route::CrashTest,
            _ => Route::NotFound,
        }
    }

    /// The top-level section a route belongs to (for `aria-current` in the navigation).
    pub fn section(&self) -> &'static str {
        match self {
            Route::Start
            | Route::Theme(_)
            | Route::Idea(_)
            | Route::Code(_)
            | Route::MyData(_)
            | Route::Processes(_)
            | Route::Workshop(_)
            | Route::CrashTest
            | Route::Kiosk
            | Route::NotFound => "/",
            Route::NewIdea(_) => "/neu",
            Route::Dots => "/punkte",
            Route::Results => "/ergebnisse",
            Route::Projects(_) => "/projekte",
            Route::News => "/neuigkeiten",
        }
    }
}

fn query_param(search: &str, key: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_owned())
}

#[derive(Clone, Copy)]
pub struct Router(RwSignal<Route>);

pub fn use_route() -> Router {
    expect_context::<Router>()
}

impl Router {
    pub fn get(self) -> Route {
        self.0.get()
    }

    /// Goes to `href` (same origin) and records it in the history.
    pub fn navigate(self, href: &str) {
        if let Some(w) = web_sys::window() {
            if let Ok(h) = w.history() {
                let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
            }
        }
        self.sync();
        scroll_to_top();
    }

    fn sync(self) {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let route = Route::parse(
            &loc.pathname().unwrap_or_default(),
            &loc.search().unwrap_or_default(),
        );
        self.0.set(route);
    }
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The same-origin path of a clicked link that the router should handle, if any.
fn link_target(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let el: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let a: web_sys::HtmlAnchorElement = el.closest("a[href]").ok()??.dyn_into().ok()?;
    if !a.target().is_empty() || a.has_attribute("download") {
        return None;
    }
    let raw = a.get_attribute("href")?;
    if raw.starts_with('#') {
        return None;
    }
    let origin = web_sys::window()?.location().origin().ok()?;
    let url = web_sys::Url::new(&a.href()).ok()?;
    // Files (the privacy page, downloads) are real navigations, not app routes.
    let path = url.pathname();
    let file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    (url.origin() == origin && !path.starts_with("/api/") && !file)
        .then(|| format!("{path}{}", url.search()))
}

/// Creates the router, provides it as context and starts listening to clicks and history.
pub fn provide_router() -> Router {
    let router = Router(RwSignal::new(Route::Start));
    router.sync();
    provide_context(router);
    if let Some(w) = web_sys::window() {
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                if let Some(href) = link_target(&ev) {
                    ev.prevent_default();
                    router.navigate(&href);
                }
            });
        let on_pop = Closure::<dyn Fn(web_sys::Event)>::new(move |_| router.sync());
        if let Some(doc) = w.document() {
            let _ =
                doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        }
        let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        // The listeners live as long as the page.
        on_click.forget();
        on_pop.forget();
    }
    router
}

//! The app's routes: one table (`Route::parse`) over the URL of leptos_router's location
//! provider (`werkstadt_web::location`), which handles link clicks, the history and the query
//! the way the library does. Links to files (the privacy page, downloads) carry
//! `rel="external"`, so the browser loads them. See the README, *Routing*.

use leptos::prelude::*;
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};
use werkstadt_web::location::{Location, Url};

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
    pub fn parse(url: &Url) -> Self {
        let path = url.path();
        let query = url.search_params();
        let segments: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        match segments.as_slice() {
            [] => Route::Start,
            ["themen", id] => id.parse().map_or(Route::NotFound, Route::Theme),
            ["ideen", id] => id.parse().map_or(Route::NotFound, Route::Idea),
            ["neu"] => Route::NewIdea(query.get_str("thema").and_then(|v| v.parse().ok())),
            ["punkte"] => Route::Dots,
            ["ergebnisse"] => Route::Results,
            // The QR code of a participation code opens `/code?c=…`.
            ["code"] => Route::Code(query.get("c")),
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
            ["meine-daten"] => Route::MyData(query.get_str("geloescht").is_some()),
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

/// The current route, and navigation.
#[derive(Clone, Copy)]
pub struct Router {
    route: Memo<Route>,
    location: Option<Location>,
}

pub fn use_route() -> Router {
    expect_context::<Router>()
}

impl Router {
    pub fn get(self) -> Route {
        self.route.get()
    }

    /// Goes to `href` (same origin) and records it in the history.
    pub fn navigate(self, href: &str) {
        if let Some(location) = self.location {
            location.navigate(href);
        }
    }
}

/// Creates the router and provides it as context.
pub fn provide_router() -> Router {
    let location = Location::start("");
    let route = Memo::new(move |_| location.map_or(Route::Start, |l| l.with(Route::parse)));
    let router = Router { route, location };
    provide_context(router);
    router
}

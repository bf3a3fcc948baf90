//! A deep link's first screen, drawn by the server: `/themen/{id}` and `/ideen/{id}` answer the
//! app's page with the theme's first ideas or the idea's text already in it (`#vorschau`),
//! plus its title and description for link previews (a messenger, a search engine) and
//! readers without JavaScript.
//!
//! Why: the app draws these pages only after its code, the page's chunk and the first pull
//! arrived (Lighthouse mobile: LCP 2.4 s; start page 1.96 s). Drawn here, the text shows with
//! the page's first paint. The app starts hidden behind it (`#vorschau ~ *` in the citizen
//! stylesheet) and removes it once its own page stands (`werkstadt_web::first_screen`).
//!
//! Public data only: the current process's themes and published ideas, as `GET
//! /api/themes/{id}/ideas` and the feed give them to anyone. Anything else (an
//! unknown id, a theme of another process, an idea waiting for moderation) gets the plain page.
//! A device whose service worker runs gets its cached page instead, and draws from its replica.

mod markup;

use crate::storage::{Store, StoreError};
use std::path::Path;
use werkstadt_domain::api::{IdeaListQuery, IdeaSort};
use werkstadt_domain::{IdeaId, ThemeId};

/// The app's page (`index.html` in `dist`) for `path` with its first screen in it, or `None`
/// for the plain page. Other routes cost nothing: the page is read only for a first screen.
pub async fn page(store: &Store, dist: &Path, path: &str) -> Option<String> {
    let screen = match route(path)? {
        Deep::Theme(id) => theme(store, id).await?,
        Deep::Idea(id) => idea(store, id).await?,
    };
    let template = tokio::fs::read_to_string(dist.join("index.html"))
        .await
        .ok()?;
    markup::insert(&template, &screen)
}

enum Deep {
    Theme(ThemeId),
    Idea(IdeaId),
}

/// The routes with a first screen, read as the app's router reads them (`app/src/router.rs`).
fn route(path: &str) -> Option<Deep> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["themen", id] => id.parse().ok().map(Deep::Theme),
        ["ideen", id] => id.parse().ok().map(Deep::Idea),
        _ => None,
    }
}

async fn theme(store: &Store, id: ThemeId) -> Option<markup::Screen> {
    let overview = found(store.process_overview().await)?;
    let theme = overview.themes.into_iter().find(|t| t.id == id)?;
    let query = IdeaListQuery {
        sort: IdeaSort::Support,
        page: Some(1),
        per_page: None,
    };
    let page = found(store.ideas_page(id, query).await)?;
    Some(markup::theme(&theme, &page))
}

async fn idea(store: &Store, id: IdeaId) -> Option<markup::Screen> {
    // As the feed has it: the same support count and official answer the app shows.
    let idea = found(store.published_idea(id).await)?;
    // Only ideas of the current process: the app's replica knows no others.
    let overview = found(store.process_overview().await)?;
    let theme = overview.themes.iter().find(|t| t.id == idea.theme_id)?;
    Some(markup::idea(&idea, &theme.title))
}

/// What was read; nothing for an unknown id (the plain page, whose app says "not found"), and
/// nothing but a log line when the database failed (the plain page still works).
fn found<T>(read: Result<T, StoreError>) -> Option<T> {
    match read {
        Ok(value) => Some(value),
        Err(StoreError::NoProcess | StoreError::UnknownTheme | StoreError::UnknownIdea) => None,
        Err(error) => {
            tracing::warn!(%error, "a deep link's first screen could not be read");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{route, Deep};

    #[test]
    fn reads_the_deep_links_as_the_app_does() {
        let id = "01a22e3d-51ba-72c2-b6e0-cf95774f13da";
        assert!(matches!(
            route(&format!("/themen/{id}")),
            Some(Deep::Theme(_))
        ));
        assert!(matches!(
            route(&format!("/themen/{id}/")),
            Some(Deep::Theme(_))
        ));
        assert!(matches!(
            route(&format!("/ideen/{id}")),
            Some(Deep::Idea(_))
        ));
        assert!(route("/themen/kein-uuid").is_none());
        assert!(route(&format!("/projekte/{id}")).is_none());
        assert!(route("/").is_none());
    }
}

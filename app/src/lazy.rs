//! Pages that load lazily: each split point below becomes a wasm chunk of its own
//! (`cargo xtask dist` splits them off; see `xtask/src/split.rs`), fetched the first time its
//! route opens — from the service worker's cache when offline. The start page stays in the
//! main module: it is the first screen.
//!
//! The split points are `fallible`: a chunk that cannot be fetched (offline before the service
//! worker had it) is an error the page shows with a retry button, not a trap of the whole app.

use crate::components::status::Loading;
use crate::i18n::use_i18n;
use crate::pages;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};

/// A page's chunk could not be loaded.
#[derive(Clone, Copy, Debug)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

type Page = Result<AnyView, ChunkError>;

/// The pages of the lazily loaded parts, by route. Few split points keep the chunks few: code
/// two split points share goes into a shared chunk, and every chunk costs its own overhead.
#[derive(Clone)]
pub enum Lazy {
    Theme(ThemeId),
    Idea(IdeaId),
    NewIdea(Option<ThemeId>),
    Dots,
    Results,
    Code(Option<String>),
    MyData(bool),
    Processes(Option<ProcessId>),
    Projects(Option<ProjectId>),
    News,
    Kiosk,
    Workshop(String),
    /// Parts of pages: the start page's timeline, the notice of refused changes, the unread
    /// count of the news in the navigation.
    Timeline,
    Rejected,
    NewsBadge,
}

/// Taking part: a theme's ideas, an idea, the new-idea form; the start page's timeline (so the
/// chunk arrives right after the first screen, and these pages then open without waiting).
#[wasm_split(participate_pages, fallible, wasm_split_path = ::leptos::wasm_split)]
fn participate(page: Lazy) -> Page {
    Ok(match page {
        Lazy::Theme(id) => view! { <pages::theme::ThemePage id/> }.into_any(),
        Lazy::Idea(id) => view! { <pages::idea::IdeaPage id/> }.into_any(),
        Lazy::NewIdea(theme) => view! { <pages::new_idea::NewIdeaPage theme/> }.into_any(),
        Lazy::Timeline => view! { <crate::components::timeline::Timeline/> }.into_any(),
        // `show` sends the other pages to `follow` and `more`.
        _ => view! { <pages::not_found::NotFoundPage/> }.into_any(),
    })
}

/// Following: the projects, one project, the news and the unread count in the navigation (for
/// someone who follows something). A chunk of its own, so the theme and idea pages a citizen
/// opens first do not wait for the project code.
#[wasm_split(follow_pages, fallible, wasm_split_path = ::leptos::wasm_split)]
fn follow(page: Lazy) -> Page {
    Ok(match page {
        Lazy::Projects(None) => view! { <pages::projects::ProjectsPage/> }.into_any(),
        Lazy::Projects(Some(id)) => view! { <pages::project::ProjectPage id/> }.into_any(),
        Lazy::News => view! { <pages::news::NewsPage/> }.into_any(),
        Lazy::NewsBadge => view! { <pages::news::NewsBadge/> }.into_any(),
        _ => view! { <pages::not_found::NotFoundPage/> }.into_any(),
    })
}

/// Everything else: dots, results, codes, one's own data, the processes, the kiosk; the
/// notice of refused changes.
#[wasm_split(more_pages, fallible, wasm_split_path = ::leptos::wasm_split)]
fn more(page: Lazy) -> Page {
    Ok(match page {
        Lazy::Dots => view! { <pages::dots::DotsPage/> }.into_any(),
        Lazy::Results => view! { <pages::results::ResultsPage/> }.into_any(),
        Lazy::Code(code) => view! { <pages::code::CodePage code/> }.into_any(),
        Lazy::MyData(deleted) => view! { <pages::my_data::MyDataPage deleted/> }.into_any(),
        Lazy::Processes(None) => view! { <pages::archive::ArchivePage/> }.into_any(),
        Lazy::Processes(Some(id)) => view! { <pages::archive::ProcessPage id/> }.into_any(),
        Lazy::Rejected => view! { <crate::components::rejected::RejectedNotice/> }.into_any(),
        Lazy::Kiosk => view! { <crate::kiosk::KioskPage/> }.into_any(),
        Lazy::Workshop(path) => pages::join::workshop_page(&path),
        _ => view! { <pages::not_found::NotFoundPage/> }.into_any(),
    })
}

/// The process's timeline on the start page, below the fields of action: in the chunk of the
/// participation pages, which a citizen on the start page opens next (so it is fetched once
/// the first screen stands, and the theme and idea pages then open without waiting). Nothing
/// shows before, or if it cannot be fetched: the start page names the current phase anyway.
pub fn timeline() -> AnyView {
    quiet(Lazy::Timeline)
}

/// The number of unread news, in the navigation: in the following chunk (with the news and the
/// project decoder it needs).
pub fn news_badge() -> AnyView {
    quiet(Lazy::NewsBadge)
}

/// The notice of refused changes: in the chunk of the other pages (rare: only after a
/// refusal).
pub fn rejected() -> AnyView {
    quiet(Lazy::Rejected)
}

/// A part of a page that loads lazily without a "loading" line or an error notice.
fn quiet(part: Lazy) -> AnyView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let part = part.clone();
                let loading = leptos::reactive::computed::ScopedFuture::new_untracked(async move {
                    match part {
                        Lazy::Timeline => participate(part).await,
                        Lazy::NewsBadge => follow(part).await,
                        _ => more(part).await,
                    }
                });
                Suspend::new(async move { loading.await.unwrap_or_else(|ChunkError| ().into_any()) })
            }}
        </Suspense>
    }
    .into_any()
}

/// Shows a lazily loaded page: "loading" while its chunk arrives, and if it cannot be
/// fetched, a notice with a button that tries again.
pub fn show(page: Lazy) -> AnyView {
    let i18n = use_i18n();
    crate::platform::use_stylesheet("seiten-css");
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                attempt.track();
                let page = page.clone();
                // The page is built while the future is polled: untracked, so a signal it reads
                // while being built does not build it again (losing what was typed).
                let loading = leptos::reactive::computed::ScopedFuture::new_untracked(async move {
                    match page {
                        Lazy::Theme(_) | Lazy::Idea(_) | Lazy::NewIdea(_) => {
                            participate(page).await
                        }
                        Lazy::Projects(_) | Lazy::News => follow(page).await,
                        _ => more(page).await,
                    }
                });
                Suspend::new(async move {
                    let loaded = loading.await;
                    match loaded {
                        Ok(page) => page,
                        Err(ChunkError) => {
                            // The notice and its button must be seen (not a first screen).
                            crate::platform::first_screen::hand_over();
                            view! {
                            <p class="notice notice-error" role="alert">
                                {move || i18n.t().err_page_load}
                            </p>
                            <button type="button" class="button"
                                on:click=move |_| attempt.update(|n| *n += 1)>
                                {move || i18n.t().retry}
                            </button>
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

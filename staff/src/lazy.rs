//! Sections that load lazily: everything but the idea queue (the first screen) is split into a
//! wasm chunk of its own (`cargo xtask dist`, `xtask/src/split.rs`), cached by the service
//! worker with the staff app. The split point is `fallible`: a chunk that cannot be fetched
//! shows a notice with a retry button instead of trapping the app.

use crate::i18n::tr;
use crate::pages;
use crate::pages::ideas::PanelOf;
use crate::router::Section;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

/// A section's chunk could not be loaded.
#[derive(Clone, Copy, Debug)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Comments, reports, projects, results (matrices, scoring sheets, exports), the audit log
/// and the settings; the sign-in page (`None`: a
/// moderator signs in once a session, the queue is what they open every time).
#[wasm_split(staff_sections, fallible, wasm_split_path = ::leptos::wasm_split)]
fn section(s: Option<Section>) -> Result<AnyView, ChunkError> {
    let Some(s) = s else {
        return Ok(view! { <pages::login::LoginPage/> }.into_any());
    };
    Ok(match s {
        Section::Comments => view! { <pages::comments::CommentsPage/> }.into_any(),
        Section::Reports => view! { <pages::reports::ReportsPage/> }.into_any(),
        Section::Audit => view! { <pages::audit::AuditPage/> }.into_any(),
        Section::Settings => view! { <pages::settings::SettingsPage/> }.into_any(),
        Section::Process => view! { <pages::process::ProcessPage/> }.into_any(),
        Section::Projects => view! { <pages::projects::ProjectsPage/> }.into_any(),
        Section::Workshops => view! { <pages::workshops::WorkshopsPage/> }.into_any(),
        Section::Results => view! { <pages::results::ResultsPage/> }.into_any(),
        Section::Ideas => view! { <pages::ideas::IdeasPage/> }.into_any(),
    })
}

/// What loads with the action panels.
pub(crate) enum Part {
    /// The panel of an action on an idea (reject, hide, move, merge, answer): the queue shows
    /// without them; they arrive with the first action opened.
    Panel(PanelOf),
    /// Decisions other moderators left waiting on this device (rare: a shared tablet).
    OthersWaiting,
    /// Decisions the server did not apply (rare).
    Failures,
}

#[wasm_split(staff_panels, fallible, wasm_split_path = ::leptos::wasm_split)]
fn load_part(part: Part) -> Result<AnyView, ChunkError> {
    use pages::desk_notices::{Failures, OthersWaiting};
    Ok(match part {
        Part::Panel(p) => pages::ideas::panel_view(p),
        Part::OthersWaiting => view! { <OthersWaiting/> }.into_any(),
        Part::Failures => view! { <Failures/> }.into_any(),
    })
}

/// A rarer notice of the desk, loaded lazily, without a "loading" line (nothing shows if its
/// chunk cannot be fetched: the desk bar still counts what waits).
pub fn desk_notice(make: fn() -> Part) -> AnyView {
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let loading = leptos::reactive::computed::ScopedFuture::new_untracked(load_part(make()));
                Suspend::new(async move { loading.await.unwrap_or_else(|ChunkError| ().into_any()) })
            }}
        </Suspense>
    }
    .into_any()
}

/// Shows a lazily loaded section.
pub fn show(s: Section) -> AnyView {
    suspended(move || section(Some(s)))
}

/// Shows the sign-in page, loaded lazily.
pub fn login() -> AnyView {
    suspended(move || section(None))
}

/// Shows an action's panel, loaded lazily.
pub fn panel(p: PanelOf) -> AnyView {
    let p = StoredValue::new(p);
    suspended(move || load_part(Part::Panel(p.get_value())))
}

/// "Loading" while a chunk arrives; if it cannot be fetched, a notice with a button that
/// tries again.
fn suspended<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, ChunkError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p role="status">{tr(|t| t.loading)}</p> }>
            {move || {
                attempt.track();
                // The page is built while the future is polled: untracked, so a signal it
                // reads while being built does not build it again (losing what was typed).
                let loading = leptos::reactive::computed::ScopedFuture::new_untracked(load());
                Suspend::new(async move {
                    match loading.await {
                        Ok(page) => page,
                        Err(ChunkError) => view! {
                            <p class="notice notice-error" role="alert">{tr(|t| t.err_page_load)}</p>
                            <button type="button" class="button"
                                on:click=move |_| attempt.update(|n| *n += 1)>{tr(|t| t.retry)}</button>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

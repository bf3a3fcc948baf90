//! Sections that load lazily: everything but the idea queue (the first screen) is split into a
//! wasm chunk of its own (`cargo xtask dist`, `xtask/src/split.rs`), cached by the service
//! worker with the staff app. The split point is `fallible`: a chunk that cannot be fetched
//! shows a notice with a retry button instead of trapping the app.

use crate::i18n::use_i18n;
use crate::pages;
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

/// Comments, reports, the audit log and the settings.
#[wasm_split(staff_sections, fallible, wasm_split_path = ::leptos::wasm_split)]
fn section(s: Section) -> Result<AnyView, ChunkError> {
    Ok(match s {
        Section::Comments => view! { <pages::comments::CommentsPage/> }.into_any(),
        Section::Reports => view! { <pages::reports::ReportsPage/> }.into_any(),
        Section::Audit => view! { <pages::audit::AuditPage/> }.into_any(),
        Section::Settings => view! { <pages::settings::SettingsPage/> }.into_any(),
        Section::Ideas => view! { <pages::ideas::IdeasPage/> }.into_any(),
    })
}

/// Shows a lazily loaded section: "loading" while its chunk arrives; if it cannot be fetched,
/// a notice with a button that tries again.
pub fn show(s: Section) -> AnyView {
    let t = use_i18n().t();
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=move || view! { <p role="status">{t.loading}</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match section(s).await {
                        Ok(page) => page,
                        Err(ChunkError) => view! {
                            <p class="notice notice-error" role="alert">{t.err_page_load}</p>
                            <button type="button" class="button"
                                on:click=move |_| attempt.update(|n| *n += 1)>{t.retry}</button>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

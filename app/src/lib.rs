//! werkstadt's web app: Leptos with client-side rendering, compiled to wasm32.
//!
//! One module per page under `pages/`, small components under `components/`, browser APIs
//! behind `platform/`, every UI string in `i18n`.

mod api;
mod components;
mod i18n;
mod pages;
mod platform;

use i18n::{I18n, Lang};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use platform::identity::Identity;
use wasm_bindgen::prelude::wasm_bindgen;

/// The device's participant identity, if the browser allowed creating one.
#[derive(Clone)]
pub struct Me(pub Option<Identity>);

pub fn use_me() -> Option<Identity> {
    expect_context::<Me>().0
}

#[component]
fn App() -> impl IntoView {
    let initial = platform::prefs::lang()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::De);
    let lang = RwSignal::new(initial);
    provide_context(I18n(lang));
    provide_context(Me(platform::identity::get_or_create().ok()));
    Effect::new(move |_| {
        let code = lang.get().code();
        platform::set_document_lang(code);
        platform::prefs::set_lang(code);
    });

    view! {
        <Router>
            <components::layout::Header/>
            <main id="inhalt" tabindex="-1">
                <Routes fallback=pages::not_found::NotFoundPage>
                    <Route path=path!("/") view=pages::start::StartPage/>
                    <Route path=path!("/themen/:id") view=pages::theme::ThemePage/>
                    <Route path=path!("/ideen/:id") view=pages::idea::IdeaPage/>
                    <Route path=path!("/neu") view=pages::new_idea::NewIdeaPage/>
                    <Route path=path!("/punkte") view=pages::dots::DotsPage/>
                    <Route path=path!("/ergebnisse") view=pages::results::ResultsPage/>
                </Routes>
            </main>
            <components::layout::Footer/>
        </Router>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

//! werkstadt's web app: Leptos with client-side rendering, compiled to wasm32.
//!
//! One module per page under `pages/`, small components under `components/`, browser APIs
//! behind `platform/`, every UI string in `i18n`.

mod api;
mod components;
mod i18n;
mod kiosk;
mod lazy;
mod pages;
mod router;
mod sync;

use i18n::{I18n, Lang};
use leptos::prelude::*;
use platform::identity::Identity;
use wasm_bindgen::prelude::wasm_bindgen;
/// Browser APIs: the `werkstadt-web` crate, shared with the staff app.
use werkstadt_web as platform;

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
    let me = platform::identity::get_or_create().ok();
    provide_context(Me(me.clone()));
    sync::Sync::start(me);
    let update = platform::sw::Update(RwSignal::new(false));
    provide_context(update);
    platform::sw::register(update);
    Effect::new(move |_| {
        let code = lang.get().code();
        platform::set_document_lang(code);
        platform::prefs::set_lang(code);
    });

    let router = router::provide_router();
    // A link followed in a deep link's first screen (the app handles the click): the new page
    // is the app's.
    Effect::new(move |first: Option<()>| {
        router.get();
        if first.is_some() {
            platform::first_screen::hand_over();
        }
    });
    let page = move || {
        use lazy::Lazy;
        use pages::*;
        use router::Route;
        match router.get() {
            Route::Start => view! { <start::StartPage/> }.into_any(),
            Route::Theme(id) => lazy::show(Lazy::Theme(id)),
            Route::Idea(id) => lazy::show(Lazy::Idea(id)),
            Route::NewIdea(theme) => lazy::show(Lazy::NewIdea(theme)),
            Route::Dots => lazy::show(Lazy::Dots),
            Route::Results => lazy::show(Lazy::Results),
            Route::Code(code) => lazy::show(Lazy::Code(code)),
            Route::MyData(deleted) => lazy::show(Lazy::MyData(deleted)),
            Route::Processes(id) => lazy::show(Lazy::Processes(id)),
            Route::Projects(id) => lazy::show(Lazy::Projects(id)),
            Route::News => lazy::show(Lazy::News),
            Route::Kiosk => lazy::show(Lazy::Kiosk),
            Route::Workshop(path) => lazy::show(Lazy::Workshop(path)),
            Route::CrashTest => view! { <crash::CrashPage/> }.into_any(),
            Route::NotFound => view! { <not_found::NotFoundPage/> }.into_any(),
        }
    };

    view! {
        <components::layout::Header/>
        <components::layout::SyncBar/>
        <main id="inhalt" tabindex="-1">{page}</main>
        <components::layout::Footer/>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    platform::trap::watch();
    leptos::mount::mount_to_body(App);
}

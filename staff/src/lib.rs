//! werkstadt's staff app (`/moderation`): the Digitalisierungsbüro curates ideas, comments and
//! reports, keeps the audit log and the process settings. A wasm bundle of its own (citizens
//! never download it), sharing the domain (with its `staff` feature) and the browser layer
//! (`werkstadt-web`) with the citizen app.

mod api;
mod desk;
mod i18n;
mod layout;
mod lazy;
mod pages;
mod router;

use i18n::{I18n, Lang};
use leptos::prelude::*;
use router::Section;
use wasm_bindgen::prelude::wasm_bindgen;

#[component]
fn App() -> impl IntoView {
    let initial = werkstadt_web::prefs::lang()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::De);
    let lang = RwSignal::new(initial);
    provide_context(I18n(lang));
    Effect::new(move |_| {
        let code = lang.get().code();
        werkstadt_web::set_document_lang(code);
        werkstadt_web::prefs::set_lang(code);
    });
    let desk = desk::Desk::start();
    let section = router::provide_router();
    werkstadt_web::sw::register(werkstadt_web::sw::Update(RwSignal::new(false)));
    werkstadt_web::sw::cache_staff_app();

    // Texts follow the language by themselves (`i18n::tr`): a switch redraws no page, and
    // open forms keep what was typed.
    // Memos: a session set again to the same state (a check with the server) redraws nothing.
    let signed_in = Memo::new(move |_| desk.session.with(Option::is_some));
    let role = Memo::new(move |_| desk.role());
    // What the signed-in person may see of the asked-for section: a DigitalSupporter lands
    // on the results (their scoring sheets) wherever they came in.
    let shown = Memo::new(move |_| section.get().for_role(role.get()));
    Effect::new(move |_| {
        let s = shown.get();
        if section.get_untracked() != s {
            router::replace(s);
        }
    });
    let page = move || {
        if !signed_in.get() {
            return lazy::login();
        }
        let s = shown.get();
        if !role.get().is_some_and(|r| s.open_to(r)) {
            return view! { <pages::AdminsOnly/> }.into_any();
        }
        match s {
            Section::Ideas => view! { <pages::ideas::IdeasPage/> }.into_any(),
            other => lazy::show(other),
        }
    };

    view! {
        <layout::Header/>
        <layout::DeskBar/>
        <main id="inhalt" tabindex="-1" class="staff-main">{page}</main>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    werkstadt_web::trap::watch();
    leptos::mount::mount_to_body(App);
}

//! `/__test/absturz`: a page whose button crashes the app (a wasm trap), so that the browser
//! tests can check a crash shows a notice with a reload link instead of a frozen page
//! (`platform::trap`). Harmless: it only ever crashes the app of whoever presses it.

use leptos::prelude::*;

#[component]
pub fn CrashPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">"Absturztest / crash test"</h1>
        <button type="button" class="button" on:click=|_| crash()>"Absturz auslösen"</button>
    }
}

fn crash() {
    panic!("a deliberate crash for the browser test");
}

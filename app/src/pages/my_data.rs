//! "Meine Daten": the participant takes out everything stored under their identity (a JSON
//! file) or deletes the identity for good. Both need the server, so online only.

use crate::components::status::outcome_view;
use crate::i18n::pages::pt;
use crate::i18n::{title_effect, use_i18n};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn MyDataPage(deleted: bool) -> impl IntoView {
    let i18n = use_i18n();
    title_effect(|t| t.my_data_title);
    let sync = crate::sync::use_sync();
    let me = crate::use_me();
    let exported = RwSignal::new(None);
    let erased = RwSignal::new(None);
    let confirming = RwSignal::new(false);
    let export = move |_| {
        let Some(who) = me.clone() else { return };
        leptos::task::spawn_local(async move {
            let got = platform::http::send("GET", "/api/me/data", &who).await;
            exported.set(Some(got.and_then(|json| {
                platform::download("werkstadt-meine-daten.json", &json, "application/json")
            })));
        });
    };
    let erase = move |_| {
        leptos::task::spawn_local(async move {
            match sync.delete_identity().await {
                // A fresh start: the app loads anew under a new, empty identity.
                Ok(()) => platform::load_page("/meine-daten?geloescht"),
                Err(e) => erased.set(Some(Err(e))),
            }
        });
    };
    view! {
        <h1 tabindex="-1">{move || i18n.t().my_data_title}</h1>
        <p class="notice notice-ok" role="status" hidden=!deleted>{move || i18n.t().my_data_deleted}</p>
        <p>{move || pt(i18n).my_data_intro} " "
            <a href="/datenschutz.html" rel="external">{move || i18n.t().privacy_link}</a></p>
        <h2>{move || pt(i18n).my_data_export}</h2>
        <p>{move || pt(i18n).my_data_export_text}</p>
        {outcome_view(exported, |t| t.my_data_exported)}
        <button type="button" class="button" on:click=export>{move || pt(i18n).my_data_export}</button>
        <h2>{move || pt(i18n).my_data_delete}</h2>
        <p>{move || pt(i18n).my_data_delete_text}</p>
        {outcome_view(erased, |t| t.my_data_deleted)}
        <button type="button" class="button" hidden=move || confirming.get()
            on:click=move |_| confirming.set(true)>{move || pt(i18n).my_data_delete}</button>
        <div role="group" hidden=move || !confirming.get()>
            <p><strong>{move || pt(i18n).my_data_confirm}</strong></p>
            <button type="button" class="button button-danger" on:click=erase>
                {move || pt(i18n).my_data_confirm_button}</button>
            " "
            <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>
                {move || pt(i18n).cancel}</button>
        </div>
    }
}

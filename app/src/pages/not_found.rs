use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 tabindex="-1">{move || i18n.t().not_found_heading}</h1>
        <p>{move || i18n.t().not_found_text}" "<a href="/">{move || i18n.t().nav_start}</a></p>
    }
}

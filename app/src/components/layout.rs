//! The frame around every page: skip link, header with navigation and language switch, footer.

use crate::i18n::use_i18n;
use crate::router::use_route;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let current = move |href: &'static str| (route.get().section() == href).then_some("page");
    let link = move |href: &'static str, text: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <li><a href=href aria-current=move || current(href)>{move || text(i18n.t())}</a></li>
        }
    };
    view! {
        <a class="skip-link" href="#inhalt">{move || i18n.t().skip_link}</a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">"werkstadt"</a>
                <span class="brand-tagline">{move || i18n.t().site_tagline}</span>
            </div>
            <button
                type="button"
                class="lang-switch"
                lang=move || i18n.lang().other().code()
                aria-label=move || i18n.t().lang_switch_label
                on:click=move |_| i18n.0.update(|l| *l = l.other())
            >
                {move || i18n.t().lang_switch}
            </button>
            <nav aria-label=move || i18n.t().nav_label>
                <ul>
                    {link("/", |t| t.nav_start)}
                    {link("/neu", |t| t.nav_new_idea)}
                    {link("/punkte", |t| t.nav_dots)}
                    {link("/ergebnisse", |t| t.nav_results)}
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! { <footer class="site-footer"><p>{move || i18n.t().footer}</p></footer> }
}

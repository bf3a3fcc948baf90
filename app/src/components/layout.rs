//! The frame around every page: skip link, header with navigation and language switch, footer.

use crate::i18n::use_i18n;
use crate::router::use_route;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let route = use_route();
    let sync = crate::sync::use_sync();
    // The unread count only for someone who follows something: a first visit never fetches the
    // news code (and so never delays its first screen for it).
    let follows_any = move || sync.read(|_, o| !o.follows().is_empty()).unwrap_or(false);
    let current = move |href: &'static str| (route.get().section() == href).then_some("page");
    let link = move |href: &'static str, text: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <li><a href=href aria-current=move || current(href)>{move || text(i18n.t())}</a></li>
        }
    };
    // The skip link is left to the browser (`rel="external"`): its own jump to `#inhalt` moves
    // the keyboard focus there, which the router's history entry would not.
    view! {
        <a class="skip-link" href="#inhalt" rel="external">{move || i18n.t().skip_link}</a>
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">"werkstadt"</a>
                <span class="brand-tagline">{move || i18n.t().site_tagline}</span>
            </div>
            // The news stay in sight with their unread count (the sections may scroll on a phone).
            <a class="news-link" href="/neuigkeiten" aria-current=move || current("/neuigkeiten")>
                {move || i18n.t().nav_news}
                <Show when=follows_any>{crate::lazy::news_badge()}</Show>
            </a>
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
                    {link("/projekte", |t| t.nav_projects)}
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>{move || i18n.t().footer}</p>
            <p><a href="/code">{move || i18n.t().code_link}</a>" · "
                <a href="/meine-daten">{move || i18n.t().my_data_title}</a>" · "
                <a href="/datenschutz.html" rel="external">{move || i18n.t().privacy_link}</a></p>
        </footer>
    }
}

/// The connection state, always, as a small line; waiting changes, the last sync and "sync
/// now" only when something waits or the device is offline. Rejected items with their reason
/// and text; the "new version" banner.
#[component]
pub fn SyncBar() -> impl IntoView {
    use crate::i18n::{count, fill};
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let update = expect_context::<crate::platform::sw::Update>();
    let pending = move || u32::try_from(sync.pending.with(Vec::len)).unwrap_or(u32::MAX);
    let last = move || {
        let secs = sync.last_sync.get();
        (secs > 0).then(|| {
            let ms = f64::from(secs) * 1000.0;
            let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms))
                .to_locale_time_string(i18n.lang().code())
                .as_string()
                .unwrap_or_default();
            fill(i18n.t().sync_last, &[("t", &t)])
        })
    };
    // Small while all is well; with the details and the button when something waits, the
    // last attempt failed or the device is offline.
    let attention = Memo::new(move |_| pending() > 0 || !sync.online.get());
    view! {
        <div class="sync-bar" class:sync-attention=move || attention.get() role="status" aria-live="polite">
            <span class=move || if sync.online.get() { "sync-state online" } else { "sync-state offline" }>
                {move || if sync.online.get() { i18n.t().sync_online } else { i18n.t().sync_offline }}
            </span>
            <Show when=move || attention.get()>
                <span class="sync-pending">{move || (pending() > 0).then(|| count(pending(), i18n.t().sync_pending))}</span>
                <span class="sync-last">{last}</span>
                <button type="button" class="sync-now" on:click=move |_| sync.sync_now()>{move || i18n.t().sync_now}</button>
            </Show>
        </div>
        {move || (sync.storage_failed.get()).then(|| view! {
            <p class="notice notice-error" role="alert">{move || i18n.t().err_storage}</p>
        })}
        {move || (sync.outdated.get()).then(|| view! {
            <p class="notice notice-error" role="alert">{move || i18n.t().err_upgrade}</p>
        })}
        {move || update.0.get().then(|| view! {
            <div class="update-banner" role="alert">
                <span>{move || i18n.t().update_available}</span>
                <button type="button" class="button" on:click=move |_| {
                    // Send what is waiting first; the outbox survives the reload anyway.
                    sync.sync_now();
                    crate::platform::sw::activate();
                }>{move || i18n.t().update_reload}</button>
            </div>
        })}
        // Rare: its code loads when something was refused (`components::rejected`).
        {move || (sync.rejected.with(|r| !r.is_empty())).then(crate::lazy::rejected)}
    }
}

//! The thin layer over browser APIs (fetch, localStorage, IndexedDB, crypto, document, service
//! worker), shared by the citizen app and the staff app. Everything else in them is plain Rust
//! and Leptos.

use error::ClientError;
use wasm_bindgen::JsCast;

pub mod error;
pub mod first_screen;
pub mod http;
pub mod idb;
pub mod identity;
pub mod lang;
pub mod location;
pub mod outbox;
pub mod pin;
pub mod sw;
pub mod trap;
pub mod workshop;

/// Fills `buf` from the browser's CSPRNG (`crypto.getRandomValues`).
pub fn random_bytes(buf: &mut [u8]) -> Result<(), ClientError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(ClientError::Browser)?;
    crypto
        .get_random_values_with_u8_array(buf)
        .map(|_| ())
        .map_err(|_| ClientError::Browser)
}

pub fn now_ms() -> u64 {
    // Dates before 1970 do not occur; the cast keeps the millisecond value.
    js_sys::Date::now().max(0.0) as u64
}

/// A localised date for a Unix-millisecond timestamp, e.g. "25.11.2026".
pub fn format_date(unix_ms: i64, lang_code: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64));
    date.to_locale_date_string(lang_code, &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// Offers `text` as a file download named `filename` (a blob URL on a temporary link).
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), ClientError> {
    let no = |_| ClientError::Browser;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(no)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(no)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ClientError::Browser)?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(no)?
        .dyn_into()
        .map_err(|_| ClientError::Browser)?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Loads `href` anew (a full page load, not a route change).
pub fn load_page(href: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(href);
    }
}

pub fn set_document_lang(code: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", code);
    }
}

/// Replaces the page's own constructed stylesheet (`document.adoptedStyleSheets`) with `css`,
/// or removes it (`None`). A constructed sheet is CSSOM, not markup: the strict CSP (no inline
/// styles) allows it, so a lazily loaded page can bring rules of its own (the committee
/// report's print stylesheet) without adding them to the app's first route.
pub fn set_page_style(css: Option<&str>) {
    use js_sys::{Array, Function, Reflect};
    let Some(w) = web_sys::window() else {
        return;
    };
    let Some(doc) = w.document() else {
        return;
    };
    let sheets = Array::new();
    if let Some(css) = css {
        let sheet = Reflect::get(&w, &"CSSStyleSheet".into())
            .ok()
            .and_then(|c| c.dyn_into::<Function>().ok())
            .and_then(|ctor| Reflect::construct(&ctor, &Array::new()).ok());
        let Some(sheet) = sheet else {
            return;
        };
        if let Some(replace) = Reflect::get(&sheet, &"replaceSync".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        {
            let _ = replace.call1(&sheet, &css.into());
        }
        sheets.push(&sheet);
    }
    let _ = Reflect::set(&doc, &"adoptedStyleSheets".into(), &sheets);
}

/// Switches on a stylesheet the page links with `media="print"` (fetched without holding up the
/// first screen): the rules of the lazily loaded pages, applied once one of them shows.
pub fn use_stylesheet(id: &str) {
    if let Some(link) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = link.set_attribute("media", "all");
    }
}

pub fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{title} – werkstadt"));
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) -> Result<(), ClientError> {
    local_storage()
        .ok_or(ClientError::Storage)?
        .set_item(key, value)
        .map_err(|_| ClientError::Storage)
}

pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Removes every localStorage entry whose key starts with `prefix`.
pub fn storage_remove_prefix(prefix: &str) {
    let Some(s) = local_storage() else { return };
    let n = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

pub mod prefs {
    const LANG_KEY: &str = "werkstadt.lang";

    pub fn lang() -> Option<String> {
        super::storage_get(LANG_KEY)
    }

    pub fn set_lang(code: &str) {
        let _ = super::storage_set(LANG_KEY, code);
    }
}

/// Runs `f` once after `ms` milliseconds.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    let cb = wasm_bindgen::closure::Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

/// Runs `f` every `ms` milliseconds for the page's lifetime.
pub fn every(ms: i32, f: impl Fn() + 'static) {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
            cb.as_ref().unchecked_ref(),
            ms,
        );
    }
    cb.forget();
}

/// Calls `f` on the window event `name` (e.g. `online`) for the page's lifetime.
pub fn on_window_event(name: &str, f: impl Fn() + 'static) {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

/// Calls `f` with the data of each server-sent event `name` from `path`, for the page's
/// lifetime. The browser reconnects by itself after the server was away.
pub fn on_server_event(path: &str, name: &str, f: impl Fn(String) + 'static) {
    let Ok(source) = web_sys::EventSource::new(path) else {
        return;
    };
    let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
        move |ev: web_sys::MessageEvent| f(ev.data().as_string().unwrap_or_default()),
    );
    let _ = source.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
    cb.forget();
    // Leaving the page must free the connection at once: browsers allow only six per server
    // over HTTP/1.1, and streams of earlier pages would otherwise block every request.
    on_window_event("pagehide", move || source.close());
}

/// Calls `f` whenever the page becomes visible again.
pub fn on_visible(f: impl Fn() + 'static) {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible {
            f();
        }
    });
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let _ = d.add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

/// Asks the browser not to evict our storage (outbox!) under pressure. Best effort.
pub fn request_persistent_storage() {
    let Some(w) = web_sys::window() else { return };
    let storage = w.navigator().storage();
    if let Ok(p) = storage.persist() {
        drop(wasm_bindgen_futures::JsFuture::from(p));
    }
}

/// The local calendar day of a Unix-millisecond time as an `<input type="date">` value
/// ("2027-06-30").
pub fn date_input_value(unix_ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The start of a local calendar day given as an `<input type="date">` value, plus `days`
/// (1: the midnight after it, the exclusive end of a range that includes the day).
pub fn parse_date_input(value: &str, days: i32) -> Option<i64> {
    let mut parts = value.splitn(3, '-').map(|p| p.parse::<i32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let date = js_sys::Date::new_with_year_month_day(y as u32, m - 1, d + days);
    let ms = date.get_time();
    (!ms.is_nan()).then_some(ms as i64)
}

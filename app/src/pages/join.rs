//! Joining a workshop by its QR or join code (`/mitmachen/{code}`): the phone is attached to
//! the workshop while it runs (`werkstadt_web::workshop`), its pushes name the workshop, and a
//! banner says so, with a way to leave. Joining needs the server once (it knows the code);
//! afterwards everything works offline as usual.

use crate::i18n::fill;
use crate::i18n::use_i18n;
use crate::i18n::workshop::wt;
use crate::platform::http::{self, ClientError};
use crate::platform::identity::Identity;
use crate::platform::workshop::{self as joined, Joined};
use crate::platform::{self};
use leptos::prelude::*;
use werkstadt_domain::workshop::{normalise_code, Workshop};
use werkstadt_domain::ErrorCode;

pub async fn fetch_workshop(code: &str) -> Result<Workshop, ClientError> {
    http::from_js(http::get_js(&format!("/api/workshops/{code}"), None).await?)
        .ok_or_else(http::unexpected)
}

/// Joins on the server (which then counts this participant's changes made during the
/// workshop for it) and keeps the join on the device for the banner.
async fn join(w: &Workshop, me: Option<Identity>) -> Result<(), ClientError> {
    let me = me.ok_or(ClientError::Storage)?;
    http::post_no_content(&format!("/api/workshops/{}/join", w.code), &(), &me).await?;
    // The whole workshop too, for the pages of this chunk that open what it opens.
    if let Some(json) = http::to_json(w) {
        let _ = platform::storage_set(crate::components::gates::WORKSHOP_KEY, &json);
    }
    joined::join(&Joined {
        code: w.code.clone(),
        ends_at: w.ends_at,
        title: w.title.clone(),
    })
}

/// Leaves on the device at once and on the server when it answers.
fn leave(me: Option<Identity>) {
    let code = joined::joined().map(|j| j.code);
    joined::leave();
    if let (Some(code), Some(me)) = (code, me) {
        leptos::task::spawn_local(async move {
            let _ = http::send("DELETE", &format!("/api/workshops/{code}/join"), &me).await;
        });
    }
}

/// "30.11.2026, 14:00" in the reader's language and time zone (the date call with time
/// options: no further browser binding).
fn day_time(unix_ms: i64, lang: &str) -> String {
    let options = js_sys::Object::new();
    for key in ["hour", "minute"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &"2-digit".into());
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64))
        .to_locale_date_string(lang, &options)
        .into()
}

/// "30.11.2026, 14:00 – 17:00" (or "30.11.2026, 14:00 – 1.12.2026, 12:00" over several days).
pub fn span(starts: i64, ends: i64, lang: &str) -> String {
    let end_day = platform::format_date(ends - 1, lang);
    let (from, to) = (day_time(starts, lang), day_time(ends, lang));
    // The same day: the end's time alone.
    match to.strip_prefix(&end_day) {
        Some(time) if from.starts_with(&end_day) => {
            format!("{from} – {}", time.trim_start_matches([',', ' ']))
        }
        _ => format!("{from} – {to}"),
    }
}

/// The page of a workshop path: `/wand/{key}` the wall, `/mitmachen[/{code}]` joining.
pub fn workshop_page(path: &str) -> AnyView {
    let mut parts = path.trim_matches('/').splitn(2, '/');
    match (parts.next(), parts.next()) {
        (Some("wand"), Some(key)) => {
            let key = key.to_owned();
            view! { <super::wall::WallPage key/> }.into_any()
        }
        (_, code) => {
            let code = code.map(str::to_owned);
            view! { <JoinPage code/> }.into_any()
        }
    }
}

/// What joining came to.
#[derive(Clone)]
enum State {
    Joined(Workshop),
    Over(Workshop),
    Failed(ClientError),
}

#[component]
pub fn JoinPage(code: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| platform::set_document_title(wt(i18n).join_title));
    let typed = RwSignal::new(code.clone().unwrap_or_default());
    let me = StoredValue::new(crate::use_me());
    let state = RwSignal::new(None::<State>);
    let attempt = move |code: String| {
        leptos::task::spawn_local(async move {
            let Some(code) = normalise_code(&code) else {
                state.set(Some(State::Failed(unknown())));
                return;
            };
            state.set(Some(match fetch_workshop(&code).await {
                Ok(w) if (platform::now_ms() as i64) < w.ends_at => {
                    match join(&w, me.get_value()).await {
                        Ok(()) => State::Joined(w),
                        Err(e) => State::Failed(e),
                    }
                }
                Ok(w) => State::Over(w),
                Err(e) => State::Failed(e),
            }));
        });
    };
    if let Some(c) = code {
        attempt(c);
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempt(typed.get_untracked());
    };
    let result = move || {
        state.get().map(|s| match s {
            State::Joined(w) => view! { <JoinedView w/> }.into_any(),
            State::Over(w) => view! {
                <p class="notice" role="status">{move || fill(wt(i18n).over, &[("t", &w.title)])}</p>
                <p><a href="/">{move || wt(i18n).go_start}</a></p>
            }
            .into_any(),
            State::Failed(e) => {
                let text = match e {
                    ClientError::Api(b) if b.code == ErrorCode::UnknownWorkshop => wt(i18n).unknown,
                    ClientError::Api(_) | ClientError::Network => wt(i18n).offline,
                    _ => wt(i18n).offline,
                };
                view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any()
            }
        })
    };
    let form_shown = move || !matches!(state.get(), Some(State::Joined(_)));
    view! {
        <h1 tabindex="-1">{move || wt(i18n).join_title}</h1>
        {result}
        <Show when=form_shown>
            <form class="card" on:submit=submit>
                <p>{move || wt(i18n).join_intro}</p>
                <div class="field">
                    <label for="beitrittscode">{move || wt(i18n).join_code}</label>
                    <input id="beitrittscode" type="text" autocomplete="off" autocapitalize="characters"
                        maxlength="9" prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{move || wt(i18n).join_submit}</button>
            </form>
        </Show>
    }
}

fn unknown() -> ClientError {
    ClientError::Api(werkstadt_domain::error::ApiErrorBody {
        code: ErrorCode::UnknownWorkshop,
        message: String::new(),
    })
}

/// Joined: the workshop, what is open during it, and where to go next.
#[component]
fn JoinedView(w: Workshop) -> impl IntoView {
    let i18n = use_i18n();
    let (starts, ends) = (w.starts_at, w.ends_at);
    let place = w.place.clone();
    let title = w.title.clone();
    let left = RwSignal::new(false);
    let me = StoredValue::new(crate::use_me());
    view! {
        <section class="card" aria-live="polite">
            <Show when=move || !left.get() fallback=move || view! {
                <p class="notice" role="status">{move || wt(i18n).left}</p>
            }>
                <p class="notice notice-ok" role="status">{
                    let title = title.clone();
                    move || fill(wt(i18n).joined, &[("t", &title)])
                }</p>
                <p>{
                    let place = place.clone();
                    move || fill(wt(i18n).joined_detail, &[("p", &place), ("w", &span(starts, ends, i18n.lang().code()))])
                }</p>
                <p>{move || wt(i18n).open_now}</p>
                <ul class="join-links">
                    <Show when=move || w.open.ideas><li><a class="button" href="/neu">{move || wt(i18n).go_idea}</a></li></Show>
                    <Show when=move || w.open.dots><li><a class="button" href="/punkte">{move || wt(i18n).go_dots}</a></li></Show>
                    <Show when=move || w.open.supports><li>{move || wt(i18n).open_supports}</li></Show>
                    <Show when=move || w.open.comments><li>{move || wt(i18n).open_comments}</li></Show>
                    <Show when=move || !(w.open.ideas || w.open.dots || w.open.supports || w.open.comments)>
                        <li>{move || wt(i18n).open_nothing}</li>
                    </Show>
                    <li><a href="/">{move || wt(i18n).go_start}</a></li>
                </ul>
                <button type="button" class="button" on:click=move |_| {
                    leave(me.get_value());
                    left.set(true);
                }>{move || wt(i18n).leave}</button>
            </Show>
        </section>
    }
}

/// "You are taking part in …" with a button to leave; shown while the joined workshop runs.
#[component]
pub fn JoinBanner() -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(true);
    let me = StoredValue::new(crate::use_me());
    // Over (or forgotten a day after its end): no banner; pushes then count as web.
    let now = platform::now_ms() as i64;
    let Some(title) = joined::joined().filter(|j| j.runs(now)).map(|j| j.title) else {
        return ().into_any();
    };
    view! {
        <Show when=move || shown.get()>
        <aside class="workshop-banner" aria-label=move || wt(i18n).banner_label>
            <span>{
                let title = title.clone();
                move || fill(wt(i18n).joined, &[("t", &title)])
            }</span>
            " "
            <button type="button" class="button" on:click=move |_| {
                leave(me.get_value());
                shown.set(false);
            }>{move || wt(i18n).leave}</button>
        </aside>
        </Show>
    }
    .into_any()
}

//! Loading and error notices shared by the pages.

use crate::i18n::errors::et;
use crate::i18n::use_i18n;
use crate::platform::http::ClientError;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{move || i18n.t().loading}</p> }
}

/// The user-facing text of an error, in the current language.
pub fn error_text(e: &ClientError) -> String {
    let i18n = use_i18n();
    match e {
        ClientError::Network => i18n.t().err_network.to_owned(),
        ClientError::Storage => i18n.t().err_storage.to_owned(),
        ClientError::Browser => et(i18n).err_browser.to_owned(),
        ClientError::Api(body) => et(i18n)
            .error(body.code)
            .map_or_else(|| body.message.clone(), str::to_owned),
    }
}

/// The answer to a one-off request (a report, a code): `ok` on success, else the error.
pub fn outcome_view(
    state: RwSignal<Option<Result<(), ClientError>>>,
    ok: fn(&'static crate::i18n::Texts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        state.with(|s| match s {
            Some(Ok(())) => Some(
                view! { <p class="notice notice-ok" role="status">{ok(i18n.t())}</p> }.into_any(),
            ),
            Some(Err(e)) => Some(view! { <ErrorNotice error=e.clone()/> }.into_any()),
            None => None,
        })
    }
}

#[component]
pub fn ErrorNotice(error: ClientError) -> impl IntoView {
    let text = move || error_text(&error);
    view! { <p class="notice notice-error" role="alert">{text}</p> }
}

/// Shows `children` once the participant's view is read from the device and has the process;
/// until then "loading", and on a first start without connection the network notice. The
/// children are drawn once, not again on every sync: they read what they show themselves.
#[component]
pub fn Ready(children: ChildrenFn) -> impl IntoView {
    let sync = crate::sync::use_sync();
    // One memo for what to show: the children are drawn once, not again when, say, the first
    // sync ends. Nothing from the server yet: "loading" while it is being asked, the network
    // notice once an attempt failed, "not found" if the server has no process.
    let shown = Memo::new(move |_| match sync.read(|r, _| r.process.is_some()) {
        Some(true) => Shown::Page,
        Some(false) if !sync.online.get() => Shown::Unreachable,
        Some(false) if sync.last_sync.get() > 0 => Shown::NoProcess,
        _ => Shown::Loading,
    });
    // A deep link's first screen, drawn by the server, stays until the page can draw what it
    // shows (`Sync::settled`, and not "loading"): then the page shows it, its controls working.
    Effect::new(move |_| {
        if sync.settled.get() && shown.get() != Shown::Loading {
            crate::platform::first_screen::hand_over();
        }
    });
    move || match shown.get() {
        Shown::Page => children().into_any(),
        // Not `ErrorNotice`: that words every error code, which the first route does not need.
        Shown::Unreachable => {
            let i18n = use_i18n();
            view! { <p class="notice notice-error" role="alert">{move || i18n.t().err_network}</p> }
                .into_any()
        }
        Shown::NoProcess => {
            let i18n = use_i18n();
            view! { <p class="notice notice-info" role="status">{move || i18n.t().no_process}</p> }
                .into_any()
        }
        Shown::Loading => view! { <Loading/> }.into_any(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Loading,
    Unreachable,
    NoProcess,
    Page,
}

/// The "not found" notice for an id the replica does not know.
pub fn not_found() -> AnyView {
    let error = ClientError::Api(werkstadt_domain::error::ApiErrorBody {
        code: werkstadt_domain::ErrorCode::NotFound,
        message: String::new(),
    });
    view! { <ErrorNotice error/> }.into_any()
}

type Text = fn(&'static crate::i18n::Texts) -> &'static str;

/// A form with one text field that is sent once and shows the server's answer: reports and
/// participation codes share it (each distinct view costs wasm size). `request` makes the
/// request from the text typed. Online only: the answer matters.
#[component]
pub fn SendForm(
    field_id: String,
    initial: String,
    label: Text,
    submit: Text,
    ok: Text,
    request: Callback<String, crate::api::OneShot>,
) -> impl IntoView {
    let i18n = use_i18n();
    let me = crate::use_me();
    let value = RwSignal::new(initial);
    let state = RwSignal::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(who) = me.clone() else { return };
        let request = request.run(value.get_untracked());
        leptos::task::spawn_local(async move {
            state.set(Some(request.send(&who).await));
        });
    };
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <div class="field">
                <label for=field_id.clone()>{move || label(i18n.t())}</label>
                <input id=field_id type="text" autocomplete="off" spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            {outcome_view(state, ok)}
            <button type="submit" class="button">{move || submit(i18n.t())}</button>
        </form>
    }
}

//! Loading and error notices shared by the pages.

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
    let t = use_i18n().t();
    match e {
        ClientError::Network => t.err_network.to_owned(),
        ClientError::Api(body) => t
            .error(body.code)
            .map_or_else(|| body.message.clone(), str::to_owned),
    }
}

#[component]
pub fn ErrorNotice(error: ClientError) -> impl IntoView {
    let text = move || error_text(&error);
    view! { <p class="notice notice-error" role="alert">{text}</p> }
}

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

/// Renders `page` with the participant's view once it is read from the device and has the
/// process; until then "loading", and on a first start without connection the network notice.
pub fn with_view(
    page: impl Fn(werkstadt_domain::replica::Replica) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let sync = crate::sync::use_sync();
    move || match sync.view.get() {
        None => view! { <Loading/> }.into_any(),
        Some(r) if r.process.is_none() => {
            view! { <ErrorNotice error=ClientError::Network/> }.into_any()
        }
        Some(r) => page(r),
    }
}

/// The "not found" notice for an id the replica does not know.
pub fn not_found() -> AnyView {
    let error = ClientError::Api(werkstadt_domain::error::ApiErrorBody {
        code: werkstadt_domain::ErrorCode::NotFound,
        message: String::new(),
    });
    view! { <ErrorNotice error/> }.into_any()
}

//! Typed calls of werkstadt's sync API: everything the app shows comes from the pull feed.

use crate::platform::http::{self, ClientError};
use crate::platform::identity::Identity;
use wasm_bindgen::JsCast;
use werkstadt_domain::sync::{Mutation, PushRequest, PushResponse, PROTOCOL_VERSION};

pub type ApiResult<T> = Result<T, ClientError>;

pub async fn push(mutations: Vec<Mutation>, who: &Identity) -> ApiResult<PushResponse> {
    let req = PushRequest {
        protocol: PROTOCOL_VERSION,
        mutations,
    };
    http::post("/api/sync/push", &req, who).await
}

/// One page of the change feed. The changes stay the JS values the server sent: the app
/// stores them in IndexedDB as they are (no Rust serializer for them in the wasm).
pub struct PullPage {
    pub changes: js_sys::Array,
    pub cursor: u64,
    pub has_more: bool,
    pub instance: String,
}

pub async fn pull(cursor: u64, who: &Identity) -> ApiResult<PullPage> {
    let v = http::get_js(
        &format!("/api/sync/pull?cursor={cursor}&protocol={PROTOCOL_VERSION}"),
        who,
    )
    .await?;
    let changes = http::field(&v, "changes")
        .dyn_into()
        .map_err(|_| http::unexpected())?;
    Ok(PullPage {
        changes,
        // Cursors are sequence numbers far below 2^53.
        cursor: http::field(&v, "cursor").as_f64().unwrap_or(0.0) as u64,
        has_more: http::field(&v, "has_more").as_bool().unwrap_or(false),
        instance: http::field(&v, "instance").as_string().unwrap_or_default(),
    })
}

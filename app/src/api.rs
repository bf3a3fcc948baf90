//! Typed calls of werkstadt's sync API: everything the app shows comes from the pull feed.

use crate::platform::http::{self, ClientError};
use crate::platform::identity::Identity;
use werkstadt_domain::sync::{Mutation, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION};

pub type ApiResult<T> = Result<T, ClientError>;

pub async fn push(mutations: Vec<Mutation>, who: &Identity) -> ApiResult<PushResponse> {
    let req = PushRequest {
        protocol: PROTOCOL_VERSION,
        mutations,
    };
    http::post("/api/sync/push", &req, who).await
}

pub async fn pull(cursor: u64, who: &Identity) -> ApiResult<PullResponse> {
    http::get(
        &format!("/api/sync/pull?cursor={cursor}&protocol={PROTOCOL_VERSION}"),
        who,
    )
    .await
}

//! Typed calls of werkstadt's JSON API.

use crate::platform::http::{self, ClientError};
use crate::platform::identity::Identity;
use werkstadt_domain::api::{IdeaDetail, IdeaPage, IdeaSort, MyState, ProcessOverview, Results};
use werkstadt_domain::{IdeaId, ThemeId};

pub type ApiResult<T> = Result<T, ClientError>;

pub async fn overview() -> ApiResult<ProcessOverview> {
    http::get("/api/process", None).await
}

pub async fn ideas(theme: ThemeId, sort: IdeaSort, page: u32) -> ApiResult<IdeaPage> {
    let sort = match sort {
        IdeaSort::Support => "support",
        IdeaSort::Newest => "newest",
    };
    http::get(
        &format!("/api/themes/{theme}/ideas?sort={sort}&page={page}"),
        None,
    )
    .await
}

pub async fn idea(id: IdeaId) -> ApiResult<IdeaDetail> {
    http::get(&format!("/api/ideas/{id}"), None).await
}

pub async fn me(who: &Identity) -> ApiResult<MyState> {
    http::get("/api/me", Some(who)).await
}

pub async fn results() -> ApiResult<Results> {
    http::get("/api/results", None).await
}

pub async fn push(
    mutations: Vec<werkstadt_domain::sync::Mutation>,
    who: &Identity,
) -> ApiResult<werkstadt_domain::sync::PushResponse> {
    let req = werkstadt_domain::sync::PushRequest {
        protocol: werkstadt_domain::sync::PROTOCOL_VERSION,
        mutations,
    };
    http::post("/api/sync/push", &req, who).await
}

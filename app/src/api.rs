//! Typed calls of werkstadt's JSON API.

use crate::platform::http::{self, ClientError};
use crate::platform::identity::Identity;
use werkstadt_domain::api::{
    DotVotes, IdeaDetail, IdeaPage, IdeaSort, MyState, NewIdea, ProcessOverview, Results,
    SupportRequest, SupportState,
};
use werkstadt_domain::dots::DotEntry;
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

pub async fn submit_idea(idea: &NewIdea, who: &Identity) -> ApiResult<IdeaDetail> {
    http::post("/api/ideas", idea, who).await
}

pub async fn support(id: IdeaId, supported: bool, who: &Identity) -> ApiResult<SupportState> {
    http::put(
        &format!("/api/ideas/{id}/support"),
        &SupportRequest { supported },
        who,
    )
    .await
}

pub async fn set_dots(allocations: Vec<DotEntry>, who: &Identity) -> ApiResult<MyState> {
    http::put("/api/dots", &DotVotes { allocations }, who).await
}

pub async fn me(who: &Identity) -> ApiResult<MyState> {
    http::get("/api/me", Some(who)).await
}

pub async fn results() -> ApiResult<Results> {
    http::get("/api/results", None).await
}

//! Typed calls of werkstadt's sync API: everything the app shows comes from the pull feed.

use crate::platform::http::{self, ClientError, Raw};
use crate::platform::identity::Identity;
use werkstadt_domain::api::{Process, ProcessOverview, Results};
use werkstadt_domain::codes::RedeemCode;
use werkstadt_domain::moderation::NewReport;
use werkstadt_domain::sync::{Mutation, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION};
use werkstadt_domain::ProcessId;

pub type ApiResult<T> = Result<T, ClientError>;

pub async fn push(mutations: Vec<Mutation>, who: &Identity) -> ApiResult<PushResponse> {
    let req = PushRequest {
        protocol: PROTOCOL_VERSION,
        mutations,
    };
    http::post("/api/sync/push", &req, who).await
}

/// The process and its themes: what the start page shows, in one small answer.
pub async fn overview() -> ApiResult<ProcessOverview> {
    http::from_js(http::get_js("/api/process", None).await?).ok_or_else(http::unexpected)
}

/// Every process, newest first (the archive; online only).
pub async fn processes() -> ApiResult<Vec<Process>> {
    http::from_js(http::get_js("/api/processes", None).await?).ok_or_else(http::unexpected)
}

/// A process's published evaluation matrices with their results (online only).
pub async fn matrices(id: ProcessId) -> ApiResult<Vec<werkstadt_domain::matrix::PublicMatrix>> {
    let path = format!("/api/processes/{id}/matrices");
    http::from_js(http::get_js(&path, None).await?).ok_or_else(http::unexpected)
}

/// One process with its fields of action, and its results (online only).
pub async fn process_results(id: ProcessId) -> ApiResult<(ProcessOverview, Results)> {
    let overview = http::get_js(&format!("/api/processes/{id}"), None).await?;
    let results = http::get_js(&format!("/api/processes/{id}/results"), None).await?;
    match (http::from_js(overview), http::from_js(results)) {
        (Some(o), Some(r)) => Ok((o, r)),
        _ => Err(http::unexpected()),
    }
}

/// One page of the change feed. The changes stay the JS values the server sent: the app
/// stores them in IndexedDB as they are and decodes each once.
pub async fn pull(cursor: u64, who: &Identity) -> ApiResult<PullResponse<Raw>> {
    let path = format!("/api/sync/pull?cursor={cursor}&protocol={PROTOCOL_VERSION}");
    http::from_js(http::get_js(&path, Some(who)).await?).ok_or_else(http::unexpected)
}

/// A request sent once whose answer the participant waits for (online only).
pub enum OneShot {
    Report(NewReport),
    Redeem(RedeemCode),
}

impl OneShot {
    pub async fn send(self, who: &Identity) -> ApiResult<()> {
        match self {
            OneShot::Report(r) => http::post_no_content("/api/reports", &r, who).await,
            OneShot::Redeem(c) => http::post_no_content("/api/codes/redeem", &c, who).await,
        }
    }
}

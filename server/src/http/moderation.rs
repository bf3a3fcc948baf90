//! The moderation queue (staff) and the process's moderation mode (admins). Decisions
//! themselves are sync mutations (`decide`), pushed with a staff session.

use super::error::ApiError;
use super::extract::{AppJson, AppQuery};
use super::staff_auth::{Admin, Staff};
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::moderation::{
    DismissReports, IdeaStatus, ModerationQueue, ModerationSetting, NewReport, QueueQuery,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/moderation/queue", get(queue))
        .route("/reports", post(report))
        .route("/moderation/reports/dismiss", post(dismiss_reports))
        .route("/admin/process/moderation", put(set_mode))
}

/// Ideas in a state (default: waiting), newest first, with the number waiting.
#[utoipa::path(get, path = "/api/moderation/queue", tag = "moderation", params(QueueQuery),
    responses((status = 200, body = ModerationQueue), (status = 401, body = ApiErrorBody)))]
pub async fn queue(
    State(s): State<AppState>,
    _staff: Staff,
    AppQuery(q): AppQuery<QueueQuery>,
) -> Result<AppJson<ModerationQueue>, ApiError> {
    let search = q.q.filter(|t| !t.trim().is_empty());
    let (items, waiting, reports, comments) = s
        .store
        .moderation_queue(q.status.unwrap_or(IdeaStatus::Pending), q.theme, search)
        .await?;
    Ok(AppJson(ModerationQueue {
        items,
        waiting,
        reports,
        comments,
    }))
}

/// Pre-moderation (new ideas wait) or post-moderation (published at once).
/// Closes the open reports on an item as unfounded (staff; needs the CSRF token).
#[utoipa::path(post, path = "/api/moderation/reports/dismiss", tag = "moderation",
    request_body = DismissReports,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
              (status = 409, body = ApiErrorBody)))]
pub async fn dismiss_reports(
    State(s): State<AppState>,
    staff: Staff,
    AppJson(req): AppJson<DismissReports>,
) -> Result<StatusCode, ApiError> {
    s.store
        .dismiss_reports(staff.session.staff_id, req.target)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/admin/process/moderation", tag = "admin",
    request_body = ModerationSetting,
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
pub async fn set_mode(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppJson(setting): AppJson<ModerationSetting>,
) -> Result<StatusCode, ApiError> {
    s.store
        .set_moderation_mode(admin.session.staff_id, setting.mode)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A citizen reports an idea or comment to the moderators, with a reason.
#[utoipa::path(post, path = "/api/reports", tag = "moderation", request_body = NewReport,
    params(
        ("x-participant-id" = String, Header, description = "participant UUID"),
        ("x-participant-secret" = String, Header, description = "64 hex characters")),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody),
              (status = 422, body = ApiErrorBody)))]
pub async fn report(
    State(s): State<AppState>,
    caller: Caller,
    AppJson(report): AppJson<NewReport>,
) -> Result<StatusCode, ApiError> {
    crate::storage::reports::check_reason(&report.reason).map_err(|c| {
        ApiError::client(c, "A reason of 1 to 1000 characters, without '<' or '>'.")
    })?;
    s.store.report(caller, report).await?;
    Ok(StatusCode::NO_CONTENT)
}

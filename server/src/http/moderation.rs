//! The moderation queue (staff) and the process's moderation mode (admins). Decisions
//! themselves are sync mutations (`decide`), pushed with a staff session.

use super::error::ApiError;
use super::extract::{AppJson, AppQuery};
use super::openapi::{AdminWrite, JsonBody, Participant, StaffRead, StaffWrite, Write};
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
use werkstadt_domain::openapi::ParticipantHeaders;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/moderation/queue", get(queue))
        .route("/reports", post(report))
        .route("/moderation/reports/dismiss", post(dismiss_reports))
        .route("/admin/process/moderation", put(set_mode))
}

/// Ideas in a state (default: waiting), newest first, with the number waiting.
#[utoipa::path(get, path = "/api/moderation/queue", tag = "moderation", params(QueueQuery),
    security(("staff_session" = [])),
    responses((status = 200, body = ModerationQueue), StaffRead,
              (status = 400, body = ApiErrorBody, description = "bad_query: an unknown status, or not a theme id")))]
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

/// Closes the open reports on an item as unfounded (staff; needs the CSRF token).
#[utoipa::path(post, path = "/api/moderation/reports/dismiss", tag = "moderation",
    request_body = DismissReports, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "dismissed"), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_idea or not_found: never reported"),
              (status = 409, body = ApiErrorBody, description = "stale_state: no open reports (a colleague was first)")))]
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

/// Pre-moderation (new ideas wait) or post-moderation (published at once).
#[utoipa::path(put, path = "/api/admin/process/moderation", tag = "admin",
    request_body = ModerationSetting, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "set"), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: no process")))]
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
    params(ParticipantHeaders),
    responses((status = 204, description = "reported"), Participant, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_idea or not_found: no such public idea or comment"),
              (status = 422, body = ApiErrorBody, description = "reason_missing, reason_too_long, reason_invalid")))]
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

//! The moderation queue (staff) and the process's moderation mode (admins). Decisions
//! themselves are sync mutations (`decide`), pushed with a staff session.

use super::error::ApiError;
use super::extract::{AppJson, AppQuery};
use super::staff_auth::{Admin, Staff};
use super::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::moderation::{IdeaStatus, ModerationQueue, ModerationSetting, QueueQuery};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/moderation/queue", get(queue))
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
    let (items, waiting) = s
        .store
        .moderation_queue(q.status.unwrap_or(IdeaStatus::Pending), q.theme, search)
        .await?;
    Ok(AppJson(ModerationQueue { items, waiting }))
}

/// Pre-moderation (new ideas wait) or post-moderation (published at once).
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

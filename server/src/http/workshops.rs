//! Workshops: staff (moderators and admins, with the CSRF token) create, edit, list and delete
//! them in a process; anyone reads one by its join code (or id), its QR code and its results
//! wall's data. Nothing here is personal: no staff name, no participant.

use super::codes::qr_svg;
use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{JsonBody, Participant, StaffRead, StaffWrite, Write};
use super::staff_auth::Staff;
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, put};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ids::WorkshopId;
use werkstadt_domain::openapi::ParticipantHeaders;
use werkstadt_domain::workshop::{join_path, WallData, Workshop, WorkshopDraft};
use werkstadt_domain::ProcessId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/workshops/{key}", get(workshop_by_code))
        .route("/workshops/{key}/qr.svg", get(workshop_qr))
        .route("/workshops/{key}/wall", get(workshop_wall))
        .route(
            "/workshops/{key}/join",
            axum::routing::post(join_workshop).delete(leave_workshop),
        )
        .route(
            "/moderation/processes/{process_id}/workshops",
            get(list_workshops).post(create_workshop),
        )
        .route(
            "/moderation/workshops/{workshop_id}",
            put(edit_workshop).delete(delete_workshop),
        )
}

/// A workshop by its join code (case, spaces and hyphens do not matter) or its id: title,
/// place, times, open modules, the kiosks' reset time.
#[utoipa::path(get, path = "/api/workshops/{key}", tag = "workshops",
    params(("key" = String, Path, description = "the join code (e.g. `K7MQ4R`) or the workshop's id")),
    responses((status = 200, body = Workshop),
              (status = 404, body = ApiErrorBody, description = "unknown_workshop")))]
pub async fn workshop_by_code(
    State(s): State<AppState>,
    AppPath(key): AppPath<String>,
) -> Result<AppJson<Workshop>, ApiError> {
    Ok(AppJson(s.store.workshop(key).await?))
}

/// The QR code (SVG) that opens the citizen app attached to the workshop: the public address
/// (`--public-url`) plus `/mitmachen/{code}`.
#[utoipa::path(get, path = "/api/workshops/{key}/qr.svg", tag = "workshops",
    params(("key" = String, Path, description = "the join code or the workshop's id")),
    responses((status = 200, content_type = "image/svg+xml", body = String, description = "the QR code"),
              (status = 404, body = ApiErrorBody, description = "unknown_workshop")))]
pub async fn workshop_qr(
    State(s): State<AppState>,
    AppPath(key): AppPath<String>,
) -> Result<impl IntoResponse, ApiError> {
    let w = s.store.workshop(key).await?;
    let svg = qr_svg(&format!("{}{}", s.public_url, join_path(&w.code)), 240)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        svg,
    ))
}

/// The results wall's data: the process's open fields of action by dot points, the newest
/// published ideas, the people who took part through this workshop and in the whole process,
/// and the join address. Public; the wall refetches it on each `changed` event of
/// `/api/sync/events`.
#[utoipa::path(get, path = "/api/workshops/{key}/wall", tag = "workshops",
    params(("key" = String, Path, description = "the join code or the workshop's id")),
    responses((status = 200, body = WallData),
              (status = 404, body = ApiErrorBody, description = "unknown_workshop")))]
pub async fn workshop_wall(
    State(s): State<AppState>,
    AppPath(key): AppPath<String>,
) -> Result<AppJson<WallData>, ApiError> {
    Ok(AppJson(s.store.wall(key, s.public_url.clone()).await?))
}

/// A phone joins the workshop (the QR code's link does this): the caller's changes made while
/// it runs count for it (channel `workshop`), also those sent later.
#[utoipa::path(post, path = "/api/workshops/{key}/join", tag = "workshops",
    params(("key" = String, Path, description = "the join code or the workshop's id"), ParticipantHeaders),
    responses((status = 204, description = "joined"), Participant, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_workshop")))]
pub async fn join_workshop(
    State(s): State<AppState>,
    caller: Caller,
    AppPath(key): AppPath<String>,
) -> Result<StatusCode, ApiError> {
    s.store.join_workshop(caller, key).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The phone leaves its workshop (whichever it joined): its changes count as web again.
#[utoipa::path(delete, path = "/api/workshops/{key}/join", tag = "workshops",
    params(("key" = String, Path, description = "the join code (not checked: one leaves whatever one joined)"), ParticipantHeaders),
    responses((status = 204, description = "left"), Participant, Write))]
pub async fn leave_workshop(
    State(s): State<AppState>,
    caller: Caller,
    AppPath(_key): AppPath<String>,
) -> Result<StatusCode, ApiError> {
    s.store.leave_workshop(caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The workshops of a process, earliest first.
#[utoipa::path(get, path = "/api/moderation/processes/{process_id}/workshops", tag = "workshops",
    operation_id = "moderation_workshops",
    params(("process_id" = ProcessId, Path)), security(("staff_session" = [])),
    responses((status = 200, body = Vec<Workshop>), StaffRead,
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn list_workshops(
    State(s): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<Vec<Workshop>>, ApiError> {
    Ok(AppJson(s.store.workshops(id).await?))
}

/// Creates a workshop in a process; the server makes its join code.
#[utoipa::path(post, path = "/api/moderation/processes/{process_id}/workshops", tag = "workshops",
    params(("process_id" = ProcessId, Path)), request_body = WorkshopDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = Workshop), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id"),
              (status = 422, body = ApiErrorBody, description = "dates_invalid: the end is not after the start; reset_out_of_range: not 30–600 seconds; title_too_short, title_too_long, title_invalid (title or place)")))]
pub async fn create_workshop(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProcessId>,
    AppJson(draft): AppJson<WorkshopDraft>,
) -> Result<(StatusCode, AppJson<Workshop>), ApiError> {
    let w = s
        .store
        .create_workshop(staff.session.staff_id, id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(w)))
}

/// Edits a workshop (its join code stays).
#[utoipa::path(put, path = "/api/moderation/workshops/{workshop_id}", tag = "workshops",
    params(("workshop_id" = WorkshopId, Path)), request_body = WorkshopDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Workshop), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_workshop, or not_found: not a workshop id"),
              (status = 422, body = ApiErrorBody, description = "dates_invalid; reset_out_of_range; title_too_short, title_too_long, title_invalid")))]
pub async fn edit_workshop(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<WorkshopId>,
    AppJson(draft): AppJson<WorkshopDraft>,
) -> Result<AppJson<Workshop>, ApiError> {
    Ok(AppJson(
        s.store
            .edit_workshop(staff.session.staff_id, id, draft)
            .await?,
    ))
}

/// Deletes a workshop created by mistake; what came through it keeps its channel.
#[utoipa::path(delete, path = "/api/moderation/workshops/{workshop_id}", tag = "workshops",
    params(("workshop_id" = WorkshopId, Path)), security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "deleted"), StaffWrite, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_workshop, or not_found: not a workshop id")))]
pub async fn delete_workshop(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<WorkshopId>,
) -> Result<StatusCode, ApiError> {
    s.store.delete_workshop(staff.session.staff_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

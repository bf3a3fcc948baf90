//! Processes and their set-up: the archive (public), and for admins creating and editing a
//! process, choosing the current one, its phases and its fields of action.

use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{AdminWrite, JsonBody, Write};
use super::staff_auth::Admin;
use super::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use werkstadt_domain::api::{Process, ProcessOverview, Results, ThemeSummary};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::setup::{PhaseList, ProcessDraft, ThemeDraft, ThemeOrder};
use werkstadt_domain::{ProcessId, ThemeId};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes", get(list_processes))
        .route("/processes/{process_id}", get(process_by_id))
        .route("/processes/{process_id}/results", get(process_results))
        .route("/admin/processes", post(create_process))
        .route("/admin/processes/{process_id}", put(edit_process))
        .route("/admin/processes/{process_id}/current", put(make_current))
        .route("/admin/processes/{process_id}/phases", put(set_phases))
        .route("/admin/processes/{process_id}/themes", post(add_theme))
        .route(
            "/admin/processes/{process_id}/theme-order",
            put(order_themes),
        )
        .route("/admin/themes/{theme_id}", put(edit_theme))
}

/// Every process, newest first: the current one (`current`) and the archive.
#[utoipa::path(get, path = "/api/processes", tag = "process",
    responses((status = 200, body = Vec<Process>)))]
pub async fn list_processes(State(s): State<AppState>) -> Result<AppJson<Vec<Process>>, ApiError> {
    Ok(AppJson(s.store.processes().await?))
}

/// One process (current or archived) with its fields of action.
#[utoipa::path(get, path = "/api/processes/{process_id}", tag = "process",
    params(("process_id" = ProcessId, Path)),
    responses((status = 200, body = ProcessOverview),
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn process_by_id(
    State(s): State<AppState>,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<ProcessOverview>, ApiError> {
    Ok(AppJson(s.store.process_overview_of(id).await?))
}

/// The results of one process; an archived process's stand as they were at its end.
#[utoipa::path(get, path = "/api/processes/{process_id}/results", tag = "process",
    params(("process_id" = ProcessId, Path)),
    responses((status = 200, body = Results),
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn process_results(
    State(s): State<AppState>,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<Results>, ApiError> {
    Ok(AppJson(s.store.results_of(id).await?))
}

/// Creates a process (the first one becomes current).
#[utoipa::path(post, path = "/api/admin/processes", tag = "admin", request_body = ProcessDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = Process), AdminWrite, JsonBody, Write,
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_too_long, body_invalid, budget_out_of_range, dates_invalid: the end is not after the start")))]
pub async fn create_process(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppJson(draft): AppJson<ProcessDraft>,
) -> Result<(StatusCode, AppJson<Process>), ApiError> {
    let p = s
        .store
        .create_process(admin.session.staff_id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(p)))
}

/// Edits a process's title, description, dates, dot budget, moderation and verification.
/// Lowering the dot budget keeps ballots already placed; a changed ballot must fit it.
#[utoipa::path(put, path = "/api/admin/processes/{process_id}", tag = "admin",
    params(("process_id" = ProcessId, Path)), request_body = ProcessDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Process), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process"),
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_too_long, body_invalid, budget_out_of_range, dates_invalid: reversed, or a phase would lie outside")))]
pub async fn edit_process(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ProcessId>,
    AppJson(draft): AppJson<ProcessDraft>,
) -> Result<AppJson<Process>, ApiError> {
    Ok(AppJson(
        s.store
            .edit_process(admin.session.staff_id, id, draft)
            .await?,
    ))
}

/// Makes a process the current one (shown on the start page); the previous one is archived.
#[utoipa::path(put, path = "/api/admin/processes/{process_id}/current", tag = "admin",
    params(("process_id" = ProcessId, Path)),
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Process), AdminWrite, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process")))]
pub async fn make_current(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<Process>, ApiError> {
    Ok(AppJson(
        s.store.make_current(admin.session.staff_id, id).await?,
    ))
}

/// Replaces a process's phases (dated, within the process's dates, not overlapping), each
/// with the modules it opens.
#[utoipa::path(put, path = "/api/admin/processes/{process_id}/phases", tag = "admin",
    params(("process_id" = ProcessId, Path)), request_body = PhaseList,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Process), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process"),
              (status = 422, body = ApiErrorBody, description = "dates_invalid: reversed, outside the process or more than 12 phases; phases_overlap; title_too_short, title_too_long, title_invalid, body_too_long, body_invalid")))]
pub async fn set_phases(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ProcessId>,
    AppJson(list): AppJson<PhaseList>,
) -> Result<AppJson<Process>, ApiError> {
    Ok(AppJson(
        s.store
            .set_phases(admin.session.staff_id, id, list.phases)
            .await?,
    ))
}

/// Adds a field of action at the end of the process's list.
#[utoipa::path(post, path = "/api/admin/processes/{process_id}/themes", tag = "admin",
    params(("process_id" = ProcessId, Path)), request_body = ThemeDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = ThemeSummary), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process"),
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_too_long, body_invalid")))]
pub async fn add_theme(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ProcessId>,
    AppJson(draft): AppJson<ThemeDraft>,
) -> Result<(StatusCode, AppJson<ThemeSummary>), ApiError> {
    let t = s.store.add_theme(admin.session.staff_id, id, draft).await?;
    Ok((StatusCode::CREATED, AppJson(t)))
}

/// Edits a field of action: title, description, retired (no new ideas or dots; its ideas and
/// results stay).
#[utoipa::path(put, path = "/api/admin/themes/{theme_id}", tag = "admin",
    params(("theme_id" = ThemeId, Path)), request_body = ThemeDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = ThemeSummary), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_theme"),
              (status = 409, body = ApiErrorBody, description = "last_open_theme: the last field of action taking ideas"),
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_too_long, body_invalid")))]
pub async fn edit_theme(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ThemeId>,
    AppJson(draft): AppJson<ThemeDraft>,
) -> Result<AppJson<ThemeSummary>, ApiError> {
    Ok(AppJson(
        s.store
            .edit_theme(admin.session.staff_id, id, draft)
            .await?,
    ))
}

/// Puts a process's fields of action in order (each exactly once).
#[utoipa::path(put, path = "/api/admin/processes/{process_id}/theme-order", tag = "admin",
    params(("process_id" = ProcessId, Path)), request_body = ThemeOrder,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Vec<ThemeSummary>), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process; unknown_theme: the list is not exactly the process's fields of action")))]
pub async fn order_themes(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(id): AppPath<ProcessId>,
    AppJson(order): AppJson<ThemeOrder>,
) -> Result<AppJson<Vec<ThemeSummary>>, ApiError> {
    Ok(AppJson(
        s.store
            .order_themes(admin.session.staff_id, id, order.theme_ids)
            .await?,
    ))
}

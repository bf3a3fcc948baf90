//! Evaluation matrices: moderators and admins define, invite, close and publish
//! (`/api/moderation/…`); an invited DigitalSupporter — or any moderator — reads a matrix and
//! replaces their own sheet (`/api/staff/matrices/…`); everybody reads the published ones with
//! their results, without any expert's name or id (`/api/processes/{id}/matrices`).

use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{JsonBody, SignedRead, StaffRead, StaffWrite, Write};
use super::staff_auth::{Signed, Staff};
use super::AppState;
use crate::storage::matrix::Scorer;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ids::MatrixId;
use werkstadt_domain::matrix::{
    ExpertAccount, ExpertInvite, MatrixDraft, MatrixRecord, MatrixReview, MatrixSheetView,
    PublicMatrix, Score, SheetDraft, StateChange,
};
use werkstadt_domain::ProcessId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes/{process_id}/matrices", get(published))
        .route(
            "/moderation/processes/{process_id}/matrices",
            get(list).post(create),
        )
        .route("/moderation/matrices/{matrix_id}", get(review).put(edit))
        .route("/moderation/matrices/{matrix_id}/experts", post(invite))
        .route("/moderation/matrices/{matrix_id}/state", put(set_state))
        .route("/moderation/experts", get(experts))
        .route("/staff/matrices", get(mine))
        .route("/staff/matrices/{matrix_id}", get(sheet))
        .route("/staff/matrices/{matrix_id}/sheet", put(put_sheet))
}

fn scorer(s: Signed) -> Scorer {
    Scorer {
        staff_id: s.session.staff_id,
        role: s.session.role,
    }
}

/// The published evaluation matrices of a process: options, criteria, scale, advantages and
/// disadvantages, and the result (per-cell mean and spread, plain and weighted totals,
/// ranking). No expert's name or id.
#[utoipa::path(get, path = "/api/processes/{process_id}/matrices", tag = "matrices",
    params(("process_id" = ProcessId, Path)),
    responses((status = 200, body = Vec<PublicMatrix>),
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn published(
    State(s): State<AppState>,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<Vec<PublicMatrix>>, ApiError> {
    Ok(AppJson(s.store.public_matrices(id).await?))
}

/// Every matrix of a process, in any state, with its invited DigitalSupporters.
#[utoipa::path(get, path = "/api/moderation/processes/{process_id}/matrices", tag = "matrices",
    operation_id = "moderation_matrices",
    params(("process_id" = ProcessId, Path)), security(("staff_session" = [])),
    responses((status = 200, body = Vec<MatrixRecord>), StaffRead,
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn list(
    State(s): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<Vec<MatrixRecord>>, ApiError> {
    Ok(AppJson(s.store.matrices(id).await?))
}

/// Creates an open matrix in a process (scale default: 0–4 with the concept paper's labels).
#[utoipa::path(post, path = "/api/moderation/processes/{process_id}/matrices", tag = "matrices",
    params(("process_id" = ProcessId, Path)), request_body = MatrixDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = MatrixRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_process; unknown_idea, unknown_project: an option's idea or project is not of this process"),
              (status = 409, body = ApiErrorBody, description = "idea_not_published: an option's idea"),
              (status = 422, body = ApiErrorBody, description = "unknown_option, unknown_criterion: an id the matrix does not have; duplicate_entry; matrix_too_large; scale_invalid; weight_out_of_range; title_too_short, title_too_long, title_invalid, body_too_long, body_invalid")))]
pub async fn create(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProcessId>,
    AppJson(draft): AppJson<MatrixDraft>,
) -> Result<(StatusCode, AppJson<MatrixRecord>), ApiError> {
    let m = s
        .store
        .create_matrix(staff.session.staff_id, id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(m)))
}

/// A matrix with every sheet (by user name) and the result computed from them.
#[utoipa::path(get, path = "/api/moderation/matrices/{matrix_id}", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), security(("staff_session" = [])),
    responses((status = 200, body = MatrixReview), StaffRead,
              (status = 404, body = ApiErrorBody, description = "unknown_matrix, or not_found: not a matrix id")))]
pub async fn review(
    State(s): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<MatrixId>,
) -> Result<AppJson<MatrixReview>, ApiError> {
    Ok(AppJson(s.store.matrix_review(id).await?))
}

/// Edits an open matrix. Options and criteria with an `id` are kept (with their scores), those
/// without are new, those left out are removed with their scores.
#[utoipa::path(put, path = "/api/moderation/matrices/{matrix_id}", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), request_body = MatrixDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = MatrixRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_matrix; unknown_idea, unknown_project: an option's idea or project is not of this process"),
              (status = 409, body = ApiErrorBody, description = "matrix_closed: closed or published; idea_not_published"),
              (status = 422, body = ApiErrorBody, description = "unknown_option, unknown_criterion; duplicate_entry; matrix_too_large; scale_invalid; score_out_of_range: the new scale leaves out scores already given; weight_out_of_range; title_too_short, title_too_long, title_invalid, body_too_long, body_invalid")))]
pub async fn edit(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<MatrixId>,
    AppJson(draft): AppJson<MatrixDraft>,
) -> Result<AppJson<MatrixRecord>, ApiError> {
    Ok(AppJson(
        s.store
            .edit_matrix(staff.session.staff_id, id, draft)
            .await?,
    ))
}

/// Invites a DigitalSupporter (by staff account id) to score the matrix; inviting again
/// changes nothing. A process has at most 12 DigitalSupporters over all its matrices.
#[utoipa::path(post, path = "/api/moderation/matrices/{matrix_id}/experts", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), request_body = ExpertInvite,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = MatrixRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_matrix; unknown_expert: no active DigitalSupporter account with this id"),
              (status = 409, body = ApiErrorBody, description = "expert_limit: the process has its 12 DigitalSupporters; matrix_closed: published")))]
pub async fn invite(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<MatrixId>,
    AppJson(req): AppJson<ExpertInvite>,
) -> Result<AppJson<MatrixRecord>, ApiError> {
    Ok(AppJson(
        s.store
            .invite_expert(staff.session.staff_id, id, req.staff_id)
            .await?,
    ))
}

/// Closes (no more scores or edits), reopens or publishes a matrix. Publishing needs a closed
/// matrix and is final; asking for the state it is in changes nothing.
#[utoipa::path(put, path = "/api/moderation/matrices/{matrix_id}/state", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), request_body = StateChange,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = MatrixRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_matrix"),
              (status = 409, body = ApiErrorBody, description = "matrix_not_closed: publishing an open matrix; matrix_closed: a published matrix stays published")))]
pub async fn set_state(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<MatrixId>,
    AppJson(req): AppJson<StateChange>,
) -> Result<AppJson<MatrixRecord>, ApiError> {
    Ok(AppJson(
        s.store
            .set_matrix_state(staff.session.staff_id, id, req.state)
            .await?,
    ))
}

/// The DigitalSupporter accounts (to invite from).
#[utoipa::path(get, path = "/api/moderation/experts", tag = "matrices",
    security(("staff_session" = [])),
    responses((status = 200, body = Vec<ExpertAccount>), StaffRead))]
pub async fn experts(
    State(s): State<AppState>,
    _staff: Staff,
) -> Result<AppJson<Vec<ExpertAccount>>, ApiError> {
    Ok(AppJson(s.store.expert_accounts().await?))
}

/// The matrices the signed-in staff member is invited to score, newest first.
#[utoipa::path(get, path = "/api/staff/matrices", tag = "matrices",
    security(("staff_session" = [])),
    responses((status = 200, body = Vec<MatrixRecord>), SignedRead))]
pub async fn mine(
    State(s): State<AppState>,
    signed: Signed,
) -> Result<AppJson<Vec<MatrixRecord>>, ApiError> {
    Ok(AppJson(s.store.my_matrices(scorer(signed)).await?))
}

/// A matrix and the caller's own sheet: for an invited DigitalSupporter, or any moderator.
#[utoipa::path(get, path = "/api/staff/matrices/{matrix_id}", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), security(("staff_session" = [])),
    responses((status = 200, body = MatrixSheetView),
              (status = 401, body = ApiErrorBody, description = "staff_required: no valid staff session"),
              (status = 403, body = ApiErrorBody, description = "not_invited: a DigitalSupporter not invited to this matrix"),
              (status = 404, body = ApiErrorBody, description = "unknown_matrix, or not_found: not a matrix id")))]
pub async fn sheet(
    State(s): State<AppState>,
    signed: Signed,
    AppPath(id): AppPath<MatrixId>,
) -> Result<AppJson<MatrixSheetView>, ApiError> {
    Ok(AppJson(s.store.matrix_sheet(scorer(signed), id).await?))
}

/// Replaces the caller's own sheet (cells left out are unscored) while the matrix is open.
/// Nobody else's sheet changes.
#[utoipa::path(put, path = "/api/staff/matrices/{matrix_id}/sheet", tag = "matrices",
    params(("matrix_id" = MatrixId, Path)), request_body = SheetDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Vec<Score>, description = "the sheet as stored"),
              JsonBody, Write,
              (status = 401, body = ApiErrorBody, description = "staff_required: no valid staff session"),
              (status = 403, body = ApiErrorBody, description = "csrf_mismatch: the CSRF header is missing or wrong; not_invited: a DigitalSupporter not invited to this matrix"),
              (status = 404, body = ApiErrorBody, description = "unknown_matrix, or not_found: not a matrix id"),
              (status = 409, body = ApiErrorBody, description = "matrix_closed: closed or published"),
              (status = 422, body = ApiErrorBody, description = "unknown_option, unknown_criterion; duplicate_entry: a cell twice; score_out_of_range; body_too_long, body_invalid (a note)")))]
pub async fn put_sheet(
    State(s): State<AppState>,
    signed: Signed,
    AppPath(id): AppPath<MatrixId>,
    AppJson(draft): AppJson<SheetDraft>,
) -> Result<AppJson<Vec<Score>>, ApiError> {
    Ok(AppJson(s.store.put_sheet(scorer(signed), id, draft).await?))
}

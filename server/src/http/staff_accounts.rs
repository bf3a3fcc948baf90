//! The life cycle of staff accounts: an admin deactivates or reactivates an account and resets
//! its password; every staff member changes their own password. Rules and audit lines are in
//! `storage::staff_accounts`; here the input is checked and passwords are hashed.

use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{AdminWrite, JsonBody, SignedWrite, Write};
use super::staff_auth::{Admin, Signed};
use super::AppState;
use crate::auth;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::put;
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::staff::{check_password, PasswordChange, PasswordReset, StaffActive};
use werkstadt_domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/staff/{username}/active", put(set_active))
        .route("/admin/staff/{username}/password", put(reset_password))
        .route("/staff/me/password", put(change_password))
}

/// A new password's length checked, then hashed (argon2id, off the executor).
async fn new_hash(password: String) -> Result<String, ApiError> {
    check_password(&password)
        .map_err(|c| ApiError::client(c, "Passwords need 12 to 200 characters."))?;
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// Deactivates an account (its sessions end at once; it cannot sign in) or reactivates it.
/// The last active admin cannot be deactivated; an admin may deactivate themself while
/// another admin is active.
#[utoipa::path(put, path = "/api/admin/staff/{username}/active", tag = "admin",
    params(("username" = String, Path, description = "the account's user name")),
    request_body = StaffActive, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "done (also when it already was so)"),
              AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: no such account"),
              (status = 409, body = ApiErrorBody, description = "last_admin: the last active admin cannot be deactivated")))]
pub async fn set_active(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(username): AppPath<String>,
    AppJson(req): AppJson<StaffActive>,
) -> Result<StatusCode, ApiError> {
    s.store
        .set_staff_active(admin.session.staff_id, username, req.active)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets a new password for an account; all its sessions end.
#[utoipa::path(put, path = "/api/admin/staff/{username}/password", tag = "admin",
    params(("username" = String, Path, description = "the account's user name")),
    request_body = PasswordReset, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "the new password is set"),
              AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: no such account"),
              (status = 422, body = ApiErrorBody, description = "password_too_short, password_too_long")))]
pub async fn reset_password(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppPath(username): AppPath<String>,
    AppJson(req): AppJson<PasswordReset>,
) -> Result<StatusCode, ApiError> {
    let hash = new_hash(req.password).await?;
    s.store
        .reset_staff_password(admin.session.staff_id, username, hash)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the signed-in staff member's own password; their other sessions end, this one
/// stays.
#[utoipa::path(put, path = "/api/staff/me/password", tag = "staff",
    request_body = PasswordChange, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "the new password is set"),
              SignedWrite, JsonBody, Write,
              (status = 422, body = ApiErrorBody, description = "wrong_password: the current password is wrong; password_too_short, password_too_long")))]
pub async fn change_password(
    State(s): State<AppState>,
    staff: Signed,
    AppJson(req): AppJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let staff_id = staff.session.staff_id;
    let stored = s.store.staff_password_hash(staff_id.clone()).await?;
    let current = req.current;
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(Some(&stored), &current))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if !ok {
        return Err(ApiError::client(
            ErrorCode::WrongPassword,
            "The current password is wrong.",
        ));
    }
    let hash = new_hash(req.password).await?;
    s.store
        .change_own_password(staff_id, hash, staff.token_hash)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

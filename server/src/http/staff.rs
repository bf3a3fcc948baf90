//! Staff sign-in and administration: `/api/staff/*` (any staff member) and `/api/admin/*`
//! (admins). Sessions are cookies (HttpOnly, SameSite=Strict, Secure over HTTPS); writes need
//! the CSRF token the sign-in returned. Every staff action lands in the audit log.

use super::csv_table::CsvTable;
use super::error::ApiError;
use super::extract::AppJson;
use super::openapi::{AdminRead, AdminWrite, JsonBody, SignedRead, SignedWrite, Write};
use super::staff_auth::{Admin, Signed};
use super::AppState;
use crate::auth;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::staff::{
    check_password, AuditEntry, LoginRequest, NewStaff, StaffMember, StaffSession, Username,
    SESSION_COOKIE, SESSION_HOURS,
};
use werkstadt_domain::ErrorCode;

/// Routes that count against the sign-in rate limit.
pub fn login_router() -> Router<AppState> {
    Router::new().route("/staff/login", post(login))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/logout", post(logout))
        .route("/staff/me", get(me))
        .route("/admin/staff", get(list_staff).post(create_staff))
        .route("/admin/audit", get(audit))
        .route("/admin/audit.csv", get(audit_csv))
}

fn cookie(value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{SESSION_COOKIE}={value}; Path=/api; HttpOnly; SameSite=Strict; Max-Age={max_age_s}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Secure cookies when configured, or when a proxy says the request came over HTTPS.
fn secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

fn bad_credentials() -> ApiError {
    ApiError::client(
        ErrorCode::InvalidCredentials,
        "User name or password is wrong.",
    )
}

/// Signs a staff member in. A wrong user name and a wrong password get the same answer in
/// the same time. Rate-limited per client address.
#[utoipa::path(post, path = "/api/staff/login", tag = "staff", request_body = LoginRequest,
    responses((status = 200, body = StaffSession, description = "signed in",
               headers(("set-cookie" = String, description = "the session cookie"))),
              JsonBody, Write,
              (status = 401, body = ApiErrorBody, description = "invalid_credentials"),
              (status = 429, body = ApiErrorBody, description = "rate_limited: too many sign-in attempts (or writes) from this address")))]
pub async fn login(
    State(s): State<AppState>,
    headers: HeaderMap,
    AppJson(req): AppJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let record = match Username::parse(&req.username) {
        Ok(name) => s.store.staff_by_name(name.as_str().to_owned()).await?,
        Err(_) => None,
    };
    let hash = record.as_ref().map(|r| r.password_hash.clone());
    let password = req.password;
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(hash.as_deref(), &password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let Some(staff) = record.filter(|_| ok) else {
        tracing::info!("failed staff sign-in");
        return Err(bad_credentials());
    };
    let token = auth::random_token();
    let csrf_token = auth::random_token();
    let expires_at = crate::storage::now_ms() + SESSION_HOURS * 3_600_000;
    s.store
        .start_session(
            staff.id.clone(),
            auth::token_hash(&token),
            csrf_token.clone(),
            expires_at,
        )
        .await?;
    let body = StaffSession {
        username: staff.username,
        role: staff.role,
        csrf_token,
        expires_at,
    };
    let mut res = AppJson(body).into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&token, SESSION_HOURS * 3600, secure(&s, &headers)),
    );
    Ok(res)
}

/// Ends the session (needs the CSRF token).
#[utoipa::path(post, path = "/api/staff/logout", tag = "staff",
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "signed out",
               headers(("set-cookie" = String, description = "clears the session cookie"))),
              SignedWrite, Write))]
pub async fn logout(
    State(s): State<AppState>,
    headers: HeaderMap,
    staff: Signed,
) -> Result<Response, ApiError> {
    s.store
        .end_session(staff.token_hash, staff.session.staff_id)
        .await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, cookie("", 0, secure(&s, &headers)));
    Ok(res)
}

/// The signed-in staff member (and the CSRF token for writes).
#[utoipa::path(get, path = "/api/staff/me", tag = "staff", operation_id = "staff_me",
    security(("staff_session" = [])),
    responses((status = 200, body = StaffSession), SignedRead))]
pub async fn me(staff: Signed) -> AppJson<StaffSession> {
    let s = staff.session;
    AppJson(StaffSession {
        username: s.username,
        role: s.role,
        csrf_token: s.csrf_token,
        expires_at: s.expires_at,
    })
}

/// The staff accounts.
#[utoipa::path(get, path = "/api/admin/staff", tag = "admin", security(("staff_session" = [])),
    responses((status = 200, body = Vec<StaffMember>), AdminRead))]
pub async fn list_staff(
    State(s): State<AppState>,
    _admin: Admin,
) -> Result<AppJson<Vec<StaffMember>>, ApiError> {
    Ok(AppJson(s.store.list_staff().await?))
}

/// Creates a staff account: a DigitalSupporter (`expert`: scores the matrices they are invited
/// to, nothing else), a moderator or an admin.
#[utoipa::path(post, path = "/api/admin/staff", tag = "admin", request_body = NewStaff,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, description = "created"), AdminWrite, JsonBody, Write,
              (status = 400, body = ApiErrorBody, description = "malformed_json; bad_query: the role is not a staff role (expert, moderator, admin)"),
              (status = 409, body = ApiErrorBody, description = "username_taken"),
              (status = 422, body = ApiErrorBody, description = "username_invalid, password_too_short, password_too_long")))]
pub async fn create_staff(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppJson(new): AppJson<NewStaff>,
) -> Result<StatusCode, ApiError> {
    let name = Username::parse(&new.username)
        .map_err(|c| ApiError::client(c, "User names are 3–40 of a–z, 0–9, '.', '_', '-'."))?;
    check_password(&new.password)
        .map_err(|c| ApiError::client(c, "Passwords need 12 to 200 characters."))?;
    if !new.role.is_staff() {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            "Staff accounts are DigitalSupporters (expert), moderators or admins.",
        ));
    }
    let password = new.password;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    s.store
        .create_staff(name, hash, new.role, Some(admin.session.staff_id))
        .await?;
    Ok(StatusCode::CREATED)
}

/// The audit log, oldest first.
#[utoipa::path(get, path = "/api/admin/audit", tag = "admin", security(("staff_session" = [])),
    responses((status = 200, body = Vec<AuditEntry>), AdminRead))]
pub async fn audit(
    State(s): State<AppState>,
    _admin: Admin,
) -> Result<AppJson<Vec<AuditEntry>>, ApiError> {
    Ok(AppJson(s.store.audit_log().await?))
}

/// The audit log as CSV (UTF-8 with header row), for the committee's files.
#[utoipa::path(get, path = "/api/admin/audit.csv", tag = "admin", security(("staff_session" = [])),
    responses((status = 200, body = String, content_type = "text/csv", description = "seq,at,actor,action,target,before,after"),
              AdminRead))]
pub async fn audit_csv(State(s): State<AppState>, _admin: Admin) -> Result<Response, ApiError> {
    let entries = s.store.audit_log().await?;
    let mut table = CsvTable::new(&["seq", "at", "actor", "action", "target", "before", "after"])?;
    for e in entries {
        table.row([
            e.seq.to_string(),
            e.at.to_string(),
            e.actor,
            e.action,
            e.target,
            e.before.unwrap_or_default(),
            e.after.unwrap_or_default(),
        ])?;
    }
    table.into_download("werkstadt-audit.csv")
}

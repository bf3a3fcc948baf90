//! Who is signed in as staff: the session cookie, checked against the database; for writes
//! also the CSRF header. Every staff endpoint names its permission by the extractor it takes:
//! [`Signed`] (any staff account, DigitalSupporters too: their own account and the matrices
//! they are invited to), [`Staff`] (moderator or admin) or [`Admin`]. Roles are compared only
//! here, through `Role`'s methods.

use super::error::ApiError;
use super::AppState;
use crate::auth;
use crate::storage::staff::SessionRecord;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use werkstadt_domain::staff::{CSRF_HEADER, SESSION_COOKIE};
use werkstadt_domain::ErrorCode;

/// Any signed-in staff account: a DigitalSupporter, moderator or admin.
pub struct Signed {
    pub session: SessionRecord,
    pub token_hash: String,
}

/// A signed-in moderator or admin (never a DigitalSupporter).
pub struct Staff {
    pub session: SessionRecord,
}

/// A signed-in admin.
pub struct Admin(pub Staff);

/// The session token from the `Cookie` header(s), if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let signed_out = || ApiError::client(ErrorCode::StaffRequired, "Please sign in as staff.");
        let token = session_token(&parts.headers).ok_or_else(signed_out)?;
        let token_hash = auth::token_hash(&token);
        let session = state
            .store
            .session(token_hash.clone())
            .await?
            .ok_or_else(signed_out)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !auth::same(sent, &session.csrf_token) {
                return Err(ApiError::client(
                    ErrorCode::CsrfMismatch,
                    "This request lacks the session's CSRF token.",
                ));
            }
        }
        if !session.role.is_staff() {
            return Err(signed_out());
        }
        Ok(Self {
            session,
            token_hash,
        })
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let session = Signed::from_request_parts(parts, state).await?.session;
        if !session.role.can_moderate() {
            return Err(ApiError::client(
                ErrorCode::Forbidden,
                "Only moderators and admins may do this.",
            ));
        }
        Ok(Self { session })
    }
}

/// `Option<Signed>`: `Some` only for a valid session with its CSRF token on writes; anything
/// else (no cookie, an expired one) is `None`, so participant requests never fail on it.
impl axum::extract::OptionalFromRequestParts<AppState> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        if session_token(&parts.headers).is_none() {
            return Ok(None);
        }
        match <Signed as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(staff) => Ok(Some(staff)),
            Err(ApiError::Internal(e)) => Err(ApiError::Internal(e)),
            Err(_) => Ok(None),
        }
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let staff = Staff::from_request_parts(parts, state).await?;
        if !staff.session.role.is_admin() {
            return Err(ApiError::client(
                ErrorCode::Forbidden,
                "Only admins may do this.",
            ));
        }
        Ok(Self(staff))
    }
}

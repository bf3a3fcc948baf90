//! Extractors that answer bad input in werkstadt's error format instead of axum's plain text.

use super::error::ApiError;
use crate::storage::{Caller, KioskKey};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;
use sha2::{Digest, Sha256};
use werkstadt_domain::api::{PARTICIPANT_ID_HEADER, PARTICIPANT_SECRET_HEADER, SECRET_HEX_LEN};
use werkstadt_domain::kiosk::{KIOSK_ID_HEADER, KIOSK_SECRET_HEADER};
use werkstadt_domain::{ErrorCode, ParticipantId};

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct AppJson<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for AppJson<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct AppQuery<T>(pub T);

/// The participant making a request, from the id and secret headers. The secret is hashed
/// right here; the plain secret goes no further.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let (Some(id), Some(secret)) = (
            header(PARTICIPANT_ID_HEADER),
            header(PARTICIPANT_SECRET_HEADER),
        ) else {
            return Err(ApiError::client(
                ErrorCode::AuthRequired,
                "This action needs a participant id and secret.",
            ));
        };
        let id: ParticipantId = id.parse().map_err(|_| {
            ApiError::client(
                ErrorCode::AuthRequired,
                "The participant id is not a valid UUID.",
            )
        })?;
        if secret.len() != SECRET_HEX_LEN || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::client(
                ErrorCode::AuthRequired,
                "The participant secret must be 64 hex characters.",
            ));
        }
        let secret_hash = hex::encode(Sha256::digest(secret.to_ascii_lowercase().as_bytes()));
        let kiosk = kiosk_key(parts)?;
        Ok(Caller {
            id,
            secret_hash,
            kiosk,
        })
    }
}

/// The kiosk credential headers, if sent (malformed ones are refused, never ignored: a kiosk
/// must not act as a plain participant by mistake).
fn kiosk_key(parts: &Parts) -> Result<Option<KioskKey>, ApiError> {
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let (id, secret) = (header(KIOSK_ID_HEADER), header(KIOSK_SECRET_HEADER));
    if id.is_none() && secret.is_none() {
        return Ok(None);
    }
    let invalid = || ApiError::client(ErrorCode::KioskInvalid, "Unknown kiosk credential.");
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err(invalid());
    };
    let id: uuid::Uuid = id.parse().map_err(|_| invalid())?;
    if secret.len() != SECRET_HEX_LEN || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    Ok(Some(KioskKey {
        id: id.to_string(),
        secret_hash: hex::encode(Sha256::digest(secret.to_ascii_lowercase().as_bytes())),
    }))
}

/// A kiosk's own requests: its credential is required.
impl<S: Send + Sync> FromRequestParts<S> for KioskKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        kiosk_key(parts)?.ok_or_else(|| {
            ApiError::client(ErrorCode::KioskInvalid, "This needs a kiosk credential.")
        })
    }
}

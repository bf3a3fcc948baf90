//! Kiosks: staff set one up (a pairing code), the device pairs with the code and an exit PIN
//! and then holds only its kiosk credential; staff list and revoke kiosks. Pairing and exit
//! go through the sign-in rate limit (they take a code or a PIN).

use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{JsonBody, StaffRead, StaffWrite, Write};
use super::staff_auth::Staff;
use super::AppState;
use crate::auth;
use crate::storage::kiosks::KioskDraft;
use crate::storage::KioskKey;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::kiosk::{
    check_pin, normalise_pairing_code, pairing_code_from_random, parse_label, KioskExit,
    KioskPaired, KioskPairing, KioskRecord, KioskSettings, NewKiosk, PairKiosk, PAIRING_CODE_LEN,
    RESET_MAX_SECS, RESET_MIN_SECS,
};
use werkstadt_domain::ErrorCode;

/// Staff's routes and the kiosk's own reads.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/moderation/kiosks", get(list_kiosks).post(create_kiosk))
        .route("/moderation/kiosks/{id}/revoke", post(revoke_kiosk))
        .route("/kiosk/me", get(kiosk_settings))
}

/// The routes that take a pairing code or a PIN (rate-limited like signing in).
pub fn guarded_router() -> Router<AppState> {
    Router::new()
        .route("/kiosk/pair", post(pair_kiosk))
        .route("/kiosk/exit", post(exit_kiosk))
}

fn display(code: &str) -> String {
    format!("{}-{}", &code[..4], &code[4..])
}

/// Sets up a kiosk: its label, reset time and workshop; answers the pairing code to type on
/// the device (valid 10 minutes, once).
#[utoipa::path(post, path = "/api/moderation/kiosks", tag = "kiosk", request_body = NewKiosk,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = KioskPairing, description = "set up; pair within 10 minutes"),
              StaffWrite, JsonBody, Write,
              (status = 400, body = ApiErrorBody, description = "bad_query: label or reset seconds out of range"),
              (status = 404, body = ApiErrorBody, description = "unknown_workshop: no workshop with this id")))]
pub async fn create_kiosk(
    State(s): State<AppState>,
    staff: Staff,
    AppJson(req): AppJson<NewKiosk>,
) -> Result<(StatusCode, AppJson<KioskPairing>), ApiError> {
    let Some(label) = parse_label(&req.label) else {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            "A label of 1 to 60 characters on one line, without '<' or '>'.",
        ));
    };
    if req
        .reset_seconds
        .is_some_and(|r| !(RESET_MIN_SECS..=RESET_MAX_SECS).contains(&r))
    {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            format!("The reset time is {RESET_MIN_SECS} to {RESET_MAX_SECS} seconds."),
        ));
    }
    let workshop_id = req.workshop_id.filter(|w| !w.trim().is_empty());
    if workshop_id
        .as_ref()
        .is_some_and(|w| w.parse::<uuid::Uuid>().is_err())
    {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            "The workshop id is not a UUID.",
        ));
    }
    let mut bytes = [0u8; PAIRING_CODE_LEN];
    werkstadt_random(&mut bytes);
    let code = pairing_code_from_random(bytes);
    let draft = KioskDraft {
        label,
        reset_seconds: req.reset_seconds,
        workshop_id,
        code_hash: auth::token_hash(&code),
    };
    let (kiosk_id, expires_at) = s.store.create_kiosk(staff.session.staff_id, draft).await?;
    let pairing = KioskPairing {
        kiosk_id,
        code: display(&code),
        expires_at,
    };
    Ok((StatusCode::CREATED, AppJson(pairing)))
}

fn werkstadt_random(buf: &mut [u8]) {
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        buf,
    );
}

/// Every kiosk, newest first: paired or waiting for its code, last seen, revoked.
#[utoipa::path(get, path = "/api/moderation/kiosks", tag = "kiosk",
    security(("staff_session" = [])),
    responses((status = 200, body = Vec<KioskRecord>), StaffRead))]
pub async fn list_kiosks(
    State(s): State<AppState>,
    _staff: Staff,
) -> Result<AppJson<Vec<KioskRecord>>, ApiError> {
    Ok(AppJson(s.store.kiosks().await?))
}

/// Revokes a kiosk: its credential answers `401 kiosk_revoked` from now on.
#[utoipa::path(post, path = "/api/moderation/kiosks/{id}/revoke", tag = "kiosk",
    params(("id" = String, Path, description = "the kiosk's id")),
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "revoked"), StaffWrite, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: no such kiosk")))]
pub async fn revoke_kiosk(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<uuid::Uuid>,
) -> Result<StatusCode, ApiError> {
    s.store
        .revoke_kiosk(staff.session.staff_id, id.to_string())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The device pairs: the code from the staff app and the exit PIN chosen now. The answer's
/// secret is shown this once; the server keeps only its hash.
#[utoipa::path(post, path = "/api/kiosk/pair", tag = "kiosk", request_body = PairKiosk,
    responses((status = 200, body = KioskPaired, description = "paired"), JsonBody,
              (status = 410, body = ApiErrorBody, description = "pairing_code_expired"),
              (status = 422, body = ApiErrorBody, description = "pairing_code_invalid, pin_invalid"),
              (status = 429, body = ApiErrorBody, description = "rate_limited: too many attempts"),
              (status = 503, body = ApiErrorBody, description = "busy")))]
pub async fn pair_kiosk(
    State(s): State<AppState>,
    AppJson(req): AppJson<PairKiosk>,
) -> Result<AppJson<KioskPaired>, ApiError> {
    let code = normalise_pairing_code(&req.code)
        .map_err(|c| ApiError::client(c, "A pairing code has 8 characters, XXXX-XXXX."))?;
    check_pin(&req.pin).map_err(|c| ApiError::client(c, "The PIN is 4 to 12 digits."))?;
    let pin = req.pin;
    let pin_hash = tokio::task::spawn_blocking(move || auth::hash_password(&pin))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let secret = auth::random_token();
    let settings = s
        .store
        .pair_kiosk(auth::token_hash(&code), auth::token_hash(&secret), pin_hash)
        .await?;
    Ok(AppJson(KioskPaired { secret, settings }))
}

/// The kiosk's settings (reset time, workshop); also its sign of life for the staff list.
#[utoipa::path(get, path = "/api/kiosk/me", tag = "kiosk",
    params(KioskHeaders),
    responses((status = 200, body = KioskSettings),
              (status = 401, body = ApiErrorBody, description = "kiosk_invalid, kiosk_revoked"),
              (status = 503, body = ApiErrorBody, description = "busy")))]
pub async fn kiosk_settings(
    State(s): State<AppState>,
    key: KioskKey,
) -> Result<AppJson<KioskSettings>, ApiError> {
    Ok(AppJson(s.store.kiosk_settings(key).await?))
}

/// Staff leave the kiosk on the device: the PIN set at pairing.
#[utoipa::path(post, path = "/api/kiosk/exit", tag = "kiosk", request_body = KioskExit,
    params(KioskHeaders),
    responses((status = 204, description = "the PIN is right"), JsonBody,
              (status = 401, body = ApiErrorBody, description = "kiosk_invalid, kiosk_revoked"),
              (status = 422, body = ApiErrorBody, description = "wrong_pin"),
              (status = 429, body = ApiErrorBody, description = "rate_limited: too many attempts"),
              (status = 503, body = ApiErrorBody, description = "busy")))]
pub async fn exit_kiosk(
    State(s): State<AppState>,
    key: KioskKey,
    AppJson(req): AppJson<KioskExit>,
) -> Result<StatusCode, ApiError> {
    let hash = s.store.kiosk_pin_hash(key.clone()).await?;
    let pin = req.pin;
    let right = tokio::task::spawn_blocking(move || auth::verify_password(Some(&hash), &pin))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if !right {
        return Err(ApiError::client(
            ErrorCode::WrongPin,
            "This is not the kiosk's PIN.",
        ));
    }
    s.store.kiosk_exited(key).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The kiosk credential's headers, for the OpenAPI document.
pub struct KioskHeaders;

impl utoipa::IntoParams for KioskHeaders {
    fn into_params(
        _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::{ObjectBuilder, Required, Type};
        use werkstadt_domain::kiosk::{KIOSK_ID_HEADER, KIOSK_SECRET_HEADER};
        let header = |name: &str, schema: ObjectBuilder, doc: &str| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some(doc))
                .schema(Some(schema.build()))
                .build()
        };
        vec![
            header(
                KIOSK_ID_HEADER,
                ObjectBuilder::new().schema_type(Type::String).format(Some(
                    utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Uuid),
                )),
                "The kiosk's id (from pairing).",
            ),
            header(
                KIOSK_SECRET_HEADER,
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[0-9a-fA-F]{64}$")),
                "The kiosk's secret (from pairing).",
            ),
        ]
    }
}

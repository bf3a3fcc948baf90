//! Participation codes: admins issue batches (as JSON, or as a printable sheet with QR codes),
//! participants redeem one to become verified; admins switch "verified votes only".

use super::error::ApiError;
use super::extract::AppJson;
use super::openapi::{AdminWrite, JsonBody, Participant, Write};
use super::staff_auth::Admin;
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{post, put};
use axum::Router;
use werkstadt_domain::codes::{
    display, from_random, normalise, parse_label, CodeBatch, NewCodes, RedeemCode,
    VerificationSetting, CODE_LEN, LABEL_MAX, MAX_BATCH,
};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::openapi::ParticipantHeaders;
use werkstadt_domain::ErrorCode;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/codes", post(issue))
        .route("/admin/process/verification", put(set_verification))
        .route("/codes/redeem", post(redeem))
}

fn random_code() -> String {
    let mut bytes = [0u8; CODE_LEN];
    argon2::password_hash::rand_core::RngCore::fill_bytes(
        &mut argon2::password_hash::rand_core::OsRng,
        &mut bytes,
    );
    from_random(bytes)
}

/// Issues `count` single-use codes. JSON by default; with `Accept: text/html` a printable
/// sheet, one card per code with a QR code that opens the app with the code filled in.
#[utoipa::path(post, path = "/api/admin/codes", tag = "admin", request_body = NewCodes,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, description = "issued", content((CodeBatch = "application/json"), (String = "text/html"))),
              AdminWrite, JsonBody, Write,
              (status = 400, body = ApiErrorBody, description = "malformed_json; bad_query: count or label out of range")))]
pub async fn issue(
    State(s): State<AppState>,
    headers: HeaderMap,
    Admin(admin): Admin,
    AppJson(req): AppJson<NewCodes>,
) -> Result<Response, ApiError> {
    if !(1..=MAX_BATCH).contains(&req.count) {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            format!("Between 1 and {MAX_BATCH} codes per batch."),
        ));
    }
    let Some(label) = parse_label(&req.label) else {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            format!(
                "A label of 1 to {LABEL_MAX} visible characters on one line, without '<', '>' \
                 or direction overrides."
            ),
        ));
    };
    let codes: Vec<String> = (0..req.count).map(|_| random_code()).collect();
    s.store
        .issue_codes(admin.session.staff_id, label.clone(), codes.clone())
        .await?;
    let printed: Vec<String> = codes.iter().map(|c| display(c)).collect();
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        return Ok((
            StatusCode::CREATED,
            Html(sheet(&label, &printed, &s.public_url)?),
        )
            .into_response());
    }
    Ok((
        StatusCode::CREATED,
        AppJson(CodeBatch {
            label,
            codes: printed,
        }),
    )
        .into_response())
}

/// The code sheet's styles, inline: the sheet is one self-contained page (the staff app opens
/// it from memory). The content security policy allows exactly this text, by its hash.
pub const SHEET_STYLE: &str = "body{font-family:system-ui,sans-serif;color:#1a1a1a}\
.card{break-inside:avoid;border:1px dashed #767676;padding:1rem;margin:0 0 1rem;\
display:inline-block;width:45%;vertical-align:top}\
.code{font:700 1.5rem monospace;letter-spacing:.1em}";

/// A QR code of `url` as an SVG image at least `size` pixels wide.
pub fn qr_svg(url: &str, size: u32) -> Result<String, ApiError> {
    Ok(qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| ApiError::Internal(format!("qr code: {e}")))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(size, size)
        .build())
}

/// A printable page: per code a card with the code in large type and its QR code, which links
/// to the public address (`--public-url`).
fn sheet(label: &str, codes: &[String], public_url: &str) -> Result<String, ApiError> {
    let mut cards = String::new();
    for code in codes {
        let url = format!("{public_url}/code?c={code}");
        let qr = qr_svg(&url, 160)?;
        cards.push_str(&format!(
            "<section class=\"card\"><h2>Ihr Teilnahmecode</h2>{qr}<p class=\"code\">{code}</p>\
             <p>Öffnen Sie werkstadt und geben Sie den Code ein – oder scannen Sie den QR-Code. \
             Jeder Code gilt einmal.</p><p class=\"link\">{url}</p></section>"
        ));
    }
    Ok(format!(
        "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Teilnahmecodes – {label}</title>\
         <style>{SHEET_STYLE}</style></head>\
         <body><h1>Teilnahmecodes: {label}</h1>{cards}</body></html>"
    ))
}

/// Redeems a participation code: the caller is verified from now on.
#[utoipa::path(post, path = "/api/codes/redeem", tag = "codes", request_body = RedeemCode,
    params(ParticipantHeaders),
    responses((status = 204, description = "verified"), Participant, JsonBody, Write,
              (status = 409, body = ApiErrorBody, description = "code_used: someone else redeemed it"),
              (status = 422, body = ApiErrorBody, description = "code_invalid: mistyped, or never issued")))]
pub async fn redeem(
    State(s): State<AppState>,
    caller: Caller,
    AppJson(req): AppJson<RedeemCode>,
) -> Result<StatusCode, ApiError> {
    let canonical = normalise(&req.code)
        .map_err(|c| ApiError::client(c, "This is not a valid participation code."))?;
    s.store.redeem_code(caller, canonical).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether only verified participants may support ideas and place dots; while on, only their
/// supports and dots count in tallies and results (switching it back counts every vote again).
/// Ideas and themes whose shown counts change reach the apps through the change feed.
#[utoipa::path(put, path = "/api/admin/process/verification", tag = "admin",
    request_body = VerificationSetting, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "set"), AdminWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: no process")))]
pub async fn set_verification(
    State(s): State<AppState>,
    Admin(admin): Admin,
    AppJson(setting): AppJson<VerificationSetting>,
) -> Result<StatusCode, ApiError> {
    s.store
        .set_verified_only(admin.session.staff_id, setting.verified_only)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

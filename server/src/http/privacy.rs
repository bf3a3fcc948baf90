//! A participant's own data: take it out, or delete the identity (DSGVO Art. 15, 17, 20).

use super::error::ApiError;
use super::extract::AppJson;
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::privacy::{Deletion, MyData};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/data", get(my_data))
}

/// Everything stored under the caller's pseudonymous identity, with who sees each part, as a
/// JSON download. An identity that never wrote anything has nothing stored.
#[utoipa::path(get, path = "/api/me/data", tag = "privacy",
    params(
        ("x-participant-id" = String, Header, description = "participant UUID"),
        ("x-participant-secret" = String, Header, description = "64 hex characters")),
    responses((status = 200, body = MyData), (status = 401, body = ApiErrorBody)))]
pub async fn my_data(State(s): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    let data = s.store.my_data(caller).await?;
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"werkstadt-meine-daten.json\"",
            ),
        ],
        AppJson(data),
    )
        .into_response())
}

/// Deletes the caller's identity for good: supports and dot votes are removed, published
/// ideas and comments stay without an author, everything else is deleted. Nobody can undo it.
#[utoipa::path(delete, path = "/api/me", tag = "privacy",
    params(
        ("x-participant-id" = String, Header, description = "participant UUID"),
        ("x-participant-secret" = String, Header, description = "64 hex characters")),
    responses((status = 200, body = Deletion), (status = 401, body = ApiErrorBody),
              (status = 429, body = ApiErrorBody)))]
pub async fn delete_me(
    State(s): State<AppState>,
    caller: Caller,
) -> Result<AppJson<Deletion>, ApiError> {
    let done = s.store.delete_me(caller).await?;
    tracing::info!("a participant deleted their identity");
    Ok(AppJson(done))
}

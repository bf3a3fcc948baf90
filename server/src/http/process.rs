//! Health, the current process with its themes, and the results.

use super::error::ApiError;
use super::extract::AppJson;
use super::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use werkstadt_domain::api::{Health, ProcessOverview, Results};
use werkstadt_domain::error::ApiErrorBody;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/process", get(process))
        .route("/results", get(results))
}

/// Liveness and version.
#[utoipa::path(get, path = "/api/health", tag = "meta",
    responses((status = 200, body = Health)))]
pub async fn health() -> AppJson<Health> {
    AppJson(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// The current participation process and its themes with idea counts and dot totals.
#[utoipa::path(get, path = "/api/process", tag = "process",
    responses((status = 200, body = ProcessOverview), (status = 404, body = ApiErrorBody)))]
pub async fn process(State(s): State<AppState>) -> Result<AppJson<ProcessOverview>, ApiError> {
    Ok(AppJson(s.store.process_overview().await?))
}

/// Themes ranked by dot points, each with its most supported ideas.
#[utoipa::path(get, path = "/api/results", tag = "process",
    responses((status = 200, body = Results), (status = 404, body = ApiErrorBody)))]
pub async fn results(State(s): State<AppState>) -> Result<AppJson<Results>, ApiError> {
    Ok(AppJson(s.store.results().await?))
}

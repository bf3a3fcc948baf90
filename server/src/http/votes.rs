//! Dot votes and the caller's own state.

use super::error::ApiError;
use super::extract::AppJson;
use super::openapi::{JsonBody, Participant, Write};
use super::AppState;
use crate::storage::Caller;
use axum::extract::State;
use axum::routing::{get, put};
use axum::Router;
use werkstadt_domain::api::{DotVotes, MyState};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::openapi::ParticipantHeaders;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dots", put(set_dots))
        .route("/me", get(me).delete(super::privacy::delete_me))
}

/// Replaces the caller's dot allocation in the current process (budget: 5 points).
#[utoipa::path(put, path = "/api/dots", tag = "votes", request_body = DotVotes,
    params(ParticipantHeaders),
    responses((status = 200, body = MyState), Participant, JsonBody, Write,
              (status = 403, body = ApiErrorBody, description = "verification_required: the process counts verified participants only"),
              (status = 404, body = ApiErrorBody, description = "unknown_theme, or not_found: no process"),
              (status = 409, body = ApiErrorBody, description = "phase_closed: the process's phases close this now; workshop_closed: the caller takes part in a running workshop that does not offer it; theme_retired"),
              (status = 422, body = ApiErrorBody, description = "dot_budget_exceeded: more points than the budget; dot_invalid: a theme twice")))]
pub async fn set_dots(
    State(s): State<AppState>,
    caller: Caller,
    AppJson(votes): AppJson<DotVotes>,
) -> Result<AppJson<MyState>, ApiError> {
    Ok(AppJson(s.store.set_dots(caller, votes.allocations).await?))
}

/// The caller's supports and dot allocation.
#[utoipa::path(get, path = "/api/me", tag = "votes", params(ParticipantHeaders),
    responses((status = 200, body = MyState), Participant))]
pub async fn me(State(s): State<AppState>, caller: Caller) -> Result<AppJson<MyState>, ApiError> {
    Ok(AppJson(s.store.my_state(caller).await?))
}

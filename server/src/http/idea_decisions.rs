//! Committee decisions on an idea itself: public to read, recorded and withdrawn by staff
//! (moderators and admins, with the CSRF token). Every write answers the idea's decisions as
//! they now are.

use super::error::ApiError;
use super::extract::{AppJson, AppPath};
use super::openapi::{JsonBody, StaffWrite, Write};
use super::staff_auth::Staff;
use super::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ids::DecisionId;
use werkstadt_domain::projects::{CommitteeDecision, DecisionDraft};
use werkstadt_domain::IdeaId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ideas/{idea_id}/decisions", get(idea_decisions))
        .route(
            "/moderation/ideas/{idea_id}/decisions",
            axum::routing::post(add_idea_decision),
        )
        .route(
            "/moderation/ideas/{idea_id}/decisions/{decision_id}",
            delete(withdraw_idea_decision),
        )
}

/// The committee decisions on an idea, oldest first (empty for none, or an unknown idea).
#[utoipa::path(get, path = "/api/ideas/{idea_id}/decisions", tag = "projects",
    params(("idea_id" = IdeaId, Path)),
    responses((status = 200, body = Vec<CommitteeDecision>),
              (status = 404, body = ApiErrorBody, description = "not_found: the id is not a UUID")))]
pub async fn idea_decisions(
    State(s): State<AppState>,
    AppPath(idea): AppPath<IdeaId>,
) -> Result<AppJson<Vec<CommitteeDecision>>, ApiError> {
    Ok(AppJson(s.store.idea_decisions(idea).await?))
}

/// Records a committee decision on a published idea (body, date and outcome required).
#[utoipa::path(post, path = "/api/moderation/ideas/{idea_id}/decisions", tag = "projects",
    params(("idea_id" = IdeaId, Path)), request_body = DecisionDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = Vec<CommitteeDecision>), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_idea"),
              (status = 409, body = ApiErrorBody, description = "idea_not_published"),
              (status = 422, body = ApiErrorBody, description = "decision_incomplete: no body, date or outcome (or no name for 'other'); link_invalid; body_too_long, body_invalid, text_direction, text_invisible")))]
pub async fn add_idea_decision(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(idea): AppPath<IdeaId>,
    AppJson(draft): AppJson<DecisionDraft>,
) -> Result<(StatusCode, AppJson<Vec<CommitteeDecision>>), ApiError> {
    let list = s
        .store
        .add_idea_decision(staff.session.staff_id, idea, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(list)))
}

/// Withdraws a decision recorded by mistake.
#[utoipa::path(delete, path = "/api/moderation/ideas/{idea_id}/decisions/{decision_id}",
    tag = "projects",
    params(("idea_id" = IdeaId, Path), ("decision_id" = DecisionId, Path)),
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = Vec<CommitteeDecision>), StaffWrite, Write,
              (status = 404, body = ApiErrorBody, description = "not_found: the idea has no such decision")))]
pub async fn withdraw_idea_decision(
    State(s): State<AppState>,
    staff: Staff,
    AppPath((idea, decision)): AppPath<(IdeaId, DecisionId)>,
) -> Result<AppJson<Vec<CommitteeDecision>>, ApiError> {
    Ok(AppJson(
        s.store
            .withdraw_idea_decision(staff.session.staff_id, idea, decision)
            .await?,
    ))
}

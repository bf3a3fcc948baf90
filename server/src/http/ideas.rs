//! Ideas: list per theme, detail, submission, support.

use super::error::ApiError;
use super::extract::{AppJson, AppPath, AppQuery};
use super::openapi::{JsonBody, Participant, Write};
use super::AppState;
use crate::storage::{Caller, Created, IdeaDraft};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use werkstadt_domain::api::{
    IdeaDetail, IdeaListQuery, IdeaPage, IdeaSummary, NewIdea, SimilarQuery, SupportRequest,
    SupportState, SIMILAR_QUERY_MAX,
};
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::openapi::ParticipantHeaders;
use werkstadt_domain::sync::{CommentRecord, NewComment};
use werkstadt_domain::{CommentBody, ErrorCode, IdeaId, ThemeId};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/themes/{theme_id}/ideas", get(list))
        .route("/ideas", post(submit))
        .route("/ideas/similar", get(similar))
        .route("/ideas/{idea_id}", get(detail))
        .route("/ideas/{idea_id}/support", put(support))
        .route("/ideas/{idea_id}/comments", get(comments).post(add_comment))
}

/// The ideas of a theme, sorted by support or newest first, paginated.
#[utoipa::path(get, path = "/api/themes/{theme_id}/ideas", tag = "ideas",
    params(("theme_id" = ThemeId, Path), IdeaListQuery),
    responses((status = 200, body = IdeaPage),
              (status = 400, body = ApiErrorBody, description = "bad_query: page or per_page out of range"),
              (status = 404, body = ApiErrorBody, description = "unknown_theme, or not_found: not a theme id")))]
pub async fn list(
    State(s): State<AppState>,
    AppPath(theme): AppPath<ThemeId>,
    AppQuery(query): AppQuery<IdeaListQuery>,
) -> Result<AppJson<IdeaPage>, ApiError> {
    if query.window().is_none() {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            "page must be at least 1 and per_page between 1 and 100.",
        ));
    }
    Ok(AppJson(s.store.ideas_page(theme, query).await?))
}

/// Up to five published ideas similar to what the citizen is typing ("support instead of
/// submitting again").
#[utoipa::path(get, path = "/api/ideas/similar", tag = "ideas", params(SimilarQuery),
    responses((status = 200, body = Vec<IdeaSummary>),
              (status = 400, body = ApiErrorBody, description = "bad_query: the search text is too long")))]
pub async fn similar(
    State(s): State<AppState>,
    AppQuery(q): AppQuery<SimilarQuery>,
) -> Result<AppJson<Vec<IdeaSummary>>, ApiError> {
    if q.q.chars().count() > SIMILAR_QUERY_MAX {
        return Err(ApiError::client(
            ErrorCode::BadQuery,
            "The search text is too long.",
        ));
    }
    Ok(AppJson(s.store.similar_ideas(q.q).await?))
}

/// One idea with its text and support count.
#[utoipa::path(get, path = "/api/ideas/{idea_id}", tag = "ideas",
    params(("idea_id" = IdeaId, Path)),
    responses((status = 200, body = IdeaDetail),
              (status = 404, body = ApiErrorBody, description = "unknown_idea, or not_found: not an idea id")))]
pub async fn detail(
    State(s): State<AppState>,
    AppPath(id): AppPath<IdeaId>,
) -> Result<AppJson<IdeaDetail>, ApiError> {
    Ok(AppJson(s.store.idea(id).await?))
}

/// Submits an idea. The id comes from the client: resending the same idea answers 200 with
/// the stored idea instead of creating a second one.
#[utoipa::path(post, path = "/api/ideas", tag = "ideas", request_body = NewIdea,
    params(ParticipantHeaders),
    responses((status = 201, body = IdeaDetail, description = "submitted"),
              (status = 200, body = IdeaDetail, description = "already submitted"),
              Participant, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_theme, or not_found: no process"),
              (status = 409, body = ApiErrorBody, description = "id_conflict: the id is taken by other content; phase_closed: the process's phases close this now; workshop_closed: the caller takes part in a running workshop that does not offer it; theme_retired"),
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_empty, body_too_long, body_invalid")))]
pub async fn submit(
    State(s): State<AppState>,
    caller: Caller,
    AppJson(raw): AppJson<NewIdea>,
) -> Result<(StatusCode, AppJson<IdeaDetail>), ApiError> {
    let draft = IdeaDraft::parse(&raw)?;
    let (idea, created) = s.store.submit_idea(caller, draft).await?;
    let status = match created {
        Created::New => StatusCode::CREATED,
        Created::Existing => StatusCode::OK,
    };
    Ok((status, AppJson(idea)))
}

/// Sets whether the caller supports an idea (one support per participant and idea).
#[utoipa::path(put, path = "/api/ideas/{idea_id}/support", tag = "ideas", request_body = SupportRequest,
    params(("idea_id" = IdeaId, Path), ParticipantHeaders),
    responses((status = 200, body = SupportState), Participant, JsonBody, Write,
              (status = 403, body = ApiErrorBody, description = "verification_required: the process counts verified participants only"),
              (status = 404, body = ApiErrorBody, description = "unknown_idea, or not_found: not an idea id"),
              (status = 409, body = ApiErrorBody, description = "phase_closed: the process's phases close this now; workshop_closed: the caller takes part in a running workshop that does not offer it")))]
pub async fn support(
    State(s): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<IdeaId>,
    AppJson(req): AppJson<SupportRequest>,
) -> Result<AppJson<SupportState>, ApiError> {
    Ok(AppJson(
        s.store.set_support(caller, id, req.supported).await?,
    ))
}

/// The comments on an idea, oldest first.
#[utoipa::path(get, path = "/api/ideas/{idea_id}/comments", tag = "ideas",
    params(("idea_id" = IdeaId, Path)),
    responses((status = 200, body = Vec<CommentRecord>),
              (status = 404, body = ApiErrorBody, description = "unknown_idea, or not_found: not an idea id")))]
pub async fn comments(
    State(s): State<AppState>,
    AppPath(id): AppPath<IdeaId>,
) -> Result<AppJson<Vec<CommentRecord>>, ApiError> {
    Ok(AppJson(s.store.comments(id).await?))
}

/// Comments on an idea. The id comes from the client; resending answers 200.
#[utoipa::path(post, path = "/api/ideas/{idea_id}/comments", tag = "ideas", request_body = NewComment,
    params(("idea_id" = IdeaId, Path), ParticipantHeaders),
    responses((status = 201, body = CommentRecord, description = "posted"),
              (status = 200, body = CommentRecord, description = "already posted"),
              Participant, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_idea, or not_found: not an idea id"),
              (status = 409, body = ApiErrorBody, description = "id_conflict: the id is taken by other content; phase_closed: the process's phases close this now; workshop_closed: the caller takes part in a running workshop that does not offer it"),
              (status = 422, body = ApiErrorBody, description = "comment_empty, comment_too_long, comment_invalid")))]
pub async fn add_comment(
    State(s): State<AppState>,
    caller: Caller,
    AppPath(idea): AppPath<IdeaId>,
    AppJson(req): AppJson<NewComment>,
) -> Result<(StatusCode, AppJson<CommentRecord>), ApiError> {
    let body = CommentBody::parse(&req.body)?;
    let (comment, created) = s.store.add_comment(caller, req.id, idea, body).await?;
    let status = match created {
        Created::New => StatusCode::CREATED,
        Created::Existing => StatusCode::OK,
    };
    Ok((status, AppJson(comment)))
}

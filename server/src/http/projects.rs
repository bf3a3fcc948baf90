//! Projects: public reads for everyone, and for staff (moderators and admins, with the CSRF
//! token) creating and editing projects, their milestones, decisions and updates. Every write
//! answers the whole project as it now is.

use super::error::ApiError;
use super::extract::{AppJson, AppPath, AppQuery};
use super::openapi::{JsonBody, StaffWrite, Write};
use super::staff_auth::Staff;
use super::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ids::MilestoneId;
use werkstadt_domain::projects::{
    DecisionDraft, MilestoneDraft, ProjectDraft, ProjectQuery, ProjectRecord, UpdateDraft,
};
use werkstadt_domain::ProjectId;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list_projects))
        .route("/projects/{project_id}", get(project_by_id))
        .route("/moderation/projects", post(create_project))
        .route(
            "/moderation/projects/{project_id}",
            put(edit_project).delete(delete_project),
        )
        .route(
            "/moderation/projects/{project_id}/milestones",
            post(add_milestone),
        )
        .route(
            "/moderation/projects/{project_id}/milestones/{milestone_id}",
            put(edit_milestone),
        )
        .route(
            "/moderation/projects/{project_id}/decisions",
            post(add_decision),
        )
        .route(
            "/moderation/projects/{project_id}/updates",
            post(add_update),
        )
}

type Created = Result<(StatusCode, AppJson<ProjectRecord>), ApiError>;

/// Every project, newest first; optionally of one field of action and/or in one status.
#[utoipa::path(get, path = "/api/projects", tag = "projects", params(ProjectQuery),
    responses((status = 200, body = Vec<ProjectRecord>),
              (status = 400, body = ApiErrorBody, description = "bad_query: not a theme id, or an unknown status")))]
pub async fn list_projects(
    State(s): State<AppState>,
    AppQuery(q): AppQuery<ProjectQuery>,
) -> Result<AppJson<Vec<ProjectRecord>>, ApiError> {
    Ok(AppJson(s.store.projects(q).await?))
}

/// One project with its milestones, committee decisions, updates and source ideas.
#[utoipa::path(get, path = "/api/projects/{project_id}", tag = "projects",
    params(("project_id" = ProjectId, Path)),
    responses((status = 200, body = ProjectRecord),
              (status = 404, body = ApiErrorBody, description = "unknown_project, or not_found: not a project id")))]
pub async fn project_by_id(
    State(s): State<AppState>,
    AppPath(id): AppPath<ProjectId>,
) -> Result<AppJson<ProjectRecord>, ApiError> {
    Ok(AppJson(s.store.project(id).await?))
}

/// Creates a project, directly or from published ideas of its field of action's process.
#[utoipa::path(post, path = "/api/moderation/projects", tag = "projects",
    request_body = ProjectDraft, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_theme; unknown_idea: no such idea in the process"),
              (status = 409, body = ApiErrorBody, description = "idea_not_published: a source idea waits, was rejected, hidden or merged; id_conflict: a source idea is part of another project"),
              (status = 422, body = ApiErrorBody, description = "title_too_short, title_too_long, title_invalid, body_empty (no responsible actor), body_too_long, body_invalid, text_direction, text_invisible")))]
pub async fn create_project(
    State(s): State<AppState>,
    staff: Staff,
    AppJson(draft): AppJson<ProjectDraft>,
) -> Created {
    let p = s
        .store
        .create_project(staff.session.staff_id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(p)))
}

/// Edits a project: texts, field of action (of the same process), funding, status, start and
/// source ideas (the list replaces the previous one).
#[utoipa::path(put, path = "/api/moderation/projects/{project_id}", tag = "projects",
    params(("project_id" = ProjectId, Path)), request_body = ProjectDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project; unknown_theme (also one of another process); unknown_idea"),
              (status = 409, body = ApiErrorBody, description = "idea_not_published; id_conflict: a source idea is part of another project"),
              (status = 422, body = ApiErrorBody, description = "milestone_before_start: the new start is after a milestone's due date; title_too_short, title_too_long, title_invalid, body_empty, body_too_long, body_invalid, text_direction, text_invisible")))]
pub async fn edit_project(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProjectId>,
    AppJson(draft): AppJson<ProjectDraft>,
) -> Result<AppJson<ProjectRecord>, ApiError> {
    Ok(AppJson(
        s.store
            .edit_project(staff.session.staff_id, id, draft)
            .await?,
    ))
}

/// Adds a milestone (due on or after the project's start).
#[utoipa::path(post, path = "/api/moderation/projects/{project_id}/milestones", tag = "projects",
    params(("project_id" = ProjectId, Path)), request_body = MilestoneDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project"),
              (status = 422, body = ApiErrorBody, description = "milestone_before_start; title_too_short, title_too_long, title_invalid")))]
pub async fn add_milestone(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProjectId>,
    AppJson(draft): AppJson<MilestoneDraft>,
) -> Created {
    let p = s
        .store
        .set_milestone(staff.session.staff_id, id, None, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(p)))
}

/// Edits a milestone; `done_on` marks it done (`null` reopens it).
#[utoipa::path(put, path = "/api/moderation/projects/{project_id}/milestones/{milestone_id}",
    tag = "projects",
    params(("project_id" = ProjectId, Path), ("milestone_id" = MilestoneId, Path)),
    request_body = MilestoneDraft, security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 200, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project; not_found: no such milestone in this project"),
              (status = 422, body = ApiErrorBody, description = "milestone_before_start; title_too_short, title_too_long, title_invalid")))]
pub async fn edit_milestone(
    State(s): State<AppState>,
    staff: Staff,
    AppPath((id, milestone)): AppPath<(ProjectId, MilestoneId)>,
    AppJson(draft): AppJson<MilestoneDraft>,
) -> Result<AppJson<ProjectRecord>, ApiError> {
    Ok(AppJson(
        s.store
            .set_milestone(staff.session.staff_id, id, Some(milestone), draft)
            .await?,
    ))
}

/// Records a committee decision: body, date, outcome, reference, link and a short text.
#[utoipa::path(post, path = "/api/moderation/projects/{project_id}/decisions", tag = "projects",
    params(("project_id" = ProjectId, Path)), request_body = DecisionDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project"),
              (status = 422, body = ApiErrorBody, description = "decision_incomplete: no body, date or outcome (or no name for 'other'); link_invalid; body_too_long, body_invalid, text_direction, text_invisible")))]
pub async fn add_decision(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProjectId>,
    AppJson(draft): AppJson<DecisionDraft>,
) -> Created {
    let p = s
        .store
        .add_decision(staff.session.staff_id, id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(p)))
}

/// Deletes a project recorded by mistake (a project given up is set to `discarded` instead):
/// its ideas no longer name it and its followers stop following it. A follow of it still in
/// someone's outbox is then refused with `unknown_target`.
#[utoipa::path(delete, path = "/api/moderation/projects/{project_id}", tag = "projects",
    params(("project_id" = ProjectId, Path)), security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 204, description = "deleted"), StaffWrite, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project")))]
pub async fn delete_project(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProjectId>,
) -> Result<StatusCode, ApiError> {
    s.store.delete_project(staff.session.staff_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Posts a dated update (plain paragraphs and links; no author name is shown or stored).
#[utoipa::path(post, path = "/api/moderation/projects/{project_id}/updates", tag = "projects",
    params(("project_id" = ProjectId, Path)), request_body = UpdateDraft,
    security(("staff_session" = [], "csrf_token" = [])),
    responses((status = 201, body = ProjectRecord), StaffWrite, JsonBody, Write,
              (status = 404, body = ApiErrorBody, description = "unknown_project"),
              (status = 422, body = ApiErrorBody, description = "body_empty, body_too_long, body_invalid, text_direction, text_invisible")))]
pub async fn add_update(
    State(s): State<AppState>,
    staff: Staff,
    AppPath(id): AppPath<ProjectId>,
    AppJson(draft): AppJson<UpdateDraft>,
) -> Created {
    let p = s
        .store
        .add_update(staff.session.staff_id, id, draft)
        .await?;
    Ok((StatusCode::CREATED, AppJson(p)))
}

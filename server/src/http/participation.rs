//! Participation statistics (public, open data) and the report to a committee (moderators
//! and admins).

use super::error::ApiError;
use super::extract::{AppJson, AppPath, AppQuery};
use super::openapi::StaffRead;
use super::staff_auth::Staff;
use super::AppState;
use crate::storage::committee::ReportRange;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::projects::DecisionBody;
use werkstadt_domain::report::{CommitteeReport, ReportQuery};
use werkstadt_domain::stats::{parse_iso_date, ParticipationStats};
use werkstadt_domain::{ErrorCode, ProcessId};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes/{process_id}/participation", get(participation))
        .route("/moderation/processes/{process_id}/report", get(report))
}

/// How many took part in a process and how: per day (Bielefeld time) the ideas, comments,
/// supports, dot ballots and distinct active participants; the same per channel (web,
/// participation code, kiosk, workshop); verified and unverified participants. Only counts.
#[utoipa::path(get, path = "/api/processes/{process_id}/participation", tag = "open data",
    params(("process_id" = ProcessId, Path)),
    responses((status = 200, body = ParticipationStats),
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn participation(
    State(s): State<AppState>,
    AppPath(id): AppPath<ProcessId>,
) -> Result<AppJson<ParticipationStats>, ApiError> {
    Ok(AppJson(s.store.participation(id).await?))
}

fn date(value: &str, name: &str) -> Result<(i64, u32, u32), ApiError> {
    parse_iso_date(value).ok_or_else(|| {
        ApiError::client(
            ErrorCode::BadQuery,
            format!("{name} must be a date as YYYY-MM-DD."),
        )
    })
}

/// The report to a committee on a process for a range of days: process and method,
/// participation by channel and per day, fields of action by dots, top ideas with their
/// official answers, closed and published matrices, projects with milestones and the
/// decisions of those days.
#[utoipa::path(get, path = "/api/moderation/processes/{process_id}/report", tag = "process",
    operation_id = "committee_report",
    params(("process_id" = ProcessId, Path), ReportQuery), security(("staff_session" = [])),
    responses((status = 200, body = CommitteeReport), StaffRead,
              (status = 400, body = ApiErrorBody, description = "bad_query: a date is not YYYY-MM-DD, from is after to, or an unknown body"),
              (status = 404, body = ApiErrorBody, description = "unknown_process, or not_found: not a process id")))]
pub async fn report(
    State(s): State<AppState>,
    _staff: Staff,
    AppPath(id): AppPath<ProcessId>,
    AppQuery(q): AppQuery<ReportQuery>,
) -> Result<AppJson<CommitteeReport>, ApiError> {
    let range = match (q.from.as_deref(), q.to.as_deref()) {
        (None, None) => None,
        (from, to) => {
            let today = werkstadt_domain::stats::berlin_date(crate::storage::now_ms());
            let first = from.map_or(Ok((1970, 1, 1)), |f| date(f, "from"))?;
            let last = to.map_or(Ok(today), |t| date(t, "to"))?;
            if first > last {
                return Err(ApiError::client(
                    ErrorCode::BadQuery,
                    "from must not be after to.",
                ));
            }
            Some(ReportRange::dates(first, last))
        }
    };
    let body = q.body.unwrap_or(DecisionBody::Digitalisierungsausschuss);
    Ok(AppJson(s.store.committee_report(id, body, range).await?))
}

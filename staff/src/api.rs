//! The staff endpoints, typed. Reads send the session cookie; writes also the CSRF token.

use werkstadt_domain::api::IdeaSummary;
use werkstadt_domain::api::{Process, ProcessOverview, ProcessThemes};
use werkstadt_domain::codes::{NewCodes, VerificationSetting};
use werkstadt_domain::ids::MilestoneId;
use werkstadt_domain::moderation::{
    DismissReports, ModerationQueue, ModerationSetting, QueueQuery, ReportTarget,
};
use werkstadt_domain::projects::{
    CommitteeDecision, DecisionDraft, MilestoneDraft, ProjectDraft, ProjectRecord, UpdateDraft,
};
use werkstadt_domain::setup::{PhaseList, ProcessDraft, ThemeDraft, ThemeOrder};
use werkstadt_domain::staff::{
    AuditEntry, LoginRequest, NewStaff, PasswordChange, PasswordReset, StaffActive, StaffMember,
    StaffSession,
};
use werkstadt_domain::sync::{PushResponse, PROTOCOL_VERSION};
use werkstadt_domain::{IdeaId, ProcessId, ProjectId, ThemeId};
use werkstadt_web::http::{self, parse, staff_request, to_json, unexpected, ClientError};
use werkstadt_web::identity::Identity;

pub(crate) async fn get<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    Ok(get_kept(path).await?.0)
}

/// A GET's value and its answer text, e.g. to keep as the offline copy (stored as received:
/// no serialising code for the types in the bundle).
async fn get_kept<T: serde::de::DeserializeOwned>(path: &str) -> Result<(T, String), ClientError> {
    let text = staff_request("GET", path, None, None, None).await?;
    let value = parse(&text).ok_or_else(unexpected)?;
    Ok((value, text))
}

/// A write with the session's CSRF token; the answer's text.
pub(crate) async fn write<B: serde::Serialize>(
    method: &str,
    path: &str,
    body: &B,
    csrf: &str,
) -> Result<String, ClientError> {
    let json = to_json(body).ok_or_else(unexpected)?;
    staff_request(method, path, Some(json), None, Some(csrf)).await
}

/// The session and its answer text (kept for an offline start).
pub async fn login(req: &LoginRequest) -> Result<(StaffSession, String), ClientError> {
    let json = to_json(req).ok_or_else(unexpected)?;
    let text = staff_request("POST", "/api/staff/login", Some(json), None, None).await?;
    let session = parse(&text).ok_or_else(unexpected)?;
    Ok((session, text))
}

pub async fn me() -> Result<(StaffSession, String), ClientError> {
    get_kept("/api/staff/me").await
}

pub async fn logout(csrf: &str) -> Result<(), ClientError> {
    staff_request("POST", "/api/staff/logout", None, None, Some(csrf))
        .await
        .map(drop)
}

pub async fn process() -> Result<(ProcessOverview, String), ClientError> {
    get_kept("/api/process").await
}

/// The current process's fields of action only (the queue's filter; kept for offline use).
pub async fn process_themes() -> Result<(ProcessThemes, String), ClientError> {
    get_kept("/api/process").await
}

pub async fn queue(q: &QueueQuery) -> Result<(ModerationQueue, String), ClientError> {
    let mut path = String::from("/api/moderation/queue?");
    if let Some(s) = q.status {
        path.push_str(&format!("status={}&", s.as_str()));
    }
    if let Some(t) = q.theme {
        path.push_str(&format!("theme={t}&"));
    }
    if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
        path.push_str(&format!("q={}", encode(text)));
    }
    get_kept(&path).await
}

/// Published ideas with a title like `q` (merge targets).
pub async fn similar(q: &str) -> Result<Vec<IdeaSummary>, ClientError> {
    get(&format!("/api/ideas/similar?q={}", encode(q))).await
}

/// Sends decisions (mutations as JSON, see `desk::Pending`) through the sync protocol: as a
/// participant device (`who`) with the staff session (cookie + CSRF token).
pub async fn push(
    mutations: &[String],
    who: &Identity,
    csrf: &str,
) -> Result<PushResponse, ClientError> {
    // The shape of `sync::PushRequest`.
    let json = format!(
        "{{\"protocol\":{PROTOCOL_VERSION},\"mutations\":[{}]}}",
        mutations.join(",")
    );
    parse(&staff_request("POST", "/api/sync/push", Some(json), Some(who), Some(csrf)).await?)
        .ok_or_else(unexpected)
}

/// Closes the open reports on an item as unfounded.
pub async fn dismiss_reports(target: ReportTarget, csrf: &str) -> Result<(), ClientError> {
    write(
        "POST",
        "/api/moderation/reports/dismiss",
        &DismissReports { target },
        csrf,
    )
    .await
    .map(drop)
}

pub async fn audit() -> Result<Vec<AuditEntry>, ClientError> {
    get("/api/admin/audit").await
}

pub async fn set_mode(setting: &ModerationSetting, csrf: &str) -> Result<(), ClientError> {
    write("PUT", "/api/admin/process/moderation", setting, csrf)
        .await
        .map(drop)
}

pub async fn set_verification(
    setting: &VerificationSetting,
    csrf: &str,
) -> Result<(), ClientError> {
    write("PUT", "/api/admin/process/verification", setting, csrf)
        .await
        .map(drop)
}

/// A batch of participation codes as the printable sheet (HTML).
pub async fn code_sheet(req: &NewCodes, csrf: &str) -> Result<String, ClientError> {
    let json = to_json(req).ok_or_else(unexpected)?;
    http::staff_request_accept("/api/admin/codes", json, csrf, "text/html").await
}

pub async fn staff_list() -> Result<Vec<StaffMember>, ClientError> {
    get("/api/admin/staff").await
}

pub async fn create_staff(req: &NewStaff, csrf: &str) -> Result<(), ClientError> {
    write("POST", "/api/admin/staff", req, csrf).await.map(drop)
}

/// Deactivates (its sessions end) or reactivates an account.
pub async fn set_staff_active(
    username: &str,
    req: &StaffActive,
    csrf: &str,
) -> Result<(), ClientError> {
    let path = format!("/api/admin/staff/{}/active", encode(username));
    write("PUT", &path, req, csrf).await.map(drop)
}

/// Sets a new password for an account (its sessions end).
pub async fn reset_staff_password(
    username: &str,
    req: &PasswordReset,
    csrf: &str,
) -> Result<(), ClientError> {
    let path = format!("/api/admin/staff/{}/password", encode(username));
    write("PUT", &path, req, csrf).await.map(drop)
}

/// Changes the signed-in staff member's own password (their other sessions end).
pub async fn change_password(req: &PasswordChange, csrf: &str) -> Result<(), ClientError> {
    write("PUT", "/api/staff/me/password", req, csrf)
        .await
        .map(drop)
}

/// Every process, newest first.
pub async fn processes() -> Result<Vec<Process>, ClientError> {
    get("/api/processes").await
}

/// One process with its fields of action.
pub async fn process_of(id: ProcessId) -> Result<ProcessOverview, ClientError> {
    get(&format!("/api/processes/{id}")).await
}

pub async fn create_process(d: &ProcessDraft, csrf: &str) -> Result<Process, ClientError> {
    parse(&write("POST", "/api/admin/processes", d, csrf).await?).ok_or_else(unexpected)
}

pub async fn edit_process(id: ProcessId, d: &ProcessDraft, csrf: &str) -> Result<(), ClientError> {
    write("PUT", &format!("/api/admin/processes/{id}"), d, csrf)
        .await
        .map(drop)
}

pub async fn make_current(id: ProcessId, csrf: &str) -> Result<(), ClientError> {
    staff_request(
        "PUT",
        &format!("/api/admin/processes/{id}/current"),
        None,
        None,
        Some(csrf),
    )
    .await
    .map(drop)
}

pub async fn set_phases(id: ProcessId, list: &PhaseList, csrf: &str) -> Result<(), ClientError> {
    write(
        "PUT",
        &format!("/api/admin/processes/{id}/phases"),
        list,
        csrf,
    )
    .await
    .map(drop)
}

pub async fn add_theme(id: ProcessId, d: &ThemeDraft, csrf: &str) -> Result<(), ClientError> {
    write(
        "POST",
        &format!("/api/admin/processes/{id}/themes"),
        d,
        csrf,
    )
    .await
    .map(drop)
}

pub async fn edit_theme(id: ThemeId, d: &ThemeDraft, csrf: &str) -> Result<(), ClientError> {
    write("PUT", &format!("/api/admin/themes/{id}"), d, csrf)
        .await
        .map(drop)
}

pub async fn order_themes(id: ProcessId, o: &ThemeOrder, csrf: &str) -> Result<(), ClientError> {
    write(
        "PUT",
        &format!("/api/admin/processes/{id}/theme-order"),
        o,
        csrf,
    )
    .await
    .map(drop)
}

/// Every project (of every process), newest first.
pub async fn projects() -> Result<Vec<ProjectRecord>, ClientError> {
    get("/api/projects").await
}

/// A project write: the project as it now is.
async fn project_write<B: serde::Serialize>(
    method: &str,
    path: &str,
    body: &B,
    csrf: &str,
) -> Result<ProjectRecord, ClientError> {
    parse(&write(method, path, body, csrf).await?).ok_or_else(unexpected)
}

pub async fn create_project(d: &ProjectDraft, csrf: &str) -> Result<ProjectRecord, ClientError> {
    project_write("POST", "/api/moderation/projects", d, csrf).await
}

pub async fn edit_project(
    id: ProjectId,
    d: &ProjectDraft,
    csrf: &str,
) -> Result<ProjectRecord, ClientError> {
    project_write("PUT", &format!("/api/moderation/projects/{id}"), d, csrf).await
}

/// Adds a milestone (`milestone: None`) or changes one (done, reopened).
pub async fn set_milestone(
    id: ProjectId,
    milestone: Option<MilestoneId>,
    d: &MilestoneDraft,
    csrf: &str,
) -> Result<ProjectRecord, ClientError> {
    let path = format!("/api/moderation/projects/{id}/milestones");
    match milestone {
        None => project_write("POST", &path, d, csrf).await,
        Some(m) => project_write("PUT", &format!("{path}/{m}"), d, csrf).await,
    }
}

pub async fn add_decision(
    id: ProjectId,
    d: &DecisionDraft,
    csrf: &str,
) -> Result<ProjectRecord, ClientError> {
    let path = format!("/api/moderation/projects/{id}/decisions");
    project_write("POST", &path, d, csrf).await
}

/// Deletes a project recorded by mistake.
pub async fn delete_project(id: ProjectId, csrf: &str) -> Result<(), ClientError> {
    let path = format!("/api/moderation/projects/{id}");
    staff_request("DELETE", &path, None, None, Some(csrf))
        .await
        .map(drop)
}

/// The committee decisions on an idea itself, oldest first.
pub async fn idea_decisions(idea: IdeaId) -> Result<Vec<CommitteeDecision>, ClientError> {
    get(&format!("/api/ideas/{idea}/decisions")).await
}

/// Records a committee decision on an idea: its decisions as they now are.
pub async fn add_idea_decision(
    idea: IdeaId,
    d: &DecisionDraft,
    csrf: &str,
) -> Result<Vec<CommitteeDecision>, ClientError> {
    let path = format!("/api/moderation/ideas/{idea}/decisions");
    parse(&write("POST", &path, d, csrf).await?).ok_or_else(unexpected)
}

pub async fn add_update(
    id: ProjectId,
    d: &UpdateDraft,
    csrf: &str,
) -> Result<ProjectRecord, ClientError> {
    let path = format!("/api/moderation/projects/{id}/updates");
    project_write("POST", &path, d, csrf).await
}

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

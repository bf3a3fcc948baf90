//! Projects in tests: an empty server with a running process, ideas, project drafts, and
//! following through the sync feed.

use super::staff::{self, Moderator};
use super::{new_idea, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::api::ThemeSummary;
use werkstadt_domain::projects::ProjectRecord;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::sync::{Change, Outcome, PullResponse, PushResponse};
use werkstadt_domain::{IdeaId, ThemeId};

pub const DAY: i64 = 86_400_000;

pub fn now() -> i64 {
    werkstadt_server::storage::now_ms()
}

/// An empty server with a running process (post-moderation) and two fields of action.
pub async fn setup() -> (TestApp, Moderator, Vec<ThemeSummary>) {
    let app = TestApp::spawn_with(|c| c.demo = false).await;
    let admin = staff::admin(&app).await;
    let res = admin
        .send(
            &app,
            Method::POST,
            "/api/admin/processes",
            Some(
                json!({"title": "Digitalstrategie Bielefeld", "moderation": "post",
                "starts_at": now() - 30 * DAY, "ends_at": now() + 365 * DAY}),
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let p: Value = res.json().await.expect("process");
    let mut themes = Vec::new();
    for t in ["Mobilität", "Bildung"] {
        let res = admin
            .send(
                &app,
                Method::POST,
                &format!(
                    "/api/admin/processes/{}/themes",
                    p["id"].as_str().expect("id")
                ),
                Some(json!({"title": t})),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        themes.push(res.json().await.expect("theme"));
    }
    (app, admin, themes)
}

pub async fn idea(app: &TestApp, who: &Participant, theme: &ThemeSummary, title: &str) -> IdeaId {
    let id = uuid::Uuid::now_v7();
    let res = who
        .post(app, "/api/ideas", &new_idea(id, theme, title, "Ein Text."))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    IdeaId(id)
}

pub fn draft(theme: ThemeId, ideas: &[IdeaId]) -> Value {
    json!({"theme_id": theme, "title": "Digitale Bürgerdienste",
        "description": "Anträge online stellen.", "responsible": "Stadtverwaltung",
        "funding": {"own_budget_cents": 5_000_000, "programme": "Modellprojekte Smart Cities",
                    "programme_cents": 12_000_000},
        "starts_on": now() - DAY, "source_ideas": ideas})
}

pub async fn send(
    app: &TestApp,
    m: &Moderator,
    method: Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    m.send(app, method, path, Some(body)).await
}

pub async fn project_ok(res: reqwest::Response, status: StatusCode) -> ProjectRecord {
    assert_eq!(res.status(), status);
    res.json().await.expect("project")
}

/// A project of `ideas` in `theme`, created by `admin` (the draft of [`draft`]).
pub async fn create_project(
    app: &TestApp,
    admin: &Moderator,
    theme: ThemeId,
    ideas: &[IdeaId],
) -> ProjectRecord {
    let res = send(
        app,
        admin,
        Method::POST,
        "/api/moderation/projects",
        draft(theme, ideas),
    )
    .await;
    project_ok(res, StatusCode::CREATED).await
}

pub async fn pull(app: &TestApp, who: &Participant) -> Vec<Change> {
    let res = who
        .send(
            app,
            Method::GET,
            "/api/sync/pull?protocol=1&cursor=0",
            &Value::Null,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: PullResponse = res.json().await.expect("pull");
    body.changes
}

pub async fn replica(app: &TestApp, who: &Participant) -> Replica {
    let mut r = Replica::default();
    for c in pull(app, who).await {
        r.apply(c);
    }
    r
}

pub async fn push(app: &TestApp, who: &Participant, mutations: &[Value]) -> Vec<Outcome> {
    let res = who
        .post(
            app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": mutations}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: PushResponse = res.json().await.expect("push");
    body.results.into_iter().map(|r| r.outcome).collect()
}

pub fn follow(target: Value, following: bool) -> Value {
    json!({"id": uuid::Uuid::now_v7(), "kind": {"set_follow": {"target": target, "following": following}}})
}

pub fn code(o: &Outcome) -> Option<&'static str> {
    match o {
        Outcome::Rejected { code, .. } => Some(code.wire_name()),
        _ => None,
    }
}

pub async fn audit_actions(app: &TestApp, admin: &Moderator) -> Vec<String> {
    let log = admin.audit_log(app).await;
    log.as_array()
        .expect("log")
        .iter()
        .filter_map(|l| l["action"].as_str().map(str::to_owned))
        .collect()
}

//! Workshops in tests: drafts, creating one as staff, and pushes attached to a workshop.

use super::staff::Moderator;
use super::{Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

pub const HOUR: i64 = 3_600_000;

pub fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_millis(),
    )
    .expect("fits")
}

pub fn draft(title: &str, starts_at: i64, ends_at: i64) -> Value {
    json!({"title": title, "place": "WissensWerkStadt, Wilhelmstraße 3",
        "starts_at": starts_at, "ends_at": ends_at,
        "open": {"ideas": true, "dots": true}, "reset_secs": 120})
}

pub async fn send(
    app: &TestApp,
    staff: &Moderator,
    m: Method,
    path: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let res = staff.send(app, m, path, body).await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

pub async fn create(app: &TestApp, staff: &Moderator, d: Value) -> Value {
    let process = app.overview().await.process.id;
    let (status, body) = send(
        app,
        staff,
        Method::POST,
        &format!("/api/moderation/processes/{process}/workshops"),
        Some(d),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

pub fn create_idea(theme: &str, title: &str) -> Value {
    json!({"id": Uuid::now_v7(), "kind": {"create_idea": {
        "idea_id": Uuid::now_v7(), "theme_id": theme, "title": title, "body": "Beschreibung"}}})
}

/// Pushes `mutations` as `p`, attached to the workshop `join` (if any); all must apply.
pub async fn push(app: &TestApp, p: &Participant, mutations: Vec<Value>, join: Option<&str>) {
    if let Some(code) = join {
        // A phone opens the join link; an unknown code joins nothing.
        let res = p
            .post(app, &format!("/api/workshops/{code}/join"), &Value::Null)
            .await;
        assert!(matches!(
            res.status(),
            StatusCode::NO_CONTENT | StatusCode::NOT_FOUND
        ));
    }
    let body = json!({"protocol": 1, "mutations": mutations});
    let res = p.post(app, "/api/sync/push", &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("json");
    for r in body["results"].as_array().expect("results") {
        assert_eq!(r["outcome"], "applied", "{body}");
    }
}

/// The channel and workshop stored with the idea titled `title`.
pub fn idea_channel(app: &TestApp, title: &str) -> (String, Option<String>) {
    let conn = rusqlite::Connection::open(&app.db).expect("opens");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    conn.query_row(
        "SELECT channel, workshop_id FROM idea WHERE title = ?1",
        [title],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("idea stored")
}

/// The process's public statistics: participants per channel (`None` for a channel not listed).
pub async fn participants_by_channel(app: &TestApp) -> impl Fn(&str) -> Option<Value> {
    let process = app.overview().await.process.id;
    let stats: Value = app
        .get_json(&format!("/api/processes/{process}/participation"))
        .await;
    move |c: &str| {
        stats["channels"]
            .as_array()
            .unwrap_or_else(|| panic!("channels in {stats}"))
            .iter()
            .find(|x| x["channel"] == c)
            .map(|x| x["participants"].clone())
    }
}

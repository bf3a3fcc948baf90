//! Staff in tests: a moderator's device signed in over the API, decisions as sync mutations.

use super::{Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::staff::CSRF_HEADER;
use werkstadt_domain::sync::{Outcome, PushResponse};

/// The demo moderator `--demo` creates.
pub const DEMO: (&str, &str) = werkstadt_server::DEMO_MODERATOR;

/// A moderator's device: its participant identity plus a staff session.
pub struct Moderator {
    pub device: Participant,
    pub cookie: String,
    pub csrf: String,
}

pub async fn sign_in(app: &TestApp, user: &str, password: &str) -> Moderator {
    let res = app
        .client
        .post(app.url("/api/staff/login"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("cookie")
        .to_owned();
    let session: Value = res.json().await.expect("session");
    Moderator {
        device: Participant::new(),
        cookie,
        csrf: session["csrf_token"].as_str().expect("csrf").to_owned(),
    }
}

pub async fn second_moderator(app: &TestApp) -> Moderator {
    werkstadt_server::create_user(
        &app.db,
        werkstadt_domain::staff::Role::Moderator,
        "moderation.sued",
        "ein zweites langes Passwort",
    )
    .await
    .expect("creates");
    sign_in(app, "moderation.sued", "ein zweites langes Passwort").await
}

pub fn decide(idea: &str, decision: Value) -> Value {
    json!({"id": Uuid::now_v7(), "kind": {"decide": {"idea_id": idea, "decision": decision}}})
}

impl Moderator {
    /// Any staff request with this session's cookie and CSRF token.
    pub async fn send(
        &self,
        app: &TestApp,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut req = app
            .client
            .request(method, app.url(path))
            .header("cookie", &self.cookie)
            .header(CSRF_HEADER, &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    pub async fn push(&self, app: &TestApp, mutations: Vec<Value>) -> reqwest::Response {
        app.client
            .post(app.url("/api/sync/push"))
            .header("x-participant-id", self.device.id.to_string())
            .header("x-participant-secret", &self.device.secret)
            .header("cookie", &self.cookie)
            .header(CSRF_HEADER, &self.csrf)
            .json(&json!({"protocol": 1, "mutations": mutations}))
            .send()
            .await
            .expect("push")
    }

    pub async fn decide(&self, app: &TestApp, mutations: Vec<Value>) -> Vec<Outcome> {
        let res = self.push(app, mutations).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: PushResponse = res.json().await.expect("push response");
        body.results.into_iter().map(|r| r.outcome).collect()
    }

    pub async fn set_mode(&self, app: &TestApp, mode: &str) -> reqwest::Response {
        app.client
            .put(app.url("/api/admin/process/moderation"))
            .header("cookie", &self.cookie)
            .header(CSRF_HEADER, &self.csrf)
            .json(&json!({"mode": mode}))
            .send()
            .await
            .expect("mode")
    }

    /// Issues `count` participation codes labelled `label` (needs an admin); the raw answer.
    pub async fn issue_codes(&self, app: &TestApp, count: u32, label: &str) -> reqwest::Response {
        app.client
            .post(app.url("/api/admin/codes"))
            .header("cookie", &self.cookie)
            .header(CSRF_HEADER, &self.csrf)
            .json(&json!({"count": count, "label": label}))
            .send()
            .await
            .expect("codes")
    }

    /// The audit log (needs an admin).
    pub async fn audit_log(&self, app: &TestApp) -> Value {
        app.client
            .get(app.url("/api/admin/audit"))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("audit")
            .json()
            .await
            .expect("json")
    }

    pub async fn queue(&self, app: &TestApp, query: &str) -> Value {
        app.client
            .get(app.url(&format!("/api/moderation/queue{query}")))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("queue")
            .json()
            .await
            .expect("json")
    }
}

pub async fn admin(app: &TestApp) -> Moderator {
    werkstadt_server::create_user(
        &app.db,
        werkstadt_domain::staff::Role::Admin,
        "leitung",
        "ein langes Admin-Passwort",
    )
    .await
    .expect("creates");
    sign_in(app, "leitung", "ein langes Admin-Passwort").await
}

//! An open matrix follows its experts (issue 14): every change of a matrix — a sheet saved, its
//! state changed — moves the change feed's head, so the server's `changed` event goes out and
//! the staff app loads the open matrix again. Devices pulling the feed get only the process's
//! public record: nothing of the matrix, its sheets or who scored.

mod common;

use common::matrices::staff_id;
use common::staff::{admin, sign_in};
use common::{Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;
use werkstadt_domain::sync::{Change, PullResponse};

/// Every change after `cursor` (all pages), and the new cursor.
async fn pull(app: &TestApp, device: &Participant, mut cursor: u64) -> (Vec<Change>, u64, String) {
    let (mut changes, mut text) = (Vec::new(), String::new());
    loop {
        let res = app
            .client
            .get(app.url(&format!("/api/sync/pull?protocol=1&cursor={cursor}")))
            .header("x-participant-id", device.id.to_string())
            .header("x-participant-secret", &device.secret)
            .send()
            .await
            .expect("pull");
        assert_eq!(res.status(), StatusCode::OK);
        let body = res.text().await.expect("text");
        let page: PullResponse = serde_json::from_str(&body).expect("a pull page");
        text.push_str(&body);
        changes.extend(page.changes);
        cursor = page.cursor;
        if !page.has_more {
            return (changes, cursor, text);
        }
    }
}

/// Waits for the next `changed` event on an open event stream.
async fn next_changed(events: &mut reqwest::Response, after: &str) {
    tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let c = events.chunk().await.expect("chunk").expect("stream open");
            if String::from_utf8_lossy(&c).contains("event: changed") {
                return;
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("a changed event within 5 s after {after}"));
}

async fn ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn a_saved_sheet_and_a_state_change_are_announced_without_matrix_data() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let password = "expertin.a hat ein langes Passwort";
    let created = admin
        .send(
            &app,
            Method::POST,
            "/api/admin/staff",
            Some(json!({"username": "expertin.a", "password": password, "role": "expert"})),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let expert = sign_in(&app, "expertin.a", password).await;
    let process = app.overview().await.process.id;
    let path = format!("/api/moderation/processes/{process}/matrices");
    let draft = json!({"title": "Rechtsform", "options": [{"title": "GmbH"}],
                       "criteria": [{"title": "Unabhängigkeit"}]});
    let res = admin.send(&app, Method::POST, &path, Some(draft)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let m: Value = res.json().await.expect("matrix");
    let id = m["id"].as_str().expect("id").to_owned();
    let invite = json!({"staff_id": staff_id(&app, "expertin.a")});
    let path = format!("/api/moderation/matrices/{id}/experts");
    ok(admin.send(&app, Method::POST, &path, Some(invite)).await).await;

    let device = Participant::new();
    let (_, cursor, _) = pull(&app, &device, 0).await;
    let mut events = app
        .client
        .get(app.url("/api/sync/events"))
        .send()
        .await
        .expect("events");
    assert_eq!(events.headers()["content-type"], "text/event-stream");

    // The expert saves a sheet: announced; devices get the process, nothing of the sheet.
    let sheet = json!({"scores": [{"option_id": m["options"][0]["id"],
        "criterion_id": m["criteria"][0]["id"], "score": 3, "note": "Geheime Begründung"}]});
    let path = format!("/api/staff/matrices/{id}/sheet");
    ok(expert.send(&app, Method::PUT, &path, Some(sheet)).await).await;
    next_changed(&mut events, "a saved sheet").await;
    let (changes, cursor, text) = pull(&app, &device, cursor).await;
    assert!(
        matches!(changes.as_slice(), [Change::Process(p)] if p.id == process),
        "{changes:?}"
    );
    for secret in [
        id.as_str(),
        "Geheime Begründung",
        "expertin.a",
        "Rechtsform",
    ] {
        assert!(!text.contains(secret), "the feed names {secret}: {text}");
    }

    // The moderator closes it: announced too.
    let path = format!("/api/moderation/matrices/{id}/state");
    let close = json!({"state": "closed"});
    ok(admin.send(&app, Method::PUT, &path, Some(close)).await).await;
    next_changed(&mut events, "closing").await;
    let (changes, _, _) = pull(&app, &device, cursor).await;
    assert!(
        matches!(changes.as_slice(), [Change::Process(_)]),
        "{changes:?}"
    );
    drop(events);
    app.stop().await;
}

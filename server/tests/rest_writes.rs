//! Every REST write of a participant, in both moderation modes, on a real server: each is
//! stored (and answered) as the mode says, a retry changes nothing, and what waits for a
//! moderator is visible to its author only. The same writes go through `POST /api/sync/push`
//! elsewhere; here the plain REST endpoints are held to the same behaviour.

mod common;

use common::staff::admin;
use common::{assert_error, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

async fn a_published_idea(app: &TestApp, theme: &str) -> String {
    let page: Value = app
        .get_json(&format!("/api/themes/{theme}/ideas?per_page=1"))
        .await;
    page["ideas"][0]["id"]
        .as_str()
        .expect("the demo has published ideas")
        .to_owned()
}

/// Runs every participant write in `mode` and returns nothing: it asserts as it goes.
async fn every_rest_write_in(mode: &str) {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    assert_eq!(
        admin.set_mode(&app, mode).await.status(),
        StatusCode::NO_CONTENT
    );
    let waits = mode == "pre";
    let expected = if waits { "pending" } else { "published" };
    let theme = app.overview().await.themes[0].id.to_string();
    let citizen = Participant::new();

    // A new idea: 201 with the stored idea as its author sees it, a retry 200 and the same.
    let idea_id = Uuid::now_v7().to_string();
    let idea = json!({"id": idea_id, "theme_id": theme, "title": "Freies WLAN im Bürgerpark",
                      "body": "Am Musikpavillon fehlt ein Netz."});
    let res = citizen.post(&app, "/api/ideas", &idea).await;
    assert_eq!(res.status(), StatusCode::CREATED, "mode {mode}");
    let created: Value = res.json().await.expect("json");
    assert_eq!(created["id"], idea_id.as_str());
    assert_eq!(created["title"], "Freies WLAN im Bürgerpark");
    assert_eq!(created["status"], expected, "mode {mode}");
    let res = citizen.post(&app, "/api/ideas", &idea).await;
    assert_eq!(res.status(), StatusCode::OK, "mode {mode}: retry");
    let again: Value = res.json().await.expect("json");
    assert_eq!(again, created, "mode {mode}: a retry answers the same idea");
    // Stored: public at once after, or only for its author and the queue before moderation.
    let public = app.get(&format!("/api/ideas/{idea_id}")).await;
    if waits {
        assert_error(public, StatusCode::NOT_FOUND, "unknown_idea").await;
        let queue: Value = admin.queue(&app, "?status=pending").await;
        let waiting: Vec<&str> = queue["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert!(waiting.contains(&idea_id.as_str()), "{queue}");
    } else {
        assert_eq!(public.status(), StatusCode::OK);
    }

    // Supporting: a published idea can be supported, a waiting one cannot (yet).
    let published = a_published_idea(&app, &theme).await;
    let res = citizen
        .put(
            &app,
            &format!("/api/ideas/{published}/support"),
            &json!({"supported": true}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "mode {mode}");
    let state: Value = res.json().await.expect("json");
    assert_eq!(state["supported"], true);
    let own = citizen
        .put(
            &app,
            &format!("/api/ideas/{idea_id}/support"),
            &json!({"supported": true}),
        )
        .await;
    if waits {
        assert_error(own, StatusCode::NOT_FOUND, "unknown_idea").await;
    } else {
        assert_eq!(own.status(), StatusCode::OK);
    }

    // A comment: stored with the mode's status, a retry answers it again.
    let comment = json!({"id": Uuid::now_v7(), "body": "Gute Idee, auch für den Ostmarkt."});
    let path = format!("/api/ideas/{published}/comments");
    let res = citizen.post(&app, &path, &comment).await;
    assert_eq!(res.status(), StatusCode::CREATED, "mode {mode}");
    let stored: Value = res.json().await.expect("json");
    assert_eq!(stored["status"], expected, "mode {mode}");
    assert_eq!(
        citizen.post(&app, &path, &comment).await.status(),
        StatusCode::OK
    );
    let public: Vec<Value> = app.get_json(&path).await;
    assert_eq!(
        public.iter().any(|c| c["id"] == comment["id"]),
        !waits,
        "mode {mode}: {public:?}"
    );

    // Dots, a report and the caller's own state.
    let res = citizen
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme, "points": 3}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK, "mode {mode}");
    let report = json!({"id": Uuid::now_v7(), "target": {"idea": published},
                        "reason": "Enthält eine Telefonnummer."});
    let res = citizen.post(&app, "/api/reports", &report).await;
    assert!(res.status().is_success(), "mode {mode}: {}", res.status());
    // A participation code: redeemed once, the second time it is used up.
    let batch: Value = admin
        .issue_codes(&app, 1, "Workshop")
        .await
        .json()
        .await
        .expect("json");
    let code = json!({"code": batch["codes"][0]});
    let res = citizen.post(&app, "/api/codes/redeem", &code).await;
    assert!(res.status().is_success(), "mode {mode}: {}", res.status());
    let again = Participant::new()
        .post(&app, "/api/codes/redeem", &code)
        .await;
    assert_error(again, StatusCode::CONFLICT, "code_used").await;
    let me: Value = citizen.me(&app).await.json().await.expect("json");
    assert_eq!(me["dots"][0]["points"], 3, "{me}");
    assert!(
        me["supported_ideas"]
            .as_array()
            .expect("supported_ideas")
            .iter()
            .any(|i| i == published.as_str()),
        "{me}"
    );
}

#[tokio::test]
async fn every_rest_write_works_under_post_moderation() {
    every_rest_write_in("post").await;
}

#[tokio::test]
async fn every_rest_write_works_under_pre_moderation() {
    every_rest_write_in("pre").await;
}

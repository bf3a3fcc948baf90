//! The results wall's data endpoint, and QR codes and code sheets linking to the configured
//! public address.

mod common;

use common::staff::{admin, sign_in, Moderator, DEMO};
use common::workshops::{create, create_idea, draft, now, push, HOUR};
use common::{Participant, TestApp};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;
use werkstadt_domain::workshop::WallData;

#[tokio::test]
async fn the_wall_ranks_fields_of_action_by_dots_and_shows_the_newest_ideas() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let w = create(&app, &staff, draft("Wand", t - HOUR, t + HOUR)).await;
    let code = w["code"].as_str().expect("code");
    let before: WallData = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    let overview = app.overview().await;
    let last = overview.themes.last().expect("themes").clone();
    let phone = Participant::new();
    let dots = json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": [
        {"theme_id": last.id, "points": 5}]}}});
    push(
        &app,
        &phone,
        vec![
            dots,
            create_idea(&last.id.to_string(), "Neueste Idee an der Wand"),
        ],
        Some(code),
    )
    .await;
    let after: WallData = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    let dots_of = |wall: &WallData| {
        wall.themes
            .iter()
            .find(|t| t.id == last.id)
            .map(|t| t.dots)
            .expect("listed")
    };
    assert_eq!(dots_of(&after), dots_of(&before) + 5);
    assert!(
        after.themes.windows(2).all(|p| p[0].dots >= p[1].dots),
        "ranked"
    );
    assert_eq!(after.participants_here, before.participants_here + 1);
    assert_eq!(after.participants_total, before.participants_total + 1);
    // The demo process is pre- or post-moderated: a published idea is on the wall, newest first.
    let published =
        overview.process.moderation == werkstadt_domain::moderation::ModerationMode::Post;
    assert_eq!(
        after
            .ideas
            .first()
            .map(|i| i.title == "Neueste Idee an der Wand"),
        Some(published)
    );
    assert!(after.ideas.len() <= werkstadt_domain::workshop::WALL_IDEAS);
    // Nothing personal: no participant id anywhere in the answer.
    let raw = app
        .get(&format!("/api/workshops/{code}/wall"))
        .await
        .text()
        .await
        .expect("text");
    assert!(!raw.contains(&phone.id.to_string()));
}

#[tokio::test]
async fn qr_codes_and_code_sheets_link_to_the_configured_public_url() {
    let app =
        TestApp::spawn_with(|c| c.public_url = Some("https://werkstadt.example.org".into())).await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let w = create(&app, &staff, draft("Öffentlich", t, t + HOUR)).await;
    let code = w["code"].as_str().expect("code");
    let wall: WallData = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    assert_eq!(
        wall.join_url,
        format!("https://werkstadt.example.org/mitmachen/{code}")
    );
    let admin = admin(&app).await;
    let sheet = sheet(&app, &admin).await;
    assert!(
        sheet.contains("https://werkstadt.example.org/code?c="),
        "{sheet}"
    );

    // Unset: the listen address over http, never a guess from the Host header.
    let local = TestApp::spawn().await;
    let admin = common::staff::admin(&local).await;
    let sheet = sheet_with_host(&local, &admin, "evil.example").await;
    assert!(
        sheet.contains(&format!("http://{}/code?c=", local.addr)),
        "{sheet}"
    );
    assert!(!sheet.contains("evil.example"));
}

async fn sheet(app: &TestApp, admin: &Moderator) -> String {
    sheet_with_host(app, admin, &app.addr.to_string()).await
}

async fn sheet_with_host(app: &TestApp, admin: &Moderator, host: &str) -> String {
    let res = app
        .client
        .post(app.url("/api/admin/codes"))
        .header("cookie", &admin.cookie)
        .header(werkstadt_domain::staff::CSRF_HEADER, &admin.csrf)
        .header("accept", "text/html")
        .header("host", host)
        .json(&json!({"count": 1, "label": "Aushang"}))
        .send()
        .await
        .expect("sheet");
    assert_eq!(res.status(), StatusCode::CREATED);
    res.text().await.expect("html")
}

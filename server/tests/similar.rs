//! "Similar ideas" is one rule: the server's answer (full-text index + the domain's ranking)
//! is what the app computes offline from its replica with `search::similar_titles`. The same
//! queries go through both and must find the same ideas.

mod common;

use common::{Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use uuid::Uuid;
use werkstadt_domain::search::similar_titles;

async fn published(app: &TestApp) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for theme in app.overview().await.themes {
        let page: Value = app
            .get_json(&format!("/api/themes/{}/ideas?per_page=100", theme.id))
            .await;
        for i in page["ideas"].as_array().expect("ideas") {
            all.push((
                i["id"].as_str().expect("id").to_owned(),
                i["title"].as_str().expect("title").to_owned(),
            ));
        }
    }
    all
}

async fn server_similar(app: &TestApp, q: &str) -> BTreeSet<String> {
    let url = format!("/api/ideas/similar?q={}", urlencode(q));
    let found: Vec<Value> = app.get_json(&url).await;
    found
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn the_server_and_the_apps_rule_find_the_same_similar_ideas() {
    let app = TestApp::spawn().await;
    let theme = app.overview().await.themes[0].id.to_string();
    let citizen = Participant::new();
    let titles = [
        "Bürgeramt-Termine online buchen",
        "Burgeramt am Wochenende öffnen",
        "„Übergänge“ für Fußgänger sicherer",
        "Café-Treff für digitale Fragen",
        "Straßenbeleuchtung smart steuern",
        "Fahrradwege: Lücken im Netz schließen",
        "Öffentliches WLAN im Ravensberger Park",
    ];
    let mut last = String::new();
    for title in titles {
        last = Uuid::now_v7().to_string();
        let res = citizen
            .post(
                &app,
                "/api/ideas",
                &json!({"id": last, "theme_id": theme, "title": title, "body": "Text"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "{title}");
    }
    // The index catches up right after each write, off the request's path: wait for it.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server_similar(&app, "Ravensberger").await.contains(&last) {
        assert!(
            Instant::now() < deadline,
            "the search index never caught up"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let replica = published(&app).await;
    let queries = [
        "Bürgeramt",
        "burgeramt",
        "BÜRGERAMT termine",
        "uebergaenge",
        "übergänge",
        "Fußgänger",
        "CAFE treff",
        "café",
        "Straße",
        "fahrradweg lücke",
        "öffentlich",
        "offentlich",
        "WLAN",
        "und die für",
        "x",
    ];
    let mut non_empty = 0;
    for q in queries {
        let offline: BTreeSet<String> =
            similar_titles(q, replica.iter().map(|(id, t)| (id.clone(), t.as_str())), 5)
                .into_iter()
                .collect();
        let online = server_similar(&app, q).await;
        assert_eq!(online, offline, "query {q:?}");
        non_empty += usize::from(!online.is_empty());
    }
    assert!(non_empty >= 11, "most queries find something: {non_empty}");
    // Folding works both ways: "Burgeramt" finds both new ideas and the demo's
    // "Bürgeramt-Termine per App buchen".
    assert_eq!(server_similar(&app, "Burgeramt").await.len(), 3);
}

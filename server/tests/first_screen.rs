//! A deep link's first screen on a real server: `/themen/{id}` and `/ideen/{id}` answer the
//! app's page with the theme's first ideas or the idea's text drawn in (escaped), with title
//! and description for link previews. Unknown ids, ideas nobody may see yet and hidden ideas
//! get the plain page. The browser side (the app takes over) is `tests/tests/first_screen.rs`.

mod common;

use common::staff::{admin, decide, sign_in, DEMO};
use common::{new_idea, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// A server whose `dist/` holds the real page template (the one `cargo xtask dist` fills in).
async fn app() -> TestApp {
    TestApp::spawn_with(|config| {
        let template = include_str!("../../public/index.html");
        std::fs::write(config.dist.join("index.html"), template).expect("writes the page");
    })
    .await
}

async fn page(app: &TestApp, path: &str) -> String {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    let kind = res.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(kind.starts_with("text/html"), "{kind}");
    // Never kept by a browser's cache: the next visit gets today's text.
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.headers().contains_key("content-security-policy"));
    res.text().await.expect("text")
}

async fn submit(app: &TestApp, who: &Participant, title: &str, body: &str) -> String {
    let theme = app.overview().await.themes.remove(0);
    let id = uuid::Uuid::now_v7();
    let res = who
        .post(app, "/api/ideas", &new_idea(id, &theme, title, body))
        .await;
    assert!(
        res.status().is_success(),
        "{}",
        res.text().await.unwrap_or_default()
    );
    id.to_string()
}

#[tokio::test]
async fn a_theme_link_carries_its_first_ideas_most_supported_first() {
    let app = app().await;
    let theme = app.overview().await.themes.remove(0);
    let listed: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let html = page(&app, &format!("/themen/{}", theme.id)).await;
    assert!(html.contains("<div id=\"vorschau\" lang=\"de\">"));
    let title = theme.title.replace('&', "&amp;");
    assert!(
        html.contains(&format!("<title>{title} – werkstadt</title>")),
        "{html}"
    );
    assert!(html.contains(&format!("<h1 tabindex=\"-1\">{title}</h1>")));
    // The ideas in the order of the public list (most supported first).
    let titles: Vec<&str> = listed["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .map(|i| i["title"].as_str().expect("title"))
        .collect();
    assert!(!titles.is_empty(), "the demo theme has ideas");
    let positions: Vec<usize> = titles
        .iter()
        .map(|t| html.find(&format!(">{t}</a></h2>")).expect("listed"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    app.stop().await;
}

#[tokio::test]
async fn an_idea_link_carries_its_text_escaped_and_only_while_everyone_may_see_it() {
    let app = app().await;
    let anna = Participant::new();
    let idea = submit(
        &app,
        &anna,
        "<script>alert('x')</script> Tablets",
        "Für jede Klasse \"genug\" Geräte & WLAN.\n<img src=x onerror=alert(1)>",
    )
    .await;
    let html = page(&app, &format!("/ideen/{idea}")).await;
    assert!(
        html.contains("<div id=\"vorschau\" lang=\"de\">"),
        "published at once (demo: post-moderation)"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"));
    assert!(
        html.contains("<h1 tabindex=\"-1\">&lt;script&gt;alert('x')&lt;/script&gt; Tablets</h1>")
    );
    assert!(html.contains(
        "<p class=\"idea-body\">Für jede Klasse \"genug\" Geräte &amp; WLAN.\n&lt;img src=x onerror=alert(1)&gt;</p>"
    ));
    assert!(html.contains(
        "<meta property=\"og:description\" content=\"Für jede Klasse &quot;genug&quot; Geräte &amp; WLAN."
    ));
    assert!(html.contains("<p class=\"support-count\">0 Unterstützungen</p>"));

    // The office answers: the answer is part of the first screen.
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let answer = decide(
        &idea,
        json!({"answer": {"status": "accepted", "text": "Wird \"bald\" umgesetzt & bezahlt."}}),
    );
    assert_eq!(
        moderator.decide(&app, vec![answer]).await,
        vec![werkstadt_domain::sync::Outcome::Applied]
    );
    let html = page(&app, &format!("/ideen/{idea}")).await;
    assert!(html.contains(
        "<p class=\"answer-status\"><strong>Angenommen</strong></p><p>Wird \"bald\" umgesetzt &amp; bezahlt.</p>"
    ), "{html}");

    // Hidden by a moderator: the link gives the plain page (the app says "not found").
    let hide = decide(
        &idea,
        json!({"hide": {"reason": "Kein Beitrag zum Thema."}}),
    );
    assert_eq!(
        moderator.decide(&app, vec![hide]).await,
        vec![werkstadt_domain::sync::Outcome::Applied]
    );
    let html = page(&app, &format!("/ideen/{idea}")).await;
    assert!(!html.contains("id=\"vorschau\""));
    assert!(!html.contains("Tablets"));
    assert!(html.contains("<!--vorschau-->"), "the plain page");
    // Nor does its theme list it.
    let theme = app.overview().await.themes.remove(0);
    let html = page(&app, &format!("/themen/{}", theme.id)).await;
    assert!(html.contains("<div id=\"vorschau\" lang=\"de\">"));
    assert!(!html.contains("Tablets"));
    app.stop().await;
}

#[tokio::test]
async fn ideas_waiting_for_moderation_and_unknown_ids_get_the_plain_page() {
    let app = app().await;
    assert!(admin(&app)
        .await
        .set_mode(&app, "pre")
        .await
        .status()
        .is_success());
    let anna = Participant::new();
    let waiting = submit(
        &app,
        &anna,
        "Noch nicht geprüft",
        "Wartet auf die Moderation.",
    )
    .await;
    let theme = app.overview().await.themes.remove(0);
    let html = page(&app, &format!("/themen/{}", theme.id)).await;
    assert!(
        html.contains("<div id=\"vorschau\" lang=\"de\">"),
        "the theme is drawn"
    );
    assert!(
        !html.contains("Noch nicht geprüft"),
        "without the waiting idea"
    );
    for path in [
        format!("/ideen/{waiting}"),
        format!("/ideen/{}", uuid::Uuid::now_v7()),
        format!("/themen/{}", uuid::Uuid::now_v7()),
        "/themen/kein-schluessel".to_owned(),
    ] {
        let html = page(&app, &path).await;
        assert!(!html.contains("id=\"vorschau\""), "{path}");
        assert!(!html.contains("Noch nicht geprüft"), "{path}");
    }
    app.stop().await;
}

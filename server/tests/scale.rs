//! City scale on a real server: results answered from memory between changes but never stale,
//! compressed JSON answers (not the event stream).

mod common;

use common::{Participant, TestApp};
use serde_json::json;
use werkstadt_domain::api::{IdeaPage, Results};

/// Results are computed once per change of the feed, yet each vote shows in the next read.
#[tokio::test]
async fn a_new_vote_shows_in_the_next_results_read() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await;
    let first: Results = app.get_json("/api/results").await;
    let again: Results = app.get_json("/api/results").await;
    assert_eq!(first, again);
    assert_eq!(first.dots_placed, 0);

    // The newest idea of the theme is not its top idea yet (ties go to the older one).
    let page: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas?sort=newest", theme.id))
        .await;
    let newest = page.ideas[0].id;
    let in_results = |r: &Results| {
        r.themes
            .iter()
            .find(|t| t.theme.id == theme.id)
            .expect("theme in results")
            .clone()
    };
    assert_ne!(in_results(&first).top_ideas[0].id, newest);

    let res = Participant::new()
        .put(
            &app,
            &format!("/api/ideas/{newest}/support"),
            &json!({"supported": true}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let after_support: Results = app.get_json("/api/results").await;
    let top = &in_results(&after_support).top_ideas[0];
    assert_eq!((top.id, top.support_count), (newest, 1));

    let res = Participant::new()
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme.id, "points": 3}]}),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let after_dots: Results = app.get_json("/api/results").await;
    assert_eq!((after_dots.dot_voters, after_dots.dots_placed), (1, 3));
    assert_eq!(after_dots.themes[0].theme.id, theme.id);
    assert_eq!(after_dots.themes[0].theme.dot_points, 3);
    app.stop().await;
}

/// JSON answers come compressed as the client accepts; the event stream never (each event must
/// arrive when it is sent); the app's files keep their precompressed variants.
#[tokio::test]
async fn json_answers_are_compressed_but_not_the_event_stream() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await;
    for (path, encoding) in [
        ("/api/process", "br"),
        ("/api/results", "gzip"),
        (&*format!("/api/themes/{}/ideas", theme.id), "br"),
    ] {
        let res = app
            .client
            .get(app.url(path))
            .header("accept-encoding", encoding)
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["content-encoding"], encoding, "{path}");
        assert_eq!(res.headers()["content-type"], "application/json", "{path}");
    }
    // Without Accept-Encoding: plain JSON.
    let plain = app.get("/api/process").await;
    assert!(plain.headers().get("content-encoding").is_none());

    let events = app
        .client
        .get(app.url("/api/sync/events"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(events.status(), 200);
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    assert!(events.headers().get("content-encoding").is_none());
    drop(events);

    let asset = app
        .client
        .get(app.url(&format!("/{}", common::HASHED_JS)))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("request");
    assert_eq!(asset.headers()["content-encoding"], "br");
    assert_eq!(&asset.bytes().await.expect("body")[..], b"brotli-bytes");
    app.stop().await;
}

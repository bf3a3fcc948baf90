//! Fewer round trips: a citizen's own action costs one push and at most one pull — the server's
//! "changed" event that echoes the push does not start a third request.

use std::time::Duration;
use werkstadt_tests::{eventually, get_json, Browser, Page, Server, Viewport};

/// How many requests the page has made to `path` so far.
async fn requests_to(page: &Page<'_>, path: &str) -> usize {
    page.resources()
        .await
        .iter()
        .filter(|u| reqwest::Url::parse(u).is_ok_and(|u| u.path() == path))
        .count()
}

#[tokio::test]
async fn a_citizens_own_action_costs_one_push_and_at_most_one_pull() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    let idea = page.open_demo_idea().await;
    // Let the start-up syncs settle (the event stream connects, the first pull ends).
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (push_before, pull_before) = (
        requests_to(&page, "/api/sync/push").await,
        requests_to(&page, "/api/sync/pull").await,
    );

    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    eventually("the support reaches the server", || async {
        let idea = get_json(&format!("{}/api/ideas/{idea}", server.url)).await;
        (idea["support_count"] == 1).then_some(())
    })
    .await;
    // Time for the server's event about this very change to arrive and be ignored.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pushes = requests_to(&page, "/api/sync/push").await - push_before;
    let pulls = requests_to(&page, "/api/sync/pull").await - pull_before;
    assert_eq!(pushes, 1, "one push");
    assert!(pulls <= 1, "at most one pull, got {pulls}");
}

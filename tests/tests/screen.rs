//! The phone's screen belongs to the content: header, navigation and sync state take at most a
//! sixth of it, and the sync state grows (with its button) only when something needs attention.

use werkstadt_tests::{eventually, Browser, Page, Server, Viewport};

/// Where the page's content starts, and the screen height, in CSS pixels.
async fn content_top(page: &Page<'_>) -> (f64, f64) {
    let v = page
        .eval("return [document.querySelector('main').getBoundingClientRect().top, window.innerHeight];")
        .await;
    (v[0].as_f64().expect("top"), v[1].as_f64().expect("height"))
}

async fn has_sync_button(page: &Page<'_>) -> bool {
    page.eval("return document.querySelector('.sync-now') !== null;")
        .await
        .as_bool()
        .expect("bool")
}

#[tokio::test]
async fn on_a_phone_the_frame_takes_a_sixth_of_the_screen_and_the_sync_state_grows_when_offline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Bildung").await;
    page.wait_text("Online").await;

    for path in ["/", "/punkte", "/ergebnisse"] {
        page.goto(path).await;
        page.wait_text("Online").await;
        let (top, height) = content_top(&page).await;
        println!("{path}: the content starts at {top} px of {height} px");
        if let Ok(dir) = std::env::var("SCREENSHOTS") {
            let png = page.c.screenshot().await.expect("screenshot");
            std::fs::write(format!("{dir}/phone{}.png", path.replace('/', "-")), png)
                .expect("writes");
        }
        assert!(
            top <= height / 6.0,
            "{path}: the content starts at {top} px of {height} px"
        );
        // Every section is one thumb-sized tap away.
        let cells = page
            .eval("return [...document.querySelectorAll('.site-header nav a, .news-link')].map(a => a.getBoundingClientRect().height >= 44 && a.getBoundingClientRect().width >= 44);")
            .await;
        assert_eq!(cells, serde_json::json!(vec![true; 6]), "{path}");
        assert!(
            !has_sync_button(&page).await,
            "{path}: nothing waits, no button"
        );
    }

    // The server goes away: the sync state says so and offers to try again.
    let _gone = server.kill();
    page.click_text("Start").await;
    page.eval("window.dispatchEvent(new Event('online')); return true;")
        .await;
    eventually(
        "the sync state shows the device offline with its button",
        || async { has_sync_button(&page).await.then_some(()) },
    )
    .await;
    page.wait_text("Offline").await;
}

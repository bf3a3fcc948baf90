//! A trap is not a frozen page: when the app's code crashes (a panic traps the wasm), the
//! person sees a short notice in German and English with a reload link, and the reload brings
//! the app back.

use werkstadt_tests::{eventually, Browser, Page, Server, Viewport};

#[tokio::test]
async fn a_crash_shows_a_notice_with_a_reload_link_and_the_reload_brings_the_app_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);

    page.goto("/__test/absturz").await;
    page.wait_text("Absturztest").await;
    assert!(
        !page
            .body_text()
            .await
            .contains("Die App ist auf einen Fehler gestoßen"),
        "the notice stays hidden while all is well"
    );
    page.click_text("Absturz auslösen").await;
    page.wait_text("Die App ist auf einen Fehler gestoßen")
        .await;
    page.wait_text("The app ran into an error").await;
    assert_eq!(
        page.eval("return document.activeElement.id").await,
        "absturz",
        "the notice takes the focus"
    );
    page.assert_accessible("Absturz").await;

    page.click_text("Neu laden / Reload").await;
    eventually("the reload", || async {
        let body = page.body_text().await;
        (body.contains("Absturztest") && !body.contains("Die App ist auf einen Fehler gestoßen"))
            .then_some(())
    })
    .await;
    page.click_text("Start").await;
    page.wait_text("Digitale Infrastruktur").await;
}

//! Errors reach the participant in their language: the browser layer's one error type says
//! what kind of thing failed, and the app words it (never the English text of a browser API).

use werkstadt_tests::{Browser, Page, Server, Viewport};

#[tokio::test]
async fn a_device_that_refuses_to_store_gets_a_german_message_and_the_action_is_not_confirmed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.open_demo_idea().await;

    // From now on every IndexedDB transaction fails, as when the storage is full.
    page.eval(
        "IDBDatabase.prototype.transaction = function () { throw new DOMException('full', 'QuotaExceededError'); }; return true;",
    )
    .await;
    page.click(".support-button").await;
    page.wait_text("Auf diesem Gerät kann nichts gespeichert werden")
        .await;
    let text = page.body_text().await;
    assert!(
        !text.contains("IndexedDB"),
        "no browser API wording: {text}"
    );
    assert!(
        text.contains("0 Unterstützungen"),
        "the support is not shown as made"
    );
    let pressed = page
        .eval("return document.querySelector('.support-button').getAttribute('aria-pressed');")
        .await;
    assert_eq!(pressed, "false");
}

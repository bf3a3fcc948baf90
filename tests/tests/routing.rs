//! Routing in a real browser: leptos_router's location provider under the app's table of
//! routes. A plain click on a link of the app changes the page without a reload and adds a
//! history entry (back and forward work); a click with a modifier key or another mouse button,
//! on a link with a `target`, `download` or `rel="external"` is left to the browser; queries
//! are percent-decoded; the skip link moves the keyboard focus to the content.

use werkstadt_tests::{Browser, Page, Server, Viewport};

/// Whether the app took over a click on the first link matching `css` (it prevents the
/// browser's navigation), for a click with the given mouse button and modifier keys. A
/// listener registered after the router's records that, then stops the browser's own
/// navigation, so the page stays put.
async fn taken_over(page: &Page<'_>, css: &str, button: u8, modifier: &str) -> bool {
    let v = page
        .eval(&format!(
            "const a = document.querySelector({css:?}); \
             let taken = null; \
             const probe = (e) => {{ taken = e.defaultPrevented; e.preventDefault(); }}; \
             window.addEventListener('click', probe); \
             const init = {{bubbles: true, cancelable: true, button: {button}}}; \
             if ({modifier:?}) init[{modifier:?}] = true; \
             a.dispatchEvent(new MouseEvent('click', init)); \
             window.removeEventListener('click', probe); \
             return taken;"
        ))
        .await;
    v.as_bool()
        .unwrap_or_else(|| panic!("no click reached {css}: {v}"))
}

#[tokio::test]
async fn links_history_and_queries_behave_as_the_router_library_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.find("#themen-ueberschrift").await;
    // A marker that survives only while the page is not reloaded.
    page.eval("window.__same_page = true; return true;").await;

    // A plain click on a link of the app: the app shows the page, no reload.
    page.click("nav a[href='/ergebnisse']").await;
    page.wait_text("Meistunterstützte Ideen").await;
    assert_eq!(page.path().await, "/ergebnisse");
    // Back and forward through the history entries.
    browser.client.back().await.expect("back");
    page.find("#themen-ueberschrift").await;
    assert_eq!(page.path().await, "/");
    browser.client.forward().await.expect("forward");
    page.wait_text("Meistunterstützte Ideen").await;
    assert_eq!(page.eval("return window.__same_page === true;").await, true);

    // Left to the browser: modifier keys, another button, target, download, rel="external".
    let nav = "nav a[href='/neu']";
    assert!(
        taken_over(&page, nav, 0, "").await,
        "a plain click is the app's"
    );
    for modifier in ["ctrlKey", "metaKey", "shiftKey", "altKey"] {
        assert!(!taken_over(&page, nav, 0, modifier).await, "{modifier}");
    }
    assert!(!taken_over(&page, nav, 1, "").await, "middle button");
    page.eval(
        "const add = (attrs) => { const a = document.createElement('a'); a.href = '/neu'; \
           a.textContent = 'x'; for (const [k, v] of attrs) a.setAttribute(k, v); \
           document.querySelector('main').append(a); return a; }; \
         add([['target', '_blank'], ['id', 'mit-ziel']]); \
         add([['download', ''], ['id', 'zum-laden']]); return true;",
    )
    .await;
    assert!(!taken_over(&page, "#mit-ziel", 0, "").await, "target");
    assert!(!taken_over(&page, "#zum-laden", 0, "").await, "download");
    assert!(
        !taken_over(&page, "a[href='/datenschutz.html']", 0, "").await,
        "the privacy page is a file: rel=external"
    );
    assert_eq!(
        page.path().await,
        "/neu",
        "the app went where the plain click pointed; no other probe navigated"
    );
    assert_eq!(page.eval("return window.__same_page === true;").await, true);

    // A query is percent-decoded: a participation code with a space and a plus.
    page.goto("/code?c=AB%20CD%2B1").await;
    let code = page.find("#code-eingabe").await;
    assert_eq!(
        code.prop("value").await.expect("value").as_deref(),
        Some("AB CD+1")
    );

    // The skip link moves the keyboard focus to the content (the browser's own jump).
    page.goto("/").await;
    page.find("#themen-ueberschrift").await;
    // Keyboard users reach it first: focus it, press Enter.
    page.eval("document.querySelector('a.skip-link').focus(); return true;")
        .await;
    page.find("a.skip-link")
        .await
        .send_keys("\u{E007}")
        .await
        .expect("enter");
    assert_eq!(
        page.eval("return document.activeElement && document.activeElement.id;")
            .await,
        "inhalt"
    );
    assert_eq!(page.path().await, "/");
}

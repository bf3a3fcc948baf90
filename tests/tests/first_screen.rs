//! A deep link's first screen in a real browser: `/ideen/{id}` and `/themen/{id}` come with the
//! page's text drawn in by the server. Without the app's code (blocked here, as on a phone
//! whose connection stalls) that text is the page: readable, its links working, accessible.
//! With the app, the app takes over: one page, the app's, showing what the first screen
//! showed (the office's answer included), word for word, with its controls working.

use serde_json::json;
use werkstadt_tests::{eventually, get_json, Browser, Cdp, Page, Server, StaffClient, Viewport};

/// The moderator `--demo` creates.
const MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");

/// The parts both draw, as (selector, text) pairs, for comparing the two.
async fn texts(page: &Page<'_>, selectors: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for css in selectors {
        let v = page
            .eval(&format!(
                "const e = document.querySelector({css:?}); return e ? e.innerText : null;"
            ))
            .await;
        out.push((
            (*css).to_owned(),
            v.as_str()
                .unwrap_or_else(|| panic!("the page has no {css}"))
                .to_owned(),
        ));
    }
    out
}

/// The id of the demo process's first field of action.
async fn first_theme(server: &Server) -> String {
    get_json(&format!("{}/api/process", server.url)).await["themes"][0]["id"]
        .as_str()
        .expect("a theme")
        .to_owned()
}

async fn block(page: &Page<'_>, urls: serde_json::Value) {
    page.c
        .issue_cmd(Cdp("Network.enable", json!({})))
        .await
        .expect("network domain");
    page.c
        .issue_cmd(Cdp("Network.setBlockedURLs", json!({ "urls": urls })))
        .await
        .expect("blocks");
}

/// The header and footer, as the first screen and the app draw them around every page.
const CHROME: &[&str] = &["header", "footer"];

const IDEA_PARTS: &[&str] = &[
    "main .breadcrumb",
    "main h1",
    "main .idea .meta",
    "main .idea-body",
    "main .official-answer",
    "main .report summary",
    "main .support-button",
    "main .support-count",
    "main .follow-button",
];

const THEME_PARTS: &[&str] = &[
    "main h1",
    "main h1 + p",
    "main .actions",
    "main .follow-button",
    "main .sort",
    "main .idea-list",
];

#[tokio::test]
async fn a_deep_link_is_readable_before_the_app_and_the_app_takes_over_word_for_word() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let overview = get_json(&format!("{}/api/process", server.url)).await;
    let theme = overview["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .find(|t| {
            t["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Bildung"))
        })
        .expect("the demo's education theme")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let listed = get_json(&format!("{}/api/themes/{theme}/ideas", server.url)).await;
    let ideas = listed["ideas"].as_array().expect("ideas");
    let wlan = ideas
        .iter()
        .find(|i| i["title"] == "WLAN in allen Schulen und der Stadtbibliothek")
        .expect("the demo idea");
    let idea = wlan["id"].as_str().expect("id").to_owned();
    let detail = get_json(&format!("{}/api/ideas/{idea}", server.url)).await;
    // The office has answered it.
    let staff = StaffClient::sign_in(&server.url, MODERATOR.0, MODERATOR.1).await;
    let answer =
        json!({"answer": {"status": "in_review", "text": "Das Schulamt prüft die Kosten."}});
    assert_eq!(
        staff.decide(&[(idea.as_str(), answer)]).await,
        vec![json!("applied")]
    );

    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    // A phone in Bielefeld: the server writes dates in Bielefeld's time, the app in the
    // device's (the same here, whatever the test machine's zone).
    page.c
        .issue_cmd(Cdp(
            "Emulation.setTimezoneOverride",
            json!({"timezoneId": "Europe/Berlin"}),
        ))
        .await
        .expect("time zone");

    // Without the app's code: the server's first screen is the page.
    block(&page, json!(["*.wasm"])).await;
    page.c
        .goto(&format!("{}/ideen/{idea}", server.url))
        .await
        .expect("navigates");
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    assert_eq!(page.text_of(".idea-body").await, detail["body"]);
    assert_eq!(
        page.text_of(".official-answer").await,
        "Antwort des Digitalisierungsbüros\nIn Prüfung\nDas Schulamt prüft die Kosten."
    );
    assert_eq!(
        page.eval("return document.title;").await,
        "WLAN in allen Schulen und der Stadtbibliothek – werkstadt"
    );
    assert_eq!(
        page.eval("return [document.querySelectorAll('main').length, document.querySelector('main').id, document.querySelector('.support-button').disabled];").await,
        json!([1, "vorschau-inhalt", true]),
        "only the first screen, its button waiting for the app"
    );
    let first_idea = texts(&page, IDEA_PARTS).await;
    let first_chrome = texts(&page, CHROME).await;
    page.assert_accessible("Erster Bildschirm einer Idee").await;
    // Its links work without the app: the theme, drawn by the server too.
    page.click(".breadcrumb a").await;
    page.wait_text("Idee zu diesem Handlungsfeld einreichen")
        .await;
    assert_eq!(page.path().await, format!("/themen/{theme}"));
    let rows = page
        .eval("return document.querySelectorAll('.idea-list .idea-item').length;")
        .await;
    assert_eq!(rows, json!(ideas.len()), "the theme's ideas");
    let first_theme = texts(&page, THEME_PARTS).await;
    page.assert_accessible("Erster Bildschirm eines Handlungsfelds")
        .await;

    // With the app: it takes over (`goto` waits until the first screen is gone), and its page
    // says what the first screen said. Meanwhile the app's nodes were in the page, unseen.
    block(&page, json!([])).await;
    page.c
        .issue_cmd(Cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": WATCH_HIDDEN}),
        ))
        .await
        .expect("watches");
    page.goto(&format!("/themen/{theme}")).await;
    let seen = page.eval("return window.__seen;").await;
    assert!(
        seen["app"].as_u64() > Some(0),
        "the app built its page behind: {seen}"
    );
    assert_eq!(
        seen["visible"], 0,
        "nothing of the app showed beside it: {seen}"
    );
    assert_eq!(
        page.eval(
            "return [document.querySelectorAll('main').length, document.querySelector('main').id];"
        )
        .await,
        json!([1, "inhalt"])
    );
    assert_eq!(texts(&page, THEME_PARTS).await, first_theme);
    assert_eq!(texts(&page, CHROME).await, first_chrome);
    // (Possibly from the service worker's copy of the page, without a first screen.)
    page.goto(&format!("/ideen/{idea}")).await;
    page.find("main#inhalt .idea-body").await;
    assert_eq!(texts(&page, IDEA_PARTS).await, first_idea);
    // Its controls work: the support counts.
    let before = detail["support_count"].as_u64().expect("count");
    page.click(".support-button").await;
    page.find(".support-button[aria-pressed='true']").await;
    let after = if before + 1 == 1 {
        "1 Unterstützung".to_owned()
    } else {
        format!("{} Unterstützungen", before + 1)
    };
    page.wait_text(&after).await;
}

/// Counts, at every change of the page while the first screen is there, the app's nodes after
/// it and how many of them take up space on the screen.
const WATCH_HIDDEN: &str = "window.__seen = {app: 0, visible: 0}; \
    new MutationObserver(() => { \
      const first = document.getElementById('vorschau'); \
      for (let n = first && first.nextElementSibling; n; n = n.nextElementSibling) { \
        window.__seen.app++; \
        if (n.getClientRects().length > 0) window.__seen.visible++; \
      } \
    }).observe(document, {childList: true, subtree: true});";

#[tokio::test]
async fn a_page_whose_code_cannot_load_shows_the_notice_not_the_first_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let theme = first_theme(&server).await;
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    // The app starts, but the theme page's chunk does not come (the connection broke off).
    block(&page, json!(["*app-chunk-*"])).await;
    page.goto(&format!("/themen/{theme}")).await;
    page.wait_text("Diese Seite konnte nicht geladen werden.")
        .await;
    assert_eq!(
        page.eval("return document.querySelectorAll('main').length;")
            .await,
        1
    );
    // Once it comes, the retry button shows the page.
    block(&page, json!([])).await;
    page.click_text("Erneut versuchen").await;
    page.wait_text("Idee zu diesem Handlungsfeld einreichen")
        .await;
}

#[tokio::test]
async fn the_first_screen_stays_while_the_first_pull_fails_and_hands_on_the_focus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let theme = first_theme(&server).await;
    let listed = get_json(&format!("{}/api/themes/{theme}/ideas", server.url)).await;
    let ideas = listed["ideas"].as_array().expect("ideas").len();
    assert!(ideas > 0, "the demo theme has ideas");
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    // The page and the app's code arrive, the first pull does not.
    block(&page, json!(["*/api/sync/pull*"])).await;
    page.c
        .goto(&format!("{}/themen/{theme}", server.url))
        .await
        .expect("navigates");
    // The app has built its theme page behind the first screen and found the server
    // unreachable.
    eventually("the app to find the server unreachable", || async {
        let offline = page
            .eval(
                "return document.querySelector('.sync-state.offline') !== null \
                 && document.querySelector('main#inhalt .sort') !== null;",
            )
            .await;
        (offline == true).then_some(())
    })
    .await;
    // Its page would list no ideas yet: the first screen stays, with all of them.
    assert_eq!(
        page.eval("return document.querySelectorAll('#vorschau .idea-item').length;")
            .await,
        json!(ideas)
    );
    // Someone reading with the keyboard is on the first idea.
    page.eval("document.querySelector('#vorschau .idea-list a').focus(); return true;")
        .await;
    // The app pulls again, its page stands and takes over; the focus goes to its content, not
    // back to the top of the page.
    block(&page, json!([])).await;
    // As when the phone's connection comes back: the app tries at once.
    page.eval("window.dispatchEvent(new Event('online')); return true;")
        .await;
    eventually("the app to take over", || async {
        let gone = page
            .eval("return document.getElementById('vorschau') === null;")
            .await;
        (gone == true).then_some(())
    })
    .await;
    assert_eq!(
        page.eval("return document.activeElement.id;").await,
        "inhalt"
    );
    assert_eq!(
        page.eval("return document.querySelectorAll('main#inhalt .idea-item').length;")
            .await,
        json!(ideas)
    );
}

//! Offline end-to-end: the app starts from its service worker with the server down, keeps
//! the citizen's actions in its outbox across reloads, and sends them by itself when the
//! server is back, once: a second browser then sees them.

use std::time::Duration;
use werkstadt_tests::{eventually, Browser, Page, Server, Viewport};

#[tokio::test]
async fn a_citizen_participates_offline_and_everything_arrives_once_the_server_is_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let base = server.url.clone();
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &base);

    // Online first: the service worker installs and takes control; pages seen are kept.
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.wait_for_service_worker().await;
    page.click_text("Bildung").await;
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    let theme_path = page.path().await;
    page.goto("/punkte").await;
    page.wait_text("Noch 5 von 5 Punkten übrig").await;

    // The server goes away (kill -9). A reload still starts the app, with its data.
    let (db, dist, addr) = server.kill();
    browser.client.refresh().await.expect("reloads");
    page.wait_text("Noch 5 von 5 Punkten übrig").await;
    page.wait_text("Offline").await;
    page.goto(&theme_path).await;
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    page.assert_accessible("Handlungsfeld offline").await;

    // Submit an idea and support it, offline.
    page.click_text("Idee zu diesem Handlungsfeld einreichen")
        .await;
    page.fill("#idee-titel", "Lernwerkstatt im Funkloch").await;
    page.fill("#idee-text", "Eingereicht ohne Verbindung.")
        .await;
    page.click_text("Idee absenden").await;
    page.wait_text("Lernwerkstatt im Funkloch").await;
    page.wait_text("Wartet auf Übertragung").await;
    let idea_path = page.path().await;
    assert!(idea_path.starts_with("/ideen/"), "{idea_path}");
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    page.wait_text("2 Änderungen warten").await;
    page.fill("#kommentar-text", "Auch im Bus geschrieben.")
        .await;
    page.click_text("Kommentar senden").await;
    page.wait_text("Ihr Kommentar ist gespeichert.").await;
    page.wait_text("Auch im Bus geschrieben.").await;
    page.wait_text("3 Änderungen warten").await;
    page.assert_accessible("Idee offline").await;

    // Pages never opened before come from the replica too.
    page.goto("/ergebnisse").await;
    page.wait_text("Platz 1").await;

    // Dot votes offline.
    page.goto("/punkte").await;
    page.click("button[aria-label='Einen Punkt auf „Bildung“ setzen']")
        .await;
    page.click("button[aria-label='Einen Punkt auf „Bildung“ setzen']")
        .await;
    page.click_text("Punkte speichern").await;
    page.wait_text("Gespeichert – wird übertragen, sobald eine Verbindung besteht.")
        .await;
    page.wait_text("4 Änderungen warten").await;

    // A reload keeps everything pending.
    browser.client.refresh().await.expect("reloads");
    page.wait_text("4 Änderungen warten").await;
    page.goto(&idea_path).await;
    page.wait_text("Lernwerkstatt im Funkloch").await;
    page.wait_text("1 Unterstützung").await;
    page.wait_text("Auch im Bus geschrieben.").await;

    // The server comes back on the same address: the outbox drains by itself.
    let server = Server::start_with(&db, &dist, &addr);
    page.wait_text_within("Online", Duration::from_secs(40))
        .await;
    eventually("the outbox to drain", || async {
        (!page.body_text().await.contains("warte")).then_some(())
    })
    .await;
    page.wait_text("1 Unterstützung").await;

    // A second person (fresh profile) sees the idea with its one support, and the points.
    let other = Browser::start(Viewport::Desktop).await;
    let page2 = Page::new(&other, &server.url);
    page2.goto(&idea_path).await;
    page2.wait_text("Lernwerkstatt im Funkloch").await;
    page2.wait_text("1 Unterstützung").await;
    page2.wait_text("Auch im Bus geschrieben.").await;
    assert!(!page2.body_text().await.contains("Wartet auf Übertragung"));
    page2.goto("/ergebnisse").await;
    page2
        .wait_text("Bisher haben 1 Person insgesamt 2 Punkte vergeben.")
        .await;

    // Exactly one idea arrived, however often the client retried.
    let ideas: serde_json::Value = reqwest::get(format!(
        "{}/api/themes/{}/ideas?per_page=100",
        server.url,
        theme_path.trim_start_matches("/themen/")
    ))
    .await
    .expect("ideas")
    .json()
    .await
    .expect("json");
    let copies = ideas["ideas"].as_array().map_or(0, |a| {
        a.iter()
            .filter(|i| i["title"] == "Lernwerkstatt im Funkloch")
            .count()
    });
    assert_eq!(copies, 1);
}

#[tokio::test]
async fn a_push_whose_answer_is_lost_is_retried_and_applied_once() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let proxy = werkstadt_tests::LossyProxy::start(&server.url).await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &proxy.url);

    page.goto("/neu").await;
    page.choose("#idee-thema", "Energie & Umwelt").await;
    page.fill("#idee-titel", "Solardächer auf Schulen").await;
    page.fill("#idee-text", "Jede Schule mit Photovoltaik.")
        .await;
    proxy.drop_next_push.store(true, Ordering::SeqCst);
    page.click_text("Idee absenden").await;
    page.wait_text("Solardächer auf Schulen").await;

    // The answer was swallowed; the client retries by itself and hears "duplicate".
    page.wait_text_within("Online", Duration::from_secs(30))
        .await;
    eventually("the outbox to drain", || async {
        let text = page.body_text().await;
        (!text.contains("warte") && !text.contains("Wartet auf Übertragung")).then_some(())
    })
    .await;
    assert_eq!(
        proxy.dropped.load(Ordering::SeqCst),
        1,
        "one answer was lost on the way"
    );

    let overview: serde_json::Value = reqwest::get(format!("{}/api/process", server.url))
        .await
        .expect("process")
        .json()
        .await
        .expect("json");
    let theme = overview["themes"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["title"] == "Energie & Umwelt"))
        .expect("theme")
        .clone();
    assert_eq!(
        theme["idea_count"], 2,
        "the seeded idea and ours, not a copy of ours"
    );
}

/// Copies a built `dist/` and turns it into "the next release": its service worker differs.
fn next_release(dist: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(dist).expect("dist") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        // Precompressed copies of sw.js would hide the change; the plain file is served then.
        if name.starts_with("sw.js.") {
            continue;
        }
        std::fs::copy(&path, to.join(&name)).expect("copies");
    }
    let sw = std::fs::read_to_string(to.join("sw.js")).expect("sw.js");
    let next = sw.replacen("const RELEASE = '", "const RELEASE = 'next-", 1);
    assert_ne!(sw, next, "sw.js has a release id");
    std::fs::write(to.join("sw.js"), next).expect("writes");
}

/// The names of the page's Cache Storage caches (one per release), sorted.
async fn cache_names(browser: &Browser) -> Option<Vec<String>> {
    let js =
        "const done = arguments[arguments.length - 1]; caches.keys().then(k => done(k.sort()))";
    let v = browser.client.execute_async(js, vec![]).await.ok()?;
    serde_json::from_value(v).ok()
}

#[tokio::test]
async fn a_new_release_is_offered_and_activated_only_when_the_citizen_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.wait_for_service_worker().await;
    let first = cache_names(&browser).await.expect("cache names");
    assert_eq!(first.len(), 1, "{first:?}");

    // The next release goes live on the same address.
    let (db, dist, addr) = server.kill();
    let next = dir.path().join("dist-next");
    next_release(&dist, &next);
    let _server = Server::start_with(&db, &next, &addr);
    browser.client.refresh().await.expect("reloads");
    // Browsers check for a new worker on navigation; ask once more in case that check raced
    // with the restart.
    page.eval("navigator.serviceWorker.getRegistration().then(r => r && r.update()); return 1")
        .await;
    page.wait_text("Neue Version verfügbar").await;
    // Nothing switched by itself: the page is still served by the old release.
    let still = cache_names(&browser).await.expect("cache names");
    assert!(still.contains(&first[0]), "{still:?}");
    page.assert_accessible("Start mit Update-Hinweis").await;

    page.click_text("Neu laden").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let names = cache_names(&browser).await;
        if names
            .as_ref()
            .is_some_and(|n| n.len() == 1 && n[0].starts_with("werkstadt-next-"))
        {
            break;
        }
        if std::time::Instant::now() > deadline {
            let states = page
                .eval_async(
                    "const done = arguments[arguments.length - 1];
                     navigator.serviceWorker.getRegistration().then(r => done(JSON.stringify({
                       active: r && r.active && r.active.state,
                       waiting: r && r.waiting && r.waiting.state,
                       installing: r && r.installing && r.installing.state,
                       controller: !!navigator.serviceWorker.controller })))",
                )
                .await;
            panic!(
                "the new release did not take over: caches {names:?}, workers {states}, page: {}",
                page.body_text().await
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    page.wait_text("Smart City Strategie Bielefeld").await;
    assert!(!page.body_text().await.contains("Neue Version verfügbar"));
}

//! Lazily loaded pages: the first screen comes from the main module; after it the start page
//! fetches the participation chunk (its timeline, and the pages a citizen opens next), not the
//! others. The service worker precaches every chunk of the release as one set, so after a
//! first visit to `/` alone every route opens offline.

use werkstadt_tests::{Browser, Page, Server, Viewport};

/// The wasm files the page has fetched so far (main module and chunks).
async fn wasm_fetched(page: &Page<'_>) -> Vec<String> {
    page.resources()
        .await
        .into_iter()
        .filter_map(|u| reqwest::Url::parse(&u).ok().map(|u| u.path().to_owned()))
        .filter(|p| p.ends_with(".wasm"))
        .collect()
}

#[tokio::test]
async fn after_a_first_visit_to_the_start_page_every_route_opens_offline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);

    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    // The first screen is the main module's; the timeline follows with the participation
    // chunk, so a theme page then needs no further code, while the dots page does.
    let fetched = wasm_fetched(&page).await;
    assert!(
        fetched
            .first()
            .is_some_and(|f| !f.starts_with("/app-chunk-")),
        "the main module first: {fetched:?}"
    );
    page.wait_text("Zeitplan").await;
    let on_start = wasm_fetched(&page).await;
    page.click_text("Bildung").await;
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    assert_eq!(
        wasm_fetched(&page).await,
        on_start,
        "the theme page's code came with the start page"
    );
    page.goto("/").await;
    page.wait_text("Zeitplan").await;
    page.click("a[href='/punkte']").await;
    page.wait_text("Noch 5 von 5 Punkten übrig").await;
    let on_dots = wasm_fetched(&page).await;
    assert!(
        on_dots.iter().any(|f| !on_start.contains(f)),
        "the dots page's code was not fetched with the start page: {on_dots:?}"
    );
    // Someone who follows nothing never fetched the projects' and news' code (not even for the
    // unread count in the header); the projects page fetches it.
    page.click("a[href='/projekte']").await;
    page.wait_text("Digitales Bürgeramt: Termine und Antragsstatus online")
        .await;
    let on_projects = wasm_fetched(&page).await;
    assert!(
        on_projects.iter().any(|f| !on_dots.contains(f)),
        "the projects' code came before anyone asked for it: {on_projects:?}"
    );
    page.wait_for_service_worker().await;
    let overview = werkstadt_tests::get_json(&format!("{}/api/process", server.url)).await;
    let theme = overview["themes"][3]["id"]
        .as_str()
        .expect("theme id")
        .to_owned();

    // Offline: the server is gone; every route still opens, from the precached chunks.
    let (_db, _dist, _addr) = server.kill();
    browser.client.refresh().await.expect("reloads");
    page.wait_text("Offline").await;
    let routes = [
        (
            format!("/themen/{theme}"),
            "WLAN in allen Schulen und der Stadtbibliothek",
        ),
        ("/neu".to_owned(), "Neue Idee einreichen"),
        ("/punkte".to_owned(), "Noch 5 von 5 Punkten übrig"),
        ("/ergebnisse".to_owned(), "Platz 1"),
        ("/code".to_owned(), "Teilnahmecode einlösen"),
        ("/meine-daten".to_owned(), "Daten herunterladen"),
        ("/gibt-es-nicht".to_owned(), "Seite nicht gefunden"),
    ];
    for (path, text) in &routes {
        page.goto(path).await;
        page.wait_text(text).await;
    }
    // Following a link inside the app (no reload) to an idea opens it too.
    page.goto(&format!("/themen/{theme}")).await;
    page.click_text("WLAN in allen Schulen").await;
    page.wait_text("Unterstützen").await;
    assert!(page.path().await.starts_with("/ideen/"));
    page.assert_accessible("Idee offline aus dem Chunk").await;
}

/// A page whose code cannot be fetched (here: its chunks are missing on the server, and no
/// service worker holds them) says so and offers to try again; the app keeps running, and the
/// retry loads the page once the chunks are there.
#[tokio::test]
async fn a_page_whose_code_cannot_be_fetched_offers_a_retry_instead_of_freezing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = dir.path().join("dist");
    let held = dir.path().join("held-back");
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::create_dir_all(&held).expect("held");
    for entry in std::fs::read_dir(werkstadt_tests::dist_dir()).expect("dist") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name").to_owned();
        let to = if name.to_string_lossy().starts_with("app-chunk-") {
            held.join(&name)
        } else {
            dist.join(&name)
        };
        std::fs::copy(&path, to).expect("copies");
    }
    let server = Server::start_with(&dir.path().join("werkstadt.db"), &dist, "127.0.0.1:0");
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.click_text("Punkte verteilen").await;
    page.wait_text("Diese Seite konnte nicht geladen werden.")
        .await;
    page.assert_accessible("Seite nicht ladbar").await;
    // The app still runs: the start page opens, and the page fails again (nothing cached).
    page.click_text("Start").await;
    page.wait_text("Digitale Infrastruktur").await;
    page.click_text("Punkte verteilen").await;
    page.wait_text("Diese Seite konnte nicht geladen werden.")
        .await;
    // Once the chunks are there, trying again loads the page.
    for entry in std::fs::read_dir(&held).expect("held") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dist.join(path.file_name().expect("name"))).expect("copies");
    }
    page.click_text("Erneut versuchen").await;
    page.wait_text("Noch 5 von 5 Punkten übrig").await;
}

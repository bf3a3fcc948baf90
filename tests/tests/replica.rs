//! The app's replica in a real browser: open apps follow the server by themselves, a replaced
//! server database rolls back what no longer applies (and keeps the citizen's text), and an
//! outbox kept by the previous release is carried over.

use serde_json::{json, Value};
use std::time::Duration;
use uuid::Uuid;
use werkstadt_tests::{eventually, get_json, Browser, Page, Server, Viewport};

/// The seeded theme called `title`, from the server.
async fn theme(base: &str, title: &str) -> Value {
    let overview = get_json(&format!("{base}/api/process")).await;
    overview["themes"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["title"] == title))
        .cloned()
        .unwrap_or_else(|| panic!("no theme {title:?}"))
}

/// Another citizen, pushing through the API (not through a browser).
async fn push_as_someone_else(base: &str, mutations: Value) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{base}/api/sync/push"))
        .header("x-participant-id", Uuid::now_v7().to_string())
        .header("x-participant-secret", "ef".repeat(32))
        .json(&json!({"protocol": 1, "mutations": mutations}))
        .send()
        .await
        .expect("push");
    assert!(res.status().is_success(), "{}", res.status());
    res.json().await.expect("json")
}

#[tokio::test]
async fn an_open_app_shows_what_others_send_without_reloading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.click_text("Bildung").await;
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;

    // Someone else submits an idea: the server says "changed", the app pulls and shows it.
    let bildung = theme(&server.url, "Bildung").await;
    let res = push_as_someone_else(
        &server.url,
        json!([{"id": Uuid::now_v7(), "kind": {"create_idea": {
            "idea_id": Uuid::now_v7(), "theme_id": bildung["id"],
            "title": "Programmierkurse in der Stadtbibliothek", "body": "Für alle Altersgruppen."}}}]),
    )
    .await;
    assert_eq!(res["results"][0]["outcome"], "applied");
    page.wait_text("Programmierkurse in der Stadtbibliothek")
        .await;
    let start_counts = page.body_text().await;
    assert!(
        !start_counts.contains("Wartet auf Übertragung"),
        "not ours, not pending"
    );
}

#[tokio::test]
async fn a_replaced_server_database_rolls_back_what_no_longer_exists_and_keeps_the_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.wait_for_service_worker().await;
    page.click_text("Bildung").await;
    page.click_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    page.wait_text("0 Unterstützungen").await;
    let idea_path = page.path().await;

    // Offline, the citizen supports the idea and comments on it.
    let (_, dist, addr) = server.kill();
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    page.fill(
        "#kommentar-text",
        "Bitte auch in den Stadtteilbibliotheken.",
    )
    .await;
    page.click_text("Kommentar senden").await;
    page.wait_text("2 Änderungen warten").await;

    // The server comes back with another database (a restore went wrong; new ids): the
    // idea is gone. Both changes are rejected, rolled back in the view, and the comment's text
    // is offered to copy.
    let server = Server::start_with(&dir.path().join("replaced.db"), &dist, &addr);
    page.wait_text_within("Nicht übernommen", Duration::from_secs(40))
        .await;
    eventually("both rejections to be listed", || async {
        let n = page
            .eval("return document.querySelectorAll('.rejected li').length")
            .await;
        (n == 2).then_some(())
    })
    .await;
    let copied = page
        .eval("return document.querySelector('.rejected textarea').value")
        .await;
    assert_eq!(copied, "Bitte auch in den Stadtteilbibliotheken.");
    let text = page.body_text().await;
    assert!(
        text.contains("Das gesuchte Element gibt es nicht (mehr)."),
        "{text}"
    );
    assert!(!text.contains("warte"), "nothing pending any more: {text}");
    // The replica was rebuilt from the new database: the old idea is not shown any more.
    page.goto(&idea_path).await;
    page.wait_text("Das gesuchte Element gibt es nicht (mehr).")
        .await;
    assert!(!page
        .body_text()
        .await
        .contains("WLAN in allen Schulen und der Stadtbibliothek"));
    page.goto("/").await;
    page.wait_text("Bildung").await;
    page.assert_accessible("Start mit abgelehnten Änderungen")
        .await;
    // Dismissing keeps the list short.
    page.click_text("Ausblenden").await;
    eventually("one rejection to remain", || async {
        let n = page
            .eval("return document.querySelectorAll('.rejected li').length")
            .await;
        (n == 1).then_some(())
    })
    .await;
    drop(server);
}

#[tokio::test]
async fn an_outbox_kept_by_the_previous_release_in_local_storage_is_carried_over_and_sent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;

    let bildung = theme(&server.url, "Bildung").await;
    let ideas = get_json(&format!(
        "{}/api/themes/{}/ideas",
        server.url,
        bildung["id"].as_str().expect("id")
    ))
    .await;
    let idea = ideas["ideas"][0].clone();
    let outbox = json!([{"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": idea["id"], "supported": true}}}]);
    let set = format!(
        "localStorage.setItem('werkstadt.outbox', {}); return true",
        serde_json::to_string(&outbox.to_string()).expect("js string")
    );
    assert_eq!(page.eval(&set).await, true);

    // The new release starts, moves the outbox into IndexedDB and sends it.
    browser.client.refresh().await.expect("reloads");
    let url = format!(
        "{}/api/ideas/{}",
        server.url,
        idea["id"].as_str().expect("id")
    );
    eventually("the carried-over support to arrive", || async {
        (get_json(&url).await["support_count"] == 1).then_some(())
    })
    .await;
    assert_eq!(
        page.eval("return localStorage.getItem('werkstadt.outbox')")
            .await,
        Value::Null,
        "the old copy is gone, so it is never sent twice"
    );
}

/// How many ideas the app has stored on the device, and its cursor.
const STORED_IDEAS: &str = r#"
const done = arguments[arguments.length - 1];
const r = indexedDB.open('werkstadt');
r.onerror = () => done('open failed');
r.onsuccess = () => {
  const db = r.result;
  const tx = db.transaction(['entities', 'state']);
  const keys = tx.objectStore('entities').getAllKeys();
  const cursor = tx.objectStore('state').get('cursor');
  tx.oncomplete = () => {
    done(JSON.stringify([keys.result.filter(k => String(k).startsWith('idea:')).length, cursor.result ?? 0]));
    db.close();
  };
};
"#;

/// A first visit to a process with 1,250 ideas: each page of the pull (1,000 changes) is stored
/// in slices of puts, all in one transaction with the cursor. Every idea arrives on the device,
/// and after an offline reload the field of action lists them all.
#[tokio::test]
async fn a_first_visit_stores_every_idea_of_a_large_process_on_the_device() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let bildung = theme(&server.url, "Bildung").await;
    let before = bildung["idea_count"].as_u64().expect("idea count");
    for batch in [1_000, 250] {
        let mutations: Vec<Value> = (0..batch)
            .map(|n| {
                json!({"id": Uuid::now_v7(), "kind": {"create_idea": {
                    "idea_id": Uuid::now_v7(), "theme_id": bildung["id"],
                    "title": format!("Vorschlag {batch}-{n} für die Schulen"),
                    "body": "Ein Vorschlag mit etwas Text, damit die Seite Gewicht hat."}}})
            })
            .collect();
        let res = push_as_someone_else(&server.url, json!(mutations)).await;
        assert_eq!(res["results"].as_array().map(Vec::len), Some(batch));
    }
    let total = before + 1_250;

    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.wait_for_service_worker().await;
    let all_ideas = eventually("every idea stored on the device", || async {
        let stored: Value = serde_json::from_str(
            page.eval_async(STORED_IDEAS)
                .await
                .trim_matches('"')
                .replace("\\\"", "\"")
                .as_str(),
        )
        .unwrap_or(Value::Null);
        (stored[0].as_u64() >= Some(total)).then_some(stored)
    })
    .await;
    assert!(
        all_ideas[1].as_u64() > Some(0),
        "the cursor was stored with the pages"
    );

    // Offline, the field of action still lists every idea (its pages come from the device).
    let (_, _dist, _addr) = server.kill();
    page.goto(&format!("/themen/{}", bildung["id"].as_str().expect("id")))
        .await;
    // The theme page's 20 ideas a page (domain::api::DEFAULT_PER_PAGE).
    page.wait_text(&format!("Seite 1 von {}", total.div_ceil(20)))
        .await;
}

//! Moderation as a citizen experiences it, in a real browser: under pre-moderation their idea
//! waits; a moderator, in the staff app in a second browser, approves it in bulk with others
//! and rejects another with a reason; the citizen's open app shows the approved idea
//! published, the rejection with its reason, and the office's official answer — without
//! reloading.

use reqwest::Method;
use serde_json::json;
use std::time::Duration;
use werkstadt_tests::{
    create_staff, get_json, push_idea, Browser, Page, Server, StaffClient, Viewport,
};

async fn submit(page: &Page<'_>, title: &str, body: &str) -> String {
    page.goto("/neu").await;
    page.choose("#idee-thema", "Bildung").await;
    page.fill("#idee-titel", title).await;
    page.fill("#idee-text", body).await;
    page.click_text("Idee absenden").await;
    page.wait_text(title).await;
    // Sent, and now waiting for the moderators.
    page.wait_text_within(
        "Wartet auf Freigabe durch die Moderation.",
        Duration::from_secs(20),
    )
    .await;
    page.path().await.trim_start_matches("/ideen/").to_owned()
}

#[tokio::test]
async fn a_citizen_sees_approval_rejection_and_the_official_answer_of_moderators() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    create_staff(&db, "admin", "leitung", "ein langes Admin-Passwort");
    let admin = StaffClient::sign_in(&server.url, "leitung", "ein langes Admin-Passwort").await;
    admin
        .send(
            Method::PUT,
            "/api/admin/process/moderation",
            json!({"mode": "pre"}),
        )
        .await;

    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    let good = submit(
        &page,
        "Programmierkurse für Kinder",
        "In jeder Stadtteilbibliothek.",
    )
    .await;
    let ad = submit(&page, "Mein Computerladen", "Kommen Sie vorbei!").await;
    page.goto("/").await;
    page.click_text("Bildung").await;
    page.wait_text("Programmierkurse für Kinder").await;
    page.assert_accessible("Handlungsfeld mit wartender Idee")
        .await;

    // The moderator works through the queue, where two ideas of others wait as well.
    let moderator = StaffClient::sign_in(
        &server.url,
        werkstadt_server_demo().0,
        werkstadt_server_demo().1,
    )
    .await;
    let others = [
        other_idea(&server.url, "Makerspace im Stadtteilzentrum").await,
        other_idea(&server.url, "Digitale Sprechstunde im Bürgeramt").await,
    ];
    let queue = moderator
        .send(Method::GET, "/api/moderation/queue", json!(null))
        .await;
    assert_eq!(queue["waiting"], 4);
    assert_eq!(
        queue["items"][0]["title"], "Digitale Sprechstunde im Bürgeramt",
        "newest first"
    );
    // The moderator signs in to the staff app in a browser of their own: three approvals in
    // one bulk action, and the advertisement rejected with a reason.
    let staff_browser = Browser::start(Viewport::Desktop).await;
    let staff = Page::new(&staff_browser, &server.url);
    staff.goto("/moderation").await;
    staff.fill("#login-name", werkstadt_server_demo().0).await;
    staff
        .fill("#login-password", werkstadt_server_demo().1)
        .await;
    staff.click_text("Anmelden").await;
    staff.wait_text("Wartend: 4 Ideen").await;
    for id in [&good, &others[0], &others[1]] {
        staff.click(&format!("#waehlen-{id}")).await;
    }
    staff.click("#sammel-freigeben").await;
    staff
        .click_button_in(&format!("[data-idea-id='{ad}'] .actions"), "Ablehnen")
        .await;
    staff
        .fill(
            &format!("#panel-{ad}"),
            "Bitte keine Werbung für Geschäfte.",
        )
        .await;
    staff.click_text("Ablehnen bestätigen").await;
    staff
        .wait_text_within("Wartend: 0 Ideen", Duration::from_secs(20))
        .await;
    staff.wait_text("Alle Entscheidungen übertragen").await;
    assert_eq!(
        moderator
            .send(Method::GET, "/api/moderation/queue", json!(null))
            .await["waiting"],
        0
    );

    // The open app learns of it by itself: the rejection with its reason …
    page.goto(&format!("/ideen/{ad}")).await;
    page.wait_text_within(
        "Nicht veröffentlicht. Begründung der Moderation: Bitte keine Werbung für Geschäfte.",
        Duration::from_secs(20),
    )
    .await;
    // … and the approved idea, now public: supportable, and visible to everyone.
    page.goto(&format!("/ideen/{good}")).await;
    page.wait_text("Programmierkurse für Kinder").await;
    assert!(!page
        .body_text()
        .await
        .contains("Wartet auf Freigabe durch die Moderation."));
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    let public = get_json(&format!("{}/api/ideas/{good}", server.url)).await;
    assert_eq!(public["title"], "Programmierkurse für Kinder");
    let hidden = reqwest::get(format!("{}/api/ideas/{ad}", server.url))
        .await
        .expect("answers");
    assert_eq!(hidden.status(), 404, "the rejected idea stays private");

    // The office answers officially in the staff app; the citizen sees it on the idea.
    let filter = staff.find("#filter-status").await;
    filter
        .select_by_label("Veröffentlicht")
        .await
        .expect("selects");
    staff.click_text("Anwenden").await;
    staff
        .click_button_in(
            &format!("[data-idea-id='{good}'] .actions"),
            "Offizielle Antwort",
        )
        .await;
    staff
        .find(&format!("#panel-{good}"))
        .await
        .select_by_label("in Prüfung")
        .await
        .expect("selects");
    staff
        .fill(
            &format!("#panel-{good}-text"),
            "Die Stadtbibliothek prüft Räume und Termine.",
        )
        .await;
    staff.assert_accessible("Staff: offizielle Antwort").await;
    staff.click_text("Antwort veröffentlichen").await;
    staff.wait_text("Alle Entscheidungen übertragen").await;
    page.wait_text_within("Antwort des Digitalisierungsbüros", Duration::from_secs(20))
        .await;
    page.wait_text("In Prüfung").await;
    page.wait_text("Die Stadtbibliothek prüft Räume und Termine.")
        .await;
    page.assert_accessible("Idee mit offizieller Antwort").await;
}

fn werkstadt_server_demo() -> (&'static str, &'static str) {
    ("moderation", "werkstadt-demo-2026")
}

/// Someone else submits an idea through the API; its id.
async fn other_idea(base: &str, title: &str) -> String {
    push_idea(base, &uuid::Uuid::now_v7().to_string(), "Bildung", title).await
}

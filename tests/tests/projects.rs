//! From idea to decision, in a real browser on a phone (issue 13): a citizen follows an idea; a
//! moderator makes a project of it and another idea, with two milestones, a committee decision
//! and an update; the citizen's app shows "Daraus wurde das Projekt …", the project page and
//! the update in "Neuigkeiten" with an unread marker and count. Offline (server killed) the
//! citizen reloads, still reads it all, marks the update read and follows the project; back
//! online the read state stays and the follow arrives. axe-core on every new page.

use reqwest::Method;
use serde_json::json;
use werkstadt_tests::{
    create_staff, eventually, get_json, now_ms, push_idea, Browser, Page, Server, StaffClient,
    Viewport, DAY,
};

const MODERATOR: (&str, &str) = ("projektbuero", "ein langes Moderations-Passwort");

/// The unread count in the navigation ("" when there is none).
async fn badge(page: &Page<'_>) -> String {
    page.eval("const b = document.querySelector('.badge-count'); return b ? b.textContent : ''")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn wait_badge(page: &Page<'_>, want: &str) {
    eventually(&format!("the news count shows {want:?}"), || async {
        (badge(page).await == want).then_some(())
    })
    .await;
}

async fn pressed(page: &Page<'_>, css: &str) -> bool {
    page.eval(&format!(
        "const b = document.querySelector({css:?}); return !!b && b.getAttribute('aria-pressed') === 'true'"
    ))
    .await
    .as_bool()
    .unwrap_or(false)
}

#[tokio::test]
async fn a_citizen_follows_an_idea_to_its_project_and_reads_the_news_offline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    create_staff(&db, "moderator", MODERATOR.0, MODERATOR.1);
    let someone = uuid::Uuid::now_v7().to_string();
    let tablets = push_idea(
        &server.url,
        &someone,
        "Bildung",
        "Tablets für alle Grundschulen",
    )
    .await;
    let letters = push_idea(&server.url, &someone, "Bildung", "Digitale Elternbriefe").await;

    // The citizen follows the idea on their phone.
    let phone = Browser::start(Viewport::Phone).await;
    let page = Page::new(&phone, &server.url);
    page.goto(&format!("/ideen/{tablets}")).await;
    page.wait_text("Tablets für alle Grundschulen").await;
    page.click_text("Idee folgen").await;
    eventually("the follow is stored and sent", || async {
        let sent = page
            .eval("return !document.querySelector('.follow .pending-marker')")
            .await;
        (pressed(&page, ".follow-button").await && sent.as_bool() == Some(true)).then_some(())
    })
    .await;
    page.wait_text("Was sich tut, finden Sie unter „Neuigkeiten“")
        .await;

    // A moderator makes a project of both ideas, with milestones, a decision and an update.
    let staff = StaffClient::sign_in(&server.url, MODERATOR.0, MODERATOR.1).await;
    let theme = get_json(&format!("{}/api/ideas/{tablets}", server.url)).await["theme_id"].clone();
    let start = now_ms() - 30 * DAY;
    let project = staff
        .send(
            Method::POST,
            "/api/moderation/projects",
            json!({"theme_id": theme, "title": "Digitale Grundschule", "description":
                "Alle Grundschulen bekommen Tablets.\n\nEltern erhalten Briefe digital.",
                "responsible": "Stadtverwaltung, Amt für Schule", "status": "in_progress",
                "funding": {"own_budget_cents": 25_000_000u64, "programme": "DigitalPakt Schule",
                            "programme_cents": 120_000_000u64},
                "starts_on": start, "source_ideas": [tablets, letters]}),
        )
        .await;
    let id = project["id"].as_str().expect("project id").to_owned();
    let path = format!("/api/moderation/projects/{id}");
    staff
        .send(Method::POST, &format!("{path}/milestones"),
            json!({"title": "Ausschreibung", "due_on": start + 10 * DAY, "done_on": start + 9 * DAY}))
        .await;
    staff
        .send(
            Method::POST,
            &format!("{path}/milestones"),
            json!({"title": "Auslieferung", "due_on": now_ms() + 60 * DAY}),
        )
        .await;
    staff
        .send(
            Method::POST,
            &format!("{path}/decisions"),
            json!({"body": "digitalisierungsausschuss", "decided_on": start + 5 * DAY,
                   "reference": "DA/2026/042", "outcome": "adopted",
                   "text": "Der Ausschuss stimmt dem Vorhaben zu."}),
        )
        .await;
    staff
        .send(
            Method::POST,
            &format!("{path}/updates"),
            json!({"text": "Die ersten 400 Tablets sind ausgeliefert."}),
        )
        .await;

    // A second project, which will be deleted while the citizen follows it offline.
    let wifi = staff
        .send(
            Method::POST,
            "/api/moderation/projects",
            json!({"theme_id": theme, "title": "Offenes WLAN am Jahnplatz",
                "responsible": "Stadtwerke Bielefeld", "starts_on": start}),
        )
        .await["id"]
        .as_str()
        .expect("project id")
        .to_owned();

    // The open app hears of it: the chain on the idea page, the count in the navigation.
    page.wait_text("Daraus wurde das Projekt").await;
    page.wait_text("Digitale Grundschule").await;
    // Set up (in progress), milestone reached, decision, update.
    wait_badge(&page, "4").await;
    page.click("a[href='/neuigkeiten']").await;
    page.wait_text("Die ersten 400 Tablets sind ausgeliefert.")
        .await;
    page.wait_text("Digitalisierungsausschuss: beschlossen")
        .await;
    page.wait_text("Meilenstein erreicht: Ausschreibung").await;
    let markers = page
        .eval("return document.querySelectorAll('.news-item.unread').length")
        .await;
    assert_eq!(markers.as_u64(), Some(4), "each news item is marked new");
    page.assert_accessible("Neuigkeiten").await;
    page.click(&format!("a[href='/projekte/{id}']")).await;
    page.wait_text("Entstanden aus diesen Ideen").await;
    page.wait_text("1 von 2 Meilensteinen erreicht").await;
    page.wait_text("250.000 €").await;
    page.assert_accessible("Projekt").await;
    page.click("a[href='/projekte']").await;
    page.wait_text("Was aus den Ideen wird").await;
    page.wait_text("1 von 2 Meilensteinen erreicht").await;
    page.assert_accessible("Projekte").await;

    // Offline: the server is gone. A reload still shows the news, the project and the count.
    let (db, dist, addr) = server.kill();
    phone.client.refresh().await.expect("reloads");
    page.wait_text("Digitale Grundschule").await;
    wait_badge(&page, "4").await;
    page.goto("/neuigkeiten").await;
    page.wait_text("Die ersten 400 Tablets sind ausgeliefert.")
        .await;
    // Mark the update read, offline.
    page.click_button_in(".news-item.unread:first-child", "Als gelesen markieren")
        .await;
    wait_badge(&page, "3").await;
    // Follow the project itself, offline: shown at once, waiting.
    page.goto(&format!("/projekte/{id}")).await;
    page.wait_text("Sie erhalten Neuigkeiten zu diesem Projekt")
        .await;
    page.click_text("Projekt folgen").await;
    eventually("the follow shows at once", || async {
        pressed(&page, ".follow-button").await.then_some(())
    })
    .await;
    page.wait_text("Wartet auf Übertragung").await;
    // And the second project, which staff delete meanwhile.
    page.goto(&format!("/projekte/{wifi}")).await;
    page.wait_text("Offenes WLAN am Jahnplatz").await;
    page.click_text("Projekt folgen").await;
    page.wait_text("Wartet auf Übertragung").await;
    // Its set-up is news to a follower.
    wait_badge(&page, "4").await;
    {
        // The server runs for staff on another address, out of the phone's reach.
        let aside = Server::start_plain(&db, &dist, "127.0.0.1:0");
        let staff = StaffClient::sign_in(&aside.url, MODERATOR.0, MODERATOR.1).await;
        let path = format!("/api/moderation/projects/{wifi}");
        staff.send(Method::DELETE, &path, json!(null)).await;
        aside.kill();
    }
    // A reload offline keeps the read state.
    phone.client.refresh().await.expect("reloads");
    wait_badge(&page, "4").await;
    page.goto("/neuigkeiten").await;
    page.wait_text("Die ersten 400 Tablets sind ausgeliefert.")
        .await;
    let unread = page
        .eval("return document.querySelectorAll('.news-item.unread').length")
        .await;
    assert_eq!(
        unread.as_u64(),
        Some(4),
        "the update stays read offline (the new follow's project is news)"
    );

    // Back online: the follow is sent, the read state stays.
    let server = Server::start_plain(&db, &dist, &addr);
    page.goto(&format!("/projekte/{id}")).await;
    eventually("the project follow reaches the server", || async {
        let sent = page
            .eval("return !document.querySelector('.follow .pending-marker')")
            .await;
        (pressed(&page, ".follow-button").await && sent.as_bool() == Some(true)).then_some(())
    })
    .await;
    wait_badge(&page, "3").await;
    // The follow of the deleted project is refused, and the citizen is told why.
    page.wait_text("Folgen war nicht möglich: Das Projekt, das Handlungsfeld oder die Idee gibt es nicht mehr.")
        .await;
    page.goto("/projekte").await;
    page.wait_text("Digitale Grundschule").await;
    assert!(
        !page.body_text().await.contains("Offenes WLAN am Jahnplatz"),
        "the deleted project is gone from the app"
    );
    // A new update is news again, and only that one.
    staff
        .send(
            Method::POST,
            &format!("{path}/updates"),
            json!({"text": "Alle Schulen sind versorgt."}),
        )
        .await;
    wait_badge(&page, "4").await;
    page.goto("/neuigkeiten").await;
    page.wait_text("Alle Schulen sind versorgt.").await;
    page.click_text("Alle als gelesen markieren").await;
    wait_badge(&page, "").await;
    // The committee decides on the followed idea itself: news, and on the idea's page.
    staff
        .send(
            Method::POST,
            &format!("/api/moderation/ideas/{tablets}/decisions"),
            json!({"body": "rat", "decided_on": now_ms() - DAY, "reference": "Rat/2026/9",
                   "outcome": "noted", "text": "Der Rat nimmt die Idee zur Kenntnis."}),
        )
        .await;
    wait_badge(&page, "1").await;
    page.wait_text("Rat der Stadt: zur Kenntnis genommen").await;
    page.goto(&format!("/ideen/{tablets}")).await;
    page.wait_text("Beschlüsse der Gremien").await;
    page.wait_text("Der Rat nimmt die Idee zur Kenntnis.").await;
    page.assert_accessible("Idee mit Beschluss").await;
    drop(server);
}

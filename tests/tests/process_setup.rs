//! A real process from an empty database (no `--demo`), in real browsers: an admin creates the
//! process with three fields of action and two phases in the staff app; a citizen on a phone
//! sees the timeline, submits an idea and places dots; offline, the citizen writes a second
//! idea; the idea collection closes meanwhile; back online the second idea is refused with the
//! phase's message and its text kept to copy, and the timeline shows the new current phase.
//! axe-core on every new page in both languages.

use reqwest::Method;
use serde_json::json;
use std::time::Duration;
use werkstadt_tests::{
    create_staff, date_input, eventually, now_ms, Browser, Page, Server, StaffClient, Viewport,
};

const ADMIN: (&str, &str) = ("leitung", "ein langes Admin-Passwort");

async fn count(page: &Page<'_>, css: &str) -> u64 {
    page.eval(&format!("return document.querySelectorAll({css:?}).length"))
        .await
        .as_u64()
        .unwrap_or(0)
}

#[tokio::test]
async fn an_admin_sets_up_a_process_and_a_closed_phase_refuses_an_idea_written_offline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start_empty(&db);
    create_staff(&db, "admin", ADMIN.0, ADMIN.1);

    // The admin sets up the process in the staff app.
    let desk = Browser::start(Viewport::Desktop).await;
    let admin = Page::new(&desk, &server.url);
    // Before there is a process, citizens are told so.
    admin.goto("/").await;
    admin
        .wait_text("Hier läuft noch kein Beteiligungsprozess")
        .await;
    admin.goto("/moderation").await;
    admin.wait_text("Anmeldung für das Team").await;
    admin.fill("#login-name", ADMIN.0).await;
    admin.fill("#login-password", ADMIN.1).await;
    admin.click_text("Anmelden").await;
    admin.wait_text("Ideen moderieren").await;
    admin.click("a[href='/moderation/prozess']").await;
    admin.wait_text("Noch kein Prozess").await;
    admin
        .fill("#prozess-titel", "Digitalstrategie Bielefeld 2027")
        .await;
    admin
        .fill(
            "#prozess-beschreibung",
            "Wie soll Bielefeld digital werden?",
        )
        .await;
    admin.set_value("#prozess-beginn", &date_input(-30)).await;
    admin.set_value("#prozess-ende", &date_input(300)).await;
    admin.fill("#prozess-punkte", "4").await;
    admin.click_text("Prozess anlegen").await;
    admin
        .wait_text("Dieser Prozess steht auf der Startseite.")
        .await;
    for (n, title) in ["Mobilität", "Bildung", "Verwaltung"].iter().enumerate() {
        admin.fill("#feld-neu-titel", title).await;
        admin.click_text("Handlungsfeld hinzufügen").await;
        eventually("the field of action is listed", || async {
            (count(&admin, ".theme-row").await == n as u64 + 1).then_some(())
        })
        .await;
    }
    admin.click_text("Phase hinzufügen").await;
    admin.click_text("Phase hinzufügen").await;
    admin.fill("#phase-0-titel", "Ideensammlung").await;
    admin.set_value("#phase-0-von", &date_input(-30)).await;
    admin.set_value("#phase-0-bis", &date_input(20)).await;
    for m in 0..4 {
        admin.click(&format!("#phase-0-modul-{m}")).await;
    }
    admin.fill("#phase-1-titel", "Bewertung").await;
    admin.set_value("#phase-1-von", &date_input(21)).await;
    admin.set_value("#phase-1-bis", &date_input(60)).await;
    admin.click("#phase-1-modul-2").await;
    admin.click_text("Phasen speichern").await;
    admin.wait_text("Gespeichert.").await;
    eventually("the phases are kept", || async {
        (count(&admin, ".phase-row").await == 2).then_some(())
    })
    .await;
    admin
        .assert_accessible_in_both_languages(
            "Prozess einrichten",
            "Set up the participation process",
            None,
        )
        .await;

    // A citizen on a phone: the timeline, an idea, dots.
    let phone = Browser::start(Viewport::Phone).await;
    let page = Page::new(&phone, &server.url);
    page.goto("/").await;
    page.wait_text("Digitalstrategie Bielefeld 2027").await;
    page.wait_text("Zeitplan").await;
    page.wait_text("aktuelle Phase").await;
    page.wait_text("4 Punkte auf Handlungsfelder verteilen")
        .await;
    assert_eq!(
        page.eval("return document.querySelector('[aria-current=step] .phase-title').textContent")
            .await,
        "Ideensammlung"
    );
    page.assert_accessible_in_both_languages("Start mit Zeitplan", "Timeline", None)
        .await;
    page.wait_for_service_worker().await;
    page.click_text("Mobilität").await;
    page.click_text("Idee zu diesem Handlungsfeld einreichen")
        .await;
    page.fill("#idee-titel", "Busse im Zehn-Minuten-Takt").await;
    page.fill("#idee-text", "Auch abends und am Wochenende.")
        .await;
    page.click_text("Idee absenden").await;
    page.wait_text("Busse im Zehn-Minuten-Takt").await;
    eventually("the first idea is sent", || async {
        (!page.body_text().await.contains("Wartet auf Übertragung")).then_some(())
    })
    .await;
    page.goto("/punkte").await;
    page.wait_text("Noch 4 von 4 Punkten übrig").await;
    page.click("button[aria-label='Einen Punkt auf „Bildung“ setzen']")
        .await;
    page.click_text("Punkte speichern").await;
    page.wait_text("Noch 3 von 4 Punkten übrig").await;

    // Offline: the server goes away; the citizen writes a second idea.
    let (db, dist, addr) = server.kill();
    page.goto("/neu").await;
    page.wait_text("Offline").await;
    page.choose("#idee-thema", "Verwaltung").await;
    page.fill("#idee-titel", "Termine im Bürgeramt online")
        .await;
    page.fill("#idee-text", "Geschrieben im Funkloch.").await;
    page.click_text("Idee absenden").await;
    page.wait_text("Wartet auf Übertragung").await;

    // Meanwhile the office closes the idea collection (the server runs elsewhere: the phone
    // still cannot reach it).
    let elsewhere = Server::start_plain(&db, &dist, "127.0.0.1:0");
    let api = StaffClient::sign_in(&elsewhere.url, ADMIN.0, ADMIN.1).await;
    let processes = api.send(Method::GET, "/api/processes", json!(null)).await;
    let process = &processes[0];
    let (id, start, end) = (
        process["id"].as_str().expect("id"),
        process["starts_at"].as_i64().expect("start"),
        process["ends_at"].as_i64().expect("end"),
    );
    let cut = now_ms() - 1000;
    api.send(
        Method::PUT,
        &format!("/api/admin/processes/{id}/phases"),
        json!({"phases": [
            {"title": "Ideensammlung", "starts_at": start, "ends_at": cut,
             "open": {"ideas": true, "supports": true, "dots": true, "comments": true}},
            {"title": "Bewertung", "starts_at": cut, "ends_at": end, "open": {"dots": true}}
        ]}),
    )
    .await;
    drop(elsewhere);

    // Back online: the second idea is refused with the phase's message, its text kept.
    let server = Server::start_plain(&db, &dist, &addr);
    page.wait_text_within("Nicht übernommen", Duration::from_secs(40))
        .await;
    page.wait_text("Die Ideensammlung ist seit").await;
    page.wait_text("beendet").await;
    let kept = page
        .eval("return [...document.querySelectorAll('.rejected textarea')].map((t) => t.value).join('|')")
        .await;
    assert!(
        kept.as_str()
            .is_some_and(|k| k.contains("Termine im Bürgeramt online")),
        "{kept}"
    );
    page.goto("/").await;
    page.wait_text("Bewertung").await;
    eventually("the new current phase", || async {
        (page
            .eval("return document.querySelector('[aria-current=step] .phase-title')?.textContent")
            .await
            == "Bewertung")
            .then_some(())
    })
    .await;
    page.wait_text("Jetzt möglich: Punkte verteilen").await;
    // Exactly one idea from the citizen arrived.
    let overview = werkstadt_tests::get_json(&format!("{}/api/process", server.url)).await;
    let ideas: u64 = overview["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| t["idea_count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(ideas, 1);

    // The archive lists the process; axe on it in both languages.
    page.goto("/prozesse").await;
    page.wait_text("aktueller Prozess").await;
    page.assert_accessible_in_both_languages("Prozesse", "Participation processes", None)
        .await;
}

//! The staff app (`/moderation`) in a real browser: a moderator signs in, clears a
//! pre-moderated queue in bulk and by keyboard, rejects with a reason, merges duplicates
//! (the tally stays exact), decides while the server is down (it syncs when it is back),
//! and an admin reads the audit log and changes settings. axe-core on every staff page.

use reqwest::Method;
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;
use werkstadt_tests::{
    create_staff, get_json, push_as, push_idea, report_as, Browser, Page, Server, StaffClient,
    Viewport,
};

const ADMIN: (&str, &str) = ("leitung", "ein langes Admin-Passwort");

async fn sign_in(page: &Page<'_>, user: &str, password: &str) {
    page.goto("/moderation").await;
    page.wait_text("Anmeldung für das Team").await;
    page.fill("#login-name", user).await;
    page.fill("#login-password", password).await;
    page.click_text("Anmelden").await;
    page.wait_text("Ideen moderieren").await;
}

/// A server with an admin account (signed in through the API) and pre-moderation on.
async fn pre_moderated() -> (tempfile::TempDir, Server, StaffClient) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    create_staff(&db, "admin", ADMIN.0, ADMIN.1);
    let api = StaffClient::sign_in(&server.url, ADMIN.0, ADMIN.1).await;
    api.send(
        Method::PUT,
        "/api/admin/process/moderation",
        json!({"mode": "pre"}),
    )
    .await;
    (dir, server, api)
}

/// Waits until the service worker keeps the staff app for offline use.
async fn staff_app_kept_offline(page: &Page<'_>) {
    page.wait_for_service_worker().await;
    werkstadt_tests::eventually("the staff app in the offline cache", || async {
        (page
            .eval("return caches.match('/moderation.html').then((r) => !!r)")
            .await
            == true)
            .then_some(())
    })
    .await;
}

async fn status_of(staff: &StaffClient, status: &str, id: &str) -> serde_json::Value {
    let q = staff
        .send(
            Method::GET,
            &format!("/api/moderation/queue?status={status}"),
            json!(null),
        )
        .await;
    q["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == id)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn a_moderator_clears_the_queue_merges_and_decides_offline_in_the_staff_app() {
    let (_dir, server, api) = pre_moderated().await;
    let citizen = Uuid::now_v7().to_string();
    let mut ids = Vec::new();
    for title in [
        "Offenes WLAN am Jahnplatz",
        "Digitale Sprechstunde im Bürgeramt",
        "Makerspace im Stadtteilzentrum",
        "Billige Handys bei Elektro Meier",
    ] {
        ids.push(push_idea(&server.url, &citizen, "Bildung", title).await);
    }

    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/moderation").await;
    page.wait_text("Anmeldung für das Team").await;
    page.assert_accessible("Staff: Anmeldung").await;
    // A wrong password: a clear message, still signed out.
    page.fill("#login-name", ADMIN.0).await;
    page.fill("#login-password", "falsches Passwort!!").await;
    page.click_text("Anmelden").await;
    page.wait_text("Benutzername oder Passwort ist falsch.")
        .await;
    sign_in(&page, ADMIN.0, ADMIN.1).await;
    page.wait_text("Wartend: 4 Ideen").await;
    page.wait_text("Billige Handys bei Elektro Meier").await;
    page.assert_accessible("Staff: Warteschlange").await;

    // Bulk: three approvals at once.
    for id in &ids[..3] {
        page.click(&format!("#waehlen-{id}")).await;
    }
    page.wait_text("3 ausgewählt").await;
    page.click("#sammel-freigeben").await;
    page.wait_text_within("Wartend: 1 Ideen", Duration::from_secs(20))
        .await;
    page.wait_text("Alle Entscheidungen übertragen").await;
    for id in &ids[..3] {
        assert_eq!(status_of(&api, "published", id).await["id"], id.as_str());
    }

    // By keyboard: focus the remaining idea, "r" opens the rejection with the reason field.
    page.click(&format!("#titel-{}", ids[3])).await;
    page.find(&format!("[data-idea-id='{}']", ids[3]))
        .await
        .click()
        .await
        .expect("focuses");
    page.c
        .active_element()
        .await
        .expect("focus")
        .send_keys("r")
        .await
        .expect("types");
    let reason = format!("#panel-{}", ids[3]);
    page.find(&reason).await;
    page.click_text("Ablehnen bestätigen").await;
    page.wait_text("Bitte eine Begründung angeben").await;
    page.fill(&reason, "Werbung für ein Geschäft.").await;
    page.click_text("Ablehnen bestätigen").await;
    page.wait_text_within("Keine Einträge für diesen Filter.", Duration::from_secs(20))
        .await;
    let rejected = status_of(&api, "rejected", &ids[3]).await;
    assert_eq!(rejected["reason"], "Werbung für ein Geschäft.");

    // Merge a duplicate: supporters of both ideas, one of them on both, count once.
    let dup = push_idea(&server.url, &citizen, "Bildung", "WLAN am Jahnplatz offen").await;
    api.decide(&[(dup.as_str(), json!("approve"))]).await;
    let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    for (who, idea) in [(a, &ids[0]), (b, &ids[0]), (b, &dup), (c, &dup)] {
        push_as(
            &server.url,
            &who.to_string(),
            json!({"set_support": {"idea_id": idea, "supported": true}}),
        )
        .await;
    }
    let status = page.find("#filter-status").await;
    status
        .select_by_label("Veröffentlicht")
        .await
        .expect("selects");
    page.click_text("Anwenden").await;
    page.wait_text("WLAN am Jahnplatz offen").await;
    page.click_button_in(
        &format!("[data-idea-id='{dup}'] .actions"),
        "Zusammenführen",
    )
    .await;
    page.wait_text("Idee suchen, in die zusammengeführt wird")
        .await;
    page.assert_accessible("Staff: Zusammenführen").await;
    page.click_text("Hierin zusammenführen: Offenes WLAN am Jahnplatz")
        .await;
    page.wait_text("Alle Entscheidungen übertragen").await;
    let kept = werkstadt_tests::eventually("the merge", || async {
        let idea = get_json(&format!("{}/api/ideas/{}", server.url, ids[0])).await;
        (idea["support_count"] == 3).then_some(idea)
    })
    .await;
    assert_eq!(kept["title"], "Offenes WLAN am Jahnplatz");
    assert_eq!(
        status_of(&api, "merged", &dup).await["merged_into"],
        ids[0].as_str()
    );

    // Offline: the server goes away; the staff app reloads from the service worker with the
    // last queue; a decision waits on the device, then syncs by itself.
    let late = push_idea(
        &server.url,
        &citizen,
        "Bildung",
        "Tablets für Seniorentreffs",
    )
    .await;
    let status = page.find("#filter-status").await;
    status.select_by_label("Wartend").await.expect("selects");
    page.click_text("Anwenden").await;
    page.wait_text("Tablets für Seniorentreffs").await;
    staff_app_kept_offline(&page).await;
    let (db, dist, addr) = server.kill();
    page.goto("/moderation").await;
    page.wait_text("Tablets für Seniorentreffs").await;
    page.wait_text("Konnte nicht geladen werden").await;
    page.click_button_in(&format!("[data-idea-id='{late}'] .actions"), "Freigeben")
        .await;
    page.wait_text("1 Entscheidungen warten auf Übertragung")
        .await;
    page.wait_text("Offline").await;
    page.wait_text("Entscheidung gespeichert – wird übertragen")
        .await;
    page.assert_accessible("Staff: offline mit wartender Entscheidung")
        .await;
    // It is on the device: a reload, still offline, shows it waiting.
    page.goto("/moderation").await;
    page.wait_text("1 Entscheidungen warten auf Übertragung")
        .await;
    let server = Server::start_with(&db, &dist, &addr);
    page.wait_text_within("Alle Entscheidungen übertragen", Duration::from_secs(30))
        .await;
    let public = get_json(&format!("{}/api/ideas/{late}", server.url)).await;
    assert_eq!(public["title"], "Tablets für Seniorentreffs");

    // A waiting comment, approved in its section.
    let comment = Uuid::now_v7().to_string();
    push_as(
        &server.url,
        &citizen,
        json!({"add_comment": {"comment_id": comment, "idea_id": ids[0], "body": "Gute Idee, unbedingt!"}}),
    )
    .await;
    page.click_text("Kommentare").await;
    page.wait_text("Wartende Kommentare").await;
    page.wait_text("Gute Idee, unbedingt!").await;
    page.assert_accessible("Staff: Kommentare").await;
    page.click_button_in(
        &format!("[data-comment-id='{comment}'] .actions"),
        "Freigeben",
    )
    .await;
    page.wait_text_within("Keine Einträge für diesen Filter.", Duration::from_secs(20))
        .await;
    let comments = get_json(&format!("{}/api/ideas/{}/comments", server.url, ids[0])).await;
    assert!(
        comments.to_string().contains("Gute Idee, unbedingt!"),
        "{comments}"
    );

    // Reports: one unfounded (dismissed), one hidden with a reason.
    report_as(
        &server.url,
        &citizen,
        json!({"idea": ids[1]}),
        "Gefällt mir nicht",
    )
    .await;
    report_as(&server.url, &citizen, json!({"idea": ids[2]}), "Werbung").await;
    page.click_text("Meldungen").await;
    page.wait_text("Offene Meldungen").await;
    page.wait_text("Gefällt mir nicht").await;
    page.assert_accessible("Staff: Meldungen").await;
    page.click_text("Kein Verstoß – Meldungen schließen").await;
    page.wait_text_within("Werbung", Duration::from_secs(20))
        .await;
    werkstadt_tests::eventually("the dismissed report to leave the list", || async {
        (!page.body_text().await.contains("Gefällt mir nicht")).then_some(())
    })
    .await;
    page.fill("#meldung-0", "Werbung ist nicht erlaubt.").await;
    page.click_text("Verbergen bestätigen").await;
    page.wait_text_within("Keine Einträge für diesen Filter.", Duration::from_secs(20))
        .await;
    assert_eq!(
        status_of(&api, "hidden", &ids[2]).await["reason"],
        "Werbung ist nicht erlaubt."
    );

    // Admin pages: the audit log shows the decisions; settings switch the mode.
    page.click_text("Protokoll").await;
    page.wait_text("Protokoll aller Aktionen des Teams").await;
    page.wait_text("idea.merge").await;
    page.wait_text("report.dismiss").await;
    page.wait_text("idea.reject").await;
    page.assert_accessible("Staff: Protokoll").await;
    page.click_text("Einstellungen").await;
    page.wait_text("Einstellungen des Beteiligungsprozesses")
        .await;
    page.assert_accessible("Staff: Einstellungen").await;
    // The account forms and the rest of the page in English too.
    page.click(".lang-switch").await;
    page.wait_text("Process settings").await;
    page.assert_accessible("Staff: Settings (en)").await;
    page.click(".lang-switch").await;
    page.wait_text("Einstellungen des Beteiligungsprozesses")
        .await;
    page.click("#modus-nachher").await;
    page.click("#modus-speichern").await;
    page.wait_text("Gespeichert.").await;
    let process = get_json(&format!("{}/api/process", server.url)).await;
    assert_eq!(process["process"]["moderation"], "post");
    // A sheet of participation codes (opens in a new window).
    page.fill("#codes-anzahl", "12").await;
    page.fill("#codes-bezeichnung", "Workshop 3. März").await;
    page.click_text("Druckbogen erzeugen").await;
    page.wait_text("12 Codes erzeugt.").await;

    // Signing out ends the session on the server too.
    page.click_text("Abmelden").await;
    page.wait_text("Anmeldung für das Team").await;
}

/// "A moderator can clear a queue of 50 ideas in a few minutes": five by keyboard (the focus
/// stays in the list as decided items leave it), the other 45 with one bulk action.
#[tokio::test]
async fn a_queue_of_fifty_ideas_is_cleared_by_keyboard_and_one_bulk_action() {
    let (_dir, server, _api) = pre_moderated().await;
    let citizen = Uuid::now_v7().to_string();
    for n in 1..=50 {
        push_idea(
            &server.url,
            &citizen,
            "Bildung",
            &format!("Idee Nummer {n}"),
        )
        .await;
    }
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    let started = std::time::Instant::now();
    sign_in(&page, ADMIN.0, ADMIN.1).await;
    page.wait_text("Wartend: 50 Ideen").await;

    page.find(".queue-item")
        .await
        .click()
        .await
        .expect("focuses");
    for left in (45..50).rev() {
        page.c
            .active_element()
            .await
            .expect("focus")
            .send_keys("a")
            .await
            .expect("types");
        page.wait_text(&format!("Wartend: {left} Ideen")).await;
        let focused = werkstadt_tests::eventually("the focus back in the list", || async {
            let id = page
                .eval("return document.activeElement && document.activeElement.dataset.ideaId")
                .await;
            id.as_str().map(str::to_owned)
        })
        .await;
        assert!(!focused.is_empty());
    }

    page.click("#alle-auswaehlen").await;
    page.wait_text("45 ausgewählt").await;
    page.click("#sammel-freigeben").await;
    page.wait_text_within("Wartend: 0 Ideen", Duration::from_secs(30))
        .await;
    page.wait_text("Keine Einträge für diesen Filter.").await;
    println!(
        "50 ideas cleared in {:.1} s (sign-in to empty queue, headless browser)",
        started.elapsed().as_secs_f64()
    );
    let overview = get_json(&format!("{}/api/process", server.url)).await;
    let bildung = overview["themes"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["title"] == "Bildung"))
        .expect("theme")
        .clone();
    assert!(bildung["idea_count"].as_u64().unwrap_or(0) >= 50);
}

/// The citizen's side of moderation: similar ideas while typing (from the server, and from the
/// replica when offline) with "support instead"; reporting an idea; redeeming a code.
#[tokio::test]
async fn a_citizen_sees_similar_ideas_reports_and_redeems_a_participation_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    create_staff(&db, "admin", ADMIN.0, ADMIN.1);
    let api = StaffClient::sign_in(&server.url, ADMIN.0, ADMIN.1).await;
    let existing = push_idea(
        &server.url,
        &Uuid::now_v7().to_string(),
        "Bildung",
        "Sichere Fahrradwege zur Schule",
    )
    .await;
    let other = push_idea(
        &server.url,
        &Uuid::now_v7().to_string(),
        "Bildung",
        "WLAN in jeder Schule",
    )
    .await;

    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/neu").await;
    page.fill("#idee-titel", "Fahrradwege").await;
    page.wait_text("Ähnliche Ideen gibt es schon").await;
    page.wait_text("Sichere Fahrradwege zur Schule").await;
    page.assert_accessible("Neue Idee mit ähnlichen Ideen")
        .await;
    page.wait_text("Unterstützen statt neu einreichen").await;
    // Support instead, right there in the form.
    let in_list = |id: &str| format!(".similar li:has(a[href='/ideen/{id}'])");
    page.click_button_in(&in_list(&existing), "Unterstützen")
        .await;
    werkstadt_tests::eventually("the support to show in the list", || async {
        let item = page.find(&in_list(&existing)).await;
        item.text().await.ok().filter(|t| t.contains("Unterstützt"))
    })
    .await;
    page.click_text("Sichere Fahrradwege zur Schule").await;
    page.wait_text("Zurück zum Handlungsfeld").await;
    assert_eq!(page.path().await, format!("/ideen/{existing}"));
    page.wait_text("1 Unterstützung").await;
    page.wait_text("Unterstützt – zurücknehmen").await;

    // Reporting the idea: the moderators' queue lists it.
    page.click(".report summary").await;
    page.click_text("Meldung senden").await;
    page.wait_text("Bitte einen Grund angeben").await;
    page.fill(&format!("#melden-{existing}"), "Steht doppelt drin.")
        .await;
    page.click_text("Meldung senden").await;
    page.wait_text("Danke. Die Moderation sieht es sich an.")
        .await;
    page.assert_accessible("Idee gemeldet").await;
    let queue = api
        .send(Method::GET, "/api/moderation/queue", json!(null))
        .await;
    assert_eq!(queue["reports"][0]["reasons"][0], "Steht doppelt drin.");

    // A participation code from a sheet: the QR code's link fills it in.
    let batch = api
        .send(
            Method::POST,
            "/api/admin/codes",
            json!({"count": 1, "label": "Brief"}),
        )
        .await;
    let code = batch["codes"][0].as_str().expect("code").to_owned();
    page.goto(&format!("/code?c={code}")).await;
    page.wait_text("Teilnahmecode einlösen").await;
    page.click_text("Einlösen").await;
    page.wait_text("Geschafft: Sie sind jetzt verifiziert.")
        .await;
    page.assert_accessible("Code eingelöst").await;
    // A mistyped code gets a clear answer.
    page.goto("/code?c=ABCD-EFGH").await;
    page.click_text("Einlösen").await;
    page.wait_text("Dieser Code ist nicht gültig.").await;

    // Offline the replica still suggests similar ideas, and supporting one from there waits
    // in the outbox until the server is back.
    page.wait_for_service_worker().await;
    let (db, dist, addr) = server.kill();
    page.goto("/neu").await;
    page.fill("#idee-titel", "Schule").await;
    page.wait_text("Sichere Fahrradwege zur Schule").await;
    page.wait_text("WLAN in jeder Schule").await;
    page.click_button_in(&in_list(&other), "Unterstützen").await;
    page.wait_text("1 Änderung wartet").await;
    let server = Server::start_with(&db, &dist, &addr);
    werkstadt_tests::eventually("the offline support on the server", || async {
        let idea = get_json(&format!("{}/api/ideas/{other}", server.url)).await;
        (idea["support_count"] == 1).then_some(())
    })
    .await;
}

/// A shared tablet: decisions a moderator left waiting offline go out only with that
/// moderator's session, so the audit log names the person who decided; the colleague who
/// signs in next sees them waiting and sends only their own.
#[tokio::test]
async fn decisions_left_on_a_shared_tablet_go_out_with_the_person_who_made_them() {
    let (dir, server, api) = pre_moderated().await;
    let db = dir.path().join("werkstadt.db");
    create_staff(&db, "moderator", "anna", "Annas langes Passwort");
    create_staff(&db, "moderator", "ben", "Bens langes Passwort!");
    let citizen = Uuid::now_v7().to_string();
    let annas = push_idea(
        &server.url,
        &citizen,
        "Bildung",
        "Lernplattform für Schulen",
    )
    .await;
    let bens = push_idea(
        &server.url,
        &citizen,
        "Bildung",
        "Code-Club in der Stadtbibliothek",
    )
    .await;

    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    sign_in(&page, "anna", "Annas langes Passwort").await;
    page.wait_text("Lernplattform für Schulen").await;
    staff_app_kept_offline(&page).await;

    // Anna approves while the Wi-Fi is gone, then signs out and leaves the tablet.
    let (db, dist, addr) = server.kill();
    page.goto("/moderation").await;
    page.wait_text("Lernplattform für Schulen").await;
    page.click_button_in(&format!("[data-idea-id='{annas}'] .actions"), "Freigeben")
        .await;
    page.wait_text("1 Entscheidungen warten auf Übertragung")
        .await;
    page.click_text("Abmelden").await;
    page.wait_text("Anmeldung für das Team").await;

    // Ben signs in once the server is back: Anna's decision waits for her, his own goes out.
    let _server = Server::start_with(&db, &dist, &addr);
    sign_in(&page, "ben", "Bens langes Passwort!").await;
    page.wait_text("1 Entscheidungen von anna warten auf diesem Gerät")
        .await;
    page.assert_accessible("Staff: Entscheidungen einer Kollegin warten")
        .await;
    // The staff app in English (the whole page redraws; the focus stays on the switch).
    page.click_text("English").await;
    page.wait_text("Moderate ideas").await;
    page.wait_text("1 decisions by anna wait on this device")
        .await;
    werkstadt_tests::eventually("the focus on the language switch", || async {
        (page
            .eval("return document.activeElement.classList.contains('lang-switch')")
            .await
            == true)
            .then_some(())
    })
    .await;
    page.assert_accessible("Staff: English").await;
    page.click_text("Deutsch").await;
    page.wait_text("Ideen moderieren").await;
    page.click_button_in(&format!("[data-idea-id='{bens}'] .actions"), "Freigeben")
        .await;
    werkstadt_tests::eventually("Ben's approval on the server", || async {
        status_of(&api, "published", &bens)
            .await
            .is_object()
            .then_some(())
    })
    .await;
    page.wait_text("Alle Entscheidungen übertragen").await;
    assert!(
        status_of(&api, "pending", &annas).await.is_object(),
        "Anna's decision must not go out with Ben's session"
    );
    page.click_text("Abmelden").await;
    page.wait_text("Anmeldung für das Team").await;

    // Anna is back: her decision goes out with her session.
    sign_in(&page, "anna", "Annas langes Passwort").await;
    page.wait_text_within("Alle Entscheidungen übertragen", Duration::from_secs(20))
        .await;
    werkstadt_tests::eventually("Anna's approval on the server", || async {
        status_of(&api, "published", &annas)
            .await
            .is_object()
            .then_some(())
    })
    .await;
    assert!(!page.body_text().await.contains("warten auf diesem Gerät"));
    let audit = api.send(Method::GET, "/api/admin/audit", json!(null)).await;
    let actor = |target: &str| {
        audit
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["action"] == "idea.approve" && e["target"] == target)
            .map(|e| e["actor"].clone())
    };
    assert_eq!(actor(&annas), Some(json!("anna")), "{audit}");
    assert_eq!(actor(&bens), Some(json!("ben")), "{audit}");
}

/// A moderator's half-written reasons survive what happens meanwhile: a new idea arriving
/// (the queue refreshes) and a switch of the language.
#[tokio::test]
async fn reasons_being_written_survive_a_refresh_of_the_queue_and_a_language_switch() {
    let (_dir, server, _api) = pre_moderated().await;
    let citizen = Uuid::now_v7().to_string();
    let first = push_idea(&server.url, &citizen, "Bildung", "Radweg am Ring").await;
    push_idea(&server.url, &citizen, "Bildung", "Sensoren im Park").await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    sign_in(&page, ADMIN.0, ADMIN.1).await;
    page.wait_text("Radweg am Ring").await;

    let bulk = "#sammel-begruendung";
    page.fill(bulk, "Doppelt eingereicht").await;
    page.click_button_in(&format!("[data-idea-id='{first}']"), "Ablehnen")
        .await;
    let reason = format!("#panel-{first}");
    page.type_with_caret(&reason, "Enthält Werbung", 3).await;

    // Someone submits an idea: the queue refreshes with it.
    push_idea(&server.url, &citizen, "Mobilität", "Busse im Takt").await;
    page.wait_text("Busse im Takt").await;
    assert_eq!(
        page.field_state(&reason).await,
        json!(["Enthält Werbung", 3, true]),
        "the open panel keeps its reason, caret and focus"
    );
    assert_eq!(page.field_state(bulk).await[0], "Doppelt eingereicht");

    // The language switches (by script, as a shortcut would: the focus stays).
    page.eval("document.querySelector('.lang-switch').click(); return true;")
        .await;
    page.wait_text("Moderate ideas").await;
    assert_eq!(
        page.field_state(&reason).await,
        json!(["Enthält Werbung", 3, true]),
        "the reason survives the language switch"
    );
    assert_eq!(page.field_state(bulk).await[0], "Doppelt eingereicht");
}

/// Decisions an earlier release left waiting in localStorage move into the device's outbox
/// store (IndexedDB) and go out with the next session.
#[tokio::test]
async fn decisions_kept_by_the_previous_release_are_carried_over_and_sent() {
    let (_dir, server, _api) = pre_moderated().await;
    let citizen = Uuid::now_v7().to_string();
    let idea = push_idea(
        &server.url,
        &citizen,
        "Bildung",
        "Offene Daten zum Nahverkehr",
    )
    .await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    sign_in(&page, ADMIN.0, ADMIN.1).await;
    page.wait_text("Offene Daten zum Nahverkehr").await;
    let waiting = json!([{
        "mutation": {"id": Uuid::now_v7(), "kind": {"decide": {"idea_id": idea, "decision": "approve"}}},
        "target": idea,
        "label": "Offene Daten zum Nahverkehr",
        "by": ADMIN.0,
    }]);
    page.eval(&format!(
        "localStorage.setItem('werkstadt.staff.outbox', {:?}); return true;",
        waiting.to_string()
    ))
    .await;
    page.goto("/moderation").await;
    page.wait_text_within("Alle Entscheidungen übertragen", Duration::from_secs(30))
        .await;
    werkstadt_tests::eventually("the carried-over decision applied", || async {
        let public = get_json(&format!("{}/api/ideas/{idea}", server.url)).await;
        (public["title"] == "Offene Daten zum Nahverkehr").then_some(())
    })
    .await;
    let left = page
        .eval("return localStorage.getItem('werkstadt.staff.outbox');")
        .await;
    assert_eq!(left, serde_json::Value::Null, "the old copy is gone");
}

/// A burst of new ideas (a workshop's phones, one every 30 ms) refreshes the open queue once
/// per 300 ms, not once per server event: the queue and the header's counts are fetched a
/// few times, not twice for every idea.
#[tokio::test]
async fn a_burst_of_new_ideas_refreshes_the_queue_a_few_times_not_once_per_idea() {
    let (_dir, server, _api) = pre_moderated().await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    sign_in(&page, ADMIN.0, ADMIN.1).await;
    let fetched = || async {
        page.eval(
            "return performance.getEntriesByType('resource') \
               .filter((e) => e.name.includes('/api/moderation/queue')).length;",
        )
        .await
        .as_u64()
        .expect("count")
    };
    // The first screen's fetches are done.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = fetched().await;

    let citizen = Uuid::now_v7().to_string();
    for n in 0..10 {
        push_idea(
            &server.url,
            &citizen,
            "Bildung",
            &format!("Idee Nummer {n} im Takt"),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    page.wait_text("Idee Nummer 9 im Takt").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let during = fetched().await - before;
    assert!(
        (2..=6).contains(&during),
        "10 new ideas: {during} fetches of the queue (queue and counts, per refresh)"
    );
}

//! Workshops in a real browser (issue 15): a moderator creates a workshop and sees its join
//! code and QR code; a phone opens the join link, submits an idea and it counts for the
//! workshop; a results wall open in a second browser shows a new dot within 2 s and recovers
//! by itself after a server restart. axe-core on the staff section, the join page and the wall
//! in both languages.

use std::process::Command;
use std::time::Duration;
use werkstadt_tests::{
    create_staff, eventually, get_json, now_ms, push_as, Browser, Cdp, Page, Server, StaffClient,
    Viewport,
};

const MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");
const TITLE: &str = "Zukunftswerkstatt Smart City";
const HOUR: i64 = 3_600_000;

/// A time `offset_ms` from now as an `<input type="datetime-local">` value (the browser runs
/// in the same zone as the test).
fn local_input(offset_ms: i64) -> String {
    let out = Command::new("date")
        .args([
            "-d",
            &format!("@{}", (now_ms() + offset_ms) / 1000),
            "+%Y-%m-%dT%H:%M",
        ])
        .output()
        .expect("date");
    String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_owned()
}

/// The sum of the wall's background colour channels (0 black … 765 white).
async fn wall_brightness(page: &Page<'_>) -> u64 {
    page.eval(
        "const c = getComputedStyle(document.querySelector('.wall')).backgroundColor;
         return c.match(/\\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);",
    )
    .await
    .as_u64()
    .expect("a colour")
}

/// The wall's data for `code`.
async fn wall(base: &str, code: &str) -> serde_json::Value {
    get_json(&format!("{base}/api/workshops/{code}/wall")).await
}

/// axe-core on a page without the language switch (the wall hides the site's header): German,
/// then English from the stored preference, then German again.
async fn accessible_both(page: &Page<'_>, path: &str, name: &str, english: &str, german: &str) {
    page.assert_accessible(&format!("{name} (de)")).await;
    page.eval("localStorage.setItem('werkstadt.lang', 'en'); return true")
        .await;
    page.goto(path).await;
    page.wait_text(english).await;
    page.assert_accessible(&format!("{name} (en)")).await;
    page.eval("localStorage.setItem('werkstadt.lang', 'de'); return true")
        .await;
    page.goto(path).await;
    page.wait_text(german).await;
}

#[tokio::test]
async fn a_workshop_gets_a_code_phones_join_it_and_the_wall_follows_live() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    let base = server.url.clone();

    // Staff: the section, a new workshop, its join code and QR code.
    let desk = Browser::start(Viewport::Desktop).await;
    let staff = Page::new(&desk, &base);
    staff.goto("/moderation").await;
    staff.wait_text("Anmeldung für das Team").await;
    staff.fill("#login-name", MODERATOR.0).await;
    staff.fill("#login-password", MODERATOR.1).await;
    staff.click_text("Anmelden").await;
    staff.wait_text("Ideen moderieren").await;
    staff.click("a[href='/moderation/veranstaltungen']").await;
    staff
        .wait_text("Veranstaltungen im aktuellen Prozess")
        .await;
    staff.click_text("Neue Veranstaltung anlegen").await;
    staff.fill("#veranstaltung-titel", TITLE).await;
    staff
        .fill("#veranstaltung-ort", "WissensWerkStadt, Wilhelmstraße 3")
        .await;
    staff
        .set_value("#veranstaltung-beginn", &local_input(-HOUR))
        .await;
    staff
        .set_value("#veranstaltung-ende", &local_input(2 * HOUR))
        .await;
    staff.click("form.card button[type=submit]").await;
    staff.wait_text("Veranstaltung angelegt.").await;
    staff.wait_text("Mitmachen mit dem Handy").await;
    let code = staff.text_of(".join-code-large").await;
    assert_eq!(code.len(), 6, "{code:?}");
    // The printable sheet names the full address the QR code holds.
    staff.wait_text("Aushang drucken").await;
    staff.wait_text(&format!("{base}/mitmachen/{code}")).await;
    let qr_loaded = eventually("the QR code to load", || async {
        (staff.eval("const i = document.querySelector('img.join-qr'); return !!i && i.complete && i.naturalWidth > 0").await == true).then_some(())
    });
    qr_loaded.await;
    staff
        .assert_accessible_in_both_languages(
            "Veranstaltungen",
            "Workshops in the current process",
            Some("Veranstaltungen im aktuellen Prozess"),
        )
        .await;

    // The wall in a second browser.
    let projector = Browser::start(Viewport::Desktop).await;
    let wall_page = Page::new(&projector, &base);
    let wall_path = format!("/wand/{code}");
    wall_page.goto(&wall_path).await;
    wall_page.wait_text("Handlungsfelder nach Punkten").await;
    wall_page.wait_text(TITLE).await;
    assert_eq!(
        wall_page
            .eval("return document.querySelector('.site-header').hidden")
            .await,
        true,
        "no site chrome"
    );
    accessible_both(
        &wall_page,
        &wall_path,
        "Ergebniswand",
        "Fields of action by dots",
        "Handlungsfelder nach Punkten",
    )
    .await;
    wall_page.goto(&format!("{wall_path}?dunkel")).await;
    wall_page.wait_text("Handlungsfelder nach Punkten").await;
    wall_page.assert_accessible("Ergebniswand (dunkel)").await;
    assert!(wall_brightness(&wall_page).await < 100, "?dunkel is dark");
    // Where the device prefers a dark scheme, the wall is dark by itself; `?hell` keeps it light.
    wall_page
        .c
        .issue_cmd(Cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
        ))
        .await
        .expect("emulates a dark scheme");
    wall_page.goto(&wall_path).await;
    wall_page.wait_text("Handlungsfelder nach Punkten").await;
    assert!(
        wall_brightness(&wall_page).await < 100,
        "dark by the device's setting"
    );
    wall_page.goto(&format!("{wall_path}?hell")).await;
    wall_page.wait_text("Handlungsfelder nach Punkten").await;
    assert!(wall_brightness(&wall_page).await > 600, "?hell stays light");

    // A phone joins by the QR code's link and submits an idea: it counts for the workshop.
    let phone_browser = Browser::start(Viewport::Phone).await;
    let phone = Page::new(&phone_browser, &base);
    phone
        .goto(&format!("/mitmachen/{}", code.to_lowercase()))
        .await;
    phone
        .wait_text(&format!("Sie nehmen an „{TITLE}“ teil."))
        .await;
    // Its day and times, and only what it opens (the form opened everything).
    let joined = phone.body_text().await;
    assert!(
        joined.contains(" – ") && joined.matches(':').count() >= 2,
        "{joined}"
    );
    phone.wait_text("Ideen kommentieren").await;
    accessible_both(
        &phone,
        &format!("/mitmachen/{code}"),
        "Mitmachen",
        "You are taking part in",
        "Sie nehmen an",
    )
    .await;
    phone.goto("/neu").await;
    phone
        .wait_text(&format!("Sie nehmen an „{TITLE}“ teil."))
        .await;
    phone.find("#idee-titel").await;
    phone.choose("#idee-thema", "Bildung").await;
    phone
        .fill("#idee-titel", "Programmierkurse in der WissensWerkStadt")
        .await;
    phone
        .fill("#idee-text", "Jeden Samstag, für alle Altersgruppen.")
        .await;
    phone.click_text("Idee absenden").await;
    phone.wait_text("0 Unterstützungen").await;
    eventually("the phone's idea to count for the workshop", || async {
        (wall(&base, &code).await["participants_here"] == 1).then_some(())
    })
    .await;
    wall_page
        .wait_text_within("1\nhier dabei", Duration::from_secs(5))
        .await;

    // A vote shows on the wall within 2 s.
    let data = wall(&base, &code).await;
    let top = &data["themes"][0];
    let now = top["dots"].as_u64().expect("dots") + 5;
    push_as(
        &base,
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({"set_dots": {"allocations": [{"theme_id": top["id"], "points": 5}]}}),
    )
    .await;
    wall_page
        .wait_text_within(&format!("{now} Punkte"), Duration::from_secs(2))
        .await;

    // The server goes away and comes back on the same address: the wall recovers by itself.
    let (db, dist, addr) = server.kill();
    wall_page
        .wait_text_within("Verbindung wird wiederhergestellt", Duration::from_secs(15))
        .await;
    let server = Server::start_plain(&db, &dist, &addr);
    let after = now + 3;
    push_as(
        &server.url,
        &uuid::Uuid::now_v7().to_string(),
        serde_json::json!({"set_dots": {"allocations": [{"theme_id": top["id"], "points": 3}]}}),
    )
    .await;
    wall_page
        .wait_text_within(&format!("{after} Punkte"), Duration::from_secs(15))
        .await;
    assert!(!wall_page
        .body_text()
        .await
        .contains("Verbindung wird wiederhergestellt"));
}

/// A workshop running now (an hour either side) that opens `open`, created by an admin
/// through the staff API; the API's answer.
async fn running_workshop(
    server: &Server,
    db: &std::path::Path,
    title: &str,
    open: serde_json::Value,
) -> serde_json::Value {
    create_staff(db, "admin", "admin-werkstadt", "admin-passwort-2026");
    let api = StaffClient::sign_in(&server.url, "admin-werkstadt", "admin-passwort-2026").await;
    let process = get_json(&format!("{}/api/process", server.url)).await["process"]["id"]
        .as_str()
        .expect("process id")
        .to_owned();
    api.send(
        reqwest::Method::POST,
        &format!("/api/moderation/processes/{process}/workshops"),
        serde_json::json!({"title": title, "place": "WissensWerkStadt",
               "starts_at": now_ms() - HOUR, "ends_at": now_ms() + HOUR,
               "open": open, "reset_secs": 90}),
    )
    .await
}

/// A phone that joined a dot-voting workshop: while it runs, the workshop's modules decide on
/// every page, as on the server. The new-idea form says the idea collection is not open and
/// cannot be sent (the process's phase would allow it); the dots can be saved.
#[tokio::test]
async fn a_joined_phone_follows_the_workshops_modules_on_every_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    let workshop = running_workshop(
        &server,
        &db,
        "Punkte-Werkstatt",
        serde_json::json!({"dots": true}),
    )
    .await;
    let code = workshop["code"].as_str().expect("join code").to_owned();

    let browser = Browser::start(Viewport::Phone).await;
    let phone = Page::new(&browser, &server.url);
    // Before joining, the process's phase opens the idea collection.
    phone.goto("/neu").await;
    phone.find("#idee-titel").await;
    assert_eq!(
        phone
            .eval("return document.querySelector('form button[type=submit]').disabled")
            .await,
        false
    );
    phone.goto(&format!("/mitmachen/{code}")).await;
    phone
        .wait_text("Sie nehmen an „Punkte-Werkstatt“ teil.")
        .await;
    phone.goto("/neu").await;
    phone
        .wait_text("Die Ideensammlung ist derzeit nicht geöffnet.")
        .await;
    assert_eq!(
        phone
            .eval("return document.querySelector('form button[type=submit]').disabled")
            .await,
        true,
        "no idea can be sent at a workshop that does not open them"
    );
    phone.goto("/punkte").await;
    phone.wait_text("Punkte speichern").await;
    let body = phone.body_text().await;
    assert!(!body.contains("nicht geöffnet"), "{body}");
}

/// A phone at a workshop that opens the idea collection writes an idea while the server cannot
/// be reached; meanwhile the workshop became a dot vote. Once the server is back it refuses the
/// idea (`workshop_closed`), and the phone says why, naming the workshop rather than the
/// process's phases (whose idea collection is open), and keeps the text to copy.
#[tokio::test]
async fn an_idea_the_workshop_closed_meanwhile_is_refused_with_the_workshops_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    let workshop = running_workshop(
        &server,
        &db,
        "Ideen-Werkstatt",
        serde_json::json!({"ideas": true}),
    )
    .await;
    let code = workshop["code"].as_str().expect("join code").to_owned();
    let id = workshop["id"].as_str().expect("workshop id").to_owned();

    let browser = Browser::start(Viewport::Phone).await;
    let phone = Page::new(&browser, &server.url);
    phone.goto(&format!("/mitmachen/{code}")).await;
    phone
        .wait_text("Sie nehmen an „Ideen-Werkstatt“ teil.")
        .await;
    phone.goto("/neu").await;
    phone.choose("#idee-thema", "Energie & Umwelt").await;

    // The server goes away: the phone writes its idea without a connection.
    let (db, dist, addr) = server.kill();
    phone.fill("#idee-titel", "Sensoren für Stadtbäume").await;
    phone
        .fill("#idee-text", "Geschrieben in der Werkstatt, ohne Netz.")
        .await;
    phone.click_text("Idee absenden").await;
    phone.wait_text("Wartet auf Übertragung").await;

    // Meanwhile the workshop became a dot vote (as a moderator's edit leaves it in the
    // database: no idea collection, dots open).
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let changed = conn
        .execute(
            "UPDATE workshop SET open_ideas = 0, open_dots = 1 WHERE id = ?1",
            [&id],
        )
        .expect("updates");
    assert_eq!(changed, 1);
    drop(conn);
    let _server = Server::start_plain(&db, &dist, &addr);
    phone.wait_text("Nicht übernommen").await;
    phone
        .wait_text(
            "Die Ideensammlung war bei der Veranstaltung, an der Sie teilnehmen, nicht geöffnet",
        )
        .await;
    let kept = phone.text_of("section textarea").await;
    assert!(kept.contains("Sensoren für Stadtbäume"), "{kept}");
    let body = phone.body_text().await;
    assert!(!body.contains("ist derzeit geschlossen"), "{body}");
    // Nothing of it was written.
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let stored: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM idea WHERE title = 'Sensoren für Stadtbäume'",
            [],
            |r| r.get(0),
        )
        .expect("counts");
    assert_eq!(stored, 0);
}

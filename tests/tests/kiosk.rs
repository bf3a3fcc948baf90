//! The kiosk end to end: a touch screen paired by staff, visitors in turn each their own
//! participant (nobody overwrites anyone's dots), no trace of a visitor after the reset,
//! the inactivity reset with its countdown, offline and back, no way out without the PIN
//! (also while the server is down), and a workshop's modules deciding what a kiosk offers.

use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;
use werkstadt_tests::{create_staff, get_json, Browser, Page, Server, StaffClient, Viewport};

const ADMIN: (&str, &str) = ("leitung", "ein langes Admin-Passwort");
const PIN: &str = "4711";

/// A demo server, pre-moderated (a visitor's idea waits, so it comes back to no device), an
/// admin signed in over the API, and a kiosk set up with `reset` seconds: its pairing code.
async fn set_up(reset: u32) -> (tempfile::TempDir, Server, StaffClient, String) {
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
    let pairing = api
        .send(
            Method::POST,
            "/api/moderation/kiosks",
            json!({"label": "WissensWerkStadt", "reset_seconds": reset}),
        )
        .await;
    let code = pairing["code"].as_str().expect("code").to_owned();
    (dir, server, api, code)
}

async fn pair(page: &Page<'_>, code: &str) {
    page.goto("/kiosk").await;
    page.wait_text("Dieses Gerät als Kiosk einrichten").await;
    page.fill("#kiosk-code", code).await;
    page.fill("#kiosk-pin", PIN).await;
    page.click_text("Koppeln").await;
    page.wait_text("Wähle ein Handlungsfeld").await;
}

/// One visitor: an idea in `theme` and every dot on it, then "Fertig" and the next person.
async fn visit(page: &Page<'_>, theme: &str, title: &str, body: &str) {
    page.wait_text("Wähle ein Handlungsfeld").await;
    page.click_text(theme).await;
    page.wait_text("Schritt 2 von 3").await;
    page.fill("#kiosk-titel", title).await;
    page.fill("#kiosk-text", body).await;
    page.click_text("Idee abgeben").await;
    page.wait_text("Deine Idee ist gespeichert.").await;
    page.click_text("Punkte verteilen").await;
    page.wait_text("Noch 5 von 5 Punkten").await;
    for _ in 0..5 {
        page.click(&format!(
            "button[aria-label='Einen Punkt mehr für {theme}']"
        ))
        .await;
    }
    page.wait_text("Noch 0 von 5 Punkten").await;
    page.click_text("Punkte abgeben").await;
    page.wait_text("Deine Punkte sind gespeichert.").await;
    page.click_text("Fertig").await;
    page.wait_text("Danke fürs Mitmachen!").await;
    page.click_text("Nächste Person").await;
    page.wait_text("Wähle ein Handlungsfeld").await;
}

/// Where `needle` can still be read on the device: the DOM (with form values), localStorage
/// and every IndexedDB record except the kiosk's outbox.
async fn traces(page: &Page<'_>, needle: &str) -> Vec<String> {
    let dump = page.eval_async(DUMP).await;
    let dump: Value = serde_json::from_str(
        serde_json::from_str::<String>(&dump)
            .expect("a string")
            .as_str(),
    )
    .unwrap_or_else(|e| panic!("{e}: {dump}"));
    let mut found = Vec::new();
    for (place, text) in [("DOM", &dump["dom"]), ("localStorage", &dump["local"])] {
        if text.as_str().is_some_and(|t| t.contains(needle)) {
            found.push(place.to_owned());
        }
    }
    for row in dump["idb"].as_array().expect("records") {
        let outbox = row["db"] == "werkstadt-kiosk" && row["key"] == "outbox";
        if !outbox && row["value"].as_str().is_some_and(|v| v.contains(needle)) {
            found.push(format!(
                "IndexedDB {}/{}/{}",
                row["db"], row["store"], row["key"]
            ));
        }
    }
    found
}

/// The kiosk's outbox as stored (JSON text).
async fn outbox(page: &Page<'_>) -> String {
    let dump = page.eval_async(DUMP).await;
    let dump: Value =
        serde_json::from_str(&serde_json::from_str::<String>(&dump).expect("a string"))
            .expect("json");
    dump["idb"]
        .as_array()
        .expect("records")
        .iter()
        .find(|r| r["db"] == "werkstadt-kiosk" && r["key"] == "outbox")
        .map(|r| r["value"].as_str().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

const DUMP: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const values = [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\n');
  const out = { dom: document.documentElement.outerHTML + values,
                local: JSON.stringify(Object.assign({}, localStorage)), idb: [] };
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((ok, no) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = no; });
    for (const store of db.objectStoreNames) {
      const rows = await new Promise(ok => {
        const tx = db.transaction(store); const s = tx.objectStore(store);
        const keys = s.getAllKeys(); const vals = s.getAll();
        tx.oncomplete = () => ok(keys.result.map((k, i) => [k, vals.result[i]]));
      });
      for (const [key, value] of rows) out.idb.push({ db: name, store, key: String(key), value: JSON.stringify(value) });
    }
    db.close();
  }
  done(JSON.stringify(out));
})().catch(e => done(JSON.stringify(JSON.stringify({ error: String(e) }))));
"#;

async fn dot_points(base: &str) -> Vec<(String, u64)> {
    let overview = get_json(&format!("{base}/api/process")).await;
    overview["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap_or_default().to_owned(),
                t["dot_points"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn points_of(list: &[(String, u64)], theme: &str) -> u64 {
    list.iter().find(|(t, _)| t == theme).map_or(0, |(_, p)| *p)
}

async fn all_sent(page: &Page<'_>, within: Duration) {
    page.wait_text_within("Alles gesendet", within).await;
}

#[tokio::test]
async fn two_visitors_in_turn_each_count_in_full_and_leave_no_trace() {
    let (_dir, server, api, code) = set_up(90).await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    let before = dot_points(&server.url).await;
    page.goto("/kiosk").await;
    page.wait_text("Dieses Gerät als Kiosk einrichten").await;
    page.assert_accessible("Kiosk: koppeln (de)").await;
    page.click_text("English").await;
    page.wait_text("Set up this device as a kiosk").await;
    page.assert_accessible("Kiosk: pairing (en)").await;
    page.click_text("Deutsch").await;
    pair(&page, &code).await;
    // No site chrome: nothing to follow away from the kiosk.
    let visible_links = "return [...document.querySelectorAll('a')].filter(a => a.getClientRects().length > 0).length";
    assert_eq!(page.eval(visible_links).await, 0);
    page.assert_accessible("Kiosk: Handlungsfeld wählen (de)")
        .await;
    page.click_text("English").await;
    page.wait_text("Choose a field of action").await;
    page.assert_accessible("Kiosk: choose a field of action (en)")
        .await;
    page.click_text("Deutsch").await;

    let first = (
        "Bildung",
        "Makerspace im Foyer",
        "Löten lernen mit Nachbarinnen",
    );
    visit(&page, first.0, first.1, first.2).await;
    for needle in [first.1, first.2] {
        assert_eq!(
            traces(&page, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let second = (
        "Mobilität",
        "Lastenräder zum Leihen",
        "Am Kesselbrink ausleihen",
    );
    page.click_text(second.0).await;
    page.wait_text("Schritt 2 von 3").await;
    page.assert_accessible("Kiosk: Idee (de)").await;
    page.click_text("Punkte verteilen").await;
    page.assert_accessible("Kiosk: Punkte (de)").await;
    page.click_text("Zurück").await;
    visit(&page, second.0, second.1, second.2).await;
    for needle in [second.1, second.2] {
        assert_eq!(
            traces(&page, needle).await,
            Vec::<String>::new(),
            "{needle}"
        );
    }

    // Both ballots count in full; both ideas wait for moderation; the outbox is empty.
    all_sent(&page, Duration::from_secs(20)).await;
    let after = dot_points(&server.url).await;
    for theme in [first.0, second.0] {
        assert_eq!(
            points_of(&after, theme),
            points_of(&before, theme) + 5,
            "{theme}"
        );
    }
    let queue = api
        .send(Method::GET, "/api/moderation/queue", Value::Null)
        .await
        .to_string();
    assert!(
        queue.contains(first.1) && queue.contains(second.1),
        "{queue}"
    );
    let kiosks = api
        .send(Method::GET, "/api/moderation/kiosks", Value::Null)
        .await;
    assert_eq!(kiosks[0]["visitors"], 2, "{kiosks}");
    assert!(!outbox(&page).await.contains(first.1));
    assert_eq!(outbox(&page).await, "[]");

    // Revoked by staff, the device forgets the kiosk and asks to be paired again.
    let id = kiosks[0]["id"].as_str().expect("kiosk id");
    api.send(
        Method::POST,
        &format!("/api/moderation/kiosks/{id}/revoke"),
        Value::Null,
    )
    .await;
    page.wait_text("Dieser Kiosk wurde vom Team abgemeldet.")
        .await;
    page.wait_text("Dieses Gerät als Kiosk einrichten").await;
    let local = page
        .eval("return JSON.stringify(Object.assign({}, localStorage))")
        .await;
    assert!(!local.to_string().contains("werkstadt.kiosk"), "{local}");
}

#[tokio::test]
async fn an_idle_visit_counts_down_a_touch_cancels_it_and_then_the_kiosk_starts_over() {
    let (_dir, server, _api, code) = set_up(20).await;
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    pair(&page, &code).await;
    page.click_text("Kultur & Freizeit").await;
    page.fill("#kiosk-titel", "Offene Ateliers am Sonntag")
        .await;
    // Ten seconds before the reset the countdown shows; a touch cancels it.
    page.wait_text_within("Noch da?", Duration::from_secs(15))
        .await;
    page.assert_accessible("Kiosk: Countdown").await;
    page.click_text("Weitermachen").await;
    werkstadt_tests::eventually("the countdown to go", || async {
        (!page.body_text().await.contains("Noch da?")).then_some(())
    })
    .await;
    assert_eq!(
        page.field_state("#kiosk-titel").await[0],
        "Offene Ateliers am Sonntag"
    );
    // Untouched, it counts down again and starts over: nothing of the visit is left.
    page.wait_text_within("Noch da?", Duration::from_secs(15))
        .await;
    page.wait_text_within("Wähle ein Handlungsfeld", Duration::from_secs(15))
        .await;
    assert!(!page.body_text().await.contains("Noch da?"));
    assert_eq!(traces(&page, "Offene Ateliers").await, Vec::<String>::new());
}

#[tokio::test]
async fn the_kiosk_takes_contributions_offline_and_sends_them_when_the_server_is_back() {
    let (_dir, server, _api, code) = set_up(90).await;
    let base = server.url.clone();
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &base);
    pair(&page, &code).await;
    page.wait_for_service_worker().await;
    let before = dot_points(&base).await;
    page.click_text("Digitale Infrastruktur").await;
    page.wait_text("Schritt 2 von 3").await;
    // The Wi-Fi drops mid-visit.
    let (db, dist, addr) = server.kill();
    page.fill("#kiosk-titel", "Funkloch-Karte am Obersee").await;
    page.fill("#kiosk-text", "Auch offline eingegeben.").await;
    page.click_text("Idee abgeben").await;
    page.wait_text("Deine Idee ist gespeichert.").await;
    page.click_text("Punkte verteilen").await;
    page.click("button[aria-label='Einen Punkt mehr für Digitale Infrastruktur']")
        .await;
    page.click_text("Punkte abgeben").await;
    page.wait_text("Deine Punkte sind gespeichert.").await;
    page.wait_text("2 Beiträge warten auf die Verbindung").await;
    page.click_text("Fertig").await;
    page.click_text("Nächste Person").await;
    page.wait_text("Wähle ein Handlungsfeld").await;
    assert_eq!(traces(&page, "Funkloch-Karte").await, Vec::<String>::new());
    // Back online: everything arrives by itself.
    let server = Server::start_plain(&db, &dist, &addr);
    all_sent(&page, Duration::from_secs(30)).await;
    let after = dot_points(&server.url).await;
    assert_eq!(
        points_of(&after, "Digitale Infrastruktur"),
        points_of(&before, "Digitale Infrastruktur") + 1
    );
    assert_eq!(outbox(&page).await, "[]");
}

#[tokio::test]
async fn staff_pair_the_kiosk_in_the_staff_app_and_only_the_pin_leads_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    // A workshop running now, which the kiosk will serve.
    create_staff(&db, "admin", ADMIN.0, ADMIN.1);
    let api = StaffClient::sign_in(&server.url, ADMIN.0, ADMIN.1).await;
    let process = get_json(&format!("{}/api/process", server.url)).await["process"]["id"]
        .as_str()
        .expect("process id")
        .to_owned();
    let now = werkstadt_tests::now_ms();
    // A dot-voting workshop: its kiosk offers the dots only.
    let workshop = api
        .send(
            Method::POST,
            &format!("/api/moderation/processes/{process}/workshops"),
            json!({"title": "Zukunftswerkstatt", "place": "WissensWerkStadt",
                   "starts_at": now - 3_600_000, "ends_at": now + 3_600_000,
                   "open": {"dots": true}, "reset_secs": 240}),
        )
        .await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/moderation/veranstaltungen").await;
    page.fill("#login-name", "moderation").await;
    page.fill("#login-password", "werkstadt-demo-2026").await;
    page.click_text("Anmelden").await;
    // The workshop's kiosks are on its panel in "Veranstaltungen".
    page.click("button[aria-label='Kiosks: Zukunftswerkstatt']")
        .await;
    page.wait_text("Neuer Kiosk").await;
    page.fill("#kiosk-label", "Foyer").await;
    // No reset time of its own: it follows the workshop's.
    page.wait_text("wie die Veranstaltung (jetzt 240 s)").await;
    page.click_text("Kopplungscode erzeugen").await;
    let code = page.text_of(".pairing-code").await;
    let kiosks = api
        .send(Method::GET, "/api/moderation/kiosks", json!(null))
        .await;
    assert_eq!(kiosks[0]["workshop_id"], workshop["id"], "{kiosks}");
    assert_eq!(kiosks[0]["reset_seconds"], 240, "{kiosks}");
    assert_eq!(kiosks[0]["reset_follows_workshop"], true, "{kiosks}");
    page.wait_text("wartet auf Kopplung").await;
    page.wait_text("Neustart nach 240 s (wie die Veranstaltung)")
        .await;
    page.assert_accessible_in_both_languages(
        "Kiosks (Team)",
        "This workshop's kiosks",
        Some("Kiosks dieser Veranstaltung"),
    )
    .await;
    // Kiosks without a workshop have a panel of their own.
    page.click_text("Kiosks ohne Veranstaltung").await;
    page.wait_text("Alle Kiosks ohne Veranstaltung").await;
    page.wait_text("Noch keine Kiosks.").await;
    pair(&page, &code).await;
    // The workshop opens only the dots: no idea form, the dots at once.
    page.click_text("Bildung").await;
    page.wait_text("Schritt 2 von 3").await;
    page.wait_text("Noch 5 von 5 Punkten").await;
    assert!(!page.body_text().await.contains("Idee aufschreiben"));
    page.assert_accessible("Kiosk: nur Punkte").await;
    // Back does not leave the kiosk (the visit starts over), and closes a PIN dialog someone
    // began to type into.
    page.click_text("Beenden").await;
    page.fill("#kiosk-exit-pin", "12").await;
    browser.client.back().await.expect("back");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(page.path().await, "/kiosk");
    page.wait_text("Wähle ein Handlungsfeld").await;
    assert_eq!(
        page.eval("return document.querySelector('#kiosk-exit-pin') === null;")
            .await,
        true,
        "the PIN dialog is closed"
    );
    // Leaving needs the PIN (the digits typed before are gone).
    page.click_text("Beenden").await;
    assert_eq!(page.field_state("#kiosk-exit-pin").await[0], "");
    page.fill("#kiosk-exit-pin", "0000").await;
    page.click_text("Kiosk beenden").await;
    page.wait_text("Die PIN stimmt nicht.").await;
    page.assert_accessible("Kiosk: Beenden").await;
    page.fill("#kiosk-exit-pin", PIN).await;
    page.click_text("Kiosk beenden").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    assert_eq!(page.path().await, "/");
    // The staff app lists the kiosk as paired and seen.
    page.goto("/moderation/veranstaltungen").await;
    page.click("button[aria-label='Kiosks: Zukunftswerkstatt']")
        .await;
    page.wait_text("gekoppelt").await;
    page.wait_text("zuletzt erreichbar").await;
}

#[tokio::test]
async fn the_team_leaves_the_kiosk_with_its_pin_while_the_server_is_down() {
    let (_dir, server, _api, code) = set_up(90).await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    pair(&page, &code).await;
    page.wait_for_service_worker().await;
    // The PIN is kept on the device only as a slow hash.
    let kept = page
        .eval("return localStorage.getItem('werkstadt.kiosk.pin')")
        .await;
    let kept = kept.as_str().expect("a PIN verifier");
    assert!(kept.starts_with("pbkdf2-sha256$600000$"), "{kept}");
    assert!(!kept.split('$').any(|part| part == PIN), "{kept}");
    let _gone = server.kill();
    page.click_text("Beenden").await;
    page.fill("#kiosk-exit-pin", "0000").await;
    page.click_text("Kiosk beenden").await;
    page.wait_text_within("Die PIN stimmt nicht.", Duration::from_secs(15))
        .await;
    assert_eq!(page.path().await, "/kiosk");
    page.fill("#kiosk-exit-pin", PIN).await;
    page.click_text("Kiosk beenden").await;
    werkstadt_tests::eventually("the kiosk to be left", || async {
        (page.path().await == "/").then_some(())
    })
    .await;
}

//! End-to-end: the real built app and server in headless Chromium, asserting what a citizen
//! sees. axe-core checks every page visited for WCAG 2.1 AA violations.

use werkstadt_tests::{Browser, Page, Server, Viewport};

fn temp_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("data/werkstadt.db");
    (dir, db)
}

#[tokio::test]
async fn a_citizen_submits_an_idea_supports_it_spends_dots_and_sees_the_results() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db);
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);

    // Start: the process and its themes with idea counts.
    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    page.wait_text("Verwaltung & Bürgerservice").await;
    page.wait_text("Digitale Infrastruktur").await;
    assert_eq!(
        page.eval("return document.documentElement.lang").await,
        "de"
    );
    page.assert_accessible("Startseite").await;

    // A theme and its ideas.
    page.click_text("Bildung").await;
    page.wait_text("WLAN in allen Schulen und der Stadtbibliothek")
        .await;
    assert!(page.path().await.starts_with("/themen/"));
    page.assert_accessible("Handlungsfeld Bildung").await;

    // The form, with the theme preselected and inline validation.
    page.click_text("Idee zu diesem Handlungsfeld einreichen")
        .await;
    page.find("#idee-titel").await;
    let chosen = page
        .eval("return document.getElementById('idee-thema').selectedOptions[0].text")
        .await;
    assert_eq!(chosen, "Bildung");
    page.assert_accessible("Neue Idee").await;
    page.click_text("Idee absenden").await;
    page.wait_text("Der Titel braucht mindestens 5 Zeichen.")
        .await;
    page.wait_text("Bitte beschreiben Sie Ihre Idee.").await;
    assert!(
        page.path().await.starts_with("/neu"),
        "an invalid form is not sent"
    );
    page.assert_accessible("Neue Idee mit Fehlern").await;

    let title = "<b>Makerspace</b> in der Stadtbibliothek";
    page.fill("#idee-titel", title).await;
    page.fill(
        "#idee-text",
        "Ein offener Raum mit 3D-Druckern.\nFür alle Generationen.",
    )
    .await;
    page.click_text("Idee absenden").await;
    page.wait_text("0 Unterstützungen").await;
    assert!(page.path().await.starts_with("/ideen/"));
    // HTML typed by a citizen is shown as text, never interpreted.
    assert_eq!(page.text_of("main h1").await, title);
    assert_eq!(
        page.eval("return document.querySelector('main h1 b') === null")
            .await,
        true
    );
    page.wait_text("Für alle Generationen.").await;
    page.assert_accessible("Idee").await;

    // Support it; the state survives a reload.
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    browser.client.refresh().await.expect("reloads");
    page.wait_text("1 Unterstützung").await;
    let pressed = werkstadt_tests::eventually(
        "the support button to show it is pressed",
        || async {
            let v = page.eval("const b = document.querySelector('.support-button'); return b && b.getAttribute('aria-pressed')").await;
            (v == "true").then_some(())
        },
    );
    pressed.await;

    // The idea is listed in its theme.
    page.click_text("Zurück zum Handlungsfeld").await;
    page.wait_text(title).await;

    // Dot votes: 3 on Bildung, 2 on Mobilität, then nothing is left.
    page.click_text("Punkte verteilen").await;
    page.wait_text("Noch 5 von 5 Punkten übrig").await;
    page.assert_accessible("Punkte verteilen").await;
    for _ in 0..3 {
        page.click("button[aria-label='Einen Punkt auf „Bildung“ setzen']")
            .await;
    }
    page.wait_text("Noch 2 von 5 Punkten übrig").await;
    for _ in 0..2 {
        page.click("button[aria-label='Einen Punkt auf „Mobilität“ setzen']")
            .await;
    }
    page.wait_text("Noch 0 von 5 Punkten übrig").await;
    let all_plus_disabled = page
        .eval("return [...document.querySelectorAll('button[aria-label$=\"setzen\"]')].every(b => b.disabled)")
        .await;
    assert_eq!(
        all_plus_disabled, true,
        "no point can be added over the budget"
    );
    page.click_text("Punkte speichern").await;
    page.wait_text("Ihre Punkte sind gespeichert.").await;

    // Results: Bildung first with 3 points, Mobilität second; the new idea is Bildung's top idea.
    page.click_text("Ergebnisse").await;
    page.wait_text("Bisher haben 1 Person insgesamt 5 Punkte vergeben.")
        .await;
    let first = page.text_of(".rank-item:nth-child(1)").await;
    assert!(
        first.contains("Platz 1") && first.contains("Bildung") && first.contains("3 Punkte"),
        "{first}"
    );
    assert!(
        first.contains(title) && first.contains("1 Unterstützung"),
        "{first}"
    );
    let second = page.text_of(".rank-item:nth-child(2)").await;
    assert!(
        second.contains("Platz 2") && second.contains("Mobilität") && second.contains("2 Punkte"),
        "{second}"
    );
    page.assert_accessible("Ergebnisse").await;

    // English is complete and switchable; the choice is kept.
    page.click_text("English").await;
    page.wait_text("So far 1 person placed 5 points in total.")
        .await;
    page.wait_text("Rank 1").await;
    assert_eq!(
        page.eval("return document.documentElement.lang").await,
        "en"
    );
    page.assert_accessible("Results (English)").await;
    browser.client.refresh().await.expect("reloads");
    page.wait_text("Rank 1").await;
}

#[tokio::test]
async fn on_a_phone_the_pages_fit_the_screen_and_a_citizen_can_submit_and_support() {
    let (_dir, db) = temp_db();
    let server = Server::start(&db);
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    let fits = "return [window.innerWidth, document.documentElement.scrollWidth]";
    // Visible controls smaller than 44 × 44 CSS pixels (inline text links excepted).
    let small_targets = r#"return [...document.querySelectorAll('button, select, input, textarea, nav a, .button')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
        .filter(([_, r]) => r.height < 44 || r.width < 44)
        .map(([h, r]) => h + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))"#;

    page.goto("/").await;
    page.wait_text("Smart City Strategie Bielefeld").await;
    assert_eq!(
        page.eval(fits).await,
        serde_json::json!([360, 360]),
        "no horizontal scrolling at 360 px"
    );
    assert_eq!(page.eval(small_targets).await, serde_json::json!([]));
    page.assert_accessible("Startseite (Telefon)").await;

    page.click_text("Idee einreichen").await;
    page.choose("#idee-thema", "Mobilität").await;
    page.fill(
        "#idee-titel",
        "Carsharing-Stationen an Stadtbahnhaltestellen",
    )
    .await;
    page.fill(
        "#idee-text",
        "Damit man vom Bus direkt ins Auto umsteigen kann.",
    )
    .await;
    assert_eq!(page.eval(small_targets).await, serde_json::json!([]));
    page.assert_accessible("Neue Idee (Telefon)").await;
    page.click_text("Idee absenden").await;
    page.wait_text("0 Unterstützungen").await;
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    assert_eq!(page.eval(fits).await, serde_json::json!([360, 360]));
    page.assert_accessible("Idee (Telefon)").await;

    page.click_text("Punkte verteilen").await;
    page.wait_text("Noch 5 von 5 Punkten übrig").await;
    assert_eq!(page.eval(fits).await, serde_json::json!([360, 360]));
    assert_eq!(page.eval(small_targets).await, serde_json::json!([]));
    page.assert_accessible("Punkte (Telefon)").await;
}

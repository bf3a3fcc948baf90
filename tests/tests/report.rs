//! Participation charts and the committee report in a real browser (issue 14).
//!
//! A citizen's results page shows participation per day, by channel and verified/unverified
//! as SVG charts, each a figure with a table of its numbers; after a first visit it shows the saved
//! figures again with the server gone. The demo moderator opens the report to the
//! Digitalisierungsausschuss: every section is there; printed to PDF by headless Chromium
//! (`Page.printToPDF`, the browser's "save as PDF"), `pdftotext` finds the headings, the page
//! numbers, and every project row whole on one page. The moderator can also report on a
//! process of the archive. axe-core in German and English.

use base64::Engine;
use werkstadt_tests::{
    create_staff, eventually, get_json, Browser, Cdp, Page, Server, StaffClient, Viewport,
};

const MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");
/// Projects of the fixture: enough rows for the project table to run over a page break.
const PROJECTS: usize = 28;

/// Figures of the participation section with their table rows, once `n` figures show.
async fn figures(page: &Page<'_>, n: usize) -> Vec<(usize, usize)> {
    let js = "return [...document.querySelectorAll('.participation figure')].map((f) => \
              [f.querySelectorAll('svg rect').length, f.querySelectorAll('tbody tr').length])";
    eventually(&format!("{n} participation charts"), || async {
        let v: Vec<(usize, usize)> = serde_json::from_value(page.eval(js).await).ok()?;
        (v.len() == n && v.iter().all(|(bars, rows)| *bars > 0 && *rows > 0)).then_some(v)
    })
    .await
}

#[tokio::test]
async fn the_results_page_charts_participation_also_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/ergebnisse").await;
    page.wait_text("Aktive Teilnehmende pro Tag").await;
    page.wait_text("Teilnehmende nach Zugang").await;
    page.wait_text("Bestätigte und nicht bestätigte Teilnehmende")
        .await;
    let charts = figures(&page, 3).await;
    // Web and participation code always; verified and not verified.
    assert_eq!(charts[1].1, 2, "{charts:?}");
    assert_eq!(charts[2].1, 2, "{charts:?}");
    let captions = page
        .eval("return [...document.querySelectorAll('.participation table caption')].length")
        .await;
    assert_eq!(captions, 3);
    page.assert_accessible_in_both_languages(
        "Ergebnisse mit Beteiligung",
        "Active participants per day",
        Some("Aktive Teilnehmende pro Tag"),
    )
    .await;
    page.wait_for_service_worker().await;
    let (_db, _dist, _addr) = server.kill();
    browser.client.refresh().await.expect("reloads");
    page.wait_text("Gespeicherter Stand").await;
    figures(&page, 3).await;
    page.assert_accessible("Ergebnisse offline").await;
}

async fn print_pdf(page: &Page<'_>, dir: &std::path::Path) -> Vec<String> {
    // Chromium's "save as PDF": the page's own size and margins (`@page`), backgrounds off.
    let answer = page
        .c
        .issue_cmd(Cdp(
            "Page.printToPDF",
            serde_json::json!({"preferCSSPageSize": true, "printBackground": false}),
        ))
        .await
        .expect("prints");
    let data = answer["data"].as_str().expect("base64 PDF");
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("decodes");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let path = dir.join("bericht.pdf");
    std::fs::write(&path, pdf).expect("saves the PDF");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils) runs");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("utf8");
    text.split('\u{c}').map(str::to_owned).collect()
}

/// The projects of the fixture, each with a decision of today: `Projekt-NN …` and
/// `Beschluss-NN` begin and end its row of the report's project table.
async fn projects(base: &str) {
    let staff = StaffClient::sign_in(base, MODERATOR.0, MODERATOR.1).await;
    let overview = get_json(&format!("{base}/api/process")).await;
    let theme = overview["themes"][0]["id"].clone();
    let now = werkstadt_tests::now_ms();
    for i in 1..=PROJECTS {
        let p = staff
            .send(
                reqwest::Method::POST,
                "/api/moderation/projects",
                serde_json::json!({"theme_id": theme, "title": format!("Projekt-{i:02} Sensoren im Quartier"),
                    "responsible": "Digitalisierungsbüro", "starts_on": now - 86_400_000}),
            )
            .await;
        let id = p["id"].as_str().expect("project id");
        staff
            .send(
                reqwest::Method::POST,
                &format!("/api/moderation/projects/{id}/decisions"),
                serde_json::json!({"body": "digitalisierungsausschuss", "decided_on": now,
                    "reference": format!("Beschluss-{i:02}"), "outcome": "adopted", "text": "Einstimmig."}),
            )
            .await;
    }
}

/// A process of the archive (an admin creates it; the demo process stays the current one).
const ARCHIVED: &str = "Digitalstrategie 2025 (Archiv)";

async fn archived_process(base: &str, db: &std::path::Path) {
    create_staff(db, "admin", "leitung", "ein langes Admin-Passwort");
    let admin = StaffClient::sign_in(base, "leitung", "ein langes Admin-Passwort").await;
    let now = werkstadt_tests::now_ms();
    admin
        .send(
            reqwest::Method::POST,
            "/api/admin/processes",
            serde_json::json!({"title": ARCHIVED, "moderation": "post",
                "starts_at": now - 400 * 86_400_000_i64, "ends_at": now - 30 * 86_400_000_i64}),
        )
        .await;
}

const HEADINGS: [&str; 7] = [
    "Bericht an den Digitalisierungsausschuss",
    "Prozess und Methode",
    "Beteiligung",
    "Handlungsfelder nach Punkten",
    "Top-Ideen mit offizieller Antwort",
    "Bewertungsmatrizen",
    "Projekte",
];

#[tokio::test]
async fn the_committee_report_renders_every_section_and_prints_to_clean_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    projects(&server.url).await;
    archived_process(&server.url, &db).await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/moderation").await;
    page.wait_text("Anmeldung für das Team").await;
    page.fill("#login-name", MODERATOR.0).await;
    page.fill("#login-password", MODERATOR.1).await;
    page.click_text("Anmelden").await;
    page.wait_text("Ideen moderieren").await;
    page.goto("/moderation/ergebnisse").await;
    page.wait_text("Bericht an ein Gremium").await;
    page.click_text("Bericht erstellen").await;
    page.wait_text("Beschluss-28").await;
    let text = page.body_text().await;
    for h in HEADINGS {
        assert!(text.contains(h), "the report has {h}");
    }
    let h2 = page
        .eval("return [...document.querySelectorAll('.report h2')].map((h) => h.textContent)")
        .await;
    assert_eq!(h2.as_array().map(Vec::len), Some(6), "{h2}");
    assert_eq!(
        page.eval("return document.querySelectorAll('.report figure svg rect').length > 0")
            .await,
        true
    );
    page.assert_accessible_in_both_languages(
        "Bericht an den Digitalisierungsausschuss",
        "Process and method",
        Some("Prozess und Methode"),
    )
    .await;

    let pages = print_pdf(&page, dir.path()).await;
    assert!(pages.len() >= 4, "{} pages", pages.len());
    let all = pages.join("\n");
    for h in HEADINGS {
        assert!(all.contains(h), "the PDF has {h}");
    }
    for nav in [
        "Ideen moderieren",
        "Abmelden",
        "Drucken / als PDF speichern",
    ] {
        assert!(
            !all.contains(nav),
            "no app chrome in print: {nav}\n{}",
            pages[0]
        );
    }
    assert!(pages[0].contains("Seite 1 /"), "page numbers: {}", pages[0]);
    let on_page = |marker: &str| {
        let hits: Vec<usize> = (0..pages.len())
            .filter(|&i| pages[i].contains(marker))
            .collect();
        assert_eq!(hits.len(), 1, "{marker} on exactly one page: {hits:?}");
        hits[0]
    };
    let mut spread = std::collections::BTreeSet::new();
    for i in 1..=PROJECTS {
        let first = on_page(&format!("Projekt-{i:02}"));
        assert_eq!(
            first,
            on_page(&format!("Beschluss-{i:02}")),
            "row {i} is cut"
        );
        spread.insert(first);
    }
    assert!(
        spread.len() >= 2,
        "the project table runs over a page break"
    );

    // The same for the Verwaltungsvorstand.
    page.choose("#bericht-gremium", "Bericht an den Verwaltungsvorstand")
        .await;
    page.click_text("Bericht anzeigen").await;
    eventually("the report to the Verwaltungsvorstand", || async {
        (page.text_of(".report h1").await == "Bericht an den Verwaltungsvorstand").then_some(())
    })
    .await;

    // A process of the archive: its own figures, none of the current process's projects.
    page.find("#bericht-prozess option").await;
    let current = page
        .eval("return document.querySelector('#bericht-prozess').selectedOptions[0].textContent")
        .await;
    assert_eq!(current, "Smart City Strategie Bielefeld (aktuell)");
    page.choose("#bericht-prozess", ARCHIVED).await;
    page.click_text("Bericht anzeigen").await;
    eventually("the report on the archived process", || async {
        let text = page.text_of(".report").await;
        (text.contains(ARCHIVED) && !text.contains("Beschluss-01")).then_some(())
    })
    .await;
    page.assert_accessible("Bericht über einen Prozess des Archivs")
        .await;
}

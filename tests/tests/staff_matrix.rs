//! The staff app's *Ergebnisse* section in a real browser (issue 14): the demo moderator creates
//! the concept paper's Tabelle 1 (four options, seven criteria, scale 0–4) and invites two
//! DigitalSupporters (accounts made with `werkstadt admin create-user --role expert`). The
//! first signs in, lands on *Ergebnisse* with nothing else in the navigation, and scores
//! Tabelle 1's numbers; the second scores every cell one point lower. The moderator closes and
//! publishes the matrix: the result table shows the means, spreads, totals and ranks, and
//! `GET /api/processes/{id}/matrices` has them. The moderator's open matrix shows a saved sheet
//! without a reload. A closed matrix's sheet is read only. The open data links download CSV
//! with a byte order mark, the matrix results among them. Ideas and projects of the process
//! become options by picking them from a list. axe-core in German and English.

use werkstadt_tests::{
    create_staff, eventually, get_json, Browser, Page, Server, StaffClient, Viewport,
};

const MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");
const EXPERTS: [(&str, &str); 2] = [
    ("expertin.a", "expertin.a hat ein langes Passwort"),
    ("experte.b", "experte.b hat ein langes Passwort"),
];
const TITLE: &str = "Bewertungsmatrix Rechtsform";
const OPTIONS: [&str; 4] = [
    "Eigenständige juristische Person",
    "Öffentlich-rechtliche Organisationsform",
    "Organisationseinheit der Stadt",
    "Organisationseinheit als Teil eines dritten Trägers",
];
/// Tabelle 1 by row: criterion and the points of the four options (totals 26 / 22 / 17 / 18).
const TABELLE_1: [(&str, [u8; 4]); 7] = [
    ("Unabhängigkeit", [4, 3, 2, 2]),
    ("Außenwirkung", [4, 4, 2, 2]),
    ("Akzeptanz in der Stadtgesellschaft", [4, 3, 3, 2]),
    ("Durchsetzungsfähigkeit", [3, 3, 3, 2]),
    ("Leistungsfähigkeit", [4, 3, 3, 4]),
    ("Flexibilität", [3, 3, 2, 3]),
    ("Attraktivität der Arbeitsplätze", [4, 3, 2, 3]),
];

async fn sign_in(page: &Page<'_>, (name, password): (&str, &str)) {
    page.goto("/moderation").await;
    page.wait_text("Anmeldung für das Team").await;
    page.fill("#login-name", name).await;
    page.fill("#login-password", password).await;
    page.click_text("Anmelden").await;
}

/// The texts of the cells matching `css`, once there are `n` of them.
async fn texts(page: &Page<'_>, css: &str, n: usize) -> Vec<String> {
    let js = format!("return [...document.querySelectorAll({css:?})].map((c) => c.textContent)");
    eventually(&format!("{n} cells {css}"), || async {
        let v: Vec<String> = serde_json::from_value(page.eval(&js).await).ok()?;
        (v.len() == n).then_some(v)
    })
    .await
}

/// An expert signs in, lands on the results with nothing else to open, and scores Tabelle 1
/// lowered by `minus` (never below 0), with a note on the first cell.
async fn expert_scores(page: &Page<'_>, who: (&str, &str), minus: u8) {
    sign_in(page, who).await;
    page.wait_text("Zu bewerten").await;
    eventually("the address of the results", || async {
        (page.path().await == "/moderation/ergebnisse").then_some(())
    })
    .await;
    let nav = page
        .eval("return [...document.querySelectorAll('nav a')].map((a) => a.getAttribute('href'))")
        .await;
    assert_eq!(nav, serde_json::json!(["/moderation/ergebnisse"]));
    page.click(&format!("button[aria-label='Bewerten: {TITLE}']"))
        .await;
    page.wait_text(&format!("Bewertungsbogen: {TITLE}")).await;
    page.wait_text("4: Kriterium voll erfüllt").await;
    // Every cell's control is named by its criterion and option.
    page.find(&format!(
        "select[aria-label='Unabhängigkeit – {}']",
        OPTIONS[0]
    ))
    .await;
    for (c, (_, points)) in TABELLE_1.iter().enumerate() {
        for (o, p) in points.iter().enumerate() {
            page.choose(
                &format!("#wert-{c}-{o}"),
                &p.saturating_sub(minus).to_string(),
            )
            .await;
        }
    }
    page.fill("#notiz-0-0", "Unabhängig von Einzelinteressen")
        .await;
    page.click_text("Bewertung speichern").await;
    page.wait_text("Bewertung gespeichert.").await;
}

#[tokio::test]
async fn two_experts_score_tabelle_1_and_the_moderator_publishes_the_result() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    for (name, password) in EXPERTS {
        create_staff(&db, "expert", name, password);
    }

    // The moderator creates Tabelle 1.
    let desk = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&desk, &server.url);
    sign_in(&page, MODERATOR).await;
    page.wait_text("Ideen moderieren").await;
    page.click("a[href='/moderation/ergebnisse']").await;
    page.wait_text("Noch keine Bewertungsmatrizen.").await;
    page.wait_text("Datensätze des aktuellen Prozesses").await;
    page.assert_accessible_in_both_languages(
        "Ergebnisse (Liste)",
        "Evaluation matrices",
        Some("Bewertungsmatrizen"),
    )
    .await;

    page.click_text("Neue Bewertungsmatrix anlegen").await;
    page.wait_text("Neue Bewertungsmatrix").await;
    page.fill("#matrix-titel", TITLE).await;
    page.fill("#matrix-beschreibung", "Tabelle 1 des Konzeptpapiers")
        .await;
    let skala = page
        .eval("return document.querySelector('#matrix-skala-texte').value")
        .await;
    assert_eq!(
        skala.as_str().and_then(|s| s.lines().last()),
        Some("Kriterium voll erfüllt")
    );
    for _ in 2..OPTIONS.len() {
        page.click_text("Option hinzufügen").await;
    }
    for _ in 2..TABELLE_1.len() {
        page.click_text("Kriterium hinzufügen").await;
    }
    for (i, title) in OPTIONS.iter().enumerate() {
        let entry = format!(".matrix-options > fieldset:nth-of-type({})", i + 1);
        page.fill(&format!("{entry} input"), title).await;
    }
    page.fill(
        ".matrix-options > fieldset:nth-of-type(1) textarea",
        "Sichtbar\nUnabhängig",
    )
    .await;
    for (i, (title, _)) in TABELLE_1.iter().enumerate() {
        let entry = format!(".matrix-criteria > fieldset:nth-of-type({})", i + 1);
        page.fill(&format!("{entry} input[type=text]"), title).await;
    }
    page.assert_accessible_in_both_languages(
        "Ergebnisse (neue Matrix)",
        "New evaluation matrix",
        Some("Neue Bewertungsmatrix"),
    )
    .await;
    page.click(".matrix-form button[type=submit]").await;
    page.wait_text("Matrix angelegt.").await;
    page.wait_text("Diese Matrix ist offen.").await;

    // Two DigitalSupporters invited.
    for (name, _) in EXPERTS {
        page.choose("#matrix-experte", name).await;
        page.click_text("Einladen").await;
        page.wait_text(&format!("{name}: 0 Zellen bewertet")).await;
    }

    // The experts score, each on their own sheet.
    let experts = Browser::start(Viewport::Desktop).await;
    let expert = Page::new(&experts, &server.url);
    expert_scores(&expert, EXPERTS[0], 0).await;
    // The moderator's open matrix follows without a reload.
    page.wait_text("expertin.a: 28 Zellen bewertet").await;
    page.wait_text("Mittelwerte aus 1 Bewertungsbögen").await;
    expert
        .assert_accessible_in_both_languages(
            "Ergebnisse (Bewertungsbogen)",
            "Score sheet",
            Some("Bewertungsbogen"),
        )
        .await;
    // Another section's address brings a DigitalSupporter back to the results.
    expert.goto("/moderation/projekte").await;
    expert.wait_text("Zu bewerten").await;
    eventually("the address of the results", || async {
        (expert.path().await == "/moderation/ergebnisse").then_some(())
    })
    .await;
    expert.click_text("Abmelden").await;
    expert_scores(&expert, EXPERTS[1], 1).await;

    // The moderator closes and publishes.
    page.click_text("Bewertung schließen").await;
    page.wait_text("Diese Matrix ist geschlossen.").await;
    page.wait_text("expertin.a: 28 Zellen bewertet").await;
    page.click_text("Veröffentlichen").await;
    page.wait_text("Veröffentlicht: das Ergebnis").await;
    page.wait_text("Mittelwerte aus 2 Bewertungsbögen").await;
    // Option 1: (26 + 19) / 2; option 2: (22 + 15) / 2; option 3: (17 + 10) / 2; option 4:
    // (18 + 11) / 2. Weights are 1: the weighted totals are the same.
    let totals = ["22,5", "18,5", "13,5", "14,5"];
    assert_eq!(
        texts(&page, ".matrix-result .matrix-total", 4).await,
        totals
    );
    assert_eq!(
        texts(&page, ".matrix-result .matrix-weighted", 4).await,
        totals
    );
    assert_eq!(
        texts(&page, ".matrix-result .matrix-rank", 4).await,
        ["1", "2", "4", "3"]
    );
    assert_eq!(
        texts(&page, ".matrix-result tbody tr:first-child td", 4).await,
        ["3,5 (3–4)", "2,5 (2–3)", "1,5 (1–2)", "1,5 (1–2)"]
    );
    page.wait_text("Vorteile").await;
    page.assert_accessible_in_both_languages(
        "Ergebnisse (Matrix)",
        "Weighted total",
        Some("Vor- und Nachteile"),
    )
    .await;

    // The sheet of a published matrix is read only.
    expert.goto("/moderation").await;
    expert
        .click(&format!("button[aria-label='Ansehen: {TITLE}']"))
        .await;
    expert
        .wait_text("Diese Matrix ist geschlossen: Bewertungen können nicht mehr geändert werden.")
        .await;
    assert_eq!(
        expert
            .eval("return document.querySelector('#wert-0-0').disabled")
            .await,
        true
    );
    assert_eq!(
        expert
            .eval("return document.querySelector('#notiz-0-0').value")
            .await,
        "Unabhängig von Einzelinteressen"
    );

    // The public answer has the result, without names.
    let process = get_json(&format!("{}/api/process", server.url)).await;
    let id = process["process"]["id"].as_str().expect("process id");
    let public = get_json(&format!("{}/api/processes/{id}/matrices", server.url)).await;
    assert_eq!(public[0]["title"], TITLE, "{public}");
    let totals: Vec<f64> = public[0]["result"]["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["total"].as_f64().expect("total"))
        .collect();
    assert_eq!(totals, [22.5, 18.5, 13.5, 14.5]);
    let ranks: Vec<u64> = public[0]["result"]["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["rank"].as_u64().expect("rank"))
        .collect();
    assert_eq!(ranks, [1, 2, 4, 3]);
    assert_eq!(public[0]["result"]["sheets"], 2);
    let text = public.to_string();
    assert!(!text.contains("expertin.a") && !text.contains("experte.b"));

    // The open data links: CSV (with a byte order mark), CSV for German Excel, JSON.
    let links = page
        .eval("return [...document.querySelectorAll('.exports a[download]')].map((a) => a.getAttribute('href'))")
        .await;
    let links: Vec<String> = serde_json::from_value(links).expect("links");
    assert_eq!(links.len(), 18, "{links:?}");
    let ideas_excel = links
        .iter()
        .find(|l| l.starts_with("/api/export/ideas.csv") && l.contains("sep=semicolon"))
        .expect("ideas for Excel");
    let body = reqwest::get(format!("{}{ideas_excel}", server.url))
        .await
        .expect("export")
        .bytes()
        .await
        .expect("body");
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    let header = String::from_utf8_lossy(&body[3..])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(header.contains(';'), "{header}");
    assert!(links
        .iter()
        .any(|l| l.starts_with("/api/export/votes.json")));
    let matrices = links
        .iter()
        .find(|l| l.starts_with("/api/export/matrices.json"))
        .expect("the matrix results");
    let export = get_json(&format!("{}{matrices}", server.url)).await;
    assert_eq!(
        export["rows"].as_array().map(Vec::len),
        Some(28),
        "{export}"
    );
    assert_eq!(export["rows"][0]["matrix"], TITLE);

    // Citizens see the published matrix on the results page, ranked, without names.
    let phone = Browser::start(Viewport::Phone).await;
    let citizen = Page::new(&phone, &server.url);
    citizen.goto("/ergebnisse").await;
    citizen.wait_text("Bewertung durch Fachleute").await;
    citizen.wait_text(TITLE).await;
    assert_eq!(
        texts(&citizen, ".matrix-result .matrix-total", 4).await,
        ["22,5", "18,5", "14,5", "13,5"]
    );
    assert_eq!(
        texts(&citizen, ".matrix-result .matrix-rank", 4).await,
        ["1", "2", "3", "4"]
    );
    assert!(!citizen.body_text().await.contains("expertin.a"));
    citizen
        .assert_accessible_in_both_languages(
            "Ergebnisse mit Bewertung",
            "Assessment by experts",
            None,
        )
        .await;
}

const PROJECT: &str = "Digitales Bürgeramt: Termine und Antragsstatus online";
const IDEA: &str = "Bürgeramt-Termine per App buchen";

/// The values of the option title fields, once there are `n`.
async fn option_titles(page: &Page<'_>, n: usize) -> Vec<String> {
    let js = "return [...document.querySelectorAll('.matrix-options > fieldset input[type=text]')]\
              .map((i) => i.value)";
    eventually(&format!("{n} options"), || async {
        let v: Vec<String> = serde_json::from_value(page.eval(js).await).ok()?;
        (v.len() == n).then_some(v)
    })
    .await
}

#[tokio::test]
async fn ideas_and_projects_of_the_process_become_options_from_a_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let desk = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&desk, &server.url);
    sign_in(&page, MODERATOR).await;
    page.wait_text("Ideen moderieren").await;
    page.click("a[href='/moderation/ergebnisse']").await;
    page.click_text("Neue Bewertungsmatrix anlegen").await;
    page.wait_text("Ideen und Projekte des Prozesses als Optionen")
        .await;
    // The two empty free-text options go; the demo project and one of its ideas come in.
    page.click_text("Option 1 entfernen").await;
    page.click_text("Option 1 entfernen").await;
    option_titles(&page, 0).await;
    page.fill("#matrix-quelle-filter", "bürgeramt").await;
    page.choose("#matrix-quelle", PROJECT).await;
    page.click_text("Als Option hinzufügen").await;
    page.wait_text(&format!("Option hinzugefügt: {PROJECT}"))
        .await;
    page.choose("#matrix-quelle", IDEA).await;
    page.click_text("Als Option hinzufügen").await;
    assert_eq!(option_titles(&page, 2).await, [PROJECT, IDEA]);
    page.wait_text("Steht für ein Projekt des Prozesses.").await;
    page.wait_text("Steht für eine Idee des Prozesses.").await;
    // What is an option already is not offered again.
    let offered = page
        .eval("return [...document.querySelectorAll('#matrix-quelle option')].map((o) => o.textContent)")
        .await;
    let offered: Vec<String> = serde_json::from_value(offered).expect("labels");
    assert!(
        !offered.iter().any(|o| o == PROJECT || o == IDEA),
        "{offered:?}"
    );
    page.fill("#matrix-titel", "Bürgeramt digital").await;
    for (i, title) in ["Nutzen", "Aufwand"].iter().enumerate() {
        let entry = format!(".matrix-criteria > fieldset:nth-of-type({})", i + 1);
        page.fill(&format!("{entry} input[type=text]"), title).await;
    }
    page.assert_accessible_in_both_languages(
        "Ergebnisse (Optionen aus dem Prozess)",
        "Ideas and projects of the process as options",
        Some("Ideen und Projekte des Prozesses als Optionen"),
    )
    .await;
    page.click(".matrix-form button[type=submit]").await;
    page.wait_text("Matrix angelegt.").await;

    // The matrix's options stand for the project and the idea.
    let staff = StaffClient::sign_in(&server.url, MODERATOR.0, MODERATOR.1).await;
    let process = get_json(&format!("{}/api/process", server.url)).await;
    let id = process["process"]["id"].as_str().expect("process id");
    let list = staff
        .send(
            reqwest::Method::GET,
            &format!("/api/moderation/processes/{id}/matrices"),
            serde_json::Value::Null,
        )
        .await;
    let options = &list[0]["options"];
    assert_eq!(options[0]["title"], PROJECT, "{list}");
    assert!(options[0]["source"]["project"].is_string(), "{list}");
    assert_eq!(options[1]["title"], IDEA, "{list}");
    assert!(options[1]["source"]["idea"].is_string(), "{list}");
}

//! The staff app's *Projekte* section in a real browser (issue 13): the demo moderator (not an
//! admin) signs in, sees the demo project, creates a project from two published ideas, adds
//! two milestones and marks one done, records a committee decision, posts an update and
//! changes the status. The page shows it and `GET /api/projects/{id}` has it. Bad input (a milestone due before the
//! project's start, a link that is not http(s)) shows the section's error text and writes
//! nothing. axe-core on the section in both languages.

use werkstadt_tests::{date_input, eventually, get_json, Browser, Page, Server, Viewport};

const MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");
const TITLE: &str = "Echtzeit-Mobilität rund um den Hauptbahnhof";
const IDEAS: [&str; 2] = [
    "Echtzeit-Anzeige an allen Haltestellen",
    "Sichere Fahrradabstellanlagen am Hauptbahnhof",
];

/// Ticks the source idea titled `title` (after filtering the list by `filter`).
async fn choose_idea(page: &Page<'_>, filter: &str, title: &str) {
    page.fill("#projekt-ideen-filter", filter).await;
    let js = format!(
        "const l = [...document.querySelectorAll('.idea-choices label')]
             .find((l) => l.textContent.includes({title:?}));
         if (!l) return false;
         const box = l.querySelector('input');
         if (!box.checked) box.click();
         return box.checked;"
    );
    eventually(&format!("the idea {title:?} ticked"), || async {
        (page.eval(&js).await == true).then_some(())
    })
    .await;
}

async fn project_by_title(base: &str, title: &str) -> serde_json::Value {
    let all = get_json(&format!("{base}/api/projects")).await;
    all.as_array()
        .expect("projects")
        .iter()
        .find(|p| p["title"] == title)
        .cloned()
        .unwrap_or_else(|| panic!("no project {title:?} in {all}"))
}

#[tokio::test]
async fn a_moderator_turns_two_ideas_into_a_project_with_milestones_a_decision_and_an_update() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);

    let desk = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&desk, &server.url);
    page.goto("/moderation").await;
    page.wait_text("Anmeldung für das Team").await;
    page.fill("#login-name", MODERATOR.0).await;
    page.fill("#login-password", MODERATOR.1).await;
    page.click_text("Anmelden").await;
    page.wait_text("Ideen moderieren").await;

    // A moderator (not only admins) has the section; the demo project is listed.
    page.click("a[href='/moderation/projekte']").await;
    page.wait_text("Projekte im aktuellen Prozess").await;
    page.wait_text("Digitales Bürgeramt: Termine und Antragsstatus online")
        .await;
    page.wait_text("1 von 2").await;
    page.assert_accessible_in_both_languages(
        "Projekte (Liste)",
        "Projects in the current process",
        Some("Projekte im aktuellen Prozess"),
    )
    .await;

    // A new project from two published ideas.
    page.click_text("Neues Projekt anlegen").await;
    page.wait_text("Neues Projekt").await;
    page.fill("#projekt-titel", TITLE).await;
    page.fill(
        "#projekt-beschreibung",
        "Echtzeit-Anzeigen an den Haltestellen und sichere Radboxen am Hauptbahnhof.",
    )
    .await;
    page.choose("#projekt-feld", "Mobilität").await;
    page.fill("#projekt-verantwortlich", "Stadtwerke Bielefeld")
        .await;
    page.fill("#projekt-eigenmittel", "50000").await;
    page.fill("#projekt-programm", "Modellprojekte Smart Cities")
        .await;
    page.fill("#projekt-foerdersumme", "150.000,50").await;
    page.choose("#projekt-stand", "in Umsetzung").await;
    page.set_value("#projekt-beginn", &date_input(0)).await;
    choose_idea(&page, "Haltestellen", IDEAS[0]).await;
    choose_idea(&page, "Fahrrad", IDEAS[1]).await;
    page.wait_text("2 ausgewählt").await;
    page.click(".project-form button[type=submit]").await;
    page.wait_text("Projekt angelegt.").await;
    page.wait_text(&format!("Projekt: {TITLE}")).await;

    // Two milestones; the first marked done.
    for (title, due) in [
        ("Anzeigen ausschreiben", 30),
        ("Erste Anzeigen in Betrieb", 120),
    ] {
        page.fill("#meilenstein-titel", title).await;
        page.set_value("#meilenstein-faellig", &date_input(due))
            .await;
        page.click("section[aria-labelledby=projekt-meilensteine] button[type=submit]")
            .await;
        page.wait_text(title).await;
        page.wait_text("Meilenstein hinzugefügt.").await;
    }
    page.click("button[aria-label='Als erledigt markieren: Anzeigen ausschreiben']")
        .await;
    page.wait_text("erledigt am").await;
    page.wait_text("1 von 2").await;

    // Bad input: a milestone due before the project's start.
    page.fill("#meilenstein-titel", "Zu früh").await;
    page.set_value("#meilenstein-faellig", &date_input(-10))
        .await;
    page.click("section[aria-labelledby=projekt-meilensteine] button[type=submit]")
        .await;
    page.wait_text("Ein Meilenstein darf nicht vor dem Beginn des Projekts fällig sein.")
        .await;

    // A committee decision; first with a link that is not http(s).
    page.choose("#beschluss-gremium", "Digitalisierungsausschuss")
        .await;
    page.set_value("#beschluss-datum", &date_input(-1)).await;
    page.fill("#beschluss-aktenzeichen", "Drucksache 2345/2026")
        .await;
    page.choose("#beschluss-ergebnis", "beschlossen").await;
    page.fill("#beschluss-link", "ftp://example.org/drucksache")
        .await;
    page.fill("#beschluss-text", "Der Ausschuss stimmt dem Projekt zu.")
        .await;
    page.click("section[aria-labelledby=projekt-beschluesse] button[type=submit]")
        .await;
    page.wait_text("Der Link muss mit https:// oder http:// beginnen")
        .await;
    page.fill("#beschluss-link", "https://example.org/drucksache-2345")
        .await;
    page.click("section[aria-labelledby=projekt-beschluesse] button[type=submit]")
        .await;
    page.wait_text("Beschluss eingetragen.").await;
    page.wait_text("Az. Drucksache 2345/2026").await;

    // An update.
    page.fill(
        "#neuigkeit-text",
        "Die Ausschreibung der Anzeigen ist veröffentlicht.",
    )
    .await;
    page.click("section[aria-labelledby=projekt-neuigkeiten] button[type=submit]")
        .await;
    page.wait_text("Neuigkeit veröffentlicht.").await;
    page.wait_text("Die Ausschreibung der Anzeigen ist veröffentlicht.")
        .await;
    page.assert_accessible_in_both_languages(
        "Projekte (Projekt)",
        "Committee decisions",
        Some("Projekte im aktuellen Prozess"),
    )
    .await;

    // Editing: the status changes (dated in the project's history).
    page.choose("#projekt-stand", "pausiert").await;
    page.click(".project-form button[type=submit]").await;
    page.wait_text("Gespeichert.").await;
    eventually("the list shows the new status", || async {
        let row = page
            .eval(&format!(
                "return [...document.querySelectorAll('tr.project-row')]
                     .find((r) => r.textContent.includes({TITLE:?}))?.textContent ?? ''"
            ))
            .await;
        row.as_str()
            .is_some_and(|r| r.contains("pausiert") && r.contains("1 von 2"))
            .then_some(())
    })
    .await;

    // What the server has: two source ideas, two milestones (one done), one decision, one
    // update; the bad inputs wrote nothing.
    let listed = project_by_title(&server.url, TITLE).await;
    let id = listed["id"].as_str().expect("id");
    let p = get_json(&format!("{}/api/projects/{id}", server.url)).await;
    let mut titles = Vec::new();
    for idea in p["source_ideas"].as_array().expect("source ideas") {
        let detail = get_json(&format!(
            "{}/api/ideas/{}",
            server.url,
            idea.as_str().expect("id")
        ))
        .await;
        titles.push(detail["title"].as_str().expect("title").to_owned());
    }
    assert_eq!(titles, IDEAS, "{p}");
    let milestones = p["milestones"].as_array().expect("milestones");
    assert_eq!(milestones.len(), 2, "{p}");
    let done: Vec<&serde_json::Value> = milestones
        .iter()
        .filter(|m| !m["done_on"].is_null())
        .collect();
    assert_eq!(done.len(), 1, "{p}");
    assert_eq!(done[0]["title"], "Anzeigen ausschreiben");
    let decisions = p["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 1, "{p}");
    assert_eq!(decisions[0]["body"], "digitalisierungsausschuss");
    assert_eq!(decisions[0]["outcome"], "adopted");
    assert_eq!(decisions[0]["link"], "https://example.org/drucksache-2345");
    assert_eq!(p["updates"].as_array().expect("updates").len(), 1, "{p}");
    assert_eq!(p["status"], "paused");
    let history: Vec<&str> = p["status_changes"]
        .as_array()
        .expect("status changes")
        .iter()
        .map(|c| c["status"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(history, ["in_progress", "paused"]);
    assert_eq!(p["responsible"], "Stadtwerke Bielefeld");
    assert_eq!(p["funding"]["own_budget_cents"], 5_000_000);
    assert_eq!(p["funding"]["programme_cents"], 15_000_050);
    assert_eq!(p["funding"]["programme"], "Modellprojekte Smart Cities");

    // A project recorded by mistake is deleted, after a confirmation.
    page.click_text("Projekt löschen …").await;
    page.wait_text("Wirklich löschen?").await;
    page.click_text("Endgültig löschen").await;
    page.wait_text("Projekt gelöscht.").await;
    let gone = reqwest::get(format!("{}/api/projects/{id}", server.url))
        .await
        .expect("get");
    assert_eq!(gone.status(), 404);
    let idea = get_json(&format!(
        "{}/api/ideas/{}",
        server.url,
        p["source_ideas"][0].as_str().expect("id")
    ))
    .await;
    assert!(
        idea["project_id"].is_null(),
        "its idea no longer names it: {idea}"
    );

    // A committee decision on an idea itself.
    page.click_text("Beschluss zu einer Idee eintragen").await;
    page.wait_text("Für Beschlüsse, die eine Idee selbst betreffen")
        .await;
    page.choose("#beschluss-idee", IDEAS[0]).await;
    let idea_id = page
        .eval("return document.querySelector('#beschluss-idee').value")
        .await
        .as_str()
        .expect("idea id")
        .to_owned();
    page.wait_text("Noch keine Beschlüsse.").await;
    page.choose("#beschluss-gremium", "Rat").await;
    page.set_value("#beschluss-datum", &date_input(-2)).await;
    page.choose("#beschluss-ergebnis", "zur Kenntnis genommen")
        .await;
    page.click("section[aria-labelledby=projekt-beschluesse] button[type=submit]")
        .await;
    page.wait_text("Beschluss eingetragen.").await;
    page.wait_text("zur Kenntnis genommen").await;
    page.assert_accessible("Projekte (Beschluss zu einer Idee)")
        .await;
    let on_idea = get_json(&format!("{}/api/ideas/{idea_id}/decisions", server.url)).await;
    assert_eq!(on_idea.as_array().map(Vec::len), Some(1), "{on_idea}");
    assert_eq!(on_idea[0]["body"], "rat");
    assert_eq!(on_idea[0]["outcome"], "noted");
}

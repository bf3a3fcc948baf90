//! Citizens own their data, in a real browser: a participant downloads everything stored
//! about them as a file, then deletes their identity; the results page and another
//! participant's open replica follow, published ideas stay without an author, and the device
//! starts over with a new identity.

use std::time::Duration;
use werkstadt_tests::{eventually, get_json, Browser, Page, Server, Viewport};

async fn identity(page: &Page<'_>) -> (String, String) {
    let id = page
        .eval("return localStorage.getItem('werkstadt.participant.id')")
        .await;
    let secret = page
        .eval("return localStorage.getItem('werkstadt.participant.secret')")
        .await;
    (
        id.as_str().expect("an identity").to_owned(),
        secret.as_str().expect("a secret").to_owned(),
    )
}

async fn export_of(base: &str, (id, secret): &(String, String)) -> serde_json::Value {
    reqwest::Client::new()
        .get(format!("{base}/api/me/data"))
        .header("x-participant-id", id)
        .header("x-participant-secret", secret)
        .send()
        .await
        .expect("export")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn a_citizen_downloads_and_then_deletes_their_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let anna_browser = Browser::start(Viewport::Phone).await;
    let anna = Page::new(&anna_browser, &server.url);
    let ben_browser = Browser::start(Viewport::Desktop).await;
    let ben = Page::new(&ben_browser, &server.url);

    // Anna supports a demo idea and submits one of her own.
    anna.goto("/").await;
    anna.click_text("Bildung").await;
    anna.wait_text("WLAN in allen Schulen").await;
    let theme = anna.path().await.trim_start_matches("/themen/").to_owned();
    anna.click_text("WLAN in allen Schulen").await;
    anna.wait_text("0 Unterstützungen").await;
    let wlan_path = anna.path().await;
    anna.click(".support-button").await;
    anna.wait_text("1 Unterstützung").await;
    anna.goto(&format!("/neu?thema={theme}")).await;
    anna.choose("#idee-thema", "Bildung").await;
    anna.fill("#idee-titel", "Lesecafé mit digitaler Sprechstunde")
        .await;
    anna.fill("#idee-text", "Hilfe mit dem Smartphone, jeden Dienstag.")
        .await;
    anna.click_text("Idee absenden").await;
    anna.wait_text("0 Unterstützungen").await;
    let own_path = anna.path().await;
    let before = identity(&anna).await;
    eventually("Anna's support reaches the server", || async {
        let idea = get_json(&format!(
            "{}/api/ideas/{}",
            server.url,
            wlan_path.trim_start_matches("/ideen/")
        ))
        .await;
        (idea["support_count"] == 1).then_some(())
    })
    .await;

    // Ben has the same idea open: his replica shows Anna's support.
    ben.goto(&wlan_path).await;
    ben.wait_text("1 Unterstützung").await;

    // The download: a JSON file with everything, and who sees what.
    anna.click_text("Meine Daten").await;
    anna.wait_text("Daten herunterladen").await;
    assert_eq!(anna.path().await, "/meine-daten");
    anna.assert_accessible("Meine Daten").await;
    anna.click_text("Daten herunterladen").await;
    anna.wait_text("Die Datei wurde heruntergeladen.").await;
    let file = anna_browser.downloads().join("werkstadt-meine-daten.json");
    let text = eventually("the file is saved", || async {
        std::fs::read_to_string(&file)
            .ok()
            .filter(|t| t.ends_with('}'))
    })
    .await;
    let data: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(data["participant"]["id"], before.0.as_str());
    assert_eq!(
        data["ideas"][0]["idea"]["title"],
        "Lesecafé mit digitaler Sprechstunde"
    );
    assert_eq!(data["ideas"][0]["visibility"], "public");
    assert_eq!(data["supports"][0]["visibility"], "count_only");
    assert!(data["supports"][0]["idea_title"]
        .as_str()
        .is_some_and(|t| t.starts_with("WLAN in allen Schulen")));

    // The privacy page: static, both languages, accessible; no page loads anything from
    // another origin.
    anna.click_text("Datenschutz").await;
    anna.wait_text("Ohne Namen, ohne Konto").await;
    anna.wait_text("Privacy (English)").await;
    anna.assert_accessible("Datenschutz").await;
    let foreign = |urls: Vec<String>| -> Vec<String> {
        urls.into_iter()
            .filter(|u| !u.starts_with(&server.url))
            .collect()
    };
    assert_eq!(
        foreign(anna.resources().await),
        Vec::<String>::new(),
        "third-party requests"
    );
    anna.goto("/meine-daten").await;
    assert_eq!(
        foreign(anna.resources().await),
        Vec::<String>::new(),
        "third-party requests"
    );

    // Deleting asks once more, then starts over under a new identity.
    anna.click_text("Meine Daten löschen").await;
    anna.wait_text("Wirklich alles endgültig löschen?").await;
    anna.assert_accessible("Löschen bestätigen").await;
    anna.click_text("Endgültig löschen").await;
    anna.wait_text("Ihre Daten wurden gelöscht.").await;
    let after = identity(&anna).await;
    assert_ne!(after.0, before.0, "a new identity");
    let gone = export_of(&server.url, &before).await;
    assert!(gone["participant"].is_null(), "{gone}");
    assert_eq!(gone["supports"].as_array().map(Vec::len), Some(0));

    // Ben's open page follows (the change feed), and so does the results page.
    ben.wait_text_within("0 Unterstützungen", Duration::from_secs(20))
        .await;
    ben.goto("/ergebnisse").await;
    ben.wait_text("WLAN in allen Schulen und der Stadtbibliothek – 0 Unterstützungen")
        .await;
    let results = get_json(&format!("{}/api/results", server.url)).await;
    let supports: u64 = results["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .flat_map(|t| t["top_ideas"].as_array().cloned().unwrap_or_default())
        .map(|i| i["support_count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(supports, 0, "Anna's support is no longer counted");
    // Her published idea stays, without her: her new identity does not own it.
    anna.goto(&own_path).await;
    anna.wait_text("Lesecafé mit digitaler Sprechstunde").await;
    let fresh = export_of(&server.url, &after).await;
    assert_eq!(fresh["ideas"].as_array().map(Vec::len), Some(0));
}

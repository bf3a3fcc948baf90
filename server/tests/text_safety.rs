//! Text that misleads and text that runs: direction overrides, invisible titles and line
//! separators are refused with a clear code and change nothing; text is stored in NFC; CSV
//! exports never carry a live spreadsheet formula.

mod common;

use common::staff::admin;
use common::{assert_error, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

async fn submit(
    app: &TestApp,
    who: &Participant,
    theme: &str,
    title: &str,
    body: &str,
) -> (String, reqwest::Response) {
    let id = Uuid::now_v7().to_string();
    let res = who
        .post(
            app,
            "/api/ideas",
            &json!({"id": id, "theme_id": theme, "title": title, "body": body}),
        )
        .await;
    (id, res)
}

#[tokio::test]
async fn misleading_text_is_refused_everywhere_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let theme = app.overview().await.themes[0].id.to_string();
    let citizen = Participant::new();
    let cases = [
        ("Rechnung\u{202E}fdp.exe", "Text", "text_direction"),
        (
            "Gute Idee",
            "Siehe \u{2066}Anhang\u{2069}",
            "text_direction",
        ),
        (&"\u{200B}".repeat(8) as &str, "Text", "text_invisible"),
        (
            "\u{3164}\u{3164}\u{3164}\u{3164}\u{3164}",
            "Text",
            "text_invisible",
        ),
        ("Zeile eins\u{2028}Zeile zwei", "Text", "title_invalid"),
        ("Absatz\u{2029}Absatz", "Text", "title_invalid"),
    ];
    for (title, body, code) in cases {
        let (id, res) = submit(&app, &citizen, &theme, title, body).await;
        assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, code).await;
        assert_error(
            app.get(&format!("/api/ideas/{id}")).await,
            StatusCode::NOT_FOUND,
            "unknown_idea",
        )
        .await;
    }
    // A comment with an override is refused too; a published idea to comment on:
    let (idea, res) = submit(&app, &citizen, &theme, "Sichtbarer Titel", "Text").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = citizen
        .post(
            &app,
            &format!("/api/ideas/{idea}/comments"),
            &json!({"id": Uuid::now_v7(), "body": "Link: \u{202E}gro.elpmaxe"}),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "text_direction").await;
    let comments: Vec<Value> = app.get_json(&format!("/api/ideas/{idea}/comments")).await;
    assert!(comments.is_empty(), "{comments:?}");
    // Reasons for reports likewise (and the same rule holds for staff reasons and answers:
    // they share `Decision::validate`).
    let res = citizen
        .post(
            &app,
            "/api/reports",
            &json!({"id": Uuid::now_v7(), "target": {"idea": idea}, "reason": "\u{200B}\u{200B}"}),
        )
        .await;
    assert!(res.status().is_client_error(), "{}", res.status());
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "text_invisible", "{body}");
}

#[tokio::test]
async fn text_is_stored_in_nfc_so_the_same_word_is_the_same_title() {
    let app = TestApp::spawn().await;
    let theme = app.overview().await.themes[0].id.to_string();
    let citizen = Participant::new();
    let decomposed = "Bu\u{0308}rgeramt digital";
    let (id, res) = submit(
        &app,
        &citizen,
        &theme,
        decomposed,
        "Terminbuchung fu\u{0308}r alle",
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let idea: Value = app.get_json(&format!("/api/ideas/{id}")).await;
    assert_eq!(idea["title"], "Bürgeramt digital");
    assert_eq!(idea["body"], "Terminbuchung für alle");
    // The precomposed word finds the idea typed decomposed (the search index catches up
    // right after the write, off the request's path: poll for it).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let similar: Vec<Value> = app.get_json("/api/ideas/similar?q=B%C3%BCrgeramt").await;
        if similar.iter().any(|i| i["id"] == id.as_str()) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{similar:?}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_formula_in_a_code_label_reaches_the_audit_csv_as_plain_text() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let label = "=HYPERLINK(\"http://example.org\",\"klick\")";
    let res = admin.issue_codes(&app, 1, label).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let csv = app
        .client
        .get(app.url("/api/admin/audit.csv"))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("text");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut seen = false;
    for row in reader.records() {
        let row = row.expect("a CSV row");
        for cell in &row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula: {cell:?}"
            );
        }
        seen |= row.iter().any(|c| c == format!("'{label}"));
    }
    assert!(seen, "the label is in the log, as text: {csv}");
    // A label that misleads is refused.
    let res = admin.issue_codes(&app, 1, "Workshop\u{202E}").await;
    assert_error(res, StatusCode::BAD_REQUEST, "bad_query").await;
}

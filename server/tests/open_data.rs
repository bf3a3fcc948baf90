//! Open data (issue 14) against a real server: every dataset as JSON and CSV parses back to the
//! same data (umlauts, `;` and quotes inside texts, German Excel's `;` variant, a byte order
//! mark); the process's licence goes with it; no public answer carries a participant id or a
//! staff name; other sites may read the public endpoints (GET, never with credentials) and
//! nothing else.

mod common;

use common::matrices::{published_matrix, staff_id, Sheet};
use common::projects::*;
use common::{assert_error, csv_rows, Participant};
use reqwest::{Method, StatusCode};
use serde_json::json;
use werkstadt_domain::export::{Export, IdeaRow, VoteRow};

const TRICKY: &str = "Übergänge; sicher und \"barrierefrei\"";

#[tokio::test]
async fn every_dataset_round_trips_as_json_and_csv_with_the_licence() {
    let (app, admin, themes) = setup().await;
    let citizen = Participant::new();
    let i = idea(&app, &citizen, &themes[0], TRICKY).await;
    let comment = json!({"protocol": 1, "mutations": [{"id": uuid::Uuid::now_v7(),
        "kind": {"add_comment": {"comment_id": uuid::Uuid::now_v7(), "idea_id": i,
                                 "body": "Ja; gern – auch für Ältere"}}}]});
    assert_eq!(
        citizen
            .post(&app, "/api/sync/push", &comment)
            .await
            .status(),
        StatusCode::OK
    );
    let support = json!({"protocol": 1, "mutations": [{"id": uuid::Uuid::now_v7(),
        "kind": {"set_support": {"idea_id": i, "supported": true}}}]});
    Participant::new()
        .post(&app, "/api/sync/push", &support)
        .await;
    let p = create_project(&app, &admin, themes[0].id, &[i]).await;
    let d = json!({"body": "rat", "decided_on": now() - DAY, "reference": "R; 7",
                   "outcome": "adopted", "text": "Beschlossen."});
    let path = format!("/api/moderation/projects/{}/decisions", p.id);
    assert_eq!(
        send(&app, &admin, Method::POST, &path, d).await.status(),
        StatusCode::CREATED
    );

    // JSON: the rows, the process and its licence (the default).
    let ideas: Export<IdeaRow> = app.get_json("/api/export/ideas.json").await;
    assert_eq!(ideas.licence, "dl-de/by-2-0");
    assert_eq!(ideas.rows.len(), 1);
    let row = &ideas.rows[0];
    assert_eq!(
        (row.title.as_str(), row.supports, row.comments),
        (TRICKY, 1, 1)
    );
    assert_eq!(row.project_id, Some(p.id));
    let votes: Export<VoteRow> = app.get_json("/api/export/votes.json").await;
    assert_eq!(votes.rows.len(), 2);
    assert_eq!(votes.rows[0].supports, 1);
    let res = app.get("/api/export/projects.json").await;
    assert_eq!(
        res.headers()["link"],
        "<https://www.govdata.de/dl-de/by-2-0>; rel=\"license\""
    );

    // CSV, both variants: the same texts back, umlauts and separators inside included.
    for (query, sep) in [("", b','), ("?sep=semicolon", b';')] {
        let rows = csv_rows(&app, &format!("/api/export/ideas.csv{query}"), sep).await;
        assert_eq!(rows[0][..4], ["id", "theme_id", "theme", "title"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0], i.to_string());
        assert_eq!(rows[1][3], TRICKY);
        assert_eq!(rows[1][6], "1", "supports");
        let comments = csv_rows(&app, &format!("/api/export/comments.csv{query}"), sep).await;
        assert_eq!(comments[1][3], "Ja; gern – auch für Ältere");
        let decisions = csv_rows(&app, &format!("/api/export/decisions.csv{query}"), sep).await;
        assert_eq!(
            decisions[1][..4],
            [
                "project",
                &p.id.to_string(),
                "Digitale Bürgerdienste",
                "rat"
            ]
        );
        assert_eq!(decisions[1][6], "R; 7");
        let projects = csv_rows(&app, &format!("/api/export/projects.csv{query}"), sep).await;
        assert_eq!(projects[1][9], "50000.00", "own budget in euro");
    }

    // The admins choose another licence; a bad one is refused and changes nothing.
    let process = app.overview().await.process;
    let mut body = json!({"title": process.title, "description": process.description,
        "starts_at": process.starts_at, "ends_at": process.ends_at, "licence": "<b>frei</b>"});
    let admin_path = format!("/api/admin/processes/{}", process.id);
    assert_error(
        send(&app, &admin, Method::PUT, &admin_path, body.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "licence_invalid",
    )
    .await;
    body["licence"] = json!("CC-BY-4.0");
    assert!(send(&app, &admin, Method::PUT, &admin_path, body)
        .await
        .status()
        .is_success());
    let ideas: Export<IdeaRow> = app.get_json("/api/export/ideas.json").await;
    assert_eq!(ideas.licence, "CC-BY-4.0");

    // Unknown datasets and formats, a bad separator, an unknown process.
    for (path, status, code) in [
        (
            "/api/export/participants.csv",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        ("/api/export/ideas.xlsx", StatusCode::NOT_FOUND, "not_found"),
        (
            "/api/export/ideas.csv?sep=tab",
            StatusCode::BAD_REQUEST,
            "bad_query",
        ),
    ] {
        assert_error(app.get(path).await, status, code).await;
    }
    let other = format!("/api/export/ideas.json?process={}", uuid::Uuid::now_v7());
    assert_error(
        app.get(&other).await,
        StatusCode::NOT_FOUND,
        "unknown_process",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn no_public_answer_names_a_participant_or_a_staff_member() {
    let (app, admin, themes) = setup().await;
    let people: Vec<Participant> = (0..3).map(|_| Participant::new()).collect();
    let mut ideas = Vec::new();
    for (n, who) in people.iter().enumerate() {
        ideas.push(idea(&app, who, &themes[n % 2], &format!("Idee Nummer {n}")).await);
        let support = json!({"protocol": 1, "mutations": [{"id": uuid::Uuid::now_v7(),
            "kind": {"set_support": {"idea_id": ideas[0], "supported": true}}}]});
        who.post(&app, "/api/sync/push", &support).await;
    }
    let p = create_project(&app, &admin, themes[0].id, &ideas[..1]).await;
    // A published matrix scored by a DigitalSupporter, with a note naming them.
    let sheet = Sheet {
        expert: "expertin.geheim",
        points: vec![vec![Some(3), Some(1)]],
        note: "Notiz von expertin.geheim",
    };
    published_matrix(
        &app,
        &admin,
        "Rechtsform",
        &["Option A", "Option B"],
        &[("Wirkung", 2)],
        &[sheet],
    )
    .await;
    let process = app.overview().await.process.id;
    let mut paths: Vec<String> = [
        "/api/process",
        "/api/results",
        "/api/processes",
        "/api/projects",
        "/api/openapi.json",
    ]
    .map(str::to_owned)
    .to_vec();
    paths.push(format!("/api/processes/{process}"));
    paths.push(format!("/api/processes/{process}/results"));
    paths.push(format!("/api/processes/{process}/matrices"));
    paths.push(format!("/api/projects/{}", p.id));
    for t in &themes {
        paths.push(format!("/api/themes/{}/ideas", t.id));
    }
    for i in &ideas {
        paths.push(format!("/api/ideas/{i}"));
        paths.push(format!("/api/ideas/{i}/comments"));
        paths.push(format!("/api/ideas/{i}/decisions"));
    }
    for d in [
        "ideas",
        "comments",
        "votes",
        "projects",
        "decisions",
        "matrices",
    ] {
        paths.push(format!("/api/export/{d}.json"));
        paths.push(format!("/api/export/{d}.csv"));
    }
    let secrets: Vec<String> = people
        .iter()
        .map(|p| p.id.to_string())
        .chain([
            "leitung".to_owned(),
            staff_id(&app, "leitung"),
            "expertin.geheim".to_owned(),
            staff_id(&app, "expertin.geheim"),
            "Notiz von".to_owned(),
        ])
        .collect();
    for path in &paths {
        let res = app.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let text = res.text().await.expect("text");
        if path.contains("matrices") {
            assert!(text.contains("Wirkung"), "{path} has the matrix: {text}");
        }
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{path} names {s}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn other_sites_may_read_the_public_endpoints_and_nothing_else() {
    let (app, admin, _themes) = setup().await;
    let origin = "https://opendata.example.org";
    let get = |path: &str| {
        app.client
            .get(app.url(path))
            .header("origin", origin)
            .send()
    };
    for path in ["/api/export/ideas.json", "/api/process", "/api/projects"] {
        let res = get(path).await.expect("get");
        assert_eq!(
            res.headers()["access-control-allow-origin"],
            origin,
            "{path}"
        );
        assert!(
            !res.headers()
                .contains_key("access-control-allow-credentials"),
            "{path}: never with credentials"
        );
    }
    for path in [
        "/api/moderation/queue",
        "/api/admin/audit",
        "/api/me",
        "/api/sync/pull?protocol=1&cursor=0",
    ] {
        let res = get(path).await.expect("get");
        assert!(
            !res.headers().contains_key("access-control-allow-origin"),
            "{path} is not for other sites"
        );
    }
    // The app's own files carry no CORS headers at all: a `Vary: Origin` on them would keep
    // the service worker's cache from matching the page's requests offline.
    let file = get("/moderation.html").await.expect("get");
    let vary = file
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap_or_default().to_lowercase())
        .collect::<Vec<_>>()
        .join(",");
    assert!(!vary.contains("origin"), "vary: {vary}");
    // A write from another site: its preflight is not granted.
    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/api/ideas"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, x-participant-id",
        )
        .send()
        .await
        .expect("preflight");
    let allowed = preflight
        .headers()
        .get("access-control-allow-methods")
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    assert!(!allowed.contains("POST"), "{allowed}");
    assert!(!preflight
        .headers()
        .get("access-control-allow-headers")
        .is_some_and(|h| h.to_str().unwrap_or_default().contains("x-participant")));
    drop(admin);
    app.stop().await;
}

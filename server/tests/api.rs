//! The JSON API on a real server: every endpoint and every bad-input case.

mod common;

use common::{assert_error, new_idea, Participant, TestApp, HASHED_JS};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::api::{IdeaDetail, IdeaPage, MyState, Results, SupportState};

#[tokio::test]
async fn health_reports_status_and_version() {
    let app = TestApp::spawn().await;
    let h: Value = app.get_json("/api/health").await;
    assert_eq!(h["status"], "ok");
    assert_eq!(h["version"], env!("CARGO_PKG_VERSION"));
    app.stop().await;
}

#[tokio::test]
async fn the_demo_process_has_the_bielefeld_themes_with_ideas() {
    let app = TestApp::spawn().await;
    let o = app.overview().await;
    assert_eq!(o.process.title, "Smart City Strategie Bielefeld");
    assert_eq!(o.process.dot_budget, 5);
    let titles: Vec<&str> = o.themes.iter().map(|t| t.title.as_str()).collect();
    for expected in [
        "Verwaltung & Bürgerservice",
        "Mobilität",
        "Energie & Umwelt",
        "Bildung",
        "Wirtschaft & Arbeit",
        "Gesundheit & Pflege",
        "Kultur & Freizeit",
        "Digitale Infrastruktur",
    ] {
        assert!(titles.contains(&expected), "missing theme {expected}");
    }
    assert_eq!(app.theme("Mobilität").await.idea_count, 2);
    assert!(o.themes.iter().all(|t| !t.description.is_empty()));
}

#[tokio::test]
async fn a_submitted_idea_appears_in_its_theme_and_a_retry_does_not_duplicate_it() {
    let app = TestApp::spawn().await;
    let bildung = app.theme("Bildung").await;
    let p = Participant::new();
    let id = Uuid::now_v7();
    let body = new_idea(
        id,
        &bildung,
        "  Tablets für Grundschulen  ",
        "Jede Klasse bekommt einen Satz Tablets.",
    );
    let res = p.post(&app, "/api/ideas", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let idea: IdeaDetail = res.json().await.expect("json");
    assert_eq!(idea.title, "Tablets für Grundschulen");
    assert_eq!(idea.theme_title, "Bildung");

    // The client lost the answer and sends again: same idea, 200, no second row.
    let res = p.post(&app, "/api/ideas", &body).await;
    assert_eq!(res.status(), StatusCode::OK);
    let again: IdeaDetail = res.json().await.expect("json");
    assert_eq!(again, idea);

    let page: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas?sort=newest", bildung.id))
        .await;
    assert_eq!(page.total, bildung.idea_count + 1);
    assert_eq!(page.ideas[0].id.0, id);
    assert_eq!(page.ideas.iter().filter(|i| i.id.0 == id).count(), 1);
    let detail: IdeaDetail = app.get_json(&format!("/api/ideas/{id}")).await;
    assert_eq!(detail.body, "Jede Klasse bekommt einen Satz Tablets.");
}

#[tokio::test]
async fn reusing_an_idea_id_for_other_content_or_by_someone_else_is_a_conflict() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let p = Participant::new();
    let id = Uuid::now_v7();
    let res = p
        .post(
            &app,
            "/api/ideas",
            &new_idea(id, &theme, "Erste Fassung", "Text"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = p
        .post(
            &app,
            "/api/ideas",
            &new_idea(id, &theme, "Zweite Fassung", "Text"),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "id_conflict").await;
    let other = Participant::new();
    let res = other
        .post(
            &app,
            "/api/ideas",
            &new_idea(id, &theme, "Erste Fassung", "Text"),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "id_conflict").await;
    let detail: IdeaDetail = app.get_json(&format!("/api/ideas/{id}")).await;
    assert_eq!(detail.title, "Erste Fassung");
}

#[tokio::test]
async fn invalid_idea_text_is_refused_with_its_code_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let p = Participant::new();
    let cases = [
        ("Kurz", "Text", "title_too_short"),
        ("    ", "Text", "title_too_short"),
        (&"T".repeat(121) as &str, "Text", "title_too_long"),
        ("Zwei\nZeilen", "Text", "title_invalid"),
        ("Guter Titel", "   ", "body_empty"),
        ("Guter Titel", &"x".repeat(2001) as &str, "body_too_long"),
    ];
    for (title, body, code) in cases {
        let res = p
            .post(
                &app,
                "/api/ideas",
                &new_idea(Uuid::now_v7(), &theme, title, body),
            )
            .await;
        assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, code).await;
    }
    assert_eq!(app.theme("Bildung").await.idea_count, theme.idea_count);
    // Nothing written includes the participant: /api/me shows no trace and any secret works.
    let res = p.with_secret(&"a".repeat(64)).me(&app).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn html_in_text_is_stored_and_returned_as_text() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let p = Participant::new();
    let id = Uuid::now_v7();
    let title = "<script>alert('x')</script> Idee";
    let body = "<img src=x onerror=alert(1)> & <b>fett</b>";
    let res = p
        .post(&app, "/api/ideas", &new_idea(id, &theme, title, body))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let d: IdeaDetail = app.get_json(&format!("/api/ideas/{id}")).await;
    assert_eq!(d.title, title);
    assert_eq!(d.body, body);
}

#[tokio::test]
async fn malformed_oversized_and_non_json_bodies_get_clear_errors() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let p = Participant::new();
    let send_raw = |body: String, ctype: &'static str| {
        app.client
            .post(app.url("/api/ideas"))
            .header("x-participant-id", p.id.to_string())
            .header("x-participant-secret", &p.secret)
            .header("content-type", ctype)
            .body(body)
            .send()
    };
    let res = send_raw("{\"id\": ".into(), "application/json")
        .await
        .expect("sent");
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    let res = send_raw("{\"title\": \"nur Titel\"}".into(), "application/json")
        .await
        .expect("sent");
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    let huge = new_idea(Uuid::now_v7(), &theme, "Riesig", &"x".repeat(40_000)).to_string();
    let res = send_raw(huge, "application/json").await.expect("sent");
    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    let res = send_raw("title=x".into(), "application/x-www-form-urlencoded")
        .await
        .expect("sent");
    assert_error(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    assert_eq!(app.theme("Bildung").await.idea_count, theme.idea_count);
}

#[tokio::test]
async fn unknown_ids_get_404_in_json() {
    let app = TestApp::spawn().await;
    let p = Participant::new();
    let ghost = Uuid::now_v7();
    assert_error(
        app.get(&format!("/api/ideas/{ghost}")).await,
        StatusCode::NOT_FOUND,
        "unknown_idea",
    )
    .await;
    assert_error(
        app.get(&format!("/api/themes/{ghost}/ideas")).await,
        StatusCode::NOT_FOUND,
        "unknown_theme",
    )
    .await;
    assert_error(
        app.get("/api/ideas/not-a-uuid").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get("/api/nothing/here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let body =
        json!({"id": Uuid::now_v7(), "theme_id": ghost, "title": "Gute Idee", "body": "Text"});
    assert_error(
        p.post(&app, "/api/ideas", &body).await,
        StatusCode::NOT_FOUND,
        "unknown_theme",
    )
    .await;
    let res = p
        .put(
            &app,
            &format!("/api/ideas/{ghost}/support"),
            &json!({"supported": true}),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "unknown_idea").await;
}

#[tokio::test]
async fn writes_need_the_participant_and_the_right_secret() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let body = new_idea(Uuid::now_v7(), &theme, "Ohne Ausweis", "Text");
    let res = app
        .client
        .post(app.url("/api/ideas"))
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_error(res, StatusCode::UNAUTHORIZED, "auth_required").await;
    let p = Participant::new();
    let short = p.with_secret("abc");
    assert_error(
        short.post(&app, "/api/ideas", &body).await,
        StatusCode::UNAUTHORIZED,
        "auth_required",
    )
    .await;

    // First write registers the participant; another secret for the same id is refused.
    assert_eq!(
        p.post(&app, "/api/ideas", &body).await.status(),
        StatusCode::CREATED
    );
    let thief = p.with_secret(&"f".repeat(64));
    let other = new_idea(Uuid::now_v7(), &theme, "Untergeschoben", "Text");
    assert_error(
        thief.post(&app, "/api/ideas", &other).await,
        StatusCode::UNAUTHORIZED,
        "wrong_secret",
    )
    .await;
    assert_error(
        thief.me(&app).await,
        StatusCode::UNAUTHORIZED,
        "wrong_secret",
    )
    .await;
    let res = thief
        .put(&app, "/api/dots", &json!({"allocations": []}))
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "wrong_secret").await;
    assert_eq!(app.theme("Bildung").await.idea_count, theme.idea_count + 1);
}

#[tokio::test]
async fn each_participant_supports_an_idea_at_most_once() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await;
    let page: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let idea = page.ideas[0].id;
    let path = format!("/api/ideas/{idea}/support");
    let (a, b) = (Participant::new(), Participant::new());
    let on = json!({"supported": true});
    for _ in 0..3 {
        let s: SupportState = a.put(&app, &path, &on).await.json().await.expect("json");
        assert_eq!(s.support_count, 1);
        assert!(s.supported);
    }
    let s: SupportState = b.put(&app, &path, &on).await.json().await.expect("json");
    assert_eq!(s.support_count, 2);
    let s: SupportState = a
        .put(&app, &path, &json!({"supported": false}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!((s.supported, s.support_count), (false, 1));
    let me: MyState = b.me(&app).await.json().await.expect("json");
    assert_eq!(me.supported_ideas, vec![idea]);
    let d: IdeaDetail = app.get_json(&format!("/api/ideas/{idea}")).await;
    assert_eq!(d.support_count, 1);
    let res = a.put(&app, &path, &json!({"supported": "ja"})).await;
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
}

#[tokio::test]
async fn dot_votes_respect_the_budget_and_replace_the_previous_allocation() {
    let app = TestApp::spawn().await;
    let o = app.overview().await;
    let (t0, t1, t2) = (o.themes[0].id, o.themes[1].id, o.themes[2].id);
    let p = Participant::new();
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [
        {"theme_id": t0, "points": 3}, {"theme_id": t1, "points": 2}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let me: MyState = res.json().await.expect("json");
    assert_eq!(me.dots_remaining, 0);

    // Over budget: refused, the previous allocation stays.
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [
        {"theme_id": t0, "points": 3}, {"theme_id": t2, "points": 3}]}),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "dot_budget_exceeded").await;
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [
        {"theme_id": t0, "points": 1}, {"theme_id": t0, "points": 1}]}),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "dot_invalid").await;
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [
        {"theme_id": t0, "points": 1}, {"theme_id": Uuid::now_v7(), "points": 1}]}),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "unknown_theme").await;
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": t0, "points": 300}]}),
        )
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    let me: MyState = p.me(&app).await.json().await.expect("json");
    assert_eq!(me.dots.iter().map(|d| d.points).sum::<u8>(), 5);

    // Replacing: all five on one theme; the old points are gone from the totals.
    let res = p
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": t2, "points": 5}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let q = Participant::new();
    q.put(
        &app,
        "/api/dots",
        &json!({"allocations": [{"theme_id": t1, "points": 4}]}),
    )
    .await;
    let o = app.overview().await;
    let pts = |id| o.themes.iter().find(|t| t.id == id).map(|t| t.dot_points);
    assert_eq!((pts(t0), pts(t1), pts(t2)), (Some(0), Some(4), Some(5)));

    let r: Results = app.get_json("/api/results").await;
    assert_eq!((r.dot_voters, r.dots_placed), (2, 9));
    assert_eq!(r.themes[0].theme.id, t2);
    assert_eq!(r.themes[0].rank, 1);
    assert_eq!(r.themes[1].theme.id, t1);
    assert!(r.themes[2..].iter().all(|t| t.rank == 3));
}

#[tokio::test]
async fn idea_lists_sort_and_paginate() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Gesundheit & Pflege").await;
    assert_eq!(theme.idea_count, 0);
    let p = Participant::new();
    let mut ids = Vec::new();
    for n in 0..5 {
        let id = Uuid::now_v7();
        ids.push(id);
        let res = p
            .post(
                &app,
                "/api/ideas",
                &new_idea(id, &theme, &format!("Idee Nummer {n}"), "Text"),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    // The third idea gets two supports, the fifth one.
    for supporter in [Participant::new(), Participant::new()] {
        supporter
            .put(
                &app,
                &format!("/api/ideas/{}/support", ids[2]),
                &json!({"supported": true}),
            )
            .await;
    }
    Participant::new()
        .put(
            &app,
            &format!("/api/ideas/{}/support", ids[4]),
            &json!({"supported": true}),
        )
        .await;

    let base = format!("/api/themes/{}/ideas", theme.id);
    let by_support: IdeaPage = app
        .get_json(&format!("{base}?sort=support&per_page=2"))
        .await;
    let got: Vec<Uuid> = by_support.ideas.iter().map(|i| i.id.0).collect();
    assert_eq!(got, vec![ids[2], ids[4]]);
    assert_eq!((by_support.total, by_support.per_page), (5, 2));

    let mut seen = Vec::new();
    for page in 1..=3 {
        let p: IdeaPage = app
            .get_json(&format!("{base}?sort=newest&per_page=2&page={page}"))
            .await;
        seen.extend(p.ideas.iter().map(|i| i.id.0));
    }
    let mut newest_first = ids.clone();
    newest_first.reverse();
    assert_eq!(seen, newest_first);

    assert_error(
        app.get(&format!("{base}?page=0")).await,
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;
    assert_error(
        app.get(&format!("{base}?per_page=1000")).await,
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;
    assert_error(
        app.get(&format!("{base}?sort=random")).await,
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;
}

#[tokio::test]
async fn results_rank_themes_and_list_top_ideas() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await;
    let page: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas?sort=newest", theme.id))
        .await;
    let favourite = page.ideas[0].id;
    Participant::new()
        .put(
            &app,
            &format!("/api/ideas/{favourite}/support"),
            &json!({"supported": true}),
        )
        .await;
    Participant::new()
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme.id, "points": 2}]}),
        )
        .await;
    let r: Results = app.get_json("/api/results").await;
    let first = &r.themes[0];
    assert_eq!(first.theme.id, theme.id);
    assert_eq!(first.theme.dot_points, 2);
    assert_eq!(first.top_ideas[0].id, favourite);
    assert_eq!(first.top_ideas[0].support_count, 1);
    assert_eq!(r.themes.len(), 8);
}

#[tokio::test]
async fn the_app_is_served_with_caching_rules_fallback_and_security_headers() {
    let app = TestApp::spawn().await;
    let res = app.get("/").await;
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'")
            && !csp.contains("unsafe-inline")
            && !csp.contains("'unsafe-eval'")
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res
        .text()
        .await
        .expect("text")
        .contains("<title>werkstadt</title>"));

    // App routes fall back to index.html; API routes and missing files never do.
    let res = app.get("/themen/irgendwas").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert!(res.text().await.expect("text").contains("werkstadt"));
    // A hashed name that is missing (a chunk not deployed yet) is a 404 browsers must not
    // keep: it would break that page for a year.
    let missing = app.get("/app-chunk-ffffffffffffffff.wasm").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()["cache-control"], "no-cache");
    assert_eq!(
        app.get("/api/ideen").await.headers()["content-type"],
        "application/json"
    );

    let res = app.get(&format!("/{HASHED_JS}")).await;
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let res = app
        .client
        .get(app.url(&format!("/{HASHED_JS}")))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("sent");
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), b"brotli-bytes");
    assert_eq!(
        app.get("/api/health").await.headers()["cache-control"],
        "no-store"
    );
}

#[tokio::test]
async fn data_survives_a_restart_and_the_demo_is_seeded_only_once() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let p = Participant::new();
    let id = Uuid::now_v7();
    assert_eq!(
        p.post(
            &app,
            "/api/ideas",
            &new_idea(id, &theme, "Bleibt erhalten", "Text")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let db = app.db.clone();
    // Reopen the same database file in a second server.
    let store = werkstadt_server::storage::Store::open(&db)
        .await
        .expect("reopens");
    assert!(!store.is_empty().await.expect("reads"));
    let d = store
        .idea(werkstadt_domain::IdeaId(id))
        .await
        .expect("idea kept");
    assert_eq!(d.title, "Bleibt erhalten");
    let overview = store.process_overview().await.expect("overview");
    assert_eq!(overview.themes.len(), 8);
    app.stop().await;
}

//! Evaluation matrices (issue 14) on a real server: the concept paper's Tabelle 1 scored by two
//! invited DigitalSupporters, closed and published with the printed totals; what experts may
//! not do (score uninvited, moderate, administer); the pool of at most 12 per process; bad
//! input refused with a stable code and nothing written; no staff or participant ids in the
//! public answer.

mod common;

use common::staff::{admin, sign_in, Moderator, DEMO};
use common::{assert_error, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const OPTIONS: [&str; 4] = [
    "Eigenständige juristische Person",
    "Öffentlich-rechtliche Organisationsform",
    "Organisationseinheit der Stadt",
    "Organisationseinheit als Teil eines dritten Trägers",
];

/// Tabelle 1 by row: criterion and the points of the four options.
const TABELLE_1: [(&str, [u8; 4]); 7] = [
    ("Unabhängigkeit", [4, 3, 2, 2]),
    ("Außenwirkung", [4, 4, 2, 2]),
    ("Akzeptanz in der Stadtgesellschaft", [4, 3, 3, 2]),
    ("Durchsetzungsfähigkeit", [3, 3, 3, 2]),
    ("Leistungsfähigkeit", [4, 3, 3, 4]),
    ("Flexibilität", [3, 3, 2, 3]),
    ("Attraktivität der Arbeitsplätze", [4, 3, 2, 3]),
];

fn tabelle_1_draft() -> Value {
    json!({
        "title": "Bewertungsmatrix Rechtsform",
        "description": "Tabelle 1 des Konzeptpapiers",
        "options": OPTIONS.iter().map(|t| json!({"title": t, "advantages": ["Sichtbar"]})).collect::<Vec<_>>(),
        "criteria": TABELLE_1.iter().map(|(t, _)| json!({"title": t})).collect::<Vec<_>>(),
    })
}

/// The sheet of Tabelle 1 for `matrix` (as the server answered it), with `change` applied to
/// the first cell.
fn tabelle_1_sheet(matrix: &Value, first_cell: u8) -> Value {
    let mut scores = Vec::new();
    for (c, (_, points)) in TABELLE_1.iter().enumerate() {
        for (o, p) in points.iter().enumerate() {
            let p = if c == 0 && o == 0 { first_cell } else { *p };
            scores.push(json!({
                "option_id": matrix["options"][o]["id"],
                "criterion_id": matrix["criteria"][c]["id"],
                "score": p,
                "note": if c == 0 { Some("Begründung") } else { None },
            }));
        }
    }
    json!({ "scores": scores })
}

async fn ok(res: reqwest::Response, status: StatusCode) -> Value {
    let got = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(got, status, "{body}");
    body
}

/// An admin creates a DigitalSupporter through the staff API; signed in.
async fn expert(app: &TestApp, admin: &Moderator, name: &str) -> Moderator {
    let password = format!("{name} hat ein langes Passwort");
    let res = admin
        .send(
            app,
            Method::POST,
            "/api/admin/staff",
            Some(json!({"username": name, "password": password, "role": "expert"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    sign_in(app, name, &password).await
}

/// The staff account id of the DigitalSupporter `name` (as moderators see it).
async fn expert_id(app: &TestApp, moderator: &Moderator, name: &str) -> String {
    let list = ok(
        moderator
            .send(app, Method::GET, "/api/moderation/experts", None)
            .await,
        StatusCode::OK,
    )
    .await;
    list.as_array()
        .expect("list")
        .iter()
        .find(|e| e["username"] == name)
        .and_then(|e| e["id"].as_str())
        .expect("listed")
        .to_owned()
}

async fn process_id(app: &TestApp) -> String {
    app.overview().await.process.id.to_string()
}

async fn create(app: &TestApp, moderator: &Moderator, draft: Value) -> Value {
    let path = format!(
        "/api/moderation/processes/{}/matrices",
        process_id(app).await
    );
    ok(
        moderator.send(app, Method::POST, &path, Some(draft)).await,
        StatusCode::CREATED,
    )
    .await
}

fn totals(result: &Value) -> Vec<f64> {
    result["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["total"].as_f64().expect("total"))
        .collect()
}

#[tokio::test]
async fn two_experts_score_tabelle_1_and_the_published_result_has_the_printed_totals() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let (a, b) = (
        expert(&app, &admin, "expertin.a").await,
        expert(&app, &admin, "experte.b").await,
    );
    let me = ok(
        a.send(&app, Method::GET, "/api/staff/me", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me["role"], "expert");

    let m = create(&app, &moderator, tabelle_1_draft()).await;
    assert_eq!(m["state"], "open");
    assert_eq!(m["scale"]["labels"][4], "Kriterium voll erfüllt");
    let id = m["id"].as_str().expect("id").to_owned();
    for (n, name) in ["expertin.a", "experte.b"].into_iter().enumerate() {
        let staff_id = expert_id(&app, &moderator, name).await;
        let path = format!("/api/moderation/matrices/{id}/experts");
        let res = moderator
            .send(
                &app,
                Method::POST,
                &path,
                Some(json!({"staff_id": staff_id})),
            )
            .await;
        let invited = ok(res, StatusCode::OK).await;
        assert_eq!(invited["experts"].as_array().map(Vec::len), Some(n + 1));
    }
    let mine = ok(
        a.send(&app, Method::GET, "/api/staff/matrices", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine[0]["id"], id.as_str());
    assert_eq!(
        mine[0]["experts"],
        json!([]),
        "experts do not see who else scores"
    );

    let sheet = format!("/api/staff/matrices/{id}/sheet");
    ok(
        a.send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 4)))
            .await,
        StatusCode::OK,
    )
    .await;
    ok(
        b.send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 2)))
            .await,
        StatusCode::OK,
    )
    .await;
    let review_path = format!("/api/moderation/matrices/{id}");
    let review = ok(
        moderator.send(&app, Method::GET, &review_path, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(review["sheets"].as_array().map(Vec::len), Some(2));
    assert_eq!(totals(&review["result"]), vec![25.0, 22.0, 17.0, 18.0]);
    let first = &review["result"]["cells"][0];
    assert_eq!(
        (
            first["mean"].as_f64(),
            first["min"].as_u64(),
            first["max"].as_u64()
        ),
        (Some(3.0), Some(2), Some(4))
    );
    assert_eq!(first["std_dev"].as_f64(), Some(1.0));

    // B replaces their sheet; A's stays as it was.
    let before_a = ok(
        a.send(
            &app,
            Method::GET,
            &format!("/api/staff/matrices/{id}"),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    ok(
        b.send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 4)))
            .await,
        StatusCode::OK,
    )
    .await;
    let after_a = ok(
        a.send(
            &app,
            Method::GET,
            &format!("/api/staff/matrices/{id}"),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(before_a["scores"], after_a["scores"]);
    assert_eq!(after_a["scores"][0]["note"], "Begründung");

    let state = format!("/api/moderation/matrices/{id}/state");
    let public = format!("/api/processes/{}/matrices", process_id(&app).await);
    let res = moderator
        .send(
            &app,
            Method::PUT,
            &state,
            Some(json!({"state": "published"})),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "matrix_not_closed").await;
    ok(
        moderator
            .send(&app, Method::PUT, &state, Some(json!({"state": "closed"})))
            .await,
        StatusCode::OK,
    )
    .await;
    let res = a
        .send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 0)))
        .await;
    assert_error(res, StatusCode::CONFLICT, "matrix_closed").await;
    let res = moderator
        .send(&app, Method::PUT, &review_path, Some(tabelle_1_draft()))
        .await;
    assert_error(res, StatusCode::CONFLICT, "matrix_closed").await;
    assert_eq!(
        app.get_json::<Value>(&public).await,
        json!([]),
        "not published yet"
    );

    ok(
        moderator
            .send(
                &app,
                Method::PUT,
                &state,
                Some(json!({"state": "published"})),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let res = app.get(&public).await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.expect("text");
    let list: Value = serde_json::from_str(&text).expect("json");
    let published = &list[0];
    assert_eq!(published["title"], "Bewertungsmatrix Rechtsform");
    assert_eq!(totals(&published["result"]), vec![26.0, 22.0, 17.0, 18.0]);
    let ranks: Vec<u64> = published["result"]["options"]
        .as_array()
        .expect("options")
        .iter()
        .map(|o| o["rank"].as_u64().expect("rank"))
        .collect();
    assert_eq!(ranks, vec![1, 2, 4, 3]);
    assert_eq!(published["result"]["sheets"], 2);
    assert_eq!(published["options"][0]["advantages"], json!(["Sichtbar"]));

    // Nothing that names a person: no staff or participant ids, no user names, no notes' authors.
    let conn = rusqlite::Connection::open(&app.db).expect("db");
    let mut ids: Vec<String> = Vec::new();
    for sql in [
        "SELECT id FROM staff",
        "SELECT username FROM staff",
        "SELECT id FROM participant",
    ] {
        let mut stmt = conn.prepare(sql).expect("prepare");
        ids.extend(
            stmt.query_map([], |r| r.get::<_, String>(0))
                .expect("query")
                .map(|r| r.expect("row")),
        );
    }
    assert!(ids.len() >= 4);
    for id in &ids {
        assert!(!text.contains(id.as_str()), "the public answer names {id}");
    }
    assert!(!text.contains("staff_id") && !text.contains("username"));

    let res = moderator
        .send(&app, Method::PUT, &state, Some(json!({"state": "open"})))
        .await;
    assert_error(res, StatusCode::CONFLICT, "matrix_closed").await;
    let log = admin.audit_log(&app).await;
    let actions: Vec<&str> = log
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for a in [
        "matrix.create",
        "matrix.invite",
        "matrix.sheet",
        "matrix.state",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}

#[tokio::test]
async fn an_expert_scores_only_where_invited_and_never_moderates() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let outsider = expert(&app, &admin, "experte.c").await;
    let m = create(&app, &moderator, tabelle_1_draft()).await;
    let id = m["id"].as_str().expect("id");
    let res = outsider
        .send(
            &app,
            Method::GET,
            &format!("/api/staff/matrices/{id}"),
            None,
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "not_invited").await;
    let sheet = format!("/api/staff/matrices/{id}/sheet");
    let res = outsider
        .send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 4)))
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "not_invited").await;
    // A moderator may score without an invitation.
    ok(
        moderator
            .send(&app, Method::PUT, &sheet, Some(tabelle_1_sheet(&m, 4)))
            .await,
        StatusCode::OK,
    )
    .await;

    let process = process_id(&app).await;
    let forbidden: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, "/api/moderation/queue".into(), None),
        (Method::GET, format!("/api/moderation/matrices/{id}"), None),
        (Method::GET, "/api/moderation/experts".into(), None),
        (
            Method::POST,
            format!("/api/moderation/processes/{process}/matrices"),
            Some(tabelle_1_draft()),
        ),
        (
            Method::PUT,
            format!("/api/moderation/matrices/{id}/state"),
            Some(json!({"state": "closed"})),
        ),
        (
            Method::POST,
            "/api/moderation/reports/dismiss".into(),
            Some(json!({"target": {"idea": id}})),
        ),
        (
            Method::PUT,
            "/api/admin/process/moderation".into(),
            Some(json!({"mode": "post"})),
        ),
        (Method::GET, "/api/admin/audit".into(), None),
    ];
    for (method, path, body) in forbidden {
        let res = outsider.send(&app, method.clone(), &path, body).await;
        assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    }
    // Decisions pushed from an expert's session are not theirs to make.
    let decide = common::staff::decide(
        id,
        json!({"answer": {"status": "received", "text": "Danke!"}}),
    );
    let res = outsider.push(&app, vec![decide]).await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    // Their device still takes part like everyone's.
    let res = outsider.push(&app, vec![]).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Nothing changed: the matrix is still open.
    let review = ok(
        moderator
            .send(
                &app,
                Method::GET,
                &format!("/api/moderation/matrices/{id}"),
                None,
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(review["matrix"]["state"], "open");
}

#[tokio::test]
async fn a_process_has_at_most_twelve_experts() {
    let app = TestApp::spawn().await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    // Thirteen expert accounts (written directly: signing in is not needed here).
    let conn = rusqlite::Connection::open(&app.db).expect("db");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    let ids: Vec<String> = (0..13).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    for (n, id) in ids.iter().enumerate() {
        conn.execute(
            "INSERT INTO staff (id, username, password_hash, role, created_at)
             VALUES (?1, ?2, '$argon2id$stub', 'expert', 0)",
            rusqlite::params![id, format!("experte{n:02}")],
        )
        .expect("inserts");
    }
    let first = create(&app, &moderator, tabelle_1_draft()).await;
    let second = create(&app, &moderator, tabelle_1_draft()).await;
    let invite = |m: &Value, staff: &str| {
        let path = format!(
            "/api/moderation/matrices/{}/experts",
            m["id"].as_str().expect("id")
        );
        let body = json!({"staff_id": staff});
        let moderator = &moderator;
        let app = &app;
        async move { moderator.send(app, Method::POST, &path, Some(body)).await }
    };
    for (n, id) in ids[..12].iter().enumerate() {
        let m = if n < 6 { &first } else { &second };
        assert_eq!(invite(m, id).await.status(), StatusCode::OK);
    }
    // One of the twelve on another matrix of the process: still twelve.
    assert_eq!(invite(&second, &ids[0]).await.status(), StatusCode::OK);
    assert_error(
        invite(&first, &ids[12]).await,
        StatusCode::CONFLICT,
        "expert_limit",
    )
    .await;
    // Only DigitalSupporters are invited.
    let moderator_id: String = conn
        .query_row("SELECT id FROM staff WHERE username = ?1", [DEMO.0], |r| {
            r.get(0)
        })
        .expect("moderator");
    assert_error(
        invite(&first, &moderator_id).await,
        StatusCode::NOT_FOUND,
        "unknown_expert",
    )
    .await;
    let review = ok(
        moderator
            .send(
                &app,
                Method::GET,
                &format!(
                    "/api/moderation/matrices/{}",
                    first["id"].as_str().expect("id")
                ),
                None,
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        review["matrix"]["experts"].as_array().map(Vec::len),
        Some(6)
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_stable_code_and_nothing_written() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let m = create(&app, &moderator, tabelle_1_draft()).await;
    let id = m["id"].as_str().expect("id");
    let path = format!(
        "/api/moderation/processes/{}/matrices",
        process_id(&app).await
    );
    let edit = format!("/api/moderation/matrices/{id}");
    let sheet = format!("/api/staff/matrices/{id}/sheet");
    let audit_len = || async { admin.audit_log(&app).await.as_array().map_or(0, Vec::len) };
    let before = (
        audit_len().await,
        ok(
            moderator.send(&app, Method::GET, &edit, None).await,
            StatusCode::OK,
        )
        .await,
    );

    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = tabelle_1_draft();
        f(&mut d);
        d
    };
    let cases: Vec<(Method, &str, Value, StatusCode, &str)> = vec![
        (
            Method::POST,
            &path,
            with(&|d| d["options"] = json!(vec![json!({"title": "Option"}); 21])),
            StatusCode::UNPROCESSABLE_ENTITY,
            "matrix_too_large",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["scale"] = json!({"min": 0, "max": 11})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "scale_invalid",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["scale"] = json!({"min": 1, "max": 3, "labels": ["a"]})),
            StatusCode::UNPROCESSABLE_ENTITY,
            "scale_invalid",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["criteria"][0]["weight"] = json!(0)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "weight_out_of_range",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["title"] = json!("ab")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_short",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["options"][0] = json!({"source": {"idea": uuid::Uuid::now_v7()}})),
            StatusCode::NOT_FOUND,
            "unknown_idea",
        ),
        (
            Method::POST,
            &path,
            with(&|d| d["options"][0]["id"] = json!(uuid::Uuid::now_v7())),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_option",
        ),
        (
            Method::PUT,
            &edit,
            with(&|d| d["criteria"][0]["id"] = json!(uuid::Uuid::now_v7())),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_criterion",
        ),
        (
            Method::PUT,
            &edit,
            with(&|d| d["options"] = json!([m["options"][0], m["options"][0]])),
            StatusCode::UNPROCESSABLE_ENTITY,
            "duplicate_entry",
        ),
        (
            Method::POST,
            "/api/moderation/processes/00000000-0000-7000-8000-000000000000/matrices",
            tabelle_1_draft(),
            StatusCode::NOT_FOUND,
            "unknown_process",
        ),
        (
            Method::PUT,
            "/api/moderation/matrices/00000000-0000-7000-8000-000000000000",
            tabelle_1_draft(),
            StatusCode::NOT_FOUND,
            "unknown_matrix",
        ),
    ];
    for (method, at, body, status, code) in cases {
        let res = moderator.send(&app, method, at, Some(body)).await;
        assert_error(res, status, code).await;
    }
    let cell = |score: u8, option: &Value| json!({"option_id": option, "criterion_id": m["criteria"][0]["id"], "score": score});
    let sheets: Vec<(Value, &str)> = vec![
        (
            json!({"scores": [cell(5, &m["options"][0]["id"])]}),
            "score_out_of_range",
        ),
        (
            json!({"scores": [cell(1, &json!(uuid::Uuid::now_v7()))]}),
            "unknown_option",
        ),
        (
            json!({"scores": [cell(1, &m["options"][0]["id"]), cell(2, &m["options"][0]["id"])]}),
            "duplicate_entry",
        ),
    ];
    for (body, code) in sheets {
        let res = moderator.send(&app, Method::PUT, &sheet, Some(body)).await;
        assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, code).await;
    }
    let res = moderator
        .send(&app, Method::PUT, &sheet, Some(json!({"scores": "viele"})))
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    let after = (
        audit_len().await,
        ok(
            moderator.send(&app, Method::GET, &edit, None).await,
            StatusCode::OK,
        )
        .await,
    );
    assert_eq!(before, after, "nothing written");

    // A scale that would leave out a score already given is refused too.
    ok(
        moderator
            .send(
                &app,
                Method::PUT,
                &sheet,
                Some(json!({"scores": [cell(4, &m["options"][0]["id"])]})),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let mut narrower = tabelle_1_draft();
    narrower["options"] = m["options"].clone();
    narrower["criteria"] = m["criteria"].clone();
    narrower["scale"] = json!({"min": 0, "max": 3});
    let res = moderator
        .send(&app, Method::PUT, &edit, Some(narrower.clone()))
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "score_out_of_range").await;
    // Kept ids keep their scores; an idea option takes the idea's title.
    let theme = app.theme("Bildung").await;
    let ideas: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    narrower["scale"] = json!({"min": 0, "max": 4});
    narrower["options"]
        .as_array_mut()
        .expect("options")
        .push(json!({"source": {"idea": ideas["ideas"][0]["id"]}}));
    let edited = ok(
        moderator
            .send(&app, Method::PUT, &edit, Some(narrower))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited["options"][4]["title"], ideas["ideas"][0]["title"]);
    let review = ok(
        moderator.send(&app, Method::GET, &edit, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        review["sheets"][0]["scores"].as_array().map(Vec::len),
        Some(1)
    );
}

//! Evaluation matrices in tests: a matrix of the current process scored by DigitalSupporters
//! and published, through the staff API as the staff app does it.

use super::staff::{sign_in, Moderator};
use super::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// One DigitalSupporter's sheet: their user name, and per criterion (row) the points per
/// option (column), `None` for a cell left empty. Every scored cell gets `note`.
pub struct Sheet<'a> {
    pub expert: &'a str,
    pub points: Vec<Vec<Option<u8>>>,
    pub note: &'a str,
}

async fn ok(res: reqwest::Response, status: StatusCode) -> Value {
    let got = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(got, status, "{body}");
    body
}

/// The staff account id of `username`, from the database.
pub fn staff_id(app: &TestApp, username: &str) -> String {
    let db = rusqlite::Connection::open(&app.db).expect("opens");
    db.query_row(
        "SELECT id FROM staff WHERE username = ?1",
        [username],
        |r| r.get::<_, String>(0),
    )
    .expect("the staff account")
}

/// `admin` defines a matrix in the current process (`options` × `criteria` with weights),
/// creates and invites each sheet's DigitalSupporter, who fill in their sheets; then the
/// matrix is closed and published. The matrix as the server answered its creation.
pub async fn published_matrix(
    app: &TestApp,
    admin: &Moderator,
    title: &str,
    options: &[&str],
    criteria: &[(&str, u8)],
    sheets: &[Sheet<'_>],
) -> Value {
    let process = app.overview().await.process.id;
    let draft = json!({
        "title": title,
        "options": options.iter().map(|t| json!({"title": t})).collect::<Vec<_>>(),
        "criteria": criteria.iter().map(|(t, w)| json!({"title": t, "weight": w})).collect::<Vec<_>>(),
    });
    let path = format!("/api/moderation/processes/{process}/matrices");
    let m = ok(
        admin.send(app, Method::POST, &path, Some(draft)).await,
        StatusCode::CREATED,
    )
    .await;
    let id = m["id"].as_str().expect("id").to_owned();
    for sheet in sheets {
        let password = format!("{} hat ein langes Passwort", sheet.expert);
        let created = admin
            .send(
                app,
                Method::POST,
                "/api/admin/staff",
                Some(json!({"username": sheet.expert, "password": password, "role": "expert"})),
            )
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let invite = json!({"staff_id": staff_id(app, sheet.expert)});
        let path = format!("/api/moderation/matrices/{id}/experts");
        ok(
            admin.send(app, Method::POST, &path, Some(invite)).await,
            StatusCode::OK,
        )
        .await;
        let expert = sign_in(app, sheet.expert, &password).await;
        let mut scores = Vec::new();
        for (c, row) in sheet.points.iter().enumerate() {
            for (o, p) in row.iter().enumerate() {
                if let Some(p) = p {
                    scores.push(json!({"option_id": m["options"][o]["id"],
                        "criterion_id": m["criteria"][c]["id"], "score": p, "note": sheet.note}));
                }
            }
        }
        let path = format!("/api/staff/matrices/{id}/sheet");
        ok(
            expert
                .send(app, Method::PUT, &path, Some(json!({ "scores": scores })))
                .await,
            StatusCode::OK,
        )
        .await;
    }
    let path = format!("/api/moderation/matrices/{id}/state");
    for state in ["closed", "published"] {
        ok(
            admin
                .send(app, Method::PUT, &path, Some(json!({ "state": state })))
                .await,
            StatusCode::OK,
        )
        .await;
    }
    m
}

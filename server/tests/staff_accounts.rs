//! The life cycle of staff accounts on a real server: deactivation ends the sessions at once
//! and keeps the account out, the last active admin stays, reactivation lets it back in, a
//! password reset ends the sessions, everyone changes their own password; each an audit line
//! with before and after, and bad input writes nothing.

mod common;

use common::staff::{admin, sign_in, Moderator, DEMO};
use common::{assert_error, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::staff::StaffMember;

async fn login_status(app: &TestApp, user: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/login"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .expect("login")
}

async fn signed_in(app: &TestApp, who: &Moderator) -> StatusCode {
    who.send(app, Method::GET, "/api/staff/me", None)
        .await
        .status()
}

async fn accounts(app: &TestApp, admin: &Moderator) -> Vec<StaffMember> {
    admin
        .send(app, Method::GET, "/api/admin/staff", None)
        .await
        .json()
        .await
        .expect("accounts")
}

async fn set_active(
    app: &TestApp,
    admin: &Moderator,
    user: &str,
    active: bool,
) -> reqwest::Response {
    admin
        .send(
            app,
            Method::PUT,
            &format!("/api/admin/staff/{user}/active"),
            Some(json!({"active": active})),
        )
        .await
}

/// The audit lines with this action and target: (before, after) parsed.
fn audit_lines(log: &Value, action: &str, target: &str) -> Vec<(Value, Value)> {
    let parse =
        |v: &Value| serde_json::from_str(v.as_str().unwrap_or("null")).unwrap_or(Value::Null);
    log.as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == action && e["target"] == target)
        .map(|e| (parse(&e["before"]), parse(&e["after"])))
        .collect()
}

#[tokio::test]
async fn a_deactivated_account_is_signed_out_at_once_and_cannot_sign_in_until_reactivated() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let second_device = sign_in(&app, DEMO.0, DEMO.1).await;
    assert_eq!(signed_in(&app, &moderator).await, StatusCode::OK);

    let res = set_active(&app, &admin, DEMO.0, false).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    for session in [&moderator, &second_device] {
        let res = session.send(&app, Method::GET, "/api/staff/me", None).await;
        assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
    }
    // The same answer as a wrong password: nobody learns the account exists.
    assert_error(
        login_status(&app, DEMO.0, DEMO.1).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let listed = accounts(&app, &admin).await;
    let demo = listed
        .iter()
        .find(|a| a.username == DEMO.0)
        .expect("listed");
    assert!(!demo.active);
    assert!(listed.iter().any(|a| a.username == "leitung" && a.active));

    let res = set_active(&app, &admin, DEMO.0, true).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let back = sign_in(&app, DEMO.0, DEMO.1).await;
    assert_eq!(signed_in(&app, &back).await, StatusCode::OK);

    let log = admin.audit_log(&app).await;
    let off = audit_lines(&log, "staff.deactivate", DEMO.0);
    assert_eq!(off.len(), 1);
    assert_eq!(off[0].0, json!({"active": true}));
    assert_eq!(off[0].1, json!({"active": false, "sessions_ended": 2}));
    let on = audit_lines(&log, "staff.activate", DEMO.0);
    assert_eq!(on.len(), 1);
    assert_eq!(on[0].0["active"], false);
    assert_eq!(on[0].1["active"], true);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_deactivated_but_one_of_two_may_leave() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let log_before = admin.audit_log(&app).await.as_array().map_or(0, Vec::len);

    let res = set_active(&app, &admin, "leitung", false).await;
    assert_error(res, StatusCode::CONFLICT, "last_admin").await;
    assert_eq!(
        signed_in(&app, &admin).await,
        StatusCode::OK,
        "still signed in"
    );
    assert!(accounts(&app, &admin).await.iter().all(|a| a.active));
    assert_eq!(
        admin.audit_log(&app).await.as_array().map_or(0, Vec::len),
        log_before,
        "nothing written"
    );

    // With a second admin, an admin may deactivate themself: signed out at once.
    let created = admin
        .send(
            &app,
            Method::POST,
            "/api/admin/staff",
            Some(json!({"username": "vertretung", "password": "ein zweites Admin-Passwort", "role": "admin"})),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let res = set_active(&app, &admin, "leitung", false).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(signed_in(&app, &admin).await, StatusCode::UNAUTHORIZED);
    // Now the other one is the last.
    let other = sign_in(&app, "vertretung", "ein zweites Admin-Passwort").await;
    let res = set_active(&app, &other, "vertretung", false).await;
    assert_error(res, StatusCode::CONFLICT, "last_admin").await;
    // Deactivating a moderator is never refused for this reason.
    let res = set_active(&app, &other, DEMO.0, false).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn an_admin_resets_a_password_and_the_accounts_sessions_end() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let path = format!("/api/admin/staff/{}/password", DEMO.0);

    // Bad input writes nothing: the old password still works, the session lives on.
    let short = admin
        .send(&app, Method::PUT, &path, Some(json!({"password": "kurz"})))
        .await;
    assert_error(
        short,
        StatusCode::UNPROCESSABLE_ENTITY,
        "password_too_short",
    )
    .await;
    let unknown = admin
        .send(
            &app,
            Method::PUT,
            "/api/admin/staff/niemand/password",
            Some(json!({"password": "ein ganz neues Passwort"})),
        )
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
    let unknown = set_active(&app, &admin, "niemand", false).await;
    assert_error(unknown, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(signed_in(&app, &moderator).await, StatusCode::OK);
    let log = admin.audit_log(&app).await;
    assert!(audit_lines(&log, "staff.password_reset", DEMO.0).is_empty());
    assert!(audit_lines(&log, "staff.deactivate", "niemand").is_empty());

    let res = admin
        .send(
            &app,
            Method::PUT,
            &path,
            Some(json!({"password": "ein ganz neues Passwort"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(signed_in(&app, &moderator).await, StatusCode::UNAUTHORIZED);
    assert_error(
        login_status(&app, DEMO.0, DEMO.1).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let again = sign_in(&app, DEMO.0, "ein ganz neues Passwort").await;
    assert_eq!(signed_in(&app, &again).await, StatusCode::OK);
    assert_eq!(
        signed_in(&app, &admin).await,
        StatusCode::OK,
        "the admin stays"
    );

    let log = admin.audit_log(&app).await;
    let lines = audit_lines(&log, "staff.password_reset", DEMO.0);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].0["password_set_at"].is_i64());
    assert_eq!(lines[0].1["sessions_ended"], 1);
    assert!(lines[0].1["password_set_at"].as_i64() > lines[0].0["password_set_at"].as_i64());
    let text = log.to_string();
    assert!(!text.contains("ein ganz neues Passwort") && !text.contains("argon2"));
}

#[tokio::test]
async fn everyone_changes_their_own_password_and_their_other_sessions_end() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let here = sign_in(&app, DEMO.0, DEMO.1).await;
    let elsewhere = sign_in(&app, DEMO.0, DEMO.1).await;

    let wrong = here
        .send(
            &app,
            Method::PUT,
            "/api/staff/me/password",
            Some(json!({"current": "nicht das Passwort", "password": "ein ganz neues Passwort"})),
        )
        .await;
    assert_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, "wrong_password").await;
    let short = here
        .send(
            &app,
            Method::PUT,
            "/api/staff/me/password",
            Some(json!({"current": DEMO.1, "password": "kurz"})),
        )
        .await;
    assert_error(
        short,
        StatusCode::UNPROCESSABLE_ENTITY,
        "password_too_short",
    )
    .await;
    assert_eq!(
        signed_in(&app, &elsewhere).await,
        StatusCode::OK,
        "nothing changed"
    );

    let res = here
        .send(
            &app,
            Method::PUT,
            "/api/staff/me/password",
            Some(json!({"current": DEMO.1, "password": "ein ganz neues Passwort"})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        signed_in(&app, &here).await,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(signed_in(&app, &elsewhere).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login_status(&app, DEMO.0, DEMO.1).await.status(),
        StatusCode::UNAUTHORIZED
    );
    sign_in(&app, DEMO.0, "ein ganz neues Passwort").await;

    let log = admin.audit_log(&app).await;
    let lines = audit_lines(&log, "staff.password_change", DEMO.0);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].1["sessions_ended"], 1);
    let entry = log
        .as_array()
        .and_then(|l| l.iter().find(|e| e["action"] == "staff.password_change"))
        .expect("the line");
    assert_eq!(entry["actor"], DEMO.0);
}

//! Staff on a real server: sign-in with cookie + CSRF, sign-out, the same answer for a wrong
//! user and a wrong password, rate-limited sign-in, admin-only staff management, the audit log
//! (JSON and CSV), and the permission matrix of every endpoint against every kind of caller.

mod common;

use common::{assert_error, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::staff::{Role, StaffSession, CSRF_HEADER};

const DEMO: (&str, &str) = werkstadt_server::DEMO_MODERATOR;
const ADMIN: (&str, &str) = ("leitung", "ein langes Admin-Passwort");

/// A signed-in staff member: the cookie to send and the CSRF token, on a device with its own
/// participant identity (staff take part like everyone, and push through the same sync).
struct Signed {
    cookie: String,
    session: StaffSession,
    device: common::Participant,
}

async fn login_raw(app: &TestApp, user: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/staff/login"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .expect("login")
}

async fn login(app: &TestApp, user: &str, password: &str) -> Signed {
    let res = login_raw(app, user, password).await;
    assert_eq!(res.status(), StatusCode::OK);
    let set = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_owned();
    let cookie = set.split(';').next().expect("name=value").to_owned();
    Signed {
        cookie,
        session: res.json().await.expect("session"),
        device: common::Participant::new(),
    }
}

async fn with_admin(app: &TestApp) -> Signed {
    werkstadt_server::create_user(&app.db, Role::Admin, ADMIN.0, ADMIN.1)
        .await
        .expect("creates the admin");
    login(app, ADMIN.0, ADMIN.1).await
}

impl Signed {
    async fn send(
        &self,
        app: &TestApp,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut req = app
            .client
            .request(method, app.url(path))
            .header("cookie", &self.cookie)
            .header(CSRF_HEADER, &self.session.csrf_token)
            .header("x-participant-id", self.device.id.to_string())
            .header("x-participant-secret", &self.device.secret);
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }
}

#[tokio::test]
async fn sign_in_sets_a_strict_http_only_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let res = login_raw(&app, DEMO.0, DEMO.1).await;
    assert_eq!(res.status(), StatusCode::OK);
    let set = res.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    for part in [
        "werkstadt_session=",
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(!set.contains("Secure"), "plain http: {set}");
    let via_https = app
        .client
        .post(app.url("/api/staff/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({"username": DEMO.0, "password": DEMO.1}))
        .send()
        .await
        .expect("login");
    assert!(via_https.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .contains("; Secure"));

    let me = login(&app, DEMO.0, DEMO.1).await;
    assert_eq!(me.session.role, Role::Moderator);
    assert_eq!(me.session.csrf_token.len(), 64);
    let who: StaffSession = me
        .send(&app, Method::GET, "/api/staff/me", None)
        .await
        .json()
        .await
        .expect("me");
    assert_eq!(who.username, "moderation");

    // A write without the CSRF token is refused (a cross-site form could send the cookie).
    let no_csrf = app
        .client
        .post(app.url("/api/staff/logout"))
        .header("cookie", &me.cookie)
        .send()
        .await
        .expect("logout");
    assert_error(no_csrf, StatusCode::FORBIDDEN, "csrf_mismatch").await;
    let out = me.send(&app, Method::POST, "/api/staff/logout", None).await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .contains("Max-Age=0"));
    let after = me.send(&app, Method::GET, "/api/staff/me", None).await;
    assert_error(after, StatusCode::UNAUTHORIZED, "staff_required").await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let wrong_pw = login_raw(&app, DEMO.0, "nicht das Passwort").await;
    let no_user = login_raw(&app, "niemand", "nicht das Passwort").await;
    assert_eq!(wrong_pw.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(no_user.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong_pw.headers().get("set-cookie").is_none());
    let (a, b): (Value, Value) = (
        wrong_pw.json().await.expect("json"),
        no_user.json().await.expect("json"),
    );
    assert_eq!(a, b, "nothing tells whether the user exists");
    assert_eq!(a["code"], "invalid_credentials");
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    let mut limited = None;
    for attempt in 1..=8 {
        let res = login_raw(&app, DEMO.0, "geraten geraten").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some((attempt, res));
            break;
        }
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let (attempt, res) = limited.expect("the limit applies within 8 attempts");
    assert_eq!(attempt, 6, "5 attempts, then the limit");
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Even the right password waits now: guessing cannot continue at full speed.
    let right = login_raw(&app, DEMO.0, DEMO.1).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn admins_manage_staff_and_every_staff_action_is_in_the_audit_log() {
    let app = TestApp::spawn().await;
    let admin = with_admin(&app).await;
    let moderator = login(&app, DEMO.0, DEMO.1).await;
    let new = json!({"username": "Moderation.Nord", "password": "noch ein langes Passwort", "role": "moderator"});

    // Bad input changes nothing.
    let short = admin
        .send(
            &app,
            Method::POST,
            "/api/admin/staff",
            Some(json!({"username": "nord", "password": "kurz", "role": "moderator"})),
        )
        .await;
    assert_error(
        short,
        StatusCode::UNPROCESSABLE_ENTITY,
        "password_too_short",
    )
    .await;
    let bad_name = admin
        .send(&app, Method::POST, "/api/admin/staff", Some(json!({"username": "<b>x</b>", "password": "lang genug für alles", "role": "moderator"})))
        .await;
    assert_error(
        bad_name,
        StatusCode::UNPROCESSABLE_ENTITY,
        "username_invalid",
    )
    .await;
    let by_moderator = moderator
        .send(&app, Method::POST, "/api/admin/staff", Some(new.clone()))
        .await;
    assert_error(by_moderator, StatusCode::FORBIDDEN, "forbidden").await;

    let created = admin
        .send(&app, Method::POST, "/api/admin/staff", Some(new.clone()))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let again = admin
        .send(&app, Method::POST, "/api/admin/staff", Some(new))
        .await;
    assert_error(again, StatusCode::CONFLICT, "username_taken").await;
    let staff: Value = admin
        .send(&app, Method::GET, "/api/admin/staff", None)
        .await
        .json()
        .await
        .expect("staff");
    let names: Vec<&str> = staff
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["username"].as_str())
        .collect();
    assert_eq!(names, ["leitung", "moderation", "moderation.nord"]);
    login(&app, "moderation.nord", "noch ein langes Passwort").await;

    let log: Value = admin
        .send(&app, Method::GET, "/api/admin/audit", None)
        .await
        .json()
        .await
        .expect("audit");
    let lines: Vec<(String, String)> = log
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap_or("").to_owned(),
                e["action"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for expected in [
        ("leitung", "staff.login"),
        ("moderation", "staff.login"),
        ("leitung", "staff.create"),
        ("moderation.nord", "staff.login"),
    ] {
        assert!(
            lines.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {lines:?}"
        );
    }
    let create = log
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|e| e["action"] == "staff.create" && e["target"] == "moderation.nord")
        })
        .expect("the creation");
    assert_eq!(create["actor"], "leitung", "who did it");
    assert!(create["after"].as_str().unwrap_or("").contains("moderator"));

    let csv = admin
        .send(&app, Method::GET, "/api/admin/audit.csv", None)
        .await;
    assert!(csv.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/csv"));
    let text = csv.text().await.expect("csv");
    let mut rows = text.lines();
    assert_eq!(rows.next(), Some("seq,at,actor,action,target,before,after"));
    assert_eq!(rows.count(), log.as_array().map_or(0, Vec::len));
}

/// Every endpoint × every kind of caller: allowed means "not 401/403", denied means exactly
/// that. A new endpoint must be added here with its permission.
#[tokio::test]
async fn the_permission_matrix_holds_for_every_endpoint_and_role() {
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Who {
        Anonymous,
        Participant,
        /// A DigitalSupporter, invited to the matrix below.
        Expert,
        Moderator,
        Admin,
    }
    use Who::*;
    let app = TestApp::spawn().await;
    let admin = with_admin(&app).await;
    let moderator = login(&app, DEMO.0, DEMO.1).await;
    werkstadt_server::create_user(&app.db, Role::Expert, "digital.supporter", ADMIN.1)
        .await
        .expect("creates the expert");
    let expert = login(&app, "digital.supporter", ADMIN.1).await;
    let participant = common::Participant::new();
    let theme = app.theme("Bildung").await;
    let idea: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let idea_id = idea["ideas"][0]["id"].as_str().expect("idea").to_owned();
    let process_id = app.overview().await.process.id;
    let project_draft = json!({"theme_id": theme.id, "title": "Matrix-Projekt",
        "responsible": "Stadtverwaltung", "starts_on": 0});
    let res = admin
        .send(
            &app,
            Method::POST,
            "/api/moderation/projects",
            Some(project_draft.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let project: Value = res.json().await.expect("project");
    let project_id = project["id"].as_str().expect("project id").to_owned();
    let matrix_draft = json!({"title": "Matrix", "options": [{"title": "Verein"}],
        "criteria": [{"title": "Außenwirkung"}]});
    let res = admin
        .send(
            &app,
            Method::POST,
            &format!("/api/moderation/processes/{process_id}/matrices"),
            Some(matrix_draft.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let matrix_id = res.json::<Value>().await.expect("matrix")["id"]
        .as_str()
        .expect("matrix id")
        .to_owned();
    let experts: Value = admin
        .send(&app, Method::GET, "/api/moderation/experts", None)
        .await
        .json()
        .await
        .expect("experts");
    let res = admin
        .send(
            &app,
            Method::POST,
            &format!("/api/moderation/matrices/{matrix_id}/experts"),
            Some(json!({"staff_id": experts[0]["id"]})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let workshop_draft = json!({"title": "Zukunftswerkstatt", "place": "WissensWerkStadt",
        "starts_at": 0, "ends_at": 4_102_444_800_000_i64});
    let res = admin
        .send(
            &app,
            Method::POST,
            &format!("/api/moderation/processes/{process_id}/workshops"),
            Some(workshop_draft.clone()),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let workshop: Value = res.json().await.expect("workshop");
    let (workshop_id, join_code) = (
        workshop["id"].as_str().expect("workshop id").to_owned(),
        workshop["code"].as_str().expect("join code").to_owned(),
    );
    let everyone = &[Anonymous, Participant, Expert, Moderator, Admin][..];
    // Staff are participants too (on their own device identity).
    let participants = &[Participant, Expert, Moderator, Admin][..];
    // Any staff account: its own session, and the matrices it is invited to.
    let signed = &[Expert, Moderator, Admin][..];
    let staff = &[Moderator, Admin][..];
    let admins = &[Admin][..];
    let push = json!({"protocol": 1, "mutations": []});
    let matrix: Vec<(Method, String, Option<Value>, &[Who])> = vec![
        (Method::GET, "/api/health".into(), None, everyone),
        (Method::GET, "/api/process".into(), None, everyone),
        (Method::GET, "/api/results".into(), None, everyone),
        (
            Method::GET,
            format!("/api/themes/{}/ideas", theme.id),
            None,
            everyone,
        ),
        (Method::GET, format!("/api/ideas/{idea_id}"), None, everyone),
        (
            Method::GET,
            format!("/api/ideas/{idea_id}/comments"),
            None,
            everyone,
        ),
        (Method::GET, "/api/openapi.json".into(), None, everyone),
        (
            Method::GET,
            "/api/ideas/similar?q=wlan".into(),
            None,
            everyone,
        ),
        (
            Method::POST,
            "/api/ideas".into(),
            Some(common::new_idea(
                uuid::Uuid::now_v7(),
                &theme,
                "Eine neue Idee",
                "Text",
            )),
            participants,
        ),
        (
            Method::PUT,
            format!("/api/ideas/{idea_id}/support"),
            Some(json!({"supported": true})),
            participants,
        ),
        (
            Method::POST,
            format!("/api/ideas/{idea_id}/comments"),
            Some(json!({"id": uuid::Uuid::now_v7(), "body": "Gute Idee"})),
            participants,
        ),
        (
            Method::PUT,
            "/api/dots".into(),
            Some(json!({"allocations": []})),
            participants,
        ),
        (Method::GET, "/api/me".into(), None, participants),
        (Method::GET, "/api/me/data".into(), None, participants),
        (
            Method::POST,
            "/api/sync/push".into(),
            Some(push),
            participants,
        ),
        (
            Method::GET,
            "/api/sync/pull?protocol=1&cursor=0".into(),
            None,
            participants,
        ),
        (
            Method::POST,
            "/api/sync/push".into(),
            Some(json!({"protocol": 1, "mutations": [
                {"id": uuid::Uuid::now_v7(), "kind": {"decide": {"idea_id": idea_id, "decision": {"answer": {"status": "received", "text": "Danke!"}}}}}
            ]})),
            staff,
        ),
        (Method::GET, "/api/moderation/queue".into(), None, staff),
        (
            Method::POST,
            "/api/moderation/reports/dismiss".into(),
            Some(json!({"target": {"idea": idea_id}})),
            staff,
        ),
        (
            Method::PUT,
            "/api/admin/process/moderation".into(),
            Some(json!({"mode": "post"})),
            admins,
        ),
        (
            Method::POST,
            "/api/reports".into(),
            Some(
                json!({"id": uuid::Uuid::now_v7(), "target": {"idea": idea_id}, "reason": "Test"}),
            ),
            participants,
        ),
        (
            Method::POST,
            "/api/codes/redeem".into(),
            Some(json!({"code": "AAAA-BBBB-CCCC"})),
            participants,
        ),
        (
            Method::POST,
            "/api/admin/codes".into(),
            Some(json!({"count": 1, "label": "Matrix"})),
            admins,
        ),
        (
            Method::PUT,
            "/api/admin/process/verification".into(),
            Some(json!({"verified_only": false})),
            admins,
        ),
        (Method::GET, "/api/processes".into(), None, everyone),
        (
            Method::GET,
            format!("/api/processes/{process_id}"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/processes/{process_id}/results"),
            None,
            everyone,
        ),
        (
            Method::POST,
            "/api/admin/processes".into(),
            Some(json!({"title": "Zweiter Prozess", "starts_at": 0, "ends_at": 1})),
            admins,
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{process_id}"),
            Some(json!({"title": "", "starts_at": 0, "ends_at": 1})),
            admins,
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{process_id}/current"),
            None,
            admins,
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{process_id}/phases"),
            Some(json!({"phases": [{"title": "x", "starts_at": 2, "ends_at": 1}]})),
            admins,
        ),
        (
            Method::POST,
            format!("/api/admin/processes/{process_id}/themes"),
            Some(json!({"title": ""})),
            admins,
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{process_id}/theme-order"),
            Some(json!({"theme_ids": []})),
            admins,
        ),
        (
            Method::PUT,
            format!("/api/admin/themes/{}", theme.id),
            Some(json!({"title": ""})),
            admins,
        ),
        (Method::GET, "/api/projects".into(), None, everyone),
        (
            Method::GET,
            format!("/api/projects/{project_id}"),
            None,
            everyone,
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            Some(project_draft),
            staff,
        ),
        (
            Method::PUT,
            format!("/api/moderation/projects/{project_id}"),
            Some(json!({"theme_id": theme.id, "title": "", "responsible": "x", "starts_on": 0})),
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/projects/{project_id}/milestones"),
            Some(json!({"title": "Ausschreibung", "due_on": 1})),
            staff,
        ),
        (
            Method::PUT,
            format!(
                "/api/moderation/projects/{project_id}/milestones/{}",
                uuid::Uuid::now_v7()
            ),
            Some(json!({"title": "Ausschreibung", "due_on": 1})),
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/projects/{project_id}/decisions"),
            Some(json!({})),
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/projects/{project_id}/updates"),
            Some(json!({"text": "Es geht los."})),
            staff,
        ),
        // Harmless: an unknown project (404), an incomplete decision (422), an unknown
        // decision (404).
        (
            Method::DELETE,
            format!("/api/moderation/projects/{}", uuid::Uuid::now_v7()),
            None,
            staff,
        ),
        (
            Method::GET,
            format!("/api/ideas/{idea_id}/decisions"),
            None,
            everyone,
        ),
        (
            Method::POST,
            format!("/api/moderation/ideas/{idea_id}/decisions"),
            Some(json!({})),
            staff,
        ),
        (
            Method::DELETE,
            format!(
                "/api/moderation/ideas/{idea_id}/decisions/{}",
                uuid::Uuid::now_v7()
            ),
            None,
            staff,
        ),
        (
            Method::GET,
            format!("/api/processes/{process_id}/matrices"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/processes/{process_id}/participation"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/moderation/processes/{process_id}/report?body=verwaltungsvorstand"),
            None,
            staff,
        ),
        (
            Method::GET,
            format!("/api/moderation/processes/{process_id}/matrices"),
            None,
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/processes/{process_id}/matrices"),
            Some(matrix_draft),
            staff,
        ),
        (
            Method::GET,
            format!("/api/moderation/matrices/{matrix_id}"),
            None,
            staff,
        ),
        (
            Method::PUT,
            format!("/api/moderation/matrices/{matrix_id}"),
            Some(json!({"title": ""})),
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/matrices/{matrix_id}/experts"),
            Some(json!({"staff_id": uuid::Uuid::now_v7()})),
            staff,
        ),
        (
            Method::PUT,
            format!("/api/moderation/matrices/{matrix_id}/state"),
            Some(json!({"state": "open"})),
            staff,
        ),
        (Method::GET, "/api/moderation/experts".into(), None, staff),
        (Method::GET, "/api/staff/matrices".into(), None, signed),
        (
            Method::GET,
            format!("/api/staff/matrices/{matrix_id}"),
            None,
            signed,
        ),
        (
            Method::PUT,
            format!("/api/staff/matrices/{matrix_id}/sheet"),
            Some(json!({"scores": []})),
            signed,
        ),
        (
            Method::GET,
            format!("/api/workshops/{join_code}"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/workshops/{join_code}/qr.svg"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/workshops/{workshop_id}/wall"),
            None,
            everyone,
        ),
        (
            Method::GET,
            format!("/api/moderation/processes/{process_id}/workshops"),
            None,
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/processes/{process_id}/workshops"),
            Some(workshop_draft.clone()),
            staff,
        ),
        (
            Method::PUT,
            format!("/api/moderation/workshops/{workshop_id}"),
            Some(workshop_draft.clone()),
            staff,
        ),
        (
            Method::POST,
            format!("/api/workshops/{join_code}/join"),
            None,
            participants,
        ),
        (
            Method::DELETE,
            format!("/api/workshops/{join_code}/join"),
            None,
            participants,
        ),
        // Harmless: an unknown workshop (404).
        (
            Method::DELETE,
            "/api/moderation/workshops/00000000-0000-7000-8000-000000000000".into(),
            None,
            staff,
        ),
        (Method::GET, "/api/staff/me".into(), None, signed),
        (Method::GET, "/api/admin/staff".into(), None, admins),
        (
            Method::POST,
            "/api/admin/staff".into(),
            Some(json!({"username": "x", "password": "y", "role": "moderator"})),
            admins,
        ),
        // Harmless bodies: an unknown account (404), a wrong current password (422).
        (
            Method::PUT,
            "/api/admin/staff/niemand/active".into(),
            Some(json!({"active": false})),
            admins,
        ),
        (
            Method::PUT,
            "/api/admin/staff/niemand/password".into(),
            Some(json!({"password": "ein ganz neues Passwort"})),
            admins,
        ),
        (
            Method::PUT,
            "/api/staff/me/password".into(),
            Some(json!({"current": "falsch", "password": "ein ganz neues Passwort"})),
            signed,
        ),
        (Method::GET, "/api/admin/audit".into(), None, admins),
        (Method::GET, "/api/admin/audit.csv".into(), None, admins),
        // Kiosks: staff set them up and revoke them (an unknown one: 404); pairing is open to
        // anyone with a code (a wrong one: 422); a kiosk's own read needs its credential.
        (Method::GET, "/api/moderation/kiosks".into(), None, staff),
        (
            Method::POST,
            "/api/moderation/kiosks".into(),
            Some(json!({"label": "Eingang"})),
            staff,
        ),
        (
            Method::POST,
            format!("/api/moderation/kiosks/{}/revoke", uuid::Uuid::now_v7()),
            None,
            staff,
        ),
        (
            Method::POST,
            "/api/kiosk/pair".into(),
            Some(json!({"code": "AAAA-BBBB", "pin": "1234"})),
            everyone,
        ),
        (Method::GET, "/api/kiosk/me".into(), None, &[]),
        // Last: it deletes the caller's identity.
        (Method::DELETE, "/api/me".into(), None, participants),
    ];
    for (method, path, body, allowed) in &matrix {
        for who in [Anonymous, Participant, Expert, Moderator, Admin] {
            let res = match who {
                Anonymous => {
                    let mut r = app.client.request(method.clone(), app.url(path));
                    if let Some(b) = body {
                        r = r.json(b);
                    }
                    r.send().await.expect("request")
                }
                Participant => {
                    let b = body.clone().unwrap_or(Value::Null);
                    participant.send(&app, method.clone(), path, &b).await
                }
                Expert => expert.send(&app, method.clone(), path, body.clone()).await,
                Moderator => {
                    moderator
                        .send(&app, method.clone(), path, body.clone())
                        .await
                }
                Admin => admin.send(&app, method.clone(), path, body.clone()).await,
            };
            let status = res.status();
            let denied = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            assert_eq!(
                !denied,
                allowed.contains(&who),
                "{method} {path} as {who:?}: {status} {}",
                res.text().await.unwrap_or_default()
            );
        }
    }
    // Sign-out last (it ends the sessions used above).
    for (signed, who) in [
        (&expert, "expert"),
        (&moderator, "moderator"),
        (&admin, "admin"),
    ] {
        let res = signed
            .send(&app, Method::POST, "/api/staff/logout", None)
            .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{who}");
    }
    let res = app
        .client
        .post(app.url("/api/staff/logout"))
        .send()
        .await
        .expect("logout");
    assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
}

/// A session ends by itself: once its expiry has passed, the cookie signs nobody in.
#[tokio::test]
async fn an_expired_session_signs_nobody_in() {
    let app = TestApp::spawn().await;
    let me = login(&app, DEMO.0, DEMO.1).await;
    let ok = me.send(&app, Method::GET, "/api/staff/me", None).await;
    assert_eq!(ok.status(), StatusCode::OK);
    // Nine hours later (the clock is moved by ageing the stored session).
    let conn = rusqlite::Connection::open(&app.db).expect("opens the database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    let aged = conn
        .execute(
            "UPDATE staff_session SET expires_at = expires_at - ?1",
            [werkstadt_domain::staff::SESSION_HOURS * 3_600_000],
        )
        .expect("ages the session");
    assert_eq!(aged, 1);
    let res = me.send(&app, Method::GET, "/api/staff/me", None).await;
    assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
}

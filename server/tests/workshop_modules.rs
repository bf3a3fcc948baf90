//! A workshop's modules decide what its participants may do while it runs: a joined phone's or
//! a kiosk visitor's contribution made during the workshop is accepted for a module iff the
//! workshop opens it — also where the process's phases say otherwise — and refused with
//! `409 workshop_closed` when it does not; outside the workshop's time the phases decide as
//! before. The REST writes are tagged and gated exactly like the sync push, and a kiosk
//! without a reset time of its own follows its workshop's.

mod common;

use common::staff::{admin, Moderator};
use common::workshops::{create, create_idea, idea_channel, now, participants_by_channel, HOUR};
use common::{assert_error, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::kiosk::{KioskPaired, KioskPairing, KioskRecord, KioskSettings};

const DAY: i64 = 24 * HOUR;

/// The demo process with two phases: ideas, supports and comments until tomorrow, dots only
/// after that.
async fn dots_later(app: &TestApp, admin: &Moderator) {
    let p = app.overview().await.process;
    let t = now();
    let res = admin
        .send(
            app,
            Method::PUT,
            &format!("/api/admin/processes/{}/phases", p.id),
            Some(json!({"phases": [
                {"title": "Ideensammlung", "starts_at": p.starts_at, "ends_at": t + DAY,
                 "open": {"ideas": true, "supports": true, "comments": true}},
                {"title": "Bewertung", "starts_at": t + DAY, "ends_at": t + 2 * DAY,
                 "open": {"dots": true}}]})),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
}

/// A workshop running now (from an hour ago for two hours) that opens `open`.
async fn workshop(app: &TestApp, staff: &Moderator, open: Value) -> Value {
    let t = now();
    create(
        app,
        staff,
        json!({"title": "Punkte-Workshop", "place": "WissensWerkStadt",
               "starts_at": t - HOUR, "ends_at": t + HOUR, "open": open, "reset_secs": 120}),
    )
    .await
}

fn set_dots(theme: &str) -> Value {
    json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": [{"theme_id": theme, "points": 2}]}}})
}

/// A mutation id made `ago_ms` before now (UUIDv7 carries its time).
fn made_ago(ago_ms: i64) -> Uuid {
    let ms = u64::try_from(now() - ago_ms).expect("after 1970");
    Uuid::new_v7(uuid::Timestamp::from_unix(
        uuid::NoContext,
        ms / 1000,
        u32::try_from(ms % 1000).expect("ms") * 1_000_000,
    ))
}

/// Pushes `mutations` as `p` and answers each outcome (`applied` or the refusal's code).
async fn outcomes(app: &TestApp, p: &Participant, mutations: Vec<Value>) -> Vec<String> {
    let res = p
        .post(
            app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": mutations}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("json");
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| match r["outcome"].as_str() {
            Some(o) => o.to_owned(),
            None => r["outcome"]["rejected"]["code"]
                .as_str()
                .unwrap_or("?")
                .to_owned(),
        })
        .collect()
}

async fn join(app: &TestApp, p: &Participant, code: &str) {
    let res = p
        .post(app, &format!("/api/workshops/{code}/join"), &Value::Null)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn while_a_workshop_runs_its_modules_decide_for_its_participants() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    dots_later(&app, &admin).await;
    let w = workshop(&app, &admin, json!({"dots": true})).await;
    let code = w["code"].as_str().expect("code");
    let theme = app.overview().await.themes[0].id.to_string();

    // At home, the phases decide: ideas yes, dots not yet.
    let home = Participant::new();
    assert_eq!(
        outcomes(
            &app,
            &home,
            vec![create_idea(&theme, "Idee von zu Hause"), set_dots(&theme)]
        )
        .await,
        ["applied", "phase_closed"]
    );

    // A phone at the dot-voting workshop: dots open before the online phase, ideas closed.
    let phone = Participant::new();
    join(&app, &phone, code).await;
    assert_eq!(
        outcomes(
            &app,
            &phone,
            vec![set_dots(&theme), create_idea(&theme, "Idee im Workshop")]
        )
        .await,
        ["applied", "workshop_closed"]
    );
    // Made before the workshop began (sent now): the phases decide, and it counts as web.
    let mut early = create_idea(&theme, "Idee vor dem Workshop");
    early["id"] = json!(made_ago(2 * HOUR));
    assert_eq!(outcomes(&app, &phone, vec![early]).await, ["applied"]);
    assert_eq!(
        idea_channel(&app, "Idee vor dem Workshop"),
        ("web".to_owned(), None)
    );

    // The same rule for the REST writes.
    let idea = json!({"id": Uuid::now_v7(), "theme_id": theme, "title": "Idee per REST",
                      "body": "Im Workshop geschrieben."});
    let res = phone.post(&app, "/api/ideas", &idea).await;
    assert_error(res, StatusCode::CONFLICT, "workshop_closed").await;
    let ballot = json!({"allocations": [{"theme_id": theme, "points": 3}]});
    let res = phone.put(&app, "/api/dots", &ballot).await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = home.put(&app, "/api/dots", &ballot).await;
    assert_error(res, StatusCode::CONFLICT, "phase_closed").await;

    // The refused ballots wrote nothing.
    let conn = rusqlite::Connection::open(&app.db).expect("opens");
    let home_dots: u32 = conn
        .query_row(
            "SELECT COUNT(*) FROM dot_vote WHERE participant_id = ?1",
            [home.id.to_string()],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(home_dots, 0);
}

async fn paired_kiosk(
    app: &TestApp,
    staff: &Moderator,
    body: Value,
) -> (KioskPairing, KioskPaired) {
    let res = staff
        .send(app, Method::POST, "/api/moderation/kiosks", Some(body))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let pairing: KioskPairing = res.json().await.expect("pairing");
    let res = app
        .client
        .post(app.url("/api/kiosk/pair"))
        .json(&json!({"code": pairing.code, "pin": "2468"}))
        .send()
        .await
        .expect("pair");
    assert_eq!(res.status(), StatusCode::OK);
    (pairing, res.json().await.expect("paired"))
}

#[tokio::test]
async fn rest_writes_of_joined_phones_and_kiosk_visitors_count_for_the_workshop() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let w = workshop(
        &app,
        &admin,
        json!({"ideas": true, "supports": true, "dots": true}),
    )
    .await;
    let (id, code) = (
        w["id"].as_str().expect("id").to_owned(),
        w["code"].as_str().expect("code").to_owned(),
    );
    let (pairing, paired) =
        paired_kiosk(&app, &admin, json!({"label": "Foyer", "workshop_id": id})).await;
    // The kiosk knows its workshop, for the modules it offers.
    let settings = paired.settings.workshop.expect("the workshop");
    assert!(settings.open.dots && !settings.open.comments);
    let theme = app.overview().await.themes[0].id.to_string();
    let idea = |title: &str| {
        json!({"id": Uuid::now_v7(), "theme_id": theme, "title": title,
               "body": "Per REST geschrieben."})
    };

    let phone = Participant::new();
    join(&app, &phone, &code).await;
    let res = phone
        .post(&app, "/api/ideas", &idea("REST vom Handy"))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let visitor = Participant::new();
    let res = app
        .client
        .post(app.url("/api/ideas"))
        .header("x-kiosk-id", &pairing.kiosk_id)
        .header("x-kiosk-secret", &paired.secret)
        .header("x-participant-id", visitor.id.to_string())
        .header("x-participant-secret", &visitor.secret)
        .json(&idea("REST am Kiosk"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = Participant::new()
        .post(&app, "/api/ideas", &idea("REST von zu Hause"))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        idea_channel(&app, "REST vom Handy"),
        ("workshop".to_owned(), Some(id.clone()))
    );
    assert_eq!(
        idea_channel(&app, "REST am Kiosk"),
        ("kiosk".to_owned(), Some(id.clone()))
    );
    assert_eq!(
        idea_channel(&app, "REST von zu Hause"),
        ("web".to_owned(), None)
    );
    // A REST ballot of someone who only supports by REST counts too, per channel.
    let supporter = Participant::new();
    join(&app, &supporter, &code).await;
    let res = supporter
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme, "points": 1}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let wall: Value = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    assert_eq!(wall["participants_here"], 3, "{wall}");
    let by_channel = participants_by_channel(&app).await;
    assert_eq!(by_channel("workshop"), Some(json!(2)));
    assert_eq!(by_channel("kiosk"), Some(json!(1)));
}

async fn kiosk_settings(
    app: &TestApp,
    pairing: &KioskPairing,
    paired: &KioskPaired,
) -> KioskSettings {
    app.client
        .get(app.url("/api/kiosk/me"))
        .header("x-kiosk-id", &pairing.kiosk_id)
        .header("x-kiosk-secret", &paired.secret)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("settings")
}

#[tokio::test]
async fn a_kiosk_without_its_own_reset_time_follows_its_workshops() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let w = workshop(&app, &admin, json!({"ideas": true, "dots": true})).await;
    let id = w["id"].as_str().expect("id").to_owned();
    let (follows, follows_paired) =
        paired_kiosk(&app, &admin, json!({"label": "Foyer", "workshop_id": id})).await;
    let (own, own_paired) = paired_kiosk(
        &app,
        &admin,
        json!({"label": "Eingang", "workshop_id": id, "reset_seconds": 45}),
    )
    .await;
    assert_eq!(follows_paired.settings.reset_seconds, 120);
    assert_eq!(own_paired.settings.reset_seconds, 45);

    // The workshop's reset time changes: the kiosk without its own follows, the other not.
    let mut changed = w.clone();
    changed["reset_secs"] = json!(300);
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/moderation/workshops/{id}"),
            Some(changed),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        kiosk_settings(&app, &follows, &follows_paired)
            .await
            .reset_seconds,
        300
    );
    assert_eq!(
        kiosk_settings(&app, &own, &own_paired).await.reset_seconds,
        45
    );
    let listed: Vec<KioskRecord> = admin
        .send(&app, Method::GET, "/api/moderation/kiosks", None)
        .await
        .json()
        .await
        .expect("kiosks");
    let row = |label: &str| {
        listed
            .iter()
            .find(|k| k.label == label)
            .map(|k| (k.reset_seconds, k.reset_follows_workshop))
    };
    assert_eq!(row("Foyer"), Some((300, true)));
    assert_eq!(row("Eingang"), Some((45, false)));
    // Without a workshop: 90 s, its own.
    let (_, alone) = paired_kiosk(&app, &admin, json!({"label": "Bücherei"})).await;
    assert_eq!(alone.settings.reset_seconds, 90);
    assert_eq!(alone.settings.workshop, None);
}

//! Channels across features: a kiosk set up for a workshop counts its visitors as `kiosk` for
//! that workshop (on the wall and in the public statistics), a phone that joined the workshop
//! as `workshop`, everyone else as `web`; nobody is counted twice.

mod common;

use common::staff::{sign_in, DEMO};
use common::workshops::{
    create, create_idea, draft, idea_channel, now, participants_by_channel, push, HOUR,
};
use common::{assert_error, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::kiosk::{KioskPaired, KioskPairing};

#[tokio::test]
async fn kiosk_visitors_and_joined_phones_count_for_their_workshop_by_channel() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let workshop = create(&app, &staff, draft("Zukunftswerkstatt", t - HOUR, t + HOUR)).await;
    let (workshop_id, code) = (
        workshop["id"].as_str().expect("id").to_owned(),
        workshop["code"].as_str().expect("code").to_owned(),
    );

    // A kiosk for a workshop that does not exist is refused; for this one it is set up.
    let res = staff
        .send(
            &app,
            Method::POST,
            "/api/moderation/kiosks",
            Some(json!({"label": "Foyer", "workshop_id": uuid::Uuid::now_v7()})),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "unknown_workshop").await;
    let res = staff
        .send(
            &app,
            Method::POST,
            "/api/moderation/kiosks",
            Some(json!({"label": "Foyer", "workshop_id": workshop_id})),
        )
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
    let paired: KioskPaired = res.json().await.expect("paired");

    let theme = app.overview().await.themes[0].id.to_string();
    // A visitor at the kiosk.
    let visitor = Participant::new();
    let res = app
        .client
        .post(app.url("/api/sync/push"))
        .header("x-kiosk-id", &pairing.kiosk_id)
        .header("x-kiosk-secret", &paired.secret)
        .header("x-participant-id", visitor.id.to_string())
        .header("x-participant-secret", &visitor.secret)
        .json(&json!({"protocol": 1, "mutations": [create_idea(&theme, "Idee am Kiosk")]}))
        .send()
        .await
        .expect("push");
    assert_eq!(res.status(), StatusCode::OK);
    // A phone that joined by the QR code, and someone at home.
    push(
        &app,
        &Participant::new(),
        vec![create_idea(&theme, "Idee vom Handy")],
        Some(&code),
    )
    .await;
    push(
        &app,
        &Participant::new(),
        vec![create_idea(&theme, "Idee von zu Hause")],
        None,
    )
    .await;

    assert_eq!(
        idea_channel(&app, "Idee am Kiosk"),
        ("kiosk".to_owned(), Some(workshop_id.clone()))
    );
    assert_eq!(
        idea_channel(&app, "Idee vom Handy"),
        ("workshop".to_owned(), Some(workshop_id.clone()))
    );
    assert_eq!(
        idea_channel(&app, "Idee von zu Hause"),
        ("web".to_owned(), None)
    );

    // The wall counts the kiosk visitor and the phone for the workshop.
    let wall: Value = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    assert_eq!(wall["participants_here"], 2, "{wall}");

    // The public statistics: one participant per channel, nobody twice.
    let by_channel = participants_by_channel(&app).await;
    assert_eq!(by_channel("kiosk"), Some(json!(1)));
    assert_eq!(by_channel("workshop"), Some(json!(1)));
}

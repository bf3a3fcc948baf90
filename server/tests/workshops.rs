//! Workshops: staff create, edit, list and delete them (validated, audit-logged); anyone reads
//! one by its join code; pushes from phones attached to a running workshop are counted for it
//! (channel `workshop`), others as web or participation code.

mod common;

use common::staff::{admin, sign_in, DEMO};
use common::workshops::{create, create_idea, draft, idea_channel, now, push, send, HOUR};
use common::{assert_error, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::workshop::WallData;

#[tokio::test]
async fn staff_create_edit_list_and_delete_workshops_and_anyone_reads_one_by_its_code() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let w = create(
        &app,
        &staff,
        draft("Zukunftswerkstatt Mobilität", t, t + HOUR),
    )
    .await;
    let code = w["code"].as_str().expect("code").to_owned();
    assert_eq!(code.len(), 6);
    assert_eq!(w["reset_secs"], 120);
    assert_eq!(
        w["open"],
        json!({"ideas": true, "supports": false, "dots": true, "comments": false})
    );

    // Public read by code, forgiving about case and hyphens; by id too.
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    let read: Value = app.get_json(&format!("/api/workshops/{typed}")).await;
    assert_eq!(read, w);
    let by_id: Value = app
        .get_json(&format!("/api/workshops/{}", w["id"].as_str().expect("id")))
        .await;
    assert_eq!(by_id, w);
    assert_error(
        app.get("/api/workshops/ZZZZZZ").await,
        StatusCode::NOT_FOUND,
        "unknown_workshop",
    )
    .await;
    let qr = app.get(&format!("/api/workshops/{code}/qr.svg")).await;
    assert_eq!(qr.status(), StatusCode::OK);
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.expect("svg").contains("<svg"));

    // Edit keeps the code; list shows it; a second one gets another code.
    let id = w["id"].as_str().expect("id").to_owned();
    let (status, edited) = send(
        &app,
        &staff,
        Method::PUT,
        &format!("/api/moderation/workshops/{id}"),
        Some(draft("Zukunftswerkstatt Bildung", t, t + 2 * HOUR)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (edited["code"].clone(), edited["title"].clone()),
        (json!(code), json!("Zukunftswerkstatt Bildung"))
    );
    let other = create(
        &app,
        &staff,
        draft("Zweiter Termin", t + 3 * HOUR, t + 4 * HOUR),
    )
    .await;
    assert_ne!(other["code"], edited["code"]);
    let process = app.overview().await.process.id;
    let (_, list) = send(
        &app,
        &staff,
        Method::GET,
        &format!("/api/moderation/processes/{process}/workshops"),
        None,
    )
    .await;
    assert_eq!(list, json!([edited, other]));

    // Delete, then it is gone; audit lines for each change.
    let res = staff
        .send(
            &app,
            Method::DELETE,
            &format!("/api/moderation/workshops/{id}"),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.get(&format!("/api/workshops/{code}")).await,
        StatusCode::NOT_FOUND,
        "unknown_workshop",
    )
    .await;
    let admin = admin(&app).await;
    let audit = admin.audit_log(&app).await.to_string();
    for action in ["workshop.create", "workshop.edit", "workshop.delete"] {
        assert!(audit.contains(action), "{action} in {audit}");
    }
}

#[tokio::test]
async fn bad_workshop_drafts_are_refused_with_their_code_and_change_nothing() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let process = app.overview().await.process.id;
    let path = format!("/api/moderation/processes/{process}/workshops");
    let t = now();
    let cases = [
        (
            draft("Werkstatt", t, t),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dates_invalid",
        ),
        (
            draft("W", t, t + HOUR),
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_short",
        ),
        (
            {
                let mut d = draft("Werkstatt", t, t + HOUR);
                d["reset_secs"] = json!(20);
                d
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "reset_out_of_range",
        ),
        (
            {
                let mut d = draft("Werkstatt", t, t + HOUR);
                d["place"] = json!("");
                d
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_short",
        ),
        (
            {
                let mut d = draft("Werkstatt", t, t + HOUR);
                d["title"] = json!("<b>Werkstatt</b>");
                d
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_invalid",
        ),
    ];
    for (d, status, code) in cases {
        assert_error(
            staff.send(&app, Method::POST, &path, Some(d)).await,
            status,
            code,
        )
        .await;
    }
    let res = app
        .client
        .post(app.url(&path))
        .header("cookie", &staff.cookie)
        .header(werkstadt_domain::staff::CSRF_HEADER, &staff.csrf)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .expect("request");
    assert_error(res, StatusCode::BAD_REQUEST, "malformed_json").await;
    assert_error(
        staff
            .send(
                &app,
                Method::POST,
                "/api/moderation/processes/00000000-0000-7000-8000-000000000000/workshops",
                Some(draft("Werkstatt", t, t + HOUR)),
            )
            .await,
        StatusCode::NOT_FOUND,
        "unknown_process",
    )
    .await;
    assert_error(
        staff
            .send(
                &app,
                Method::PUT,
                "/api/moderation/workshops/00000000-0000-7000-8000-000000000000",
                Some(draft("Werkstatt", t, t + HOUR)),
            )
            .await,
        StatusCode::NOT_FOUND,
        "unknown_workshop",
    )
    .await;
    let (_, list) = send(&app, &staff, Method::GET, &path, None).await;
    assert_eq!(list, json!([]), "nothing was written");
}

#[tokio::test]
async fn a_push_made_during_a_workshop_counts_for_it_and_others_count_as_web_or_code() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let running = create(&app, &staff, draft("Läuft jetzt", t - HOUR, t + HOUR)).await;
    let over = create(
        &app,
        &staff,
        draft("Schon vorbei", t - 3 * HOUR, t - 2 * HOUR),
    )
    .await;
    let code = running["code"].as_str().expect("code");
    let theme = app.theme("Bildung").await.id.to_string();

    let phone = Participant::new();
    push(
        &app,
        &phone,
        vec![create_idea(&theme, "Idee vom Handy in der Werkstatt")],
        Some(code),
    )
    .await;
    let late = Participant::new();
    push(
        &app,
        &late,
        vec![create_idea(&theme, "Idee nach der Werkstatt")],
        over["code"].as_str(),
    )
    .await;
    let stray = Participant::new();
    push(
        &app,
        &stray,
        vec![create_idea(&theme, "Idee mit falschem Code")],
        Some("ZZZZZZ"),
    )
    .await;
    let web = Participant::new();
    push(
        &app,
        &web,
        vec![create_idea(&theme, "Idee von zu Hause")],
        None,
    )
    .await;

    assert_eq!(
        idea_channel(&app, "Idee vom Handy in der Werkstatt"),
        (
            "workshop".to_owned(),
            running["id"].as_str().map(str::to_owned)
        )
    );
    for title in [
        "Idee nach der Werkstatt",
        "Idee mit falschem Code",
        "Idee von zu Hause",
    ] {
        assert_eq!(
            idea_channel(&app, title),
            ("web".to_owned(), None),
            "{title}"
        );
    }

    // A participant with a redeemed participation code counts as `code`.
    let admin = admin(&app).await;
    let codes: Value = admin
        .issue_codes(&app, 1, "Werkstatt")
        .await
        .json()
        .await
        .expect("codes");
    let verified = Participant::new();
    let res = verified
        .post(
            &app,
            "/api/codes/redeem",
            &json!({"code": codes["codes"][0]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    push(
        &app,
        &verified,
        vec![create_idea(&theme, "Idee mit Teilnahmecode")],
        None,
    )
    .await;
    assert_eq!(
        idea_channel(&app, "Idee mit Teilnahmecode"),
        ("code".to_owned(), None)
    );

    // The channel of each participant, as the statistics read it.
    let store = werkstadt_server::storage::Store::open(&app.db)
        .await
        .expect("opens");
    let process = app.overview().await.process.id;
    let tag = store
        .channel_of(werkstadt_domain::ParticipantId(phone.id), process)
        .await
        .expect("reads")
        .expect("took part");
    assert_eq!(tag.channel, werkstadt_domain::channel::Channel::Workshop);
    assert_eq!(
        tag.workshop.map(|w| w.to_string()),
        running["id"].as_str().map(str::to_owned)
    );
    let tag = store
        .channel_of(werkstadt_domain::ParticipantId(verified.id), process)
        .await
        .expect("reads")
        .expect("took part");
    assert_eq!(tag.channel, werkstadt_domain::channel::Channel::Code);
    assert_eq!(
        store
            .channel_of(werkstadt_domain::ParticipantId(Uuid::now_v7()), process)
            .await
            .expect("reads"),
        None
    );

    // The wall counts the workshop's phone only, the process everyone who took part.
    let wall: WallData = app.get_json(&format!("/api/workshops/{code}/wall")).await;
    assert_eq!(wall.participants_here, 1);
    let over_wall: WallData = app
        .get_json(&format!(
            "/api/workshops/{}/wall",
            over["code"].as_str().expect("code")
        ))
        .await;
    assert_eq!(over_wall.participants_here, 0);
    assert!(wall.participants_total >= 5, "{}", wall.participants_total);
}

#[tokio::test]
async fn a_phone_that_joined_by_the_qr_link_counts_for_the_workshop_until_it_leaves() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let t = now();
    let w = create(&app, &staff, draft("Beitritt per QR", t - HOUR, t + HOUR)).await;
    let code = w["code"].as_str().expect("code");
    let theme = app.theme("Bildung").await.id.to_string();
    let phone = Participant::new();
    let anonymous = app
        .client
        .post(app.url(&format!("/api/workshops/{code}/join")))
        .send()
        .await
        .expect("request");
    assert_error(anonymous, StatusCode::UNAUTHORIZED, "auth_required").await;
    assert_error(
        phone
            .post(&app, "/api/workshops/ZZZZZZ/join", &Value::Null)
            .await,
        StatusCode::NOT_FOUND,
        "unknown_workshop",
    )
    .await;
    let res = phone
        .post(&app, &format!("/api/workshops/{code}/join"), &Value::Null)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Pushes need not name the workshop: the server knows the phone joined it.
    push(
        &app,
        &phone,
        vec![create_idea(&theme, "Idee nach dem Scannen")],
        None,
    )
    .await;
    assert_eq!(
        idea_channel(&app, "Idee nach dem Scannen"),
        ("workshop".to_owned(), w["id"].as_str().map(str::to_owned))
    );
    let res = phone
        .send(
            &app,
            Method::DELETE,
            &format!("/api/workshops/{code}/join"),
            &Value::Null,
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    push(
        &app,
        &phone,
        vec![create_idea(&theme, "Idee nach dem Verlassen")],
        None,
    )
    .await;
    assert_eq!(
        idea_channel(&app, "Idee nach dem Verlassen"),
        ("web".to_owned(), None)
    );
}

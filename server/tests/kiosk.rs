//! Kiosk mode through the API: pairing with a short-lived code, the kiosk credential's
//! limits (no moderation, only its own visitors, rate-limited), revocation, exit PIN, the
//! channel tag of what a kiosk creates, and one visitor = one participant.

mod common;

use common::staff::{sign_in, Moderator, DEMO};
use common::{assert_error, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::kiosk::{KioskPaired, KioskPairing, KioskRecord, VISITORS_PER_MINUTE};
use werkstadt_domain::sync::{Outcome, PushResponse};

struct Kiosk {
    id: String,
    secret: String,
}

async fn set_up(app: &TestApp, staff: &Moderator, label: &str) -> KioskPairing {
    let res = staff
        .send(
            app,
            Method::POST,
            "/api/moderation/kiosks",
            Some(json!({"label": label})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.expect("pairing")
}

async fn pair_raw(app: &TestApp, code: &str, pin: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/kiosk/pair"))
        .json(&json!({"code": code, "pin": pin}))
        .send()
        .await
        .expect("pair")
}

async fn paired(app: &TestApp, staff: &Moderator, label: &str) -> Kiosk {
    let pairing = set_up(app, staff, label).await;
    let res = pair_raw(app, &pairing.code.to_lowercase(), "2468").await;
    assert_eq!(res.status(), StatusCode::OK);
    let paired: KioskPaired = res.json().await.expect("paired");
    assert_eq!(paired.settings.kiosk_id, pairing.kiosk_id);
    assert_eq!(paired.settings.reset_seconds, 90);
    Kiosk {
        id: pairing.kiosk_id,
        secret: paired.secret,
    }
}

impl Kiosk {
    fn request(&self, app: &TestApp, method: Method, path: &str) -> reqwest::RequestBuilder {
        app.client
            .request(method, app.url(path))
            .header("x-kiosk-id", &self.id)
            .header("x-kiosk-secret", &self.secret)
    }

    /// A push of `visitor`'s mutations through this kiosk.
    async fn push(
        &self,
        app: &TestApp,
        visitor: &Participant,
        mutations: &[Value],
    ) -> reqwest::Response {
        self.request(app, Method::POST, "/api/sync/push")
            .header("x-participant-id", visitor.id.to_string())
            .header("x-participant-secret", &visitor.secret)
            .json(&json!({"protocol": 1, "mutations": mutations}))
            .send()
            .await
            .expect("push")
    }

    async fn outcomes(
        &self,
        app: &TestApp,
        visitor: &Participant,
        mutations: &[Value],
    ) -> Vec<Outcome> {
        let res = self.push(app, visitor, mutations).await;
        assert_eq!(res.status(), StatusCode::OK);
        let body: PushResponse = res.json().await.expect("push response");
        body.results.into_iter().map(|r| r.outcome).collect()
    }
}

fn dots(allocations: Value) -> Value {
    json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": allocations}}})
}

async fn kiosks(app: &TestApp, staff: &Moderator) -> Vec<KioskRecord> {
    let res = staff
        .send(app, Method::GET, "/api/moderation/kiosks", None)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("kiosks")
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    let admin = common::staff::admin(app).await;
    let log = admin.audit_log(app).await;
    log.as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn staff_pair_a_kiosk_which_is_listed_seen_and_audited() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let pairing = set_up(&app, &staff, "WissensWerkStadt Eingang").await;
    assert_eq!(pairing.code.len(), 9, "XXXX-XXXX: {}", pairing.code);
    let listed = kiosks(&app, &staff).await;
    assert_eq!(listed[0].paired_at, None);
    assert_eq!(listed[0].pairing_expires_at, Some(pairing.expires_at));
    // A bad PIN or a wrong code pairs nothing; the right code pairs once.
    assert_error(
        pair_raw(&app, &pairing.code, "12a4").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pin_invalid",
    )
    .await;
    assert_error(
        pair_raw(&app, "ZZZZ-ZZZZ", "1234").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pairing_code_invalid",
    )
    .await;
    let res = pair_raw(&app, &pairing.code, "1234").await;
    assert_eq!(res.status(), StatusCode::OK);
    let paired: KioskPaired = res.json().await.expect("paired");
    assert_eq!(paired.secret.len(), 64);
    assert_eq!(paired.settings.label, "WissensWerkStadt Eingang");
    assert_error(
        pair_raw(&app, &pairing.code, "1234").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pairing_code_invalid",
    )
    .await;
    let kiosk = Kiosk {
        id: pairing.kiosk_id.clone(),
        secret: paired.secret,
    };
    let res = kiosk
        .request(&app, Method::GET, "/api/kiosk/me")
        .send()
        .await
        .expect("me");
    assert_eq!(res.status(), StatusCode::OK);
    let listed = kiosks(&app, &staff).await;
    assert!(listed[0].paired_at.is_some() && listed[0].last_seen.is_some());
    assert_eq!(listed[0].created_by, DEMO.0);
    // The credential is no staff session, and not the kiosk with another secret.
    let res = kiosk
        .request(&app, Method::GET, "/api/moderation/queue")
        .send()
        .await
        .expect("queue");
    assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
    let forged = Kiosk {
        id: kiosk.id.clone(),
        secret: "ab".repeat(32),
    };
    let res = forged
        .request(&app, Method::GET, "/api/kiosk/me")
        .send()
        .await
        .expect("me");
    assert_error(res, StatusCode::UNAUTHORIZED, "kiosk_invalid").await;
    let actions = audit_actions(&app).await;
    assert!(actions.iter().any(|a| a == "kiosk.create"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "kiosk.pair"), "{actions:?}");
}

#[tokio::test]
async fn an_expired_pairing_code_pairs_nothing() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let pairing = set_up(&app, &staff, "Foyer").await;
    let conn = rusqlite::Connection::open(&app.db).expect("opens the database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    // Eleven minutes later.
    conn.execute(
        "UPDATE kiosk SET pairing_expires_at = pairing_expires_at - 660000",
        [],
    )
    .expect("ages the code");
    let res = pair_raw(&app, &pairing.code, "1234").await;
    assert_error(res, StatusCode::GONE, "pairing_code_expired").await;
    assert_eq!(kiosks(&app, &staff).await[0].paired_at, None);
}

#[tokio::test]
async fn a_revoked_kiosk_is_refused_with_a_clear_code() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let kiosk = paired(&app, &staff, "Foyer").await;
    let visitor = Participant::new();
    assert_eq!(kiosk.outcomes(&app, &visitor, &[]).await, vec![]);
    let path = format!("/api/moderation/kiosks/{}/revoke", kiosk.id);
    let res = staff.send(&app, Method::POST, &path, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = kiosk
        .request(&app, Method::GET, "/api/kiosk/me")
        .send()
        .await
        .expect("me");
    assert_error(res, StatusCode::UNAUTHORIZED, "kiosk_revoked").await;
    let res = kiosk.push(&app, &visitor, &[]).await;
    assert_error(res, StatusCode::UNAUTHORIZED, "kiosk_revoked").await;
    assert!(kiosks(&app, &staff).await[0].revoked_at.is_some());
    assert!(audit_actions(&app)
        .await
        .iter()
        .any(|a| a == "kiosk.revoke"));
    let unknown = format!("/api/moderation/kiosks/{}/revoke", Uuid::now_v7());
    let res = staff.send(&app, Method::POST, &unknown, None).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn two_visitors_at_one_kiosk_each_count_in_full_tagged_as_kiosk() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let kiosk = paired(&app, &staff, "Foyer").await;
    let overview = app.overview().await;
    let budget = overview.process.dot_budget;
    let (a, b) = (&overview.themes[0], &overview.themes[1]);
    let before = app.overview().await;
    let (first, second) = (Participant::new(), Participant::new());
    let all_on = |theme: &werkstadt_domain::api::ThemeSummary| {
        dots(json!([{"theme_id": theme.id, "points": budget}]))
    };
    assert_eq!(
        kiosk.outcomes(&app, &first, &[all_on(a)]).await,
        vec![Outcome::Applied]
    );
    assert_eq!(
        kiosk.outcomes(&app, &second, &[all_on(b)]).await,
        vec![Outcome::Applied]
    );
    let after = app.overview().await;
    let points = |o: &werkstadt_domain::api::ProcessOverview, i: usize| o.themes[i].dot_points;
    assert_eq!(points(&after, 0), points(&before, 0) + u32::from(budget));
    assert_eq!(points(&after, 1), points(&before, 1) + u32::from(budget));
    assert_eq!(kiosks(&app, &staff).await[0].visitors, 2);
    let conn = rusqlite::Connection::open(&app.db).expect("opens the database");
    let tags: Vec<(String, String)> = conn
        .prepare("SELECT participant_id, channel FROM participant_channel WHERE kiosk_id = ?1 ORDER BY participant_id")
        .expect("prepares")
        .query_map([&kiosk.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("queries")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut want = vec![
        (first.id.to_string(), "kiosk".to_owned()),
        (second.id.to_string(), "kiosk".to_owned()),
    ];
    want.sort();
    assert_eq!(tags, want);
}

#[tokio::test]
async fn a_kiosk_acts_only_for_its_own_visitors_and_never_moderates() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let (kiosk, other_kiosk) = (
        paired(&app, &staff, "Foyer").await,
        paired(&app, &staff, "Saal").await,
    );
    let theme = app.theme("Bildung").await;
    // A citizen on their own phone, and a visitor of the other kiosk.
    let citizen = Participant::new();
    let res = citizen
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme.id, "points": 1}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let elsewhere = Participant::new();
    assert_eq!(other_kiosk.outcomes(&app, &elsewhere, &[]).await, vec![]);
    for stranger in [&citizen, &elsewhere] {
        let res = kiosk.push(&app, stranger, &[dots(json!([]))]).await;
        assert_error(res, StatusCode::FORBIDDEN, "not_kiosk_visitor").await;
        let res = kiosk
            .request(&app, Method::GET, "/api/me/data")
            .header("x-participant-id", stranger.id.to_string())
            .header("x-participant-secret", &stranger.secret)
            .send()
            .await
            .expect("data");
        assert_error(res, StatusCode::FORBIDDEN, "not_kiosk_visitor").await;
    }
    // Without the citizen's secret it reads nothing either.
    let guessed = citizen.with_secret(&"cd".repeat(32));
    let res = kiosk
        .request(&app, Method::GET, "/api/me")
        .header("x-participant-id", guessed.id.to_string())
        .header("x-participant-secret", &guessed.secret)
        .send()
        .await
        .expect("me");
    assert_error(res, StatusCode::UNAUTHORIZED, "wrong_secret").await;
    // The citizen's dot is untouched.
    let me: Value = citizen.me(&app).await.json().await.expect("me");
    assert_eq!(me["dots"][0]["points"], 1, "{me}");
    // No moderation, even with a staff session left in the kiosk's browser.
    let idea: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let decide = common::staff::decide(
        idea["ideas"][0]["id"].as_str().expect("idea"),
        json!({"answer": {"status": "received", "text": "Danke!"}}),
    );
    let visitor = Participant::new();
    let res = kiosk
        .request(&app, Method::POST, "/api/sync/push")
        .header("x-participant-id", visitor.id.to_string())
        .header("x-participant-secret", &visitor.secret)
        .header("cookie", &staff.cookie)
        .header(werkstadt_domain::staff::CSRF_HEADER, &staff.csrf)
        .json(&json!({"protocol": 1, "mutations": [decide]}))
        .send()
        .await
        .expect("push");
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
}

#[tokio::test]
async fn a_kiosk_creates_a_limited_number_of_visitors_per_minute() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let kiosk = paired(&app, &staff, "Foyer").await;
    let other = paired(&app, &staff, "Saal").await;
    let mut first = None;
    for _ in 0..VISITORS_PER_MINUTE {
        let visitor = Participant::new();
        assert_eq!(kiosk.outcomes(&app, &visitor, &[]).await, vec![]);
        first.get_or_insert(visitor);
    }
    let res = kiosk.push(&app, &Participant::new(), &[]).await;
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Known visitors go on; another kiosk has a budget of its own.
    let known = first.expect("a visitor");
    assert_eq!(
        kiosk.outcomes(&app, &known, &[dots(json!([]))]).await,
        vec![Outcome::Applied]
    );
    assert_eq!(other.outcomes(&app, &Participant::new(), &[]).await, vec![]);
    assert_eq!(
        kiosks(&app, &staff)
            .await
            .iter()
            .map(|k| k.visitors)
            .sum::<u64>(),
        u64::from(VISITORS_PER_MINUTE) + 1
    );
}

#[tokio::test]
async fn leaving_the_kiosk_needs_its_pin() {
    let app = TestApp::spawn().await;
    let staff = sign_in(&app, DEMO.0, DEMO.1).await;
    let kiosk = paired(&app, &staff, "Foyer").await;
    let exit = |pin: &str| {
        kiosk
            .request(&app, Method::POST, "/api/kiosk/exit")
            .json(&json!({"pin": pin}))
            .send()
    };
    assert_error(
        exit("1357").await.expect("exit"),
        StatusCode::UNPROCESSABLE_ENTITY,
        "wrong_pin",
    )
    .await;
    assert_eq!(
        exit("2468").await.expect("exit").status(),
        StatusCode::NO_CONTENT
    );
    let res = app
        .client
        .post(app.url("/api/kiosk/exit"))
        .json(&json!({"pin": "2468"}))
        .send()
        .await
        .expect("exit");
    assert_error(res, StatusCode::UNAUTHORIZED, "kiosk_invalid").await;
    assert!(audit_actions(&app).await.iter().any(|a| a == "kiosk.exit"));
}

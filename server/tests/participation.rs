//! Participation statistics and the committee report on a real server: a known fixture (two
//! participants on the web, one who redeemed a participation code) gives known counts per
//! channel and day; the public answer holds no participant id; the report covers the days
//! asked for and refuses bad dates.

mod common;

use common::projects::*;
use common::staff::Moderator;
use common::{assert_error, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::api::ThemeSummary;
use werkstadt_domain::channel::Channel;
use werkstadt_domain::report::CommitteeReport;
use werkstadt_domain::staff::CSRF_HEADER;
use werkstadt_domain::stats::{berlin_date, iso_date, Counts, ParticipationStats};

async fn ok(res: reqwest::Response) -> reqwest::Response {
    assert!(res.status().is_success(), "{}", res.status());
    res
}

async fn code(app: &TestApp, admin: &Moderator) -> String {
    let res = app
        .client
        .post(app.url("/api/admin/codes"))
        .header("cookie", &admin.cookie)
        .header(CSRF_HEADER, &admin.csrf)
        .header("accept", "application/json")
        .json(&json!({"count": 1, "label": "Stadtteilbüro"}))
        .send()
        .await
        .expect("codes");
    let batch: Value = ok(res).await.json().await.expect("batch");
    batch["codes"][0].as_str().expect("code").to_owned()
}

async fn dots(app: &TestApp, who: &Participant, theme: &ThemeSummary, points: u8) {
    let body = json!({"allocations": [{"theme_id": theme.id, "points": points}]});
    ok(who.put(app, "/api/dots", &body).await).await;
}

async fn support(app: &TestApp, who: &Participant, idea: werkstadt_domain::IdeaId) {
    let body = json!({"supported": true});
    ok(who
        .put(app, &format!("/api/ideas/{idea}/support"), &body)
        .await)
    .await;
}

/// The fixture: web participants A and C, participant B with a redeemed code.
struct Fixture {
    app: TestApp,
    admin: Moderator,
    people: Vec<Participant>,
    process: String,
}

async fn fixture() -> Fixture {
    let (app, admin, themes) = setup().await;
    let (a, b, c) = (Participant::new(), Participant::new(), Participant::new());
    let a1 = idea(&app, &a, &themes[0], "Radwege am Jahnplatz").await;
    idea(&app, &a, &themes[0], "Mehr Bügel für Fahrräder").await;
    let the_code = code(&app, &admin).await;
    ok(
        b.post(&app, "/api/codes/redeem", &json!({"code": the_code}))
            .await,
    )
    .await;
    let b1 = idea(&app, &b, &themes[1], "WLAN in allen Schulen").await;
    support(&app, &b, a1).await;
    let comment = json!({"id": uuid::Uuid::now_v7(), "body": "Unbedingt!"});
    ok(b.post(&app, &format!("/api/ideas/{a1}/comments"), &comment)
        .await)
    .await;
    support(&app, &c, a1).await;
    support(&app, &c, b1).await;
    dots(&app, &a, &themes[0], 3).await;
    dots(&app, &b, &themes[1], 2).await;
    let process = app.overview().await.process.id.to_string();
    Fixture {
        app,
        admin,
        people: vec![a, b, c],
        process,
    }
}

fn counts(ideas: u32, comments: u32, supports: u32, dot_ballots: u32, participants: u32) -> Counts {
    Counts {
        ideas,
        comments,
        supports,
        dot_ballots,
        participants,
    }
}

#[tokio::test]
async fn the_statistics_count_per_channel_and_day_without_any_participant_id() {
    let f = fixture().await;
    let res = ok(f
        .app
        .get(&format!("/api/processes/{}/participation", f.process))
        .await)
    .await;
    let text = res.text().await.expect("body");
    for p in &f.people {
        assert!(!text.contains(&p.id.to_string()), "a participant id leaked");
    }
    let stats: ParticipationStats = serde_json::from_str(&text).expect("stats");
    assert_eq!(stats.totals, counts(3, 1, 3, 2, 3));
    let channel = |c: Channel| {
        stats
            .channels
            .iter()
            .find(|x| x.channel == c)
            .expect("channel")
            .counts
    };
    assert_eq!(channel(Channel::Web), counts(2, 0, 2, 1, 2));
    assert_eq!(channel(Channel::Code), counts(1, 1, 1, 1, 1));
    assert_eq!(channel(Channel::Kiosk), Counts::default());
    assert_eq!((stats.verified, stats.unverified, stats.undated), (1, 2, 0));
    let today = iso_date(berlin_date(now()));
    assert_eq!(stats.days.len(), 1, "{:?}", stats.days);
    assert_eq!(stats.days[0].day, today);
    assert_eq!(stats.days[0].counts, counts(3, 1, 3, 2, 3));
    // Open data: readable from another site, and 404 for an unknown process.
    let res = f
        .app
        .client
        .get(
            f.app
                .url(&format!("/api/processes/{}/participation", f.process)),
        )
        .header("origin", "https://example.org")
        .send()
        .await
        .expect("cors");
    assert!(res.headers().contains_key("access-control-allow-origin"));
    assert!(!res
        .headers()
        .contains_key("access-control-allow-credentials"));
    let unknown = format!("/api/processes/{}/participation", uuid::Uuid::now_v7());
    assert_error(
        f.app.get(&unknown).await,
        StatusCode::NOT_FOUND,
        "unknown_process",
    )
    .await;
}

async fn report(f: &Fixture, query: &str) -> reqwest::Response {
    let path = format!("/api/moderation/processes/{}/report{query}", f.process);
    f.admin.send(&f.app, Method::GET, &path, None).await
}

#[tokio::test]
async fn the_report_covers_the_days_asked_for() {
    let f = fixture().await;
    let project = create_project(&f.app, &f.admin, f.app.overview().await.themes[0].id, &[]).await;
    let base = format!("/api/moderation/projects/{}", project.id);
    for (reference, on) in [("V 1/2026", now()), ("V 9/2019", 1_560_000_000_000)] {
        let decision = json!({"body": "digitalisierungsausschuss", "decided_on": on,
            "reference": reference, "outcome": "adopted", "text": "Einstimmig."});
        let path = format!("{base}/decisions");
        let res = send(&f.app, &f.admin, Method::POST, &path, decision).await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }
    let today = iso_date(berlin_date(now()));
    let whole: CommitteeReport = ok(report(&f, "?body=aufsichtsrat_swb").await)
        .await
        .json()
        .await
        .expect("report");
    assert_eq!(whole.participation.totals, counts(3, 1, 3, 2, 3));
    assert_eq!(whole.to, today);
    assert_eq!(whole.themes.len(), 2);
    assert_eq!((whole.themes[0].rank, whole.themes[0].dot_points), (1, 3));
    assert_eq!(whole.top_ideas[0].title, "Radwege am Jahnplatz");
    assert_eq!(whole.top_ideas[0].support_count, 2);
    assert_eq!(whole.projects.len(), 1);
    assert_eq!(
        whole.projects[0].decisions.len(),
        1,
        "only the decision of the days covered"
    );
    assert_eq!(whole.projects[0].decisions[0].reference, "V 1/2026");
    let old: CommitteeReport = ok(report(&f, "?from=2019-06-01&to=2019-06-30").await)
        .await
        .json()
        .await
        .expect("report");
    assert_eq!(old.participation.totals, Counts::default());
    assert!(old.participation.days.is_empty());
    assert_eq!(old.projects[0].decisions[0].reference, "V 9/2019");
    assert_eq!(
        (old.from.as_str(), old.to.as_str()),
        ("2019-06-01", "2019-06-30")
    );
    let this_day: CommitteeReport = ok(report(&f, &format!("?from={today}&to={today}")).await)
        .await
        .json()
        .await
        .expect("report");
    assert_eq!(this_day.participation.totals.participants, 3);
    for bad in [
        "?from=2026-02-30",
        "?to=yesterday",
        "?from=2026-05-02&to=2026-05-01",
        "?body=stadtrat",
    ] {
        assert_error(report(&f, bad).await, StatusCode::BAD_REQUEST, "bad_query").await;
    }
}

//! Verified-only counts on a real server: while a process counts verified participants only,
//! the supports and dots of unverified participants are left out of the tallies, the results,
//! the theme's idea list by support and the records the change feed hands out; a participant
//! who redeems a code counts from then on; switched off, every vote counts again.

mod common;

use common::staff::{admin, Moderator};
use common::{Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use werkstadt_domain::api::{IdeaDetail, IdeaPage, Results};
use werkstadt_domain::staff::CSRF_HEADER;
use werkstadt_domain::sync::{Change, PullResponse, PROTOCOL_VERSION};
use werkstadt_domain::{IdeaId, ThemeId};

async fn codes(app: &TestApp, admin: &Moderator, count: u32) -> Vec<String> {
    let res = app
        .client
        .post(app.url("/api/admin/codes"))
        .header("cookie", &admin.cookie)
        .header(CSRF_HEADER, &admin.csrf)
        .header("accept", "application/json")
        .json(&json!({"count": count, "label": "Workshop"}))
        .send()
        .await
        .expect("codes");
    assert_eq!(res.status(), StatusCode::CREATED);
    let batch: Value = res.json().await.expect("batch");
    batch["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code").to_owned())
        .collect()
}

async fn verified_only(app: &TestApp, admin: &Moderator, on: bool) {
    let res = app
        .client
        .put(app.url("/api/admin/process/verification"))
        .header("cookie", &admin.cookie)
        .header(CSRF_HEADER, &admin.csrf)
        .json(&json!({"verified_only": on}))
        .send()
        .await
        .expect("switch");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

async fn redeem(app: &TestApp, p: &Participant, code: &str) {
    let res = p
        .post(app, "/api/codes/redeem", &json!({"code": code}))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
}

async fn ok(res: reqwest::Response) {
    assert!(res.status().is_success(), "{}", res.status());
}

/// What a device following the change feed shows: supports per idea, dot points per theme,
/// dot voters.
struct Device {
    who: Participant,
    cursor: u64,
    supports: std::collections::HashMap<IdeaId, u32>,
    points: std::collections::HashMap<ThemeId, u32>,
    dot_voters: u32,
}

impl Device {
    fn new() -> Self {
        Self {
            who: Participant::new(),
            cursor: 0,
            supports: Default::default(),
            points: Default::default(),
            dot_voters: 0,
        }
    }

    /// Pulls to the head; how many idea records came.
    async fn pull(&mut self, app: &TestApp) -> usize {
        let mut ideas = 0;
        loop {
            let res = app
                .client
                .get(app.url(&format!(
                    "/api/sync/pull?protocol={PROTOCOL_VERSION}&cursor={}",
                    self.cursor
                )))
                .header("x-participant-id", self.who.id.to_string())
                .header("x-participant-secret", &self.who.secret)
                .send()
                .await
                .expect("pull");
            assert_eq!(res.status(), StatusCode::OK);
            let page: PullResponse = res.json().await.expect("page");
            for change in page.changes {
                match change {
                    Change::Idea(i) => {
                        ideas += 1;
                        self.supports.insert(i.id, i.support_count);
                    }
                    Change::Theme(t) => {
                        self.points.insert(t.id, t.dot_points);
                    }
                    Change::Process(p) => self.dot_voters = p.dot_voters,
                    _ => {}
                }
            }
            self.cursor = page.cursor;
            if !page.has_more {
                return ideas;
            }
        }
    }
}

#[tokio::test]
async fn while_verified_only_is_on_only_verified_votes_count_also_in_the_feed() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let codes = codes(&app, &admin, 2).await;
    let theme = app
        .overview()
        .await
        .themes
        .into_iter()
        .find(|t| t.idea_count >= 2)
        .expect("a theme with two ideas");
    let page: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let (a, b) = (page.ideas[0].id, page.ideas[1].id);
    let (u1, u2, v) = (Participant::new(), Participant::new(), Participant::new());
    redeem(&app, &v, &codes[0]).await;
    let support = json!({"supported": true});
    for p in [&u1, &u2] {
        ok(p.put(&app, &format!("/api/ideas/{a}/support"), &support)
            .await)
        .await;
    }
    ok(v.put(&app, &format!("/api/ideas/{b}/support"), &support)
        .await)
    .await;
    let dots = |n: u8| json!({"allocations": [{"theme_id": theme.id, "points": n}]});
    ok(u1.put(&app, "/api/dots", &dots(3)).await).await;
    ok(v.put(&app, "/api/dots", &dots(1)).await).await;

    let mut device = Device::new();
    device.pull(&app).await;
    assert_eq!((device.supports[&a], device.supports[&b]), (2, 1));
    assert_eq!((device.points[&theme.id], device.dot_voters), (4, 2));
    let shown = |results: &Results| {
        let t = results
            .themes
            .iter()
            .find(|r| r.theme.id == theme.id)
            .expect("theme");
        (
            t.theme.dot_points,
            t.top_ideas.first().map(|i| (i.id, i.support_count)),
            results.dot_voters,
            results.dots_placed,
        )
    };
    let results: Results = app.get_json("/api/results").await;
    assert_eq!(shown(&results), (4, Some((a, 2)), 2, 4));

    // On: the unverified supports and dots no longer count, everywhere.
    verified_only(&app, &admin, true).await;
    let touched = device.pull(&app).await;
    assert_eq!(touched, 1, "only the idea whose count changed");
    assert_eq!((device.supports[&a], device.supports[&b]), (0, 1));
    assert_eq!((device.points[&theme.id], device.dot_voters), (1, 1));
    let results: Results = app.get_json("/api/results").await;
    assert_eq!(shown(&results), (1, Some((b, 1)), 1, 1));
    let by_support: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas?sort=support", theme.id))
        .await;
    assert_eq!(
        by_support.ideas[0].id, b,
        "the verified support ranks first"
    );
    assert_eq!(by_support.theme.dot_points, 1);
    let detail: IdeaDetail = app.get_json(&format!("/api/ideas/{a}")).await;
    assert_eq!(detail.support_count, 0);

    // A participant verified now brings their votes with them.
    redeem(&app, &u1, &codes[1]).await;
    device.pull(&app).await;
    assert_eq!((device.supports[&a], device.supports[&b]), (1, 1));
    assert_eq!((device.points[&theme.id], device.dot_voters), (4, 2));
    let results: Results = app.get_json("/api/results").await;
    assert_eq!(shown(&results).0, 4);

    // Off: every vote counts again.
    verified_only(&app, &admin, false).await;
    device.pull(&app).await;
    assert_eq!((device.supports[&a], device.supports[&b]), (2, 1));
    assert_eq!((device.points[&theme.id], device.dot_voters), (4, 2));
    let results: Results = app.get_json("/api/results").await;
    assert_eq!(shown(&results), (4, Some((a, 2)), 2, 4));
    let by_support: IdeaPage = app
        .get_json(&format!("/api/themes/{}/ideas?sort=support", theme.id))
        .await;
    assert_eq!(by_support.ideas[0].id, a);
}

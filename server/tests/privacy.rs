//! Citizens own their data: the export lists everything stored under an identity with who
//! sees it; deletion removes supports and dots (tallies follow), keeps published ideas and
//! comments without an author, deletes the rest, reaches other replicas through the feed, and
//! leaves no trace of the identity anywhere in the database but an anonymous audit line.

mod common;

use common::staff::{admin, decide, sign_in, DEMO};
use common::{assert_error, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::sync::Outcome;

async fn push(app: &TestApp, p: &Participant, mutations: Vec<Value>) -> Vec<Value> {
    let res = p
        .post(
            app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": mutations}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("push");
    body["results"].as_array().expect("results").clone()
}

async fn pull_all(app: &TestApp, p: &Participant) -> Vec<Value> {
    let res = app
        .client
        .get(app.url("/api/sync/pull?protocol=1&cursor=0"))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("pull");
    let body: Value = res.json().await.expect("json");
    body["changes"].as_array().expect("changes").clone()
}

async fn my_data(app: &TestApp, p: &Participant) -> Value {
    let res = app
        .client
        .get(app.url("/api/me/data"))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .is_ok_and(|v| v.starts_with("attachment")));
    res.json().await.expect("json")
}

async fn delete_me(app: &TestApp, p: &Participant) -> reqwest::Response {
    p.send(app, reqwest::Method::DELETE, "/api/me", &Value::Null)
        .await
}

fn new_idea(theme: &str, title: &str) -> (String, Value) {
    let id = Uuid::now_v7().to_string();
    let m = json!({"id": Uuid::now_v7(), "kind": {"create_idea": {
        "idea_id": id, "theme_id": theme, "title": title, "body": "Beschreibung"}}});
    (id, m)
}

/// Every text cell in every table of the database that mentions `needle`.
fn mentions(db: &std::path::Path, needle: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("db");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'idea_fts%' AND name NOT LIKE 'sqlite_%'")
        .expect("q")
        .query_map([], |r| r.get(0))
        .expect("q")
        .map(|r| r.expect("row"))
        .collect();
    let mut found = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).expect("q");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("q");
        while let Some(row) = rows.next().expect("row") {
            for i in 0..n {
                if let Ok(Some(text)) = row.get::<_, Option<String>>(i) {
                    if text.contains(needle) {
                        found.push(format!("{t}: {text}"));
                    }
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn a_citizen_takes_out_and_then_deletes_their_data() {
    let app = TestApp::spawn().await;
    let leitung = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let overview = app.overview().await;
    let theme = overview.themes[0].id.to_string();
    let demo_page: Value = app
        .get_json(&format!("/api/themes/{theme}/ideas?per_page=1"))
        .await;
    let demo_idea = demo_page["ideas"][0]["id"].as_str().expect("id").to_owned();
    let demo_support = demo_page["ideas"][0]["support_count"].as_u64().expect("n");
    let dots_before = overview.themes[0].dot_points;

    let anna = Participant::new();
    let ben = Participant::new();
    let (kept, m1) = new_idea(&theme, "Digitale Sprechstunde im Stadtteil");
    let (rejected, m2) = new_idea(&theme, "Noch eine Idee, die abgelehnt wird");
    let comment = Uuid::now_v7().to_string();
    let results = push(
        &app,
        &anna,
        vec![
            m1,
            m2,
            json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": demo_idea, "supported": true}}}),
            json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": comment, "idea_id": demo_idea, "body": "Gern auch am Abend."}}}),
            json!({"id": Uuid::now_v7(), "kind": {"set_follow": {"target": {"theme": theme}, "following": true}}}),
        ],
    )
    .await;
    assert!(
        results.iter().all(|r| r["outcome"] == "applied"),
        "{results:?}"
    );
    let res = anna
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme, "points": 3}]}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = anna
        .post(
            &app,
            "/api/reports",
            &json!({"id": Uuid::now_v7(), "target": {"idea": demo_idea}, "reason": "Bitte prüfen"}),
        )
        .await;
    assert!(res.status().is_success());
    let codes: Value = leitung
        .issue_codes(&app, 1, "Workshop Sennestadt")
        .await
        .json()
        .await
        .expect("json");
    let code = codes["codes"][0].as_str().expect("code");
    let res = anna
        .post(&app, "/api/codes/redeem", &json!({"code": code}))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let outcome = moderator
        .decide(
            &app,
            vec![decide(&rejected, json!({"hide": {"reason": "Kein Bezug"}}))],
        )
        .await;
    assert_eq!(outcome, vec![Outcome::Applied]);
    // Ben supports and comments on Anna's idea: his things stay when she leaves.
    let ben_comment = Uuid::now_v7().to_string();
    push(
        &app,
        &ben,
        vec![
            json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": kept, "supported": true}}}),
            json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": ben_comment, "idea_id": kept, "body": "Sehr gut."}}}),
        ],
    )
    .await;

    // The export: every kind of data, each with who sees it.
    let data = my_data(&app, &anna).await;
    assert_eq!(data["participant"]["id"], anna.id.to_string());
    assert!(data["participant"]["verified_at"].is_i64(), "{data}");
    let ideas = data["ideas"].as_array().expect("ideas");
    assert_eq!(ideas.len(), 2);
    let by_id = |id: &str| {
        ideas
            .iter()
            .find(|i| i["idea"]["id"] == id)
            .expect("idea")
            .clone()
    };
    assert_eq!(by_id(&kept)["visibility"], "public");
    assert_eq!(by_id(&rejected)["visibility"], "you_and_staff");
    assert_eq!(by_id(&rejected)["idea"]["reason"], "Kein Bezug");
    assert_eq!(
        data["comments"][0]["comment"]["body"],
        "Gern auch am Abend."
    );
    assert_eq!(data["supports"][0]["idea_id"], demo_idea.as_str());
    assert_eq!(data["supports"][0]["visibility"], "count_only");
    assert_eq!(data["dots"][0]["points"], 3);
    assert_eq!(data["reports"][0]["reason"], "Bitte prüfen");
    assert_eq!(data["reports"][0]["visibility"], "staff_only");
    assert_eq!(data["codes_redeemed"][0]["label"], "Workshop Sennestadt");
    assert_eq!(data["mutations"].as_array().map(Vec::len), Some(5));
    // The field of action she followed, and her two ideas (followed from the start).
    let follows = data["follows"].as_array().expect("follows");
    assert_eq!(follows.len(), 3, "{follows:?}");
    let theme_follow = follows
        .iter()
        .find(|f| f["target"]["theme"] == theme.as_str())
        .expect("the field of action followed");
    assert_eq!(theme_follow["visibility"], "only_you");
    assert_eq!(data["visibility_legend"].as_array().map(Vec::len), Some(6));

    assert!(!mentions(&app.db, &anna.id.to_string()).is_empty());
    // Someone else's secret deletes nothing.
    let intruder = anna.with_secret(&"0".repeat(64));
    assert_error(
        delete_me(&app, &intruder).await,
        StatusCode::UNAUTHORIZED,
        "wrong_secret",
    )
    .await;

    let res = delete_me(&app, &anna).await;
    assert_eq!(res.status(), StatusCode::OK);
    let done: Value = res.json().await.expect("json");
    assert_eq!(
        done,
        json!({"ideas_deleted": 1, "ideas_anonymised": 1, "comments_deleted": 0,
               "comments_anonymised": 1, "supports_removed": 1, "dot_votes_removed": 1,
               "reports_deleted": 1, "follows_removed": 2})
    );

    // Tallies follow; published things stay, without an author; the rest is gone.
    let after = app.overview().await;
    assert_eq!(after.themes[0].dot_points, dots_before);
    let demo: Value = app.get_json(&format!("/api/ideas/{demo_idea}")).await;
    assert_eq!(demo["support_count"].as_u64(), Some(demo_support));
    let still: Value = app.get_json(&format!("/api/ideas/{kept}")).await;
    assert_eq!(still["support_count"], 1, "Ben's support stays");
    let comments: Vec<Value> = app
        .get_json(&format!("/api/ideas/{demo_idea}/comments"))
        .await;
    assert!(
        comments.iter().any(|c| c["id"] == comment.as_str()),
        "{comments:?}"
    );
    // Ben's replica: the kept idea and both comments still there, nothing of Anna's own.
    let feed = pull_all(&app, &ben).await;
    assert!(feed
        .iter()
        .any(|c| c["idea"]["id"] == kept.as_str() && c["idea"]["status"] == "published"));
    assert!(!feed
        .iter()
        .any(|c| c["idea"]["id"] == rejected.as_str() && c["idea"]["title"] != ""));

    // The identity is gone everywhere: a new export of it is empty, no table names it.
    let empty = my_data(&app, &anna).await;
    assert!(empty["participant"].is_null(), "{empty}");
    for part in [
        "ideas",
        "comments",
        "supports",
        "dots",
        "reports",
        "codes_redeemed",
        "mutations",
        "follows",
    ] {
        assert_eq!(
            empty[part].as_array().map(Vec::len),
            Some(0),
            "{part}: {empty}"
        );
    }
    assert_eq!(
        mentions(&app.db, &anna.id.to_string()),
        Vec::<String>::new()
    );
    assert_eq!(
        mentions(&app.db, "Noch eine Idee, die abgelehnt wird"),
        Vec::<String>::new()
    );
    // The audit log knows that it happened, not who.
    let log: Value = leitung.audit_log(&app).await;
    let line = log
        .as_array()
        .expect("log")
        .iter()
        .find(|l| l["action"] == "participant.delete")
        .expect("a deletion line")
        .clone();
    assert_eq!(line["actor"], "(anonym)");
    assert_eq!(line["target"], "");
    // Deleting again (or an identity never seen) changes nothing.
    let again: Value = delete_me(&app, &anna).await.json().await.expect("json");
    assert_eq!(again["ideas_deleted"], 0);
}

/// A device that still holds the outbox of a deleted identity may push it again under a new
/// one: the deleted, unpublished idea and comment come back as new entries of the feed — an
/// answer for every mutation, never a failed push.
#[tokio::test]
async fn an_outbox_replayed_after_a_deletion_is_answered_not_refused() {
    let app = TestApp::spawn().await;
    let leitung = admin(&app).await;
    assert!(leitung.set_mode(&app, "pre").await.status().is_success());
    let theme = app.overview().await.themes[0].id.to_string();
    let anna = Participant::new();
    let (idea, create) = new_idea(&theme, "Sitzbänke mit Solarladegerät");
    let comment = json!({"id": Uuid::now_v7(), "kind": {"add_comment": {
        "comment_id": Uuid::now_v7(), "idea_id": idea, "body": "Und mit WLAN."}}});
    let first = push(&app, &anna, vec![create.clone(), comment.clone()]).await;
    assert_eq!(first[0]["outcome"], "applied", "{first:?}");
    assert_eq!(delete_me(&app, &anna).await.status(), StatusCode::OK);

    let again = Participant::new();
    let replay = push(&app, &again, vec![create, comment]).await;
    assert_eq!(replay.len(), 2);
    assert_eq!(replay[0]["outcome"], "applied", "{replay:?}");
    let feed = pull_all(&app, &again).await;
    assert!(
        feed.iter().any(|c| c["idea"]["id"] == idea.as_str()),
        "the idea is in its author's feed again"
    );
}

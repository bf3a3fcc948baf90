//! The sync protocol on a real server: at-most-once application, final rejections, the change
//! feed's cursor, resets and protocol versions, the "something changed" event stream.

mod common;

use common::{assert_error, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::sync::{Change, Outcome, PullResponse, PushResponse, PROTOCOL_VERSION};

async fn push(app: &TestApp, p: &Participant, mutations: &[Value]) -> PushResponse {
    let res = p
        .post(
            app,
            "/api/sync/push",
            &json!({"protocol": PROTOCOL_VERSION, "mutations": mutations}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("push response")
}

async fn pull(app: &TestApp, p: &Participant, cursor: u64) -> PullResponse {
    let res = app
        .client
        .get(app.url(&format!(
            "/api/sync/pull?protocol={PROTOCOL_VERSION}&cursor={cursor}"
        )))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("pull");
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("pull response")
}

/// Pulls every page from `cursor` to the head.
async fn pull_all(app: &TestApp, p: &Participant, mut cursor: u64) -> (Vec<Change>, u64, usize) {
    let mut all = Vec::new();
    let mut pages = 0;
    loop {
        let page = pull(app, p, cursor).await;
        pages += 1;
        all.extend(page.changes);
        cursor = page.cursor;
        if !page.has_more {
            return (all, cursor, pages);
        }
    }
}

fn create_idea(theme: &Value, title: &str) -> (Uuid, Value) {
    let (m, idea) = (Uuid::now_v7(), Uuid::now_v7());
    (
        idea,
        json!({"id": m, "kind": {"create_idea": {"idea_id": idea, "theme_id": theme, "title": title, "body": "Text"}}}),
    )
}

/// Everything a push can change, as text: the rows of every written table and the feed.
fn snapshot(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("opens");
    let mut out = String::new();
    for (table, order) in [
        ("participant", "id"),
        ("idea", "id"),
        ("support", "idea_id, participant_id"),
        ("dot_vote", "participant_id, theme_id"),
        ("comment", "id"),
        ("mutation", "id"),
        ("change_log", "seq"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .expect("prepares");
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i)))
                    .collect();
                Ok(cells.join("|"))
            })
            .expect("queries");
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.expect("row")));
        }
    }
    out
}

#[tokio::test]
async fn replaying_a_batch_ten_times_leaves_database_and_change_feed_identical() {
    let app = TestApp::spawn().await;
    let o = app.overview().await;
    let theme = json!(o.themes[0].id);
    let p = Participant::new();
    let (idea, create) = create_idea(&theme, "Offline erfasste Idee");
    let batch = vec![
        create,
        json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": idea, "supported": true}}}),
        json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": [{"theme_id": theme, "points": 4}]}}}),
        json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": Uuid::now_v7(), "idea_id": idea, "body": "Gute Idee!"}}}),
        json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": Uuid::now_v7(), "supported": true}}}),
    ];
    let first = push(&app, &p, &batch).await;
    let outcomes: Vec<&Outcome> = first.results.iter().map(|r| &r.outcome).collect();
    assert_eq!(&outcomes[..4], &[&Outcome::Applied; 4]);
    assert!(matches!(
        outcomes[4],
        Outcome::Rejected {
            code: werkstadt_domain::ErrorCode::UnknownIdea,
            ..
        }
    ));
    let before = snapshot(&app.db);

    for _ in 0..10 {
        let again = push(&app, &p, &batch).await;
        for (a, b) in first.results.iter().zip(&again.results) {
            let expected = match &a.outcome {
                Outcome::Applied => Outcome::Duplicate,
                other => other.clone(),
            };
            assert_eq!(b.outcome, expected);
        }
        assert_eq!(again.cursor, first.cursor, "the feed did not move");
    }
    // Any part of it, in another order, is also a no-op.
    let mut part = batch[1..4].to_vec();
    part.reverse();
    push(&app, &p, &part).await;
    assert_eq!(snapshot(&app.db), before);
    let idea_now: Value = app.get_json(&format!("/api/ideas/{idea}")).await;
    assert_eq!(idea_now["support_count"], 1);
}

#[tokio::test]
async fn a_rejection_is_final_and_does_not_block_later_mutations() {
    let app = TestApp::spawn().await;
    let o = app.overview().await;
    let (t0, t1) = (json!(o.themes[0].id), json!(o.themes[1].id));
    let p = Participant::new();
    let (idea, create) = create_idea(&t0, "Kurz");
    let res = push(&app, &p, &[
        json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": [{"theme_id": t0, "points": 3}, {"theme_id": t1, "points": 3}]}}}),
        create,
        json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": [{"theme_id": t1, "points": 2}]}}}),
        json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": Uuid::now_v7(), "idea_id": idea, "body": "zu spät"}}}),
    ]).await;
    let codes: Vec<String> = res
        .results
        .iter()
        .map(|r| match &r.outcome {
            Outcome::Rejected { code, .. } => serde_json::to_value(code)
                .expect("code")
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            "dot_budget_exceeded",
            "title_too_short",
            "Applied",
            "unknown_idea"
        ]
    );
    let me: Value = p.me(&app).await.json().await.expect("me");
    assert_eq!(me["dots"], json!([{"theme_id": t1, "points": 2}]));
}

#[tokio::test]
async fn a_mutation_id_of_someone_else_is_refused_and_a_wrong_secret_refuses_the_whole_push() {
    let app = TestApp::spawn().await;
    let theme = json!(app.overview().await.themes[0].id);
    let (a, b) = (Participant::new(), Participant::new());
    let (_, create) = create_idea(&theme, "Eine Idee von A");
    assert_eq!(
        push(&app, &a, std::slice::from_ref(&create)).await.results[0].outcome,
        Outcome::Applied
    );
    let stolen = push(&app, &b, &[create]).await;
    assert!(matches!(
        stolen.results[0].outcome,
        Outcome::Rejected {
            code: werkstadt_domain::ErrorCode::IdConflict,
            ..
        }
    ));
    let thief = a.with_secret(&"0".repeat(64));
    let (_, other) = create_idea(&theme, "Untergeschoben");
    let res = thief
        .post(
            &app,
            "/api/sync/push",
            &json!({"protocol": PROTOCOL_VERSION, "mutations": [other]}),
        )
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "wrong_secret").await;
}

#[tokio::test]
async fn the_cursor_returns_every_visible_change_exactly_once_across_pages() {
    let app = TestApp::spawn().await;
    let theme = json!(app.overview().await.themes[3].id);
    let (a, b) = (Participant::new(), Participant::new());
    let (start, cursor0, _) = pull_all(&app, &a, 0).await;
    assert_eq!(
        start
            .iter()
            .filter(|c| matches!(c, Change::Process(_)))
            .count(),
        1
    );
    assert_eq!(
        start
            .iter()
            .filter(|c| matches!(c, Change::Theme(_)))
            .count(),
        8
    );

    let mut created = Vec::new();
    for batch in 0..3 {
        let mut ms = Vec::new();
        for n in 0..900 {
            let (idea, m) = create_idea(&theme, &format!("Idee {batch}-{n:03}"));
            created.push(idea);
            ms.push(m);
        }
        push(&app, &a, &ms).await;
    }
    // B supports one idea: A must not see B's private support record.
    push(&app, &b, &[json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": created[0], "supported": true}}})]).await;

    let (changes, head, pages) = pull_all(&app, &a, cursor0).await;
    assert!(pages >= 3, "paginated ({pages} pages)");
    let mut seen: Vec<Uuid> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Idea(i) => Some(i.id.0),
            _ => None,
        })
        .collect();
    let total = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), total, "no idea twice");
    let mut expected = created.clone();
    expected.sort();
    assert_eq!(seen, expected, "every created idea exactly once");
    assert!(
        !changes
            .iter()
            .any(|c| matches!(c, Change::MySupport { .. })),
        "others' votes stay private"
    );
    assert_eq!(
        changes
            .iter()
            .filter(|c| matches!(c, Change::MyMutation(_)))
            .count(),
        2700
    );
    // Nothing new: an empty page at the same head.
    let again = pull(&app, &a, head).await;
    assert!(again.changes.is_empty() && !again.has_more && again.cursor == head);
    // B sees its own support.
    let (b_changes, _, _) = pull_all(&app, &b, head - 3).await;
    assert!(b_changes.iter().any(|c| matches!(
        c,
        Change::MySupport {
            supported: true,
            ..
        }
    )));
}

/// A cursor only means something for the database it came from: every pull names its
/// database, the same one each time, and another database (a restore, a new server) another.
#[tokio::test]
async fn every_pull_names_its_database_so_apps_can_tell_a_replaced_one() {
    let (one, other) = (TestApp::spawn().await, TestApp::spawn().await);
    let p = Participant::new();
    let first = pull(&one, &p, 0).await;
    let again = pull(&one, &p, first.cursor).await;
    assert_eq!(first.instance.len(), 32, "{:?}", first.instance);
    assert_eq!(first.instance, again.instance);
    assert_ne!(first.instance, pull(&other, &p, 0).await.instance);
}

#[tokio::test]
async fn an_unknown_cursor_asks_for_a_reset_and_an_old_protocol_for_an_upgrade() {
    let app = TestApp::spawn().await;
    let p = Participant::new();
    let res = app
        .client
        .get(app.url(&format!(
            "/api/sync/pull?protocol={PROTOCOL_VERSION}&cursor=999999"
        )))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("pull");
    assert_error(res, StatusCode::CONFLICT, "reset_required").await;
    let res = app
        .client
        .get(app.url("/api/sync/pull?protocol=0&cursor=0"))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("pull");
    assert_error(res, StatusCode::UPGRADE_REQUIRED, "upgrade_required").await;
    let res = p
        .post(
            &app,
            "/api/sync/push",
            &json!({"protocol": 0, "mutations": []}),
        )
        .await;
    assert_error(res, StatusCode::UPGRADE_REQUIRED, "upgrade_required").await;
    let too_many: Vec<Value> = (0..1001)
        .map(|_| json!({"id": Uuid::now_v7(), "kind": {"set_dots": {"allocations": []}}}))
        .collect();
    let res = p
        .post(
            &app,
            "/api/sync/push",
            &json!({"protocol": PROTOCOL_VERSION, "mutations": too_many}),
        )
        .await;
    assert!(res.status().is_client_error());
}

#[tokio::test]
async fn comments_are_created_once_and_listed_under_their_idea() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await;
    let page: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let idea = page["ideas"][0]["id"].as_str().expect("idea").to_owned();
    let p = Participant::new();
    let id = Uuid::now_v7();
    let path = format!("/api/ideas/{idea}/comments");
    let res = p
        .post(&app, &path, &json!({"id": id, "body": "<i>Ja</i>, bitte!"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        p.post(&app, &path, &json!({"id": id, "body": "<i>Ja</i>, bitte!"}))
            .await
            .status(),
        StatusCode::OK
    );
    assert_error(
        p.post(&app, &path, &json!({"id": Uuid::now_v7(), "body": "  "}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "comment_empty",
    )
    .await;
    assert_error(
        p.post(
            &app,
            &path,
            &json!({"id": Uuid::now_v7(), "body": "x".repeat(1001)}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "comment_too_long",
    )
    .await;
    let list: Vec<Value> = app.get_json(&path).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["body"], "<i>Ja</i>, bitte!");
    assert_error(
        app.get(&format!("/api/ideas/{}/comments", Uuid::now_v7()))
            .await,
        StatusCode::NOT_FOUND,
        "unknown_idea",
    )
    .await;
}

#[tokio::test]
async fn the_event_stream_announces_new_changes() {
    let app = TestApp::spawn().await;
    let theme = json!(app.overview().await.themes[0].id);
    let mut res = app
        .client
        .get(app.url("/api/sync/events"))
        .send()
        .await
        .expect("events");
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let p = Participant::new();
    let (_, create) = create_idea(&theme, "Neu über Ereignisse");
    let pushed = push(&app, &p, &[create]).await;
    let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let c = res.chunk().await.expect("chunk").expect("stream open");
            let text = String::from_utf8_lossy(&c).to_string();
            if text.contains("event: changed") {
                return text;
            }
        }
    })
    .await
    .expect("an event within 5 s");
    assert!(
        chunk.contains(&format!("data: {}", pushed.cursor)),
        "{chunk}"
    );
    app.stop().await; // graceful shutdown ends the open stream
}

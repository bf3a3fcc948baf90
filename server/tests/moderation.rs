//! Moderation and participation codes on a real server: pre-moderation hides new ideas until
//! approved; decisions are sync mutations with a staff session (first applied wins);
//! rejections and hides reach only the author with their reason; merges keep tallies exact;
//! official answers are public; participants cannot moderate; reports, similar ideas and
//! participation codes.

mod common;

use common::staff::{admin, decide, second_moderator, sign_in, Moderator, DEMO};
use common::{assert_error, Participant, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;
use werkstadt_domain::staff::CSRF_HEADER;
use werkstadt_domain::sync::{Change, IdeaRecord, Outcome, PullResponse, PushResponse};

async fn push_as(app: &TestApp, p: &Participant, mutations: Vec<Value>) -> Vec<Outcome> {
    let res = p
        .post(
            app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": mutations}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: PushResponse = res.json().await.expect("push response");
    body.results.into_iter().map(|r| r.outcome).collect()
}

fn create_idea(theme: &str, title: &str) -> (String, Value) {
    let idea = Uuid::now_v7().to_string();
    let m = json!({"id": Uuid::now_v7(), "kind": {"create_idea": {
        "idea_id": idea, "theme_id": theme, "title": title, "body": "Beschreibung"}}});
    (idea, m)
}

fn support(idea: &str) -> Value {
    json!({"id": Uuid::now_v7(), "kind": {"set_support": {"idea_id": idea, "supported": true}}})
}

/// Every idea record a participant's feed holds, by id (latest state).
async fn feed_ideas(app: &TestApp, p: &Participant) -> Vec<IdeaRecord> {
    let res = app
        .client
        .get(app.url("/api/sync/pull?protocol=1&cursor=0"))
        .header("x-participant-id", p.id.to_string())
        .header("x-participant-secret", &p.secret)
        .send()
        .await
        .expect("pull");
    let page: PullResponse = res.json().await.expect("pull");
    page.changes
        .into_iter()
        .filter_map(|c| match c {
            Change::Idea(i) => Some(i),
            _ => None,
        })
        .collect()
}

async fn public_titles(app: &TestApp, theme: &str) -> Vec<String> {
    let page: Value = app
        .get_json(&format!("/api/themes/{theme}/ideas?per_page=100"))
        .await;
    page["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .filter_map(|i| i["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn under_pre_moderation_an_idea_waits_until_one_moderator_approves_it() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    assert_eq!(
        admin.set_mode(&app, "pre").await.status(),
        StatusCode::NO_CONTENT
    );
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let second = second_moderator(&app).await;
    let theme = app.theme("Bildung").await;
    let count_before = theme.idea_count;
    let (author, other) = (Participant::new(), Participant::new());
    let (idea, m) = create_idea(&theme.id.to_string(), "Tablets für die Grundschulen");
    assert_eq!(
        push_as(&app, &author, vec![m]).await,
        vec![Outcome::Applied]
    );

    // Waiting: not public, not in anyone else's feed; its author sees it as pending.
    assert!(!public_titles(&app, &theme.id.to_string())
        .await
        .contains(&"Tablets für die Grundschulen".to_owned()));
    assert_eq!(
        app.get(&format!("/api/ideas/{idea}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(feed_ideas(&app, &other)
        .await
        .iter()
        .all(|i| i.id.to_string() != idea));
    let mine = feed_ideas(&app, &author).await;
    let mine = mine
        .iter()
        .find(|i| i.id.to_string() == idea)
        .expect("the author sees it");
    assert_eq!(
        mine.status,
        werkstadt_domain::moderation::IdeaStatus::Pending
    );
    assert_eq!(mine.title, "Tablets für die Grundschulen");
    // Nobody can support it yet.
    let outcome = push_as(&app, &other, vec![support(&idea)]).await;
    assert!(
        matches!(&outcome[0], Outcome::Rejected { code, .. } if *code == werkstadt_domain::ErrorCode::UnknownIdea)
    );

    let q = moderator.queue(&app, "").await;
    assert_eq!(q["waiting"], 1);
    assert_eq!(q["items"][0]["title"], "Tablets für die Grundschulen");

    // Two moderators decide differently at the same time: the first applied wins.
    let approve = decide(&idea, json!("approve"));
    let reject = decide(&idea, json!({"reject": {"reason": "Passt nicht"}}));
    assert_eq!(
        moderator.decide(&app, vec![approve.clone()]).await,
        vec![Outcome::Applied]
    );
    let late = second.decide(&app, vec![reject]).await;
    assert!(
        matches!(&late[0], Outcome::Rejected { code, .. } if *code == werkstadt_domain::ErrorCode::StaleState),
        "{late:?}"
    );
    // Replaying the approval is a duplicate, not a second decision.
    assert_eq!(
        moderator.decide(&app, vec![approve]).await,
        vec![Outcome::Duplicate]
    );

    assert!(public_titles(&app, &theme.id.to_string())
        .await
        .contains(&"Tablets für die Grundschulen".to_owned()));
    assert_eq!(app.theme("Bildung").await.idea_count, count_before + 1);
    assert!(feed_ideas(&app, &other)
        .await
        .iter()
        .any(|i| i.id.to_string() == idea));
    assert_eq!(moderator.queue(&app, "").await["waiting"], 0);

    let log = admin.audit_log(&app).await;
    let approvals: Vec<&Value> = log
        .as_array()
        .expect("log")
        .iter()
        .filter(|e| e["action"] == "idea.approve")
        .collect();
    assert_eq!(approvals.len(), 1, "one decision, one line");
    assert_eq!(approvals[0]["actor"], "moderation");
    assert_eq!(approvals[0]["target"], idea.as_str());
    assert!(approvals[0]["before"]
        .as_str()
        .unwrap_or("")
        .contains("pending"));
}

#[tokio::test]
async fn a_rejection_reason_reaches_the_author_and_nobody_else() {
    let app = TestApp::spawn().await;
    admin(&app).await.set_mode(&app, "pre").await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let theme = app.theme("Mobilität").await.id.to_string();
    let (author, other) = (Participant::new(), Participant::new());
    let (idea, m) = create_idea(&theme, "Werbung für meinen Laden");
    push_as(&app, &author, vec![m]).await;
    let reason = "Bitte keine Werbung – Ideen sollen der ganzen Stadt nützen.";
    let out = moderator
        .decide(
            &app,
            vec![decide(&idea, json!({"reject": {"reason": reason}}))],
        )
        .await;
    assert_eq!(out, vec![Outcome::Applied]);
    let mine = feed_ideas(&app, &author).await;
    let mine = mine
        .iter()
        .find(|i| i.id.to_string() == idea)
        .expect("author's view");
    assert_eq!(
        mine.status,
        werkstadt_domain::moderation::IdeaStatus::Rejected
    );
    assert_eq!(mine.reason.as_deref(), Some(reason));
    assert!(feed_ideas(&app, &other)
        .await
        .iter()
        .all(|i| i.id.to_string() != idea));
    assert!(!public_titles(&app, &theme)
        .await
        .contains(&"Werbung für meinen Laden".to_owned()));
}

#[tokio::test]
async fn merging_duplicates_moves_supports_without_counting_anyone_twice() {
    let app = TestApp::spawn().await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let theme = app.theme("Bildung").await.id.to_string();
    let (p1, p2, p3) = (Participant::new(), Participant::new(), Participant::new());
    let (kept, m1) = create_idea(&theme, "Offenes WLAN in Bibliotheken");
    let (dup, m2) = create_idea(&theme, "WLAN in der Stadtbibliothek");
    push_as(&app, &p1, vec![m1, support(&kept)]).await;
    push_as(&app, &p2, vec![m2, support(&kept), support(&dup)]).await;
    push_as(&app, &p3, vec![support(&dup)]).await;

    let out = moderator
        .decide(&app, vec![decide(&dup, json!({"merge": {"into": kept}}))])
        .await;
    assert_eq!(out, vec![Outcome::Applied]);
    let kept_now: Value = app.get_json(&format!("/api/ideas/{kept}")).await;
    assert_eq!(kept_now["support_count"], 3, "p1, p2 and p3 — p2 once");
    assert_eq!(
        app.get(&format!("/api/ideas/{dup}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // p3's own state moved along; the duplicate's author sees where it went.
    let me: Value = p3.me(&app).await.json().await.expect("me");
    assert_eq!(me["supported_ideas"], json!([kept]));
    let authors_view = feed_ideas(&app, &p2).await;
    let d = authors_view
        .iter()
        .find(|i| i.id.to_string() == dup)
        .expect("dup");
    assert_eq!(d.status, werkstadt_domain::moderation::IdeaStatus::Merged);
    assert_eq!(d.merged_into.map(|i| i.to_string()), Some(kept.clone()));
    // Others get a tombstone without content.
    let others = feed_ideas(&app, &p3).await;
    let t = others
        .iter()
        .find(|i| i.id.to_string() == dup)
        .expect("tombstone");
    assert!(t.title.is_empty() && t.body.is_empty());

    // Merging into itself or into the merged duplicate is refused.
    let again = moderator
        .decide(&app, vec![decide(&kept, json!({"merge": {"into": dup}}))])
        .await;
    assert!(matches!(&again[0], Outcome::Rejected { .. }), "{again:?}");
}

#[tokio::test]
async fn official_answers_are_public_and_hiding_leaves_a_tombstone() {
    let app = TestApp::spawn().await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let theme = app.theme("Bildung").await.id.to_string();
    let (author, other) = (Participant::new(), Participant::new());
    let (idea, m) = create_idea(&theme, "Digitale Lernplattform");
    let (rude, m2) = create_idea(&theme, "Alles Quatsch hier");
    push_as(&app, &author, vec![m, m2]).await;
    let out = moderator
        .decide(
            &app,
            vec![
                decide(&idea, json!({"answer": {"status": "in_review", "text": "Das Schulamt prüft die Kosten."}})),
                decide(&rude, json!({"hide": {"reason": "Kein Beitrag zum Thema."}})),
            ],
        )
        .await;
    assert_eq!(out, vec![Outcome::Applied, Outcome::Applied]);
    let seen = feed_ideas(&app, &other).await;
    let answered = seen
        .iter()
        .find(|i| i.id.to_string() == idea)
        .expect("idea");
    let answer = answered.answer.as_ref().expect("answer");
    assert_eq!(
        answer.status,
        werkstadt_domain::moderation::OfficialStatus::InReview
    );
    assert_eq!(answer.text, "Das Schulamt prüft die Kosten.");
    let hidden = seen
        .iter()
        .find(|i| i.id.to_string() == rude)
        .expect("tombstone");
    assert_eq!(
        hidden.status,
        werkstadt_domain::moderation::IdeaStatus::Hidden
    );
    assert!(hidden.title.is_empty() && hidden.reason.is_none());
    let authors = feed_ideas(&app, &author).await;
    let own = authors
        .iter()
        .find(|i| i.id.to_string() == rude)
        .expect("own");
    assert_eq!(own.reason.as_deref(), Some("Kein Beitrag zum Thema."));
    assert_eq!(own.title, "Alles Quatsch hier");
}

#[tokio::test]
async fn participants_cannot_moderate_and_bad_decisions_change_nothing() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await.id.to_string();
    let author = Participant::new();
    let (idea, m) = create_idea(&theme, "Medienkompetenz für Senioren");
    push_as(&app, &author, vec![m]).await;

    // Without a staff session the whole batch is refused (the client keeps it for later).
    let hide = decide(&idea, json!({"hide": {"reason": "Test"}}));
    let res = author
        .post(
            &app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": [hide.clone()]}),
        )
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
    assert_eq!(
        app.get(&format!("/api/ideas/{idea}")).await.status(),
        StatusCode::OK
    );

    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    // The same mutation id was never recorded, so it applies once a moderator sends it.
    let too_long = decide(&idea, json!({"hide": {"reason": "x".repeat(1001)}}));
    let markup = decide(&idea, json!({"reject": {"reason": "<b>nein</b>"}}));
    let unknown = decide(&Uuid::now_v7().to_string(), json!("approve"));
    let out = moderator
        .decide(&app, vec![too_long, markup, unknown, hide])
        .await;
    let codes: Vec<String> = out
        .iter()
        .map(|o| match o {
            Outcome::Rejected { code, .. } => serde_json::to_value(code)
                .expect("code")
                .as_str()
                .unwrap_or("")
                .to_owned(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        codes,
        [
            "reason_too_long",
            "reason_invalid",
            "unknown_idea",
            "Applied"
        ]
    );
    assert_eq!(
        app.get(&format!("/api/ideas/{idea}")).await.status(),
        StatusCode::NOT_FOUND
    );

    // Moderators cannot change the process's mode; admins can.
    let res = moderator.set_mode(&app, "pre").await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
}

/// "Similar ideas while typing": full-text over published ideas only, titles first, at most
/// five, and nothing a citizen types can break the query.
#[tokio::test]
async fn similar_ideas_are_found_while_typing_and_only_published_ones() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Mobilität").await.id.to_string();
    let p = Participant::new();
    let (a, m1) = create_idea(&theme, "Sichere Fahrradwege in der Innenstadt");
    let (_b, m2) = create_idea(&theme, "Mehr Busse am Abend");
    push_as(&app, &p, vec![m1, m2]).await;
    let titles = |v: Value| -> Vec<String> {
        v.as_array()
            .expect("list")
            .iter()
            .filter_map(|i| i["title"].as_str().map(str::to_owned))
            .collect()
    };
    // The title index catches up right after the write, in its own transaction.
    let mut found = Vec::new();
    for _ in 0..100 {
        found = titles(app.get_json("/api/ideas/similar?q=fahrrad%20innenst").await);
        if found.contains(&"Sichere Fahrradwege in der Innenstadt".to_owned()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        found.first().map(String::as_str),
        Some("Sichere Fahrradwege in der Innenstadt")
    );
    assert!(!found.contains(&"Mehr Busse am Abend".to_owned()));
    // Umlauts and case do not matter; filler words alone find nothing.
    assert!(!titles(
        app.get_json("/api/ideas/similar?q=FAHRRÄDER%20fahrradwege")
            .await
    )
    .is_empty());
    assert!(titles(app.get_json("/api/ideas/similar?q=und%20die%20der").await).is_empty());
    // FTS syntax in the input is just text.
    let res = app
        .get("/api/ideas/similar?q=%22%29%20OR%20*%20NEAR%28")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let long = app
        .get(&format!("/api/ideas/similar?q={}", "a".repeat(201)))
        .await;
    assert_error(long, StatusCode::BAD_REQUEST, "bad_query").await;

    // A hidden idea is not suggested any more.
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    moderator
        .decide(
            &app,
            vec![decide(&a, json!({"hide": {"reason": "Doppelt"}}))],
        )
        .await;
    assert!(
        !titles(app.get_json("/api/ideas/similar?q=fahrradwege").await)
            .contains(&"Sichere Fahrradwege in der Innenstadt".to_owned())
    );
}

async fn redeem(app: &TestApp, p: &Participant, code: &str) -> reqwest::Response {
    p.post(app, "/api/codes/redeem", &json!({"code": code}))
        .await
}

/// Participation codes: issued by admins only, stored hashed, single-use; a process that
/// counts verified participants only refuses others' supports and dot votes.
#[tokio::test]
async fn participation_codes_verify_once_and_gate_votes_when_required() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let issue = |who: &Moderator, body: Value, accept: &'static str| {
        app.client
            .post(app.url("/api/admin/codes"))
            .header("cookie", &who.cookie)
            .header(CSRF_HEADER, &who.csrf)
            .header("accept", accept)
            .json(&body)
            .send()
    };
    let denied = issue(
        &moderator,
        json!({"count": 3, "label": "Workshop"}),
        "application/json",
    )
    .await
    .expect("issue");
    assert_error(denied, StatusCode::FORBIDDEN, "forbidden").await;
    let too_many = issue(
        &admin,
        json!({"count": 501, "label": "Brief"}),
        "application/json",
    )
    .await
    .expect("issue");
    assert_error(too_many, StatusCode::BAD_REQUEST, "bad_query").await;
    let res = issue(
        &admin,
        json!({"count": 3, "label": "Workshop 12.12."}),
        "application/json",
    )
    .await
    .expect("issue");
    assert_eq!(res.status(), StatusCode::CREATED);
    let batch: Value = res.json().await.expect("batch");
    let codes: Vec<String> = batch["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code").to_owned())
        .collect();
    assert_eq!(codes.len(), 3);
    assert!(
        codes
            .iter()
            .all(|c| c.len() == 14 && c.matches('-').count() == 2),
        "{codes:?}"
    );

    // Only hashes are stored.
    let raw = std::fs::read(&app.db).expect("db file");
    let text = String::from_utf8_lossy(&raw);
    assert!(codes.iter().all(|c| !text.contains(&c.replace('-', ""))));

    // Printable sheet with QR codes.
    let sheet = issue(
        &admin,
        json!({"count": 2, "label": "Briefe Sennestadt"}),
        "text/html",
    )
    .await
    .expect("sheet");
    assert_eq!(sheet.status(), StatusCode::CREATED);
    let html = sheet.text().await.expect("html");
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(html.contains("Briefe Sennestadt") && html.contains("lang=\"de\""));

    // Verified votes only.
    let set = app
        .client
        .put(app.url("/api/admin/process/verification"))
        .header("cookie", &admin.cookie)
        .header(CSRF_HEADER, &admin.csrf)
        .json(&json!({"verified_only": true}))
        .send()
        .await
        .expect("set");
    assert_eq!(set.status(), StatusCode::NO_CONTENT);
    let theme = app.theme("Bildung").await;
    let ideas: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let idea = ideas["ideas"][0]["id"].as_str().expect("idea").to_owned();
    let (citizen, other) = (Participant::new(), Participant::new());
    let before = push_as(&app, &citizen, vec![support(&idea)]).await;
    assert!(
        matches!(&before[0], Outcome::Rejected { code, .. } if *code == werkstadt_domain::ErrorCode::VerificationRequired),
        "{before:?}"
    );
    let dots = citizen
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": theme.id, "points": 2}]}),
        )
        .await;
    assert_error(dots, StatusCode::FORBIDDEN, "verification_required").await;

    // Typing is forgiving (lower case, spaces instead of hyphens).
    let typed = codes[0].to_lowercase().replace('-', " ");
    assert_eq!(
        redeem(&app, &citizen, &typed).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        push_as(&app, &citizen, vec![support(&idea)]).await,
        vec![Outcome::Applied]
    );
    // Used is used — for anyone else.
    assert_error(
        redeem(&app, &other, &codes[0]).await,
        StatusCode::CONFLICT,
        "code_used",
    )
    .await;
    assert_error(
        redeem(&app, &other, "AAAA-BBBB-CCC").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "code_invalid",
    )
    .await;
    assert_error(
        redeem(&app, &other, "AAAA-BBBB-CCCC").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "code_invalid",
    )
    .await;
    assert_eq!(
        redeem(&app, &other, &codes[1]).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        push_as(&app, &other, vec![support(&idea)]).await,
        vec![Outcome::Applied]
    );
    let counted: Value = app.get_json(&format!("/api/ideas/{idea}")).await;
    assert_eq!(
        counted["support_count"], 2,
        "exactly the two verified supports"
    );
}

/// Citizens report ideas and comments with a reason; the queue lists open reports, most
/// reported first, each person once; a decision on the idea closes its reports.
#[tokio::test]
async fn reports_land_in_the_queue_counted_once_per_person_and_close_with_a_decision() {
    let app = TestApp::spawn().await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let theme = app.theme("Bildung").await.id.to_string();
    let author = Participant::new();
    let (idea, m) = create_idea(&theme, "Alle Lehrer sind faul");
    let comment = Uuid::now_v7().to_string();
    push_as(
        &app,
        &author,
        vec![
            m,
            json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": comment, "idea_id": idea, "body": "Unsinn!"}}}),
        ],
    )
    .await;
    let (a, b) = (Participant::new(), Participant::new());
    for (p, reason) in [
        (&a, "Beleidigend"),
        (&b, "Pauschal und verletzend"),
        (&a, "Nochmal"),
    ] {
        let res = file_report(&app, p, json!({"idea": idea}), reason).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(
        file_report(&app, &b, json!({"comment": comment}), "Kein Beitrag")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        file_report(&app, &a, json!({"idea": Uuid::now_v7()}), "Gibt es nicht").await,
        StatusCode::NOT_FOUND,
        "unknown_idea",
    )
    .await;
    assert_error(
        file_report(&app, &a, json!({"idea": idea}), " ").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "reason_missing",
    )
    .await;

    let q = moderator.queue(&app, "?status=published").await;
    let reports = q["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["target"], json!({"idea": idea}));
    assert_eq!(
        reports[0]["reports"], 2,
        "a second report by the same person is not counted"
    );
    assert_eq!(
        reports[0]["reasons"],
        json!(["Beleidigend", "Pauschal und verletzend"])
    );
    assert!(reports[0]["excerpt"]
        .as_str()
        .unwrap_or("")
        .contains("Alle Lehrer sind faul"));
    assert_eq!(reports[1]["reports"], 1);

    moderator
        .decide(
            &app,
            vec![decide(&idea, json!({"hide": {"reason": "Beleidigend"}}))],
        )
        .await;
    let q = moderator.queue(&app, "").await;
    let open: Vec<&Value> = q["reports"].as_array().expect("reports").iter().collect();
    assert!(
        open.iter().all(|r| r["target"] != json!({"idea": idea})),
        "{open:?}"
    );

    // The comment's report was unfounded: dismissed without a decision; the log says who.
    let dismiss = |target: Value| {
        app.client
            .post(app.url("/api/moderation/reports/dismiss"))
            .header("cookie", &moderator.cookie)
            .header(CSRF_HEADER, &moderator.csrf)
            .json(&json!({ "target": target }))
            .send()
    };
    let res = dismiss(json!({"comment": comment})).await.expect("dismiss");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let q = moderator.queue(&app, "").await;
    assert_eq!(q["reports"], json!([]));
    // Twice (a colleague was first), never reported, no CSRF token: refused, nothing logged.
    assert_error(
        dismiss(json!({"comment": comment})).await.expect("again"),
        StatusCode::CONFLICT,
        "stale_state",
    )
    .await;
    assert_error(
        dismiss(json!({"idea": Uuid::now_v7()}))
            .await
            .expect("unknown"),
        StatusCode::NOT_FOUND,
        "unknown_idea",
    )
    .await;
    let no_csrf = app
        .client
        .post(app.url("/api/moderation/reports/dismiss"))
        .header("cookie", &moderator.cookie)
        .json(&json!({"target": {"comment": comment}}))
        .send()
        .await
        .expect("no csrf");
    assert_eq!(no_csrf.status(), StatusCode::FORBIDDEN);
    let audit = admin(&app).await.audit_log(&app).await;
    let dismissals: Vec<&Value> = audit
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == "report.dismiss")
        .collect();
    assert_eq!(dismissals.len(), 1, "{dismissals:?}");
    assert_eq!(dismissals[0]["target"], format!("comment:{comment}"));
    assert_eq!(dismissals[0]["actor"], DEMO.0);
}

async fn file_report(
    app: &TestApp,
    p: &Participant,
    target: Value,
    reason: &str,
) -> reqwest::Response {
    let body = json!({"id": Uuid::now_v7(), "target": target, "reason": reason});
    p.post(app, "/api/reports", &body).await
}

/// Comments are moderated like ideas: under pre-moderation they wait (visible to their
/// author only), moderators approve, reject or hide them, and participants cannot.
#[tokio::test]
async fn comments_wait_under_pre_moderation_and_moderators_decide_them() {
    let app = TestApp::spawn().await;
    let theme = app.theme("Bildung").await;
    let ideas: Value = app
        .get_json(&format!("/api/themes/{}/ideas", theme.id))
        .await;
    let idea = ideas["ideas"][0]["id"].as_str().expect("idea").to_owned();
    admin(&app).await.set_mode(&app, "pre").await;
    let moderator = sign_in(&app, DEMO.0, DEMO.1).await;
    let (author, other) = (Participant::new(), Participant::new());
    let comment = |id: &str, body: &str| json!({"id": Uuid::now_v7(), "kind": {"add_comment": {"comment_id": id, "idea_id": idea, "body": body}}});
    let (good, rude) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
    let out = push_as(
        &app,
        &author,
        vec![
            comment(&good, "Gute Idee, auch für Senioren!"),
            comment(&rude, "Blödsinn"),
        ],
    )
    .await;
    assert_eq!(out, vec![Outcome::Applied, Outcome::Applied]);
    let public: Value = app.get_json(&format!("/api/ideas/{idea}/comments")).await;
    assert_eq!(
        public.as_array().map(Vec::len),
        Some(0),
        "nothing public yet"
    );
    let feed_comments = |p: &Participant| {
        let p = p.clone();
        let app = &app;
        async move {
            let res = app
                .client
                .get(app.url("/api/sync/pull?protocol=1&cursor=0"))
                .header("x-participant-id", p.id.to_string())
                .header("x-participant-secret", &p.secret)
                .send()
                .await
                .expect("pull");
            let page: PullResponse = res.json().await.expect("pull");
            page.changes
                .into_iter()
                .filter_map(|c| match c {
                    Change::Comment(c) => Some(c),
                    _ => None,
                })
                .collect::<Vec<_>>()
        }
    };
    let mine = feed_comments(&author).await;
    assert_eq!(mine.len(), 2);
    assert!(mine
        .iter()
        .all(|c| c.status == werkstadt_domain::moderation::IdeaStatus::Pending));
    assert!(
        feed_comments(&other).await.is_empty(),
        "others never see waiting comments"
    );
    let q = moderator.queue(&app, "").await;
    assert_eq!(q["comments"].as_array().map(Vec::len), Some(2));

    // A participant cannot decide; a moderator approves one and rejects the other.
    let decide_comment = |id: &str, d: Value| json!({"id": Uuid::now_v7(), "kind": {"decide_comment": {"comment_id": id, "decision": d}}});
    let res = author
        .post(
            &app,
            "/api/sync/push",
            &json!({"protocol": 1, "mutations": [decide_comment(&good, json!("approve"))]}),
        )
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "staff_required").await;
    let out = moderator
        .decide(
            &app,
            vec![
                decide_comment(&good, json!("approve")),
                decide_comment(
                    &rude,
                    json!({"reject": {"reason": "Bitte sachlich bleiben."}}),
                ),
                decide_comment(&good, json!({"merge": {"into": idea}})),
            ],
        )
        .await;
    assert_eq!(out[..2], [Outcome::Applied, Outcome::Applied]);
    assert!(
        matches!(&out[2], Outcome::Rejected { code, .. } if *code == werkstadt_domain::ErrorCode::StaleState)
    );
    let public: Value = app.get_json(&format!("/api/ideas/{idea}/comments")).await;
    assert_eq!(public.as_array().map(Vec::len), Some(1));
    assert_eq!(public[0]["body"], "Gute Idee, auch für Senioren!");
    let idea_now = feed_ideas(&app, &other).await;
    let counted = idea_now
        .iter()
        .find(|i| i.id.to_string() == idea)
        .expect("idea");
    assert_eq!(counted.comment_count, 1, "only published comments count");
    let mine = feed_comments(&author).await;
    let rejected = mine.iter().find(|c| c.id.to_string() == rude).expect("own");
    assert_eq!(rejected.reason.as_deref(), Some("Bitte sachlich bleiben."));
    let theirs = feed_comments(&other).await;
    assert!(theirs
        .iter()
        .all(|c| c.id.to_string() != rude || c.body.is_empty()));
}

//! Committee decisions on an idea itself, and deleting a project recorded by mistake (issue 13),
//! against a real server: the feed carries both to the apps; merging an idea carries its
//! decisions over; a deleted project leaves its ideas, its followers and every replica, and a
//! follow of it sent later is refused with `unknown_target`.

mod common;

use common::projects::*;
use common::staff::decide;
use common::{assert_error, Participant};
use reqwest::{Method, StatusCode};
use serde_json::json;
use werkstadt_domain::news::{news, NewsKind, Subject};
use werkstadt_domain::projects::{CommitteeDecision, DecisionOutcome};
use werkstadt_domain::sync::Outcome;

fn decision() -> serde_json::Value {
    json!({"body": "digitalisierungsausschuss", "decided_on": now() - DAY,
           "reference": "DA/2026/117", "outcome": "noted",
           "link": "https://ratsinfo.bielefeld.de/vo0050.asp?__kvonr=117",
           "text": "Der Ausschuss nimmt den Vorschlag zur Kenntnis."})
}

#[tokio::test]
async fn a_committee_decides_on_an_idea_itself_and_a_merge_carries_the_decision_over() {
    let (app, admin, themes) = setup().await;
    let author = Participant::new();
    let dup = idea(&app, &author, &themes[0], "Sitzungen im Livestream").await;
    let keep = idea(&app, &author, &themes[0], "Ratssitzungen live übertragen").await;
    let path = format!("/api/moderation/ideas/{dup}/decisions");
    let res = send(&app, &admin, Method::POST, &path, decision()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let list: Vec<CommitteeDecision> = res.json().await.expect("decisions");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].outcome, DecisionOutcome::Noted);
    let public: Vec<CommitteeDecision> = app.get_json(&format!("/api/ideas/{dup}/decisions")).await;
    assert_eq!(public, list);

    // The author follows their idea: the decision is in their replica and their news.
    let r = replica(&app, &author).await;
    assert_eq!(r.decisions_on(dup), list.as_slice());
    let items = news(&r, &r.follows);
    assert!(
        items.iter().any(|i| i.subject == Subject::Idea(dup)
            && matches!(&i.kind, NewsKind::Decision(d) if d.reference == "DA/2026/117")),
        "{items:?}"
    );

    // Bad input: nothing written.
    let unknown = format!("/api/moderation/ideas/{}/decisions", uuid::Uuid::now_v7());
    assert_error(
        send(&app, &admin, Method::POST, &unknown, decision()).await,
        StatusCode::NOT_FOUND,
        "unknown_idea",
    )
    .await;
    assert_error(
        send(&app, &admin, Method::POST, &path, json!({"reference": "x"})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "decision_incomplete",
    )
    .await;
    let mut bad_link = decision();
    bad_link["link"] = json!("javascript:alert(1)");
    assert_error(
        send(&app, &admin, Method::POST, &path, bad_link).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "link_invalid",
    )
    .await;
    let still: Vec<CommitteeDecision> = app.get_json(&format!("/api/ideas/{dup}/decisions")).await;
    assert_eq!(still.len(), 1);

    // Merged: the decision goes with the idea.
    let merge = decide(&dup.to_string(), json!({"merge": {"into": keep}}));
    assert_eq!(admin.decide(&app, vec![merge]).await, [Outcome::Applied]);
    let moved: Vec<CommitteeDecision> = app.get_json(&format!("/api/ideas/{keep}/decisions")).await;
    assert_eq!(moved, list);
    let left: Vec<CommitteeDecision> = app.get_json(&format!("/api/ideas/{dup}/decisions")).await;
    assert!(left.is_empty());
    let r = replica(&app, &author).await;
    assert_eq!(r.decisions_on(keep), list.as_slice());
    assert!(r.decisions_on(dup).is_empty());
    // A decision on an idea that is not published is refused.
    assert_error(
        send(&app, &admin, Method::POST, &path, decision()).await,
        StatusCode::CONFLICT,
        "idea_not_published",
    )
    .await;

    // Withdrawn (recorded by mistake): gone everywhere, in the audit log.
    let withdraw = format!("/api/moderation/ideas/{keep}/decisions/{}", list[0].id);
    let res = admin.send(&app, Method::DELETE, &withdraw, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(replica(&app, &author).await.idea_decisions.is_empty());
    let again = admin.send(&app, Method::DELETE, &withdraw, None).await;
    assert_error(again, StatusCode::NOT_FOUND, "not_found").await;
    let actions = audit_actions(&app, &admin).await;
    for a in ["idea.decision", "idea.decision.withdraw"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_deleted_project_leaves_its_ideas_its_followers_and_every_replica() {
    let (app, admin, themes) = setup().await;
    let author = Participant::new();
    let a = idea(&app, &author, &themes[0], "Parkplatzsensoren").await;
    let p = create_project(&app, &admin, themes[0].id, &[a]).await;
    let (fan, late) = (Participant::new(), Participant::new());
    let on = follow(json!({"project": p.id}), true);
    assert_eq!(push(&app, &fan, &[on]).await, [Outcome::Applied]);
    let mut seen = replica(&app, &fan).await;
    assert!(seen.project(p.id).is_some() && seen.follows_project(p.id));
    // Written offline by someone else before the deletion, sent after it.
    let queued = follow(json!({"project": p.id}), true);

    let path = format!("/api/moderation/projects/{}", p.id);
    let res = admin.send(&app, Method::DELETE, &path, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.client
            .get(app.url(&format!("/api/projects/{}", p.id)))
            .send()
            .await
            .expect("get"),
        StatusCode::NOT_FOUND,
        "unknown_project",
    )
    .await;
    // An app that had it drops it on its next pull; its idea no longer names it.
    for c in pull(&app, &fan).await {
        seen.apply(c);
    }
    assert!(seen.project(p.id).is_none());
    assert!(seen.follows.is_empty(), "nobody follows it any more");
    assert_eq!(seen.idea(a).and_then(|i| i.project_id), None);
    let out = push(&app, &late, &[queued]).await;
    assert_eq!(code(&out[0]), Some("unknown_target"));
    assert!(replica(&app, &late).await.follows.is_empty());
    // The idea can grow into another project.
    create_project(&app, &admin, themes[0].id, &[a]).await;
    assert_error(
        admin.send(&app, Method::DELETE, &path, None).await,
        StatusCode::NOT_FOUND,
        "unknown_project",
    )
    .await;
    let actions = audit_actions(&app, &admin).await;
    assert!(actions.iter().any(|x| x == "project.delete"), "{actions:?}");
    app.stop().await;
}

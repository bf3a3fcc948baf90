//! Projects (issue 13) against a real server from an empty database: a project grows from two
//! ideas and keeps its history (status, milestones, a committee decision, an update) in the API,
//! the feed and the audit log; the chain runs both ways; bad input is refused with a stable
//! code and nothing written.

mod common;

use common::projects::*;
use common::{assert_error, Participant};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::projects::{DecisionBody, DecisionOutcome, ProjectRecord, ProjectStatus};
use werkstadt_domain::{IdeaId, ThemeId};

#[tokio::test]
async fn a_project_grows_from_two_ideas_and_keeps_its_history_in_the_api_and_the_feed() {
    let (app, admin, themes) = setup().await;
    let citizen = Participant::new();
    let a = idea(&app, &citizen, &themes[0], "Bürgeramt online").await;
    let b = idea(&app, &citizen, &themes[0], "Termine digital buchen").await;
    let p = create_project(&app, &admin, themes[0].id, &[a, b]).await;
    assert_eq!(p.source_ideas, [a, b], "the project lists its source ideas");
    assert_eq!(p.status, ProjectStatus::Planned);
    assert_eq!(
        p.funding.programme.as_deref(),
        Some("Modellprojekte Smart Cities")
    );
    let base = format!("/api/moderation/projects/{}", p.id);
    // Under way: status, two milestones (one done), a decision, an update.
    let mut edit = draft(themes[0].id, &[a, b]);
    edit["status"] = json!("in_progress");
    edit["starts_on"] = json!(p.starts_on);
    let p2 = project_ok(
        send(&app, &admin, Method::PUT, &base, edit).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(p2.status, ProjectStatus::InProgress);
    let history: Vec<ProjectStatus> = p2.status_changes.iter().map(|c| c.status).collect();
    assert_eq!(
        history,
        [ProjectStatus::Planned, ProjectStatus::InProgress],
        "dated status history"
    );
    for (title, due) in [("Ausschreibung", 10 * DAY), ("Start des Portals", 90 * DAY)] {
        let m = json!({"title": title, "due_on": p.starts_on + due});
        project_ok(
            send(&app, &admin, Method::POST, &format!("{base}/milestones"), m).await,
            StatusCode::CREATED,
        )
        .await;
    }
    let p3: ProjectRecord = app.get_json(&format!("/api/projects/{}", p.id)).await;
    let first = &p3.milestones[0];
    assert_eq!(first.title, "Ausschreibung");
    let done = json!({"title": "Ausschreibung", "due_on": first.due_on, "done_on": now()});
    let p4 = project_ok(
        send(
            &app,
            &admin,
            Method::PUT,
            &format!("{base}/milestones/{}", first.id),
            done,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(p4.milestones[0].done_on.is_some(), "the milestone is done");
    assert!(p4.milestones[1].done_on.is_none());
    let decision = json!({"body": "digitalisierungsausschuss", "decided_on": now() - DAY,
        "reference": "V 42/2027", "outcome": "adopted",
        "link": "https://anwendungen.bielefeld.de/bi/vo020.asp?VOLFDNR=42", "text": "Einstimmig."});
    project_ok(
        send(
            &app,
            &admin,
            Method::POST,
            &format!("{base}/decisions"),
            decision,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let update = json!({"text": "Die Ausschreibung ist vergeben.\n\nMehr: https://bielefeld.de"});
    project_ok(
        send(
            &app,
            &admin,
            Method::POST,
            &format!("{base}/updates"),
            update,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;

    let shown: ProjectRecord = app.get_json(&format!("/api/projects/{}", p.id)).await;
    assert_eq!(shown.milestones.len(), 2);
    assert_eq!(shown.decisions.len(), 1);
    assert_eq!(
        shown.decisions[0].body,
        DecisionBody::Digitalisierungsausschuss
    );
    assert_eq!(shown.decisions[0].outcome, DecisionOutcome::Adopted);
    assert_eq!(shown.decisions[0].reference, "V 42/2027");
    assert_eq!(shown.updates.len(), 1);
    assert!(shown.updates[0].text.contains("vergeben"));
    assert!(shown.updated_at >= shown.created_at);
    // The overview, filtered by field of action and status.
    let all: Vec<ProjectRecord> = app
        .get_json(&format!(
            "/api/projects?theme={}&status=in_progress",
            themes[0].id
        ))
        .await;
    assert_eq!(all.len(), 1);
    let none: Vec<ProjectRecord> = app
        .get_json(&format!("/api/projects?theme={}", themes[1].id))
        .await;
    assert!(none.is_empty());
    assert_error(
        app.get("/api/projects?status=somewhere").await,
        StatusCode::BAD_REQUEST,
        "bad_query",
    )
    .await;

    // The chain both ways, in anyone's replica: the ideas name the project, it names them.
    let stranger = Participant::new();
    let r = replica(&app, &stranger).await;
    assert_eq!(
        r.project(p.id),
        Some(&shown),
        "the feed carries the whole project"
    );
    for i in [a, b] {
        assert_eq!(
            r.idea(i).and_then(|x| x.project_id),
            Some(p.id),
            "Daraus wurde: Projekt"
        );
    }
    // Every staff action is in the audit log.
    let actions = audit_actions(&app, &admin).await;
    for a in [
        "project.create",
        "project.edit",
        "project.milestone.add",
        "project.milestone.edit",
        "project.decision",
        "project.update",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // Dropping an idea from the list cuts its link too.
    let mut fewer = draft(themes[0].id, &[b]);
    fewer["starts_on"] = json!(p.starts_on);
    let p5 = project_ok(
        send(&app, &admin, Method::PUT, &base, fewer).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(p5.source_ideas, [b]);
    let r = replica(&app, &stranger).await;
    assert_eq!(r.idea(a).and_then(|x| x.project_id), None);
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_with_a_stable_code_and_nothing_is_written() {
    let (app, admin, themes) = setup().await;
    let citizen = Participant::new();
    let published = idea(&app, &citizen, &themes[0], "Sensoren an Ampeln").await;
    let p = create_project(&app, &admin, themes[0].id, &[published]).await;
    let base = format!("/api/moderation/projects/{}", p.id);
    let res = admin.set_mode(&app, "pre").await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let waiting = idea(&app, &citizen, &themes[0], "Noch nicht freigegeben").await;
    let audit_before = audit_actions(&app, &admin).await.len();

    let cases: Vec<(Method, String, Value, StatusCode, &str)> = vec![
        (
            Method::POST,
            format!("{base}/milestones"),
            json!({"title": "Zu früh", "due_on": p.starts_on - DAY}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "milestone_before_start",
        ),
        (
            Method::POST,
            format!("{base}/decisions"),
            json!({"decided_on": now(), "outcome": "adopted"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "decision_incomplete",
        ),
        (
            Method::POST,
            format!("{base}/decisions"),
            json!({"body": "rat", "outcome": "adopted"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "decision_incomplete",
        ),
        (
            Method::POST,
            format!("{base}/decisions"),
            json!({"body": "rat", "decided_on": now(), "outcome": "noted", "link": "javascript:alert(1)"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "link_invalid",
        ),
        (
            Method::POST,
            format!("{base}/updates"),
            json!({"text": "x".repeat(4_001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "body_too_long",
        ),
        (
            Method::POST,
            format!("{base}/updates"),
            json!({"text": "  "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "body_empty",
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            draft(themes[0].id, &[waiting]),
            StatusCode::CONFLICT,
            "idea_not_published",
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            draft(themes[0].id, &[IdeaId(uuid::Uuid::now_v7())]),
            StatusCode::NOT_FOUND,
            "unknown_idea",
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            draft(themes[1].id, &[published]),
            StatusCode::CONFLICT,
            "id_conflict",
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            draft(ThemeId(uuid::Uuid::now_v7()), &[]),
            StatusCode::NOT_FOUND,
            "unknown_theme",
        ),
        (
            Method::POST,
            "/api/moderation/projects".into(),
            json!({"theme_id": themes[0].id, "title": "x".repeat(121), "responsible": "Stadt", "starts_on": 0}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_long",
        ),
        (
            Method::PUT,
            base.clone(),
            {
                let mut d = draft(themes[0].id, &[published]);
                d["status"] = json!("abgeschlossen");
                d
            },
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            Method::POST,
            format!("/api/moderation/projects/{}/updates", uuid::Uuid::now_v7()),
            json!({"text": "Hallo"}),
            StatusCode::NOT_FOUND,
            "unknown_project",
        ),
        (
            Method::PUT,
            format!("{base}/milestones/{}", uuid::Uuid::now_v7()),
            json!({"title": "Gibt es nicht", "due_on": p.starts_on}),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (method, path, body, status, code) in cases {
        let res = send(&app, &admin, method.clone(), &path, body).await;
        assert_error(res, status, code).await;
    }
    // A milestone later, then a start after it is refused too.
    project_ok(
        send(
            &app,
            &admin,
            Method::POST,
            &format!("{base}/milestones"),
            json!({"title": "Pilot", "due_on": p.starts_on + DAY}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let mut late = draft(themes[0].id, &[published]);
    late["starts_on"] = json!(p.starts_on + 2 * DAY);
    assert_error(
        send(&app, &admin, Method::PUT, &base, late).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "milestone_before_start",
    )
    .await;
    assert_error(
        app.get(&format!("/api/projects/{}", uuid::Uuid::now_v7()))
            .await,
        StatusCode::NOT_FOUND,
        "unknown_project",
    )
    .await;

    let now_shown: ProjectRecord = app.get_json(&format!("/api/projects/{}", p.id)).await;
    assert!(now_shown.decisions.is_empty() && now_shown.updates.is_empty());
    assert_eq!(now_shown.milestones.len(), 1, "only the valid milestone");
    assert_eq!(now_shown.starts_on, p.starts_on);
    let all: Vec<ProjectRecord> = app.get_json("/api/projects").await;
    assert_eq!(all.len(), 1, "no project from refused drafts");
    assert_eq!(
        audit_actions(&app, &admin).await.len(),
        audit_before + 1,
        "one line: the milestone"
    );

    // HTML is stored (and answered) as text, never interpreted.
    let html = "<script>alert(1)</script> <b>fett</b>";
    let p2 = project_ok(
        send(
            &app,
            &admin,
            Method::POST,
            &format!("{base}/updates"),
            json!({"text": html}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(p2.updates[0].text, html);
    app.stop().await;
}

#[tokio::test]
async fn the_demo_has_one_project_grown_from_two_published_demo_ideas() {
    let app = common::TestApp::spawn().await;
    let all: Vec<ProjectRecord> = app.get_json("/api/projects").await;
    assert_eq!(all.len(), 1, "one demo project");
    let p = &all[0];
    let theme = app.theme("Verwaltung & Bürgerservice").await;
    assert_eq!(p.theme_id, theme.id);
    assert_eq!(p.status, ProjectStatus::InProgress);
    let mut titles = Vec::new();
    for id in &p.source_ideas {
        let idea: Value = app.get_json(&format!("/api/ideas/{id}")).await;
        assert_eq!(idea["status"], "published");
        titles.push(idea["title"].as_str().unwrap_or_default().to_owned());
    }
    assert_eq!(
        titles,
        [
            "Bürgeramt-Termine per App buchen",
            "Anträge mit Status-Verfolgung"
        ]
    );
    assert_eq!(p.milestones.len(), 2);
    assert_eq!(
        p.milestones.iter().filter(|m| m.done_on.is_some()).count(),
        1,
        "one milestone done"
    );
    assert!(p.milestones.iter().all(|m| m.due_on >= p.starts_on));
    assert_eq!(p.decisions.len(), 1);
    assert_eq!(p.decisions[0].body, DecisionBody::Digitalisierungsausschuss);
    assert_eq!(p.decisions[0].outcome, DecisionOutcome::Adopted);
    assert_eq!(p.updates.len(), 1);
    // The project and its ideas' links reach the apps through the feed.
    let citizen = Participant::new();
    let res = app
        .client
        .get(app.url("/api/sync/pull?protocol=1&cursor=0"))
        .header("x-participant-id", citizen.id.to_string())
        .header("x-participant-secret", &citizen.secret)
        .send()
        .await
        .expect("pull");
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.expect("feed");
    assert!(
        text.contains(&p.id.to_string()),
        "the project is in the feed"
    );
    assert!(
        text.contains(&format!("\"project_id\":\"{}\"", p.id)),
        "its ideas name it in the feed"
    );
    app.stop().await;
}

//! Setting up a real process from an empty database (no `--demo`): processes, fields of action
//! and phases by an admin; the phase gates participants meet, also for mutations written
//! offline before a phase closed; the dot budget from the process; retiring fields of action;
//! bad input answered with a stable code and nothing written.

mod common;

use common::projects::{code, now, push, DAY};
use common::staff::{self, Moderator};
use common::{assert_error, new_idea, Participant, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use werkstadt_domain::api::{Process, ProcessOverview, Results, ThemeSummary};
use werkstadt_domain::sync::Outcome;

async fn empty_app() -> TestApp {
    TestApp::spawn_with(|c| c.demo = false).await
}

async fn create_process(app: &TestApp, admin: &Moderator, body: Value) -> Process {
    let res = admin
        .send(app, Method::POST, "/api/admin/processes", Some(body))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.expect("process")
}

async fn add_theme(app: &TestApp, admin: &Moderator, p: &Process, title: &str) -> ThemeSummary {
    let res = admin
        .send(
            app,
            Method::POST,
            &format!("/api/admin/processes/{}/themes", p.id),
            Some(json!({"title": title, "description": "Worum es geht."})),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.expect("theme")
}

async fn set_phases(
    app: &TestApp,
    admin: &Moderator,
    p: &Process,
    phases: Value,
) -> reqwest::Response {
    admin
        .send(
            app,
            Method::PUT,
            &format!("/api/admin/processes/{}/phases", p.id),
            Some(json!({ "phases": phases })),
        )
        .await
}

/// A process running from 30 days ago for a year, with three fields of action.
async fn process_with_themes(app: &TestApp, admin: &Moderator) -> (Process, Vec<ThemeSummary>) {
    let p = create_process(
        app,
        admin,
        json!({"title": "Digitalstrategie Bielefeld 2027", "description": "Ihre Ideen.",
               "starts_at": now() - 30 * DAY, "ends_at": now() + 365 * DAY, "dot_budget": 5}),
    )
    .await;
    let mut themes = Vec::new();
    for t in ["Mobilität", "Bildung", "Verwaltung"] {
        themes.push(add_theme(app, admin, &p, t).await);
    }
    (p, themes)
}

fn create_idea(id: uuid::Uuid, theme: &ThemeSummary, title: &str) -> Value {
    json!({"id": uuid::Uuid::now_v7(), "kind": {"create_idea": {
        "idea_id": id, "theme_id": theme.id, "title": title, "body": "Ein Text."}}})
}

#[tokio::test]
async fn an_admin_sets_up_a_process_from_an_empty_database() {
    let app = empty_app().await;
    assert_error(
        app.get("/api/process").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let admin = staff::admin(&app).await;
    let (p, themes) = process_with_themes(&app, &admin).await;
    assert!(p.current, "the first process becomes current");
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert_eq!(overview.process.title, "Digitalstrategie Bielefeld 2027");
    let titles: Vec<&str> = overview.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Mobilität", "Bildung", "Verwaltung"]);
    // Reorder, edit, and the phases.
    let order = json!({"theme_ids": [themes[2].id, themes[0].id, themes[1].id]});
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/processes/{}/theme-order", p.id),
            Some(order),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = set_phases(
        &app,
        &admin,
        &p,
        json!([
            {"title": "Ideensammlung", "text": "Ideen einreichen.", "starts_at": now() - DAY,
             "ends_at": now() + 30 * DAY, "open": {"ideas": true, "supports": true, "comments": true}},
            {"title": "Bewertung", "starts_at": now() + 30 * DAY, "ends_at": now() + 60 * DAY,
             "open": {"dots": true}}
        ]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let overview: ProcessOverview = app.get_json("/api/process").await;
    let titles: Vec<&str> = overview.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Verwaltung", "Mobilität", "Bildung"]);
    assert_eq!(overview.process.phases.len(), 2);
    assert!(overview.process.phases[0].open.ideas);
    // A citizen takes part: an idea now; dots not before the Bewertung.
    let citizen = Participant::new();
    let idea = uuid::Uuid::now_v7();
    let res = citizen
        .post(
            &app,
            "/api/ideas",
            &new_idea(idea, &themes[0], "Busse im Takt", "Text"),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = citizen
        .put(
            &app,
            "/api/dots",
            &json!({"allocations": [{"theme_id": themes[0].id, "points": 2}]}),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "phase_closed").await;
    // The archive lists the process; every change is in the audit log.
    let all: Vec<Process> = app.get_json("/api/processes").await;
    assert_eq!(all.len(), 1);
    let log = admin.audit_log(&app).await;
    let actions: Vec<&str> = log
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|l| l["action"].as_str())
        .collect();
    for a in [
        "process.create",
        "theme.create",
        "theme.order",
        "process.phases",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn gates_refuse_writes_after_a_phase_closed_also_when_written_offline_before() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (p, themes) = process_with_themes(&app, &admin).await;
    let citizen = Participant::new();
    // Written "offline" while the idea collection was open: its mutation id is from then.
    let early = create_idea(uuid::Uuid::now_v7(), &themes[0], "Noch vor Schluss");
    // The idea collection ended a second ago; comments stay open for another minute.
    let res = set_phases(
        &app,
        &admin,
        &p,
        json!([
            {"title": "Ideensammlung", "starts_at": now() - 10 * DAY, "ends_at": now() - 1000,
             "open": {"ideas": true, "supports": true, "dots": true, "comments": true}},
            {"title": "Kommentierung", "starts_at": now() - 1000, "ends_at": now() + 60_000,
             "open": {"comments": true}}
        ]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let outcomes = push(&app, &citizen, &[early]).await;
    assert_eq!(code(&outcomes[0]), Some("phase_closed"));
    if let Outcome::Rejected { message, .. } = &outcomes[0] {
        assert!(message.contains("closed on"), "{message}");
    }
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert_eq!(overview.themes[0].idea_count, 0, "nothing was written");
    // Supports and dots are closed too; comments open.
    let dots = json!({"id": uuid::Uuid::now_v7(), "kind": {"set_dots": {"allocations": [
        {"theme_id": themes[0].id, "points": 1}]}}});
    let outcomes = push(&app, &citizen, &[dots]).await;
    assert_eq!(code(&outcomes[0]), Some("phase_closed"));
    // Staff decisions are never gated: an idea from before (seeded by the office) is answered.
    // Reopen ideas for a moment to have one to decide on.
    let res = set_phases(
        &app,
        &admin,
        &p,
        json!([{"title": "Ideensammlung", "starts_at": now() - 10 * DAY, "ends_at": now() + 60_000,
                "open": {"ideas": true}}]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let idea = uuid::Uuid::now_v7();
    let outcomes = push(
        &app,
        &citizen,
        &[create_idea(idea, &themes[1], "Gerade noch")],
    )
    .await;
    assert_eq!(outcomes[0], Outcome::Applied);
    let res = set_phases(&app, &admin, &p, json!([])).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Without phases the process's dates decide: open now.
    let outcomes = push(
        &app,
        &citizen,
        &[create_idea(
            uuid::Uuid::now_v7(),
            &themes[1],
            "Offen ohne Phasen",
        )],
    )
    .await;
    assert_eq!(outcomes[0], Outcome::Applied);
    let decided = admin
        .decide(
            &app,
            vec![staff::decide(
                &idea.to_string(),
                json!({"answer": {"status": "received", "text": "Danke!"}}),
            )],
        )
        .await;
    assert_eq!(decided[0], Outcome::Applied);
    app.stop().await;
}

#[tokio::test]
async fn lowering_the_dot_budget_keeps_placed_ballots_and_new_ones_must_fit() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (p, themes) = process_with_themes(&app, &admin).await;
    let citizen = Participant::new();
    let five = json!({"allocations": [{"theme_id": themes[0].id, "points": 3},
                                      {"theme_id": themes[1].id, "points": 2}]});
    assert_eq!(
        citizen.put(&app, "/api/dots", &five).await.status(),
        StatusCode::OK
    );
    let six = json!({"allocations": [{"theme_id": themes[0].id, "points": 6}]});
    assert_error(
        citizen.put(&app, "/api/dots", &six).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "dot_budget_exceeded",
    )
    .await;
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/processes/{}", p.id),
            Some(
                json!({"title": p.title, "description": p.description, "starts_at": p.starts_at,
                        "ends_at": p.ends_at, "dot_budget": 3}),
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let results: Results = app.get_json("/api/results").await;
    let placed: u32 = results.themes.iter().map(|t| t.theme.dot_points).sum();
    assert_eq!(placed, 5, "the ballot placed before still counts");
    // Sending the same ballot again changes nothing and is accepted; a changed one must fit.
    assert_eq!(
        citizen.put(&app, "/api/dots", &five).await.status(),
        StatusCode::OK
    );
    let four = json!({"allocations": [{"theme_id": themes[0].id, "points": 4}]});
    assert_error(
        citizen.put(&app, "/api/dots", &four).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "dot_budget_exceeded",
    )
    .await;
    let three = json!({"allocations": [{"theme_id": themes[0].id, "points": 3}]});
    assert_eq!(
        citizen.put(&app, "/api/dots", &three).await.status(),
        StatusCode::OK
    );
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert_eq!(overview.process.dot_budget, 3);
    // Out of range: refused, nothing changed.
    for budget in [0, 21] {
        let res = admin
            .send(
                &app,
                Method::PUT,
                &format!("/api/admin/processes/{}", p.id),
                Some(
                    json!({"title": p.title, "starts_at": p.starts_at, "ends_at": p.ends_at,
                            "dot_budget": budget}),
                ),
            )
            .await;
        assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "budget_out_of_range").await;
    }
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert_eq!(overview.process.dot_budget, 3);
    app.stop().await;
}

#[tokio::test]
async fn a_retired_field_of_action_takes_no_new_ideas_or_dots_but_keeps_its_own() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (p, themes) = process_with_themes(&app, &admin).await;
    let citizen = Participant::new();
    let res = citizen
        .post(
            &app,
            "/api/ideas",
            &new_idea(
                uuid::Uuid::now_v7(),
                &themes[0],
                "Vor dem Ruhestand",
                "Text",
            ),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let two = json!({"allocations": [{"theme_id": themes[0].id, "points": 2}]});
    assert_eq!(
        citizen.put(&app, "/api/dots", &two).await.status(),
        StatusCode::OK
    );
    let retire =
        |t: &ThemeSummary| json!({"title": t.title, "description": t.description, "retired": true});
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/themes/{}", themes[0].id),
            Some(retire(&themes[0])),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = citizen
        .post(
            &app,
            "/api/ideas",
            &new_idea(
                uuid::Uuid::now_v7(),
                &themes[0],
                "Nach dem Ruhestand",
                "Text",
            ),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "theme_retired").await;
    let three = json!({"allocations": [{"theme_id": themes[0].id, "points": 3}]});
    assert_error(
        citizen.put(&app, "/api/dots", &three).await,
        StatusCode::CONFLICT,
        "theme_retired",
    )
    .await;
    // Keeping or lowering its points is fine.
    let one = json!({"allocations": [{"theme_id": themes[0].id, "points": 1}]});
    assert_eq!(
        citizen.put(&app, "/api/dots", &one).await.status(),
        StatusCode::OK
    );
    let overview: ProcessOverview = app.get_json("/api/process").await;
    let retired = overview
        .themes
        .iter()
        .find(|t| t.id == themes[0].id)
        .expect("still listed");
    assert!(retired.retired);
    assert_eq!(retired.idea_count, 1, "its ideas stay");
    // The last field of action taking ideas cannot be retired.
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/themes/{}", themes[1].id),
            Some(retire(&themes[1])),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/themes/{}", themes[2].id),
            Some(retire(&themes[2])),
        )
        .await;
    assert_error(res, StatusCode::CONFLICT, "last_open_theme").await;
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert!(
        !overview
            .themes
            .iter()
            .find(|t| t.id == themes[2].id)
            .expect("listed")
            .retired
    );
    let _ = p;
    app.stop().await;
}

#[tokio::test]
async fn bad_set_up_input_is_refused_with_a_stable_code_and_nothing_written() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (p, _) = process_with_themes(&app, &admin).await;
    let before_log = admin.audit_log(&app).await.as_array().map_or(0, Vec::len);
    let base = json!({"title": "Ein Prozess", "starts_at": now(), "ends_at": now() + DAY});
    let mut reversed = base.clone();
    reversed["ends_at"] = json!(now() - DAY);
    let mut untitled = base.clone();
    untitled["title"] = json!("  ");
    let mut scripted = base.clone();
    scripted["title"] = json!("Titel\u{202E}gnalrebü");
    let cases = [
        (
            Method::POST,
            "/api/admin/processes".to_owned(),
            reversed,
            StatusCode::UNPROCESSABLE_ENTITY,
            "dates_invalid",
        ),
        (
            Method::POST,
            "/api/admin/processes".to_owned(),
            untitled,
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_short",
        ),
        (
            Method::POST,
            "/api/admin/processes".to_owned(),
            scripted,
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_invalid",
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{}/phases", p.id),
            json!({"phases": [{"title": "Zu früh", "starts_at": p.starts_at - 1, "ends_at": p.starts_at + DAY}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dates_invalid",
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{}/phases", p.id),
            json!({"phases": [
                {"title": "Eins", "starts_at": p.starts_at, "ends_at": p.starts_at + 2 * DAY},
                {"title": "Zwei", "starts_at": p.starts_at + DAY, "ends_at": p.starts_at + 3 * DAY}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "phases_overlap",
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{}/phases", p.id),
            json!({"phases": [{"title": "Umgekehrt", "starts_at": p.starts_at + DAY, "ends_at": p.starts_at}]}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "dates_invalid",
        ),
        (
            Method::PUT,
            format!("/api/admin/processes/{}/current", uuid::Uuid::now_v7()),
            Value::Null,
            StatusCode::NOT_FOUND,
            "unknown_process",
        ),
        (
            Method::POST,
            format!("/api/admin/processes/{}/themes", p.id),
            json!({"title": "x".repeat(121)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "title_too_long",
        ),
    ];
    for (method, path, body, status, code) in cases {
        let body = (!body.is_null()).then_some(body);
        assert_error(admin.send(&app, method, &path, body).await, status, code).await;
    }
    // A phase outside the process by editing the process's dates.
    let res = set_phases(
        &app,
        &admin,
        &p,
        json!([{"title": "Ideensammlung", "starts_at": p.starts_at, "ends_at": p.ends_at}]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/processes/{}", p.id),
            Some(json!({"title": p.title, "starts_at": p.starts_at, "ends_at": p.ends_at - DAY})),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "dates_invalid").await;
    let log = admin.audit_log(&app).await;
    let after_log = log.as_array().map_or(0, Vec::len);
    assert_eq!(
        after_log,
        before_log + 1,
        "only the valid phase change was logged: {log}"
    );
    // A moderator may not set up processes.
    let moderator = staff::second_moderator(&app).await;
    let res = moderator
        .send(&app, Method::POST, "/api/admin/processes", Some(base))
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let all: Vec<Process> = app.get_json("/api/processes").await;
    assert_eq!(all.len(), 1, "no process was created");
    assert_eq!(all[0].ends_at, p.ends_at);
    assert_eq!(all[0].phases.len(), 1);
    app.stop().await;
}

#[tokio::test]
async fn a_new_current_process_archives_the_old_one_with_its_results() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (first, themes) = process_with_themes(&app, &admin).await;
    let citizen = Participant::new();
    let dots = json!({"allocations": [{"theme_id": themes[1].id, "points": 4}]});
    assert_eq!(
        citizen.put(&app, "/api/dots", &dots).await.status(),
        StatusCode::OK
    );
    let second = create_process(
        &app,
        &admin,
        json!({"title": "Smart City 2030", "starts_at": now(), "ends_at": now() + 90 * DAY, "dot_budget": 7}),
    )
    .await;
    assert!(
        !second.current,
        "a later process waits until it is made current"
    );
    let t = add_theme(&app, &admin, &second, "Energie").await;
    let res = admin
        .send(
            &app,
            Method::PUT,
            &format!("/api/admin/processes/{}/current", second.id),
            None,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let overview: ProcessOverview = app.get_json("/api/process").await;
    assert_eq!(overview.process.id, second.id);
    assert_eq!(
        overview.themes.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![t.id]
    );
    // The old process stays readable with its results; its fields of action take nothing new.
    let old: Results = app
        .get_json(&format!("/api/processes/{}/results", first.id))
        .await;
    assert_eq!(old.themes[0].theme.title, "Bildung");
    assert_eq!(old.themes[0].theme.dot_points, 4);
    let res = citizen
        .post(
            &app,
            "/api/ideas",
            &new_idea(uuid::Uuid::now_v7(), &themes[0], "Zu spät", "Text"),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "unknown_theme").await;
    let all: Vec<Process> = app.get_json("/api/processes").await;
    assert_eq!(all.len(), 2);
    assert_eq!(all.iter().filter(|p| p.current).count(), 1);
    app.stop().await;
}

#[tokio::test]
async fn each_module_is_open_exactly_while_a_running_phase_opens_it() {
    let app = empty_app().await;
    let admin = staff::admin(&app).await;
    let (p, themes) = process_with_themes(&app, &admin).await;
    let citizen = Participant::new();
    // An idea to support and comment on, while everything is open.
    let idea = uuid::Uuid::now_v7();
    let outcomes = push(
        &app,
        &citizen,
        &[create_idea(idea, &themes[0], "Offene Daten")],
    )
    .await;
    assert_eq!(outcomes[0], Outcome::Applied);
    // Each round a different ballot: the same one again changes nothing and is accepted.
    let writes = |theme: &ThemeSummary, points: u8| {
        vec![
            (
                "ideas",
                create_idea(uuid::Uuid::now_v7(), theme, "Noch eine Idee"),
            ),
            (
                "supports",
                json!({"id": uuid::Uuid::now_v7(), "kind": {"set_support": {"idea_id": idea, "supported": true}}}),
            ),
            (
                "dots",
                json!({"id": uuid::Uuid::now_v7(), "kind": {"set_dots": {"allocations": [{"theme_id": theme.id, "points": points}]}}}),
            ),
            (
                "comments",
                json!({"id": uuid::Uuid::now_v7(), "kind": {"add_comment": {
                    "comment_id": uuid::Uuid::now_v7(), "idea_id": idea, "body": "Gute Idee"}}}),
            ),
        ]
    };
    for (round, open) in ["ideas", "supports", "dots", "comments"]
        .into_iter()
        .enumerate()
    {
        // The phase before ended a second ago (everything open then); the running one, until
        // a minute from now, opens only `open`.
        let cut = now() - 1000;
        let res = set_phases(
            &app,
            &admin,
            &p,
            json!([
                {"title": "Vorher", "starts_at": p.starts_at, "ends_at": cut,
                 "open": {"ideas": true, "supports": true, "dots": true, "comments": true}},
                {"title": "Jetzt", "starts_at": cut, "ends_at": now() + 60_000, "open": {open: true}}
            ]),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        for (module, mutation) in writes(&themes[1], round as u8 + 1) {
            let outcome = push(&app, &citizen, &[mutation]).await.remove(0);
            if module == open {
                assert_eq!(outcome, Outcome::Applied, "{module} while {open} is open");
            } else {
                assert_eq!(
                    code(&outcome),
                    Some("phase_closed"),
                    "{module} while only {open} is open"
                );
            }
        }
    }
    app.stop().await;
}

//! The served OpenAPI document is a valid contract for exactly the routes the server has:
//! every route is documented and every documented operation is served; it parses as OpenAPI
//! 3.1, every `$ref` resolves, path and query parameters are declared where they are read, and
//! the shared error answers (bad JSON, rate limits, sign-in) are documented where they occur.

mod common;

use common::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use werkstadt_domain::api::{IdeaListQuery, SimilarQuery};
use werkstadt_domain::moderation::QueueQuery;
use werkstadt_domain::projects::ProjectQuery;
use werkstadt_domain::sync::PullQuery;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The Rust files under `dir`, its folders included.
fn sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// `(method, path)` of every route in the router's source: the `.route("/x", get(a).post(b))`
/// calls in `src/http/**.rs`, all nested under `/api`.
fn routes_in_source() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/http");
    let method = regex::Regex::new(r"\b(get|post|put|patch|delete)\(").expect("regex");
    let mut routes = BTreeSet::new();
    for path in sources(std::path::Path::new(dir)) {
        let source = std::fs::read_to_string(&path).expect("source");
        if path.ends_with("http/mod.rs") {
            let nests: Vec<_> = source.match_indices(".nest(").collect();
            assert_eq!(nests.len(), 1, "one nest, under /api");
            assert!(source.contains(".nest(\"/api\", api)"));
        }
        assert!(
            !source.contains(".route_service("),
            "{path:?}: teach this test"
        );
        for (at, _) in source.match_indices(".route(") {
            let rest = source[at + ".route(".len()..].trim_start();
            let rest = rest.strip_prefix('"').expect("route path literal");
            let (route, rest) = rest.split_once('"').expect("closing quote");
            // The rest of the call's arguments: up to the parenthesis that closes `.route(`.
            let mut depth = 1;
            let end = rest
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map(|(i, _)| i)
                .expect("balanced parentheses");
            let found: Vec<_> = method.captures_iter(&rest[..end]).collect();
            assert!(!found.is_empty(), "no method for {route} in {path:?}");
            for m in found {
                routes.insert((m[1].to_owned(), format!("/api{route}")));
            }
        }
    }
    routes
}

async fn document(app: &TestApp) -> Value {
    let res = app.get("/api/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.expect("text");
    let spec = oas3::from_json(&text).expect("the document parses as OpenAPI 3.1");
    spec.validate_version().expect("OpenAPI 3.1.x");
    for (path, method, op) in spec.operations() {
        op.parameters(&spec)
            .unwrap_or_else(|e| panic!("{method} {path}: parameters: {e}"));
        op.request_body(&spec)
            .unwrap_or_else(|e| panic!("{method} {path}: request body: {e}"));
    }
    serde_json::from_str(&text).expect("json")
}

/// `(method, path, operation)` of every documented operation.
fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let paths = doc["paths"].as_object().expect("paths");
    let mut out = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            assert!(
                METHODS.contains(&method.as_str()),
                "{path}: unexpected key {method}"
            );
            out.push((method.clone(), path.clone(), op));
        }
    }
    out
}

#[tokio::test]
async fn every_served_route_is_documented_and_nothing_else() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let documented: BTreeSet<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(m, p, _)| (m, p))
        .collect();
    let served = routes_in_source();
    assert!(served.len() >= 29, "the source walk found {served:?}");
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served, not documented: {undocumented:?}"
    );
    assert!(unserved.is_empty(), "documented, not served: {unserved:?}");

    // The same, asked of the running server: no documented operation falls through to the API
    // fallback (404 "No such API endpoint.") or is refused as another method (405).
    let fallback: Value = app
        .get("/api/no/such/endpoint")
        .await
        .json()
        .await
        .expect("json");
    let fallback_message = fallback["message"].as_str().expect("message").to_owned();
    let some_id = uuid::Uuid::now_v7().to_string();
    for (method, path) in &documented {
        let url = app.url(
            &path
                .replace("{theme_id}", &some_id)
                .replace("{idea_id}", &some_id),
        );
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let res = app
            .client
            .request(method.clone(), url)
            .send()
            .await
            .expect("request");
        let status = res.status();
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        if status == StatusCode::NOT_FOUND {
            let body: Value = res.json().await.expect("json");
            assert_ne!(
                body["message"],
                fallback_message.as_str(),
                "{method} {path}"
            );
        }
    }
}

/// Every `"$ref"` anywhere in `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// The query parameters the server reads, by their serde names (all query types serialise
/// every field).
fn query_fields<T: Default + serde::Serialize>() -> BTreeSet<String> {
    let v = serde_json::to_value(T::default()).expect("serialises");
    v.as_object().expect("struct").keys().cloned().collect()
}

#[tokio::test]
async fn the_document_is_valid_and_declares_parameters_where_they_are_read() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    assert!(doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1.")));

    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {r}"));
        assert!(
            pointer.starts_with("/components/") && doc.pointer(pointer).is_some(),
            "unresolved $ref {r}"
        );
    }

    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .expect("schemes");
    let template = regex::Regex::new(r"\{([^}]+)\}").expect("regex");
    let queries: BTreeMap<(&str, &str), BTreeSet<String>> = [
        (
            ("get", "/api/themes/{theme_id}/ideas"),
            query_fields::<IdeaListQuery>(),
        ),
        (
            ("get", "/api/ideas/similar"),
            query_fields::<SimilarQuery>(),
        ),
        (("get", "/api/sync/pull"), query_fields::<PullQuery>()),
        (
            ("get", "/api/moderation/queue"),
            query_fields::<QueueQuery>(),
        ),
        (("get", "/api/projects"), query_fields::<ProjectQuery>()),
        (
            ("get", "/api/export/{file}"),
            query_fields::<werkstadt_domain::export::ExportQuery>(),
        ),
        (
            ("get", "/api/moderation/processes/{process_id}/report"),
            query_fields::<werkstadt_domain::report::ReportQuery>(),
        ),
    ]
    .into();
    let mut ids = BTreeSet::new();
    for (method, path, op) in operations(&doc) {
        let at = format!("{method} {path}");
        let id = op["operationId"].as_str().expect("operationId");
        assert!(ids.insert(id), "{at}: operationId {id} twice");
        assert!(
            doc["paths"][&path].get("parameters").is_none(),
            "{at}: path-level parameters (this test reads operations' only)"
        );
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let mut seen = BTreeSet::new();
        let mut by_place: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for p in &params {
            let name = p["name"].as_str().expect("name").to_owned();
            let place = p["in"].as_str().expect("in").to_owned();
            assert!(
                ["path", "query", "header", "cookie"].contains(&place.as_str()),
                "{at}"
            );
            assert!(
                seen.insert((name.clone(), place.clone())),
                "{at}: {name} twice"
            );
            assert!(p["schema"].is_object(), "{at}: {name} has no schema");
            if place == "path" {
                assert_eq!(
                    p["required"], true,
                    "{at}: path parameter {name} not required"
                );
            }
            by_place.entry(place).or_default().insert(name);
        }
        let in_template: BTreeSet<String> = template
            .captures_iter(&path)
            .map(|c| c[1].to_owned())
            .collect();
        assert_eq!(
            by_place.remove("path").unwrap_or_default(),
            in_template,
            "{at}"
        );
        let expected = queries.get(&(method.as_str(), path.as_str())).cloned();
        assert_eq!(
            by_place.remove("query").unwrap_or_default(),
            expected.unwrap_or_default(),
            "{at}"
        );

        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{at}: no success"
        );
        let has = |status: &str| responses.contains_key(status);
        if op.get("requestBody").is_some() {
            assert!(
                has("400") && has("413") && has("415"),
                "{at}: JSON body errors"
            );
        }
        if method != "get" {
            assert!(has("429"), "{at}: writes are rate-limited");
        }
        let headers = by_place.remove("header").unwrap_or_default();
        if headers.contains("x-participant-id") {
            assert!(
                headers.contains("x-participant-secret") && has("401"),
                "{at}"
            );
        }
        let staff_only = [
            "/api/admin/",
            "/api/moderation/",
            "/api/staff/me",
            "/api/staff/logout",
        ]
        .iter()
        .any(|prefix| path.starts_with(prefix));
        if staff_only {
            let mut needs = BTreeSet::from(["staff_session".to_owned()]);
            if method != "get" {
                needs.insert("csrf_token".to_owned());
            }
            let first = op["security"][0]
                .as_object()
                .map(|r| r.keys().cloned().collect());
            assert_eq!(
                first,
                Some(needs),
                "{at}: staff session (and CSRF token on writes)"
            );
        }
        for requirement in op["security"].as_array().into_iter().flatten() {
            for name in requirement.as_object().expect("requirement").keys() {
                assert!(schemes.contains_key(name), "{at}: unknown scheme {name}");
                assert!(has("401"), "{at}: signed-in routes answer 401");
            }
        }
        assert!(by_place.is_empty(), "{at}: {by_place:?}");
    }
}

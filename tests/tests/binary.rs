//! Black-box tests of the built `werkstadt` binary: flags, the database file, signals.

use std::time::{Duration, Instant};
use werkstadt_tests::Server;

fn wait_for_exit(
    child: &mut std::process::Child,
    within: Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[tokio::test]
async fn serve_creates_the_database_folder_prints_its_url_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("not/yet/there/werkstadt.db");
    let mut server = Server::start(&db);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let health: serde_json::Value = reqwest::get(format!("{}/api/health", server.url))
        .await
        .expect("health answers")
        .json()
        .await
        .expect("json");
    assert_eq!(health["status"], "ok");
    let index = reqwest::get(format!("{}/", server.url))
        .await
        .expect("index");
    assert!(index.headers()["content-security-policy"]
        .to_str()
        .is_ok_and(|v| v.contains("'wasm-unsafe-eval'")));
    assert!(index
        .text()
        .await
        .expect("html")
        .contains("<script type=\"module\" src=\"/app-"));
    assert!(db.exists(), "the database file and its folders are created");

    server.process.signal_group(libc::SIGTERM);
    let status = wait_for_exit(&mut server.process.child, Duration::from_secs(10))
        .expect("stops within 10 s");
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

#[tokio::test]
async fn ideas_survive_a_kill_and_the_demo_is_not_seeded_twice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    let client = reqwest::Client::new();
    let overview: serde_json::Value = client
        .get(format!("{}/api/process", server.url))
        .send()
        .await
        .expect("process")
        .json()
        .await
        .expect("json");
    let theme = overview["themes"][0]["id"]
        .as_str()
        .expect("theme id")
        .to_owned();
    let idea = "0192f0c1-0000-7000-8000-00000000beef";
    let res = client
        .post(format!("{}/api/ideas", server.url))
        .header("x-participant-id", "0192f0c1-0000-7000-8000-000000000001")
        .header("x-participant-secret", "ab".repeat(32))
        .json(&serde_json::json!({"id": idea, "theme_id": theme, "title": "Überlebt den Absturz", "body": "Gespeichert ist gespeichert."}))
        .send()
        .await
        .expect("submits");
    assert_eq!(res.status(), 201);

    // kill -9: no chance to flush anything the answer did not already guarantee.
    let (db, dist, addr) = server.kill();
    let server = Server::start_with(&db, &dist, &addr);
    // A fresh client: the old one's pooled connection died with the old process.
    let client = reqwest::Client::new();
    let detail: serde_json::Value = client
        .get(format!("{}/api/ideas/{idea}", server.url))
        .send()
        .await
        .expect("idea")
        .json()
        .await
        .expect("json");
    assert_eq!(detail["title"], "Überlebt den Absturz");
    let again: serde_json::Value = client
        .get(format!("{}/api/process", server.url))
        .send()
        .await
        .expect("process")
        .json()
        .await
        .expect("json");
    assert_eq!(
        again["themes"].as_array().map(Vec::len),
        Some(8),
        "the demo is seeded only into an empty database"
    );
    assert_eq!(again["process"]["id"], overview["process"]["id"]);
}

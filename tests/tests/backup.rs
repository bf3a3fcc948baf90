//! Black-box tests of `werkstadt admin backup`, `restore` and `compact` with the real binary
//! beside (or instead of) a running `werkstadt serve`.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use werkstadt_tests::{dist_dir, server_binary, Server};

const SECRET: &str = "ab";

fn admin(args: &[&str], db: &Path) -> Output {
    Command::new(server_binary())
        .arg("admin")
        .args(args)
        .arg("--db")
        .arg(db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("runs werkstadt admin")
}

fn text(out: &Output) -> String {
    format!(
        "exit {}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn new_idea(theme: &serde_json::Value, title: &str) -> (String, serde_json::Value) {
    let idea = uuid::Uuid::now_v7().to_string();
    let m = serde_json::json!({"id": uuid::Uuid::now_v7(), "kind": {"create_idea": {
        "idea_id": idea, "theme_id": theme, "title": title, "body": "Gesichert"}}});
    (idea, m)
}

/// Pushes `mutations` as `participant`; their outcomes (`applied`, `duplicate`, …).
async fn push(base: &str, participant: &str, mutations: &[serde_json::Value]) -> Vec<String> {
    let res: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/api/sync/push"))
        .header("x-participant-id", participant)
        .header("x-participant-secret", SECRET.repeat(32))
        .json(&serde_json::json!({"protocol": 1, "mutations": mutations}))
        .send()
        .await
        .expect("push")
        .json()
        .await
        .expect("push answer");
    res["results"]
        .as_array()
        .unwrap_or_else(|| panic!("{res}"))
        .iter()
        .map(|r| match &r["outcome"] {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

async fn instance(base: &str, participant: &str) -> String {
    let res: serde_json::Value = reqwest::Client::new()
        .get(format!("{base}/api/sync/pull?cursor=0&protocol=1"))
        .header("x-participant-id", participant)
        .header("x-participant-secret", SECRET.repeat(32))
        .send()
        .await
        .expect("pull")
        .json()
        .await
        .expect("pull answer");
    res["instance"].as_str().expect("instance").to_owned()
}

async fn first_theme(base: &str) -> serde_json::Value {
    werkstadt_tests::get_json(&format!("{base}/api/process")).await["themes"][0]["id"].clone()
}

/// Backup of a running server, kill it, restore into a fresh path, start there: the data is
/// there, the instance is new (apps start over), a mutation from before the backup answers
/// `duplicate` and one made after it applies again.
#[tokio::test]
async fn a_backup_of_a_running_server_restores_with_a_new_instance() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("live/werkstadt.db");
    let server = Server::start(&db);
    let me = uuid::Uuid::now_v7().to_string();
    let theme = first_theme(&server.url).await;
    let (kept, before) = new_idea(&theme, "Vor der Sicherung");
    assert_eq!(
        push(&server.url, &me, std::slice::from_ref(&before)).await,
        ["applied"]
    );
    let old_instance = instance(&server.url, &me).await;

    let backup = dir.path().join("backups/2026-05-01.db");
    let out = admin(&["backup", backup.to_str().expect("utf-8")], &db);
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Bytes")
            && stdout.contains("head=")
            && stdout.contains("integrity_check ok"),
        "{}",
        text(&out)
    );
    assert!(backup.is_file());
    let (lost, after) = new_idea(&theme, "Nach der Sicherung");
    assert_eq!(
        push(&server.url, &me, std::slice::from_ref(&after)).await,
        ["applied"]
    );
    let _ = server.kill();

    let restored = dir.path().join("restored/werkstadt.db");
    let out = admin(&["restore", backup.to_str().expect("utf-8")], &restored);
    assert!(out.status.success(), "{}", text(&out));
    let server = Server::start_with(&restored, &dist_dir(), "127.0.0.1:0");
    let idea = werkstadt_tests::get_json(&format!("{}/api/ideas/{kept}", server.url)).await;
    assert_eq!(idea["title"], "Vor der Sicherung");
    let missing = reqwest::get(format!("{}/api/ideas/{lost}", server.url))
        .await
        .expect("answers");
    assert_eq!(missing.status(), 404, "made after the backup");
    let new_instance = instance(&server.url, &me).await;
    assert_ne!(
        new_instance, old_instance,
        "apps drop their replica and pull from 0"
    );
    // The app's outbox still holds both: re-pushed after the reset.
    assert_eq!(
        push(&server.url, &me, &[before, after]).await,
        ["duplicate", "applied"]
    );
}

/// Restore refuses while a server runs on the target: a non-zero exit, a message, and the
/// database untouched (the server keeps serving it).
#[tokio::test]
async fn restore_refuses_while_a_server_runs_on_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    let me = uuid::Uuid::now_v7().to_string();
    let theme = first_theme(&server.url).await;
    let backup = dir.path().join("b.db");
    let out = admin(&["backup", backup.to_str().expect("utf-8")], &db);
    assert!(out.status.success(), "{}", text(&out));
    let (idea, m) = new_idea(&theme, "Bleibt erhalten");
    assert_eq!(push(&server.url, &me, &[m]).await, ["applied"]);
    let instance_before = instance(&server.url, &me).await;
    let bytes = std::fs::read(&db).expect("reads");

    let out = admin(&["restore", backup.to_str().expect("utf-8")], &db);
    assert!(!out.status.success(), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in use") && stderr.contains("stop it first"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read(&db).expect("reads"), bytes, "untouched");
    assert_eq!(instance(&server.url, &me).await, instance_before);
    let detail = werkstadt_tests::get_json(&format!("{}/api/ideas/{idea}", server.url)).await;
    assert_eq!(detail["title"], "Bleibt erhalten");
}

/// `werkstadt admin compact` runs beside a server (nothing is old enough in a new database),
/// and `--retention-days 0` keeps everything.
#[tokio::test]
async fn compact_runs_on_the_command_line_beside_a_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let server = Server::start(&db);
    for days in ["30", "0"] {
        let out = admin(&["compact", "--retention-days", days], &db);
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("0 Mutationen"),
            "{}",
            text(&out)
        );
    }
    let health = werkstadt_tests::get_json(&format!("{}/api/health", server.url)).await;
    assert_eq!(health["status"], "ok");
}

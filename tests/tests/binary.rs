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
    let overview = werkstadt_tests::get_json(&format!("{}/api/process", server.url)).await;
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
    let detail = werkstadt_tests::get_json(&format!("{}/api/ideas/{idea}", server.url)).await;
    assert_eq!(detail["title"], "Überlebt den Absturz");
    let again = werkstadt_tests::get_json(&format!("{}/api/process", server.url)).await;
    assert_eq!(
        again["themes"].as_array().map(Vec::len),
        Some(8),
        "the demo is seeded only into an empty database"
    );
    assert_eq!(again["process"]["id"], overview["process"]["id"]);
}

/// Kill -9 at different moments of a 1,000-mutation push: afterwards the database holds the
/// whole batch or none of it (the "applied" records commit with their effects), and a batch
/// the server acknowledged is always complete.
#[tokio::test]
async fn a_push_is_all_or_nothing_when_the_server_is_killed_mid_push() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let mut outcomes = Vec::new();
    for (attempt, delay_ms) in [2u64, 40, 120, 250, 500, 3000].into_iter().enumerate() {
        let server = Server::start(&db);
        let client = reqwest::Client::new();
        let overview = werkstadt_tests::get_json(&format!("{}/api/process", server.url)).await;
        let theme = overview["themes"][1]["id"].clone();
        let mutations: Vec<serde_json::Value> = (0..1000)
            .map(|n| {
                serde_json::json!({"id": uuid_v4(), "kind": {"create_idea": {
                    "idea_id": uuid_v4(), "theme_id": theme,
                    "title": format!("Absturz {attempt}-{n:04}"), "body": "Text"}}})
            })
            .collect();
        let url = format!("{}/api/sync/push", server.url);
        let push = tokio::spawn(async move {
            client
                .post(url)
                .header("x-participant-id", "0192f0c1-0000-7000-8000-0000000000aa")
                .header("x-participant-secret", "cd".repeat(32))
                .json(&serde_json::json!({"protocol": 1, "mutations": mutations}))
                .send()
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        });
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        let _ = server.kill();
        let acknowledged = push.await.expect("push task");

        let conn = rusqlite_conn(&db);
        let count = |sql: &str| -> i64 {
            conn.query_row(sql, [format!("Absturz {attempt}-%")], |r| r.get(0))
                .expect("count")
        };
        let ideas = count("SELECT COUNT(*) FROM idea WHERE title LIKE ?1");
        // Effects and "applied" records commit together: both counts always match.
        let all_ideas: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM idea WHERE title LIKE 'Absturz %'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        let recorded: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM mutation WHERE participant_id = '0192f0c1-0000-7000-8000-0000000000aa' AND outcome = 'applied'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(
            all_ideas, recorded,
            "attempt {attempt}: effects and their records differ"
        );
        assert!(
            ideas == 0 || ideas == 1000,
            "attempt {attempt}: {ideas} of 1000 ideas survived"
        );
        if acknowledged {
            assert_eq!(
                ideas, 1000,
                "attempt {attempt}: an acknowledged push lost ideas"
            );
        }
        outcomes.push((delay_ms, acknowledged, ideas));
    }
    eprintln!("kill -9 after (ms, acknowledged, ideas kept): {outcomes:?}");
    assert!(
        outcomes.iter().any(|(_, _, n)| *n == 1000),
        "at least one push completed"
    );
}

fn uuid_v4() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn rusqlite_conn(db: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).expect("opens the database the killed server left")
}

/// `werkstadt admin create-user` reads the password from stdin (never a flag), refuses a
/// short one without creating anything, and the account it creates can sign in.
#[tokio::test]
async fn the_first_admin_is_created_on_the_command_line_and_can_sign_in() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("werkstadt.db");
    let create = |password: &str| {
        let mut child = Command::new(werkstadt_tests::server_binary())
            .args(["admin", "create-user", "--role", "admin", "leitung", "--db"])
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(format!("{password}\n").as_bytes())
            .expect("writes");
        child.wait_with_output().expect("finishes")
    };
    let short = create("zu kurz");
    assert!(!short.status.success());
    assert!(
        String::from_utf8_lossy(&short.stderr).contains("12 to 200"),
        "{}",
        String::from_utf8_lossy(&short.stderr)
    );
    let ok = create("ein sehr langes Passwort");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let twice = create("ein sehr langes Passwort");
    assert!(!twice.status.success(), "the name is taken now");

    let server = Server::start(&db);
    let client = reqwest::Client::new();
    let login = |password: &'static str| {
        client
            .post(format!("{}/api/staff/login", server.url))
            .json(&serde_json::json!({"username": "leitung", "password": password}))
            .send()
    };
    assert_eq!(login("zu kurz").await.expect("answers").status(), 401);
    let res = login("ein sehr langes Passwort").await.expect("answers");
    assert_eq!(res.status(), 200);
    let session: serde_json::Value = res.json().await.expect("json");
    assert_eq!(session["role"], "admin");
}

/// `werkstadt admin create-user` started at the same moment as the first `serve` on a new,
/// empty database: both migrate it, neither fails, and the line "werkstadt läuft auf …" means
/// the server answers (its database is open and migrated). 50 rounds, each on a fresh file.
#[tokio::test]
async fn create_user_beside_a_first_serve_on_an_empty_database_never_races() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use werkstadt_tests::{dist_dir, server_binary, GroupChild};
    let dist = dist_dir();
    let dir = tempfile::tempdir().expect("temp dir");
    for round in 0..50 {
        let db = dir.path().join(format!("round-{round}/werkstadt.db"));
        let mut admin = GroupChild::spawn(
            Command::new(server_binary())
                .args(["admin", "create-user", "--role", "admin", "leitung", "--db"])
                .arg(&db)
                .env("RUST_LOG", "warn")
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped()),
        );
        let mut server = GroupChild::spawn(
            Command::new(server_binary())
                .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--db"])
                .arg(&db)
                .arg("--dist")
                .arg(&dist)
                .env("RUST_LOG", "warn")
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit()),
        );
        admin
            .child
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"ein langes Passwort 2026\n")
            .expect("writes the password");
        let mut line = String::new();
        BufReader::new(server.child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("reads the ready line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("round {round}: no URL in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        // Ready means ready: the very first request after the line is served from the
        // migrated database, without retrying.
        let process = reqwest::get(format!("{url}/api/process"))
            .await
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(process.status(), 200, "round {round}");
        let status = wait_for_exit(&mut admin.child, Duration::from_secs(30))
            .unwrap_or_else(|| panic!("round {round}: create-user hangs"));
        let mut err = String::new();
        if let Some(mut e) = admin.child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut err);
        }
        assert!(status.success(), "round {round}: create-user failed: {err}");
    }
}

//! `TestApp`: a real werkstadt server on a loopback port 0 with its own temporary SQLite file
//! and a small `dist/`, stopped when dropped.

#![allow(dead_code)]

pub mod matrices;
pub mod projects;
pub mod staff;
pub mod workshops;

use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use werkstadt_domain::api::{ProcessOverview, ThemeSummary};
use werkstadt_server::ServeConfig;

pub struct TestApp {
    pub base: String,
    pub addr: SocketAddr,
    pub client: Client,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

pub const HASHED_JS: &str = "app-0123456789abcdef.js";

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// A server whose configuration `configure` changed first (e.g. its connection limits).
    pub async fn spawn_with(configure: impl FnOnce(&mut ServeConfig)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>werkstadt</title>",
        )
        .expect("index");
        std::fs::write(dist.join(HASHED_JS), "console.log('app')").expect("js");
        std::fs::write(dist.join(format!("{HASHED_JS}.br")), b"brotli-bytes").expect("br");
        let db = dir.path().join("data/werkstadt.db");
        let mut config = ServeConfig {
            db: db.clone(),
            dist,
            demo: true,
            secure_cookies: false,
            trust_proxy: false,
            max_connections: None,
            header_timeout_secs: std::num::NonZeroU64::new(10).expect("non-zero"),
            write_burst: std::num::NonZeroU32::new(300).expect("non-zero"),
            retention_days: werkstadt_server::config::DEFAULT_RETENTION_DAYS,
            public_url: None,
        };
        configure(&mut config);
        // Without the demo, ready means answering at all.
        let ready_path = if config.demo {
            "/api/process"
        } else {
            "/api/health"
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            werkstadt_server::launch(config, listener, async {
                let _ = stopped.await;
            })
            .await
            .expect("server runs");
        });
        let app = Self {
            base: format!("http://{addr}"),
            addr,
            client: Client::new(),
            db,
            _dir: dir,
            stop: Some(stop),
            server: Some(server),
        };
        // The listener is bound already; wait only for the demo seed to be readable.
        for _ in 0..200 {
            if app.get(ready_path).await.status() == StatusCode::OK {
                return app;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("server did not become ready");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        let res = self.get(path).await;
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
        res.json().await.expect("json")
    }

    pub async fn overview(&self) -> ProcessOverview {
        self.get_json("/api/process").await
    }

    pub async fn theme(&self, title: &str) -> ThemeSummary {
        self.overview()
            .await
            .themes
            .into_iter()
            .find(|t| t.title == title)
            .expect("theme exists")
    }

    /// Stops the server and waits until it has shut down.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(h) = self.server.take() {
            h.await.expect("server task ends cleanly");
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// A pseudonymous participant as the app creates one: a UUIDv7 and 32 random bytes as hex.
#[derive(Clone)]
pub struct Participant {
    pub id: uuid::Uuid,
    pub secret: String,
}

impl Participant {
    pub fn new() -> Self {
        let secret = format!(
            "{:032x}{:032x}",
            uuid::Uuid::new_v4().as_u128(),
            uuid::Uuid::new_v4().as_u128()
        );
        Self {
            id: uuid::Uuid::now_v7(),
            secret,
        }
    }

    pub fn with_secret(&self, secret: &str) -> Self {
        Self {
            id: self.id,
            secret: secret.to_owned(),
        }
    }

    pub async fn send(
        &self,
        app: &TestApp,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> Response {
        app.client
            .request(method, app.url(path))
            .header("x-participant-id", self.id.to_string())
            .header("x-participant-secret", &self.secret)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn post(&self, app: &TestApp, path: &str, body: &Value) -> Response {
        self.send(app, reqwest::Method::POST, path, body).await
    }

    pub async fn put(&self, app: &TestApp, path: &str, body: &Value) -> Response {
        self.send(app, reqwest::Method::PUT, path, body).await
    }

    pub async fn me(&self, app: &TestApp) -> Response {
        app.client
            .get(app.url("/api/me"))
            .header("x-participant-id", self.id.to_string())
            .header("x-participant-secret", &self.secret)
            .send()
            .await
            .expect("request")
    }
}

/// Asserts an error answer: status, the stable code, and a non-empty message.
pub async fn assert_error(res: Response, status: StatusCode, code: &str) {
    let got = res.status();
    let body: Value = res.json().await.expect("error body is JSON");
    assert_eq!(got, status, "body: {body}");
    assert_eq!(body["code"], code, "body: {body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "body: {body}"
    );
}

pub fn new_idea(id: uuid::Uuid, theme: &ThemeSummary, title: &str, body: &str) -> Value {
    serde_json::json!({"id": id, "theme_id": theme.id, "title": title, "body": body})
}

/// The rows of a CSV export (the byte order mark checked and dropped), header row first.
pub async fn csv_rows(app: &TestApp, path: &str, sep: u8) -> Vec<Vec<String>> {
    let res = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    assert!(res.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/csv"));
    let bytes = res.bytes().await.expect("body");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

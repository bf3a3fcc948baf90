//! Harness for black-box and browser tests: the built `werkstadt` binary as a real process,
//! chromedriver + headless Chromium, axe-core. Every process a test starts runs in its own
//! process group and is killed when its guard drops, also when the test panics.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The server binary: `$WERKSTADT_BIN`, else `target/debug/werkstadt` (built by `scripts/test`).
pub fn server_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("WERKSTADT_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace_root().join("target"), PathBuf::from);
    let bin = target.join("debug/werkstadt");
    assert!(
        bin.exists(),
        "{} is missing: run `cargo build -p werkstadt-server` first",
        bin.display()
    );
    bin
}

/// The built app: `$WERKSTADT_DIST`, else `dist/` (built by `cargo xtask dist`).
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("WERKSTADT_DIST")
        .map_or_else(|| workspace_root().join("dist"), PathBuf::from);
    assert!(
        dist.join("index.html").exists(),
        "{} has no index.html: run `cargo xtask dist` first",
        dist.display()
    );
    dist
}

/// A child process in its own process group; the whole group is killed on drop.
pub struct GroupChild {
    pub child: Child,
}

impl GroupChild {
    pub fn spawn(cmd: &mut Command) -> Self {
        let child = cmd
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
        Self { child }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).unwrap_or(i32::MAX)
    }

    pub fn signal_group(&self, sig: i32) {
        let _ = kill(-self.pid(), sig);
    }
}

/// `kill(1)` instead of `libc::kill` keeps this crate free of `unsafe`.
fn kill(pid: i32, sig: i32) -> std::io::Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{}", signal_name(sig)))
        .arg("--")
        .arg(pid.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other("kill failed"))
    }
}

fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGTERM => "TERM",
        libc::SIGSTOP => "STOP",
        libc::SIGCONT => "CONT",
        _ => "KILL",
    }
}

impl Drop for GroupChild {
    fn drop(&mut self) {
        self.signal_group(libc::SIGKILL);
        let _ = self.child.wait();
    }
}

/// A free loopback port (bound and released; good enough for chromedriver's `--port`).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A running `werkstadt serve` on a port-0 listener with its own database.
pub struct Server {
    pub url: String,
    pub db: PathBuf,
    pub process: GroupChild,
    dist: PathBuf,
}

impl Server {
    pub fn start(db: &Path) -> Self {
        Self::start_with(db, &dist_dir(), "127.0.0.1:0")
    }

    pub fn start_with(db: &Path, dist: &Path, listen: &str) -> Self {
        Self::launch(db, dist, listen, true)
    }

    /// A server on an empty database without the demo process (a real installation).
    pub fn start_empty(db: &Path) -> Self {
        Self::launch(db, &dist_dir(), "127.0.0.1:0", false)
    }

    /// Restarts on `listen` without seeding anything.
    pub fn start_plain(db: &Path, dist: &Path, listen: &str) -> Self {
        Self::launch(db, dist, listen, false)
    }

    fn launch(db: &Path, dist: &Path, listen: &str, demo: bool) -> Self {
        let mut command = Command::new(server_binary());
        command.arg("serve");
        if demo {
            command.arg("--demo");
        }
        let mut process = GroupChild::spawn(
            command
                .args(["--listen", listen])
                .arg("--db")
                .arg(db)
                .arg("--dist")
                .arg(dist)
                .env("RUST_LOG", "warn")
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit()),
        );
        let stdout = process.child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reads the URL line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .trim_end_matches('/')
            .to_owned();
        Self {
            url,
            db: db.to_owned(),
            process,
            dist: dist.to_owned(),
        }
    }

    /// The listen address, for restarting on the same port.
    pub fn addr(&self) -> String {
        self.url.trim_start_matches("http://").to_owned()
    }

    /// Kills the server (the browser then sees it as down) and returns what is needed to
    /// start it again on the same address.
    pub fn kill(self) -> (PathBuf, PathBuf, String) {
        let addr = self.addr();
        let (db, dist) = (self.db.clone(), self.dist.clone());
        drop(self);
        (db, dist, addr)
    }
}

/// chromedriver + headless Chromium with a fresh profile; both die with the guard.
pub struct Browser {
    pub client: fantoccini::Client,
    _driver: GroupChild,
    _profile: tempfile::TempDir,
}

#[derive(Clone, Copy)]
pub enum Viewport {
    Desktop,
    /// 360 × 740 CSS pixels, touch, a phone user agent.
    Phone,
}

impl Browser {
    pub async fn start(viewport: Viewport) -> Self {
        let port = free_port();
        let driver = GroupChild::spawn(
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let downloads = profile.path().join("downloads");
        let mut chrome = serde_json::json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        });
        match viewport {
            Viewport::Desktop => args.push("--window-size=1280,900".into()),
            Viewport::Phone => {
                chrome["mobileEmulation"] = serde_json::json!({
                    "deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 3.0, "touch": true},
                    "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"
                });
            }
        }
        chrome["args"] = serde_json::json!(args);
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), chrome);
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let mut builder = fantoccini::ClientBuilder::new(
                hyper_util::client::legacy::connect::HttpConnector::new(),
            );
            builder.capabilities(caps.clone());
            match builder.connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        Self {
            client,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Where this browser saves downloads (inside its temporary profile).
    pub fn downloads(&self) -> PathBuf {
        self._profile.path().join("downloads")
    }
}

/// Polls until `f` returns `Some`, up to 15 s (Leptos updates the DOM asynchronously).
pub async fn eventually<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What a test does with a page, in terms a user would notice.
pub struct Page<'a> {
    pub c: &'a fantoccini::Client,
    pub base: String,
}

impl<'a> Page<'a> {
    pub fn new(browser: &'a Browser, base: &str) -> Self {
        Self {
            c: &browser.client,
            base: base.to_owned(),
        }
    }

    /// Opens `path`. On a deep link whose page the server drew a first screen into (a theme,
    /// an idea), waits until the app has taken over from it: what the test sees is the app's.
    pub async fn goto(&self, path: &str) {
        self.c
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigates");
        eventually(
            "the app to take over from the server's first screen",
            || async {
                let gone = self
                    .eval("return document.getElementById('vorschau') === null;")
                    .await;
                (gone == true).then_some(())
            },
        )
        .await;
    }

    pub async fn path(&self) -> String {
        self.c.current_url().await.expect("url").path().to_owned()
    }

    /// The visible text of the whole page.
    pub async fn body_text(&self) -> String {
        match self.c.find(fantoccini::Locator::Css("body")).await {
            Ok(b) => b.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page shows `text`; when it never does, says what the page showed.
    pub async fn wait_text(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let body = self.body_text().await;
            if body.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for the text {text:?} on {}; the page shows:\n{body}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `css` exists and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        let el = self.find(css).await;
        el.text().await.expect("text")
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        eventually(&format!("the element {css}"), || async {
            self.c.find(fantoccini::Locator::Css(css)).await.ok()
        })
        .await
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("clicks");
    }

    /// Clicks the link or button whose visible text contains `text`.
    pub async fn click_text(&self, text: &str) {
        let el = eventually(&format!("something to click labelled {text:?}"), || async {
            for css in ["a", "button"] {
                let all = self.c.find_all(fantoccini::Locator::Css(css)).await.ok()?;
                for el in all {
                    if el.text().await.ok().is_some_and(|t| t.contains(text)) {
                        return Some(el);
                    }
                }
            }
            None
        })
        .await;
        el.click().await.expect("clicks");
    }

    /// Clicks the button labelled `label` inside the element matching `css` (e.g. one item
    /// of a list where every item has the same buttons).
    pub async fn click_button_in(&self, css: &str, label: &str) {
        // Retried as a whole: the list may be redrawn (a sync) between finding and clicking.
        let xpath = format!(".//button[contains(., '{label}')]");
        eventually(&format!("a button {label:?} in {css}"), || async {
            let item = self.c.find(fantoccini::Locator::Css(css)).await.ok()?;
            let button = item.find(fantoccini::Locator::XPath(&xpath)).await.ok()?;
            button.click().await.ok()
        })
        .await;
    }

    /// Chooses the option labelled `label` of the select `css`, once the option is there (a
    /// form's choices may arrive after the form, e.g. themes from the replica).
    pub async fn choose(&self, css: &str, label: &str) {
        let select = self.find(css).await;
        eventually(&format!("the option {label:?} in {css}"), || async {
            select.select_by_label(label).await.ok()
        })
        .await;
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.find(css).await;
        el.clear().await.expect("clears");
        el.send_keys(value).await.expect("types");
    }

    /// The URLs of every resource the page has fetched so far (performance entries).
    pub async fn resources(&self) -> Vec<String> {
        let urls = self
            .eval("return performance.getEntriesByType('resource').map(e => e.name)")
            .await;
        serde_json::from_value(urls).expect("a list of URLs")
    }

    /// Opens the demo idea "WLAN in allen Schulen" from the start page, as a citizen would;
    /// its id.
    pub async fn open_demo_idea(&self) -> String {
        self.goto("/").await;
        self.click_text("Bildung").await;
        self.click_text("WLAN in allen Schulen").await;
        self.wait_text("0 Unterstützungen").await;
        self.path().await.trim_start_matches("/ideen/").to_owned()
    }

    /// Types `text` into the field `css`, then puts the caret at `caret` (the field focused).
    pub async fn type_with_caret(&self, css: &str, text: &str, caret: u32) {
        self.fill(css, text).await;
        self.eval(&format!(
            "const el = document.querySelector({css:?}); el.focus(); el.setSelectionRange({caret}, {caret}); return true;"
        ))
        .await;
    }

    /// Sets a field's value as a picker would (date inputs take no typed text in every
    /// locale) and lets the app hear it (`input` and `change` events).
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        self.eval(&format!(
            "const el = document.querySelector({css:?}); el.value = {value:?}; \
             el.dispatchEvent(new Event('input', {{bubbles: true}})); \
             el.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
        ))
        .await;
    }

    /// The value, caret and focus of the form field `css`.
    pub async fn field_state(&self, css: &str) -> serde_json::Value {
        self.eval(&format!(
            "const el = document.querySelector({css:?}); \
             return [el.value, el.selectionStart, document.activeElement === el];"
        ))
        .await
    }

    pub async fn eval(&self, js: &str) -> serde_json::Value {
        self.c.execute(js, vec![]).await.expect("script runs")
    }

    /// Runs an asynchronous script (it calls `arguments[arguments.length - 1]` with its
    /// result); an error becomes its text, for failure messages.
    pub async fn eval_async(&self, js: &str) -> String {
        match self.c.execute_async(js, vec![]).await {
            Ok(v) => v.to_string(),
            Err(e) => format!("(script failed: {e})"),
        }
    }

    /// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails the test
    /// with the list of violations, if any.
    pub async fn assert_accessible(&self, page_name: &str) {
        let axe_path = workspace_root().join("node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci`)", axe_path.display()));
        self.c
            .execute(&axe, vec![])
            .await
            .expect("injects axe-core");
        let result = self
            .c
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                      .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.map(n => n.html).slice(0, 3)}))))
                      .catch(e => done([{id: 'axe-error', help: String(e)}]));"#,
                vec![],
            )
            .await
            .expect("axe runs");
        let violations = result.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe-core found {} WCAG 2.1 AA violation(s) on {page_name}:\n{}",
            violations.len(),
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }
}

/// A TCP proxy in front of the server that can swallow the answer to the next
/// `POST /api/sync/push`: the server applies the batch, the client never hears of it.
pub struct LossyProxy {
    pub url: String,
    pub drop_next_push: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pub dropped: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl LossyProxy {
    pub async fn start(upstream: &str) -> Self {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let upstream = upstream.trim_start_matches("http://").to_owned();
        let drop_next_push = Arc::new(AtomicBool::new(false));
        let dropped = Arc::new(AtomicUsize::new(0));
        let (flag, count) = (Arc::clone(&drop_next_push), Arc::clone(&dropped));
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let Ok(server) = tokio::net::TcpStream::connect(&upstream).await else {
                    continue;
                };
                let (flag, count) = (Arc::clone(&flag), Arc::clone(&count));
                tokio::spawn(async move {
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let poisoned = Arc::new(AtomicBool::new(false));
                    let p2 = Arc::clone(&poisoned);
                    let up = tokio::spawn(async move {
                        let mut buf = vec![0u8; 64 * 1024];
                        loop {
                            let n = match cr.read(&mut buf).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            if buf[..n].starts_with(b"POST /api/sync/push")
                                && flag.swap(false, Ordering::SeqCst)
                            {
                                p2.store(true, Ordering::SeqCst);
                            }
                            if sw.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    });
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        let n = match sr.read(&mut buf).await {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        if poisoned.load(Ordering::SeqCst) {
                            // The server answered: the batch is applied. Hang up on the client.
                            count.fetch_add(1, Ordering::SeqCst);
                            break;
                        }
                        if cw.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                    }
                    up.abort();
                });
            }
        });
        Self {
            url,
            drop_next_push,
            dropped,
            task,
        }
    }
}

impl Drop for LossyProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// GETs JSON from the server directly (not through a browser).
pub async fn get_json(url: &str) -> serde_json::Value {
    let res = reqwest::get(url)
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    res.json()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: not JSON: {e}"))
}

impl Page<'_> {
    /// Like `wait_text`, for things that take longer than its 15 s (a server restarting, a
    /// sync backing off).
    pub async fn wait_text_within(&self, text: &str, within: Duration) {
        let deadline = Instant::now() + within;
        while !self.body_text().await.contains(text) {
            assert!(
                Instant::now() < deadline,
                "timed out after {within:?} waiting for {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Waits until the service worker controls the page (it then answers reloads offline).
    pub async fn wait_for_service_worker(&self) {
        eventually("the service worker to control the page", || async {
            (self
                .eval("return !!navigator.serviceWorker.controller")
                .await
                == true)
                .then_some(())
        })
        .await;
    }
}

/// Creates a staff account with the real binary (`werkstadt admin create-user`, password on
/// stdin), as an operator would.
pub fn create_staff(db: &Path, role: &str, name: &str, password: &str) {
    use std::io::Write;
    let mut child = Command::new(server_binary())
        .args(["admin", "create-user", "--role", role, name, "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("runs create-user");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("writes the password");
    assert!(
        child.wait().expect("finishes").success(),
        "create-user failed"
    );
}

/// A staff member signed in over the API, on a device identity of their own.
pub struct StaffClient {
    pub base: String,
    cookie: String,
    csrf: String,
    device_id: String,
    client: reqwest::Client,
}

impl StaffClient {
    pub async fn sign_in(base: &str, user: &str, password: &str) -> Self {
        let client = reqwest::Client::new();
        let res = client
            .post(format!("{base}/api/staff/login"))
            .json(&serde_json::json!({"username": user, "password": password}))
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 200, "sign-in of {user}");
        let cookie = res.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .split(';')
            .next()
            .expect("cookie")
            .to_owned();
        let session: serde_json::Value = res.json().await.expect("session");
        Self {
            base: base.to_owned(),
            cookie,
            csrf: session["csrf_token"].as_str().expect("csrf").to_owned(),
            device_id: uuid::Uuid::now_v7().to_string(),
            client,
        }
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let res = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("x-participant-id", &self.device_id)
            .header("x-participant-secret", "5a".repeat(32))
            .json(&body)
            .send()
            .await
            .expect("staff request");
        assert!(res.status().is_success(), "{path}: {}", res.status());
        res.json().await.unwrap_or(serde_json::Value::Null)
    }

    /// Pushes moderation decisions `(idea id, decision)` in one batch; the outcomes.
    pub async fn decide(&self, decisions: &[(&str, serde_json::Value)]) -> Vec<serde_json::Value> {
        let mutations: Vec<serde_json::Value> = decisions
            .iter()
            .map(|(idea, d)| serde_json::json!({"id": uuid::Uuid::now_v7(), "kind": {"decide": {"idea_id": idea, "decision": d}}}))
            .collect();
        let res = self
            .send(
                reqwest::Method::POST,
                "/api/sync/push",
                serde_json::json!({"protocol": 1, "mutations": mutations}),
            )
            .await;
        res["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["outcome"].clone())
            .collect()
    }
}

/// Someone submits an idea to the theme titled `theme` through the sync API, as participant
/// `participant`; the idea's id.
pub async fn push_idea(base: &str, participant: &str, theme: &str, title: &str) -> String {
    let overview = get_json(&format!("{base}/api/process")).await;
    let theme = overview["themes"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["title"] == theme))
        .expect("theme")["id"]
        .clone();
    let idea = uuid::Uuid::now_v7().to_string();
    push_as(
        base,
        participant,
        serde_json::json!({"create_idea": {"idea_id": idea, "theme_id": theme, "title": title, "body": "Vorschlag"}}),
    )
    .await;
    idea
}

/// Pushes one mutation as participant `participant` (a UUID); fails the test unless applied.
pub async fn push_as(base: &str, participant: &str, kind: serde_json::Value) {
    let res: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}/api/sync/push"))
        .header("x-participant-id", participant)
        .header("x-participant-secret", "ab".repeat(32))
        .json(&serde_json::json!({"protocol": 1, "mutations": [{"id": uuid::Uuid::now_v7(), "kind": kind}]}))
        .send()
        .await
        .expect("push")
        .json()
        .await
        .expect("push answer");
    assert_eq!(res["results"][0]["outcome"], "applied", "{res}");
}

/// Files a report on `target` (e.g. `{"idea": id}`) as participant `participant`.
pub async fn report_as(base: &str, participant: &str, target: serde_json::Value, reason: &str) {
    let res = reqwest::Client::new()
        .post(format!("{base}/api/reports"))
        .header("x-participant-id", participant)
        .header("x-participant-secret", "ab".repeat(32))
        .json(&serde_json::json!({"id": uuid::Uuid::now_v7(), "target": target, "reason": reason}))
        .send()
        .await
        .expect("report");
    assert_eq!(res.status(), 204, "report");
}

/// A day in milliseconds.
pub const DAY: i64 = 86_400_000;

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64
}

/// A date `days` from today as an `<input type="date">` value (the browser runs in the same
/// zone as the test).
pub fn date_input(days: i64) -> String {
    let ms = now_ms() + days * DAY;
    let out = Command::new("date")
        .args(["-d", &format!("@{}", ms / 1000), "+%Y-%m-%d"])
        .output()
        .expect("date");
    String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_owned()
}

impl Page<'_> {
    /// axe-core on the page in German, then in English (once `english` shows), then back in
    /// German (once `german` shows, if given).
    pub async fn assert_accessible_in_both_languages(
        &self,
        name: &str,
        english: &str,
        german: Option<&str>,
    ) {
        self.assert_accessible(&format!("{name} (de)")).await;
        self.click(".lang-switch").await;
        self.wait_text(english).await;
        self.assert_accessible(&format!("{name} (en)")).await;
        self.click(".lang-switch").await;
        if let Some(g) = german {
            self.wait_text(g).await;
        }
    }
}

/// A Chrome DevTools Protocol command sent through chromedriver (`goog/cdp/execute`), e.g.
/// `Page.printToPDF` or `Emulation.setEmulatedMedia`.
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({"cmd": self.0, "params": self.1});
        (http::Method::POST, Some(body.to_string()))
    }
}

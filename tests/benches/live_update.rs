//! Live updates at city scale (a bench binary, not a timed test; not part of CI). The real
//! server holds 10,000 ideas and 100,000 supports, seeded through the public sync API; a real
//! headless Chromium has the whole replica and shows a theme's ideas (newest first). Then:
//!
//! - someone else supports an idea shown on the page: the time from sending that support to
//!   the row's new count in the DOM (server event, pull, replica, view), and every DOM
//!   mutation of the page meanwhile (a `MutationObserver` on `<main>`);
//! - someone else supports an idea of another field of action: the page's DOM mutations
//!   (there should be none).
//!
//! Run with `scripts/bench live` (release server); `LIVE_ROUNDS` sets the rounds (default 20).

use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use werkstadt_tests::{dist_dir, server_binary, Browser, GroupChild, Page, Viewport};

const IDEAS: usize = 10_000;
const SUPPORTS: usize = 100_000;
const SUPPORTS_EACH: usize = 50;
const PARALLEL: usize = 8;

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_millis()
}

fn uuid7() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// One push as a new participant from its own address (the server trusts the proxy header).
async fn push(client: &reqwest::Client, base: &str, n: usize, kinds: Vec<Value>) {
    let mutations: Vec<Value> = kinds
        .into_iter()
        .map(|kind| json!({"id": uuid7(), "kind": kind}))
        .collect();
    let res: Value = client
        .post(format!("{base}/api/sync/push"))
        .header("x-participant-id", uuid7())
        .header("x-participant-secret", "ab".repeat(32))
        .header(
            "x-forwarded-for",
            format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
        )
        .json(&json!({"protocol": 1, "mutations": mutations}))
        .send()
        .await
        .expect("push")
        .json()
        .await
        .expect("push answer");
    let results = res["results"].as_array().expect("results");
    assert!(
        results.iter().all(|r| r["outcome"] == "applied"),
        "not applied: {res}"
    );
}

async fn push_all(base: &str, jobs: Vec<Vec<Value>>, first: usize) {
    let client = reqwest::Client::new();
    let mut set = tokio::task::JoinSet::new();
    for (n, kinds) in jobs.into_iter().enumerate() {
        if set.len() >= PARALLEL {
            set.join_next().await.expect("task").expect("push");
        }
        let (client, base) = (client.clone(), base.to_owned());
        set.spawn(async move { push(&client, &base, first + n, kinds).await });
    }
    while let Some(done) = set.join_next().await {
        done.expect("push");
    }
}

/// 10,000 ideas over the demo's fields of action, 100,000 supports skewed towards a few ideas.
async fn seed(base: &str) -> Vec<String> {
    let overview: Value = reqwest::get(format!("{base}/api/process"))
        .await
        .expect("overview")
        .json()
        .await
        .expect("json");
    let themes: Vec<String> = overview["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_owned())
        .collect();
    let ideas: Vec<String> = (0..IDEAS).map(|_| uuid7()).collect();
    let jobs = ideas
        .chunks(1000)
        .enumerate()
        .map(|(c, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let n = c * 1000 + i;
                    json!({"create_idea": {"idea_id": id, "theme_id": themes[n % themes.len()],
                        "title": format!("Vorschlag {n} für unser Viertel"),
                        "body": format!("Vorschlag {n}: eine Idee mit Begründung. ").repeat(3)}})
                })
                .collect()
        })
        .collect();
    push_all(base, jobs, 1).await;
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let jobs = (0..SUPPORTS / SUPPORTS_EACH)
        .map(|_| {
            let mut chosen = std::collections::BTreeSet::new();
            while chosen.len() < SUPPORTS_EACH {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let f = (x % 10_000) as f64 / 10_000.0;
                chosen.insert(((f * f * f) * IDEAS as f64) as usize % IDEAS);
            }
            chosen
                .into_iter()
                .map(|i| json!({"set_support": {"idea_id": ideas[i], "supported": true}}))
                .collect()
        })
        .collect();
    push_all(base, jobs, 100).await;
    themes
}

/// Records every DOM mutation under `<main>`, and when `row` first shows `expected`.
async fn observe(page: &Page<'_>, row: usize, expected: &str) {
    page.eval(&format!(
        "window.__muts = 0; window.__done = null; \
         const row = document.querySelectorAll('.idea-list .idea-item')[{row}]; \
         if (window.__obs) window.__obs.disconnect(); \
         window.__obs = new MutationObserver(list => {{ window.__muts += list.length; \
           if (!window.__done && row.querySelector('.support-count').textContent === {expected:?}) \
             window.__done = Date.now(); }}); \
         window.__obs.observe(document.querySelector('main'), \
           {{subtree: true, childList: true, characterData: true, attributes: true}}); return true;"
    ))
    .await;
}

/// The app's cursor stored on the device (IndexedDB), the position in the feed it has pulled to.
const DEVICE_CURSOR: &str = r#"
const done = arguments[arguments.length - 1];
const r = indexedDB.open('werkstadt');
r.onerror = () => done(-1);
r.onsuccess = () => {
  const db = r.result;
  const get = db.transaction('state').objectStore('state').get('cursor');
  get.onsuccess = () => { done(Number(get.result ?? 0)); db.close(); };
  get.onerror = () => done(-1);
};
"#;

/// The head of the server's change feed (a full pull's last cursor, as a new participant).
async fn server_head(base: &str) -> u64 {
    let client = reqwest::Client::new();
    let me = uuid7();
    let mut cursor = 0;
    loop {
        let page: Value = client
            .get(format!("{base}/api/sync/pull?cursor={cursor}&protocol=1"))
            .header("x-participant-id", &me)
            .header("x-participant-secret", "ab".repeat(32))
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("json");
        cursor = page["cursor"]
            .as_u64()
            .unwrap_or_else(|| panic!("no cursor in {page}"));
        if page["has_more"] != true {
            return cursor;
        }
    }
}

/// Waits until the page has pulled (and stored) everything the server has now.
async fn wait_synced(page: &Page<'_>, base: &str) {
    let head = server_head(base).await;
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let stored: i64 = page.eval_async(DEVICE_CURSOR).await.parse().unwrap_or(-1);
        if u64::try_from(stored).is_ok_and(|c| c >= head) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the device stayed at cursor {stored} of {head}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn percentile(sorted: &[u128], p: f64) -> u128 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::main]
async fn main() {
    // Ctrl-C ends the run through the guards' drops: the server, chromedriver and Chromium
    // run in process groups of their own, which the terminal's signal does not reach.
    tokio::select! {
        () = run() => {}
        _ = tokio::signal::ctrl_c() => eprintln!("interrupted"),
    }
}

async fn run() {
    let rounds: usize = std::env::var("LIVE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
        .max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let port = werkstadt_tests::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = GroupChild::spawn(
        Command::new(server_binary())
            .args(["serve", "--demo", "--trust-proxy", "--retention-days", "0"])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--db")
            .arg(dir.path().join("w.db"))
            .arg("--dist")
            .arg(dist_dir())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null()),
    );
    werkstadt_tests::eventually("the server answers", || async {
        reqwest::get(format!("{base}/api/process")).await.ok()
    })
    .await;
    let started = Instant::now();
    let themes = seed(&base).await;
    println!(
        "seeded {IDEAS} ideas and {SUPPORTS} supports in {:.1} s (server {})",
        started.elapsed().as_secs_f64(),
        server_binary().display()
    );

    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &base);
    let started = Instant::now();
    page.goto(&format!("/themen/{}", themes[0])).await;
    // Newest first: a new support does not move the row.
    page.click_text("Neueste zuerst").await;
    let newest: Value = reqwest::get(format!("{base}/api/themes/{}/ideas?sort=newest", themes[0]))
        .await
        .expect("ideas")
        .json()
        .await
        .expect("json");
    let top = newest["ideas"][0]["title"]
        .as_str()
        .expect("title")
        .to_owned();
    let top_id = newest["ideas"][0]["id"].as_str().expect("id").to_owned();
    // The whole replica: the device's cursor at the server's head, the newest idea first.
    wait_synced(&page, &base).await;
    page.wait_text(&top).await;
    let first_count = newest["ideas"][0]["support_count"].as_u64().expect("count");
    println!(
        "theme page with the whole replica on the device after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let mut latencies = Vec::new();
    let mut mutations = Vec::new();
    let mut count = first_count;
    for _ in 0..rounds {
        count += 1;
        let expected = if count == 1 {
            "1 Unterstützung".to_owned()
        } else {
            format!("{count} Unterstützungen")
        };
        observe(&page, 0, &expected).await;
        let sent = now_ms();
        werkstadt_tests::push_as(
            &base,
            &uuid7(),
            json!({"set_support": {"idea_id": top_id, "supported": true}}),
        )
        .await;
        let done = werkstadt_tests::eventually("the row shows the new count", || async {
            page.eval("return window.__done;").await.as_u64()
        })
        .await;
        // Let anything else the change caused land before counting.
        wait_synced(&page, &base).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        latencies.push(u128::from(done).saturating_sub(sent));
        mutations.push(
            page.eval("return window.__muts;")
                .await
                .as_u64()
                .unwrap_or(0),
        );
    }
    latencies.sort_unstable();
    println!(
        "support on a shown idea -> its row updated: median {} ms, p95 {} ms, max {} ms ({rounds} rounds)",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        latencies[latencies.len() - 1]
    );
    println!(
        "DOM mutations of the page per update: min {}, max {}",
        mutations.iter().min().expect("rounds"),
        mutations.iter().max().expect("rounds")
    );

    // A support of an idea in another field of action: the page does not change.
    let other: Value = reqwest::get(format!("{base}/api/themes/{}/ideas", themes[1]))
        .await
        .expect("ideas")
        .json()
        .await
        .expect("json");
    let other_id = other["ideas"][0]["id"].as_str().expect("id").to_owned();
    observe(&page, 0, "never").await;
    for _ in 0..rounds {
        werkstadt_tests::push_as(
            &base,
            &uuid7(),
            json!({"set_support": {"idea_id": other_id, "supported": true}}),
        )
        .await;
    }
    wait_synced(&page, &base).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!(
        "{rounds} supports of an idea not on the page: {} DOM mutations",
        page.eval("return window.__muts;").await
    );
}

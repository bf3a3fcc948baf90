//! City-scale read benchmark (a bench binary, not a timed test; not part of CI). For a small
//! and a city-wide process (200 ideas / 2,000 supports / 40 dot ballots, and 10,000 ideas /
//! 100,000 supports / 2,000 dot ballots) it starts the real server binary on a fresh database,
//! seeds the process through the public sync API (`seed`), runs a bounded load of 100
//! kept-alive connections against each public read and a deep link's page (`load`), and prints
//! req/s, p50/p99 and the server's memory (RSS) for both sizes side by side, plus what a first
//! full pull of the replica transfers plain and compressed.
//!
//! Run with `scripts/bench scale` (or `cargo bench -p werkstadt-server --bench scale`);
//! `SCALE_SECS` sets the measured seconds per endpoint (default 5); `SCALE_SERVER` runs another
//! `werkstadt` binary (an older release, for a before/after comparison).

mod load;
mod seed;

use seed::Size;
use std::io::BufRead;
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIZES: [Size; 2] = [
    Size {
        ideas: 200,
        supports: 2_000,
        ballots: 40,
    },
    Size {
        ideas: 10_000,
        supports: 100_000,
        ballots: 2_000,
    },
];
const CONNECTIONS: usize = 100;
const WARMUP: Duration = Duration::from_secs(1);

/// The real server on a port of its own, with its own database; killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist");
        // The real page template: deep links get their first screen drawn into it.
        std::fs::write(
            dist.join("index.html"),
            include_str!("../../../public/index.html"),
        )
        .expect("index");
        let bin = std::env::var_os("SCALE_SERVER")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_werkstadt").into());
        let mut child = Command::new(bin)
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--demo",
                "--trust-proxy",
            ])
            .args(["--retention-days", "0", "--db"])
            .arg(dir.path().join("w.db"))
            .arg("--dist")
            .arg(&dist)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("starts werkstadt");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = std::io::BufReader::new(stdout).lines();
        let addr = loop {
            let line = lines.next().expect("server output").expect("line");
            if let Some(rest) = line.split("http://").nth(1) {
                break rest.trim_end_matches('/').parse().expect("address");
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Self {
            child,
            addr,
            _dir: dir,
        }
    }

    /// Resident and peak memory of the server process, in MB.
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(f64::NAN, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Run {
    size: Size,
    seed_secs: f64,
    /// The first participation read after seeding: computed, not from memory (ms).
    participation_ms: f64,
    reads: Vec<(&'static str, load::Stats)>,
    rss: (f64, f64),
    pull: (usize, usize, usize),
}

async fn measure(size: Size, secs: u64) -> Run {
    let server = Server::start();
    let base = format!("http://{}", server.addr);
    let t = Instant::now();
    let seeded = seed::seed(&base, size).await;
    let seed_secs = t.elapsed().as_secs_f64();
    // The title index catches up in the background; let it.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let theme = seeded.themes[0];
    let ideas: Vec<String> = seeded
        .ideas
        .iter()
        .step_by((seeded.ideas.len() / 1000).max(1))
        .map(|i| format!("/api/ideas/{i}"))
        .collect();
    let page = vec![format!("/api/themes/{theme}/ideas")];
    let idea_links: Vec<String> = ideas
        .iter()
        .map(|p| p.replace("/api/ideas/", "/ideen/"))
        .collect();
    let results = vec!["/api/results".to_owned()];
    let participation = vec![format!("/api/processes/{}/participation", seeded.process)];
    let t = Instant::now();
    let first = reqwest::get(format!("{base}{}", participation[0]))
        .await
        .expect("participation");
    assert!(
        first.status().is_success(),
        "participation: {}",
        first.status()
    );
    first.bytes().await.expect("participation body");
    let participation_ms = t.elapsed().as_secs_f64() * 1000.0;
    let endpoints: [(&'static str, Vec<String>, Option<&'static str>); 9] = [
        ("GET /api/process", vec!["/api/process".into()], None),
        ("GET /api/themes/{id}/ideas", page.clone(), None),
        ("GET /api/results", results.clone(), None),
        ("GET /api/ideas/{id}", ideas, None),
        // As browsers ask: compressed on the fly.
        ("GET /api/themes/{id}/ideas, br", page, Some("br, gzip")),
        ("GET /api/results, br", results, Some("br, gzip")),
        ("GET /api/processes/{id}/participation", participation, None),
        // A shared link: the page with its first screen drawn in (`http::first_screen`).
        (
            "GET /themen/{id} (first screen), br",
            vec![format!("/themen/{theme}")],
            Some("br, gzip"),
        ),
        (
            "GET /ideen/{id} (first screen), br",
            idea_links,
            Some("br, gzip"),
        ),
    ];
    let mut reads = Vec::new();
    for (name, paths, encoding) in endpoints {
        let stats = load::run(
            server.addr,
            Arc::new(paths),
            encoding,
            CONNECTIONS,
            WARMUP,
            Duration::from_secs(secs),
        )
        .await;
        reads.push((name, stats));
    }
    let rss = server.memory();
    let pull = first_pull(server.addr).await;
    Run {
        size,
        seed_secs,
        participation_ms,
        reads,
        rss,
        pull,
    }
}

/// A new app's first full pull: pages, bytes plain, bytes with brotli.
async fn first_pull(addr: SocketAddr) -> (usize, usize, usize) {
    let id = uuid::Uuid::now_v7().to_string();
    let secret = "ab".repeat(32);
    let headers = [
        ("x-participant-id", id.as_str()),
        ("x-participant-secret", secret.as_str()),
    ];
    let (mut cursor, mut pages, mut plain, mut br) = (0u64, 0, 0, 0);
    loop {
        let path = format!("/api/sync/pull?protocol=1&cursor={cursor}");
        let (status, body) = load::get(addr, &path, &headers).await;
        assert_eq!(status, 200, "pull");
        let mut with_br = headers.to_vec();
        with_br.push(("accept-encoding", "br"));
        let (_, compressed) = load::get(addr, &path, &with_br).await;
        pages += 1;
        plain += body.len();
        br += compressed.len();
        let page: serde_json::Value = serde_json::from_slice(&body).expect("json");
        cursor = page["cursor"].as_u64().expect("cursor");
        if page["has_more"] != true {
            return (pages, plain, br);
        }
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let secs: u64 = std::env::var("SCALE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let mut runs = Vec::new();
    for size in SIZES {
        eprintln!("seeding and loading {} ideas ...", size.ideas);
        runs.push(measure(size, secs).await);
    }
    let (small, large) = (&runs[0], &runs[1]);
    println!(
        "\nwerkstadt at scale: {CONNECTIONS} connections, {secs} s per read after {} s warm-up\n",
        WARMUP.as_secs()
    );
    let col = |r: &Run| {
        format!(
            "{} ideas / {} supports / {} ballots",
            r.size.ideas, r.size.supports, r.size.ballots
        )
    };
    println!("| read | {} | {} | ratio |", col(small), col(large));
    println!("|---|---|---|---|");
    for ((name, a), (_, b)) in small.reads.iter().zip(&large.reads) {
        let cell = |s: &load::Stats| {
            format!(
                "{:.0} req/s, p50 {:.1} ms, p99 {:.1} ms{}",
                s.per_sec,
                s.p50_ms,
                s.p99_ms,
                if s.errors > 0 {
                    format!(", {} errors", s.errors)
                } else {
                    String::new()
                }
            )
        };
        println!(
            "| `{name}` | {} | {} | {:.2}× |",
            cell(a),
            cell(b),
            a.per_sec / b.per_sec
        );
    }
    println!(
        "| server RSS after the load (peak) | {:.0} MB ({:.0} MB) | {:.0} MB ({:.0} MB) | |",
        small.rss.0, small.rss.1, large.rss.0, large.rss.1
    );
    let pull = |r: &Run| {
        format!(
            "{} pages, {:.1} KB plain, {:.1} KB brotli",
            r.pull.0,
            r.pull.1 as f64 / 1000.0,
            r.pull.2 as f64 / 1000.0
        )
    };
    println!("| first full pull | {} | {} | |", pull(small), pull(large));
    println!(
        "| seeding through the sync API | {:.1} s | {:.1} s | |",
        small.seed_secs, large.seed_secs
    );
    println!(
        "| participation computed (first read after a change) | {:.1} ms | {:.1} ms | |",
        small.participation_ms, large.participation_ms
    );
}

//! Sync benchmark (a bench binary, not a timed test): server time of
//! - one push of 1,000 mutations in one batch (budget ≤ 50 ms, `synchronous=FULL`),
//! - pulling 10,000 changes from cursor 0 to the head, all pages (budget ≤ 200 ms).
//!
//! Run with `scripts/bench` (or `cargo bench -p werkstadt-server --bench sync`). Prints the
//! median and the worst of several runs and exits non-zero when a median is over budget.

use std::time::{Duration, Instant};
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind};
use werkstadt_domain::{IdeaId, ParticipantId};
use werkstadt_server::storage::{Caller, DemoSeed, Store};

const RUNS: usize = 7;

fn caller(n: u128) -> Caller {
    Caller {
        id: ParticipantId(uuid::Uuid::from_u128(n)),
        secret_hash: format!("{n:064x}"),
        kiosk: None,
    }
}

fn batch(theme: werkstadt_domain::ThemeId, ideas: &[IdeaId], n: usize) -> Vec<Mutation> {
    (0..n)
        .map(|i| {
            let kind = if i % 2 == 0 || ideas.is_empty() {
                MutationKind::CreateIdea {
                    idea_id: IdeaId(uuid::Uuid::now_v7()),
                    theme_id: theme,
                    title: format!("Benchmark-Idee {i}"),
                    body: "Ein Text, wie ihn Bürgerinnen und Bürger schreiben.".into(),
                }
            } else {
                MutationKind::SetSupport {
                    idea_id: ideas[i % ideas.len()],
                    supported: true,
                }
            };
            Mutation {
                id: MutationId(uuid::Uuid::now_v7()),
                kind,
            }
        })
        .collect()
}

fn stats(mut d: Vec<Duration>) -> (f64, f64) {
    d.sort();
    let ms = |x: Duration| x.as_secs_f64() * 1000.0;
    (ms(d[d.len() / 2]), ms(d[d.len() - 1]))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> std::process::ExitCode {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.db"))
        .await
        .expect("opens");
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let overview = store.process_overview().await.expect("overview");
    let theme = overview.themes[0].id;
    let ideas: Vec<IdeaId> = store
        .ideas_page(theme, Default::default())
        .await
        .expect("ideas")
        .ideas
        .iter()
        .map(|i| i.id)
        .collect();

    let mut push_times = Vec::new();
    for run in 0..RUNS {
        let who = caller(1000 + run as u128);
        let b = batch(theme, &ideas, 1000);
        let t = Instant::now();
        let res = store.push(who, b).await.expect("push");
        push_times.push(t.elapsed());
        assert_eq!(res.results.len(), 1000);
        // The title index catches up after the push (untimed, as between real pushes).
        store.wait_indexed().await.expect("indexed");
    }
    // Fill the feed to well over 10,000 changes (ideas, supports' ideas, mutation records).
    while count_changes(&store).await < 10_000 {
        store
            .push(caller(2), batch(theme, &ideas, 1000))
            .await
            .expect("push");
    }
    let mut pull_times = Vec::new();
    let mut pulled = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let mut cursor = 0;
        pulled = 0;
        while pulled < 10_000 {
            let page = store.pull(caller(2), cursor).await.expect("pull");
            pulled += page.changes.len();
            cursor = page.cursor;
            if !page.has_more {
                break;
            }
        }
        pull_times.push(t.elapsed());
    }
    let (push_med, push_max) = stats(push_times);
    let (pull_med, pull_max) = stats(pull_times);
    println!("push 1,000 mutations, one batch, synchronous=FULL: median {push_med:.1} ms, max {push_max:.1} ms (budget 50 ms)");
    println!("pull {pulled} changes from cursor 0 (pages of 1,000): median {pull_med:.1} ms, max {pull_max:.1} ms (budget 200 ms)");
    if push_med > 50.0 || pull_med > 200.0 || pulled < 10_000 {
        eprintln!("over budget");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

async fn count_changes(store: &Store) -> usize {
    let mut cursor = 0;
    let mut n = 0;
    loop {
        let page = store.pull(caller(2), cursor).await.expect("pull");
        n += page.changes.len();
        cursor = page.cursor;
        if !page.has_more || n >= 10_000 {
            return n;
        }
    }
}

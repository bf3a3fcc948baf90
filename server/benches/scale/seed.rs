//! Seeding a process through the public sync API, as its participants' apps would: authors
//! push their ideas, supporters push their supports and one dot ballot each, every one from
//! its own address (the server trusts `X-Forwarded-For` here, as behind a proxy).

use serde_json::Value;
use uuid::Uuid;
use werkstadt_domain::dots::DotEntry;
use werkstadt_domain::sync::{Mutation, MutationId, MutationKind, Outcome, PushResponse};
use werkstadt_domain::{IdeaId, ThemeId};

/// How big a process to seed.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub ideas: usize,
    pub supports: usize,
    pub ballots: usize,
}

/// Supports each supporter pushes (one push each, with their dot ballot).
const SUPPORTS_EACH: usize = 50;
const BODY: &str = "Eine Idee, wie sie Bürgerinnen und Bürger schreiben, mit Begründung. ";
/// Pushes in flight at once.
const PARALLEL: usize = 8;

/// What the load needs to know of the seeded process.
pub struct Seeded {
    /// The current process's id.
    pub process: String,
    pub themes: Vec<ThemeId>,
    pub ideas: Vec<IdeaId>,
}

/// A small deterministic generator (xorshift), so both runs seed alike.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// An index below `n`, skewed towards the start (a few ideas gather most support).
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() % 10_000) as f64 / 10_000.0;
        ((x * x * x) * n as f64) as usize % n
    }
}

fn participant() -> (String, String) {
    let secret = format!(
        "{:032x}{:032x}",
        Uuid::new_v4().as_u128(),
        Uuid::new_v4().as_u128()
    );
    (Uuid::now_v7().to_string(), secret)
}

async fn push(client: &reqwest::Client, base: &str, n: usize, mutations: Vec<Mutation>) {
    let (id, secret) = participant();
    let res = client
        .post(format!("{base}/api/sync/push"))
        .header("x-participant-id", id)
        .header("x-participant-secret", secret)
        .header(
            "x-forwarded-for",
            format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255),
        )
        .json(&werkstadt_domain::sync::PushRequest {
            protocol: werkstadt_domain::sync::PROTOCOL_VERSION,
            mutations,
        })
        .send()
        .await
        .expect("push");
    assert!(res.status().is_success(), "push: {}", res.status());
    let body: PushResponse = res.json().await.expect("push answer");
    for r in &body.results {
        assert_eq!(r.outcome, Outcome::Applied, "not applied");
    }
}

fn mutation(kind: MutationKind) -> Mutation {
    Mutation {
        id: MutationId(Uuid::now_v7()),
        kind,
    }
}

pub async fn seed(base: &str, size: Size) -> Seeded {
    let client = reqwest::Client::new();
    let overview: Value = client
        .get(format!("{base}/api/process"))
        .send()
        .await
        .expect("overview")
        .json()
        .await
        .expect("json");
    let themes: Vec<ThemeId> = overview["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| ThemeId(t["id"].as_str().expect("id").parse().expect("uuid")))
        .collect();
    let ideas: Vec<IdeaId> = (0..size.ideas).map(|_| IdeaId(Uuid::now_v7())).collect();
    let words = [
        "Radweg",
        "Bank",
        "Spielplatz",
        "WLAN",
        "Bus",
        "Baum",
        "Licht",
        "Café",
    ];
    let mut jobs: Vec<Vec<Mutation>> = ideas
        .chunks(1000)
        .enumerate()
        .map(|(c, chunk)| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let n = c * 1000 + i;
                    mutation(MutationKind::CreateIdea {
                        idea_id: *id,
                        theme_id: themes[n % themes.len()],
                        title: format!("{} Nummer {n} für unser Viertel", words[n % words.len()]),
                        body: format!("Vorschlag {n}: {}", BODY.repeat(3)),
                    })
                })
                .collect()
        })
        .collect();
    run(&client, base, std::mem::take(&mut jobs), 0).await;

    let supporters = size.ballots.max(size.supports.div_ceil(SUPPORTS_EACH));
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut left = size.supports;
    for s in 0..supporters {
        let mut batch = Vec::new();
        let want = SUPPORTS_EACH.min(left).min(ideas.len());
        let mut chosen = std::collections::BTreeSet::new();
        while chosen.len() < want {
            chosen.insert(rng.skewed(ideas.len()));
        }
        left -= want;
        for i in chosen {
            batch.push(mutation(MutationKind::SetSupport {
                idea_id: ideas[i],
                supported: true,
            }));
        }
        if s < size.ballots {
            let a = rng.skewed(themes.len());
            let b = (a + 1 + (rng.next() as usize % (themes.len() - 1))) % themes.len();
            batch.push(mutation(MutationKind::SetDots {
                allocations: vec![
                    DotEntry {
                        theme_id: themes[a],
                        points: 3,
                    },
                    DotEntry {
                        theme_id: themes[b],
                        points: 2,
                    },
                ],
            }));
        }
        jobs.push(batch);
    }
    run(&client, base, jobs, 100).await;
    let process = overview["process"]["id"]
        .as_str()
        .expect("process id")
        .to_owned();
    Seeded {
        process,
        themes,
        ideas,
    }
}

/// Pushes each batch as a new participant, [`PARALLEL`] at a time.
async fn run(client: &reqwest::Client, base: &str, jobs: Vec<Vec<Mutation>>, first: usize) {
    use futures_util::StreamExt;
    futures_util::stream::iter(jobs.into_iter().enumerate())
        .for_each_concurrent(PARALLEL, |(n, batch)| async move {
            push(client, base, first + n + 1, batch).await;
        })
        .await;
}

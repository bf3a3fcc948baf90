//! `werkstadt admin check` (the real binary): recounts the tallies kept on write and reports
//! drift with a non-zero exit.

use werkstadt_domain::sync::{Mutation, MutationId, MutationKind};
use werkstadt_domain::ParticipantId;
use werkstadt_server::storage::{Caller, DemoSeed, Store};

fn check(db: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_werkstadt"))
        .args(["admin", "check", "--db"])
        .arg(db)
        .env_remove("WERKSTADT_DB")
        .output()
        .expect("runs werkstadt")
}

#[tokio::test]
async fn admin_check_passes_on_kept_tallies_and_fails_on_drift() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("w.db");
    let store = Store::open(&db).await.expect("opens");
    store.seed(DemoSeed::bielefeld()).await.expect("seeds");
    let overview = store.process_overview().await.expect("overview");
    let theme = overview.themes[0].id;
    let idea = store
        .ideas_page(theme, Default::default())
        .await
        .expect("ideas")
        .ideas[0]
        .id;
    for n in 1..=3u128 {
        let who = Caller {
            id: ParticipantId(uuid::Uuid::from_u128(n)),
            secret_hash: format!("{n:064x}"),
            kiosk: None,
        };
        let m = Mutation {
            id: MutationId(uuid::Uuid::now_v7()),
            kind: MutationKind::SetSupport {
                idea_id: idea,
                supported: true,
            },
        };
        store.push(who, vec![m]).await.expect("supports");
    }
    assert_eq!(store.idea(idea).await.expect("idea").support_count, 3);

    let ok = check(&db);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(stdout.contains("keine Abweichung"), "{stdout}");

    // A tally written behind the triggers' back (a bug, a manual edit) is found.
    rusqlite::Connection::open(&db)
        .expect("opens")
        .execute(
            "UPDATE idea SET support_count = 99 WHERE id = ?1",
            [idea.to_string()],
        )
        .expect("breaks a tally");
    let drift = check(&db);
    let stdout = String::from_utf8_lossy(&drift.stdout);
    assert!(!drift.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "idea.support_count of {idea}: stored 99, recounted 3"
        )),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&drift.stderr).contains("1 von"),
        "{}",
        String::from_utf8_lossy(&drift.stderr)
    );
}

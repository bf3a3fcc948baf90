//! A restore from a backup, end to end with a browser that holds a pending change: the server
//! comes back from the backup with a new instance id, the app starts its replica over (what
//! came after the backup is gone from it, as from the server) and keeps its outbox, which is
//! then sent and applied once.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use werkstadt_tests::{eventually, get_json, server_binary, Browser, Page, Server, Viewport};

fn admin(args: &[&str], db: &Path) {
    let out = Command::new(server_binary())
        .arg("admin")
        .args(args)
        .arg("--db")
        .arg(db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("runs werkstadt admin");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn submit(page: &Page<'_>, theme: &str, title: &str) -> String {
    page.goto(&format!("/neu?thema={theme}")).await;
    page.choose("#idee-thema", "Bildung").await;
    page.fill("#idee-titel", title).await;
    page.fill("#idee-text", "Für den Test der Wiederherstellung.")
        .await;
    page.click_text("Idee absenden").await;
    page.wait_text("0 Unterstützungen").await;
    page.path().await
}

async fn on_server(base: &str, idea_path: &str) -> serde_json::Value {
    let id = idea_path.trim_start_matches("/ideen/");
    eventually(&format!("{idea_path} on the server"), || async {
        let idea = get_json(&format!("{base}/api/ideas/{id}")).await;
        idea["id"].is_string().then_some(idea)
    })
    .await
}

#[tokio::test]
async fn after_a_restore_the_app_starts_over_and_its_pending_change_arrives_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let backup = dir.path().join("backups/werkstadt-2026-11-30.db");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let base = server.url.clone();
    let browser = Browser::start(Viewport::Phone).await;
    let page = Page::new(&browser, &base);
    page.goto("/").await;
    page.wait_for_service_worker().await;
    page.click_text("Bildung").await;
    page.wait_text("WLAN in allen Schulen").await;
    let theme_path = page.path().await;
    let theme = theme_path.trim_start_matches("/themen/").to_owned();

    let before = submit(&page, &theme, "Vor dem Backup eingereicht").await;
    on_server(&base, &before).await;
    admin(
        &["backup", backup.to_str().expect("utf-8 path")],
        &server.db,
    );
    let after = submit(&page, &theme, "Nach dem Backup eingereicht").await;
    on_server(&base, &after).await;

    // The server goes down; offline, the citizen supports the idea from before the backup.
    let (db, dist, addr) = server.kill();
    page.goto(&before).await;
    page.click(".support-button").await;
    page.wait_text("1 Unterstützung").await;
    page.wait_text("1 Änderung wartet").await;

    // Restored from the backup and started again on the same address.
    admin(&["restore", backup.to_str().expect("utf-8 path")], &db);
    let server = Server::start_with(&db, &dist, &addr);
    let id_before = before.trim_start_matches("/ideen/").to_owned();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let idea = get_json(&format!("{}/api/ideas/{id_before}", server.url)).await;
        if idea["support_count"] == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the pending support never arrived: {idea}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eventually("the outbox is empty", || async {
        (!page.body_text().await.contains("Änderung wartet")).then_some(())
    })
    .await;
    // The replica is the restored server's: the idea from after the backup is gone.
    let id_after = after.trim_start_matches("/ideen/");
    let gone = reqwest::get(format!("{}/api/ideas/{id_after}", server.url))
        .await
        .expect("request");
    assert_eq!(gone.status(), 404);
    page.goto(&theme_path).await;
    page.wait_text("Vor dem Backup eingereicht").await;
    eventually("the replica drops what the restore undid", || async {
        (!page
            .body_text()
            .await
            .contains("Nach dem Backup eingereicht"))
        .then_some(())
    })
    .await;
}

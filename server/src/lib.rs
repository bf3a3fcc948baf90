//! werkstadt's server: JSON API under `/api/`, the built app from `dist/`, SQLite storage.
//!
//! [`launch`] is the one entry point: `main` passes a bound listener and a signal future;
//! tests pass a port-0 listener and a channel.

pub mod auth;
pub mod config;
pub mod http;
pub mod serve;
pub mod storage;

pub use config::ServeConfig;

use std::future::Future;
use storage::{DemoSeed, Store, StoreError};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("listening: {0}")]
    Listen(#[from] std::io::Error),
    #[error("{0}")]
    Auth(String),
}

/// The demo moderator `--demo` creates (user name, password); stated in the README. Only for
/// demo databases: never use `--demo` for a real process.
pub const DEMO_MODERATOR: (&str, &str) = ("moderation", "werkstadt-demo-2026");

/// Opens the database, seeds the demo process if asked and the database is empty, raises the
/// open-files limit, and serves (see [`serve`]) until `shutdown` completes (in-flight requests
/// finish first).
pub async fn launch(
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    let store = Store::open(&config.db).await?;
    if config.demo && store.is_empty().await? {
        store.seed(DemoSeed::bielefeld()).await?;
        let hash =
            auth::hash_password(DEMO_MODERATOR.1).map_err(|e| LaunchError::Auth(e.to_string()))?;
        let name = werkstadt_domain::staff::Username::parse(DEMO_MODERATOR.0)
            .map_err(|e| LaunchError::Auth(format!("{e:?}")))?;
        store
            .create_staff(name, hash, werkstadt_domain::staff::Role::Moderator, None)
            .await?;
        tracing::info!(
            "seeded the demo process and the demo moderator {:?}",
            DEMO_MODERATOR.0
        );
    }
    // Only now, with the database open and migrated, is the server ready. Tests and scripts
    // wait for this line (and read the port from it).
    let addr = listener.local_addr()?;
    println!("werkstadt läuft auf http://{addr}/");
    let (stopping, shutdown_rx) = tokio::sync::watch::channel(false);
    let retention = (config.retention_days > 0)
        .then(|| tokio::spawn(compact_daily(store.clone(), config.retention_days)));
    let app = http::router(
        http::AppState {
            store,
            shutdown: shutdown_rx,
            secure_cookies: config.secure_cookies,
            trust_proxy: config.trust_proxy,
            write_burst: config.write_burst,
            public_url: config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}")),
        },
        config.dist.clone(),
    );
    let open_files = serve::raise_open_files_limit();
    let limits = serve::Limits::new(&config, open_files);
    tracing::info!(
        max_connections = limits.max_connections,
        max_refusing = limits.max_refusing,
        header_timeout_secs = limits.header_timeout.as_secs(),
        open_files = open_files.map_or_else(|| "unknown".to_owned(), |n| n.to_string()),
        "serving"
    );
    serve::serve(listener, app, limits, async move {
        shutdown.await;
        // End event streams so graceful shutdown does not wait for them forever.
        let _ = stopping.send(true);
    })
    .await;
    if let Some(task) = retention {
        task.abort();
    }
    Ok(())
}

/// Compacts sync records older than `days` now and then once a day (`storage::retention`).
async fn compact_daily(store: Store, days: u32) {
    loop {
        match store.compact(days).await {
            Ok(r) => tracing::info!(
                mutations = r.mutations,
                feed_entries = r.feed_entries,
                horizon_seq = r.horizon_seq,
                "compacted sync records older than {days} days"
            ),
            Err(e) => tracing::warn!(%e, "compacting sync records failed; retried tomorrow"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(24 * 60 * 60)).await;
    }
}

/// `werkstadt admin compact`: compacts sync records older than `days` (0: nothing).
pub async fn compact(
    db: &std::path::Path,
    days: u32,
) -> Result<storage::retention::CompactReport, LaunchError> {
    Ok(Store::open(db).await?.compact(days).await?)
}

/// `werkstadt admin check`: recounts the maintained tallies (`storage::tally`).
pub async fn check(db: &std::path::Path) -> Result<storage::tally::CheckReport, LaunchError> {
    Ok(Store::open(db).await?.check_tallies().await?)
}

/// `werkstadt admin create-user`: checks the name and password, hashes the password and
/// creates the account (recorded in the audit log as created by itself).
pub async fn create_user(
    db: &std::path::Path,
    role: werkstadt_domain::staff::Role,
    name: &str,
    password: &str,
) -> Result<(), LaunchError> {
    let name = werkstadt_domain::staff::Username::parse(name)
        .map_err(|_| LaunchError::Auth("user names are 3–40 of a–z, 0–9, '.', '_', '-'".into()))?;
    werkstadt_domain::staff::check_password(password)
        .map_err(|_| LaunchError::Auth("passwords need 12 to 200 characters".into()))?;
    let hash = auth::hash_password(password).map_err(|e| LaunchError::Auth(e.to_string()))?;
    let store = Store::open(db).await?;
    store.create_staff(name, hash, role, None).await?;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(%e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(%e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

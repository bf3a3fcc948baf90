//! werkstadt's server: JSON API under `/api/`, the built app from `dist/`, SQLite storage.
//!
//! [`launch`] is the one entry point: `main` passes a bound listener and a signal future;
//! tests pass a port-0 listener and a channel.

pub mod config;
pub mod http;
pub mod storage;

pub use config::ServeConfig;

use std::future::Future;
use storage::{DemoSeed, Store, StoreError};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("serving: {0}")]
    Serve(#[from] std::io::Error),
}

/// Opens the database, seeds the demo process if asked and the database is empty, and serves
/// until `shutdown` completes (in-flight requests finish first).
pub async fn launch(
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), LaunchError> {
    let store = Store::open(&config.db).await?;
    if config.demo && store.is_empty().await? {
        store.seed(DemoSeed::bielefeld()).await?;
        tracing::info!("seeded the demo process");
    }
    let (stopping, shutdown_rx) = tokio::sync::watch::channel(false);
    let app = http::router(
        http::AppState {
            store,
            shutdown: shutdown_rx,
        },
        config.dist.clone(),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            // End event streams so graceful shutdown does not wait for them forever.
            let _ = stopping.send(true);
        })
        .await?;
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

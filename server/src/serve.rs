//! The accept loop. Slow and idle clients are turned away: a request's headers must arrive
//! within the header timeout (hyper's, which also closes a kept-alive connection left idle
//! that long), at most `max_connections` connections are served at once (further ones get a
//! short `503 busy` with `Retry-After` and are closed), and the open-files limit is raised to
//! what the system allows. Answers are not held back by Nagle's algorithm (`TCP_NODELAY`).
//! An open response (the event stream) is not cut: the header timeout only runs while a
//! request's head is awaited.

use crate::config::ServeConfig;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::ErrorCode;

/// Default cap on connections, when the open-files limit allows that many.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
/// Open files kept free for the database, the logs and such.
const OTHER_FILES: u64 = 64;
/// Refusals being sent at once, when the open-files limit is not known; with a known limit,
/// what it leaves beside the connections (at least 16, at most 1024). Beyond this a
/// connection over the cap is closed unanswered.
const DEFAULT_MAX_REFUSING: usize = 128;
/// How long a refused connection may take to send its request's head, and to read the answer.
const REFUSAL_TIME: Duration = Duration::from_secs(1);
/// At most one log line about refusals this often.
const REFUSALS_LOGGED_EVERY: Duration = Duration::from_secs(10);
/// Pause after an accept error that is not about one connection (e.g. out of descriptors).
const ACCEPT_PAUSE: Duration = Duration::from_millis(250);

/// What the server allows its clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_connections: usize,
    /// Connections over the cap being answered `503` at once.
    pub max_refusing: usize,
    pub header_timeout: Duration,
}

impl Limits {
    /// The configured limits; without `--max-connections`, as many connections as the
    /// open-files soft limit (`open_files`) allows, each counted with its socket and one open
    /// file, at most [`DEFAULT_MAX_CONNECTIONS`].
    pub fn new(config: &ServeConfig, open_files: Option<u64>) -> Self {
        let reserved = OTHER_FILES + DEFAULT_MAX_REFUSING as u64;
        let fits = open_files.map(|n| {
            usize::try_from(n.saturating_sub(reserved) / 2)
                .unwrap_or(usize::MAX)
                .max(1)
        });
        let max_connections = match (config.max_connections, fits) {
            (Some(n), Some(fits)) if n.get() > fits => {
                tracing::warn!(
                    max_connections = n.get(),
                    fits,
                    "--max-connections is more than the open-files limit allows"
                );
                n.get()
            }
            (Some(n), _) => n.get(),
            (None, Some(fits)) => fits.min(DEFAULT_MAX_CONNECTIONS),
            (None, None) => DEFAULT_MAX_CONNECTIONS,
        };
        let max_refusing = open_files.map_or(DEFAULT_MAX_REFUSING, |n| {
            let taken = (max_connections as u64).saturating_mul(2) + OTHER_FILES;
            usize::try_from(n.saturating_sub(taken))
                .unwrap_or(usize::MAX)
                .clamp(16, 1024)
        });
        Self {
            max_connections,
            max_refusing,
            header_timeout: Duration::from_secs(config.header_timeout_secs.get()),
        }
    }
}

/// Raises the open-files soft limit to the hard limit where the system allows it, and returns
/// the soft limit in force (`None` where it cannot be read).
pub fn raise_open_files_limit() -> Option<u64> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => Some(n),
        Err(e) => {
            tracing::warn!(%e, "cannot raise the open-files limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE)
                .ok()
                .map(|(soft, _)| soft)
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting and waits for
/// the open connections (in-flight requests finish, idle connections close).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let refusing = Arc::new(Semaphore::new(limits.max_refusing));
    let refusal = refusal(limits.header_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let (mut refused, mut logged) = (0u64, None::<std::time::Instant>);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    tracing::error!(%e, "cannot accept connections, pausing");
                    tokio::select! {
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(ACCEPT_PAUSE) => continue,
                    }
                }
            },
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(%e, %peer, "cannot set TCP_NODELAY");
        }
        match Arc::clone(&slots).try_acquire_owned() {
            Ok(slot) => {
                let conn = connection(&http, stream, peer, app.clone(), graceful.watcher());
                tokio::spawn(with_slot(conn, slot));
            }
            Err(_) => {
                refused += 1;
                if logged.is_none_or(|t| t.elapsed() >= REFUSALS_LOGGED_EVERY) {
                    tracing::warn!(refused, %peer, "connections over the cap refused");
                    (refused, logged) = (0, Some(std::time::Instant::now()));
                }
                if let Ok(refuser) = Arc::clone(&refusing).try_acquire_owned() {
                    tokio::spawn(refuse(stream, Arc::clone(&refusal), refuser));
                }
            }
        }
    }
    drop(listener);
    graceful.shutdown().await;
}

/// One connection served by hyper's HTTP/1; the peer address goes into each request as axum's
/// `ConnectInfo` (rate limits key on it).
fn connection(
    http: &http1::Builder,
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    watcher: Watcher,
) -> impl Future<Output = ()> + Send + 'static {
    let service = hyper::service::service_fn(move |mut req: http::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(req)
    });
    let conn = watcher.watch(http.serve_connection(TokioIo::new(stream), service));
    async move {
        if let Err(e) = conn.await {
            // Timeouts, resets and malformed requests: the client's problem, not the server's.
            tracing::debug!(%e, %peer, "connection ended with an error");
        }
    }
}

/// Runs a connection, holding its slot until it ends.
async fn with_slot(conn: impl Future<Output = ()>, slot: OwnedSemaphorePermit) {
    conn.await;
    drop(slot);
}

/// The answer to a connection over the limit, in the API's error format.
fn refusal(retry_after: Duration) -> Arc<[u8]> {
    let body = serde_json::to_string(&ApiErrorBody {
        code: ErrorCode::Busy,
        message: "The server is busy. Please retry shortly.".to_owned(),
    })
    .unwrap_or_default();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
retry-after: {}\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        retry_after.as_secs().max(1),
        body.len()
    )
    .into_bytes()
    .into()
}

/// Answers a connection over the cap with the refusal, once its request's head has come (an
/// HTTP client takes an answer before its request for a broken connection), and closes it.
/// A client that sends nothing within [`REFUSAL_TIME`] is closed unanswered. After the answer,
/// what the client still sends is read and dropped until it closes, again at most
/// [`REFUSAL_TIME`]: closing with unread data would reset the connection, and a reset can
/// destroy the answer before the client has read it.
async fn refuse(mut stream: TcpStream, refusal: Arc<[u8]>, refuser: OwnedSemaphorePermit) {
    let mut head = Vec::new();
    let _ = tokio::time::timeout(REFUSAL_TIME, read_head(&mut stream, &mut head)).await;
    if head.is_empty() {
        return;
    }
    let sent = tokio::time::timeout(REFUSAL_TIME, async {
        stream.write_all(&refusal).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 1024];
        while stream.read(&mut sink).await? > 0 {}
        std::io::Result::Ok(())
    })
    .await;
    if let Ok(Err(e)) = sent {
        tracing::debug!(%e, "refusal not delivered");
    }
    drop(refuser);
}

/// Reads into `head` until it holds a whole request head (or 8 KiB, or the client stops).
async fn read_head(stream: &mut TcpStream, head: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0u8; 1024];
    while head.len() < 8192 && !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// Errors about one connection (accepting the next one can go on at once).
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn limits(args: &[&str], open_files: Option<u64>) -> Limits {
        let mut argv = vec!["werkstadt", "serve"];
        argv.extend_from_slice(args);
        match crate::config::Cli::parse_from(argv).command {
            crate::config::Command::Serve { config, .. } => Limits::new(&config, open_files),
            crate::config::Command::Admin { .. } => unreachable!("serve was parsed"),
        }
    }

    #[test]
    fn the_default_cap_follows_the_open_files_limit() {
        let ten = Duration::from_secs(10);
        let max = |open_files| {
            let l = limits(&[], open_files);
            (l.max_connections, l.max_refusing)
        };
        assert_eq!(limits(&[], Some(1 << 20)).header_timeout, ten);
        assert_eq!(max(Some(1 << 20)), (DEFAULT_MAX_CONNECTIONS, 1024));
        assert_eq!(max(Some(1024)), (416, 128));
        assert_eq!(max(Some(256)), (32, 128));
        assert_eq!(max(Some(10)), (1, 16));
        assert_eq!(max(None), (DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REFUSING));
        let set = limits(
            &["--max-connections", "5000", "--header-timeout-secs", "3"],
            Some(1024),
        );
        assert_eq!((set.max_connections, set.max_refusing), (5000, 16));
        assert_eq!(set.header_timeout, Duration::from_secs(3));
    }

    #[test]
    fn zero_limits_are_rejected() {
        for args in [["--max-connections", "0"], ["--header-timeout-secs", "0"]] {
            let mut argv = vec!["werkstadt", "serve"];
            argv.extend_from_slice(&args);
            assert!(
                crate::config::Cli::try_parse_from(argv).is_err(),
                "{args:?}"
            );
        }
    }

    #[test]
    fn the_refusal_is_a_complete_busy_answer() {
        let text = String::from_utf8(refusal(Duration::from_secs(10)).to_vec()).expect("utf-8");
        let (head, body) = text.split_once("\r\n\r\n").expect("head and body");
        assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
        assert!(head.contains("\r\nretry-after: 10\r\n"), "{head}");
        assert!(
            head.contains(&format!("\r\ncontent-length: {}", body.len())),
            "{head}"
        );
        let body: ApiErrorBody = serde_json::from_str(body).expect("error body");
        assert_eq!(body.code, ErrorCode::Busy);
    }
}

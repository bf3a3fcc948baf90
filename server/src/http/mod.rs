//! The HTTP layer: thin handlers, one router per resource, merged here.

mod assets;
mod codes;
mod csv_table;
pub mod error;
mod export;
mod extract;
mod first_screen;
mod idea_decisions;
mod ideas;
mod kiosk;
mod limits;
mod matrix;
mod moderation;
mod openapi;
mod participation;
mod privacy;
mod process;
mod projects;
mod setup;
mod staff;
mod staff_accounts;
mod staff_auth;
mod sync;
mod votes;
mod workshops;

use crate::storage::Store;
use axum::extract::DefaultBodyLimit;
use axum::Router;
use error::ApiError;
use std::path::PathBuf;
use werkstadt_domain::ErrorCode;

/// Largest accepted request body. An idea (2,000 characters, up to 4 bytes each) fits well.
pub const BODY_LIMIT: usize = 16 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Becomes `true` when the server shuts down; long-lived responses (events) end then.
    pub shutdown: tokio::sync::watch::Receiver<bool>,
    /// Mark session cookies `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Take client addresses (for rate limits) from `X-Forwarded-For`.
    pub trust_proxy: bool,
    /// Writes one client address may send at once (then 30 per second).
    pub write_burst: std::num::NonZeroU32,
    /// The site's public address, no trailing slash: QR codes and printed links point here.
    pub public_url: String,
}

pub fn router(state: AppState, dist: PathBuf) -> Router {
    let store = state.store.clone();
    let client = limits::ClientIp {
        trust_proxy: state.trust_proxy,
    };
    let api = Router::new()
        .merge(staff::login_router().layer(limits::login(client)))
        .merge(staff::router())
        .merge(kiosk::guarded_router().layer(limits::login(client)))
        .merge(kiosk::router())
        .merge(staff_accounts::router())
        .merge(moderation::router())
        .merge(codes::router())
        .merge(process::router())
        .merge(setup::router())
        .merge(projects::router())
        .merge(idea_decisions::router())
        .merge(matrix::router())
        .merge(participation::router())
        .merge(ideas::router())
        .merge(votes::router())
        .merge(privacy::router())
        .merge(sync::router())
        .merge(openapi::router())
        .merge(export::router())
        .merge(workshops::router())
        .fallback(api_not_found)
        .layer(limits::writes(client, state.write_burst))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(compression())
        // On the API only: its `Vary: Origin` on the app's files would keep the service
        // worker's cache from matching the page's (CORS-mode) requests for them offline.
        .layer(cors())
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .fallback_service(assets::service(dist, store))
        .layer(axum::middleware::from_fn(assets::headers))
        .layer(tower_http::trace::TraceLayer::new_for_http())
}

/// Brotli or gzip for API answers, as the client accepts (a first pull of 200 ideas: 75.8 KB
/// plain, under 10 KB compressed). The default predicate leaves out the event stream
/// (`text/event-stream`: each event must reach the client when it is sent), images and
/// answers under 32 bytes. Files of the app are precompressed instead (`assets`).
fn compression() -> tower_http::compression::CompressionLayer {
    use tower_http::compression::{predicate::DefaultPredicate, CompressionLayer};
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new())
}

/// The public reads (open data) answer GETs from other sites; nothing else does. Never with
/// credentials: no cookie or participant header is allowed across origins, so a staff session
/// or a participant's identity never reaches another site's script.
fn cors() -> tower_http::cors::CorsLayer {
    use axum::http::Method;
    use tower_http::cors::{AllowOrigin, CorsLayer};
    CorsLayer::new()
        .allow_methods([Method::GET, Method::HEAD])
        .allow_origin(AllowOrigin::predicate(|_origin, parts| {
            // Inside `/api` the path lost its prefix; the original one is kept aside.
            let path = parts
                .extensions
                .get::<axum::extract::OriginalUri>()
                .map_or(parts.uri.path(), |u| u.0.path());
            matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS)
                && public_read(path)
        }))
}

/// Paths of the public reads: the same answer for everyone, no personal data.
pub fn public_read(path: &str) -> bool {
    const PUBLIC: [&str; 9] = [
        "/api/export/",
        "/api/process",
        "/api/projects",
        "/api/results",
        "/api/themes/",
        "/api/ideas/",
        "/api/openapi.json",
        "/api/health",
        "/api/workshops/",
    ];
    PUBLIC.iter().any(|p| path.starts_with(p))
}

async fn api_not_found() -> ApiError {
    ApiError::client(ErrorCode::NotFound, "No such API endpoint.")
}

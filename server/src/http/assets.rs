//! The built app in `dist/`: precompressed files, caching rules, SPA fallback, security headers.

use crate::storage::Store;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use std::sync::LazyLock;
use tower::{Layer, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};

/// Strict CSP the app works under: only same-origin resources; wasm compilation is the one
/// relaxation (`'wasm-unsafe-eval'`); no inline scripts, and no inline styles except the code
/// sheet's own (allowed by its SHA-256).
pub static CONTENT_SECURITY_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    use base64::Engine;
    use sha2::Digest;
    let sheet = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(super::codes::SHEET_STYLE.as_bytes()));
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self' 'sha256-{sheet}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
});

pub fn service(dist: PathBuf, store: Store) -> axum::routing::MethodRouter {
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::routing::get(move |req: Request| {
            spa_fallback(dist.clone(), store.clone(), req)
        }));
    axum::routing::get_service(files)
}

/// The page of an app route: the staff app under `/moderation`, the citizen app elsewhere.
fn page_for(path: &str) -> &'static str {
    if path == "/moderation" || path.starts_with("/moderation/") {
        "moderation.html"
    } else {
        "index.html"
    }
}

/// App routes (no file extension) get their app's page, a deep link with its first screen
/// drawn in (`first_screen`); missing files get a real 404 so a stale asset is never answered
/// with HTML.
async fn spa_fallback(dist: PathBuf, store: Store, req: Request) -> Response {
    let path = req.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let page = page_for(path);
    if page == "index.html" {
        if let Some(html) = super::first_screen::page(&store, &dist, path).await {
            // Compressed as the API's answers are (the app's files are precompressed).
            let answer = tower::service_fn(move |_: Request| {
                let html = html.clone();
                async move {
                    Ok::<_, std::convert::Infallible>(
                        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html)
                            .into_response(),
                    )
                }
            });
            return match super::compression().layer(answer).oneshot(req).await {
                Ok(res) => res.map(Body::new),
                Err(never) => match never {},
            };
        }
    }
    match ServeFile::new(dist.join(page))
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(req)
        .await
    {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    }
}

/// Hashed asset names look like `app-0123456789abcdef.wasm`.
fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Caching and security headers for every answer.
pub async fn headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let ok = res.status().is_success();
    let h = res.headers_mut();
    let cache = if path.starts_with("/api/") || path == "/api" {
        "no-store"
    } else if is_hashed_asset(&path)
        // Only the file itself never changes: a 404 for a hashed name (a chunk not deployed
        // yet) must not stick in browsers for a year.
        && ok
        && h.get(header::CONTENT_TYPE)
            .is_some_and(|v| v != "text/html")
    {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        CONTENT_SECURITY_POLICY.clone(),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn staff_routes_get_the_staff_page() {
        assert_eq!(super::page_for("/moderation"), "moderation.html");
        assert_eq!(super::page_for("/moderation/protokoll"), "moderation.html");
        assert_eq!(super::page_for("/moderationen"), "index.html");
        assert_eq!(super::page_for("/ideen/x"), "index.html");
    }

    #[test]
    fn recognises_hashed_assets() {
        assert!(is_hashed_asset("/app-0123456789abcdef.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css.br"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/themes/abc"));
    }
}

//! The built app in `dist/`: precompressed files, caching rules, SPA fallback, security headers.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Strict CSP the app works under: only same-origin resources; wasm compilation is the one
/// relaxation (`'wasm-unsafe-eval'`); no inline scripts or styles.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub fn service(dist: PathBuf) -> axum::routing::MethodRouter {
    let index = dist.join("index.html");
    let files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::routing::get(move |req: Request| {
            spa_fallback(index.clone(), req)
        }));
    axum::routing::get_service(files)
}

/// App routes (no file extension) get `index.html`; missing files get a real 404 so a stale
/// asset is never answered with HTML.
async fn spa_fallback(index: PathBuf, req: Request) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match ServeFile::new(index)
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
    let h = res.headers_mut();
    let cache = if path.starts_with("/api/") || path == "/api" {
        "no-store"
    } else if is_hashed_asset(&path)
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
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
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
    fn recognises_hashed_assets() {
        assert!(is_hashed_asset("/app-0123456789abcdef.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css.br"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/themes/abc"));
    }
}

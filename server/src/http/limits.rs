//! Rate limits (tower_governor): sign-in attempts strictly, writes generously, both per client
//! address. Behind a reverse proxy (`--trust-proxy`) the address comes from `X-Forwarded-For`
//! (the proxy must overwrite it), else from the TCP peer. Over the limit: 429 `rate_limited`.

use super::error::ApiError;
use axum::body::Body;
use axum::http::{Method, Request, Response};
use axum::response::IntoResponse;
use std::net::IpAddr;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};
use tower_governor::{GovernorError, GovernorLayer};
use werkstadt_domain::ErrorCode;

#[derive(Clone, Copy, Debug)]
pub struct ClientIp {
    pub trust_proxy: bool,
}

impl KeyExtractor for ClientIp {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        if self.trust_proxy {
            SmartIpKeyExtractor.extract(req)
        } else {
            PeerIpKeyExtractor.extract(req)
        }
    }
}

type Layer = GovernorLayer<
    ClientIp,
    governor::middleware::NoOpMiddleware<governor::clock::QuantaInstant>,
    Body,
>;

fn layer(key: ClientIp, every_ms: u64, burst: u32, methods: Option<Vec<Method>>) -> Layer {
    let mut builder = GovernorConfigBuilder::default().key_extractor(key);
    builder.per_millisecond(every_ms).burst_size(burst);
    if let Some(m) = methods {
        builder.methods(m);
    }
    // The builder only fails for a zero period or burst; these are constants above zero.
    let config = builder
        .finish()
        .unwrap_or_else(|| unreachable!("non-zero quota"));
    GovernorLayer::new(config).error_handler(|e| -> Response<Body> {
        match e {
            GovernorError::TooManyRequests { wait_time, .. } => ApiError::client(
                ErrorCode::RateLimited,
                format!("Too many requests. Please wait {wait_time} s."),
            ),
            _ => ApiError::Internal(format!("rate limiter: {e}")),
        }
        .into_response()
    })
}

/// Sign-in: 5 attempts at once, then one every 12 seconds.
pub fn login(key: ClientIp) -> Layer {
    layer(key, 12_000, 5, None)
}

/// Writes: bursts of `burst` (default 300: a workshop behind one address), then 30 per second.
pub fn writes(key: ClientIp, burst: std::num::NonZeroU32) -> Layer {
    layer(
        key,
        33,
        burst.get(),
        Some(vec![
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ]),
    )
}

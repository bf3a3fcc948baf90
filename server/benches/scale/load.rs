//! A small HTTP load generator: a fixed number of kept-alive HTTP/1.1 connections, each
//! sending its next request as soon as the answer to the last one is read (a closed loop,
//! like wrk), for a fixed time after a warm-up; latencies of the measured window.

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Stats {
    pub errors: usize,
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Runs `connections` connections against `paths` (taken in turn) for `warmup` + `measure`,
/// with `accept_encoding` when given.
pub async fn run(
    addr: SocketAddr,
    paths: Arc<Vec<String>>,
    accept_encoding: Option<&'static str>,
    connections: usize,
    warmup: Duration,
    measure: Duration,
) -> Stats {
    let from = Instant::now() + warmup;
    let until = from + measure;
    let tasks: Vec<_> = (0..connections)
        .map(|c| {
            let paths = Arc::clone(&paths);
            tokio::spawn(
                async move { connection(addr, &paths, accept_encoding, c, from, until).await },
            )
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("load task");
        latencies.extend(l);
        errors += e;
    }
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(f64::NAN, |us| f64::from(*us) / 1000.0)
    };
    Stats {
        errors,
        per_sec: latencies.len() as f64 / measure.as_secs_f64(),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
    }
}

/// One connection's loop: latencies in µs of answers started in the measured window, errors.
async fn connection(
    addr: SocketAddr,
    paths: &[String],
    accept_encoding: Option<&'static str>,
    offset: usize,
    from: Instant,
    until: Instant,
) -> (Vec<u32>, usize) {
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut n = offset;
    'reconnect: while Instant::now() < until {
        let Ok(stream) = tokio::net::TcpStream::connect(addr).await else {
            errors += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let Ok((mut send, conn)) = http1::handshake(TokioIo::new(stream)).await else {
            errors += 1;
            continue;
        };
        tokio::spawn(conn);
        while Instant::now() < until {
            n += 1;
            let mut req =
                hyper::Request::get(&paths[n % paths.len()]).header("host", addr.to_string());
            if let Some(encoding) = accept_encoding {
                req = req.header("accept-encoding", encoding);
            }
            let req = req.body(Empty::<Bytes>::new()).expect("request");
            let started = Instant::now();
            let ok = match send.send_request(req).await {
                Ok(res) => {
                    let status = res.status();
                    res.into_body().collect().await.is_ok() && status.is_success()
                }
                Err(_) => false,
            };
            if started >= from && Instant::now() <= until + Duration::from_secs(1) {
                if ok {
                    let us = started.elapsed().as_micros();
                    latencies.push(u32::try_from(us).unwrap_or(u32::MAX));
                } else {
                    errors += 1;
                }
            }
            if !ok {
                continue 'reconnect;
            }
        }
    }
    (latencies, errors)
}

/// One GET on a new connection: status and the body's size on the wire.
pub async fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> (u16, Bytes) {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let (mut send, conn) = http1::handshake(TokioIo::new(stream)).await.expect("http");
    tokio::spawn(conn);
    let mut req = hyper::Request::get(path).header("host", addr.to_string());
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = send
        .send_request(req.body(Empty::<Bytes>::new()).expect("request"))
        .await
        .expect("answer");
    let status = res.status().as_u16();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    (status, body)
}

//! Command line and environment configuration.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::num::{NonZeroU64, NonZeroUsize};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "werkstadt",
    version,
    about = "Offline-first citizen participation"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the app.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "WERKSTADT_LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        #[command(flatten)]
        config: ServeConfig,
    },
    /// Administration from the command line (e.g. the first admin account).
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Clone, Debug, clap::Args)]
pub struct ServeConfig {
    /// SQLite database file (created with its folder).
    #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
    pub db: PathBuf,
    /// Folder with the built app (index.html and hashed assets).
    #[arg(long, env = "WERKSTADT_DIST", default_value = "./dist")]
    pub dist: PathBuf,
    /// Seed a demo process (and the demo moderator) when the database is empty.
    #[arg(long, env = "WERKSTADT_DEMO")]
    pub demo: bool,
    /// Mark session cookies `Secure` (set this when the site is served over HTTPS; a proxy's
    /// `X-Forwarded-Proto: https` also does).
    #[arg(long, env = "WERKSTADT_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Behind a reverse proxy that overwrites `X-Forwarded-For`: rate-limit by that address.
    #[arg(long, env = "WERKSTADT_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Writes one client address may send at once before the steady limit (30 per second)
    /// applies. Raise it where many people share one address (a workshop venue's Wi-Fi).
    #[arg(long, env = "WERKSTADT_WRITE_BURST", default_value = "300")]
    pub write_burst: std::num::NonZeroU32,
    /// Most connections served at once (an open event stream is one); further ones are
    /// answered `503 busy` with `Retry-After` and closed. Default: what the open-files limit
    /// allows, at most 1024.
    #[arg(long, env = "WERKSTADT_MAX_CONNECTIONS")]
    pub max_connections: Option<NonZeroUsize>,
    /// Seconds a client may take to send a request's headers; also how long a kept-alive
    /// connection may sit idle between requests.
    #[arg(long, env = "WERKSTADT_HEADER_TIMEOUT_SECS", default_value = "10")]
    pub header_timeout_secs: NonZeroU64,
    /// Compact sync records (mutation results, private change-feed tombstones) older than this
    /// many days, at start and daily; 0 keeps them forever. Apps whose last sync is older start
    /// their replica over (keeping pending changes).
    #[arg(long, env = "WERKSTADT_RETENTION_DAYS", default_value_t = DEFAULT_RETENTION_DAYS)]
    pub retention_days: u32,
    /// The site's public address (e.g. `https://werkstadt.bielefeld.de`) that QR codes and
    /// printed links point to (join codes, participation-code sheets). Unset: `http://` and the
    /// listen address, which suits a local setup only.
    #[arg(long, env = "WERKSTADT_PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
}

/// An `http://` or `https://` address without a trailing slash.
fn parse_public_url(s: &str) -> Result<String, String> {
    let s = s.trim().trim_end_matches('/');
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or("the public URL starts with https:// or http://")?;
    if rest.is_empty()
        || rest
            .chars()
            .any(|c| c.is_whitespace() || "<>\"'?#".contains(c))
    {
        return Err("the public URL is an address such as https://werkstadt.example.org".into());
    }
    Ok(s.to_owned())
}

pub const DEFAULT_RETENTION_DAYS: u32 = 180;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a staff account. The password is read from the terminal (hidden) or, when
    /// piped, from the first line of standard input; never from a flag.
    CreateUser {
        /// `admin`, `moderator` or `expert` (a DigitalSupporter: scores the evaluation
        /// matrices they are invited to, nothing else).
        #[arg(long, value_parser = ["admin", "moderator", "expert"])]
        role: String,
        /// User name (3–40 of a–z, 0–9, '.', '_', '-').
        name: String,
        /// SQLite database file.
        #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
        db: PathBuf,
    },
    /// Write a consistent, verified copy of the database to PATH while the server runs
    /// (SQLite's online backup; written under a temporary name, renamed when complete).
    Backup {
        /// The backup file to write (an existing one is replaced).
        path: PathBuf,
        /// SQLite database file.
        #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
        db: PathBuf,
    },
    /// Replace the database of a stopped server with the backup at PATH (refused while a
    /// server runs on it). The restored database gets a new instance id: apps start their
    /// replica over and keep their pending changes.
    Restore {
        /// The backup file to restore.
        path: PathBuf,
        /// SQLite database file to replace.
        #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
        db: PathBuf,
    },
    /// Compact sync records older than the retention period now (`serve` does it daily).
    Compact {
        /// SQLite database file.
        #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
        db: PathBuf,
        /// Days to keep sync records; 0 keeps them forever.
        #[arg(long, env = "WERKSTADT_RETENTION_DAYS", default_value_t = DEFAULT_RETENTION_DAYS)]
        retention_days: u32,
    },
    /// Recount the tallies kept on write (supports, comments, ideas and dot points per theme,
    /// dot voters) from the votes and report any that differ; exits non-zero on drift. Safe
    /// beside a running server (the recount is one read snapshot).
    Check {
        /// SQLite database file.
        #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
        db: PathBuf,
    },
}

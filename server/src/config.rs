//! Command line and environment configuration.

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
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
}

#[derive(Clone, Debug, clap::Args)]
pub struct ServeConfig {
    /// SQLite database file (created with its folder).
    #[arg(long, env = "WERKSTADT_DB", default_value = "./data/werkstadt.db")]
    pub db: PathBuf,
    /// Folder with the built app (index.html and hashed assets).
    #[arg(long, env = "WERKSTADT_DIST", default_value = "./dist")]
    pub dist: PathBuf,
    /// Seed a demo process when the database is empty.
    #[arg(long, env = "WERKSTADT_DEMO")]
    pub demo: bool,
}

use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;
use werkstadt_server::config::{Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=warn")),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { listen, config } => {
            let listener = match tokio::net::TcpListener::bind(listen).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::error!(%listen, %e, "cannot listen");
                    return ExitCode::FAILURE;
                }
            };
            let addr = listener.local_addr().map_or(listen, |a| a);
            // Tests and scripts read this line to find the port.
            println!("werkstadt läuft auf http://{addr}/");
            if let Err(e) =
                werkstadt_server::launch(config, listener, werkstadt_server::shutdown_signal())
                    .await
            {
                tracing::error!(%e, "server stopped with an error");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
    }
}

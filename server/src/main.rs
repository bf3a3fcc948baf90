use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;
use werkstadt_server::config::{AdminCommand, Cli, Command};

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
            if let Err(e) =
                werkstadt_server::launch(config, listener, werkstadt_server::shutdown_signal())
                    .await
            {
                tracing::error!(%e, "server stopped with an error");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Command::Admin {
            command: AdminCommand::CreateUser { role, name, db },
        } => {
            let role = werkstadt_domain::staff::Role::parse(&role)
                .unwrap_or(werkstadt_domain::staff::Role::Moderator);
            let password = match read_password() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("werkstadt: {e}");
                    return ExitCode::FAILURE;
                }
            };
            match werkstadt_server::create_user(&db, role, &name, &password).await {
                Ok(()) => {
                    println!("Konto {name:?} ({}) angelegt.", role.as_str());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("werkstadt: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The new account's password: typed twice at a terminal (not echoed), else the first line
/// of standard input. Never a command-line flag (it would end up in shell history and `ps`).
fn read_password() -> Result<String, String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Passwort: ").map_err(|e| e.to_string())?;
        let again =
            rpassword::prompt_password("Passwort wiederholen: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("die Passwörter stimmen nicht überein".into());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

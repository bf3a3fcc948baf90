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
        Command::Admin { command } => match admin(command).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("werkstadt: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// `werkstadt admin …`: what it did on standard output, errors for `main` to print.
async fn admin(command: AdminCommand) -> Result<(), String> {
    use werkstadt_server::storage::{backup, restore};
    match command {
        AdminCommand::CreateUser { role, name, db } => {
            let role = werkstadt_domain::staff::Role::parse(&role)
                .unwrap_or(werkstadt_domain::staff::Role::Moderator);
            let password = read_password()?;
            werkstadt_server::create_user(&db, role, &name, &password)
                .await
                .map_err(|e| e.to_string())?;
            println!("Konto {name:?} ({}) angelegt.", role.as_str());
        }
        AdminCommand::Backup { path, db } => {
            let r = backup::backup(db, path).await.map_err(|e| e.to_string())?;
            println!(
                "Sicherung geschrieben: {} ({} Bytes, {} Ideen, head={}, instance={}, schema={}, integrity_check ok, {} ms)",
                r.path.display(),
                r.bytes,
                r.info.ideas,
                r.info.head,
                r.info.instance.as_deref().unwrap_or("-"),
                r.info.schema_version,
                r.elapsed.as_millis()
            );
        }
        AdminCommand::Restore { path, db } => {
            let r = restore::restore(path, db)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Wiederhergestellt: {} ({} Bytes, {} Ideen, head={}, schema {} -> {}, neue instance={})",
                r.path.display(),
                r.bytes,
                r.restored.ideas,
                r.restored.head,
                r.backup.schema_version,
                r.restored.schema_version,
                r.restored.instance.as_deref().unwrap_or("-")
            );
            println!("Apps laden ihre Daten beim nächsten Abgleich neu; nicht gesendete Änderungen bleiben erhalten.");
        }
        AdminCommand::Compact { db, retention_days } => {
            let r = werkstadt_server::compact(&db, retention_days)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "Kompaktiert (Aufbewahrung {retention_days} Tage, 0 = unbegrenzt): {} Mutationen, {} Feed-Einträge entfernt; horizon_seq={}, horizon_ms={}",
                r.mutations, r.feed_entries, r.horizon_seq, r.horizon_ms
            );
        }
        AdminCommand::Check { db } => {
            let r = werkstadt_server::check(&db)
                .await
                .map_err(|e| e.to_string())?;
            for d in &r.drift {
                println!("Abweichung: {d}");
            }
            if !r.drift.is_empty() {
                return Err(format!(
                    "{} von {} Zählständen weichen von der Nachzählung ab",
                    r.drift.len(),
                    r.checked
                ));
            }
            println!("{} Zählstände nachgezählt, keine Abweichung.", r.checked);
        }
    }
    Ok(())
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

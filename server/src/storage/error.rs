use thiserror::Error;

/// Errors of the storage layer. Knows nothing of HTTP; the HTTP layer maps them once.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no process exists")]
    NoProcess,
    #[error("unknown theme")]
    UnknownTheme,
    #[error("unknown idea")]
    UnknownIdea,
    #[error("the participant id is registered with a different secret")]
    WrongSecret,
    #[error("the id is already used for different content")]
    IdConflict,
    #[error("the ballot spends more points than the process allows")]
    DotBudgetExceeded,
    #[error("the ballot names a theme outside the current process")]
    ThemeNotInProcess,
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("io: {0}")]
    Io(String),
    #[error("a storage worker panicked: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("a storage lock was poisoned by a panic")]
    Poisoned,
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

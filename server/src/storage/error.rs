use thiserror::Error;
use werkstadt_domain::dots::DotError;
use werkstadt_domain::{ErrorCode, ValidationError};

/// Errors of the storage layer. Knows nothing of HTTP; the HTTP layer maps them once.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no process exists")]
    NoProcess,
    #[error("unknown process")]
    UnknownProcess,
    #[error("{}", phase_message(*.module, *.since, *.opens))]
    PhaseClosed {
        module: werkstadt_domain::setup::Module,
        since: Option<i64>,
        opens: Option<i64>,
    },
    /// Made while a workshop ran that does not offer this module (its participants may use
    /// only what it opens).
    #[error("{}", workshop_message(*.module))]
    WorkshopClosed {
        module: werkstadt_domain::setup::Module,
    },
    #[error("{0}")]
    Setup(#[from] werkstadt_domain::setup::SetupError),
    #[error("this field of action is retired: it takes no new ideas or dots")]
    ThemeRetired,
    #[error("the last field of action open for ideas cannot be retired")]
    LastOpenTheme,
    #[error("unknown theme")]
    UnknownTheme,
    #[error("unknown idea")]
    UnknownIdea,
    #[error("unknown comment")]
    UnknownComment,
    #[error("unknown project")]
    UnknownProject,
    #[error("this project has no such milestone")]
    UnknownMilestone,
    #[error("no such decision")]
    UnknownDecision,
    #[error("a project can only grow from published ideas")]
    IdeaNotPublished,
    #[error("this idea is part of another project already")]
    IdeaInProject,
    #[error("there is nothing (any more) to follow under this id")]
    UnknownTarget,
    #[error("{0}")]
    Project(#[from] werkstadt_domain::projects::ProjectError),
    #[error("{0}")]
    Matrix(#[from] werkstadt_domain::matrix::MatrixError),
    #[error("unknown evaluation matrix")]
    UnknownMatrix,
    #[error("you are not invited to score this matrix")]
    NotInvited,
    #[error("no active DigitalSupporter account with this id")]
    UnknownExpert,
    #[error(
        "this process already has {} DigitalSupporters",
        werkstadt_domain::matrix::EXPERTS_MAX
    )]
    ExpertLimit,
    #[error("no workshop with this id or join code")]
    UnknownWorkshop,
    #[error("{0}")]
    Workshop(#[from] werkstadt_domain::workshop::WorkshopError),
    #[error("the participant id is registered with a different secret")]
    WrongSecret,
    #[error("the id is already used for different content")]
    IdConflict,
    #[error("only the author may edit an idea")]
    NotAuthor,
    #[error("the ballot spends more points than the process allows")]
    DotBudgetExceeded,
    #[error("the ballot names a theme outside the current process")]
    ThemeNotInProcess,
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("{0}")]
    Dots(#[from] DotError),
    #[error("too many mutations in one push")]
    TooManyMutations,
    #[error("the cursor is ahead of the change feed")]
    UnknownCursor,
    /// The cursor is older than the compacted part of the change feed (see
    /// `storage::retention`): the client starts over like after a restored database.
    #[error("the change feed before this cursor was compacted: pull from 0")]
    CursorCompacted,
    #[error("{}", moderation_message(*.0))]
    Moderation(ErrorCode),
    #[error("{}", code_message(*.0))]
    Code(ErrorCode),
    #[error("{}", kiosk_message(*.0))]
    Kiosk(ErrorCode),
    #[error("this user name is taken")]
    UsernameTaken,
    #[error("unknown staff member")]
    UnknownStaff,
    #[error("the last active admin cannot be deactivated")]
    LastAdmin,
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database has schema version {found}, this release knows only {known}: use a newer werkstadt")]
    SchemaTooNew { found: usize, known: usize },
    #[error("io: {0}")]
    Io(String),
    /// Another process has the database open (restore needs it to itself).
    #[error("{0}")]
    InUse(String),
    /// A file that is not a werkstadt database (restore, backup).
    #[error("{0} is not a werkstadt database")]
    NotWerkstadt(String),
    /// A backup or restore that cannot go on (the message says why).
    #[error("{0}")]
    Backup(String),
    #[error("a storage worker panicked: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("a storage lock was poisoned by a panic")]
    Poisoned,
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// For errors caused by the request (not by storage): the stable code and a message for
    /// the user. A sync mutation failing this way is rejected for good.
    pub fn rejection(&self) -> Option<(ErrorCode, String)> {
        let code = match self {
            Self::NoProcess => ErrorCode::NotFound,
            Self::UnknownProcess => ErrorCode::UnknownProcess,
            Self::PhaseClosed { .. } => ErrorCode::PhaseClosed,
            Self::WorkshopClosed { .. } => ErrorCode::WorkshopClosed,
            Self::Setup(e) => e.code(),
            Self::ThemeRetired => ErrorCode::ThemeRetired,
            Self::LastOpenTheme => ErrorCode::LastOpenTheme,
            Self::UnknownTheme | Self::ThemeNotInProcess => ErrorCode::UnknownTheme,
            Self::UnknownIdea => ErrorCode::UnknownIdea,
            Self::UnknownComment | Self::UnknownMilestone | Self::UnknownDecision => {
                ErrorCode::NotFound
            }
            Self::UnknownProject => ErrorCode::UnknownProject,
            Self::IdeaNotPublished => ErrorCode::IdeaNotPublished,
            Self::IdeaInProject => ErrorCode::IdConflict,
            Self::UnknownTarget => ErrorCode::UnknownTarget,
            Self::Project(e) => e.code(),
            Self::Matrix(e) => e.code(),
            Self::UnknownMatrix => ErrorCode::UnknownMatrix,
            Self::NotInvited => ErrorCode::NotInvited,
            Self::UnknownExpert => ErrorCode::UnknownExpert,
            Self::ExpertLimit => ErrorCode::ExpertLimit,
            Self::UnknownWorkshop => ErrorCode::UnknownWorkshop,
            Self::Workshop(e) => e.code(),
            Self::WrongSecret => ErrorCode::WrongSecret,
            Self::IdConflict | Self::NotAuthor => ErrorCode::IdConflict,
            Self::DotBudgetExceeded => ErrorCode::DotBudgetExceeded,
            Self::Invalid(v) => v.code(),
            Self::Dots(d) => d.code(),
            Self::TooManyMutations => ErrorCode::TooManyMutations,
            Self::UnknownCursor | Self::CursorCompacted => ErrorCode::ResetRequired,
            Self::UsernameTaken => ErrorCode::UsernameTaken,
            Self::Moderation(code) | Self::Code(code) | Self::Kiosk(code) => *code,
            Self::UnknownStaff => ErrorCode::NotFound,
            Self::LastAdmin => ErrorCode::LastAdmin,
            _ => return None,
        };
        Some((code, self.to_string()))
    }

    /// SQLite was busy (another writer held the lock past the timeout): worth retrying.
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ))
    }
}

fn moderation_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::StaleState => {
            "This item was already decided (or the decision does not fit its state)."
        }
        ErrorCode::ReasonMissing => "A reason (or answer text) is required.",
        ErrorCode::ReasonTooLong => "The reason may have at most 1000 characters.",
        ErrorCode::ReasonInvalid => "The reason may not contain '<' or '>'.",
        ErrorCode::Forbidden => "Only staff may moderate.",
        _ => "This decision cannot be applied.",
    }
}

fn code_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CodeInvalid => "This is not a valid participation code.",
        ErrorCode::CodeUsed => "This participation code was already used.",
        ErrorCode::VerificationRequired => {
            "This process counts verified participants only: please redeem a participation code first."
        }
        _ => "This code cannot be used.",
    }
}

/// "The idea collection closed on 2027-06-30 (UTC)." The apps say it in the participant's
/// language and time zone from the process's phases in their replica.
fn module_name(module: werkstadt_domain::setup::Module) -> &'static str {
    use werkstadt_domain::setup::Module;
    match module {
        Module::Ideas => "The idea collection",
        Module::Supports => "Supporting ideas",
        Module::Dots => "Dot voting",
        Module::Comments => "Commenting",
    }
}

fn workshop_message(module: werkstadt_domain::setup::Module) -> String {
    format!(
        "{} is not offered at this workshop: while it runs, its participants may use only what it opens.",
        module_name(module)
    )
}

fn phase_message(
    module: werkstadt_domain::setup::Module,
    since: Option<i64>,
    opens: Option<i64>,
) -> String {
    use werkstadt_domain::setup::utc_date;
    let what = module_name(module);
    let date = |ms: i64| {
        let (y, m, d) = utc_date(ms);
        format!("{y:04}-{m:02}-{d:02}")
    };
    match (since, opens) {
        (_, Some(o)) => format!("{what} is not open now; it opens on {} (UTC).", date(o)),
        // The phase ended at `s`; its last day is the day before when it ends at midnight.
        (Some(s), None) => format!("{what} closed on {} (UTC).", date(s - 1)),
        (None, None) => format!("{what} is not open in this process."),
    }
}

fn kiosk_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::PairingCodeInvalid => {
            "This pairing code is not valid: check it, or ask for a new one."
        }
        ErrorCode::PairingCodeExpired => {
            "This pairing code has expired: make a new one in the staff app."
        }
        ErrorCode::KioskRevoked => "This kiosk was revoked by staff: pair the device again.",
        ErrorCode::NotKioskVisitor => "A kiosk may act only for the participants it created.",
        ErrorCode::RateLimited => {
            "This kiosk created too many participants in the last minute: please wait."
        }
        ErrorCode::NotFound => "No such kiosk.",
        _ => "Unknown kiosk credential.",
    }
}

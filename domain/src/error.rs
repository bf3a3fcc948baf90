//! Stable, machine-readable error codes shared by server and app.
//!
//! The server answers every error with `{"code": …, "message": …}`; the app shows a translated
//! text for the code and falls back to the server's message for codes it does not know.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    MalformedJson,
    PayloadTooLarge,
    UnsupportedMediaType,
    BadQuery,
    NotFound,
    UnknownTheme,
    UnknownIdea,
    TitleTooShort,
    TitleTooLong,
    TitleInvalid,
    BodyEmpty,
    BodyTooLong,
    BodyInvalid,
    AuthRequired,
    WrongSecret,
    DotBudgetExceeded,
    DotInvalid,
    IdConflict,
    CommentEmpty,
    CommentTooLong,
    CommentInvalid,
    TooManyMutations,
    /// The client speaks an older sync protocol: it must update itself.
    UpgradeRequired,
    /// The client's cursor is unknown to the server: drop the replica (never the outbox) and
    /// pull from 0.
    ResetRequired,
    /// A passing condition (database busy): retry the same request later.
    Busy,
    RateLimited,
    /// Staff sign-in failed. Deliberately the same whether the user exists or not.
    InvalidCredentials,
    /// This needs a signed-in staff member.
    StaffRequired,
    /// Signed in, but the role does not allow this.
    Forbidden,
    /// A cookie-authenticated write without the session's CSRF token.
    CsrfMismatch,
    UsernameInvalid,
    UsernameTaken,
    PasswordTooShort,
    PasswordTooLong,
    /// A moderation decision that no longer fits the item's state (someone decided first).
    StaleState,
    ReasonMissing,
    ReasonTooLong,
    ReasonInvalid,
    /// Not a participation code (mistyped, or never issued).
    CodeInvalid,
    /// This participation code was already used.
    CodeUsed,
    /// The process counts only verified participants: redeem a participation code first.
    VerificationRequired,
    Internal,
    /// A code this build does not know (a newer server).
    #[serde(other)]
    Unknown,
}

/// The JSON body of every error answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: String,
}

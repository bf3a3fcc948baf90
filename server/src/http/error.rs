//! The one HTTP error type. Every error answer is JSON `{"code", "message"}` with a stable
//! code; internal details are logged here and never sent.

use crate::storage::StoreError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use werkstadt_domain::dots::DotError;
use werkstadt_domain::error::ApiErrorBody;
use werkstadt_domain::{ErrorCode, ValidationError};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{1}")]
    Client(ErrorCode, String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn client(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Client(code, message.into())
    }

    fn status(code: ErrorCode) -> StatusCode {
        use ErrorCode::*;
        match code {
            MalformedJson | BadQuery => StatusCode::BAD_REQUEST,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            NotFound | UnknownTheme | UnknownIdea => StatusCode::NOT_FOUND,
            TitleTooShort | TitleTooLong | TitleInvalid | BodyEmpty | BodyTooLong | BodyInvalid
            | DotBudgetExceeded | DotInvalid | CommentEmpty | CommentTooLong | CommentInvalid
            | TextDirection | TextInvisible | TooManyMutations => StatusCode::UNPROCESSABLE_ENTITY,
            UpgradeRequired => StatusCode::UPGRADE_REQUIRED,
            ResetRequired => StatusCode::CONFLICT,
            Busy => StatusCode::SERVICE_UNAVAILABLE,
            AuthRequired | WrongSecret => StatusCode::UNAUTHORIZED,
            IdConflict => StatusCode::CONFLICT,
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            InvalidCredentials | StaffRequired => StatusCode::UNAUTHORIZED,
            Forbidden | CsrfMismatch => StatusCode::FORBIDDEN,
            UsernameInvalid | PasswordTooShort | PasswordTooLong | WrongPassword => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            UsernameTaken | StaleState | CodeUsed | LastAdmin => StatusCode::CONFLICT,
            MutationExpired => StatusCode::GONE,
            CodeInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            VerificationRequired => StatusCode::FORBIDDEN,
            UnknownProcess => StatusCode::NOT_FOUND,
            PhaseClosed | WorkshopClosed | ThemeRetired | LastOpenTheme => StatusCode::CONFLICT,
            DatesInvalid | PhasesOverlap | BudgetOutOfRange | LicenceInvalid => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ReasonMissing | ReasonTooLong | ReasonInvalid => StatusCode::UNPROCESSABLE_ENTITY,
            UnknownProject | UnknownTarget => StatusCode::NOT_FOUND,
            IdeaNotPublished => StatusCode::CONFLICT,
            MilestoneBeforeStart | DecisionIncomplete | LinkInvalid => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            UnknownMatrix | UnknownExpert | UnknownWorkshop => StatusCode::NOT_FOUND,
            ResetOutOfRange => StatusCode::UNPROCESSABLE_ENTITY,
            UnknownOption | UnknownCriterion | DuplicateEntry | MatrixTooLarge | ScaleInvalid
            | WeightOutOfRange | ScoreOutOfRange => StatusCode::UNPROCESSABLE_ENTITY,
            MatrixClosed | MatrixNotClosed | ExpertLimit => StatusCode::CONFLICT,
            NotInvited | NotKioskVisitor => StatusCode::FORBIDDEN,
            PairingCodeInvalid | PinInvalid | WrongPin => StatusCode::UNPROCESSABLE_ENTITY,
            PairingCodeExpired => StatusCode::GONE,
            KioskInvalid | KioskRevoked => StatusCode::UNAUTHORIZED,
            Internal | Unknown => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (code, message) = match self {
            Self::Client(code, message) => (code, message),
            Self::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    ErrorCode::Internal,
                    "Something went wrong on our side.".to_owned(),
                )
            }
        };
        (Self::status(code), Json(ApiErrorBody { code, message })).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if let Some((code, message)) = e.rejection() {
            return Self::Client(code, message);
        }
        if e.is_busy() {
            return Self::client(ErrorCode::Busy, "The server is busy. Please retry shortly.");
        }
        Self::Internal(e.to_string())
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        Self::client(e.code(), e.to_string())
    }
}

impl From<DotError> for ApiError {
    fn from(e: DotError) -> Self {
        Self::client(e.code(), e.to_string())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r.status() {
            StatusCode::PAYLOAD_TOO_LARGE => {
                Self::client(ErrorCode::PayloadTooLarge, "The request body is too large.")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::client(
                ErrorCode::UnsupportedMediaType,
                "Send JSON with Content-Type: application/json.",
            ),
            _ => Self::client(
                ErrorCode::MalformedJson,
                format!("Malformed JSON: {}", r.body_text()),
            ),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        Self::client(
            ErrorCode::NotFound,
            "No such resource (the id is not valid).",
        )
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::client(ErrorCode::BadQuery, format!("Bad query: {}", r.body_text()))
    }
}

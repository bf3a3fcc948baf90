//! Stable, machine-readable error codes shared by server and app.
//!
//! The server answers every error with `{"code": …, "message": …}`; the app shows a translated
//! text for the code and falls back to the server's message for codes it does not know.

use serde::{Deserialize, Serialize};

/// On the wire as its snake_case name. The web apps (wasm) use hand-written serde impls over
/// [`ErrorCode::wire_name`]: the derived ones cost them ~1 KiB; a test checks both agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(Serialize, Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// A text with a bidirectional override, embedding or isolate (it would display in
    /// another order than it reads).
    TextDirection,
    /// A text with nothing visible in it (only spaces or zero-width characters).
    TextInvisible,
    TooManyMutations,
    /// The client speaks an older sync protocol: it must update itself.
    UpgradeRequired,
    /// The client's cursor is unknown to the server: drop the replica (never the outbox) and
    /// pull from 0.
    ResetRequired,
    /// A mutation the server has no record of, made (by its UUIDv7 id) before the server's
    /// retention horizon: its record may have been compacted, so it is refused rather than
    /// risk applying it twice. Final, like every rejection.
    MutationExpired,
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
    /// The phase for this module is over (or has not begun): the process's timeline says when.
    PhaseClosed,
    /// Made in a running workshop that does not open this module: while it runs, the
    /// workshop's modules decide for its participants.
    WorkshopClosed,
    /// A date range is reversed, or a phase lies outside its process's dates.
    DatesInvalid,
    /// Two phases of a process overlap.
    PhasesOverlap,
    /// The dot budget is outside 1–20.
    BudgetOutOfRange,
    /// The field of action is retired: no new ideas or dots.
    ThemeRetired,
    /// The last field of action open for ideas cannot be retired.
    LastOpenTheme,
    /// No process with this id.
    UnknownProcess,
    /// The last active admin cannot be deactivated (nobody could manage staff any more).
    LastAdmin,
    /// Changing one's own password: the current password given is wrong.
    WrongPassword,
    /// No project with this id.
    UnknownProject,
    /// A project can only grow from published ideas (this one waits, was rejected, hidden or
    /// merged).
    IdeaNotPublished,
    /// A milestone due before its project starts.
    MilestoneBeforeStart,
    /// A committee decision without its body, date or outcome (or "other" without a name).
    DecisionIncomplete,
    /// A link that is not `https://` or `http://`, or longer than 500 characters.
    LinkInvalid,
    /// A data licence that is not an identifier such as `dl-de/by-2-0` or `CC-BY-4.0`.
    LicenceInvalid,
    /// Following something that does not exist (any more): an unknown project, field of
    /// action or idea, or an idea that is no longer public.
    UnknownTarget,
    /// No evaluation matrix with this id (or none the caller may see).
    UnknownMatrix,
    /// A matrix draft or sheet names an option the matrix does not have.
    UnknownOption,
    /// A matrix draft or sheet names a criterion the matrix does not have.
    UnknownCriterion,
    /// An option, criterion or scored cell given twice.
    DuplicateEntry,
    /// More options, criteria or notes per option than a matrix may have.
    MatrixTooLarge,
    /// A scale that does not run upwards within 0–10, or labels that do not fit its points.
    ScaleInvalid,
    /// A criterion's weight outside 1–10.
    WeightOutOfRange,
    /// A score outside the matrix's scale (also: a new scale that scores already given leave).
    ScoreOutOfRange,
    /// The matrix is closed or published: no more scores or changes.
    MatrixClosed,
    /// Only a closed matrix can be published.
    MatrixNotClosed,
    /// This DigitalSupporter is not invited to this matrix.
    NotInvited,
    /// No active DigitalSupporter account with this id.
    UnknownExpert,
    /// The process already has as many DigitalSupporters as it may (12).
    ExpertLimit,
    /// No workshop with this id or join code.
    UnknownWorkshop,
    /// A kiosk's inactivity reset outside 30–600 seconds.
    ResetOutOfRange,
    /// A kiosk pairing code that is not one of the open ones (mistyped, already used).
    PairingCodeInvalid,
    /// A kiosk pairing code whose 10 minutes have passed: staff make a new one.
    PairingCodeExpired,
    /// An exit PIN that is not 4 to 12 digits.
    PinInvalid,
    /// The exit PIN does not match the one set at pairing.
    WrongPin,
    /// Unknown kiosk credential (id or secret).
    KioskInvalid,
    /// The kiosk's credential was revoked by staff: pair the device again.
    KioskRevoked,
    /// A kiosk acting for a participant it did not create.
    NotKioskVisitor,
    Internal,
    /// A code this build does not know (a newer server).
    #[cfg_attr(not(target_arch = "wasm32"), serde(other))]
    Unknown,
}

/// Every code but `Unknown` with its wire name.
const WIRE_NAMES: &[(ErrorCode, &str)] = &[
    (ErrorCode::MalformedJson, "malformed_json"),
    (ErrorCode::PayloadTooLarge, "payload_too_large"),
    (ErrorCode::UnsupportedMediaType, "unsupported_media_type"),
    (ErrorCode::BadQuery, "bad_query"),
    (ErrorCode::NotFound, "not_found"),
    (ErrorCode::UnknownTheme, "unknown_theme"),
    (ErrorCode::UnknownIdea, "unknown_idea"),
    (ErrorCode::TitleTooShort, "title_too_short"),
    (ErrorCode::TitleTooLong, "title_too_long"),
    (ErrorCode::TitleInvalid, "title_invalid"),
    (ErrorCode::BodyEmpty, "body_empty"),
    (ErrorCode::BodyTooLong, "body_too_long"),
    (ErrorCode::BodyInvalid, "body_invalid"),
    (ErrorCode::AuthRequired, "auth_required"),
    (ErrorCode::WrongSecret, "wrong_secret"),
    (ErrorCode::DotBudgetExceeded, "dot_budget_exceeded"),
    (ErrorCode::DotInvalid, "dot_invalid"),
    (ErrorCode::IdConflict, "id_conflict"),
    (ErrorCode::CommentEmpty, "comment_empty"),
    (ErrorCode::CommentTooLong, "comment_too_long"),
    (ErrorCode::CommentInvalid, "comment_invalid"),
    (ErrorCode::TextDirection, "text_direction"),
    (ErrorCode::TextInvisible, "text_invisible"),
    (ErrorCode::TooManyMutations, "too_many_mutations"),
    (ErrorCode::UpgradeRequired, "upgrade_required"),
    (ErrorCode::ResetRequired, "reset_required"),
    (ErrorCode::MutationExpired, "mutation_expired"),
    (ErrorCode::Busy, "busy"),
    (ErrorCode::RateLimited, "rate_limited"),
    (ErrorCode::InvalidCredentials, "invalid_credentials"),
    (ErrorCode::StaffRequired, "staff_required"),
    (ErrorCode::Forbidden, "forbidden"),
    (ErrorCode::CsrfMismatch, "csrf_mismatch"),
    (ErrorCode::UsernameInvalid, "username_invalid"),
    (ErrorCode::UsernameTaken, "username_taken"),
    (ErrorCode::PasswordTooShort, "password_too_short"),
    (ErrorCode::PasswordTooLong, "password_too_long"),
    (ErrorCode::StaleState, "stale_state"),
    (ErrorCode::ReasonMissing, "reason_missing"),
    (ErrorCode::ReasonTooLong, "reason_too_long"),
    (ErrorCode::ReasonInvalid, "reason_invalid"),
    (ErrorCode::CodeInvalid, "code_invalid"),
    (ErrorCode::CodeUsed, "code_used"),
    (ErrorCode::VerificationRequired, "verification_required"),
    (ErrorCode::PhaseClosed, "phase_closed"),
    (ErrorCode::WorkshopClosed, "workshop_closed"),
    (ErrorCode::DatesInvalid, "dates_invalid"),
    (ErrorCode::PhasesOverlap, "phases_overlap"),
    (ErrorCode::BudgetOutOfRange, "budget_out_of_range"),
    (ErrorCode::ThemeRetired, "theme_retired"),
    (ErrorCode::LastOpenTheme, "last_open_theme"),
    (ErrorCode::UnknownProcess, "unknown_process"),
    (ErrorCode::LastAdmin, "last_admin"),
    (ErrorCode::WrongPassword, "wrong_password"),
    (ErrorCode::UnknownProject, "unknown_project"),
    (ErrorCode::IdeaNotPublished, "idea_not_published"),
    (ErrorCode::MilestoneBeforeStart, "milestone_before_start"),
    (ErrorCode::DecisionIncomplete, "decision_incomplete"),
    (ErrorCode::LinkInvalid, "link_invalid"),
    (ErrorCode::UnknownTarget, "unknown_target"),
    (ErrorCode::LicenceInvalid, "licence_invalid"),
    (ErrorCode::UnknownMatrix, "unknown_matrix"),
    (ErrorCode::UnknownOption, "unknown_option"),
    (ErrorCode::UnknownCriterion, "unknown_criterion"),
    (ErrorCode::DuplicateEntry, "duplicate_entry"),
    (ErrorCode::MatrixTooLarge, "matrix_too_large"),
    (ErrorCode::ScaleInvalid, "scale_invalid"),
    (ErrorCode::WeightOutOfRange, "weight_out_of_range"),
    (ErrorCode::ScoreOutOfRange, "score_out_of_range"),
    (ErrorCode::MatrixClosed, "matrix_closed"),
    (ErrorCode::MatrixNotClosed, "matrix_not_closed"),
    (ErrorCode::NotInvited, "not_invited"),
    (ErrorCode::UnknownExpert, "unknown_expert"),
    (ErrorCode::ExpertLimit, "expert_limit"),
    (ErrorCode::UnknownWorkshop, "unknown_workshop"),
    (ErrorCode::ResetOutOfRange, "reset_out_of_range"),
    (ErrorCode::PairingCodeInvalid, "pairing_code_invalid"),
    (ErrorCode::PairingCodeExpired, "pairing_code_expired"),
    (ErrorCode::PinInvalid, "pin_invalid"),
    (ErrorCode::WrongPin, "wrong_pin"),
    (ErrorCode::KioskInvalid, "kiosk_invalid"),
    (ErrorCode::KioskRevoked, "kiosk_revoked"),
    (ErrorCode::NotKioskVisitor, "not_kiosk_visitor"),
    (ErrorCode::Internal, "internal"),
];

impl ErrorCode {
    /// The name on the wire (`unknown` for [`ErrorCode::Unknown`]).
    pub fn wire_name(self) -> &'static str {
        WIRE_NAMES
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("unknown", |(_, n)| n)
    }

    /// The code of a wire name; [`ErrorCode::Unknown`] for names this build does not know.
    pub fn from_wire(name: &str) -> Self {
        WIRE_NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map_or(Self::Unknown, |(c, _)| *c)
    }
}

#[cfg(target_arch = "wasm32")]
impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.wire_name())
    }
}

#[cfg(target_arch = "wasm32")]
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|name| Self::from_wire(&name))
    }
}

/// The JSON body of every error answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The web apps' hand-written names are exactly the derived serde names.
    #[test]
    fn wire_names_agree_with_serde() {
        for (code, name) in WIRE_NAMES {
            assert_eq!(
                serde_json::to_value(code).ok(),
                Some(serde_json::json!(name))
            );
            assert_eq!(ErrorCode::from_wire(name), *code);
        }
        assert_eq!(WIRE_NAMES.len(), 84);
        assert_eq!(
            ErrorCode::from_wire("from_a_newer_server"),
            ErrorCode::Unknown
        );
        assert_eq!(
            serde_json::from_str::<ErrorCode>("\"from_a_newer_server\"").ok(),
            Some(ErrorCode::Unknown)
        );
    }
}

//! The texts of the server's error codes and of invalid input, in German and English: a table
//! of their own, read only by the lazily loaded pages (forms, the notice of refused changes),
//! so the splitter keeps them out of the start page's first route. The first route words only
//! what it can meet itself (no connection, storage, an outdated app).

use super::{I18n, Lang};
use werkstadt_domain::{ErrorCode, ValidationError};

pub struct ErrorTexts {
    pub err_title_too_short: &'static str,
    pub err_title_too_long: &'static str,
    pub err_title_invalid: &'static str,
    pub err_body_empty: &'static str,
    pub err_body_too_long: &'static str,
    pub err_body_invalid: &'static str,
    pub err_not_found: &'static str,
    pub err_dot_budget: &'static str,
    pub err_auth: &'static str,
    pub err_conflict: &'static str,
    pub err_too_many: &'static str,
    pub err_generic: &'static str,
    pub err_comment_empty: &'static str,
    pub err_comment_too_long: &'static str,
    pub err_comment_invalid: &'static str,
    pub err_text_direction: &'static str,
    pub err_text_invisible: &'static str,
    pub err_browser: &'static str,
    pub err_reason: &'static str,
    pub err_code_invalid: &'static str,
    pub err_code_used: &'static str,
    pub err_verification: &'static str,
    pub err_mutation_expired: &'static str,
    pub err_phase_closed: &'static str,
    pub err_workshop_closed: &'static str,
    pub err_theme_retired: &'static str,
}

impl ErrorTexts {
    /// The text for an error code; `None` for codes without a translation (show the server's
    /// message then).
    pub fn error(&self, code: ErrorCode) -> Option<&'static str> {
        use ErrorCode::*;
        Some(match code {
            TitleTooShort => self.err_title_too_short,
            TitleTooLong => self.err_title_too_long,
            TitleInvalid => self.err_title_invalid,
            BodyEmpty => self.err_body_empty,
            BodyTooLong => self.err_body_too_long,
            BodyInvalid => self.err_body_invalid,
            NotFound | UnknownTheme | UnknownIdea => self.err_not_found,
            DotBudgetExceeded | DotInvalid => self.err_dot_budget,
            AuthRequired | WrongSecret => self.err_auth,
            IdConflict => self.err_conflict,
            RateLimited => self.err_too_many,
            Internal => self.err_generic,
            CommentEmpty => self.err_comment_empty,
            CommentTooLong => self.err_comment_too_long,
            CommentInvalid => self.err_comment_invalid,
            TextDirection => self.err_text_direction,
            TextInvisible => self.err_text_invisible,
            ReasonMissing | ReasonTooLong | ReasonInvalid => self.err_reason,
            CodeInvalid => self.err_code_invalid,
            CodeUsed => self.err_code_used,
            VerificationRequired => self.err_verification,
            MutationExpired => self.err_mutation_expired,
            PhaseClosed => self.err_phase_closed,
            WorkshopClosed => self.err_workshop_closed,
            ThemeRetired => self.err_theme_retired,
            UnknownProcess => self.err_not_found,
            MalformedJson | PayloadTooLarge | UnsupportedMediaType | BadQuery
            | TooManyMutations | UpgradeRequired | ResetRequired | Busy | InvalidCredentials
            | StaffRequired | Forbidden | CsrfMismatch | UsernameInvalid | UsernameTaken
            | PasswordTooShort | PasswordTooLong | StaleState | DatesInvalid | PhasesOverlap
            | BudgetOutOfRange | LastOpenTheme | LastAdmin | WrongPassword | UnknownProject
            | IdeaNotPublished | MilestoneBeforeStart | DecisionIncomplete | LinkInvalid
            | UnknownTarget | LicenceInvalid | UnknownMatrix | UnknownOption | UnknownCriterion
            | DuplicateEntry | MatrixTooLarge | ScaleInvalid | WeightOutOfRange
            | ScoreOutOfRange | MatrixClosed | MatrixNotClosed | NotInvited | UnknownExpert
            | ExpertLimit | UnknownWorkshop | ResetOutOfRange | PairingCodeInvalid
            | PairingCodeExpired | PinInvalid | WrongPin | KioskInvalid | KioskRevoked
            | NotKioskVisitor | Unknown => return None,
        })
    }

    pub fn validation(&self, e: ValidationError) -> &'static str {
        self.error(e.code()).unwrap_or(self.err_generic)
    }
}

pub static DE: ErrorTexts = ErrorTexts {
    err_title_too_short: "Der Titel braucht mindestens 5 Zeichen.",
    err_title_too_long: "Der Titel darf höchstens 120 Zeichen haben.",
    err_title_invalid: "Der Titel muss eine einzelne Zeile ohne Steuerzeichen sein.",
    err_body_empty: "Bitte beschreiben Sie Ihre Idee.",
    err_body_too_long: "Die Beschreibung darf höchstens 2.000 Zeichen haben.",
    err_body_invalid: "Die Beschreibung enthält unzulässige Steuerzeichen.",
    err_not_found: "Das gesuchte Element gibt es nicht (mehr).",
    err_dot_budget: "Das sind mehr Punkte, als Ihnen in diesem Prozess zur Verfügung stehen.",
    err_auth: "Ihre Kennung auf diesem Gerät passt nicht. Bitte laden Sie die Seite neu.",
    err_conflict: "Diese Idee wurde bereits mit anderem Inhalt gespeichert.",
    err_too_many: "Zu viele Anfragen. Bitte warten Sie einen Moment.",
    err_generic: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    err_comment_empty: "Bitte schreiben Sie einen Kommentar.",
    err_comment_too_long: "Der Kommentar ist zu lang (höchstens 1000 Zeichen).",
    err_comment_invalid: "Der Kommentar enthält unzulässige Zeichen.",
    err_text_direction: "Der Text enthält Zeichen, die die Schreibrichtung umkehren. Bitte entfernen Sie sie.",
    err_text_invisible: "Der Text enthält keine sichtbaren Zeichen.",
    err_browser: "Dieser Browser kann das nicht (es fehlt eine sichere Zufallsquelle oder das Speichern von Dateien). Bitte nutzen Sie einen aktuellen Browser.",
    err_reason: "Bitte einen Grund angeben (höchstens 1000 Zeichen, ohne < und >).",
    err_code_invalid: "Dieser Code ist nicht gültig. Bitte prüfen Sie die Eingabe.",
    err_code_used: "Dieser Code wurde schon eingelöst.",
    err_verification: "Hier zählen nur verifizierte Stimmen: bitte zuerst einen Teilnahmecode einlösen.",
    err_mutation_expired: "Diese Änderung ist älter als die Aufbewahrungsfrist des Servers und wurde nicht übernommen. Bitte noch einmal ausführen.",
    err_phase_closed: "Dieser Beteiligungsschritt ist derzeit geschlossen.",
    err_workshop_closed: "Diesen Beteiligungsschritt bietet die Veranstaltung, an der Sie teilnehmen, nicht an.",
    err_theme_retired: "Dieses Handlungsfeld ist abgeschlossen und nimmt keine neuen Ideen oder Punkte an.",
};

pub static EN: ErrorTexts = ErrorTexts {
    err_title_too_short: "The title needs at least 5 characters.",
    err_title_too_long: "The title may have at most 120 characters.",
    err_title_invalid: "The title must be a single line without control characters.",
    err_body_empty: "Please describe your idea.",
    err_body_too_long: "The description may have at most 2,000 characters.",
    err_body_invalid: "The description contains control characters.",
    err_not_found: "The requested item does not exist (any more).",
    err_dot_budget: "That is more points than this process gives you.",
    err_auth: "Your identity on this device does not match. Please reload the page.",
    err_conflict: "This idea was already saved with different content.",
    err_too_many: "Too many requests. Please wait a moment.",
    err_generic: "Something went wrong. Please try again.",
    err_comment_empty: "Please write a comment.",
    err_comment_too_long: "The comment is too long (at most 1000 characters).",
    err_comment_invalid: "The comment contains characters that are not allowed.",
    err_text_direction: "The text contains characters that reverse the writing direction. Please remove them.",
    err_text_invisible: "The text has no visible characters.",
    err_browser: "This browser cannot do this (it lacks a secure random source or saving files). Please use a current browser.",
    err_reason: "Please give a reason (at most 1000 characters, no < or >).",
    err_code_invalid: "This code is not valid. Please check what you typed.",
    err_code_used: "This code has already been used.",
    err_verification: "Only verified votes count here: please redeem a participation code first.",
    err_mutation_expired: "This change is older than the server keeps records and was not applied. Please make it again.",
    err_phase_closed: "This step of the participation is closed right now.",
    err_workshop_closed: "The workshop you are taking part in does not offer this step of the participation.",
    err_theme_retired: "This field of action is closed and takes no new ideas or points.",
};

/// The error texts in the current language (reactive).
pub fn et(i18n: I18n) -> &'static ErrorTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

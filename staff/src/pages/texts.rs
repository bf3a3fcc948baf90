//! The texts of the lazily loaded sections (sign-in, comments, reports, audit log, settings,
//! the queue's action panels), in German and English: a table of their own, used only by the
//! sections' code, so the splitter moves it out of the queue's first route.

use crate::i18n::{texts, use_i18n, I18n, Lang};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

texts! { SectionTexts, DE, EN;
    err_stale: "Wurde inzwischen anders entschieden.", "Was decided differently in the meantime.";
    err_unknown_idea: "Die Idee gibt es nicht (mehr).", "This idea does not exist (any more).";
    err_forbidden: "Dafür fehlt die Berechtigung.", "You are not allowed to do this.";
    err_text_direction: "Der Text enthält Zeichen, die die Schreibrichtung umkehren. Bitte entfernen Sie sie.", "The text contains characters that reverse the writing direction. Please remove them.";
    err_text_invisible: "Der Text enthält keine sichtbaren Zeichen.", "The text has no visible characters.";
    rate_limited: "Zu viele Versuche. Bitte kurz warten.", "Too many attempts. Please wait a moment.";
    not_applied: "Nicht übernommen", "Not applied";
    dismiss: "Ausblenden", "Dismiss";
    others_waiting: "{n} Entscheidungen von {m} warten auf diesem Gerät, bis {m} sich wieder anmeldet.", "{n} decisions by {m} wait on this device until {m} signs in again.";
    discard_others: "{n} Entscheidungen von {m} verwerfen", "Discard {n} decisions by {m}";
    login_failed: "Benutzername oder Passwort ist falsch.", "User name or password is wrong.";
    err_dates: "Die Daten passen nicht: das Ende liegt vor dem Beginn oder eine Phase außerhalb des Prozesses.", "The dates do not fit: an end before its start, or a phase outside the process.";
    err_overlap: "Zwei Phasen überschneiden sich.", "Two phases overlap.";
    err_budget: "Die Punkte je Person müssen zwischen 1 und 20 liegen.", "Points per person must be between 1 and 20.";
    err_last_theme: "Das letzte offene Handlungsfeld kann nicht abgeschlossen werden.", "The last open field of action cannot be closed.";
    err_title_short: "Der Titel braucht mindestens 3 Zeichen.", "The title needs at least 3 characters.";
    err_last_admin: "Die letzte aktive Administration kann nicht deaktiviert werden.", "The last active admin cannot be deactivated.";
    err_wrong_password: "Das aktuelle Passwort stimmt nicht.", "The current password is wrong.";
    err_password_length: "Passwörter brauchen 12 bis 200 Zeichen.", "Passwords need 12 to 200 characters.";
    err_network: "Keine Verbindung zum Server.", "No connection to the server.";
    err_storage: "Auf diesem Gerät kann nichts gespeichert werden (privater Modus oder Speicher voll).", "Nothing can be stored on this device (private mode or storage full).";
    err_browser: "Dieser Browser kann das nicht. Bitte nutzen Sie einen aktuellen Browser.", "This browser cannot do this. Please use a current browser.";
    login_heading: "Anmeldung für das Team", "Staff sign-in";
    login_intro: "Für Mitarbeitende des Digitalisierungsbüros. Teilnehmende brauchen keine Anmeldung.", "For staff of the Digitalisierungsbüro. Participants do not need to sign in.";
    sign_in: "Anmelden", "Sign in";
    offline_login: "Keine Verbindung: Anmelden geht nur online.", "No connection: signing in needs the network.";
    cancel: "Abbrechen", "Cancel";
    confirm_reject: "Ablehnen bestätigen", "Confirm rejection";
    confirm_hide: "Verbergen bestätigen", "Confirm hiding";
    move_to: "Neues Handlungsfeld", "New field of action";
    confirm_move: "Hierhin verschieben", "Move here";
    merge_search: "Idee suchen, in die zusammengeführt wird", "Find the idea to merge into";
    merge_into: "Hierin zusammenführen: {n}", "Merge into: {n}";
    merge_none: "Keine passende veröffentlichte Idee gefunden.", "No matching published idea found.";
    answer_status: "Stand", "Status";
    publish_answer: "Antwort veröffentlichen", "Publish answer";
    comments_heading: "Wartende Kommentare", "Waiting comments";
    on_idea: "zur Idee", "to the idea";
    reports_heading: "Offene Meldungen", "Open reports";
    reported_idea: "Gemeldete Idee", "Reported idea";
    reported_comment: "Gemeldeter Kommentar", "Reported comment";
    report_count: "{n}-mal gemeldet, zuerst am {m}", "Reported {n} times, first on {m}";
    report_reasons: "Gründe", "Reasons";
    audit_heading: "Protokoll aller Aktionen des Teams", "Log of every staff action";
    audit_csv: "Als CSV herunterladen", "Download as CSV";
    col_time: "Zeit", "Time";
    col_actor: "Wer", "Who";
    col_action: "Aktion", "Action";
    col_target: "Ziel", "Target";
    col_change: "Vorher → Nachher", "Before → after";
    settings_heading: "Einstellungen des Beteiligungsprozesses", "Process settings";
    mode_legend: "Moderation", "Moderation";
    mode_pre: "Vorab: neue Ideen und Kommentare warten auf Freigabe", "Before: new ideas and comments wait for approval";
    mode_post: "Nachträglich: sofort sichtbar, kann verborgen werden", "After: visible at once, can be hidden";
    verified_legend: "Abstimmungen", "Voting";
    verified_only: "Nur verifizierte Teilnehmende (mit Teilnahmecode) dürfen unterstützen und Punkte vergeben; nur ihre Stimmen zählen in den Ergebnissen", "Only verified participants (with a participation code) may support and place points; only their votes count in the results";
    saved: "Gespeichert.", "Saved.";
    codes_heading: "Teilnahmecodes", "Participation codes";
    codes_intro: "Einmal verwendbare Codes, z. B. für Briefe oder Workshops. Der Druckbogen öffnet sich in einem neuen Fenster; die Codes werden nur gehasht gespeichert und sind danach nicht mehr abrufbar.", "Single-use codes, e.g. for letters or workshops. The sheet opens in a new window; codes are stored hashed only and cannot be shown again.";
    codes_count: "Anzahl (1–500)", "Count (1–500)";
    codes_label: "Bezeichnung (z. B. Workshop 3. März)", "Label (e.g. workshop 3 March)";
    codes_create: "Druckbogen erzeugen", "Create printable sheet";
    codes_created: "{n} Codes erzeugt.", "{n} codes created.";
    staff_heading: "Team", "Staff";
    new_staff: "Neues Teammitglied", "New staff member";
    create: "Anlegen", "Create";
    staff_created: "Angelegt.", "Created.";
    account_inactive: "deaktiviert", "deactivated";
    deactivate: "Deaktivieren", "Deactivate";
    activate: "Aktivieren", "Activate";
    deactivate_named: "Deaktivieren: {n}", "Deactivate: {n}";
    activate_named: "Aktivieren: {n}", "Activate: {n}";
    deactivated_done: "{n} ist deaktiviert und abgemeldet.", "{n} is deactivated and signed out.";
    activated_done: "{n} ist wieder aktiv.", "{n} is active again.";
    reset_password: "Passwort zurücksetzen", "Reset password";
    reset_password_named: "Passwort zurücksetzen: {n}", "Reset password: {n}";
    reset_done: "Neues Passwort für {n} gesetzt; die Sitzungen von {n} sind beendet.", "New password set for {n}; the sessions of {n} have ended.";
    new_password: "Neues Passwort (12 bis 200 Zeichen)", "New password (12 to 200 characters)";
    current_password: "Aktuelles Passwort", "Current password";
    own_account: "Mein Konto", "My account";
    password_changed: "Passwort geändert. Ihre anderen Sitzungen sind beendet.", "Password changed. Your other sessions have ended.";
}

/// The sections' texts in the current language (reactive).
pub fn section_texts(i18n: I18n) -> &'static SectionTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A section's text, following a language switch (as `i18n::tr` for the shared texts).
pub fn st(
    text: fn(&'static SectionTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(section_texts(i18n))
}

/// Any error of the browser layer, in this language: the sections' reading of the codes their
/// forms meet (sign-in, dates and phases, accounts), else the app's (`Texts::error`).
pub fn client_error(i18n: I18n, e: &ClientError) -> String {
    let s = section_texts(i18n);
    match e {
        ClientError::Network => s.err_network.into(),
        ClientError::Storage => s.err_storage.into(),
        ClientError::Browser => s.err_browser.into(),
        ClientError::Api(b) => match b.code {
            ErrorCode::InvalidCredentials => s.login_failed.into(),
            ErrorCode::DatesInvalid => s.err_dates.into(),
            ErrorCode::PhasesOverlap => s.err_overlap.into(),
            ErrorCode::BudgetOutOfRange => s.err_budget.into(),
            ErrorCode::LastOpenTheme => s.err_last_theme.into(),
            ErrorCode::TitleTooShort => s.err_title_short.into(),
            ErrorCode::LastAdmin => s.err_last_admin.into(),
            ErrorCode::WrongPassword => s.err_wrong_password.into(),
            ErrorCode::PasswordTooShort | ErrorCode::PasswordTooLong => {
                s.err_password_length.into()
            }
            code => api_error(i18n, code, &b.message),
        },
    }
}

/// A server error on a decision, for the staff member: our own text for the codes a decision
/// meets, the server's message otherwise. The sections' forms add their own codes
/// ([`client_error`]).
pub fn api_error(i18n: I18n, code: ErrorCode, message: &str) -> String {
    let (t, s) = (i18n.t(), section_texts(i18n));
    match code {
        ErrorCode::StaleState => s.err_stale.into(),
        ErrorCode::UnknownIdea | ErrorCode::NotFound => s.err_unknown_idea.into(),
        ErrorCode::Forbidden => s.err_forbidden.into(),
        ErrorCode::TextDirection => s.err_text_direction.into(),
        ErrorCode::TextInvisible => s.err_text_invisible.into(),
        ErrorCode::ReasonMissing | ErrorCode::ReasonTooLong | ErrorCode::ReasonInvalid => {
            t.reason_required.into()
        }
        ErrorCode::RateLimited => s.rate_limited.into(),
        ErrorCode::StaffRequired | ErrorCode::AuthRequired | ErrorCode::CsrfMismatch => {
            t.session_expired.into()
        }
        _ => message.to_owned(),
    }
}

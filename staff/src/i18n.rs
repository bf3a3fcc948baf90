//! Every UI string of the staff app, in German (default) and English.
//!
//! `texts!` makes one struct with a field per text and the two tables: a text missing in one
//! language does not compile. `{n}` and `{m}` are placeholders filled by [`fill`].

use leptos::prelude::*;
use werkstadt_domain::moderation::{IdeaStatus, OfficialStatus};
use werkstadt_domain::staff::Role;
use werkstadt_domain::ErrorCode;

pub use werkstadt_web::lang::Lang;

macro_rules! texts {
    ($($field:ident: $de:literal, $en:literal;)*) => {
        pub struct Texts { $(pub $field: &'static str,)* }
        pub static DE: Texts = Texts { $($field: $de,)* };
        pub static EN: Texts = Texts { $($field: $en,)* };
    };
}

texts! {
    skip_link: "Zum Inhalt springen", "Skip to content";
    brand_tagline: "Moderation", "Moderation";
    lang_switch: "English", "Deutsch";
    lang_switch_label: "Switch to English", "Auf Deutsch umschalten";
    nav_label: "Moderationsbereiche", "Moderation areas";
    nav_ideas: "Ideen", "Ideas";
    nav_comments: "Kommentare", "Comments";
    nav_reports: "Meldungen", "Reports";
    nav_audit: "Protokoll", "Audit log";
    nav_settings: "Einstellungen", "Settings";
    to_public: "Zur Beteiligungsseite", "To the participation site";
    signed_in_as: "Angemeldet: {n} ({m})", "Signed in: {n} ({m})";
    sign_out: "Abmelden", "Sign out";
    waiting_counts: "Wartend: {n} Ideen, {m} Kommentare", "Waiting: {n} ideas, {m} comments";
    open_reports: "{n} offene Meldungen", "{n} open reports";
    login_heading: "Anmeldung für das Team", "Staff sign-in";
    login_intro: "Für Mitarbeitende des Digitalisierungsbüros. Teilnehmende brauchen keine Anmeldung.", "For staff of the Digitalisierungsbüro. Participants do not need to sign in.";
    username: "Benutzername", "User name";
    password: "Passwort", "Password";
    sign_in: "Anmelden", "Sign in";
    login_failed: "Benutzername oder Passwort ist falsch.", "User name or password is wrong.";
    rate_limited: "Zu viele Versuche. Bitte kurz warten.", "Too many attempts. Please wait a moment.";
    offline_login: "Keine Verbindung: Anmelden geht nur online.", "No connection: signing in needs the network.";
    online: "Verbunden", "Online";
    offline: "Offline – Entscheidungen werden gespeichert und später übertragen", "Offline – decisions are kept and sent later";
    outbox_waiting: "{n} Entscheidungen warten auf Übertragung", "{n} decisions waiting to be sent";
    outbox_empty: "Alle Entscheidungen übertragen", "All decisions sent";
    sync_now: "Jetzt übertragen", "Send now";
    session_expired: "Die Sitzung ist abgelaufen. Bitte neu anmelden – gespeicherte Entscheidungen bleiben erhalten.", "Your session has ended. Please sign in again – saved decisions are kept.";
    others_waiting: "{n} Entscheidungen von {m} warten auf diesem Gerät, bis {m} sich wieder anmeldet.", "{n} decisions by {m} wait on this device until {m} signs in again.";
    discard_others: "{n} Entscheidungen von {m} verwerfen", "Discard {n} decisions by {m}";
    not_applied: "Nicht übernommen", "Not applied";
    dismiss: "Ausblenden", "Dismiss";
    ideas_heading: "Ideen moderieren", "Moderate ideas";
    filter_label: "Filter", "Filter";
    field_status: "Status", "State";
    field_theme: "Handlungsfeld", "Field of action";
    all_themes: "Alle Handlungsfelder", "All fields of action";
    field_search: "Suche in Titel und Text", "Search title and text";
    apply_filter: "Anwenden", "Apply";
    status_pending: "Wartend", "Waiting";
    status_published: "Veröffentlicht", "Published";
    status_rejected: "Abgelehnt", "Rejected";
    status_hidden: "Verborgen", "Hidden";
    status_merged: "Zusammengeführt", "Merged";
    shortcuts: "Tastenkürzel: j/k nächster/voriger Eintrag, x auswählen, a freigeben, r ablehnen, h verbergen, m zusammenführen, / suchen.", "Shortcuts: j/k next/previous item, x select, a approve, r reject, h hide, m merge, / search.";
    select_all: "Alle auswählen", "Select all";
    select_item: "Auswählen: {n}", "Select: {n}";
    selected_count: "{n} ausgewählt", "{n} selected";
    bulk_label: "Mehrere auf einmal", "Several at once";
    bulk_approve: "Auswahl freigeben", "Approve selection";
    bulk_reject: "Auswahl ablehnen", "Reject selection";
    bulk_hide: "Auswahl verbergen", "Hide selection";
    reason: "Begründung (für die Verfasser sichtbar)", "Reason (shown to the authors)";
    reason_required: "Bitte eine Begründung angeben (höchstens 1000 Zeichen, ohne < und >).", "Please give a reason (at most 1000 characters, no < or >).";
    nothing_here: "Keine Einträge für diesen Filter.", "Nothing here for this filter.";
    loading: "Wird geladen …", "Loading …";
    err_text_direction: "Der Text enthält Zeichen, die die Schreibrichtung umkehren. Bitte entfernen Sie sie.", "The text contains characters that reverse the writing direction. Please remove them.";
    err_text_invisible: "Der Text enthält keine sichtbaren Zeichen.", "The text has no visible characters.";
    err_page_load: "Dieser Bereich konnte nicht geladen werden. Bitte prüfen Sie die Verbindung.", "This section could not be loaded. Please check the connection.";
    retry: "Erneut versuchen", "Try again";
    load_failed: "Konnte nicht geladen werden. Angezeigt wird der letzte Stand.", "Could not load. Showing the last known state.";
    submitted_at: "eingereicht am {n}", "submitted on {n}";
    supports: "{n} Unterstützungen", "{n} supports";
    approve: "Freigeben", "Approve";
    reject: "Ablehnen", "Reject";
    hide: "Verbergen", "Hide";
    move_idea: "Verschieben", "Move";
    merge: "Zusammenführen", "Merge";
    answer: "Offizielle Antwort", "Official answer";
    cancel: "Abbrechen", "Cancel";
    confirm_reject: "Ablehnen bestätigen", "Confirm rejection";
    confirm_hide: "Verbergen bestätigen", "Confirm hiding";
    move_to: "Neues Handlungsfeld", "New field of action";
    confirm_move: "Hierhin verschieben", "Move here";
    merge_search: "Idee suchen, in die zusammengeführt wird", "Find the idea to merge into";
    merge_into: "Hierin zusammenführen: {n}", "Merge into: {n}";
    merge_none: "Keine passende veröffentlichte Idee gefunden.", "No matching published idea found.";
    answer_status: "Stand", "Status";
    answer_text: "Antworttext", "Answer";
    publish_answer: "Antwort veröffentlichen", "Publish answer";
    decided_pending: "Entscheidung gespeichert – wird übertragen", "Decision saved – being sent";
    reason_shown: "Begründung: {n}", "Reason: {n}";
    merged_into: "Zusammengeführt mit einer anderen Idee", "Merged into another idea";
    official: "Offizielle Antwort ({n}): {m}", "Official answer ({n}): {m}";
    comments_heading: "Wartende Kommentare", "Waiting comments";
    on_idea: "zur Idee", "to the idea";
    reports_heading: "Offene Meldungen", "Open reports";
    reported_idea: "Gemeldete Idee", "Reported idea";
    reported_comment: "Gemeldeter Kommentar", "Reported comment";
    report_count: "{n}-mal gemeldet, zuerst am {m}", "Reported {n} times, first on {m}";
    report_reasons: "Gründe", "Reasons";
    dismiss_reports: "Kein Verstoß – Meldungen schließen", "No violation – close the reports";
    audit_heading: "Protokoll aller Aktionen des Teams", "Log of every staff action";
    audit_csv: "Als CSV herunterladen", "Download as CSV";
    col_time: "Zeit", "Time";
    col_actor: "Wer", "Who";
    col_action: "Aktion", "Action";
    col_target: "Ziel", "Target";
    col_change: "Vorher → Nachher", "Before → after";
    admins_only: "Nur für Administrator:innen.", "Admins only.";
    settings_heading: "Einstellungen des Beteiligungsprozesses", "Process settings";
    mode_legend: "Moderation", "Moderation";
    mode_pre: "Vorab: neue Ideen und Kommentare warten auf Freigabe", "Before: new ideas and comments wait for approval";
    mode_post: "Nachträglich: sofort sichtbar, kann verborgen werden", "After: visible at once, can be hidden";
    verified_legend: "Abstimmungen", "Voting";
    verified_only: "Nur verifizierte Teilnehmende (mit Teilnahmecode) dürfen unterstützen und Punkte vergeben; nur ihre Stimmen zählen in den Ergebnissen", "Only verified participants (with a participation code) may support and place points; only their votes count in the results";
    save: "Speichern", "Save";
    saved: "Gespeichert.", "Saved.";
    codes_heading: "Teilnahmecodes", "Participation codes";
    codes_intro: "Einmal verwendbare Codes, z. B. für Briefe oder Workshops. Der Druckbogen öffnet sich in einem neuen Fenster; die Codes werden nur gehasht gespeichert und sind danach nicht mehr abrufbar.", "Single-use codes, e.g. for letters or workshops. The sheet opens in a new window; codes are stored hashed only and cannot be shown again.";
    codes_count: "Anzahl (1–500)", "Count (1–500)";
    codes_label: "Bezeichnung (z. B. Workshop 3. März)", "Label (e.g. workshop 3 March)";
    codes_create: "Druckbogen erzeugen", "Create printable sheet";
    codes_created: "{n} Codes erzeugt.", "{n} codes created.";
    staff_heading: "Team", "Staff";
    new_staff: "Neues Teammitglied", "New staff member";
    role: "Rolle", "Role";
    role_moderator: "Moderation", "Moderator";
    role_admin: "Administration", "Admin";
    role_participant: "Teilnehmende", "Participant";
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
    change_password: "Passwort ändern", "Change password";
    password_changed: "Passwort geändert. Ihre anderen Sitzungen sind beendet.", "Password changed. Your other sessions have ended.";
    err_last_admin: "Die letzte aktive Administration kann nicht deaktiviert werden.", "The last active admin cannot be deactivated.";
    err_wrong_password: "Das aktuelle Passwort stimmt nicht.", "The current password is wrong.";
    err_password_length: "Passwörter brauchen 12 bis 200 Zeichen.", "Passwords need 12 to 200 characters.";
    err_network: "Keine Verbindung zum Server.", "No connection to the server.";
    err_storage: "Auf diesem Gerät kann nichts gespeichert werden (privater Modus oder Speicher voll).", "Nothing can be stored on this device (private mode or storage full).";
    err_browser: "Dieser Browser kann das nicht. Bitte nutzen Sie einen aktuellen Browser.", "This browser cannot do this. Please use a current browser.";
    err_stale: "Wurde inzwischen anders entschieden.", "Was decided differently in the meantime.";
    err_unknown_idea: "Die Idee gibt es nicht (mehr).", "This idea does not exist (any more).";
    err_forbidden: "Dafür fehlt die Berechtigung.", "You are not allowed to do this.";
    nav_process: "Prozess", "Process";
    process_heading: "Beteiligungsprozess einrichten", "Set up the participation process";
    process_choose: "Prozess", "Process";
    process_new_option: "Neuer Prozess …", "New process …";
    process_current_mark: "(aktuell)", "(current)";
    process_none: "Noch kein Prozess. Legen Sie den ersten an: er erscheint dann auf der Startseite.", "No process yet. Create the first one: it then appears on the start page.";
    process_details: "Angaben zum Prozess", "Process details";
    process_title: "Titel", "Title";
    process_description: "Beschreibung (Absätze und Links als Text)", "Description (paragraphs and links as text)";
    process_start: "Beginn", "Start";
    process_end: "Ende (letzter Tag)", "End (last day)";
    process_budget: "Punkte je Person (1–20)", "Points per person (1–20)";
    process_create: "Prozess anlegen", "Create process";
    process_make_current: "Zum aktuellen Prozess machen", "Make it the current process";
    process_is_current: "Dieser Prozess steht auf der Startseite.", "This process is on the start page.";
    themes_heading: "Handlungsfelder", "Fields of action";
    theme_title: "Titel", "Title";
    theme_description: "Beschreibung", "Description";
    theme_retired: "abgeschlossen (keine neuen Ideen und Punkte)", "closed (no new ideas or points)";
    theme_up: "{n} nach oben", "Move {n} up";
    theme_down: "{n} nach unten", "Move {n} down";
    theme_add: "Handlungsfeld hinzufügen", "Add field of action";
    theme_new: "Neues Handlungsfeld", "New field of action";
    phases_heading: "Phasen", "Phases";
    phases_intro: "Jede Phase hat Daten und öffnet Beteiligungsmodule. Zwischen den Phasen ist nichts geöffnet; ohne Phasen ist alles von Beginn bis Ende geöffnet.", "Each phase has dates and opens modules. Between phases nothing is open; without phases everything is open from start to end.";
    phase_legend: "Phase {n}", "Phase {n}";
    phase_title: "Titel der Phase", "Phase title";
    phase_text: "Kurzer Text", "Short text";
    phase_from: "Von", "From";
    phase_to: "Bis (einschließlich)", "To (inclusive)";
    phase_modules: "Geöffnet", "Open";
    module_ideas: "Ideen einreichen", "Submitting ideas";
    module_supports: "Unterstützen", "Supporting";
    module_dots: "Punkte verteilen", "Dot voting";
    module_comments: "Kommentieren", "Commenting";
    phase_add: "Phase hinzufügen", "Add phase";
    phase_remove: "Phase {n} entfernen", "Remove phase {n}";
    phases_save: "Phasen speichern", "Save phases";
    date_missing: "Bitte alle Daten ausfüllen.", "Please fill in all dates.";
    err_dates: "Die Daten passen nicht: das Ende liegt vor dem Beginn oder eine Phase außerhalb des Prozesses.", "The dates do not fit: an end before its start, or a phase outside the process.";
    err_overlap: "Zwei Phasen überschneiden sich.", "Two phases overlap.";
    err_budget: "Die Punkte je Person müssen zwischen 1 und 20 liegen.", "Points per person must be between 1 and 20.";
    err_last_theme: "Das letzte offene Handlungsfeld kann nicht abgeschlossen werden.", "The last open field of action cannot be closed.";
    err_title_short: "Der Titel braucht mindestens 3 Zeichen.", "The title needs at least 3 characters.";
    official_received: "eingegangen", "received";
    official_in_review: "in Prüfung", "under review";
    official_accepted: "angenommen", "accepted";
    official_implemented: "umgesetzt", "implemented";
    official_declined: "abgelehnt", "declined";
}

impl Texts {
    pub fn status(&self, s: IdeaStatus) -> &'static str {
        match s {
            IdeaStatus::Pending => self.status_pending,
            IdeaStatus::Published => self.status_published,
            IdeaStatus::Rejected => self.status_rejected,
            IdeaStatus::Hidden => self.status_hidden,
            IdeaStatus::Merged => self.status_merged,
        }
    }

    pub fn official(&self, s: OfficialStatus) -> &'static str {
        match s {
            OfficialStatus::Received => self.official_received,
            OfficialStatus::InReview => self.official_in_review,
            OfficialStatus::Accepted => self.official_accepted,
            OfficialStatus::Implemented => self.official_implemented,
            OfficialStatus::Declined => self.official_declined,
        }
    }

    pub fn role(&self, r: Role) -> &'static str {
        match r {
            Role::Admin => self.role_admin,
            Role::Moderator => self.role_moderator,
            Role::Participant | Role::VerifiedParticipant => self.role_participant,
        }
    }

    /// Any error of the browser layer, in this language.
    pub fn client_error(&self, e: &werkstadt_web::http::ClientError) -> String {
        use werkstadt_web::http::ClientError;
        match e {
            ClientError::Network => self.err_network.into(),
            ClientError::Api(b) => self.error(b.code, &b.message),
            ClientError::Storage => self.err_storage.into(),
            ClientError::Browser => self.err_browser.into(),
        }
    }

    /// A server error for the staff member: our own text for the codes staff meet, the
    /// server's message otherwise.
    pub fn error(&self, code: ErrorCode, message: &str) -> String {
        match code {
            ErrorCode::StaleState => self.err_stale.into(),
            ErrorCode::UnknownIdea | ErrorCode::NotFound => self.err_unknown_idea.into(),
            ErrorCode::Forbidden => self.err_forbidden.into(),
            ErrorCode::TextDirection => self.err_text_direction.into(),
            ErrorCode::TextInvisible => self.err_text_invisible.into(),
            ErrorCode::ReasonMissing | ErrorCode::ReasonTooLong | ErrorCode::ReasonInvalid => {
                self.reason_required.into()
            }
            ErrorCode::InvalidCredentials => self.login_failed.into(),
            ErrorCode::DatesInvalid => self.err_dates.into(),
            ErrorCode::PhasesOverlap => self.err_overlap.into(),
            ErrorCode::BudgetOutOfRange => self.err_budget.into(),
            ErrorCode::LastOpenTheme => self.err_last_theme.into(),
            ErrorCode::TitleTooShort => self.err_title_short.into(),
            ErrorCode::LastAdmin => self.err_last_admin.into(),
            ErrorCode::WrongPassword => self.err_wrong_password.into(),
            ErrorCode::PasswordTooShort | ErrorCode::PasswordTooLong => {
                self.err_password_length.into()
            }
            ErrorCode::RateLimited => self.rate_limited.into(),
            ErrorCode::StaffRequired | ErrorCode::AuthRequired | ErrorCode::CsrfMismatch => {
                self.session_expired.into()
            }
            _ => message.to_owned(),
        }
    }
}

/// Fills `{n}` and `{m}`.
pub fn fill(text: &str, n: &str, m: &str) -> String {
    text.replace("{n}", n).replace("{m}", m)
}

#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    pub fn t(self) -> &'static Texts {
        match self.0.get() {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A text of the current language, following a language switch: `{tr(|t| t.sign_in)}`, also
/// as an attribute value. Every call has the same type, so the many texts of the app share one
/// piece of rendering code.
pub fn tr(
    text: fn(&'static Texts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(i18n.t())
}

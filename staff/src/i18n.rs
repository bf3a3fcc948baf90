//! Every UI string of the staff app, in German (default) and English.
//!
//! `texts!` makes one struct with a field per text and the two tables: a text missing in one
//! language does not compile. `{n}` and `{m}` are placeholders filled by [`fill`].

use leptos::prelude::*;
use werkstadt_domain::moderation::{IdeaStatus, OfficialStatus};
use werkstadt_domain::staff::Role;

pub use werkstadt_web::lang::Lang;

/// A table of texts: one struct with a field per text and its German and English instance.
/// The texts of a lazily loaded section have a table of their own (used only by its code, the
/// splitter moves them into its chunk).
macro_rules! texts {
    ($name:ident, $de_name:ident, $en_name:ident; $($field:ident: $de:literal, $en:literal;)*) => {
        pub struct $name { $(pub $field: &'static str,)* }
        pub static $de_name: $name = $name { $($field: $de,)* };
        pub static $en_name: $name = $name { $($field: $en,)* };
    };
}
pub(crate) use texts;

texts! { Texts, DE, EN;
    answer_text: "Antworttext", "Answer";
    skip_link: "Zum Inhalt springen", "Skip to content";
    brand_tagline: "Moderation", "Moderation";
    lang_switch: "English", "Deutsch";
    lang_switch_label: "Switch to English", "Auf Deutsch umschalten";
    nav_label: "Moderationsbereiche", "Moderation areas";
    nav_ideas: "Ideen", "Ideas";
    nav_comments: "Kommentare", "Comments";
    nav_reports: "Meldungen", "Reports";
    nav_projects: "Projekte", "Projects";
    nav_workshops: "Veranstaltungen", "Workshops";
    nav_results: "Ergebnisse", "Results";
    nav_audit: "Protokoll", "Audit log";
    nav_settings: "Einstellungen", "Settings";
    to_public: "Zur Beteiligungsseite", "To the participation site";
    signed_in_as: "Angemeldet: {n} ({m})", "Signed in: {n} ({m})";
    sign_out: "Abmelden", "Sign out";
    waiting_counts: "Wartend: {n} Ideen, {m} Kommentare", "Waiting: {n} ideas, {m} comments";
    open_reports: "{n} offene Meldungen", "{n} open reports";
    username: "Benutzername", "User name";
    password: "Passwort", "Password";
    online: "Verbunden", "Online";
    offline: "Offline – Entscheidungen werden gespeichert und später übertragen", "Offline – decisions are kept and sent later";
    outbox_waiting: "{n} Entscheidungen warten auf Übertragung", "{n} decisions waiting to be sent";
    outbox_empty: "Alle Entscheidungen übertragen", "All decisions sent";
    sync_now: "Jetzt übertragen", "Send now";
    session_expired: "Die Sitzung ist abgelaufen. Bitte neu anmelden – gespeicherte Entscheidungen bleiben erhalten.", "Your session has ended. Please sign in again – saved decisions are kept.";
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
    decided_pending: "Entscheidung gespeichert – wird übertragen", "Decision saved – being sent";
    reason_shown: "Begründung: {n}", "Reason: {n}";
    merged_into: "Zusammengeführt mit einer anderen Idee", "Merged into another idea";
    official: "Offizielle Antwort ({n}): {m}", "Official answer ({n}): {m}";
    dismiss_reports: "Kein Verstoß – Meldungen schließen", "No violation – close the reports";
    admins_only: "Nur für Administrator:innen.", "Admins only.";
    save: "Speichern", "Save";
    role: "Rolle", "Role";
    role_moderator: "Moderation", "Moderator";
    role_expert: "DigitalSupporter", "DigitalSupporter";
    role_admin: "Administration", "Admin";
    role_participant: "Teilnehmende", "Participant";
    change_password: "Passwort ändern", "Change password";
    nav_process: "Prozess", "Process";
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
            Role::Expert => self.role_expert,
            Role::Participant | Role::VerifiedParticipant => self.role_participant,
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

//! Every UI string, in German (default) and English.
//!
//! One struct with a field per text: both language tables must fill every field, so the
//! compiler guarantees English is complete. Counted texts have a singular and a plural form;
//! `{n}`/`{m}`/`{t}` are placeholders filled by [`fill`].

use leptos::prelude::*;
use werkstadt_domain::moderation::OfficialStatus;
use werkstadt_domain::{ErrorCode, ValidationError};

pub use crate::platform::lang::Lang;

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The language signal, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The current texts (reactive).
    pub fn t(self) -> &'static Texts {
        texts(self.0.get())
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Keeps the document title on the given text, in the current language. (One helper for all
/// pages: each distinct effect closure costs wasm size.)
pub fn title_effect(text: fn(&'static Texts) -> &'static str) {
    let i18n = use_i18n();
    Effect::new(move |_| crate::platform::set_document_title(text(i18n.t())));
}

/// Replaces `{key}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

/// "1 Idee" / "3 Ideen".
pub fn count(n: u32, forms: (&str, &str)) -> String {
    let template = if n == 1 { forms.0 } else { forms.1 };
    fill(template, &[("n", &n.to_string())])
}

pub struct Texts {
    pub skip_link: &'static str,
    pub site_tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_start: &'static str,
    pub nav_new_idea: &'static str,
    pub nav_dots: &'static str,
    pub nav_results: &'static str,
    pub lang_switch: &'static str,
    pub lang_switch_label: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub themes_heading: &'static str,
    pub ideas: (&'static str, &'static str),
    pub points: (&'static str, &'static str),
    pub supports: (&'static str, &'static str),
    pub people: (&'static str, &'static str),
    pub start_cta_idea: &'static str,
    pub start_cta_dots: &'static str,
    pub theme_new_idea: &'static str,
    pub sort_label: &'static str,
    pub sort_support: &'static str,
    pub sort_newest: &'static str,
    pub no_ideas: &'static str,
    pub pagination_label: &'static str,
    pub page_prev: &'static str,
    pub page_next: &'static str,
    pub page_of: &'static str,
    pub back_to_theme: &'static str,
    pub support_button: &'static str,
    pub supported_button: &'static str,
    pub submitted_on: &'static str,
    pub new_heading: &'static str,
    pub new_intro: &'static str,
    pub field_theme: &'static str,
    pub field_theme_choose: &'static str,
    pub field_title: &'static str,
    pub field_title_hint: &'static str,
    pub field_body: &'static str,
    pub field_body_hint: &'static str,
    pub chars_count: &'static str,
    pub submit_idea: &'static str,
    pub theme_required: &'static str,
    pub form_has_errors: &'static str,
    pub dots_heading: &'static str,
    pub dots_intro: &'static str,
    pub dots_remaining: &'static str,
    pub dots_add: &'static str,
    pub dots_remove: &'static str,
    pub dots_save: &'static str,
    pub dots_saved: &'static str,
    pub results_heading: &'static str,
    pub results_summary: &'static str,
    pub results_rank: &'static str,
    pub results_top_ideas: &'static str,
    pub results_no_ideas: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub sync_online: &'static str,
    pub sync_offline: &'static str,
    pub sync_pending: (&'static str, &'static str),
    pub sync_last: &'static str,
    pub sync_now: &'static str,
    pub pending_marker: &'static str,
    pub rejected_heading: &'static str,
    pub rejected_copy: &'static str,
    pub rejected_dismiss: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub saved_pending: &'static str,
    pub err_network: &'static str,
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
    pub comments_heading: &'static str,
    pub comments_none: &'static str,
    pub comment_label: &'static str,
    pub comment_submit: &'static str,
    pub comment_saved: &'static str,
    pub err_comment_empty: &'static str,
    pub err_comment_too_long: &'static str,
    pub err_comment_invalid: &'static str,
    pub err_storage: &'static str,
    pub err_upgrade: &'static str,
    pub moderation_pending: &'static str,
    pub moderation_rejected: &'static str,
    pub moderation_merged: &'static str,
    pub moderation_merged_link: &'static str,
    pub answer_heading: &'static str,
    pub answer_received: &'static str,
    pub answer_in_review: &'static str,
    pub answer_accepted: &'static str,
    pub answer_implemented: &'static str,
    pub answer_declined: &'static str,
}

impl Texts {
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
            MalformedJson | PayloadTooLarge | UnsupportedMediaType | BadQuery
            | TooManyMutations | UpgradeRequired | ResetRequired | Busy | InvalidCredentials
            | StaffRequired | Forbidden | CsrfMismatch | UsernameInvalid | UsernameTaken
            | PasswordTooShort | PasswordTooLong | StaleState | ReasonMissing | ReasonTooLong
            | ReasonInvalid | CodeInvalid | CodeUsed | VerificationRequired | Unknown => {
                return None
            }
        })
    }

    pub fn official_status(&self, s: OfficialStatus) -> &'static str {
        match s {
            OfficialStatus::Received => self.answer_received,
            OfficialStatus::InReview => self.answer_in_review,
            OfficialStatus::Accepted => self.answer_accepted,
            OfficialStatus::Implemented => self.answer_implemented,
            OfficialStatus::Declined => self.answer_declined,
        }
    }

    pub fn validation(&self, e: ValidationError) -> &'static str {
        self.error(e.code()).unwrap_or(self.err_generic)
    }
}

pub static DE: Texts = Texts {
    skip_link: "Zum Inhalt springen",
    site_tagline: "Bürgerbeteiligung Smart City Bielefeld",
    nav_label: "Hauptnavigation",
    nav_start: "Start",
    nav_new_idea: "Idee einreichen",
    nav_dots: "Punkte verteilen",
    nav_results: "Ergebnisse",
    lang_switch: "English",
    lang_switch_label: "Switch to English",
    loading: "Wird geladen …",
    footer: "Ein Angebot des Digitalisierungsbüros Bielefeld. Pseudonym, ohne Tracker, ohne Daten an Dritte.",
    themes_heading: "Handlungsfelder",
    ideas: ("1 Idee", "{n} Ideen"),
    points: ("1 Punkt", "{n} Punkte"),
    supports: ("1 Unterstützung", "{n} Unterstützungen"),
    people: ("1 Person", "{n} Personen"),
    start_cta_idea: "Eigene Idee einreichen",
    start_cta_dots: "5 Punkte auf Handlungsfelder verteilen",
    theme_new_idea: "Idee zu diesem Handlungsfeld einreichen",
    sort_label: "Sortierung",
    sort_support: "Meiste Unterstützung",
    sort_newest: "Neueste zuerst",
    no_ideas: "Hier gibt es noch keine Ideen. Reichen Sie die erste ein!",
    pagination_label: "Seiten",
    page_prev: "Vorherige Seite",
    page_next: "Nächste Seite",
    page_of: "Seite {n} von {m}",
    back_to_theme: "Zurück zum Handlungsfeld",
    support_button: "Unterstützen",
    supported_button: "Unterstützt – zurücknehmen",
    submitted_on: "Eingereicht am {t}",
    new_heading: "Neue Idee einreichen",
    new_intro: "Beschreiben Sie Ihre Idee für ein digitales Bielefeld. Alle Felder sind Pflichtfelder.",
    field_theme: "Handlungsfeld",
    field_theme_choose: "Bitte wählen …",
    field_title: "Titel",
    field_title_hint: "5 bis 120 Zeichen, eine Zeile.",
    field_body: "Beschreibung",
    field_body_hint: "Bis zu 2.000 Zeichen.",
    chars_count: "{n} von {m} Zeichen",
    submit_idea: "Idee absenden",
    theme_required: "Bitte wählen Sie ein Handlungsfeld.",
    form_has_errors: "Bitte korrigieren Sie die markierten Felder.",
    dots_heading: "Punkte verteilen",
    dots_intro: "Sie haben 5 Punkte. Setzen Sie sie auf die Handlungsfelder, die Ihnen am wichtigsten sind – gern auch mehrere auf eines.",
    dots_remaining: "Noch {n} von {m} Punkten übrig",
    dots_add: "Einen Punkt auf „{t}“ setzen",
    dots_remove: "Einen Punkt von „{t}“ nehmen",
    dots_save: "Punkte speichern",
    dots_saved: "Ihre Punkte sind gespeichert.",
    results_heading: "Ergebnisse",
    results_summary: "Bisher haben {p} insgesamt {m} vergeben.",
    results_rank: "Platz {n}",
    results_top_ideas: "Meistunterstützte Ideen",
    results_no_ideas: "Noch keine Ideen.",
    not_found_heading: "Seite nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht. Zur Startseite:",
    sync_online: "Online",
    sync_offline: "Offline – Ihre Änderungen bleiben auf diesem Gerät gespeichert.",
    sync_pending: ("1 Änderung wartet", "{n} Änderungen warten"),
    sync_last: "Zuletzt synchronisiert: {t}",
    sync_now: "Jetzt synchronisieren",
    pending_marker: "Wartet auf Übertragung",
    rejected_heading: "Nicht übernommen",
    rejected_copy: "Ihr Text zum Kopieren",
    rejected_dismiss: "Ausblenden",
    update_available: "Neue Version verfügbar",
    update_reload: "Neu laden",
    saved_pending: "Gespeichert – wird übertragen, sobald eine Verbindung besteht.",
    err_network: "Keine Verbindung zum Server. Bitte versuchen Sie es später noch einmal.",
    err_title_too_short: "Der Titel braucht mindestens 5 Zeichen.",
    err_title_too_long: "Der Titel darf höchstens 120 Zeichen haben.",
    err_title_invalid: "Der Titel muss eine einzelne Zeile ohne Steuerzeichen sein.",
    err_body_empty: "Bitte beschreiben Sie Ihre Idee.",
    err_body_too_long: "Die Beschreibung darf höchstens 2.000 Zeichen haben.",
    err_body_invalid: "Die Beschreibung enthält unzulässige Steuerzeichen.",
    err_not_found: "Das gesuchte Element gibt es nicht (mehr).",
    err_dot_budget: "Sie können höchstens 5 Punkte vergeben.",
    err_auth: "Ihre Kennung auf diesem Gerät passt nicht. Bitte laden Sie die Seite neu.",
    err_conflict: "Diese Idee wurde bereits mit anderem Inhalt gespeichert.",
    err_too_many: "Zu viele Anfragen. Bitte warten Sie einen Moment.",
    err_generic: "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.",
    comments_heading: "Kommentare",
    comments_none: "Noch keine Kommentare.",
    comment_label: "Ihr Kommentar",
    comment_submit: "Kommentar senden",
    comment_saved: "Ihr Kommentar ist gespeichert.",
    err_comment_empty: "Bitte schreiben Sie einen Kommentar.",
    err_comment_too_long: "Der Kommentar ist zu lang (höchstens 1000 Zeichen).",
    err_comment_invalid: "Der Kommentar enthält unzulässige Zeichen.",
    err_storage: "Auf diesem Gerät kann nichts gespeichert werden (privater Modus oder Speicher voll). Ihre Eingabe wurde nicht übernommen.",
    err_upgrade: "Diese Version der App ist veraltet. Bitte laden Sie die Seite neu, um weiter teilzunehmen – nichts von Ihren Eingaben geht verloren.",
    moderation_pending: "Wartet auf Freigabe durch die Moderation.",
    moderation_rejected: "Nicht veröffentlicht. Begründung der Moderation: {r}",
    moderation_merged: "Diese Idee wurde mit einer gleichartigen Idee zusammengeführt; Unterstützungen zählen dort.",
    moderation_merged_link: "Zur zusammengeführten Idee",
    answer_heading: "Antwort des Digitalisierungsbüros",
    answer_received: "Eingegangen",
    answer_in_review: "In Prüfung",
    answer_accepted: "Angenommen",
    answer_implemented: "Umgesetzt",
    answer_declined: "Abgelehnt",
};

pub static EN: Texts = Texts {
    skip_link: "Skip to content",
    site_tagline: "Citizen participation Smart City Bielefeld",
    nav_label: "Main navigation",
    nav_start: "Home",
    nav_new_idea: "Submit idea",
    nav_dots: "Distribute points",
    nav_results: "Results",
    lang_switch: "Deutsch",
    lang_switch_label: "Auf Deutsch umschalten",
    loading: "Loading …",
    footer: "A service of Bielefeld's Digitalisation Office. Pseudonymous, no trackers, no data to third parties.",
    themes_heading: "Fields of action",
    ideas: ("1 idea", "{n} ideas"),
    points: ("1 point", "{n} points"),
    supports: ("1 supporter", "{n} supporters"),
    people: ("1 person", "{n} people"),
    start_cta_idea: "Submit your own idea",
    start_cta_dots: "Distribute 5 points over the fields of action",
    theme_new_idea: "Submit an idea for this field",
    sort_label: "Sort by",
    sort_support: "Most supported",
    sort_newest: "Newest first",
    no_ideas: "No ideas here yet. Submit the first one!",
    pagination_label: "Pages",
    page_prev: "Previous page",
    page_next: "Next page",
    page_of: "Page {n} of {m}",
    back_to_theme: "Back to the field of action",
    support_button: "Support",
    supported_button: "Supported – withdraw",
    submitted_on: "Submitted on {t}",
    new_heading: "Submit a new idea",
    new_intro: "Describe your idea for a digital Bielefeld. All fields are required.",
    field_theme: "Field of action",
    field_theme_choose: "Please choose …",
    field_title: "Title",
    field_title_hint: "5 to 120 characters, one line.",
    field_body: "Description",
    field_body_hint: "Up to 2,000 characters.",
    chars_count: "{n} of {m} characters",
    submit_idea: "Submit idea",
    theme_required: "Please choose a field of action.",
    form_has_errors: "Please correct the marked fields.",
    dots_heading: "Distribute points",
    dots_intro: "You have 5 points. Place them on the fields of action that matter most to you – several on one is fine.",
    dots_remaining: "{n} of {m} points left",
    dots_add: "Add a point to “{t}”",
    dots_remove: "Remove a point from “{t}”",
    dots_save: "Save points",
    dots_saved: "Your points are saved.",
    results_heading: "Results",
    results_summary: "So far {p} placed {m} in total.",
    results_rank: "Rank {n}",
    results_top_ideas: "Most supported ideas",
    results_no_ideas: "No ideas yet.",
    not_found_heading: "Page not found",
    not_found_text: "This page does not exist. Go to the start page:",
    sync_online: "Online",
    sync_offline: "Offline – your changes stay saved on this device.",
    sync_pending: ("1 change waiting", "{n} changes waiting"),
    sync_last: "Last synchronised: {t}",
    sync_now: "Synchronise now",
    pending_marker: "Waiting to be sent",
    rejected_heading: "Not accepted",
    rejected_copy: "Your text to copy",
    rejected_dismiss: "Dismiss",
    update_available: "New version available",
    update_reload: "Reload",
    saved_pending: "Saved – will be sent as soon as there is a connection.",
    err_network: "No connection to the server. Please try again later.",
    err_title_too_short: "The title needs at least 5 characters.",
    err_title_too_long: "The title may have at most 120 characters.",
    err_title_invalid: "The title must be a single line without control characters.",
    err_body_empty: "Please describe your idea.",
    err_body_too_long: "The description may have at most 2,000 characters.",
    err_body_invalid: "The description contains control characters.",
    err_not_found: "The requested item does not exist (any more).",
    err_dot_budget: "You can place at most 5 points.",
    err_auth: "Your identity on this device does not match. Please reload the page.",
    err_conflict: "This idea was already saved with different content.",
    err_too_many: "Too many requests. Please wait a moment.",
    err_generic: "Something went wrong. Please try again.",
    comments_heading: "Comments",
    comments_none: "No comments yet.",
    comment_label: "Your comment",
    comment_submit: "Post comment",
    comment_saved: "Your comment has been saved.",
    err_comment_empty: "Please write a comment.",
    err_comment_too_long: "The comment is too long (at most 1000 characters).",
    err_comment_invalid: "The comment contains characters that are not allowed.",
    err_storage: "Nothing can be stored on this device (private mode or storage full). Your input was not kept.",
    err_upgrade: "This version of the app is out of date. Please reload the page to keep taking part – none of your input is lost.",
    moderation_pending: "Waiting for approval by the moderators.",
    moderation_rejected: "Not published. The moderators' reason: {r}",
    moderation_merged: "This idea was merged with a similar one; supports count there.",
    moderation_merged_link: "Go to the merged idea",
    answer_heading: "Answer from the Digitalisation Office",
    answer_received: "Received",
    answer_in_review: "Under review",
    answer_accepted: "Accepted",
    answer_implemented: "Implemented",
    answer_declined: "Declined",
};

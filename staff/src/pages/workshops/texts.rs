//! The texts of the *Veranstaltungen* section, in German and English: a table of their own, so
//! they load with the section's chunk, not with the queue.

use crate::i18n::{texts, use_i18n, I18n, Lang};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

texts! { WorkshopTexts, DE, EN;
    heading: "Veranstaltungen", "Workshops";
    intro: "Workshops in der WissensWerkStadt und anderswo: Handys nehmen über den Beitrittscode oder den QR-Code teil, alles, was sie während der Veranstaltung beitragen, wird ihr zugerechnet. Die Ergebniswand zeigt den Stand live für den Beamer.", "Workshops at the WissensWerkStadt and elsewhere: phones join by the join code or the QR code, and everything they contribute during the workshop is counted for it. The results wall shows the live state on a projector.";
    no_process: "Es gibt noch keinen aktuellen Prozess.", "There is no current process yet.";
    list_caption: "Veranstaltungen im aktuellen Prozess", "Workshops in the current process";
    list_empty: "Noch keine Veranstaltungen.", "No workshops yet.";
    col_title: "Titel", "Title";
    col_when: "Zeit und Ort", "Time and place";
    col_code: "Beitrittscode", "Join code";
    col_actions: "Aktionen", "Actions";
    edit: "Bearbeiten", "Edit";
    edit_named: "Bearbeiten: {n}", "Edit: {n}";
    show: "Code und QR-Code", "Code and QR code";
    wall: "Ergebniswand öffnen", "Open the results wall";
    kiosks: "Kiosks", "Kiosks";
    kiosks_named: "Kiosks: {n}", "Kiosks: {n}";
    kiosks_none: "Kiosks ohne Veranstaltung", "Kiosks without a workshop";
    new_workshop: "Neue Veranstaltung anlegen", "Create a new workshop";
    form_new: "Neue Veranstaltung", "New workshop";
    form_edit: "Veranstaltung: {n}", "Workshop: {n}";
    title: "Titel", "Title";
    place: "Ort", "Place";
    starts_at: "Beginn", "Start";
    ends_at: "Ende", "End";
    modules: "Was während der Veranstaltung offen ist", "What is open during the workshop";
    module_ideas: "Ideen einreichen", "Submitting ideas";
    module_supports: "Ideen unterstützen", "Supporting ideas";
    module_dots: "Punkte verteilen", "Dot voting";
    module_comments: "Kommentieren", "Commenting";
    reset_secs: "Kiosk: Zurücksetzen nach Sekunden ohne Bedienung (30–600)", "Kiosk: reset after seconds without use (30–600)";
    create: "Veranstaltung anlegen", "Create workshop";
    save: "Veranstaltung speichern", "Save workshop";
    delete: "Veranstaltung löschen", "Delete workshop";
    deleted: "Veranstaltung gelöscht.", "Workshop deleted.";
    close: "Schließen", "Close";
    created: "Veranstaltung angelegt.", "Workshop created.";
    saved: "Gespeichert.", "Saved.";
    time_missing: "Bitte Beginn und Ende angeben.", "Please give a start and an end.";
    join_heading: "Mitmachen mit dem Handy", "Join with your phone";
    join_hint: "QR-Code scannen oder die Adresse öffnen und den Code eingeben:", "Scan the QR code or open the address and enter the code:";
    qr_alt: "QR-Code zum Mitmachen bei {n}", "QR code to join {n}";
    print: "Aushang drucken", "Print the join sheet";
    err_dates: "Das Ende muss nach dem Beginn liegen.", "The end must come after the start.";
    err_reset: "Bitte eine Zeit zwischen 30 und 600 Sekunden angeben.", "Please give a time between 30 and 600 seconds.";
    err_title_short: "Titel und Ort brauchen mindestens 3 Zeichen.", "Title and place need at least 3 characters.";
    err_title_long: "Titel und Ort dürfen höchstens 120 Zeichen haben.", "Title and place may have at most 120 characters.";
    err_title_invalid: "Titel und Ort: eine Zeile, ohne < und >.", "Title and place: one line, without < and >.";
    err_unknown: "Diese Veranstaltung gibt es nicht mehr.", "This workshop no longer exists.";
}

impl WorkshopTexts {
    fn error(&self, code: ErrorCode) -> Option<&'static str> {
        Some(match code {
            ErrorCode::DatesInvalid => self.err_dates,
            ErrorCode::ResetOutOfRange => self.err_reset,
            ErrorCode::TitleTooShort => self.err_title_short,
            ErrorCode::TitleTooLong => self.err_title_long,
            ErrorCode::TitleInvalid => self.err_title_invalid,
            ErrorCode::UnknownWorkshop => self.err_unknown,
            _ => return None,
        })
    }
}

pub fn texts_of(i18n: I18n) -> &'static WorkshopTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A text of the section, following a language switch.
pub fn wt(
    text: fn(&'static WorkshopTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(texts_of(i18n))
}

/// The text of an answer to a write: `done`, or why not.
pub fn outcome<T>(i18n: I18n, r: &Result<T, ClientError>, done: &str) -> String {
    match r {
        Ok(_) => done.to_owned(),
        Err(ClientError::Api(b)) => match texts_of(i18n).error(b.code) {
            Some(text) => text.to_owned(),
            None => crate::pages::texts::client_error(i18n, &ClientError::Api(b.clone())),
        },
        Err(e) => crate::pages::texts::client_error(i18n, e),
    }
}

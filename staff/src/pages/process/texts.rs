//! The texts of the *Prozess* section, in German and English: a table of their own, so they
//! load with the section's chunk, not with the queue.

use crate::i18n::{texts, use_i18n, I18n, Lang};

texts! { ProcessTexts, DE, EN;
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
    process_licence: "Lizenz der offenen Daten (z. B. dl-de/by-2-0, CC-BY-4.0)", "Licence of the open data (e.g. dl-de/by-2-0, CC-BY-4.0)";
    licence_invalid: "Die Lizenz bitte als Kennung angeben, z. B. dl-de/by-2-0 (Buchstaben, Ziffern, - . / +).", "Please give the licence as an identifier, e.g. dl-de/by-2-0 (letters, digits, - . / +).";
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
}

/// The section's texts in the current language (reactive).
pub fn texts_of(i18n: I18n) -> &'static ProcessTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A text of the section, following a language switch (as `i18n::tr` for the shared texts).
pub fn pt(
    text: fn(&'static ProcessTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(texts_of(i18n))
}

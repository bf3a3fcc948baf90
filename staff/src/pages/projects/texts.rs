//! The texts of the *Projekte* section, in German and English: a table of their own, so they
//! load with the section's chunk, not with the queue. Also the section's own readings of the
//! server's error codes (the shared table keeps only the codes every section meets).

use crate::i18n::{texts, use_i18n, I18n, Lang};
use werkstadt_domain::projects::{DecisionBody, DecisionOutcome, ProjectStatus};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

texts! { ProjectTexts, DE, EN;
    heading: "Projekte", "Projects";
    intro: "Was aus Ideen wird: Projekte des aktuellen Prozesses mit Meilensteinen, Beschlüssen der Gremien und Neuigkeiten. Alles hier ist öffentlich sichtbar.", "What ideas become: projects of the current process with milestones, committee decisions and news. Everything here is public.";
    no_process: "Es gibt noch keinen aktuellen Prozess.", "There is no current process yet.";
    list_caption: "Projekte im aktuellen Prozess", "Projects in the current process";
    list_empty: "Noch keine Projekte.", "No projects yet.";
    col_title: "Titel", "Title";
    col_theme: "Handlungsfeld", "Field of action";
    col_status: "Stand", "Status";
    col_milestones: "Meilensteine erledigt", "Milestones done";
    col_actions: "Aktionen", "Actions";
    milestones_of: "{n} von {m}", "{n} of {m}";
    edit: "Bearbeiten", "Edit";
    edit_named: "Bearbeiten: {n}", "Edit: {n}";
    new_project: "Neues Projekt anlegen", "Create a new project";
    form_new: "Neues Projekt", "New project";
    form_edit: "Projekt: {n}", "Project: {n}";
    title: "Titel", "Title";
    description: "Beschreibung (Absätze und Links als Text)", "Description (paragraphs and links as text)";
    theme: "Handlungsfeld", "Field of action";
    theme_choose: "Bitte wählen …", "Please choose …";
    responsible: "Verantwortlich (z. B. Stadtverwaltung, Stadtwerke Bielefeld, ein Partner)", "Responsible (e.g. Stadtverwaltung, Stadtwerke Bielefeld, a partner)";
    funding: "Finanzierung", "Funding";
    own_budget: "Eigene Mittel in Euro", "Own budget in euro";
    programme: "Förderprogramm (Name)", "Funding programme (name)";
    programme_amount: "Fördersumme in Euro", "Funding amount in euro";
    status: "Stand", "Status";
    starts_on: "Beginn", "Start";
    ideas_legend: "Ursprungsideen (veröffentlichte Ideen)", "Source ideas (published ideas)";
    ideas_filter: "Ideen filtern", "Filter ideas";
    ideas_chosen: "{n} ausgewählt", "{n} chosen";
    ideas_none: "Keine passenden veröffentlichten Ideen.", "No matching published ideas.";
    idea_supports: "{n} Unterstützungen", "{n} supports";
    create: "Projekt anlegen", "Create project";
    save: "Projekt speichern", "Save project";
    close: "Schließen", "Close";
    created: "Projekt angelegt.", "Project created.";
    saved: "Gespeichert.", "Saved.";
    amount_invalid: "Beträge bitte als Zahl in Euro angeben (nicht negativ).", "Please give amounts as a number in euro (not negative).";
    date_missing: "Bitte ein Datum angeben.", "Please give a date.";
    theme_missing: "Bitte ein Handlungsfeld wählen.", "Please choose a field of action.";
    status_planned: "geplant", "planned";
    status_in_progress: "in Umsetzung", "in progress";
    status_paused: "pausiert", "paused";
    status_completed: "abgeschlossen", "completed";
    status_discarded: "verworfen", "discarded";
    milestones: "Meilensteine", "Milestones";
    milestones_none: "Noch keine Meilensteine.", "No milestones yet.";
    milestone_due: "fällig am {n}", "due on {n}";
    milestone_done: "erledigt am {n}", "done on {n}";
    milestone_done_on: "Erledigt am", "Done on";
    milestone_mark_done: "Als erledigt markieren", "Mark as done";
    milestone_reopen: "Wieder öffnen", "Reopen";
    milestone_new: "Meilenstein hinzufügen", "Add a milestone";
    milestone_title: "Titel des Meilensteins", "Milestone title";
    milestone_due_on: "Fällig am", "Due on";
    milestone_add: "Meilenstein hinzufügen", "Add milestone";
    milestone_added: "Meilenstein hinzugefügt.", "Milestone added.";
    decisions: "Beschlüsse der Gremien", "Committee decisions";
    decisions_none: "Noch keine Beschlüsse.", "No decisions yet.";
    decision_new: "Beschluss eintragen", "Record a decision";
    decision_body: "Gremium", "Body";
    decision_body_other: "Name des Gremiums", "Name of the body";
    decision_date: "Datum der Sitzung", "Date of the meeting";
    decision_reference: "Aktenzeichen oder Drucksache", "Reference or document number";
    decision_outcome: "Ergebnis", "Outcome";
    decision_link: "Link (https://…)", "Link (https://…)";
    decision_text: "Kurzer Text", "Short text";
    decision_add: "Beschluss eintragen", "Record decision";
    decision_added: "Beschluss eingetragen.", "Decision recorded.";
    decision_reference_shown: "Az. {n}", "Ref. {n}";
    body_digitalisierungsausschuss: "Digitalisierungsausschuss", "Digitalisierungsausschuss (digital committee)";
    body_verwaltungsvorstand: "Verwaltungsvorstand", "Verwaltungsvorstand (executive board)";
    body_aufsichtsrat_swb: "Aufsichtsrat SWB", "Aufsichtsrat SWB (supervisory board)";
    body_rat: "Rat", "Rat (city council)";
    body_other: "anderes Gremium", "another body";
    outcome_adopted: "beschlossen", "adopted";
    outcome_rejected: "abgelehnt", "rejected";
    outcome_deferred: "vertagt", "deferred";
    outcome_noted: "zur Kenntnis genommen", "noted";
    updates: "Neuigkeiten", "News";
    updates_none: "Noch keine Neuigkeiten.", "No news yet.";
    update_text: "Neuigkeit (Absätze und Links als Text, ohne Namen)", "News (paragraphs and links as text, no names)";
    update_add: "Neuigkeit veröffentlichen", "Publish news";
    update_added: "Neuigkeit veröffentlicht.", "News published.";
    update_at: "am {n}", "on {n}";
    idea_decisions: "Beschluss zu einer Idee", "Decision on an idea";
    idea_decisions_open: "Beschluss zu einer Idee eintragen", "Record a decision on an idea";
    idea_decisions_intro: "Für Beschlüsse, die eine Idee selbst betreffen, ohne Projekt (z. B. zur Kenntnis genommen). Wer der Idee folgt, sieht sie unter „Neuigkeiten“.", "For decisions on an idea itself, without a project (e.g. noted). Whoever follows the idea sees them under “News”.";
    idea_choose: "Idee (veröffentlicht)", "Idea (published)";
    idea_decisions_failed: "Die Beschlüsse zu dieser Idee konnten nicht geladen werden.", "The decisions on this idea could not be loaded.";
    delete_heading: "Projekt löschen", "Delete project";
    delete_hint: "Nur für versehentlich angelegte Projekte. Ein aufgegebenes Projekt bitte auf „verworfen“ setzen: Es bleibt mit seinem Verlauf sichtbar.", "Only for projects created by mistake. Set a project that was given up to “discarded”: it stays visible with its history.";
    delete: "Projekt löschen …", "Delete project …";
    delete_confirm: "Wirklich löschen? Die Ideen verlieren ihre Verbindung, wer folgt, folgt nicht mehr. Das lässt sich nicht rückgängig machen.", "Really delete? Its ideas lose their link, its followers stop following it. This cannot be undone.";
    delete_yes: "Endgültig löschen", "Delete for good";
    deleted: "Projekt gelöscht.", "Project deleted.";
    cancel: "Abbrechen", "Cancel";
    err_milestone_before_start: "Ein Meilenstein darf nicht vor dem Beginn des Projekts fällig sein.", "A milestone may not be due before the project starts.";
    err_decision_incomplete: "Ein Beschluss braucht Gremium, Datum und Ergebnis (bei „anderes Gremium“ auch dessen Namen).", "A decision needs its body, date and outcome (and the body's name for “another body”).";
    err_idea_not_published: "Eine der Ideen ist nicht (mehr) veröffentlicht.", "One of the ideas is not published (any more).";
    err_idea_in_project: "Eine der Ideen gehört schon zu einem anderen Projekt.", "One of the ideas already belongs to another project.";
    err_link_invalid: "Der Link muss mit https:// oder http:// beginnen und darf keine Leerzeichen enthalten.", "The link must start with https:// or http:// and contain no spaces.";
    err_unknown_project: "Dieses Projekt gibt es nicht (mehr).", "This project does not exist (any more).";
    err_unknown_theme: "Das Handlungsfeld gehört nicht zu diesem Prozess.", "The field of action is not part of this process.";
    err_empty: "Bitte alle Pflichtfelder ausfüllen (Verantwortlich, Text).", "Please fill in every required field (responsible, text).";
    err_too_long: "Ein Text ist zu lang.", "A text is too long.";
    err_invalid: "Ein Text enthält Zeichen, die nicht erlaubt sind (z. B. < oder >).", "A text contains characters that are not allowed (such as < or >).";
    err_title_long: "Der Titel ist zu lang.", "The title is too long.";
}

impl ProjectTexts {
    pub fn status(&self, s: ProjectStatus) -> &'static str {
        match s {
            ProjectStatus::Planned => self.status_planned,
            ProjectStatus::InProgress => self.status_in_progress,
            ProjectStatus::Paused => self.status_paused,
            ProjectStatus::Completed => self.status_completed,
            ProjectStatus::Discarded => self.status_discarded,
        }
    }

    pub fn body(&self, b: DecisionBody) -> &'static str {
        match b {
            DecisionBody::Digitalisierungsausschuss => self.body_digitalisierungsausschuss,
            DecisionBody::Verwaltungsvorstand => self.body_verwaltungsvorstand,
            DecisionBody::AufsichtsratSwb => self.body_aufsichtsrat_swb,
            DecisionBody::Rat => self.body_rat,
            DecisionBody::Other => self.body_other,
        }
    }

    pub fn outcome(&self, o: DecisionOutcome) -> &'static str {
        match o {
            DecisionOutcome::Adopted => self.outcome_adopted,
            DecisionOutcome::Rejected => self.outcome_rejected,
            DecisionOutcome::Deferred => self.outcome_deferred,
            DecisionOutcome::Noted => self.outcome_noted,
        }
    }

    /// The section's own text for an error code of the project endpoints.
    fn error(&self, code: ErrorCode) -> Option<&'static str> {
        Some(match code {
            ErrorCode::MilestoneBeforeStart => self.err_milestone_before_start,
            ErrorCode::DecisionIncomplete => self.err_decision_incomplete,
            ErrorCode::IdeaNotPublished => self.err_idea_not_published,
            ErrorCode::IdConflict => self.err_idea_in_project,
            ErrorCode::LinkInvalid => self.err_link_invalid,
            ErrorCode::UnknownProject => self.err_unknown_project,
            ErrorCode::UnknownTheme => self.err_unknown_theme,
            ErrorCode::BodyEmpty => self.err_empty,
            ErrorCode::BodyTooLong => self.err_too_long,
            ErrorCode::BodyInvalid | ErrorCode::TitleInvalid => self.err_invalid,
            ErrorCode::TitleTooLong => self.err_title_long,
            _ => return None,
        })
    }
}

/// The section's texts in the current language (reactive).
pub fn texts_of(i18n: I18n) -> &'static ProjectTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A text of the section, following a language switch (as `i18n::tr` for the shared texts).
pub fn pt(
    text: fn(&'static ProjectTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(texts_of(i18n))
}

/// The text of an answer to a write, for the status line next to a form: `done`, or why not
/// (the section's reading of a project error code, else the shared one).
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

//! The texts of the *Ergebnisse* section, in German and English: a table of their own, so they
//! load with the section's chunk, not with the queue. Also the section's own readings of the
//! server's error codes (the shared table keeps only the codes every section meets).

use crate::i18n::{texts, use_i18n, I18n, Lang};
use werkstadt_domain::matrix::MatrixState;
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

texts! { ResultTexts, DE, EN;
    heading: "Ergebnisse", "Results";
    intro: "Bewertungsmatrizen mit den DigitalSupportern und offene Daten des aktuellen Prozesses.", "Evaluation matrices with the DigitalSupporters and open data of the current process.";
    intro_expert: "Hier bewerten Sie die Matrizen, zu denen Sie eingeladen sind. Ihre Bewertung sieht nur das Digitalisierungsbüro; veröffentlicht werden nur Mittelwerte, ohne Namen.", "Here you score the matrices you are invited to. Only the Digitalisierungsbüro sees your scores; only means are published, without names.";
    no_process: "Es gibt noch keinen aktuellen Prozess.", "There is no current process yet.";
    mine_heading: "Zu bewerten", "To score";
    mine_none: "Sie sind zu keiner Bewertungsmatrix eingeladen.", "You are not invited to any evaluation matrix.";
    matrices_heading: "Bewertungsmatrizen", "Evaluation matrices";
    matrices_none: "Noch keine Bewertungsmatrizen.", "No evaluation matrices yet.";
    col_title: "Titel", "Title";
    col_state: "Stand", "State";
    col_size: "Umfang", "Size";
    col_experts: "DigitalSupporter", "DigitalSupporters";
    col_actions: "Aktionen", "Actions";
    size_of: "{n} Optionen × {m} Kriterien", "{n} options × {m} criteria";
    state_open: "offen", "open";
    state_closed: "geschlossen", "closed";
    state_published: "veröffentlicht", "published";
    open_matrix: "Öffnen", "Open";
    open_named: "Öffnen: {n}", "Open: {n}";
    score: "Bewerten", "Score";
    score_named: "Bewerten: {n}", "Score: {n}";
    view_sheet: "Ansehen", "View";
    view_named: "Ansehen: {n}", "View: {n}";
    new_matrix: "Neue Bewertungsmatrix anlegen", "Create a new evaluation matrix";
    form_new: "Neue Bewertungsmatrix", "New evaluation matrix";
    form_edit: "Bearbeiten: {n}", "Edit: {n}";
    title: "Titel", "Title";
    description: "Beschreibung", "Description";
    scale: "Skala", "Scale";
    scale_min: "Niedrigster Punktwert", "Lowest score";
    scale_max: "Höchster Punktwert", "Highest score";
    scale_labels: "Bezeichnungen, eine je Punktwert und Zeile (oder leer)", "Labels, one per score and line (or empty)";
    options: "Optionen", "Options";
    sources_legend: "Ideen und Projekte des Prozesses als Optionen", "Ideas and projects of the process as options";
    sources_filter: "Suchen (Wörter im Titel)", "Search (words in the title)";
    sources_pick: "Idee oder Projekt", "Idea or project";
    sources_choose: "Bitte wählen …", "Please choose …";
    sources_projects: "Projekte", "Projects";
    sources_ideas: "Veröffentlichte Ideen", "Published ideas";
    sources_none: "Keine passenden Ideen oder Projekte.", "No matching ideas or projects.";
    sources_add: "Als Option hinzufügen", "Add as an option";
    sources_added: "Option hinzugefügt: {n}", "Option added: {n}";
    source_idea: "Steht für eine Idee des Prozesses.", "Stands for an idea of the process.";
    source_project: "Steht für ein Projekt des Prozesses.", "Stands for a project of the process.";
    option_n: "Option {n}", "Option {n}";
    option_pros: "Vorteile (einer je Zeile)", "Advantages (one per line)";
    option_cons: "Nachteile (einer je Zeile)", "Disadvantages (one per line)";
    option_add: "Option hinzufügen", "Add an option";
    option_remove: "Option {n} entfernen", "Remove option {n}";
    criteria: "Kriterien", "Criteria";
    criterion_n: "Kriterium {n}", "Criterion {n}";
    criterion_weight: "Gewicht (1–10)", "Weight (1–10)";
    criterion_add: "Kriterium hinzufügen", "Add a criterion";
    criterion_remove: "Kriterium {n} entfernen", "Remove criterion {n}";
    create: "Matrix anlegen", "Create matrix";
    save: "Matrix speichern", "Save matrix";
    close: "Schließen", "Close";
    created: "Matrix angelegt.", "Matrix created.";
    saved: "Gespeichert.", "Saved.";
    number_invalid: "Bitte ganze Zahlen angeben (Skala 0–10, Gewicht 1–10).", "Please give whole numbers (scale 0–10, weight 1–10).";
    experts: "Eingeladene DigitalSupporter", "Invited DigitalSupporters";
    experts_none: "Noch niemand eingeladen.", "Nobody invited yet.";
    expert_cells: "{n}: {m} Zellen bewertet", "{n}: {m} cells scored";
    expert_choose: "DigitalSupporter einladen", "Invite a DigitalSupporter";
    expert_pick: "Bitte wählen …", "Please choose …";
    expert_invite: "Einladen", "Invite";
    expert_invited: "Eingeladen.", "Invited.";
    expert_accounts_none: "Es gibt noch keine DigitalSupporter-Konten (Administration: Einstellungen).", "There are no DigitalSupporter accounts yet (admins: Settings).";
    state_heading: "Stand der Matrix", "State of the matrix";
    state_is: "Diese Matrix ist {n}.", "This matrix is {n}.";
    do_close: "Bewertung schließen", "Close scoring";
    do_reopen: "Wieder öffnen", "Reopen";
    do_publish: "Veröffentlichen", "Publish";
    state_saved: "Stand geändert.", "State changed.";
    published_note: "Veröffentlicht: das Ergebnis steht ohne Namen auf der Ergebnisseite des Prozesses.", "Published: the result is on the process's results page, without names.";
    result_heading: "Ergebnis", "Result";
    result_caption: "Ergebnis: {n}", "Result: {n}";
    result_sheets: "Mittelwerte aus {n} Bewertungsbögen; in Klammern die Spanne (niedrigster–höchster Wert).", "Means of {n} score sheets; in brackets the spread (lowest–highest score).";
    result_none: "Noch keine Bewertungen.", "No scores yet.";
    criterion: "Kriterium", "Criterion";
    weight_of: "Gewicht {n}", "weight {n}";
    total: "Summe", "Total";
    weighted_total: "Summe gewichtet", "Weighted total";
    rank: "Rang", "Rank";
    not_scored: "–", "–";
    notes_heading: "Vor- und Nachteile", "Advantages and disadvantages";
    pros: "Vorteile", "Advantages";
    cons: "Nachteile", "Disadvantages";
    sheet_heading: "Bewertungsbogen: {n}", "Score sheet: {n}";
    sheet_intro: "Vergeben Sie je Option und Kriterium einen Punktwert; leere Zellen bleiben unbewertet. Eine Notiz je Zelle ist freiwillig.", "Give a score per option and criterion; empty cells stay unscored. A note per cell is optional.";
    sheet_caption: "Ihre Bewertung: Kriterien (Zeilen) je Option (Spalten)", "Your scores: criteria (rows) per option (columns)";
    sheet_note: "Notiz: {n}", "Note: {n}";
    sheet_save: "Bewertung speichern", "Save scores";
    sheet_saved: "Bewertung gespeichert.", "Scores saved.";
    sheet_closed: "Diese Matrix ist geschlossen: Bewertungen können nicht mehr geändert werden.", "This matrix is closed: scores can no longer be changed.";
    exports_heading: "Offene Daten", "Open data";
    exports_intro: "Diese Adressen sind öffentlich: Jede und jeder kann die Daten ohne Anmeldung abrufen und unter der Lizenz des Prozesses ({n}) weiterverwenden. Sie enthalten keine personenbezogenen Daten.", "These addresses are public: anyone can fetch the data without signing in and reuse it under the process's licence ({n}). They hold no personal data.";
    exports_caption: "Datensätze des aktuellen Prozesses", "Datasets of the current process";
    dataset: "Datensatz", "Dataset";
    csv: "CSV", "CSV";
    csv_excel: "CSV für Excel (;)", "CSV for Excel (;)";
    json: "JSON", "JSON";
    as_format: "{n} als {m}", "{n} as {m}";
    ds_ideas: "Ideen", "Ideas";
    ds_comments: "Kommentare", "Comments";
    ds_votes: "Stimmen je Handlungsfeld", "Votes per field of action";
    ds_projects: "Projekte", "Projects";
    ds_decisions: "Beschlüsse", "Decisions";
    ds_matrices: "Ergebnisse veröffentlichter Bewertungsmatrizen", "Results of published evaluation matrices";
    err_closed: "Diese Matrix ist geschlossen oder veröffentlicht: sie nimmt keine Änderungen mehr an.", "This matrix is closed or published: it takes no more changes.";
    err_not_closed: "Nur eine geschlossene Matrix kann veröffentlicht werden.", "Only a closed matrix can be published.";
    err_not_invited: "Sie sind zu dieser Matrix nicht eingeladen.", "You are not invited to this matrix.";
    err_unknown_matrix: "Diese Matrix gibt es nicht (mehr).", "This matrix does not exist (any more).";
    err_unknown_expert: "Dieses DigitalSupporter-Konto gibt es nicht oder es ist deaktiviert.", "This DigitalSupporter account does not exist or is deactivated.";
    err_expert_limit: "Der Prozess hat schon 12 DigitalSupporter.", "The process already has 12 DigitalSupporters.";
    err_too_large: "Zu viele Einträge: höchstens 20 Optionen, 20 Kriterien und je 10 Vor- und Nachteile.", "Too many entries: at most 20 options, 20 criteria and 10 advantages and disadvantages each.";
    err_scale: "Die Skala passt nicht: von einem niedrigeren zu einem höheren Wert zwischen 0 und 10, mit keiner oder genau einer Bezeichnung je Punktwert.", "The scale does not fit: from a lower to a higher score within 0–10, with no label or exactly one per score.";
    err_weight: "Ein Gewicht muss zwischen 1 und 10 liegen.", "A weight must be between 1 and 10.";
    err_duplicate: "Ein Eintrag ist doppelt.", "An entry is given twice.";
    err_score_range: "Ein Punktwert liegt außerhalb der Skala.", "A score lies outside the scale.";
    err_title_long: "Ein Titel ist zu lang.", "A title is too long.";
    err_too_long: "Ein Text ist zu lang.", "A text is too long.";
    err_invalid: "Ein Text enthält Zeichen, die nicht erlaubt sind (z. B. < oder >).", "A text contains characters that are not allowed (such as < or >).";
}

impl ResultTexts {
    pub fn state(&self, s: MatrixState) -> &'static str {
        match s {
            MatrixState::Open => self.state_open,
            MatrixState::Closed => self.state_closed,
            MatrixState::Published => self.state_published,
        }
    }

    /// The section's own text for an error code of the matrix endpoints.
    fn error(&self, code: ErrorCode) -> Option<&'static str> {
        Some(match code {
            ErrorCode::MatrixClosed => self.err_closed,
            ErrorCode::MatrixNotClosed => self.err_not_closed,
            ErrorCode::NotInvited => self.err_not_invited,
            ErrorCode::UnknownMatrix => self.err_unknown_matrix,
            ErrorCode::UnknownExpert => self.err_unknown_expert,
            ErrorCode::ExpertLimit => self.err_expert_limit,
            ErrorCode::MatrixTooLarge => self.err_too_large,
            ErrorCode::ScaleInvalid => self.err_scale,
            ErrorCode::WeightOutOfRange => self.err_weight,
            ErrorCode::DuplicateEntry => self.err_duplicate,
            ErrorCode::ScoreOutOfRange => self.err_score_range,
            ErrorCode::TitleTooLong => self.err_title_long,
            ErrorCode::BodyTooLong => self.err_too_long,
            ErrorCode::BodyInvalid | ErrorCode::TitleInvalid => self.err_invalid,
            _ => return None,
        })
    }
}

/// Picks one text of the table.
pub type Text = fn(&'static ResultTexts) -> &'static str;

/// The section's texts in the current language (reactive).
pub fn texts_of(i18n: I18n) -> &'static ResultTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A text of the section, following a language switch (as `i18n::tr` for the shared texts).
pub fn rt(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(texts_of(i18n))
}

/// The text of an answer to a write, for the status line next to a form: `done`, or why not
/// (the section's reading of a matrix error code, else the shared one).
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

/// A mean or total with at most two decimals, in the language's notation ("22,5", "3.25").
pub fn number(x: f64, lang: Lang) -> String {
    // Integer arithmetic: no float formatting code in the bundle.
    #[allow(clippy::cast_possible_truncation)] // scores and totals are small
    let hundredths = (x * 100.0).round() as i64;
    let mut s = (hundredths / 100).to_string();
    let frac = (hundredths % 100).unsigned_abs();
    if frac != 0 {
        s.push(if lang == Lang::De { ',' } else { '.' });
        let digits = format!("{frac:02}");
        s.push_str(digits.trim_end_matches('0'));
    }
    s
}

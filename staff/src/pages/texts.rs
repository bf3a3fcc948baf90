//! The texts of the lazily loaded sections (sign-in, comments, reports, audit log, settings,
//! the queue's action panels), in German and English: a table of their own, used only by the
//! sections' code, so the splitter moves it out of the queue's first route.

use crate::i18n::{texts, use_i18n, I18n, Lang};

texts! { SectionTexts, DE, EN;
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

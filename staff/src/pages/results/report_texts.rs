//! The texts of the committee report, in German and English (loaded with the section's chunk).

use crate::i18n::{texts, use_i18n, I18n, Lang};
use werkstadt_domain::channel::Channel;
use werkstadt_domain::projects::DecisionBody;

texts! { ReportTexts, DE, EN;
    open_heading: "Bericht an ein Gremium", "Report to a committee";
    open_intro: "Ein druckfertiger Bericht aus den aktuellen Daten für einen Zeitraum: Verfahren, Beteiligung, Handlungsfelder, Top-Ideen, Bewertungen und Projekte. Über „Drucken“ als PDF speichern.", "A printable report from live data for a range of days: method, participation, fields of action, top ideas, evaluations and projects. Save it as PDF via “Print”.";
    open_button: "Bericht erstellen", "Create a report";
    back: "Zurück zu den Ergebnissen", "Back to the results";
    form_process: "Prozess", "Process";
    current_process: "{n} (aktuell)", "{n} (current)";
    form_body: "Gremium", "Committee";
    form_from: "Von (leer: Beginn des Prozesses)", "From (empty: start of the process)";
    form_to: "Bis (leer: heute)", "To (empty: today)";
    show: "Bericht anzeigen", "Show report";
    print: "Drucken / als PDF speichern", "Print / save as PDF";
    loading: "Der Bericht wird erstellt …", "Creating the report …";
    title_digitalisierungsausschuss: "Bericht an den Digitalisierungsausschuss", "Report to the Digitalisierungsausschuss (digital committee)";
    title_verwaltungsvorstand: "Bericht an den Verwaltungsvorstand", "Report to the Verwaltungsvorstand (executive board)";
    title_aufsichtsrat_swb: "Bericht an den Aufsichtsrat der SWB", "Report to the Aufsichtsrat der SWB (supervisory board)";
    title_other: "Bericht zur Bürgerbeteiligung", "Report on citizen participation";
    period: "Zeitraum: {n} bis {m}", "Period: {n} to {m}";
    as_of: "Stand: {n}", "As of: {n}";
    page_of: "Seite", "Page";
    method: "Prozess und Methode", "Process and method";
    process_title: "Prozess", "Process";
    runs: "Laufzeit", "Runs";
    moderation: "Moderation", "Moderation";
    moderation_pre: "vorab (Beiträge warten auf Freigabe)", "before publication (contributions wait for approval)";
    moderation_post: "nachträglich (Beiträge erscheinen sofort)", "after publication (contributions appear at once)";
    verified_only: "Zählung", "Counting";
    verified_only_yes: "nur bestätigte Teilnehmende (Beteiligungscode)", "verified participants only (participation code)";
    verified_only_no: "alle Teilnehmenden", "all participants";
    dot_budget: "Punkte je Person", "Dots per person";
    licence: "Lizenz der offenen Daten", "Licence of the open data";
    phases: "Phasen", "Phases";
    phase: "Phase", "Phase";
    from_to: "{n} – {m}", "{n} – {m}";
    open_modules: "Geöffnet", "Open";
    mod_ideas: "Ideen", "ideas";
    mod_supports: "Unterstützen", "supports";
    mod_dots: "Punkte", "dots";
    mod_comments: "Kommentare", "comments";
    participation: "Beteiligung", "Participation";
    by_channel: "Beteiligung nach Zugang", "Participation by channel";
    channel: "Zugang", "Channel";
    participants: "Teilnehmende", "Participants";
    ideas: "Ideen", "Ideas";
    comments: "Kommentare", "Comments";
    supports: "Unterstützungen", "Supports";
    dot_ballots: "Punkte vergeben", "Placed dots";
    total: "Gesamt", "Total";
    web: "Website", "Website";
    code: "Beteiligungscode", "Participation code";
    kiosk: "Kiosk", "Kiosk";
    workshop: "Veranstaltung (Handy)", "Event (phone)";
    verified: "Bestätigt: {n}, nicht bestätigt: {m}", "Verified: {n}, not verified: {m}";
    per_day: "Aktive Teilnehmende pro Tag", "Active participants per day";
    day: "Tag", "Day";
    no_days: "Keine Beteiligung im Zeitraum.", "No participation in this period.";
    ranking: "Handlungsfelder nach Punkten", "Fields of action by dots";
    rank: "Rang", "Rank";
    theme: "Handlungsfeld", "Field of action";
    points: "Punkte", "Dots";
    top_ideas: "Top-Ideen mit offizieller Antwort", "Top ideas with official answers";
    idea: "Idee", "Idea";
    answer: "Offizielle Antwort", "Official answer";
    no_answer: "noch keine", "none yet";
    none: "Keine.", "None.";
    matrices: "Bewertungsmatrizen", "Evaluation matrices";
    projects: "Projekte", "Projects";
    project: "Projekt", "Project";
    status: "Stand", "Status";
    responsible: "Verantwortlich", "Responsible";
    milestones: "Meilensteine", "Milestones";
    decisions: "Beschlüsse im Zeitraum", "Decisions in this period";
    done_on: "erledigt {n}", "done {n}";
    due_on: "fällig {n}", "due {n}";
}

pub fn texts_of(i18n: I18n) -> &'static ReportTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// A text of the report, following a language switch.
pub fn rp(
    text: fn(&'static ReportTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || text(texts_of(i18n))
}

impl ReportTexts {
    pub fn title(&self, b: DecisionBody) -> &'static str {
        match b {
            DecisionBody::Digitalisierungsausschuss => self.title_digitalisierungsausschuss,
            DecisionBody::Verwaltungsvorstand => self.title_verwaltungsvorstand,
            DecisionBody::AufsichtsratSwb => self.title_aufsichtsrat_swb,
            DecisionBody::Rat | DecisionBody::Other => self.title_other,
        }
    }

    pub fn channel(&self, c: Channel) -> &'static str {
        match c {
            Channel::Web => self.web,
            Channel::Code => self.code,
            Channel::Kiosk => self.kiosk,
            Channel::Workshop => self.workshop,
        }
    }
}

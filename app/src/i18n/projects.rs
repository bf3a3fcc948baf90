//! The texts of the project pages, the news and following, in German and English: a table of
//! their own, read only by code in the participation chunk (out of the first route).

use super::{I18n, Lang};
use werkstadt_domain::projects::{DecisionBody, DecisionOutcome, ProjectStatus};

pub struct ProjectTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub filter_status: &'static str,
    pub filter_all: &'static str,
    pub status: [&'static str; 5],
    pub progress: &'static str,
    pub no_milestones: &'static str,
    pub back: &'static str,
    pub theme: &'static str,
    pub responsible: &'static str,
    pub starts: &'static str,
    pub funding: &'static str,
    pub own_budget: &'static str,
    pub programme: &'static str,
    pub sources_heading: &'static str,
    pub milestones_heading: &'static str,
    pub due: &'static str,
    pub done: &'static str,
    pub history_heading: &'static str,
    pub decisions_heading: &'static str,
    pub bodies: [&'static str; 4],
    pub outcomes: [&'static str; 4],
    pub reference: &'static str,
    pub decision_link: &'static str,
    pub created: &'static str,
    pub status_changed: &'static str,
    pub milestone_done: &'static str,
    pub update: &'static str,
    pub answer: &'static str,
    pub follow_project: &'static str,
    pub follow_theme: &'static str,
    pub follow_idea: &'static str,
    pub follow_hint: &'static str,
    pub followed_indirectly: &'static str,
    pub became: &'static str,
    pub news_heading: &'static str,
    pub news_intro: &'static str,
    pub news_none: &'static str,
    pub unread_marker: &'static str,
    pub unread: (&'static str, &'static str),
    pub mark_read: &'static str,
    pub mark_all_read: &'static str,
}

pub static DE: ProjectTexts = ProjectTexts {
    heading: "Projekte",
    intro: "Was aus den Ideen wird: Maßnahmen mit ihren Meilensteinen und den Beschlüssen der Gremien.",
    none: "Hier gibt es noch keine Projekte.",
    filter_status: "Status",
    filter_all: "Alle",
    status: ["geplant", "in Umsetzung", "pausiert", "abgeschlossen", "verworfen"],
    progress: "{n} von {m} Meilensteinen erreicht",
    no_milestones: "Noch keine Meilensteine",
    back: "Alle Projekte",
    theme: "Handlungsfeld",
    responsible: "Verantwortlich",
    starts: "Beginn",
    funding: "Finanzierung",
    own_budget: "Eigenmittel: {n}",
    programme: "Förderprogramm {t}: {n}",
    sources_heading: "Entstanden aus diesen Ideen",
    milestones_heading: "Meilensteine",
    due: "geplant bis {t}",
    done: "erreicht am {t}",
    history_heading: "Verlauf",
    decisions_heading: "Beschlüsse der Gremien",
    bodies: ["Digitalisierungsausschuss", "Verwaltungsvorstand", "Aufsichtsrat der Stadtwerke Bielefeld", "Rat der Stadt"],
    outcomes: ["beschlossen", "abgelehnt", "vertagt", "zur Kenntnis genommen"],
    reference: "Vorlage {t}",
    decision_link: "Beschluss ansehen",
    created: "Projekt angelegt, Status: {t}",
    status_changed: "Neuer Status: {t}",
    milestone_done: "Meilenstein erreicht: {t}",
    update: "Neuigkeit aus dem Projekt",
    answer: "Offizielle Antwort: {t}",
    follow_project: "Projekt folgen",
    follow_theme: "Handlungsfeld folgen",
    follow_idea: "Idee folgen",
    follow_hint: "Was sich tut, finden Sie unter „Neuigkeiten“ – auch offline.",
    followed_indirectly: "Sie erhalten Neuigkeiten zu diesem Projekt, weil Sie einer seiner Ideen oder seinem Handlungsfeld folgen.",
    became: "Daraus wurde das Projekt",
    news_heading: "Neuigkeiten",
    news_intro: "Was sich bei den Projekten, Handlungsfeldern und Ideen getan hat, denen Sie folgen (Ihren eigenen Ideen folgen Sie von Anfang an).",
    news_none: "Noch keine Neuigkeiten. Folgen Sie einem Projekt, einem Handlungsfeld oder einer Idee.",
    unread_marker: "neu",
    unread: ("1 ungelesen", "{n} ungelesen"),
    mark_read: "Als gelesen markieren",
    mark_all_read: "Alle als gelesen markieren",
};

pub static EN: ProjectTexts = ProjectTexts {
    heading: "Projects",
    intro: "What becomes of the ideas: measures with their milestones and the committees' decisions.",
    none: "There are no projects yet.",
    filter_status: "Status",
    filter_all: "All",
    status: ["planned", "in progress", "paused", "completed", "discarded"],
    progress: "{n} of {m} milestones reached",
    no_milestones: "No milestones yet",
    back: "All projects",
    theme: "Field of action",
    responsible: "Responsible",
    starts: "Start",
    funding: "Funding",
    own_budget: "Own budget: {n}",
    programme: "Funding programme {t}: {n}",
    sources_heading: "Grew from these ideas",
    milestones_heading: "Milestones",
    due: "due {t}",
    done: "reached on {t}",
    history_heading: "History",
    decisions_heading: "Committee decisions",
    bodies: ["Digitalisation Committee", "Executive Board of the Administration", "Supervisory Board of Stadtwerke Bielefeld", "City Council"],
    outcomes: ["adopted", "rejected", "deferred", "noted"],
    reference: "Document {t}",
    decision_link: "View the decision",
    created: "Project set up, status: {t}",
    status_changed: "New status: {t}",
    milestone_done: "Milestone reached: {t}",
    update: "Project update",
    answer: "Official answer: {t}",
    follow_project: "Follow project",
    follow_theme: "Follow field of action",
    follow_idea: "Follow idea",
    follow_hint: "You find what happens under “News” – offline too.",
    followed_indirectly: "You get news about this project because you follow one of its ideas or its field of action.",
    became: "This became the project",
    news_heading: "News",
    news_intro: "What happened to the projects, fields of action and ideas you follow (you follow your own ideas from the start).",
    news_none: "No news yet. Follow a project, a field of action or an idea.",
    unread_marker: "new",
    unread: ("1 unread", "{n} unread"),
    mark_read: "Mark as read",
    mark_all_read: "Mark all as read",
};

impl ProjectTexts {
    pub fn status(&self, s: ProjectStatus) -> &'static str {
        self.status[ProjectStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    /// The body's name; `other` is named by the decision itself.
    pub fn body(&self, b: DecisionBody, other: Option<&str>) -> String {
        match b {
            DecisionBody::Digitalisierungsausschuss => self.bodies[0].into(),
            DecisionBody::Verwaltungsvorstand => self.bodies[1].into(),
            DecisionBody::AufsichtsratSwb => self.bodies[2].into(),
            DecisionBody::Rat => self.bodies[3].into(),
            DecisionBody::Other => other.unwrap_or_default().into(),
        }
    }

    pub fn outcome(&self, o: DecisionOutcome) -> &'static str {
        self.outcomes[DecisionOutcome::ALL
            .iter()
            .position(|x| *x == o)
            .unwrap_or(0)]
    }
}

/// The project texts in the current language (reactive).
pub fn prt(i18n: I18n) -> &'static ProjectTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

//! The first screen's HTML: the same elements and classes the app draws for the page (so the
//! stylesheets lay it out alike, and nothing moves when the app takes over), in German, the
//! app's first language. Every text from the database is escaped.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use werkstadt_domain::api::{IdeaPage, ThemeSummary};
use werkstadt_domain::moderation::OfficialStatus;
use werkstadt_domain::replica::excerpt;
use werkstadt_domain::stats::berlin_date;
use werkstadt_domain::sync::IdeaRecord;

/// What goes into the page: its title, a description for link previews, and the content.
pub struct Screen {
    title: String,
    description: String,
    main: String,
}

/// Characters of a text in a link preview's description.
const DESCRIPTION_CHARS: usize = 160;

/// Where the first screen goes in the app's page (`public/index.html`).
const MARKER: &str = "<!--vorschau-->";

/// The app's page with `screen` in it; `None` if the page lacks a place for it. The page's
/// own places are found first, in the template alone: no text from the database can be
/// mistaken for one.
pub fn insert(template: &str, screen: &Screen) -> Option<String> {
    // The lazily loaded pages' rules apply at once: the first screen uses them.
    let sheet = template.find("id=\"seiten-css\"")?;
    let tag_end = sheet + template[sheet..].find('>')?;
    let media = sheet + template[sheet..tag_end].find(" media=\"print\"")?;
    let template = format!(
        "{}{}",
        &template[..media],
        &template[media + " media=\"print\"".len()..]
    );
    let (head, body) = template.split_once("</head>")?;
    let (before, after) = body.split_once(MARKER)?;
    let description = attr(&screen.description);
    let head = between(
        head,
        "<meta name=\"description\" content=\"",
        "\"",
        &description,
    )?;
    let title = format!("{} – werkstadt", text(&screen.title));
    let head = between(&head, "<title>", "</title>", &title)?;
    // Link previews (messengers, social networks) read Open Graph.
    let og = format!(
        "<meta property=\"og:site_name\" content=\"werkstadt\">\n  \
         <meta property=\"og:title\" content=\"{}\">\n  \
         <meta property=\"og:description\" content=\"{description}\">\n",
        attr(&screen.title)
    );
    Some(format!("{head}{og}</head>{before}{}{after}", screen.main))
}

/// `page` with the text between the first `start` and the `end` after it replaced.
fn between(page: &str, start: &str, end: &str, new: &str) -> Option<String> {
    let from = page.find(start)? + start.len();
    let to = from + page[from..].find(end)?;
    Some(format!("{}{new}{}", &page[..from], &page[to..]))
}

/// "1 Unterstützung", "12 Unterstützungen" (the app's `count`).
fn supports(n: u32) -> String {
    if n == 1 {
        "1 Unterstützung".to_owned()
    } else {
        format!("{n} Unterstützungen")
    }
}

/// The site's header and footer as the app draws them on these pages (in German, whatever
/// language the device chose: the app switches once it runs); its controls work once the app
/// does.
fn chrome(main: &str) -> String {
    let nav = [
        ("/", "Start"),
        ("/neu", "Idee einreichen"),
        ("/punkte", "Punkte verteilen"),
        ("/ergebnisse", "Ergebnisse"),
        ("/projekte", "Projekte"),
    ]
    .iter()
    .map(|(href, label)| {
        let current = if *href == "/" {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
    })
    .collect::<String>();
    format!(
        "<div id=\"vorschau\" lang=\"de\">\
<a class=\"skip-link\" href=\"#vorschau-inhalt\" rel=\"external\">Zum Inhalt springen</a>\
<header class=\"site-header\"><div class=\"brand\"><a href=\"/\" class=\"brand-name\">werkstadt</a>\
<span class=\"brand-tagline\">Bürgerbeteiligung Smart City Bielefeld</span></div>\
<a class=\"news-link\" href=\"/neuigkeiten\">Neuigkeiten</a>\
<button type=\"button\" class=\"lang-switch\" lang=\"en\" aria-label=\"Switch to English\" disabled>English</button>\
<nav aria-label=\"Hauptnavigation\"><ul>{nav}</ul></nav></header>\
<div class=\"sync-bar\"><span class=\"sync-state\">Wird geladen …</span></div>\
<main id=\"vorschau-inhalt\" tabindex=\"-1\">{main}</main>\
<footer class=\"site-footer\"><p>Ein Angebot des Digitalisierungsbüros Bielefeld. Pseudonym, ohne Tracker, \
ohne Daten an Dritte.</p><p><a href=\"/code\">Teilnahmecode einlösen</a> · <a href=\"/meine-daten\">Meine Daten</a> · \
<a href=\"/datenschutz.html\" rel=\"external\">Datenschutz</a></p></footer></div>"
    )
}

/// A theme with the first page of its ideas, most supported first (`ThemePage`).
pub fn theme(theme: &ThemeSummary, page: &IdeaPage) -> Screen {
    let ideas = page
        .ideas
        .iter()
        .map(|i| {
            format!(
                "<li class=\"idea-item\"><h2><a href=\"/ideen/{}\">{}</a></h2><p>{}</p>\
<p class=\"meta support-count\">{}</p></li>",
                i.id,
                text(&i.title),
                text(&i.excerpt),
                supports(i.support_count)
            )
        })
        .collect::<String>();
    let none = if page.ideas.is_empty() {
        "<p class=\"notice\">Hier gibt es noch keine Ideen. Reichen Sie die erste ein!</p>"
    } else {
        ""
    };
    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
    let pagination = if pages > 1 {
        format!(
            "<nav class=\"pagination\" aria-label=\"Seiten\">\
<button type=\"button\" disabled>Vorherige Seite</button><span>Seite 1 von {pages}</span>\
<button type=\"button\" disabled>Nächste Seite</button></nav>"
        )
    } else {
        String::new()
    };
    let main = format!(
        "<h1 tabindex=\"-1\">{title}</h1><p>{description}</p>\
<p class=\"actions\"><a class=\"button\" href=\"/neu?thema={id}\">Idee zu diesem Handlungsfeld einreichen</a></p>\
<div class=\"follow\"><button type=\"button\" class=\"toggle follow-button\" aria-pressed=\"false\" disabled>Handlungsfeld folgen</button></div>\
<div class=\"sort\" role=\"group\" aria-label=\"Sortierung\"><span class=\"sort-label\" aria-hidden=\"true\">Sortierung: </span>\
<button type=\"button\" class=\"toggle\" aria-pressed=\"true\" disabled>Meiste Unterstützung</button>\
<button type=\"button\" class=\"toggle\" aria-pressed=\"false\" disabled>Neueste zuerst</button></div>\
{none}<ul class=\"idea-list\">{ideas}</ul>{pagination}",
        title = text(&theme.title),
        description = text(&theme.description),
        id = theme.id,
    );
    Screen {
        title: theme.title.clone(),
        description: excerpt(&theme.description, DESCRIPTION_CHARS),
        main: chrome(&main),
    }
}

/// The official answer's status, as the app words it (`Texts::official_status`).
fn answer_status(status: OfficialStatus) -> &'static str {
    match status {
        OfficialStatus::Received => "Eingegangen",
        OfficialStatus::InReview => "In Prüfung",
        OfficialStatus::Accepted => "Angenommen",
        OfficialStatus::Implemented => "Umgesetzt",
        OfficialStatus::Declined => "Abgelehnt",
    }
}

/// A published idea: its theme, title, date, text, the office's answer and the support count
/// (`IdeaPage`).
pub fn idea(idea: &IdeaRecord, theme_title: &str) -> Screen {
    let (y, m, d) = berlin_date(idea.created_at);
    let answer = idea.answer.as_ref().map_or_else(String::new, |a| {
        format!(
            "<section class=\"official-answer\" aria-labelledby=\"vorschau-antwort\">\
<h2 id=\"vorschau-antwort\">Antwort des Digitalisierungsbüros</h2>\
<p class=\"answer-status\"><strong>{}</strong></p><p>{}</p></section>",
            answer_status(a.status),
            text(&a.text)
        )
    });
    let main = format!(
        "<article class=\"idea\"><p class=\"breadcrumb\"><a href=\"/themen/{theme_id}\">\
Zurück zum Handlungsfeld {theme}</a></p><h1 tabindex=\"-1\">{title}</h1>\
<p class=\"meta\">Eingereicht am {d}.{m}.{y}</p><p class=\"idea-body\">{body}</p>{answer}\
<details class=\"report\"><summary>Melden</summary><p class=\"meta\">Die Seite lädt noch. Gleich können \
Sie hier melden.</p></details>\
<div class=\"support\"><button type=\"button\" class=\"button support-button\" aria-pressed=\"false\" disabled>Unterstützen</button>\
<p class=\"support-count\">{count}</p></div><div class=\"follow\"><button type=\"button\" class=\"toggle follow-button\" \
aria-pressed=\"false\" disabled>Idee folgen</button></div></article>",
        theme_id = idea.theme_id,
        theme = text(theme_title),
        title = text(&idea.title),
        body = text(&idea.body),
        count = supports(idea.support_count),
    );
    Screen {
        title: idea.title.clone(),
        description: excerpt(&idea.body, DESCRIPTION_CHARS),
        main: chrome(&main),
    }
}

#[cfg(test)]
mod tests;

use super::idea as idea_screen;
use super::*;
use werkstadt_domain::moderation::IdeaStatus;
use werkstadt_domain::{IdeaId, ProcessId, ThemeId};

/// The app's page as `cargo xtask dist` writes it (the placeholders do not matter here).
const TEMPLATE: &str = include_str!("../../../../../public/index.html");

const ID: &str = "01a22e3d-51ba-72c2-b6e0-cf95774f13da";

fn hostile_idea() -> IdeaRecord {
    IdeaRecord {
        id: IdeaId(ID.parse().expect("uuid")),
        theme_id: ThemeId(ID.parse().expect("uuid")),
        title: "<script>alert(1)</script> \"Tablets\"".to_owned(),
        body: "Zeile 1\n<img src=x onerror=alert(2)> & mehr".to_owned(),
        support_count: 1,
        comment_count: 0,
        // 2026-03-28 23:30 UTC: already the 29th in Bielefeld (00:30 CET).
        created_at: 1_774_740_600_000,
        status: IdeaStatus::Published,
        reason: None,
        merged_into: None,
        answer: None,
        project_id: None,
    }
}

/// The screen of `idea` in the theme "Bildung & Schule".
fn idea(idea: &IdeaRecord) -> Screen {
    idea_screen(idea, "Bildung & Schule")
}

#[test]
fn idea_text_is_escaped_everywhere_it_appears() {
    let page = insert(TEMPLATE, &idea(&hostile_idea())).expect("the template has its places");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(page
        .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; \"Tablets\" – werkstadt</title>"));
    assert!(page.contains(
        "<meta property=\"og:title\" content=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;Tablets&quot;\">"
    ));
    assert!(page.contains(
        "<p class=\"idea-body\">Zeile 1\n&lt;img src=x onerror=alert(2)&gt; &amp; mehr</p>"
    ));
    assert!(page.contains("Zurück zum Handlungsfeld Bildung &amp; Schule"));
    assert!(page.contains("<p class=\"support-count\">1 Unterstützung</p>"));
    // The date as the app writes it in German (`toLocaleDateString("de")`), in Bielefeld's time.
    assert!(page.contains("Eingereicht am 29.3.2026"), "{page}");
}

#[test]
fn the_first_screen_sits_in_the_page_once_with_the_pages_rules_on() {
    let page = insert(TEMPLATE, &idea(&hostile_idea())).expect("inserted");
    assert_eq!(page.matches("id=\"vorschau\"").count(), 1);
    assert!(!page.contains(MARKER));
    // After the trap notice, so a trap still shows; before the app's own nodes.
    let trap = page.find("id=\"absturz\"").expect("the trap notice");
    assert!(trap < page.find("id=\"vorschau\"").expect("the first screen"));
    let sheet = &page[page.find("id=\"seiten-css\"").expect("sheet")..];
    assert!(!sheet[..sheet.find('>').expect("end")].contains("media=\"print\""));
    assert_eq!(page.matches("<meta name=\"description\"").count(), 1);
    assert!(page.contains("<meta name=\"description\" content=\"Zeile 1\n&lt;img"));
}

#[test]
fn the_offices_answer_shows_under_the_text_escaped() {
    let mut record = hostile_idea();
    let page = insert(TEMPLATE, &idea(&record)).expect("inserted");
    assert!(!page.contains("official-answer"), "no answer, no section");
    record.answer = Some(werkstadt_domain::moderation::OfficialAnswer {
        status: werkstadt_domain::moderation::OfficialStatus::InReview,
        text: "Das Schulamt <b>prüft</b> die Kosten.".to_owned(),
        at: 0,
    });
    let page = insert(TEMPLATE, &idea(&record)).expect("inserted");
    assert!(
        page.contains(
            "mehr</p><section class=\"official-answer\" aria-labelledby=\"vorschau-antwort\">\
<h2 id=\"vorschau-antwort\">Antwort des Digitalisierungsbüros</h2>\
<p class=\"answer-status\"><strong>In Prüfung</strong></p>\
<p>Das Schulamt &lt;b&gt;prüft&lt;/b&gt; die Kosten.</p></section>"
        ),
        "{page}"
    );
}

#[test]
fn text_that_looks_like_the_pages_places_changes_nothing_of_them() {
    let mut idea = hostile_idea();
    idea.title = "id=\"seiten-css\" media=\"print\" <title></title> <!--vorschau-->".to_owned();
    let page = insert(TEMPLATE, &super::idea(&idea, "Bildung")).expect("inserted");
    let sheet = &page[page.find("<link id=\"seiten-css\"").expect("sheet")..];
    assert!(!sheet[..sheet.find('>').expect("end")].contains("media=\"print\""));
    assert!(page.contains(
        "<title>id=\"seiten-css\" media=\"print\" &lt;title&gt;&lt;/title&gt; &lt;!--vorschau--&gt; – werkstadt</title>"
    ));
    assert_eq!(page.matches("<div id=\"vorschau\"").count(), 1);
}

#[test]
fn a_page_without_a_place_for_it_stays_plain() {
    let screen = idea(&hostile_idea());
    assert!(insert(&TEMPLATE.replace(MARKER, ""), &screen).is_none());
    assert!(insert("<html><body></body></html>", &screen).is_none());
}

#[test]
fn theme_lists_its_first_ideas_and_says_how_many_pages_follow() {
    let theme_id = ThemeId(ID.parse().expect("uuid"));
    let summary = ThemeSummary {
        id: theme_id,
        title: "Mobilität".to_owned(),
        description: "Bus & Rad".to_owned(),
        idea_count: 45,
        dot_points: 0,
        position: 0,
        process_id: ProcessId::default(),
        retired: false,
    };
    let idea = |n: u32| werkstadt_domain::api::IdeaSummary {
        id: IdeaId(ID.parse().expect("uuid")),
        theme_id,
        title: format!("Idee {n}"),
        excerpt: format!("Text {n} <b>"),
        support_count: n,
        created_at: 0,
    };
    let page = IdeaPage {
        theme: summary.clone(),
        ideas: (0..20).map(idea).collect(),
        page: 1,
        per_page: 20,
        total: 45,
    };
    let html = insert(TEMPLATE, &theme(&summary, &page)).expect("inserted");
    assert_eq!(html.matches("<li class=\"idea-item\">").count(), 20);
    assert!(html
        .contains("<p>Text 3 &lt;b&gt;</p><p class=\"meta support-count\">3 Unterstützungen</p>"));
    assert!(html.contains("<p class=\"meta support-count\">0 Unterstützungen</p>"));
    assert!(html.contains("<span>Seite 1 von 3</span>"));
    assert!(html.contains("<p>Bus &amp; Rad</p>"));
    assert!(html.contains("href=\"/neu?thema=01a22e3d-51ba-72c2-b6e0-cf95774f13da\""));

    let empty = IdeaPage {
        ideas: Vec::new(),
        total: 0,
        ..page
    };
    let html = insert(TEMPLATE, &theme(&summary, &empty)).expect("inserted");
    assert!(html.contains("Hier gibt es noch keine Ideen."));
    assert!(!html.contains("class=\"pagination\""));
}

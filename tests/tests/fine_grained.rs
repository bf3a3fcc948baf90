//! Fine-grained views: news about something that is not on the page changes none of its DOM
//! nodes, news about one row changes only that row, and open forms keep their text, caret and
//! focus through syncs and a language switch. Counted with a `MutationObserver`.

use werkstadt_tests::{get_json, push_as, push_idea, Browser, Page, Server, Viewport};

/// Starts recording every DOM mutation under `root` (`window.__muts`: the mutated nodes).
async fn observe(page: &Page<'_>, root: &str) {
    page.eval(&format!(
        "window.__muts = []; new MutationObserver(list => {{ for (const m of list) window.__muts.push(m.target); }})\
         .observe(document.querySelector({root:?}), {{subtree: true, childList: true, characterData: true, attributes: true}}); return true;"
    ))
    .await;
}

/// How many mutations were recorded, and how many of them happened outside `inside`.
async fn mutations_outside(page: &Page<'_>, inside: &str) -> (u64, u64) {
    let v = page
        .eval(&format!(
            "const el = document.querySelector({inside:?}); \
             return [window.__muts.length, window.__muts.filter(t => !(el && el.contains(t))).length];"
        ))
        .await;
    (v[0].as_u64().expect("count"), v[1].as_u64().expect("count"))
}

fn participant() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn support(idea: &str) -> serde_json::Value {
    serde_json::json!({"set_support": {"idea_id": idea, "supported": true}})
}

#[tokio::test]
async fn news_about_another_idea_leaves_an_idea_page_and_its_open_report_form_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let other = push_idea(
        &server.url,
        &participant(),
        "Mobilität",
        "Carsharing am Bahnhof",
    )
    .await;
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    let idea = page.open_demo_idea().await;
    // Open "Melden" and start typing a reason.
    page.click("details.report summary").await;
    let reason = "details.report input";
    page.type_with_caret(reason, "Enthält eine Telefonnummer", 7)
        .await;
    observe(&page, "main").await;

    // Someone else supports a different idea, then this one: the feed brings both, in order.
    push_as(&server.url, &participant(), support(&other)).await;
    push_as(&server.url, &participant(), support(&idea)).await;
    page.wait_text("1 Unterstützung").await;
    assert_eq!(
        get_json(&format!("{}/api/ideas/{other}", server.url)).await["support_count"],
        1
    );

    // Only the count changed: nothing for the other idea, the form untouched.
    let (all, outside) = mutations_outside(&page, ".support-count").await;
    assert!(all >= 1, "the count was updated");
    assert_eq!(
        outside, 0,
        "{all} mutations, {outside} outside the support count"
    );
    assert_eq!(
        page.field_state(reason).await,
        serde_json::json!(["Enthält eine Telefonnummer", 7, true]),
        "the reason keeps its text, caret and focus"
    );
    let open = page
        .eval("return document.querySelector('details.report').open;")
        .await;
    assert_eq!(open, true, "the report form stays open");
}

#[tokio::test]
async fn a_new_support_in_a_list_of_fifty_ideas_changes_only_that_row() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let author = participant();
    let mut ideas = Vec::new();
    for n in 0..50 {
        ideas.push(
            push_idea(
                &server.url,
                &author,
                "Bildung",
                &format!("Vorschlag Nummer {n}"),
            )
            .await,
        );
    }
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    page.goto("/").await;
    page.click_text("Bildung").await;
    page.wait_text("Vorschlag Nummer 0").await;
    // Newest first: a support does not move rows.
    page.click_button_in(".sort", "Neueste").await;
    page.wait_text("Vorschlag Nummer 49").await;
    observe(&page, "main").await;

    let target = &ideas[45];
    push_as(&server.url, &participant(), support(target)).await;
    let row = format!("li.idea-item:has(a[href='/ideen/{target}'])");
    let shown = page
        .eval(&format!("return document.querySelector({row:?}) !== null;"))
        .await;
    assert_eq!(shown, true, "the idea is on the first page");
    werkstadt_tests::eventually("the row shows the support", || async {
        let text = page.text_of(&format!("{row} .support-count")).await;
        (text == "1 Unterstützung").then_some(())
    })
    .await;

    let (all, outside) = mutations_outside(&page, &row).await;
    assert!(all >= 1, "the row was updated");
    assert_eq!(
        outside, 0,
        "{all} mutations, {outside} outside the supported idea's row"
    );
}

#[tokio::test]
async fn a_comment_draft_and_a_new_idea_draft_survive_syncs_and_a_language_switch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start(&dir.path().join("werkstadt.db"));
    let browser = Browser::start(Viewport::Desktop).await;
    let page = Page::new(&browser, &server.url);
    let idea = page.open_demo_idea().await;
    let comment = "#kommentar-text";
    page.type_with_caret(comment, "Gute Idee, aber bitte mit Jugendschutz", 4)
        .await;

    // A sync that changes this very idea, then a language switch (by script, as a keyboard
    // shortcut would: the focus stays in the field).
    push_as(&server.url, &participant(), support(&idea)).await;
    page.wait_text("1 Unterstützung").await;
    page.eval("document.querySelector('.lang-switch').click(); return true;")
        .await;
    page.wait_text("1 supporter").await;
    assert_eq!(
        page.field_state(comment).await,
        serde_json::json!(["Gute Idee, aber bitte mit Jugendschutz", 4, true]),
        "the comment draft keeps its text, caret and focus"
    );

    // The new-idea form, in English now: news arrive while the title is typed (the similar
    // ideas show them), then the language switches back.
    page.click_text("Submit idea").await;
    let title = "#idee-titel";
    page.find(title).await;
    page.type_with_caret(title, "Radwege bei Nacht", 5).await;
    push_idea(
        &server.url,
        &participant(),
        "Mobilität",
        "Radwege beleuchten",
    )
    .await;
    page.wait_text("Radwege beleuchten").await;
    page.eval("document.querySelector('.lang-switch').click(); return true;")
        .await;
    page.wait_text("Neue Idee einreichen").await;
    assert_eq!(
        page.field_state(title).await,
        serde_json::json!(["Radwege bei Nacht", 5, true]),
        "the idea draft keeps its text, caret and focus"
    );
}

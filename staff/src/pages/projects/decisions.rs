//! Committee decisions on a project or on an idea itself, newest first, and recording one:
//! body (or another body's name), date, reference, outcome, link and a short text.

use super::texts::{outcome, pt, texts_of, ProjectTexts};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::projects::{CommitteeDecision, DecisionBody, DecisionDraft, DecisionOutcome};
use werkstadt_domain::{IdeaId, ProjectId};

/// What the decisions are on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Project(ProjectId),
    Idea(IdeaId),
}
use werkstadt_web::{format_date, parse_date_input};

/// The decisions `list` on `target` and the form for a new one; `done` runs after one was
/// recorded (to load the list again).
#[component]
pub fn Decisions(
    target: Target,
    list: Signal<Vec<CommitteeDecision>>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let all = move || {
        let mut list = list.get();
        list.sort_by_key(|d| std::cmp::Reverse(d.decided_on));
        list
    };
    let none = move || list.with(Vec::is_empty);
    let body = RwSignal::new(String::new());
    let body_other = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let result = RwSignal::new(String::new());
    let link = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let other = move || body.get() == DecisionBody::Other.as_str();
    let msg = Status::of("decisions");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let body_now = DecisionBody::parse(&body.get_untracked());
        let draft = DecisionDraft {
            body: body_now,
            body_other: (body_now == Some(DecisionBody::Other)).then(|| body_other.get_untracked()),
            // Missing ones go to the server as missing: it names the rule (decision_incomplete).
            decided_on: parse_date_input(&date.get_untracked(), 0),
            reference: reference.get_untracked(),
            outcome: DecisionOutcome::parse(&result.get_untracked()),
            link: Some(link.get_untracked()).filter(|l| !l.trim().is_empty()),
            text: text.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = match target {
                Target::Project(id) => crate::api::add_decision(id, &draft, &csrf).await.map(drop),
                Target::Idea(idea) => crate::api::add_idea_decision(idea, &draft, &csrf)
                    .await
                    .map(drop),
            };
            msg.set(outcome(i18n, &r, texts_of(i18n).decision_added));
            if r.is_ok() {
                for s in [body, body_other, date, reference, result, link, text] {
                    s.set(String::new());
                }
                done.run(());
            }
        });
    };
    let input = move |fid: &'static str,
                      label: fn(&'static ProjectTexts) -> &'static str,
                      value: RwSignal<String>,
                      kind: &'static str| {
        view! {
            <div class="field">
                <label for=fid>{pt(label)}</label>
                <input id=fid type=kind required=kind == "date"
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <section aria-labelledby="projekt-beschluesse">
            <h2 id="projekt-beschluesse">{pt(|t| t.decisions)}</h2>
            <Show when=none>
                <p>{pt(|t| t.decisions_none)}</p>
            </Show>
            <ol class="decisions">
                <For each=all key=|d| d.id let:d>
                    <DecisionItem d/>
                </For>
            </ol>
            <form class="form" on:submit=add>
                <fieldset>
                    <legend>{pt(|t| t.decision_new)}</legend>
                    <div class="field">
                        <label for="beschluss-gremium">{pt(|t| t.decision_body)}</label>
                        <select id="beschluss-gremium" required on:change=move |ev| body.set(event_target_value(&ev))>
                            <option value="" selected=move || body.get().is_empty()>{pt(|t| t.theme_choose)}</option>
                            {DecisionBody::ALL.map(|b| view! {
                                <option value=b.as_str() selected=move || body.get() == b.as_str()>
                                    {move || texts_of(i18n).body(b)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=other>
                        {input("beschluss-gremium-name", |t| t.decision_body_other, body_other, "text")}
                    </Show>
                    {input("beschluss-datum", |t| t.decision_date, date, "date")}
                    {input("beschluss-aktenzeichen", |t| t.decision_reference, reference, "text")}
                    <div class="field">
                        <label for="beschluss-ergebnis">{pt(|t| t.decision_outcome)}</label>
                        <select id="beschluss-ergebnis" required on:change=move |ev| result.set(event_target_value(&ev))>
                            <option value="" selected=move || result.get().is_empty()>{pt(|t| t.theme_choose)}</option>
                            {DecisionOutcome::ALL.map(|o| view! {
                                <option value=o.as_str() selected=move || result.get() == o.as_str()>
                                    {move || texts_of(i18n).outcome(o)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    {input("beschluss-link", |t| t.decision_link, link, "url")}
                    <div class="field">
                        <label for="beschluss-text">{pt(|t| t.decision_text)}</label>
                        <textarea id="beschluss-text" rows="3" prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </div>
                </fieldset>
                <button type="submit" class="button">{pt(|t| t.decision_add)}</button>
                <p role="status" class="form-status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

/// One decision in the dated history.
#[component]
fn DecisionItem(d: CommitteeDecision) -> impl IntoView {
    let i18n = use_i18n();
    let CommitteeDecision {
        body,
        body_other,
        decided_on,
        reference,
        outcome,
        link,
        text,
        ..
    } = d;
    let who = move || match &body_other {
        Some(name) => name.clone(),
        None => texts_of(i18n).body(body).to_owned(),
    };
    view! {
        <li class="decision">
            <p>
                <strong>{move || format_date(decided_on, i18n.lang().code())}</strong>
                " · " {who} " · " {move || texts_of(i18n).outcome(outcome)}
                {(!reference.is_empty()).then(|| view! {
                    " · " {move || fill(texts_of(i18n).decision_reference_shown, &reference, "")}
                })}
            </p>
            {(!text.is_empty()).then(|| view! { <p class="idea-body">{text}</p> })}
            {link.map(|l| {
                let href = l.clone();
                view! { <p><a href=href rel="external noopener noreferrer">{l}</a></p> }
            })}
        </li>
    }
}

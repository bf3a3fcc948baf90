//! A process's details: title, description, dates, dot budget, moderation, verification;
//! creating one, and making one the current process.

use super::texts::{pt, texts_of, ProcessTexts};
use super::{outcome, Reload, Status};
use crate::desk::use_desk;
use crate::i18n::use_i18n;
use crate::pages::texts::{section_texts, st};
use leptos::prelude::*;
use werkstadt_domain::api::Process;
use werkstadt_domain::moderation::ModerationMode;
use werkstadt_domain::setup::ProcessDraft;
use werkstadt_domain::{ErrorCode, DOT_BUDGET};
use werkstadt_web::http::ClientError;
use werkstadt_web::{date_input_value, parse_date_input};

#[component]
pub fn Details(process: Option<Process>, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = process.as_ref().map(|p| p.id);
    let current = process.as_ref().is_some_and(|p| p.current);
    let p = process.as_ref();
    let title = RwSignal::new(p.map(|p| p.title.clone()).unwrap_or_default());
    let description = RwSignal::new(p.map(|p| p.description.clone()).unwrap_or_default());
    let start = RwSignal::new(p.map(|p| date_input_value(p.starts_at)).unwrap_or_default());
    let end = RwSignal::new(
        p.map(|p| date_input_value(p.ends_at - 1))
            .unwrap_or_default(),
    );
    let budget = RwSignal::new(p.map_or(DOT_BUDGET, |p| p.dot_budget).to_string());
    let pre = RwSignal::new(p.is_some_and(|p| p.moderation == ModerationMode::Pre));
    let verified = RwSignal::new(p.is_some_and(|p| p.verified_only));
    let licence = RwSignal::new(
        p.map(|p| p.licence.clone())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| werkstadt_domain::export::DEFAULT_LICENCE.to_owned()),
    );
    let msg = Status::of("details");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let (Some(starts_at), Some(ends_at)) = (
            parse_date_input(&start.get_untracked(), 0),
            parse_date_input(&end.get_untracked(), 1),
        ) else {
            msg.set(texts_of(i18n).date_missing.to_owned());
            return;
        };
        let draft = ProcessDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            starts_at,
            ends_at,
            // Out of range on purpose if unreadable: the server names the rule.
            dot_budget: budget.get_untracked().trim().parse().unwrap_or(0),
            moderation: if pre.get_untracked() {
                ModerationMode::Pre
            } else {
                ModerationMode::Post
            },
            verified_only: verified.get_untracked(),
            licence: licence.get_untracked(),
        };
        // The section's own reading of a bad licence; the shared texts for the rest.
        let said = move |r: Result<(), ClientError>, done: &str| match r {
            Err(ClientError::Api(b)) if b.code == ErrorCode::LicenceInvalid => {
                texts_of(i18n).licence_invalid.to_owned()
            }
            r => outcome(i18n, r, done),
        };
        leptos::task::spawn_local(async move {
            match id {
                None => match crate::api::create_process(&draft, &csrf).await {
                    Ok(p) => reload.run(Some(p.id)),
                    Err(e) => msg.set(said(Err(e), "")),
                },
                Some(id) => {
                    let r = crate::api::edit_process(id, &draft, &csrf).await;
                    let ok = r.is_ok();
                    msg.set(said(r, section_texts(i18n).saved));
                    if ok {
                        reload.run(Some(id));
                    }
                }
            }
        });
    };
    let make_current = move |_| {
        let (Some(id), Some(csrf)) = (id, desk.csrf()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::make_current(id, &csrf).await;
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, section_texts(i18n).saved));
            if ok {
                reload.run(Some(id));
            }
        });
    };
    let text_field = move |field: &'static str,
                           label: fn(&'static ProcessTexts) -> &'static str,
                           value: RwSignal<String>,
                           kind: &'static str| {
        view! {
            <div class="field">
                <label for=field>{pt(label)}</label>
                <input id=field type=kind required
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <section aria-labelledby="prozess-angaben">
            <h2 id="prozess-angaben">{pt(|t| t.process_details)}</h2>
            {current.then(|| view! { <p class="notice">{pt(|t| t.process_is_current)}</p> })}
            <form class="form" on:submit=save>
                {text_field("prozess-titel", |t| t.process_title, title, "text")}
                <div class="field">
                    <label for="prozess-beschreibung">{pt(|t| t.process_description)}</label>
                    <textarea id="prozess-beschreibung" rows="5" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </div>
                {text_field("prozess-beginn", |t| t.process_start, start, "date")}
                {text_field("prozess-ende", |t| t.process_end, end, "date")}
                {text_field("prozess-lizenz", |t| t.process_licence, licence, "text")}
                <div class="field">
                    <label for="prozess-punkte">{pt(|t| t.process_budget)}</label>
                    <input id="prozess-punkte" type="number" min="1" max="20" required
                        prop:value=move || budget.get() on:input=move |ev| budget.set(event_target_value(&ev))/>
                </div>
                <label class="check" for="prozess-vorab">
                    <input type="checkbox" id="prozess-vorab" prop:checked=move || pre.get()
                        on:change=move |ev| pre.set(event_target_checked(&ev))/>
                    {st(|t| t.mode_pre)}
                </label>
                <label class="check" for="prozess-verifiziert">
                    <input type="checkbox" id="prozess-verifiziert" prop:checked=move || verified.get()
                        on:change=move |ev| verified.set(event_target_checked(&ev))/>
                    {st(|t| t.verified_only)}
                </label>
                <button type="submit" class="button">
                    {move || if id.is_some() { i18n.t().save } else { texts_of(i18n).process_create }}
                </button>
                {(id.is_some() && !current).then(|| view! {
                    <button type="button" class="button button-secondary" on:click=make_current>
                        {pt(|t| t.process_make_current)}
                    </button>
                })}
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

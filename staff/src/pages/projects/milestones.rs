//! A project's milestones: each due on a date, marked done on a date or reopened; adding one
//! (the server refuses one due before the project's start).

use super::texts::{outcome, pt, texts_of};
use super::{Open, Reload};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::projects::{Milestone, MilestoneDraft, ProjectRecord};
use werkstadt_domain::ProjectId;
use werkstadt_web::{date_input_value, format_date, parse_date_input};

#[component]
pub fn Milestones(
    id: ProjectId,
    record: Memo<Option<ProjectRecord>>,
    reload: Reload,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let all = move || record.with(|r| r.as_ref().map(|r| r.milestones.clone()).unwrap_or_default());
    let none = move || record.with(|r| r.as_ref().is_none_or(|r| r.milestones.is_empty()));
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let msg = Status::of("milestones");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let t = texts_of(i18n);
        let Some(due_on) = parse_date_input(&due.get_untracked(), 0) else {
            msg.set(t.date_missing.to_owned());
            return;
        };
        let draft = MilestoneDraft {
            title: title.get_untracked(),
            due_on,
            done_on: None,
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_milestone(id, None, &draft, &csrf).await;
            msg.set(outcome(i18n, &r, t.milestone_added));
            if r.is_ok() {
                title.set(String::new());
                due.set(String::new());
                reload.run(Open::Project(id));
            }
        });
    };
    view! {
        <section aria-labelledby="projekt-meilensteine">
            <h2 id="projekt-meilensteine">{pt(|t| t.milestones)}</h2>
            <Show when=none>
                <p>{pt(|t| t.milestones_none)}</p>
            </Show>
            <ol class="milestones">
                <For each=all key=|m| (m.id, m.done_on, m.due_on, m.title.clone()) let:m>
                    <MilestoneRow project=id m reload/>
                </For>
            </ol>
            <form class="form" on:submit=add>
                <h3>{pt(|t| t.milestone_new)}</h3>
                <div class="field">
                    <label for="meilenstein-titel">{pt(|t| t.milestone_title)}</label>
                    <input id="meilenstein-titel" type="text" required
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="meilenstein-faellig">{pt(|t| t.milestone_due_on)}</label>
                    <input id="meilenstein-faellig" type="date" required
                        prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{pt(|t| t.milestone_add)}</button>
                <p role="status" class="form-status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

/// One milestone: its dates, and marking it done (on a date) or reopening it.
#[component]
fn MilestoneRow(project: ProjectId, m: Milestone, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let mid = m.id;
    let msg = Status::of(format!("milestone-{mid}"));
    let done_on = RwSignal::new(date_input_value(werkstadt_web::now_ms() as i64));
    let (title, due_on, done) = (m.title.clone(), m.due_on, m.done_on);
    let send = move |done: Option<i64>| {
        let Some(csrf) = desk.csrf() else { return };
        let draft = MilestoneDraft {
            title: title.clone(),
            due_on,
            done_on: done,
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_milestone(project, Some(mid), &draft, &csrf).await;
            msg.set(outcome(i18n, &r, texts_of(i18n).saved));
            if r.is_ok() {
                reload.run(Open::Project(project));
            }
        });
    };
    let send = StoredValue::new(send);
    let mark = move |_| match parse_date_input(&done_on.get_untracked(), 0) {
        Some(at) => send.with_value(|f| f(Some(at))),
        None => msg.set(texts_of(i18n).date_missing.to_owned()),
    };
    let reopen = move |_| send.with_value(|f| f(None));
    let fid = format!("meilenstein-{mid}-erledigt");
    let label_for = fid.clone();
    let name = m.title.clone();
    let lang = move || i18n.lang().code();
    view! {
        <li class="milestone" data-done=done.is_some().to_string()>
            <strong>{m.title}</strong>
            " · "
            {move || fill(texts_of(i18n).milestone_due, &format_date(due_on, lang()), "")}
            {match done {
                Some(at) => view! {
                    " · "
                    <span class="milestone-done">{move || fill(texts_of(i18n).milestone_done, &format_date(at, lang()), "")}</span>
                    <div class="actions">
                        <button type="button" class="button button-secondary"
                            aria-label=move || format!("{}: {name}", texts_of(i18n).milestone_reopen)
                            on:click=reopen>{pt(|t| t.milestone_reopen)}</button>
                    </div>
                }.into_any(),
                None => view! {
                    <div class="actions milestone-mark">
                        <div class="field">
                            <label for=label_for>{pt(|t| t.milestone_done_on)}</label>
                            <input id=fid type="date"
                                prop:value=move || done_on.get() on:input=move |ev| done_on.set(event_target_value(&ev))/>
                        </div>
                        <button type="button" class="button"
                            aria-label=move || format!("{}: {name}", texts_of(i18n).milestone_mark_done)
                            on:click=mark>{pt(|t| t.milestone_mark_done)}</button>
                    </div>
                }.into_any(),
            }}
            <p role="status" class="form-status">{move || msg.get()}</p>
        </li>
    }
}

//! Open reports, most reported first: what was reported, how often, why; hiding it closes
//! the reports.

use super::{checked_reason, when, ReasonField};
use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::texts::{section_texts, st};
use leptos::prelude::*;
use werkstadt_domain::moderation::{Decision, OpenReport, QueueQuery, ReportTarget};
use werkstadt_domain::sync::MutationKind;

#[component]
pub fn ReportsPage() -> impl IntoView {
    let desk = use_desk();
    let reports = RwSignal::new(None::<Vec<OpenReport>>);
    Effect::new(move |_| {
        desk.refresh.track();
        leptos::task::spawn_local(async move {
            if let Ok((q, _)) = crate::api::queue(&QueueQuery::default()).await {
                reports.set(Some(q.reports));
            }
        });
    });
    view! {
        <h1 tabindex="-1">{st(|t| t.reports_heading)}</h1>
        {move || match reports.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p>{tr(|t| t.nothing_here)}</p> }.into_any(),
            Some(list) => view! {
                <ul class="queue">
                    {list.into_iter().enumerate().map(|(i, r)| view! { <ReportItem i r/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn ReportItem(i: usize, r: OpenReport) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let target = r.target;
    let label: String = r.excerpt.chars().take(60).collect();
    let kind = move |reason: String| match target {
        ReportTarget::Idea(idea_id) => MutationKind::Decide {
            idea_id,
            decision: Decision::Hide { reason },
        },
        ReportTarget::Comment(comment_id) => MutationKind::DecideComment {
            comment_id,
            decision: Decision::Hide { reason },
        },
    };
    let waiting = move || {
        desk.is_pending(&match target {
            ReportTarget::Idea(id) => id.to_string(),
            ReportTarget::Comment(id) => id.to_string(),
        })
    };
    let hide = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(reason) = checked_reason(reason, error) {
            desk.decide(kind(reason), label.clone());
        }
    };
    let failed = RwSignal::new(None::<String>);
    let dismiss = move |_| {
        let Some(csrf) = desk.csrf() else { return };
        leptos::task::spawn_local(async move {
            match crate::api::dismiss_reports(target, &csrf).await {
                Ok(()) => desk.refresh.update(|n| *n += 1),
                Err(e) => failed.set(Some(crate::pages::texts::client_error(i18n, &e))),
            }
        });
    };
    let (count, first) = (r.reports, r.first_at);
    let field = format!("meldung-{i}");
    view! {
        <li>
            <article class="queue-item">
                <h2>{move || match target {
                    ReportTarget::Idea(_) => section_texts(i18n).reported_idea,
                    ReportTarget::Comment(_) => section_texts(i18n).reported_comment,
                }}</h2>
                <p class="queue-body">{r.excerpt.clone()}</p>
                <p class="meta">{move || fill(section_texts(i18n).report_count, &count.to_string(), &when(first, i18n.lang().code()))}</p>
                <h3>{st(|t| t.report_reasons)}</h3>
                <ul>{r.reasons.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                <p class="pending-marker" role="status" hidden=move || !waiting()>
                    {tr(|t| t.decided_pending)}
                </p>
                <div class="actions">
                    <button type="button" class="button button-secondary" disabled=waiting on:click=dismiss>
                        {tr(|t| t.dismiss_reports)}
                    </button>
                </div>
                {move || failed.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <form class="panel" on:submit=hide>
                    <ReasonField id=field label=|t| t.reason value=reason error rows=2/>
                    <button type="submit" class="button button-danger" disabled=waiting>
                        {st(|t| t.confirm_hide)}
                    </button>
                </form>
            </article>
        </li>
    }
}

//! Comments waiting for a decision: approve, or reject with a reason the author sees.

use super::{checked_reason, when, ReasonField};
use crate::desk::use_desk;
use crate::i18n::{tr, use_i18n};
use crate::pages::texts::st;
use leptos::prelude::*;
use werkstadt_domain::moderation::{Decision, QueueQuery};
use werkstadt_domain::sync::{CommentRecord, MutationKind};

fn label(c: &CommentRecord) -> String {
    c.body.chars().take(60).collect()
}

#[component]
pub fn CommentsPage() -> impl IntoView {
    let desk = use_desk();
    let comments = RwSignal::new(None::<Vec<CommentRecord>>);
    Effect::new(move |_| {
        desk.refresh.track();
        leptos::task::spawn_local(async move {
            if let Ok((q, _)) = crate::api::queue(&QueueQuery::default()).await {
                comments.set(Some(q.comments));
            }
        });
    });
    view! {
        <h1 tabindex="-1">{st(|t| t.comments_heading)}</h1>
        {move || match comments.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p>{tr(|t| t.nothing_here)}</p> }.into_any(),
            Some(list) => view! {
                <ul class="queue">
                    {list.into_iter().map(|c| view! { <CommentItem c/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn CommentItem(c: CommentRecord) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = c.id;
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let rejecting = RwSignal::new(false);
    let lbl = label(&c);
    let lbl2 = lbl.clone();
    let waiting = move || desk.is_pending(&id.to_string());
    let approve = move |_| {
        desk.decide(
            MutationKind::DecideComment {
                comment_id: id,
                decision: Decision::Approve,
            },
            lbl.clone(),
        )
    };
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(reason) = checked_reason(reason, error) else {
            return;
        };
        desk.decide(
            MutationKind::DecideComment {
                comment_id: id,
                decision: Decision::Reject { reason },
            },
            lbl2.clone(),
        );
        rejecting.set(false);
    };
    let field = format!("grund-{id}");
    let created = c.created_at;
    view! {
        <li>
            <article class="queue-item" data-comment-id=id.to_string()>
                <p class="queue-body">{c.body.clone()}</p>
                <p class="meta">
                    {move || when(created, i18n.lang().code())}" · "
                    <a href=format!("/ideen/{}", c.idea_id) target="_blank">{st(|t| t.on_idea)}</a>
                </p>
                <p class="pending-marker" role="status" hidden=move || !waiting()>
                    {tr(|t| t.decided_pending)}
                </p>
                <div class="actions">
                    <button type="button" class="button" disabled=waiting on:click=approve>
                        {tr(|t| t.approve)}
                    </button>
                    <button type="button" class="button button-secondary" disabled=waiting
                        aria-expanded=move || rejecting.get().to_string()
                        on:click=move |_| rejecting.update(|r| *r = !*r)>
                        {tr(|t| t.reject)}
                    </button>
                </div>
                {move || (rejecting.get()).then(|| view! {
                    <form class="panel" on:submit=reject.clone()>
                        <ReasonField id=field.clone() label=|t| t.reason value=reason error rows=2/>
                        <button type="submit" class="button button-danger">{st(|t| t.confirm_reject)}</button>
                    </form>
                })}
            </article>
        </li>
    }
}

//! One idea: its text, its theme, the support button with the count, and its comments with a
//! form to add one. Everything comes from the participant's view (replica + pending), so an
//! idea, a support or a comment made offline shows at once, marked as waiting. Every part
//! follows only what it shows: news about other ideas changes nothing here, and an open form
//! (a report reason, a comment) keeps its text through syncs.

use crate::api::OneShot;
use crate::components::follow::{Became, FollowButton};
use crate::components::gates::{closed, use_gate, ClosedNotice};
use crate::components::status::{not_found, ErrorNotice, Ready, SendForm};
use crate::i18n::pages::pt;
use crate::i18n::{count, fill, use_i18n};
use crate::platform::http::ClientError;
use crate::platform::identity::new_uuid;
use crate::sync::{field, use_sync};
use crate::{platform, use_me};
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkstadt_domain::moderation::{IdeaStatus, NewReport, ReportTarget};
use werkstadt_domain::setup::Module;
use werkstadt_domain::sync::{CommentId, FollowTarget, MutationKind, COMMENT_MAX};
use werkstadt_domain::{CommentBody, IdeaId};

#[component]
pub fn IdeaPage(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let can_act = use_me().is_some();
    let error = RwSignal::new(None::<ClientError>);
    let idea = sync.pick(move |r, o| o.idea(r, id).cloned());
    // A tombstone (hidden or merged, someone else's) has no title: gone for this viewer,
    // except that a merged one still points to where its supports went.
    let visible = Memo::new(move |_| {
        idea.with(|i| {
            i.as_ref()
                .is_some_and(|i| !i.title.is_empty() || i.merged_into.is_some())
        })
    });
    Effect::new(move |_| {
        idea.with(|i| {
            if let Some(i) = i {
                platform::set_document_title(&i.title);
            }
        });
    });
    let theme = sync.pick(move |r, o| {
        let theme_id = o.idea(r, id)?.theme_id;
        Some((
            theme_id,
            o.theme(theme_id)
                .map(|t| t.title.clone())
                .unwrap_or_default(),
        ))
    });
    let status = Memo::new(move |_| idea.with(|i| i.as_ref().map(|i| i.status)));
    let public = Memo::new(move |_| status.get().is_some_and(IdeaStatus::is_public));
    let published = Memo::new(move |_| status.get() == Some(IdeaStatus::Published));
    let reason = Memo::new(move |_| idea.with(|i| i.as_ref().and_then(|i| i.reason.clone())));
    let merged = Memo::new(move |_| idea.with(|i| i.as_ref().and_then(|i| i.merged_into)));
    let answer = Memo::new(move |_| idea.with(|i| i.as_ref().and_then(|i| i.answer.clone())));
    let waiting = Memo::new(move |_| {
        sync.is_pending(|k| matches!(k, MutationKind::CreateIdea { idea_id, .. } if *idea_id == id))
    });
    let support_waiting = Memo::new(move |_| {
        sync.is_pending(|k| matches!(k, MutationKind::SetSupport { idea_id, .. } if *idea_id == id))
    });
    let supported = sync.pick(move |r, o| Some(o.supports(r, id)));
    let supported = move || supported.get().unwrap_or(false);
    let supports = field(idea, |i| i.support_count);
    let supports_closed = closed(use_gate(Module::Supports));
    let created = field(idea, |i| i.created_at);
    let toggle = move |_| {
        let kind = MutationKind::SetSupport {
            idea_id: id,
            supported: !supported(),
        };
        spawn_local(async move {
            error.set(sync.enqueue(kind).await.err());
        });
    };
    let comments = sync.pick(move |r, o| {
        Some(
            o.comments_of(r, id)
                .into_iter()
                .map(|c| c.id)
                .collect::<Vec<_>>(),
        )
    });
    view! {
        <Ready>
            <Show when=move || visible.get() fallback=not_found>
                <article class="idea">
                    <p class="breadcrumb">
                        <a href=move || field(theme, |t| format!("/themen/{}", t.0))()>
                            {move || pt(i18n).back_to_theme}" "{field(theme, |t| t.1.clone())}
                        </a>
                    </p>
                    <h1 tabindex="-1">{field(idea, |i| i.title.clone())}</h1>
                    <Show when=move || waiting.get() fallback=move || view! {
                        <p class="meta">{move || fill(pt(i18n).submitted_on, &[("t", &platform::format_date(created().unwrap_or(0), i18n.lang().code()))])}</p>
                    }>
                        <p class="pending-marker">{move || pt(i18n).pending_marker}</p>
                    </Show>
                    <Show when=move || status.get() == Some(IdeaStatus::Pending)>
                        <p class="notice" role="status">{move || pt(i18n).moderation_pending}</p>
                    </Show>
                    {move || reason.get().map(|r| view! {
                        <p class="notice notice-error">{move || fill(pt(i18n).moderation_rejected, &[("r", &r)])}</p>
                    })}
                    {move || merged.get().map(|m| view! {
                        <p class="notice">{move || pt(i18n).moderation_merged}" "<a href=format!("/ideen/{m}")>{move || pt(i18n).moderation_merged_link}</a></p>
                    })}
                    <Became id/>
                    <p class="idea-body">{field(idea, |i| i.body.clone())}</p>
                    {move || answer.get().map(|a| view! {
                        <section class="official-answer" aria-labelledby="antwort">
                            <h2 id="antwort">{move || pt(i18n).answer_heading}</h2>
                            <p class="answer-status"><strong>{move || i18n.t().official_status(a.status)}</strong></p>
                            <p>{a.text}</p>
                        </section>
                    })}
                    <crate::components::news::IdeaDecisions id/>
                    <Show when=move || published.get()>
                        <Report target=ReportTarget::Idea(id)/>
                    </Show>
                    <div class="support">
                        <button
                            type="button"
                            class="button support-button"
                            aria-pressed=move || supported().to_string()
                            disabled=move || !can_act || !published.get() || supports_closed()
                            on:click=toggle
                        >
                            {move || if supported() { pt(i18n).supported_button } else { i18n.t().support_button }}
                        </button>
                        <p class="support-count">{move || count(supports().unwrap_or(0), i18n.t().supports)}</p>
                        <Show when=move || support_waiting.get()>
                            <p class="pending-marker">{move || pt(i18n).pending_marker}</p>
                        </Show>
                        <ClosedNotice module=Module::Supports/>
                    </div>
                    <Show when=move || published.get()>
                        <FollowButton target=FollowTarget::Idea(id) label=|t| t.follow_idea/>
                    </Show>
                </article>
                <section class="comments" aria-labelledby="kommentare">
                    <h2 id="kommentare">{move || pt(i18n).comments_heading}</h2>
                    <Show when=move || comments.with(|c| c.as_ref().is_none_or(Vec::is_empty))>
                        <p class="meta">{move || pt(i18n).comments_none}</p>
                    </Show>
                    <ul class="comment-list">
                        <For each=move || comments.get().unwrap_or_default() key=|c| *c let:cid>
                            <Comment id=cid/>
                        </For>
                    </ul>
                </section>
                {move || error.get().map(|error| view! { <ErrorNotice error/> })}
                <Show when=move || can_act && public.get()>
                    <CommentForm id/>
                </Show>
            </Show>
        </Ready>
    }
}

/// One comment, following only itself.
#[component]
fn Comment(id: CommentId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let comment = sync.pick(move |r, o| o.comment(r, id).cloned());
    let status = Memo::new(move |_| comment.with(|c| c.as_ref().map(|c| c.status)));
    let reason = Memo::new(move |_| comment.with(|c| c.as_ref().and_then(|c| c.reason.clone())));
    let waiting = Memo::new(move |_| {
        sync.is_pending(
            |k| matches!(k, MutationKind::AddComment { comment_id, .. } if *comment_id == id),
        )
    });
    let at = field(comment, |c| c.created_at);
    view! {
        <li class="comment">
            <p class="comment-body">{field(comment, |c| c.body.clone())}</p>
            <Show when=move || status.get() == Some(IdeaStatus::Published)>
                <Report target=ReportTarget::Comment(id)/>
            </Show>
            {move || reason.get().map(|r| view! {
                <p class="notice notice-error">{move || fill(pt(i18n).moderation_rejected, &[("r", &r)])}</p>
            })}
            {move || if waiting.get() {
                view! { <p class="pending-marker">{move || pt(i18n).pending_marker}</p> }.into_any()
            } else if status.get() == Some(IdeaStatus::Pending) {
                view! { <p class="pending-marker">{move || pt(i18n).moderation_pending}</p> }.into_any()
            } else {
                view! { <p class="meta">{move || platform::format_date(at().unwrap_or(0), i18n.lang().code())}</p> }.into_any()
            }}
        </li>
    }
}

/// A new comment: checked with the domain's rules as the participant types, stored in the
/// outbox (with its own id, so it is created once) before the form confirms.
#[component]
fn CommentForm(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let text = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let invalid = move || CommentBody::parse(&text.get()).err();
    let show_error = move || attempted.get() && invalid().is_some();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        saved.set(false);
        if invalid().is_some() {
            return;
        }
        let Ok(uuid) = new_uuid() else { return };
        let kind = MutationKind::AddComment {
            comment_id: CommentId(uuid),
            idea_id: id,
            body: text.get_untracked(),
        };
        spawn_local(async move {
            match sync.enqueue(kind).await {
                Ok(_) => {
                    text.set(String::new());
                    attempted.set(false);
                    failure.set(None);
                    saved.set(true);
                }
                Err(_) => failure.set(Some(i18n.t().err_storage.to_owned())),
            }
        });
    };
    let comments_closed = closed(use_gate(Module::Comments));
    view! {
        <ClosedNotice module=Module::Comments/>
        <form class="form comment-form" novalidate on:submit=submit>
            <div class="field">
                <label for="kommentar-text">{move || pt(i18n).comment_label}</label>
                <textarea id="kommentar-text" rows="4" required
                    aria-invalid=move || show_error().to_string()
                    aria-describedby="kommentar-hinweis kommentar-fehler"
                    prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); saved.set(false); }></textarea>
                <p id="kommentar-hinweis" class="hint">
                    {move || fill(pt(i18n).chars_count, &[("n", &text.get().trim().chars().count().to_string()), ("m", &COMMENT_MAX.to_string())])}
                </p>
                <p id="kommentar-fehler" class="field-error">
                    {move || if show_error() { invalid().map(|e| crate::i18n::errors::et(i18n).validation(e)) } else { None }}
                </p>
            </div>
            {move || failure.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            {move || (saved.get()).then(|| view! {
                <p class="notice notice-ok" role="status">{move || pt(i18n).comment_saved}</p>
            })}
            <button type="submit" class="button" disabled=comments_closed>{move || pt(i18n).comment_submit}</button>
        </form>
    }
}

/// "Melden": tells the moderators what is wrong with an idea or comment (online only: the
/// answer says whether it arrived).
#[component]
fn Report(target: ReportTarget) -> impl IntoView {
    let i18n = use_i18n();
    let id = match target {
        ReportTarget::Idea(i) => i.0,
        ReportTarget::Comment(c) => c.0,
    };
    let request = Callback::new(move |reason: String| {
        OneShot::Report(NewReport {
            id: new_uuid().unwrap_or(id),
            target,
            reason,
        })
    });
    view! {
        <details class="report">
            <summary>{move || pt(i18n).report_summary}</summary>
            <SendForm field_id=format!("melden-{id}") initial=String::new()
                label=|t| t.report_label submit=|t| t.report_submit ok=|t| t.report_sent request/>
        </details>
    }
}

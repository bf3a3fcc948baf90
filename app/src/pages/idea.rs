//! One idea: its text, its theme, the support button with the count, and its comments with a
//! form to add one. Everything comes from the participant's view (replica + pending), so an
//! idea, a support or a comment made offline shows at once, marked as waiting.

use crate::components::status::SendForm;
use crate::components::status::{not_found, with_view};
use crate::i18n::{count, fill, use_i18n};
use crate::platform::http::js_object;
use crate::platform::identity::new_uuid;
use crate::sync::use_sync;
use crate::{platform, use_me};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use werkstadt_domain::moderation::{IdeaStatus, ReportTarget};
use werkstadt_domain::sync::{CommentId, MutationKind, COMMENT_MAX};
use werkstadt_domain::{CommentBody, IdeaId};

#[component]
pub fn IdeaPage(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let can_act = use_me().is_some();
    let error = RwSignal::new(None::<String>);
    let article = with_view(move |r| {
        // A tombstone (hidden or merged, someone else's) has no title: gone for this viewer,
        // except that a merged one still points to where its supports went.
        let Some(idea) = r
            .idea(id)
            .filter(|i| !i.title.is_empty() || i.merged_into.is_some())
            .cloned()
        else {
            return not_found();
        };
        let status = idea.status;
        let reason = idea.reason.clone();
        let merged = idea.merged_into.map(|m| format!("/ideen/{m}"));
        let answer = idea.answer.clone();
        platform::set_document_title(&idea.title);
        let theme_title = r
            .theme(idea.theme_id)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let theme_href = format!("/themen/{}", idea.theme_id);
        let pending = sync.is_pending(
            |k| matches!(k, MutationKind::CreateIdea { idea_id, .. } if *idea_id == id),
        );
        let supported = r.supports(id);
        let support_pending = sync.is_pending(
            |k| matches!(k, MutationKind::SetSupport { idea_id, .. } if *idea_id == id),
        );
        let supports = idea.support_count;
        let created = idea.created_at;
        let toggle = move |_| {
            spawn_local(async move {
                let kind = MutationKind::SetSupport {
                    idea_id: id,
                    supported: !supported,
                };
                error.set(sync.enqueue(kind).await.err());
            });
        };
        let comments: Vec<_> = r.comments_of(id).cloned().collect();
        let no_comments = comments.is_empty();
        view! {
            <article class="idea">
                <p class="breadcrumb"><a href=theme_href>{move || i18n.t().back_to_theme}" "{theme_title}</a></p>
                <h1 tabindex="-1">{idea.title}</h1>
                {if pending {
                    view! { <p class="pending-marker">{move || i18n.t().pending_marker}</p> }.into_any()
                } else {
                    view! { <p class="meta">{move || fill(i18n.t().submitted_on, &[("t", &platform::format_date(created, i18n.lang().code()))])}</p> }.into_any()
                }}
                {(status == IdeaStatus::Pending).then(|| view! {
                    <p class="notice" role="status">{move || i18n.t().moderation_pending}</p>
                })}
                {reason.map(|r| view! {
                    <p class="notice notice-error">{move || fill(i18n.t().moderation_rejected, &[("r", &r)])}</p>
                })}
                {merged.map(|href| view! {
                    <p class="notice">{move || i18n.t().moderation_merged}" "<a href=href>{move || i18n.t().moderation_merged_link}</a></p>
                })}
                <p class="idea-body">{idea.body}</p>
                {answer.map(|a| view! {
                    <section class="official-answer" aria-labelledby="antwort">
                        <h2 id="antwort">{move || i18n.t().answer_heading}</h2>
                        <p class="answer-status"><strong>{move || i18n.t().official_status(a.status)}</strong></p>
                        <p>{a.text}</p>
                    </section>
                })}
                {(status == IdeaStatus::Published).then(|| view! { <Report target=ReportTarget::Idea(id)/> })}
                <div class="support">
                    <button
                        type="button"
                        class="button support-button"
                        aria-pressed=supported.to_string()
                        disabled=!can_act || status != IdeaStatus::Published
                        on:click=toggle
                    >
                        {move || if supported { i18n.t().supported_button } else { i18n.t().support_button }}
                    </button>
                    <p class="support-count">{move || count(supports, i18n.t().supports)}</p>
                    {support_pending.then(|| view! {
                        <p class="pending-marker">{move || i18n.t().pending_marker}</p>
                    })}
                </div>
            </article>
            <section class="comments" aria-labelledby="kommentare">
                <h2 id="kommentare">{move || i18n.t().comments_heading}</h2>
                {no_comments.then(|| view! {
                    <p class="meta">{move || i18n.t().comments_none}</p>
                })}
                <ul class="comment-list">
                    {comments.into_iter().map(|c| {
                        let cid = c.id;
                        let waiting = sync.is_pending(|k| matches!(k, MutationKind::AddComment { comment_id, .. } if *comment_id == cid));
                        let at = c.created_at;
                        let in_review = c.status == IdeaStatus::Pending;
                        let reason = c.reason.clone();
                        view! {
                            <li class="comment">
                                <p class="comment-body">{c.body}</p>
                                {(c.status == IdeaStatus::Published).then(|| view! { <Report target=ReportTarget::Comment(cid)/> })}
                                {reason.map(|r| view! {
                                    <p class="notice notice-error">{move || fill(i18n.t().moderation_rejected, &[("r", &r)])}</p>
                                })}
                                {if waiting {
                                    view! { <p class="pending-marker">{move || i18n.t().pending_marker}</p> }.into_any()
                                } else if in_review {
                                    view! { <p class="pending-marker">{move || i18n.t().moderation_pending}</p> }.into_any()
                                } else {
                                    view! { <p class="meta">{move || platform::format_date(at, i18n.lang().code())}</p> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any()
    });
    view! {
        {article}
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        // Memoised: the form is not redrawn by every sync.
        {let shown = Memo::new(move |_| can_act && sync.view.with(|v| v.as_ref().is_some_and(|r| r.idea(id).is_some_and(|i| i.status.is_public())))); move || shown.get().then(|| view! {
            <CommentForm id/>
        })}
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
    view! {
        <form class="form comment-form" novalidate on:submit=submit>
            <div class="field">
                <label for="kommentar-text">{move || i18n.t().comment_label}</label>
                <textarea id="kommentar-text" rows="4" required
                    aria-invalid=move || show_error().to_string()
                    aria-describedby="kommentar-hinweis kommentar-fehler"
                    prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); saved.set(false); }></textarea>
                <p id="kommentar-hinweis" class="hint">
                    {move || fill(i18n.t().chars_count, &[("n", &text.get().trim().chars().count().to_string()), ("m", &COMMENT_MAX.to_string())])}
                </p>
                <p id="kommentar-fehler" class="field-error">
                    {move || if show_error() { invalid().map(|e| i18n.t().validation(e)) } else { None }}
                </p>
            </div>
            {move || failure.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            {move || (saved.get()).then(|| view! {
                <p class="notice notice-ok" role="status">{move || i18n.t().comment_saved}</p>
            })}
            <button type="submit" class="button">{move || i18n.t().comment_submit}</button>
        </form>
    }
}

/// "Melden": tells the moderators what is wrong with an idea or comment (online only: the
/// answer says whether it arrived).
#[component]
fn Report(target: ReportTarget) -> impl IntoView {
    let i18n = use_i18n();
    let (kind, id) = match target {
        ReportTarget::Idea(i) => ("idea", i.0),
        ReportTarget::Comment(c) => ("comment", c.0),
    };
    let request = Callback::new(move |reason: String| {
        let report = new_uuid().unwrap_or(id).to_string();
        let body = js_object(&[
            ("id", JsValue::from_str(&report)),
            (
                "target",
                js_object(&[(kind, JsValue::from_str(&id.to_string()))]),
            ),
            ("reason", JsValue::from_str(&reason)),
        ]);
        ("/api/reports", body)
    });
    view! {
        <details class="report">
            <summary>{move || i18n.t().report_summary}</summary>
            <SendForm field_id=format!("melden-{id}") initial=String::new()
                label=|t| t.report_label submit=|t| t.report_submit ok=|t| t.report_sent request/>
        </details>
    }
}

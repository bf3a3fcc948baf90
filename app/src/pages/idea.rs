//! One idea: its text, its theme, and the support button with the count. An idea submitted
//! offline is shown from the outbox, marked as waiting.

use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{count, fill, use_i18n};
use crate::sync::use_sync;
use crate::{api, platform, use_me};
use leptos::prelude::*;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::{IdeaId, ThemeId};

struct Shown {
    theme_id: ThemeId,
    theme_title: String,
    title: String,
    body: String,
    support_count: u32,
    created_at: Option<i64>,
    pending: bool,
}

#[component]
pub fn IdeaPage(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let detail = crate::load::load(move || {
        sync.version.track();
        api::idea(id)
    });
    let pending_create = move || {
        sync.pending_where(
            |k| matches!(k, MutationKind::CreateIdea { idea_id, .. } if *idea_id == id),
        )
        .into_iter()
        .next()
    };

    view! {
        {move || {
            let shown = match (detail.get(), pending_create()) {
                (None, None) => return view! { <Loading/> }.into_any(),
                (Some(Ok(d)), _) => Shown {
                    theme_id: d.theme_id,
                    theme_title: d.theme_title,
                    title: d.title,
                    body: d.body,
                    support_count: d.support_count,
                    created_at: Some(d.created_at),
                    pending: false,
                },
                (_, Some(MutationKind::CreateIdea { theme_id, title, body, .. })) => Shown {
                    theme_id,
                    theme_title: String::new(),
                    title,
                    body,
                    support_count: 0,
                    created_at: None,
                    pending: true,
                },
                (Some(Err(e)), _) => return view! { <ErrorNotice error=e/> }.into_any(),
                (None, Some(_)) => return view! { <Loading/> }.into_any(),
            };
            platform::set_document_title(&shown.title);
            let theme_href = format!("/themen/{}", shown.theme_id);
            let created = shown.created_at;
            let pending = shown.pending;
            view! {
                <article class="idea">
                    <p class="breadcrumb"><a href=theme_href>{move || i18n.t().back_to_theme}" "{shown.theme_title}</a></p>
                    <h1 tabindex="-1">{shown.title}</h1>
                    <Show when=move || pending>
                        <p class="pending-marker">{move || i18n.t().pending_marker}</p>
                    </Show>
                    {move || created.map(|c| view! {
                        <p class="meta">{move || fill(i18n.t().submitted_on, &[("t", &platform::format_date(c, i18n.lang().code()))])}</p>
                    })}
                    <p class="idea-body">{shown.body}</p>
                    <SupportButton id server_count=shown.support_count/>
                </article>
            }.into_any()
        }}
    }
}

/// Support with optimistic display: the server's state plus the participant's pending change.
#[component]
fn SupportButton(id: IdeaId, server_count: u32) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let me = use_me();
    let me_for_load = me.clone();
    let mine = crate::load::load(move || {
        sync.version.track();
        let me = me_for_load.clone();
        async move {
            match me {
                Some(me) => api::me(&me).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let error = RwSignal::new(None::<String>);
    let server_supported = move || {
        mine.with(|m| matches!(m, Some(Ok(Some(state))) if state.supported_ideas.contains(&id)))
    };
    let pending = move || {
        sync.pending_where(
            |k| matches!(k, MutationKind::SetSupport { idea_id, .. } if *idea_id == id),
        )
        .into_iter()
        .filter_map(|k| match k {
            MutationKind::SetSupport { supported, .. } => Some(supported),
            _ => None,
        })
        .next_back()
    };
    let supported = move || pending().unwrap_or_else(server_supported);
    let shown_count = move || {
        (server_count + u32::from(supported())).saturating_sub(u32::from(server_supported()))
    };
    let toggle = move |_| {
        let want = !supported();
        if let Err(e) = sync.enqueue(MutationKind::SetSupport {
            idea_id: id,
            supported: want,
        }) {
            error.set(Some(e));
        }
    };
    view! {
        <div class="support">
            <button
                type="button"
                class="button support-button"
                aria-pressed=move || supported().to_string()
                disabled=me.is_none()
                on:click=toggle
            >
                {move || if supported() { i18n.t().supported_button } else { i18n.t().support_button }}
            </button>
            <p class="support-count">{move || count(shown_count(), i18n.t().supports)}</p>
            <Show when=move || pending().is_some()>
                <p class="pending-marker">{move || i18n.t().pending_marker}</p>
            </Show>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        </div>
    }
}

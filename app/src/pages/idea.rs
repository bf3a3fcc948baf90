//! One idea: its text, its theme, and the support button with the count.

use crate::components::status::{error_text, ErrorNotice, Loading};
use crate::i18n::{count, fill, use_i18n};
use crate::platform::http::ClientError;
use crate::{api, platform, use_me};
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkstadt_domain::IdeaId;

#[component]
pub fn IdeaPage(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let detail = crate::load::load(move || api::idea(id));

    view! {
        {move || match detail.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
            Some(Ok(idea)) => {
                platform::set_document_title(&idea.title);
                let theme_href = format!("/themen/{}", idea.theme_id);
                let created = idea.created_at;
                view! {
                    <article class="idea">
                        <p class="breadcrumb"><a href=theme_href>{move || i18n.t().back_to_theme}": "{idea.theme_title.clone()}</a></p>
                        <h1 tabindex="-1">{idea.title.clone()}</h1>
                        <p class="meta">{move || fill(i18n.t().submitted_on, &[("t", &platform::format_date(created, i18n.lang().code()))])}</p>
                        <p class="idea-body">{idea.body.clone()}</p>
                        <SupportButton id=idea.id initial_count=idea.support_count/>
                    </article>
                }.into_any()
            }
        }}
    }
}

#[component]
fn SupportButton(id: IdeaId, initial_count: u32) -> impl IntoView {
    let i18n = use_i18n();
    let me = use_me();
    let count_signal = RwSignal::new(initial_count);
    let supported = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    if let Some(me) = me.clone() {
        spawn_local(async move {
            if let Ok(state) = api::me(&me).await {
                supported.set(state.supported_ideas.contains(&id));
            }
        });
    }
    let toggle = move |_| {
        let Some(me) = me.clone() else { return };
        let want = !supported.get_untracked();
        busy.set(true);
        spawn_local(async move {
            match api::support(id, want, &me).await {
                Ok(state) => {
                    supported.set(state.supported);
                    count_signal.set(state.support_count);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="support">
            <button
                type="button"
                class="button support-button"
                aria-pressed=move || supported.get().to_string()
                disabled=move || busy.get()
                on:click=toggle
            >
                {move || if supported.get() { i18n.t().supported_button } else { i18n.t().support_button }}
            </button>
            <p class="support-count" aria-live="polite">{move || count(count_signal.get(), i18n.t().supports)}</p>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{error_text(&e)}</p> })}
        </div>
    }
}

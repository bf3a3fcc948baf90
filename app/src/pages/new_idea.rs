//! The new-idea form: inline validation with the domain's rules; a retried submission reuses
//! the same client-generated id, so it can never create a second idea.

use crate::components::gates::{closed, use_gate, ClosedNotice};
use crate::components::status::ErrorNotice;
use crate::components::status::Loading;
use crate::i18n::pages::pt;
use crate::i18n::{fill, use_i18n};
use crate::platform::http::ClientError;
use crate::platform::identity::new_uuid;
use crate::router::use_route;
use leptos::prelude::*;
use werkstadt_domain::search::similar_titles;
use werkstadt_domain::setup::Module;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::text::{BODY_MAX, TITLE_MAX};
use werkstadt_domain::{IdeaBody, IdeaId, IdeaTitle, ThemeId};

#[component]
pub fn NewIdeaPage(theme: Option<ThemeId>) -> impl IntoView {
    let i18n = use_i18n();
    let theme = RwSignal::new(theme.map(|t| t.to_string()).unwrap_or_default());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let title_touched = RwSignal::new(false);
    let body_touched = RwSignal::new(false);
    let server_error = RwSignal::new(None::<String>);
    let sync = crate::sync::use_sync();
    let themes = sync.theme_titles();
    let ideas_closed = closed(use_gate(Module::Ideas));
    let router = use_route();
    crate::i18n::title_effect(|t| t.new_heading);

    let title_error = move || IdeaTitle::parse(&title.get()).err();
    let body_error = move || IdeaBody::parse(&body.get()).err();
    let theme_id = move || theme.get().parse::<ThemeId>().ok();
    let show_title_error =
        move || (attempted.get() || title_touched.get()) && title_error().is_some();
    let show_body_error = move || (attempted.get() || body_touched.get()) && body_error().is_some();
    let show_theme_error = move || attempted.get() && theme_id().is_none();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let (Some(theme_id), None, None) = (theme_id(), title_error(), body_error()) else {
            return;
        };
        let Ok(id) = new_uuid() else { return };
        // Stored in the outbox before we move on: offline it is sent later, exactly once.
        let kind = MutationKind::CreateIdea {
            idea_id: IdeaId(id),
            theme_id,
            title: title.get(),
            body: body.get(),
        };
        leptos::task::spawn_local(async move {
            match sync.enqueue(kind).await {
                Ok(_) => router.navigate(&format!("/ideen/{id}")),
                Err(_) => server_error.set(Some(i18n.t().err_storage.to_owned())),
            }
        });
    };

    let counter = move |n: usize, max: usize| {
        fill(
            pt(i18n).chars_count,
            &[("n", &n.to_string()), ("m", &max.to_string())],
        )
    };

    view! {
        <h1 tabindex="-1">{move || i18n.t().new_heading}</h1>
        <super::join::JoinBanner/>
        <p>{move || pt(i18n).new_intro}</p>
        <ClosedNotice module=Module::Ideas/>
        {move || match themes.get() {
            None => view! { <Loading/> }.into_any(),
            Some(themes) => {
                view! {
                    <form class="form" novalidate on:submit=on_submit>
                        <p class="notice notice-error" role="alert"
                            hidden=move || !(attempted.get() && (title_error().is_some() || body_error().is_some() || theme_id().is_none()))>
                            {move || pt(i18n).form_has_errors}
                        </p>
                        <div class="field">
                            <label for="idee-thema">{move || pt(i18n).field_theme}</label>
                            <select id="idee-thema" required
                                aria-invalid=move || show_theme_error().to_string()
                                aria-describedby="idee-thema-fehler"
                                prop:value=move || theme.get()
                                on:change=move |ev| theme.set(event_target_value(&ev))>
                                <option value="">{move || pt(i18n).field_theme_choose}</option>
                                {themes.into_iter().map(|(id, title)| {
                                    let id = id.to_string();
                                    let selected = theme.get_untracked() == id;
                                    view! { <option value=id selected=selected>{title}</option> }
                                }).collect_view()}
                            </select>
                            <p id="idee-thema-fehler" class="field-error">
                                {move || show_theme_error().then(|| pt(i18n).theme_required)}
                            </p>
                        </div>
                        <div class="field">
                            <label for="idee-titel">{move || pt(i18n).field_title}</label>
                            <input id="idee-titel" type="text" required autocomplete="off"
                                aria-invalid=move || show_title_error().to_string()
                                aria-describedby="idee-titel-hinweis idee-titel-fehler"
                                prop:value=move || title.get()
                                on:input=move |ev| title.set(event_target_value(&ev))
                                on:blur=move |_| title_touched.set(true)/>
                            <p id="idee-titel-hinweis" class="hint">
                                {move || pt(i18n).field_title_hint}" "
                                {move || counter(title.get().trim().chars().count(), TITLE_MAX)}
                            </p>
                            <p id="idee-titel-fehler" class="field-error">
                                {move || if show_title_error() { title_error().map(|e| crate::i18n::errors::et(i18n).validation(e)) } else { None }}
                            </p>
                        </div>
                        <Similar title/>
                        <div class="field">
                            <label for="idee-text">{move || pt(i18n).field_body}</label>
                            <textarea id="idee-text" rows="8" required
                                aria-invalid=move || show_body_error().to_string()
                                aria-describedby="idee-text-hinweis idee-text-fehler"
                                prop:value=move || body.get()
                                on:input=move |ev| body.set(event_target_value(&ev))
                                on:blur=move |_| body_touched.set(true)></textarea>
                            <p id="idee-text-hinweis" class="hint">
                                {move || pt(i18n).field_body_hint}" "
                                {move || counter(body.get().trim().chars().count(), BODY_MAX)}
                            </p>
                            <p id="idee-text-fehler" class="field-error">
                                {move || if show_body_error() { body_error().map(|e| crate::i18n::errors::et(i18n).validation(e)) } else { None }}
                            </p>
                        </div>
                        {move || server_error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                        <button type="submit" class="button" disabled=ideas_closed>
                            {move || pt(i18n).submit_idea}
                        </button>
                    </form>
                }.into_any()
            }
        }}
    }
}

/// Similar ideas while the title is typed, each with a link and a support button
/// ("Unterstützen statt neu einreichen"; a support, like any action, works offline). Matched on the replica, which holds every published
/// idea, by the rule of the server's full-text search (`GET /api/ideas/similar`): the same
/// answer online and offline, and no request per keystroke.
#[component]
fn Similar(title: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let can_act = crate::use_me().is_some();
    let error = RwSignal::new(None::<ClientError>);
    // A memo: the list is redrawn when the matches change, not on every sync.
    let found = Memo::new(move |_| {
        let typed = title.get();
        sync.read(|r, o| {
            let public = o.ideas(r).filter(|i| i.status.is_public());
            similar_titles(&typed, public.map(|i| (i, i.title.as_str())), 5)
                .into_iter()
                .map(|i| (i.id, i.title.clone(), o.supports(r, i.id)))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let support = move |idea_id: IdeaId| {
        leptos::task::spawn_local(async move {
            let kind = MutationKind::SetSupport {
                idea_id,
                supported: true,
            };
            error.set(sync.enqueue(kind).await.err());
        })
    };
    view! {
        <div class="similar" aria-live="polite">
            {move || {
                let list = found.get();
                (!list.is_empty()).then(|| view! {
                    <h2>{move || pt(i18n).similar_heading}</h2>
                    <p>{move || pt(i18n).similar_support}</p>
                    <ul>
                        {list.into_iter().map(|(id, t, supported)| {
                            let tx = i18n.t();
                            let button = if supported { tx.similar_supported } else { tx.support_button };
                            let label = format!("{button}: {t}");
                            view! {
                                <li>
                                    <a href=format!("/ideen/{id}")>{t}</a>" "
                                    {can_act.then(|| view! {
                                        <button type="button" class="button button-secondary"
                                            aria-label=label aria-pressed=supported.to_string()
                                            disabled=supported on:click=move |_| support(id)>
                                            {button}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
    .into_any()
}

//! Following (a project, a field of action, an idea) and the chain from an idea to the project
//! it became. Following is a mutation through the outbox like a support: it works offline and
//! shows at once, marked as waiting until the server has it.

use crate::components::status::ErrorNotice;
use crate::i18n::pages::pt;
use crate::i18n::projects::{prt, ProjectTexts};
use crate::i18n::use_i18n;
use crate::platform::http::{field as js_field, from_js, ClientError};
use crate::sync::use_sync;
use crate::use_me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkstadt_domain::projects::ProjectRecord;
use werkstadt_domain::sync::{Change, FollowTarget, MutationKind};
use werkstadt_domain::IdeaId;

/// Takes the project changes the sync kept as sent into the replica, now and whenever more
/// arrive (the decoder lives here, in the participation chunk, not in the first route).
pub fn use_projects() {
    let sync = use_sync();
    let decode = |v: wasm_bindgen::JsValue| {
        let removed = js_field(&v, "project_removed");
        let decisions = js_field(&v, "idea_decisions");
        from_js::<ProjectRecord>(js_field(&v, "project"))
            .map(Change::Project)
            .or_else(|| {
                from_js(js_field(&removed, "project_id"))
                    .map(|project_id| Change::ProjectRemoved { project_id })
            })
            .or_else(|| {
                Some(Change::IdeaDecisions {
                    idea_id: from_js(js_field(&decisions, "idea_id"))?,
                    decisions: from_js(js_field(&decisions, "decisions"))?,
                })
            })
    };
    sync.absorb_projects(decode);
    Effect::new(move |_| sync.absorb_projects(decode));
    // Once the device is open (the replica is read from it).
    Effect::new(move |_| {
        sync.read(|_, _| ());
        sync.load_news_read();
    });
}

/// A toggle button: follow or stop following `target`.
#[component]
pub fn FollowButton(
    target: FollowTarget,
    label: fn(&'static ProjectTexts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let can_act = use_me().is_some();
    let error = RwSignal::new(None::<ClientError>);
    let on = sync.pick(move |_, o| Some(o.follows().binary_search(&target).is_ok()));
    let on = move || on.get().unwrap_or(false);
    let waiting = Memo::new(move |_| {
        sync.is_pending(|k| matches!(k, MutationKind::SetFollow { target: t, .. } if *t == target))
    });
    let toggle = move |_| {
        let kind = MutationKind::SetFollow {
            target,
            following: !on(),
        };
        spawn_local(async move { error.set(sync.enqueue(kind).await.err()) });
    };
    view! {
        <div class="follow">
            <button type="button" class="toggle follow-button" aria-pressed=move || on().to_string()
                disabled=!can_act on:click=toggle>
                {move || label(prt(i18n))}
            </button>
            <Show when=move || waiting.get()>
                <span class="pending-marker">{move || pt(i18n).pending_marker}</span>
            </Show>
            <Show when=on>
                <p class="hint">{move || prt(i18n).follow_hint}</p>
            </Show>
            {move || error.get().map(|error| view! { <ErrorNotice error/> })}
        </div>
    }
}

/// "Daraus wurde das Projekt X (status)" on an idea that became part of a project.
#[component]
pub fn Became(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    use_projects();
    let project = sync.pick(move |r, o| {
        let p = r.project(o.idea(r, id)?.project_id?)?;
        Some((p.id, p.title.clone(), p.status))
    });
    move || {
        project.get().map(|(p, title, status)| {
            view! {
                <p class="notice became">
                    {move || prt(i18n).became}" "
                    <a href=format!("/projekte/{p}")>{title}</a>
                    " ("{move || prt(i18n).status(status)}")"
                </p>
            }
        })
    }
}

//! One visitor's journey at the kiosk, in three steps: choose a field of action → write an
//! idea or place the dots → done. The visitor is a participant of their own, made fresh when
//! the visit starts and kept only in memory (and with their queued changes). Built anew for
//! every visitor: a reset drops this whole component, its signals and its DOM.

use super::store::Booth;
use super::texts::kt;
use crate::components::gates::use_gate;
use crate::i18n::{fill, use_i18n};
use crate::platform::identity::{self, Identity};
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkstadt_domain::setup::Module;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::{DotBallot, IdeaBody, IdeaId, IdeaTitle, ThemeId, DOT_BUDGET};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Choose,
    Act(ThemeId),
    Done,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Idea,
    Dots,
}

/// One visit. `step` is owned by the kiosk page (the inactivity timer reads it); `finished`
/// is called when the visitor taps "Nächste Person" on the last screen.
#[component]
pub fn Visit(booth: Booth, step: RwSignal<Step>, finished: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let me: StoredValue<Option<Identity>> = StoredValue::new(identity::fresh().ok());
    let themes = sync.pick(|_, o| {
        Some(
            o.themes()
                .iter()
                .filter(|t| !t.retired)
                .map(|t| (t.id, t.title.clone()))
                .collect::<Vec<_>>(),
        )
    });
    let title_of = move |id: ThemeId| {
        themes.with(|ts| {
            ts.as_ref()
                .and_then(|ts| {
                    ts.iter()
                        .find(|(t, _)| *t == id)
                        .map(|(_, title)| title.clone())
                })
                .unwrap_or_default()
        })
    };
    let step_no = move || match step.get() {
        Step::Choose => 1,
        Step::Act(_) => 2,
        Step::Done => 3,
    };
    view! {
        <p class="kiosk-step">{move || fill(kt(i18n).step, &[("n", &step_no().to_string())])}</p>
        {move || match step.get() {
            Step::Choose => view! {
                <h1 class="kiosk-h1">{move || kt(i18n).choose}</h1>
                <ul class="kiosk-themes">
                    {move || themes.get().unwrap_or_default().into_iter().map(|(id, title)| view! {
                        <li><button type="button" class="kiosk-theme"
                            on:click=move |_| step.set(Step::Act(id))>{title}</button></li>
                    }).collect_view()}
                </ul>
            }.into_any(),
            Step::Act(theme) => view! {
                <Act booth me theme title=title_of(theme) step themes/>
            }.into_any(),
            Step::Done => view! {
                <h1 class="kiosk-h1" tabindex="-1">{move || kt(i18n).done_heading}</h1>
                <p class="kiosk-lead">{move || kt(i18n).done_text}</p>
                <button type="button" class="kiosk-button"
                    on:click=move |_| finished.run(())>{move || kt(i18n).next}</button>
            }.into_any(),
        }}
    }
}

/// Step 2: an idea for the chosen field of action, or the dots over all of them.
#[component]
fn Act(
    booth: Booth,
    me: StoredValue<Option<Identity>>,
    theme: ThemeId,
    title: String,
    step: RwSignal<Step>,
    themes: Memo<Option<Vec<(ThemeId, String)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ideas = offered(booth, Module::Ideas);
    let dots = offered(booth, Module::Dots);
    let tab = RwSignal::new(Tab::Idea);
    // The chosen tab if it is offered, else the other one; a memo, so the kiosk's regular
    // settings refresh does not rebuild a form being typed in.
    let shown = Memo::new(move |_| match tab.get() {
        Tab::Idea if ideas() => Some(Tab::Idea),
        Tab::Dots if dots() => Some(Tab::Dots),
        _ if ideas() => Some(Tab::Idea),
        _ if dots() => Some(Tab::Dots),
        _ => None,
    });
    let both = Memo::new(move |_| ideas() && dots());
    let tab_button =
        move |which: Tab, text: fn(&'static super::texts::KioskTexts) -> &'static str| {
            view! {
                <button type="button" class="kiosk-tab" aria-pressed=move || (shown.get() == Some(which)).to_string()
                    on:click=move |_| tab.set(which)>{move || text(kt(i18n))}</button>
            }
        };
    view! {
        <div class="kiosk-bar">
            <button type="button" class="kiosk-small" on:click=move |_| step.set(Step::Choose)>
                {move || kt(i18n).back}
            </button>
            <h1 class="kiosk-h1">{title}</h1>
        </div>
        <p class="kiosk-lead">{move || kt(i18n).what}</p>
        // Only what is offered: both tabs, or the one form, or that nothing is open.
        <Show when=move || both.get()>
            <div class="kiosk-tabs">
                {tab_button(Tab::Idea, |t| t.tab_idea)}
                {tab_button(Tab::Dots, |t| t.tab_dots)}
            </div>
        </Show>
        {move || match shown.get() {
            None => view! { <p class="kiosk-notice">{move || kt(i18n).closed}</p> }.into_any(),
            Some(Tab::Idea) => view! { <IdeaForm booth me theme/> }.into_any(),
            Some(Tab::Dots) => view! { <DotsForm booth me theme themes/> }.into_any(),
        }}
        <button type="button" class="kiosk-button kiosk-finish"
            on:click=move |_| step.set(Step::Done)>{move || kt(i18n).finish}</button>
    }
}

/// Whether the kiosk offers `module` now: while its workshop runs, the workshop's modules
/// decide (`Workshop::opens_at`, the server's rule too); otherwise the process's phases.
fn offered(booth: Booth, module: Module) -> impl Fn() -> bool + Copy {
    let gate = use_gate(module);
    move || {
        let now = crate::platform::now_ms() as i64;
        booth
            .workshop
            .with(|w| w.as_ref().and_then(|w| w.opens_at(module, now)))
            .unwrap_or_else(|| gate.with(|g| g.is_none_or(|g| g.is_open())))
    }
}

async fn queue(booth: Booth, me: StoredValue<Option<Identity>>, kind: MutationKind) -> bool {
    match me.get_value() {
        Some(who) => booth.enqueue(&who, kind).await.is_ok(),
        None => false,
    }
}

#[component]
fn IdeaForm(booth: Booth, me: StoredValue<Option<Identity>>, theme: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (t, b) = (title.get_untracked(), body.get_untracked());
        if let Err(e) = IdeaTitle::parse(&t).and_then(|_| IdeaBody::parse(&b)) {
            error.set(Some(crate::i18n::errors::et(i18n).validation(e).to_owned()));
            return;
        }
        let Ok(id) = identity::new_uuid() else { return };
        let kind = MutationKind::CreateIdea {
            idea_id: IdeaId(id),
            theme_id: theme,
            title: t,
            body: b,
        };
        spawn_local(async move {
            if queue(booth, me, kind).await {
                error.set(None);
                title.set(String::new());
                body.set(String::new());
                saved.set(true);
            } else {
                error.set(Some(kt(i18n).err_storage.to_owned()));
            }
        });
    };
    view! {
        <form class="kiosk-form" on:submit=submit autocomplete="off">
            <label for="kiosk-titel">{move || kt(i18n).idea_title}</label>
            <input id="kiosk-titel" type="text" autocomplete="off" spellcheck="false"
                prop:value=move || title.get() on:input=move |ev| { saved.set(false); title.set(event_target_value(&ev)) }/>
            <label for="kiosk-text">{move || kt(i18n).idea_body}</label>
            <textarea id="kiosk-text" rows="4" autocomplete="off" spellcheck="false"
                prop:value=move || body.get() on:input=move |ev| { saved.set(false); body.set(event_target_value(&ev)) }></textarea>
            {move || error.get().map(|e| view! { <p class="kiosk-error" role="alert">{e}</p> })}
            {move || saved.get().then(|| view! { <p class="kiosk-ok" role="status">{move || kt(i18n).idea_saved}</p> })}
            <button type="submit" class="kiosk-button">{move || kt(i18n).idea_submit}</button>
        </form>
    }
}

#[component]
fn DotsForm(
    booth: Booth,
    me: StoredValue<Option<Identity>>,
    theme: ThemeId,
    themes: Memo<Option<Vec<(ThemeId, String)>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let budget = sync.pick(|r, _| r.process.as_ref().map(|p| p.dot_budget));
    let budget = move || budget.get().unwrap_or(DOT_BUDGET);
    let ballot = RwSignal::new(DotBallot::default());
    let saved = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let remaining = move || ballot.with(|b| b.remaining(budget()));
    // The chosen field of action first.
    let ordered = move || {
        let mut list = themes.get().unwrap_or_default();
        list.sort_by_key(|(id, _)| *id != theme);
        list
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let allocations = ballot.get_untracked().entries();
        spawn_local(async move {
            let ok = queue(booth, me, MutationKind::SetDots { allocations }).await;
            failed.set(!ok);
            saved.set(ok);
        });
    };
    view! {
        <form class="kiosk-form" on:submit=submit>
            <p>{move || kt(i18n).dots_intro}</p>
            <p class="kiosk-left" role="status" aria-live="polite">
                {move || fill(kt(i18n).dots_left, &[("n", &remaining().to_string()), ("m", &budget().to_string())])}
            </p>
            <ul class="kiosk-dots">
                {move || ordered().into_iter().map(|(id, title)| {
                    let title = StoredValue::new(title);
                    let points = move || ballot.with(|b| b.points_for(id));
                    let change = move |delta: i8| {
                        let next = points().saturating_add_signed(delta);
                        if let Ok(b) = ballot.get_untracked().with(id, next, budget()) {
                            ballot.set(b);
                            saved.set(false);
                        }
                    };
                    view! {
                        <li class="kiosk-dot-row">
                            <span class="kiosk-dot-theme">{title.get_value()}</span>
                            <button type="button" class="kiosk-round"
                                aria-label=move || fill(kt(i18n).dots_remove, &[("t", &title.get_value())])
                                disabled=move || points() == 0 on:click=move |_| change(-1)>"−"</button>
                            <output class="kiosk-points" aria-live="polite">{points}</output>
                            <button type="button" class="kiosk-round"
                                aria-label=move || fill(kt(i18n).dots_add, &[("t", &title.get_value())])
                                disabled=move || remaining() == 0 on:click=move |_| change(1)>"+"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || failed.get().then(|| view! { <p class="kiosk-error" role="alert">{move || kt(i18n).err_storage}</p> })}
            {move || saved.get().then(|| view! { <p class="kiosk-ok" role="status">{move || kt(i18n).dots_saved}</p> })}
            <button type="submit" class="kiosk-button">{move || kt(i18n).dots_submit}</button>
        </form>
    }
}

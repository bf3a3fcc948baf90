//! Dot voting: the process's points over the themes, several on one allowed, with a clear remaining count.

use crate::components::gates::{closed, use_gate, ClosedNotice};
use crate::components::status::Loading;
use crate::i18n::pages::pt;
use crate::i18n::workshop::wt;
use crate::i18n::{count, fill, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use werkstadt_domain::setup::Module;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::{DotBallot, DOT_BUDGET};

#[component]
pub fn DotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    let ballot = RwSignal::new(DotBallot::default());
    let saved = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let themes = sync.pick(|_, o| {
        Some(
            o.themes()
                .iter()
                .map(|t| (t.id, t.title.clone(), t.retired))
                .collect::<Vec<_>>(),
        )
    });
    let budget = sync.pick(|r, _| r.process.as_ref().map(|p| p.dot_budget));
    let budget = move || budget.get().unwrap_or(DOT_BUDGET);
    let gate = use_gate(Module::Dots);
    // At a workshop this phone joined, its modules decide while it runs (`use_gate`); its
    // notice names the workshop.
    let closed = closed(gate);
    let at_workshop = crate::components::gates::joined_workshop()
        .and_then(|w| w.opens_at(Module::Dots, crate::platform::now_ms() as i64));
    let pending_dots = move || sync.is_pending(|k| matches!(k, MutationKind::SetDots { .. }));
    // Start from what this device last decided (the view includes a waiting ballot), once.
    let started = StoredValue::new(false);
    let placed = sync.pick(|_, o| Some(o.dots().to_vec()));
    Effect::new(move |_| {
        if started.get_value() {
            return;
        }
        if let Some(dots) = placed.get() {
            started.set_value(true);
            // A ballot placed before the budget was lowered stays as it is (it counts).
            if let Ok(b) = DotBallot::parse(&dots, u8::MAX) {
                ballot.set(b);
            }
        }
    });
    crate::i18n::title_effect(|t| t.dots_heading);
    let remaining = move || ballot.with(|b| b.remaining(budget()));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let allocations = ballot.get_untracked().entries();
        spawn_local(async move {
            match sync.enqueue(MutationKind::SetDots { allocations }).await {
                Ok(_) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(_) => error.set(Some(i18n.t().err_storage.to_owned())),
            }
        });
    };
    let saved_text = move || {
        if pending_dots() {
            pt(i18n).saved_pending
        } else {
            pt(i18n).dots_saved
        }
    };

    view! {
        <h1 tabindex="-1">{move || i18n.t().dots_heading}</h1>
        <super::join::JoinBanner/>
        <p>{move || count(u32::from(budget()), pt(i18n).dots_intro)}</p>
        {match at_workshop {
            None => view! { <ClosedNotice module=Module::Dots/> }.into_any(),
            Some(true) => ().into_any(),
            Some(false) => view! {
                <p class="notice notice-info" role="status">{move || wt(i18n).dots_closed_here}</p>
            }.into_any(),
        }}
        <p class="dots-remaining" role="status" aria-live="polite">
            <strong>{move || fill(pt(i18n).dots_remaining, &[("n", &remaining().to_string()), ("m", &budget().to_string())])}</strong>
        </p>
        {move || match themes.get() {
            None => view! { <Loading/> }.into_any(),
            Some(themes) => view! {
                <form class="form" on:submit=save>
                    <ul class="dot-list">
                        {themes.into_iter().map(|(id, title, retired)| {
                            let title = StoredValue::new(title);
                            let points = move || ballot.with(|b| b.points_for(id));
                            let change = move |delta: i8| {
                                let next = points().saturating_add_signed(delta);
                                // Taking points away always fits (also above a lowered budget).
                                let limit = if delta < 0 { u8::MAX } else { budget() };
                                if let Ok(b) = ballot.get_untracked().with(id, next, limit) {
                                    ballot.set(b);
                                    saved.set(false);
                                }
                            };
                            view! {
                                <li class="dot-row">
                                    <span class="dot-theme">
                                        {title.get_value()}
                                        {retired.then(|| view! { <span class="badge">{move || i18n.t().theme_retired}</span> })}
                                    </span>
                                    <span class="dot-controls">
                                        <button type="button" class="round"
                                            aria-label=move || fill(pt(i18n).dots_remove, &[("t", &title.get_value())])
                                            disabled=move || points() == 0 || closed()
                                            on:click=move |_| change(-1)>"−"</button>
                                        <output class="dot-points" aria-live="polite">
                                            {move || count(u32::from(points()), i18n.t().points)}
                                        </output>
                                        <button type="button" class="round"
                                            aria-label=move || fill(pt(i18n).dots_add, &[("t", &title.get_value())])
                                            disabled=move || remaining() == 0 || retired || closed()
                                            on:click=move |_| change(1)>"+"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                    {move || (saved.get()).then(|| view! {
                        <p class="notice notice-ok" role="status">{saved_text}</p>
                    })}
                    <button type="submit" class="button" disabled=closed>{move || pt(i18n).dots_save}</button>
                </form>
            }.into_any(),
        }}
    }
}

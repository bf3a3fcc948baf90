//! Kiosk mode (`/kiosk`): the citizen journey for a shared touch screen at a workshop. No
//! site chrome and no way out for a visitor: no links, back/forward stays on the kiosk, and
//! leaving needs the team's PIN. After each visitor, and after a time without a touch (with a
//! visible countdown a touch cancels), it starts over with a fresh participant; nothing a
//! visitor typed stays on the device but their queued changes, which it never shows.

mod exit;
mod lock;
mod pair;
mod store;
mod texts;
mod visit;

use crate::i18n::{fill, use_i18n, Lang};
use leptos::prelude::*;
use store::{Booth, Credential};
use texts::kt;
use visit::{Step, Visit};
use werkstadt_domain::kiosk::COUNTDOWN_SECS;

/// The "Fertig" screen shows this long before the next visitor's start screen.
const DONE_SECS: f64 = 8.0;

#[component]
pub fn KioskPage() -> impl IntoView {
    let i18n = use_i18n();
    let credential = RwSignal::new(store::stored_credential());
    let revoked = RwSignal::new(false);
    lock::lock_navigation();
    Effect::new(move |_| crate::platform::set_document_title(kt(i18n).title));
    let other_lang = move || match i18n.lang() {
        Lang::De => Lang::En,
        Lang::En => Lang::De,
    };
    view! {
        <link rel="stylesheet" href="/kiosk.css"/>
        <div class="kiosk">
            <div class="kiosk-top">
                <span class="kiosk-title">{move || kt(i18n).welcome}</span>
                <button type="button" class="kiosk-small" lang=move || other_lang().code()
                    on:click=move |_| i18n.0.set(other_lang())>{move || kt(i18n).other_lang}</button>
            </div>
            {move || match credential.get() {
                None => view! {
                    <div class="kiosk-stage">
                        {move || revoked.get().then(|| view! {
                            <p class="kiosk-error" role="alert">{move || kt(i18n).revoked}</p>
                        })}
                        <pair::PairScreen paired=credential/>
                    </div>
                }.into_any(),
                Some(c) => view! { <BoothScreen credential=c unpaired=credential revoked/> }.into_any(),
            }}
        </div>
    }
}

fn now_s() -> f64 {
    crate::platform::now_ms() as f64 / 1000.0
}

#[component]
fn BoothScreen(
    credential: Credential,
    unpaired: RwSignal<Option<Credential>>,
    revoked: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let booth = Booth::start(credential);
    let visit = RwSignal::new(0u32);
    let step = RwSignal::new(Step::Choose);
    let last_touch = StoredValue::new(now_s());
    // Something of this visit is on the screen (a step taken, a letter typed).
    let dirty = RwSignal::new(false);
    let countdown = RwSignal::new(None::<u32>);
    let exiting = RwSignal::new(false);
    let reset = move || {
        visit.update(|n| *n += 1);
        step.set(Step::Choose);
        dirty.set(false);
        countdown.set(None);
        i18n.0.set(Lang::De);
        last_touch.set_value(now_s());
    };
    Effect::new(move |_| {
        if step.get() != Step::Choose {
            dirty.set(true);
        }
    });
    let touched = move || {
        last_touch.set_value(now_s());
        countdown.set(None);
    };
    let touch = window_event_listener(leptos::ev::pointerdown, move |_| touched());
    let key = window_event_listener(leptos::ev::keydown, move |_| touched());
    let typed = window_event_listener(leptos::ev::input, move |_| {
        touched();
        dirty.set(true);
    });
    // Back or forward starts the visit over (`lock::lock_navigation` keeps the address).
    let moved = window_event_listener(leptos::ev::popstate, move |_| {
        exiting.set(false);
        reset();
    });
    // Leaves nothing to clear: once this screen is gone, its ticks find no signal and return.
    crate::platform::every(250, move || {
        if visit.try_get_untracked().is_none() {
            return;
        }
        {
            let idle = now_s() - last_touch.get_value();
            let limit = f64::from(booth.reset_seconds.get_untracked());
            if exiting.get_untracked() {
                return;
            }
            let done = step.get_untracked() == Step::Done && idle >= DONE_SECS;
            if done || (dirty.get_untracked() && idle >= limit) {
                reset();
            } else if dirty.get_untracked() && idle >= limit - f64::from(COUNTDOWN_SECS) {
                countdown.set(Some((limit - idle).ceil().max(1.0) as u32));
            }
        }
    });
    on_cleanup(move || {
        touch.remove();
        key.remove();
        typed.remove();
        moved.remove();
    });
    let finished = Callback::new(move |()| reset());
    // Revoked by staff: nothing more can be sent from here; back to pairing.
    Effect::new(move |_| {
        if booth.revoked.get() {
            leptos::task::spawn_local(async move {
                booth.forget().await;
                revoked.set(true);
                unpaired.set(None);
            });
        }
    });
    view! {
        <div class="kiosk-stage">
            {move || {
                visit.track();
                view! { <Visit booth step finished/> }
            }}
        </div>
        {move || countdown.get().map(|n| view! {
            <div class="kiosk-countdown" role="alertdialog" aria-labelledby="kiosk-countdown-text">
                <p id="kiosk-countdown-text" aria-live="assertive">
                    {move || fill(kt(i18n).countdown, &[("n", &n.to_string())])}
                </p>
                <button type="button" class="kiosk-button" on:click=move |_| touched()>
                    {move || kt(i18n).stay}
                </button>
            </div>
        })}
        <div class="kiosk-foot">
            <StatusDot booth/>
            <exit::ExitButton booth exiting/>
        </div>
    }
}

/// For the team: whether every contribution reached the server.
#[component]
fn StatusDot(booth: Booth) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match booth.waiting.get() {
        0 => kt(i18n).sent.to_owned(),
        n => fill(kt(i18n).waiting, &[("n", &n.to_string())]),
    };
    view! {
        <span class="kiosk-status" data-waiting=move || booth.waiting.get().to_string()>
            <span class=move || if booth.waiting.get() == 0 { "kiosk-dot kiosk-dot-sent" } else { "kiosk-dot kiosk-dot-waiting" }
                aria-hidden="true"></span>
            <span class="kiosk-status-text">{text}</span>
        </span>
    }
}

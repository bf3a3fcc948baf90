//! One matrix as moderators see it: its state (close, reopen, publish), the invited
//! DigitalSupporters, its definition (editable while open) and its result. Loaded again after
//! every write on the page, and whenever the server announces a change (an expert saving a
//! sheet shows up in the result while it is open).

use super::experts::Experts;
use super::form::MatrixForm;
use super::table::ResultTable;
use super::texts::{outcome, rt, texts_of, Text};
use super::{calls, use_page, Open};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::ids::MatrixId;
use werkstadt_domain::matrix::{MatrixReview, MatrixState, StateChange};

#[component]
pub fn Detail(id: MatrixId) -> impl IntoView {
    let i18n = use_i18n();
    let page = use_page();
    let review = RwSignal::new(None::<MatrixReview>);
    let failed = RwSignal::new(String::new());
    Effect::new(move |_| {
        page.track();
        leptos::task::spawn_local(async move {
            match calls::review(id).await {
                Ok(r) => {
                    failed.set(String::new());
                    review.set(Some(r));
                }
                Err(e) => failed.set(outcome::<()>(i18n, &Err(e), "")),
            }
        });
    });
    let title = Memo::new(move |_| review.with(|r| r.as_ref().map(|r| r.matrix.title.clone())));
    let state = Memo::new(move |_| review.with(|r| r.as_ref().map(|r| r.matrix.state)));
    // The form is drawn anew only when the matrix opens or closes: what is typed stays.
    let form = move || match state.get() {
        Some(MatrixState::Open) => review.with_untracked(|r| {
            r.as_ref().map(|r| {
                let (process, matrix) = (r.matrix.process_id, r.matrix.clone());
                view! { <MatrixForm process matrix=Some(matrix)/> }
            })
        }),
        _ => None,
    };
    let result = move || review.get().map(|r| view! { <ResultTable review=r/> });
    view! {
        <section aria-labelledby="matrix-offen" class="matrix-detail">
            <h2 id="matrix-offen" tabindex="-1">{move || title.get().unwrap_or_default()}</h2>
            <p role="status" class="field-error">{move || failed.get()}</p>
            {move || state.get().map(|s| view! { <StateControls id state=s/> })}
            {move || state.get().map(|s| view! {
                <Experts id record=Signal::derive(move || review.with(|r| r.as_ref().map(|r| r.matrix.clone()))) open=s != MatrixState::Published/>
            })}
            {form}
            <section aria-labelledby="matrix-ergebnis-titel">
                <h3 id="matrix-ergebnis-titel">{rt(|t| t.result_heading)}</h3>
                {result}
            </section>
            <p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| page.choose(Open::Nothing)>{rt(|t| t.close)}</button>
            </p>
        </section>
    }
}

/// The matrix's state and the changes it allows: open → closed (and back) → published.
#[component]
fn StateControls(id: MatrixId, state: MatrixState) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let page = use_page();
    let msg = Status::of("state");
    let set = move |to: MatrixState| {
        let Some(csrf) = desk.csrf() else { return };
        leptos::task::spawn_local(async move {
            let r = calls::set_state(id, &StateChange { state: to }, &csrf).await;
            msg.set(outcome(i18n, &r, texts_of(i18n).state_saved));
            if r.is_ok() {
                page.changed();
            }
        });
    };
    let button = move |to: MatrixState, label: Text| {
        view! {
            <button type="button" class="button" on:click=move |_| set(to)>{rt(label)}</button>
        }
    };
    view! {
        <section aria-labelledby="matrix-stand">
            <h3 id="matrix-stand">{rt(|t| t.state_heading)}</h3>
            <p class="matrix-state-now">{move || {
                let t = texts_of(i18n);
                fill(t.state_is, t.state(state), "")
            }}</p>
            <div class="actions">
                {match state {
                    MatrixState::Open => button(MatrixState::Closed, |t| t.do_close).into_any(),
                    MatrixState::Closed => view! {
                        {button(MatrixState::Open, |t| t.do_reopen)}
                        {button(MatrixState::Published, |t| t.do_publish)}
                    }.into_any(),
                    MatrixState::Published => view! { <p>{rt(|t| t.published_note)}</p> }.into_any(),
                }}
            </div>
            <p role="status" class="form-status">{move || msg.get()}</p>
        </section>
    }
}

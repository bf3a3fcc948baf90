//! The lists of matrices: every matrix of the current process for moderators (with its state,
//! size and invited DigitalSupporters; open it, score it, or create a new one), and the
//! matrices a DigitalSupporter is invited to score.

use super::texts::{outcome, rt, texts_of, Text};
use super::{calls, use_page, Open};
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::matrix::{MatrixRecord, MatrixState};
use werkstadt_domain::ProcessId;

/// Loads a list again after every write on the page or the server; `failed` says why not.
fn load_on_change<F, Fut>(
    list: RwSignal<Option<Vec<MatrixRecord>>>,
    failed: RwSignal<String>,
    load: F,
) where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<Vec<MatrixRecord>, werkstadt_web::http::ClientError>>
        + 'static,
{
    let i18n = use_i18n();
    let page = use_page();
    Effect::new(move |_| {
        page.track();
        let loading = load();
        leptos::task::spawn_local(async move {
            match loading.await {
                Ok(l) => {
                    failed.set(String::new());
                    list.set(Some(l));
                }
                Err(e) => failed.set(outcome::<()>(i18n, &Err(e), "")),
            }
        });
    });
}

/// Every matrix of the process (moderators and admins).
#[component]
pub fn Matrices(process: ProcessId) -> impl IntoView {
    let page = use_page();
    let list = RwSignal::new(None::<Vec<MatrixRecord>>);
    let failed = RwSignal::new(String::new());
    load_on_change(list, failed, move || calls::matrices(process));
    let all = move || list.get().unwrap_or_default();
    let empty = move || list.with(|l| l.as_ref().is_some_and(Vec::is_empty));
    view! {
        <section aria-labelledby="matrizen-liste">
            <h2 id="matrizen-liste">{rt(|t| t.matrices_heading)}</h2>
            <p role="status" class="field-error">{move || failed.get()}</p>
            <Show when=move || !empty() fallback=|| view! { <p class="notice">{rt(|t| t.matrices_none)}</p> }>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="matrizen-liste">
                    <table class="audit matrix-list">
                        <thead><tr>
                            <th scope="col">{rt(|t| t.col_title)}</th>
                            <th scope="col">{rt(|t| t.col_state)}</th>
                            <th scope="col">{rt(|t| t.col_size)}</th>
                            <th scope="col">{rt(|t| t.col_experts)}</th>
                            <th scope="col">{rt(|t| t.col_actions)}</th>
                        </tr></thead>
                        <tbody>
                            <For each=all key=|m| (m.id, m.updated_at, m.state, m.experts.len()) let:m>
                                <Row m=m moderates=true/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
            <p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| page.choose(Open::New)>{rt(|t| t.new_matrix)}</button>
            </p>
        </section>
    }
}

/// The matrices the signed-in person is invited to score.
#[component]
pub fn Mine() -> impl IntoView {
    let list = RwSignal::new(None::<Vec<MatrixRecord>>);
    let failed = RwSignal::new(String::new());
    load_on_change(list, failed, calls::mine);
    let all = move || list.get().unwrap_or_default();
    let empty = move || list.with(|l| l.as_ref().is_some_and(Vec::is_empty));
    view! {
        <section aria-labelledby="matrizen-eingeladen">
            <h2 id="matrizen-eingeladen">{rt(|t| t.mine_heading)}</h2>
            <p role="status" class="field-error">{move || failed.get()}</p>
            <Show when=move || !empty() fallback=|| view! { <p class="notice">{rt(|t| t.mine_none)}</p> }>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="matrizen-eingeladen">
                    <table class="audit matrix-list">
                        <thead><tr>
                            <th scope="col">{rt(|t| t.col_title)}</th>
                            <th scope="col">{rt(|t| t.col_state)}</th>
                            <th scope="col">{rt(|t| t.col_size)}</th>
                            <th scope="col">{rt(|t| t.col_actions)}</th>
                        </tr></thead>
                        <tbody>
                            <For each=all key=|m| (m.id, m.updated_at, m.state) let:m>
                                <Row m=m moderates=false/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// One matrix: title, state, size (and for moderators its DigitalSupporters), the buttons.
#[component]
fn Row(m: MatrixRecord, moderates: bool) -> impl IntoView {
    let i18n = use_i18n();
    let page = use_page();
    let id = m.id;
    let state = m.state;
    let (options, criteria) = (m.options.len().to_string(), m.criteria.len().to_string());
    let experts = m
        .experts
        .iter()
        .map(|e| e.username.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let title = StoredValue::new(m.title);
    let current = move || {
        matches!(page.open.get(), Open::Matrix(x) | Open::Sheet(x) if x == id).then_some("true")
    };
    let named = move |text: Text| fill(text(texts_of(i18n)), &title.get_value(), "");
    // Scored while open; afterwards the sheet is read only.
    let scoring = state == MatrixState::Open;
    let sheet_label = move || {
        let t = texts_of(i18n);
        if scoring {
            t.score
        } else {
            t.view_sheet
        }
    };
    let sheet_named = move || {
        named(if scoring {
            |t| t.score_named
        } else {
            |t| t.view_named
        })
    };
    view! {
        <tr class="matrix-row" data-id=id.to_string() aria-current=current>
            <th scope="row">{title.get_value()}</th>
            <td class="matrix-state">{move || texts_of(i18n).state(state)}</td>
            <td>{move || fill(texts_of(i18n).size_of, &options, &criteria)}</td>
            {moderates.then(|| view! { <td>{experts}</td> })}
            <td>
                <div class="actions">
                    {moderates.then(|| view! {
                        <button type="button" class="button button-secondary"
                            aria-label=move || named(|t| t.open_named)
                            on:click=move |_| page.choose(Open::Matrix(id))>{rt(|t| t.open_matrix)}</button>
                    })}
                    <button type="button" class="button button-secondary"
                        aria-label=sheet_named
                        on:click=move |_| page.choose(Open::Sheet(id))>{sheet_label}</button>
                </div>
            </td>
        </tr>
    }
}

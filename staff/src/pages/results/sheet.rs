//! The signed-in person's own score sheet: a table of criteria (rows) × options (columns)
//! with a score and an optional note per cell; saving replaces the whole sheet. A matrix that
//! is closed or published shows the sheet read only, with a notice.

use super::texts::{outcome, rt, texts_of};
use super::{calls, use_page, Open};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::ids::{CriterionId, MatrixId, MatrixOptionId};
use werkstadt_domain::matrix::{MatrixSheetView, MatrixState, Score, SheetDraft};
use werkstadt_domain::ErrorCode;
use werkstadt_web::http::ClientError;

/// One cell being scored: its score ("" for none) and note.
#[derive(Clone, Copy)]
struct Cell {
    option_id: MatrixOptionId,
    criterion_id: CriterionId,
    score: RwSignal<String>,
    note: RwSignal<String>,
}

#[component]
pub fn Sheet(id: MatrixId) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = RwSignal::new(None::<MatrixSheetView>);
    let failed = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        match calls::sheet(id).await {
            Ok(v) => loaded.set(Some(v)),
            Err(e) => failed.set(outcome::<()>(i18n, &Err(e), "")),
        }
    });
    let page = use_page();
    let title = move || {
        loaded.with(|l| {
            l.as_ref()
                .map(|l| l.matrix.title.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="matrix-offen" class="matrix-sheet">
            <h2 id="matrix-offen" tabindex="-1">{move || fill(texts_of(i18n).sheet_heading, &title(), "")}</h2>
            <p role="status" class="field-error">{move || failed.get()}</p>
            {move || loaded.get().map(|sheet| view! { <Cells sheet/> })}
            <p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| page.choose(Open::Nothing)>{rt(|t| t.close)}</button>
            </p>
        </section>
    }
}

#[component]
fn Cells(sheet: MatrixSheetView) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let page = use_page();
    let MatrixSheetView { matrix, scores } = sheet;
    let id = matrix.id;
    let closed = RwSignal::new(matrix.state != MatrixState::Open);
    let msg = Status::of("sheet");
    let cell = |o: MatrixOptionId, c: CriterionId| {
        let given = scores
            .iter()
            .find(|s| s.option_id == o && s.criterion_id == c);
        Cell {
            option_id: o,
            criterion_id: c,
            score: RwSignal::new(given.map(|s| s.score.to_string()).unwrap_or_default()),
            note: RwSignal::new(given.and_then(|s| s.note.clone()).unwrap_or_default()),
        }
    };
    let cells: Vec<Vec<Cell>> = matrix
        .criteria
        .iter()
        .map(|c| matrix.options.iter().map(|o| cell(o.id, c.id)).collect())
        .collect();
    let all = StoredValue::new(cells.iter().flatten().copied().collect::<Vec<_>>());
    let points: Vec<u8> = (matrix.scale.min..=matrix.scale.max).collect();
    let legend = matrix
        .scale
        .labels
        .iter()
        .zip(points.iter())
        .map(|(l, p)| view! { <li>{format!("{p}: {l}")}</li> })
        .collect_view();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let scores: Vec<Score> = all
            .get_value()
            .into_iter()
            .filter_map(|c| {
                let score = c.score.get_untracked().parse::<u8>().ok()?;
                let note = c.note.get_untracked();
                Some(Score {
                    option_id: c.option_id,
                    criterion_id: c.criterion_id,
                    score,
                    note: Some(note).filter(|n| !n.trim().is_empty()),
                })
            })
            .collect();
        leptos::task::spawn_local(async move {
            let r = calls::put_sheet(id, &SheetDraft { scores }, &csrf).await;
            msg.set(outcome(i18n, &r, texts_of(i18n).sheet_saved));
            match r {
                Ok(_) => page.changed(),
                Err(ClientError::Api(b)) if b.code == ErrorCode::MatrixClosed => closed.set(true),
                Err(_) => {}
            }
        });
    };
    let header = matrix
        .options
        .iter()
        .map(|o| view! { <th scope="col">{o.title.clone()}</th> })
        .collect_view();
    let rows = matrix
        .criteria
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(ci, (c, row))| {
            let tds = matrix
                .options
                .iter()
                .zip(row)
                .enumerate()
                .map(|(oi, (o, cell))| {
                    let name = format!("{} – {}", c.title, o.title);
                    let note_label = {
                        let name = name.clone();
                        move || fill(texts_of(i18n).sheet_note, &name, "")
                    };
                    let choices = points
                        .iter()
                        .map(|p| {
                            let (v, text, value) = (p.to_string(), p.to_string(), p.to_string());
                            view! { <option value=v selected=move || cell.score.get() == value>{text}</option> }
                        })
                        .collect_view();
                    view! {
                        <td>
                            <select id=format!("wert-{ci}-{oi}") aria-label=name disabled=move || closed.get()
                                on:change=move |ev| cell.score.set(event_target_value(&ev))>
                                <option value="" selected=move || cell.score.get().is_empty()>{rt(|t| t.not_scored)}</option>
                                {choices}
                            </select>
                            <input id=format!("notiz-{ci}-{oi}") type="text" class="matrix-note"
                                aria-label=note_label readonly=move || closed.get()
                                prop:value=move || cell.note.get()
                                on:input=move |ev| cell.note.set(event_target_value(&ev))/>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{c.title.clone()}</th>{tds}</tr> }
        })
        .collect_view();
    view! {
        <p>{rt(|t| t.sheet_intro)}</p>
        <Show when=move || closed.get()>
            <p class="notice" role="status">{rt(|t| t.sheet_closed)}</p>
        </Show>
        <ul class="scale-legend">{legend}</ul>
        <form class="form" on:submit=save>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="bogen-titel">
                <table class="audit matrix-sheet-table">
                    <caption id="bogen-titel">{rt(|t| t.sheet_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{rt(|t| t.criterion)}</th>
                        {header}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || !closed.get()>
                <button type="submit" class="button">{rt(|t| t.sheet_save)}</button>
            </Show>
            <p role="status" class="form-status">{move || msg.get()}</p>
        </form>
    }
}

//! A matrix's result as a table (criteria as rows, options as columns, as Tabelle 1 of the
//! concept paper): per cell the mean over the experts and its spread (lowest–highest score);
//! per option the plain and the weighted total and the rank. Below it each option's
//! advantages and disadvantages (Tabelle 2).

use super::texts::{number, rt, texts_of, Text};
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::matrix::{MatrixOption, MatrixReview, OptionResult};

#[component]
pub fn ResultTable(review: MatrixReview) -> impl IntoView {
    let i18n = use_i18n();
    let MatrixReview { matrix, result, .. } = review;
    let sheets = result.sheets.to_string();
    let title = matrix.title.clone();
    let caption_id = format!("matrix-ergebnis-{}", matrix.id);
    let region_label = caption_id.clone();
    let header = matrix
        .options
        .iter()
        .map(|o| view! { <th scope="col">{o.title.clone()}</th> })
        .collect_view();
    let rows = matrix
        .criteria
        .iter()
        .map(|c| {
            let cells = matrix
                .options
                .iter()
                .map(|o| {
                    let cell = result
                        .cells
                        .iter()
                        .find(|x| x.option_id == o.id && x.criterion_id == c.id)
                        .map(|x| (x.mean, x.min, x.max));
                    let text = move || {
                        let lang = i18n.lang();
                        match cell {
                            Some((mean, min, max)) if min == max => number(mean, lang),
                            Some((mean, min, max)) => {
                                format!("{} ({min}–{max})", number(mean, lang))
                            }
                            None => texts_of(i18n).not_scored.to_owned(),
                        }
                    };
                    view! { <td class="matrix-cell">{text}</td> }
                })
                .collect_view();
            let weight = c.weight;
            let weight_text = move || {
                (weight != 1).then(|| {
                    format!(
                        " ({})",
                        fill(texts_of(i18n).weight_of, &weight.to_string(), "")
                    )
                })
            };
            view! {
                <tr>
                    <th scope="row">{c.title.clone()}{weight_text}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let totals: Vec<Option<OptionResult>> = matrix
        .options
        .iter()
        .map(|o| result.options.iter().find(|r| r.option_id == o.id).cloned())
        .collect();
    let foot = |label: Text,
                class: &'static str,
                value: fn(&OptionResult, werkstadt_web::lang::Lang) -> String| {
        let cells = totals
            .iter()
            .map(|r| {
                let r = r.clone();
                let text = move || match &r {
                    Some(r) if r.scored_cells > 0 => value(r, i18n.lang()),
                    _ => texts_of(i18n).not_scored.to_owned(),
                };
                view! { <td class=class>{text}</td> }
            })
            .collect_view();
        view! { <tr><th scope="row">{rt(label)}</th>{cells}</tr> }
    };
    let foot = (
        foot(|t| t.total, "matrix-total", |r, l| number(r.total, l)),
        foot(
            |t| t.weighted_total,
            "matrix-weighted",
            |r, l| number(r.weighted_total, l),
        ),
        foot(|t| t.rank, "matrix-rank", |r, _| r.rank.to_string()),
    );
    let none = result.sheets == 0;
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=region_label>
            <table class="audit matrix-result">
                <caption id=caption_id.clone()>{move || fill(texts_of(i18n).result_caption, &title, "")}</caption>
                <thead><tr>
                    <th scope="col">{rt(|t| t.criterion)}</th>
                    {header}
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>{foot}</tfoot>
            </table>
        </div>
        <p>
            {move || if none {
                texts_of(i18n).result_none.to_owned()
            } else {
                fill(texts_of(i18n).result_sheets, &sheets, "")
            }}
        </p>
        <Notes options=matrix.options/>
    }
}

/// Each option's advantages and disadvantages (only options that have any).
#[component]
pub fn Notes(options: Vec<MatrixOption>) -> impl IntoView {
    let noted: Vec<MatrixOption> = options
        .into_iter()
        .filter(|o| !o.advantages.is_empty() || !o.disadvantages.is_empty())
        .collect();
    if noted.is_empty() {
        return ().into_any();
    }
    let list = |items: Vec<String>| {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
    };
    let items = noted
        .into_iter()
        .map(|o| {
            view! {
                <h4>{o.title}</h4>
                {(!o.advantages.is_empty()).then(|| view! { <p>{rt(|t| t.pros)}</p> })}
                {(!o.advantages.is_empty()).then(|| list(o.advantages))}
                {(!o.disadvantages.is_empty()).then(|| view! { <p>{rt(|t| t.cons)}</p> })}
                {(!o.disadvantages.is_empty()).then(|| list(o.disadvantages))}
            }
        })
        .collect_view();
    view! {
        <h3>{rt(|t| t.notes_heading)}</h3>
        {items}
    }
    .into_any()
}

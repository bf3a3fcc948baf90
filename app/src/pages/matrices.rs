//! The published evaluation matrices of the process on the results page: per option its rank,
//! the mean of each criterion (with the experts' range), the plain and weighted totals, and the
//! advantages and disadvantages noted for it. Read from the server when the page opens (online
//! only; no expert is named).

use crate::api;
use crate::i18n::pages::pt;
use crate::i18n::{count, fill, use_i18n};
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::matrix::PublicMatrix;

/// A mean as people read it in the current language ("2,5" / "2.5"), one decimal at most.
fn number(x: f64, lang: &str) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    js_sys::Number::from(rounded)
        .to_locale_string(lang)
        .as_string()
        .unwrap_or_default()
}

#[component]
pub fn PublishedMatrices() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let process = sync.pick(|r, _| r.process.as_ref().map(|p| p.id));
    let list = LocalResource::new(move || {
        let id = process.get();
        // Again once the connection is back (after an offline notice).
        sync.online.track();
        async move {
            match id {
                Some(id) => api::matrices(id).await.map_err(|_| ()),
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Err(()) => view! {
                        <section class="matrices" aria-labelledby="bewertung">
                            <h2 id="bewertung">{move || pt(i18n).matrices_heading}</h2>
                            <p class="notice">{move || pt(i18n).matrices_offline}</p>
                        </section>
                    }.into_any(),
                    Ok(matrices) if matrices.is_empty() => ().into_any(),
                    Ok(matrices) => view! {
                        <section class="matrices" aria-labelledby="bewertung">
                            <h2 id="bewertung">{move || pt(i18n).matrices_heading}</h2>
                            <p>{move || pt(i18n).matrices_intro}</p>
                            {matrices.into_iter().map(|m| view! { <Matrix m/> }).collect_view()}
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Matrix(m: PublicMatrix) -> impl IntoView {
    let i18n = use_i18n();
    let m = StoredValue::new(m);
    let lang = move || i18n.lang().code();
    // Options by rank (the server's order within a rank).
    let ranked = m.with_value(|m| {
        let mut rows: Vec<_> = m
            .options
            .iter()
            .filter_map(|o| {
                let r = m.result.options.iter().find(|r| r.option_id == o.id)?;
                Some((r.rank, o.id))
            })
            .collect();
        rows.sort_by_key(|(rank, _)| *rank);
        rows
    });
    let caption = move || {
        m.with_value(|m| {
            fill(
                pt(i18n).matrix_caption,
                &[
                    ("t", &m.title),
                    ("n", &m.scale.min.to_string()),
                    ("m", &m.scale.max.to_string()),
                ],
            )
        })
    };
    let criteria = m.with_value(|m| m.criteria.clone());
    view! {
        <h3>{m.with_value(|m| m.title.clone())}</h3>
        {m.with_value(|m| (!m.description.is_empty()).then(|| view! { <p>{m.description.clone()}</p> }))}
        <p class="meta">{move || count(m.with_value(|m| m.result.sheets), pt(i18n).matrix_sheets)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="matrix-result">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || pt(i18n).matrix_rank}</th>
                        <th scope="col">{move || pt(i18n).matrix_option}</th>
                        {criteria.iter().map(|c| view! { <th scope="col">{c.title.clone()}</th> }).collect_view()}
                        <th scope="col">{move || pt(i18n).matrix_total}</th>
                        <th scope="col">{move || pt(i18n).matrix_weighted}</th>
                    </tr>
                </thead>
                <tbody>
                    {ranked.into_iter().map(|(rank, option)| {
                        let cells = m.with_value(|m| {
                            m.criteria.iter().map(|c| {
                                m.result.cells.iter()
                                    .find(|x| x.option_id == option && x.criterion_id == c.id)
                                    .map(|x| (x.mean, x.min, x.max))
                            }).collect::<Vec<_>>()
                        });
                        let totals = m.with_value(|m| {
                            m.result.options.iter().find(|r| r.option_id == option)
                                .map(|r| (r.total, r.weighted_total)).unwrap_or_default()
                        });
                        let title = m.with_value(|m| {
                            m.options.iter().find(|o| o.id == option).map(|o| o.title.clone()).unwrap_or_default()
                        });
                        view! {
                            <tr>
                                <td class="matrix-rank">{rank}</td>
                                <th scope="row">{title}</th>
                                {cells.into_iter().map(|c| view! {
                                    <td>{move || c.map(|(mean, min, max)| {
                                        let spread = if min == max { String::new() } else { format!(" ({min}–{max})") };
                                        format!("{}{spread}", number(mean, lang()))
                                    })}</td>
                                }).collect_view()}
                                <td class="matrix-total">{move || number(totals.0, lang())}</td>
                                <td class="matrix-weighted">{move || number(totals.1, lang())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <dl class="matrix-notes">
            {m.with_value(|m| m.options.iter()
                .filter(|o| !o.advantages.is_empty() || !o.disadvantages.is_empty())
                .map(|o| {
                    let (pros, cons) = (o.advantages.clone(), o.disadvantages.clone());
                    view! {
                        <dt>{o.title.clone()}</dt>
                        <dd>
                            {(!pros.is_empty()).then(|| view! {
                                <p>{move || pt(i18n).matrix_advantages}": "{pros.join("; ")}</p>
                            })}
                            {(!cons.is_empty()).then(|| view! {
                                <p>{move || pt(i18n).matrix_disadvantages}": "{cons.join("; ")}</p>
                            })}
                        </dd>
                    }
                }).collect_view())}
        </dl>
    }
}

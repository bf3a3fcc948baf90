//! Open data: the public exports of the current process (`GET /api/export/…`), each dataset as
//! CSV, as CSV for German Excel (`;`) and as JSON. The links are plain downloads (the router
//! leaves `/api/` and `download` links to the browser).

use super::texts::{rt, texts_of, Text};
use super::Current;
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;

/// The datasets: file name and text.
const DATASETS: [(&str, Text); 6] = [
    ("ideas", |t| t.ds_ideas),
    ("comments", |t| t.ds_comments),
    ("votes", |t| t.ds_votes),
    ("projects", |t| t.ds_projects),
    ("decisions", |t| t.ds_decisions),
    ("matrices", |t| t.ds_matrices),
];

/// The formats: file extension, query and text.
const FORMATS: [(&str, &str, Text); 3] = [
    ("csv", "", |t| t.csv),
    ("csv", "&sep=semicolon", |t| t.csv_excel),
    ("json", "", |t| t.json),
];

#[component]
pub fn Exports(process: Current) -> impl IntoView {
    let i18n = use_i18n();
    let licence = match process.licence.as_str() {
        "" => werkstadt_domain::export::DEFAULT_LICENCE.to_owned(),
        l => l.to_owned(),
    };
    let rows = DATASETS
        .into_iter()
        .map(|(file, name)| {
            let cells = FORMATS
                .into_iter()
                .map(|(ext, query, format)| {
                    let href = format!("/api/export/{file}.{ext}?process={}{query}", process.id);
                    let label = move || {
                        let t = texts_of(i18n);
                        fill(t.as_format, name(t), format(t))
                    };
                    view! {
                        <td><a href=href download aria-label=label>{move || format(texts_of(i18n))}</a></td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{move || name(texts_of(i18n))}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="offene-daten" class="exports">
            <h2 id="offene-daten">{rt(|t| t.exports_heading)}</h2>
            <p>{move || fill(texts_of(i18n).exports_intro, &licence, "")}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="offene-daten">
                <table class="audit">
                    <caption>{rt(|t| t.exports_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{rt(|t| t.dataset)}</th>
                        {FORMATS.map(|(_, _, format)| view! { <th scope="col">{move || format(texts_of(i18n))}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

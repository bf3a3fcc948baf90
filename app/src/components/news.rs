//! One entry of a dated history: what happened (a project set up, a status, a milestone, a
//! committee decision, an update, an official answer), when, and its details. Used by the news
//! page and by a project's history.

use crate::i18n::projects::prt;
use crate::i18n::{fill, use_i18n};
use crate::platform;
use leptos::prelude::*;
use werkstadt_domain::news::{NewsItem, NewsKind, Subject};
use werkstadt_domain::IdeaId;

/// Plain text as paragraphs (blank lines separate them); never HTML.
pub fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_owned()}</p> })
        .collect_view()
}

/// The date and the line saying what happened, then its details.
#[component]
pub fn NewsBody(item: NewsItem) -> impl IntoView {
    let i18n = use_i18n();
    let at = item.at;
    let kind = StoredValue::new(item.kind);
    let what = move || {
        let t = prt(i18n);
        kind.with_value(|k| match k {
            NewsKind::ProjectCreated(s) => fill(t.created, &[("t", t.status(*s))]),
            NewsKind::Status(s) => fill(t.status_changed, &[("t", t.status(*s))]),
            NewsKind::MilestoneDone { title } => fill(t.milestone_done, &[("t", title)]),
            NewsKind::Decision(d) => {
                format!(
                    "{}: {}",
                    t.body(d.body, d.body_other.as_deref()),
                    t.outcome(d.outcome)
                )
            }
            NewsKind::Update { .. } => t.update.to_owned(),
            NewsKind::Answer { status, .. } => {
                fill(t.answer, &[("t", i18n.t().official_status(*status))])
            }
        })
    };
    let details = kind.with_value(|k| match k {
        NewsKind::Decision(d) => {
            let reference = (!d.reference.is_empty()).then(|| {
                let r = d.reference.clone();
                view! { <p class="meta">{move || fill(prt(i18n).reference, &[("t", &r)])}</p> }
            });
            let link = d.link.clone().map(|href| {
                view! { <p><a href=href rel="external noopener noreferrer">{move || prt(i18n).decision_link}</a></p> }
            });
            Some(view! { {reference} {paragraphs(&d.text)} {link} }.into_any())
        }
        NewsKind::Update { text } | NewsKind::Answer { text, .. } => {
            Some(paragraphs(text).into_any())
        }
        _ => None,
    });
    view! {
        <p class="meta"><time>{move || platform::format_date(at, i18n.lang().code())}</time></p>
        <p class="news-what"><strong>{what}</strong></p>
        {details}
    }
}

/// The committee decisions on an idea itself, oldest first (nothing when there are none).
#[component]
pub fn IdeaDecisions(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    crate::components::follow::use_projects();
    let list = sync.pick(move |r, _| {
        let d = r.decisions_on(id);
        (!d.is_empty()).then(|| d.to_vec())
    });
    move || {
        list.get().map(|decisions| {
            view! {
                <section class="decisions" aria-labelledby="beschluesse">
                    <h2 id="beschluesse">{move || prt(i18n).decisions_heading}</h2>
                    <ol class="history">
                        {decisions.into_iter().map(|d| {
                            let item = NewsItem {
                                key: d.id.to_string(),
                                at: d.decided_on,
                                subject: Subject::Idea(id),
                                title: String::new(),
                                kind: NewsKind::Decision(d),
                            };
                            view! { <li><NewsBody item/></li> }
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
    }
}

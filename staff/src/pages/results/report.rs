//! The report to a committee (Digitalisierungsausschuss, Verwaltungsvorstand, Aufsichtsrat der
//! SWB) on the current process or one of the archive, for a range of days, from live data
//! (`GET /api/moderation/processes/{id}/report`),
//! and its print stylesheet: the browser's "save as PDF" gives a clean A4 document with the
//! report's title and date in the header, page numbers, page breaks before major sections,
//! no row cut across pages, repeated table headers and no app chrome. The stylesheet comes
//! with this chunk as a constructed sheet (`werkstadt_web::set_page_style`: the CSP allows no
//! inline `<style>`), not with the staff app's first route.

use super::report_texts::{rp, texts_of};
use super::report_view::ReportView;
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::projects::DecisionBody;
use werkstadt_domain::report::CommitteeReport;
use werkstadt_domain::ProcessId;

const BODIES: [(DecisionBody, &str); 3] = [
    (
        DecisionBody::Digitalisierungsausschuss,
        "digitalisierungsausschuss",
    ),
    (DecisionBody::Verwaltungsvorstand, "verwaltungsvorstand"),
    (DecisionBody::AufsichtsratSwb, "aufsichtsrat_swb"),
];

/// The print stylesheet; `header` goes into the page's top-left margin box.
fn print_css(header: &str, page: &str) -> String {
    let header = header.replace(['"', '\\'], "");
    format!(
        "@page {{ size: A4; margin: 22mm 16mm 20mm 16mm;
  @top-left {{ content: \"{header}\"; font: 9pt sans-serif; color: #000; }}
  @top-right {{ content: \"{page} \" counter(page) \" / \" counter(pages); font: 9pt sans-serif; color: #000; }} }}
@media print {{
  .skip-link, .site-header, .sync-bar, .rejected, .no-print, button, form {{ display: none !important; }}
  html, body, main {{ background: #fff !important; color: #000 !important; }}
  main, .staff-main {{ max-width: none; margin: 0; padding: 0; }}
  .report {{ font-size: 10pt; }}
  .report h1 {{ font-size: 18pt; margin: 0 0 4mm; }}
  .report .page-break {{ break-before: page; }}
  .report h2, .report h3, .report caption, .report figcaption {{ break-after: avoid; }}
  .report tr, .report figure, .report li {{ break-inside: avoid; }}
  .report thead {{ display: table-header-group; }}
  .report .table-scroll {{ overflow: visible; }}
  .report table {{ width: 100%; border-collapse: collapse; }}
  .report th, .report td {{ border: 1px solid #000; color: #000; }}
  .report svg {{ color: #000; }}
  .report a {{ color: #000; text-decoration: none; }}
}}
.report figure {{ margin: 1rem 0; }}
.report .chart-svg {{ width: 100%; height: auto; max-width: 40rem; display: block; }}"
    )
}

#[component]
pub fn ReportPage(process: ProcessId, back: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(process);
    // Every process, newest first (the current one is chosen until someone picks another).
    let processes = RwSignal::new(Vec::<(ProcessId, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(all) = crate::api::processes().await {
            processes.set(all.into_iter().map(|p| (p.id, p.title)).collect());
        }
    });
    let body = RwSignal::new(BODIES[0].1.to_owned());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let report = RwSignal::new(None::<CommitteeReport>);
    let status = RwSignal::new(String::new());
    let load = move || {
        status.set(texts_of(i18n).loading.to_owned());
        let mut path = format!(
            "/api/moderation/processes/{}/report?body={}",
            chosen.get_untracked(),
            body.get_untracked()
        );
        for (name, value) in [("from", from.get_untracked()), ("to", to.get_untracked())] {
            if !value.is_empty() {
                path.push_str(&format!("&{name}={value}"));
            }
        }
        leptos::task::spawn_local(async move {
            let r = crate::api::get::<CommitteeReport>(&path).await;
            status.set(super::texts::outcome(i18n, &r, ""));
            if let Ok(r) = r {
                report.set(Some(r));
                crate::router::focus_later(".report h1");
            }
        });
    };
    load();
    let css = move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                let t = texts_of(i18n);
                let when = werkstadt_web::format_date(r.generated_at, i18n.lang().code());
                print_css(&format!("{} · {when}", t.title(r.body)), t.page_of)
            })
        })
    };
    Effect::new(move || werkstadt_web::set_page_style(css().as_deref()));
    on_cleanup(|| werkstadt_web::set_page_style(None));
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let options = BODIES
        .map(|(b, value)| {
            view! {
                <option value=value selected=move || body.get() == value>
                    {move || texts_of(i18n).title(b)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="no-print">
            <p><button type="button" class="button button-secondary" on:click=move |_| back.run(())>
                {rp(|t| t.back)}
            </button></p>
            <form class="form filters" on:submit=move |ev| { ev.prevent_default(); load(); }>
                <div class="field">
                    <label for="bericht-prozess">{rp(|t| t.form_process)}</label>
                    <select id="bericht-prozess" on:change=move |ev| {
                        let picked = event_target_value(&ev);
                        if let Some(id) = processes.with_untracked(|all| {
                            all.iter().find(|(id, _)| id.to_string() == picked).map(|p| p.0)
                        }) {
                            chosen.set(id);
                        }
                    }>
                        {move || processes.get().into_iter().map(|(id, title)| {
                            let label = if id == process {
                                fill(texts_of(i18n).current_process, &title, "")
                            } else {
                                title
                            };
                            view! {
                                <option value=id.to_string() selected=move || chosen.get() == id>{label}</option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="bericht-gremium">{rp(|t| t.form_body)}</label>
                    <select id="bericht-gremium" on:change=move |ev| body.set(event_target_value(&ev))>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="bericht-von">{rp(|t| t.form_from)}</label>
                    <input id="bericht-von" type="date" prop:value=from
                        on:change=move |ev| from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="bericht-bis">{rp(|t| t.form_to)}</label>
                    <input id="bericht-bis" type="date" prop:value=to
                        on:change=move |ev| to.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{rp(|t| t.show)}</button>
                <button type="button" class="button button-secondary" on:click=print
                    disabled=move || report.with(Option::is_none)>{rp(|t| t.print)}</button>
            </form>
            <p role="status" class="field-error">{move || status.get()}</p>
        </div>
        {move || report.get().map(|r| view! { <ReportView r/> })}
    }
}

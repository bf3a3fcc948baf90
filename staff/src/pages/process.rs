//! Setting up processes (admins): choose a process (or start a new one), edit its details, make
//! it the current one, and edit its fields of action and phases. Every save reloads the
//! process from the server, which validates it (dates, budget, overlaps) and audits it.

mod details;
mod phases;
mod texts;
mod themes;

pub use super::status::Status;

use super::status::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use texts::{pt, texts_of};
use werkstadt_domain::api::{Process, ProcessOverview};
use werkstadt_domain::ProcessId;
use werkstadt_web::http::ClientError;

/// Reloads the list and shows the given process (`None`: the current one, or the form for
/// the first process when there is none).
#[derive(Clone, Copy)]
pub struct Reload(Callback<Option<ProcessId>>);

impl Reload {
    pub fn run(self, id: Option<ProcessId>) {
        self.0.run(id);
    }
}

/// The text of an answer to a write, for the status line next to a form.
pub fn outcome(i18n: crate::i18n::I18n, r: Result<(), ClientError>, done: &str) -> String {
    match r {
        Ok(()) => done.to_owned(),
        Err(e) => crate::pages::texts::client_error(i18n, &e),
    }
}

#[component]
pub fn ProcessPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None::<Vec<Process>>);
    let selected = RwSignal::new(None::<ProcessId>);
    let overview = RwSignal::new(None::<ProcessOverview>);
    let said = Said::provide();
    let reload = Reload(Callback::new(move |pick: Option<ProcessId>| {
        leptos::task::spawn_local(async move {
            let Ok(all) = crate::api::processes().await else {
                return;
            };
            let id = pick.or_else(|| all.iter().find(|p| p.current).map(|p| p.id));
            let shown = match id {
                Some(id) => crate::api::process_of(id).await.ok(),
                None => None,
            };
            list.set(Some(all));
            selected.set(id);
            overview.set(shown);
        });
    }));
    reload.run(None);
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        said.clear();
        match value.parse::<ProcessId>() {
            Ok(id) => reload.run(Some(id)),
            Err(()) => {
                selected.set(None);
                overview.set(None);
            }
        }
    };
    view! {
        <h1 tabindex="-1">{pt(|t| t.process_heading)}</h1>
        {move || list.get().map(|all| {
            if all.is_empty() {
                return view! { <p class="notice">{pt(|t| t.process_none)}</p> }.into_any();
            }
            view! {
                <div class="field">
                    <label for="prozess-wahl">{pt(|t| t.process_choose)}</label>
                    <select id="prozess-wahl" on:change=choose>
                        {all.into_iter().map(|p| {
                            let id = p.id;
                            let mark = p.current;
                            view! {
                                <option value=id.to_string() selected=move || selected.get() == Some(id)>
                                    {p.title.clone()}
                                    {move || mark.then(|| format!(" {}", texts_of(i18n).process_current_mark))}
                                </option>
                            }
                        }).collect_view()}
                        <option value="neu" selected=move || selected.get().is_none()>{pt(|t| t.process_new_option)}</option>
                    </select>
                </div>
            }.into_any()
        })}
        {move || {
            let shown = overview.get();
            list.with(Option::is_some).then(|| match shown {
                None => view! { <details::Details process=None reload/> }.into_any(),
                Some(o) => view! {
                    <details::Details process=Some(o.process.clone()) reload/>
                    <themes::Themes process=o.process.id themes=o.themes reload/>
                    <phases::Phases process=o.process reload/>
                }.into_any(),
            })
        }}
    }
}

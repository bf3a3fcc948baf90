//! Setting up processes (admins): choose a process (or start a new one), edit its details, make
//! it the current one, and edit its fields of action and phases. Every save reloads the
//! process from the server, which validates it (dates, budget, overlaps) and audits it.

mod details;
mod phases;
mod texts;
mod themes;

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

/// What the last action on the page said ("Gespeichert." or why not), with the part it belongs
/// to. Kept by the page: a saved part is drawn anew from the reloaded process, and its status
/// line must still say that it was saved.
#[derive(Clone, Copy)]
struct Said(RwSignal<Option<(String, String)>>);

/// The status line of one part of the page (`key`), kept through reloads.
#[derive(Clone, Copy)]
pub struct Status {
    said: RwSignal<Option<(String, String)>>,
    key: StoredValue<String>,
}

impl Status {
    pub fn of(key: impl Into<String>) -> Self {
        Self {
            said: expect_context::<Said>().0,
            key: StoredValue::new(key.into()),
        }
    }

    pub fn set(self, text: String) {
        self.said.set(Some((self.key.get_value(), text)));
    }

    pub fn get(self) -> String {
        let key = self.key.get_value();
        self.said.with(|s| match s {
            Some((k, text)) if *k == key => text.clone(),
            _ => String::new(),
        })
    }
}

/// The text of an answer to a write, for the status line next to a form.
pub fn outcome(t: &crate::i18n::Texts, r: Result<(), ClientError>, done: &str) -> String {
    match r {
        Ok(()) => done.to_owned(),
        Err(e) => t.client_error(&e),
    }
}

#[component]
pub fn ProcessPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(None::<Vec<Process>>);
    let selected = RwSignal::new(None::<ProcessId>);
    let overview = RwSignal::new(None::<ProcessOverview>);
    let said = Said(RwSignal::new(None));
    provide_context(said);
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
        said.0.set(None);
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

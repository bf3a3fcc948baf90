//! Results (*Ergebnisse*): the evaluation matrices of the concept paper and the open data.
//!
//! Moderators and admins list the current process's matrices, create and edit them while
//! open, invite DigitalSupporters, close, reopen and publish them, and read the result (per
//! cell mean and spread, totals plain and weighted, rank; advantages and disadvantages). Every
//! staff member scores on a sheet of their own; a DigitalSupporter sees only the matrices they
//! are invited to (and only this section). The open data block links the public exports.
//! Every write is followed by a reload of what it changed, and so is every change the server
//! announces (an expert saving a sheet); the server validates and audits.

mod calls;
mod chart;
mod detail;
mod experts;
mod exports;
mod form;
mod list;
mod report;
mod report_texts;
mod report_view;
mod sheet;
mod sources;
mod table;
mod texts;

use super::status::Said;
use crate::desk::use_desk;
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;
use serde::Deserialize;
use texts::{outcome, rt};
use werkstadt_domain::ids::MatrixId;
use werkstadt_domain::ProcessId;
use werkstadt_web::http::ClientError;

/// The current process as this section needs it (the rest of the answer is not decoded).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Current {
    pub id: ProcessId,
    #[serde(default)]
    pub licence: String,
}

#[derive(Deserialize)]
struct Overview {
    process: Current,
}

/// What is open below the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Nothing,
    New,
    /// A matrix's definition, invitations, state and result (moderators).
    Matrix(MatrixId),
    /// The signed-in person's own score sheet.
    Sheet(MatrixId),
}

/// The page's shared state: what is open, and a counter bumped after every write (the lists
/// and the open matrix load again).
#[derive(Clone, Copy)]
pub struct ResultsPageState {
    pub open: RwSignal<Open>,
    pub version: RwSignal<u32>,
    /// The desk's counter of server changes (`changed` events).
    server: RwSignal<u32>,
    said: Said,
}

impl ResultsPageState {
    pub fn changed(self) {
        self.version.update(|n| *n += 1);
    }

    /// Tracks what makes the lists and the open matrix load again: a write on this page, or
    /// a change on the server (an expert saved a sheet, someone changed a matrix). A score
    /// sheet being filled in does not track it: a reload would drop what is typed.
    pub fn track(self) {
        self.version.track();
        self.server.track();
    }

    /// Opens `o` below the list (what the page said before is forgotten) and focuses it.
    pub fn choose(self, o: Open) {
        self.said.clear();
        self.open.set(o);
        if o != Open::Nothing {
            crate::router::focus_later("#matrix-offen, #matrix-angaben");
        }
    }
}

pub fn use_page() -> ResultsPageState {
    expect_context::<ResultsPageState>()
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let moderates = desk.can_moderate();
    let state = ResultsPageState {
        open: RwSignal::new(Open::Nothing),
        version: RwSignal::new(0),
        server: desk.refresh,
        said: Said::provide(),
    };
    provide_context(state);
    // `None` until loaded; `Some(None)`: no current process.
    let process = RwSignal::new(None::<Option<Current>>);
    let failed = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        match crate::api::get::<Overview>("/api/process").await {
            Ok(o) => process.set(Some(Some(o.process))),
            Err(ClientError::Api(_)) => process.set(Some(None)),
            Err(e) => failed.set(outcome::<()>(i18n, &Err(e), "")),
        }
    });
    let current = Memo::new(move |_| process.get().flatten());
    let open = move || match state.open.get() {
        Open::Nothing => ().into_any(),
        Open::New => match current.get_untracked() {
            Some(p) => view! { <form::MatrixForm process=p.id matrix=None/> }.into_any(),
            None => ().into_any(),
        },
        Open::Matrix(id) => view! { <detail::Detail id/> }.into_any(),
        Open::Sheet(id) => view! { <sheet::Sheet id/> }.into_any(),
    };
    // A DigitalSupporter's invitations do not depend on the current process.
    let matrices = move || {
        if !moderates {
            return view! { <list::Mine/> }.into_any();
        }
        match process.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(None) => view! { <p class="notice">{rt(|t| t.no_process)}</p> }.into_any(),
            Some(Some(p)) => view! { <list::Matrices process=p.id/> }.into_any(),
        }
    };
    // The committee report replaces the section while it is open (and alone is printed).
    let reporting = RwSignal::new(false);
    let back = Callback::new(move |()| {
        reporting.set(false);
        crate::router::focus_main();
    });
    let report_block = move || {
        current.get().filter(|_| moderates).map(|_| {
            view! {
                <section aria-labelledby="bericht-gremium-titel">
                    <h2 id="bericht-gremium-titel">{report_texts::rp(|t| t.open_heading)}</h2>
                    <p>{report_texts::rp(|t| t.open_intro)}</p>
                    <button type="button" class="button" on:click=move |_| reporting.set(true)>
                        {report_texts::rp(|t| t.open_button)}
                    </button>
                </section>
            }
        })
    };
    move || match (reporting.get(), current.get()) {
        (true, Some(p)) => view! { <report::ReportPage process=p.id back/> }.into_any(),
        _ => view! {
            <h1 tabindex="-1">{rt(|t| t.heading)}</h1>
            <p>{if moderates { rt(|t| t.intro) } else { rt(|t| t.intro_expert) }}</p>
            <p role="status" class="field-error">{move || failed.get()}</p>
            {matrices}
            {open}
            {report_block}
            {move || current.get().map(|p| view! { <exports::Exports process=p/> })}
        }
        .into_any(),
    }
}

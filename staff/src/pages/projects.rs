//! Projects (moderators and admins): what became of ideas. The projects of the current process
//! with their field of action, status and milestones; creating one from published ideas,
//! editing it, its milestones, committee decisions and dated updates. Every write answers the
//! project as it now is; the page then reloads its lists (the ideas' links to projects change
//! with it). The server validates and audits every write.

mod decisions;
mod delete;
mod form;
mod idea_decisions;
mod ideas;
mod list;
mod milestones;
pub(crate) mod texts;
mod updates;

use super::status::{Said, Status};
use crate::i18n::{tr, use_i18n};
use leptos::prelude::*;
use texts::{outcome, pt};
use werkstadt_domain::api::ThemeSummary;
use werkstadt_domain::moderation::{IdeaStatus, QueueQuery};
use werkstadt_domain::projects::ProjectRecord;
use werkstadt_domain::sync::IdeaRecord;
use werkstadt_domain::{ProcessId, ProjectId};
use werkstadt_web::http::ClientError;

/// What the page shows: the current process's fields of action, its projects (newest first)
/// and its published ideas (the choice of source ideas).
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub themes: Vec<ThemeSummary>,
    pub projects: Vec<ProjectRecord>,
    pub ideas: Vec<IdeaRecord>,
}

impl Loaded {
    pub fn project(&self, id: ProjectId) -> Option<&ProjectRecord> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn theme_title(&self, id: werkstadt_domain::ThemeId) -> String {
        self.themes
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.title.clone())
            .unwrap_or_default()
    }
}

/// Which form is open below the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Nothing,
    New,
    Project(ProjectId),
    /// Decisions on an idea itself.
    IdeaDecisions,
}

/// Reloads the lists, then opens the given form.
#[derive(Clone, Copy)]
pub struct Reload(Callback<Open>);

impl Reload {
    pub fn run(self, then: Open) {
        self.0.run(then);
    }
}

/// The current process's fields of action, projects and published ideas; `None` without a
/// current process (or one without fields of action).
async fn load() -> Result<Option<Loaded>, ClientError> {
    let themes = match crate::api::process_themes().await {
        Ok((p, _)) => p.themes,
        Err(ClientError::Api(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(process): Option<ProcessId> = themes.first().map(|t| t.process_id) else {
        return Ok(None);
    };
    let mut projects = crate::api::projects().await?;
    projects.retain(|p| p.process_id == process);
    let published = QueueQuery {
        status: Some(IdeaStatus::Published),
        ..QueueQuery::default()
    };
    let mut ideas = crate::api::queue(&published).await?.0.items;
    ideas.retain(|i| themes.iter().any(|t| t.id == i.theme_id));
    Ok(Some(Loaded {
        themes,
        projects,
        ideas,
    }))
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    // `None` until loaded; `Some(None)`: no current process.
    let loaded = RwSignal::new(None::<Option<Loaded>>);
    let failed = RwSignal::new(String::new());
    let open = RwSignal::new(Open::Nothing);
    let said = Said::provide();
    let deleted = Status::of(delete::DELETED);
    let reload = Reload(Callback::new(move |then: Open| {
        leptos::task::spawn_local(async move {
            match load().await {
                Ok(l) => {
                    failed.set(String::new());
                    loaded.set(Some(l));
                    if open.get_untracked() != then {
                        open.set(then);
                    }
                }
                Err(e) => failed.set(outcome::<()>(i18n, &Err(e), "")),
            }
        });
    }));
    reload.run(Open::Nothing);
    let choose = Callback::new(move |o: Open| {
        said.clear();
        open.set(o);
        if o != Open::Nothing {
            crate::router::focus_later("#projekt-angaben");
        }
    });
    let data = Memo::new(move |_| loaded.get().flatten());
    let detail = move || {
        let o = open.get();
        let id = match o {
            Open::Nothing => return ().into_any(),
            Open::IdeaDecisions => {
                return view! { <idea_decisions::IdeaDecisions data close=choose/> }.into_any()
            }
            Open::New => None,
            Open::Project(id) => Some(id),
        };
        let record = Memo::new(move |_| {
            data.with(|d| {
                d.as_ref()
                    .and_then(|d| id.and_then(|id| d.project(id)).cloned())
            })
        });
        let first = record.get_untracked();
        if id.is_some() && first.is_none() {
            return ().into_any();
        }
        view! {
            <form::ProjectForm project=first data reload close=choose/>
            {id.map(|id| view! {
                <milestones::Milestones id record reload/>
                <decisions::Decisions target=decisions::Target::Project(id)
                    list=Signal::derive(move || record.with(|r| r.as_ref().map(|r| r.decisions.clone()).unwrap_or_default()))
                    done=Callback::new(move |()| reload.run(Open::Project(id)))/>
                <updates::Updates id record reload/>
                <delete::DeleteProject id reload/>
            })}
        }
        .into_any()
    };
    // Redrawn only when a process appears or goes, not with every reload.
    let shown = Memo::new(move |_| loaded.with(|l| l.as_ref().map(Option::is_some)));
    view! {
        <h1 tabindex="-1">{pt(|t| t.heading)}</h1>
        <p>{pt(|t| t.intro)}</p>
        <p role="status" class="field-error">{move || failed.get()}</p>
        {move || match shown.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(false) => view! { <p class="notice">{pt(|t| t.no_process)}</p> }.into_any(),
            Some(true) => view! {
                <p role="status" class="form-status">{move || deleted.get()}</p>
                <list::List data open choose/>
                {detail}
            }.into_any(),
        }}
    }
}

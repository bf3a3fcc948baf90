//! One project (`/projekte/{id}`): where it stands, who is responsible and how it is paid for,
//! its milestones, the ideas it grew from (with their supports) and its dated history —
//! committee decisions, updates, status changes, milestones reached. From the replica:
//! readable offline once synced; following it works offline too.

use crate::components::follow::{use_projects, FollowButton};
use crate::components::news::{paragraphs, NewsBody};
use crate::components::status::{not_found, Ready};
use crate::i18n::projects::prt;
use crate::i18n::{count, fill, use_i18n, Lang};
use crate::pages::projects::{progress, Progress};
use crate::platform;
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::news::{follows_project, project_history};
use werkstadt_domain::projects::{format_euros, Funding, ProjectRecord};
use werkstadt_domain::sync::FollowTarget;
use werkstadt_domain::ProjectId;

fn euros(cents: u64, lang: Lang) -> String {
    format_euros(cents, lang == Lang::De)
}

fn funding_lines(f: &Funding, lang: Lang) -> Vec<String> {
    let t = match lang {
        Lang::De => &crate::i18n::projects::DE,
        Lang::En => &crate::i18n::projects::EN,
    };
    let mut lines = Vec::new();
    if let Some(c) = f.own_budget_cents {
        lines.push(fill(t.own_budget, &[("n", &euros(c, lang))]));
    }
    if f.programme.is_some() || f.programme_cents.is_some() {
        let amount = f
            .programme_cents
            .map(|c| euros(c, lang))
            .unwrap_or_default();
        let name = f.programme.clone().unwrap_or_default();
        lines.push(
            fill(t.programme, &[("t", &name), ("n", &amount)])
                .trim_end_matches(": ")
                .to_owned(),
        );
    }
    lines
}

#[component]
pub fn ProjectPage(id: ProjectId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    use_projects();
    let project = sync.pick(move |r, _| r.project(id).cloned());
    Effect::new(move |_| {
        project.with(|p| p.as_ref().map(|p| platform::set_document_title(&p.title)));
    });
    let with = move |f: fn(&ProjectRecord) -> String| move || project.with(|p| p.as_ref().map(f));
    let theme = sync.pick(move |r, o| {
        let t = r.project(id)?.theme_id;
        Some((t, o.theme(t).map(|t| t.title.clone()).unwrap_or_default()))
    });
    let indirect = sync.pick(move |r, o| {
        let p = r.project(id)?;
        let direct = o
            .follows()
            .binary_search(&FollowTarget::Project(id))
            .is_ok();
        Some(!direct && follows_project(o.follows(), p))
    });
    let sources = sync.pick(move |r, o| {
        let p = r.project(id)?;
        Some(
            p.source_ideas
                .iter()
                .filter_map(|i| o.idea(r, *i))
                .filter(|i| i.status.is_public())
                .map(|i| (i.id, i.title.clone(), i.support_count))
                .collect::<Vec<_>>(),
        )
    });
    let history =
        Memo::new(move |_| project.with(|p| p.as_ref().map(project_history).unwrap_or_default()));
    let done = Signal::derive(move || project.with(|p| p.as_ref().map_or(0, |p| progress(p).0)));
    let total = Signal::derive(move || project.with(|p| p.as_ref().map_or(0, |p| progress(p).1)));
    let lang = move || i18n.lang();
    view! {
        <Ready>
            <Show when=move || project.with(Option::is_some) fallback=not_found>
                <article class="project">
                    <p class="breadcrumb"><a href="/projekte">{move || prt(i18n).back}</a></p>
                    <h1 tabindex="-1">{with(|p| p.title.clone())}</h1>
                    <p><span class="badge">{move || project.with(|p| p.as_ref().map(|p| prt(i18n).status(p.status)))}</span></p>
                    <FollowButton target=FollowTarget::Project(id) label=|t| t.follow_project/>
                    <Show when=move || indirect.get().unwrap_or(false)>
                        <p class="hint">{move || prt(i18n).followed_indirectly}</p>
                    </Show>
                    <div class="project-description">{move || project.with(|p| p.as_ref().map(|p| paragraphs(&p.description)))}</div>
                    <dl class="facts">
                        <dt>{move || prt(i18n).theme}</dt>
                        <dd>{move || theme.get().map(|(t, title)| view! { <a href=format!("/themen/{t}")>{title}</a> })}</dd>
                        <dt>{move || prt(i18n).responsible}</dt>
                        <dd>{with(|p| p.responsible.clone())}</dd>
                        <dt>{move || prt(i18n).starts}</dt>
                        <dd>{move || project.with(|p| p.as_ref().map(|p| platform::format_date(p.starts_on, lang().code())))}</dd>
                        {move || {
                            let lines = project.with(|p| p.as_ref().map(|p| funding_lines(&p.funding, lang())).unwrap_or_default());
                            (!lines.is_empty()).then(|| view! {
                                <dt>{prt(i18n).funding}</dt>
                                <dd>{lines.into_iter().map(|l| view! { <span class="line">{l}</span> }).collect_view()}</dd>
                            })
                        }}
                    </dl>
                    <section aria-labelledby="meilensteine">
                        <h2 id="meilensteine">{move || prt(i18n).milestones_heading}</h2>
                        <Progress done total/>
                        <ol class="milestones">
                            {move || project.with(|p| p.iter().flat_map(|p| p.milestones.clone()).map(|m| {
                                let when = move || match m.done_on {
                                    Some(d) => fill(prt(i18n).done, &[("t", &platform::format_date(d, lang().code()))]),
                                    None => fill(prt(i18n).due, &[("t", &platform::format_date(m.due_on, lang().code()))]),
                                };
                                view! {
                                    <li class:done=m.done_on.is_some()>
                                        <strong>{m.title.clone()}</strong>" – "{when}
                                    </li>
                                }
                            }).collect_view())}
                        </ol>
                    </section>
                    <Show when=move || sources.with(|s| s.as_ref().is_some_and(|s| !s.is_empty()))>
                        <section aria-labelledby="ideen">
                            <h2 id="ideen">{move || prt(i18n).sources_heading}</h2>
                            <ul class="source-ideas">
                                <For each=move || sources.get().unwrap_or_default() key=|s| s.clone() let:s>
                                    <li><a href=format!("/ideen/{}", s.0)>{s.1}</a>" · "
                                        <span class="meta">{move || count(s.2, i18n.t().supports)}</span></li>
                                </For>
                            </ul>
                        </section>
                    </Show>
                    <section aria-labelledby="verlauf">
                        <h2 id="verlauf">{move || prt(i18n).history_heading}</h2>
                        <ol class="history">
                            <For each=move || history.get() key=|i| i.key.clone() let:item>
                                <li><NewsBody item/></li>
                            </For>
                        </ol>
                    </section>
                </article>
            </Show>
        </Ready>
    }
}

//! Committee decisions on an idea itself (not on a project): choose a published idea, see its
//! decisions, record one. The same form as a project's decisions.

use super::decisions::{Decisions, Target};
use super::texts::pt;
use super::{Loaded, Open};
use leptos::prelude::*;
use werkstadt_domain::projects::CommitteeDecision;
use werkstadt_domain::IdeaId;

#[component]
pub fn IdeaDecisions(data: Memo<Option<Loaded>>, close: Callback<Open>) -> impl IntoView {
    let chosen = RwSignal::new(None::<IdeaId>);
    let list = RwSignal::new(Vec::<CommitteeDecision>::new());
    let failed = RwSignal::new(false);
    let load = move |idea: IdeaId| {
        leptos::task::spawn_local(async move {
            match crate::api::idea_decisions(idea).await {
                Ok(l) if chosen.get_untracked() == Some(idea) => {
                    failed.set(false);
                    list.set(l);
                }
                Ok(_) => {}
                Err(_) => failed.set(true),
            }
        });
    };
    let ideas = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.ideas
                        .iter()
                        .map(|i| (i.id, i.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let on_change = move |ev| {
        let idea = event_target_value(&ev).parse().ok();
        list.set(Vec::new());
        chosen.set(idea);
        if let Some(i) = idea {
            load(i);
        }
    };
    view! {
        <section aria-labelledby="projekt-angaben" class="panel">
            <h2 id="projekt-angaben" tabindex="-1">{pt(|t| t.idea_decisions)}</h2>
            <p>{pt(|t| t.idea_decisions_intro)}</p>
            <div class="form field">
                <label for="beschluss-idee">{pt(|t| t.idea_choose)}</label>
                <select id="beschluss-idee" on:change=on_change>
                    <option value="">{pt(|t| t.theme_choose)}</option>
                    {move || ideas().into_iter().map(|(id, title)| view! {
                        <option value=id.to_string()>{title}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || failed.get()>
                <p role="alert" class="field-error">{pt(|t| t.idea_decisions_failed)}</p>
            </Show>
            {move || chosen.get().map(|idea| view! {
                <Decisions target=Target::Idea(idea) list=list.into()
                    done=Callback::new(move |()| load(idea))/>
            })}
            <p>
                <button type="button" class="button button-secondary"
                    on:click=move |_| close.run(Open::Nothing)>{pt(|t| t.close)}</button>
            </p>
        </section>
    }
}

//! The panels an action opens on an idea: a reason (reject, hide), a new theme, the idea to
//! merge into, the official answer.

use super::*;
use crate::pages::texts::{section_texts, st};

#[component]
pub(super) fn ReasonPanel(idea: IdeaRecord, hide: bool, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let id = idea.id;
    let idea = StoredValue::new(idea);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(reason) = checked_reason(reason, error) else {
            return;
        };
        let d = if hide {
            Decision::Hide { reason }
        } else {
            Decision::Reject { reason }
        };
        idea.with_value(|x| decide(desk, x, d));
        close.run(());
    };
    view! {
        <form class="panel" on:submit=submit>
            <ReasonField id=format!("panel-{id}") label=|t| t.reason value=reason error/>
            <div class="actions">
                <button type="submit" class="button button-danger">
                    {move || if hide { section_texts(i18n).confirm_hide } else { section_texts(i18n).confirm_reject }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| close.run(())>
                    {st(|t| t.cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn MovePanel(
    idea: IdeaRecord,
    themes: RwSignal<Vec<(ThemeId, String)>>,
    close: Callback<()>,
) -> impl IntoView {
    let desk = use_desk();
    let id = idea.id;
    let from = idea.theme_id;
    let idea = StoredValue::new(idea);
    let target = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(theme_id) = target.get_untracked().parse::<ThemeId>() else {
            return;
        };
        idea.with_value(|x| decide(desk, x, Decision::Move { theme_id }));
        close.run(());
    };
    let field = format!("panel-{id}");
    view! {
        <form class="panel" on:submit=submit>
            <div class="field">
                <label for=field.clone()>{st(|t| t.move_to)}</label>
                <select id=field required on:change=move |ev| target.set(event_target_value(&ev))>
                    <option value="">"–"</option>
                    {move || themes.get().into_iter().filter(|(t, _)| *t != from).map(|(t, title)| {
                        view! { <option value=t.to_string()>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="submit" class="button">{st(|t| t.confirm_move)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| close.run(())>
                    {st(|t| t.cancel)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn MergePanel(idea: IdeaRecord, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = idea.id;
    let q = RwSignal::new(idea.title.clone());
    let idea = StoredValue::new(idea);
    let found = RwSignal::new(None::<Vec<werkstadt_domain::api::IdeaSummary>>);
    Effect::new(move |_| {
        let text = q.get();
        leptos::task::spawn_local(async move {
            let list = crate::api::similar(&text).await.unwrap_or_default();
            found.set(Some(list.into_iter().filter(|s| s.id != id).collect()));
        });
    });
    let field = format!("panel-{id}");
    view! {
        <div class="panel">
            <div class="field">
                <label for=field.clone()>{st(|t| t.merge_search)}</label>
                <input id=field type="search" prop:value=move || q.get()
                    on:input=move |ev| q.set(event_target_value(&ev))/>
            </div>
            {move || found.get().map(|list| if list.is_empty() {
                view! { <p>{st(|t| t.merge_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="merge-targets">
                        {list.into_iter().map(|s| {
                            let into = s.id;
                            let title = s.title.clone();
                            view! {
                                <li>
                                    <button type="button" class="button button-secondary"
                                        on:click=move |_| {
                                            idea.with_value(|x| decide(desk, x, Decision::Merge { into }));
                                            close.run(());
                                        }>
                                        {move || fill(section_texts(i18n).merge_into, &title, "")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <button type="button" class="button button-secondary" on:click=move |_| close.run(())>
                {st(|t| t.cancel)}
            </button>
        </div>
    }
}

#[component]
pub(super) fn AnswerPanel(idea: IdeaRecord, close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = idea.id;
    let current = idea.answer.clone();
    let status = RwSignal::new(
        current
            .as_ref()
            .map_or(OfficialStatus::Received, |a| a.status),
    );
    let text = RwSignal::new(current.map(|a| a.text).unwrap_or_default());
    let error = RwSignal::new(false);
    let idea = StoredValue::new(idea);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = Decision::Answer {
            status: status.get_untracked(),
            text: text.get_untracked().trim().to_owned(),
        };
        if d.validate().is_err() {
            error.set(true);
            return;
        }
        idea.with_value(|x| decide(desk, x, d));
        close.run(());
    };
    let field = format!("panel-{id}");
    view! {
        <form class="panel" on:submit=submit>
            <div class="field">
                <label for=field.clone()>{st(|t| t.answer_status)}</label>
                <select id=field on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(s) = OfficialStatus::parse(&v) { status.set(s) }
                }>
                    {OfficialStatus::ALL.into_iter().map(|o| view! {
                        <option value=o.as_str() selected=move || status.get() == o>
                            {move || i18n.t().official(o)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <ReasonField id=format!("panel-{id}-text") label=|t| t.answer_text value=text error rows=4/>
            <div class="actions">
                <button type="submit" class="button">{st(|t| t.publish_answer)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| close.run(())>
                    {st(|t| t.cancel)}
                </button>
            </div>
        </form>
    }
}

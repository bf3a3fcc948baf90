//! One idea in the queue: its text, state and the actions on it.

use super::*;

#[component]
pub(super) fn Item(
    idea: IdeaRecord,
    theme_title: String,
    themes: RwSignal<Vec<(ThemeId, String)>>,
    open: RwSignal<Option<(IdeaId, Panel)>>,
    #[prop(into)] selected: Signal<bool>,
    on_toggle: Callback<IdeaId>,
    /// The item got the focus (the page keeps its position for the keyboard shortcuts).
    on_focus: Callback<IdeaId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = idea.id;
    let idea = StoredValue::new(idea);
    let st = idea.with_value(|x| x.status);
    let title = idea.with_value(|x| x.title.clone());
    let waiting = move || pending_on(desk, id);
    let is_open = move |p: Panel| open.get() == Some((id, p));
    let toggle_panel = move |p: Panel| {
        if open.get_untracked() == Some((id, p)) {
            open.set(None);
        } else {
            open.set(Some((id, p)));
            focus_id(&format!("panel-{id}"));
        }
    };
    let button = move |p: Panel, text: fn(&'static crate::i18n::Texts) -> &'static str| {
        view! {
            <button type="button" class="button button-secondary"
                aria-expanded=move || is_open(p).to_string()
                disabled=waiting
                on:click=move |_| toggle_panel(p)>
                {move || text(i18n.t())}
            </button>
        }
    };
    let lang = move || i18n.lang().code();
    let created = idea.with_value(|x| x.created_at);
    view! {
        <li>
            <article class="queue-item" id=format!("eintrag-{id}") tabindex="-1"
                data-idea-id=id.to_string()
                aria-labelledby=format!("titel-{id}")
                on:focus=move |_| on_focus.run(id)>
                <div class="queue-head">
                    <input type="checkbox" id=format!("waehlen-{id}")
                        aria-label=move || fill(i18n.t().select_item, &title, "")
                        prop:checked=move || selected.get()
                        on:change=move |_| on_toggle.run(id)/>
                    <h2 id=format!("titel-{id}")>{idea.with_value(|x| x.title.clone())}</h2>
                </div>
                <p class="meta">
                    {theme_title}" · "{move || i18n.t().status(st)}" · "
                    {move || fill(i18n.t().submitted_at, &when(created, lang()), "")}" · "
                    {move || fill(i18n.t().supports, &idea.with_value(|x| x.support_count).to_string(), "")}
                </p>
                <p class="queue-body">{idea.with_value(|x| x.body.clone())}</p>
                {idea.with_value(|x| x.reason.clone()).map(|r| view! {
                    <p class="meta">{move || fill(i18n.t().reason_shown, &r, "")}</p>
                })}
                {idea.with_value(|x| x.merged_into).map(|_| view! {
                    <p class="meta">{tr(|t| t.merged_into)}</p>
                })}
                {idea.with_value(|x| x.answer.clone()).map(|a| view! {
                    <p class="meta">{move || fill(i18n.t().official, i18n.t().official(a.status), &a.text)}</p>
                })}
                <p class="pending-marker" role="status" hidden=move || !waiting()>
                    {tr(|t| t.decided_pending)}
                </p>
                <div class="actions">
                    {(st == IdeaStatus::Pending).then(|| view! {
                        <button type="button" class="button" disabled=waiting
                            on:click=move |_| idea.with_value(|x| decide(desk, x, Decision::Approve))>
                            {tr(|t| t.approve)}
                        </button>
                        {button(Panel::Reject, |t| t.reject)}
                    })}
                    {(st == IdeaStatus::Published).then(|| view! {
                        {button(Panel::Hide, |t| t.hide)}
                        {button(Panel::Answer, |t| t.answer)}
                    })}
                    {matches!(st, IdeaStatus::Pending | IdeaStatus::Published).then(|| view! {
                        {button(Panel::Move, |t| t.move_idea)}
                        {button(Panel::Merge, |t| t.merge)}
                    })}
                </div>
                {move || open.get().filter(|(oid, _)| *oid == id).map(|(_, p)| {
                    let close = Callback::new(move |_: ()| { open.set(None); focus_id(&format!("eintrag-{id}")); });
                    crate::lazy::panel(super::PanelOf { panel: p, idea: idea.get_value(), themes, close })
                })}
            </article>
        </li>
    }
}

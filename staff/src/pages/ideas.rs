//! The idea queue: newest first, filters (state, field of action, text), bulk approve /
//! reject / hide, one decision per item (approve, reject, hide, move, merge, official answer),
//! keyboard shortcuts. Works on the last loaded queue when offline; decisions wait in the desk.

use super::{checked_reason, when, ReasonField};
use crate::desk::{cached, keep, use_desk, Desk};
use crate::i18n::{fill, tr, use_i18n};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use werkstadt_domain::api::ProcessThemes;
use werkstadt_domain::moderation::{
    Decision, IdeaStatus, ModerationQueue, OfficialStatus, QueueQuery,
};
use werkstadt_domain::sync::{IdeaRecord, MutationKind};
use werkstadt_domain::{IdeaId, ThemeId};
use werkstadt_web::http::ClientError;

mod item;
mod panels;

/// An action's panel on one idea (loaded lazily: see `crate::lazy::panel`).
#[derive(Clone)]
pub(crate) struct PanelOf {
    pub panel: Panel,
    pub idea: IdeaRecord,
    pub themes: RwSignal<Vec<(ThemeId, String)>>,
    pub close: Callback<()>,
}

pub(crate) fn panel_view(p: PanelOf) -> AnyView {
    use panels::{AnswerPanel, MergePanel, MovePanel, ReasonPanel};
    let PanelOf {
        panel,
        idea,
        themes,
        close,
    } = p;
    match panel {
        Panel::Reject => view! { <ReasonPanel idea hide=false close/> }.into_any(),
        Panel::Hide => view! { <ReasonPanel idea hide=true close/> }.into_any(),
        Panel::Move => view! { <MovePanel idea themes close/> }.into_any(),
        Panel::Merge => view! { <MergePanel idea close/> }.into_any(),
        Panel::Answer => view! { <AnswerPanel idea close/> }.into_any(),
    }
}

use item::Item;

const QUEUE_CACHE: &str = "werkstadt.staff.queue.v2";
const THEMES_CACHE: &str = "werkstadt.staff.process";

/// What the queue shows.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Loading,
    Empty,
    Items,
}

/// Which form is open on an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Panel {
    Reject,
    Hide,
    Move,
    Merge,
    Answer,
}

/// The process's fields of action (cached for offline use).
pub fn load_themes() -> RwSignal<Vec<(ThemeId, String)>> {
    let titles = |p: ProcessThemes| p.themes.into_iter().map(|t| (t.id, t.title)).collect();
    let themes = RwSignal::new(
        cached::<ProcessThemes>(THEMES_CACHE)
            .map(titles)
            .unwrap_or_default(),
    );
    leptos::task::spawn_local(async move {
        if let Ok((p, text)) = crate::api::process_themes().await {
            keep(THEMES_CACHE, &text);
            themes.set(titles(p));
        }
    });
    themes
}

fn decide(desk: Desk, idea: &IdeaRecord, decision: Decision) {
    desk.decide(
        MutationKind::Decide {
            idea_id: idea.id,
            decision,
        },
        idea.title.clone(),
    );
}

fn pending_on(desk: Desk, id: IdeaId) -> bool {
    desk.is_pending(&id.to_string())
}

/// Focuses the `i`-th item of the queue as shown.
fn focus_item(i: usize) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(".queue-item").ok())
        .and_then(|all| all.item(i as u32))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Nothing has the focus any more (the focused element was removed).
fn focus_lost() -> bool {
    let doc = web_sys::window().and_then(|w| w.document());
    let active = doc.as_ref().and_then(|d| d.active_element());
    let body = doc.and_then(|d| d.body());
    match (active, body) {
        (None, _) => true,
        (Some(a), Some(b)) => a == *b.unchecked_ref::<web_sys::Element>(),
        (Some(_), None) => false,
    }
}

fn focus_id(id: &str) {
    werkstadt_web::after(0, {
        let id = id.to_owned();
        move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    });
}

#[component]
pub fn IdeasPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let themes = load_themes();
    let status = RwSignal::new(IdeaStatus::Pending);
    let theme = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let query = RwSignal::new(QueueQuery {
        status: Some(IdeaStatus::Pending),
        ..Default::default()
    });
    let queue = RwSignal::new(None::<ModerationQueue>);
    let stale = RwSignal::new(false);
    let selected = RwSignal::new(Vec::<IdeaId>::new());
    let focus = RwSignal::new(0usize);
    let open = RwSignal::new(None::<(IdeaId, Panel)>);
    let bulk_reason = RwSignal::new(String::new());
    let bulk_error = RwSignal::new(false);
    let by_keyboard = StoredValue::new(false);

    Effect::new(move |_| {
        desk.refresh.track();
        let q = query.get();
        leptos::task::spawn_local(async move {
            match crate::api::queue(&q).await {
                Ok((data, text)) => {
                    keep(QUEUE_CACHE, &text);
                    if stale.get_untracked() {
                        stale.set(false);
                    }
                    let n = data.items.len();
                    queue.set(Some(data));
                    // Working by keyboard: the list was redrawn without the decided item;
                    // keep the focus on the item now in its place.
                    if by_keyboard.get_value() && n > 0 {
                        let i = focus.get_untracked().min(n - 1);
                        werkstadt_web::after(0, move || {
                            if focus_lost() {
                                focus_item(i);
                            }
                        });
                    }
                }
                Err(ClientError::Network | ClientError::Storage | ClientError::Browser) => {
                    if !stale.get_untracked() {
                        stale.set(true);
                    }
                    if queue.with_untracked(Option::is_none) {
                        queue.set(cached::<ModerationQueue>(QUEUE_CACHE));
                    }
                }
                Err(ClientError::Api(_)) => {
                    if !stale.get_untracked() {
                        stale.set(true);
                    }
                }
            }
        });
    });

    let items = move || queue.with(|q| q.as_ref().map(|q| q.items.clone()).unwrap_or_default());
    let shown = Memo::new(move |_| {
        queue.with(|q| match q {
            None => Shown::Loading,
            Some(q) if q.items.is_empty() => Shown::Empty,
            Some(_) => Shown::Items,
        })
    });
    let current_status =
        Memo::new(move |_| query.with(|q| q.status.unwrap_or(IdeaStatus::Pending)));
    let bulkable = Memo::new(move |_| {
        matches!(
            current_status.get(),
            IdeaStatus::Pending | IdeaStatus::Published
        ) && shown.get() == Shown::Items
    });
    let theme_title = move |id: ThemeId| {
        themes.with(|t| {
            t.iter()
                .find(|(tid, _)| *tid == id)
                .map(|(_, title)| title.clone())
                .unwrap_or_default()
        })
    };
    let is_selected = move |id: IdeaId| selected.with(|s| s.contains(&id));
    let toggle = move |id: IdeaId| {
        selected.update(|s| {
            if let Some(pos) = s.iter().position(|x| *x == id) {
                s.remove(pos);
            } else {
                s.push(id);
            }
        })
    };

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        selected.set(Vec::new());
        open.set(None);
        focus.set(0);
        query.set(QueueQuery {
            status: Some(status.get_untracked()),
            theme: theme.get_untracked().parse().ok(),
            q: Some(text.get_untracked()).filter(|t| !t.trim().is_empty()),
        });
    };

    // Bulk decisions on the selected items that are in the state the decision needs.
    let bulk = move |make: fn(String) -> Decision, from: IdeaStatus, needs_reason: bool| {
        let reason = if needs_reason {
            match checked_reason(bulk_reason, bulk_error) {
                Some(r) => r,
                None => {
                    focus_id("sammel-begruendung");
                    return;
                }
            }
        } else {
            String::new()
        };
        let chosen = selected.get_untracked();
        for idea in items() {
            if chosen.contains(&idea.id) && idea.status == from && !pending_on(desk, idea.id) {
                decide(desk, &idea, make(reason.clone()));
            }
        }
        selected.set(Vec::new());
        bulk_reason.set(String::new());
    };

    // Keyboard shortcuts (not while typing in a field).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        by_keyboard.set_value(true);
        let list = items();
        let n = list.len();
        let i = focus.get_untracked().min(n.saturating_sub(1));
        let current = list.get(i).cloned();
        match ev.key().as_str() {
            "j" if n > 0 => {
                focus.set((i + 1).min(n - 1));
                focus_item(focus.get_untracked());
            }
            "k" if n > 0 => {
                focus.set(i.saturating_sub(1));
                focus_item(focus.get_untracked());
            }
            "x" => {
                if let Some(idea) = current {
                    toggle(idea.id);
                }
            }
            "a" => {
                if let Some(idea) = current.filter(|c| c.status == IdeaStatus::Pending) {
                    if !pending_on(desk, idea.id) {
                        decide(desk, &idea, Decision::Approve);
                    }
                }
            }
            "r" | "h" | "m" => {
                if let Some(idea) = current {
                    let panel = match ev.key().as_str() {
                        "r" => Panel::Reject,
                        "h" => Panel::Hide,
                        _ => Panel::Merge,
                    };
                    ev.prevent_default();
                    open.set(Some((idea.id, panel)));
                    focus_id(&format!("panel-{}", idea.id));
                }
            }
            "/" => {
                ev.prevent_default();
                focus_id("filter-suche");
            }
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    let status_options = [
        IdeaStatus::Pending,
        IdeaStatus::Published,
        IdeaStatus::Rejected,
        IdeaStatus::Hidden,
        IdeaStatus::Merged,
    ];

    view! {
        <h1 tabindex="-1">{tr(|t| t.ideas_heading)}</h1>
        <form class="filters" role="search" on:submit=apply aria-label=tr(|t| t.filter_label)>
            <div class="field">
                <label for="filter-status">{tr(|t| t.field_status)}</label>
                <select id="filter-status"
                    on:change=move |ev| {
                        if let Some(s) = IdeaStatus::parse(&event_target_value(&ev)) { status.set(s) }
                    }>
                    {status_options.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || status.get() == s>
                            {move || i18n.t().status(s)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-thema">{tr(|t| t.field_theme)}</label>
                <select id="filter-thema" on:change=move |ev| theme.set(event_target_value(&ev))>
                    <option value="">{tr(|t| t.all_themes)}</option>
                    {move || themes.get().into_iter().map(|(id, title)| {
                        let v = id.to_string();
                        let sel = theme.get_untracked() == v;
                        view! { <option value=v selected=sel>{title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-suche">{tr(|t| t.field_search)}</label>
                <input id="filter-suche" type="search" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">{tr(|t| t.apply_filter)}</button>
        </form>
        <p class="hint">{tr(|t| t.shortcuts)}</p>
        {move || (stale.get()).then(|| view! {
            <p class="notice" role="status">{tr(|t| t.load_failed)}</p>
        })}
        <Show when=move || bulkable.get()>
                <fieldset class="bulk">
                    <legend>{tr(|t| t.bulk_label)}</legend>
                    <label class="check">
                        <input type="checkbox" id="alle-auswaehlen"
                            prop:checked=move || { let n = items().len(); n > 0 && selected.with(|s| s.len() == n) }
                            on:change=move |ev| {
                                if event_target_checked(&ev) {
                                    selected.set(items().iter().map(|i| i.id).collect());
                                } else {
                                    selected.set(Vec::new());
                                }
                            }/>
                        {tr(|t| t.select_all)}
                    </label>
                    <p class="bulk-count" aria-live="polite">
                        {move || fill(i18n.t().selected_count, &selected.with(Vec::len).to_string(), "")}
                    </p>
                    <ReasonField id="sammel-begruendung".to_owned() label=|t| t.reason
                        value=bulk_reason error=bulk_error rows=2/>
                    <div class="actions">
                        <Show when=move || current_status.get() == IdeaStatus::Pending>
                            <button type="button" class="button" id="sammel-freigeben"
                                disabled=move || selected.with(Vec::is_empty)
                                on:click=move |_| bulk(|_| Decision::Approve, IdeaStatus::Pending, false)>
                                {tr(|t| t.bulk_approve)}
                            </button>
                            <button type="button" class="button button-danger" id="sammel-ablehnen"
                                disabled=move || selected.with(Vec::is_empty)
                                on:click=move |_| bulk(|reason| Decision::Reject { reason }, IdeaStatus::Pending, true)>
                                {tr(|t| t.bulk_reject)}
                            </button>
                        </Show>
                        <Show when=move || current_status.get() == IdeaStatus::Published>
                            <button type="button" class="button button-danger" id="sammel-verbergen"
                                disabled=move || selected.with(Vec::is_empty)
                                on:click=move |_| bulk(|reason| Decision::Hide { reason }, IdeaStatus::Published, true)>
                                {tr(|t| t.bulk_hide)}
                            </button>
                        </Show>
                    </div>
                </fieldset>
        </Show>
        // Keyed by the whole record: a refresh redraws only the items that changed (their
        // open forms with them); the others keep what is typed in them.
        {move || match shown.get() {
            Shown::Loading => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Shown::Empty => view! { <p>{tr(|t| t.nothing_here)}</p> }.into_any(),
            Shown::Items => view! {
                <ol class="queue">
                    <For each=items key=|idea| idea.clone() let:idea>
                        {
                            let id = idea.id;
                            let title = theme_title(idea.theme_id);
                            view! {
                                <Item idea theme_title=title themes open
                                    selected=Signal::derive(move || is_selected(id))
                                    on_toggle=Callback::new(toggle)
                                    on_focus=Callback::new(move |id: IdeaId| {
                                        if let Some(i) = items().iter().position(|x| x.id == id) {
                                            focus.set(i);
                                        }
                                    })/>
                            }
                        }
                    </For>
                </ol>
            }.into_any(),
        }}
    }
}

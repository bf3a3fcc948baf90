//! A theme (Handlungsfeld) with its ideas, sorted by support or newest, paginated. Ideas
//! submitted on this device and not yet sent are listed with a marker.

use crate::components::status::{not_found, with_view};
use crate::i18n::{count, fill, use_i18n};
use crate::platform;
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::api::{IdeaSort, DEFAULT_PER_PAGE};
use werkstadt_domain::moderation::IdeaStatus;
use werkstadt_domain::replica::excerpt;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::ThemeId;

/// Characters of an idea's text shown in the list.
const EXCERPT_CHARS: usize = 160;

#[component]
pub fn ThemePage(id: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    // Newest first instead of most supported (a bool signal: cheaper in wasm than an enum one).
    let newest = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let sort_button = move |value: bool, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button
                type="button"
                class="toggle"
                aria-pressed=move || (newest.get() == value).to_string()
                on:click=move |_| { newest.set(value); page.set(1); }
            >
                {move || label(i18n.t())}
            </button>
        }
    };

    with_view(move |r| {
        let Some(theme) = r.theme(id).cloned() else {
            return not_found();
        };
        platform::set_document_title(&theme.title);
        let sort = if newest.get() {
            IdeaSort::Newest
        } else {
            IdeaSort::Support
        };
        let ideas = r.ideas_of(id, sort, true);
        let per_page = DEFAULT_PER_PAGE as usize;
        let pages = ideas.len().div_ceil(per_page).max(1) as u32;
        let current = page.get().min(pages);
        let empty = ideas.is_empty();
        let shown: Vec<_> = ideas
            .into_iter()
            .skip((current as usize - 1) * per_page)
            .take(per_page)
            .cloned()
            .collect();
        let new_href = format!("/neu?thema={id}");
        view! {
            <h1 tabindex="-1">{theme.title}</h1>
            <p>{theme.description}</p>
            <p class="actions"><a class="button" href=new_href>{move || i18n.t().theme_new_idea}</a></p>
            <div class="sort" role="group" aria-label=move || i18n.t().sort_label>
                <span class="sort-label" aria-hidden="true">{move || i18n.t().sort_label}": "</span>
                {sort_button(false, |t| t.sort_support)}
                {sort_button(true, |t| t.sort_newest)}
            </div>
            {empty.then(|| view! {
                <p class="notice">{move || i18n.t().no_ideas}</p>
            })}
            <ul class="idea-list">
                {shown.into_iter().map(|idea| {
                    let href = format!("/ideen/{}", idea.id);
                    let n = idea.support_count;
                    let idea_id = idea.id;
                    let pending = sync.is_pending(|k| matches!(k, MutationKind::CreateIdea { idea_id: i, .. } if *i == idea_id));
                    let in_review = idea.status == IdeaStatus::Pending;
                    view! {
                        <li class="idea-item" class:pending=pending>
                            <h2><a href=href>{idea.title}</a></h2>
                            <p>{excerpt(&idea.body, EXCERPT_CHARS)}</p>
                            {if pending {
                                view! { <p class="pending-marker">{move || i18n.t().pending_marker}</p> }.into_any()
                            } else if in_review {
                                view! { <p class="pending-marker">{move || i18n.t().moderation_pending}</p> }.into_any()
                            } else {
                                view! { <p class="meta support-count">{move || count(n, i18n.t().supports)}</p> }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(pages > 1).then(|| view! {
                <nav class="pagination" aria-label=move || i18n.t().pagination_label>
                    <button type="button" disabled=move || current <= 1
                        on:click=move |_| page.set(current.saturating_sub(1).max(1))>
                        {move || i18n.t().page_prev}
                    </button>
                    <span>{move || fill(i18n.t().page_of, &[("n", &current.to_string()), ("m", &pages.to_string())])}</span>
                    <button type="button" disabled=move || current >= pages
                        on:click=move |_| page.set(current + 1)>
                        {move || i18n.t().page_next}
                    </button>
                </nav>
            })}
        }
        .into_any()
    })
}

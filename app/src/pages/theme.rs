//! A theme (Handlungsfeld) with its ideas, sorted by support or newest, paginated. Ideas
//! submitted on this device and not yet sent are listed with a marker. The list is keyed by
//! idea and every row follows its own idea: a new support changes that row's count only.

use crate::components::status::{not_found, Ready};
use crate::i18n::pages::pt;
use crate::i18n::{count, fill, use_i18n};
use crate::platform;
use crate::sync::{field, use_sync};
use leptos::prelude::*;
use werkstadt_domain::api::{IdeaSort, DEFAULT_PER_PAGE};
use werkstadt_domain::moderation::IdeaStatus;
use werkstadt_domain::replica::excerpt;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::{IdeaId, ThemeId};

/// Characters of an idea's text shown in the list.
const EXCERPT_CHARS: usize = 160;

#[component]
pub fn ThemePage(id: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    // Newest first instead of most supported.
    let newest = RwSignal::new(false);
    let page = RwSignal::new(1u32);
    let theme = sync.pick(move |_, o| {
        o.theme(id)
            .map(|t| (t.title.clone(), t.description.clone()))
    });
    Effect::new(move |_| {
        theme.with(|t| {
            if let Some((title, _)) = t {
                platform::set_document_title(title);
            }
        });
    });
    let ideas = Memo::new(move |_| {
        let sort = if newest.get() {
            IdeaSort::Newest
        } else {
            IdeaSort::Support
        };
        sync.read(|r, o| o.ideas_of(r, id, sort, true))
            .unwrap_or_default()
    });
    let per_page = DEFAULT_PER_PAGE as usize;
    let pages = Memo::new(move |_| ideas.with(Vec::len).div_ceil(per_page).max(1) as u32);
    let current = Memo::new(move |_| page.get().min(pages.get()));
    let shown = Memo::new(move |_| {
        let skip = (current.get() as usize - 1) * per_page;
        ideas.with(|ids| {
            ids.iter()
                .skip(skip)
                .take(per_page)
                .copied()
                .collect::<Vec<_>>()
        })
    });
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
    view! {
        <Ready>
            <Show when=move || theme.with(Option::is_some) fallback=not_found>
                <h1 tabindex="-1">{field(theme, |t| t.0.clone())}</h1>
                <p>{field(theme, |t| t.1.clone())}</p>
                <p class="actions"><a class="button" href=format!("/neu?thema={id}")>{move || pt(i18n).theme_new_idea}</a></p>
                <crate::components::follow::FollowButton target=werkstadt_domain::sync::FollowTarget::Theme(id) label=|t| t.follow_theme/>
                <div class="sort" role="group" aria-label=move || pt(i18n).sort_label>
                    <span class="sort-label" aria-hidden="true">{move || pt(i18n).sort_label}": "</span>
                    {sort_button(false, |t| t.sort_support)}
                    {sort_button(true, |t| t.sort_newest)}
                </div>
                <Show when=move || ideas.with(Vec::is_empty)>
                    <p class="notice">{move || pt(i18n).no_ideas}</p>
                </Show>
                <ul class="idea-list">
                    <For each=move || shown.get() key=|id| *id let:id>
                        <IdeaRow id/>
                    </For>
                </ul>
                <Show when=move || { pages.get() > 1 }>
                    <nav class="pagination" aria-label=move || pt(i18n).pagination_label>
                        <button type="button" disabled=move || current.get() <= 1
                            on:click=move |_| page.set(current.get_untracked().saturating_sub(1).max(1))>
                            {move || pt(i18n).page_prev}
                        </button>
                        <span>{move || fill(pt(i18n).page_of, &[("n", &current.get().to_string()), ("m", &pages.get().to_string())])}</span>
                        <button type="button" disabled=move || current.get() >= pages.get()
                            on:click=move |_| page.set(current.get_untracked() + 1)>
                            {move || pt(i18n).page_next}
                        </button>
                    </nav>
                </Show>
            </Show>
        </Ready>
    }
}

/// What a row shows of an idea.
#[derive(Clone, PartialEq)]
struct Row {
    title: String,
    excerpt: String,
    supports: u32,
    in_review: bool,
}

/// One idea in the list, following only that idea.
#[component]
fn IdeaRow(id: IdeaId) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let idea = sync.pick(move |r, o| {
        o.idea(r, id).map(|i| Row {
            title: i.title.clone(),
            excerpt: excerpt(&i.body, EXCERPT_CHARS),
            supports: i.support_count,
            in_review: i.status == IdeaStatus::Pending,
        })
    });
    let waiting = Memo::new(move |_| {
        sync.is_pending(|k| matches!(k, MutationKind::CreateIdea { idea_id, .. } if *idea_id == id))
    });
    let in_review = Memo::new(move |_| idea.with(|i| i.as_ref().is_some_and(|i| i.in_review)));
    let supports = field(idea, |i| i.supports);
    view! {
        <li class="idea-item" class:pending=move || waiting.get()>
            <h2><a href=format!("/ideen/{id}")>{field(idea, |i| i.title.clone())}</a></h2>
            <p>{field(idea, |i| i.excerpt.clone())}</p>
            {move || if waiting.get() {
                view! { <p class="pending-marker">{move || pt(i18n).pending_marker}</p> }.into_any()
            } else if in_review.get() {
                view! { <p class="pending-marker">{move || pt(i18n).moderation_pending}</p> }.into_any()
            } else {
                view! { <p class="meta support-count">{move || count(supports().unwrap_or(0), i18n.t().supports)}</p> }.into_any()
            }}
        </li>
    }
}

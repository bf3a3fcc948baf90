//! A theme (Handlungsfeld) with its ideas, sorted by support or newest, paginated.

use crate::api;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{count, fill, use_i18n};
use crate::platform;
use leptos::prelude::*;
use werkstadt_domain::api::IdeaSort;
use werkstadt_domain::sync::MutationKind;
use werkstadt_domain::ThemeId;

#[component]
pub fn ThemePage(id: ThemeId) -> impl IntoView {
    let i18n = use_i18n();
    let sort = RwSignal::new(IdeaSort::Support);
    let page = RwSignal::new(1u32);
    let sync = crate::sync::use_sync();
    let data = crate::load::load(move || {
        sync.version.track();
        let (sort, page) = (sort.get(), page.get());
        api::ideas(id, sort, page)
    });
    let sort_button = move |value: IdeaSort, label: fn(&crate::i18n::Texts) -> &'static str| {
        view! {
            <button
                type="button"
                class="toggle"
                aria-pressed=move || (sort.get() == value).to_string()
                on:click=move |_| { sort.set(value); page.set(1); }
            >
                {move || label(i18n.t())}
            </button>
        }
    };

    view! {
        {move || match data.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
            Some(Ok(p)) => {
                platform::set_document_title(&p.theme.title);
                let pages = p.total.div_ceil(p.per_page).max(1);
                let new_href = format!("/neu?thema={}", p.theme.id);
                let current = p.page;
                let empty = p.ideas.is_empty();
                view! {
                    <h1 tabindex="-1">{p.theme.title.clone()}</h1>
                    <p>{p.theme.description.clone()}</p>
                    <p class="actions"><a class="button" href=new_href>{move || i18n.t().theme_new_idea}</a></p>
                    <div class="sort" role="group" aria-label=move || i18n.t().sort_label>
                        <span class="sort-label" aria-hidden="true">{move || i18n.t().sort_label}": "</span>
                        {sort_button(IdeaSort::Support, |t| t.sort_support)}
                        {sort_button(IdeaSort::Newest, |t| t.sort_newest)}
                    </div>
                    <Show when=move || empty>
                        <p class="notice">{move || i18n.t().no_ideas}</p>
                    </Show>
                    <ul class="idea-list">
                        {move || sync.pending_where(|k| matches!(k, MutationKind::CreateIdea { theme_id, .. } if *theme_id == id))
                            .into_iter()
                            .filter_map(|k| match k {
                                MutationKind::CreateIdea { idea_id, title, .. } => Some((idea_id, title)),
                                _ => None,
                            })
                            .map(|(idea_id, title)| view! {
                                <li class="idea-item pending">
                                    <h2><a href=format!("/ideen/{idea_id}")>{title}</a></h2>
                                    <p class="pending-marker">{move || i18n.t().pending_marker}</p>
                                </li>
                            })
                            .collect_view()}
                        {p.ideas.into_iter().map(|idea| {
                            let href = format!("/ideen/{}", idea.id);
                            let n = idea.support_count;
                            view! {
                                <li class="idea-item">
                                    <h2><a href=href>{idea.title}</a></h2>
                                    <p>{idea.excerpt}</p>
                                    <p class="meta support-count">{move || count(n, i18n.t().supports)}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <Show when=move || pages.gt(&1)>
                        <nav class="pagination" aria-label=move || i18n.t().pagination_label>
                            <button type="button" disabled=move || current <= 1
                                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                                {move || i18n.t().page_prev}
                            </button>
                            <span>{move || fill(i18n.t().page_of, &[("n", &current.to_string()), ("m", &pages.to_string())])}</span>
                            <button type="button" disabled=move || current >= pages
                                on:click=move |_| page.update(|p| *p += 1)>
                                {move || i18n.t().page_next}
                            </button>
                        </nav>
                    </Show>
                }.into_any()
            }
        }}
    }
}

//! "Neuigkeiten": what happened to what the participant follows, newest first, with unread
//! markers; and the unread count in the navigation. Everything comes from the replica, so it
//! reads offline after a sync; what was read is kept on the device (also offline).

use crate::components::follow::use_projects;
use crate::components::news::NewsBody;
use crate::components::status::Ready;
use crate::i18n::projects::prt;
use crate::i18n::{count, use_i18n};
use crate::platform;
use crate::sync::{use_sync, Sync};
use leptos::prelude::*;
use werkstadt_domain::news::{news, NewsItem, Subject};

/// The news for what the participant follows (pending follows included).
fn items(sync: Sync) -> Memo<Option<Vec<NewsItem>>> {
    sync.pick(|r, o| Some(news(r, o.follows())))
}

fn is_unread(sync: Sync, key: &str) -> bool {
    sync.news_read.with(|r| {
        r.as_ref()
            .is_some_and(|r| r.binary_search_by(|k| k.as_str().cmp(key)).is_err())
    })
}

/// Marks `keys` read (on top of what is read already).
fn mark_read(sync: Sync, keys: impl IntoIterator<Item = String>) {
    let mut read = sync.news_read.get_untracked().unwrap_or_default();
    read.extend(keys);
    read.sort();
    read.dedup();
    sync.set_news_read(read);
}

#[component]
pub fn NewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    use_projects();
    Effect::new(move |_| platform::set_document_title(prt(i18n).news_heading));
    let items = items(sync);
    let unread = Memo::new(move |_| {
        items.with(|i| {
            i.iter()
                .flatten()
                .filter(|i| is_unread(sync, &i.key))
                .map(|i| i.key.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Ready>
            <h1 tabindex="-1">{move || prt(i18n).news_heading}</h1>
            <p>{move || prt(i18n).news_intro}</p>
            <Show when=move || unread.with(|u| !u.is_empty())>
                <p class="actions">
                    <button type="button" class="button button-secondary"
                        on:click=move |_| mark_read(sync, unread.get_untracked())>
                        {move || prt(i18n).mark_all_read}
                    </button>
                </p>
            </Show>
            <Show when=move || items.with(|i| i.as_ref().is_none_or(Vec::is_empty))>
                <p class="notice">{move || prt(i18n).news_none}</p>
            </Show>
            <ul class="news-list">
                <For each=move || items.get().unwrap_or_default() key=|i| i.key.clone() let:item>
                    <NewsEntry item/>
                </For>
            </ul>
        </Ready>
    }
}

/// One news item: what it is about (a link), whether it is new, what happened.
#[component]
fn NewsEntry(item: NewsItem) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let key = StoredValue::new(item.key.clone());
    let unread = Memo::new(move |_| key.with_value(|k| is_unread(sync, k)));
    let href = match item.subject {
        Subject::Project(p) => format!("/projekte/{p}"),
        Subject::Idea(i) => format!("/ideen/{i}"),
    };
    let title = item.title.clone();
    view! {
        <li class="news-item card" class:unread=move || unread.get()>
            <h2><a href=href>{title}</a>
                <Show when=move || unread.get()>
                    " "<span class="badge badge-new">{move || prt(i18n).unread_marker}</span>
                </Show>
            </h2>
            <NewsBody item/>
            <Show when=move || unread.get()>
                <button type="button" class="toggle"
                    on:click=move |_| mark_read(sync, [key.get_value()])>
                    {move || prt(i18n).mark_read}
                </button>
            </Show>
        </li>
    }
}

/// The number of unread news in the navigation ("3", read as "3 ungelesen"); nothing when
/// all is read.
#[component]
pub fn NewsBadge() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    use_projects();
    let items = items(sync);
    let unread = Memo::new(move |_| {
        items.with(|i| {
            i.iter()
                .flatten()
                .filter(|i| is_unread(sync, &i.key))
                .count() as u32
        })
    });
    view! {
        <Show when=move || unread.get() != 0>
            " "<span class="badge badge-count" aria-hidden="true">{move || unread.get()}</span>
            <span class="visually-hidden">" "{move || count(unread.get(), prt(i18n).unread)}</span>
        </Show>
    }
}

//! A workshop's results wall (`/wand/{code or id}`) for a projector: the fields of action by
//! dot points as bars that move, the newest published ideas, the people taking part here and in
//! total, and the QR code with the join code. Large type, high contrast, no controls; dark with
//! `?dunkel` or where the device prefers a dark scheme (`?hell` keeps it light). Public,
//! nothing personal.
//!
//! Live: every `changed` event of the sync stream (`/api/sync/events`, sent on each write)
//! refetches the wall's data, so a vote shows within a second or two; a poll every 5 s is the
//! fallback, and both recover by themselves after the server or the network was gone (the
//! browser reconnects the event stream; the poll just tries again).
//!
//! Styled through the CSS object model (`style:`), which the content security policy allows:
//! the wall's look costs the start page's stylesheet nothing.

use crate::i18n::workshop::wt;
use crate::i18n::{fill, use_i18n};
use crate::platform::http::{self, ClientError};
use crate::platform::{self};
use leptos::prelude::*;
use werkstadt_domain::workshop::{WallData, WallTheme};
use werkstadt_domain::ErrorCode;

/// Poll interval: the fallback when no event arrives.
const POLL_MS: i32 = 5_000;

async fn fetch(key: &str) -> Result<WallData, ClientError> {
    http::from_js(http::get_js(&format!("/api/workshops/{key}/wall"), None).await?)
        .ok_or_else(http::unexpected)
}

/// Dark on `?dunkel` (e.g. `/wand/K7MQ4R?dunkel`), or where the device prefers a dark
/// scheme (`prefers-color-scheme: dark`) unless `?hell` asks for the light one.
fn dark() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let query = w.location().search().unwrap_or_default();
    if query.contains("dunkel") || query.contains("hell") {
        return query.contains("dunkel");
    }
    w.match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|list| list.matches())
}

/// Hides the site's header, status bar and footer while the wall shows (a projector view).
fn site_chrome(hidden: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for sel in [
        ".site-header",
        ".sync-bar",
        ".site-footer",
        ".workshop-banner",
    ] {
        if let Ok(Some(el)) = doc.query_selector(sel) {
            let _ = if hidden {
                el.set_attribute("hidden", "")
            } else {
                el.remove_attribute("hidden")
            };
        }
    }
}

/// Colours: (background, text, bar, track, muted).
fn palette(
    dark: bool,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
) {
    if dark {
        ("#000", "#fff", "#ffd54a", "#3a3a3a", "#d0d0d0")
    } else {
        ("#fff", "#111", "#0b4f8a", "#dcdcdc", "#333")
    }
}

#[component]
pub fn WallPage(key: String) -> impl IntoView {
    let i18n = use_i18n();
    let data = RwSignal::new(None::<WallData>);
    let lost = RwSignal::new(false);
    let unknown = RwSignal::new(false);
    let key = StoredValue::new(key);
    let load = move || {
        let Some(k) = key.try_get_value() else { return };
        leptos::task::spawn_local(async move {
            match fetch(&k).await {
                Ok(d) => {
                    let _ = data.try_set(Some(d));
                    let _ = lost.try_set(false);
                }
                Err(ClientError::Api(b)) if b.code == ErrorCode::UnknownWorkshop => {
                    let _ = unknown.try_set(true);
                }
                Err(_) => {
                    let _ = lost.try_set(true);
                }
            }
        });
    };
    load();
    platform::on_server_event("/api/sync/events", "changed", move |_| load());
    platform::every(POLL_MS, load);
    site_chrome(true);
    on_cleanup(|| site_chrome(false));
    Effect::new(move |_| {
        if let Some(d) = data.get() {
            platform::set_document_title(&format!(
                "{} – {}",
                wt(i18n).wall_label,
                d.workshop.title
            ));
        }
    });
    let (bg, fg, bar, track, muted) = palette(dark());
    let top = Memo::new(move |_| {
        data.with(|d| {
            d.as_ref()
                .map_or(0, |d| d.themes.iter().map(|t| t.dots).max().unwrap_or(0))
        })
    });
    let themes = move || data.with(|d| d.as_ref().map(|d| d.themes.clone()).unwrap_or_default());
    let ideas = move || data.with(|d| d.as_ref().map(|d| d.ideas.clone()).unwrap_or_default());
    let field = move |f: fn(&WallData) -> String| {
        move || data.with(|d| d.as_ref().map(f).unwrap_or_default())
    };
    let row = move |t: WallTheme| {
        let id = t.id;
        let dots = Memo::new(move |_| {
            data.with(|d| {
                d.as_ref()
                    .and_then(|d| d.themes.iter().find(|x| x.id == id))
                    .map_or(0, |x| x.dots)
            })
        });
        let width = move || {
            let top = top.get().max(1);
            format!("{}%", dots.get() * 100 / top)
        };
        view! {
            <li style:margin="0 0 .6em">
                <div style:display="flex" style:justify-content="space-between" style:gap="1em">
                    <span>{t.title.clone()}</span>
                    <strong class="wall-dots">{move || fill(wt(i18n).wall_points, &[("n", &dots.get().to_string())])}</strong>
                </div>
                <div style:background=track style:height=".8em" style:border-radius=".4em" aria-hidden="true">
                    <div style:background=bar style:height="100%" style:border-radius=".4em"
                        style:transition="width .8s ease" style:width=width></div>
                </div>
            </li>
        }
    };
    let qr = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| format!("/api/workshops/{}/qr.svg", d.workshop.code))
        })
    };
    view! {
        <div class="wall" style:background=bg style:color=fg style:min-height="100vh"
            style:padding="2vw 3vw" style:box-sizing="border-box"
            style:font-family="system-ui, sans-serif" style:font-size="clamp(18px, 2vw, 44px)" style:line-height="1.3">
            <Show when=move || !unknown.get() fallback=move || view! {
                <h1>{move || wt(i18n).unknown}</h1>
            }>
                <h1 style:font-size="2em" style:margin="0 0 .6em">{field(|d| d.workshop.title.clone())}</h1>
                <Show when=move || data.with(Option::is_none)>
                    <p role="status">{move || wt(i18n).wall_loading}</p>
                </Show>
                <div style:display="flex" style:flex-wrap="wrap" style:gap="3vw">
                    <section aria-labelledby="wand-rangfolge" style:flex="2 1 30em">
                        <h2 id="wand-rangfolge" style:font-size="1.2em">{move || wt(i18n).wall_ranking}</h2>
                        <ol style:list-style="none" style:padding="0" style:margin="0">
                            <For each=themes key=|t| t.id children=row/>
                        </ol>
                        <h2 style:font-size="1.2em" style:margin-top="1em">{move || wt(i18n).wall_ideas}</h2>
                        <Show when=move || data.with(|d| d.as_ref().is_some_and(|d| d.ideas.is_empty()))>
                            <p style:color=muted>{move || wt(i18n).wall_no_ideas}</p>
                        </Show>
                        <ul class="wall-ideas" style:padding-left="1em" style:margin="0">
                            <For each=ideas key=|i| i.id let:idea>
                                <li style:margin="0 0 .3em">
                                    <strong>{idea.title.clone()}</strong>
                                    <span style:color=muted>" – "{idea.theme_title.clone()}</span>
                                </li>
                            </For>
                        </ul>
                    </section>
                    <aside aria-labelledby="wand-mitmachen" style:flex="1 1 14em" style:text-align="center">
                        <h2 id="wand-mitmachen" style:font-size="1.2em">{move || wt(i18n).wall_join}</h2>
                        {move || qr().map(|src| view! {
                            <img src=src alt=move || wt(i18n).wall_qr_alt style:background="#fff"
                                style:padding="12px" style:width="min(100%, 12em)" style:height="auto"/>
                        })}
                        <p class="wall-code" style:font-size="2.2em" style:font-weight="800" style:letter-spacing=".15em" style:margin=".2em 0">
                            {field(|d| d.workshop.code.clone())}
                        </p>
                        <p style:color=muted style:font-size=".8em" style:word-break="break-all">{field(|d| d.join_url.clone())}</p>
                        <p><strong class="wall-here" style:font-size="2.4em">{field(|d| d.participants_here.to_string())}</strong><br/>{move || wt(i18n).wall_here}</p>
                        <p><strong class="wall-total" style:font-size="1.6em">{field(|d| d.participants_total.to_string())}</strong><br/>{move || wt(i18n).wall_total}</p>
                    </aside>
                </div>
                <p role="status" style:color=muted>{move || lost.get().then(|| wt(i18n).wall_reconnecting)}</p>
            </Show>
        </div>
    }
}

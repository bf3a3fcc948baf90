//! Workshops (Veranstaltungen; moderators and admins): the current process's workshops with
//! their join codes; creating and editing one (title, place, start, end, the modules open
//! during it, the kiosks' reset time), deleting one made by mistake, and the join panel with
//! the QR code the server makes and a link to the results wall; each workshop's kiosks, and
//! the kiosks without a workshop (`kiosks`). The server validates and audits every write.

mod form;
mod kiosks;
mod texts;

use crate::i18n::{fill, tr, use_i18n};
use leptos::prelude::*;
use texts::{outcome, texts_of, wt};
use werkstadt_domain::ids::WorkshopId;
use werkstadt_domain::workshop::{join_path, Workshop, WorkshopDraft};
use werkstadt_domain::ProcessId;
use werkstadt_web::http::{parse, staff_request, unexpected, ClientError};

/// Which part is open below the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    Nothing,
    New,
    Edit(WorkshopId),
    Join(WorkshopId),
    /// A workshop's kiosks; `None`: the kiosks without a workshop.
    Kiosks(Option<WorkshopId>),
}

async fn list(process: ProcessId) -> Result<Vec<Workshop>, ClientError> {
    crate::api::get(&format!("/api/moderation/processes/{process}/workshops")).await
}

pub async fn save(
    process: ProcessId,
    id: Option<WorkshopId>,
    d: &WorkshopDraft,
    csrf: &str,
) -> Result<Workshop, ClientError> {
    let text = match id {
        None => {
            let path = format!("/api/moderation/processes/{process}/workshops");
            crate::api::write("POST", &path, d, csrf).await?
        }
        Some(id) => {
            let path = format!("/api/moderation/workshops/{id}");
            crate::api::write("PUT", &path, d, csrf).await?
        }
    };
    parse(&text).ok_or_else(unexpected)
}

async fn delete(id: WorkshopId, csrf: &str) -> Result<(), ClientError> {
    let path = format!("/api/moderation/workshops/{id}");
    staff_request("DELETE", &path, None, None, Some(csrf))
        .await
        .map(drop)
}

/// The current process and its workshops; `None` without a current process.
pub(super) async fn load() -> Result<Option<(ProcessId, Vec<Workshop>)>, ClientError> {
    let process = match crate::api::process().await {
        Ok((p, _)) => p.process.id,
        Err(ClientError::Api(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some((process, list(process).await?)))
}

/// A time span in the reader's language: "30.11.2026, 14:00:00 – 30.11.2026, 17:00:00".
fn span(w: &Workshop) -> impl Fn() -> String + Send + Sync + 'static {
    let (starts, ends) = (w.starts_at, w.ends_at);
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang().code();
        format!(
            "{} – {}",
            super::when(starts, lang),
            super::when(ends, lang)
        )
    }
}

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::desk::use_desk();
    let loaded = RwSignal::new(None::<Option<(ProcessId, Vec<Workshop>)>>);
    let status = RwSignal::new(String::new());
    let open = RwSignal::new(Open::Nothing);
    let reload = Callback::new(move |then: Open| {
        leptos::task::spawn_local(async move {
            match load().await {
                Ok(l) => {
                    loaded.set(Some(l));
                    open.set(then);
                }
                Err(e) => status.set(outcome::<()>(i18n, &Err(e), "")),
            }
        });
    });
    reload.run(Open::Nothing);
    let choose = move |o: Open| {
        status.set(String::new());
        open.set(o);
        crate::router::focus_later("#veranstaltung-teil");
    };
    let workshops = Memo::new(move |_| {
        loaded.with(|l| l.clone().flatten().map(|(_, w)| w).unwrap_or_default())
    });
    let process = Memo::new(move |_| loaded.with(|l| l.clone().flatten().map(|(p, _)| p)));
    let find = move |id: WorkshopId| workshops.with(|ws| ws.iter().find(|w| w.id == id).cloned());
    let remove = move |id: WorkshopId| {
        let Some(csrf) = desk.csrf() else { return };
        leptos::task::spawn_local(async move {
            let r = delete(id, &csrf).await;
            status.set(outcome(i18n, &r, texts_of(i18n).deleted));
            if r.is_ok() {
                reload.run(Open::Nothing);
            }
        });
    };
    let detail = move || {
        let (Some(process), o) = (process.get(), open.get()) else {
            return ().into_any();
        };
        match o {
            Open::Nothing => ().into_any(),
            Open::New => {
                view! { <form::WorkshopForm process workshop=None reload status/> }.into_any()
            }
            Open::Edit(id) => match find(id) {
                Some(w) => view! {
                    <form::WorkshopForm process workshop=Some(w) reload status/>
                    <button type="button" class="button button-danger"
                        on:click=move |_| remove(id)>{wt(|t| t.delete)}</button>
                }
                .into_any(),
                None => ().into_any(),
            },
            Open::Join(id) => match find(id) {
                Some(w) => view! { <JoinPanel w/> }.into_any(),
                None => ().into_any(),
            },
            Open::Kiosks(id) => {
                let ids: Vec<String> =
                    workshops.with(|ws| ws.iter().map(|w| w.id.to_string()).collect());
                match id.map(find) {
                    Some(None) => ().into_any(),
                    Some(Some(w)) => {
                        view! { <kiosks::KiosksPanel workshop=Some(w) workshops=ids/> }.into_any()
                    }
                    None => view! { <kiosks::KiosksPanel workshop=None workshops=ids/> }.into_any(),
                }
            }
        }
    };
    let row = move |w: Workshop| {
        let id = w.id;
        let edit_label = fill(texts_of(i18n).edit_named, &w.title, "");
        let kiosks_label = fill(texts_of(i18n).kiosks_named, &w.title, "");
        let wall = format!("/wand/{}", w.code);
        view! {
            <tr>
                <th scope="row">{w.title.clone()}</th>
                <td>{span(&w)}", "{w.place.clone()}</td>
                <td style:font-family="monospace" style:font-weight="700">{w.code.clone()}</td>
                <td>
                    <button type="button" class="button" aria-label=edit_label
                        on:click=move |_| choose(Open::Edit(id))>{wt(|t| t.edit)}</button>
                    " "
                    <button type="button" class="button"
                        on:click=move |_| choose(Open::Join(id))>{wt(|t| t.show)}</button>
                    " "
                    <button type="button" class="button" aria-label=kiosks_label
                        on:click=move |_| choose(Open::Kiosks(Some(id)))>{wt(|t| t.kiosks)}</button>
                    " "
                    <a href=wall target="_blank" rel="noopener">{wt(|t| t.wall)}</a>
                </td>
            </tr>
        }
    };
    view! {
        <h1 tabindex="-1">{wt(|t| t.heading)}</h1>
        <p>{wt(|t| t.intro)}</p>
        <p role="status" class="form-status">{move || status.get()}</p>
        {move || match loaded.with(|l| l.as_ref().map(Option::is_some)) {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(false) => view! { <p class="notice">{wt(|t| t.no_process)}</p> }.into_any(),
            Some(true) => view! {
                <table class="table">
                    <caption>{wt(|t| t.list_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{wt(|t| t.col_title)}</th>
                        <th scope="col">{wt(|t| t.col_when)}</th>
                        <th scope="col">{wt(|t| t.col_code)}</th>
                        <th scope="col">{wt(|t| t.col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || workshops.get() key=|w| (w.id, w.title.clone(), w.starts_at, w.ends_at, w.place.clone()) children=row/>
                    </tbody>
                </table>
                <Show when=move || workshops.with(Vec::is_empty)>
                    <p>{wt(|t| t.list_empty)}</p>
                </Show>
                <button type="button" class="button button-primary"
                    on:click=move |_| choose(Open::New)>{wt(|t| t.new_workshop)}</button>
                " "
                <button type="button" class="button"
                    on:click=move |_| choose(Open::Kiosks(None))>{wt(|t| t.kiosks_none)}</button>
                <div id="veranstaltung-teil" tabindex="-1">{detail}</div>
            }.into_any(),
        }}
    }
}

/// The printed join sheet: only the panel on an A4 page, QR code and code large.
const PRINT_CSS: &str = "@page { size: A4; margin: 20mm; }
@media print {
  body * { visibility: hidden !important; }
  .join-sheet, .join-sheet * { visibility: visible !important; }
  .join-sheet { position: absolute; left: 0; top: 0; width: 100%; text-align: center; color: #000; background: #fff; }
  .join-sheet .no-print { display: none !important; }
  .join-sheet h2 { font-size: 28pt; }
  .join-sheet .join-qr { width: 110mm; height: 110mm; }
  .join-sheet .join-code-large { font-size: 54pt !important; }
  .join-sheet .join-address { font-size: 18pt; }
}";

/// The join code in large type, the QR code (SVG from the server) and the join address (the
/// public one the QR code holds, from the wall's data), with a printable sheet of them.
#[component]
fn JoinPanel(w: Workshop) -> impl IntoView {
    let i18n = use_i18n();
    let qr = format!("/api/workshops/{}/qr.svg", w.code);
    let address = RwSignal::new(join_path(&w.code));
    let code = w.code.clone();
    leptos::task::spawn_local(async move {
        let path = format!("/api/workshops/{code}/wall");
        if let Ok(wall) = crate::api::get::<werkstadt_domain::workshop::WallData>(&path).await {
            address.set(wall.join_url);
        }
    });
    werkstadt_web::set_page_style(Some(PRINT_CSS));
    on_cleanup(|| werkstadt_web::set_page_style(None));
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let title = w.title.clone();
    view! {
        <section class="join-sheet" aria-labelledby="beitritt-titel">
            <h2 id="beitritt-titel">{w.title.clone()}</h2>
            <p>{span(&w)}", "{w.place.clone()}</p>
            <h3>{wt(|t| t.join_heading)}</h3>
            <p>{wt(|t| t.join_hint)}</p>
            <img class="join-qr" src=qr width="240" height="240"
                alt=move || fill(texts_of(i18n).qr_alt, &title, "")/>
            <p class="join-code-large" style:font-size="3rem" style:font-weight="700"
                style:letter-spacing=".15em" style:margin=".2em 0">{w.code.clone()}</p>
            <p class="join-address">{move || address.get()}</p>
            <button type="button" class="button no-print" on:click=print>{wt(|t| t.print)}</button>
        </section>
    }
}

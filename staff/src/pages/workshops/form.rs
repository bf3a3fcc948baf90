//! A workshop's fields: title, place, start and end (local date and time), the modules open
//! during it and the kiosks' reset time; creating one or saving it.

use super::texts::{outcome, texts_of, wt, WorkshopTexts};
use super::Open;
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::setup::Modules;
use werkstadt_domain::workshop::{Workshop, WorkshopDraft, RESET_SECS_DEFAULT};
use werkstadt_domain::ProcessId;

/// A Unix-millisecond time as an `<input type="datetime-local">` value ("2026-11-30T14:00"):
/// the Swedish locale writes local times in ISO order (no further browser calls needed).
fn input_value(unix_ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64));
    let s: String = d
        .to_locale_string("sv-SE", &wasm_bindgen::JsValue::UNDEFINED)
        .into();
    s.get(..16).unwrap_or_default().replace(' ', "T")
}

/// The local time of a `datetime-local` value (a date-time without offset is read as local).
fn parse_input(value: &str) -> Option<i64> {
    if value.len() < 16 {
        return None;
    }
    let ms = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value)).get_time();
    (!ms.is_nan()).then_some(ms as i64)
}

#[component]
pub fn WorkshopForm(
    process: ProcessId,
    workshop: Option<Workshop>,
    reload: Callback<Open>,
    status: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let w = workshop.as_ref();
    let id = w.map(|w| w.id);
    let heading = w.map(|w| w.title.clone());
    let title = RwSignal::new(w.map(|w| w.title.clone()).unwrap_or_default());
    let place = RwSignal::new(w.map(|w| w.place.clone()).unwrap_or_default());
    let starts = RwSignal::new(w.map(|w| input_value(w.starts_at)).unwrap_or_default());
    let ends = RwSignal::new(w.map(|w| input_value(w.ends_at)).unwrap_or_default());
    let open = w.map_or(Modules::ALL, |w| w.open);
    let modules = [
        RwSignal::new(open.ideas),
        RwSignal::new(open.supports),
        RwSignal::new(open.dots),
        RwSignal::new(open.comments),
    ];
    let reset = RwSignal::new(w.map_or(RESET_SECS_DEFAULT, |w| w.reset_secs).to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let t = texts_of(i18n);
        let (Some(starts_at), Some(ends_at)) = (
            parse_input(&starts.get_untracked()),
            parse_input(&ends.get_untracked()),
        ) else {
            status.set(t.time_missing.to_owned());
            return;
        };
        let draft = WorkshopDraft {
            title: title.get_untracked(),
            place: place.get_untracked(),
            starts_at,
            ends_at,
            open: Modules {
                ideas: modules[0].get_untracked(),
                supports: modules[1].get_untracked(),
                dots: modules[2].get_untracked(),
                comments: modules[3].get_untracked(),
            },
            reset_secs: reset.get_untracked().trim().parse().unwrap_or(0),
        };
        leptos::task::spawn_local(async move {
            let r = super::save(process, id, &draft, &csrf).await;
            let done = if id.is_some() { t.saved } else { t.created };
            status.set(outcome(i18n, &r, done));
            if let Ok(w) = r {
                reload.run(Open::Join(w.id));
            }
        });
    };
    let field = move |fid: &'static str,
                      kind: &'static str,
                      label: fn(&'static WorkshopTexts) -> &'static str,
                      value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=fid>{wt(label)}</label>
                <input id=fid type=kind required prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let module =
        move |i: usize, fid: &'static str, label: fn(&'static WorkshopTexts) -> &'static str| {
            let on = modules[i];
            view! {
                <div class="check">
                    <input id=fid type="checkbox" prop:checked=move || on.get()
                        on:change=move |ev| on.set(event_target_checked(&ev))/>
                    <label for=fid>{wt(label)}</label>
                </div>
            }
        };
    view! {
        <form class="card" on:submit=save>
            <h2>{move || match &heading {
                Some(n) => fill(texts_of(i18n).form_edit, n, ""),
                None => texts_of(i18n).form_new.to_owned(),
            }}</h2>
            {field("veranstaltung-titel", "text", |t| t.title, title)}
            {field("veranstaltung-ort", "text", |t| t.place, place)}
            {field("veranstaltung-beginn", "datetime-local", |t| t.starts_at, starts)}
            {field("veranstaltung-ende", "datetime-local", |t| t.ends_at, ends)}
            <fieldset>
                <legend>{wt(|t| t.modules)}</legend>
                {module(0, "modul-ideen", |t| t.module_ideas)}
                {module(1, "modul-unterstuetzen", |t| t.module_supports)}
                {module(2, "modul-punkte", |t| t.module_dots)}
                {module(3, "modul-kommentare", |t| t.module_comments)}
            </fieldset>
            {field("veranstaltung-reset", "number", |t| t.reset_secs, reset)}
            <button type="submit" class="button button-primary">
                {move || if id.is_some() { texts_of(i18n).save } else { texts_of(i18n).create }}
            </button>
            " "
            <button type="button" class="button"
                on:click=move |_| reload.run(Open::Nothing)>{wt(|t| t.close)}</button>
        </form>
    }
}

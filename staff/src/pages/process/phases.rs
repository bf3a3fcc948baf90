//! A process's phases: rows with title, short text, dates and the modules each opens; saved
//! as one list (the server checks order, bounds and overlaps).

use super::texts::{pt, texts_of, ProcessTexts};
use super::{outcome, Reload, Status};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::texts::section_texts;
use leptos::prelude::*;
use werkstadt_domain::api::Process;
use werkstadt_domain::setup::{Modules, Phase, PhaseList};
use werkstadt_web::{date_input_value, parse_date_input};

/// One phase being edited.
#[derive(Clone, Copy)]
struct Row {
    key: u32,
    title: RwSignal<String>,
    text: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    open: [RwSignal<bool>; 4],
}

impl Row {
    fn new(key: u32, p: Option<&Phase>) -> Self {
        let open = p.map_or(Modules::default(), |p| p.open);
        Self {
            key,
            title: RwSignal::new(p.map(|p| p.title.clone()).unwrap_or_default()),
            text: RwSignal::new(p.map(|p| p.text.clone()).unwrap_or_default()),
            from: RwSignal::new(p.map(|p| date_input_value(p.starts_at)).unwrap_or_default()),
            to: RwSignal::new(
                p.map(|p| date_input_value(p.ends_at - 1))
                    .unwrap_or_default(),
            ),
            open: [open.ideas, open.supports, open.dots, open.comments].map(RwSignal::new),
        }
    }

    fn phase(&self) -> Option<Phase> {
        let [ideas, supports, dots, comments] = self.open.map(|s| s.get_untracked());
        Some(Phase {
            title: self.title.get_untracked(),
            text: self.text.get_untracked(),
            starts_at: parse_date_input(&self.from.get_untracked(), 0)?,
            ends_at: parse_date_input(&self.to.get_untracked(), 1)?,
            open: Modules {
                ideas,
                supports,
                dots,
                comments,
            },
        })
    }
}

const MODULES: [fn(&'static ProcessTexts) -> &'static str; 4] = [
    |t| t.module_ideas,
    |t| t.module_supports,
    |t| t.module_dots,
    |t| t.module_comments,
];

#[component]
pub fn Phases(process: Process, reload: Reload) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let id = process.id;
    let next = StoredValue::new(process.phases.len() as u32);
    let rows = RwSignal::new(
        process
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| Row::new(i as u32, Some(p)))
            .collect::<Vec<_>>(),
    );
    let msg = Status::of("phases");
    let add = move |_| {
        let key = next.get_value();
        next.set_value(key + 1);
        rows.update(|r| r.push(Row::new(key, None)));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let Some(phases) =
            rows.with_untracked(|r| r.iter().map(Row::phase).collect::<Option<Vec<_>>>())
        else {
            msg.set(texts_of(i18n).date_missing.to_owned());
            return;
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_phases(id, &PhaseList { phases }, &csrf).await;
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, section_texts(i18n).saved));
            if ok {
                reload.run(Some(id));
            }
        });
    };
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    let remove = Callback::new(move |key: u32| rows.update(|r| r.retain(|x| x.key != key)));
    view! {
        <section aria-labelledby="phasen">
            <h2 id="phasen">{pt(|t| t.phases_heading)}</h2>
            <p>{pt(|t| t.phases_intro)}</p>
            <form class="form" on:submit=save>
                <For each=numbered key=|(i, r)| (*i, r.key) let:item>
                    <PhaseRow n=item.0 + 1 row=item.1 remove/>
                </For>
                <button type="button" class="button button-secondary" on:click=add>{pt(|t| t.phase_add)}</button>
                <button type="submit" class="button">{pt(|t| t.phases_save)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

#[component]
fn PhaseRow(n: usize, row: Row, remove: Callback<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let id = move |what: &str| format!("phase-{key}-{what}");
    let input = move |what: &'static str,
                      label: fn(&'static ProcessTexts) -> &'static str,
                      value: RwSignal<String>,
                      kind: &'static str| {
        let required = kind == "date";
        view! {
            <div class="field">
                <label for=id(what)>{pt(label)}</label>
                <input id=id(what) type=kind required=required
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <fieldset class="phase-row">
            <legend>{move || fill(texts_of(i18n).phase_legend, &n.to_string(), "")}</legend>
            {input("titel", |t| t.phase_title, row.title, "text")}
            {input("text", |t| t.phase_text, row.text, "text")}
            {input("von", |t| t.phase_from, row.from, "date")}
            {input("bis", |t| t.phase_to, row.to, "date")}
            <fieldset>
                <legend>{pt(|t| t.phase_modules)}</legend>
                {MODULES.into_iter().zip(row.open).enumerate().map(|(m, (label, on))| view! {
                    <label class="check" for=id(&format!("modul-{m}"))>
                        <input type="checkbox" id=id(&format!("modul-{m}")) prop:checked=move || on.get()
                            on:change=move |ev| on.set(event_target_checked(&ev))/>
                        {pt(label)}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="button" class="button button-secondary"
                on:click=move |_| remove.run(key)>{move || fill(texts_of(i18n).phase_remove, &n.to_string(), "")}</button>
        </fieldset>
    }
}

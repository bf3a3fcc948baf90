//! A matrix's definition: title, description, scale (default 0–4 with the concept paper's
//! labels), options (free text, or ideas and projects of the process picked from a list; each
//! with advantages and disadvantages, one per line) and criteria (with an optional weight). Creating one, or saving it while open: entries keep their ids,
//! so their scores stay; a removed entry loses its scores.

use super::sources::SourcePicker;
use super::texts::{outcome, rt, texts_of, Text as Label};
use super::{calls, use_page, Open};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::ids::{CriterionId, MatrixOptionId};
use werkstadt_domain::matrix::{
    CriterionDraft, MatrixDraft, MatrixRecord, OptionDraft, OptionSource, Scale,
};
use werkstadt_domain::ProcessId;

/// One option being edited.
#[derive(Clone, Copy)]
struct OptionRow {
    key: u32,
    id: RwSignal<Option<MatrixOptionId>>,
    source: OptionSource,
    title: RwSignal<String>,
    pros: RwSignal<String>,
    cons: RwSignal<String>,
}

/// One criterion being edited.
#[derive(Clone, Copy)]
struct CriterionRow {
    key: u32,
    id: RwSignal<Option<CriterionId>>,
    title: RwSignal<String>,
    description: StoredValue<String>,
    weight: RwSignal<String>,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Hands out the keys of new rows (ids of their fields).
#[derive(Clone, Copy)]
struct Keys(StoredValue<u32>);

impl Keys {
    fn next(self) -> u32 {
        let k = self.0.get_value();
        self.0.set_value(k + 1);
        k
    }

    fn option(
        self,
        o: Option<(Option<MatrixOptionId>, OptionSource, String, String, String)>,
    ) -> OptionRow {
        let (id, source, title, pros, cons) = o.unwrap_or_default();
        OptionRow {
            key: self.next(),
            id: RwSignal::new(id),
            source,
            title: RwSignal::new(title),
            pros: RwSignal::new(pros),
            cons: RwSignal::new(cons),
        }
    }

    fn criterion(self, c: Option<(Option<CriterionId>, String, String, u8)>) -> CriterionRow {
        let (id, title, description, weight) = c.unwrap_or((None, String::new(), String::new(), 1));
        CriterionRow {
            key: self.next(),
            id: RwSignal::new(id),
            title: RwSignal::new(title),
            description: StoredValue::new(description),
            weight: RwSignal::new(weight.to_string()),
        }
    }
}

#[component]
pub fn MatrixForm(process: ProcessId, matrix: Option<MatrixRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let page = use_page();
    let keys = Keys(StoredValue::new(0));
    let m = matrix.as_ref();
    let id = m.map(|m| m.id);
    let heading = m.map(|m| m.title.clone());
    let title = RwSignal::new(m.map(|m| m.title.clone()).unwrap_or_default());
    let description = RwSignal::new(m.map(|m| m.description.clone()).unwrap_or_default());
    let scale = m.map_or_else(Scale::default, |m| m.scale.clone());
    let min = RwSignal::new(scale.min.to_string());
    let max = RwSignal::new(scale.max.to_string());
    let labels = RwSignal::new(scale.labels.join("\n"));
    let options = RwSignal::new(match m {
        Some(m) => m
            .options
            .iter()
            .map(|o| {
                keys.option(Some((
                    Some(o.id),
                    o.source,
                    o.title.clone(),
                    o.advantages.join("\n"),
                    o.disadvantages.join("\n"),
                )))
            })
            .collect(),
        None => vec![keys.option(None), keys.option(None)],
    });
    let criteria = RwSignal::new(match m {
        Some(m) => m
            .criteria
            .iter()
            .map(|c| {
                keys.criterion(Some((
                    Some(c.id),
                    c.title.clone(),
                    c.description.clone(),
                    c.weight,
                )))
            })
            .collect(),
        None => vec![keys.criterion(None), keys.criterion(None)],
    });
    let taken =
        Signal::derive(move || options.with(|o| o.iter().map(|r| r.source).collect::<Vec<_>>()));
    let add_source = Callback::new(move |(source, title): (OptionSource, String)| {
        let row = keys.option(Some((None, source, title, String::new(), String::new())));
        options.update(|o| o.push(row));
    });
    let msg = Status::of("matrix");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let t = texts_of(i18n);
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u8>().ok();
        let (Some(min), Some(max)) = (number(min), number(max)) else {
            msg.set(t.number_invalid.to_owned());
            return;
        };
        let mut criteria_drafts = Vec::new();
        for c in criteria.get_untracked() {
            let Some(weight) = number(c.weight) else {
                msg.set(t.number_invalid.to_owned());
                return;
            };
            criteria_drafts.push(CriterionDraft {
                id: c.id.get_untracked(),
                title: c.title.get_untracked(),
                description: c.description.get_value(),
                weight: Some(weight),
            });
        }
        let draft = MatrixDraft {
            title: title.get_untracked(),
            description: description.get_untracked(),
            scale: Scale {
                min,
                max,
                labels: lines(&labels.get_untracked()),
            },
            options: options
                .get_untracked()
                .into_iter()
                .map(|o| OptionDraft {
                    id: o.id.get_untracked(),
                    source: o.source,
                    title: o.title.get_untracked(),
                    advantages: lines(&o.pros.get_untracked()),
                    disadvantages: lines(&o.cons.get_untracked()),
                })
                .collect(),
            criteria: criteria_drafts,
        };
        leptos::task::spawn_local(async move {
            let r = calls::save_matrix(process, id, &draft, &csrf).await;
            msg.set(outcome(
                i18n,
                &r,
                if id.is_some() { t.saved } else { t.created },
            ));
            let Ok(saved) = r else { return };
            // New entries have their ids now: a second save keeps them (and their scores).
            for (row, o) in options.get_untracked().iter().zip(&saved.options) {
                row.id.set(Some(o.id));
            }
            for (row, c) in criteria.get_untracked().iter().zip(&saved.criteria) {
                row.id.set(Some(c.id));
            }
            page.changed();
            if id.is_none() {
                page.open.set(Open::Matrix(saved.id));
                crate::router::focus_later("#matrix-offen");
            }
        });
    };
    let position = move |rows: Vec<u32>, key: u32| {
        rows.iter()
            .position(|k| *k == key)
            .map_or(0, |p| p + 1)
            .to_string()
    };
    let option_n =
        move |key: u32| position(options.with(|o| o.iter().map(|r| r.key).collect()), key);
    let criterion_n =
        move |key: u32| position(criteria.with(|c| c.iter().map(|r| r.key).collect()), key);
    let numbered = move |text: Label, n: String| fill(text(texts_of(i18n)), &n, "");
    view! {
        <section aria-labelledby="matrix-angaben" class="matrix-form">
            <h3 id="matrix-angaben" tabindex="-1">
                {move || match &heading {
                    Some(h) => fill(texts_of(i18n).form_edit, h, ""),
                    None => texts_of(i18n).form_new.to_owned(),
                }}
            </h3>
            <form class="form" on:submit=save>
                {text_field("matrix-titel", |t| t.title, title, true)}
                <div class="field">
                    <label for="matrix-beschreibung">{rt(|t| t.description)}</label>
                    <textarea id="matrix-beschreibung" rows="3" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </div>
                <fieldset>
                    <legend>{rt(|t| t.scale)}</legend>
                    {number_field("matrix-skala-von", |t| t.scale_min, min, "0")}
                    {number_field("matrix-skala-bis", |t| t.scale_max, max, "0")}
                    <div class="field">
                        <label for="matrix-skala-texte">{rt(|t| t.scale_labels)}</label>
                        <textarea id="matrix-skala-texte" rows="5" prop:value=move || labels.get()
                            on:input=move |ev| labels.set(event_target_value(&ev))></textarea>
                    </div>
                </fieldset>
                <fieldset class="matrix-options">
                    <legend>{rt(|t| t.options)}</legend>
                    <For each=move || options.get() key=|r| r.key let:r>
                        <fieldset class="matrix-entry">
                            <legend>{move || numbered(|t| t.option_n, option_n(r.key))}</legend>
                            {text_field_keyed(format!("option-{}-titel", r.key), |t| t.title, r.title, true)}
                            {source_hint(r.source)}
                            {area_field(format!("option-{}-vorteile", r.key), |t| t.option_pros, r.pros)}
                            {area_field(format!("option-{}-nachteile", r.key), |t| t.option_cons, r.cons)}
                            <button type="button" class="button button-secondary"
                                on:click=move |_| options.update(|o| o.retain(|x| x.key != r.key))>
                                {move || numbered(|t| t.option_remove, option_n(r.key))}
                            </button>
                        </fieldset>
                    </For>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| options.update(|o| o.push(keys.option(None)))>{rt(|t| t.option_add)}</button>
                    <SourcePicker process taken add=add_source/>
                </fieldset>
                <fieldset class="matrix-criteria">
                    <legend>{rt(|t| t.criteria)}</legend>
                    <For each=move || criteria.get() key=|r| r.key let:r>
                        <fieldset class="matrix-entry">
                            <legend>{move || numbered(|t| t.criterion_n, criterion_n(r.key))}</legend>
                            {text_field_keyed(format!("kriterium-{}-titel", r.key), |t| t.title, r.title, true)}
                            {number_field_keyed(format!("kriterium-{}-gewicht", r.key), |t| t.criterion_weight, r.weight, "1")}
                            <button type="button" class="button button-secondary"
                                on:click=move |_| criteria.update(|c| c.retain(|x| x.key != r.key))>
                                {move || numbered(|t| t.criterion_remove, criterion_n(r.key))}
                            </button>
                        </fieldset>
                    </For>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| criteria.update(|c| c.push(keys.criterion(None)))>{rt(|t| t.criterion_add)}</button>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button">
                        {move || if id.is_some() { texts_of(i18n).save } else { texts_of(i18n).create }}
                    </button>
                    {id.is_none().then(|| view! {
                        <button type="button" class="button button-secondary"
                            on:click=move |_| page.choose(Open::Nothing)>{rt(|t| t.close)}</button>
                    })}
                </div>
                <p role="status" class="form-status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

/// What an option taken from the process stands for.
fn source_hint(source: OptionSource) -> Option<impl IntoView> {
    let text: Label = match source {
        OptionSource::Text => return None,
        OptionSource::Idea(_) => |t| t.source_idea,
        OptionSource::Project(_) => |t| t.source_project,
    };
    Some(view! { <p class="hint">{rt(text)}</p> })
}

fn text_field(
    id: &'static str,
    label: Label,
    value: RwSignal<String>,
    required: bool,
) -> impl IntoView {
    text_field_keyed(id.to_owned(), label, value, required)
}

fn text_field_keyed(
    id: String,
    label: Label,
    value: RwSignal<String>,
    required: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{rt(label)}</label>
            <input id=id type="text" required=required
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

fn number_field(
    id: &'static str,
    label: Label,
    value: RwSignal<String>,
    min: &'static str,
) -> impl IntoView {
    number_field_keyed(id.to_owned(), label, value, min)
}

fn number_field_keyed(
    id: String,
    label: Label,
    value: RwSignal<String>,
    min: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{rt(label)}</label>
            <input id=id type="number" min=min max="10" step="1" required inputmode="numeric"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

fn area_field(id: String, label: Label, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>{rt(label)}</label>
            <textarea id=id rows="2" prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </div>
    }
}

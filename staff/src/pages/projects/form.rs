//! A project's own fields: title, description, field of action, responsible actor, funding,
//! status, start and source ideas; creating one or saving it.

use super::ideas::IdeaPicker;
use super::texts::{outcome, pt, texts_of, ProjectTexts};
use super::{Loaded, Open, Reload};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::projects::{Funding, ProjectDraft, ProjectRecord, ProjectStatus};
use werkstadt_domain::ThemeId;
use werkstadt_web::{date_input_value, parse_date_input};

/// Suggestions for the responsible actor (any other name may be typed).
const RESPONSIBLE: [&str; 2] = ["Stadtverwaltung", "Stadtwerke Bielefeld"];

/// Cents as euro for an input ("1500", "1500.5" as "1500.50").
fn euro(cents: Option<u64>) -> String {
    match cents {
        None => String::new(),
        Some(c) if c % 100 == 0 => (c / 100).to_string(),
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
    }
}

/// Euro as typed ("150000", "150.000,50", "150000.5"; an empty field: none) in cents; `Err`
/// if not an amount of euro. The last `,` or `.` followed by one or two digits (and not
/// repeated) separates the cents; other dots and commas group thousands.
fn cents(raw: &str) -> Result<Option<u64>, ()> {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let sep = s.rfind([',', '.']).filter(|&i| {
        let mark = &s[i..=i];
        (1..=2).contains(&(s.len() - i - 1)) && s.matches(mark).count() == 1
    });
    let (int, frac) = match sep {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s.as_str(), ""),
    };
    let int: String = int.chars().filter(|c| !matches!(c, '.' | ',')).collect();
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(&int) || !digits(frac) {
        return Err(());
    }
    let euros: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| ())?
    };
    let cents: u64 = format!("{frac:0<2}").parse().map_err(|_| ())?;
    euros
        .checked_mul(100)
        .and_then(|e| e.checked_add(cents))
        .map(Some)
        .ok_or(())
}

#[component]
pub fn ProjectForm(
    project: Option<ProjectRecord>,
    data: Memo<Option<Loaded>>,
    reload: Reload,
    close: Callback<Open>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let p = project.as_ref();
    let id = p.map(|p| p.id);
    let heading = p.map(|p| p.title.clone());
    let text =
        |f: fn(&ProjectRecord) -> &String| RwSignal::new(p.map(f).cloned().unwrap_or_default());
    let title = text(|p| &p.title);
    let description = text(|p| &p.description);
    let responsible = text(|p| &p.responsible);
    let theme = RwSignal::new(p.map(|p| p.theme_id.to_string()).unwrap_or_default());
    let own = RwSignal::new(euro(p.and_then(|p| p.funding.own_budget_cents)));
    let programme = RwSignal::new(
        p.and_then(|p| p.funding.programme.clone())
            .unwrap_or_default(),
    );
    let programme_amount = RwSignal::new(euro(p.and_then(|p| p.funding.programme_cents)));
    let status = RwSignal::new(p.map_or(ProjectStatus::Planned, |p| p.status));
    let start = RwSignal::new(p.map(|p| date_input_value(p.starts_on)).unwrap_or_default());
    let chosen = RwSignal::new(p.map(|p| p.source_ideas.clone()).unwrap_or_default());
    let msg = Status::of("project");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let t = texts_of(i18n);
        let Ok(theme_id) = theme.get_untracked().parse::<ThemeId>() else {
            msg.set(t.theme_missing.to_owned());
            return;
        };
        let Some(starts_on) = parse_date_input(&start.get_untracked(), 0) else {
            msg.set(t.date_missing.to_owned());
            return;
        };
        let (Ok(own_budget_cents), Ok(programme_cents)) = (
            cents(&own.get_untracked()),
            cents(&programme_amount.get_untracked()),
        ) else {
            msg.set(t.amount_invalid.to_owned());
            return;
        };
        let programme = Some(programme.get_untracked()).filter(|p| !p.trim().is_empty());
        let draft = ProjectDraft {
            theme_id,
            title: title.get_untracked(),
            description: description.get_untracked(),
            responsible: responsible.get_untracked(),
            funding: Funding {
                own_budget_cents,
                programme,
                programme_cents,
            },
            status: status.get_untracked(),
            starts_on,
            source_ideas: chosen.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = match id {
                None => crate::api::create_project(&draft, &csrf).await,
                Some(id) => crate::api::edit_project(id, &draft, &csrf).await,
            };
            let done = if id.is_some() { t.saved } else { t.created };
            msg.set(outcome(i18n, &r, done));
            if let Ok(p) = r {
                reload.run(Open::Project(p.id));
            }
        });
    };
    let field = move |fid: &'static str,
                      label: fn(&'static ProjectTexts) -> &'static str,
                      value: RwSignal<String>,
                      kind: &'static str,
                      required: bool| {
        // Amounts are text: a number field reads as empty while "150000," is being typed.
        let input_type = if kind == "decimal" { "text" } else { kind };
        view! {
            <div class="field">
                <label for=fid>{pt(label)}</label>
                <input id=fid type=input_type required=required
                    inputmode=(kind == "decimal").then_some("decimal")
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let themes = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.themes
                        .iter()
                        .filter(|t| !t.retired || t.id.to_string() == theme.get_untracked())
                        .map(|t| (t.id.to_string(), t.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="projekt-angaben" class="project-form">
            <h2 id="projekt-angaben" tabindex="-1">
                {move || match &heading {
                    Some(h) => fill(texts_of(i18n).form_edit, h, ""),
                    None => texts_of(i18n).form_new.to_owned(),
                }}
            </h2>
            <form class="form" on:submit=save>
                {field("projekt-titel", |t| t.title, title, "text", true)}
                <div class="field">
                    <label for="projekt-beschreibung">{pt(|t| t.description)}</label>
                    <textarea id="projekt-beschreibung" rows="4" prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </div>
                <div class="field">
                    <label for="projekt-feld">{pt(|t| t.theme)}</label>
                    <select id="projekt-feld" required on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="" selected=move || theme.get().is_empty()>{pt(|t| t.theme_choose)}</option>
                        {move || themes().into_iter().map(|(tid, name)| {
                            let value = tid.clone();
                            view! { <option value=tid selected=move || theme.get() == value>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="projekt-verantwortlich">{pt(|t| t.responsible)}</label>
                    <input id="projekt-verantwortlich" type="text" required list="projekt-verantwortliche"
                        prop:value=move || responsible.get() on:input=move |ev| responsible.set(event_target_value(&ev))/>
                    <datalist id="projekt-verantwortliche">
                        {RESPONSIBLE.map(|r| view! { <option value=r></option> }).collect_view()}
                    </datalist>
                </div>
                <fieldset>
                    <legend>{pt(|t| t.funding)}</legend>
                    {field("projekt-eigenmittel", |t| t.own_budget, own, "decimal", false)}
                    {field("projekt-programm", |t| t.programme, programme, "text", false)}
                    {field("projekt-foerdersumme", |t| t.programme_amount, programme_amount, "decimal", false)}
                </fieldset>
                <div class="field">
                    <label for="projekt-stand">{pt(|t| t.status)}</label>
                    <select id="projekt-stand" on:change=move |ev| {
                        if let Some(s) = ProjectStatus::parse(&event_target_value(&ev)) {
                            status.set(s);
                        }
                    }>
                        {ProjectStatus::ALL.map(|s| view! {
                            <option value=s.as_str() selected=move || status.get() == s>
                                {move || texts_of(i18n).status(s)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                {field("projekt-beginn", |t| t.starts_on, start, "date", true)}
                <IdeaPicker data chosen project=id/>
                <div class="actions">
                    <button type="submit" class="button">
                        {move || if id.is_some() { texts_of(i18n).save } else { texts_of(i18n).create }}
                    </button>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| close.run(Open::Nothing)>{pt(|t| t.close)}</button>
                </div>
                <p role="status" class="form-status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

//! Kiosks (moderators and admins): set up a shared touch screen for a workshop — its pairing
//! code, typed on the device within 10 minutes, is shown here once — and see every kiosk with
//! its state and last sign of life; revoke one (a lost or stolen device) at once.

use super::when;
use crate::i18n::{fill, texts, tr, use_i18n, I18n, Lang};
use leptos::prelude::*;
use werkstadt_domain::kiosk::{KioskPairing, KioskRecord, NewKiosk, RESET_DEFAULT_SECS};
use werkstadt_domain::workshop::Workshop;

texts! { KioskTexts, DE, EN;
    heading: "Kiosks", "Kiosks";
    intro: "Ein Kiosk ist ein Tablet oder Touch-Bildschirm bei einer Veranstaltung: jede Person, die dort mitmacht, zählt als eigene Teilnehmende. Richten Sie einen Kiosk hier ein und geben Sie den Kopplungscode auf dem Gerät unter /kiosk ein (10 Minuten gültig). Das Gerät bekommt nur einen Kiosk-Zugang, nie eine Anmeldung des Teams.", "A kiosk is a tablet or touch screen at an event: everyone who takes part there counts as a participant of their own. Set up a kiosk here and type the pairing code on the device at /kiosk (valid for 10 minutes). The device only gets a kiosk credential, never a staff session.";
    new_kiosk: "Neuer Kiosk", "New kiosk";
    label: "Bezeichnung (z. B. WissensWerkStadt Eingang)", "Label (e.g. WissensWerkStadt entrance)";
    reset: "Neustart nach so vielen Sekunden ohne Berührung (20–1800)", "Start over after this many seconds without a touch (20–1800)";
    workshop: "Veranstaltung (ihre Teilnehmenden zählen für sie; der Neustart folgt ihrer Einstellung)", "Workshop (its participants count for it; the restart follows its setting)";
    no_workshop: "keine Veranstaltung", "no workshop";
    create: "Kopplungscode erzeugen", "Create pairing code";
    code_is: "Kopplungscode für „{n}“:", "Pairing code for “{n}”:";
    code_until: "Gültig bis {n}. Auf dem Gerät /kiosk öffnen, Code und eine PIN zum Beenden eingeben.", "Valid until {n}. Open /kiosk on the device, type the code and a PIN to end the kiosk.";
    list_heading: "Alle Kiosks", "All kiosks";
    none: "Noch keine Kiosks.", "No kiosks yet.";
    state_waiting: "wartet auf Kopplung bis {n}", "waiting to be paired until {n}";
    state_expired: "Code abgelaufen, nie gekoppelt", "code expired, never paired";
    state_paired: "gekoppelt", "paired";
    state_revoked: "widerrufen am {n}", "revoked on {n}";
    last_seen: "zuletzt erreichbar: {n}", "last seen: {n}";
    never_seen: "noch nie erreichbar", "never seen";
    visitors: "{n} Teilnehmende", "{n} participants";
    set_up_by: "eingerichtet von {n}", "set up by {n}";
    revoke: "Widerrufen: {n}", "Revoke: {n}";
    revoked_done: "„{n}“ ist widerrufen.", "“{n}” is revoked.";
}

fn kt(i18n: I18n) -> &'static KioskTexts {
    match i18n.lang() {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

#[component]
pub fn KiosksPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::desk::use_desk();
    let kiosks = RwSignal::new(None::<Vec<KioskRecord>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::api::get::<Vec<KioskRecord>>("/api/moderation/kiosks").await {
                kiosks.set(Some(list));
            }
        })
    };
    Effect::new(move |_| {
        desk.refresh.track();
        reload();
    });
    let label = RwSignal::new(String::new());
    let reset = RwSignal::new(RESET_DEFAULT_SECS.to_string());
    // The current process's workshops, to set a kiosk up for one of them.
    let workshops = RwSignal::new(Vec::<Workshop>::new());
    leptos::task::spawn_local(async move {
        if let Ok(Some((_, list))) = super::workshops::load().await {
            workshops.set(list);
        }
    });
    let workshop = RwSignal::new(String::new());
    let choose = move |id: String| {
        // A workshop's own reset time is the kiosk's default.
        if let Some(secs) = workshops.with_untracked(|l| {
            l.iter()
                .find(|w| w.id.to_string() == id)
                .map(|w| w.reset_secs)
        }) {
            reset.set(secs.to_string());
        }
        workshop.set(id);
    };
    let pairing = RwSignal::new(None::<(String, KioskPairing)>);
    let msg = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = NewKiosk {
            label: label.get_untracked(),
            reset_seconds: reset.get_untracked().trim().parse().ok(),
            workshop_id: Some(workshop.get_untracked()).filter(|w| !w.is_empty()),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::write("POST", "/api/moderation/kiosks", &req, &csrf).await;
            match r.map(|text| werkstadt_web::http::parse::<KioskPairing>(&text)) {
                Ok(Some(p)) => {
                    msg.set(String::new());
                    pairing.set(Some((req.label, p)));
                    label.set(String::new());
                    workshop.set(String::new());
                    reload();
                }
                Ok(None) => msg.set(i18n.t().client_error(&werkstadt_web::http::unexpected())),
                Err(e) => msg.set(i18n.t().client_error(&e)),
            }
        });
    };
    view! {
        <h1 tabindex="-1">{move || kt(i18n).heading}</h1>
        <p>{move || kt(i18n).intro}</p>
        <form class="form" on:submit=submit>
            <h2>{move || kt(i18n).new_kiosk}</h2>
            <div class="field">
                <label for="kiosk-label">{move || kt(i18n).label}</label>
                <input id="kiosk-label" type="text" required maxlength="60" autocomplete="off"
                    prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="kiosk-workshop">{move || kt(i18n).workshop}</label>
                <select id="kiosk-workshop" prop:value=move || workshop.get()
                    on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="">{move || kt(i18n).no_workshop}</option>
                    {move || workshops.get().into_iter().map(|w| {
                        let id = w.id.to_string();
                        view! { <option value=id>{w.title}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="kiosk-reset">{move || kt(i18n).reset}</label>
                <input id="kiosk-reset" type="number" min="20" max="1800" required
                    prop:value=move || reset.get() on:input=move |ev| reset.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button">{move || kt(i18n).create}</button>
            <p role="status">{move || msg.get()}</p>
        </form>
        {move || pairing.get().map(|(name, p)| view! {
            <div class="notice notice-ok" role="status">
                <p>{move || fill(kt(i18n).code_is, &name, "")}</p>
                <p class="pairing-code"><strong>{p.code.clone()}</strong></p>
                <p>{move || fill(kt(i18n).code_until, &when(p.expires_at, i18n.lang().code()), "")}</p>
            </div>
        })}
        <h2>{move || kt(i18n).list_heading}</h2>
        {move || match kiosks.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p>{move || kt(i18n).none}</p> }.into_any(),
            Some(list) => view! {
                <ul class="accounts kiosks">
                    {list.into_iter().map(|k| view! { <KioskRow kiosk=k reload msg/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn KioskRow(
    kiosk: KioskRecord,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    msg: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::desk::use_desk();
    let k = StoredValue::new(kiosk);
    let lang = move || i18n.lang().code();
    let state = move || {
        let k = k.get_value();
        let t = kt(i18n);
        match (k.revoked_at, k.paired_at, k.pairing_expires_at) {
            (Some(at), _, _) => fill(t.state_revoked, &when(at, lang()), ""),
            (None, Some(_), _) => t.state_paired.to_owned(),
            (None, None, Some(until)) if until > werkstadt_web::now_ms() as i64 => {
                fill(t.state_waiting, &when(until, lang()), "")
            }
            _ => t.state_expired.to_owned(),
        }
    };
    let seen = move || match k.get_value().last_seen {
        Some(at) => fill(kt(i18n).last_seen, &when(at, lang()), ""),
        None => kt(i18n).never_seen.to_owned(),
    };
    let revoke = move |_| {
        let Some(csrf) = desk.csrf() else { return };
        let (id, name) = k.with_value(|k| (k.id.clone(), k.label.clone()));
        leptos::task::spawn_local(async move {
            let path = format!("/api/moderation/kiosks/{id}/revoke");
            match crate::api::write("POST", &path, &(), &csrf).await {
                Ok(_) => msg.set(fill(kt(i18n).revoked_done, &name, "")),
                Err(e) => msg.set(i18n.t().client_error(&e)),
            }
            reload();
        });
    };
    view! {
        <li class="kiosk-row">
            <strong>{k.with_value(|k| k.label.clone())}</strong>
            " · " {state} " · " {seen} " · "
            {move || fill(kt(i18n).visitors, &k.with_value(|k| k.visitors).to_string(), "")}
            " · " {move || fill(kt(i18n).set_up_by, &k.with_value(|k| k.created_by.clone()), "")}
            {k.with_value(|k| k.revoked_at.is_none()).then(|| view! {
                " "
                <button type="button" class="button button-secondary" on:click=revoke>
                    {move || fill(kt(i18n).revoke, &k.with_value(|k| k.label.clone()), "")}
                </button>
            })}
        </li>
    }
}

//! A workshop's kiosks (moderators and admins), on its panel in *Veranstaltungen*; kiosks
//! without a workshop on a panel of their own there. Set up a shared touch screen — its
//! pairing code, typed on the device within 10 minutes, is shown here once —, see each kiosk
//! with its state and last sign of life, and revoke one (a lost or stolen device) at once.
//! Without a reset time of its own a workshop's kiosk follows the workshop's.

use super::super::when;
use crate::i18n::{fill, texts, tr, use_i18n, I18n, Lang};
use leptos::prelude::*;
use werkstadt_domain::kiosk::{KioskPairing, KioskRecord, NewKiosk, RESET_DEFAULT_SECS};
use werkstadt_domain::workshop::Workshop;

texts! { KioskTexts, DE, EN;
    heading: "Kiosks: {n}", "Kiosks: {n}";
    heading_none: "Kiosks ohne Veranstaltung", "Kiosks without a workshop";
    intro: "Ein Kiosk ist ein Tablet oder Touch-Bildschirm bei einer Veranstaltung: jede Person, die dort mitmacht, zählt als eigene Teilnehmende. Richten Sie einen Kiosk hier ein und geben Sie den Kopplungscode auf dem Gerät unter /kiosk ein (10 Minuten gültig). Das Gerät bekommt nur einen Kiosk-Zugang, nie eine Anmeldung des Teams.", "A kiosk is a tablet or touch screen at an event: everyone who takes part there counts as a participant of their own. Set up a kiosk here and type the pairing code on the device at /kiosk (valid for 10 minutes). The device only gets a kiosk credential, never a staff session.";
    new_kiosk: "Neuer Kiosk", "New kiosk";
    label: "Bezeichnung (z. B. WissensWerkStadt Eingang)", "Label (e.g. WissensWerkStadt entrance)";
    reset: "Neustart nach so vielen Sekunden ohne Berührung (20–1800)", "Start over after this many seconds without a touch (20–1800)";
    reset_follows: "Leer lassen: wie die Veranstaltung (jetzt {n} s), auch wenn sie es später ändert.", "Leave empty: as the workshop (now {n} s), also when it changes later.";
    reset_default: "Leer lassen: {n} s.", "Leave empty: {n} s.";
    create: "Kopplungscode erzeugen", "Create pairing code";
    code_is: "Kopplungscode für „{n}“:", "Pairing code for “{n}”:";
    code_until: "Gültig bis {n}. Auf dem Gerät /kiosk öffnen, Code und eine PIN zum Beenden eingeben.", "Valid until {n}. Open /kiosk on the device, type the code and a PIN to end the kiosk.";
    list_heading: "Kiosks dieser Veranstaltung", "This workshop's kiosks";
    list_heading_none: "Alle Kiosks ohne Veranstaltung", "All kiosks without a workshop";
    none: "Noch keine Kiosks.", "No kiosks yet.";
    state_waiting: "wartet auf Kopplung bis {n}", "waiting to be paired until {n}";
    state_expired: "Code abgelaufen, nie gekoppelt", "code expired, never paired";
    state_paired: "gekoppelt", "paired";
    state_revoked: "widerrufen am {n}", "revoked on {n}";
    last_seen: "zuletzt erreichbar: {n}", "last seen: {n}";
    never_seen: "noch nie erreichbar", "never seen";
    visitors: "{n} Teilnehmende", "{n} participants";
    reset_now: "Neustart nach {n} s", "restarts after {n} s";
    reset_now_follows: "Neustart nach {n} s (wie die Veranstaltung)", "restarts after {n} s (as the workshop)";
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

/// The kiosks of `workshop` (`None`: those without one, or whose workshop is gone), and
/// setting one up for it. `workshops`: the ids of the process's workshops.
#[component]
pub fn KiosksPanel(workshop: Option<Workshop>, workshops: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::desk::use_desk();
    let own = workshop.as_ref().map(|w| w.id.to_string());
    let mine = {
        let own = own.clone();
        move |k: &KioskRecord| match (&own, &k.workshop_id) {
            (Some(w), Some(k)) => w == k,
            (Some(_), None) => false,
            (None, k) => k.as_ref().is_none_or(|k| !workshops.contains(k)),
        }
    };
    let kiosks = RwSignal::new(None::<Vec<KioskRecord>>);
    let reload = move || {
        let mine = mine.clone();
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::api::get::<Vec<KioskRecord>>("/api/moderation/kiosks").await {
                kiosks.set(Some(list.into_iter().filter(|k| mine(k)).collect()));
            }
        })
    };
    let reload = StoredValue::new(reload);
    let refresh = move || reload.with_value(|r| r());
    Effect::new(move |_| {
        desk.refresh.track();
        refresh();
    });
    let label = RwSignal::new(String::new());
    // Empty: the workshop's reset time (followed later too), or the default.
    let reset = RwSignal::new(String::new());
    let for_workshop = workshop.is_some();
    let default_secs = workshop
        .as_ref()
        .map_or(RESET_DEFAULT_SECS, |w| u32::from(w.reset_secs))
        .to_string();
    let title = workshop.as_ref().map(|w| w.title.clone());
    let pairing = RwSignal::new(None::<(String, KioskPairing)>);
    let msg = RwSignal::new(String::new());
    let own_id = StoredValue::new(own);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = NewKiosk {
            label: label.get_untracked(),
            reset_seconds: reset.get_untracked().trim().parse().ok(),
            workshop_id: own_id.get_value(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::write("POST", "/api/moderation/kiosks", &req, &csrf).await;
            match r.map(|text| werkstadt_web::http::parse::<KioskPairing>(&text)) {
                Ok(Some(p)) => {
                    msg.set(String::new());
                    pairing.set(Some((req.label, p)));
                    label.set(String::new());
                    reset.set(String::new());
                    refresh();
                }
                Ok(None) => msg.set(crate::pages::texts::client_error(
                    i18n,
                    &werkstadt_web::http::unexpected(),
                )),
                Err(e) => msg.set(crate::pages::texts::client_error(i18n, &e)),
            }
        });
    };
    let heading = move || match &title {
        Some(t) => fill(kt(i18n).heading, t, ""),
        None => kt(i18n).heading_none.to_owned(),
    };
    let hint = move || {
        let t = kt(i18n);
        let text = if for_workshop {
            t.reset_follows
        } else {
            t.reset_default
        };
        fill(text, &default_secs, "")
    };
    view! {
        <section class="kiosks-panel" aria-labelledby="kiosks-titel">
        <h2 id="kiosks-titel">{heading}</h2>
        <p>{move || kt(i18n).intro}</p>
        <form class="form" on:submit=submit>
            <h3>{move || kt(i18n).new_kiosk}</h3>
            <div class="field">
                <label for="kiosk-label">{move || kt(i18n).label}</label>
                <input id="kiosk-label" type="text" required maxlength="60" autocomplete="off"
                    prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="kiosk-reset">{move || kt(i18n).reset}</label>
                <input id="kiosk-reset" type="number" min="20" max="1800" aria-describedby="kiosk-reset-hinweis"
                    prop:value=move || reset.get() on:input=move |ev| reset.set(event_target_value(&ev))/>
                <p id="kiosk-reset-hinweis" class="hint">{hint}</p>
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
        <h3>{move || if for_workshop { kt(i18n).list_heading } else { kt(i18n).list_heading_none }}</h3>
        {move || match kiosks.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p>{move || kt(i18n).none}</p> }.into_any(),
            Some(list) => view! {
                <ul class="accounts kiosks">
                    {list.into_iter().map(|k| view! { <KioskRow kiosk=k reload=refresh msg/> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        </section>
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
                Err(e) => msg.set(crate::pages::texts::client_error(i18n, &e)),
            }
            reload();
        });
    };
    view! {
        <li class="kiosk-row">
            <strong>{k.with_value(|k| k.label.clone())}</strong>
            " · " {state} " · " {seen} " · "
            {move || fill(kt(i18n).visitors, &k.with_value(|k| k.visitors).to_string(), "")}
            " · " {move || {
                let (secs, follows) = k.with_value(|k| (k.reset_seconds, k.reset_follows_workshop));
                let t = kt(i18n);
                fill(if follows { t.reset_now_follows } else { t.reset_now }, &secs.to_string(), "")
            }}
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

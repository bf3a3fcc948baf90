//! What the process's timeline allows now: the same rule the server enforces
//! (`domain::setup::gate`, and while a workshop this phone joined runs, the workshop's
//! modules: `Workshop::opens_at`), read from the replica and the device, so a closed step says
//! so (with its date) before anyone writes in vain — offline too.

use crate::i18n::{fill, use_i18n, Texts};
use crate::platform;
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::setup::{Gate, Module};
use werkstadt_domain::workshop::Workshop;

/// The joined workshop as the server sent it (its modules and times), kept by the join page.
pub const WORKSHOP_KEY: &str = "werkstadt.workshop.joined";

/// The workshop this phone joined (and has not left), if any: while it runs, its modules
/// decide what the phone may do, as on the server (`Workshop::opens_at`).
pub fn joined_workshop() -> Option<Workshop> {
    let code = platform::workshop::joined()?.code;
    platform::http::parse::<Workshop>(&platform::storage_get(WORKSHOP_KEY)?)
        .filter(|w| w.code == code)
}

/// The gate of `module` now, from the replica (`None` until the process is known), or from
/// the joined workshop while it runs. Computed when the replica changes; the clock does not
/// redraw a page.
pub fn use_gate(module: Module) -> Memo<Option<Gate>> {
    let workshop = joined_workshop();
    use_sync().pick(move |r, _| {
        let now = platform::now_ms() as i64;
        let process = r.process.as_ref()?;
        let at_workshop = workshop
            .as_ref()
            .and_then(|w| Some((w.opens_at(module, now)?, w.ends_at)));
        Some(match at_workshop {
            Some((true, until)) => Gate::Open { until },
            Some((false, _)) => Gate::Closed {
                since: None,
                opens: None,
            },
            None => process.gate(module, now),
        })
    })
}

/// "die Ideensammlung" etc.: the module as the subject of a sentence.
pub fn module_subject(t: &Texts, m: Module) -> &'static str {
    match m {
        Module::Ideas => t.gate_ideas,
        Module::Supports => t.gate_supports,
        Module::Dots => t.gate_dots,
        Module::Comments => t.gate_comments,
    }
}

/// "Ideen einreichen" etc.: the module as an activity.
pub fn module_activity(t: &Texts, m: Module) -> &'static str {
    match m {
        Module::Ideas => t.module_ideas,
        Module::Supports => t.module_supports,
        Module::Dots => t.module_dots,
        Module::Comments => t.module_comments,
    }
}

/// A phase's or process's end is exclusive (midnight after its last day): the last day shown.
pub fn last_day(ends_at: i64, lang: &str) -> String {
    platform::format_date(ends_at - 1, lang)
}

/// Why `module` is closed, with the date: "Die Ideensammlung ist seit 30.6.2027 beendet."
pub fn closed_text(t: &Texts, lang: &str, m: Module, gate: Gate) -> Option<String> {
    let subject = module_subject(t, m);
    match gate {
        Gate::Open { .. } => None,
        Gate::Closed { opens: Some(o), .. } => Some(fill(
            t.gate_opens,
            &[("m", subject), ("d", &platform::format_date(o, lang))],
        )),
        Gate::Closed {
            since: Some(s),
            opens: None,
        } => Some(fill(
            t.gate_closed_since,
            &[("m", subject), ("d", &last_day(s, lang))],
        )),
        Gate::Closed {
            since: None,
            opens: None,
        } => Some(fill(t.gate_not_planned, &[("m", subject)])),
    }
}

/// A notice while `module` is closed (nothing while it is open or unknown).
#[component]
pub fn ClosedNotice(module: Module) -> impl IntoView {
    let i18n = use_i18n();
    let gate = use_gate(module);
    move || {
        gate.get().and_then(|g| {
            closed_text(i18n.t(), i18n.lang().code(), module, g)
                .map(|text| view! { <p class="notice notice-info" role="status">{text}</p> })
        })
    }
}

/// Whether `module` is closed now (for `disabled` attributes).
pub fn closed(gate: Memo<Option<Gate>>) -> impl Fn() -> bool + Copy {
    move || gate.with(|g| g.is_some_and(|g| !g.is_open()))
}

/// The module a participant's mutation belongs to (staff decisions and edits have none).
pub fn module_of(kind: &werkstadt_domain::sync::MutationKind) -> Option<Module> {
    use werkstadt_domain::sync::MutationKind::*;
    match kind {
        CreateIdea { .. } => Some(Module::Ideas),
        SetSupport { .. } => Some(Module::Supports),
        SetDots { .. } => Some(Module::Dots),
        AddComment { .. } => Some(Module::Comments),
        _ => None,
    }
}

/// Why a mutation was refused with `phase_closed`, with the date from the process's phases:
/// "Die Ideensammlung ist seit 30.6.2027 beendet."
pub fn phase_rejection(
    t: &Texts,
    lang: &str,
    kind: &werkstadt_domain::sync::MutationKind,
) -> Option<String> {
    let module = module_of(kind)?;
    let gate = use_sync()
        .read(|r, _| {
            r.process
                .as_ref()
                .map(|p| p.gate(module, platform::now_ms() as i64))
        })
        .flatten()?;
    closed_text(t, lang, module, gate)
}

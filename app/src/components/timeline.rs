//! The process's phases as a timeline: an ordered list on a phone, bars over the process's
//! duration on wide screens (GANTT-like, CSS only). The current phase is marked in words and
//! with `aria-current="step"`; below, what is open now and until when. All from the replica:
//! offline too.

use super::gates::{last_day, module_activity};
use crate::i18n::pages::pt;
use crate::i18n::{fill, use_i18n, Texts};
use crate::platform;
use crate::sync::use_sync;
use leptos::prelude::*;
use werkstadt_domain::setup::{current_phase, Gate, Module, Modules, Phase};

/// What the timeline shows: the process's dates and phases.
#[derive(Clone, PartialEq)]
struct Plan {
    starts_at: i64,
    ends_at: i64,
    phases: Vec<Phase>,
    /// The gates now, in `Module::ALL` order.
    gates: [Gate; 4],
}

fn opened(t: &Texts, open: Modules) -> String {
    Module::ALL
        .iter()
        .filter(|m| open.opens(**m))
        .map(|m| module_activity(t, *m))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn Timeline() -> impl IntoView {
    let i18n = use_i18n();
    let plan = use_sync().pick(|r, _| {
        r.process.as_ref().map(|p| {
            let now = platform::now_ms() as i64;
            Plan {
                starts_at: p.starts_at,
                ends_at: p.ends_at,
                phases: p.phases.clone(),
                gates: Module::ALL.map(|m| p.gate(m, now)),
            }
        })
    });
    move || {
        plan.get().filter(|p| !p.phases.is_empty()).map(|plan| {
            let now = platform::now_ms() as i64;
            let current = current_phase(&plan.phases, now);
            // Per ten thousand of the process's duration, in integers (float formatting would
            // add its code to the first route).
            let span = (plan.ends_at - plan.starts_at).max(1);
            let part = |ms: i64| ((ms - plan.starts_at).clamp(0, span) * 10_000 / span) as u32;
            let phases = plan.phases.iter().enumerate().map(|(i, p)| {
                let is_current = current == Some(i);
                let class = if is_current {
                    "phase current"
                } else if p.ends_at <= now {
                    "phase past"
                } else {
                    "phase"
                };
                let (from, width) = (part(p.starts_at), (part(p.ends_at) - part(p.starts_at)).max(100));
                let style = format!("--from:{}%;--width:{}%", percent(from), percent(width));
                let p = p.clone();
                view! {
                    <li class=class style=style aria-current=is_current.then_some("step")>
                        <span class="bar" aria-hidden="true"></span>
                        <strong class="phase-title">{p.title.clone()}</strong>
                        {is_current.then(|| view! { " " <span class="phase-now">{move || pt(i18n).phase_current}</span> })}
                        <span class="phase-dates">
                            {move || {
                                let lang = i18n.lang().code();
                                format!(" {} – {}", platform::format_date(p.starts_at, lang), last_day(p.ends_at, lang))
                            }}
                        </span>
                        {(!p.text.is_empty()).then(|| view! { <span class="phase-text">{p.text.clone()}</span> })}
                        <span class="phase-open">
                            {move || {
                                let t = i18n.t();
                                let open = opened(t, p.open);
                                if open.is_empty() {
                                    t.phase_nothing_open.to_owned()
                                } else {
                                    fill(t.phase_open, &[("m", &open)])
                                }
                            }}
                        </span>
                    </li>
                }
            }).collect_view();
            let gates = plan.gates;
            view! {
                <section class="timeline-section" aria-labelledby="zeitplan">
                    <h2 id="zeitplan">{move || pt(i18n).timeline_heading}</h2>
                    <ol class="timeline">{phases}</ol>
                    <p class="open-now">{move || open_now(i18n.t(), i18n.lang().code(), gates)}</p>
                </section>
            }
        })
    }
}

/// "Jetzt möglich: Ideen einreichen, Kommentieren (bis 30.6.2027)", per end date.
fn open_now(t: &Texts, lang: &str, gates: [Gate; 4]) -> String {
    let mut by_end: Vec<(i64, Vec<&str>)> = Vec::new();
    for (m, g) in Module::ALL.iter().zip(gates) {
        if let Gate::Open { until } = g {
            match by_end.iter_mut().find(|(u, _)| *u == until) {
                Some((_, names)) => names.push(module_activity(t, *m)),
                None => by_end.push((until, vec![module_activity(t, *m)])),
            }
        }
    }
    if by_end.is_empty() {
        return t.open_none.to_owned();
    }
    by_end
        .iter()
        .map(|(until, names)| {
            fill(
                t.open_now,
                &[("m", &names.join(", ")), ("d", &last_day(*until, lang))],
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "12.34" for 1234 per ten thousand.
fn percent(per_ten_thousand: u32) -> String {
    format!("{}.{:02}", per_ten_thousand / 100, per_ten_thousand % 100)
}

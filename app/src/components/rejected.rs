//! The notice of changes the server refused, each with its reason in the participant's
//! language (for a closed phase with its date) and the text they wrote, kept to copy. Loaded
//! lazily (`lazy::rejected`): it shows only after a refusal.

use crate::i18n::pages::pt;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn RejectedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let sync = crate::sync::use_sync();
    view! {
            <section class="rejected notice notice-error" aria-labelledby="abgelehnt">
                <h2 id="abgelehnt">{move || pt(i18n).rejected_heading}</h2>
                <ul>
                    {move || sync.rejected.get().into_iter().map(|r| {
                        let id = r.mutation.id;
                        let text = rejected_text(&r.mutation.kind);
                        let t = i18n.t();
                        // Closed by the phases (with the date), or by the workshop the
                        // participant took part in (its modules decide while it runs).
                        let reason = match r.code {
                            werkstadt_domain::ErrorCode::PhaseClosed => crate::components::gates::phase_rejection(t, i18n.lang().code(), &r.mutation.kind),
                            werkstadt_domain::ErrorCode::WorkshopClosed => workshop_rejection(i18n, &r.mutation.kind),
                            _ => None,
                        }
                            .or_else(|| crate::i18n::errors::et(i18n).error(r.code).map(str::to_owned))
                            .or_else(|| (r.code == werkstadt_domain::ErrorCode::UnknownTarget)
                                .then(|| pt(i18n).rejected_follow.to_owned()))
                            .unwrap_or(r.message.clone());
                        let label_id = format!("abgelehnt-{id}");
                        view! {
                            <li>
                                <p>{reason}</p>
                                {text.map(|t| view! {
                                    <label for=label_id.clone()>{move || pt(i18n).rejected_copy}</label>
                                    <textarea id=label_id.clone() readonly rows="3">{t}</textarea>
                                })}
                                <button type="button" on:click=move |_| sync.dismiss_rejected(id)>{move || pt(i18n).rejected_dismiss}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
    }
}

/// "Die Punktevergabe war bei der Veranstaltung … nicht geöffnet": a change refused
/// (`workshop_closed`) because the workshop the participant took part in did not open it.
fn workshop_rejection(
    i18n: crate::i18n::I18n,
    kind: &werkstadt_domain::sync::MutationKind,
) -> Option<String> {
    let module = crate::components::gates::module_of(kind)?;
    let subject = crate::components::gates::module_subject(i18n.t(), module);
    Some(crate::i18n::fill(
        pt(i18n).rejected_workshop,
        &[("m", subject)],
    ))
}

/// The text a participant wrote in a rejected mutation, so it is not lost.
fn rejected_text(kind: &werkstadt_domain::sync::MutationKind) -> Option<String> {
    use werkstadt_domain::sync::MutationKind::*;
    match kind {
        CreateIdea { title, body, .. } | EditIdea { title, body, .. } => {
            Some(format!("{title}\n\n{body}"))
        }
        AddComment { body, .. } => Some(body.clone()),
        // Votes carry no text; staff decisions are not made in this app.
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

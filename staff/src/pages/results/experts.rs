//! The DigitalSupporters invited to a matrix (with how far each has scored) and inviting one
//! more from the DigitalSupporter accounts (`GET /api/moderation/experts`).

use super::texts::{outcome, rt, texts_of};
use super::{calls, use_page};
use crate::desk::use_desk;
use crate::i18n::{fill, use_i18n};
use crate::pages::status::Status;
use leptos::prelude::*;
use werkstadt_domain::ids::{MatrixId, StaffId};
use werkstadt_domain::matrix::{ExpertAccount, ExpertInvite, MatrixRecord};

#[component]
pub fn Experts(id: MatrixId, record: Signal<Option<MatrixRecord>>, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let page = use_page();
    let accounts = RwSignal::new(Vec::<ExpertAccount>::new());
    let loaded = RwSignal::new(false);
    if open {
        leptos::task::spawn_local(async move {
            if let Ok(list) = calls::experts().await {
                accounts.set(list);
            }
            loaded.set(true);
        });
    }
    let chosen = RwSignal::new(String::new());
    let msg = Status::of("experts");
    let invited = move || {
        record.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.experts
                        .iter()
                        .map(|e| (e.username.clone(), e.scored_cells))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // Active accounts not invited yet.
    let choices = move || {
        let taken: Vec<StaffId> = record.with(|r| {
            r.as_ref()
                .map(|r| r.experts.iter().map(|e| e.staff_id).collect())
                .unwrap_or_default()
        });
        accounts.with(|a| {
            a.iter()
                .filter(|e| e.active && !taken.contains(&e.id))
                .map(|e| (e.id.to_string(), e.username.clone()))
                .collect::<Vec<_>>()
        })
    };
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let Ok(staff_id) = chosen.get_untracked().parse::<StaffId>() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let r = calls::invite(id, &ExpertInvite { staff_id }, &csrf).await;
            msg.set(outcome(i18n, &r, texts_of(i18n).expert_invited));
            if r.is_ok() {
                chosen.set(String::new());
                page.changed();
            }
        });
    };
    view! {
        <section aria-labelledby="matrix-experten">
            <h3 id="matrix-experten">{rt(|t| t.experts)}</h3>
            <Show when=move || !invited().is_empty() fallback=|| view! { <p>{rt(|t| t.experts_none)}</p> }>
                <ul class="matrix-experts">
                    {move || invited().into_iter().map(|(name, cells)| view! {
                        <li>{move || fill(texts_of(i18n).expert_cells, &name, &cells.to_string())}</li>
                    }).collect_view()}
                </ul>
            </Show>
            {open.then(|| view! {
                <Show when=move || !loaded.get() || !accounts.with(Vec::is_empty)
                    fallback=|| view! { <p class="notice">{rt(|t| t.expert_accounts_none)}</p> }>
                    <form class="form filters" on:submit=invite>
                        <div class="field">
                            <label for="matrix-experte">{rt(|t| t.expert_choose)}</label>
                            <select id="matrix-experte" on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="" selected=move || chosen.get().is_empty()>{rt(|t| t.expert_pick)}</option>
                                {move || choices().into_iter().map(|(sid, name)| {
                                    let value = sid.clone();
                                    view! { <option value=sid selected=move || chosen.get() == value>{name}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button">{rt(|t| t.expert_invite)}</button>
                    </form>
                </Show>
                <p role="status" class="form-status">{move || msg.get()}</p>
            })}
        </section>
    }
}

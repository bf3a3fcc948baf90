//! The audit log (admins): every staff action, newest first, and its CSV export.

use super::when;
use crate::i18n::{tr, use_i18n};
use crate::pages::texts::st;
use leptos::prelude::*;
use werkstadt_domain::staff::AuditEntry;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = crate::desk::use_desk();
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    Effect::new(move |_| {
        desk.refresh.track();
        leptos::task::spawn_local(async move {
            if let Ok(mut list) = crate::api::audit().await {
                list.sort_by_key(|e| std::cmp::Reverse(e.seq));
                entries.set(Some(list));
            }
        });
    });
    let change = |e: &AuditEntry| {
        format!(
            "{} → {}",
            e.before.as_deref().unwrap_or("–"),
            e.after.as_deref().unwrap_or("–")
        )
    };
    view! {
        <h1 tabindex="-1">{st(|t| t.audit_heading)}</h1>
        <p><a href="/api/admin/audit.csv" download="werkstadt-protokoll.csv">{st(|t| t.audit_csv)}</a></p>
        {move || match entries.get() {
            None => view! { <p role="status">{tr(|t| t.loading)}</p> }.into_any(),
            Some(list) => view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="protokoll-titel">
                    <table class="audit">
                        <caption id="protokoll-titel">{tr(|t| t.nav_audit)}</caption>
                        <thead><tr>
                            <th scope="col">{st(|t| t.col_time)}</th>
                            <th scope="col">{st(|t| t.col_actor)}</th>
                            <th scope="col">{st(|t| t.col_action)}</th>
                            <th scope="col">{st(|t| t.col_target)}</th>
                            <th scope="col">{st(|t| t.col_change)}</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|e| {
                                let at = e.at;
                                view! { <tr>
                                    <td>{move || when(at, i18n.lang().code())}</td>
                                    <td>{e.actor.clone()}</td>
                                    <td>{e.action.clone()}</td>
                                    <td>{e.target.clone()}</td>
                                    <td class="audit-change">{change(&e)}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any(),
        }}
    }
}

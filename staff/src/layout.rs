//! The frame: skip link, header with the sections, waiting counts, who is signed in; the
//! desk bar (connection, decisions waiting, decisions not applied).

use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use crate::router::Section;
use leptos::prelude::*;
use werkstadt_domain::moderation::QueueQuery;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let section = expect_context::<Memo<Section>>();
    let counts = RwSignal::new(None::<(usize, usize, usize)>);
    Effect::new(move |_| {
        desk.refresh.track();
        // DigitalSupporters do not moderate: the queue is not theirs to count.
        if !desk.can_moderate() {
            counts.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok((q, _)) = crate::api::queue(&QueueQuery::default()).await {
                counts.set(Some((
                    q.waiting as usize,
                    q.comments.len(),
                    q.reports.len(),
                )));
            }
        });
    });
    let label = move |s: Section| {
        let t = i18n.t();
        match s {
            Section::Ideas => t.nav_ideas,
            Section::Comments => t.nav_comments,
            Section::Reports => t.nav_reports,
            Section::Projects => t.nav_projects,
            Section::Workshops => t.nav_workshops,
            Section::Results => t.nav_results,
            Section::Audit => t.nav_audit,
            Section::Process => t.nav_process,
            Section::Settings => t.nav_settings,
        }
    };
    let nav = move || {
        Section::ALL
            .into_iter()
            .filter(|s| desk.role().is_some_and(|r| s.open_to(r)))
            .map(|s| {
                let current = move || (section.get() == s).then_some("page");
                view! { <li><a href=s.path() aria-current=current>{move || label(s)}</a></li> }
            })
            .collect_view()
    };
    let sign_out = move |_| leptos::task::spawn_local(desk.sign_out());
    // The skip link is left to the browser (`rel="external"`): its jump moves the focus.
    view! {
        <a class="skip-link" href="#inhalt" rel="external">{tr(|t| t.skip_link)}</a>
        <header class="site-header">
            <div class="brand">
                <span class="brand-name">"werkstadt"</span>
                <span class="brand-tagline">{tr(|t| t.brand_tagline)}</span>
            </div>
            <button type="button" class="lang-switch"
                lang=move || i18n.lang().other().code()
                aria-label=tr(|t| t.lang_switch_label)
                on:click=move |_| i18n.0.update(|l| *l = l.other())>
                {tr(|t| t.lang_switch)}
            </button>
            {move || (desk.session.with(Option::is_some)).then(|| view! {
                <nav aria-label=tr(|t| t.nav_label)>
                    <ul>{nav}</ul>
                </nav>
                <div class="staff-who">
                    <p class="staff-counts" aria-live="polite">
                        {move || counts.get().map(|(i, c, r)| {
                            let t = i18n.t();
                            format!("{} · {}",
                                fill(t.waiting_counts, &i.to_string(), &c.to_string()),
                                fill(t.open_reports, &r.to_string(), ""))
                        })}
                    </p>
                    <p>
                        {move || desk.session.get().map(|s| fill(i18n.t().signed_in_as, &s.username, i18n.t().role(s.role)))}
                        " "
                        <button type="button" class="button button-secondary" on:click=sign_out>
                            {tr(|t| t.sign_out)}
                        </button>
                    </p>
                </div>
            })}
            <p class="staff-public"><a href="/" target="_blank">{tr(|t| t.to_public)}</a></p>
        </header>
    }
}

/// Connection, waiting decisions, "send now"; the decisions that were not applied and those
/// other moderators left waiting load lazily (`pages::desk_notices`).
#[component]
pub fn DeskBar() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let waiting = move || desk.waiting_mine();
    // Memos: the lazily loaded notices are made once when there is something to show, not
    // again on every change of the outbox.
    let others = Memo::new(move |_| !desk.waiting_others().is_empty());
    let failed = Memo::new(move |_| desk.failures.with(|f| !f.is_empty()));
    view! {
        <section class="sync-bar" aria-live="polite" aria-label=tr(|t| t.nav_label)>
            <p class="sync-state" data-online=move || desk.online.get().to_string()>
                {move || if desk.online.get() { i18n.t().online } else { i18n.t().offline }}
            </p>
            <p class="sync-pending" data-pending=move || waiting().to_string()>
                {move || match waiting() {
                    0 => i18n.t().outbox_empty.to_owned(),
                    n => fill(i18n.t().outbox_waiting, &n.to_string(), ""),
                }}
            </p>
            <button type="button" class="button button-secondary" on:click=move |_| desk.flush()
                hidden=move || waiting() == 0 || desk.session.with(Option::is_none)>
                {tr(|t| t.sync_now)}
            </button>
            {move || ({ desk.expired.get() && desk.session.with(Option::is_none) && waiting() > 0 }).then(|| view! {
                <p class="notice notice-error" role="alert">{tr(|t| t.session_expired)}</p>
            })}
            {move || others.get().then(|| crate::lazy::desk_notice(|| crate::lazy::Part::OthersWaiting))}
        </section>
        {move || failed.get().then(|| crate::lazy::desk_notice(|| crate::lazy::Part::Failures))}
    }
}

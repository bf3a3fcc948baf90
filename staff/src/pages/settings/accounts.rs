//! Staff accounts: the team list for admins (create, deactivate or reactivate, reset a
//! password) and, for every staff member, changing their own password.

use super::outcome;
use crate::desk::use_desk;
use crate::i18n::{fill, tr, use_i18n};
use crate::pages::texts::{section_texts, st, SectionTexts};
use leptos::prelude::*;
use werkstadt_domain::staff::{
    NewStaff, PasswordChange, PasswordReset, Role, StaffActive, StaffMember,
};

/// The team (admins): every account with its actions, and a form for a new one.
#[component]
pub fn Team() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let members = RwSignal::new(Vec::<StaffMember>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::api::staff_list().await {
                members.set(list);
            }
        })
    };
    reload();
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Moderator);
    let msg = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = NewStaff {
            username: name.get_untracked(),
            password: password.get_untracked(),
            role: role.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::create_staff(&req, &csrf).await;
            if r.is_ok() {
                name.set(String::new());
                password.set(String::new());
                reload();
            }
            msg.set(outcome(i18n, r, section_texts(i18n).staff_created));
        });
    };
    view! {
        <section aria-labelledby="team-titel">
            <h2 id="team-titel">{st(|t| t.staff_heading)}</h2>
            <ul class="accounts">
                <For each=move || members.get() key=|m| (m.username.clone(), m.active, m.role)
                    children=move |m| view! { <AccountRow member=m reload=reload/> }/>
            </ul>
            <form class="form" on:submit=submit>
                <h3>{st(|t| t.new_staff)}</h3>
                <div class="field">
                    <label for="team-name">{tr(|t| t.username)}</label>
                    <input id="team-name" type="text" required autocomplete="off"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="team-passwort">{tr(|t| t.password)}</label>
                    <input id="team-passwort" type="password" required autocomplete="new-password" minlength="12"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="team-rolle">{tr(|t| t.role)}</label>
                    <select id="team-rolle" on:change=move |ev| {
                        role.set(if event_target_value(&ev) == "admin" { Role::Admin } else { Role::Moderator })
                    }>
                        <option value="moderator">{tr(|t| t.role_moderator)}</option>
                        <option value="admin">{tr(|t| t.role_admin)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{st(|t| t.create)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

/// One account: its name, role and state; deactivate or activate it; reset its password in a
/// small form that opens below.
#[component]
fn AccountRow(
    member: StaffMember,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let name = StoredValue::new(member.username.clone());
    let (role, active) = (member.role, member.active);
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let msg = RwSignal::new(String::new());
    let named = move |text: fn(&'static SectionTexts) -> &'static str| {
        move || fill(text(section_texts(i18n)), &name.get_value(), "")
    };
    let toggle = move |_| {
        let Some(csrf) = desk.csrf() else { return };
        let req = StaffActive { active: !active };
        leptos::task::spawn_local(async move {
            let r = crate::api::set_staff_active(&name.get_value(), &req, &csrf).await;
            let done = if active {
                section_texts(i18n).deactivated_done
            } else {
                section_texts(i18n).activated_done
            };
            let ok = r.is_ok();
            msg.set(outcome(i18n, r, &fill(done, &name.get_value(), "")));
            if ok {
                reload();
            }
        });
    };
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = PasswordReset {
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::reset_staff_password(&name.get_value(), &req, &csrf).await;
            if r.is_ok() {
                password.set(String::new());
                open.set(false);
            }
            let done = fill(section_texts(i18n).reset_done, &name.get_value(), "");
            msg.set(outcome(i18n, r, &done));
        });
    };
    let field_id = format!("konto-{}-passwort", member.username);
    view! {
        <li>
            <span>{member.username.clone()}" – "{move || i18n.t().role(role)}</span>
            {(!active).then(|| view! { " (" {st(|t| t.account_inactive)} ")" })}
            " "
            <button type="button" class="button button-secondary" on:click=toggle
                aria-label=move || if active { named(|t| t.deactivate_named)() } else { named(|t| t.activate_named)() }>
                {move || if active { section_texts(i18n).deactivate } else { section_texts(i18n).activate }}
            </button>
            " "
            <button type="button" class="button button-secondary" aria-expanded=move || open.get().to_string()
                aria-label=named(|t| t.reset_password_named) on:click=move |_| open.update(|o| *o = !*o)>
                {st(|t| t.reset_password)}
            </button>
            <Show when=move || open.get()>
                <form class="form" on:submit=reset>
                    <div class="field">
                        <label for=field_id.clone()>{st(|t| t.new_password)}</label>
                        <input id=field_id.clone() type="password" required autocomplete="new-password"
                            minlength="12" maxlength="200"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button">{st(|t| t.reset_password)}</button>
                </form>
            </Show>
            <p role="status">{move || msg.get()}</p>
        </li>
    }
}

/// Every staff member: a new password of their own (the current one first). Their other
/// sessions end; this one stays.
#[component]
pub fn OwnPassword() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let current = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let msg = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(csrf) = desk.csrf() else { return };
        let req = PasswordChange {
            current: current.get_untracked(),
            password: password.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            let r = crate::api::change_password(&req, &csrf).await;
            if r.is_ok() {
                current.set(String::new());
                password.set(String::new());
            }
            msg.set(outcome(i18n, r, section_texts(i18n).password_changed));
        });
    };
    view! {
        <section aria-labelledby="konto-titel">
            <h2 id="konto-titel">{st(|t| t.own_account)}</h2>
            <form class="form" on:submit=submit>
                <h3>{tr(|t| t.change_password)}</h3>
                <div class="field">
                    <label for="konto-aktuell">{st(|t| t.current_password)}</label>
                    <input id="konto-aktuell" type="password" required autocomplete="current-password"
                        prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="konto-neu">{st(|t| t.new_password)}</label>
                    <input id="konto-neu" type="password" required autocomplete="new-password"
                        minlength="12" maxlength="200"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{tr(|t| t.change_password)}</button>
                <p role="status">{move || msg.get()}</p>
            </form>
        </section>
    }
}

//! The staff app's sections under `/moderation`, the current one in a signal. Link clicks
//! inside the app become `history.pushState`; back/forward update the signal.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use werkstadt_domain::staff::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Ideas,
    Comments,
    Reports,
    Projects,
    Workshops,
    Results,
    Audit,
    Process,
    Settings,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Ideas,
        Section::Comments,
        Section::Reports,
        Section::Projects,
        Section::Workshops,
        Section::Results,
        Section::Audit,
        Section::Process,
        Section::Settings,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Section::Ideas => "/moderation",
            Section::Comments => "/moderation/kommentare",
            Section::Reports => "/moderation/meldungen",
            Section::Projects => "/moderation/projekte",
            Section::Workshops => "/moderation/veranstaltungen",
            Section::Results => "/moderation/ergebnisse",
            Section::Audit => "/moderation/protokoll",
            Section::Process => "/moderation/prozess",
            Section::Settings => "/moderation/einstellungen",
        }
    }

    pub fn parse(path: &str) -> Self {
        let path = path.trim_end_matches('/');
        Self::ALL
            .into_iter()
            .find(|s| s.path() == path)
            .unwrap_or(Section::Ideas)
    }

    /// Only admins see these. (The settings show every staff member their own account; the
    /// process settings and the team in them only admins.)
    pub fn admin_only(self) -> bool {
        matches!(self, Section::Audit | Section::Process | Section::Settings)
    }

    /// Whether `role` may open it: admins everything, moderators all but the admins'
    /// sections, DigitalSupporters only the results (their scoring sheets).
    pub fn open_to(self, role: Role) -> bool {
        match role {
            Role::Admin => true,
            Role::Moderator => !self.admin_only(),
            _ => self == Section::Results,
        }
    }

    /// Where `role` lands when it asks for this section: a DigitalSupporter on the results.
    pub fn for_role(self, role: Option<Role>) -> Self {
        match role {
            Some(r) if !self.open_to(r) && !r.can_moderate() => Section::Results,
            _ => self,
        }
    }
}

fn current() -> Section {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    Section::parse(&path)
}

/// The current section, provided as context; listens to link clicks and history.
pub fn provide_router() -> RwSignal<Section> {
    let section = RwSignal::new(current());
    provide_context(section);
    let Some(w) = web_sys::window() else {
        return section;
    };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='/moderation']").ok().flatten())
        else {
            return;
        };
        let Some(href) = a.get_attribute("href") else {
            return;
        };
        ev.prevent_default();
        if let Ok(h) = web_sys::window().and_then(|w| w.history().ok()).ok_or(()) {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
        section.set(Section::parse(&href));
        focus_main();
    });
    let on_pop = Closure::<dyn Fn()>::new(move || section.set(current()));
    if let Some(doc) = w.document() {
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_click.forget();
    on_pop.forget();
    section
}

/// Shows `s` in place of the current section (the address is replaced, not added to the
/// history).
pub fn replace(section: RwSignal<Section>, s: Section) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(s.path()));
    }
    section.set(s);
}

/// Moves focus to the page's heading after a section change (screen readers announce it).
pub fn focus_main() {
    focus_later("main h1");
}

/// Focuses the element matching `css` once the views are redrawn.
pub fn focus_later(css: &'static str) {
    werkstadt_web::after(0, move || {
        if let Some(h) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(css).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
}

//! The staff app's sections under `/moderation`: one table (`Section::path`) over the URL of
//! leptos_router's location provider (`werkstadt_web::location`, based at `/moderation`), which
//! handles link clicks and the history the way the library does. Links out of the app (the
//! public pages, with `target="_blank"`; downloads) are left to the browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use werkstadt_domain::staff::Role;
use werkstadt_web::location::Location;

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

/// The current section (a memo of the URL), provided as context. After a change, the focus
/// moves to the new section's heading.
pub fn provide_router() -> Memo<Section> {
    let location = Location::start("/moderation");
    if let Some(location) = location {
        provide_context(location);
    }
    let section = Memo::new(move |_| {
        location.map_or(Section::Ideas, |l| l.with(|url| Section::parse(url.path())))
    });
    provide_context(section);
    Effect::new(move |first: Option<()>| {
        section.track();
        if first.is_some() {
            focus_main();
        }
    });
    section
}

/// Shows `s` in place of the current section (the address is replaced, not added to the
/// history).
pub fn replace(s: Section) {
    if let Some(location) = use_context::<Location>() {
        location.replace(s.path());
    }
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

//! Every UI string, in German (default) and English.
//!
//! One struct with a field per text: both language tables must fill every field, so the
//! compiler guarantees English is complete. Counted texts have a singular and a plural form;
//! `{n}`/`{m}`/`{t}` are placeholders filled by [`fill`].

use leptos::prelude::*;
use werkstadt_domain::moderation::OfficialStatus;

pub use crate::platform::lang::Lang;

mod de;
mod en;
pub mod errors;
pub mod pages;
pub mod projects;
pub mod workshop;
pub use de::DE;
pub use en::EN;

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// The language signal, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// The current texts (reactive).
    pub fn t(self) -> &'static Texts {
        texts(self.0.get())
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Keeps the document title on the given text, in the current language. (One helper for all
/// pages: each distinct effect closure costs wasm size.)
pub fn title_effect(text: fn(&'static Texts) -> &'static str) {
    let i18n = use_i18n();
    Effect::new(move |_| crate::platform::set_document_title(text(i18n.t())));
}

/// Replaces `{key}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_owned(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

/// "1 Idee" / "3 Ideen".
pub fn count(n: u32, forms: (&str, &str)) -> String {
    let template = if n == 1 { forms.0 } else { forms.1 };
    fill(template, &[("n", &n.to_string())])
}

pub struct Texts {
    pub skip_link: &'static str,
    pub site_tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_start: &'static str,
    pub nav_new_idea: &'static str,
    pub nav_dots: &'static str,
    pub nav_results: &'static str,
    pub nav_projects: &'static str,
    pub nav_news: &'static str,
    pub lang_switch: &'static str,
    pub lang_switch_label: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub themes_heading: &'static str,
    pub ideas: (&'static str, &'static str),
    pub points: (&'static str, &'static str),
    pub supports: (&'static str, &'static str),
    pub start_cta_idea: &'static str,
    pub start_cta_dots: (&'static str, &'static str),
    pub sort_support: &'static str,
    pub sort_newest: &'static str,
    pub support_button: &'static str,
    pub new_heading: &'static str,
    pub dots_heading: &'static str,
    pub results_heading: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub sync_online: &'static str,
    pub sync_offline: &'static str,
    pub sync_pending: (&'static str, &'static str),
    pub sync_last: &'static str,
    pub sync_now: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub err_network: &'static str,
    pub err_storage: &'static str,
    pub err_upgrade: &'static str,
    pub answer_received: &'static str,
    pub answer_in_review: &'static str,
    pub answer_accepted: &'static str,
    pub answer_implemented: &'static str,
    pub answer_declined: &'static str,
    pub similar_supported: &'static str,
    pub report_label: &'static str,
    pub report_submit: &'static str,
    pub report_sent: &'static str,
    pub code_link: &'static str,
    pub my_data_title: &'static str,
    pub privacy_link: &'static str,
    pub my_data_exported: &'static str,
    pub my_data_deleted: &'static str,
    pub err_page_load: &'static str,
    pub retry: &'static str,
    pub code_label: &'static str,
    pub code_submit: &'static str,
    pub code_done: &'static str,
    pub phase_line: &'static str,
    pub no_process: &'static str,
    pub phase_open: &'static str,
    pub phase_nothing_open: &'static str,
    pub open_now: &'static str,
    pub open_none: &'static str,
    pub module_ideas: &'static str,
    pub module_supports: &'static str,
    pub module_dots: &'static str,
    pub module_comments: &'static str,
    pub gate_ideas: &'static str,
    pub gate_supports: &'static str,
    pub gate_dots: &'static str,
    pub gate_comments: &'static str,
    pub gate_closed_since: &'static str,
    pub gate_opens: &'static str,
    pub gate_not_planned: &'static str,
    pub theme_retired: &'static str,
    pub archive_link: &'static str,
    pub archive_heading: &'static str,
}

impl Texts {
    pub fn official_status(&self, s: OfficialStatus) -> &'static str {
        match s {
            OfficialStatus::Received => self.answer_received,
            OfficialStatus::InReview => self.answer_in_review,
            OfficialStatus::Accepted => self.answer_accepted,
            OfficialStatus::Implemented => self.answer_implemented,
            OfficialStatus::Declined => self.answer_declined,
        }
    }
}

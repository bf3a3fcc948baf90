//! Redeeming a participation code (from a letter or a workshop hand-out): the participant is
//! verified from then on. Needs the server (it checks the code), so online only.

use crate::api::OneShot;
use crate::components::status::SendForm;
use crate::i18n::pages::pt;
use crate::i18n::{title_effect, use_i18n};
use leptos::prelude::*;
use werkstadt_domain::codes::RedeemCode;

#[component]
pub fn CodePage(code: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    title_effect(|t| t.code_link);
    let request = Callback::new(|code: String| OneShot::Redeem(RedeemCode { code }));
    view! {
        <h1 tabindex="-1">{move || i18n.t().code_link}</h1>
        <p>{move || pt(i18n).code_intro}</p>
        <SendForm field_id="code-eingabe".into() initial=code.unwrap_or_default()
            label=|t| t.code_label submit=|t| t.code_submit ok=|t| t.code_done request/>
    }
}

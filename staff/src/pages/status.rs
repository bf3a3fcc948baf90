//! A page's status line that survives reloads: what the last action on the page said
//! ("Gespeichert." or why not), with the part of the page it belongs to. Kept by the page: a
//! saved part is drawn anew from what the server answered, and its status line must still say
//! that it was saved. Used by the lazily loaded sections (process set-up, projects).

use leptos::prelude::*;

/// What the last action on the page said, with its part's key. Provided by the page.
#[derive(Clone, Copy)]
pub struct Said(RwSignal<Option<(String, String)>>);

impl Said {
    /// A new, empty status, provided as context for the page's parts.
    pub fn provide() -> Self {
        let said = Self(RwSignal::new(None));
        provide_context(said);
        said
    }

    /// Forgets what was said (another item was chosen).
    pub fn clear(self) {
        self.0.set(None);
    }
}

/// The status line of one part of the page (`key`), kept through reloads.
#[derive(Clone, Copy)]
pub struct Status {
    said: RwSignal<Option<(String, String)>>,
    key: StoredValue<String>,
}

impl Status {
    pub fn of(key: impl Into<String>) -> Self {
        Self {
            said: expect_context::<Said>().0,
            key: StoredValue::new(key.into()),
        }
    }

    pub fn set(self, text: String) {
        self.said.set(Some((self.key.get_value(), text)));
    }

    pub fn get(self) -> String {
        let key = self.key.get_value();
        self.said.with(|s| match s {
            Some((k, text)) if *k == key => text.clone(),
            _ => String::new(),
        })
    }
}

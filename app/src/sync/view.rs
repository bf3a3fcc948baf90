//! Reading the participant's view: the replica with the overlay of pending mutations, picked
//! apart into small memos so that a view changes only when what it shows does.

use super::Sync;
use leptos::prelude::*;
use werkstadt_domain::overlay::Overlay;
use werkstadt_domain::replica::Replica;
use werkstadt_domain::sync::Mutation;
use werkstadt_domain::ThemeId;

/// When the newest pending mutation was made (its id is a UUIDv7): the time of what exists only
/// on this device, stable while the outbox does not change.
pub(super) fn made_at(pending: &[Mutation]) -> i64 {
    pending
        .last()
        .and_then(|m| m.id.0.get_timestamp())
        .map_or(0, |t| {
            let (secs, nanos) = t.to_unix();
            (secs * 1000 + u64::from(nanos / 1_000_000)) as i64
        })
}

impl Sync {
    /// Reads the view once it is read from the device. Tracks the replica and the outbox: call
    /// it inside a `Memo` (or use [`Sync::pick`]) that keeps the little a view shows.
    pub fn read<T>(self, f: impl FnOnce(&Replica, &Overlay) -> T) -> Option<T> {
        self.replica_changed.track();
        self.overlay
            .with(|o| self.replica.with_value(|r| r.as_ref().map(|r| f(r, o))))
    }

    /// A memo of one thing from the view: it changes (and redraws what shows it) only when that
    /// thing does, not on every sync.
    pub fn pick<T>(
        self,
        f: impl Fn(&Replica, &Overlay) -> Option<T> + Send + std::marker::Sync + 'static,
    ) -> Memo<Option<T>>
    where
        T: PartialEq + Send + std::marker::Sync + 'static,
    {
        Memo::new(move |_| self.read(&f).flatten())
    }

    /// The ids and titles of the themes taking ideas, not retired ones (a form built from them
    /// is not redrawn by other news).
    pub fn theme_titles(self) -> Memo<Option<Vec<(ThemeId, String)>>> {
        self.pick(|_, o| {
            Some(
                o.themes()
                    .iter()
                    .filter(|t| !t.retired)
                    .map(|t| (t.id, t.title.clone()))
                    .collect(),
            )
        })
    }
}

/// One field of a picked entity, for a text node or an attribute that follows it.
pub fn field<T, U>(entity: Memo<Option<T>>, f: fn(&T) -> U) -> impl Fn() -> Option<U> + Copy
where
    T: Send + std::marker::Sync + 'static,
{
    move || entity.with(|e| e.as_ref().map(f))
}

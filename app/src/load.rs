//! Loading server data into a signal.
//!
//! A lighter stand-in for `LocalResource` (which cost several KiB of wasm per data type):
//! the fetcher runs in an effect, so it re-runs when a signal it reads changes, and only the
//! answer of the latest run is kept. The fetcher is boxed so every call site shares one
//! instantiation per data type (wasm size).

use crate::api::ApiResult;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

/// `None` while loading, then the result.
pub type Loaded<T> = RwSignal<Option<ApiResult<T>>>;

type Fetch<T> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = ApiResult<T>>>>>;

pub fn load<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> Loaded<T>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    load_boxed(Box::new(move || Box::pin(fetch())))
}

fn load_boxed<T: Send + Sync + 'static>(fetch: Fetch<T>) -> Loaded<T> {
    let data: Loaded<T> = RwSignal::new(None);
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let fut = fetch();
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        spawn_local(async move {
            let result = fut.await;
            if generation.try_get_value() == Some(mine) {
                data.try_set(Some(result));
            }
        });
    });
    data
}

//! An async load kept in a signal. Leptos's resources do the same with much more
//! machinery (suspense, transitions, serialisation) that a client-side widget does not
//! use; this is the part it does use.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::transport::LocalFuture;

type Fetcher<T> = Rc<dyn Fn() -> LocalFuture<'static, T>>;

/// The latest result of `fetch` (`None` while it runs). `reload` starts it again; a
/// result that arrives after a newer load began, or after the view was disposed, is
/// dropped. `get` clones the result, so large results are kept behind an `Rc`: a
/// conversation of 10,000 messages is read by the view and the state effect without
/// being copied for either.
pub struct Load<T: 'static> {
    value: RwSignal<Option<T>, LocalStorage>,
    generation: StoredValue<u32>,
    fetch: StoredValue<Fetcher<T>, LocalStorage>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        let fetch: Fetcher<T> = Rc::new(move || Box::pin(fetch()));
        let load = Load {
            value: RwSignal::new_local(None),
            generation: StoredValue::new(0),
            fetch: StoredValue::new_local(fetch),
        };
        load.reload();
        load
    }

    pub fn reload(&self) {
        let this = *self;
        let Some(generation) = self.generation.try_update_value(|generation| {
            *generation += 1;
            *generation
        }) else {
            return;
        };
        self.value.set(None);
        let Some(future) = self.fetch.try_with_value(|fetch| fetch()) else { return };
        leptos::task::spawn_local(async move {
            let result = future.await;
            if this.generation.try_get_value() == Some(generation) {
                this.value.try_set(Some(result));
            }
        });
    }

    /// The result, tracked: a view or effect that reads it follows its changes.
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }
}

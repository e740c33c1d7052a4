//! An async load kept in a signal. Leptos's resources do the same with much more
//! machinery (suspense, transitions, serialisation) that a client-side widget does not
//! use; this is the part it does use.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;

use leptos::prelude::*;

use crate::transport::LocalFuture;

/// A result of any type: the signal and the task behind every `Load` are one type, so
/// Leptos's signal code is compiled once for all of them, not once per result type.
type Erased = Rc<dyn Any>;
type Fetcher = Rc<dyn Fn() -> LocalFuture<'static, Erased>>;

/// The latest result of `fetch` (`None` while it runs). `reload` starts it again; a
/// result that arrives after a newer load began, or after the view was disposed, is
/// dropped. `get` clones the result, so large results are kept behind an `Rc`: a
/// conversation of 10,000 messages is read by the view without being copied.
pub struct Load<T: 'static> {
    slot: Slot,
    result: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    pub fn new<Fut: Future<Output = T> + 'static>(fetch: impl Fn() -> Fut + 'static) -> Self {
        let fetch: Fetcher = Rc::new(move || {
            let future = fetch();
            Box::pin(async move { Rc::new(future.await) as Erased })
        });
        let slot = Slot {
            value: RwSignal::new_local(None),
            generation: StoredValue::new(0),
            fetch: StoredValue::new_local(fetch),
        };
        slot.reload();
        Load { slot, result: PhantomData }
    }

    pub fn reload(&self) {
        self.slot.reload();
    }

    /// The result, tracked: a view that reads it follows its changes.
    pub fn get(&self) -> Option<T> {
        self.slot.value.get().and_then(|value| value.downcast_ref::<T>().cloned())
    }
}

#[derive(Clone, Copy)]
struct Slot {
    value: RwSignal<Option<Erased>, LocalStorage>,
    generation: StoredValue<u32>,
    fetch: StoredValue<Fetcher, LocalStorage>,
}

impl Slot {
    fn reload(self) {
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
            if self.generation.try_get_value() == Some(generation) {
                self.value.try_set(Some(result));
            }
        });
    }
}

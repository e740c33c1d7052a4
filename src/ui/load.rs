//! An async load kept in a signal. Leptos's resources do the same with much more
//! machinery (suspense, transitions, serialisation) that a client-side widget does not
//! use; this is the part it does use.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use crate::transport::LocalFuture;

/// A result of any type: the signal and the task behind every `Load` are one type, so
/// Leptos's signal code is compiled once for all of them, not once per result type.
type Erased = Rc<dyn Any>;
type Fetcher = Rc<dyn Fn() -> LocalFuture<'static, Erased>>;

/// The latest result of `fetch` (`None` while it runs). `reload` starts it again. A load
/// stops where it waits when a newer one begins or when the view that owns it is disposed
/// (an `update()` to another context, `unmount()`): it makes no further request, and an
/// answer that comes afterwards is dropped unread. `get` clones the result, so large results
/// are kept behind an `Rc`: a conversation of 10,000 messages is read by the view without
/// being copied.
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
            running: StoredValue::new_local(None),
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
    /// The load in progress. Its arena slot belongs to the view's owner, so disposing the
    /// view drops it, and that stops the load.
    running: StoredValue<Option<Running>, LocalStorage>,
    fetch: StoredValue<Fetcher, LocalStorage>,
}

impl Slot {
    fn reload(self) {
        let stop = Rc::new(Stop::default());
        // Replacing the load in progress stops it; it is dropped here, outside the arena.
        let Some(previous) = self.running.try_update_value(|running| running.replace(Running(stop.clone()))) else {
            return;
        };
        drop(previous);
        self.value.set(None);
        let Some(future) = self.fetch.try_with_value(|fetch| fetch()) else { return };
        leptos::task::spawn_local(async move {
            if let Some(result) = (Stoppable { work: future, stop }).await {
                self.value.try_set(Some(result));
            }
        });
    }
}

/// What a load's task and its [`Running`] guard share.
#[derive(Default)]
struct Stop {
    stopped: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// Stops its load when dropped, and wakes the load's task so that the task ends at once
/// and lets go of what it holds (the environment, requests in flight, their timers).
struct Running(Rc<Stop>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.stopped.set(true);
        if let Some(waker) = self.0.waker.take() {
            waker.wake();
        }
    }
}

/// `work`'s output, or `None` once stopped; after that `work` is never polled again, so it
/// makes no further request and reads no answer.
struct Stoppable {
    work: LocalFuture<'static, Erased>,
    stop: Rc<Stop>,
}

impl Future for Stoppable {
    type Output = Option<Erased>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Erased>> {
        if self.stop.stopped.get() {
            return Poll::Ready(None);
        }
        *self.stop.waker.borrow_mut() = Some(cx.waker().clone());
        self.work.as_mut().poll(cx).map(Some)
    }
}

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
/// Whether two results are the same (see `Load::refresh`).
type Same = Rc<dyn Fn(&Erased, &Erased) -> bool>;

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
        let slot = Slot { value: RwSignal::new_local(None), task: Task::new(), fetch: StoredValue::new_local(fetch) };
        slot.reload();
        Load { slot, result: PhantomData }
    }

    pub fn reload(&self) {
        self.slot.reload();
    }

    /// Loads again in the background, showing the current result until the new one is
    /// in: no loading state between (a look for changes, not a retry). A new result that
    /// `same` finds no different from the current one is not shown again, so nothing
    /// under the view is built (and loaded) again for it.
    pub fn refresh(&self, same: fn(&T, &T) -> bool) {
        self.slot.refresh(Rc::new(move |current: &Erased, new: &Erased| {
            match (current.downcast_ref::<T>(), new.downcast_ref::<T>()) {
                (Some(current), Some(new)) => same(current, new),
                _ => false,
            }
        }));
    }

    /// The result, tracked: a view that reads it follows its changes.
    pub fn get(&self) -> Option<T> {
        self.slot.value.get().and_then(|value| value.downcast_ref::<T>().cloned())
    }

    /// The result, untracked: for background work that must not re-run with it.
    pub fn get_untracked(&self) -> Option<T> {
        self.slot.value.get_untracked().and_then(|value| value.downcast_ref::<T>().cloned())
    }

    /// A newer result found without a reload (a look for changes): shown in place, with no
    /// loading state between.
    pub fn set(&self, value: T) {
        self.slot.value.try_set(Some(Rc::new(value) as Erased));
    }
}

#[derive(Clone, Copy)]
struct Slot {
    value: RwSignal<Option<Erased>, LocalStorage>,
    task: Task,
    fetch: StoredValue<Fetcher, LocalStorage>,
}

impl Slot {
    /// Loads again, showing the current result until the new one is in; a new result
    /// `same` finds no different is not shown again.
    fn refresh(self, same: Same) {
        self.run(Some(same));
    }

    /// Loads again from the loading state.
    fn reload(self) {
        self.run(None);
    }

    /// Stops the load in progress and starts `fetch` again; without `keep`, the loading
    /// state shows meanwhile.
    fn run(self, keep: Option<Same>) {
        if !self.task.stop() {
            return;
        }
        if keep.is_none() {
            self.value.set(None);
        }
        let Some(future) = self.fetch.try_with_value(|fetch| fetch()) else { return };
        let value = self.value;
        self.task.spawn(async move {
            let result = future.await;
            let unchanged = keep.and_then(|same| {
                value.try_with_untracked(|current| current.as_ref().is_some_and(|current| same(current, &result)))
            });
            if unchanged != Some(true) {
                value.try_set(Some(result));
            }
        });
    }
}

/// A place for one background task of a view, made under the view's owner: the task stops
/// where it waits when another is spawned in its place, when [`Task::stop`] is called, or
/// when the view is disposed (the place's arena slot is dropped with the view). A stopped
/// task is never polled again, so it makes no further request and reads no answer, and it
/// lets go at once of what it holds (the environment, requests in flight, their timers).
#[derive(Clone, Copy)]
pub struct Task(StoredValue<Option<Running>, LocalStorage>);

impl Default for Task {
    fn default() -> Task {
        Task::new()
    }
}

impl Task {
    /// Call it while the view is built, so that the view's owner owns the place.
    pub fn new() -> Task {
        Task(StoredValue::new_local(None))
    }

    /// Runs `task` in the background, stopping the one in its place. Does nothing once the
    /// view is disposed.
    pub fn spawn(self, task: impl Future<Output = ()> + 'static) {
        let stop = Rc::new(Stop::default());
        if self.replace(Some(Running(stop.clone()))) {
            leptos::task::spawn_local(Stoppable { work: Box::pin(task), stop });
        }
    }

    /// Stops the task in this place, if any; false once the view is disposed.
    pub fn stop(self) -> bool {
        self.replace(None)
    }

    fn replace(self, running: Option<Running>) -> bool {
        // The previous guard is dropped (and its task stopped) here, outside the arena.
        let Some(previous) = self.0.try_update_value(|slot| std::mem::replace(slot, running)) else {
            return false;
        };
        drop(previous);
        true
    }
}

/// What a task and its [`Running`] guard share.
#[derive(Default)]
struct Stop {
    stopped: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// Stops its task when dropped, and wakes the task so that it ends at once.
struct Running(Rc<Stop>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.stopped.set(true);
        if let Some(waker) = self.0.waker.take() {
            waker.wake();
        }
    }
}

/// Runs `work` until it is done or stopped; once stopped, `work` is never polled again.
struct Stoppable {
    work: LocalFuture<'static, ()>,
    stop: Rc<Stop>,
}

impl Future for Stoppable {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.stop.stopped.get() {
            return Poll::Ready(());
        }
        *self.stop.waker.borrow_mut() = Some(cx.waker().clone());
        self.work.as_mut().poll(cx)
    }
}

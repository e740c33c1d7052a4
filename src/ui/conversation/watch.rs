//! Staying current: while the agent can see the conversation, the view looks again every
//! interval the admin set (`refreshSeconds`), when the page comes back into sight, and when
//! the host or the agent asks (`handle.refresh()`, Refresh). A look that finds nothing new
//! costs one request (see `conversation::check_thread`); what it finds is shown in place,
//! with no loading state between. New messages join the thread at once when the agent is at
//! the newest; while the agent reads back they wait behind a "2 new messages" control, so
//! that nothing moves under the agent's eyes. A failed look keeps everything shown.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;

use crate::browser::page_visible;
use crate::conversation::watch::Policy;
use crate::conversation::{check_thread, Problem, Thread};
use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::KustomerClient;
use crate::strings;
use crate::ui::load::{Load, Task};
use crate::ui::EnvHandle;

/// A look on coming back into sight only when the last one is at least this old.
const SIGHT_AFTER_MS: f64 = 30_000.0;
/// How often the line under the header is redrawn between looks.
const MINUTE_MS: f64 = 60_000.0;

/// What the view knows of its looks.
#[derive(Default)]
pub struct Looks {
    pub last_ok_ms: Cell<f64>,
    last_look_ms: Cell<f64>,
    failures: Cell<u32>,
    notice: RefCell<Option<String>>,
    /// A newer thread found while the agent read back, and the messages it adds.
    pending: RefCell<Option<(Rc<Thread>, usize)>>,
    /// The agent is reading back (set by the message list).
    pub reading_back: Cell<bool>,
    /// The thread as the list has read it furthest (earlier pages, every page for a
    /// search): looks start from it, so that what was read is not read again.
    pub latest: RefCell<Option<Rc<Thread>>>,
}

/// The view's watcher: its looks, its background task, and a version the line under the
/// header follows.
#[derive(Clone)]
pub struct Watcher {
    pub looks: Rc<Looks>,
    task: Task,
    pub version: RwSignal<usize>,
    env: EnvHandle,
    thread: Load<Result<Rc<Thread>, Problem>>,
}

impl Watcher {
    /// Made while the view is built; listens for the page coming back into sight, and
    /// stops listening when the view is disposed.
    pub fn new(env: EnvHandle, thread: Load<Result<Rc<Thread>, Problem>>) -> Watcher {
        let now = env.with_value(|env| env.clock.now_ms());
        let looks = Rc::new(Looks::default());
        looks.last_ok_ms.set(now);
        looks.last_look_ms.set(now);
        let watcher = Watcher { looks, task: Task::new(), version: RwSignal::new(0), env, thread };
        for event in ["visibilitychange", "focus"] {
            let on_sight = watcher.clone();
            let handle = window_event_listener_untyped(event, move |_| on_sight.on_sight());
            on_cleanup(move || handle.remove());
        }
        watcher
    }

    fn policy(&self) -> Option<Policy> {
        let looks = &self.looks;
        self.env.try_with_value(|env| Policy {
            interval_ms: f64::from(env.config.refresh_seconds) * 1000.0,
            visible: page_visible(),
            failures: looks.failures.get(),
            rate: env.transport.rate(),
            not_before_ms: None,
        })
    }

    /// The page came back into sight: look now if the last look is old, and keep looking;
    /// hidden, stop until it is seen again.
    fn on_sight(&self) {
        if !page_visible() {
            self.task.stop();
            return;
        }
        let now = self.env.try_with_value(|env| env.clock.now_ms()).unwrap_or(0.0);
        self.start(now - self.looks.last_look_ms.get() >= SIGHT_AFTER_MS);
    }

    /// Looks after the interval, or now, and keeps looking while the page is seen.
    pub fn start(&self, now: bool) {
        let watcher = self.clone();
        self.task.spawn(async move {
            let mut look_now = now;
            loop {
                let Some(env) = watcher.env.try_get_value() else { return };
                if !look_now {
                    let Some(at) =
                        watcher.policy().and_then(|policy| policy.next_look(watcher.looks.last_look_ms.get()))
                    else {
                        return;
                    };
                    // At most a minute at a time, so that "Updated N minutes ago" keeps true
                    // (`max` and `min`: `clamp`'s check would bring float formatting, 20 KB,
                    // into the module).
                    #[allow(clippy::manual_clamp)]
                    let wait = (at - env.clock.now_ms()).max(0.0).min(MINUTE_MS);
                    env.clock.sleep(wait as u32).await;
                    if !page_visible() {
                        return;
                    }
                    if env.clock.now_ms() < at {
                        watcher.version.try_update(|version| *version += 1);
                        continue;
                    }
                }
                look_now = false;
                watcher.look(&env).await;
            }
        });
    }

    async fn look(&self, env: &crate::ui::Env) {
        let pending = self.looks.pending.borrow().as_ref().map(|(thread, _)| thread.clone());
        let latest = pending.or_else(|| self.looks.latest.borrow().clone());
        let Some(current) = latest.or_else(|| self.thread.get_untracked().and_then(Result::ok)) else { return };
        let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref());
        let result = check_thread(&client, &current).await;
        let now = env.clock.now_ms();
        let looks = &self.looks;
        looks.last_look_ms.set(now);
        match result {
            Ok(found) => {
                looks.last_ok_ms.set(now);
                looks.failures.set(0);
                *looks.notice.borrow_mut() = None;
                if let Some((next, added)) = found {
                    let next = Rc::new(next);
                    // While the agent reads back, nothing is drawn again under their eyes:
                    // the change waits behind a control, new messages or not.
                    if looks.reading_back.get() {
                        let waiting = looks.pending.borrow().as_ref().map_or(0, |(_, count)| *count);
                        *looks.pending.borrow_mut() = Some((next, waiting + added));
                    } else {
                        *looks.pending.borrow_mut() = None;
                        *looks.latest.borrow_mut() = None;
                        self.thread.set(Ok(next));
                    }
                }
            }
            Err(error) => {
                looks.failures.set(looks.failures.get() + 1);
                let age = crate::cache::age_words(now - looks.last_ok_ms.get());
                *looks.notice.borrow_mut() = Some(strings::look_failed(&explain(&error, Reading::Conversation), &age));
            }
        }
        self.version.try_update(|version| *version += 1);
    }

    /// Shows the messages that arrived while the agent read back, at the newest.
    pub fn show_newest(&self) {
        let pending = self.looks.pending.borrow_mut().take();
        if let Some((thread, _)) = pending {
            self.looks.reading_back.set(false);
            *self.looks.latest.borrow_mut() = None;
            self.thread.set(Ok(thread));
        }
    }

    /// The line under the header, as of now.
    pub fn line(&self) -> String {
        let looks = &self.looks;
        let now = self.env.try_with_value(|env| env.clock.now_ms()).unwrap_or(0.0);
        let updated = strings::updated(&crate::cache::age_words((now - looks.last_ok_ms.get()).max(0.0)));
        let waiting = looks.pending.borrow().as_ref().map(|(_, count)| *count);
        let slowed = self.policy().is_some_and(|policy| policy.slowed());
        let notice = looks.notice.borrow().clone().or_else(|| slowed.then(|| strings::LOOKING_LESS_OFTEN.to_string()));
        crate::render::states::freshness(&updated, waiting, notice.as_deref())
    }
}

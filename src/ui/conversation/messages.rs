//! The messages, oldest first, grouped by day. Their markup comes from `render`, one
//! batch at a time: the newest batch first, earlier ones on request, so that thousands
//! of messages never freeze the page (see `render::window`). The list is one element
//! whose batches and controls are added and removed directly, and whose controls are
//! handled by one delegated listener (see `actions`): a step is two DOM insertions
//! rather than a keyed list diffed by Leptos, and the step control keeps its focus.
//!
//! A long conversation's earlier pages are read as the agent reads back, one page ahead
//! of the page in view, so that "Show earlier messages" seldom waits; when it must, the
//! control says so and the step is taken when the page arrives.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::actions;
use super::find::Find;
use crate::conversation::{read_all, read_earlier, Thread};
use crate::kustomer::KustomerClient;
use crate::render::messages::{batch_html, step_html, step_texts, unattached_html, Formatters, Step};
use crate::render::window::Window;
use crate::strings;
use crate::transport::{FetchError, LocalFuture};
use crate::ui::load::Task;
use crate::ui::states;
use crate::ui::EnvHandle;

/// Messages rendered at first, and added by each "Show earlier messages".
pub const BATCH: usize = 100;
/// Batches in the page at once: reading further back drops the newest batch (brought back
/// by "Show newer messages"), so that even 10,000 messages keep the page small and quick.
pub const WINDOW: usize = 2;

/// What the list knows as the agent reads back: the thread as read so far (earlier pages
/// join it), the batches in the page, and a page being read. Find and links use it to put
/// a message in the page.
pub struct Reader {
    env: EnvHandle,
    thread: RefCell<Rc<Thread>>,
    looks: Rc<super::watch::Looks>,
    window: Cell<Window>,
    /// A page is being read.
    reading: Cell<bool>,
    /// The agent asked for earlier messages that the page being read holds.
    step_waiting: Cell<bool>,
    /// Where the page being read runs: disposing the list stops it.
    task: Task,
    find: Rc<Find>,
    /// The host's address for a link to one message (`context.messageLink`).
    link: Option<String>,
}

impl Reader {
    pub fn env(&self) -> EnvHandle {
        self.env
    }

    pub fn task(&self) -> Task {
        self.task
    }

    /// The link to message `id` (see `link::message_link`).
    pub fn link_to(&self, id: &str) -> String {
        let conversation = self.thread.borrow().conversation.id.clone();
        super::link::message_link(self.env, self.link.as_deref(), &conversation, id)
    }

    /// The list element, once in the page.
    pub fn list(&self) -> Option<Element> {
        let root = self.env.try_with_value(|env| env.root.clone())?;
        root.query_selector(".ksw-messages").ok().flatten()
    }

    /// The conversation view's element.
    pub fn section(&self) -> Option<Element> {
        self.env.try_with_value(|env| env.root.query_selector(".ksw-conversation").ok().flatten())?
    }

    pub fn thread(&self) -> Rc<Thread> {
        self.thread.borrow().clone()
    }

    /// Reads every page not read yet, once: after the list's own read in flight, and with
    /// the list reading nothing else meanwhile. A step back asked for meanwhile is taken
    /// when the pages are in.
    pub fn read_everything<'a>(
        self: &'a Rc<Self>,
        progress: &'a dyn Fn(usize, usize),
    ) -> LocalFuture<'a, Result<(), FetchError>> {
        // Boxed: its three callers share one copy of its state machine.
        Box::pin(async move {
            let Some(env) = self.env.try_get_value() else { return Ok(()) };
            while self.reading.get() {
                env.clock.sleep(25).await;
            }
            if self.thread().pages.unread() == 0 {
                return Ok(());
            }
            self.reading.set(true);
            let mut thread = Thread::clone(&self.thread());
            let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref());
            let result = read_all(&client, &mut thread, progress).await;
            self.reading.set(false);
            self.take_thread(thread);
            if self.step_waiting.replace(false) {
                if let Some(list) = self.list() {
                    take_step(self.env, self, &list, true);
                }
            }
            result
        })
    }

    /// Takes in a thread read further (every page, for a search or a transcript); the
    /// looks for changes start from it, so that nothing read is read again.
    fn take_thread(&self, thread: Thread) {
        let mut window = self.window.get();
        window.grow(thread.messages.len(), thread.pages.unread());
        self.window.set(window);
        let thread = Rc::new(thread);
        *self.looks.latest.borrow_mut() = Some(thread.clone());
        *self.thread.borrow_mut() = thread;
        if let Some(list) = self.list() {
            control(&list, Step::Earlier, &window);
        }
    }

    /// The messages in the page, by their index in the thread.
    pub fn page_messages(&self) -> Vec<(usize, Element)> {
        let mut all = Vec::new();
        let Some(list) = self.list() else { return all };
        let Ok(batches) = list.query_selector_all(".ksw-batch") else { return all };
        let window = self.window.get();
        for index in 0..batches.length() {
            let Some(batch) = batches.item(index).and_then(|node| node.dyn_into::<Element>().ok()) else { continue };
            let number = batch.get_attribute("data-batch").and_then(|n| n.parse().ok()).unwrap_or(0);
            let Ok(messages) = batch.query_selector_all(".ksw-message") else { continue };
            let start = window.range(number).start;
            for at in 0..messages.length() {
                if let Some(element) = messages.item(at).and_then(|node| node.dyn_into::<Element>().ok()) {
                    all.push((start + at as usize, element));
                }
            }
        }
        all
    }

    /// The index in the thread of a message element in the page.
    pub fn index_of(&self, element: &Element) -> Option<usize> {
        self.page_messages().into_iter().find(|(_, shown)| shown == element).map(|(index, _)| index)
    }

    /// The element of message `index`, its batch drawn in the page first when it is not
    /// there (true then).
    pub fn show(&self, index: usize) -> Option<(Element, bool)> {
        let find = |reader: &Reader| reader.page_messages().into_iter().find(|(at, _)| *at == index);
        if let Some((_, element)) = find(self) {
            return Some((element, false));
        }
        let list = self.list()?;
        let mut window = self.window.get();
        window.show(window.batch_of(index)?);
        self.window.set(window);
        self.looks.reading_back.set(window.newest > 0 || window.oldest > 0);
        list.set_inner_html(&one_batch_html(self.env, &self.thread.borrow(), &window));
        find(self).map(|(_, element)| (element, true))
    }
}

#[component]
pub fn MessageList(
    env: EnvHandle,
    thread: Rc<Thread>,
    /// Read the next earlier page ahead of the agent (not for a view about to be replaced).
    read_ahead: bool,
    /// Told whether the agent is reading back, so that new messages wait for them.
    looks: Rc<super::watch::Looks>,
    find: StoredValue<Rc<Find>, LocalStorage>,
    /// A message to open at (a link to it), when the list is first drawn.
    open_at: Option<String>,
    /// The host's address for a link to one message.
    link: Option<String>,
) -> impl IntoView {
    if thread.messages.is_empty() {
        return states::empty(strings::NO_MESSAGES);
    }
    let find_handle = find;
    let find = find.get_value();
    let mut first = Window::new(thread.messages.len(), BATCH, WINDOW);
    first.grow(thread.messages.len(), thread.pages.unread());
    let reader = Rc::new(Reader {
        env,
        thread: RefCell::new(thread.clone()),
        looks,
        window: Cell::new(first),
        reading: Cell::new(false),
        step_waiting: Cell::new(false),
        task: Task::new(),
        find: find.clone(),
        link,
    });
    find.attach(&reader);
    let bar = find.bar_html(&thread);
    let initial = one_batch_html(env, &thread, &first);
    match open_at {
        Some(id) => super::link::open_at(&reader, id),
        None if read_ahead => read_ahead_of(env, &reader),
        None => {}
    }
    let on_click = move |event: web_sys::MouseEvent| {
        let control = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("[data-action]").ok().flatten());
        let list = event.current_target().and_then(|target| target.dyn_into::<Element>().ok());
        let (Some(control), Some(list)) = (control, list) else { return };
        let older = match control.get_attribute("data-action").as_deref() {
            Some("earlier") => true,
            Some("newer") => false,
            Some("copy-link") => return super::link::copy(&reader, &control),
            _ => return actions::handle(&control, &reader.thread.borrow()),
        };
        if older && reader.window.get().needs_more() {
            // Taken when the page arrives; the control says it is coming.
            reader.step_waiting.set(true);
            let _ = control.set_attribute("aria-busy", "true");
            read_earlier_page(env, &reader);
            return;
        }
        take_step(env, &reader, &list, older);
    };
    // `load` does not bubble: email frames are sized from a capturing listener. A batch out
    // of sight is not laid out (`content-visibility: auto`), so a frame that loads there is
    // measured again when its batch comes into sight.
    let bar_find = find_handle;
    let on_load = {
        let find = find.clone();
        move |event: web_sys::Event| {
            actions::fit_frame(event.clone());
            if let Some(frame) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) {
                find.frame_loaded(&frame);
            }
        }
    };
    let bar_actions = Callback::new(move |(action, _): (String, Element)| match action.as_str() {
        "find-next" => bar_find.with_value(|find| find.step(1)),
        "find-previous" => bar_find.with_value(|find| find.step(-1)),
        "find-close" => bar_find.with_value(|find| find.close()),
        _ => {}
    });
    view! {
        {states::part("ksw-find-holder", bar, Some(bar_actions))}
        <div
            class="ksw-messages"
            inner_html=initial
            on:load:capture=on_load
            on:contentvisibilityautostatechange:capture=actions::refit_frames
            on:click=on_click
        ></div>
    }
    .into_any()
}

/// One step back (`older`) or forward, then the next page read ahead when needed.
fn take_step(env: EnvHandle, reader: &Rc<Reader>, list: &Element, older: bool) {
    let mut shown = reader.window.get();
    let change = if older { shown.earlier() } else { shown.newer() };
    let Some(change) = change else { return };
    reader.window.set(shown);
    reader.looks.reading_back.set(shown.newest > 0 || shown.oldest > 0);
    let added = batch_in_locale(env, &reader.thread.borrow(), change.added, &shown);
    step(list, &added, older, change.dropped, &shown);
    reader.find.redraw_marks();
    read_ahead_of(env, reader);
}

/// Reads the next earlier page when fewer than two batches' worth are read beyond the
/// page: one step ahead of the agent.
fn read_ahead_of(env: EnvHandle, reader: &Rc<Reader>) {
    let window = reader.window.get();
    if window.hidden_earlier() > window.loaded_earlier() && window.loaded_earlier() < 2 * BATCH {
        read_earlier_page(env, reader);
    }
}

/// Reads the next earlier page into the thread (once at a time). A list disposed before the
/// page arrives (another context, `unmount()`) stops the read: no further request, and the
/// answer is dropped without touching the page.
fn read_earlier_page(env: EnvHandle, reader: &Rc<Reader>) {
    if reader.reading.replace(true) {
        return;
    }
    let task = reader.task;
    let reader = reader.clone();
    task.spawn(async move {
        let Some(env_now) = env.try_get_value() else { return };
        let mut next = Thread::clone(&reader.thread.borrow());
        let client = KustomerClient::new(env_now.transport.as_ref(), env_now.clock.as_ref());
        let result = read_earlier(&client, &mut next).await;
        if env.try_get_value().is_none() {
            return;
        }
        reader.reading.set(false);
        let list = reader.list();
        match result {
            Ok(_) => {
                let mut window = reader.window.get();
                window.grow(next.messages.len(), next.pages.unread());
                reader.window.set(window);
                let next = Rc::new(next);
                *reader.looks.latest.borrow_mut() = Some(next.clone());
                *reader.thread.borrow_mut() = next;
                if reader.step_waiting.replace(false) {
                    if let Some(list) = &list {
                        take_step(env, &reader, list, true);
                    }
                } else {
                    read_ahead_of(env, &reader);
                }
            }
            Err(error) => {
                reader.step_waiting.set(false);
                if let Some(list) = &list {
                    let reason = crate::kustomer::errors::explain(&error, crate::kustomer::errors::Reading::Messages);
                    if let Ok(Some(note)) = list.query_selector(".ksw-earlier span") {
                        note.set_text_content(Some(&strings::earlier_failed(&reason)));
                    }
                }
            }
        }
        if let Some(list) = &list {
            if let Ok(Some(button)) = list.query_selector(".ksw-earlier [data-action]") {
                let _ = button.remove_attribute("aria-busy");
            }
        }
    });
}

/// Brings a message, or a mark in one, to the middle of the view.
pub fn scroll_to(element: &Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The list with the window's one batch (the newest at first, a match's or a link's after
/// a jump): the step controls around it, and the attachments without a message below the
/// newest.
fn one_batch_html(env: EnvHandle, thread: &Thread, window: &Window) -> String {
    let mut html = String::new();
    push_step(&mut html, Step::Earlier, window);
    html.push_str(&batch_in_locale(env, thread, window.oldest, window));
    push_step(&mut html, Step::Newer, window);
    if window.newest == 0 && !thread.unattached.is_empty() {
        html.push_str(&unattached_html(&thread.unattached));
    }
    html
}

/// One batch's markup, in the viewer's locale.
fn batch_in_locale(env: EnvHandle, thread: &Thread, index: usize, window: &Window) -> String {
    env.with_value(|env| {
        let intl = &env.intl;
        let (time, date_time, day) =
            (|iso: &str| intl.time(iso), |iso: &str| intl.date_time(iso), |iso: &str| intl.day(iso));
        let formatters = Formatters { time: &time, date_time: &date_time, day: &day, transcript: false };
        batch_html(thread, index, window.range(index), &formatters)
    })
}

/// A step's control, when it has messages to show.
fn push_step(html: &mut String, step: Step, window: &Window) {
    let (next, hidden) = counts(step, window);
    if hidden > 0 {
        html.push_str(&step_html(step, next, hidden));
    }
}

/// How many messages a step would show, and how many are beyond the page on its side.
fn counts(step: Step, window: &Window) -> (usize, usize) {
    match step {
        Step::Earlier => (window.next_earlier(), window.hidden_earlier()),
        Step::Newer => (window.next_newer(), window.hidden_newer()),
    }
}

/// Puts the added batch above the others (`older`) or below them, takes the dropped one
/// out, and brings both step controls up to date.
fn step(list: &Element, added: &str, older: bool, dropped: Option<usize>, window: &Window) {
    let (first, last) = edge_batches(list);
    let (anchor, position) = if older { (first, "beforebegin") } else { (last, "afterend") };
    if let Some(anchor) = anchor {
        let _ = anchor.insert_adjacent_html(position, added);
    }
    if let Some(dropped) = dropped {
        if let Ok(Some(batch)) = list.query_selector(&format!(".ksw-batch[data-batch=\"{dropped}\"]")) {
            batch.remove();
        }
    }
    control(list, Step::Earlier, window);
    control(list, Step::Newer, window);
}

/// The first (oldest) and last (newest) batch in the page.
fn edge_batches(list: &Element) -> (Option<Element>, Option<Element>) {
    let Ok(all) = list.query_selector_all(".ksw-batch") else { return (None, None) };
    let element = |index: u32| all.item(index).and_then(|node| node.dyn_into::<Element>().ok());
    (element(0), element(all.length().saturating_sub(1)))
}

/// Brings a step control up to date: its texts changed in place (so that a control
/// that has focus keeps it), added when it has become needed, removed when not.
fn control(list: &Element, step: Step, window: &Window) {
    let selector = match step {
        Step::Earlier => ".ksw-earlier",
        Step::Newer => ".ksw-newer",
    };
    let (next, hidden) = counts(step, window);
    match (list.query_selector(selector).ok().flatten(), hidden > 0) {
        (Some(existing), false) => existing.remove(),
        (Some(existing), true) => {
            let (label, note) = step_texts(step, next, hidden);
            for (part, text) in [("button", label), ("span", note)] {
                if let Ok(Some(element)) = existing.query_selector(part) {
                    element.set_text_content(Some(&text));
                }
            }
        }
        (None, true) => {
            let html = step_html(step, next, hidden);
            let _ = match step {
                Step::Earlier => list.insert_adjacent_html("afterbegin", &html),
                Step::Newer => match edge_batches(list).1 {
                    Some(last) => last.insert_adjacent_html("afterend", &html),
                    None => Ok(()),
                },
            };
        }
        (None, false) => {}
    }
}

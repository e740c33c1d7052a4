//! Find in the conversation: a bar under the header, opened by Find, `/` or Ctrl+F while
//! focus is inside the widget. It reads the pages not read yet (once), indexes the
//! messages in slices so that no task runs long, and then answers each keystroke from the
//! index. The match shown is put in the page (its batch drawn when it is not there), marked
//! (see `marks`) and scrolled to; its quoted history is opened when the match is in it.
//!
//! Matches are counted from the newest, as the view opens at the newest messages: Next
//! (Enter) goes back in time, Previous (Shift+Enter) forward.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::marks::{mark, marks_in, unmark};
use super::messages::{scroll_to, Reader};
use crate::browser::fold::fold;
use crate::conversation::find::{search, Entry, Found, Part, Query};
use crate::conversation::Thread;
use crate::kustomer::errors::{explain, Reading};
use crate::render::html::Html;
use crate::strings;
use crate::ui::load::Task;
use crate::ui::EnvHandle;

/// Index building yields to the page after this long, so that typing stays smooth.
const SLICE_MS: f64 = 8.0;

/// What find knows, kept by the conversation view so that it outlives the message list
/// (which a look for changes may draw again).
pub struct Find {
    env: EnvHandle,
    /// The list on screen (weak: the list holds the finder).
    reader: RefCell<Weak<Reader>>,
    open: Cell<bool>,
    /// The bar's inputs as typed, to draw them again with the list.
    typed: RefCell<(String, String, String)>,
    query: RefCell<Query>,
    entries: RefCell<Rc<Vec<Entry>>>,
    /// The messages the index was built from: how many, and the newest's and oldest's ids.
    indexed: RefCell<Option<(usize, String, String)>>,
    found: RefCell<Found>,
    current: Cell<usize>,
    /// A match whose email frame is loading: shown when it has loaded.
    waiting: Cell<Option<(usize, usize, Part)>>,
    preparing: Cell<bool>,
    /// The mark shown as current.
    current_mark: RefCell<Option<Element>>,
    /// Why not every page could be read, once said.
    problem: RefCell<Option<String>>,
    task: Task,
}

impl Find {
    pub fn new(env: EnvHandle) -> Rc<Find> {
        Rc::new(Find {
            env,
            reader: RefCell::new(Weak::new()),
            open: Cell::new(false),
            typed: RefCell::default(),
            query: RefCell::default(),
            entries: RefCell::default(),
            indexed: RefCell::new(None),
            found: RefCell::default(),
            current: Cell::new(0),
            waiting: Cell::new(None),
            preparing: Cell::new(false),
            current_mark: RefCell::new(None),
            problem: RefCell::new(None),
            task: Task::new(),
        })
    }

    /// The list now on screen; a search in progress carries over to it.
    pub fn attach(self: &Rc<Self>, reader: &Rc<Reader>) {
        *self.reader.borrow_mut() = Rc::downgrade(reader);
        if self.open.get() {
            self.prepare();
        }
    }

    pub fn reader(&self) -> Option<Rc<Reader>> {
        self.reader.borrow().upgrade()
    }

    fn bar(&self) -> Option<Element> {
        self.reader()?.section()?.query_selector(".ksw-find").ok().flatten()
    }

    fn field(&self, class: &str) -> Option<Element> {
        self.bar()?.query_selector(class).ok().flatten()
    }

    /// The bar's markup, as the search stands.
    pub fn bar_html(&self, thread: &Thread) -> String {
        let (text, channel, sender) = self.typed.borrow().clone();
        let mut html = Html::new();
        let hidden = (!self.open.get()).then_some("");
        html.open("div", &[("class", Some("ksw-find")), ("role", Some("search")), ("hidden", hidden)]);
        html.open(
            "input",
            &[
                ("type", Some("search")),
                ("class", Some("ksw-find-text")),
                ("aria-label", Some(strings::FIND_LABEL)),
                ("placeholder", Some(strings::FIND_LABEL)),
                ("value", Some(&text)),
            ],
        );
        let channels: Vec<(String, String)> =
            thread.conversation.channels.iter().map(|c| (c.slug().to_string(), c.label())).collect();
        select(&mut html, "ksw-find-channel", strings::FIND_CHANNEL, strings::ALL_CHANNELS, &channels, &channel);
        let mut senders = vec![("customer".to_string(), strings::THE_CUSTOMER.to_string())];
        senders.extend(thread.agents.iter().map(|(id, name)| (format!("agent:{id}"), name.clone())));
        senders.push(("automated".into(), strings::AUTOMATED.into()));
        select(&mut html, "ksw-find-sender", strings::FIND_SENDER, strings::ANYONE, &senders, &sender);
        html.element("span", &[("class", Some("ksw-find-status ksw-muted")), ("role", Some("status"))], "");
        for (action, label) in
            [("find-previous", strings::PREVIOUS), ("find-next", strings::NEXT), ("find-close", strings::CLOSE)]
        {
            html.element(
                "button",
                &[("type", Some("button")), ("class", Some("ksw-link-button")), ("data-action", Some(action))],
                label,
            );
        }
        html.close("div");
        html.finish()
    }

    /// Opens the bar (or puts the focus back in it), and gets the index ready.
    pub fn open(self: &Rc<Self>) {
        self.open.set(true);
        if let Some(bar) = self.bar() {
            let _ = bar.remove_attribute("hidden");
        }
        if let Some(input) = self.field(".ksw-find-text").and_then(|input| input.dyn_into::<HtmlElement>().ok()) {
            let _ = input.focus();
        }
        self.prepare();
    }

    /// Closes the bar and takes the marks away; the focus goes back to Find.
    pub fn close(&self) {
        self.open.set(false);
        *self.typed.borrow_mut() = Default::default();
        *self.query.borrow_mut() = Query::default();
        *self.found.borrow_mut() = Found::default();
        if let Some(bar) = self.bar() {
            let _ = bar.set_attribute("hidden", "");
            for field in [".ksw-find-text", ".ksw-find-channel", ".ksw-find-sender"] {
                if let Ok(Some(input)) = bar.query_selector(field) {
                    let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
                }
            }
        }
        self.redraw_marks();
        let button = self.reader().and_then(|reader| reader.section()).and_then(|section| {
            section.query_selector("[data-action=\"find\"]").ok().flatten()?.dyn_into::<HtmlElement>().ok()
        });
        if let Some(button) = button {
            let _ = button.focus();
        }
    }

    /// A key pressed inside the widget. `/` or Ctrl+F (⌘F) opens Find (a `/` typed in a
    /// field stays typed); in the find field, Enter and Shift+Enter step through the
    /// matches, and Escape in the bar closes it.
    pub fn key(self: &Rc<Self>, event: &web_sys::KeyboardEvent) {
        let key = event.key();
        let target = target_of(event);
        let in_field =
            target.as_ref().is_some_and(|target| matches!(target.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        let in_bar = target.as_ref().is_some_and(in_bar);
        let find_key = (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("f");
        match key.as_str() {
            "Enter" if in_bar && in_field => {
                event.prevent_default();
                self.step(if event.shift_key() { -1 } else { 1 });
            }
            "Escape" if in_bar => self.close(),
            _ if find_key || (key == "/" && !in_field) => {
                event.prevent_default();
                self.open();
            }
            _ => {}
        }
    }

    /// An `input` event inside the widget: the bar's fields search again.
    pub fn input(self: &Rc<Self>, event: &web_sys::Event) {
        if target_of(event).as_ref().is_some_and(in_bar) {
            self.typed();
        }
    }

    /// The bar's inputs changed: search again.
    fn typed(self: &Rc<Self>) {
        let value = |class: &str| {
            self.field(class)
                .and_then(|field| js_sys::Reflect::get(&field, &"value".into()).ok())
                .and_then(|value| value.as_string())
                .unwrap_or_default()
        };
        let typed = (value(".ksw-find-text"), value(".ksw-find-channel"), value(".ksw-find-sender"));
        let some = |text: &str| (!text.is_empty()).then(|| text.to_string());
        // No query holds the characters that part a message's text (see `find::PART`).
        let text: String = typed.0.trim().chars().filter(|c| !c.is_control()).collect();
        *self.query.borrow_mut() = Query { text: fold(&text), channel: some(&typed.1), sender: some(&typed.2) };
        *self.typed.borrow_mut() = typed;
        self.run();
    }

    /// Next (`1`, back in time) or previous (`-1`) match.
    pub fn step(&self, by: isize) {
        let total = self.found.borrow().total;
        if total == 0 {
            return;
        }
        let current = (self.current.get() as isize + by).rem_euclid(total as isize);
        self.current.set(current as usize);
        self.show_current();
    }

    /// Reads the pages not read yet and builds the index, once for a thread; then searches.
    fn prepare(self: &Rc<Self>) {
        let Some(reader) = self.reader() else { return };
        if self.preparing.replace(true) {
            return;
        }
        let find = self.clone();
        self.task.spawn(async move {
            let Some(env) = find.env.try_get_value() else { return };
            if reader.thread().pages.unread() > 0 {
                find.status(&strings::reading_pages(strings::SEARCHING_PAGES, 0, 0));
                let progress =
                    |done, total| find.status(&strings::reading_pages(strings::SEARCHING_PAGES, done, total));
                if let Err(error) = reader.read_everything(&progress).await {
                    *find.problem.borrow_mut() = Some(strings::pages_failed(&explain(&error, Reading::Messages)));
                }
            }
            let thread = reader.thread();
            let messages = &thread.messages;
            let id = |index: usize| messages.get(index).map(|message| message.id).unwrap_or_default();
            let key = Some((messages.len(), id(0), id(messages.len().saturating_sub(1))));
            if *find.indexed.borrow() != key {
                find.status(strings::SEARCHING);
                let mut entries = Vec::with_capacity(messages.len());
                let mut slice = env.clock.now_ms();
                for index in 0..messages.len() {
                    if let Some(message) = messages.get(index) {
                        entries.push(Entry::new(&message, &fold));
                    }
                    if env.clock.now_ms() - slice > SLICE_MS {
                        env.clock.sleep(0).await;
                        slice = env.clock.now_ms();
                    }
                }
                *find.entries.borrow_mut() = Rc::new(entries);
                *find.indexed.borrow_mut() = key;
            }
            find.preparing.set(false);
            find.run();
        });
    }

    /// Searches with the query as it stands, and shows the newest match.
    fn run(&self) {
        if self.preparing.get() {
            return;
        }
        let entries = self.entries.borrow().clone();
        let found = search(&entries, &self.query.borrow());
        *self.found.borrow_mut() = found;
        self.current.set(0);
        self.redraw_marks();
        self.show_current();
    }

    /// "3 of 17", "No matches", or nothing before a query; and why not every page was read.
    fn say(&self) {
        let total = self.found.borrow().total;
        let mut line = match (self.query.borrow().is_active(), total) {
            (false, _) => String::new(),
            (true, 0) => strings::NO_MATCHES.to_string(),
            (true, _) => strings::match_of(self.current.get() + 1, total),
        };
        if let Some(problem) = &*self.problem.borrow() {
            line = format!("{line} {problem}");
        }
        self.status(line.trim());
    }

    fn status(&self, text: &str) {
        if let Some(status) = self.field(".ksw-find-status") {
            status.set_text_content(Some(text));
        }
    }

    /// Marks every message in the page that has matches, and nothing else.
    pub fn redraw_marks(&self) {
        let Some(reader) = self.reader() else { return };
        let Some(list) = reader.list() else { return };
        unmark(&list);
        if let Ok(found) = list.query_selector_all("[data-found]") {
            for index in 0..found.length() {
                if let Some(element) = found.item(index).and_then(|node| node.dyn_into::<Element>().ok()) {
                    let _ = element.remove_attribute("data-found");
                }
            }
        }
        let query = self.query.borrow();
        for (index, element) in reader.page_messages() {
            let frame = frame_body(&element);
            if let Some(body) = &frame {
                unmark(body);
            }
            if query.text.is_empty() {
                continue;
            }
            let (count, quoted) = self.found.borrow().in_message(&self.entries.borrow(), &query, index);
            if count == 0 {
                continue;
            }
            let (before, after) = roots(&element);
            for root in before.iter().chain(&after) {
                mark(root, &query.text);
            }
            if quoted && open_email_quote(&element) {
                // The frame is drawn again with its quoted history; it is marked on load.
                continue;
            }
            if let Some(body) = frame {
                mark(&body, &query.text);
            }
        }
    }

    /// An email frame in the list has loaded: marked, and its match shown if one waits.
    pub fn frame_loaded(&self, frame: &Element) {
        let query = self.query.borrow().clone();
        if let Ok(Some(email)) = frame.closest(".ksw-email") {
            let _ = email.remove_attribute("data-loading");
        }
        let Some(element) = frame.closest(".ksw-message").ok().flatten() else { return };
        let (Some(reader), Some(body)) = (self.reader(), frame_body(&element)) else { return };
        if query.text.is_empty() {
            return;
        }
        let Some(index) = reader.index_of(&element) else { return };
        if self.found.borrow().in_message(&self.entries.borrow(), &query, index).0 > 0 {
            mark(&body, &query.text);
        }
        if let Some((message, nth, part)) = self.waiting.get() {
            if message == index {
                self.waiting.set(None);
                self.emphasise(&element, nth, part, &query);
            }
        }
    }

    /// Puts the current match in the page, marked as current, and scrolls to it.
    fn show_current(&self) {
        self.say();
        let query = self.query.borrow().clone();
        let spot = self.found.borrow().spot(&self.entries.borrow(), &query, self.current.get());
        let (Some(spot), Some(reader)) = (spot, self.reader()) else { return };
        let Some((element, drawn)) = reader.show(spot.message) else { return };
        if drawn {
            self.redraw_marks();
        }
        self.emphasise(&element, spot.nth, spot.part, &query);
    }

    fn emphasise(&self, element: &Element, nth: usize, part: Part, query: &Query) {
        if let Some(previous) = self.current_mark.borrow_mut().take() {
            previous.set_class_name("ksw-mark");
        }
        if query.text.is_empty() {
            let _ = element.set_attribute("data-found", "");
            scroll_to(element);
            return;
        }
        let frame = frame_body(element);
        let email = element.query_selector(".ksw-email").ok().flatten();
        if email.as_ref().is_some_and(|email| frame.is_none() || email.has_attribute("data-loading")) {
            // Its frame is loading: the match is shown when it has loaded.
            self.waiting.set(Some((self.reader().and_then(|r| r.index_of(element)).unwrap_or(0), nth, part)));
            return;
        }
        let (before, after) = roots(element);
        let mut marks = marks_in(&before);
        if let Some(body) = &frame {
            marks.extend(marks_in(std::slice::from_ref(body)));
        }
        marks.extend(marks_in(&after));
        match marks.get(nth) {
            Some(current) => {
                current.set_class_name("ksw-mark ksw-current");
                *self.current_mark.borrow_mut() = Some(current.clone());
                // A match in a plain-text reply's quoted history: the history is opened.
                if let Some(quoted) = current.closest(".ksw-quoted[hidden]").ok().flatten() {
                    if let Some(toggle) = quoted.previous_element_sibling() {
                        if let Some(button) = toggle.dyn_ref::<HtmlElement>() {
                            button.click();
                        }
                    }
                }
                scroll_to(current);
            }
            // A match the page marks otherwise (across elements): its message is shown.
            None => scroll_to(element),
        }
    }
}

fn target_of(event: &web_sys::Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

fn in_bar(element: &Element) -> bool {
    element.closest(".ksw-find").ok().flatten().is_some()
}

/// The parts of a message find marks outside its email frame: before the frame (the
/// subject, a text's own part and its quoted history) and after it (attachment names).
fn roots(element: &Element) -> (Vec<Element>, Vec<Element>) {
    let all = |selector: &str| {
        let Ok(found) = element.query_selector_all(selector) else { return Vec::new() };
        (0..found.length()).filter_map(|i| found.item(i)?.dyn_into::<Element>().ok()).collect()
    };
    (all(".ksw-email-subject, .ksw-text"), all(".ksw-file-name"))
}

/// The body of a message's email frame once its document has loaded.
fn frame_body(element: &Element) -> Option<Element> {
    let frame = element.query_selector("iframe.ksw-email-frame").ok().flatten()?;
    let document = frame.dyn_into::<web_sys::HtmlIFrameElement>().ok()?.content_document()?;
    if document.ready_state() != "complete" || document.url().ok()?.as_str() != "about:srcdoc" {
        return None;
    }
    // Unchecked: the body belongs to the frame's realm.
    document.query_selector("body").ok().flatten()
}

/// Opens an email's quoted history for a match in it; true when its frame is drawn again.
fn open_email_quote(element: &Element) -> bool {
    let Some(email) = element.query_selector(".ksw-email:not([data-quoted])").ok().flatten() else { return false };
    let toggle =
        email.query_selector(".ksw-quote-toggle").ok().flatten().and_then(|b| b.dyn_into::<HtmlElement>().ok());
    match toggle {
        Some(button) => {
            // Until the frame has loaded again, its document is the one without the history.
            let _ = email.set_attribute("data-loading", "");
            button.click();
            true
        }
        None => false,
    }
}

/// A `select` of `options` (value, label) after an option for none, `chosen` selected.
fn select(html: &mut Html, class: &'static str, label: &str, none: &str, options: &[(String, String)], chosen: &str) {
    html.open("select", &[("class", Some(class)), ("aria-label", Some(label))]);
    html.element("option", &[("value", Some(""))], none);
    for (value, text) in options {
        let selected = (value == chosen).then_some("");
        html.element("option", &[("value", Some(value)), ("selected", selected)], text);
    }
    html.close("select");
}

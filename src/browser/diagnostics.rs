//! A mount's diagnostics in the page: its records kept (the last 50, repeats folded; see
//! [`crate::diagnostics::Log`]) for `handle.diagnostics()` and "Copy diagnostics", and each
//! new one announced to the host as a `ksw-diagnostic` event on the mount element, at most
//! ten a minute. The Case page component logs them to Event Monitoring; the Kustomer card
//! writes them to the console.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::config::View;
use crate::diagnostics::{Log, Record};

/// The event's name, which hosts listen for.
pub const EVENT: &str = "ksw-diagnostic";

pub struct Diagnostics {
    log: RefCell<Log>,
    /// The mount element, until `unmount()`: the records outlive the mount (a host may
    /// still ask for them), the element does not.
    element: RefCell<Option<HtmlElement>>,
    view: View,
}

impl Diagnostics {
    pub fn new(element: HtmlElement, view: View) -> Rc<Diagnostics> {
        Rc::new(Diagnostics { log: RefCell::new(Log::new()), element: RefCell::new(Some(element)), view })
    }

    /// The view the records are about.
    pub fn view(&self) -> View {
        self.view
    }

    /// Keeps `record` and announces it after the current task, so that a host which adds
    /// its listener right after `mount()` returns still hears what the mount found.
    pub fn add(&self, record: Record) {
        let Some(record) = self.keep(record) else { return };
        if let Some(element) = self.element.borrow().clone() {
            wasm_bindgen_futures::spawn_local(async move { announce(&element, &record) });
        }
    }

    /// Keeps `record` and announces it at once: for a panic, after which the module runs
    /// no task again.
    pub fn add_now(&self, record: Record) {
        let Some(record) = self.keep(record) else { return };
        if let Some(element) = self.element.try_borrow().ok().and_then(|element| element.clone()) {
            announce(&element, &record);
        }
    }

    /// Lets go of the mount element: the widget was unmounted.
    pub fn detach(&self) {
        self.element.replace(None);
    }

    fn keep(&self, record: Record) -> Option<Record> {
        // A record made while the log is read (a listener that asks for the records from
        // inside the event) is dropped rather than failing.
        self.log.try_borrow_mut().ok()?.add(record, js_sys::Date::now())
    }

    /// The last records, oldest first, as plain objects.
    pub fn records(&self) -> JsValue {
        let records: js_sys::Array = self.log.borrow().last().iter().map(as_object).collect();
        records.into()
    }

    /// The last records, one line each, for a support ticket.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self.log.borrow().last().iter().map(Record::to_line).collect();
        lines.join("\n")
    }
}

fn as_object(record: &Record) -> JsValue {
    js_sys::JSON::parse(&crate::json::compact(&record.to_json())).unwrap_or(JsValue::NULL)
}

fn announce(element: &HtmlElement, record: &Record) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&as_object(record));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(EVENT, &init) {
        let _ = element.dispatch_event(&event);
    }
}

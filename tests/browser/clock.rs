//! The browser clock's sleeps. Every request races one against its answer, and a load that
//! stops drops its sleeps before their time.

use std::cell::Cell;
use std::rc::Rc;

use kustomer_salesforce_widget::browser::clock::BrowserClock;
use kustomer_salesforce_widget::transport::Clock;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use crate::support::sleep;

#[wasm_bindgen_test]
async fn a_sleep_dropped_before_its_time_never_calls_back() {
    // A timer left running would call the sleep's callback after the callback was freed,
    // which throws on the page: an `error` event on the window.
    let window = web_sys::window().unwrap();
    let errors = Rc::new(Cell::new(0));
    let counted = errors.clone();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| counted.set(counted.get() + 1));
    window.add_event_listener_with_callback("error", listener.as_ref().unchecked_ref()).unwrap();
    for _ in 0..3 {
        drop(BrowserClock.sleep(5));
    }
    sleep(60).await;
    window.remove_event_listener_with_callback("error", listener.as_ref().unchecked_ref()).unwrap();
    assert_eq!(errors.get(), 0, "a dropped sleep's timer fired");
}

#[wasm_bindgen_test]
async fn a_sleep_kept_ends_after_its_time() {
    let started = js_sys::Date::now();
    BrowserClock.sleep(30).await;
    assert!(js_sys::Date::now() - started >= 29.0, "woke after {} ms", js_sys::Date::now() - started);
}

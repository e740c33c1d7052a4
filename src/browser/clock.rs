//! The browser's clock: `Date.now()` and `setTimeout`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use wasm_bindgen::prelude::*;

use crate::transport::{Clock, LocalFuture};

pub struct BrowserClock;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn sleep(&self, ms: u32) -> LocalFuture<'static, ()> {
        Box::pin(Sleep::new(ms))
    }
}

/// What the timer's callback and the future share.
#[derive(Default)]
struct Alarm {
    rung: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// A `setTimeout` as a future whose timer is cleared when it is dropped. Every request
/// races one of these against its answer: a timer left running after the answer came kept
/// its callback, its promise and the task's waker for the whole timeout (20 s by default),
/// 1000 of them after 100 views of a conversation.
struct Sleep {
    alarm: Rc<Alarm>,
    timer: JsValue,
    /// Owned here so that dropping the future frees the callback with the timer.
    _callback: Closure<dyn FnMut()>,
}

impl Sleep {
    fn new(ms: u32) -> Sleep {
        let alarm = Rc::new(Alarm::default());
        let rung = alarm.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            rung.rung.set(true);
            if let Some(waker) = rung.waker.take() {
                waker.wake();
            }
        });
        let timer = set_timeout(callback.as_ref().unchecked_ref(), ms);
        Sleep { alarm, timer, _callback: callback }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.alarm.rung.get() {
            return Poll::Ready(());
        }
        *self.alarm.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if !self.alarm.rung.get() {
            clear_timeout(&self.timer);
        }
    }
}

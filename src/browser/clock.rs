//! The browser's clock: `Date.now()` and `setTimeout`.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::transport::{Clock, LocalFuture};

pub struct BrowserClock;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: u32) -> JsValue;
}

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn sleep(&self, ms: u32) -> LocalFuture<'static, ()> {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            set_timeout(&resolve, ms);
        });
        Box::pin(async move {
            // A timer promise never rejects.
            let _ = JsFuture::from(promise).await;
        })
    }
}

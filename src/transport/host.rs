//! The host transport: the page that mounted the widget carries each request with its
//! own `hostFetch({service, method, path})`, which resolves to `{status, headers, body}`.
//! This is how the Salesforce LWC (Apex with a named credential) and the Kustomer card
//! (`Kustomer.request`, app commands) give the widget data without giving it a secret.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::{before, Clock, FetchError, LocalFuture, Request, Response, Transport};
use crate::browser::clock::BrowserClock;
use crate::browser::intl::describe;

pub struct HostTransport {
    host_fetch: js_sys::Function,
    timeout_ms: u32,
}

impl HostTransport {
    pub fn new(host_fetch: js_sys::Function, timeout_ms: u32) -> Self {
        HostTransport { host_fetch, timeout_ms }
    }
}

impl Transport for HostTransport {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            let service = request.service;
            let argument = js_sys::Object::new();
            for (key, value) in [("service", service.name()), ("method", "GET"), ("path", request.path.as_str())] {
                let _ = js_sys::Reflect::set(&argument, &JsValue::from_str(key), &JsValue::from_str(value));
            }
            let returned = self
                .host_fetch
                .call1(&JsValue::NULL, &argument)
                .map_err(|error| FetchError::Host { detail: format!("hostFetch threw: {}", describe(&error)) })?;
            // A plain value is accepted as an already-resolved answer.
            let promise = js_sys::Promise::resolve(&returned);
            let work = Box::pin(async move {
                let resolved = JsFuture::from(promise)
                    .await
                    .map_err(|error| FetchError::Network { service, detail: describe(&error) })?;
                read_response(&resolved)
            });
            match before(work, BrowserClock.sleep(self.timeout_ms)).await {
                Some(result) => result,
                None => Err(FetchError::Timeout { service, after_ms: self.timeout_ms }),
            }
        })
    }
}

/// Checks the contract's shape: an object with an integer `status`, a string `body` and
/// a `headers` object (optional) whose values are strings.
fn read_response(value: &JsValue) -> Result<Response, FetchError> {
    let broken = |detail: String| FetchError::Host { detail };
    if !value.is_object() {
        return Err(broken(format!("expected it to resolve to {{status, headers, body}}, got {}", type_of(value))));
    }
    let get = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let status = get("status")
        .as_f64()
        .filter(|status| status.fract() == 0.0 && (100.0..=599.0).contains(status))
        .ok_or_else(|| broken(format!("status must be an HTTP status number, got {}", type_of(&get("status")))))?;
    let body_value = get("body");
    let body = if body_value.is_undefined() || body_value.is_null() {
        String::new()
    } else {
        crate::browser::text::string(&body_value)
            .ok_or_else(|| broken(format!("body must be the raw text, got {}", type_of(&body_value))))?
    };
    let mut headers = Vec::new();
    let headers_value = get("headers");
    if !(headers_value.is_undefined() || headers_value.is_null()) {
        if !headers_value.is_object() {
            return Err(broken(format!("headers must be an object, got {}", type_of(&headers_value))));
        }
        let object: &js_sys::Object = headers_value.unchecked_ref();
        for entry in js_sys::Object::entries(object).iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                headers.push((name.to_ascii_lowercase(), value));
            }
        }
    }
    Ok(Response { status: status as u16, headers, body })
}

fn type_of(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "something else".to_string())
    }
}

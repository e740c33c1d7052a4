//! The proxy transport: `GET {base}{path}` with the browser's fetch, for a self-hosted
//! proxy that adds the credentials (and for `trunk serve`'s dev proxy). The URL is used
//! exactly as built: Salesforce's `nextRecordsUrl` must be fetched with no parameters
//! added.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit};

use super::{before, Clock, FetchError, LocalFuture, Request, Response, Service, Transport};
use crate::browser::clock::BrowserClock;
use crate::browser::intl::describe;
use crate::config::ProxyConfig;

pub struct ProxyTransport {
    config: ProxyConfig,
}

impl ProxyTransport {
    pub fn new(config: ProxyConfig) -> Self {
        ProxyTransport { config }
    }

    fn url(&self, request: &Request) -> String {
        let base = match request.service {
            Service::Kustomer => &self.config.kustomer,
            Service::Salesforce => &self.config.salesforce,
        };
        format!("{}{}", base.trim_end_matches('/'), request.path)
    }
}

impl Transport for ProxyTransport {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            let service = request.service;
            let network = move |error: JsValue| FetchError::Network { service, detail: describe(&error) };
            let controller = AbortController::new().ok();
            let init = RequestInit::new();
            init.set_method("GET");
            if let Some(controller) = &controller {
                init.set_signal(Some(&controller.signal()));
            }
            // Stops the request rather than let it finish unseen, whether it timed out or the
            // load that asked for it stopped (its view was disposed) and dropped this future.
            let _abort = AbortOnDrop(controller);
            let url = self.url(request);
            let work = Box::pin(async move {
                let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
                let answer = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await.map_err(network)?;
                let answer: web_sys::Response = answer.dyn_into().map_err(network)?;
                let mut headers = Vec::new();
                if let Ok(Some(entries)) = js_sys::try_iter(&answer.headers()) {
                    for entry in entries.flatten() {
                        let pair: js_sys::Array = entry.unchecked_into();
                        if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                            headers.push((name.to_ascii_lowercase(), value));
                        }
                    }
                }
                let body = JsFuture::from(answer.text().map_err(network)?).await.map_err(network)?;
                Ok(Response {
                    status: answer.status(),
                    headers,
                    body: crate::browser::text::string(&body).unwrap_or_default(),
                })
            });
            let after_ms = self.config.timeout_ms;
            match before(work, BrowserClock.sleep(after_ms)).await {
                Some(result) => result,
                None => Err(FetchError::Timeout { service, after_ms }),
            }
        })
    }
}

/// Aborts its request when dropped. Once the body has been read, aborting does nothing.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

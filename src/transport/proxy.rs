//! The proxy transport: `GET {base}{path}` with the browser's fetch, for a self-hosted
//! proxy that adds the credentials (and for `trunk serve`'s dev proxy).

use gloo_net::http::Request as HttpRequest;
use web_sys::AbortController;

use super::{before, Clock, FetchError, LocalFuture, Request, Response, Service, Transport};
use crate::browser::clock::BrowserClock;
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
            let controller = AbortController::new().ok();
            let signal = controller.as_ref().map(|c| c.signal());
            let url = self.url(request);
            let work = Box::pin(async move {
                let response = HttpRequest::get(&url)
                    .abort_signal(signal.as_ref())
                    .header("accept", "application/json")
                    .send()
                    .await
                    .map_err(|error| FetchError::Network { service, detail: error.to_string() })?;
                let headers =
                    response.headers().entries().map(|(name, value)| (name.to_ascii_lowercase(), value)).collect();
                let body = response
                    .text()
                    .await
                    .map_err(|error| FetchError::Network { service, detail: error.to_string() })?;
                Ok(Response { status: response.status(), headers, body })
            });
            let after_ms = self.config.timeout_ms;
            match before(work, BrowserClock.sleep(after_ms)).await {
                Some(result) => result,
                None => {
                    // Stop the request rather than let it finish unseen.
                    if let Some(controller) = controller {
                        controller.abort();
                    }
                    Err(FetchError::Timeout { service, after_ms })
                }
            }
        })
    }
}

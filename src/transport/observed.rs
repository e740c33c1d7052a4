//! Every request that fails, as a diagnostic record for the admin. It sits next to the
//! wire, so it sees what the wire shows (no answer, a timeout, an error status) and times
//! it; the clients tell it, through [`Transport::report`], what only a parser finds (an
//! answer that is not in the shape the API documents). Records are built from typed
//! fields (see [`crate::diagnostics`]): no answer's text reaches them.

use std::rc::Rc;

use super::{Clock, FetchError, LocalFuture, Request, Response, Service, Transport};
use crate::config::View;
use crate::diagnostics::Record;

/// Where records go: the mount's log, which folds, caps and announces them.
pub type Sink = Rc<dyn Fn(Record)>;

pub struct Observed {
    inner: Rc<dyn Transport>,
    clock: Rc<dyn Clock>,
    view: View,
    sink: Sink,
}

impl Observed {
    pub fn new(inner: Rc<dyn Transport>, clock: Rc<dyn Clock>, view: View, sink: Sink) -> Self {
        Observed { inner, clock, view, sink }
    }
}

impl Transport for Observed {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            let started = self.clock.now_ms();
            let answer = self.inner.get(request).await;
            let error = match &answer {
                Err(error) => Some(error.clone()),
                Ok(response) if !response.is_success() => Some(status_error(request.service, response)),
                Ok(_) => None,
            };
            if let Some(error) = error {
                // `as` saturates, and a clock that gives NaN gives 0: never a panic.
                let duration_ms = (self.clock.now_ms() - started).max(0.0) as u32;
                (self.sink)(Record::from_fetch_error(self.view, request, &error).with_duration_ms(duration_ms));
            }
            answer
        })
    }

    fn rate(&self) -> Option<(u64, u64)> {
        self.inner.rate()
    }

    fn report(&self, request: &Request, error: &FetchError) {
        (self.sink)(Record::from_fetch_error(self.view, request, error));
    }
}

/// An error status read the way the service's client reads it, for its error code. Only
/// the Insight Card asks Salesforce: the Case page's module leaves its reader out.
fn status_error(service: Service, response: &Response) -> FetchError {
    match service {
        Service::Kustomer => crate::kustomer::client::http_error(response),
        #[cfg(feature = "insight")]
        Service::Salesforce => crate::salesforce::client::http_error(response),
        #[cfg(not(feature = "insight"))]
        Service::Salesforce => FetchError::Http { service, status: response.status, code: None, message: None },
    }
}

#[cfg(test)]
#[path = "observed_tests.rs"]
mod tests;

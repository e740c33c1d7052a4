//! The demo transport: requests answered by the embedded demo org, with the latency of
//! its scenario.

use std::rc::Rc;

use super::{Clock, FetchError, LocalFuture, Request, Response, Transport};
use crate::config::Scenario;
use crate::demo::DemoOrg;

/// The demo org as a [`Transport`].
pub struct DemoTransport {
    org: DemoOrg,
    clock: Rc<dyn Clock>,
}

impl DemoTransport {
    pub fn new(scenario: Scenario, clock: Rc<dyn Clock>) -> Self {
        DemoTransport { org: DemoOrg::new(scenario), clock }
    }
}

impl Transport for DemoTransport {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            let latency = self.org.latency_ms();
            if latency > 0 {
                self.clock.sleep(latency).await;
            }
            if self.org.scenario() == Scenario::Offline {
                return Err(FetchError::Network { service: request.service, detail: "the demo org is offline".into() });
            }
            Ok(self.org.respond(request, self.clock.now_ms()))
        })
    }
}

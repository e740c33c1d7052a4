//! At most a few requests in flight per widget, and one pause for all of them when
//! Kustomer says its rate limit is reached. A browser opens at most six connections to a
//! host, and a Lightning page shares them with the widget's relay; four leave the page its
//! own. A `429` means the org's shared budget is spent for the moment: every request
//! waits for `x-ratelimit-reset` rather than each finding out on its own.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use super::{Clock, FetchError, LocalFuture, Request, Response, Transport};

/// Requests in flight at once, per widget.
pub const MAX_IN_FLIGHT: usize = 4;
/// The longest pause one `429` imposes, whatever its reset header says.
const MAX_PAUSE_MS: f64 = 30_000.0;

pub struct Limited {
    inner: Rc<dyn Transport>,
    clock: Rc<dyn Clock>,
    gate: Rc<Gate>,
}

#[derive(Default)]
struct Gate {
    max: usize,
    in_flight: Cell<usize>,
    /// The most that were ever in flight, for measurements.
    peak: Cell<usize>,
    waiting: RefCell<Vec<Waker>>,
    /// No request starts before this time (ms since the epoch).
    paused_until_ms: Cell<f64>,
    /// Kustomer's rate limit as its latest answer told it: remaining, limit.
    rate: Cell<Option<(u64, u64)>>,
}

impl Limited {
    pub fn new(inner: Rc<dyn Transport>, clock: Rc<dyn Clock>, max_in_flight: usize) -> Self {
        let gate = Gate { max: max_in_flight.max(1), ..Gate::default() };
        Limited { inner, clock, gate: Rc::new(gate) }
    }

    /// The most requests that were in flight at once.
    pub fn peak(&self) -> usize {
        self.gate.peak.get()
    }
}

impl Transport for Limited {
    fn rate(&self) -> Option<(u64, u64)> {
        self.gate.rate.get()
    }

    fn report(&self, request: &Request, error: &FetchError) {
        self.inner.report(request, error);
    }

    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        Box::pin(async move {
            let permit = Acquire { gate: self.gate.clone() }.await;
            loop {
                let wait = self.gate.paused_until_ms.get() - self.clock.now_ms();
                if wait <= 0.0 {
                    break;
                }
                self.clock.sleep(wait.min(MAX_PAUSE_MS) as u32).await;
            }
            let response = self.inner.get(request).await;
            if let Ok(response) = &response {
                let number = |name: &str| response.header(name).and_then(|value| value.trim().parse::<u64>().ok());
                if let (Some(remaining), Some(limit)) = (number("x-ratelimit-remaining"), number("x-ratelimit-limit")) {
                    self.gate.rate.set(Some((remaining, limit)));
                }
                if response.status == 429 {
                    let until = pause_until(response, self.clock.now_ms());
                    if until > self.gate.paused_until_ms.get() {
                        self.gate.paused_until_ms.set(until);
                    }
                }
            }
            drop(permit);
            response
        })
    }
}

/// When a `429`'s window reopens: `x-ratelimit-reset` (epoch seconds), within bounds; a
/// second when it does not say.
fn pause_until(response: &Response, now_ms: f64) -> f64 {
    match response.header("x-ratelimit-reset").and_then(|value| crate::kustomer::client::seconds_as_ms(value.trim())) {
        // `max` then `min`, not `clamp`: clamp's check would bring float formatting (20 KB
        // of tables) into the module for its panic message.
        #[allow(clippy::manual_clamp)]
        Some(reset_ms) => (reset_ms as f64).max(now_ms).min(now_ms + MAX_PAUSE_MS),
        None => now_ms + 1000.0,
    }
}

struct Acquire {
    gate: Rc<Gate>,
}

impl Future for Acquire {
    type Output = Permit;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        let gate = &self.gate;
        if gate.in_flight.get() < gate.max {
            gate.in_flight.set(gate.in_flight.get() + 1);
            gate.peak.set(gate.peak.get().max(gate.in_flight.get()));
            Poll::Ready(Permit { gate: gate.clone() })
        } else {
            gate.waiting.borrow_mut().push(cx.waker().clone());
            Poll::Pending
        }
    }
}

/// A place in flight, given back when dropped: a request that is cancelled (its view was
/// torn down) frees its place too.
struct Permit {
    gate: Rc<Gate>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.gate.in_flight.set(self.gate.in_flight.get() - 1);
        // Every waiter is woken, not the first alone: a waiter may be gone (its load stopped
        // and dropped the request before it started) or listed twice, and a wake-up given to
        // it would leave a live request waiting for good. Those with no place wait again.
        let waiting = std::mem::take(&mut *self.gate.waiting.borrow_mut());
        for waker in waiting {
            waker.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{FakeClock, Waves};
    use crate::transport::{join_all, Service};

    #[test]
    fn no_more_than_four_requests_are_in_flight_and_all_are_answered() {
        let waves = Waves::new(|_| Response::new(200, "{}"));
        let clock = FakeClock::at(0.0);
        let limited = Limited::new(waves.clone(), clock, MAX_IN_FLIGHT);
        let requests: Vec<Request> = (0..10).map(|n| Request::new(Service::Kustomer, format!("/v1/x/{n}"))).collect();
        let (answers, ticks) = waves.run(join_all(requests.iter().map(|request| limited.get(request)).collect()));
        assert_eq!(answers.len(), 10);
        assert!(answers.iter().all(Result::is_ok));
        assert_eq!(limited.peak(), 4);
        assert_eq!(waves.peak(), 4);
        assert_eq!(ticks, 3, "ten requests, four at a time: three round trips");
    }

    /// Counts its wake-ups.
    #[derive(Default)]
    struct Woken(std::sync::atomic::AtomicUsize);

    impl std::task::Wake for Woken {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// A transport whose answers wait until `open` is set.
    struct Held {
        open: Rc<Cell<bool>>,
    }

    impl Transport for Held {
        fn get<'a>(&'a self, _: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
            let open = self.open.clone();
            Box::pin(std::future::poll_fn(move |_| {
                if open.get() {
                    Poll::Ready(Ok(Response::new(200, "{}")))
                } else {
                    Poll::Pending
                }
            }))
        }
    }

    #[test]
    fn a_request_dropped_while_waiting_for_a_place_does_not_keep_the_next_one_waiting() {
        let open = Rc::new(Cell::new(false));
        let limited = Limited::new(Rc::new(Held { open: open.clone() }), FakeClock::at(0.0), 1);
        let request = Request::new(Service::Kustomer, "/v1/x");
        let poll = |future: &mut LocalFuture<'_, Result<Response, FetchError>>, woken: &std::sync::Arc<Woken>| {
            let waker = Waker::from(woken.clone());
            future.as_mut().poll(&mut Context::from_waker(&waker)).is_ready()
        };
        let (first_woken, dropped_woken, next_woken) = (
            std::sync::Arc::new(Woken::default()),
            std::sync::Arc::new(Woken::default()),
            std::sync::Arc::new(Woken::default()),
        );
        let mut first = limited.get(&request);
        assert!(!poll(&mut first, &first_woken), "the first request is in flight");
        // A load that stopped drops its request while the request waits for a place.
        let mut dropped = limited.get(&request);
        assert!(!poll(&mut dropped, &dropped_woken));
        drop(dropped);
        let mut next = limited.get(&request);
        assert!(!poll(&mut next, &next_woken), "one place, taken");
        open.set(true);
        assert!(poll(&mut first, &first_woken), "the first request is answered and gives its place back");
        assert_eq!(next_woken.0.load(std::sync::atomic::Ordering::Relaxed), 1, "the waiting request is told");
        assert!(poll(&mut next, &next_woken));
    }

    #[test]
    fn a_429_pauses_every_request_until_the_window_reopens() {
        let clock = FakeClock::at(1_000_000.0);
        let waves = Waves::new(|request| {
            if request.path == "/v1/limited" {
                Response::new(429, "{}").with_header("x-ratelimit-reset", "1005")
            } else {
                Response::new(200, "{}")
            }
        });
        let limited = Limited::new(waves.clone(), clock.clone(), 1);
        let first = Request::new(Service::Kustomer, "/v1/limited");
        let second = Request::new(Service::Kustomer, "/v1/other");
        let (answers, _) = waves.run(join_all(vec![limited.get(&first), limited.get(&second)]));
        assert_eq!(answers[0].as_ref().unwrap().status, 429);
        assert_eq!(*clock.slept.borrow(), vec![5_000], "the second request waited for the reset");
    }
}

//! Helpers for native tests: a clock that only moves when told, a way to run the
//! clients' futures without a browser, and arbitrary JSON for property tests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::cache::Storage;
use crate::transport::{Clock, FetchError, LocalFuture, Request, Response, Transport};

/// Runs a future whose every await is ready at once (as with [`FakeClock`] and the demo
/// org), and fails loudly if it ever is not.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..10_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future never completed: something awaited a real timer or network");
}

/// Time stands still until someone sleeps, and sleeping returns at once after moving the
/// clock forward, so waits are recorded instead of spent.
#[derive(Default)]
pub struct FakeClock {
    pub now_ms: Cell<f64>,
    pub slept: RefCell<Vec<u32>>,
}

impl FakeClock {
    pub fn at(now_ms: f64) -> Rc<FakeClock> {
        Rc::new(FakeClock { now_ms: Cell::new(now_ms), slept: RefCell::new(Vec::new()) })
    }
}

impl Clock for FakeClock {
    fn now_ms(&self) -> f64 {
        self.now_ms.get()
    }

    fn sleep(&self, ms: u32) -> LocalFuture<'static, ()> {
        self.now_ms.set(self.now_ms.get() + ms as f64);
        self.slept.borrow_mut().push(ms);
        Box::pin(async {})
    }
}

/// Answers from a list of canned responses in order and records what was asked.
pub struct ScriptedTransport {
    pub responses: RefCell<Vec<Result<Response, FetchError>>>,
    pub requests: RefCell<Vec<Request>>,
}

impl ScriptedTransport {
    pub fn new(responses: Vec<Result<Response, FetchError>>) -> Self {
        ScriptedTransport { responses: RefCell::new(responses), requests: RefCell::new(Vec::new()) }
    }
}

impl Transport for ScriptedTransport {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        self.requests.borrow_mut().push(request.clone());
        let next = if self.responses.borrow().is_empty() {
            Ok(Response::new(599, "no scripted response left"))
        } else {
            self.responses.borrow_mut().remove(0)
        };
        Box::pin(async move { next })
    }
}

/// A network whose every answer takes one round trip: requests asked while a future runs
/// are all answered together at the next tick. `run` drives a future to its end and says
/// how many round trips it waited, so loads are measured the way users wait.
pub struct Waves {
    answer: Box<dyn Fn(&Request) -> Response>,
    pending: RefCell<Vec<Rc<RefCell<Option<Response>>>>>,
    /// Every request, with the tick it was sent at (0: before any answer).
    pub requests: RefCell<Vec<(usize, Request)>>,
    tick: Cell<usize>,
    peak: Cell<usize>,
}

impl Waves {
    pub fn new(answer: impl Fn(&Request) -> Response + 'static) -> Rc<Waves> {
        Rc::new(Waves {
            answer: Box::new(answer),
            pending: RefCell::new(Vec::new()),
            requests: RefCell::new(Vec::new()),
            tick: Cell::new(0),
            peak: Cell::new(0),
        })
    }

    /// Round trips so far.
    pub fn tick(&self) -> usize {
        self.tick.get()
    }

    /// The most requests that waited for one tick.
    pub fn peak(&self) -> usize {
        self.peak.get()
    }

    /// Drives `future` to its end, answering each tick's requests; the output and the
    /// round trips it took.
    pub fn run<F: Future>(&self, future: F) -> (F::Output, usize) {
        let mut future = pin!(future);
        let mut context = Context::from_waker(Waker::noop());
        for _ in 0..100_000 {
            if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
                return (output, self.tick.get());
            }
            let pending = std::mem::take(&mut *self.pending.borrow_mut());
            if pending.is_empty() {
                continue; // a permit freed or a sleep ended: poll again
            }
            self.peak.set(self.peak.get().max(pending.len()));
            self.tick.set(self.tick.get() + 1);
            for slot in pending {
                slot.borrow_mut().get_or_insert_with(|| Response::new(599, "unanswered"));
            }
        }
        panic!("the future never completed");
    }
}

impl Transport for Waves {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        self.requests.borrow_mut().push((self.tick.get(), request.clone()));
        let answer = (self.answer)(request);
        let slot = Rc::new(RefCell::new(None));
        self.pending.borrow_mut().push(slot.clone());
        let mut answer = Some(answer);
        Box::pin(std::future::poll_fn(move |_| {
            if slot.borrow().is_some() {
                Poll::Ready(Ok(answer.take().expect("answered once")))
            } else {
                Poll::Pending
            }
        }))
    }
}

/// Passes requests to another transport and records their paths.
pub struct Recording<T: Transport> {
    inner: T,
    paths: RefCell<Vec<String>>,
}

impl<T: Transport> Recording<T> {
    pub fn new(inner: T) -> Self {
        Recording { inner, paths: RefCell::new(Vec::new()) }
    }

    pub fn paths(&self) -> Vec<String> {
        self.paths.borrow().clone()
    }
}

impl<T: Transport> Transport for Recording<T> {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>> {
        self.paths.borrow_mut().push(request.path.clone());
        self.inner.get(request)
    }
}

/// A storage that holds at most `capacity` bytes of values, like a full localStorage.
pub struct Memory {
    pub items: RefCell<BTreeMap<String, String>>,
    capacity: usize,
}

impl Memory {
    pub fn new(capacity: usize) -> Memory {
        Memory { items: RefCell::new(BTreeMap::new()), capacity }
    }
}

impl Storage for Memory {
    fn get(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> bool {
        let used: usize = self.items.borrow().iter().filter(|(k, _)| k.as_str() != key).map(|(_, v)| v.len()).sum();
        if used + value.len() > self.capacity {
            return false;
        }
        self.items.borrow_mut().insert(key.to_string(), value.to_string());
        true
    }
    fn remove(&self, key: &str) {
        self.items.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.items.borrow().keys().cloned().collect()
    }
}

/// Any JSON value, up to four levels deep, with every kind of number and any text.
pub fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|n| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)),
        // Prices and rates, the decimals the widget mostly sees.
        (-1_000_000_000i64..1_000_000_000, 0u32..6).prop_map(|(n, d)| json!(n as f64 / 10f64.powi(d as i32))),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

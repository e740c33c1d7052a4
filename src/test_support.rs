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

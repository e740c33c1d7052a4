//! One way to make a request, whoever carries it. Every call the widget makes is a GET
//! relative to a service's API root; the transport decides where it goes and who adds the
//! credentials. Failures come back as a [`FetchError`] that a view can explain.

use crate::strings;
use std::fmt;
use std::future::Future;
use std::pin::Pin;

#[cfg(feature = "demo")]
pub mod demo;
#[cfg(target_arch = "wasm32")]
pub mod host;
pub mod limited;
pub mod observed;
#[cfg(all(target_arch = "wasm32", feature = "proxy"))]
pub mod proxy;

/// A boxed future that need not be `Send`: browser futures never are.
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Kustomer,
    Salesforce,
}

impl Service {
    /// The name used on the host API (`hostFetch({service})`).
    pub fn name(self) -> &'static str {
        match self {
            Service::Kustomer => "kustomer",
            Service::Salesforce => "salesforce",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Service::Kustomer => "Kustomer",
            Service::Salesforce => "Salesforce",
        }
    }
}

/// A GET request; `path` is relative to the service's API root and already encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub service: Service,
    pub path: String,
}

impl Request {
    pub fn new(service: Service, path: impl Into<String>) -> Self {
        Request { service, path: path.into() }
    }
}

/// A response as it came: any status, header names in lower case, the body as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Response { status, headers: Vec::new(), body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// The first header of that name, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a request did not produce usable data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The request never got an answer: offline, DNS, CORS, the host's promise rejected.
    Network { service: Service, detail: String },
    /// No answer within the configured time.
    Timeout { service: Service, after_ms: u32 },
    /// An answer with an error status; `code` and `message` come from the body when it
    /// has them (`REQUEST_LIMIT_EXCEEDED`, `auth.unauthorized`…).
    Http { service: Service, status: u16, code: Option<String>, message: Option<String> },
    /// An answer whose body is not what the API documents.
    Decode { service: Service, detail: String },
    /// The host's `hostFetch` broke its contract (resolved to the wrong shape).
    Host { detail: String },
}

impl FetchError {
    pub fn service(&self) -> Option<Service> {
        match self {
            FetchError::Network { service, .. }
            | FetchError::Timeout { service, .. }
            | FetchError::Http { service, .. }
            | FetchError::Decode { service, .. } => Some(*service),
            FetchError::Host { .. } => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Worth offering a Retry: a second try can cure it, at once (a gateway's bad moment,
    /// a timeout, a truncated answer, a host that stumbled) or once someone fixed a
    /// credential or role. Only an answer that the request itself is wrong (400, 405) or
    /// that the record does not exist (404) will come back the same.
    pub fn retry_can_help(&self) -> bool {
        match self {
            FetchError::Http { status, .. } => !matches!(status, 400 | 404 | 405),
            FetchError::Network { .. }
            | FetchError::Timeout { .. }
            | FetchError::Decode { .. }
            | FetchError::Host { .. } => true,
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network { service, detail } => f.write_str(&strings::unreachable(service.label(), detail)),
            FetchError::Timeout { service, after_ms } => {
                f.write_str(&strings::no_answer_within(service.label(), &strings::duration_ms(*after_ms)))
            }
            FetchError::Http { service, status, code, message } => {
                f.write_str(&strings::answered(service.label(), *status))?;
                match (code, message) {
                    (Some(code), Some(message)) => write!(f, " {code}: {message}"),
                    (Some(code), None) => write!(f, " {code}"),
                    (None, Some(message)) => write!(f, ": {message}"),
                    (None, None) => Ok(()),
                }
            }
            FetchError::Decode { service, detail } => {
                f.write_str(&strings::unreadable_response(service.label(), detail))
            }
            FetchError::Host { detail } => f.write_str(&strings::host_broke_contract(detail)),
        }
    }
}

impl std::error::Error for FetchError {}

/// Carries GET requests. Implementations resolve to any HTTP response, good or bad;
/// they return an error only when there is no response at all.
pub trait Transport {
    fn get<'a>(&'a self, request: &'a Request) -> LocalFuture<'a, Result<Response, FetchError>>;

    /// Kustomer's `x-ratelimit-remaining` and `x-ratelimit-limit` from its latest answer,
    /// when the transport keeps them.
    fn rate(&self) -> Option<(u64, u64)> {
        None
    }

    /// Hears of an answer that came but could not be read: a client's parser found it,
    /// not the wire. Transports that keep diagnostics ([`observed::Observed`]) record it.
    fn report(&self, _request: &Request, _error: &FetchError) {}
}

/// Time, injected so that retry waits and cache ages are testable without a browser.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    fn sleep(&self, ms: u32) -> LocalFuture<'static, ()>;
}

/// Resolves to `Some(output)` if `work` finishes first, `None` if `deadline` does.
pub async fn before<T>(work: LocalFuture<'_, T>, deadline: LocalFuture<'_, ()>) -> Option<T> {
    struct Race<'a, T> {
        work: LocalFuture<'a, T>,
        deadline: LocalFuture<'a, ()>,
    }
    impl<T> Future for Race<'_, T> {
        type Output = Option<T>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<T>> {
            if let std::task::Poll::Ready(output) = self.work.as_mut().poll(cx) {
                return std::task::Poll::Ready(Some(output));
            }
            match self.deadline.as_mut().poll(cx) {
                std::task::Poll::Ready(()) => std::task::Poll::Ready(None),
                std::task::Poll::Pending => std::task::Poll::Pending,
            }
        }
    }
    Race { work, deadline }.await
}

/// Runs two futures side by side and resolves to both outputs: the card's two Salesforce
/// requests take as long as the slower one, not as long as both.
pub async fn join<A, B>(first: LocalFuture<'_, A>, second: LocalFuture<'_, B>) -> (A, B) {
    struct Join<'a, A, B> {
        first: LocalFuture<'a, A>,
        second: LocalFuture<'a, B>,
        outputs: (Option<A>, Option<B>),
    }
    // The futures are boxed and the outputs are plain values that are moved, never
    // pinned, so nothing here relies on staying put.
    impl<A, B> Unpin for Join<'_, A, B> {}
    impl<A, B> Future for Join<'_, A, B> {
        type Output = (A, B);
        fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<(A, B)> {
            let this = self.get_mut();
            if this.outputs.0.is_none() {
                if let std::task::Poll::Ready(output) = this.first.as_mut().poll(cx) {
                    this.outputs.0 = Some(output);
                }
            }
            if this.outputs.1.is_none() {
                if let std::task::Poll::Ready(output) = this.second.as_mut().poll(cx) {
                    this.outputs.1 = Some(output);
                }
            }
            match (this.outputs.0.take(), this.outputs.1.take()) {
                (Some(a), Some(b)) => std::task::Poll::Ready((a, b)),
                (a, b) => {
                    this.outputs = (a, b);
                    std::task::Poll::Pending
                }
            }
        }
    }
    Join { first, second, outputs: (None, None) }.await
}

/// Runs futures side by side and resolves to their outputs in order: a wave of requests
/// takes as long as its slowest, not as long as all of them.
pub async fn join_all<'a, T>(futures: Vec<LocalFuture<'a, T>>) -> Vec<T> {
    struct JoinAll<'a, T> {
        futures: Vec<Option<LocalFuture<'a, T>>>,
        outputs: Vec<Option<T>>,
    }
    impl<T> Unpin for JoinAll<'_, T> {}
    impl<T> Future for JoinAll<'_, T> {
        type Output = Vec<T>;
        fn poll(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Vec<T>> {
            let this = self.get_mut();
            for (slot, output) in this.futures.iter_mut().zip(this.outputs.iter_mut()) {
                if let Some(future) = slot {
                    if let std::task::Poll::Ready(value) = future.as_mut().poll(cx) {
                        *output = Some(value);
                        *slot = None;
                    }
                }
            }
            if this.futures.iter().all(Option::is_none) {
                std::task::Poll::Ready(this.outputs.iter_mut().filter_map(Option::take).collect())
            } else {
                std::task::Poll::Pending
            }
        }
    }
    let outputs = futures.iter().map(|_| None).collect();
    JoinAll { futures: futures.into_iter().map(Some).collect(), outputs }.await
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters pass through), so
/// an id can never add a segment or a query to a path.
pub fn encode_segment(segment: &str) -> String {
    // `.` and `..` alone would be read as "this folder" and "the folder above".
    let keep_dots = !matches!(segment, "." | "..");
    encode(segment, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') || (b == b'.' && keep_dots))
}

/// Percent-encodes a query-string value (space as `%20`).
pub fn encode_query_value(value: &str) -> String {
    encode_segment(value)
}

fn encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if keep(byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[(byte >> 4) as usize]));
            out.push(char::from(b"0123456789ABCDEF"[(byte & 15) as usize]));
        }
    }
    out
}

/// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`); malformed escapes are
/// kept as they are.
pub fn decode_percent(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        match bytes[idx] {
            b'%' if idx + 2 < bytes.len() => {
                let hex =
                    std::str::from_utf8(&bytes[idx + 1..idx + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(value) => {
                        out.push(value);
                        idx += 3;
                    }
                    None => {
                        out.push(b'%');
                        idx += 1;
                    }
                }
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                idx += 1;
            }
            other => {
                out.push(other);
                idx += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests;

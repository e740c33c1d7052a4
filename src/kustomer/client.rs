//! Reads conversations, customers and agents through a [`Transport`]. Read-only: every
//! request is a GET. A `429` waits for `x-ratelimit-reset` and retries, a bounded number
//! of times.

use std::ops::Range;
use std::rc::Rc;

use serde_json::Value;

use super::directory;
use super::model::{Conversation, Customer, Resource, User};
use crate::json::{list_page, str_at, Data};
use crate::transport::{
    encode_segment, join_all, Clock, FetchError, LocalFuture, Request, Response, Service, Transport,
};

/// How long to wait on a `429`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    /// No single wait is longer than this, whatever the reset header says.
    pub max_wait_ms: u32,
    /// The wait when the response does not say when the window resets.
    pub default_wait_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, max_wait_ms: 30_000, default_wait_ms: 1_000 }
    }
}

/// The first page of the org's users.
pub const USERS_PAGE: &str = "/v1/users?page=1&pageSize=100";

pub struct KustomerClient<'a> {
    transport: &'a dyn Transport,
    clock: &'a dyn Clock,
    retry: RetryPolicy,
    /// Told how long the client is about to wait, so a view can say so.
    on_wait: Option<&'a dyn Fn(u32)>,
}

impl<'a> KustomerClient<'a> {
    pub fn new(transport: &'a dyn Transport, clock: &'a dyn Clock) -> Self {
        KustomerClient { transport, clock, retry: RetryPolicy::default(), on_wait: None }
    }

    /// The clock waits are measured by.
    pub fn clock(&self) -> &dyn Clock {
        self.clock
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn on_wait(mut self, notify: &'a dyn Fn(u32)) -> Self {
        self.on_wait = Some(notify);
        self
    }

    pub async fn conversation(&self, id: &str) -> Result<Conversation, FetchError> {
        let path = format!("/v1/conversations/{}", encode_segment(id));
        let document = self.get_json(&path).await?;
        Ok(Conversation::from_resource(&single(&document).map_err(|error| self.unreadable(&path, error))?))
    }

    /// A customer, from the page's store when read lately (see [`directory`]).
    pub async fn customer(&self, id: &str) -> Result<Customer, FetchError> {
        if let Some(customer) = directory::customer(id, self.clock.now_ms()) {
            return Ok(customer);
        }
        let path = format!("/v1/customers/{}", encode_segment(id));
        let document = self.get_json(&path).await?;
        let customer = Customer::from_resource(&single(&document).map_err(|error| self.unreadable(&path, error))?);
        directory::remember_customer(&customer, self.clock.now_ms());
        Ok(customer)
    }

    /// An agent, from the page's store when read lately.
    pub async fn user(&self, id: &str) -> Result<User, FetchError> {
        if let Some(user) = directory::user(id, self.clock.now_ms()) {
            return Ok(user);
        }
        let path = format!("/v1/users/{}", encode_segment(id));
        let document = self.get_json(&path).await?;
        let user = User::from_resource(&single(&document).map_err(|error| self.unreadable(&path, error))?);
        directory::remember_user(&user, self.clock.now_ms());
        Ok(user)
    }

    /// Several agents, each once, in the order given; failures are kept per id so that
    /// one missing agent does not hide the others. Two or more not read lately come from
    /// the first page of the org's users, one request for a whole support team; any not
    /// on it are read one by one, side by side.
    pub async fn users(&self, ids: &[String]) -> Vec<(String, Result<User, FetchError>)> {
        let mut unique: Vec<&String> = Vec::new();
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        let now = self.clock.now_ms();
        let unknown = unique.iter().filter(|id| directory::user(id, now).is_none()).count();
        if unknown >= 2 {
            // A failed list only costs the one request: the names are read one by one.
            if let Ok(users) = self.list(USERS_PAGE, 1).await {
                for resource in &users {
                    directory::remember_user(&User::from_resource(resource), now);
                }
            }
        }
        let reads = unique.iter().map(|id| Box::pin(self.user(id)) as LocalFuture<'_, _>).collect();
        unique.into_iter().cloned().zip(join_all(reads).await).collect()
    }

    /// Every resource of a list endpoint, following `links.next` until it is absent.
    /// A `next` that repeats a page already read ends the walk instead of looping. Any
    /// failing page fails the whole list.
    pub async fn list(&self, first_path: &str, max_pages: usize) -> Result<Vec<Resource>, FetchError> {
        let listing = self.list_with_progress(first_path, max_pages, &[], &|_| {}).await?;
        match listing.stopped_by {
            Some(error) => Err(error),
            None => Ok(listing.items.iter().filter_map(Listed::resource).collect()),
        }
    }

    /// The items of a list endpoint as their pages gave them, with the values at
    /// `paths` read from each (see [`Listed`]), telling `on_page` how many items have
    /// arrived after each page. Only a failing first page is an error: a later one ends
    /// the walk with what was read so far and the error that stopped it, so a long
    /// conversation keeps its pages.
    pub async fn list_with_progress(
        &self,
        first_path: &str,
        max_pages: usize,
        paths: &[&str],
        on_page: &dyn Fn(usize),
    ) -> Result<Listing, FetchError> {
        let mut listing = Listing::default();
        let mut visited: Vec<String> = Vec::new();
        let mut next = Some(first_path.to_string());
        while let Some(path) = next.take() {
            if visited.contains(&path) {
                break;
            }
            if visited.len() >= max_pages {
                listing.truncated = true;
                break;
            }
            let page = match self
                .get_text(&path)
                .await
                .and_then(|text| read_page(&path, text, paths).map_err(|error| self.unreadable(&path, error)))
            {
                Ok(page) => page,
                Err(error) if visited.is_empty() => return Err(error),
                Err(error) => {
                    listing.stopped_by = Some(error);
                    break;
                }
            };
            listing.items.extend(page.0);
            visited.push(path);
            listing.pages = visited.len();
            on_page(listing.items.len());
            next = page.1.as_deref().map(relative_path);
        }
        Ok(listing)
    }

    /// One page of a list, with the values at `paths` read from each item, and its
    /// `links.next`.
    pub async fn page(&self, path: &str, paths: &[&str]) -> Result<(Vec<Listed>, Option<String>), FetchError> {
        let (items, next) =
            read_page(path, self.get_text(path).await?, paths).map_err(|error| self.unreadable(path, error))?;
        Ok((items, next.as_deref().map(relative_path)))
    }

    /// GETs a path and parses the JSON body, retrying on `429`.
    pub async fn get_json(&self, path: &str) -> Result<Value, FetchError> {
        let text = self.get_text(path).await?;
        crate::json::parse(&text).map_err(|error| self.unreadable(path, not_json(path, error)))
    }

    /// `error`, an answer that could not be read, after telling the transport's
    /// diagnostics (a failed request the transport has recorded already).
    fn unreadable(&self, path: &str, error: FetchError) -> FetchError {
        self.transport.report(&Request::new(Service::Kustomer, path), &error);
        error
    }

    /// GETs a path, retrying on `429`; the body of a success.
    async fn get_text(&self, path: &str) -> Result<String, FetchError> {
        let request = Request::new(Service::Kustomer, path);
        let mut attempt = 0;
        loop {
            let response = self.transport.get(&request).await?;
            if response.status == 429 && attempt < self.retry.max_retries {
                let wait = self.wait_for(&response, attempt);
                if let Some(notify) = self.on_wait {
                    notify(wait);
                }
                self.clock.sleep(wait).await;
                attempt += 1;
                continue;
            }
            if !response.is_success() {
                return Err(http_error(&response));
            }
            return Ok(response.body);
        }
    }

    /// Until `x-ratelimit-reset` (epoch seconds), else an exponential default, within the
    /// policy's bounds.
    fn wait_for(&self, response: &Response, attempt: u32) -> u32 {
        let fallback = self.retry.default_wait_ms.saturating_mul(1 << attempt.min(8));
        let wait = response
            .header("x-ratelimit-reset")
            .and_then(|reset| seconds_as_ms(reset.trim()))
            .map(|reset_ms| (reset_ms as f64 - self.clock.now_ms()).max(250.0) as u32)
            .unwrap_or(fallback);
        wait.min(self.retry.max_wait_ms)
    }
}

/// Epoch seconds (`1700000000`, or with a fraction: `1700000000.25`) in milliseconds.
/// Read by hand: a float parser would bring its 10 KB of tables into the bundle for one
/// header.
pub fn seconds_as_ms(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let millis = fraction.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0, |n, b| n * 10 + u64::from(b - b'0'));
    whole.parse::<u64>().ok()?.checked_mul(1000)?.checked_add(millis)
}

/// `links.next` is usually relative (`/v1/…?page=2`), but an absolute URL is reduced to
/// its path so that it still goes through the transport.
fn relative_path(link: &str) -> String {
    match link.find("://") {
        Some(scheme_end) => match link[scheme_end + 3..].find('/') {
            Some(path_start) => link[scheme_end + 3 + path_start..].to_string(),
            None => "/".to_string(),
        },
        None => link.to_string(),
    }
}

/// What a paged list read.
#[derive(Debug, Default)]
pub struct Listing {
    pub items: Vec<Listed>,
    /// Pages read.
    pub pages: usize,
    /// `max_pages` ended the walk.
    pub truncated: bool,
    /// The failure of the page after the last one read.
    pub stopped_by: Option<FetchError>,
}

/// An item of a list as its page gave it: checked as JSON, but built only when asked
/// for. A long conversation's messages are kept this way, each read in full when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    page: Rc<str>,
    span: Range<usize>,
    /// The values at the paths the list was read with, in their order.
    pub fields: Vec<Option<Value>>,
}

impl Listed {
    /// The item as a resource; `None` when it has no usable id.
    pub fn resource(&self) -> Option<Resource> {
        crate::json::parse(&self.page[self.span.clone()]).ok().and_then(Resource::from_owned)
    }
}

/// A list page's items, with the values at `paths` read from each, and its
/// `links.next`.
pub fn read_page(path: &str, text: String, paths: &[&str]) -> Result<(Vec<Listed>, Option<String>), FetchError> {
    let page = list_page(&text, &["links.next"], paths).map_err(|error| not_json(path, error))?;
    let next = page.fields.into_iter().next().flatten().as_ref().and_then(crate::json::str_of);
    let text: Rc<str> = Rc::from(text);
    let items = match page.data {
        Data::Items(items) => {
            items.into_iter().map(|item| Listed { page: text.clone(), span: item.span, fields: item.fields }).collect()
        }
        Data::Missing => Vec::new(),
        Data::NotArray => return Err(decode("a list response whose data is not an array")),
    };
    Ok((items, next))
}

fn not_json(path: &str, error: crate::json::ParseError) -> FetchError {
    decode(&format!("the body of {path} is not JSON ({error})"))
}

fn single(document: &Value) -> Result<Resource, FetchError> {
    document.get("data").and_then(Resource::from_value).ok_or_else(|| decode("a response without data.id"))
}

fn decode(detail: &str) -> FetchError {
    FetchError::Decode { service: Service::Kustomer, detail: detail.to_string() }
}

/// Kustomer errors are JSON:API `{"errors":[{"code","title","detail"}]}`; some answers
/// carry a plain `{"message"}` instead.
pub fn http_error(response: &Response) -> FetchError {
    let body: Value = crate::json::parse(&response.body).unwrap_or(Value::Null);
    let first = body.get("errors").and_then(|errors| errors.get(0)).unwrap_or(&Value::Null);
    FetchError::Http {
        service: Service::Kustomer,
        status: response.status,
        code: str_at(first, "code"),
        message: str_at(first, "detail").or_else(|| str_at(first, "title")).or_else(|| str_at(&body, "message")),
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;

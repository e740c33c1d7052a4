//! One diagnostic record: typed fields in, fixed keys out. The fields are private and set
//! only through constructors that take types or sanitise, so that no caller can put an
//! error's message, a customer's email or a query into a record by mistake.

use serde_json::Value;

use super::{ConfigKey, ErrorCode, Kind, PathTemplate};
use crate::config::{ConfigError, View};
use crate::transport::{FetchError, Request, Service};

/// The widget's version, written in every record so that a report says which build it
/// came from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The Salesforce code for a spent daily API allowance.
const REQUEST_LIMIT_EXCEEDED: &str = "REQUEST_LIMIT_EXCEEDED";

/// The name a record gives a view: `conversation` or `insight`.
pub fn view_name(view: View) -> &'static str {
    match view {
        View::Conversation => "conversation",
        View::Insight => "insight",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    kind: Kind,
    view: View,
    service: Option<Service>,
    status: Option<u16>,
    error_code: Option<ErrorCode>,
    path: Option<PathTemplate>,
    duration_ms: Option<u32>,
    config_key: Option<ConfigKey>,
    count: u32,
}

impl Record {
    /// A record of one occurrence with nothing but its kind and view.
    pub fn new(kind: Kind, view: View) -> Record {
        Record {
            kind,
            view,
            service: None,
            status: None,
            error_code: None,
            path: None,
            duration_ms: None,
            config_key: None,
            count: 1,
        }
    }

    /// A failed request: its service and path template, the status and the platform's
    /// code when the service answered, the wait when it timed out. The error's own text
    /// (`detail`, `message`) is never read: it can quote the request or the data.
    pub fn from_fetch_error(view: View, request: &Request, error: &FetchError) -> Record {
        let record = |kind| Record::new(kind, view).with_request(request);
        match error {
            FetchError::Network { .. } => record(Kind::RequestFailed),
            FetchError::Timeout { after_ms, .. } => record(Kind::RequestFailed).with_duration_ms(*after_ms),
            FetchError::Http { status, code, .. } => {
                let code = code.as_deref().unwrap_or("");
                let kind = if *status == 429 {
                    Kind::RateLimited
                } else if cfg!(feature = "insight")
                    && request.service == Service::Salesforce
                    && code.trim() == REQUEST_LIMIT_EXCEEDED
                {
                    // Only the Insight Card asks Salesforce (and its module alone has the code).
                    Kind::ApiLimit
                } else {
                    Kind::RequestRefused
                };
                record(kind).with_status(*status).with_error_code(code)
            }
            // A host whose `hostFetch` resolved to something that is not a response gave
            // an answer no one can read, as a service's malformed body does.
            FetchError::Decode { .. } | FetchError::Host { .. } => record(Kind::UnreadableResponse),
        }
    }

    /// An invalid configuration: the key it is about, never the message, which can
    /// quote the value the host passed.
    pub fn from_config_error(view: View, error: &ConfigError) -> Record {
        Record::new(Kind::ConfigError, view).with_config_key(&error.key)
    }

    /// The widget itself failed; the panic's message stays out, as it can quote data.
    pub fn panic(view: View) -> Record {
        Record::new(Kind::Panic, view)
    }

    /// A view fell back to data saved earlier from this service.
    pub fn saved_data(view: View, service: Service) -> Record {
        Record::new(Kind::SavedData, view).with_service(service)
    }

    pub fn with_service(mut self, service: Service) -> Record {
        self.service = Some(service);
        self
    }

    /// The request's service and its path as a [`PathTemplate`].
    pub fn with_request(mut self, request: &Request) -> Record {
        self.service = Some(request.service);
        self.path = Some(PathTemplate::of(&request.path));
        self
    }

    pub fn with_status(mut self, status: u16) -> Record {
        self.status = Some(status);
        self
    }

    /// The platform's code if it has a code's shape ([`ErrorCode::new`]), else none.
    pub fn with_error_code(mut self, code: &str) -> Record {
        self.error_code = ErrorCode::new(code);
        self
    }

    pub fn with_duration_ms(mut self, duration_ms: u32) -> Record {
        self.duration_ms = Some(duration_ms);
        self
    }

    /// The key if it has a key path's shape ([`ConfigKey::new`]), else none.
    pub fn with_config_key(mut self, key: &str) -> Record {
        self.config_key = ConfigKey::new(key);
        self
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn service(&self) -> Option<Service> {
        self.service
    }

    pub fn status(&self) -> Option<u16> {
        self.status
    }

    pub fn error_code(&self) -> Option<&str> {
        self.error_code.as_ref().map(ErrorCode::as_str)
    }

    pub fn path(&self) -> Option<&str> {
        self.path.as_ref().map(PathTemplate::as_str)
    }

    pub fn duration_ms(&self) -> Option<u32> {
        self.duration_ms
    }

    pub fn config_key(&self) -> Option<&str> {
        self.config_key.as_ref().map(ConfigKey::as_str)
    }

    /// How many times it happened (a [`Log`](super::Log) folds repeats into one record).
    pub fn count(&self) -> u32 {
        self.count
    }

    /// The same event as `other`, whatever the counts.
    pub(super) fn is_same_event(&self, other: &Record) -> bool {
        Record { count: other.count, ..self.clone() } == *other
    }

    /// Counts `other`'s occurrences in this record's.
    pub(super) fn fold_in(&mut self, other: &Record) {
        self.count = self.count.saturating_add(other.count);
    }

    /// `{"count":1,"kind":"request-refused","path":"/v1/conversations/{id}",…}`: the keys
    /// kind, view, version, service, status, errorCode, path, durationMs, configKey and
    /// count, each absent field left out.
    pub fn to_json(&self) -> Value {
        crate::json::object(self.fields().into_iter().map(|(key, value)| {
            let value = match value {
                FieldValue::Text(text) => Value::from(text),
                FieldValue::Number(number) => Value::from(number),
            };
            (key, value)
        }))
    }

    /// One line for a console or "Copy diagnostics":
    /// `request-refused view=conversation version=1.2.0 service=kustomer status=404
    /// errorCode=not.found path=/v1/conversations/{id} count=1`.
    pub fn to_line(&self) -> String {
        let mut line = self.kind.name().to_string();
        for (key, value) in self.fields().into_iter().skip(1) {
            line.push(' ');
            line.push_str(key);
            line.push('=');
            match value {
                FieldValue::Text(text) => line.push_str(text),
                FieldValue::Number(number) => line.push_str(&number.to_string()),
            }
        }
        line
    }

    /// The present fields in their written order, `kind` first.
    fn fields(&self) -> Vec<(&'static str, FieldValue<'_>)> {
        let mut fields = vec![
            ("kind", FieldValue::Text(self.kind.name())),
            ("view", FieldValue::Text(view_name(self.view))),
            ("version", FieldValue::Text(VERSION)),
        ];
        let optional = [
            ("service", self.service.map(|service| FieldValue::Text(service.name()))),
            ("status", self.status.map(|status| FieldValue::Number(u64::from(status)))),
            ("errorCode", self.error_code().map(FieldValue::Text)),
            ("path", self.path().map(FieldValue::Text)),
            ("durationMs", self.duration_ms.map(|ms| FieldValue::Number(u64::from(ms)))),
            ("configKey", self.config_key().map(FieldValue::Text)),
        ];
        fields.extend(optional.into_iter().filter_map(|(key, value)| Some((key, value?))));
        fields.push(("count", FieldValue::Number(u64::from(self.count))));
        fields
    }
}

enum FieldValue<'a> {
    Text(&'a str),
    Number(u64),
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;

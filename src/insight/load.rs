//! When the Insight Card asks Salesforce and when it answers from its cache: live data
//! when it can, saved data (younger than 24 hours, with its age) when the API limit is
//! reached, Salesforce cannot be reached, or the org's quota is nearly spent.

use super::{fetch, Card, Fetched};
use crate::cache::{self, age_words, Cache, MAX_AGE_MS};
use crate::config::{ExtraFields, Visibility};
use crate::problem::Problem;
use crate::salesforce::client::{invalid_field, SalesforceClient};
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::soql::clean_emails;
use crate::transport::FetchError;

/// A card loaded this recently is shown again without asking, unless the agent asks
/// for a refresh: the sidebar mounts the card again for every customer it shows.
pub const RECENT_MS: f64 = 5.0 * 60.0 * 1000.0;

pub struct Settings<'a> {
    /// The org, for cache keys.
    pub org: &'a str,
    pub visibility: Visibility,
    pub extra: &'a ExtraFields,
    /// At or above this share of the daily API limit, cached data is served instead.
    pub quota_percent: u64,
    /// The agent pressed Refresh: skip the recent-data shortcut (not the quota rule).
    pub refresh: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Freshness {
    /// Just fetched.
    Live,
    /// From the cache; `notice` says why when it is not simply recent.
    Cached { age_ms: f64, notice: Option<String> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub card: Card,
    pub freshness: Freshness,
    pub fetched_at_ms: f64,
}

impl Loaded {
    /// "Updated 4 minutes ago".
    pub fn updated(&self, now_ms: f64) -> String {
        format!("Updated {}", age_words((now_ms - self.fetched_at_ms).max(0.0)))
    }
}

pub async fn load(
    client: &SalesforceClient<'_>,
    store: Option<&dyn cache::Storage>,
    now_ms: f64,
    settings: &Settings<'_>,
    emails: &[String],
) -> Result<Loaded, Problem> {
    let (emails, skipped) = clean_emails(emails);
    let key = cache::key(settings.org, &emails);
    let cache = store.map(Cache::new);
    let cached = |max_age: f64| -> Option<(Fetched, f64, f64)> {
        let entry = cache.as_ref()?.get(&key, now_ms, max_age)?;
        Some((Fetched::from_json(&entry.data)?, entry.saved_at_ms, entry.age_ms))
    };
    let from_cache = |fetched: Fetched, saved_at: f64, age_ms: f64, notice: Option<String>| Loaded {
        card: Card::build(&fetched, settings.visibility, emails.clone(), skipped.clone()),
        freshness: Freshness::Cached { age_ms, notice },
        fetched_at_ms: saved_at,
    };

    if !settings.refresh {
        if let Some((fetched, saved_at, age)) = cached(RECENT_MS) {
            return Ok(from_cache(fetched, saved_at, age, None));
        }
    }
    let last_usage = cache
        .as_ref()
        .and_then(|c| c.usage(settings.org, now_ms, MAX_AGE_MS))
        .map(|(used, limit)| ApiUsage { used, limit });
    if let Some(usage) = last_usage.filter(|usage| usage.is_at_least(settings.quota_percent)) {
        if let Some((fetched, saved_at, age)) = cached(MAX_AGE_MS) {
            let percent = usage.used.saturating_mul(100) / usage.limit;
            let notice = format!(
                "The org has used {percent}% of its daily Salesforce API requests; showing data from {} to save the rest",
                age_words(age)
            );
            return Ok(from_cache(fetched, saved_at, age, Some(notice)));
        }
    }

    match fetch(client, settings.visibility, &emails, settings.extra).await {
        Ok(fetched) => {
            if let Some(cache) = &cache {
                if let Some(usage) = fetched.usage {
                    cache.put_usage(settings.org, usage.used, usage.limit, now_ms);
                }
                // Keeping a copy is a bonus: a full storage costs the fallback, not the card.
                let _ = cache.put(&key, &fetched.to_json(), now_ms);
            }
            Ok(Loaded {
                card: Card::build(&fetched, settings.visibility, emails, skipped),
                freshness: Freshness::Live,
                fetched_at_ms: now_ms,
            })
        }
        Err(error) => {
            let limit = is_limit(&error);
            if let Some(usage) = spent_usage(&error) {
                if let Some(cache) = &cache {
                    cache.put_usage(settings.org, usage.used, usage.limit, now_ms);
                }
            }
            let fallback = limit || matches!(error, FetchError::Network { .. } | FetchError::Timeout { .. });
            if fallback {
                if let Some((fetched, saved_at, age)) = cached(MAX_AGE_MS) {
                    let notice = if limit {
                        format!("Salesforce API limit reached; showing data from {}", age_words(age))
                    } else {
                        format!("Salesforce could not be reached; showing data from {}", age_words(age))
                    };
                    return Ok(from_cache(fetched, saved_at, age, Some(notice)));
                }
            }
            Err(explain(&error))
        }
    }
}

fn is_limit(error: &FetchError) -> bool {
    matches!(error, FetchError::Http { status: 403, code: Some(code), .. } if code == "REQUEST_LIMIT_EXCEEDED")
}

/// A limit error means the quota is spent: recorded as such, so that the next mounts
/// serve saved data instead of spending requests to find that out again.
fn spent_usage(error: &FetchError) -> Option<ApiUsage> {
    is_limit(error).then_some(ApiUsage { used: 1, limit: 1 })
}

/// A failure in words that say what to do.
pub fn explain(error: &FetchError) -> Problem {
    let message = match error {
        FetchError::Http { status: 403, code: Some(code), .. } if code == "REQUEST_LIMIT_EXCEEDED" => {
            "Salesforce API limit reached, and no data for these emails was saved in the last 24 hours. The limit frees up over a rolling 24 hours.".to_string()
        }
        FetchError::Http { status: 401, .. } => "The Salesforce connection has expired: reconnect the Salesforce app".to_string(),
        FetchError::Http { code: Some(code), .. } if code == "INVALID_FIELD" => match invalid_field(error) {
            Some((field, object)) => format!("Salesforce has no field {field} on {object} visible to the integration user"),
            None => error.to_string(),
        },
        FetchError::Http { code: Some(code), message, .. } if code == "MALFORMED_QUERY" || code == "INVALID_TYPE" => {
            format!("Salesforce refused the query ({code}): {}", message.as_deref().unwrap_or("no details"))
        }
        other => other.to_string(),
    };
    Problem { message, retry: error.is_transient() || is_limit(error) }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;

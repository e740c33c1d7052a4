//! When the Insight Card asks Salesforce and when it answers from its cache: live data
//! when it can, saved data (younger than 24 hours, with its age) when the API limit is
//! reached, Salesforce cannot be reached, or the org's quota is nearly spent.

use super::matching::clean_phones;
use super::org_info::{self, objects_to_describe, OrgInfo};
use super::{fetch, Card, Fetched, Shown, Wanted};
use crate::cache::{self, age_words, Cache, MAX_AGE_MS};
use crate::config::{CardSettings, ExtraFields, Visibility};
use crate::problem::Problem;
use crate::salesforce::client::{invalid_field, SalesforceClient};
use crate::salesforce::errors::{details, plain_message};
use crate::salesforce::host_saved::HostSaved;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::soql::clean_emails;
use crate::strings;
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
    /// Related lists, the order of sections, and matching beyond email.
    pub card: &'a CardSettings,
    /// The customer's phones as the host gave them (searched when `match.phones` is on).
    pub phones: &'a [String],
    /// The Kustomer customer, for `match.contactField`.
    pub customer_id: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Freshness {
    /// Just fetched.
    Live,
    /// From the cache; `notice` says why when it is not simply recent.
    Cached { age_ms: f64, notice: Option<String> },
    /// Kustomer's saved answer, served by the host in place of Salesforce's error; its
    /// age when the host said when it was saved.
    SavedByHost { age_ms: Option<f64>, notice: String },
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
        match self.freshness {
            Freshness::SavedByHost { age_ms: None, .. } => strings::SAVED_BY_KUSTOMER.to_string(),
            _ => strings::updated(&age_words((now_ms - self.fetched_at_ms).max(0.0))),
        }
    }

    /// The notice that says where older data came from, if it is not simply recent.
    pub fn notice(&self) -> Option<&str> {
        match &self.freshness {
            Freshness::Live | Freshness::Cached { notice: None, .. } => None,
            Freshness::Cached { notice: Some(notice), .. } | Freshness::SavedByHost { notice, .. } => Some(notice),
        }
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
    let (phones, skipped_phones) =
        if settings.card.matching.phones { clean_phones(settings.phones) } else { (Vec::new(), Vec::new()) };
    let cache = store.map(Cache::new);
    let keys = keys(settings, &emails, &phones);
    let saved = |max_age: f64| cache.as_ref().and_then(|cache| Saved::read(cache, &keys, now_ms, max_age));
    // The org's labels: saved data is shown with the saved ones; only the live path may
    // ask for them.
    let objects = objects_to_describe(settings.extra, settings.card);
    let org_info = |may_ask: bool| org_info::read(client, cache.as_ref(), settings.org, &objects, now_ms, may_ask);
    let build = |fetched: &Fetched, info: Option<&OrgInfo>| {
        let shown = Shown { settings: settings.card, info, phones: &phones, skipped_phones: &skipped_phones };
        Card::build(fetched, settings.visibility, emails.clone(), skipped.clone(), shown)
    };
    let from_cache = |saved: Saved, notice: Option<String>, info: Option<&OrgInfo>| Loaded {
        card: build(&saved.fetched, info),
        freshness: Freshness::Cached { age_ms: saved.age_ms, notice },
        fetched_at_ms: saved.saved_at_ms,
    };

    if !settings.refresh {
        if let Some(saved) = saved(RECENT_MS).filter(|saved| saved.missing.is_empty()) {
            return Ok(from_cache(saved, None, org_info(false).await.as_ref()));
        }
    }
    let last_usage = cache
        .as_ref()
        .and_then(|c| c.usage(settings.org, now_ms, MAX_AGE_MS))
        .map(|(used, limit)| ApiUsage { used, limit });
    let near_limit = last_usage.filter(|usage| usage.is_at_least(settings.quota_percent));
    if let Some(usage) = near_limit {
        if let Some(saved) = saved(MAX_AGE_MS) {
            let percent = usage.used.saturating_mul(100) / usage.limit;
            let notice = saved.notice(&strings::quota_saving(percent, &age_words(saved.age_ms)));
            return Ok(from_cache(saved, Some(notice), org_info(false).await.as_ref()));
        }
    }
    // Object info is not asked near the limit: labels are worth less than the records the
    // remaining requests can read.
    let info = org_info(near_limit.is_none()).await;
    let wanted = Wanted {
        visibility: settings.visibility,
        extra: settings.extra,
        card: settings.card,
        emails: &emails,
        phones: &phones,
        customer_id: settings.customer_id,
    };
    match fetch(client, &wanted, info.as_ref()).await {
        Ok(fetched) => {
            let card = build(&fetched, info.as_ref());
            if card.everything_refused() {
                return Err(everything_refused(&card));
            }
            if let Some(saved) = fetched.host_saved {
                // Older than it looks: neither kept as fresh nor shown as fresh.
                return Ok(saved_by_host(card, saved, now_ms));
            }
            if let Some(cache) = &cache {
                if let Some(usage) = fetched.usage {
                    cache.put_usage(settings.org, usage.used, usage.limit, now_ms);
                }
                // Keeping a copy is a bonus: a full storage costs the fallback, not the card.
                for (key, email) in &keys {
                    let part = match email {
                        Some(email) => fetched.for_email(email),
                        None => fetched.clone(),
                    };
                    let _ = cache.put(key, &part.to_json(), now_ms);
                }
            }
            Ok(Loaded { card, freshness: Freshness::Live, fetched_at_ms: now_ms })
        }
        Err(error) => {
            let limit = is_limit(&error);
            if let Some(usage) = spent_usage(&error) {
                if let Some(cache) = &cache {
                    cache.put_usage(settings.org, usage.used, usage.limit, now_ms);
                }
            }
            // Any failure a second try could cure may be bridged with saved data.
            if error.retry_can_help() {
                if let Some(saved) = saved(MAX_AGE_MS) {
                    let reason = if limit {
                        strings::LIMIT_REACHED
                    } else if matches!(error, FetchError::Network { .. } | FetchError::Timeout { .. }) {
                        strings::SALESFORCE_UNREACHABLE
                    } else {
                        strings::SALESFORCE_UNAVAILABLE
                    };
                    let notice = saved.notice(&strings::showing_saved(reason, &age_words(saved.age_ms)));
                    return Ok(from_cache(saved, Some(notice), info.as_ref()));
                }
            }
            Err(explain(&error, client.api_version()))
        }
    }
}

/// A card built from Kustomer's saved answers, saying why and how old they are.
fn saved_by_host(card: Card, saved: HostSaved, now_ms: f64) -> Loaded {
    let reason = match saved.status {
        Some(403) => strings::LIMIT_REACHED,
        Some(500..=599) => strings::SALESFORCE_UNAVAILABLE,
        _ => strings::SALESFORCE_ANSWERED_ERROR,
    };
    let age_ms = saved.saved_at_ms.map(|at| (now_ms - at).max(0.0));
    let notice = strings::kustomer_saved(reason, age_ms.map(age_words).as_deref());
    Loaded {
        card,
        freshness: Freshness::SavedByHost { age_ms, notice },
        fetched_at_ms: saved.saved_at_ms.unwrap_or(now_ms),
    }
}

/// What was saved for the customer's emails, merged, with the age of the oldest part.
struct Saved {
    fetched: Fetched,
    saved_at_ms: f64,
    age_ms: f64,
    /// Emails with nothing saved within the age asked for.
    missing: Vec<String>,
}

/// Where a load's records are kept: a key per email, each with that email's part; or,
/// when people are found beyond their email, one key for the customer with the whole.
fn keys(settings: &Settings, emails: &[String], phones: &[String]) -> Vec<(String, Option<String>)> {
    let by_id = settings.card.matching.contact_field.is_some() && settings.customer_id.is_some();
    if by_id || !phones.is_empty() {
        let customer =
            format!("match:{}|{}|{}", settings.customer_id.unwrap_or(""), emails.join(","), phones.join(","));
        return vec![(cache::key(settings.org, &customer), None)];
    }
    emails.iter().map(|email| (cache::key(settings.org, email), Some(email.clone()))).collect()
}

impl Saved {
    fn read(cache: &Cache, keys: &[(String, Option<String>)], now_ms: f64, max_age_ms: f64) -> Option<Saved> {
        let mut parts = Vec::new();
        let mut missing = Vec::new();
        let mut oldest: Option<(f64, f64)> = None;
        for (key, email) in keys {
            let part = cache
                .get(key, now_ms, max_age_ms)
                .and_then(|entry| Some((Fetched::from_json(&entry.data)?, entry.saved_at_ms, entry.age_ms)));
            match part {
                Some((fetched, saved_at, age)) => {
                    parts.push(fetched);
                    if oldest.is_none_or(|(_, known)| age > known) {
                        oldest = Some((saved_at, age));
                    }
                }
                None => missing.extend(email.clone()),
            }
        }
        let (saved_at_ms, age_ms) = oldest?;
        Some(Saved { fetched: Fetched::merge(parts)?, saved_at_ms, age_ms, missing })
    }

    /// `lead`, and which emails have nothing saved.
    fn notice(&self, lead: &str) -> String {
        if self.missing.is_empty() {
            lead.to_string()
        } else {
            strings::nothing_saved_for(lead, &self.missing.join(", "))
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

/// Every visible object was refused: an error that lists each reason, with Retry for
/// after the admin has granted access.
fn everything_refused(card: &Card) -> Problem {
    let reasons: Vec<&str> = card.refused.iter().map(|refusal| refusal.notice.as_str()).collect();
    let details: Vec<&str> = card.refused.iter().filter_map(|refusal| refusal.details.as_deref()).collect();
    Problem {
        message: strings::everything_refused(&reasons.join(". ")),
        retry: true,
        details: (!details.is_empty()).then(|| details.join("\n\n")),
    }
}

/// A failure in words that say what to do; Salesforce's own text goes to `details`.
pub fn explain(error: &FetchError, api_version: &str) -> Problem {
    let code = match error {
        FetchError::Http { code: Some(code), .. } => code.as_str(),
        _ => "",
    };
    let message = match (error, code) {
        (FetchError::Http { status: 403, .. }, "REQUEST_LIMIT_EXCEEDED") => strings::LIMIT_NOTHING_SAVED.to_string(),
        (FetchError::Http { status: 401, .. }, _) => strings::SALESFORCE_EXPIRED.to_string(),
        // Salesforce's own 404 (`NOT_FOUND`, or none) means no such API version here; a
        // host's 404 with a code of its own says what is missing in its words.
        (FetchError::Http { status: 404, .. }, "" | "NOT_FOUND") => strings::no_query_service(api_version),
        (_, "INVALID_FIELD") => match invalid_field(error) {
            Some((field, object)) => strings::no_such_field(&field, &object),
            None => strings::SALESFORCE_REFUSED_FIELD.to_string(),
        },
        (FetchError::Http { message, .. }, "MALFORMED_QUERY" | "MALFORMED_SEARCH" | "INVALID_TYPE") => {
            strings::query_refused(&plain_message(message.as_deref().unwrap_or(strings::NO_DETAILS)))
        }
        (other, _) => other.to_string(),
    };
    Problem { message, retry: error.retry_can_help(), details: details(error) }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "network_tests.rs"]
mod network_tests;

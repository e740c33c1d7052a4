//! Runs the card's plan: both requests side by side, each retried on its own without an
//! extra field the org does not have, or without an object the integration user may not
//! read. Only a failure of the whole connection (limit, network, credentials, server)
//! fails the load; a refused object becomes a [`Refusal`] shown in its section.

use serde_json::Value;

use super::plan::{Plan, Reads};
use super::refusal::{blamed, Object, Refusal};
use super::{Fetched, Fields};
use crate::config::{ExtraFields, Visibility};
use crate::salesforce::client::{invalid_field, Records, SalesforceClient};
use crate::salesforce::errors::is_refusal;
use crate::salesforce::host_saved::HostSaved;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::record_type;
use crate::transport::{join, FetchError, LocalFuture};

/// Fetches the card's records. `emails` must already be clean (see `clean_emails`).
pub async fn fetch(
    client: &SalesforceClient<'_>,
    visibility: Visibility,
    emails: &[String],
    extra: &ExtraFields,
) -> Result<Fetched, FetchError> {
    let mut fields = Fields::from_config(extra);
    let mut state =
        State { dropped_fields: std::mem::take(&mut fields.refused), fields, usage: None, host_saved: None };
    let mut refusals: Vec<Refusal> = Vec::new();
    let (mut people, mut accounts): (Option<Vec<Value>>, Option<Vec<Value>>) = (None, None);
    // Every failed attempt drops a field or refuses an object, so this bound is only a
    // guard against an org that keeps answering the same refusal.
    let attempts = 6 + state.fields.count();
    let mut last_error = None;
    let mut finished = false;
    for _ in 0..attempts {
        let refused: Vec<Object> = refusals.iter().map(|refusal| refusal.object).collect();
        let plan = Plan::new(visibility, emails, &state.fields, &refused);
        let reads = Reads::new(visibility, &refused);
        let people_query = plan.people.filter(|_| people.is_none());
        let accounts_query = plan.accounts.filter(|_| accounts.is_none());
        if people_query.is_none() && accounts_query.is_none() {
            finished = true;
            break;
        }
        let (people_answer, accounts_answer) = join(
            optional(people_query.as_deref(), |sosl| Box::pin(client.search(sosl))),
            optional(accounts_query.as_deref(), |soql| Box::pin(client.query(soql))),
        )
        .await;
        if let Some(answer) = people_answer {
            match state.settle(answer)? {
                Settled::Read(records) => people = Some(records),
                Settled::Again(error) => last_error = Some(error),
                Settled::Refused(error) => {
                    let objects: Vec<Object> = [(reads.contacts, Object::Contact), (reads.leads, Object::Lead)]
                        .into_iter()
                        .filter_map(|(read, object)| read.then_some(object))
                        .collect();
                    let object = blamed(&error, &objects).unwrap_or(Object::Contact);
                    refusals.push(Refusal::new(object, &error));
                    last_error = Some(error);
                }
            }
        }
        if let Some(answer) = accounts_answer {
            match state.settle(answer)? {
                Settled::Read(records) => accounts = Some(records),
                Settled::Again(error) => last_error = Some(error),
                Settled::Refused(error) => {
                    refusals.extend(account_refusals(&error, reads.opportunities));
                    last_error = Some(error);
                }
            }
        }
    }
    if !finished {
        return Err(last_error.unwrap_or_else(|| FetchError::Decode {
            service: crate::transport::Service::Salesforce,
            detail: "the queries kept being refused".into(),
        }));
    }
    let refused: Vec<Object> = refusals.iter().map(|refusal| refusal.object).collect();
    let reads = Reads::new(visibility, &refused);
    let of_type = |object: Object| -> Vec<Value> {
        people
            .iter()
            .flatten()
            .filter(|record| record_type(record).is_some_and(|kind| kind.eq_ignore_ascii_case(object.api_name())))
            .cloned()
            .collect()
    };
    let contacts = (reads.contacts && people.is_some()).then(|| of_type(Object::Contact));
    let leads = (reads.leads && people.is_some()).then(|| of_type(Object::Lead));
    Ok(Fetched {
        records: [contacts, leads, accounts],
        fields: state.fields,
        dropped_fields: state.dropped_fields,
        refused: refusals,
        usage: state.usage,
        host_saved: state.host_saved,
    })
}

/// A request if there is one to make.
fn optional<'a>(
    query: Option<&'a str>,
    run: impl FnOnce(&'a str) -> LocalFuture<'a, Result<Records, FetchError>>,
) -> LocalFuture<'a, Option<Result<Records, FetchError>>> {
    match query {
        Some(query) => {
            let future = run(query);
            Box::pin(async move { Some(future.await) })
        }
        None => Box::pin(async { None }),
    }
}

/// What the load has learnt so far, beyond records.
struct State {
    fields: Fields,
    dropped_fields: Vec<(String, String)>,
    usage: Option<ApiUsage>,
    host_saved: Option<HostSaved>,
}

enum Settled {
    Read(Vec<Value>),
    /// An extra field was dropped: ask again.
    Again(FetchError),
    /// The integration user may not read something this request asked for.
    Refused(FetchError),
}

impl State {
    /// Sorts an answer into records, a dropped extra field, a refusal, or a failure of
    /// the whole load.
    fn settle(&mut self, answer: Result<Records, FetchError>) -> Result<Settled, FetchError> {
        let error = match answer {
            Ok(records) => {
                self.usage = records.usage.or(self.usage);
                self.host_saved = HostSaved::join(self.host_saved, records.host_saved);
                return Ok(Settled::Read(records.records));
            }
            Err(error) => error,
        };
        if let Some((field, object)) = invalid_field(&error) {
            if let Some(list) = self.fields.list_mut(&object) {
                if let Some(idx) = list.iter().position(|known| known.eq_ignore_ascii_case(&field)) {
                    list.remove(idx);
                    let reason =
                        format!("{field} does not exist on {object} (or is not visible to the integration user)");
                    self.dropped_fields.push((object, reason));
                    return Ok(Settled::Again(error));
                }
            }
        }
        if is_refusal(&error) {
            Ok(Settled::Refused(error))
        } else {
            Err(error)
        }
    }
}

/// What a refusal of the Account query takes away: only the Opportunities subquery
/// (the Accounts are read again without it), or the Accounts, and with them the
/// Opportunities read through them.
fn account_refusals(error: &FetchError, opportunities_asked: bool) -> Vec<Refusal> {
    let mut objects = vec![Object::Account, Object::Contact];
    if opportunities_asked {
        objects.push(Object::Opportunity);
    }
    let accounts = match blamed(error, &objects) {
        Some(Object::Opportunity) => return vec![Refusal::opportunities_left_out(error)],
        Some(Object::Contact) => Refusal::accounts_need_contacts(error),
        _ => Refusal::new(Object::Account, error),
    };
    let opportunities = opportunities_asked.then(|| Refusal::opportunities_need_accounts(&accounts));
    std::iter::once(accounts).chain(opportunities).collect()
}

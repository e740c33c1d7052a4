//! Runs the card's plan: both requests side by side, each retried on its own without an
//! extra field the org does not have, or without an object the integration user may not
//! read. Only a failure of the whole connection (limit, network, credentials, server)
//! fails the load; a refused object becomes a [`Refusal`] shown in its section.

use serde_json::Value;

use super::lists::{resolve, ListState};
use super::matching::{merge, Reason};
use super::org_info::OrgInfo;
use super::plan::{Asked, ById, Plan, Reach, Reads};
use super::refusal::{blamed, named_object, Object, Refusal};
use super::related::RelatedList;
use super::{Fetched, Fields};
use crate::config::{CardSettings, ExtraFields, Matching, Visibility};
use crate::json::str_at;
use crate::salesforce::client::{invalid_field, Records, SalesforceClient};
use crate::salesforce::errors::is_refusal;
use crate::salesforce::host_saved::HostSaved;
use crate::salesforce::limits::ApiUsage;
use crate::salesforce::sosl::record_type;
use crate::strings;
use crate::transport::{join_all, FetchError, LocalFuture};

/// What one load looks for and asks for.
pub struct Wanted<'a> {
    pub visibility: Visibility,
    pub extra: &'a ExtraFields,
    pub card: &'a CardSettings,
    /// Clean emails (see `clean_emails`).
    pub emails: &'a [String],
    /// Clean phones (see `clean_phones`), searched when `match.phones` is on.
    pub phones: &'a [String],
    pub customer_id: Option<&'a str>,
}

/// Settings with nothing beyond the card's four objects and email.
pub static PLAIN: CardSettings = CardSettings {
    related_lists: Vec::new(),
    sections: Vec::new(),
    matching: Matching { contact_field: None, phones: false },
};

impl<'a> Wanted<'a> {
    /// The card by email alone.
    pub fn emails(visibility: Visibility, emails: &'a [String], extra: &'a ExtraFields) -> Wanted<'a> {
        Wanted { visibility, extra, card: &PLAIN, emails, phones: &[], customer_id: None }
    }
}

/// Fetches the card's records.
pub async fn fetch(
    client: &SalesforceClient<'_>,
    wanted: &Wanted<'_>,
    info: Option<&OrgInfo>,
) -> Result<Fetched, FetchError> {
    let visibility = wanted.visibility;
    let mut fields = Fields::from_config(wanted.extra);
    let mut state =
        State { dropped_fields: std::mem::take(&mut fields.refused), fields, usage: None, host_saved: None };
    let mut lists = wanted.card.related_lists.clone();
    if let Some(info) = info {
        state.drop_unreadable(info, &mut lists);
    }
    let mut list_states = resolve(&lists, info);
    let by_id = by_id(wanted, info, &mut state.dropped_fields);
    let phones = if wanted.card.matching.phones { wanted.phones } else { &[] };
    let reach = Reach { emails: wanted.emails, phones, by_id };

    let mut refusals: Vec<Refusal> = Vec::new();
    // Each answer once it is in: `None` until then.
    let mut people: Option<Vec<Value>> = None;
    let mut by_phone: Option<Vec<Value>> = None;
    let mut accounts: Option<Vec<Value>> = None;
    // Every failed attempt drops a field, a list or an object, so this bound is only a
    // guard against an org that keeps answering the same refusal.
    let attempts = 8 + state.fields.count() + lists.iter().map(|list| list.fields.len() + 1).sum::<usize>();
    let mut last_error = None;
    let mut finished = false;
    for _ in 0..attempts {
        let refused: Vec<Object> = refusals.iter().map(|refusal| refusal.object).collect();
        let asked = asked(&lists, &list_states);
        let plan = Plan::build(visibility, &reach, &state.fields, &refused, &asked);
        let reads = Reads::with_lists(visibility, &refused, !asked.is_empty());
        let people_query = plan.people.filter(|_| people.is_none());
        let phones_query = plan.phones.filter(|_| by_phone.is_none());
        let accounts_query = if accounts.is_some() {
            None
        } else if !plan.after_searches {
            plan.accounts
        } else if people_query.is_none() && phones_query.is_none() {
            let (account_ids, contact_ids) = found_ids(people.iter().chain(by_phone.iter()).flatten());
            let query = Plan::accounts_by_ids(visibility, &state.fields, &refused, &asked, &account_ids, &contact_ids);
            if query.is_none() {
                accounts = Some(Vec::new());
            }
            query
        } else {
            None
        };
        if people_query.is_none() && phones_query.is_none() && accounts_query.is_none() {
            finished = true;
            break;
        }
        let answers = join_all(vec![
            optional(people_query.as_deref(), |sosl| Box::pin(client.search(sosl))),
            optional(phones_query.as_deref(), |sosl| Box::pin(client.search(sosl))),
            optional(accounts_query.as_deref(), |soql| Box::pin(client.query(soql))),
        ])
        .await;
        let [people_answer, phones_answer, accounts_answer]: [Option<Result<Records, FetchError>>; 3] =
            answers.try_into().unwrap_or_default();
        for (answer, into) in [(people_answer, &mut people), (phones_answer, &mut by_phone)] {
            let Some(answer) = answer else { continue };
            match state.settle(answer)? {
                Settled::Read(records) => *into = Some(records),
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
            let answer = match answer {
                Err(error) if !asked.is_empty() => match state.list_trouble(&error, &mut lists, &mut list_states) {
                    true => {
                        last_error = Some(error);
                        continue;
                    }
                    false => Err(error),
                },
                answer => answer,
            };
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
    let searched = people.is_some() || by_phone.is_some();
    let found = if wanted.card.matching.beyond_email() {
        matched(&reach, people.unwrap_or_default(), by_phone.unwrap_or_default())
    } else {
        people.unwrap_or_default()
    };
    let of_type = |object: Object| -> Vec<Value> {
        found
            .iter()
            .filter(|record| record_type(record).is_some_and(|kind| kind.eq_ignore_ascii_case(object.api_name())))
            .cloned()
            .collect()
    };
    let contacts = (reads.contacts && searched).then(|| of_type(Object::Contact));
    let leads = (reads.leads && searched).then(|| of_type(Object::Lead));
    Ok(Fetched {
        records: [contacts, leads, accounts],
        fields: state.fields,
        dropped_fields: state.dropped_fields,
        refused: refusals,
        lists: lists.iter().map(|list| list.object.clone()).zip(list_states).collect(),
        usage: state.usage,
        host_saved: state.host_saved,
    })
}

/// The Kustomer id and the field that holds it, on the objects the org has it on.
fn by_id<'a>(wanted: &Wanted<'a>, info: Option<&OrgInfo>, dropped: &mut Vec<(String, String)>) -> Option<ById<'a>> {
    let field = wanted.card.matching.contact_field.as_deref()?;
    let id = wanted.customer_id.filter(|id| !id.trim().is_empty())?;
    let mut on = |object: &str| {
        let readable = info.is_none_or(|info| info.readable(object, field));
        if !readable {
            dropped.push((object.to_string(), strings::not_readable(field, object)));
        }
        readable
    };
    let (on_contact, on_lead) = (on("Contact"), on("Lead"));
    (on_contact || on_lead).then_some(ById { field, id, on_contact, on_lead })
}

/// The lists still asked, under their relationships.
fn asked<'a>(lists: &'a [RelatedList], states: &'a [ListState]) -> Vec<Asked<'a>> {
    lists
        .iter()
        .zip(states)
        .filter_map(|(list, state)| match state {
            ListState::Asked(relationship) => Some(Asked { list, relationship }),
            ListState::Refused { .. } => None,
        })
        .collect()
}

/// The Accounts of the Contacts found, and the Contacts, by id, each once.
fn found_ids<'a>(records: impl Iterator<Item = &'a Value>) -> (Vec<String>, Vec<String>) {
    let (mut accounts, mut contacts) = (Vec::new(), Vec::new());
    for record in records.filter(|record| record_type(record).is_some_and(|kind| kind.eq_ignore_ascii_case("Contact")))
    {
        for (value, into) in [(str_at(record, "AccountId"), &mut accounts), (str_at(record, "Id"), &mut contacts)] {
            if let Some(id) = value.filter(|id| is_record_id(id)) {
                if !into.contains(&id) {
                    into.push(id);
                }
            }
        }
    }
    (accounts, contacts)
}

/// A record id as Salesforce sends them: letters and digits, 15 or 18 of them (no more
/// than 18 is checked, so that test orgs' shorter ids pass). Ids go back into a query,
/// quoted, and only when they look like ids.
fn is_record_id(id: &str) -> bool {
    (1..=18).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The people found each way, one record a person, each marked with how it was found
/// (`_matched`: no Salesforce field starts with an underscore).
fn matched(reach: &Reach, people: Vec<Value>, by_phone: Vec<Value>) -> Vec<Value> {
    let mut found: Vec<(String, Reason, Value)> = Vec::new();
    for record in people {
        let Some(id) = str_at(&record, "Id") else { continue };
        // The search's own condition found it: by the id when the field holds it, else by
        // email (whatever the case of the address on the record), never dropped.
        let by_id = reach.by_id.is_some_and(|by_id| str_at(&record, by_id.field).as_deref() == Some(by_id.id));
        let email = str_at(&record, "Email");
        if !by_id || email.is_some_and(|email| reach.emails.iter().any(|known| known.eq_ignore_ascii_case(&email))) {
            found.push((id.clone(), Reason::Email, record.clone()));
        }
        if by_id {
            found.push((id, Reason::KustomerId, record));
        }
    }
    for record in by_phone {
        if let Some(id) = str_at(&record, "Id") {
            found.push((id, Reason::Phone, record));
        }
    }
    merge(&found)
        .into_iter()
        .map(|(mut record, reasons)| {
            if let Value::Object(map) = &mut record {
                let names: Vec<Value> = reasons.iter().map(|reason| Value::from(reason.name())).collect();
                map.insert("_matched".into(), Value::Array(names));
            }
            record
        })
        .collect()
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
                if drop_field(list, &field, &object, &mut self.dropped_fields) {
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

impl State {
    /// Leaves out the extra fields and list fields the org does not give the integration
    /// user, each said once, so that one field no longer fails a whole query.
    fn drop_unreadable(&mut self, info: &OrgInfo, lists: &mut [RelatedList]) {
        for object in ["Contact", "Lead", "Account", "Opportunity"] {
            let Some(fields) = self.fields.list_mut(object) else { continue };
            let (kept, unreadable): (Vec<String>, Vec<String>) =
                fields.drain(..).partition(|field| info.readable(object, field));
            *fields = kept;
            for field in unreadable {
                self.dropped_fields.push((object.to_string(), strings::not_readable(&field, object)));
            }
        }
        for list in lists {
            let (kept, unreadable): (Vec<String>, Vec<String>) =
                list.fields.drain(..).partition(|field| info.readable(&list.object, field));
            list.fields = kept;
            for field in unreadable {
                self.dropped_fields.push((list.object.clone(), strings::not_readable(&field, &list.object)));
            }
        }
    }

    /// An Account query refused over a related list: a field of a list the org does not
    /// have is dropped, a list it names (or, when it names nothing of the card's own, every
    /// list) is refused; then the query is asked again. False when the error is not about
    /// the lists.
    fn list_trouble(&mut self, error: &FetchError, lists: &mut [RelatedList], states: &mut [ListState]) -> bool {
        // A list's trouble is a query error (400: an unknown object, relationship, field or
        // filter); a 403 is the integration user's access, which the card's own refusals say.
        let FetchError::Http { status: 400, .. } = error else { return false };
        if let Some((field, object)) = invalid_field(error) {
            let owner = lists.iter_mut().zip(states.iter()).find(|(list, state)| {
                matches!(state, ListState::Asked(_)) && list.object.eq_ignore_ascii_case(&object)
            });
            if let Some((list, _)) = owner {
                if drop_field(&mut list.fields, &field, &object, &mut self.dropped_fields) {
                    return true;
                }
            }
        }
        // One of the card's own objects (or their relationships): its own refusals say it.
        if named_object(error).is_some() {
            return false;
        }
        let blamed = super::lists::blamed(error, lists, states);
        for index in &blamed {
            states[*index] = super::lists::refused_by(&lists[*index], error);
        }
        !blamed.is_empty()
    }
}

/// Takes `field` out of `fields` (any case) and says so in `dropped`; false when it was
/// not there.
fn drop_field(fields: &mut Vec<String>, field: &str, object: &str, dropped: &mut Vec<(String, String)>) -> bool {
    let Some(index) = fields.iter().position(|known| known.eq_ignore_ascii_case(field)) else { return false };
    fields.remove(index);
    dropped.push((object.to_string(), strings::not_readable(field, object)));
    true
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn everyone_the_searches_found_is_kept_once_with_every_way() {
        let emails = vec!["ümlaut@x.co".to_string()];
        let by_id = ById { field: "Kid__c", id: "k1", on_contact: true, on_lead: true };
        let reach = Reach { emails: &emails, phones: &[], by_id: Some(by_id) };
        let contact = |id: &str, email: &str, kid: Option<&str>| json!({ "attributes": { "type": "Contact" }, "Id": id, "Email": email, "Kid__c": kid });
        let people = vec![
            // Salesforce matched the address whatever its case beyond ASCII: kept, by email.
            contact("003A", "ÜMLAUT@x.co", None),
            contact("003B", "billing@x.co", Some("k1")),
            contact("003C", "ümlaut@x.co", Some("k1")),
        ];
        let by_phone = vec![contact("003A", "ÜMLAUT@x.co", None)];
        let found = matched(&reach, people, by_phone);
        let summary: Vec<(String, Vec<String>)> = found
            .iter()
            .map(|record| {
                let reasons = record["_matched"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string());
                (record["Id"].as_str().unwrap().to_string(), reasons.collect())
            })
            .collect();
        let owned = |id: &str, reasons: &[&str]| (id.to_string(), reasons.iter().map(|r| r.to_string()).collect());
        assert_eq!(
            summary,
            vec![
                owned("003A", &["email", "phone"]),
                owned("003B", &["kustomerId"]),
                owned("003C", &["email", "kustomerId"])
            ]
        );
    }
}

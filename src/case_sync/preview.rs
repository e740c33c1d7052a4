//! Everything the Case section shows for one conversation, loaded read-only.

use crate::strings;
use serde_json::{Map, Value};

use super::mapping::{body, default_mapping, Inputs, MappedField};
use super::{custom_request, eligibility, CustomRequest, Eligibility};
use crate::config::Config;
use crate::json::str_at;
use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::KustomerClient;
use crate::problem::Problem;
use crate::salesforce::client::{invalid_field, SalesforceClient};
use crate::salesforce::model::Contact;
use crate::salesforce::soql::quote;

/// The Case a conversation became, found by its conversation id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncedCase {
    pub id: String,
    pub number: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CasePreview {
    pub eligibility: Eligibility,
    pub case: Option<SyncedCase>,
    /// Why the Case could not be looked up, when it could not.
    pub case_note: Option<String>,
    pub fields: Vec<MappedField>,
    pub contact_note: String,
    pub custom: Option<CustomRequest>,
}

impl CasePreview {
    /// The default mapping's body, as the sync sends it.
    pub fn payload(&self) -> Map<String, Value> {
        body(&self.fields)
    }
}

/// `contacts`: the Contacts the Insight Card matched by email, when it could query them.
pub async fn load_preview(
    kustomer: &KustomerClient<'_>,
    salesforce: &SalesforceClient<'_>,
    config: &Config,
    conversation_id: &str,
    contacts: Option<&[Contact]>,
) -> Result<CasePreview, Problem> {
    let conversation = kustomer
        .conversation(conversation_id)
        .await
        .map_err(|error| Problem::new(explain(&error, Reading::Conversation), error.retry_can_help()))?;
    // `steps.1` in the workflow: the conversation's attributes with its id.
    let mut step = match &conversation.attributes {
        Value::Object(attributes) => attributes.clone(),
        _ => Map::new(),
    };
    step.insert("id".into(), Value::from(conversation.id.clone()));
    let step = Value::Object(step);

    let mut names = Vec::new();
    for (id, user) in kustomer.users(&conversation.assigned_user_ids).await {
        names.push(user.map(|user| user.display_name()).unwrap_or_else(|_| strings::agent_by_id(&id)));
    }

    let soql = format!(
        "SELECT Id, CaseNumber, Status FROM Case WHERE KustomerApp__Conversation_Id__c = {} ORDER BY CreatedDate LIMIT 1",
        quote(&conversation.id)
    );
    let (case, case_note) = match salesforce.query(&soql).await {
        Ok(result) => (
            result.records.first().and_then(|record| {
                Some(SyncedCase {
                    id: str_at(record, "Id")?,
                    number: str_at(record, "CaseNumber"),
                    status: str_at(record, "Status"),
                })
            }),
            None,
        ),
        Err(error) => {
            let note = match invalid_field(&error) {
                Some((field, object)) => strings::case_field_missing(&object, &field),
                None => strings::case_lookup_failed(&error.to_string()),
            };
            (None, Some(note))
        }
    };

    let subdomain = config.salesforce.as_ref().map(|s| s.subdomain.as_str()).unwrap_or("your-salesforce-subdomain");
    let no_contacts: &[Contact] = &[];
    let contact_list = contacts.unwrap_or(no_contacts);
    let (fields, mut contact_note) = default_mapping(&Inputs {
        conversation: &step,
        contacts: contact_list,
        assignee_names: &names,
        conversation_url: config.kustomer.conversation_link(&conversation.id),
        record_type_id: config.case_sync.record_type_id.as_deref(),
        value_maps: config.case_sync.value_maps.as_ref(),
    });
    if contacts.is_none() {
        contact_note = strings::CONTACTS_HIDDEN_NOTE.to_string();
    }
    Ok(CasePreview {
        eligibility: eligibility(&step, &config.case_sync.sync_attribute),
        case,
        case_note,
        fields,
        contact_note,
        custom: custom_request(&config.case_sync, &step, subdomain),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;
    use crate::demo::kustomer_data;
    use crate::test_support::{block_on, FakeClock};
    use crate::transport::demo::DemoTransport;

    fn preview(conversation: &str, config: &str) -> CasePreview {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock.clone());
        let kustomer = KustomerClient::new(&transport, clock.as_ref());
        let salesforce = SalesforceClient::new(&transport, "v62.0");
        let config = Config::from_json(config).unwrap();
        block_on(load_preview(&kustomer, &salesforce, &config, conversation, Some(&[]))).unwrap()
    }

    const CONFIG: &str = r#"{"view":"insight","context":{"customerEmails":["a@b.co"]},"transport":{"kind":"demo"},"salesforce":{"subdomain":"northwind.my"},
        "kustomer":{"org":"northwind"},"caseSync":{"enabled":true,"recordTypeId":"012Dn000000KusAAA"}}"#;

    #[test]
    fn a_syncing_conversation_finds_its_case_and_maps_every_field() {
        let preview = preview(kustomer_data::INVOICE_EMAIL, CONFIG);
        assert_eq!(preview.eligibility, Eligibility::Syncs);
        assert_eq!(preview.case.as_ref().unwrap().number.as_deref(), Some("00001042"));
        let payload = preview.payload();
        assert_eq!(payload["KustomerApp__Conversation_Assignee_Name__c"], "Sam Rivera, Dana Kim");
        assert_eq!(
            payload["KustomerApp__Conversation_URL__c"],
            "https://northwind.kustomerapp.com/app/conversations/6140cefd91ffddd18144e08b"
        );
        assert_eq!(payload["RecordTypeId"], "012Dn000000KusAAA");
        assert!(preview.custom.is_none());
    }

    #[test]
    fn spam_and_switched_off_conversations_say_why() {
        assert_eq!(preview(kustomer_data::SPAM_EMAIL, CONFIG).eligibility.sentence(), "Not syncing: marked as spam");
        let sms = preview(kustomer_data::SMS_REDACTED, CONFIG);
        assert_eq!(sms.eligibility.sentence(), "Not syncing: Sync To Salesforce is off");
        assert!(sms.case.is_none() && sms.case_note.is_none());
    }
}

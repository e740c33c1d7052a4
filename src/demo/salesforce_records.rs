//! The demo org's Salesforce records: Accounts (with a parent), Contacts (two sharing one
//! email, one found only by its Kustomer customer id, one with a phone and no email),
//! Leads, Opportunities open and closed, and the Cases that case sync created. The query
//! engines read them; the request handler (`salesforce_data`) answers with them.

use serde_json::{json, Value};

use super::ids::JANE;

/// Records per query batch. Salesforce sends up to 2,000; the demo sends few so that
/// `nextRecordsUrl` paging is exercised.
pub const BATCH_SIZE: usize = 3;

fn record(object: &str, id: &str, fields: Value) -> Value {
    let mut record = json!({ "attributes": { "type": object, "url": format!("/services/data/v62.0/sobjects/{object}/{id}") }, "Id": id });
    if let (Value::Object(target), Value::Object(fields)) = (&mut record, fields) {
        target.extend(fields);
    }
    record
}

/// The fields every Contact and Lead of the org has and most leave empty: the standard
/// mobile phone, and the custom field an admin adds to match Kustomer customers by id.
const PERSON_FIELDS: [&str; 2] = ["MobilePhone", "Kustomer_Customer_Id__c"];

/// A Contact or Lead, with [`PERSON_FIELDS`] null unless given, so that selecting them
/// never fails on a record that happens to leave them out.
fn person(object: &str, id: &str, fields: Value) -> Value {
    let mut person = record(object, id, fields);
    if let Value::Object(map) = &mut person {
        for field in PERSON_FIELDS {
            map.entry(field).or_insert(Value::Null);
        }
    }
    person
}

fn user(name: &str) -> Value {
    json!({ "attributes": { "type": "User" }, "Name": name })
}

pub fn accounts() -> Vec<Value> {
    vec![
        record(
            "Account",
            "001Dn00000BrtHldA",
            json!({ "Name": "Brightline Holdings", "Industry": "Financial Services", "Type": "Customer - Direct", "NumberOfEmployees": 2400, "ParentId": null, "Parent": null, "Owner": user("Avery Stone") }),
        ),
        record(
            "Account",
            "001Dn00000BrtLneA",
            json!({ "Name": "Brightline Inc", "Industry": "Software", "Type": "Customer - Direct", "NumberOfEmployees": 310, "ParentId": "001Dn00000BrtHldA",
            "Parent": { "attributes": { "type": "Account" }, "Name": "Brightline Holdings" }, "Owner": user("Avery Stone") }),
        ),
        record(
            "Account",
            "001Dn00000HrbLogA",
            json!({ "Name": "Harbor Logistics", "Industry": "Transportation", "Type": "Prospect", "NumberOfEmployees": 85, "ParentId": null, "Parent": null, "Owner": user("Jordan Ellis") }),
        ),
        record(
            "Account",
            "001Dn00000SmtGeaA",
            json!({ "Name": "Summit Gear Co", "Industry": "Retail", "Type": "Customer - Channel", "NumberOfEmployees": 42, "ParentId": null, "Parent": null, "Owner": null }),
        ),
        record(
            "Account",
            "001Dn00000TdwtrA",
            json!({ "Name": "Tidewater Homes", "Industry": "Construction", "Type": "Customer - Direct", "NumberOfEmployees": 18, "ParentId": null, "Parent": null, "Owner": user("Jordan Ellis") }),
        ),
        record(
            "Account",
            "001Dn00000WhtfdA",
            json!({ "Name": "Whitfield Outdoor", "Industry": "Recreation", "Type": "Customer - Direct", "NumberOfEmployees": 12, "ParentId": null, "Parent": null, "Owner": user("Avery Stone") }),
        ),
    ]
}

fn account_ref(name: &str) -> Value {
    json!({ "attributes": { "type": "Account" }, "Name": name })
}

pub fn contacts() -> Vec<Value> {
    vec![
        person(
            "Contact",
            "003Dn00000JnCprA",
            json!({ "Name": "Jane Cooper", "Title": "Finance Operations Lead", "Email": "jane.cooper@brightline.io", "Phone": "+1 415 555 0134", "Department": "Finance",
            "AccountId": "001Dn00000BrtLneA", "Account": account_ref("Brightline Inc"), "Owner": user("Avery Stone") }),
        ),
        // Two Contacts share Marcus's email, one without an Account: the duplicate that
        // admins are told to merge and often have not.
        person(
            "Contact",
            "003Dn00000MrcWb1",
            json!({ "Name": "Marcus Webb", "Title": "Operations Manager", "Email": "marcus.webb@harborlogistics.com", "Phone": "+1 206 555 0188", "Department": "Operations",
            "AccountId": "001Dn00000HrbLogA", "Account": account_ref("Harbor Logistics"), "Owner": user("Jordan Ellis") }),
        ),
        person(
            "Contact",
            "003Dn00000MrcWb2",
            json!({ "Name": "Marcus Webb", "Title": null, "Email": "Marcus.Webb@harborlogistics.com", "Phone": null, "Department": null,
            "AccountId": null, "Account": null, "Owner": null }),
        ),
        person(
            "Contact",
            "003Dn00000OlvChA",
            json!({ "Name": "Olivia Chen", "Title": "Buyer", "Email": "olivia.chen@summitgear.co", "Phone": "+1 303 555 0102", "Department": "Purchasing",
            "AccountId": "001Dn00000SmtGeaA", "Account": account_ref("Summit Gear Co"), "Owner": user("Avery Stone") }),
        ),
        person(
            "Contact",
            "003Dn00000SnONlA",
            json!({ "Name": "Seán O'Neil", "Title": "Owner", "Email": "sean.o'neil@tidewater.ie", "Phone": "+353 1 555 0199", "Department": null,
            "AccountId": "001Dn00000TdwtrA", "Account": account_ref("Tidewater Homes"), "Owner": user("Jordan Ellis") }),
        ),
        person(
            "Contact",
            "003Dn00000LsOrtA",
            json!({ "Name": "Luis Ortega", "Title": "Director", "Email": "luis@ortega-electric.mx", "Phone": "+52 55 1234 5678", "Department": null,
            "AccountId": null, "Account": null, "Owner": user("Jordan Ellis") }),
        ),
        // Jane's company's billing inbox, under her name: its email is none of her
        // Kustomer emails, so only her Kustomer customer id finds it.
        person(
            "Contact",
            "003Dn00000JnCkId",
            json!({ "Name": "Jane Cooper", "Title": "Billing contact", "Email": "accounts@brightline.io", "Phone": null, "Department": "Finance",
            "AccountId": "001Dn00000BrtLneA", "Account": account_ref("Brightline Inc"), "Owner": user("Avery Stone"),
            "Kustomer_Customer_Id__c": JANE }),
        ),
        // Known by phone alone, written differently from Kustomer's "(503) 555-0147".
        person(
            "Contact",
            "003Dn00000DnWhtA",
            json!({ "Name": "Dana Whitfield", "Title": "Owner", "Email": null, "Phone": "+1 503-555-0147", "Department": null,
            "AccountId": "001Dn00000WhtfdA", "Account": account_ref("Whitfield Outdoor"), "Owner": user("Avery Stone") }),
        ),
    ]
}

pub fn leads() -> Vec<Value> {
    vec![
        person(
            "Lead",
            "00QDn00000PrySA",
            json!({ "Name": "Priya Shah", "Company": "Shah Design Studio", "Title": "Founder", "Status": "Working - Contacted", "LeadSource": "Web",
            "Email": "priya@shahdesign.studio", "Phone": null, "IsConverted": false, "Owner": user("Jordan Ellis") }),
        ),
        person(
            "Lead",
            "00QDn00000PryOA",
            json!({ "Name": "Priya Shah", "Company": "Shah Design", "Title": null, "Status": "Closed - Converted", "LeadSource": "Trade Show",
            "Email": "priya@shahdesign.studio", "Phone": null, "IsConverted": true, "Owner": user("Jordan Ellis") }),
        ),
        person(
            "Lead",
            "00QDn00000MrcWA",
            json!({ "Name": "Marcus Webb", "Company": "Harbor Logistics", "Title": "Ops", "Status": "Open - Not Contacted", "LeadSource": "Partner Referral",
            "Email": "marcus.webb@harborlogistics.com", "Phone": null, "IsConverted": false, "Owner": null }),
        ),
        // The same phone again, in a third format and in the mobile field.
        person(
            "Lead",
            "00QDn00000DnWhA",
            json!({ "Name": "Dana Whitfield", "Company": "Whitfield Outdoor", "Title": null, "Status": "Open - Not Contacted", "LeadSource": "Phone Inquiry",
            "Email": null, "Phone": null, "MobilePhone": "503.555.0147", "IsConverted": false, "Owner": user("Jordan Ellis") }),
        ),
    ]
}

pub fn opportunities() -> Vec<Value> {
    let opp = |id: &str,
               name: &str,
               account: &str,
               stage: &str,
               amount: Value,
               close: &str,
               probability: i64,
               closed: bool,
               won: bool| {
        record(
            "Opportunity",
            id,
            json!({ "Name": name, "AccountId": account, "StageName": stage, "Amount": amount, "CloseDate": close,
            "Probability": probability, "IsClosed": closed, "IsWon": won }),
        )
    };
    vec![
        opp(
            "006Dn00000BrtO1A",
            "Brightline - Team plan renewal 2027",
            "001Dn00000BrtLneA",
            "Negotiation/Review",
            json!(148800),
            "2026-12-15",
            80,
            false,
            false,
        ),
        opp(
            "006Dn00000BrtO2A",
            "Brightline - Analytics add-on",
            "001Dn00000BrtLneA",
            "Qualification",
            json!(36000),
            "2027-02-28",
            20,
            false,
            false,
        ),
        opp(
            "006Dn00000BrtO3A",
            "Brightline - Team plan 2026",
            "001Dn00000BrtLneA",
            "Closed Won",
            json!(124000),
            "2025-12-12",
            100,
            true,
            true,
        ),
        opp(
            "006Dn00000BrtO4A",
            "Brightline - On-site training",
            "001Dn00000BrtLneA",
            "Closed Lost",
            json!(9500),
            "2026-06-30",
            0,
            true,
            false,
        ),
        opp(
            "006Dn00000HrbO1A",
            "Harbor Logistics - Pilot",
            "001Dn00000HrbLogA",
            "Prospecting",
            Value::Null,
            "2027-01-31",
            10,
            false,
            false,
        ),
        opp(
            "006Dn00000SmtO1A",
            "Summit Gear - Spring wholesale order",
            "001Dn00000SmtGeaA",
            "Closed Won",
            json!(18250.5),
            "2026-03-02",
            100,
            true,
            true,
        ),
    ]
}

pub fn cases() -> Vec<Value> {
    let case = |id: &str,
                number: &str,
                conversation: &str,
                status: &str,
                subject: &str,
                account: Value,
                contact: Value| {
        record(
            "Case",
            id,
            json!({ "CaseNumber": number, "Status": status, "Subject": subject, "KustomerApp__Conversation_Id__c": conversation,
            "CreatedDate": "2026-11-17T10:00:00.000+0000", "AccountId": account, "ContactId": contact }),
        )
    };
    vec![
        case(
            "500Dn00000Cs001A",
            "00001042",
            "6140cefd91ffddd18144e08b",
            "New",
            "Invoice #4417 charged twice",
            json!("001Dn00000BrtLneA"),
            json!("003Dn00000JnCprA"),
        ),
        case(
            "500Dn00000Cs002A",
            "00001017",
            "6140cefd91ffddd18144c001",
            "Closed",
            "Trail pack sizing and a return",
            json!("001Dn00000SmtGeaA"),
            json!("003Dn00000OlvChA"),
        ),
        case(
            "500Dn00000Cs003A",
            "00001029",
            "6140cefd91ffddd18144c004",
            "Closed",
            "Where is my order?",
            Value::Null,
            Value::Null,
        ),
        case(
            "500Dn00000Cs004A",
            "00001051",
            "6140cefd91ffddd18144c008",
            "Closed",
            "Callback about a damaged delivery",
            Value::Null,
            Value::Null,
        ),
    ]
}

/// A custom object, as orgs keep what support needs: subscriptions on an Account, with a
/// lookup to the product (`Product__r.Name`) and a status the admin's filter can leave out.
pub fn subscriptions() -> Vec<Value> {
    let subscription = |id: &str, name: &str, status: &str, renewal: &str, product: &str, account: &str| {
        record(
            "Subscription__c",
            id,
            json!({ "Name": name, "Status__c": status, "Renewal_Date__c": renewal, "Seats__c": 40, "Account__c": account,
            "Product__r": { "attributes": { "type": "Product2" }, "Name": product } }),
        )
    };
    vec![
        subscription("a0BDn0000SubTm1A", "SUB-0001", "Active", "2027-03-01", "Team plan", "001Dn00000BrtLneA"),
        subscription("a0BDn0000SubAn2A", "SUB-0002", "Active", "2027-02-28", "Analytics add-on", "001Dn00000BrtLneA"),
        subscription("a0BDn0000SubOl3A", "SUB-0003", "Cancelled", "2026-06-30", "Legacy plan", "001Dn00000BrtLneA"),
        subscription("a0BDn0000SubSm4A", "SUB-0004", "Active", "2027-01-15", "Starter plan", "001Dn00000SmtGeaA"),
        subscription("a0BDn0000SubWh5A", "SUB-0005", "Active", "2027-04-01", "Rental fleet plan", "001Dn00000WhtfdA"),
    ]
}

/// The records of an object, by its API name (case-insensitive, as in SOQL).
pub fn table(object: &str) -> Option<Vec<Value>> {
    match object.to_ascii_lowercase().as_str() {
        "account" => Some(accounts()),
        "contact" => Some(contacts()),
        "lead" => Some(leads()),
        "opportunity" => Some(opportunities()),
        "case" => Some(cases()),
        "subscription__c" => Some(subscriptions()),
        _ => None,
    }
}

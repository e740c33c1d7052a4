//! The markup of the Insight Card's records: a section per visible object, with counts,
//! key fields, duplicates stated, and links that open each record in Lightning.

use crate::strings;
use serde_json::Value;

use super::html::Html;
use super::states::details_html;
use crate::insight::matching::Reason;
use crate::insight::sections::Section;
use crate::insight::{Card, Object, Refusal};
use crate::salesforce::model::{Account, Contact, Extra, Lead, Opportunity};

pub struct Formatters<'a> {
    pub number: &'a dyn Fn(f64) -> String,
    /// An amount in the org's currency (a plain number when the currency is not known).
    pub money: &'a dyn Fn(f64) -> String,
    /// A calendar date (`2026-12-15`), which has no time zone.
    pub date: &'a dyn Fn(&str) -> String,
}

/// The Lightning address of a record, opened in a new tab.
pub fn record_url(lightning_host: &str, object: &str, id: &str) -> String {
    format!("https://{lightning_host}/lightning/r/{object}/{}/view", crate::transport::encode_segment(id))
}

/// When the records were read and a Refresh control, the notices, then `records` (from
/// [`card_html`]) in the card's body.
pub fn card_page(updated: &str, notices: &[String], records: &str) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("ksw-card-status"))]);
    html.element("span", &[("class", Some("ksw-muted ksw-updated-ago"))], updated);
    html.element(
        "button",
        &[("type", Some("button")), ("class", Some("ksw-link-button ksw-refresh")), ("data-action", Some("refresh"))],
        strings::REFRESH,
    );
    html.close("div");
    super::states::notices_into(&mut html, notices, false);
    html.open("div", &[("class", Some("ksw-card-body"))]);
    let mut page = html.finish();
    // `records` was written by `card_html` with the same escaping writer.
    page.push_str(records);
    page.push_str("</div>");
    page
}

pub fn card_html(card: &Card, lightning_host: &str, formatters: &Formatters) -> String {
    let mut html = Html::new();
    for duplicate in &card.duplicates {
        html.element("p", &[("class", Some("ksw-duplicate"))], &duplicate.sentence());
    }
    if card.nothing_visible {
        html.element("p", &[("class", Some("ksw-empty"))], strings::EVERYTHING_HIDDEN);
        return html.finish();
    }
    if card.is_empty() {
        html.open("div", &[("class", Some("ksw-no-match"))]);
        html.element("p", &[("class", Some("ksw-empty"))], strings::NO_RECORDS);
        html.element("p", &[("class", Some("ksw-muted ksw-tried"))], &strings::emails_tried(&tried(card)));
        if !card.phones.is_empty() {
            html.element(
                "p",
                &[("class", Some("ksw-muted ksw-tried"))],
                &strings::phones_tried(&card.phones.join(", ")),
            );
        }
        html.close("div");
        return html.finish();
    }
    for section in &card.sections {
        match section {
            Section::BuiltIn(name) => built_in(&mut html, card, name, lightning_host, formatters),
            Section::Related(index) => {
                if let Some(list) = card.related.get(*index) {
                    super::related::section_html(&mut html, list, lightning_host, formatters);
                }
            }
        }
    }
    html.finish()
}

/// One of the card's own sections, by its name in `sections`.
fn built_in(html: &mut Html, card: &Card, name: &str, lightning_host: &str, formatters: &Formatters) {
    match name {
        "contacts" => {
            if let Some(contacts) = &card.contacts {
                section(html, strings::CONTACTS, contacts.len(), |html| {
                    for contact in contacts {
                        contact_html(html, contact, card.reasons(&contact.id), lightning_host, formatters);
                    }
                });
            } else if let Some(refusal) = card.refusal(Object::Contact) {
                refused_section(html, refusal);
            }
        }
        "leads" => {
            if let Some(leads) = &card.leads {
                section(html, strings::LEADS, leads.len(), |html| {
                    for lead in leads {
                        lead_html(html, lead, card.reasons(&lead.id), lightning_host, formatters);
                    }
                });
            } else if let Some(refusal) = card.refusal(Object::Lead) {
                refused_section(html, refusal);
            }
        }
        "accounts" if card.show_accounts => match (&card.accounts, card.refusal(Object::Account)) {
            (_, Some(refusal)) => refused_section(html, refusal),
            (Some(accounts), None) => section(html, strings::ACCOUNTS, accounts.len(), |html| {
                for account in accounts {
                    account_html(html, account, lightning_host, formatters);
                }
            }),
            (None, None) => {}
        },
        "opportunities" if card.show_opportunities => match (&card.accounts, card.refusal(Object::Opportunity)) {
            (_, Some(refusal)) => refused_section(html, refusal),
            (Some(accounts), None) => {
                let count = accounts.iter().map(|a| a.opportunities.len()).sum();
                section(html, strings::OPPORTUNITIES, count, |html| {
                    for account in accounts {
                        for opportunity in &account.opportunities {
                            opportunity_html(html, opportunity, &account.name, lightning_host, formatters);
                        }
                    }
                });
            }
            (None, None) => {}
        },
        _ => {}
    }
}

/// "by email, by phone": how a person was found, when the card matches beyond email.
fn matched(html: &mut Html, reasons: Option<&[Reason]>) {
    let Some(reasons) = reasons.filter(|reasons| !reasons.is_empty()) else { return };
    let words: Vec<&str> = reasons
        .iter()
        .map(|reason| match reason {
            Reason::Email => strings::BY_EMAIL,
            Reason::Phone => strings::BY_PHONE,
            Reason::KustomerId => strings::BY_KUSTOMER_ID,
        })
        .collect();
    field(html, strings::MATCHED, Some(&words.join(", ")));
}

/// The emails searched, for the no-match message.
pub fn tried(card: &Card) -> String {
    if card.emails.is_empty() {
        strings::NO_VALID_EMAIL.to_string()
    } else {
        card.emails.join(", ")
    }
}

/// A section the integration user may not read: its title, the notice, and
/// Salesforce's own words behind "Details".
fn refused_section(html: &mut Html, refusal: &Refusal) {
    let title = refusal.object.plural();
    html.open("section", &[("class", Some(section_class(title))), ("aria-label", Some(title))]);
    html.element("h3", &[("class", Some("ksw-section-title"))], title);
    html.element("p", &[("class", Some("ksw-notice ksw-refusal"))], &refusal.notice);
    if let Some(details) = &refusal.details {
        details_html(html, details);
    }
    html.close("section");
}

/// A "Details" disclosure holding raw text from a service.
fn section_class(title: &str) -> &'static str {
    match title {
        strings::CONTACTS => "ksw-section ksw-contacts",
        strings::LEADS => "ksw-section ksw-leads",
        strings::ACCOUNTS => "ksw-section ksw-accounts",
        _ => "ksw-section ksw-opportunities",
    }
}

fn section(html: &mut Html, title: &str, count: usize, body: impl FnOnce(&mut Html)) {
    section_in(html, section_class(title), title, count, body);
}

/// A titled section with its count, "None" or the list `body` writes.
pub(super) fn section_in(html: &mut Html, class: &str, title: &str, count: usize, body: impl FnOnce(&mut Html)) {
    html.open("section", &[("class", Some(class)), ("aria-label", Some(title))]);
    html.open("h3", &[("class", Some("ksw-section-title"))]).text(title).text(" ");
    html.element("span", &[("class", Some("ksw-count"))], &count.to_string());
    html.close("h3");
    if count == 0 {
        html.element("p", &[("class", Some("ksw-muted ksw-none"))], strings::NONE);
    } else {
        html.open("ul", &[("class", Some("ksw-records"))]);
        body(html);
        html.close("ul");
    }
    html.close("section");
}

pub(super) fn record_start(html: &mut Html, object: &str, id: &str, name: &str, lightning_host: &str) {
    html.open("li", &[("class", Some("ksw-record")), ("data-id", Some(id))]);
    let url = record_url(lightning_host, object, id);
    html.element(
        "a",
        &[
            ("class", Some("ksw-record-link")),
            ("dir", Some("auto")),
            ("href", Some(&url)),
            ("target", Some("_blank")),
            ("rel", Some("noopener noreferrer")),
        ],
        name,
    );
    html.open("dl", &[("class", Some("ksw-record-fields"))]);
}

pub(super) fn field(html: &mut Html, label: &str, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        html.element("dt", &[], label).element("dd", &[("dir", Some("auto"))], value);
    }
}

pub(super) fn extras(html: &mut Html, extra: &Extra, formatters: &Formatters) {
    for (name, value) in extra {
        let shown = match value {
            Value::Null => None,
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(if *flag { strings::YES } else { strings::NO }.to_string()),
            Value::Number(number) => number.as_f64().map(formatters.number),
            other => Some(crate::json::compact(other)),
        };
        field(html, name, shown.as_deref());
    }
}

pub(super) fn record_end(html: &mut Html) {
    html.close("dl").close("li");
}

fn contact_html(html: &mut Html, contact: &Contact, reasons: Option<&[Reason]>, host: &str, formatters: &Formatters) {
    record_start(html, "Contact", &contact.id, &contact.name, host);
    matched(html, reasons);
    field(html, strings::TITLE, contact.title.as_deref());
    field(html, strings::ACCOUNT, contact.account_name.as_deref());
    field(html, strings::EMAIL, contact.email.as_deref());
    field(html, strings::PHONE, contact.phone.as_deref());
    field(html, strings::OWNER, contact.owner_name.as_deref());
    extras(html, &contact.extra, formatters);
    record_end(html);
}

fn lead_html(html: &mut Html, lead: &Lead, reasons: Option<&[Reason]>, host: &str, formatters: &Formatters) {
    record_start(html, "Lead", &lead.id, &lead.name, host);
    matched(html, reasons);
    field(html, strings::COMPANY, lead.company.as_deref());
    field(html, strings::TITLE, lead.title.as_deref());
    field(html, strings::STATUS, lead.status.as_deref());
    field(html, strings::SOURCE, lead.lead_source.as_deref());
    field(html, strings::EMAIL, lead.email.as_deref());
    field(html, strings::PHONE, lead.phone.as_deref());
    field(html, strings::OWNER, lead.owner_name.as_deref());
    extras(html, &lead.extra, formatters);
    record_end(html);
}

fn account_html(html: &mut Html, account: &Account, host: &str, formatters: &Formatters) {
    record_start(html, "Account", &account.id, &account.name, host);
    field(html, strings::PARENT, account.parent_name.as_deref());
    let open = account.opportunities.iter().filter(|o| !o.is_closed).count();
    if !account.opportunities.is_empty() {
        field(html, strings::OPPORTUNITIES, Some(&strings::open_of(open, account.opportunities.len())));
    }
    extras(html, &account.extra, formatters);
    record_end(html);
}

fn opportunity_html(html: &mut Html, opportunity: &Opportunity, account: &str, host: &str, formatters: &Formatters) {
    record_start(html, "Opportunity", &opportunity.id, &opportunity.name, host);
    let state = match (opportunity.is_closed, opportunity.is_won) {
        (false, _) => strings::OPEN,
        (true, true) => strings::WON,
        (true, false) => strings::LOST,
    };
    field(html, strings::STATE, Some(state));
    field(html, strings::STAGE, opportunity.stage.as_deref());
    field(html, strings::ACCOUNT, Some(account));
    field(html, strings::AMOUNT, opportunity.amount.map(formatters.money).as_deref());
    field(html, strings::CLOSE_DATE, opportunity.close_date.as_deref().map(formatters.date).as_deref());
    field(
        html,
        strings::PROBABILITY,
        opportunity.probability.map(|p| strings::percent(&(formatters.number)(p))).as_deref(),
    );
    extras(html, &opportunity.extra, formatters);
    record_end(html);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ExtraFields, Scenario, Visibility};
    use crate::insight::load_card;
    use crate::salesforce::client::SalesforceClient;
    use crate::test_support::{block_on, FakeClock};
    use crate::transport::demo::DemoTransport;

    fn render(emails: &[&str], visibility: Visibility) -> String {
        let transport = DemoTransport::new(Scenario::Normal, FakeClock::at(0.0));
        let client = SalesforceClient::new(&transport, "v62.0");
        let emails: Vec<String> = emails.iter().map(|s| s.to_string()).collect();
        let card = block_on(load_card(&client, visibility, &emails, &ExtraFields::default())).unwrap();
        let number = |n: f64| format!("{n}");
        let date = |d: &str| d.to_string();
        card_html(&card, "northwind.lightning.force.com", &Formatters { number: &number, money: &number, date: &date })
    }

    #[test]
    fn sections_counts_links_and_hierarchy() {
        let html = render(&["jane.cooper@brightline.io"], Visibility::default());
        assert!(html.contains("<h3 class=\"ksw-section-title\">Contacts <span class=\"ksw-count\">1</span></h3>"));
        assert!(html.contains("href=\"https://northwind.lightning.force.com/lightning/r/Contact/003Dn00000JnCprA/view\" target=\"_blank\" rel=\"noopener noreferrer\""));
        assert!(html.contains("<dt>Parent</dt><dd dir=\"auto\">Brightline Holdings</dd>"));
        assert!(html.contains("Opportunities <span class=\"ksw-count\">4</span>"));
        assert!(html.find("Team plan renewal 2027").unwrap() < html.find("Team plan 2026").unwrap(), "open first");
    }

    #[test]
    fn hidden_sections_are_not_rendered() {
        let html = render(
            &["jane.cooper@brightline.io"],
            Visibility { accounts: false, opportunities: false, ..Visibility::default() },
        );
        assert!(!html.contains("ksw-accounts") && !html.contains("ksw-opportunities"));
        let only_opportunities = render(
            &["jane.cooper@brightline.io"],
            Visibility { accounts: false, contacts: false, leads: false, ..Visibility::default() },
        );
        assert!(
            only_opportunities.contains("ksw-opportunities")
                && !only_opportunities.contains("ksw-accounts")
                && !only_opportunities.contains("ksw-contacts")
        );
    }

    #[test]
    fn duplicates_and_no_match_are_said_plainly() {
        let html = render(&["marcus.webb@harborlogistics.com"], Visibility::default());
        assert!(html.contains("<p class=\"ksw-duplicate\">2 Contacts share marcus.webb@harborlogistics.com</p>"));
        let none = render(&["tom.becker@example.net"], Visibility::default());
        assert!(none.contains("No Salesforce records match") && none.contains("Emails tried: tom.becker@example.net"));
    }
}

//! The markup of the Case section: sync status, the Case it became, the fields the sync
//! sends and where each comes from, and the custom request with its diagnostics.

use crate::strings;
use serde_json::Value;

use super::html::Html;
use super::insight::record_url;
use crate::case_sync::preview::CasePreview;
use crate::case_sync::Eligibility;

/// The Case section when the admin has turned case sync off.
pub fn case_off_html() -> String {
    let mut html = Html::new();
    html.open("section", &[("class", Some("ksw-section ksw-case")), ("aria-label", Some(strings::CASE_SYNC))]);
    html.element("h3", &[("class", Some("ksw-section-title"))], strings::CASE_HEADING);
    html.element("p", &[("class", Some("ksw-muted ksw-sync-status"))], strings::CASE_SYNC_OFF);
    html.close("section");
    html.finish()
}

/// The copy control and, beside it, where its outcome is announced.
pub fn copy_html() -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("ksw-copy"))]);
    html.element(
        "button",
        &[("type", Some("button")), ("class", Some("ksw-button ksw-copy-payload")), ("data-action", Some("copy"))],
        strings::COPY_PAYLOAD,
    );
    html.element("span", &[("class", Some("ksw-muted ksw-copy-outcome")), ("role", Some("status"))], "");
    html.close("div");
    html.finish()
}

pub fn case_html(preview: &CasePreview, lightning_host: &str) -> String {
    let mut html = Html::new();
    let status_class = match preview.eligibility {
        Eligibility::Syncs => "ksw-sync-status ksw-syncs",
        Eligibility::NotSyncing(_) => "ksw-sync-status ksw-not-syncing",
    };
    html.element("p", &[("class", Some(status_class))], &preview.eligibility.sentence());
    match (&preview.case, &preview.case_note) {
        (Some(case), _) => {
            html.open("p", &[("class", Some("ksw-synced-case"))]).text(strings::CASE);
            let label = case.number.clone().unwrap_or_else(|| case.id.clone());
            let url = record_url(lightning_host, "Case", &case.id);
            html.element(
                "a",
                &[("href", Some(&url)), ("target", Some("_blank")), ("rel", Some("noopener noreferrer"))],
                &label,
            );
            if let Some(status) = &case.status {
                html.text(&format!(" · {status}"));
            }
            html.close("p");
        }
        (None, Some(note)) => {
            html.element("p", &[("class", Some("ksw-notice"))], note);
        }
        (None, None) => {
            html.element("p", &[("class", Some("ksw-muted ksw-no-case"))], strings::NO_CASE_YET);
        }
    }
    html.element("p", &[("class", Some("ksw-muted ksw-contact-note"))], &preview.contact_note);
    html.open("table", &[("class", Some("ksw-case-fields"))]);
    html.open("thead", &[]).open("tr", &[]);
    html.element("th", &[("scope", Some("col"))], strings::CASE_FIELD)
        .element("th", &[("scope", Some("col"))], strings::VALUE)
        .element("th", &[("scope", Some("col"))], strings::FROM_COLUMN);
    html.close("tr").close("thead").open("tbody", &[]);
    for field in &preview.fields {
        html.open("tr", &[]);
        html.element("td", &[("class", Some("ksw-field-name"))], field.field);
        html.element("td", &[], &text(&field.value));
        html.element("td", &[("class", Some("ksw-muted"))], &field.source);
        html.close("tr");
    }
    html.close("tbody").close("table");

    if let Some(custom) = &preview.custom {
        html.open("div", &[("class", Some("ksw-custom-request"))]);
        html.element("h4", &[], strings::CUSTOM_MATCHING);
        if let Some(url) = &custom.url {
            html.element("p", &[("class", Some("ksw-upsert-url"))], &format!("PATCH {url}"));
        }
        if let Some(body) = &custom.body {
            let pretty = crate::json::pretty(&Value::Object(body.clone()));
            html.element("pre", &[("class", Some("ksw-custom-body"))], &pretty);
        }
        if !custom.diagnostics.is_empty() {
            html.open("ul", &[("class", Some("ksw-diagnostics")), ("aria-label", Some(strings::TEMPLATE_PROBLEMS))]);
            for diagnostic in &custom.diagnostics {
                html.open("li", &[]);
                html.element("strong", &[], &diagnostic.place).text(": ").text(&diagnostic.message);
                html.close("li");
            }
            html.close("ul");
        }
        html.close("div");
    }
    html.finish()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => crate::json::compact(other),
    }
}

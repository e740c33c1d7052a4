//! The markup of a related list: one section, its records under each parent record, each
//! row linking to its record, and past the list's limit a link to the whole related list
//! in Salesforce.

use super::html::Html;
use super::insight::{extras, record_end, record_start, section_in, Formatters};
use super::states::details_html;
use crate::insight::lists::RelatedSection;
use crate::strings;

/// The Lightning address of a parent's whole related list, opened in a new tab.
pub fn related_list_url(lightning_host: &str, parent: &str, parent_id: &str, relationship: &str) -> String {
    let segment = crate::transport::encode_segment;
    format!(
        "https://{lightning_host}/lightning/r/{parent}/{}/related/{}/view",
        segment(parent_id),
        segment(relationship)
    )
}

pub fn section_html(html: &mut Html, list: &RelatedSection, lightning_host: &str, formatters: &Formatters) {
    const CLASS: &str = "ksw-section ksw-related";
    if let Some((notice, details)) = &list.refusal {
        html.open("section", &[("class", Some(CLASS)), ("aria-label", Some(&list.title))]);
        html.element("h3", &[("class", Some("ksw-section-title"))], &list.title);
        html.element("p", &[("class", Some("ksw-notice ksw-refusal"))], notice);
        if let Some(details) = details {
            details_html(html, details);
        }
        html.close("section");
        return;
    }
    section_in(html, CLASS, &list.title, list.count(), |html| {
        for group in &list.groups {
            html.open("li", &[("class", Some("ksw-related-group"))]);
            html.element("p", &[("class", Some("ksw-related-parent")), ("dir", Some("auto"))], &group.parent_name);
            html.open("ul", &[("class", Some("ksw-records"))]);
            for row in &group.rows {
                record_start(html, &list.object, &row.id, &row.name, lightning_host);
                let values = list.columns.iter().map(|(label, _)| label.clone()).zip(row.values.iter().cloned());
                extras(html, &values.collect(), formatters);
                record_end(html);
            }
            html.close("ul");
            if group.more {
                let url = related_list_url(lightning_host, list.parent.name(), &group.parent_id, &group.relationship);
                html.open("p", &[("class", Some("ksw-more"))]).text(&strings::more_than(list.limit)).text(" · ");
                html.element(
                    "a",
                    &[("href", Some(&url)), ("target", Some("_blank")), ("rel", Some("noopener noreferrer"))],
                    strings::VIEW_ALL,
                );
                html.close("p");
            }
            html.close("li");
        }
    });
}

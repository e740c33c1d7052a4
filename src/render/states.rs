//! The shared states as markup: loading, error, notice, empty. Controls carry a
//! `data-action` that the view around them handles.

use super::html::Html;
use crate::strings;

/// A placeholder with the shape of what is coming, announced to screen readers.
pub fn loading(label: &str, progress: Option<&str>) -> String {
    let mut html = Html::new();
    html.open(
        "div",
        &[
            ("class", Some("ksw-loading")),
            ("role", Some("status")),
            ("aria-busy", Some("true")),
            ("aria-label", Some(label)),
        ],
    );
    for class in ["ksw-skeleton ksw-skeleton-title", "ksw-skeleton", "ksw-skeleton ksw-skeleton-short"] {
        html.element("div", &[("class", Some(class))], "");
    }
    html.close("div");
    if let Some(progress) = progress {
        html.element("p", &[("class", Some("ksw-progress ksw-muted"))], progress);
    }
    html.finish()
}

/// A failure said plainly; with `retry`, a Retry button (`data-action="retry"`); with
/// `details`, the service's own words behind a disclosure.
pub fn error(message: &str, retry: bool, details: Option<&str>) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("ksw-error")), ("role", Some("alert"))]);
    html.element("p", &[("class", Some("ksw-error-message"))], message);
    if let Some(details) = details {
        details_html(&mut html, details);
    }
    if retry {
        html.element(
            "button",
            &[("type", Some("button")), ("class", Some("ksw-button")), ("data-action", Some("retry"))],
            strings::RETRY,
        );
    }
    html.close("div");
    html.finish()
}

/// Partial failures or news above the content; with `retry`, one Retry for all of them.
pub fn notices(messages: &[String], retry: bool) -> String {
    let mut html = Html::new();
    notices_into(&mut html, messages, retry);
    html.finish()
}

/// [`notices`], written into `html`.
pub fn notices_into(html: &mut Html, messages: &[String], retry: bool) {
    for message in messages {
        html.element("p", &[("class", Some("ksw-notice")), ("role", Some("status"))], message);
    }
    if retry {
        html.element(
            "button",
            &[("type", Some("button")), ("class", Some("ksw-button ksw-notice-retry")), ("data-action", Some("retry"))],
            strings::RETRY,
        );
    }
}

pub fn empty(message: &str) -> String {
    let mut html = Html::new();
    html.element("p", &[("class", Some("ksw-empty"))], message);
    html.finish()
}

/// The conversation view's line under its header: when it last looked, a Refresh
/// control, a control for new messages that arrived while the agent read back, and why a
/// look failed.
/// `waiting`: what a look found while the agent read back, as its count of new messages.
pub fn freshness(updated: &str, waiting: Option<usize>, notice: Option<&str>) -> String {
    let mut html = Html::new();
    html.open("div", &[("class", Some("ksw-card-status ksw-freshness"))]);
    html.element("span", &[("class", Some("ksw-muted ksw-updated-ago")), ("aria-live", Some("polite"))], updated);
    html.element(
        "button",
        &[("type", Some("button")), ("class", Some("ksw-link-button ksw-refresh")), ("data-action", Some("refresh"))],
        strings::REFRESH,
    );
    if let Some(new_messages) = waiting {
        html.element(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("ksw-button ksw-new-messages")),
                ("data-action", Some("newest")),
            ],
            &strings::new_messages(new_messages),
        );
    }
    html.close("div");
    if let Some(notice) = notice {
        notices_into(&mut html, &[notice.to_string()], false);
    }
    html.finish()
}

/// A service's own words behind a "Details" disclosure: shared by every error and by the
/// Insight Card's notices, so it lives with the states rather than with either view.
pub fn details_html(html: &mut Html, details: &str) {
    html.open("details", &[("class", Some("ksw-details"))]);
    html.element("summary", &[], strings::DETAILS);
    html.element("pre", &[("class", Some("ksw-details-text"))], details);
    html.close("details");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_offers_retry_only_when_asked() {
        let with = error("Kustomer answered 502", true, Some("HTTP 502\n<html>"));
        assert!(with.contains("<p class=\"ksw-error-message\">Kustomer answered 502</p>"));
        assert!(with.contains("data-action=\"retry\">Retry</button>"));
        assert!(with.contains("<pre class=\"ksw-details-text\">HTTP 502\n&lt;html&gt;</pre>"));
        assert!(!error("Conversation not found", false, None).contains("button"));
    }

    #[test]
    fn loading_is_announced_and_shows_progress() {
        let html = loading("Loading the conversation", Some("200 messages loaded…"));
        assert!(html.starts_with(
            "<div class=\"ksw-loading\" role=\"status\" aria-busy=\"true\" aria-label=\"Loading the conversation\">"
        ));
        assert!(html.ends_with("<p class=\"ksw-progress ksw-muted\">200 messages loaded…</p>"));
    }

    #[test]
    fn notices_share_one_retry() {
        let html = notices(&["a".into(), "b".into()], true);
        assert_eq!(html.matches("ksw-notice\"").count(), 2);
        assert_eq!(html.matches("data-action=\"retry\"").count(), 1);
        assert_eq!(notices(&[], false), "");
    }
}

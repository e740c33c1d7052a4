use super::*;
use crate::config::Scenario;
use crate::conversation::{load_thread, read_earlier};
use crate::demo::kustomer_data;
use crate::kustomer::KustomerClient;
use crate::test_support::{block_on, FakeClock};
use crate::transport::demo::DemoTransport;

/// A demo conversation with every page read.
fn thread(id: &str) -> Thread {
    let clock = FakeClock::at(0.0);
    let transport = DemoTransport::new(Scenario::Normal, clock.clone());
    let client = KustomerClient::new(&transport, clock.as_ref());
    let mut thread = block_on(load_thread(&client, id, &|_| {}, &|_| {})).unwrap();
    while block_on(read_earlier(&client, &mut thread)).unwrap() {}
    thread
}

fn render(thread: &Thread) -> String {
    let day = |iso: &str| iso[..10].to_string();
    let time = |iso: &str| iso[11..16].to_string();
    let formatters = Formatters { time: &time, date_time: &time, day: &day, transcript: false };
    messages_html(thread, 0..thread.messages.len(), &formatters)
}

#[test]
fn the_hostile_email_is_only_ever_an_attribute_of_a_sandboxed_frame() {
    let html = render(&thread(kustomer_data::SPAM_EMAIL));
    assert!(!html.contains("<script"), "no script element in the widget's markup");
    assert!(!html.contains("<form") && !html.contains("<img src") && !html.contains("<style"));
    assert!(html.contains("&lt;script&gt;"), "the email's markup is escaped inside srcdoc");
    assert!(html.contains(&format!("sandbox=\"{EMAIL_SANDBOX}\"")));
    assert!(
        !EMAIL_SANDBOX.contains("allow-scripts")
            && !EMAIL_SANDBOX.contains("allow-forms")
            && !EMAIL_SANDBOX.contains("top-navigation")
    );
    assert!(html.contains("data-action=\"remote\""));
}

#[test]
fn day_headings_appear_when_the_day_changes_even_across_batches() {
    let thread = thread(kustomer_data::LONG_CHAT);
    let day = |iso: &str| iso[..10].to_string();
    let time = |iso: &str| iso[11..16].to_string();
    let formatters = Formatters { time: &time, date_time: &time, day: &day, transcript: false };
    let all = messages_html(&thread, 0..thread.messages.len(), &formatters);
    let headings = all.matches("<div class=\"ksw-day\" role=\"heading\" aria-level=\"3\">").count();
    assert_eq!(headings, 5, "the chat spans five calendar days");
    let split =
        messages_html(&thread, 0..100, &formatters) + &messages_html(&thread, 100..thread.messages.len(), &formatters);
    assert_eq!(split, all, "batches join seamlessly");
    assert_eq!(messages_html(&thread, 700..800, &formatters), "", "out of range is empty, not a panic");
    let batch = batch_html(&thread, 3, 100..200, &formatters);
    assert_eq!(
        batch,
        format!("<div class=\"ksw-batch\" data-batch=\"3\">{}</div>", messages_html(&thread, 100..200, &formatters))
    );
}

#[test]
fn text_messages_keep_markup_as_text_and_quotes_behind_a_toggle() {
    let mut message = thread(kustomer_data::FACEBOOK).messages.get(0).unwrap();
    message.body = Body::Text("<b>hi</b> https://x.example/a.\n\nOn Monday Sam wrote:\n> old".into());
    let time = |iso: &str| iso[11..16].to_string();
    let formatters = Formatters { time: &time, date_time: &time, day: &time, transcript: false };
    let mut html = Html::new();
    message_html(&mut html, &message, "Sam", &formatters);
    let html = html.finish();
    assert!(html.contains("&lt;b&gt;hi&lt;/b&gt; <a class=\"ksw-text-link\" href=\"https://x.example/a\" target=\"_blank\" rel=\"noopener noreferrer\">https://x.example/a</a>."));
    assert!(html.contains("data-action=\"text-quote\""));
    assert!(html
        .contains("<div class=\"ksw-text ksw-quoted\" dir=\"auto\" hidden=\"\">On Monday Sam wrote:\n&gt; old</div>"));
}

#[test]
fn attachments_render_with_previews_only_for_raster_images() {
    let thread = thread(kustomer_data::INVOICE_EMAIL);
    let html = render(&thread);
    assert_eq!(html.matches("data-action=\"preview\"").count(), 1, "the PNG, not the SVG");
    assert!(
        html.contains("<img class=\"ksw-preview\" data-src=\"data:image/png;base64,"),
        "the preview has no src until asked"
    );
    assert!(html.contains("Not available for download"));
    assert!(html.contains("download=\"statement-nov-2026.pdf\""));
}

#[test]
fn redacted_voice_and_unknown_channels() {
    assert!(render(&thread(kustomer_data::SMS_REDACTED)).contains("This message was redacted."));
    let voice = render(&thread(kustomer_data::VOICE));
    assert!(voice.contains("<dt>Duration</dt><dd dir=\"auto\">7:23</dd>"));
    assert!(voice.contains("href=\"https://recordings.example/calls/7731.mp3\""));
    let other = render(&thread(kustomer_data::UNKNOWN_CHANNEL));
    assert!(other.contains("ksw-msg-other") && other.contains(">line</span>"));
}

/// Chromium reads markup made of a few common elements on a fast path (`innerHTML`,
/// `insertAdjacentHTML`), twice as fast for a batch of a hundred chat messages; one other
/// element anywhere in the batch sends all of it to the full parser.
#[test]
fn a_chat_batch_is_made_of_the_elements_the_fast_html_path_reads() {
    const FAST: &[&str] = &[
        "a", "b", "br", "button", "div", "footer", "i", "img", "input", "label", "li", "ol", "option", "p", "select",
        "span", "strong", "ul",
    ];
    let thread = thread(kustomer_data::LONG_CHAT);
    let day = |iso: &str| iso[..10].to_string();
    let formatters = Formatters { time: &day, date_time: &day, day: &day, transcript: false };
    let html = batch_html(&thread, 0, 0..thread.messages.len(), &formatters);
    let mut tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .filter(|part| !part.starts_with('/'))
        .map(|part| part.split([' ', '>']).next().unwrap_or(""))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    assert!(tags.len() >= 3, "{tags:?}");
    let slow: Vec<&&str> = tags.iter().filter(|tag| !FAST.contains(tag)).collect();
    assert!(slow.is_empty(), "elements off the fast path: {slow:?}");
}

/// The browser's date formatting is asked again only when the answer can differ: the time
/// when the UTC minute changes, the day when the UTC quarter hour does.
#[test]
fn dates_are_formatted_once_a_minute_and_days_once_a_quarter_hour() {
    use std::cell::Cell;
    let thread = thread(kustomer_data::LONG_CHAT);
    let (times, days) = (Cell::new(0), Cell::new(0));
    let time = |iso: &str| {
        times.set(times.get() + 1);
        format!("at {}", &iso[11..16])
    };
    let day = |iso: &str| {
        days.set(days.get() + 1);
        iso[..10].to_string()
    };
    let formatters = Formatters { time: &time, date_time: &time, day: &day, transcript: false };
    let count = thread.messages.len();
    let html = messages_html(&thread, 0..count, &formatters);
    let stamps: Vec<String> = (0..count).map(|index| thread.messages.get(index).unwrap().sent_at.unwrap()).collect();
    for stamp in &stamps {
        assert!(html.contains(&format!(">at {}<", &stamp[11..16])), "the time of {stamp}");
    }
    let minutes: std::collections::BTreeSet<&str> = stamps.iter().map(|s| &s[..16]).collect();
    let quarters: std::collections::BTreeSet<_> =
        stamps.iter().map(|s| crate::time::utc_quarter_hour(s).unwrap()).collect();
    assert_eq!(times.get(), 2 * minutes.len(), "time and title, once a minute each");
    assert_eq!(days.get(), quarters.len());
    assert!(days.get() < count / 5, "{} day formats for {count} messages", days.get());
}

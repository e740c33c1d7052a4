//! Dates and numbers through the browser's `Intl`, in the configured locale and time zone.

use wasm_bindgen_test::wasm_bindgen_test;

/// Number and calendar formats are made once and kept per currency: a second currency
/// must not be shown with the first one's format, nor a plain number as money.
#[wasm_bindgen_test]
fn numbers_and_calendar_dates_keep_a_format_per_currency() {
    use kustomer_salesforce_widget::browser::intl::Intl;
    let intl = Intl::new("en-US", Some("America/Los_Angeles")).unwrap();
    assert_eq!(intl.number(1234.5, Some("USD")), "$1,234.50");
    assert_eq!(intl.number(1234.5, Some("EUR")), "€1,234.50");
    assert_eq!(intl.number(99.0, Some("USD")), "$99.00");
    assert_eq!(intl.number(1234.5, None), "1,234.5");
    assert_eq!(intl.number(7.0, Some("EUR")), "€7.00");
    // A close date is a calendar day: the same day in any time zone.
    assert_eq!(intl.calendar_date("2026-12-15"), "Dec 15, 2026");
    assert_eq!(intl.calendar_date("2026-01-01"), "Jan 1, 2026");
    assert_eq!(intl.calendar_date("not a date"), "not a date");
}

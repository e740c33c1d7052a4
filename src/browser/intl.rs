//! Dates through the browser's `Intl`, in the configured locale and time zone, so the
//! widget needs no date crate. A bad locale or time zone is reported, never thrown.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.DateTimeFormat(locales, options)`; throws a RangeError on a bad time zone.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = DateTimeFormat)]
    fn date_time_format(locales: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Intl, js_name = NumberFormat)]
    fn number_format(locales: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
}

/// A currency (`None` for plain numbers) and its format, `None` if the browser refused it.
type NumberFormat = (Option<String>, Option<JsValue>);

/// Formatters for one locale and time zone. Making one costs the browser a few tenths of a
/// millisecond, so each is made once: the calendar date's and the numbers' when first
/// asked for (the conversation view never asks), a number format per currency.
#[derive(Clone)]
pub struct Intl {
    date_time: JsValue,
    date: JsValue,
    time: JsValue,
    calendar: Rc<OnceCell<Option<JsValue>>>,
    numbers: Rc<RefCell<Vec<NumberFormat>>>,
    locale: String,
}

impl Intl {
    /// Fails with a sentence naming the locale or time zone the browser refused.
    pub fn new(locale: &str, time_zone: Option<&str>) -> Result<Intl, String> {
        let make = |fields: &[(&str, &str)]| -> Result<JsValue, String> {
            let options = js_sys::Object::new();
            for (key, value) in fields {
                set(&options, key, value);
            }
            if let Some(zone) = time_zone {
                set(&options, "timeZone", zone);
            }
            date_time_format(&JsValue::from_str(locale), &options).map_err(|error| describe(&error))
        };
        Ok(Intl {
            date_time: make(&[("dateStyle", "medium"), ("timeStyle", "short")])?,
            date: make(&[("weekday", "long"), ("year", "numeric"), ("month", "long"), ("day", "numeric")])?,
            time: make(&[("timeStyle", "short")])?,
            calendar: Rc::default(),
            numbers: Rc::default(),
            locale: locale.to_string(),
        })
    }

    /// "Nov 16, 2026, 9:02 AM"; the raw text when it is not a timestamp.
    pub fn date_time(&self, iso: &str) -> String {
        self.apply(&self.date_time, iso)
    }

    /// "Monday, November 16, 2026", for day headings.
    pub fn day(&self, iso: &str) -> String {
        self.apply(&self.date, iso)
    }

    pub fn time(&self, iso: &str) -> String {
        self.apply(&self.time, iso)
    }

    /// "Dec 15, 2026" for `2026-12-15`.
    pub fn calendar_date(&self, date: &str) -> String {
        // Calendar dates (a close date) have no time zone: read and shown as UTC so that no
        // viewer sees the day before. The locale was accepted by the other formatters.
        let calendar = self.calendar.get_or_init(|| {
            let options = js_sys::Object::new();
            set(&options, "dateStyle", "medium");
            set(&options, "timeZone", "UTC");
            date_time_format(&JsValue::from_str(&self.locale), &options).ok()
        });
        let Some(calendar) = calendar else { return date.to_string() };
        let midnight = format!("{date}T00:00:00Z");
        let shown = self.apply(calendar, &midnight);
        // `apply` gives back its input when it is not a date; show what Salesforce sent.
        if shown == midnight {
            date.to_string()
        } else {
            shown
        }
    }

    /// A number in the locale; with `currency`, as money. Formatting is left to the
    /// browser entirely (Rust's float formatting would cost the bundle 14 KB).
    pub fn number(&self, value: f64, currency: Option<&str>) -> String {
        let number = JsValue::from_f64(value);
        self.number_format(currency)
            .and_then(|format| call_format(&format, &number))
            .or_else(|| js_sys::JSON::stringify(&number).ok().and_then(|text| text.as_string()))
            .unwrap_or_default()
    }

    /// The format for plain numbers or for money in `currency`, made on first use; `None`
    /// when the browser refuses the currency (the number is then shown plain).
    fn number_format(&self, currency: Option<&str>) -> Option<JsValue> {
        let mut numbers = self.numbers.borrow_mut();
        if let Some((_, format)) = numbers.iter().find(|(code, _)| code.as_deref() == currency) {
            return format.clone();
        }
        let options = js_sys::Object::new();
        if let Some(code) = currency {
            set(&options, "style", "currency");
            set(&options, "currency", code);
        }
        let format = number_format(&JsValue::from_str(&self.locale), &options).ok();
        numbers.push((currency.map(str::to_string), format.clone()));
        format
    }

    fn apply(&self, format: &JsValue, iso: &str) -> String {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return iso.to_string();
        }
        call_format(format, &date).unwrap_or_else(|| iso.to_string())
    }
}

fn call_format(format: &JsValue, value: &JsValue) -> Option<String> {
    let function: js_sys::Function =
        js_sys::Reflect::get(format, &JsValue::from_str("format")).ok()?.dyn_into().ok()?;
    function.call1(format, value).ok()?.as_string()
}

fn set(object: &js_sys::Object, key: &str, value: &str) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), &JsValue::from_str(value));
}

/// The message of a thrown JS error.
pub fn describe(error: &JsValue) -> String {
    if let Some(text) = error.as_string() {
        return text;
    }
    js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|message| message.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

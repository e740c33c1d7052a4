//! The host API: `mount(element, config, hostFetch?)` returning a [`Handle`] with
//! `update(context)` and `unmount()`, and `data-state` kept current on the element.
//! Hosts (the Salesforce LWC, the Kustomer card page, the preview, the tests) depend on
//! exactly this; see DESIGN.md.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::browser::clock::BrowserClock;
use crate::browser::diagnostics::Diagnostics;
use crate::browser::intl::Intl;
use crate::config::{Config, ConfigError, Context, TransportConfig, View};
use crate::diagnostics::Record;
use crate::transport::host::HostTransport;
use crate::transport::limited::{Limited, MAX_IN_FLIGHT};
use crate::transport::observed::Observed;
use crate::transport::{Clock, Transport};
use crate::ui::{ConfigProblem, Env, StateReport, Widget, WidgetState, STYLES};

#[wasm_bindgen(start)]
fn start() {
    // A panic stops the module for good (wasm cannot unwind): say why in the console, and
    // turn every mounted widget into a visible error rather than a dead box.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("kustomer-salesforce-widget stopped: {info}")));
        show_crash();
    }));
}

/// What every mounted widget shows once the module has stopped.
fn crash_html() -> String {
    let mut html = crate::render::html::Html::new();
    html.open("div", &[("class", Some("ksw-root"))])
        .open("div", &[("class", Some("ksw-error")), ("role", Some("alert"))])
        .element("p", &[("class", Some("ksw-error-message"))], crate::strings::CRASHED)
        .close("div")
        .close("div");
    html.finish()
}

thread_local! {
    /// Set by the panic hook: from then on nothing may claim any other state.
    static CRASHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The element and render target of a mount in progress, for a panic during the
    /// first render, before the mount is registered.
    static MOUNTING: RefCell<Option<(HtmlElement, HtmlElement)>> = const { RefCell::new(None) };
}

/// Writes the crash message into every mount with plain DOM calls: the reactive system
/// may be in the middle of an update when the panic happens.
fn show_crash() {
    CRASHED.set(true);
    let mounts: Vec<Shared> =
        MOUNTS.try_with(|mounts| mounts.try_borrow().map(|m| m.clone()).unwrap_or_default()).unwrap_or_default();
    for shared in mounts {
        let Ok(mounted) = shared.try_borrow() else { continue };
        let Some(mounted) = mounted.as_ref() else { continue };
        mounted.diagnostics.add_now(Record::panic(mounted.diagnostics.view()));
        let _ = mounted.element.set_attribute("data-state", WidgetState::Error.name());
        if let Some(target) =
            mounted.shadow_host.shadow_root().and_then(|root| root.query_selector(".ksw-mount").ok().flatten())
        {
            target.set_inner_html(&crash_html());
        }
    }
}

/// A mounted widget. Dropping it (or the host never keeping it) leaves the widget
/// mounted: [`MOUNTS`] owns every mount.
#[wasm_bindgen]
pub struct Handle {
    mounted: Shared,
    /// Kept apart from the mount, so that the records outlive `unmount()`.
    diagnostics: Rc<Diagnostics>,
}

type Shared = Rc<RefCell<Option<Mounted>>>;

thread_local! {
    /// Every live mount. The mount is owned here, not by its `Handle`, because the
    /// handle's JS wrapper is freed by the garbage collector when a host does not keep
    /// it, and the widget must live on until `unmount()` or until its element leaves the
    /// document (noticed at the next `mount`).
    static MOUNTS: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
}

struct Mounted {
    element: HtmlElement,
    /// The element `mount` added; the widget lives in its shadow root.
    shadow_host: HtmlElement,
    /// Dropping it disposes the view and everything reactive under it.
    view: Box<dyn Any>,
    view_kind: View,
    /// `None` when the configuration was refused: there is no context to update.
    context: Option<ContextSignal>,
    /// What `refresh()` runs; `None` when the configuration was refused.
    refresh: Option<crate::ui::RefreshHook>,
    diagnostics: Rc<Diagnostics>,
}

#[wasm_bindgen]
impl Handle {
    /// Swaps the context (another conversation or customer) without remounting. A bad
    /// context is shown in the widget like a bad config.
    pub fn update(&self, context: JsValue) -> Result<(), JsError> {
        let mounted = self.mounted.borrow();
        let Some(mounted) = mounted.as_ref() else {
            return Err(JsError::new("update: this widget was unmounted"));
        };
        let Some(signal) = mounted.context else {
            return Err(JsError::new(
                "update: the widget's configuration was refused; mount it again with a valid config",
            ));
        };
        let parsed = json_text(&context, "context").and_then(|json| Context::from_json(&json, mounted.view_kind));
        if let Err(error) = &parsed {
            self.diagnostics.add(Record::from_config_error(mounted.view_kind, error));
        }
        signal.try_set(parsed);
        Ok(())
    }

    /// The last 50 diagnostic records of this widget, oldest first: what failed, where and
    /// how often, with nothing about the customer or the org's data in them.
    pub fn diagnostics(&self) -> JsValue {
        self.diagnostics.records()
    }

    /// Looks for changes now (the conversation view reads the conversation; the Insight
    /// Card loads again, from saved data when it is younger than five minutes).
    pub fn refresh(&self) -> Result<(), JsError> {
        // Taken out first: the look may run while the mount is read again.
        let refresh = match self.mounted.borrow().as_ref() {
            None => return Err(JsError::new("refresh: this widget was unmounted")),
            Some(mounted) => mounted.refresh.clone(),
        };
        if let Some(refresh) = refresh {
            refresh.run();
        }
        Ok(())
    }

    /// Removes everything `mount` added. Calling it again does nothing.
    pub fn unmount(&self) {
        MOUNTS.with_borrow_mut(|mounts| mounts.retain(|known| !Rc::ptr_eq(known, &self.mounted)));
        tear_down(&self.mounted);
    }
}

fn tear_down(shared: &Shared) {
    // Taken out first: disposing the view must not find the mount still borrowed.
    let taken = shared.borrow_mut().take();
    if let Some(mounted) = taken {
        mounted.diagnostics.detach();
        drop(mounted.view);
        mounted.shadow_host.remove();
        let _ = mounted.element.remove_attribute("data-state");
    }
}

/// Tears down the mounts whose element a host removed from the document without
/// calling `unmount()`, so that they stop loading and free their memory.
fn forget_detached() {
    let detached: Vec<Shared> = MOUNTS.with_borrow_mut(|mounts| {
        let (gone, live): (Vec<Shared>, Vec<Shared>) = mounts
            .drain(..)
            .partition(|shared| shared.borrow().as_ref().is_none_or(|mounted| !mounted.element.is_connected()));
        *mounts = live;
        gone
    });
    for shared in &detached {
        tear_down(shared);
    }
}

/// Renders the widget into `element`. Throws only when there is no element to render
/// into; every other problem is shown in the widget with `data-state="error"`.
/// The signal `update` writes a new context to.
type ContextSignal = RwSignal<Result<Context, ConfigError>>;

#[wasm_bindgen]
pub fn mount(element: JsValue, config: JsValue, host_fetch: JsValue) -> Result<Handle, JsError> {
    let element: HtmlElement =
        element.dyn_into().map_err(|_| JsError::new("mount: the first argument must be an HTML element"))?;
    forget_detached();
    let shadow_host =
        shadow_host(&element).map_err(|_| JsError::new("mount: could not create the widget's shadow root"))?;
    let target: HtmlElement = shadow_host.1;
    let shadow_host = shadow_host.0;
    set_state(&element, WidgetState::Loading);
    MOUNTING.with_borrow_mut(|mounting| *mounting = Some((element.clone(), target.clone())));

    let parsed = json_text(&config, "config").and_then(|json| Config::from_json(&json));
    let view_kind = match &parsed {
        Ok(parsed) => parsed.view,
        Err(_) => named_view(&config),
    };
    let diagnostics = Diagnostics::new(element.clone(), view_kind);
    let setup = parsed.and_then(|config| {
        let reported = element.clone();
        let state = StateReport(Rc::new(move |state| set_state(&reported, state)));
        environment(config, &host_fetch, state, &target, &diagnostics)
    });
    let mounted = match setup {
        Err(error) => {
            diagnostics.add(Record::from_config_error(view_kind, &error));
            set_state(&element, WidgetState::Error);
            let view = leptos::mount::mount_to(target, move || view! { <ConfigProblem error /> });
            Mounted {
                element,
                shadow_host,
                view: Box::new(view),
                view_kind,
                context: None,
                refresh: None,
                diagnostics: diagnostics.clone(),
            }
        }
        Ok(env) => {
            let view_kind = env.config.view;
            let initial = env.config.context.clone();
            let refresh = Some(env.refresh.clone());
            let signals: Rc<RefCell<Option<ContextSignal>>> = Rc::default();
            let exported = signals.clone();
            let view = leptos::mount::mount_to(target, move || {
                let context = RwSignal::new(Ok(initial));
                *exported.borrow_mut() = Some(context);
                let env = StoredValue::new_local(env);
                view! { <Widget env context /> }
            });
            let context = signals.borrow_mut().take();
            Mounted {
                element,
                shadow_host,
                view: Box::new(view),
                view_kind,
                context,
                refresh,
                diagnostics: diagnostics.clone(),
            }
        }
    };
    MOUNTING.with_borrow_mut(|mounting| *mounting = None);
    let shared: Shared = Rc::new(RefCell::new(Some(mounted)));
    MOUNTS.with_borrow_mut(|mounts| mounts.push(shared.clone()));
    Ok(Handle { mounted: shared, diagnostics })
}

/// The view a refused configuration asked for, so that its record names it; else the
/// build's own.
fn named_view(config: &JsValue) -> View {
    let named = js_sys::Reflect::get(config, &"view".into()).ok().and_then(|view| view.as_string());
    let build = if cfg!(feature = "conversation") { View::Conversation } else { View::Insight };
    [View::Conversation, View::Insight]
        .into_iter()
        .find(|view| named.as_deref() == Some(crate::diagnostics::view_name(*view)))
        .unwrap_or(build)
}

/// The demo org's conversations as `[{id, subject, channel, customerId, customerEmails,
/// customerPhones}]`,
/// for the preview's picker: it passes the customer to the Insight Card as Kustomer would.
#[cfg(feature = "demo")]
#[wasm_bindgen(js_name = demoConversations)]
pub fn demo_conversations() -> JsValue {
    let array = js_sys::Array::new();
    for (id, subject, channel) in crate::demo::kustomer_data::conversation_index() {
        let entry = js_sys::Object::new();
        for (key, value) in [("id", id), ("subject", subject), ("channel", channel)] {
            let _ = js_sys::Reflect::set(&entry, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        if let Some(customer) = crate::demo::kustomer_data::customer_of(id) {
            let list = |items: &[&str]| -> js_sys::Array { items.iter().map(|item| JsValue::from_str(item)).collect() };
            let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("customerId"), &JsValue::from_str(customer.id));
            let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("customerEmails"), &list(customer.emails));
            let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("customerPhones"), &list(customer.phones));
        }
        array.push(&entry);
    }
    array.into()
}

/// Builds what the views share; a state signal is filled in at mount.
fn environment(
    config: Config,
    host_fetch: &JsValue,
    state: StateReport,
    root: &HtmlElement,
    diagnostics: &Rc<Diagnostics>,
) -> Result<Env, ConfigError> {
    let clock: Rc<dyn Clock> = Rc::new(BrowserClock);
    let problem = |key: &str, message: String| ConfigError { key: key.to_string(), message };
    let transport: Rc<dyn Transport> = match &config.transport {
        TransportConfig::Proxy(proxy) => proxy_transport(proxy)?,
        TransportConfig::Demo(demo) => demo_transport(demo.scenario, clock.clone())?,
        TransportConfig::Host(host) => {
            if host_fetch.is_undefined() || host_fetch.is_null() {
                return Err(problem(
                    "transport.kind",
                    "the host transport needs a hostFetch function as mount's third argument".into(),
                ));
            }
            let function: js_sys::Function = host_fetch
                .clone()
                .dyn_into()
                .map_err(|_| problem("hostFetch", "expected a function that returns a Promise".into()))?;
            Rc::new(HostTransport::new(function, host.timeout_ms))
        }
    };
    // Every failed request recorded, timed on the wire (not while it waits for a place).
    let sink = diagnostics.clone();
    let transport: Rc<dyn Transport> =
        Rc::new(Observed::new(transport, clock.clone(), config.view, Rc::new(move |record| sink.add(record))));
    // At most a few requests in flight, and one pause for all on Kustomer's rate limit.
    let transport: Rc<dyn Transport> = Rc::new(Limited::new(transport, clock.clone(), MAX_IN_FLIGHT));
    Intl::new(&config.locale, None).map_err(|message| problem("locale", message))?;
    let intl =
        Intl::new(&config.locale, config.time_zone.as_deref()).map_err(|message| problem("timeZone", message))?;
    Ok(Env {
        config: Rc::new(config),
        transport,
        clock,
        intl,
        state,
        refresh: crate::ui::RefreshHook::default(),
        root: root.clone().into(),
        diagnostics: diagnostics.clone(),
    })
}

#[cfg(feature = "proxy")]
fn proxy_transport(proxy: &crate::config::ProxyConfig) -> Result<Rc<dyn Transport>, ConfigError> {
    Ok(Rc::new(crate::transport::proxy::ProxyTransport::new(proxy.clone())))
}

#[cfg(not(feature = "proxy"))]
fn proxy_transport(_: &crate::config::ProxyConfig) -> Result<Rc<dyn Transport>, ConfigError> {
    Err(ConfigError::new(
        "transport.kind",
        "this module does not carry the proxy transport: a host passes its hostFetch (\"host\")",
    ))
}

#[cfg(feature = "demo")]
fn demo_transport(scenario: crate::config::Scenario, clock: Rc<dyn Clock>) -> Result<Rc<dyn Transport>, ConfigError> {
    Ok(Rc::new(crate::transport::demo::DemoTransport::new(scenario, clock)))
}

#[cfg(not(feature = "demo"))]
fn demo_transport(_: crate::config::Scenario, _: Rc<dyn Clock>) -> Result<Rc<dyn Transport>, ConfigError> {
    Err(ConfigError::new("transport.kind", "this build has no demo org: a host passes its hostFetch (\"host\")"))
}

/// A JS object (or JSON text) as JSON text.
fn json_text(value: &JsValue, what: &str) -> Result<String, ConfigError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() || value.is_null() || !value.is_object() {
        return Err(ConfigError { key: String::new(), message: format!("expected the {what} as an object") });
    }
    js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()).ok_or_else(|| ConfigError {
        key: String::new(),
        message: format!("the {what} cannot be read as JSON (is it cyclic?)"),
    })
}

fn set_state(element: &HtmlElement, state: WidgetState) {
    if !CRASHED.get() {
        let _ = element.set_attribute("data-state", state.name());
    }
}

/// Adds `<div class="ksw-host">` with an open shadow root holding the styles and the
/// element Leptos renders into.
fn shadow_host(element: &HtmlElement) -> Result<(HtmlElement, HtmlElement), JsValue> {
    let document = element.owner_document().ok_or_else(|| JsValue::from_str("no document"))?;
    let host: HtmlElement = document.create_element("div")?.dyn_into()?;
    host.set_class_name("ksw-host");
    element.append_child(&host)?;
    let shadow = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?;
    let style = document.create_element("style")?;
    style.set_text_content(Some(STYLES));
    shadow.append_child(&style)?;
    let target: HtmlElement = document.create_element("div")?.dyn_into()?;
    target.set_class_name("ksw-mount");
    shadow.append_child(&target)?;
    Ok((host, target))
}

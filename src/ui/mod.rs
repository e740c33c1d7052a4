//! The Leptos views. Components only: what they show comes from the pure modules above.

use std::rc::Rc;

use leptos::prelude::*;

use crate::browser::intl::Intl;
use crate::config::{Config, ConfigError, Context};
use crate::transport::{Clock, Transport};

pub mod conversation;
pub mod insight;
pub mod load;
pub mod states;

/// The widget's stylesheet (`styles.css`, minified by `build.rs`), placed inside its
/// shadow root so it neither leaks out nor is restyled by the host page.
pub const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/styles.min.css"));

/// The state the host page reads from `data-state` on its element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetState {
    Loading,
    Ready,
    Empty,
    Error,
    Disabled,
}

impl WidgetState {
    /// The state a load puts the view in: loading while it runs, then ready, empty (when
    /// `is_empty` says the result has nothing to show) or error.
    pub fn of<T>(result: Option<&Result<T, crate::problem::Problem>>, is_empty: impl Fn(&T) -> bool) -> WidgetState {
        match result {
            None => WidgetState::Loading,
            Some(Ok(loaded)) if is_empty(loaded) => WidgetState::Empty,
            Some(Ok(_)) => WidgetState::Ready,
            Some(Err(_)) => WidgetState::Error,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            WidgetState::Loading => "loading",
            WidgetState::Ready => "ready",
            WidgetState::Empty => "empty",
            WidgetState::Error => "error",
            WidgetState::Disabled => "disabled",
        }
    }
}

/// Tells the host page the widget's state (`data-state` on its element). Views call it
/// from the closure that renders the state, so the attribute changes in the same task
/// as the markup it describes; no reactive effect is needed (each costs the bundle 1 to
/// 3 KB).
#[derive(Clone)]
pub struct StateReport(pub Rc<dyn Fn(WidgetState)>);

impl StateReport {
    pub fn set(&self, state: WidgetState) {
        (self.0)(state);
    }
}

/// Everything a view needs that does not change while it is mounted.
#[derive(Clone)]
pub struct Env {
    pub config: Rc<Config>,
    pub transport: Rc<dyn Transport>,
    pub clock: Rc<dyn Clock>,
    pub intl: Intl,
    pub state: StateReport,
    /// What `handle.refresh()` runs: set by the view in place (a look for changes).
    pub refresh: RefreshHook,
    /// The element the view is drawn in, inside the widget's shadow root.
    pub root: web_sys::Element,
    /// The mount's diagnostic records.
    pub diagnostics: Rc<crate::browser::diagnostics::Diagnostics>,
}

/// The view's answer to `handle.refresh()`. A plain slot rather than a signal and an
/// effect, whose machinery would cost the module some kilobytes for one call.
#[derive(Clone, Default)]
pub struct RefreshHook(Rc<std::cell::RefCell<Option<Run>>>);

type Run = Rc<dyn Fn()>;

impl RefreshHook {
    pub fn set(&self, run: impl Fn() + 'static) {
        *self.0.borrow_mut() = Some(Rc::new(run));
    }

    pub fn run(&self) {
        let run = self.0.borrow().clone();
        if let Some(run) = run {
            run();
        }
    }
}

/// A copyable handle to the [`Env`], usable inside view closures.
pub type EnvHandle = StoredValue<Env, LocalStorage>;

/// Tells the host page `state`; views call it from the closure that renders that state.
pub fn report(env: EnvHandle, state: WidgetState) {
    env.with_value(|env| env.state.set(state));
}

/// The mounted widget: the view the config asks for, on the current context.
#[component]
pub fn Widget(env: EnvHandle, context: RwSignal<Result<Context, ConfigError>>) -> impl IntoView {
    let (view_kind, theme, scheme) =
        env.with_value(|env| (env.config.view, env.config.theme.name(), env.config.color_scheme.name()));
    view! {
        <div class="ksw-root" data-theme=theme data-scheme=scheme>
            {move || match context.get() {
                Err(error) => {
                    report(env, WidgetState::Error);
                    states::error(&error.to_string())
                }
                Ok(context) => match view_kind {
                    #[cfg(feature = "conversation")]
                    crate::config::View::Conversation => {
                        view! { <conversation::ConversationView env context /> }.into_any()
                    }
                    #[cfg(feature = "insight")]
                    crate::config::View::Insight => view! { <insight::InsightView env context /> }.into_any(),
                    // Refused by `Config::validate` before anything mounts; kept as an error,
                    // never a blank widget, should a path ever get here.
                    #[allow(unreachable_patterns)]
                    other => {
                        let _ = &context; // read by no arm in a build without views
                        report(env, WidgetState::Error);
                        states::error(&other.not_in_build().to_string())
                    }
                },
            }}
        </div>
    }
}

/// Shown when the configuration itself is wrong: there is nothing to load.
#[component]
pub fn ConfigProblem(error: ConfigError) -> impl IntoView {
    view! {
        <div class="ksw-root" data-theme="salesforce">
            {states::error(&error.to_string())}
        </div>
    }
}

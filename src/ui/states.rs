//! One view type for everything the widget shows: markup written by `render`, and the
//! clicks on its controls. Leptos compiles view code per distinct view type, so the
//! views are built from this one part (and a few keyed lists) rather than from a typed
//! `view!` per component; that keeps most of the bundle's view code out.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::problem::Problem;
use crate::render::states;

/// What a control inside a part asks for: the `data-action` of the clicked element, and
/// that element.
pub type Action = Callback<(String, web_sys::Element)>;

/// `html` in a `div` of `class`, its `data-action` clicks sent to `on_action`.
pub fn part(class: &'static str, html: String, on_action: Option<Action>) -> AnyView {
    view! {
        <div
            class=class
            inner_html=html
            on:click=move |event: web_sys::MouseEvent| {
                let Some(on_action) = on_action else { return };
                let control = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                    .and_then(|target| target.closest("[data-action]").ok().flatten());
                if let Some(control) = control {
                    let action = control.get_attribute("data-action").unwrap_or_default();
                    on_action.run((action, control));
                }
            }
        ></div>
    }
    .into_any()
}

/// Calls `run` for a click on a control whose `data-action` is `name`.
pub fn on(name: &'static str, run: Callback<()>) -> Action {
    Callback::new(move |(action, _): (String, web_sys::Element)| {
        if action == name {
            run.run(());
        }
    })
}

pub fn loading(label: &str) -> AnyView {
    part("ksw-part", states::loading(label, None), None)
}

/// A problem, with Retry when a second try could cure it.
pub fn problem(problem: &Problem, retry: Callback<()>) -> AnyView {
    let html = states::error(&problem.message, problem.retry, problem.details.as_deref());
    part("ksw-part", html, problem.retry.then(|| on("retry", retry)))
}

/// An error nothing can cure but a change of configuration.
pub fn error(message: &str) -> AnyView {
    part("ksw-part", states::error(message, false, None), None)
}

pub fn empty(message: &str) -> AnyView {
    part("ksw-part", states::empty(message), None)
}

//! The conversation view on a Salesforce Case page.

use std::any::Any;
use std::rc::Rc;

use leptos::prelude::*;

use super::load::Load;
use super::states::{self, part};
use super::{report, EnvHandle, WidgetState};
use crate::conversation::{load_thread, Problem, Thread};
use crate::kustomer::KustomerClient;
use crate::render;
use crate::strings;

mod actions;
mod find;
mod header;
mod link;
mod marks;
mod messages;
mod transcript;
mod watch;

/// How often the count of messages read is redrawn while a long conversation loads.
const PROGRESS_MS: f64 = 250.0;

#[component]
pub fn ConversationView(env: EnvHandle, context: crate::config::Context) -> impl IntoView {
    let conversation_id = context.conversation_id.unwrap_or_default();
    // A link opens the view at its message once, not again after each look.
    let open_at = StoredValue::new(context.message_id);
    let link = context.message_link;
    // Set while the client waits out Kustomer's rate limit, so the wait is explained.
    let waiting_ms = RwSignal::new(None::<u32>);
    // Messages read so far, for long conversations read whole.
    let loaded = RwSignal::new(0usize);
    // The newest messages, shown while the agents' names are still on their way. Kept
    // erased, as `Load` keeps its results, so that no signal code is compiled for a type
    // of its own.
    let early = RwSignal::new_local(None::<Rc<dyn Any>>);
    let id = conversation_id.clone();
    let thread = Load::new(move || {
        let env = env.get_value();
        let id = id.clone();
        loaded.set(0);
        early.set(None);
        async move {
            // `try_set`: the view may be gone by the time a page arrives.
            let notify = move |ms: u32| {
                let _ = waiting_ms.try_set(Some(ms));
            };
            // A page read from memory takes well under a millisecond, and redrawing the
            // count after each would cost more than reading: the count is redrawn at most
            // every PROGRESS_MS.
            let last_shown = std::cell::Cell::new(f64::NEG_INFINITY);
            let clock = env.clock.clone();
            let progress = move |count: usize| {
                let now = clock.now_ms();
                if now - last_shown.get() >= PROGRESS_MS {
                    last_shown.set(now);
                    let _ = loaded.try_set(count);
                }
            };
            let client = KustomerClient::new(env.transport.as_ref(), env.clock.as_ref()).on_wait(&notify);
            let first_view = move |thread: &Thread| {
                let _ = early.try_set(Some(Rc::new(thread.clone()) as Rc<dyn Any>));
            };
            let result: Result<Thread, Problem> = load_thread(&client, &id, &progress, &first_view).await;
            waiting_ms.try_set(None);
            result.map(Rc::new)
        }
    });
    let retry = Callback::new(move |()| thread.reload());
    let find = StoredValue::new_local(find::Find::new(env));
    let transcript_task = crate::ui::load::Task::new();
    let header_actions = Callback::new(move |(action, control): (String, web_sys::Element)| match action.as_str() {
        "retry" => thread.reload(),
        "find" => find.with_value(|find| find.open()),
        "transcript-html" | "transcript-text" => {
            if let Some(reader) = find.with_value(|find| find.reader()) {
                transcript::download(reader, transcript_task, action == "transcript-html", control);
            }
        }
        _ => {}
    });
    let on_key = move |event: web_sys::KeyboardEvent| find.with_value(|find| find.key(&event));
    let on_input = move |event: web_sys::Event| find.with_value(|find| find.input(&event));
    // Staying current: looks begin once the conversation is shown. Kept in the view's
    // arena, so that closures hold a copyable handle to it.
    let watcher = StoredValue::new_local(watch::Watcher::new(env, thread));
    let started = StoredValue::new(false);
    // `handle.refresh()`: look now. (A view torn down by then has no watcher: nothing runs.)
    env.with_value(|env| env.refresh.set(move || _ = watcher.try_with_value(|watcher| watcher.start(true))));
    let line_actions = Callback::new(move |(action, _): (String, web_sys::Element)| match action.as_str() {
        "refresh" => watcher.with_value(|watcher| watcher.start(true)),
        "newest" => watcher.with_value(|watcher| watcher.show_newest()),
        _ => {}
    });
    view! {
        <section class="ksw-conversation" aria-label=strings::CONVERSATION_LABEL on:keydown=on_key on:input=on_input>
            {move || {
                let result = thread.get();
                // The host reads the state in the same task as the markup it describes.
                report(env, WidgetState::of(result.as_ref(), |thread| thread.messages.is_empty()));
                let (thread, complete) = match (result, early.get().and_then(|early| early.downcast::<Thread>().ok())) {
                    (Some(Ok(thread)), _) => (thread, true),
                    // On screen, not yet ready: the names follow in a moment.
                    (None, Some(thread)) => (thread, false),
                    (Some(Err(problem)), _) => return states::problem(&problem, retry),
                    (None, None) => {
                        let count = loaded.get();
                        let progress = (count > 0).then(|| strings::messages_loaded(count));
                        // A wait for Kustomer's rate limit is said above the loading state.
                        let mut html = waiting_ms
                            .get()
                            .map(|ms| render::states::notices(&[strings::rate_limit_wait(ms.div_ceil(1000))], false))
                            .unwrap_or_default();
                        html.push_str(&render::states::loading(strings::LOADING_CONVERSATION, progress.as_deref()));
                        return part("ksw-part", html, None);
                    }
                };
                let header = env.with_value(|env| header::header_html(env, &thread, false));
                let (looks, version) = watcher.with_value(|watcher| (watcher.looks.clone(), watcher.version));
                looks.reading_back.set(false);
                if complete && !started.get_value() {
                    // The first time the conversation is shown whole, the looks begin.
                    started.set_value(true);
                    watcher.with_value(|watcher| watcher.start(false));
                }
                // A first view about to be replaced reads nothing ahead.
                // A link opens at its message once the names are in.
                let open_at = if complete { open_at.try_update_value(Option::take).flatten() } else { None };
                let link = link.clone();
                view! {
                    {part("ksw-part", header, Some(header_actions))}
                    {move || {
                        version.get();
                        part("ksw-part", watcher.with_value(|watcher| watcher.line()), Some(line_actions))
                    }}
                    <messages::MessageList env thread read_ahead=complete looks find open_at link />
                }
                .into_any()
            }}
        </section>
    }
}

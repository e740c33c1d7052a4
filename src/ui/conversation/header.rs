//! The conversation's header, in the viewer's locale (markup in `render::header`).

use crate::conversation::Thread;
use crate::render::header::header_html as markup;
use crate::ui::Env;

pub fn header_html(env: &Env, thread: &Thread, transcript: bool) -> String {
    let link = env.config.kustomer.conversation_link(&thread.conversation.id);
    markup(thread, &link, &|iso: &str| env.intl.date_time(iso), transcript)
}

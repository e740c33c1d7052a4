//! What the conversation view loads, in as few round trips as the data allows: the
//! conversation, the first page of messages and the attachments go out together; the
//! pages that hold the newest messages, the customer and the agents follow as soon as
//! what names them arrives; earlier pages are read only as the agent reads back (see
//! [`layout`] and [`pages`]). Only the conversation and its messages are essential; a
//! failure to read the rest leaves a notice and keeps what loaded.

pub mod find;
pub mod layout;
pub mod pages;
pub mod watch;

use crate::json::str_of;
use crate::kustomer::client::Listed;
use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::message::{Attachment, Message, Messages, Sender, INDEX_PATHS};
use crate::kustomer::model::Resource;
use crate::kustomer::{Conversation, Customer, KustomerClient};
use crate::strings;
use crate::time::parse_iso_ms;
use crate::transport::{encode_segment, join, join_all, FetchError, LocalFuture};
use layout::{layout, FirstPage, Layout};
use pages::Pages;

/// A page read: its items and its `links.next`, or why not.
type PageRead = Result<(Vec<Listed>, Option<String>), FetchError>;

/// Kustomer's largest page.
pub const PAGE_SIZE: usize = 100;
/// 20,000 messages: more than any real conversation, fewer than a runaway loop.
pub const MAX_PAGES: usize = 200;
/// Messages the first view shows.
pub const FIRST_VIEW: usize = 100;

pub use crate::problem::Problem;

#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub conversation: Conversation,
    pub customer: Option<Customer>,
    /// Agent names in assignment order; an agent that could not be read shows by id.
    pub assignees: Vec<String>,
    /// Every agent that appears, by user id.
    pub agents: Vec<(String, String)>,
    /// Agents whose names could not be read.
    pub unreadable: Vec<String>,
    /// Oldest first: the run of pages read so far, from the newest.
    pub messages: Messages,
    /// The pages read, and which to read next as the agent reads back.
    pub pages: Pages,
    /// Attachments whose message is not in the conversation (once every page is read).
    pub unattached: Vec<Attachment>,
    /// Attachments whose message is on a page not read yet.
    pub waiting: Vec<Attachment>,
    /// Partial failures, one sentence each.
    pub notices: Vec<String>,
    /// A second try could cure one of the notices.
    pub retry: bool,
}

impl Thread {
    /// The name to show for a message's sender.
    pub fn sender_name(&self, message: &Message) -> String {
        match &message.sender {
            Sender::Customer => {
                self.customer.as_ref().map(Customer::display_name).unwrap_or_else(|| strings::CUSTOMER.to_string())
            }
            Sender::Agent(id) => self
                .agents
                .iter()
                .find(|(known, _)| known == id)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| strings::AGENT.to_string()),
            Sender::Automated => strings::AUTOMATED.to_string(),
            Sender::UnknownAgent => strings::AGENT.to_string(),
        }
    }
}

/// The path of the attachments' first page (the client follows the links on).
fn attachments_path(conversation_id: &str) -> String {
    format!("/v1/conversations/{}/attachments?page=1&pageSize={PAGE_SIZE}", encode_segment(conversation_id))
}

/// The path of a messages page.
pub fn page_path(conversation_id: &str, page: usize) -> String {
    format!("/v1/conversations/{}/messages?page={page}&pageSize={PAGE_SIZE}", encode_segment(conversation_id))
}

/// Loads a conversation for its first view. `on_progress` hears how many messages have
/// been read while a conversation is read whole. `on_first_view` is handed the thread as
/// soon as its newest messages can be shown, when the agents' names need one more round
/// trip; the result then follows with the names.
pub async fn load_thread(
    client: &KustomerClient<'_>,
    conversation_id: &str,
    on_progress: &dyn Fn(usize),
    on_first_view: &dyn Fn(&Thread),
) -> Result<Thread, Problem> {
    let problem = |error, reading| Problem::new(explain(&error, reading), error.retry_can_help());
    // The first wave: everything the id names.
    let attachments_path = attachments_path(conversation_id);
    let first_path = page_path(conversation_id, 1);
    let (conversation, (first, attachments)) = join(
        Box::pin(client.conversation(conversation_id)),
        Box::pin(join(
            Box::pin(client.page(&first_path, &INDEX_PATHS)),
            Box::pin(client.list(&attachments_path, MAX_PAGES)),
        )),
    )
    .await;
    let conversation = conversation.map_err(|error| problem(error, Reading::Conversation))?;
    let (first_items, first_next) = first.map_err(|error| problem(error, Reading::Messages))?;

    let mut notices = Vec::new();
    let mut retry = false;
    let attachments = match attachments {
        Ok(resources) => resources.iter().map(|r: &Resource| Attachment::from_resource(r)).collect(),
        Err(error) => {
            retry |= error.retry_can_help();
            notices.push(strings::attachments_failed(&explain(&error, Reading::Attachments)));
            Vec::new()
        }
    };

    let last_message_at =
        conversation.attributes.get("lastMessageAt").and_then(str_of).and_then(|at| parse_iso_ms(&at));
    let first_page = FirstPage { times: times(&first_items), items: first_items.len(), has_next: first_next.is_some() };
    let mut pages = Pages::new(
        layout(PAGE_SIZE, conversation.message_count, last_message_at, &first_page),
        conversation.message_count,
    );
    pages.add(1, first_items, first_next.is_some());

    // The second wave: the pages with the newest messages, the customer, and the agents
    // the messages already read name.
    let mut agent_ids = conversation.assigned_user_ids.clone();
    if matches!(pages.layout(), Layout::OnePage | Layout::NewestFirst) {
        let mut shown = Messages::default();
        pages.clone().join_into(&mut shown);
        add_new(&mut agent_ids, shown.agents());
    }
    let wanted = newest_pages(pages.layout());
    let customer_read: LocalFuture<'_, Option<Result<Customer, FetchError>>> = match &conversation.customer_id {
        Some(id) => Box::pin(async move { Some(client.customer(id).await) }),
        None => Box::pin(async { None }),
    };
    let early_agents = !matches!(pages.layout(), Layout::OldestFirst { .. } | Layout::Unknown { .. });
    let agents_read: LocalFuture<'_, Vec<(String, Result<crate::kustomer::User, FetchError>)>> =
        if early_agents { Box::pin(client.users(&agent_ids)) } else { Box::pin(async { Vec::new() }) };
    let ((read, customer), agents) =
        join(Box::pin(join(Box::pin(read_pages(client, conversation_id, &wanted)), customer_read)), agents_read).await;
    let mut stopped = None;
    for (number, page) in wanted.iter().zip(read) {
        match page {
            Ok((items, next)) => pages.add(*number, items, next.is_some()),
            Err(error) => {
                stopped.get_or_insert(error);
            }
        }
    }
    // Pages that the count placed wrongly, or a conversation read whole.
    if stopped.is_none() {
        stopped = complete(client, conversation_id, &mut pages, on_progress).await.err();
    }
    if let Some(error) = &stopped {
        retry |= error.retry_can_help();
        let read: Vec<usize> = (1..=pages.highest().unwrap_or(1)).filter(|n| pages.is_read(*n)).collect();
        let count = read.iter().filter_map(|n| pages.page(*n)).map(|(len, _)| len).sum();
        notices.push(strings::messages_missing(count, read.len(), &explain(error, Reading::Messages)));
    }

    let customer = match customer {
        Some(Ok(customer)) => Some(customer),
        Some(Err(error)) => {
            retry |= error.retry_can_help();
            notices.push(strings::customer_failed(&explain(&error, Reading::Customer)));
            None
        }
        None => None,
    };
    let mut messages = Messages::default();
    pages.join_into(&mut messages);
    let waiting = messages.attach(attachments);
    let mut thread = Thread {
        conversation,
        customer,
        assignees: Vec::new(),
        agents: Vec::new(),
        unreadable: Vec::new(),
        messages,
        pages,
        unattached: Vec::new(),
        waiting,
        notices,
        retry,
    };
    thread.settle_attachments();
    thread.learn_agents(agents);

    // The third wave, when the newest messages name agents not read yet.
    let missing = thread.unnamed_agents();
    if !missing.is_empty() {
        on_first_view(&thread);
        // The first view is drawn before the names are asked for: it waits for nothing more.
        client.clock().sleep(0).await;
        let agents = client.users(&missing).await;
        thread.learn_agents(agents);
    }
    Ok(thread)
}

/// Reads the next earlier page into the thread, with the names of the agents it brings;
/// false when no page is left.
pub async fn read_earlier(client: &KustomerClient<'_>, thread: &mut Thread) -> Result<bool, FetchError> {
    let Some(number) = thread.pages.earlier() else { return Ok(false) };
    if !thread.pages.is_read(number) {
        let (items, next) = client.page(&page_path(&thread.conversation.id, number), &INDEX_PATHS).await?;
        thread.pages.add(number, items, next.is_some());
    }
    thread.take_in(client, Vec::new()).await;
    Ok(true)
}

/// Reads every page not read yet, for a search, a transcript or a link to an early
/// message: the pages the layout names all at once (the transport keeps a few in flight),
/// then any the pages' own links add. `on_progress` hears (pages read, pages in all) as
/// each arrives. No page is read twice.
pub async fn read_all(
    client: &KustomerClient<'_>,
    thread: &mut Thread,
    on_progress: &dyn Fn(usize, usize),
) -> Result<(), FetchError> {
    let last = match thread.pages.layout() {
        Layout::OldestFirst { last } => last,
        Layout::NewestFirst => thread.conversation.message_count.map_or(0, |count| layout::pages_for(count, PAGE_SIZE)),
        Layout::OnePage | Layout::Unknown { .. } => 0,
    };
    let numbers: Vec<usize> = (1..=last.min(MAX_PAGES)).filter(|number| !thread.pages.is_read(*number)).collect();
    let done = std::cell::Cell::new(last.saturating_sub(numbers.len()));
    let total = std::cell::Cell::new(done.get() + numbers.len());
    on_progress(done.get(), total.get());
    let id = thread.conversation.id.clone();
    let paths: Vec<String> = numbers.iter().map(|number| page_path(&id, *number)).collect();
    let reads: Vec<LocalFuture<'_, PageRead>> = paths
        .iter()
        .map(|path| {
            let (done, total) = (&done, &total);
            Box::pin(async move {
                let page = client.page(path, &INDEX_PATHS).await;
                done.set(done.get() + 1);
                on_progress(done.get(), total.get());
                // Answers that come all at once (from a cache) are read a page a task.
                client.clock().sleep(0).await;
                page
            }) as LocalFuture<'_, _>
        })
        .collect();
    let mut failed = None;
    for (number, page) in numbers.iter().zip(join_all(reads).await) {
        match page {
            Ok((items, next)) => thread.pages.add(*number, items, next.is_some()),
            Err(error) => _ = failed.get_or_insert(error),
        }
    }
    // Pages beyond those the count named, one after another by their links.
    while failed.is_none() {
        let Some(number) = thread.pages.earlier().filter(|number| !thread.pages.is_read(*number)) else { break };
        total.set(total.get().max(done.get() + 1));
        match client.page(&page_path(&id, number), &INDEX_PATHS).await {
            Ok((items, next)) => thread.pages.add(number, items, next.is_some()),
            Err(error) => failed = Some(error),
        }
        done.set(done.get() + 1);
        on_progress(done.get(), total.get());
        client.clock().sleep(0).await;
    }
    thread.take_in(client, Vec::new()).await;
    failed.map_or(Ok(()), Err)
}

/// Looks at the conversation again. `None` when nothing changed: one request. Otherwise
/// the thread with the conversation as it is now and, when messages may have been added,
/// the pages that hold the newest read again and joined in order (each message once),
/// with the attachments and the names they bring; and how many messages are new.
pub async fn check_thread(client: &KustomerClient<'_>, thread: &Thread) -> Result<Option<(Thread, usize)>, FetchError> {
    let now = client.conversation(&thread.conversation.id).await?;
    let change = watch::changed(&thread.conversation, &now);
    if !change.any() {
        return Ok(None);
    }
    let mut next = thread.clone();
    next.conversation = now;
    let before = next.messages.len();
    let mut attachments = Vec::new();
    if change.messages {
        let id = next.conversation.id.clone();
        let numbers = match next.pages.layout() {
            Layout::NewestFirst => vec![1],
            Layout::OldestFirst { .. } => {
                let last = next.conversation.message_count.map_or(2, |count| layout::pages_for(count, PAGE_SIZE));
                next.pages.settle_last(last);
                [last, last - 1].into_iter().filter(|page| *page >= 1).collect()
            }
            Layout::OnePage | Layout::Unknown { .. } => vec![next.pages.highest().unwrap_or(1)],
        };
        for (number, page) in numbers.iter().zip(read_pages(client, &id, &numbers).await) {
            let (items, link) = page?;
            next.pages.add(*number, items, link.is_some());
        }
        if matches!(next.pages.layout(), Layout::OnePage) && next.pages.page(1).is_some_and(|(_, more)| more) {
            // Grown past one page: read on by the links.
            next.pages.read_everything();
        }
        complete(client, &id, &mut next.pages, &|_| {}).await?;
        // Read again: new messages may bring attachments (kept once each).
        if let Ok(resources) = client.list(&attachments_path(&id), MAX_PAGES).await {
            attachments = resources.iter().map(|r: &Resource| Attachment::from_resource(r)).collect();
        }
    }
    next.take_in(client, attachments).await;
    let added = next.messages.len().saturating_sub(before);
    Ok(Some((next, added)))
}

/// The pages to read in the second wave: those holding the newest messages when pages
/// run oldest first (the last, and the one before it so that the first view is full).
fn newest_pages(layout: Layout) -> Vec<usize> {
    match layout {
        Layout::OldestFirst { last } => [last, last - 1].into_iter().filter(|page| *page > 1).collect(),
        Layout::Unknown { last: Some(last) } => (2..=last.min(MAX_PAGES)).collect(),
        Layout::OnePage | Layout::NewestFirst | Layout::Unknown { last: None } => Vec::new(),
    }
}

/// Reads pages side by side (the transport keeps a few in flight).
async fn read_pages(client: &KustomerClient<'_>, conversation_id: &str, numbers: &[usize]) -> Vec<PageRead> {
    let paths: Vec<String> = numbers.iter().map(|number| page_path(conversation_id, *number)).collect();
    join_all(paths.iter().map(|path| Box::pin(client.page(path, &INDEX_PATHS)) as LocalFuture<'_, _>).collect()).await
}

/// Reads what the second wave showed to be missing: pages after the one the count named
/// as the last (new messages since), pages before it when it was empty (notes counted),
/// and, for a conversation read whole, every page its links name.
async fn complete(
    client: &KustomerClient<'_>,
    conversation_id: &str,
    pages: &mut Pages,
    on_progress: &dyn Fn(usize),
) -> Result<(), FetchError> {
    if let Layout::OldestFirst { last } = pages.layout() {
        let mut newest = last;
        // The count was low: follow the links on.
        while let Some((_, true)) = pages.page(newest) {
            if newest >= MAX_PAGES {
                break;
            }
            newest += 1;
            let (items, next) = client.page(&page_path(conversation_id, newest), &INDEX_PATHS).await?;
            pages.add(newest, items, next.is_some());
        }
        // The count was high: the newest pages read are empty.
        while newest > 1 && pages.page(newest).is_some_and(|(len, _)| len == 0) {
            newest -= 1;
            if !pages.is_read(newest) {
                let (items, next) = client.page(&page_path(conversation_id, newest), &INDEX_PATHS).await?;
                pages.add(newest, items, next.is_some());
            }
        }
        pages.settle_last(newest);
        return Ok(());
    }
    if let Layout::Unknown { .. } = pages.layout() {
        // Every page, in whatever order: follow the links past the highest read.
        let mut highest = pages.highest().unwrap_or(1);
        let mut read: usize = (1..=highest).filter_map(|n| pages.page(n)).map(|(len, _)| len).sum();
        on_progress(read);
        while let Some((_, true)) = pages.page(highest) {
            if highest >= MAX_PAGES {
                break;
            }
            highest += 1;
            let (items, next) = client.page(&page_path(conversation_id, highest), &INDEX_PATHS).await?;
            read += items.len();
            pages.add(highest, items, next.is_some());
            on_progress(read);
        }
    }
    Ok(())
}

/// The messages' times in the order their page gave them.
fn times(items: &[Listed]) -> Vec<i64> {
    items
        .iter()
        .filter_map(|item| {
            let text = |index: usize| item.fields.get(index).and_then(|field| field.as_ref()).and_then(str_of);
            text(1).or_else(|| text(2)).and_then(|at| parse_iso_ms(&at))
        })
        .collect()
}

fn add_new<'a>(ids: &mut Vec<String>, more: impl Iterator<Item = &'a str>) {
    for id in more {
        if !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
    }
}

impl Thread {
    /// Takes in what a later read brought: the pages that joined the run, the attachments
    /// waiting for their messages (and `more`, each kept once), the names of the agents
    /// the new messages or the assignees name, and the assignees' names.
    async fn take_in(&mut self, client: &KustomerClient<'_>, more: Vec<Attachment>) {
        self.pages.join_into(&mut self.messages);
        let mut waiting = std::mem::take(&mut self.waiting);
        for attachment in more {
            if !waiting.iter().any(|kept| kept.id == attachment.id) {
                waiting.push(attachment);
            }
        }
        self.waiting = self.messages.attach(waiting);
        self.settle_attachments();
        let missing = self.unnamed_agents();
        let agents = if missing.is_empty() { Vec::new() } else { client.users(&missing).await };
        self.learn_agents(agents);
    }

    /// Agents that the assignees or the messages read name, whose names are not known.
    fn unnamed_agents(&self) -> Vec<String> {
        let mut ids = self.conversation.assigned_user_ids.clone();
        add_new(&mut ids, self.messages.agents());
        ids.retain(|id| !self.agents.iter().any(|(known, _)| known == id) && !self.unreadable.contains(id));
        ids
    }

    /// Takes in agents read (or not), and the assignees' names.
    fn learn_agents(&mut self, agents: Vec<(String, Result<crate::kustomer::User, FetchError>)>) {
        let mut failure = None;
        for (agent, user) in agents {
            match user {
                Ok(user) => {
                    if !self.agents.iter().any(|(known, _)| *known == agent) {
                        self.agents.push((agent, user.display_name()));
                    }
                }
                Err(error) => {
                    self.retry |= error.retry_can_help();
                    failure.get_or_insert(explain(&error, Reading::User));
                    // Shown by id, and not asked for again with every page.
                    self.unreadable.push(agent);
                }
            }
        }
        if let Some(reason) = failure {
            let notice = strings::agents_failed(&reason);
            if !self.notices.contains(&notice) {
                self.notices.push(notice);
            }
        }
        self.assignees = self
            .conversation
            .assigned_user_ids
            .iter()
            .map(|agent| {
                self.agents
                    .iter()
                    .find(|(known, _)| known == agent)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_else(|| strings::agent_by_id(agent))
            })
            .collect();
    }

    /// Once every page is read, attachments still waiting have no message here.
    fn settle_attachments(&mut self) {
        if self.pages.earlier().is_none() {
            self.unattached.append(&mut self.waiting);
        }
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

#[cfg(test)]
#[path = "network_tests.rs"]
mod network_tests;

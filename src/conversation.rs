//! What the conversation view loads: the conversation, every message across pages, its
//! attachments, its customer and the agents involved. Only the conversation and its
//! messages are essential; a failure to read the rest leaves a notice and keeps what
//! loaded.

use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::message::{Attachment, Message, Messages, Sender, INDEX_PATHS};
use crate::kustomer::model::Resource;
use crate::kustomer::{Conversation, Customer, KustomerClient};
use crate::strings;
use crate::transport::encode_segment;

/// Kustomer's largest page.
pub const PAGE_SIZE: usize = 100;
/// 20,000 messages: more than any real conversation, fewer than a runaway loop.
pub const MAX_PAGES: usize = 200;

pub use crate::problem::Problem;

#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub conversation: Conversation,
    pub customer: Option<Customer>,
    /// Agent names in assignment order; an agent that could not be read shows by id.
    pub assignees: Vec<String>,
    /// Every agent that appears, by user id.
    pub agents: Vec<(String, String)>,
    /// Oldest first.
    pub messages: Messages,
    /// Attachments whose message is not in the conversation.
    pub unattached: Vec<Attachment>,
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

pub async fn load_thread(
    client: &KustomerClient<'_>,
    conversation_id: &str,
    on_progress: &dyn Fn(usize),
) -> Result<Thread, Problem> {
    let problem = |error, reading| Problem::new(explain(&error, reading), error.retry_can_help());
    let conversation =
        client.conversation(conversation_id).await.map_err(|error| problem(error, Reading::Conversation))?;
    let id = encode_segment(&conversation.id);
    let first_page = format!("/v1/conversations/{id}/messages?page=1&pageSize={PAGE_SIZE}");
    let listing = client
        .list_with_progress(&first_page, MAX_PAGES, &INDEX_PATHS, on_progress)
        .await
        .map_err(|error| problem(error, Reading::Messages))?;
    let mut notices = Vec::new();
    let mut retry = false;
    if listing.truncated {
        notices.push(strings::only_first_messages(listing.items.len()));
    }
    if let Some(error) = &listing.stopped_by {
        retry |= error.retry_can_help();
        notices.push(strings::messages_missing(listing.items.len(), listing.pages, &explain(error, Reading::Messages)));
    }

    let attachments = match client
        .list(&format!("/v1/conversations/{id}/attachments?page=1&pageSize={PAGE_SIZE}"), MAX_PAGES)
        .await
    {
        Ok(resources) => resources.iter().map(|r: &Resource| Attachment::from_resource(r)).collect(),
        Err(error) => {
            retry |= error.retry_can_help();
            notices.push(strings::attachments_failed(&explain(&error, Reading::Attachments)));
            Vec::new()
        }
    };
    let (messages, unattached) = Messages::assemble(listing.items, attachments);

    let customer = match &conversation.customer_id {
        Some(customer_id) => match client.customer(customer_id).await {
            Ok(customer) => Some(customer),
            Err(error) => {
                retry |= error.retry_can_help();
                notices.push(strings::customer_failed(&explain(&error, Reading::Customer)));
                None
            }
        },
        None => None,
    };

    // Each agent once: the assignees first, then whoever wrote a message.
    let mut agent_ids = conversation.assigned_user_ids.clone();
    for agent in messages.agents() {
        if !agent_ids.iter().any(|known| known == agent) {
            agent_ids.push(agent.to_string());
        }
    }
    let mut agents = Vec::new();
    let mut agent_failure = None;
    for (agent, user) in client.users(&agent_ids).await {
        match user {
            Ok(user) => agents.push((agent, user.display_name())),
            Err(error) => {
                retry |= error.retry_can_help();
                agent_failure.get_or_insert(explain(&error, Reading::User));
            }
        }
    }
    if let Some(reason) = agent_failure {
        notices.push(strings::agents_failed(&reason));
    }
    let assignees = conversation
        .assigned_user_ids
        .iter()
        .map(|agent| {
            agents
                .iter()
                .find(|(known, _)| known == agent)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| strings::agent_by_id(agent))
        })
        .collect();
    Ok(Thread { conversation, customer, assignees, agents, messages, unattached, notices, retry })
}

#[cfg(test)]
#[path = "conversation_tests.rs"]
mod tests;

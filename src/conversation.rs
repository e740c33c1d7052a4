//! What the conversation view loads: the conversation, its customer and its agents. A
//! failure to read the customer or an agent leaves a notice and keeps the rest.

use crate::kustomer::errors::{explain, Reading};
use crate::kustomer::{Conversation, Customer, KustomerClient};

/// A failure the view shows instead of the data, with whether a Retry can help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub retry: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConversationHeader {
    pub conversation: Conversation,
    pub customer: Option<Customer>,
    /// Agent names in assignment order; an agent that could not be read shows as its id.
    pub assignees: Vec<String>,
    /// Partial failures, one sentence each.
    pub notices: Vec<String>,
}

pub async fn load_header(client: &KustomerClient<'_>, conversation_id: &str) -> Result<ConversationHeader, Problem> {
    let conversation = client.conversation(conversation_id).await.map_err(|error| Problem {
        message: explain(&error, Reading::Conversation),
        retry: error.is_transient(),
    })?;
    let mut notices = Vec::new();
    let customer = match &conversation.customer_id {
        Some(id) => match client.customer(id).await {
            Ok(customer) => Some(customer),
            Err(error) => {
                notices.push(format!("The customer could not be loaded: {}", explain(&error, Reading::Customer)));
                None
            }
        },
        None => None,
    };
    let mut assignees = Vec::new();
    let mut agent_failure = None;
    for (id, user) in client.users(&conversation.assigned_user_ids).await {
        match user {
            Ok(user) => assignees.push(user.display_name()),
            Err(error) => {
                assignees.push(format!("Agent {id}"));
                agent_failure.get_or_insert(explain(&error, Reading::User));
            }
        }
    }
    if let Some(reason) = agent_failure {
        notices.push(format!("Some agent names could not be loaded: {reason}"));
    }
    Ok(ConversationHeader { conversation, customer, assignees, notices })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Scenario;
    use crate::demo::kustomer_data;
    use crate::test_support::{block_on, FakeClock, ScriptedTransport};
    use crate::transport::demo::DemoTransport;
    use crate::transport::Response;

    #[test]
    fn loads_the_header_from_the_demo_org() {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock.clone());
        let client = KustomerClient::new(&transport, clock.as_ref());
        let header = block_on(load_header(&client, kustomer_data::INVOICE_EMAIL)).unwrap();
        assert_eq!(header.customer.unwrap().display_name(), "Jane Cooper");
        assert_eq!(header.assignees, vec!["Sam Rivera", "Dana Kim"]);
        assert!(header.notices.is_empty());
    }

    #[test]
    fn a_missing_conversation_is_a_problem_without_retry() {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::Normal, clock.clone());
        let client = KustomerClient::new(&transport, clock.as_ref());
        let problem = block_on(load_header(&client, "000000000000000000000000")).unwrap_err();
        assert_eq!(problem, Problem { message: "Conversation not found".into(), retry: false });
    }

    #[test]
    fn server_errors_offer_a_retry() {
        let clock = FakeClock::at(0.0);
        let transport = DemoTransport::new(Scenario::ServerError, clock.clone());
        let client = KustomerClient::new(&transport, clock.as_ref());
        let problem = block_on(load_header(&client, kustomer_data::VOICE)).unwrap_err();
        assert!(problem.retry);
        assert!(problem.message.contains("500"), "{}", problem.message);
    }

    #[test]
    fn customer_and_agent_failures_become_notices() {
        let conversation = r#"{"data":{"id":"c1","attributes":{"assignedUsers":["u1","u2"]},
            "relationships":{"customer":{"data":{"type":"customer","id":"k1"}}}}}"#;
        let agent = r#"{"data":{"id":"u1","attributes":{"displayName":"Sam Rivera"}}}"#;
        let transport = ScriptedTransport::new(vec![
            Ok(Response::new(200, conversation)),
            Ok(Response::new(403, "{}")),
            Ok(Response::new(200, agent)),
            Ok(Response::new(403, "{}")),
        ]);
        let clock = FakeClock::at(0.0);
        let client = KustomerClient::new(&transport, clock.as_ref());
        let header = block_on(load_header(&client, "c1")).unwrap();
        assert!(header.customer.is_none());
        assert_eq!(header.assignees, vec!["Sam Rivera", "Agent u2"]);
        assert_eq!(header.notices.len(), 2);
        assert!(header.notices[0].contains("org.permission.customer.read"), "{:?}", header.notices);
        assert!(header.notices[1].contains("org.permission.user.read"), "{:?}", header.notices);
    }
}

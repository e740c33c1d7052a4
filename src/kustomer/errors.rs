//! Kustomer failures in words that say what to do. The roles are the ones the
//! conversation-view setup asks for on the Kustomer API key.

use crate::strings;
use crate::transport::FetchError;

/// What a request was reading, which decides the role a 403 is missing and what a 404
/// means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Conversation,
    Messages,
    Customer,
    User,
    Attachments,
}

impl Reading {
    pub fn role(self) -> &'static str {
        match self {
            Reading::Conversation => "org.permission.conversation.read",
            Reading::Messages => "org.permission.message.read",
            Reading::Customer => "org.permission.customer.read",
            Reading::User => "org.permission.user.read",
            Reading::Attachments => "org.permission.attachment.read",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Reading::Conversation => strings::CONVERSATION_NOUN,
            Reading::Messages => strings::MESSAGES_NOUN,
            Reading::Customer => strings::CUSTOMER_NOUN,
            Reading::User => strings::AGENT_NOUN,
            Reading::Attachments => strings::ATTACHMENTS_NOUN,
        }
    }
}

/// A sentence for the person looking at the widget.
pub fn explain(error: &FetchError, reading: Reading) -> String {
    match error {
        FetchError::Http { status: 401, .. } => strings::KUSTOMER_KEY_REJECTED.to_string(),
        FetchError::Http { status: 403, .. } => strings::kustomer_role_missing(reading.role()),
        FetchError::Http { status: 404, .. } => strings::not_found(reading.noun()),
        FetchError::Http { status: 429, .. } => strings::KUSTOMER_STILL_LIMITED.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Service;

    fn http(status: u16) -> FetchError {
        FetchError::Http { service: Service::Kustomer, status, code: None, message: None }
    }

    #[test]
    fn statuses_become_instructions() {
        assert_eq!(
            explain(&http(401), Reading::Conversation),
            "The Kustomer API key was rejected: check the Kustomer named credential"
        );
        assert!(explain(&http(403), Reading::Messages)
            .starts_with("The Kustomer API key is missing a role: give it org.permission.message.read"));
        assert!(explain(&http(403), Reading::User).contains("give it org.permission.user.read"));
        assert_eq!(explain(&http(404), Reading::Conversation), "Conversation not found");
        let timeout = FetchError::Timeout { service: Service::Kustomer, after_ms: 5000 };
        assert_eq!(explain(&timeout, Reading::Conversation), timeout.to_string());
    }
}

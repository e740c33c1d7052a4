//! When a conversation view looks again, and what a look found. A view that an agent
//! keeps open follows the conversation at a cost the org's shared budgets allow: one
//! request for the conversation per look, more only when it changed; no look while the
//! page is hidden; slower when Kustomer's rate limit is nearly spent, and backing off
//! after failures.

use crate::kustomer::Conversation;

/// The longest wait between looks, whatever the backoff.
pub const MAX_WAIT_MS: f64 = 30.0 * 60.0 * 1000.0;
/// Under this share of the rate limit left, looks come four times less often.
pub const LOW_REMAINING_PERCENT: u64 = 10;

/// What decides the next look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// The admin's interval; 0: only when asked.
    pub interval_ms: f64,
    /// The page can be seen.
    pub visible: bool,
    /// Looks that failed in a row.
    pub failures: u32,
    /// Kustomer's `x-ratelimit-remaining` and `x-ratelimit-limit` from the last answer.
    pub rate: Option<(u64, u64)>,
    /// Kustomer's rate limit was reached: no look before this time.
    pub not_before_ms: Option<f64>,
}

impl Policy {
    /// The rate limit is nearly spent: looks are slowed, and the view says so.
    pub fn slowed(&self) -> bool {
        matches!(self.rate, Some((remaining, limit)) if limit > 0 && remaining.saturating_mul(100) < limit * LOW_REMAINING_PERCENT)
    }

    /// When to look next, from the time of the last look; `None`: not until the page is
    /// seen again or the agent asks.
    pub fn next_look(&self, last_ms: f64) -> Option<f64> {
        if !self.visible || self.interval_ms <= 0.0 {
            return None;
        }
        let mut wait = self.interval_ms;
        if self.slowed() {
            wait *= 4.0;
        }
        // Doubling with each failure in a row, within bounds.
        wait *= f64::from(1u32 << self.failures.min(5));
        let at = last_ms + wait.min(MAX_WAIT_MS);
        Some(match self.not_before_ms {
            Some(not_before) if not_before > at => not_before,
            _ => at,
        })
    }
}

/// What changed between two reads of a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changed {
    /// Messages may have been added: the count or a time of the last message moved.
    pub messages: bool,
    /// What the header shows: the subject, the status, the assignees, the priority.
    pub header: bool,
}

impl Changed {
    pub fn any(self) -> bool {
        self.messages || self.header
    }
}

pub fn changed(before: &Conversation, now: &Conversation) -> Changed {
    // Read as text: comparing JSON values would bring the map's comparison into the module.
    let at = |conversation: &Conversation, key: &str| crate::json::str_at(&conversation.attributes, key);
    let messages = before.message_count != now.message_count
        || at(before, "lastMessageAt") != at(now, "lastMessageAt")
        || (before.updated_at != now.updated_at && before.message_count.is_none());
    let header = before.subject != now.subject
        || before.status != now.status
        || before.assigned_user_ids != now.assigned_user_ids
        || before.priority != now.priority;
    Changed { messages, header }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kustomer::Resource;
    use serde_json::json;

    const MINUTE: f64 = 60_000.0;

    fn policy() -> Policy {
        Policy { interval_ms: 2.0 * MINUTE, visible: true, failures: 0, rate: None, not_before_ms: None }
    }

    #[test]
    fn a_visible_view_looks_every_interval_and_a_hidden_one_never() {
        assert_eq!(policy().next_look(0.0), Some(2.0 * MINUTE));
        assert_eq!(Policy { visible: false, ..policy() }.next_look(0.0), None);
        assert_eq!(Policy { interval_ms: 0.0, ..policy() }.next_look(0.0), None, "0 turns it off");
    }

    #[test]
    fn failures_back_off_and_the_rate_limit_waits_for_its_reset() {
        assert_eq!(Policy { failures: 1, ..policy() }.next_look(0.0), Some(4.0 * MINUTE));
        assert_eq!(Policy { failures: 3, ..policy() }.next_look(0.0), Some(16.0 * MINUTE));
        assert_eq!(Policy { failures: 40, ..policy() }.next_look(0.0), Some(MAX_WAIT_MS), "bounded");
        let reset = Policy { not_before_ms: Some(10.0 * MINUTE), ..policy() };
        assert_eq!(reset.next_look(0.0), Some(10.0 * MINUTE));
    }

    #[test]
    fn looks_slow_down_when_the_rate_limit_is_nearly_spent() {
        let low = Policy { rate: Some((90, 1000)), ..policy() };
        assert!(low.slowed());
        assert_eq!(low.next_look(0.0), Some(8.0 * MINUTE));
        let fine = Policy { rate: Some((100, 1000)), ..policy() };
        assert!(!fine.slowed());
        assert_eq!(fine.next_look(0.0), Some(2.0 * MINUTE));
    }

    fn conversation(attributes: serde_json::Value) -> Conversation {
        Conversation::from_resource(&Resource::from_value(&json!({ "id": "c1", "attributes": attributes })).unwrap())
    }

    #[test]
    fn messages_and_header_changes_are_told_apart() {
        let before = conversation(
            json!({ "name": "Damaged", "status": "open", "messageCount": 4, "lastMessageAt": "2026-01-01T10:00:00.000Z" }),
        );
        assert_eq!(changed(&before, &before), Changed::default());
        let more = conversation(
            json!({ "name": "Damaged", "status": "open", "messageCount": 7, "lastMessageAt": "2026-01-01T10:05:00.000Z" }),
        );
        assert_eq!(changed(&before, &more), Changed { messages: true, header: false });
        let done = conversation(
            json!({ "name": "Damaged", "status": "done", "messageCount": 4, "lastMessageAt": "2026-01-01T10:00:00.000Z" }),
        );
        assert_eq!(changed(&before, &done), Changed { messages: false, header: true });
    }
}

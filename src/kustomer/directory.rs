//! Agents and customers already read, kept for a while by the page (or frame) the widget
//! runs in: every mount there reuses them. Names rarely change, and each read spends the
//! org's shared Kustomer budget. The store is bounded, so a day of conversations keeps
//! at most `MAX_KEPT` of each.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::model::{Customer, User};

/// How long a name is reused before it is read again.
pub const KEEP_MS: f64 = 15.0 * 60.0 * 1000.0;
/// The most agents, and the most customers, kept.
pub const MAX_KEPT: usize = 500;

struct Kept<T> {
    entries: BTreeMap<String, (f64, T)>,
}

impl<T: Clone> Kept<T> {
    const fn new() -> Self {
        Kept { entries: BTreeMap::new() }
    }

    fn get(&self, id: &str, now_ms: f64) -> Option<T> {
        self.entries.get(id).filter(|(at, _)| now_ms - at < KEEP_MS && now_ms >= *at).map(|(_, value)| value.clone())
    }

    fn put(&mut self, id: &str, value: T, now_ms: f64) {
        if self.entries.len() >= MAX_KEPT && !self.entries.contains_key(id) {
            // The one kept longest goes.
            let oldest = self.entries.iter().min_by(|a, b| a.1 .0.total_cmp(&b.1 .0)).map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                self.entries.remove(&oldest);
            }
        }
        self.entries.insert(id.to_string(), (now_ms, value));
    }
}

thread_local! {
    static USERS: RefCell<Kept<User>> = const { RefCell::new(Kept::new()) };
    static CUSTOMERS: RefCell<Kept<Customer>> = const { RefCell::new(Kept::new()) };
}

pub fn user(id: &str, now_ms: f64) -> Option<User> {
    USERS.with(|users| users.borrow().get(id, now_ms))
}

pub fn remember_user(user: &User, now_ms: f64) {
    USERS.with(|users| users.borrow_mut().put(&user.id, user.clone(), now_ms));
}

pub fn customer(id: &str, now_ms: f64) -> Option<Customer> {
    CUSTOMERS.with(|customers| customers.borrow().get(id, now_ms))
}

pub fn remember_customer(customer: &Customer, now_ms: f64) {
    CUSTOMERS.with(|customers| customers.borrow_mut().put(&customer.id, customer.clone(), now_ms));
}

/// How many of each are kept now, for tests and measurements.
pub fn kept() -> (usize, usize) {
    (USERS.with(|u| u.borrow().entries.len()), CUSTOMERS.with(|c| c.borrow().entries.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(id: &str) -> User {
        User { id: id.to_string(), name: Some(format!("Agent {id}")), email: None }
    }

    #[test]
    fn names_are_reused_for_a_while_then_read_again() {
        remember_user(&agent("u1"), 1_000.0);
        assert_eq!(user("u1", 1_000.0 + KEEP_MS - 1.0).unwrap().name.as_deref(), Some("Agent u1"));
        assert_eq!(user("u1", 1_000.0 + KEEP_MS), None);
        assert_eq!(user("u2", 1_000.0), None);
    }

    #[test]
    fn the_store_is_bounded() {
        for n in 0..MAX_KEPT + 50 {
            remember_user(&agent(&format!("b{n}")), n as f64);
        }
        assert_eq!(kept().0, MAX_KEPT);
        assert_eq!(user("b0", 600.0), None, "the oldest went first");
        assert!(user(&format!("b{}", MAX_KEPT + 49), 600.0).is_some());
    }
}

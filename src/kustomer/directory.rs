//! Agents and customers already read, kept for a while by the page (or frame) the widget
//! runs in: every mount there reuses them. Names rarely change, and each read spends the
//! org's shared Kustomer budget. The store is bounded, so a day of conversations keeps
//! at most `MAX_KEPT` of each.

use std::cell::RefCell;

use super::model::{Customer, User};

/// How long a name is reused before it is read again.
pub const KEEP_MS: f64 = 15.0 * 60.0 * 1000.0;
/// The most agents, and the most customers, kept.
pub const MAX_KEPT: usize = 500;

/// An agent or a customer, kept in one list: one list's code serves both.
#[derive(Clone)]
enum Person {
    User(User),
    Customer(Customer),
}

impl Person {
    fn is_user(&self) -> bool {
        matches!(self, Person::User(_))
    }
}

thread_local! {
    /// Entries in the order they were kept, oldest first: a list, not a map, since a few
    /// hundred entries are searched faster than a map's code is downloaded. Agents and
    /// customers are told apart by their `Person`.
    static KEPT: RefCell<Vec<(String, f64, Person)>> = const { RefCell::new(Vec::new()) };
}

fn get(id: &str, now_ms: f64, user: bool) -> Option<Person> {
    KEPT.with_borrow(|kept| {
        let (_, at, person) = kept.iter().find(|(known, _, person)| known == id && person.is_user() == user)?;
        (now_ms >= *at && now_ms - at < KEEP_MS).then(|| person.clone())
    })
}

fn put(id: &str, person: Person, now_ms: f64) {
    let user = person.is_user();
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(known, _, kept)| !(known == id && kept.is_user() == user));
        if kept.iter().filter(|(_, _, kept)| kept.is_user() == user).count() >= MAX_KEPT {
            // The one of its kind kept longest goes.
            if let Some(oldest) = kept.iter().position(|(_, _, kept)| kept.is_user() == user) {
                kept.remove(oldest);
            }
        }
        kept.push((id.to_string(), now_ms, person));
    });
}

pub fn user(id: &str, now_ms: f64) -> Option<User> {
    match get(id, now_ms, true)? {
        Person::User(user) => Some(user),
        Person::Customer(_) => None,
    }
}

pub fn remember_user(user: &User, now_ms: f64) {
    put(&user.id, Person::User(user.clone()), now_ms);
}

pub fn customer(id: &str, now_ms: f64) -> Option<Customer> {
    match get(id, now_ms, false)? {
        Person::Customer(customer) => Some(customer),
        Person::User(_) => None,
    }
}

pub fn remember_customer(customer: &Customer, now_ms: f64) {
    put(&customer.id, Person::Customer(customer.clone()), now_ms);
}

/// How many agents and customers are kept now, for tests and measurements.
pub fn kept() -> (usize, usize) {
    KEPT.with_borrow(|kept| {
        let users = kept.iter().filter(|(_, _, person)| person.is_user()).count();
        (users, kept.len() - users)
    })
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

//! The records of one widget, folded and capped. A failing loop (a refresh that keeps
//! timing out, a page of messages that keeps failing) must give the admin one record with
//! a count, not a console full of copies, and must not flood whoever listens for the
//! records' events.

use std::collections::VecDeque;

use super::Record;

/// Identical records within this long of the first are one record with a count.
const FOLD_WINDOW_MS: f64 = 60_000.0;
/// At most this many records are announced per sliding window.
const DISPATCH_LIMIT: usize = 10;
const DISPATCH_WINDOW_MS: f64 = 60_000.0;
/// How many records are kept for "Copy diagnostics".
const KEPT: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Oldest first, with when each was first seen.
    kept: VecDeque<(Record, f64)>,
    /// When each record announced within the last window was announced, oldest first.
    dispatched_at: VecDeque<f64>,
    /// The latest time seen, standing in for a time that is not a number.
    latest_ms: f64,
}

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    /// Keeps `record` and returns it when it should be announced now. A record identical
    /// to one first seen less than 60 s earlier only adds to that one's count and is not
    /// announced again; past 10 announcements in the last 60 s, a new record is kept
    /// without being announced. `now_ms` is the time in milliseconds (any epoch, the same
    /// for every call).
    pub fn add(&mut self, record: Record, now_ms: f64) -> Option<Record> {
        // A clock that gives NaN or infinity must not freeze the window: use the latest
        // real time instead.
        let now = if now_ms.is_finite() { now_ms } else { self.latest_ms };
        self.latest_ms = self.latest_ms.max(now);

        let latest_same = self.kept.iter_mut().rev().find(|(kept, _)| kept.is_same_event(&record));
        if let Some((kept, first_ms)) = latest_same {
            if now - *first_ms < FOLD_WINDOW_MS {
                kept.fold_in(&record);
                return None;
            }
        }

        self.kept.push_back((record.clone(), now));
        while self.kept.len() > KEPT {
            self.kept.pop_front();
        }

        while self.dispatched_at.front().is_some_and(|&at| now - at >= DISPATCH_WINDOW_MS) {
            self.dispatched_at.pop_front();
        }
        if self.dispatched_at.len() >= DISPATCH_LIMIT {
            return None;
        }
        self.dispatched_at.push_back(now);
        Some(record)
    }

    /// The last 50 records, oldest first, with their counts.
    pub fn last(&self) -> Vec<Record> {
        self.kept.iter().map(|(record, _)| record.clone()).collect()
    }
}

#[cfg(test)]
#[path = "log_tests.rs"]
mod tests;

use super::*;
use crate::config::View;
use crate::diagnostics::Kind;

const SECOND: f64 = 1_000.0;

fn refused(status: u16) -> Record {
    Record::new(Kind::RequestRefused, View::Conversation).with_status(status)
}

#[test]
fn identical_records_within_a_minute_fold_into_one() {
    let mut log = Log::new();
    assert_eq!(log.add(refused(502), 0.0), Some(refused(502)));
    assert_eq!(log.add(refused(502), 30.0 * SECOND), None);
    assert_eq!(log.add(refused(502), 59.9 * SECOND), None);
    let last = log.last();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].count(), 3);
}

#[test]
fn a_minute_after_the_first_a_repeat_is_a_new_record() {
    let mut log = Log::new();
    log.add(refused(502), 0.0);
    log.add(refused(502), 50.0 * SECOND);
    assert_eq!(log.add(refused(502), 60.0 * SECOND), Some(refused(502)));
    assert_eq!(log.add(refused(502), 100.0 * SECOND), None, "folds into the newer one");
    let counts: Vec<u32> = log.last().iter().map(Record::count).collect();
    assert_eq!(counts, vec![2, 2]);
}

#[test]
fn records_that_differ_in_anything_but_the_count_do_not_fold() {
    let mut log = Log::new();
    assert!(log.add(refused(502), 0.0).is_some());
    assert!(log.add(refused(503), 1.0).is_some());
    assert!(log.add(refused(502).with_duration_ms(10), 2.0).is_some());
    assert!(log.add(Record::new(Kind::RequestRefused, View::Insight).with_status(502), 3.0).is_some());
    assert_eq!(log.last().len(), 4);
}

#[test]
fn at_most_ten_are_announced_in_any_minute() {
    let mut log = Log::new();
    for status in 0..10 {
        assert!(log.add(refused(500 + status), f64::from(status) * SECOND).is_some());
    }
    assert_eq!(log.add(refused(510), 30.0 * SECOND), None);
    assert_eq!(log.add(refused(511), 59.9 * SECOND), None);
    // The first announcement leaves the window at 60 s, the second at 61 s.
    assert_eq!(log.add(refused(512), 60.0 * SECOND), Some(refused(512)));
    assert_eq!(log.add(refused(513), 60.5 * SECOND), None);
    assert_eq!(log.add(refused(514), 61.0 * SECOND), Some(refused(514)));
    assert_eq!(log.last().len(), 15, "kept even when not announced");
}

#[test]
fn the_last_fifty_are_kept_oldest_first_with_their_counts() {
    let mut log = Log::new();
    for status in 0..60 {
        log.add(refused(400 + status), f64::from(status) * 10.0 * SECOND);
    }
    log.add(refused(459), 595.0 * SECOND);
    let last = log.last();
    assert_eq!(last.len(), 50);
    assert_eq!(last[0].status(), Some(410));
    assert_eq!(last[49].status(), Some(459));
    assert_eq!(last[49].count(), 2);
    assert!(last[..49].iter().all(|record| record.count() == 1));
}

#[test]
fn odd_times_neither_panic_nor_freeze_the_window() {
    let mut log = Log::new();
    assert!(log.add(refused(500), 1_000.0 * SECOND).is_some());
    assert_eq!(log.add(refused(500), f64::NAN), None, "taken as the latest time: a repeat");
    assert!(log.add(refused(501), f64::INFINITY).is_some());
    assert_eq!(log.add(refused(501), 0.0), None, "a clock that went back still folds");
    for status in 0..20 {
        let _ = log.add(refused(600 + status), f64::NAN);
    }
    assert!(log.add(refused(700), 2_000.0 * SECOND).is_some(), "the window moves on");
}

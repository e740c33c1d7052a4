//! Where a conversation's newest messages are, told from what the first wave read: the
//! conversation (its `messageCount` and `lastMessageAt`) and the first page of messages.
//! Kustomer does not document the order of a conversation's message pages, so the order
//! is read from the evidence each time, and when the evidence is not clear every page is
//! read and the messages are put in order here.

/// How the pages of a conversation's messages run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The first page is the only one.
    OnePage,
    /// Page 1 holds the newest messages; earlier ones are on pages 2, 3, …
    NewestFirst,
    /// Page 1 holds the oldest; the newest are on the last page, `last` (from the count,
    /// corrected by the pages' own `links.next` when the count is off).
    OldestFirst { last: usize },
    /// The evidence does not say: every page is read. `last` when the count gives it.
    Unknown { last: Option<usize> },
}

/// What the first page showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstPage {
    /// Each message's time (`sentAt`, else `createdAt`), in the order the page gave them;
    /// messages without one are left out.
    pub times: Vec<i64>,
    /// Items on the page.
    pub items: usize,
    /// The page had a `links.next`.
    pub has_next: bool,
}

/// The number of pages `count` messages fill, at least 2 since a next page exists.
pub fn pages_for(count: i64, page_size: usize) -> usize {
    (usize::try_from(count).unwrap_or(0)).div_ceil(page_size.max(1)).max(2)
}

/// The layout the evidence shows. `last_message_at` is the conversation's
/// `lastMessageAt` in milliseconds.
pub fn layout(page_size: usize, message_count: Option<i64>, last_message_at: Option<i64>, first: &FirstPage) -> Layout {
    if !first.has_next {
        return Layout::OnePage;
    }
    let last = message_count.filter(|count| *count > 0).map(|count| pages_for(count, page_size));
    let times = &first.times;
    // Two or more distinct times are needed to see a direction.
    let rising = times.windows(2).all(|pair| pair[0] <= pair[1]) && times.first() < times.last();
    let falling = times.windows(2).all(|pair| pair[0] >= pair[1]) && times.first() > times.last();
    match (rising, falling, last) {
        // Newest first: page 1 must hold the newest message, at or after `lastMessageAt`
        // (a message that arrived since the conversation was read is newer still).
        (false, true, _) if last_message_at.is_none_or(|at| times[0] >= at) => Layout::NewestFirst,
        // Oldest first: the newest message is later than anything on page 1.
        (true, false, Some(last)) if last_message_at.is_none_or(|at| at > *times.last().unwrap_or(&i64::MAX)) => {
            Layout::OldestFirst { last }
        }
        _ => Layout::Unknown { last },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(times: &[i64], has_next: bool) -> FirstPage {
        FirstPage { times: times.to_vec(), items: times.len(), has_next }
    }

    #[test]
    fn one_page_when_nothing_follows() {
        assert_eq!(layout(100, Some(40), Some(40), &page(&[1, 2, 3], false)), Layout::OnePage);
        assert_eq!(layout(100, None, None, &page(&[], false)), Layout::OnePage, "an empty conversation");
        assert_eq!(
            layout(100, Some(105), None, &page(&[1, 2], false)),
            Layout::OnePage,
            "notes counted, one page all the same"
        );
    }

    #[test]
    fn oldest_first_points_at_the_last_page_the_count_gives() {
        let times: Vec<i64> = (0..100).collect();
        assert_eq!(layout(100, Some(10_000), Some(9_999), &page(&times, true)), Layout::OldestFirst { last: 100 });
        assert_eq!(layout(100, Some(10_037), Some(10_036), &page(&times, true)), Layout::OldestFirst { last: 101 });
        assert_eq!(layout(100, Some(101), None, &page(&times, true)), Layout::OldestFirst { last: 2 });
        // A count that says one page while a next page exists still means at least two.
        assert_eq!(layout(100, Some(100), Some(500), &page(&times, true)), Layout::OldestFirst { last: 2 });
    }

    #[test]
    fn newest_first_when_page_one_falls_from_the_last_message() {
        let times: Vec<i64> = (0..100).rev().collect();
        assert_eq!(layout(100, Some(10_000), Some(99), &page(&times, true)), Layout::NewestFirst);
        assert_eq!(
            layout(100, Some(10_000), Some(90), &page(&times, true)),
            Layout::NewestFirst,
            "a message newer than the conversation's read"
        );
        assert_eq!(layout(100, None, None, &page(&times, true)), Layout::NewestFirst);
    }

    #[test]
    fn unclear_evidence_reads_everything() {
        let times: Vec<i64> = (0..100).collect();
        // Rising, but the conversation's last message is on page 1: not oldest first.
        assert_eq!(layout(100, Some(300), Some(50), &page(&times, true)), Layout::Unknown { last: Some(3) });
        // Falling, but the newest is missing from page 1.
        let falling: Vec<i64> = (0..100).rev().collect();
        assert_eq!(layout(100, Some(300), Some(500), &page(&falling, true)), Layout::Unknown { last: Some(3) });
        // Mixed order, equal times, one timed message, no count.
        assert_eq!(layout(100, Some(300), None, &page(&[1, 5, 3], true)), Layout::Unknown { last: Some(3) });
        assert_eq!(layout(100, Some(300), None, &page(&[4, 4, 4], true)), Layout::Unknown { last: Some(3) });
        assert_eq!(layout(100, Some(300), None, &page(&[4], true)), Layout::Unknown { last: Some(3) });
        assert_eq!(layout(100, None, None, &page(&times, true)), Layout::Unknown { last: None });
    }
}

//! Which batches of a long conversation are in the page. Batch 0 is the newest hundred
//! messages, batch 1 the hundred before, and so on. Reading back adds the batch before
//! the oldest shown and, once more than `size` batches are in, drops the newest; reading
//! forward does the reverse. The page thus holds at most `size` batches whatever the
//! conversation's length. Messages not read yet (earlier pages of a long conversation)
//! count as hidden earlier ones; the view reads them before showing their batch.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// The newest batch in the page.
    pub newest: usize,
    /// The oldest batch in the page.
    pub oldest: usize,
    /// Messages read.
    total: usize,
    /// Earlier messages not read yet.
    unread: usize,
    batch: usize,
    size: usize,
}

/// What a step changed: the batch to add, and the batch to take out, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub added: usize,
    pub dropped: Option<usize>,
}

impl Window {
    /// The newest batch alone, for `total` messages in batches of `batch`, at most `size`
    /// batches in the page.
    pub fn new(total: usize, batch: usize, size: usize) -> Window {
        Window { newest: 0, oldest: 0, total, unread: 0, batch: batch.max(1), size: size.max(1) }
    }

    /// The same window once earlier messages were read: batches count from the newest,
    /// so those in the page keep their numbers.
    pub fn grow(&mut self, total: usize, unread: usize) {
        self.total = total.max(self.total);
        self.unread = unread;
    }

    /// Earlier messages read but not in the page.
    pub fn loaded_earlier(&self) -> usize {
        self.range(self.oldest).start
    }

    /// The next step back needs messages not read yet.
    pub fn needs_more(&self) -> bool {
        self.unread > 0 && self.loaded_earlier() < self.batch
    }

    fn last_batch(&self) -> usize {
        self.total.div_ceil(self.batch).saturating_sub(1)
    }

    /// The messages of batch `index`, oldest first.
    pub fn range(&self, index: usize) -> Range<usize> {
        let end = self.total.saturating_sub(index * self.batch);
        end.saturating_sub(self.batch)..end
    }

    /// Messages older than the page, read or not.
    pub fn hidden_earlier(&self) -> usize {
        self.range(self.oldest).start + self.unread
    }

    /// Messages newer than the page.
    pub fn hidden_newer(&self) -> usize {
        self.total - self.range(self.newest).end
    }

    /// How many messages the next step back, or forward, would show.
    pub fn next_earlier(&self) -> usize {
        self.hidden_earlier().min(self.batch)
    }

    pub fn next_newer(&self) -> usize {
        self.hidden_newer().min(self.batch)
    }

    /// The batch that holds message `index` (oldest first), if it is read.
    pub fn batch_of(&self, index: usize) -> Option<usize> {
        (index < self.total).then(|| (self.total - 1 - index) / self.batch)
    }

    /// Batch `batch` alone in the page (a search or a link jumping to a message).
    pub fn show(&mut self, batch: usize) {
        let batch = batch.min(self.last_batch());
        self.newest = batch;
        self.oldest = batch;
    }

    /// One batch further back, if there is one.
    pub fn earlier(&mut self) -> Option<Change> {
        if self.oldest >= self.last_batch() {
            return None;
        }
        self.oldest += 1;
        let dropped = (self.oldest - self.newest >= self.size).then(|| {
            self.newest += 1;
            self.newest - 1
        });
        Some(Change { added: self.oldest, dropped })
    }

    /// One batch forward again, if newer ones left the page.
    pub fn newer(&mut self) -> Option<Change> {
        if self.newest == 0 {
            return None;
        }
        self.newest -= 1;
        let dropped = (self.oldest - self.newest >= self.size).then(|| {
            self.oldest -= 1;
            self.oldest + 1
        });
        Some(Change { added: self.newest, dropped })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_messages_count_as_hidden_and_growing_keeps_the_batches_in_place() {
        let mut window = Window::new(200, 100, 2);
        window.grow(200, 9_800);
        assert_eq!((window.hidden_earlier(), window.needs_more()), (9_900, false));
        assert_eq!(window.earlier(), Some(Change { added: 1, dropped: None }));
        assert!(window.needs_more(), "batch 2 is not read yet");
        assert_eq!(window.earlier(), None, "nothing read to show");
        window.grow(300, 9_700);
        assert_eq!(window.range(1), 100..200, "batch 1 is the same messages, one page further in");
        assert_eq!(window.earlier(), Some(Change { added: 2, dropped: Some(0) }));
        assert_eq!(window.range(2), 0..100);
    }

    #[test]
    fn a_short_conversation_is_one_batch_with_nothing_hidden() {
        let mut window = Window::new(40, 100, 2);
        assert_eq!(window.range(0), 0..40);
        assert_eq!((window.hidden_earlier(), window.hidden_newer()), (0, 0));
        assert_eq!(window.earlier(), None);
        assert_eq!(window.newer(), None);
    }

    #[test]
    fn reading_back_keeps_at_most_two_batches_and_reading_forward_returns() {
        // 640 messages: batches 0..=6, the oldest holding 40.
        let mut window = Window::new(640, 100, 2);
        assert_eq!(window.range(0), 540..640);
        assert_eq!(window.range(6), 0..40);
        assert_eq!((window.hidden_earlier(), window.next_earlier()), (540, 100));
        assert_eq!(window.earlier(), Some(Change { added: 1, dropped: None }));
        assert_eq!((window.newest, window.oldest, window.hidden_newer()), (0, 1, 0));
        assert_eq!(window.earlier(), Some(Change { added: 2, dropped: Some(0) }));
        assert_eq!((window.hidden_earlier(), window.hidden_newer()), (340, 100));
        for _ in 0..4 {
            assert!(window.earlier().is_some());
        }
        assert_eq!((window.newest, window.oldest), (5, 6));
        assert_eq!((window.hidden_earlier(), window.next_earlier()), (0, 0));
        assert_eq!(window.earlier(), None, "the oldest message is shown");
        assert_eq!(window.hidden_newer(), 500);
        assert_eq!(window.newer(), Some(Change { added: 4, dropped: Some(6) }));
        for _ in 0..4 {
            assert!(window.newer().is_some());
        }
        assert_eq!((window.newest, window.oldest, window.hidden_newer()), (0, 1, 0));
        assert_eq!(window.newer(), None);
    }

    #[test]
    fn a_window_of_one_batch_swaps_batches() {
        let mut window = Window::new(250, 100, 1);
        assert_eq!(window.earlier(), Some(Change { added: 1, dropped: Some(0) }));
        assert_eq!(window.earlier(), Some(Change { added: 2, dropped: Some(1) }));
        assert_eq!(window.range(2), 0..50);
        assert_eq!(window.newer(), Some(Change { added: 1, dropped: Some(2) }));
    }

    #[test]
    fn a_jump_shows_the_batch_of_a_message_and_steps_go_on_from_there() {
        let mut window = Window::new(10_000, 100, 2);
        assert_eq!(
            (window.batch_of(9_999), window.batch_of(9_900), window.batch_of(9_899)),
            (Some(0), Some(0), Some(1))
        );
        assert_eq!((window.batch_of(0), window.batch_of(10_000)), (Some(99), None));
        window.show(window.batch_of(42).unwrap());
        assert_eq!((window.newest, window.oldest), (99, 99));
        assert!(window.range(99).contains(&42));
        assert_eq!((window.hidden_earlier(), window.hidden_newer()), (0, 9_900));
        assert_eq!(window.newer(), Some(Change { added: 98, dropped: None }));
        window.show(500);
        assert_eq!(window.oldest, 99, "past the oldest batch: the oldest");
    }

    #[test]
    fn an_empty_conversation_has_no_steps() {
        let mut window = Window::new(0, 100, 2);
        assert_eq!(window.range(0), 0..0);
        assert_eq!(window.earlier(), None);
        assert_eq!(window.newer(), None);
    }
}

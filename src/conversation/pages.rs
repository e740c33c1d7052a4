//! Which pages of a conversation's messages have been read, which run of them the view
//! shows, and which page to read next as the agent reads back. The view shows an unbroken
//! run of pages from the newest end: a page read out of turn (page 1 of a conversation
//! whose pages run oldest first) waits until the pages between join it, so that no gap in
//! time is ever shown as if nothing happened there.

use super::layout::Layout;
use crate::kustomer::client::Listed;
use crate::kustomer::message::Messages;

#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    layout: Layout,
    /// The conversation's `messageCount`, as it said.
    count: Option<usize>,
    /// Pages read, with their numbers (a short list: a map's code costs more than it saves).
    read: Vec<(usize, Page)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Page {
    /// Its items until they join the messages.
    items: Vec<Listed>,
    len: usize,
    has_next: bool,
    /// Its items are in the messages.
    joined: bool,
}

impl Pages {
    pub fn new(layout: Layout, count: Option<i64>) -> Pages {
        Pages { layout, count: count.and_then(|count| usize::try_from(count).ok()), read: Vec::new() }
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The evidence turned out unclear after all: every page is to be read.
    pub fn read_everything(&mut self) {
        self.layout = Layout::Unknown { last: None };
    }

    /// Where the newest messages turned out to be, once the pages' own links said.
    pub fn settle_last(&mut self, last: usize) {
        if let Layout::OldestFirst { .. } = self.layout {
            self.layout = Layout::OldestFirst { last };
        }
    }

    pub fn add(&mut self, number: usize, items: Vec<Listed>, has_next: bool) {
        let len = items.len();
        self.read.retain(|(known, _)| *known != number);
        self.read.push((number, Page { items, len, has_next, joined: false }));
    }

    fn get(&self, number: usize) -> Option<&Page> {
        self.read.iter().find(|(known, _)| *known == number).map(|(_, page)| page)
    }

    pub fn is_read(&self, number: usize) -> bool {
        self.get(number).is_some()
    }

    /// Items on a page read, and whether it had a next page.
    pub fn page(&self, number: usize) -> Option<(usize, bool)> {
        self.get(number).map(|page| (page.len, page.has_next))
    }

    /// The highest page read.
    pub fn highest(&self) -> Option<usize> {
        self.read.iter().map(|(number, _)| *number).max()
    }

    /// The unbroken run of pages the view shows, newest end first.
    fn run(&self) -> Vec<usize> {
        match self.layout {
            Layout::OnePage | Layout::Unknown { .. } => self.read.iter().map(|(number, _)| *number).collect(),
            Layout::NewestFirst => (1..).take_while(|number| self.is_read(*number)).collect(),
            Layout::OldestFirst { last } => (1..=last).rev().take_while(|number| self.is_read(*number)).collect(),
        }
    }

    /// Adds the pages that have joined the run to `messages`; true when any did.
    pub fn join_into(&mut self, messages: &mut Messages) -> bool {
        // Every page that joins goes in at once: one sort, and the thousands already in
        // moved once, however many pages a search or a transcript read.
        let mut items = Vec::new();
        let mut joined = false;
        for number in self.run() {
            if let Some((_, page)) = self.read.iter_mut().find(|(known, _)| *known == number) {
                if !page.joined {
                    items.append(&mut page.items);
                    page.joined = true;
                    joined = true;
                }
            }
        }
        if joined {
            messages.add(items);
        }
        joined
    }

    /// The page to read next when the agent reads back, if any is left.
    pub fn earlier(&self) -> Option<usize> {
        let run = self.run();
        match self.layout {
            Layout::NewestFirst => {
                let newest_end = *run.last()?;
                self.get(newest_end).filter(|page| page.has_next).map(|_| newest_end + 1)
            }
            Layout::OldestFirst { .. } => run.last().copied().filter(|oldest| *oldest > 1).map(|oldest| oldest - 1),
            Layout::OnePage | Layout::Unknown { .. } => None,
        }
    }

    /// Messages the conversation has beyond those in the run, as far as its count says.
    pub fn unread(&self) -> usize {
        if self.earlier().is_none() {
            return 0;
        }
        let in_run: usize = self.run().iter().filter_map(|number| self.get(*number)).map(|page| page.len).sum();
        let beyond = self.count.unwrap_or(0).saturating_sub(in_run);
        // A page is left to read, so at least one message is.
        beyond.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kustomer::client::read_page;
    use crate::kustomer::message::INDEX_PATHS;

    /// A page of `n` messages whose ids start at `from`.
    fn items(from: usize, n: usize) -> Vec<Listed> {
        let data: Vec<String> = (from..from + n)
            .map(|i| {
                format!(r#"{{"id":"m{i:05}","attributes":{{"sentAt":"2026-01-01T00:00:00.000Z","direction":"in"}}}}"#)
            })
            .collect();
        read_page("/p", format!(r#"{{"data":[{}]}}"#, data.join(",")), &INDEX_PATHS).unwrap().0
    }

    #[test]
    fn oldest_first_shows_the_last_pages_and_reads_back_towards_page_one() {
        let mut pages = Pages::new(Layout::OldestFirst { last: 4 }, Some(350));
        pages.add(1, items(0, 100), true);
        pages.add(4, items(300, 50), false);
        pages.add(3, items(200, 100), true);
        let mut messages = Messages::default();
        assert!(pages.join_into(&mut messages));
        assert_eq!(messages.len(), 150, "page 1 waits for page 2: no gap is shown");
        assert_eq!(pages.earlier(), Some(2));
        assert_eq!(pages.unread(), 200);
        pages.add(2, items(100, 100), true);
        pages.join_into(&mut messages);
        assert_eq!(messages.len(), 350, "page 2 brings page 1 with it");
        assert_eq!(pages.earlier(), None);
        assert_eq!(pages.unread(), 0);
    }

    #[test]
    fn newest_first_reads_on_while_pages_say_more_follow() {
        let mut pages = Pages::new(Layout::NewestFirst, Some(250));
        pages.add(1, items(0, 100), true);
        let mut messages = Messages::default();
        pages.join_into(&mut messages);
        assert_eq!((messages.len(), pages.earlier(), pages.unread()), (100, Some(2), 150));
        pages.add(2, items(100, 100), true);
        pages.add(3, items(200, 50), false);
        pages.join_into(&mut messages);
        assert_eq!((messages.len(), pages.earlier(), pages.unread()), (250, None, 0));
    }

    #[test]
    fn a_count_too_low_still_leaves_a_page_to_read() {
        let mut pages = Pages::new(Layout::NewestFirst, Some(100));
        pages.add(1, items(0, 100), true);
        assert_eq!((pages.earlier(), pages.unread()), (Some(2), 1));
    }

    #[test]
    fn read_everything_shows_every_page_read() {
        let mut pages = Pages::new(Layout::Unknown { last: Some(3) }, Some(300));
        for number in [3, 1, 2] {
            pages.add(number, items(number * 100, 100), number < 3);
        }
        let mut messages = Messages::default();
        pages.join_into(&mut messages);
        assert_eq!((messages.len(), pages.earlier()), (300, None));
    }
}

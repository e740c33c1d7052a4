//! One sort for every list the widget orders. Each `sort_by` on another element type
//! compiles the standard library's sort once more (2 to 5 KB of wasm each); here every
//! list is ordered by keys of one type, sorted once with their positions, and its items
//! are then moved into that order.

/// What a list is ordered by: two numbers, then a text.
pub type Key = (i64, i64, String);

/// Sorts `items` by `key`, keeping items with equal keys in their order (a stable sort).
/// Each key is computed once, not once per comparison.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Key) {
    let keys = items.iter().map(key).collect();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(positions(keys).into_iter().filter_map(|position| slots[position].take()));
}

/// The positions of `keys` in sorted order; equal keys keep their order.
fn positions(keys: Vec<Key>) -> Vec<usize> {
    let mut keyed: Vec<(Key, usize)> = keys.into_iter().zip(0..).collect();
    // The position breaks ties, so the unstable sort is stable here.
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, position)| position).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_numbers_then_text_and_keeps_equal_keys_in_order() {
        let mut items = vec![(3, "c", 'a'), (1, "b", 'b'), (3, "a", 'c'), (1, "b", 'd'), (-2, "z", 'e'), (1, "a", 'f')];
        sort_by_key(&mut items, |(n, text, _)| (*n, 0, text.to_string()));
        let order: String = items.iter().map(|(_, _, tag)| *tag).collect();
        assert_eq!(order, "efbdca");
    }

    #[test]
    fn the_second_number_orders_before_the_text() {
        let mut items = vec![(0, 2, "a"), (0, 1, "b"), (0, 1, "a")];
        sort_by_key(&mut items, |(a, b, text)| (*a, *b, text.to_string()));
        assert_eq!(items, vec![(0, 1, "a"), (0, 1, "b"), (0, 2, "a")]);
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |_| (0, 0, String::new()));
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort_by_key(&mut one, |n| (i64::from(*n), 0, String::new()));
        assert_eq!(one, vec![7]);
    }
}

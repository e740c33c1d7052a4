//! Find's marks in the page: `<mark>` elements made with `createElement` around text that
//! `Text.splitText` cut out, in the message list and inside email frames alike. No markup
//! is written or read back, so nothing of a message's content is ever parsed again, and
//! marks come and go without a message being drawn again or a frame reloaded.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node, Text};

use crate::browser::fold::{fold, fold_each};
use crate::conversation::find::marks;

/// The class of find's marks; the one shown now has `ksw-current` as well.
const MARK: &str = "ksw-mark";

/// Takes every mark out of `root`, leaving its text as it was.
pub fn unmark(root: &Element) {
    let Ok(found) = root.query_selector_all("mark.ksw-mark") else { return };
    for index in 0..found.length() {
        let Some(mark) = found.item(index) else { continue };
        if let (Some(parent), Some(text)) = (mark.parent_node(), mark.first_child()) {
            let _ = parent.replace_child(&text, &mark);
            parent.normalize();
        }
    }
}

/// Marks where `query` (folded) occurs in the text under `root`; how many marks it made.
pub fn mark(root: &Element, query: &str) -> usize {
    let Some(document) = root.owner_document() else { return 0 };
    let mut texts = Vec::new();
    collect(root, &mut texts);
    let mut count = 0;
    for text in texts {
        count += mark_text(&document, &text, query);
    }
    count
}

/// The text nodes under `node`, in document order, outside controls.
fn collect(node: &Node, texts: &mut Vec<Text>) {
    let mut child = node.first_child();
    while let Some(current) = child {
        child = current.next_sibling();
        match current.node_type() {
            // Unchecked: a frame's nodes belong to its realm, where `instanceof` says no.
            Node::TEXT_NODE => texts.push(current.unchecked_into::<Text>()),
            Node::ELEMENT_NODE if !matches!(current.node_name().as_str(), "BUTTON" | "STYLE" | "SCRIPT" | "MARK") => {
                collect(&current, texts)
            }
            _ => {}
        }
    }
}

fn mark_text(document: &Document, text: &Text, query: &str) -> usize {
    let data = text.data();
    if !fold(&data).contains(query) {
        return 0;
    }
    let ranges = marks(&data, &fold_each(&data), query);
    // From the end, so that the offsets before stay true as the node is cut.
    for (start, end) in ranges.iter().rev() {
        let Ok(middle) = text.split_text(*start) else { continue };
        let _ = middle.split_text(end - start);
        let (Ok(mark), Some(parent)) = (document.create_element("mark"), middle.parent_node()) else { continue };
        mark.set_class_name(MARK);
        let _ = parent.insert_before(&mark, Some(&middle));
        let _ = mark.append_child(&middle);
    }
    ranges.len()
}

/// Every mark under `roots`, in order.
pub fn marks_in(roots: &[Element]) -> Vec<Element> {
    let mut all = Vec::new();
    for root in roots {
        if let Ok(found) = root.query_selector_all("mark.ksw-mark") {
            all.extend((0..found.length()).filter_map(|i| Some(found.item(i)?.unchecked_into::<Element>())));
        }
    }
    all
}

use super::*;
use crate::kustomer::message::{Attachment, Direction, Meta};
use crate::kustomer::Channel;

/// A stand-in for the browser's folding (`browser::fold`), for these tests only: lower
/// case, and the accents these tests use taken off, the way NFKD and dropping combining
/// marks take them off.
fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> String {
    match c {
        'é' | 'É' | 'è' => "e".into(),
        'ü' | 'Ü' => "u".into(),
        'ß' => "ss".into(),
        '\u{301}' | '\u{64e}' => String::new(),
        c => c.to_lowercase().collect(),
    }
}

/// What `browser::fold_each` gives: each character's folding, joined by NUL.
fn fold_each(text: &str) -> String {
    text.chars().map(fold_char).collect::<Vec<_>>().join("\0")
}

fn message(id: &str, channel: Channel, sender: Sender, body: Body) -> Message {
    Message {
        id: id.into(),
        channel,
        direction: Direction::In,
        sender,
        sent_at: None,
        created_at: None,
        body,
        redacted: false,
        meta: Meta::default(),
        attachments: Vec::new(),
    }
}

fn attachment(name: &str) -> Attachment {
    Attachment {
        id: name.into(),
        name: name.into(),
        content_type: "application/pdf".into(),
        size: None,
        redacted: false,
        url: None,
        message_id: None,
    }
}

fn query(text: &str) -> Query {
    Query { text: fold(text), ..Query::default() }
}

fn entries(messages: &[Message]) -> Vec<Entry> {
    messages.iter().map(|message| Entry::new(message, &fold)).collect()
}

/// An email with a subject, its own text, quoted history and an attachment; a chat; an
/// agent's SMS.
fn conversation() -> Vec<Message> {
    let mut email = message(
        "m1",
        Channel::Email,
        Sender::Customer,
        Body::Html(
            "<p>Order <b>A-1042</b> never came.</p><div class=\"gmail_quote\">On Mon, Sam wrote:<blockquote>Your order A-1042 shipped</blockquote></div>"
                .into(),
        ),
    );
    email.meta.subject = Some("Where is order A-1042?".into());
    email.attachments = vec![attachment("receipt-A-1042.pdf")];
    let chat = message("m2", Channel::Chat, Sender::Customer, Body::Text("Any news on my Bestellung?".into()));
    let mut sms = message("m3", Channel::Sms, Sender::Agent("u1".into()), Body::Text("Order shipped today".into()));
    sms.meta.subject = Some("An SMS shows no subject".into());
    vec![email, chat, sms]
}

#[test]
fn a_message_is_searched_in_the_order_the_view_shows_it() {
    let messages = conversation();
    let text = searchable(&messages[0]).replace(PART, "#").replace(SEPARATOR, "|");
    assert_eq!(
        text,
        "#Where is order A-1042?#|Order |A-1042| never came.|#|On Mon, Sam wrote:|Your order A-1042 shipped|#receipt-A-1042.pdf"
    );
    assert_eq!(searchable(&messages[2]).replace(PART, "#"), "##Order shipped today#", "only an email shows a subject");
    let mut redacted = messages[1].clone();
    redacted.redacted = true;
    assert_eq!(searchable(&redacted).replace(PART, "#"), "###", "a redacted message holds nothing to find");
}

#[test]
fn matches_are_counted_in_every_part_and_numbered_from_the_newest() {
    let messages = conversation();
    let entries = entries(&messages);
    let asked = query("a-1042");
    let found = search(&entries, &asked);
    // Subject, then "A-1042" alone (its own element: "Order A-1042" spans two), the
    // quoted history, the attachment's name.
    assert_eq!(found.total, 4);
    let spots: Vec<Spot> = (0..4).map(|n| found.spot(&entries, &asked, n).unwrap()).collect();
    assert_eq!(
        spots.iter().map(|spot| (spot.message, spot.nth, spot.part)).collect::<Vec<_>>(),
        vec![(0, 3, Part::Attachments), (0, 2, Part::Quoted), (0, 1, Part::Text), (0, 0, Part::Subject)]
    );
    assert_eq!(found.spot(&entries, &asked, 4), None);
    assert_eq!(found.in_message(&entries, &asked, 0), (4, true));
    assert_eq!(found.in_message(&entries, &asked, 1), (0, false));

    let order = query("ORDER");
    let found = search(&entries, &order);
    assert_eq!(found.total, 4, "subject, text, quoted, the SMS");
    assert_eq!(found.spot(&entries, &order, 0).map(|spot| spot.message), Some(2), "the newest first");
    assert_eq!(found.nearest(1), 1, "the newest match at or before message 1 is the email's last");
    assert_eq!(found.nearest(2), 0);
}

#[test]
fn case_and_accents_do_not_matter() {
    let mut messages = conversation();
    messages.push(message("m4", Channel::Chat, Sender::Customer, Body::Text("Café RÉSUMÉ, Straße, ÜBER".into())));
    let entries = entries(&messages);
    for (typed, count) in [("resume", 1), ("RÉSUMÉ", 1), ("cafe", 1), ("strasse", 1), ("über", 1), ("bestellung", 1)]
    {
        assert_eq!(search(&entries, &query(typed)).total, count, "{typed}");
    }
}

#[test]
fn filters_narrow_the_matches_and_alone_find_whole_messages() {
    let messages = conversation();
    let entries = entries(&messages);
    let sms = Query { channel: Some("sms".into()), ..query("order") };
    assert_eq!(search(&entries, &sms).total, 1);
    let by_agent = Query { sender: Some(sender_key(&Sender::Agent("u1".into()))), ..Query::default() };
    let found = search(&entries, &by_agent);
    assert_eq!(found.total, 1);
    assert_eq!(found.spot(&entries, &by_agent, 0), Some(Spot { message: 2, nth: 0, part: Part::Text }));
    let customer = Query { sender: Some("customer".into()), ..Query::default() };
    assert_eq!(search(&entries, &customer).total, 2);
    assert_eq!(search(&entries, &Query::default()), Found::default(), "nothing asked, nothing found");
    assert!(!Query::default().is_active());
}

#[test]
fn marks_map_folded_matches_back_to_the_characters_shown() {
    let mark = |text: &str, typed: &str| marks(text, &fold_each(text), &fold(typed));
    assert_eq!(mark("Order A-1042, order", "order"), vec![(0, 5), (14, 19)]);
    // "é" is one UTF-16 unit and folds to one letter; "ß" folds to two.
    assert_eq!(mark("Un café", "cafe"), vec![(3, 7)]);
    assert_eq!(mark("Die Straße", "strasse"), vec![(4, 10)]);
    assert_eq!(mark("Die Straße", "ss"), vec![(8, 9)], "half of a letter's folding marks the letter");
    // A combining accent folds to nothing and stays with its letter.
    assert_eq!(mark("cafe\u{301} noir", "cafe"), vec![(0, 5)]);
    // Arabic with a short vowel mark (fatha) typed without it.
    assert_eq!(mark("كَتب", "كتب"), vec![(0, 4)]);
    // Japanese is matched as written; an emoji before it takes two UTF-16 units.
    assert_eq!(mark("😀 注文番号 A-7", "注文番号"), vec![(3, 7)]);
    assert_eq!(mark("nothing here", "order"), Vec::<(u32, u32)>::new());
    assert_eq!(mark("anything", ""), Vec::<(u32, u32)>::new());
}

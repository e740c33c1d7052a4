use super::*;

/// Replies written in common mail clients, modelled on each client's markup: the new
/// text carries `NEW-TEXT`, the quoted history `OLD-HISTORY`.
pub const CLIENT_REPLIES: [(&str, &str); 11] = [
    ("Outlook 2003", include_str!("../../tests/fixtures/replies/outlook-2003.html")),
    ("Outlook for Windows", include_str!("../../tests/fixtures/replies/outlook-desktop.html")),
    ("Outlook on the web", include_str!("../../tests/fixtures/replies/outlook-web.html")),
    ("Outlook.com / Hotmail", include_str!("../../tests/fixtures/replies/hotmail.html")),
    ("Windows Mail", include_str!("../../tests/fixtures/replies/windows-mail.html")),
    ("Yandex", include_str!("../../tests/fixtures/replies/yandex.html")),
    ("Mail.ru", include_str!("../../tests/fixtures/replies/mail-ru.html")),
    ("Gmail", include_str!("../../tests/fixtures/replies/gmail.html")),
    ("Apple Mail", include_str!("../../tests/fixtures/replies/apple-mail.html")),
    ("Thunderbird", include_str!("../../tests/fixtures/replies/thunderbird.html")),
    ("Yahoo", include_str!("../../tests/fixtures/replies/yahoo.html")),
];

#[test]
fn every_clients_reply_is_cut_where_its_history_starts() {
    for (client, html) in CLIENT_REPLIES {
        let start = html_history_start(html).unwrap_or_else(|| panic!("{client}: no history found"));
        let (new, history) = html.split_at(start);
        assert!(text_of(new).contains("NEW-TEXT"), "{client}: the new text is kept: {new}");
        assert!(!text_of(new).contains("OLD-HISTORY"), "{client}: the history is cut: {new}");
        assert!(history.contains("OLD-HISTORY"), "{client}");
        // Nothing of the history's header is left above the cut.
        for header in ["From:", "Sent:", "wrote:", "Date:"] {
            assert!(!text_of(new).contains(header), "{client}: {header} left in the new part: {}", text_of(new));
        }
    }
}

#[test]
fn the_cut_frames_the_header_block_with_it() {
    let html = CLIENT_REPLIES[1].1;
    let start = html_history_start(html).unwrap();
    assert!(html[start..].starts_with("<div><div style='border:none;border-top"), "{}", &html[start..start + 60]);
    let web = CLIENT_REPLIES[2].1;
    assert!(web[html_history_start(web).unwrap()..].starts_with("<div id=\"appendonsend\">"));
}

#[test]
fn what_is_not_history_stays_whole() {
    let cases = [
        (
            "a reply written below the quote",
            "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Sam wrote:</div><blockquote class=\"gmail_quote\">Old question?</blockquote></div><div>My answer below.</div>",
        ),
        (
            "a forward with nothing added",
            "<div>&nbsp;</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Sam<br><b>Sent:</b> Monday</div><div>Forwarded text</div>",
        ),
        ("a signature with a horizontal rule", "<p>Thanks for the help.</p><hr><p>Jane Cooper<br>Brightline, Finance</p>"),
        (
            "a message quoting something of its own",
            "<p>The manual says:</p><blockquote>Hold the button for ten seconds.</blockquote><p>That did nothing.</p>",
        ),
        ("a quotation at the end with no attribution", "<p>As Knuth put it:</p><blockquote>Premature optimization is the root of all evil.</blockquote>"),
        ("text that merely mentions a sender", "<p>The email from: our bank says nothing about fees.</p>"),
    ];
    for (what, html) in cases {
        assert_eq!(html_history_start(html), None, "{what}");
    }
}

#[test]
fn a_message_with_its_own_quote_is_cut_only_where_the_history_begins() {
    let html = "<p>The manual says:</p><blockquote>Hold the button.</blockquote><p>It did nothing.</p>\
                <div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, Sam wrote:</div><blockquote>Try the button.</blockquote></div>";
    let start = html_history_start(html).unwrap();
    assert!(html[..start].contains("Hold the button.") && html[..start].contains("It did nothing."));
    assert!(html[start..].starts_with("<div class=\"gmail_quote\""));
}

#[test]
fn cuts_never_split_a_character() {
    let html = "<p>Привет — ответ ниже.</p><div>От: Иван<br>Отправлено: понедельник</div><p>Старое письмо</p>";
    let start = html_history_start(html).unwrap();
    assert!(html.is_char_boundary(start));
    assert!(html[start..].starts_with("<div>От:"));
}

#[test]
fn plain_text_replies_in_every_common_layout() {
    let cases = [
        ("NEW-TEXT Thanks.\n\nOn Mon, Nov 23, 2026 at 10:00 AM Sam <sam@x.co> wrote:\n> OLD-HISTORY hi\n> there", "On Mon"),
        ("NEW-TEXT Danke.\n\nAm 23.11.2026 um 10:00 schrieb Sam <sam@x.co>:\n> OLD-HISTORY Hallo", "Am 23"),
        ("NEW-TEXT Спасибо.\n\n23.11.2026, 10:00, \"Sam\" <sam@x.co>:\n> OLD-HISTORY Привет", "23.11"),
        ("NEW-TEXT Merci.\n\nLe lun. 23 nov. 2026 à 10:00, Sam <sam@x.co> a écrit :\n> OLD-HISTORY Bonjour", "Le lun"),
        ("NEW-TEXT Fine.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\n\nOLD-HISTORY Question", "-----Original"),
        (
            "NEW-TEXT Fine.\n\n________________________________\nFrom: Sam Rivera <sam@x.co>\nSent: Monday, November 23, 2026 10:00\nTo: Jane\nSubject: Hi\n\nOLD-HISTORY Question",
            "________",
        ),
        ("NEW-TEXT Yes.\n\n> OLD-HISTORY Can you confirm?\n>\n> Thanks", "> OLD"),
    ];
    for (text, history_starts) in cases {
        let (new, history) = split_text(text);
        let history = history.unwrap_or_else(|| panic!("no history in {text:?}"));
        assert!(new.contains("NEW-TEXT") && !new.contains("OLD-HISTORY"), "{text:?} -> {new:?}");
        assert!(history.starts_with(history_starts), "{text:?} -> {history:?}");
    }
}

#[test]
fn plain_text_that_is_not_history_stays_whole() {
    for text in [
        "> Can you confirm?\n\nYes, confirmed: it ships today.",
        "> only a quote, forwarded",
        "-----Original Message-----\nFrom: Sam\nSent: Monday\n\nforwarded with nothing added",
        "Thanks!\n\n--\nJane Cooper\nFrom: the finance team\nBrightline",
        "Here is what I need:\n1. the invoice\n2. the receipt",
    ] {
        assert_eq!(split_text(text), (text.to_string(), None), "{text:?}");
    }
}

/// Windows Mail on Windows 8.1: the new text in `data-externalstyle="false"`, an empty
/// signature block, then the history under a top-ruled `div` of header lines, in
/// English and in Japanese (labels the word lists do not hold).
const WINDOWS_MAIL_8: [(&str, &str); 2] = [
    ("English", include_str!("../../tests/fixtures/replies/windows-mail-8.html")),
    ("Japanese", include_str!("../../tests/fixtures/replies/windows-mail-8-ja.html")),
];

#[test]
fn windows_mail_8_is_cut_at_its_ruled_header_and_keeps_the_signature() {
    for (language, html) in WINDOWS_MAIL_8 {
        let start = html_history_start(html).unwrap_or_else(|| panic!("{language}: no history found"));
        assert!(
            html[start..].starts_with("<div style=\"padding-top: 5px;"),
            "{language}: {}",
            &html[start..start + 80]
        );
        let new = text_of(&html[..start]);
        assert!(new.contains("NEW-TEXT") && !new.contains("OLD-HISTORY"), "{language}: {new}");
        assert!(html[..start].contains("data-signatureblock"), "{language}: the signature block stays");
    }
    let signed = text_of(&WINDOWS_MAIL_8[0].1[..html_history_start(WINDOWS_MAIL_8[0].1).unwrap()]);
    assert!(signed.contains("Regards,") && signed.contains("Priya Raman"), "{signed}");
}

#[test]
fn a_top_rule_without_a_header_under_it_stays_whole() {
    let cases = [
        (
            "a signature under a rule",
            "<div>Thanks, that fixed it.</div><div style=\"padding-top: 5px; border-top-color: rgb(229, 229, 229); border-top-width: 1px; border-top-style: solid;\"><div>Priya Raman</div><div>Head of Operations</div></div><div>Brightline</div>",
        ),
        (
            "one label line under a rule",
            "<div>See below.</div><div style=\"border-top-style: solid\"><div>Note: call after five</div><div>The order number is 4471.</div></div><div>Priya</div>",
        ),
        (
            "a box ruled on every side",
            "<div>Details:</div><div style=\"border-top-style: solid; border-bottom-style: solid\"><div>Order: 4471</div><div>Item: lamp</div><div>Status: lost</div></div><div>Please help.</div>",
        ),
        (
            "a header block under a rule with nothing after it",
            "<div>My details:</div><div style=\"border-top-style: solid\"><div>Name: Priya</div><div>Phone: 555 0100</div><div>City: Leeds</div></div>",
        ),
    ];
    for (what, html) in cases {
        assert_eq!(html_history_start(html), None, "{what}");
    }
}

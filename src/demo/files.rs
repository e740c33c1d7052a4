//! The demo's attachments. Each downloads from a `data:` URL so that the preview works
//! without a network; a live org gives a storage URL in `links.related` instead.

use super::ids::{INVOICE_EMAIL, SMS_REDACTED, WHATSAPP};

pub(super) struct DemoFile {
    pub name: &'static str,
    pub content_type: &'static str,
    pub size: u64,
    pub redacted: bool,
    /// `None` for an attachment stored as metadata only, which cannot be opened.
    pub url: Option<String>,
    /// The index of the message it belongs to, in the conversation's script.
    pub message_idx: usize,
}

const PNG_RECEIPT: &str = "iVBORw0KGgoAAAANSUhEUgAAAGAAAABACAIAAABqVuVZAAAAe0lEQVR42u3QMQ0AIAwAQYRVE8JQgpIumMABnWku+fmHGzGXHg0EgAABAgQIECBAAgQIECBAgAABEiBAgAABAgQIkAABAgQIECBAgAAJECBAgAB9B7QjyjJPWdcPIECAAAECBAgQIECAAAECBAgQIECAAAECBAgQoBafC5qhxawUhHppAAAAAElFTkSuQmCC";
const PNG_CRACK: &str = "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAoCAIAAADBrGu+AAAAU0lEQVR42u3XsQ0AIAgEQEZ0HAdjCMdyAaloNF7y5Rdc9SHWHOdkkcv6AQAAAADQAzxyaNUHAAAAAGgCLDEAAACAf8ASAwAAAPgHLDEAAADAj4ANxhTM8eSbMMAAAAAASUVORK5CYII=";

/// A minimal one-page PDF that says what it is.
fn statement_pdf() -> String {
    let text = "BT /F1 18 Tf 72 720 Td (Brightline - card statement, Nov 2026) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (idx, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", idx + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    pdf
}

fn percent_data_url(content_type: &str, text: &str) -> String {
    format!("data:{content_type},{}", crate::transport::encode_segment(text))
}

pub(super) fn attachments_of(conversation_id: &str) -> Vec<DemoFile> {
    match conversation_id {
        INVOICE_EMAIL => {
            let pdf = statement_pdf();
            let csv = "date,description,amount\n2026-11-14,Team plan - invoice 4417,1240.00\n2026-11-14,Team plan - invoice 4417,1240.00\n";
            // An SVG is offered for download only: it can carry script.
            let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><script>alert(1)</script><text x="4" y="24">Brightline</text></svg>"#;
            vec![
                DemoFile {
                    name: "statement-nov-2026.pdf",
                    content_type: "application/pdf",
                    size: pdf.len() as u64,
                    redacted: false,
                    url: Some(percent_data_url("application/pdf", &pdf)),
                    message_idx: 0,
                },
                DemoFile {
                    name: "duplicate-charge.png",
                    content_type: "image/png",
                    size: 180,
                    redacted: false,
                    url: Some(format!("data:image/png;base64,{PNG_RECEIPT}")),
                    message_idx: 0,
                },
                DemoFile {
                    name: "transactions.csv",
                    content_type: "text/csv",
                    size: csv.len() as u64,
                    redacted: false,
                    url: Some(percent_data_url("text/csv", csv)),
                    message_idx: 0,
                },
                DemoFile {
                    name: "refund-receipt.pdf",
                    content_type: "application/pdf",
                    size: 48_213,
                    redacted: false,
                    url: None,
                    message_idx: 1,
                },
                DemoFile {
                    name: "brightline-logo.svg",
                    content_type: "image/svg+xml",
                    size: svg.len() as u64,
                    redacted: false,
                    url: Some(percent_data_url("image/svg+xml", svg)),
                    message_idx: 2,
                },
            ]
        }
        WHATSAPP => vec![
            DemoFile {
                name: "IMG_2041.png",
                content_type: "image/png",
                size: 140,
                redacted: false,
                url: Some(format!("data:image/png;base64,{PNG_CRACK}")),
                message_idx: 1,
            },
            DemoFile {
                name: "IMG_2042.png",
                content_type: "image/png",
                size: 180,
                redacted: false,
                url: Some(format!("data:image/png;base64,{PNG_RECEIPT}")),
                message_idx: 1,
            },
        ],
        SMS_REDACTED => vec![DemoFile {
            name: "card-photo.jpg",
            content_type: "image/jpeg",
            size: 0,
            redacted: true,
            url: None,
            message_idx: 2,
        }],
        _ => Vec::new(),
    }
}

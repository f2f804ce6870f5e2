//! Printable documents made from a sealed record (issue 17 §3–§4): the 抽查记录 for the
//! on-site signatures (书面记录、现场参加人员签字后存档), the dispatch list per inspecting
//! unit (名单派发) and the notice to each target (检查告知书). Self-contained A4 HTML with
//! print CSS: no script, no request to any host; PDF through the browser's print.
//!
//! Two views of the record: internal (names of targets and inspectors, kept in the unit)
//! and public (ids only: no personal data). Dispatch lists and notices are internal.

pub mod dispatch;
pub mod record;

/// Which readers a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The unit's own copy: names of targets and inspectors, badges.
    Internal,
    /// The published copy: ids only, nothing personal.
    Public,
}

/// The plan's items, in item-list order.
pub fn plan_items(sealed: &shuangsuiji::SealedRecord) -> Vec<&shuangsuiji::registers::Item> {
    let rec = &sealed.record;
    rec.item_list
        .items()
        .iter()
        .filter(|i| rec.commitment.commitment.plan.items.contains(&i.id))
        .collect()
}

/// An item's legal basis as people cite it: statute and articles, one after another.
pub fn basis_text(i: &shuangsuiji::registers::Item) -> String {
    i.legal_basis
        .iter()
        .map(|l| {
            if l.articles.is_empty() {
                l.statute.clone()
            } else {
                format!("{} {}", l.statute, l.articles.join("、"))
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Text made safe inside HTML elements and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Print CSS shared by every document: A4, CJK fonts first, tables that do not split rows.
const CSS: &str = r#"
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 180mm; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.2em; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; }
th, td { border: 1px solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
tr { page-break-inside: avoid; }
.mono { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.meta td:first-child { width: 32mm; background: #f6f6f6; }
.verdict { border: 2px solid #000; padding: 2mm; margin: 2mm 0; }
.qr { float: right; width: 38mm; text-align: center; font-size: 8pt; }
.qr svg { width: 36mm; height: 36mm; }
.sign td { height: 12mm; }
.note { font-size: 9pt; color: #333; }
.pagebreak { page-break-after: always; }
@media screen { body { padding: 10mm; } }
"#;

/// A whole HTML document around `body`.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{CSS}</style></head>\n<body>\n{body}</body></html>\n",
        esc(title)
    )
}

/// A table with a header row.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = String::from("<table><thead><tr>");
    for h in headers {
        s.push_str(&format!("<th>{}</th>", esc(h)));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            s.push_str(&format!("<td>{}</td>", esc(c)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>\n");
    s
}

/// The text as a QR code (SVG, medium error correction), for phones to read the hash.
///
/// # Errors
/// Only when the text is too long for a QR code.
pub fn qr_svg(text: &str) -> Result<String, String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| e.to_string())?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

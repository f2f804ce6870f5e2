//! The credit feed (信用记录): published results per target, in a stable form for the
//! enterprise credit information systems (国发〔2019〕5号: results go into the target's
//! credit record), each line linked to its notice and draw record.
//!
//! Built from a *verified* notice only, so the feed never holds more than the public
//! saw: a field published masked or committed appears as its masked text or not at all,
//! and results withheld as a whole appear only as a count.

use super::notice::{NoticeEntry, PublishedValue, SignedNotice};
use super::NoticeError;
use crate::encoding::canonical::Digest32;
use serde::{Deserialize, Serialize};

/// One published result, as a credit system records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditEntry {
    /// Target id (the USCC for registered subjects), when published in clear.
    pub target_id: Option<String>,
    /// USCC, when published in clear.
    pub uscc: Option<String>,
    /// Target name, as published (clear or masked).
    pub target_name: Option<String>,
    /// Result id.
    pub result_id: String,
    /// Outcome code (snake_case), when published.
    pub outcome: Option<String>,
    /// Inspection date.
    pub inspection_date: Option<String>,
    /// Items inspected.
    pub items: Vec<String>,
    /// Notice id.
    pub notice_id: String,
    /// Notice hash: where the result can be checked.
    pub notice_hash: Digest32,
    /// The draw record the inspection came from.
    pub draw_record: Digest32,
    /// Publishing unit and date.
    pub publisher: String,
    /// Publication date.
    pub published_on: String,
}

/// The credit feed of a notice: its published results, and the number withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditFeed {
    /// Published results, in the notice's order.
    pub entries: Vec<CreditEntry>,
    /// Results withheld as a whole (依法不予公示).
    pub withheld: usize,
}

fn text(fields: &std::collections::BTreeMap<String, PublishedValue>, path: &str) -> Option<String> {
    match fields.get(path)? {
        PublishedValue::Clear(serde_json::Value::String(s)) => Some(s.clone()),
        PublishedValue::Clear(v) => Some(v.to_string()),
        PublishedValue::Masked { text, .. } => Some(text.clone()),
        _ => None,
    }
}

fn clear(
    fields: &std::collections::BTreeMap<String, PublishedValue>,
    path: &str,
) -> Option<String> {
    match fields.get(path)? {
        PublishedValue::Clear(serde_json::Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

impl CreditFeed {
    /// Verifies the notice, then lists its published results.
    ///
    /// # Errors
    /// The notice does not verify.
    pub fn from_notice(n: &SignedNotice) -> Result<CreditFeed, NoticeError> {
        let hash = n.verify()?;
        let h = &n.notice.header;
        let mut entries = Vec::new();
        let mut withheld = 0;
        for e in &n.notice.results {
            match e {
                NoticeEntry::Withheld { .. } => withheld += 1,
                NoticeEntry::Published { id, fields } => entries.push(CreditEntry {
                    target_id: clear(fields, "/target/id"),
                    uscc: clear(fields, "/target/uscc"),
                    target_name: text(fields, "/target/name"),
                    result_id: id.clone(),
                    outcome: clear(fields, "/outcome"),
                    inspection_date: clear(fields, "/inspection_date"),
                    items: match fields.get("/items") {
                        Some(PublishedValue::Clear(serde_json::Value::Array(a))) => a
                            .iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect(),
                        _ => Vec::new(),
                    },
                    notice_id: h.notice_id.clone(),
                    notice_hash: hash,
                    draw_record: h.draw_record,
                    publisher: h.publisher.clone(),
                    published_on: crate::registers::fields::dates::format_date(h.published_on),
                }),
            }
        }
        Ok(CreditFeed { entries, withheld })
    }

    /// CSV with a fixed header (documented in docs/publication.md). A cell that a
    /// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR first) is written
    /// with a leading `'`, so an entered name or result id never runs on the receiving side.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("target_id,uscc,target_name,result_id,outcome,inspection_date,items,notice_id,notice_hash,draw_record,publisher,published_on\n");
        let q = |s: &str| csv_cell(s);
        for e in &self.entries {
            let cells = [
                e.target_id.clone().unwrap_or_default(),
                e.uscc.clone().unwrap_or_default(),
                e.target_name.clone().unwrap_or_default(),
                e.result_id.clone(),
                e.outcome.clone().unwrap_or_default(),
                e.inspection_date.clone().unwrap_or_default(),
                e.items.join(";"),
                e.notice_id.clone(),
                e.notice_hash.to_hex(),
                e.draw_record.to_hex(),
                e.publisher.clone(),
                e.published_on.clone(),
            ];
            out.push_str(&cells.iter().map(|c| q(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }
}

/// One CSV cell: quoted where needed, a would-be formula defused (a cell opened in a
/// spreadsheet must not run what a register or result field holds).
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod csv_tests {
    #[test]
    fn formulas_are_defused_and_cells_quoted() {
        assert_eq!(
            super::csv_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(super::csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::csv_cell("某公司,分店"), "\"某公司,分店\"");
        assert_eq!(super::csv_cell("2023-09-06"), "2023-09-06");
    }
}

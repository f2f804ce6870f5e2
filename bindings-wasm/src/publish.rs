//! `verifyNotice` and `verifyDisclosures`: a signed public notice (公示) and the later
//! opening of its withheld or masked fields.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::{
    publish, publish::Disclosure, publish::NoticeEntry, publish::Salt, Digest32, SignedNotice,
};
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct EntryOut<'a> {
    id: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct NoticeOut<'a> {
    notice_id: &'a str,
    publisher: &'a str,
    published_on: String,
    draw_record: &'a Digest32,
    publisher_key: &'a str,
    /// "ed25519-sha256" or "sm2-sm3".
    suite: &'static str,
    policy_name: &'a str,
    results: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct NoticeResult<'a> {
    ok: bool,
    error: Option<Failure>,
    notice_hash: Option<Digest32>,
    /// Whether a CSV was given and is the rendering of the signed notice.
    csv_checked: bool,
    /// Number of disclosures that open their commitment.
    disclosures_checked: usize,
    notice: Option<NoticeOut<'a>>,
}

fn notice_out(n: &SignedNotice) -> NoticeOut<'_> {
    let b = &n.notice;
    NoticeOut {
        notice_id: &b.header.notice_id,
        publisher: &b.header.publisher,
        published_on: b.header.published_on.to_string(),
        draw_record: &b.header.draw_record,
        publisher_key: &b.publisher_key.0,
        suite: b.suite.name(),
        policy_name: &b.policy_name,
        results: b
            .results
            .iter()
            .map(|e| EntryOut {
                id: e.id(),
                status: match e {
                    NoticeEntry::Published { .. } => "published",
                    _ => "withheld",
                },
            })
            .collect(),
    }
}

/// The notice hash, whether a CSV was checked, and how many disclosures were.
type Checked = Result<(Digest32, bool, usize), Failure>;

fn check(
    notice: &JsValue,
    csv: &JsValue,
    disclosures: &JsValue,
) -> (Option<SignedNotice>, Checked) {
    let n: SignedNotice = match input::json_value("notice", notice) {
        Ok(n) => n,
        Err(e) => return (None, Err(e)),
    };
    let r = (|| {
        let hash = n.verify()?;
        let csv = input::bytes("csv", csv)?;
        if let Some(c) = &csv {
            let text = std::str::from_utf8(c).map_err(|e| Failure::input("csv", e))?;
            n.verify_csv(text)?;
        }
        let mut count = 0;
        if let Some(b) = input::bytes("disclosures", disclosures)? {
            let v: serde_json::Value = input::json("disclosures", &b)?;
            let ds: Vec<Disclosure> = if v.is_array() {
                serde_json::from_value(v)
            } else {
                serde_json::from_value(v).map(|d| vec![d])
            }
            .map_err(|e| Failure::input("disclosures", e))?;
            n.verify_disclosures(&ds)?;
            count = ds.len();
        }
        Ok((hash, csv.is_some(), count))
    })();
    (Some(n), r)
}

fn result(n: Option<&SignedNotice>, r: Checked) -> NoticeResult<'_> {
    let notice = n.map(notice_out);
    match r {
        Ok((h, csv_checked, disclosures_checked)) => NoticeResult {
            ok: true,
            error: None,
            notice_hash: Some(h),
            csv_checked,
            disclosures_checked,
            notice,
        },
        Err(e) => NoticeResult {
            ok: false,
            error: Some(e),
            notice_hash: None,
            csv_checked: false,
            disclosures_checked: 0,
            notice,
        },
    }
}

/// Verifies a signed public notice (JSON `{notice, signature}`) with the key it names, and,
/// when given, that `csv` is its rendering. Whether the key is the publisher's must be
/// checked against the unit's published key.
#[wasm_bindgen(js_name = verifyNotice, unchecked_return_type = "NoticeResult")]
pub fn verify_notice(
    #[wasm_bindgen(unchecked_param_type = "Input")] notice: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] csv: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let csv = csv.unwrap_or(JsValue::UNDEFINED);
    let (n, r) = check(&notice, &csv, &JsValue::UNDEFINED);
    to_js(&result(n.as_ref(), r))
}

/// Verifies a signed notice, then that each disclosure (JSON: one `{path, salt, value}` or
/// an array) opens the commitment the notice carries at its path.
#[wasm_bindgen(js_name = verifyDisclosures, unchecked_return_type = "NoticeResult")]
pub fn verify_disclosures(
    #[wasm_bindgen(unchecked_param_type = "Input")] notice: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] disclosures: JsValue,
) -> Result<JsValue, JsValue> {
    let disclosures = if disclosures.is_undefined() || disclosures.is_null() {
        JsValue::from_str("[]")
    } else {
        disclosures
    };
    let (n, r) = check(&notice, &JsValue::UNDEFINED, &disclosures);
    to_js(&result(n.as_ref(), r))
}

/// The commitment (hex) a disclosure opens: of a salt (64 hex digits), a JSON-pointer path
/// and a value (JSON text), so anyone can check a field proven later against the notice —
/// under the notice's `suite` (default `"ed25519-sha256"`; `"sm2-sm3"`: SM3). Prefer
/// `verifyDisclosures`, which reads the suite from the notice.
///
/// # Errors
/// Throws a `ShuangsuijiError` of kind `input` when the salt is not 64 hex digits, the
/// value is not JSON or the suite is unknown.
#[wasm_bindgen(js_name = disclosureCommitment)]
pub fn disclosure_commitment(
    salt: &str,
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] value: JsValue,
    suite: Option<String>,
) -> Result<String, JsValue> {
    let suite = match suite.as_deref() {
        None => shuangsuiji::Suite::Ed25519Sha256,
        Some(n) => shuangsuiji::Suite::of(n).ok_or_else(|| {
            Failure::input("suite", "\"ed25519-sha256\" or \"sm2-sm3\"").into_js_error()
        })?,
    };
    let salt = Digest32::from_hex(salt)
        .map(|d| Salt(d.0))
        .ok_or_else(|| Failure::input("salt", "is not 64 hex digits").into_js_error())?;
    let value: serde_json::Value =
        input::json_value("value", &value).map_err(Failure::into_js_error)?;
    Ok(publish::disclosure_commitment_in(suite, &salt, path, &value).to_hex())
}

/// The publication deadline of a result: the `workingDays`-th (default 20) mainland working
/// day after `resultDate` (`YYYY-MM-DD`), on the State Council holiday calendar the library
/// bundles (2019–2026), so anyone can check that a notice came out in time.
///
/// # Errors
/// Throws a `ShuangsuijiError`: `input` for a date not in `YYYY-MM-DD` form,
/// `not_covered` (type `CalendarError`) when the calendar does not reach that far.
#[wasm_bindgen(js_name = publishBy)]
pub fn publish_by(
    #[wasm_bindgen(js_name = resultDate)] result_date: &str,
    #[wasm_bindgen(js_name = workingDays)] working_days: Option<u32>,
) -> Result<String, JsValue> {
    let date = input::date("resultDate", Some(result_date.to_string()))
        .map_err(Failure::into_js_error)?
        .ok_or_else(|| Failure::input("resultDate", "is missing").into_js_error())?;
    let n = working_days.unwrap_or(shuangsuiji::publish::PUBLICATION_WORKING_DAYS);
    shuangsuiji::publish::publish_by(date, n)
        .map(|d| d.to_string())
        .map_err(|e| Failure::from(e).into_js_error())
}

//! The draw record's canonical bytes and hash, for byte-for-byte comparison with Rust.

use crate::errors::Failure;
use crate::input;
use shuangsuiji::{DrawRecord, SealedRecord};
use wasm_bindgen::prelude::*;

fn parse(v: &JsValue) -> Result<DrawRecord, Failure> {
    let b = input::required("record", v)?;
    // A sealed record carries the record under `record`; a bare record is accepted too.
    let v: serde_json::Value = input::json("record", &b)?;
    if v.get("record").is_some() {
        let s: SealedRecord = serde_json::from_value(v).map_err(|e| Failure::input("record", e))?;
        Ok(s.record)
    } else {
        serde_json::from_value(v).map_err(|e| Failure::input("record", e))
    }
}

/// The record's canonical bytes (RFC 8785), from a sealed or bare record (JSON).
///
/// # Errors
/// Throws a `ShuangsuijiError` when the input is not a record.
#[wasm_bindgen(js_name = canonicalRecord)]
pub fn canonical_record(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let r = parse(&record).map_err(Failure::into_js_error)?;
    r.canonical_bytes()
        .map_err(|e| Failure::from(e).into_js_error())
}

/// The record hash (hex), `tagged_hash("shuangsuiji/v1/record", JCS(record))`, from a
/// sealed or bare record (JSON).
///
/// # Errors
/// Throws a `ShuangsuijiError` when the input is not a record.
#[wasm_bindgen(js_name = recordHash)]
pub fn record_hash(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
) -> Result<String, JsValue> {
    let r = parse(&record).map_err(Failure::into_js_error)?;
    r.hash()
        .map(|h| h.to_hex())
        .map_err(|e| Failure::from(e).into_js_error())
}

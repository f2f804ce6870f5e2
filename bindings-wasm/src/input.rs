//! Inputs arrive as a string or bytes (`Uint8Array`, `ArrayBuffer`, a Node `Buffer`) and
//! are parsed in Rust.

use crate::errors::Failure;
use serde::de::DeserializeOwned;
use shuangsuiji::{
    import, registers::fields::parse_date, Date, PublicInspectorRegister, TargetRegister,
};
use wasm_bindgen::{JsCast, JsValue};

/// The bytes of a string or binary input; `None` for `undefined`/`null`.
pub fn bytes(name: &'static str, v: &JsValue) -> Result<Option<Vec<u8>>, Failure> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok(Some(s.into_bytes()));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Some(a.to_vec()));
    }
    if let Some(b) = v.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Some(js_sys::Uint8Array::new(b).to_vec()));
    }
    Err(Failure::input(
        name,
        "expected a string, Uint8Array or ArrayBuffer",
    ))
}

/// A required input.
pub fn required(name: &'static str, v: &JsValue) -> Result<Vec<u8>, Failure> {
    bytes(name, v)?.ok_or_else(|| Failure::input(name, "is missing"))
}

/// A JSON document of the core's type.
pub fn json<T: DeserializeOwned>(name: &'static str, b: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(b).map_err(|e| Failure::input(name, e))
}

/// A JSON document given as a string or bytes.
pub fn json_value<T: DeserializeOwned>(name: &'static str, v: &JsValue) -> Result<T, Failure> {
    json(name, &required(name, v)?)
}

/// An optional `YYYY-MM-DD` string.
pub fn date(name: &'static str, v: Option<String>) -> Result<Option<Date>, Failure> {
    v.map(|s| {
        parse_date(&s)
            .ok_or_else(|| Failure::input(name, format!("{s:?} is not a date (YYYY-MM-DD)")))
    })
    .transpose()
}

/// The public target register: JSON as published, or the CSV/XLSX template with its
/// register date.
pub fn targets(b: &[u8], as_of: Option<Date>) -> Result<TargetRegister, Failure> {
    if let Some(doc) = import::json_document(b) {
        return json("targets", doc);
    }
    let as_of = as_of.ok_or_else(|| {
        Failure::input(
            "targets",
            "a CSV/XLSX target register needs its register date (asOf, YYYY-MM-DD)",
        )
    })?;
    import::targets(b, as_of).map_err(|e| crate::errors::validation("targets", e))
}

/// The public view of the inspector register (JSON as published).
pub fn inspectors(b: &[u8]) -> Result<PublicInspectorRegister, Failure> {
    json("inspectors", b)
}

/// A property of an options object.
pub fn prop(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

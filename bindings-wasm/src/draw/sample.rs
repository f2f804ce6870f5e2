//! `sampleIds`: the selection primitive (spec §5.1) on a plain id list. Conversion only.

use crate::errors::{validation, Failure};
use crate::types::to_js;
use shuangsuiji::{draw::sample_lines, Digest32};
use wasm_bindgen::prelude::*;

/// The `take` lowest tickets under `subseed` (hex) of the ids in `text` (one per line),
/// ascending: `[[id, ticket], …]`.
///
/// # Errors
/// Throws when `subseed` is not 64 hex digits, or (kind `validation`) on a line that is not
/// an id or an id sampled twice.
#[wasm_bindgen(js_name = sampleIds, unchecked_return_type = "[string, string][]")]
pub fn sample_ids(text: &str, subseed: &str, take: usize) -> Result<JsValue, JsValue> {
    let seed = Digest32::from_hex(subseed)
        .ok_or_else(|| Failure::input("subseed", "is not 64 hex digits").into_js_error())?;
    let picked: Vec<(String, String)> = sample_lines(&seed, text.lines(), take)
        .map_err(|e| validation("text", e).into_js_error())?
        .into_iter()
        .map(|t| (t.target, t.ticket.to_hex()))
        .collect();
    to_js(&picked)
}

//! `registerRoots`: the item-list hash and register roots a commitment pins, computed from
//! the published files.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::{import, Digest32, ItemList};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Default)]
struct Roots {
    /// `ItemList::hash`.
    #[serde(skip_serializing_if = "Option::is_none")]
    item_list: Option<Digest32>,
    /// `TargetRegister::root`.
    #[serde(skip_serializing_if = "Option::is_none")]
    targets: Option<Digest32>,
    /// `PublicInspectorRegister::root`.
    #[serde(skip_serializing_if = "Option::is_none")]
    inspectors: Option<Digest32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items_count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    targets_count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inspectors_count: Option<usize>,
}

fn roots(o: &JsValue) -> Result<Roots, Failure> {
    let mut out = Roots::default();
    let as_of = input::date("asOf", input::prop(o, "asOf").as_string())?;
    let suite = match input::prop(o, "suite").as_string() {
        None => shuangsuiji::Suite::default(),
        Some(n) => shuangsuiji::Suite::of(&n)
            .ok_or_else(|| Failure::input("suite", "\"ed25519-sha256\" or \"sm2-sm3\""))?,
    };
    if let Some(b) = input::bytes("itemList", &input::prop(o, "itemList"))? {
        let items: ItemList = if let Some(doc) = import::json_document(&b) {
            input::json("itemList", doc)?
        } else {
            let version = input::prop(o, "itemListVersion")
                .as_string()
                .ok_or_else(|| {
                    Failure::input("itemListVersion", "a CSV/XLSX item list needs its version")
                })?;
            import::items(&b, &version).map_err(|e| crate::errors::validation("itemList", e))?
        };
        out.item_list = Some(items.hash_in(suite));
        out.items_count = Some(items.items().len());
    }
    if let Some(b) = input::bytes("targets", &input::prop(o, "targets"))? {
        let t = input::targets(&b, as_of)?;
        out.targets = Some(t.root_in(suite));
        out.targets_count = Some(t.targets().len());
    }
    if let Some(b) = input::bytes("inspectors", &input::prop(o, "inspectors"))? {
        let i = input::inspectors(&b)?;
        out.inspectors = Some(i.root_in(suite));
        out.inspectors_count = Some(i.inspectors().len());
    }
    Ok(out)
}

/// The item-list hash and the register roots of the files given: `{ itemList?,
/// itemListVersion?, targets?, inspectors?, asOf?, suite? }` (`suite`: "sm2-sm3" for a
/// draw under the 国密 suite; absent, "ed25519-sha256"). The item list and targets may be JSON
/// or the CSV/XLSX templates (with `itemListVersion` / `asOf`); the inspectors are the
/// public view (JSON). Compare them with `summary.roots` of a record.
///
/// # Errors
/// Throws a `ShuangsuijiError` for an unreadable or invalid file.
#[wasm_bindgen(js_name = registerRoots, unchecked_return_type = "RegisterRoots")]
pub fn register_roots(
    #[wasm_bindgen(unchecked_param_type = "RegisterFiles")] files: JsValue,
) -> Result<JsValue, JsValue> {
    let r = roots(&files).map_err(Failure::into_js_error)?;
    to_js(&r)
}

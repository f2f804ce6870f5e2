//! draw/v3's sealed classes (docs/spec/privacy.md) for JavaScript: the public check and the
//! auditor's, sealing and proving, the disclosure count. JSON in, objects out; every check is
//! the core's.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::privacy::{self, ClassProof, SealedView, SelectionInputs, ViewKey};
use shuangsuiji::{Digest32, DrawPlan, ItemList, Suite};
use wasm_bindgen::prelude::*;

struct Inputs {
    plan: DrawPlan,
    items: ItemList,
    seed: Digest32,
    suite: Suite,
}

impl Inputs {
    fn read(
        plan: &JsValue,
        item_list: &JsValue,
        seed: &str,
        suite: Option<&str>,
    ) -> Result<Inputs, Failure> {
        Ok(Inputs {
            plan: input::json_value("plan", plan)?,
            items: input::json_value("itemList", item_list)?,
            seed: Digest32::from_hex(seed)
                .ok_or_else(|| Failure::input("seed", "expected 64 hex digits"))?,
            suite: match suite {
                None => Suite::Ed25519Sha256,
                Some(s) => Suite::of(s).ok_or_else(|| Failure::input("suite", "unknown suite"))?,
            },
        })
    }
    fn selection(&self) -> SelectionInputs<'_> {
        SelectionInputs {
            suite: self.suite,
            plan: &self.plan,
            items: &self.items,
            seed: self.seed,
        }
    }
}

/// The two published documents a check reads: the sealed view and the class proof.
fn published(sealed_view: &JsValue, proof: &JsValue) -> Result<(SealedView, ClassProof), Failure> {
    Ok((
        input::json_value("sealedView", sealed_view)?,
        input::json_value("proof", proof)?,
    ))
}

fn view_key(hex_key: &str) -> Result<ViewKey, Failure> {
    ViewKey::from_hex(hex_key).ok_or_else(|| Failure::input("viewKey", "expected 64 hex digits"))
}

#[derive(Serialize)]
struct CheckResult<T: Serialize> {
    ok: bool,
    error: Option<Failure>,
    verdict: Option<T>,
}

fn result<T: Serialize>(r: Result<T, Failure>) -> Result<JsValue, JsValue> {
    to_js(&match r {
        Ok(v) => CheckResult {
            ok: true,
            error: None,
            verdict: Some(v),
        },
        Err(e) => CheckResult {
            ok: false,
            error: Some(e),
            verdict: None,
        },
    })
}

/// The public check of a draw/v3 class proof against the sealed target view, as anyone can
/// run it: `{ ok, error, verdict }` (verdict: targets root, eligible count, each stratum's
/// population bound to the commitments, quota and kept). The seed is taken as given: compare
/// the verdict's targets root with the draw's commitment, whose seed it must be.
#[wasm_bindgen(js_name = checkClassesPublic, unchecked_return_type = "ClassCheckResult")]
pub fn check_classes_public(
    #[wasm_bindgen(unchecked_param_type = "Input")] plan: JsValue,
    #[wasm_bindgen(js_name = itemList, unchecked_param_type = "Input")] item_list: JsValue,
    #[wasm_bindgen(js_name = sealedView, unchecked_param_type = "Input")] sealed_view: JsValue,
    seed: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] proof: JsValue,
    suite: Option<String>,
) -> Result<JsValue, JsValue> {
    result((|| {
        let inp = Inputs::read(&plan, &item_list, seed, suite.as_deref())?;
        let (view, proof) = published(&sealed_view, &proof)?;
        Ok(privacy::check_public(inp.selection(), &view, &proof)?)
    })())
}

/// The auditor's check (纪检监察, or the superior department): re-seals the full register
/// (JSON) under the view key and re-proves; the sealed view and proof must be exactly those.
/// Runs where it is called: nothing is uploaded.
#[wasm_bindgen(js_name = checkClassesAuditor, unchecked_return_type = "ClassCheckResult")]
#[allow(clippy::too_many_arguments)]
pub fn check_classes_auditor(
    #[wasm_bindgen(unchecked_param_type = "Input")] plan: JsValue,
    #[wasm_bindgen(js_name = itemList, unchecked_param_type = "Input")] item_list: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(js_name = viewKey)] view_key_hex: &str,
    #[wasm_bindgen(js_name = sealedView, unchecked_param_type = "Input")] sealed_view: JsValue,
    seed: &str,
    #[wasm_bindgen(unchecked_param_type = "Input")] proof: JsValue,
    suite: Option<String>,
) -> Result<JsValue, JsValue> {
    result((|| {
        let inp = Inputs::read(&plan, &item_list, seed, suite.as_deref())?;
        let reg = input::targets(&input::required("targets", &targets)?, None)?;
        let key = view_key(view_key_hex)?;
        let (view, proof) = published(&sealed_view, &proof)?;
        Ok(privacy::check_auditor(
            inp.selection(),
            &reg,
            &key,
            &view,
            &proof,
        )?)
    })())
}

/// The sealed view of a full register (JSON) under a view key (64 hex digits).
///
/// # Errors
/// Throws a `ShuangsuijiError` of kind `input` for an unreadable register or key.
#[wasm_bindgen(js_name = sealTargets)]
pub fn seal_targets(
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(js_name = viewKey)] view_key_hex: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] inspectors: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let reg = input::targets(
        &input::required("targets", &targets).map_err(Failure::into_js_error)?,
        None,
    )
    .map_err(Failure::into_js_error)?;
    let key = view_key(view_key_hex).map_err(Failure::into_js_error)?;
    let recusals = match inspectors.filter(|v| !v.is_undefined() && !v.is_null()) {
        Some(v) => shuangsuiji::privacy::Recusals::of_public(
            &input::json_value::<shuangsuiji::PublicInspectorRegister>("inspectors", &v)
                .map_err(Failure::into_js_error)?,
        ),
        None => shuangsuiji::privacy::Recusals::none(),
    };
    to_js(&SealedView::of(&reg, &recusals, &key))
}

/// The draw/v3 selection over the full register and its class proof.
///
/// # Errors
/// Throws a `ShuangsuijiError` (kind `input`, or the draw's kind).
#[wasm_bindgen(js_name = proveClasses)]
pub fn prove_classes(
    #[wasm_bindgen(unchecked_param_type = "Input")] plan: JsValue,
    #[wasm_bindgen(js_name = itemList, unchecked_param_type = "Input")] item_list: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(js_name = viewKey)] view_key_hex: &str,
    seed: &str,
    suite: Option<String>,
) -> Result<JsValue, JsValue> {
    let go = || -> Result<ClassProof, Failure> {
        let inp = Inputs::read(&plan, &item_list, seed, suite.as_deref())?;
        let reg = input::targets(&input::required("targets", &targets)?, None)?;
        Ok(privacy::prove(
            inp.selection(),
            &reg,
            &view_key(view_key_hex)?,
        )?)
    };
    to_js(&go().map_err(Failure::into_js_error)?)
}

/// What a class proof discloses over a register of `register` entries.
///
/// # Errors
/// Throws a `ShuangsuijiError` of kind `input` for an unreadable proof.
#[wasm_bindgen(js_name = classDisclosure)]
pub fn class_disclosure(
    #[wasm_bindgen(unchecked_param_type = "Input")] proof: JsValue,
    register: u32,
) -> Result<JsValue, JsValue> {
    let proof: ClassProof = input::json_value("proof", &proof).map_err(Failure::into_js_error)?;
    to_js(&privacy::disclosure(&proof, u64::from(register)))
}

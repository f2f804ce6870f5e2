//! `verifyAuditLog` (the 全过程留痕 trail: checkpoints, consistency, inclusion of a draw).
//! Conversion only.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::audit::LogFile;
use shuangsuiji::Digest32;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct Included {
    subject: String,
    index: u64,
}

#[derive(Serialize)]
struct AuditResult {
    ok: bool,
    error: Option<Failure>,
    origin: Option<String>,
    suite: Option<String>,
    events: Option<u64>,
    checkpoints: Option<usize>,
    latest: Option<(u64, String)>,
    included: Vec<Included>,
}

/// Verifies a stored audit log (JSON `{origin, verifier_key, events, checkpoints}`):
/// every checkpoint's signature under `verifierKey` (default: the file's own key — a
/// self-consistency check only), roots, consistency, and that an event about each of
/// `subjects` (hex hashes, e.g. a record hash) is included in the latest checkpoint.
#[wasm_bindgen(js_name = verifyAuditLog, unchecked_return_type = "AuditResult")]
pub fn verify_audit_log(
    #[wasm_bindgen(unchecked_param_type = "Input")] log: JsValue,
    #[wasm_bindgen(js_name = verifierKey)] verifier_key: Option<String>,
    subjects: Option<Vec<String>>,
) -> Result<JsValue, JsValue> {
    let r = (|| {
        let b = input::required("log", &log)?;
        let f: LogFile = input::json("log", &b)?;
        let key = verifier_key.unwrap_or_else(|| f.verifier_key.clone());
        let subjects: Vec<Digest32> = subjects
            .unwrap_or_default()
            .iter()
            .map(|s| {
                Digest32::from_hex(s).ok_or_else(|| {
                    Failure::input("subjects", format!("{s:?} is not 64 hex digits"))
                })
            })
            .collect::<Result<_, _>>()?;
        let s = f.verify(&key, &subjects)?;
        Ok((f.origin, s))
    })();
    to_js(&match r {
        Ok((origin, s)) => AuditResult {
            ok: true,
            error: None,
            origin: Some(origin),
            suite: Some(s.suite.name().to_string()),
            events: Some(s.events),
            checkpoints: Some(s.checkpoints),
            latest: s.latest.map(|(n, r)| (n, r.to_hex())),
            included: s
                .included
                .into_iter()
                .map(|(subject, index)| Included {
                    subject: subject.to_hex(),
                    index,
                })
                .collect(),
        },
        Err(e) => AuditResult {
            ok: false,
            error: Some(e),
            origin: None,
            suite: None,
            events: None,
            checkpoints: None,
            latest: None,
            included: vec![],
        },
    })
}

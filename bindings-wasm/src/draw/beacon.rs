//! `verifyRound`: a drand round checked against the committed chain and round.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::{draw::DrandSpec, BeaconRound};
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct RoundResult {
    ok: bool,
    error: Option<Failure>,
    round: Option<u64>,
    /// Unix time at which the committed round is published.
    round_time: Option<i64>,
    /// SHA-256 of the verified signature (hex).
    randomness: Option<String>,
}

/// Verifies a drand round (JSON `{round, signature, randomness}`) against the committed
/// chain and round (JSON `DrandSpec`, as in a commitment's `beacon`) and the commitment
/// time (unix seconds): the same round, published after the commitment, a valid BLS
/// signature, randomness = SHA-256(signature).
#[wasm_bindgen(js_name = verifyRound, unchecked_return_type = "RoundResult")]
pub fn verify_round(
    #[wasm_bindgen(unchecked_param_type = "Input")] spec: JsValue,
    #[wasm_bindgen(js_name = committedAt)] committed_at: f64,
    #[wasm_bindgen(unchecked_param_type = "Input")] round: JsValue,
) -> Result<JsValue, JsValue> {
    let r = (|| {
        let spec: serde_json::Value = input::json_value("spec", &spec)?;
        let spec = DrandSpec::from_json(&spec).map_err(|e| Failure::input("spec", e))?;
        let round: serde_json::Value = input::json_value("round", &round)?;
        let round = BeaconRound::from_drand_json(&round).map_err(|e| Failure::input("round", e))?;
        if committed_at.fract() != 0.0 || !committed_at.is_finite() {
            return Err(Failure::input(
                "committedAt",
                "is not a whole number of seconds",
            ));
        }
        // Whole and finite: the cast saturates at the i64 range, which no real time reaches.
        #[allow(clippy::cast_possible_truncation)]
        let at = committed_at as i64;
        let randomness = shuangsuiji::draw::verify_round(&spec, at, &round)?;
        Ok((spec.round, spec.round_time(), hex::encode(randomness)))
    })();
    to_js(&match r {
        Ok((round, t, rnd)) => RoundResult {
            ok: true,
            error: None,
            round: Some(round),
            round_time: Some(t),
            randomness: Some(rnd),
        },
        Err(e) => RoundResult {
            ok: false,
            error: Some(e),
            round: None,
            round_time: None,
            randomness: None,
        },
    })
}

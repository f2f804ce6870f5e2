//! `verify`: the full re-run of a sealed record against the public register views, with a
//! summary of what the record says for people to read.

use crate::errors::Failure;
use crate::input;
use crate::types::to_js;
use serde::Serialize;
use shuangsuiji::trust::{verify_anchored, TimeAnchor, TrustFile, Verdict};
use shuangsuiji::{
    draw::BeaconChoice, draw::Participant, draw::StratumDraw, draw::Team, registers::RegisterRoots,
    Digest32, Reveal, SealedRecord, Verified,
};
use wasm_bindgen::prelude::*;

/// The result object (`VerifyResult` in the `.d.ts`).
#[derive(Serialize)]
struct VerifyResult<'a> {
    ok: bool,
    error: Option<Failure>,
    /// What the record says (present whenever the record could be read; verified only
    /// when `ok`).
    summary: Option<Summary<'a>>,
    /// What the verification established (only when `ok`).
    verified: Option<VerifiedOut>,
    /// The verdict against the trust file (docs/spec/trust.md): its level, every element
    /// without an anchor, the beacon and signers as anchored. Present whenever the draw was
    /// re-run; `ok` alone never means "anchored".
    verdict: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct VerifiedOut {
    record_hash: Digest32,
    seed: Digest32,
    selected: usize,
    beacon: bool,
    commitment_hash: Digest32,
    committed_at: i64,
    beacon_round: Option<u64>,
}

impl From<Verified> for VerifiedOut {
    fn from(v: Verified) -> Self {
        VerifiedOut {
            record_hash: v.record_hash,
            seed: v.seed,
            selected: v.selected,
            beacon: v.beacon,
            commitment_hash: v.commitment_hash,
            committed_at: v.committed_at,
            beacon_round: v.beacon_round,
        }
    }
}

#[derive(Serialize)]
struct PlanOut<'a> {
    id: &'a str,
    title: &'a str,
    items: &'a [String],
    inspection_date: String,
}

#[derive(Serialize)]
struct BeaconOut<'a> {
    chain_hash: &'a str,
    round: u64,
    /// Unix time at which the round is published.
    round_time: i64,
    signature: Option<&'a str>,
    randomness: Option<&'a str>,
}

#[derive(Serialize)]
struct StratumOut<'a> {
    key: &'a str,
    population: u64,
    ratio: &'a shuangsuiji::registers::fields::BasisPoints,
    quota: u64,
    selected: usize,
    alternates: usize,
}

#[derive(Serialize)]
struct SelectedOut<'a> {
    target: &'a str,
    /// Stratum key, or `null` for the 100 % list.
    stratum: Option<&'a str>,
    ticket: &'a Digest32,
}

/// What the record says, in the shape the page shows. Inspector ids only: the public
/// view carries no personal data.
#[derive(Serialize)]
struct Summary<'a> {
    algorithm: &'a str,
    plan: PlanOut<'a>,
    record_hash: &'a Digest32,
    commitment_hash: &'a Digest32,
    committed_at: i64,
    roots: &'a RegisterRoots,
    item_list_version: &'a str,
    participants: &'a [Participant],
    reveals: &'a [Reveal],
    /// `null` in offline mode (reveals only).
    beacon: Option<BeaconOut<'a>>,
    seed: &'a Digest32,
    strata: Vec<StratumOut<'a>>,
    must_include: usize,
    exclusions: usize,
    selected: Vec<SelectedOut<'a>>,
    teams: &'a [Team],
    batches: Vec<usize>,
    signers: Vec<&'a str>,
    commitment_signatures: Vec<&'a str>,
    record_signatures: Vec<&'a str>,
}

fn stratum(st: &StratumDraw) -> StratumOut<'_> {
    StratumOut {
        key: &st.key,
        population: st.population,
        ratio: &st.ratio,
        quota: st.quota,
        selected: st.selected.len(),
        alternates: st.alternates.len(),
    }
}

fn summary(s: &SealedRecord) -> Summary<'_> {
    let r = &s.record;
    let c = &r.commitment.commitment;
    let beacon = match &c.beacon {
        BeaconChoice::Drand(spec) => Some(BeaconOut {
            chain_hash: &spec.chain_hash,
            round: spec.round,
            round_time: spec.round_time(),
            signature: r.beacon.as_ref().map(|b| b.signature.as_str()),
            randomness: r.beacon.as_ref().map(|b| b.randomness.as_str()),
        }),
        _ => None,
    };
    let selected = r
        .must_include
        .iter()
        .map(|t| (None, t))
        .chain(
            r.strata
                .iter()
                .flat_map(|st| st.selected.iter().map(move |t| (Some(st.key.as_str()), t))),
        )
        .map(|(stratum, t)| SelectedOut {
            target: &t.target,
            stratum,
            ticket: &t.ticket,
        })
        .collect();
    Summary {
        algorithm: &r.algorithm,
        plan: PlanOut {
            id: &c.plan.id,
            title: &c.plan.title,
            items: &c.plan.items,
            inspection_date: c.plan.inspection_date.to_string(),
        },
        record_hash: &s.hash,
        commitment_hash: &r.commitment.hash,
        committed_at: c.committed_at,
        roots: &c.roots,
        item_list_version: r.item_list.version(),
        participants: &c.participants,
        reveals: &r.reveals,
        beacon,
        seed: &r.seed,
        strata: r.strata.iter().map(stratum).collect(),
        must_include: r.must_include.len(),
        exclusions: r.exclusions.len(),
        selected,
        teams: &r.teams,
        batches: r.batches.iter().map(Vec::len).collect(),
        signers: c.signers.iter().map(|x| x.name.as_str()).collect(),
        commitment_signatures: r
            .commitment
            .signatures
            .iter()
            .map(|x| x.signer.as_str())
            .collect(),
        record_signatures: s.signatures.iter().map(|x| x.signer.as_str()).collect(),
    }
}

fn failed(error: Failure, summary: Option<Summary<'_>>) -> VerifyResult<'_> {
    VerifyResult {
        ok: false,
        error: Some(error),
        summary,
        verified: None,
        verdict: None,
    }
}

/// Verifies a sealed draw record (JSON) against the public target register (JSON as
/// published, or the CSV/XLSX template with `asOf`) and the public view of the inspector
/// register (JSON): re-runs the draw and checks every signature, commitment, reveal,
/// beacon and root, then assesses the record against `trust` (a trust file, JSON; absent:
/// nothing is anchored). Never throws for a record that does not verify: the result says
/// why, and `verdict.level` says how far the record is anchored.
#[wasm_bindgen(unchecked_return_type = "VerifyResult")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "Input")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] targets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Input")] inspectors: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_optional_param_type = "string")] as_of: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] trust: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Input")] anchor: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let sealed: SealedRecord = match input::json_value("record", &record) {
        Ok(s) => s,
        Err(e) => return to_js(&failed(e, None)),
    };
    let trust = trust.unwrap_or(JsValue::UNDEFINED);
    let anchor = anchor.unwrap_or(JsValue::UNDEFINED);
    let result = match run(&sealed, &targets, &inspectors, as_of, &trust, &anchor) {
        Ok(verdict) => {
            let json = verdict.to_json();
            match (verdict.verified, verdict.error) {
                (Some(v), _) => VerifyResult {
                    ok: true,
                    error: None,
                    summary: Some(summary(&sealed)),
                    verified: Some(v.into()),
                    verdict: Some(json),
                },
                (None, e) => VerifyResult {
                    verdict: Some(json),
                    ..failed(
                        e.map_or_else(
                            || Failure::input("record", "the re-run gave no result"),
                            Failure::from,
                        ),
                        Some(summary(&sealed)),
                    )
                },
            }
        }
        Err(e) => failed(e, Some(summary(&sealed))),
    };
    to_js(&result)
}

fn run(
    sealed: &SealedRecord,
    targets: &JsValue,
    inspectors: &JsValue,
    as_of: Option<String>,
    trust: &JsValue,
    anchor: &JsValue,
) -> Result<Verdict, Failure> {
    let as_of = input::date("asOf", as_of)?;
    let targets = input::targets(&input::required("targets", targets)?, as_of)?;
    let inspectors = input::inspectors(&input::required("inspectors", inspectors)?)?;
    let trust = match input::bytes("trust", trust)? {
        Some(b) => Some(TrustFile::from_json(&b)?),
        None => None,
    };
    let anchor: Option<TimeAnchor> = match input::bytes("anchor", anchor)? {
        Some(b) => Some(input::json("anchor", &b)?),
        None => None,
    };
    Ok(verify_anchored(
        sealed,
        &targets,
        &inspectors,
        trust.as_ref(),
        anchor.as_ref(),
    ))
}

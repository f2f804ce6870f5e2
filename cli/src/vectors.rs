//! Writes the known-answer vectors of the sample draw and registers (tests/vectors/), read
//! by every runtime's tests.

use crate::util;
use shuangsuiji::trust::{TimeAnchor, TrustFile, Verdict};
use shuangsuiji::{
    hazmat::subseed_in, registers::personal_digest, registers::personal_salt, InspectorRegister,
    ItemList, PublicInspectorRegister, SealedRecord, TargetRegister,
};
use std::path::Path;

pub const V1_DESCRIPTION: &str = "The bundled demo draw under draw/v1 (the plan without draw/v2's members, unsigned participants): sample registers, the signed commitment, reveals and drand quicknet round 123 in; seed, sub-seeds, selection with tickets, teams, record hash and canonical record bytes (draw-sample.record.json) out.";
pub const SM2_SM3_DESCRIPTION: &str = "The draw/v2 demo under the sm2-sm3 suite (docs/spec/suites.md): the same registers, plan (its annual plan issued again under sm2-sm3 by demo SM2 keys), secrets and drand round; every protocol hash SM3 (register roots, item-list hash, commitment hash, participants' commitments, reveal bindings, seed, sub-seeds, tickets, record hash) and every signature SM2 under the default identifier 1234567812345678 (keys 04‖x‖y). The audit log and its witness stay Ed25519 C2SP notes (the log's own suite); its events name the draw's objects by their SM3 hashes. trust.json, anchor.json and verdict.json: the anchored verdict.";
pub const V2_DESCRIPTION: &str = "The bundled demo draw under draw/v2: sample registers (../registers.json), the commitment signed by the signers and by each participant (participant_signatures), signed reveals and drand quicknet round 123 in; seed, sub-seeds, selection, teams, record hash and canonical record bytes (draw-sample.record.json) out. trust.json, anchor.json and verdict.json give the verifier's side: the anchored verdict.";

fn generated_by() -> String {
    format!(
        "shuangsuiji demo --vectors (shuangsuiji {}), from examples/data",
        env!("CARGO_PKG_VERSION")
    )
}

pub fn write_registers(
    dir: &Path,
    items: &ItemList,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
    public: &PublicInspectorRegister,
    key: &[u8; 32],
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let generated_by = generated_by();
    let first = targets.targets().first().ok_or("empty register")?;
    let first_i = inspectors.inspectors().first().ok_or("empty register")?;
    let salt = personal_salt(key, &first_i.id);
    let registers = serde_json::json!({
        "generated_by": generated_by,
        "inputs": {"items": "examples/data/items.csv", "item_list_version": items.version(), "targets": "examples/data/targets.csv", "inspectors": "examples/data/inspectors.csv", "as_of": targets.as_of().to_string(), "personal_salt_key": hex::encode(key)},
        "item_list_hash": items.hash(),
        "targets_root": targets.root(),
        "targets_count": targets.targets().len(),
        "first_target_leaf": String::from_utf8(first.leaf_bytes()).map_err(|e| e.to_string())?,
        "inspectors_root": public.root(),
        "inspectors_count": public.inspectors().len(),
        "first_inspector_public_leaf": String::from_utf8(public.inspectors().first().ok_or("empty")?.leaf_bytes()).map_err(|e| e.to_string())?,
        "first_inspector_personal_salt": salt,
        "first_inspector_personal_digest": personal_digest(&salt, &first_i.personal),
    });
    util::write_atomic(&dir.join("registers.json"), &util::to_json(&registers)?)
}

/// An `sm2-sm3` notice (docs/spec/suites.md §3.1): the signed notice, its canonical bytes
/// (what SM3 hashes under the notice tag, for checkers without a JCS encoder), its CSV
/// rendering and the disclosures of its first result (the rest stay in the publisher's
/// archive).
pub fn write_notice(dir: &Path, p: &shuangsuiji::publish::Publication) -> Result<(), String> {
    util::write_atomic(&dir.join("notice.json"), &util::to_json(&p.notice)?)?;
    util::write_atomic(&dir.join("notice.jcs"), &p.notice.notice.canonical_bytes())?;
    util::write_atomic(&dir.join("notice.csv"), p.notice.notice.to_csv().as_bytes())?;
    let first = p
        .notice
        .notice
        .results
        .first()
        .map(|e| e.id())
        .unwrap_or("");
    let prefix = format!("/{first}/");
    let ds: Vec<_> = p
        .disclosures
        .iter()
        .filter(|d| d.path.starts_with(&prefix))
        .collect();
    util::write_atomic(&dir.join("notice.disclosures.json"), &util::to_json(&ds)?)
}

pub fn write_draw(dir: &Path, sealed: &SealedRecord, description: &str) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let generated_by = generated_by();
    let registers =
        if dir.ends_with("v2") || dir.ends_with("v2-published") || dir.ends_with("v2-sm2-sm3") {
            "../registers.json"
        } else {
            "registers.json"
        };
    let r = &sealed.record;
    let c = &r.commitment;
    let mut subseeds = serde_json::Map::new();
    for p in c
        .commitment
        .plan
        .strata
        .iter()
        .map(|s| format!("target/{}", s.key))
        .chain(["must-include".to_string(), "match".into(), "batch".into()])
    {
        subseeds.insert(
            p.clone(),
            serde_json::json!(subseed_in(c.commitment.suite, &r.seed, &p)),
        );
    }
    let mut draw = serde_json::json!({
        "generated_by": generated_by,
        "description": description,
        "inputs": {"registers": registers, "commitment": c, "reveals": r.reveals, "beacon": r.beacon},
        "expected": {
            "commitment_hash": c.hash,
            "seed": r.seed,
            "subseeds": subseeds,
            "strata": r.strata,
            "must_include": r.must_include,
            "teams": r.teams,
            "exclusions_count": r.exclusions.len(),
            "record_hash": sealed.hash,
            "record_signatures": sealed.signatures,
        }
    });
    // Published-numbers mode only: the numbers entered (the other vectors keep their bytes).
    if let (false, Some(inputs)) = (
        r.published_numbers.is_empty(),
        draw.get_mut("inputs")
            .and_then(serde_json::Value::as_object_mut),
    ) {
        inputs.insert(
            "published_numbers".into(),
            serde_json::json!(r.published_numbers),
        );
    }
    util::write_atomic(&dir.join("draw-sample.json"), &util::to_json(&draw)?)?;
    let bytes = r.canonical_bytes().map_err(|e| e.to_string())?;
    util::write_atomic(&dir.join("draw-sample.record.json"), &bytes)?;
    Ok(())
}

/// The verifier's side of the v2 vector: the trust file, the time anchor (with the log) and
/// the verdict every runtime must reach.
pub fn write_anchor(
    dir: &Path,
    trust: &TrustFile,
    anchor: &TimeAnchor,
    verdict: &Verdict,
) -> Result<(), String> {
    util::write_atomic(&dir.join("trust.json"), &util::to_json(trust)?)?;
    util::write_atomic(&dir.join("anchor.json"), &util::to_json(anchor)?)?;
    util::write_atomic(
        &dir.join("verdict.json"),
        &util::to_json(&verdict.to_json())?,
    )
}

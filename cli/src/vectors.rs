//! Writes the known-answer vectors of the sample draw and registers (tests/vectors/), read
//! by every runtime's tests.

use crate::util;
use shuangsuiji::{
    hazmat::subseed, registers::personal_digest, registers::personal_salt, InspectorRegister,
    ItemList, PublicInspectorRegister, SealedRecord, TargetRegister,
};
use std::path::Path;

pub fn write(
    dir: &Path,
    items: &ItemList,
    targets: &TargetRegister,
    inspectors: &InspectorRegister,
    public: &PublicInspectorRegister,
    key: &[u8; 32],
    sealed: &SealedRecord,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let generated_by = format!(
        "shuangsuiji demo --vectors (shuangsuiji {}), from examples/data",
        env!("CARGO_PKG_VERSION")
    );
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
    util::write_atomic(&dir.join("registers.json"), &util::to_json(&registers)?)?;
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
        subseeds.insert(p.clone(), serde_json::json!(subseed(&r.seed, &p)));
    }
    let draw = serde_json::json!({
        "generated_by": generated_by,
        "description": "The bundled demo draw: sample registers, the signed commitment, reveals and drand quicknet round 123 in; seed, sub-seeds, selection with tickets, teams, record hash and canonical record bytes (draw-sample.record.json) out.",
        "inputs": {"registers": "registers.json", "commitment": c, "reveals": r.reveals, "beacon": r.beacon},
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
    util::write_atomic(&dir.join("draw-sample.json"), &util::to_json(&draw)?)?;
    let bytes = r.canonical_bytes().map_err(|e| e.to_string())?;
    util::write_atomic(&dir.join("draw-sample.record.json"), &bytes)?;
    Ok(())
}

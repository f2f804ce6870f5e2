//! A whole draw/v3 of the sample (docs/spec/privacy.md §13) under the demo's keys: the
//! register sealed, the commitment over the sealed root, signed reveals, the recorded drand
//! round, the keeper's draw, the signatures, and both verifications — the public's from the
//! sealed view, the auditor's from the full register and the view key.

use crate::demo::{
    beacon_round, demo_participant_keys, demo_secrets, demo_signer_keys, participants,
    sealed_by_signers, signatories, signed_by_signers, signed_reveals, DEMO_COMMITTED_AT,
    PARTICIPANTS,
};
use crate::util;
use shuangsuiji::draw::{BeaconChoice, ClassesChecked, DrandSpec, SealedKeeper, ALGORITHM_V3};
use shuangsuiji::privacy::{Recusals, ViewKey};
use shuangsuiji::registers::RegisterRoots;
use shuangsuiji::{
    draw, verify, Commitment, DrawInputs, DrawPlan, ItemList, PublicInspectorRegister,
    SealedRecord, Suite, TargetRegister,
};
use std::path::Path;

/// A draw/v3 and what the keeper keeps of it.
pub(crate) struct SealedDraw {
    /// The full register, the declared conflicts, the view key and the sealed view.
    pub keeper: SealedKeeper,
    /// The signed record.
    pub sealed: SealedRecord,
    /// The inspector view it publishes: without the declared conflicts.
    pub inspectors: PublicInspectorRegister,
}

/// The keeper of `register`'s sealed view with the conflicts `declared` names; refuses
/// declarations naming targets outside the register rather than losing them.
pub(crate) fn keeper(
    register: TargetRegister,
    declared: &PublicInspectorRegister,
    key: ViewKey,
) -> Result<SealedKeeper, String> {
    let recusals = Recusals::of_public(declared);
    let unknown = recusals.unknown_targets(&register);
    if !unknown.is_empty() {
        return Err(format!(
            "回避对象不在检查对象名录中 · declared conflicts name targets not in the register: {}",
            unknown.join(", ")
        ));
    }
    Ok(SealedKeeper::new(register, recusals, key))
}

/// Runs one draw/v3 and verifies it both ways; refuses if either verification fails or
/// reports another extent than its own. `declared` is the keeper's inspector view with the
/// conflicts; the draw publishes it without them.
pub(crate) fn run(
    items: &ItemList,
    register: TargetRegister,
    declared: &PublicInspectorRegister,
    plan: DrawPlan,
    key: ViewKey,
    data: &Path,
) -> Result<SealedDraw, String> {
    let suite = Suite::Ed25519Sha256;
    let keeper = keeper(register, declared, key)?;
    let published = declared.without_conflicts();
    let public = &published;
    let secrets = demo_secrets();
    let sign_keys = demo_signer_keys(suite)?;
    let participant_keys = demo_participant_keys(suite)?;
    let mut commitment = Commitment::v2(
        plan,
        RegisterRoots {
            item_list: items.hash_in(suite),
            targets: keeper.view().root_in(suite).map_err(|e| e.to_string())?,
            inspectors: public.root_in(suite),
        },
        keeper.register().as_of(),
        participants(suite, &secrets, Some(&participant_keys)),
        signatories(&sign_keys),
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        DEMO_COMMITTED_AT,
    );
    commitment.algorithm = ALGORITHM_V3.into();
    let mut signed = signed_by_signers(commitment, &sign_keys)?;
    for ((id, _), k) in PARTICIPANTS.iter().zip(&participant_keys) {
        signed.sign_as_participant(id, k);
    }
    let reveals = signed_reveals(&signed, &secrets, &participant_keys);
    let round = beacon_round(data)?;
    let record = draw(DrawInputs {
        commitment: &signed,
        item_list: items,
        targets: &keeper,
        inspectors: public,
        reveals: &reveals,
        beacon: Some(&round),
        published: &[],
    })
    .map_err(|e| format!("draw/v3 refused: {e}"))?;
    let sealed = sealed_by_signers(record, &sign_keys)?;
    for (source, expected) in [
        (
            keeper.view() as &dyn shuangsuiji::draw::TargetSource,
            ClassesChecked::Public,
        ),
        (&keeper, ClassesChecked::Auditor),
    ] {
        let v = verify(&sealed, source, public)
            .map_err(|e| format!("draw/v3 verification failed: {e}"))?;
        if v.classes != expected {
            return Err(format!(
                "draw/v3 verification reported {:?}, not {expected:?}",
                v.classes
            ));
        }
    }
    Ok(SealedDraw {
        keeper,
        sealed,
        inspectors: published,
    })
}

/// Writes the published files of a draw/v3 (the record, the sealed view, the inspector view
/// without conflicts) into `dir`, and the keeper's private ones (full register, view key,
/// the inspector view with its declared conflicts) into `dir/private`, never among the
/// published.
pub(crate) fn write(
    dir: &Path,
    sealed: &SealedRecord,
    keeper: &SealedKeeper,
    inspectors: &PublicInspectorRegister,
    declared: &PublicInspectorRegister,
) -> Result<(), String> {
    let private = dir.join("private");
    util::create_private_dir(&private)?;
    let record = util::to_json(sealed)?;
    let view = util::to_json(keeper.view())?;
    let inspectors = util::to_json(inspectors)?;
    let declared = util::to_json(declared)?;
    let register = util::to_json(keeper.register())?;
    let key = format!("{}\n", hex::encode(keeper.key().0));
    util::write_all_atomic(&[
        (&dir.join("record.json"), &record),
        (&dir.join("targets.sealed.json"), &view),
        (&dir.join("inspectors.public.json"), &inspectors),
        (&private.join("targets.json"), &register),
        (&private.join("view.key"), key.as_bytes()),
        (&private.join("inspectors.declared.json"), &declared),
    ])?;
    // Owner-only themselves too, not just by their folder: they stay closed when copied out.
    for f in ["targets.json", "view.key", "inspectors.declared.json"] {
        util::restrict_to_owner(&private.join(f))?;
    }
    Ok(())
}

/// What the draw/v3 vector is made from.
pub(crate) struct VectorDraw<'a> {
    pub items: &'a ItemList,
    pub register: TargetRegister,
    pub plan: DrawPlan,
    pub public: &'a PublicInspectorRegister,
    pub key: ViewKey,
    pub data: &'a Path,
}

/// `v3-privacy/draw.json`: a whole draw/v3 over the register of `selection.json` (whose
/// sealed view it commits to) and the sample's inspectors, the signed record, and what the
/// public's and the auditor's verifications return.
pub(crate) fn write_vector(dir: &Path, v: &VectorDraw<'_>) -> Result<(), String> {
    // The sample's declarations name none of the excerpt's targets (refused otherwise, as
    // `privacy seal` does): the draw seals no conflict, and one declared pair of the whole
    // sample is worked through as `recusal_example` instead.
    let unused = Recusals::of_public(v.public);
    if v.register
        .targets()
        .iter()
        .any(|t| !unused.declaring(&t.id).is_empty())
    {
        return Err(
            "the vector's excerpt now meets a declared conflict: extend draw.json to show it"
                .into(),
        );
    }
    let d = run(
        v.items,
        v.register.clone(),
        &v.public.without_conflicts(),
        v.plan.clone(),
        ViewKey(v.key.0),
        v.data,
    )?;
    let public = verify(&d.sealed, d.keeper.view(), &d.inspectors).map_err(|e| e.to_string())?;
    let example_target = v
        .public
        .inspectors()
        .iter()
        .find_map(|i| i.conflicts.first())
        .ok_or("the sample declares no conflict")?;
    let example_set = unused.declaring(example_target).to_vec();
    let salt = shuangsuiji::privacy::recusal::recusal_salt(&v.key, example_target);
    let recusal_example = serde_json::json!({
        "target": example_target,
        "inspectors": example_set,
        "salt": hex::encode(salt),
        "commitment": hex::encode(shuangsuiji::privacy::recusal::recusal_commitment(&salt, example_target, &example_set)),
    });
    let vector = serde_json::json!({
        "description": "a whole draw/v3 (docs/spec/privacy.md §13): the register, plan and view key of selection.json (so its expected.sealed_view is the view this draw commits to), the sample's inspectors (examples/data/inspectors.csv under examples/data/inspector-salt.key, as registers.json), the demo's participants, signers and drand round; the signed record (commitment with the sealed root as roots.targets, signed reveals, the class proof as record.classes) and what verifying it returns from the sealed view (classes: public) and from the full register with the view key (classes: auditor); recusal_example works one declared (target, inspectors) pair of the whole sample through §13.4 under the vector's view key (salt, commitment).",
        "generated_by": format!("shuangsuiji privacy demo --vectors (shuangsuiji {}), from examples/data", env!("CARGO_PKG_VERSION")),
        "inputs": {
            "register": "selection.json inputs.register",
            "plan": "selection.json inputs.plan",
            "view_key": hex::encode(v.key.0),
            "sealed_view": "selection.json expected.sealed_view",
            "inspectors": "examples/data/inspectors.csv, public view under examples/data/inspector-salt.key; the sample's declared conflicts name none of the 300 targets, so the keeper's view and the published one (without conflicts) seal alike",
        },
        "expected": {
            "targets_root": d.sealed.record.commitment.commitment.roots.targets,
            "sealed": d.sealed,
            "record_hash": public.record_hash,
            "seed": public.seed,
            "selected": public.selected,
            "classes_public": ClassesChecked::Public,
            "classes_auditor": ClassesChecked::Auditor,
            "recusal_example": recusal_example,
        }
    });
    util::write_atomic(&dir.join("draw.json"), &util::to_json(&vector)?)
}

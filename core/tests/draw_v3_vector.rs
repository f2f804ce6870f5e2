//! The draw/v3 vector (`tests/vectors/v3-privacy/draw.json`, docs/spec/privacy.md §13): the
//! public verifies it from the sealed view of `selection.json`, the auditor from that
//! vector's register and view key, and the keeper's draw gives the record byte for byte.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use shuangsuiji::draw::*;
use shuangsuiji::privacy::*;
use shuangsuiji::*;

fn json(p: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(format!("../{p}")).unwrap()).unwrap()
}

fn inspectors() -> PublicInspectorRegister {
    let as_of = shuangsuiji::registers::fields::parse_date("2023-08-23").unwrap();
    let read = |p: &str| std::fs::read(format!("../examples/data/{p}")).unwrap();
    let key: [u8; 32] = hex::decode(
        String::from_utf8(read("inspector-salt.key"))
            .unwrap()
            .trim(),
    )
    .unwrap()
    .try_into()
    .unwrap();
    import::inspectors(&read("inspectors.csv"), as_of)
        .unwrap()
        .public_view(&key)
}

#[test]
fn the_v3_draw_vector_verifies_publicly_and_for_the_auditor_and_redraws_byte_for_byte() {
    let sel = json("tests/vectors/v3-privacy/selection.json");
    let v = json("tests/vectors/v3-privacy/draw.json");
    let sealed: SealedRecord = serde_json::from_value(v["expected"]["sealed"].clone()).unwrap();
    let view: SealedView = serde_json::from_value(sel["expected"]["sealed_view"].clone()).unwrap();
    let register: TargetRegister =
        serde_json::from_value(sel["inputs"]["register"].clone()).unwrap();
    let key = ViewKey::from_hex(v["inputs"]["view_key"].as_str().unwrap()).unwrap();
    // The keeper's inspector view declares conflicts; the published one does not.
    let declared = inspectors();
    let public = declared.without_conflicts();
    assert_eq!(
        sealed.record.commitment.commitment.roots.targets.to_hex(),
        v["expected"]["targets_root"].as_str().unwrap()
    );
    assert_eq!(sealed.record.commitment.commitment.algorithm, ALGORITHM_V3);
    // The public: the sealed view alone.
    let p = verify(&sealed, &view, &public).unwrap();
    assert_eq!(p.classes, ClassesChecked::Public);
    assert_eq!(
        p.record_hash.to_hex(),
        v["expected"]["record_hash"].as_str().unwrap()
    );
    assert_eq!(p.seed.to_hex(), v["expected"]["seed"].as_str().unwrap());
    assert_eq!(
        p.selected as u64,
        v["expected"]["selected"].as_u64().unwrap()
    );
    // The auditor: the full register and the view key.
    let keeper = SealedKeeper::new(register, Recusals::of_public(&declared), key);
    assert_eq!(keeper.view(), &view);
    let a = verify(&sealed, &keeper, &public).unwrap();
    assert_eq!(a.classes, ClassesChecked::Auditor);
    // The keeper's draw gives the record's bytes.
    let rec = &sealed.record;
    let again = draw(DrawInputs {
        commitment: &rec.commitment,
        item_list: &rec.item_list,
        targets: &keeper,
        inspectors: &public,
        reveals: &rec.reveals,
        beacon: rec.beacon.as_ref(),
        published: &[],
    })
    .unwrap();
    assert_eq!(
        again.canonical_bytes().unwrap(),
        rec.canonical_bytes().unwrap()
    );
    // The proof in the record is the selection layer's for the record's seed.
    let proof = rec.classes.as_ref().unwrap();
    let inp = SelectionInputs {
        suite: rec.commitment.commitment.suite,
        plan: &rec.commitment.commitment.plan,
        items: &rec.item_list,
        seed: rec.seed,
    };
    assert_eq!(&prove(inp, keeper.register(), keeper.key()).unwrap(), proof);
    // A declared pair worked through §13.4 (the vector's draw seals none).
    let x = &v["expected"]["recusal_example"];
    let target = x["target"].as_str().unwrap();
    let set: Vec<String> = serde_json::from_value(x["inspectors"].clone()).unwrap();
    assert!(!set.is_empty());
    assert_eq!(set, Recusals::of_public(&declared).declaring(target));
    let salt = shuangsuiji::privacy::recusal::recusal_salt(keeper.key(), target);
    assert_eq!(hex::encode(salt), x["salt"].as_str().unwrap());
    assert_eq!(
        hex::encode(shuangsuiji::privacy::recusal::recusal_commitment(
            &salt, target, &set
        )),
        x["commitment"].as_str().unwrap()
    );
}

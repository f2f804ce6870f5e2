//! Verification re-runs the draw; any change to the record, a register entry, a reveal or
//! the beacon makes it fail with the right reason.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::{draw::*, encoding::*, registers::fields::*, registers::*};

fn world() -> World {
    World::new(targets(200), inspectors(12, 6))
}

#[test]
fn a_sealed_record_verifies() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let v = verify(&s, &w.targets, &w.inspectors).unwrap();
    assert_eq!(v.record_hash, s.hash);
    assert_eq!(v.selected, s.record.selected_ids().count());
    // And survives a JSON round trip byte for byte.
    let json = serde_json::to_string(&s).unwrap();
    let back: SealedRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    assert!(verify(&back, &w.targets, &w.inspectors).is_ok());
}

fn expect_mismatch(r: Result<Verified, VerifyError>, path_prefix: &str) {
    match r {
        Err(VerifyError::Mismatch { path, .. }) => assert!(
            path.starts_with(path_prefix),
            "{path} does not start with {path_prefix}"
        ),
        other => panic!("expected a mismatch at {path_prefix}, got {other:?}"),
    }
}

#[test]
fn changed_outcomes_are_caught_where_they_differ() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let mut t = s.clone();
    t.record.strata[1].selected[0].target = t.record.strata[1].alternates[0].target.clone();
    expect_mismatch(
        verify(&t, &w.targets, &w.inspectors),
        "strata[1].selected[0].target",
    );
    let mut t = s.clone();
    t.record.teams[0].members[0].inspector = "P0011".into();
    expect_mismatch(
        verify(&t, &w.targets, &w.inspectors),
        "teams[0].members[0].inspector",
    );
    let mut t = s.clone();
    t.record.seed = Digest32([0; 32]);
    expect_mismatch(verify(&t, &w.targets, &w.inspectors), "seed");
    let mut t = s.clone();
    t.record.exclusions.push(Exclusion {
        target: "X".into(),
        reason: ExclusionReason::AlreadyDrawn,
    });
    expect_mismatch(verify(&t, &w.targets, &w.inspectors), "exclusions");
}

#[test]
fn unsigned_or_resigned_records_are_refused() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let mut t = s.clone();
    t.signatures.clear();
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Signature {
            what: SignedDocument::Record,
            ..
        })
    ));
    // A record changed and re-hashed but signed by someone else.
    let mut t = s.clone();
    t.signatures.clear();
    t.sign("负责人", &SigningKey::from_bytes(&[8; 32]));
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Signature { .. })
    ));
    // A flipped bit in the signature.
    let mut t = s.clone();
    let mut sig = hex::decode(&t.signatures[0].signature).unwrap();
    sig[10] ^= 1;
    t.signatures[0].signature = hex::encode(sig);
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Signature { .. })
    ));
    // The commitment's signature is checked too.
    let mut t = s.clone();
    t.record.commitment.signatures.clear();
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Signature {
            what: SignedDocument::Commitment,
            ..
        })
    ));
}

#[test]
fn changed_plan_after_commitment_is_refused() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let mut t = s.clone();
    t.record.commitment.commitment.plan.strata[0].ratio = BasisPoints(100);
    expect_mismatch(verify(&t, &w.targets, &w.inspectors), "commitment.hash");
}

#[test]
fn a_changed_register_entry_is_refused() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let mut ts = w.targets.targets().to_vec();
    ts[3].risk = RiskLevel::Low; // entry 3 is High in the fixture
    let other = TargetRegister::new(AS_OF, ts).unwrap();
    assert!(matches!(
        verify(&s, &other, &w.inspectors),
        Err(VerifyError::Rerun(DrawError::Root {
            what: RootOf::TargetRegister,
            ..
        }))
    ));
    let mut ins = w.inspectors.inspectors().to_vec();
    ins[0].conflicts.push("X".into());
    let other = PublicInspectorRegister::new(AS_OF, ins).unwrap();
    assert!(matches!(
        verify(&s, &w.targets, &other),
        Err(VerifyError::Rerun(DrawError::Root {
            what: RootOf::InspectorRegister,
            ..
        }))
    ));
}

#[test]
fn a_changed_reveal_is_refused() {
    let w = world();
    let s = w.sealed(joint_plan(), 1);
    let mut t = s.clone();
    t.record.reveals[1].secret = hex::encode([7u8; 32]);
    match verify(&t, &w.targets, &w.inspectors) {
        Err(VerifyError::Rerun(DrawError::Reveal { participant, .. })) => {
            assert_eq!(participant, "jjjc")
        }
        other => panic!("{other:?}"),
    }
}

/// Drand mode with the real quicknet round 123; a tampered or early round is refused.
#[test]
fn drand_beacon_draw_verifies_and_tampered_beacon_fails() {
    let w = world();
    let committed_at = 1_692_803_700;
    let c = w.commitment(
        joint_plan(),
        3,
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        committed_at,
    );
    let round = quicknet_round_123();
    let inputs = |b| DrawInputs {
        commitment: &c,
        item_list: &w.items,
        targets: &w.targets,
        inspectors: &w.inspectors,
        reveals: &[],
        beacon: b,
        published: &[],
    };
    let reveals = World::reveals(3);
    let rec = draw(DrawInputs {
        reveals: &reveals,
        ..inputs(Some(&round))
    })
    .unwrap();
    let mut s = SealedRecord::new(rec).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    assert!(verify(&s, &w.targets, &w.inspectors).unwrap().beacon);

    let mut t = s.clone();
    t.record
        .beacon
        .as_mut()
        .unwrap()
        .signature
        .replace_range(10..12, "00");
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Rerun(DrawError::Beacon(_)))
    ));
    let mut t = s.clone();
    t.record.beacon = None;
    assert!(matches!(
        verify(&t, &w.targets, &w.inspectors),
        Err(VerifyError::Rerun(DrawError::Beacon(
            BeaconError::Presence { .. }
        )))
    ));
    // A round that was already public at commitment time.
    let early = w.commitment(
        joint_plan(),
        3,
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        1_692_803_733,
    );
    let r = draw(DrawInputs {
        commitment: &early,
        reveals: &reveals,
        ..inputs(Some(&round))
    });
    assert!(matches!(
        r,
        Err(DrawError::Beacon(BeaconError::TooEarly { .. }))
    ));
}

/// A re-draw needs a new commitment (which names the old one); the old draw stays
/// verifiable and the two differ.
#[test]
fn redraw_needs_a_new_commitment() {
    let w = world();
    let first = w.sealed(joint_plan(), 1);
    let mut c2 = w.commitment(joint_plan(), 2, BeaconChoice::Offline, 10);
    c2.commitment.supersedes = Some(Supersedes {
        commitment: first.record.commitment.hash,
        reason: "登记信息有误，重新抽取".into(),
        note: None,
    });
    let r2 = w
        .draw_under(&World::resign(c2.commitment), 2, None)
        .unwrap();
    assert_ne!(r2.seed, first.record.seed);
    assert!(verify(&first, &w.targets, &w.inspectors).is_ok());
    // Replaying the first commitment with other reveals is refused; with its own, it gives
    // the same record again, byte for byte: one commitment, one draw (spec §4.5).
    assert!(matches!(
        w.draw_under(&first.record.commitment, 2, None),
        Err(DrawError::Reveal { .. })
    ));
    let again = w.draw_under(&first.record.commitment, 1, None).unwrap();
    assert_eq!(
        canonical_json(&again).unwrap(),
        canonical_json(&first.record).unwrap()
    );
}

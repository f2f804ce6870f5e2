//! Errors of docs/errors.md not raised elsewhere: each case makes the error happen and
//! checks its variant (and, where it has one, the message that names the problem).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::audit::{
    verify_consistency, verify_inclusion, AuditLog, CheckpointError, CheckpointSigner, Event,
    EventKind, ProofError, SignedCheckpoint,
};
use shuangsuiji::{draw::*, encoding::*, publish::*, registers::fields::*, registers::*};

fn plan_problems(p: DrawPlan) -> Vec<String> {
    match p.check(&items()) {
        Err(e) => e.problems,
        Ok(()) => vec![],
    }
}

#[test]
fn every_plan_problem_is_listed() {
    let mut p = plan();
    p.id = "bad id".into();
    p.items.clear();
    p.strata.push(p.strata[0].clone());
    p.strata.retain(|s| s.key != "high");
    p.strata.push(Stratum {
        key: "tiny".into(),
        ratio: BasisPoints(0),
        min: 0,
    });
    p.batches = Some(0);
    p.team.workload_cap = 0;
    let got = plan_problems(p);
    for want in [
        "id: plan id",
        "items: a plan inspects at least one item",
        "strata: a key appears more than once",
        "strata: no entry for stratum high",
        "strata.tiny: not a stratum",
        "strata.tiny.ratio: 0 bp is outside",
        "batches: at least 1",
        "team.workload_cap: at least 1",
    ] {
        assert!(
            got.iter().any(|g| g.starts_with(want)),
            "missing {want:?} in {got:?}"
        );
    }
    let mut p = plan();
    p.team.departments.clear();
    assert!(plan_problems(p)
        .iter()
        .any(|g| g.starts_with("team.departments: at least one department")));
    let mut p = plan();
    let d = p.team.departments[0].clone();
    p.team.departments.push(d);
    assert!(plan_problems(p)
        .iter()
        .any(|g| g.starts_with("team.departments: a department appears more than once")));
    let w = World::new(targets(10), inspectors(4, 0));
    let mut p = plan();
    p.exclusions.already_drawn = vec!["not valid".into()];
    let e = p.check_against(AS_OF, &w.inspectors).unwrap_err();
    assert!(e.problems[0].starts_with("exclusions.already_drawn"));
}

fn commitment_problems(edit: impl Fn(&mut Commitment)) -> Vec<String> {
    let w = World::new(targets(10), inspectors(4, 0));
    let mut c = w.commitment(plan(), 1, BeaconChoice::Offline, 0).commitment;
    edit(&mut c);
    match c.check() {
        Err(DrawError::Commitment { problems }) => problems,
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_commitment_problem_is_listed() {
    assert!(commitment_problems(|c| c.participants.clear())
        .iter()
        .any(|p| p.starts_with("participants: at least one participant")));
    assert!(commitment_problems(|c| {
        let x = c.participants[0].clone();
        c.participants[1] = x;
    })
    .iter()
    .any(|p| p.ends_with("appears more than once")));
    assert!(commitment_problems(|c| c.signers[0].name = " ".into())
        .iter()
        .any(|p| p == "signers: a signer has no name"));
    let drand = |edit: fn(&mut DrandSpec)| {
        move |c: &mut Commitment| {
            let mut d = DrandSpec::quicknet(123);
            d.chain_hash = "00".repeat(32); // not quicknet: only the format rules apply
            edit(&mut d);
            c.beacon = BeaconChoice::Drand(d);
        }
    };
    assert!(
        commitment_problems(drand(|d| d.public_key = d.public_key.to_uppercase()))
            .iter()
            .any(|p| p.contains("lower-case hex"))
    );
    assert!(commitment_problems(drand(|d| d.period_seconds = 0))
        .iter()
        .any(|p| p.contains("must be positive and below 2^53")));
    assert!(commitment_problems(drand(|d| d.round = 0))
        .iter()
        .any(|p| p.contains("must be positive and below 2^53")));
}

#[test]
fn draw_errors_in_order() {
    let w = World::new(targets(40), inspectors(6, 0));
    let rv = World::reveals(1);
    let c = w.commitment(plan(), 1, BeaconChoice::Offline, 0);
    // A commitment whose recorded hash is not its hash.
    let mut bad = c.clone();
    bad.hash = Digest32([0; 32]);
    let r = w.draw_under(&bad, 1, None);
    assert!(matches!(
        r,
        Err(DrawError::Root {
            what: RootOf::CommitmentHash,
            ..
        })
    ));
    // Another item list than the committed one.
    let other = ItemList::new("other", w.items.items().to_vec()).unwrap();
    let r = draw(DrawInputs {
        commitment: &c,
        item_list: &other,
        targets: &w.targets,
        inspectors: &w.inspectors,
        reveals: &rv,
        beacon: None,
        published: &[],
    });
    assert!(matches!(
        r,
        Err(DrawError::Root {
            what: RootOf::ItemList,
            ..
        })
    ));
    // Offline mode given a beacon round anyway.
    let r = w.draw_under(&c, 1, Some(&quicknet_round_123()));
    assert!(matches!(
        r,
        Err(DrawError::Beacon(BeaconError::Presence {
            expected: RoundNamed::DoesNotName,
            ..
        }))
    ));
    // Targets out of id order (a stream or an iterator, never a validated register).
    let mut ts: Vec<Target> = w.targets.targets().to_vec();
    ts.swap(0, 1);
    assert!(matches!(
        Census::take(&plan(), &ts),
        Err(DrawError::Unsorted { .. })
    ));
}

#[test]
fn beacon_errors_are_pinned() {
    let spec = DrandSpec::quicknet(124);
    // Round 123's valid signature offered as round 124: a curve point, the wrong message.
    let mut r = quicknet_round_123();
    r.round = 124;
    assert_eq!(
        verify_round(&spec, 1_692_803_700, &r),
        Err(BeaconError::BadSignature { round: 124 })
    );
    // Not a point at all.
    let mut r = quicknet_round_123();
    r.round = 124;
    r.signature = "ff".repeat(48);
    assert!(matches!(
        verify_round(&spec, 1_692_803_700, &r),
        Err(BeaconError::Malformed {
            field: BeaconField::Signature,
            ..
        })
    ));
}

#[test]
fn notice_with_a_key_that_is_no_point_is_refused() {
    use ed25519_dalek::VerifyingKey;
    let w = World::new(targets(10), inspectors(4, 0));
    let _ = w;
    // The first 32-byte pattern that is not an Ed25519 point.
    let bad = (0u8..=255)
        .map(|b| [b; 32])
        .find(|k| VerifyingKey::from_bytes(k).is_err())
        .unwrap();
    let json = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors/publication/notice.json"),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut n: serde_json::Value = serde_json::json!({"notice": serde_json::from_str::<serde_json::Value>(v["notice_jcs"].as_str().unwrap()).unwrap(), "signature": v["signature"]});
    n["notice"]["publisher_key"] = serde_json::Value::String(hex::encode(bad));
    let notice: SignedNotice = serde_json::from_value(n).unwrap();
    assert_eq!(notice.verify(), Err(NoticeError::BadKey));
}

#[test]
fn calendar_json_errors() {
    assert!(matches!(
        WorkingCalendar::from_json("not json"),
        Err(CalendarError::Json(_))
    ));
}

#[test]
fn audit_errors_are_pinned() {
    let mut log = AuditLog::new();
    for i in 0..9u8 {
        log.append(&Event {
            kind: EventKind::Plan,
            actor: "a".into(),
            time: 1,
            subject: Digest32([i; 32]),
            note: String::new(),
        });
    }
    let root = log.root();
    assert!(matches!(
        verify_consistency(9, 3, &root, &root, &[]),
        Err(ProofError::OutOfRange(_))
    ));
    let p = log.inclusion_proof(2, 9).unwrap();
    assert!(matches!(
        verify_inclusion(&root, 9, 9, &p, &root),
        Err(ProofError::OutOfRange(_))
    ));
    let mut signer = CheckpointSigner::new("o", SigningKey::from_bytes(&[1; 32]), None);
    let key = signer.verifier_key();
    assert!(matches!(
        SignedCheckpoint::verify("o\n01\nAAAA\n\n", &key),
        Err(CheckpointError::Malformed(_))
    ));
    assert!(matches!(
        SignedCheckpoint::verify("no blank line", &key),
        Err(CheckpointError::Malformed(_))
    ));
    let small = signer.sign(&{
        let mut l = AuditLog::new();
        l.append(&Event {
            kind: EventKind::Plan,
            actor: "a".into(),
            time: 1,
            subject: Digest32([0; 32]),
            note: String::new(),
        });
        l
    });
    let small = small.unwrap();
    let big = signer.sign(&log).unwrap();
    assert!(matches!(
        small.check_extended_by(&big, &[]),
        Err(CheckpointError::Proof(_))
    ));
}

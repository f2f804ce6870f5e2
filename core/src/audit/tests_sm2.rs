//! The audit log under `sm2-sm3` (docs/spec/suites.md §3 "Audit log"): SM3 tree, SM2
//! checkpoints and cosignatures under the 0xff types, and no mixing of roles or suites.

use super::*;
use crate::encoding::sm::Sm2SecretKey;
use base64::Engine as _;
use ed25519_dalek::SigningKey;
use sha2::{Digest as _, Sha256};

const ORIGIN: &str = "shuangsuiji.example/ha-gat-sm";

fn sm2(n: u8) -> Sm2SecretKey {
    Sm2SecretKey::from_bytes(&[n; 32]).unwrap()
}

fn event(n: u8) -> Event {
    Event {
        kind: EventKind::Commitment,
        actor: format!("actor-{n}"),
        time: 1_700_000_000 + i64::from(n),
        subject: Digest32([n; 32]),
        note: String::new(),
    }
}

fn log_of(n: u8) -> AuditLog {
    let mut log = AuditLog::new_in(Suite::Sm2Sm3);
    for i in 0..n {
        log.append(&event(i));
    }
    log
}

/// The verifier key is spelled as the spec says, computed here from its definition: type
/// `0xff ‖ "shuangsuiji/sm2-sm3/v1" ‖ 0x0A`, key ID the first four bytes of
/// SHA-256(name ‖ 0x0A ‖ type ‖ 04‖x‖y).
#[test]
fn an_sm2_log_key_is_spelled_as_the_spec_says() {
    let key = sm2(7);
    let signer = CheckpointSigner::new(ORIGIN, key.clone(), None);
    let raw = hex::decode(key.public_key().to_hex()).unwrap();
    for (role, ty) in [
        (KeyRole::Log, &b"\xffshuangsuiji/sm2-sm3/v1\n"[..]),
        (
            KeyRole::Witness,
            &b"\xffshuangsuiji/sm2-sm3-cosignature/v1\n"[..],
        ),
    ] {
        let mut id = Sha256::new();
        id.update(ORIGIN.as_bytes());
        id.update(b"\n");
        id.update(ty);
        id.update(&raw);
        let id = id.finalize();
        let mut blob = ty.to_vec();
        blob.extend_from_slice(&raw);
        let want = format!(
            "{ORIGIN}+{}+{}",
            hex::encode(&id[..4]),
            base64::engine::general_purpose::STANDARD.encode(blob)
        );
        let got = match role {
            KeyRole::Log => signer.verifier_key(),
            KeyRole::Witness => Witness::new(ORIGIN, key.clone()).verifier_key(),
        };
        assert_eq!(got, want);
    }
}

#[test]
fn an_sm2_log_signs_sm3_trees_and_proves_inclusion_and_consistency() {
    let mut log = log_of(5);
    let sha = AuditLog::from_events((0..5).map(event).collect::<Vec<_>>().iter());
    assert_ne!(log.root(), sha.root(), "the tree is SM3, not SHA-256");
    assert_eq!(
        log.root(),
        crate::encoding::merkle::merkle_root_in(
            Suite::Sm2Sm3,
            (0..5).map(|i| event(i).leaf_bytes())
        )
    );
    let mut signer = CheckpointSigner::new(ORIGIN, sm2(7), None);
    let key = signer.verifier_key();
    let c5 = signer.sign(&log).unwrap();
    let v5 = SignedCheckpoint::verify(&c5.text, &key).unwrap();
    log.append(&event(5));
    let c6 = signer.sign(&log).unwrap();
    let v6 = SignedCheckpoint::verify(&c6.text, &key).unwrap();
    let proof = log.consistency_proof(5, 6).unwrap();
    assert_eq!((v5.suite, v6.suite), (Suite::Sm2Sm3, Suite::Sm2Sm3));
    v5.check_extended_by(&v6, &proof).unwrap();
    // The same proof read as a SHA-256 log's does not hold.
    assert!(verify_consistency(5, 6, &v5.checkpoint.root, &v6.checkpoint.root, &proof).is_err());
    verify_consistency_in(
        Suite::Sm2Sm3,
        5,
        6,
        &v5.checkpoint.root,
        &v6.checkpoint.root,
        &proof,
    )
    .unwrap();
    let incl = log.inclusion_proof(2, 6).unwrap();
    verify_event_in_checkpoint(&event(2), 2, &incl, &c6.text, &key).unwrap();
    assert!(verify_event_in_checkpoint(&event(3), 2, &incl, &c6.text, &key).is_err());
    assert!(verify_inclusion(&event(2).leaf_hash(), 2, 6, &incl, &c6.checkpoint.root).is_err());

    // A changed signature, a changed body, another SM2 key: refused.
    let mut bytes = c6.text.clone().into_bytes();
    let n = bytes.len();
    bytes[n - 5] = if bytes[n - 5] == b'A' { b'B' } else { b'A' };
    assert!(SignedCheckpoint::verify(&String::from_utf8(bytes).unwrap(), &key).is_err());
    assert!(SignedCheckpoint::verify(&c6.text.replacen("\n6\n", "\n7\n", 1), &key).is_err());
    let other = CheckpointSigner::new(ORIGIN, sm2(8), None).verifier_key();
    assert!(matches!(
        SignedCheckpoint::verify(&c6.text, &other),
        Err(CheckpointError::BadSignature(_))
    ));
}

/// One log, one suite: a key never signs a log of the other suite, a log key is never a
/// witness key, and an Ed25519 reader never takes an SM2 note's line for its own.
#[test]
fn suites_and_roles_do_not_mix() {
    let mut ed = CheckpointSigner::new(ORIGIN, SigningKey::from_bytes(&[5; 32]), None);
    assert!(matches!(
        ed.sign(&log_of(2)),
        Err(CheckpointError::Inconsistent(_))
    ));
    let mut sm = CheckpointSigner::new(ORIGIN, sm2(7), None);
    assert!(matches!(
        sm.sign(&AuditLog::from_events([event(0)].iter())),
        Err(CheckpointError::Inconsistent(_))
    ));
    let c = sm.sign(&log_of(2)).unwrap();
    // The Ed25519 key's name and the SM2 key's are the same: only the type tells them
    // apart, and an SM2 line never counts for an Ed25519 reader (its key ID differs).
    assert!(matches!(
        SignedCheckpoint::verify(&c.text, &ed.verifier_key()),
        Err(CheckpointError::BadSignature(_))
    ));
    // An Ed25519 checkpoint and an SM2 one of the same origin are not one log.
    let e = ed.sign(&AuditLog::from_events([event(0)].iter())).unwrap();
    assert!(matches!(
        e.check_extended_by(&c, &[]),
        Err(CheckpointError::Malformed(_))
    ));
    let w = Witness::new("witness.example.org/w1", sm2(9));
    // A witness key given as a log key, and the other way round.
    assert!(matches!(
        SignedCheckpoint::verify(&c.text, &w.verifier_key()),
        Err(CheckpointError::Malformed(_))
    ));
    assert!(matches!(
        verify_cosignature(&c.text, &sm.verifier_key()),
        Err(CheckpointError::Malformed(_))
    ));
    // A key ID that does not match its name and key.
    let vk = sm.verifier_key();
    let mut parts: Vec<&str> = vk.splitn(3, '+').collect();
    parts[1] = "00000000";
    assert!(SignedCheckpoint::verify(&c.text, &parts.join("+")).is_err());
}

/// An SM2 witness cosigns an SM2 log (and an Ed25519 one: a witness's suite is its own),
/// forward only, and its cosignature verifies only under its key.
#[test]
fn an_sm2_witness_cosigns_forward() {
    let mut signer = CheckpointSigner::new(ORIGIN, sm2(7), None);
    let mut state = WitnessState::default();
    state.add_log(ORIGIN, &signer.verifier_key()).unwrap();
    assert_eq!(
        state.logs[ORIGIN].root,
        AuditLog::new_in(Suite::Sm2Sm3).root(),
        "a new log starts at the SM3 empty root"
    );
    let w = Witness::new("witness.example.org/w1", sm2(9));
    assert_eq!(w.suite(), Suite::Sm2Sm3);
    let mut log = log_of(3);
    let c3 = signer.sign(&log).unwrap();
    let line = w
        .add_checkpoint(&mut state, &c3.text, 0, &[], 1_000)
        .unwrap();
    let cosigned = format!("{}{line}", c3.text);
    assert_eq!(
        verify_cosignature(&cosigned, &w.verifier_key()).unwrap(),
        1_000
    );
    SignedCheckpoint::verify(&cosigned, &signer.verifier_key()).unwrap();
    let other = Witness::new("witness.example.org/w1", sm2(10));
    assert!(verify_cosignature(&cosigned, &other.verifier_key()).is_err());
    let changed_time = {
        let b64 = base64::engine::general_purpose::STANDARD;
        let (head, sig) = line.trim_end().rsplit_once(' ').unwrap();
        let mut blob = b64.decode(sig).unwrap();
        blob[11] ^= 1;
        format!("{}{head} {}\n", c3.text, b64.encode(blob))
    };
    assert!(verify_cosignature(&changed_time, &w.verifier_key()).is_err());

    log.append(&event(3));
    let c4 = signer.sign(&log).unwrap();
    let proof = log.consistency_proof(3, 4).unwrap();
    w.add_checkpoint(&mut state, &c4.text, 3, &proof, 1_001)
        .unwrap();
    // A rollback to size 3 is refused; a SHA-256 proof does not pass as SM3.
    assert!(w
        .add_checkpoint(&mut state, &c3.text, 4, &[], 1_002)
        .is_err());
    let mut longer = log_of(4);
    longer.append(&event(9));
    let mut forger = CheckpointSigner::new(ORIGIN, sm2(7), None);
    let c5 = forger.sign(&longer).unwrap();
    let sha_proof = AuditLog::from_events(
        (0..4)
            .map(event)
            .chain([event(9)])
            .collect::<Vec<_>>()
            .iter(),
    )
    .consistency_proof(4, 5)
    .unwrap();
    assert!(w
        .add_checkpoint(&mut state, &c5.text, 4, &sha_proof, 1_003)
        .is_err());
    w.add_checkpoint(
        &mut state,
        &c5.text,
        4,
        &longer.consistency_proof(4, 5).unwrap(),
        1_003,
    )
    .unwrap();

    // The same SM2 witness cosigns an Ed25519 log.
    let mut ed = CheckpointSigner::new("o.example/ed", SigningKey::from_bytes(&[5; 32]), None);
    state.add_log("o.example/ed", &ed.verifier_key()).unwrap();
    let c = ed.sign(&AuditLog::from_events([event(0)].iter())).unwrap();
    let line = w
        .add_checkpoint(&mut state, &c.text, 0, &[], 1_004)
        .unwrap();
    assert_eq!(
        verify_cosignature(&format!("{}{line}", c.text), &w.verifier_key()).unwrap(),
        1_004
    );
}

/// The stored log file checks under its key's suite: every checkpoint, every root, and a
/// changed event is found.
#[test]
fn an_sm2_log_file_verifies_and_a_changed_event_is_found() {
    let mut signer = CheckpointSigner::new(ORIGIN, sm2(7), None);
    let mut log = AuditLog::new_in(Suite::Sm2Sm3);
    let mut events = Vec::new();
    let mut checkpoints = Vec::new();
    for i in 0..6 {
        events.push(event(i));
        log.append(&event(i));
        if i % 2 == 1 {
            checkpoints.push(signer.sign(&log).unwrap().text);
        }
    }
    let file = LogFile {
        origin: ORIGIN.into(),
        verifier_key: signer.verifier_key(),
        events,
        checkpoints,
    };
    let summary = file
        .verify(&signer.verifier_key(), &[Digest32([4; 32])])
        .unwrap();
    assert_eq!(summary.suite, Suite::Sm2Sm3);
    assert_eq!(summary.included, vec![(Digest32([4; 32]), 4)]);
    let mut changed = file.clone();
    changed.events[2].actor = "someone else".into();
    assert!(changed.verify(&signer.verifier_key(), &[]).is_err());
}

/// One key, one role across suites (docs/spec/trust.md): an SM2 point that is a signer's
/// key and also the log's or a witness's, or one SM2 witness under two names, is refused.
#[test]
fn a_trust_file_refuses_one_sm2_key_in_two_roles() {
    use crate::trust::{TrustFile, TrustedKey};
    let key = |role: &str, name: &str, public_key: String| TrustedKey {
        role: role.into(),
        name: name.into(),
        public_key,
        distid: None,
    };
    let (a, b) = (sm2(7), sm2(8));
    let log = CheckpointSigner::new(ORIGIN, a.clone(), None).verifier_key();
    let witness = |n: &str, k: &Sm2SecretKey| Witness::new(n, k.clone()).verifier_key();
    let base = TrustFile {
        format: crate::trust::TRUST_FORMAT.into(),
        name: "t".into(),
        chains: vec![],
        signers: vec![key("抽查负责人", "甲", b.public_key().to_hex())],
        participants: vec![],
        audit_log: Some(log),
        witnesses: vec![key(
            "见证人",
            "w.example/1",
            witness("w.example/1", &sm2(9)),
        )],
        witness_quorum: 1,
        annual_plan_issuers: vec![],
    };
    base.check().unwrap();
    let mut t = base.clone();
    t.signers[0].public_key = a.public_key().to_hex();
    assert!(t.check().is_err(), "the log's key is also a signer's");
    let mut t = base.clone();
    t.witnesses[0] = key("见证人", "w.example/1", witness("w.example/1", &a));
    assert!(t.check().is_err(), "the log's key is also a witness's");
    let mut t = base.clone();
    t.witnesses.push(key(
        "见证人",
        "w.example/2",
        witness("w.example/2", &sm2(9)),
    ));
    assert!(t.check().is_err(), "one witness under two names");
}

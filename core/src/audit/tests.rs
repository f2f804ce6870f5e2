use super::*;
use crate::encoding::merkle::leaf_hash;
use ed25519_dalek::SigningKey;

fn ct_leaves() -> Vec<Digest32> {
    crate::encoding::merkle::tests::ct_leaves()
        .iter()
        .map(|l| leaf_hash(l))
        .collect()
}

fn d(h: &str) -> Digest32 {
    Digest32::from_hex(h).unwrap()
}

fn log_of(leaves: &[Digest32]) -> AuditLog {
    AuditLog {
        suite: Suite::Ed25519Sha256,
        leaves: leaves.to_vec(),
    }
}

/// Audit paths from google/certificate-transparency merkle_tree_test.cc.
#[test]
fn ct_inclusion_known_answers() {
    let log = log_of(&ct_leaves());
    let cases: [(u64, u64, Vec<&str>); 4] = [
        (
            0,
            8,
            vec![
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            vec![
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            vec!["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
        (
            1,
            5,
            vec![
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (i, n, want) in cases {
        let proof = log.inclusion_proof(i, n).unwrap();
        assert_eq!(
            proof,
            want.iter().map(|h| d(h)).collect::<Vec<_>>(),
            "leaf {i} of {n}"
        );
        let root = log.root_at(n).unwrap();
        verify_inclusion(&log.leaves[i as usize], i, n, &proof, &root).unwrap();
    }
    assert_eq!(
        log.root().to_hex(),
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    );
}

/// Consistency proofs from the same test file.
#[test]
fn ct_consistency_known_answers() {
    let log = log_of(&ct_leaves());
    let cases: [(u64, u64, Vec<&str>); 4] = [
        (1, 1, vec![]),
        (
            1,
            8,
            vec![
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            vec![
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            vec![
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (m, n, want) in cases {
        let proof = log.consistency_proof(m, n).unwrap();
        assert_eq!(
            proof,
            want.iter().map(|h| d(h)).collect::<Vec<_>>(),
            "{m} → {n}"
        );
        verify_consistency(
            m,
            n,
            &log.root_at(m).unwrap(),
            &log.root_at(n).unwrap(),
            &proof,
        )
        .unwrap();
    }
}

fn ceil_log2(n: u64) -> usize {
    (64 - (n - 1).leading_zeros()) as usize
}

#[test]
fn every_proof_verifies_and_has_the_promised_size() {
    let leaves: Vec<Digest32> = (0u32..70).map(|i| leaf_hash(&i.to_be_bytes())).collect();
    let log = log_of(&leaves);
    for n in 1..=70u64 {
        let root = log.root_at(n).unwrap();
        for i in 0..n {
            let p = log.inclusion_proof(i, n).unwrap();
            assert!(
                p.len() <= ceil_log2(n.max(2)) || n == 1,
                "inclusion {i}/{n}: {}",
                p.len()
            );
            verify_inclusion(&leaves[i as usize], i, n, &p, &root).unwrap();
        }
        for m in 1..=n {
            let p = log.consistency_proof(m, n).unwrap();
            assert!(
                p.len() <= ceil_log2(n.max(2)) + 1,
                "consistency {m}/{n}: {}",
                p.len()
            );
            verify_consistency(m, n, &log.root_at(m).unwrap(), &root, &p).unwrap();
        }
    }
}

#[test]
fn mutated_proofs_are_rejected() {
    let leaves: Vec<Digest32> = (0u32..13).map(|i| leaf_hash(&i.to_be_bytes())).collect();
    let log = log_of(&leaves);
    let root = log.root();
    let p = log.inclusion_proof(5, 13).unwrap();
    let mut flipped = p.clone();
    flipped[1].0[7] ^= 1;
    assert_eq!(
        verify_inclusion(&leaves[5], 5, 13, &flipped, &root),
        Err(ProofError::RootMismatch)
    );
    assert!(matches!(
        verify_inclusion(&leaves[5], 5, 13, &p[..p.len() - 1], &root),
        Err(ProofError::WrongLength { .. })
    ));
    let mut long = p.clone();
    long.push(root);
    assert!(matches!(
        verify_inclusion(&leaves[5], 5, 13, &long, &root),
        Err(ProofError::WrongLength { .. })
    ));
    let last = log.inclusion_proof(12, 13).unwrap();
    verify_inclusion(&leaves[12], 12, 13, &last, &root).unwrap();
    assert!(
        verify_inclusion(&leaves[12], 12, 14, &last, &root).is_err(),
        "wrong size"
    );
    assert!(
        verify_inclusion(&leaves[5], 6, 13, &p, &root).is_err(),
        "wrong index"
    );
    assert!(
        verify_inclusion(&leaves[5], 13, 13, &p, &root).is_err(),
        "index out of range"
    );
    let c = log.consistency_proof(6, 13).unwrap();
    let r6 = log.root_at(6).unwrap();
    let mut cf = c.clone();
    cf[0].0[0] ^= 0x80;
    assert!(verify_consistency(6, 13, &r6, &root, &cf).is_err());
    assert!(verify_consistency(6, 13, &r6, &root, &c[..c.len() - 1]).is_err());
    let mut cl = c.clone();
    cl.push(root);
    assert!(verify_consistency(6, 13, &r6, &root, &cl).is_err());
    assert!(
        verify_consistency(7, 13, &r6, &root, &c).is_err(),
        "wrong size"
    );
    assert!(
        verify_consistency(6, 13, &r6, &r6, &c).is_err(),
        "wrong root"
    );
    assert!(
        verify_consistency(6, 13, &r6, &root, &[]).is_err(),
        "empty proof"
    );
}

fn event(n: u8, kind: EventKind) -> Event {
    Event {
        kind,
        actor: "治安总队".into(),
        time: 1_692_803_700 + i64::from(n),
        subject: Digest32([n; 32]),
        note: String::new(),
    }
}

#[test]
fn checkpoints_sign_verify_and_refuse_to_fork() {
    let key = [5u8; 32];
    let mut log = AuditLog::new();
    for n in 0..5 {
        log.append(&event(n, EventKind::RegisterChange));
    }
    let mut signer = CheckpointSigner::new(
        "shuangsuiji.example/ha-gat",
        SigningKey::from_bytes(&key),
        None,
    );
    let vkey = signer.verifier_key();
    let c1 = signer.sign(&log).unwrap();
    assert!(c1.text.starts_with("shuangsuiji.example/ha-gat\n5\n"));
    assert!(c1.text.contains("\n\n\u{2014} shuangsuiji.example/ha-gat "));
    let v1 = SignedCheckpoint::verify(&c1.text, &vkey).unwrap();
    assert_eq!(v1.checkpoint, c1.checkpoint);
    log.append(&event(9, EventKind::Redraw));
    let c2 = signer.sign(&log).unwrap();
    v1.check_extended_by(
        &SignedCheckpoint::verify(&c2.text, &vkey).unwrap(),
        &log.consistency_proof(5, 6).unwrap(),
    )
    .unwrap();

    // A rewritten history (same size, other event) is refused by the signer.
    let mut forked = AuditLog::new();
    for n in 0..4 {
        forked.append(&event(n, EventKind::RegisterChange));
    }
    forked.append(&event(77, EventKind::ManualChange));
    forked.append(&event(9, EventKind::Redraw));
    assert!(matches!(
        signer.sign(&forked),
        Err(CheckpointError::Inconsistent(_))
    ));
    let mut shorter = AuditLog::new();
    shorter.append(&event(0, EventKind::RegisterChange));
    assert!(matches!(
        signer.sign(&shorter),
        Err(CheckpointError::Inconsistent(_))
    ));

    // Wrong key, tampered body, tampered signature.
    let other = CheckpointSigner::new(
        "shuangsuiji.example/ha-gat",
        SigningKey::from_bytes(&[6u8; 32]),
        None,
    )
    .verifier_key();
    assert!(matches!(
        SignedCheckpoint::verify(&c1.text, &other),
        Err(CheckpointError::BadSignature(_))
    ));
    let tampered = c1.text.replacen("\n5\n", "\n6\n", 1);
    assert!(SignedCheckpoint::verify(&tampered, &vkey).is_err());
    let mut bytes = c1.text.clone().into_bytes();
    let n = bytes.len();
    bytes[n - 5] = if bytes[n - 5] == b'A' { b'B' } else { b'A' };
    assert!(SignedCheckpoint::verify(&String::from_utf8(bytes).unwrap(), &vkey).is_err());
}

/// Found by the tamper suite: text after a valid signature line must not pass.
#[test]
fn nothing_may_follow_the_signatures() {
    let mut log = AuditLog::new();
    log.append(&event(1, EventKind::Plan));
    let mut signer = CheckpointSigner::new("o", SigningKey::from_bytes(&[3; 32]), None);
    let c = signer.sign(&log).unwrap();
    let key = signer.verifier_key();
    assert!(SignedCheckpoint::verify(&c.text, &key).is_ok());
    for tail in ["x", "x\n", "\u{2014} o AAAA\n"] {
        assert!(
            matches!(
                SignedCheckpoint::verify(&format!("{}{tail}", c.text), &key),
                Err(CheckpointError::Malformed(_))
            ),
            "{tail:?}"
        );
    }
    assert!(
        SignedCheckpoint::verify(c.text.trim_end(), &key).is_err(),
        "no final newline"
    );
}

/// C2SP tlog-witness: the witness cosigns a checkpoint only when it extends the last one
/// it cosigned for that log, dates it, and its state moves only forward.
#[test]
fn a_witness_cosigns_forward_and_refuses_rollbacks_and_forks() {
    use super::{verify_cosignature, Witness, WitnessError, WitnessState};
    const ORIGIN: &str = "shuangsuiji.example/ha-gat";
    let mut log = AuditLog::new();
    for n in 0..3 {
        log.append(&event(n, EventKind::RegisterChange));
    }
    let mut signer = CheckpointSigner::new(ORIGIN, SigningKey::from_bytes(&[5; 32]), None);
    let c3 = signer.sign(&log).unwrap();
    for n in 3..5 {
        log.append(&event(n, EventKind::Commitment));
    }
    let c5 = signer.sign(&log).unwrap();

    let w = Witness::new("witness.example.org/w1", SigningKey::from_bytes(&[8; 32]));
    let mut state = WitnessState::default();
    state.add_log(ORIGIN, &signer.verifier_key()).unwrap();
    assert!(matches!(
        state.add_log(ORIGIN, &signer.verifier_key()),
        Err(WitnessError::Known(_))
    ));
    let line = w
        .add_checkpoint(&mut state, &c3.text, 0, &[], 1_000)
        .unwrap();
    let cosigned = format!("{}{line}", c3.text);
    assert_eq!(
        verify_cosignature(&cosigned, &w.verifier_key()).unwrap(),
        1_000
    );
    // The log's own signature still verifies beside the cosignature.
    SignedCheckpoint::verify(&cosigned, &signer.verifier_key()).unwrap();
    // A changed time or body breaks the cosignature; the log's note key is not a witness key.
    let forged = cosigned.replacen("\n3\n", "\n4\n", 1);
    assert!(verify_cosignature(&forged, &w.verifier_key()).is_err());
    assert!(verify_cosignature(&cosigned, &signer.verifier_key()).is_err());

    let proof = log.consistency_proof(3, 5).unwrap();
    let line5 = w
        .add_checkpoint(&mut state, &c5.text, 3, &proof, 2_000)
        .unwrap();
    assert_eq!(
        verify_cosignature(&format!("{}{line5}", c5.text), &w.verifier_key()).unwrap(),
        2_000
    );
    let before = state.clone();
    // Rollback: the smaller tree is refused whatever old size is claimed.
    assert!(matches!(
        w.add_checkpoint(&mut state, &c3.text, 5, &[], 3_000),
        Err(WitnessError::OldSizeTooLarge { old: 5, size: 3 })
    ));
    assert!(matches!(
        w.add_checkpoint(&mut state, &c3.text, 3, &[], 3_000),
        Err(WitnessError::Conflict { old: 3, latest: 5 })
    ));
    // Fork: the same log key signing another tree of 6 over a different prefix.
    let mut other = AuditLog::new();
    for n in 10..16 {
        other.append(&event(n, EventKind::RegisterChange));
    }
    let mut forker = CheckpointSigner::new(ORIGIN, SigningKey::from_bytes(&[5; 32]), None);
    let f6 = forker.sign(&other).unwrap();
    let fork_proof = other.consistency_proof(5, 6).unwrap();
    assert!(matches!(
        w.add_checkpoint(&mut state, &f6.text, 5, &fork_proof, 3_000),
        Err(WitnessError::Inconsistent(_))
    ));
    // A log nobody configured, and a checkpoint not signed by the log's key.
    let mut stranger =
        CheckpointSigner::new("other.example/log", SigningKey::from_bytes(&[6; 32]), None);
    let s = stranger.sign(&log).unwrap();
    assert!(matches!(
        w.add_checkpoint(&mut state, &s.text, 0, &[], 3_000),
        Err(WitnessError::UnknownLog(_))
    ));
    let mut impostor = CheckpointSigner::new(ORIGIN, SigningKey::from_bytes(&[7; 32]), None);
    let i = impostor.sign(&log).unwrap();
    assert!(matches!(
        w.add_checkpoint(&mut state, &i.text, 5, &[], 3_000),
        Err(WitnessError::Checkpoint(_))
    ));
    assert_eq!(state, before, "a refusal leaves the state as it was");
}

/// A log that signs a tree of size 0 with a root other than the empty tree's (a junk root
/// a later fork could hide behind) is not cosigned, and the witness's state stays empty.
#[test]
fn a_witness_refuses_a_size_zero_checkpoint_with_another_root() {
    use super::note::key_hash_of;
    use super::{Witness, WitnessError, WitnessState};
    use base64::Engine as _;
    use ed25519_dalek::Signer as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let origin = "shuangsuiji.example/junk";
    let key = SigningKey::from_bytes(&[11; 32]);
    // The note the log's own key would sign, written by hand: size 0, root not SHA-256("").
    let body = format!("{origin}\n0\n{}\n", b64.encode([7u8; 32]));
    let note_key = super::NoteKey::Ed25519(key.verifying_key());
    let mut blob = key_hash_of(origin, super::KeyRole::Log, &note_key).to_vec();
    blob.extend_from_slice(&key.sign(body.as_bytes()).to_bytes());
    let note = format!("{body}\n\u{2014} {origin} {}\n", b64.encode(blob));
    let signer = CheckpointSigner::new(origin, key, None);
    let mut state = WitnessState::default();
    state.add_log(origin, &signer.verifier_key()).unwrap();
    let before = state.clone();
    let w = Witness::new("witness.example.org/w1", SigningKey::from_bytes(&[8; 32]));
    assert!(matches!(
        w.add_checkpoint(&mut state, &note, 0, &[], 1_000),
        Err(WitnessError::Inconsistent(ProofError::RootMismatch))
    ));
    assert_eq!(state, before);
}

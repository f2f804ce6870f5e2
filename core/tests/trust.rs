//! Trust is an input (docs/spec/trust.md): a record consistent with itself under its own
//! keys and its own beacon chain is never "anchored", and the verdict names what has no
//! anchor. Attacks 1 and 4 of issue 16, as a dishonest operator would try them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use bls12_381::hash_to_curve::{ExpandMsgXmd, HashToCurve};
use bls12_381::{G1Affine, G1Projective, G2Affine, Scalar};
use common::*;
use shuangsuiji::draw::{BeaconChoice, BeaconError, DrandSpec, Signatory};
use shuangsuiji::encoding::public_key_hex;
use shuangsuiji::trust::{verify_trusted, Level, TrustFile, TrustedChain, TrustedKey, Unanchored};
use shuangsuiji::{BeaconRound, DrawError, Explain, SealedRecord, SigningKey};

const DST_G1: &[u8] = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

/// The operator's own "drand" chain: a BLS key it holds, so every round is known to it.
struct OwnChain {
    sk: Scalar,
    spec: DrandSpec,
}

impl OwnChain {
    fn new(round: u64) -> OwnChain {
        let sk = Scalar::from(0x5eed_5eed_u64);
        let pk = G2Affine::from(G2Affine::generator() * sk).to_compressed();
        OwnChain {
            sk,
            spec: DrandSpec {
                chain_hash: "ab".repeat(32),
                public_key: hex::encode(pk),
                genesis_time: 1_000,
                period_seconds: 3,
                round,
            },
        }
    }

    /// The chain as a trust file lists it, under `name`.
    fn trusted(&self, name: &str) -> TrustedChain {
        TrustedChain {
            name: name.into(),
            chain_hash: self.spec.chain_hash.clone(),
            public_key: self.spec.public_key.clone(),
            genesis_time: self.spec.genesis_time,
            period_seconds: self.spec.period_seconds,
        }
    }

    /// Round `round` signed as drand's unchained G1 scheme signs it.
    fn round(&self, round: u64) -> BeaconRound {
        use sha2_09::Digest;
        let msg = sha2_09::Sha256::digest(&round.to_be_bytes());
        let h: G1Projective =
            HashToCurve::<ExpandMsgXmd<sha2_09::Sha256>>::hash_to_curve(msg, DST_G1);
        let sig = G1Affine::from(h * self.sk).to_compressed();
        let randomness = sha2_09::Sha256::digest(&sig);
        BeaconRound {
            round,
            signature: hex::encode(sig),
            randomness: hex::encode(randomness),
        }
    }
}

fn world() -> World {
    World::new(targets(60), inspectors(6, 6))
}

fn sealed_under(w: &World, beacon: BeaconChoice, round: Option<&BeaconRound>) -> SealedRecord {
    let c = w.commitment(plan(), 7, beacon, 1_000);
    let mut s = SealedRecord::new(w.draw_under(&c, 7, round).unwrap()).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    s
}

fn trust_with_signer() -> TrustFile {
    TrustFile {
        format: "shuangsuiji/trust/v1".into(),
        name: "测试单位".into(),
        chains: vec![],
        signers: vec![TrustedKey {
            role: "抽查负责人".into(),
            name: "负责人".into(),
            public_key: public_key_hex(&SigningKey::from_bytes(&SIGNER_KEY)),
            distid: None,
        }],
        participants: vec![],
        audit_log: None,
        witnesses: vec![],
        witness_quorum: 0,
        annual_plan_issuers: vec![],
    }
}

fn kinds(u: &[Unanchored]) -> Vec<&'static str> {
    u.iter().map(Explain::kind).collect()
}

#[test]
fn a_self_made_chain_verifies_but_is_never_anchored_nor_called_quicknet() {
    let w = world();
    let own = OwnChain::new(5);
    let round = own.round(5);
    let s = sealed_under(&w, BeaconChoice::Drand(own.spec.clone()), Some(&round));
    // Consistent with itself: the plain re-run accepts it, which is why trust is an input.
    assert!(shuangsuiji::verify(&s, &w.targets, &w.inspectors).is_ok());
    let t = trust_with_signer();
    let v = verify_trusted(&s, &w.targets, &w.inspectors, Some(&t));
    assert_eq!(v.level, Level::NotAnchored);
    assert_eq!(
        v.unanchored.first(),
        Some(&Unanchored::Chain {
            chain_hash: own.spec.chain_hash.clone()
        })
    );
    let b = v.beacon.unwrap();
    assert_eq!((b.name, b.chain_hash), (None, own.spec.chain_hash.clone()));
    // Named in the trust file, the same chain is anchored under the trust file's name.
    let mut t2 = t.clone();
    t2.chains.push(own.trusted("省内测试链"));
    t2.check().unwrap();
    let v = verify_trusted(&s, &w.targets, &w.inspectors, Some(&t2));
    assert!(!kinds(&v.unanchored).contains(&"chain"));
    assert_eq!(v.beacon.unwrap().name.as_deref(), Some("省内测试链"));
}

#[test]
fn the_identity_key_and_signature_are_refused() {
    let w = world();
    let mut spec = OwnChain::new(5).spec;
    spec.public_key = format!("c0{}", "00".repeat(95));
    let identity_sig = format!("c0{}", "00".repeat(47));
    let round = BeaconRound {
        round: 5,
        randomness: hex::encode(<sha2_09::Sha256 as sha2_09::Digest>::digest(
            &hex::decode(&identity_sig).unwrap(),
        )),
        signature: identity_sig,
    };
    let c = w.commitment(plan(), 7, BeaconChoice::Drand(spec), 1_000);
    match w.draw_under(&c, 7, Some(&round)) {
        Err(DrawError::Beacon(e @ BeaconError::Malformed { .. })) => {
            assert!(e.to_string().contains("identity"), "{e}")
        }
        other => panic!("identity key accepted: {other:?}"),
    }
    // A real key with the identity as signature is refused too.
    let own = OwnChain::new(5);
    let mut forged = own.round(5);
    forged.signature = format!("c0{}", "00".repeat(47));
    let c = w.commitment(plan(), 7, BeaconChoice::Drand(own.spec), 1_000);
    assert!(matches!(
        w.draw_under(&c, 7, Some(&forged)),
        Err(DrawError::Beacon(BeaconError::Malformed { .. }))
    ));
}

#[test]
fn self_declared_signers_are_named_by_key() {
    let w = world();
    let s = w.sealed(plan(), 3);
    // The real signer's name, someone else's key: the re-run cannot tell, the verdict can.
    let mut t = trust_with_signer();
    t.signers[0].public_key = public_key_hex(&SigningKey::from_bytes(&[1; 32]));
    let v = verify_trusted(&s, &w.targets, &w.inspectors, Some(&t));
    assert_eq!(v.level, Level::NotAnchored);
    let signer_key = public_key_hex(&SigningKey::from_bytes(&SIGNER_KEY));
    assert!(v.unanchored.contains(&Unanchored::Signer {
        name: "负责人".into(),
        public_key: signer_key.clone(),
    }));
    assert_eq!(v.signers[0].role, None);
    // With the right key the signer is anchored and shown with its role.
    let v = verify_trusted(&s, &w.targets, &w.inspectors, Some(&trust_with_signer()));
    assert!(!kinds(&v.unanchored).contains(&"signer"));
    assert_eq!(v.signers[0].role.as_deref(), Some("抽查负责人"));
    assert_eq!(v.signers[0].public_key, signer_key);
}

#[test]
fn v1_records_are_at_best_consistent_and_say_why() {
    let w = world();
    let s = sealed_under(
        &w,
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        Some(&quicknet_round_123()),
    );
    let none = verify_trusted(&s, &w.targets, &w.inspectors, None);
    assert_eq!(none.level, Level::NotAnchored);
    assert_eq!(
        kinds(&none.unanchored),
        ["no_trust_file", "unsigned_participants", "time_anchor"]
    );
    assert_eq!(none.beacon.unwrap().name.as_deref(), Some("drand quicknet"));
    let t = trust_with_signer();
    let v = verify_trusted(&s, &w.targets, &w.inspectors, Some(&t));
    assert_eq!(
        kinds(&v.unanchored),
        ["unsigned_participants", "time_anchor"]
    );
    assert_eq!(v.anchored_time, None);
    for u in &v.unanchored {
        assert!(u
            .message_zh()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
    // Offline mode says so.
    let off = verify_trusted(&w.sealed(plan(), 3), &w.targets, &w.inspectors, Some(&t));
    assert!(kinds(&off.unanchored).contains(&"offline_beacon"));
    // A failed re-run is a failed verdict with the error, whatever the trust file says,
    // and nothing of it is shown as trusted (a copied name and key beside a bad signature
    // must not read as that person's).
    let mut bad = s.clone();
    bad.record.seed = shuangsuiji::Digest32([0; 32]);
    let f = verify_trusted(&bad, &w.targets, &w.inspectors, Some(&t));
    assert_eq!(f.level, Level::Failed);
    assert!(f.signers.iter().all(|s| s.role.is_none()));
    assert_eq!(f.beacon.as_ref().and_then(|b| b.name.clone()), None);
    assert_eq!(f.error.as_ref().unwrap().kind(), "mismatch");
    let j = f.to_json();
    assert_eq!(j["level"], "failed");
    assert_eq!(j["error"]["kind"], "mismatch");
    assert_eq!(j["trust"]["fingerprint"], t.fingerprint().to_hex());
}

#[test]
fn a_trust_file_follows_its_rules_all_problems_at_once() {
    let mut t = trust_with_signer();
    t.format = "other".into();
    t.signers.push(t.signers[0].clone());
    t.signers[1].name = "负责人\u{200b}".into();
    t.witness_quorum = 2;
    let mut quick = DrandSpec::quicknet(1);
    quick.genesis_time += 60;
    t.chains.push(TrustedChain {
        name: "假 quicknet".into(),
        chain_hash: quick.chain_hash,
        public_key: quick.public_key,
        genesis_time: quick.genesis_time,
        period_seconds: quick.period_seconds,
    });
    t.chains.push(TrustedChain {
        name: "恒等".into(),
        chain_hash: "cd".repeat(32),
        public_key: format!("c0{}", "00".repeat(95)),
        genesis_time: 1,
        period_seconds: 3,
    });
    let p = t.check().unwrap_err().problems;
    for want in [
        "format:",
        "signers.负责人\u{200b}.name:",
        ".public_key: given twice",
        "witness_quorum:",
        "chains.假 quicknet: quicknet's chain hash or key with other parameters",
        "chains.恒等.public_key: the identity point",
    ] {
        assert!(
            p.iter().any(|x| x.starts_with(want) || x.contains(want)),
            "missing {want:?} in {p:?}"
        );
    }
    let json = serde_json::to_vec(&trust_with_signer()).unwrap();
    assert_eq!(TrustFile::from_json(&json).unwrap(), trust_with_signer());
    assert!(TrustFile::from_json(b"{\"format\": 1}").is_err());
    // The fingerprint is the file's content, not its layout.
    let pretty = serde_json::to_vec_pretty(&trust_with_signer()).unwrap();
    assert_eq!(
        TrustFile::from_json(&pretty).unwrap().fingerprint(),
        trust_with_signer().fingerprint()
    );
    // One set of parameters per chain; witnesses and the log in note-key form.
    let own = OwnChain::new(1);
    let chain = |genesis_time| TrustedChain {
        genesis_time,
        ..own.trusted("省内测试链")
    };
    let mut t = trust_with_signer();
    t.chains = vec![chain(1_000), chain(5_000)];
    t.audit_log = Some("not a note key".into());
    t.witnesses.push(TrustedKey {
        role: "见证人".into(),
        name: "w".into(),
        public_key: "abc".into(),
        distid: None,
    });
    let p = t.check().unwrap_err().problems;
    for want in [
        "chains.省内测试链: a chain hash or key given twice",
        "audit_log:",
        "witnesses.w.public_key:",
    ] {
        assert!(
            p.iter().any(|x| x.starts_with(want)),
            "missing {want:?} in {p:?}"
        );
    }
}

#[test]
fn signer_names_and_participant_roles_have_one_spelling() {
    let w = world();
    let mut c = w.commitment(plan(), 7, BeaconChoice::Offline, 0).commitment;
    c.signers = vec![Signatory {
        name: "负责人\u{200b}".into(),
        public_key: public_key_hex(&SigningKey::from_bytes(&SIGNER_KEY)),
        distid: None,
    }];
    c.participants[1].role = "纪检监察\u{3000}".into();
    let DrawError::Commitment { problems } = c.check().unwrap_err() else {
        panic!()
    };
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("signers.") && p.contains(".name:")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("participants.jjjc.role:")),
        "{problems:?}"
    );
}

/// The time anchor (attack 2 of issue 16): the commitment's event in a checkpoint that the
/// trust file's witnesses cosigned before the beacon round. Anything less leaves the time
/// unanchored, with the reason.
#[test]
fn a_witnessed_checkpoint_anchors_the_commitment_time() {
    use shuangsuiji::audit::{AuditLog, CheckpointSigner, Event, EventKind, Witness, WitnessState};
    use shuangsuiji::trust::{verify_anchored, TimeAnchor};
    let w = world();
    let c = w.commitment(
        plan(),
        7,
        BeaconChoice::Drand(DrandSpec::quicknet(123)),
        1_692_803_700,
    );
    let mut s =
        SealedRecord::new(w.draw_under(&c, 7, Some(&quicknet_round_123())).unwrap()).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    let round_time = DrandSpec::quicknet(123).round_time();

    let origin = "shuangsuiji.example/test-log";
    let mut log = AuditLog::new();
    let ev = |kind, subject| Event {
        kind,
        actor: "测试".into(),
        time: 1_692_803_690,
        subject,
        note: String::new(),
    };
    log.append(&ev(EventKind::RegisterChange, c.commitment.roots.targets));
    let commitment_event = ev(EventKind::Commitment, c.hash);
    let index = log.append(&commitment_event);
    let mut signer = CheckpointSigner::new(origin, SigningKey::from_bytes(&[4; 32]), None);
    let cp = signer.sign(&log).unwrap();
    let witness = Witness::new("witness.example.org/w1", SigningKey::from_bytes(&[8; 32]));
    let mut state = WitnessState::default();
    state.add_log(origin, &signer.verifier_key()).unwrap();
    let cosign = |at: u64| {
        let mut st = state.clone();
        let line = witness
            .add_checkpoint(&mut st, &cp.text, 0, &[], at)
            .unwrap();
        format!("{}{line}", cp.text)
    };
    let anchor = |checkpoint: String| TimeAnchor {
        checkpoint,
        event: commitment_event.clone(),
        index,
        proof: log.inclusion_proof(index, log.size()).unwrap(),
        reveals: vec![],
        log: None,
        after_round: None,
    };
    let mut t = trust_with_signer();
    t.audit_log = Some(signer.verifier_key());
    t.witnesses.push(TrustedKey {
        role: "见证人".into(),
        name: "witness.example.org/w1".into(),
        public_key: witness.verifier_key(),
        distid: None,
    });
    t.witness_quorum = 1;
    t.check().unwrap();

    let before = (round_time - 20) as u64;
    let v = verify_anchored(
        &s,
        &w.targets,
        &w.inspectors,
        Some(&t),
        Some(&anchor(cosign(before))),
    );
    assert_eq!(v.anchored_time, Some(round_time - 20));
    // Participants of a v1 record still do not sign: the only gap left.
    assert_eq!(kinds(&v.unanchored), ["unsigned_participants"]);
    assert_eq!(v.level, Level::NotAnchored);

    let refused = |a: &TimeAnchor, t: &TrustFile| {
        let v = verify_anchored(&s, &w.targets, &w.inspectors, Some(t), Some(a));
        assert_eq!(v.anchored_time, None);
        v.unanchored
            .into_iter()
            .find_map(|u| match u {
                Unanchored::TimeAnchorRefused { reason } => Some(reason),
                _ => None,
            })
            .expect("the anchor is refused")
    };
    // Witnessed after the round: the outcome could have been known.
    let late = refused(&anchor(cosign(round_time as u64 + 5)), &t);
    assert!(late.contains("not before the beacon round"), "{late}");
    // Two witnesses required, one cosigned.
    let mut t2 = t.clone();
    t2.witnesses.push(TrustedKey {
        role: "见证人".into(),
        name: "witness.example.org/w2".into(),
        public_key: Witness::new("witness.example.org/w2", SigningKey::from_bytes(&[9; 32]))
            .verifier_key(),
        distid: None,
    });
    t2.witness_quorum = 2;
    assert!(refused(&anchor(cosign(before)), &t2).contains("1 of the 2"));
    // Another event, another log key, no cosignature at all.
    let mut other = anchor(cosign(before));
    other.event.subject = shuangsuiji::Digest32([1; 32]);
    assert!(refused(&other, &t).contains("not proven"));
    let mut t3 = t.clone();
    t3.audit_log =
        Some(CheckpointSigner::new(origin, SigningKey::from_bytes(&[5; 32]), None).verifier_key());
    assert!(refused(&anchor(cosign(before)), &t3).contains("not proven"));
    assert!(refused(&anchor(cp.text.clone()), &t).contains("0 of the 1"));
}

/// Review findings on the anchor: an untrusted chain's round time bounds nothing; one
/// witness key counts once; the quorum-th earliest witness time is the anchored time.
#[test]
fn anchors_need_a_trusted_chain_distinct_witnesses_and_a_quorum() {
    use shuangsuiji::audit::{AuditLog, CheckpointSigner, Event, EventKind, Witness, WitnessState};
    use shuangsuiji::trust::{verify_anchored, TimeAnchor};
    let w = world();
    let origin = "shuangsuiji.example/test-log";
    let setup = |beacon: BeaconChoice, round: Option<BeaconRound>| {
        let c = w.commitment(plan(), 7, beacon, 1_000);
        let mut s = SealedRecord::new(w.draw_under(&c, 7, round.as_ref()).unwrap()).unwrap();
        s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
        let mut log = AuditLog::new();
        let e = Event {
            kind: EventKind::Commitment,
            actor: "测试".into(),
            time: 1_000,
            subject: c.hash,
            note: String::new(),
        };
        let index = log.append(&e);
        let mut signer = CheckpointSigner::new(origin, SigningKey::from_bytes(&[4; 32]), None);
        let cp = signer.sign(&log).unwrap();
        (s, log, e, index, signer.verifier_key(), cp.text)
    };
    let witness = |n: u8| {
        let name = format!("witness.example.org/w{n}");
        Witness::new(&name, SigningKey::from_bytes(&[20 + n; 32]))
    };
    let cosigned = |text: &str, log_key: &str, ws: &[(Witness, u64)]| {
        let mut out = text.to_string();
        for (wi, at) in ws {
            let mut st = WitnessState::default();
            st.add_log(origin, log_key).unwrap();
            out.push_str(&wi.add_checkpoint(&mut st, text, 0, &[], *at).unwrap());
        }
        out
    };
    let trust_for = |log_key: &str, ws: &[&Witness], quorum: u32| {
        let mut t = trust_with_signer();
        t.audit_log = Some(log_key.to_string());
        for wi in ws {
            let vk = wi.verifier_key();
            t.witnesses.push(TrustedKey {
                role: "见证人".into(),
                name: vk.split('+').next().unwrap().into(),
                public_key: vk,
                distid: None,
            });
        }
        t.witness_quorum = quorum;
        t
    };

    // An operator's own chain: consistent, witnessed early, but its round time is its own.
    let own = OwnChain::new(5);
    let (s, log, e, index, lk, text) =
        setup(BeaconChoice::Drand(own.spec.clone()), Some(own.round(5)));
    let w1 = witness(1);
    let anchor = TimeAnchor {
        checkpoint: cosigned(&text, &lk, &[(witness(1), 1_001)]),
        event: e.clone(),
        index,
        proof: log.inclusion_proof(index, log.size()).unwrap(),
        reveals: vec![],
        log: None,
        after_round: None,
    };
    let t = trust_for(&lk, &[&w1], 1);
    t.check().unwrap();
    let v = verify_anchored(&s, &w.targets, &w.inspectors, Some(&t), Some(&anchor));
    assert_eq!(v.anchored_time, None);
    assert!(v.unanchored.iter().any(|u| matches!(u,
        Unanchored::TimeAnchorRefused { reason } if reason.contains("not trusted"))));
    // Trusted, the same chain's anchor holds.
    let mut t2 = t.clone();
    t2.chains.push(own.trusted("测试链"));
    let v = verify_anchored(&s, &w.targets, &w.inspectors, Some(&t2), Some(&anchor));
    assert_eq!(v.anchored_time, Some(1_001));

    // Three witnesses at 1_009, 1_003, 1_005 with a quorum of 2: the 2nd earliest counts.
    let (w2, w3) = (witness(2), witness(3));
    let three = TimeAnchor {
        checkpoint: cosigned(
            &text,
            &lk,
            &[
                (witness(1), 1_009),
                (witness(2), 1_003),
                (witness(3), 1_005),
            ],
        ),
        ..anchor.clone()
    };
    let mut t3 = trust_for(&lk, &[&w1, &w2, &w3], 2);
    t3.chains = t2.chains.clone();
    t3.check().unwrap();
    let v = verify_anchored(&s, &w.targets, &w.inspectors, Some(&t3), Some(&three));
    assert_eq!(v.anchored_time, Some(1_005));

    // One key under two witness names, and a witness name that is not its key's: each
    // refused by the trust file's rules.
    let mut dup = trust_for(&lk, &[&w1], 2);
    let mut second = dup.witnesses[0].clone();
    second.name = "witness.example.org/alias".into();
    dup.witnesses.push(second);
    let p = dup.check().unwrap_err().problems;
    assert!(
        p.iter()
            .any(|x| x.contains("the same key is given another role or name")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x.starts_with("witnesses.witness.example.org/alias.name")),
        "{p:?}"
    );
    // A witness whose key is the log's own key: the operator witnessing itself.
    let log_as_witness = Witness::new("witness.example.org/log", SigningKey::from_bytes(&[4; 32]));
    let p = trust_for(&lk, &[&log_as_witness], 1)
        .check()
        .unwrap_err()
        .problems;
    assert!(
        p.iter()
            .any(|x| x.starts_with("witnesses.witness.example.org/log.public_key")),
        "{p:?}"
    );
}

#[test]
fn a_witness_refuses_time_zero() {
    use shuangsuiji::audit::{AuditLog, CheckpointSigner, Witness, WitnessError, WitnessState};
    let log = AuditLog::new();
    let mut signer = CheckpointSigner::new("o.example/log", SigningKey::from_bytes(&[4; 32]), None);
    let cp = signer.sign(&log).unwrap();
    let mut st = WitnessState::default();
    st.add_log("o.example/log", &signer.verifier_key()).unwrap();
    let wi = Witness::new("w.example/w", SigningKey::from_bytes(&[5; 32]));
    assert!(matches!(
        wi.add_checkpoint(&mut st, &cp.text, 0, &[], 0),
        Err(WitnessError::Timestamp(0))
    ));
    // The empty tree with its own root is cosigned.
    wi.add_checkpoint(&mut st, &cp.text, 0, &[], 1).unwrap();
}

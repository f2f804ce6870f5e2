//! The `sm2-sm3` suite (docs/spec/suites.md): the demo draw under SM3 and SM2
//! (tests/vectors/v2-sm2-sm3) re-made byte for byte from its inputs and anchored, and each
//! way of mixing the suites refused.
#![cfg(feature = "import")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::Value;
use shuangsuiji::encoding::sm::Sm2SecretKey;
use shuangsuiji::hazmat::{subseed_in, ticket_in};
use shuangsuiji::trust::{verify_anchored, Level, TimeAnchor, TrustFile};
use shuangsuiji::Digest32;
use shuangsuiji::{
    draw, import, verify, BeaconRound, DrawInputs, ItemList, PublicInspectorRegister, Reveal,
    SealedRecord, SignedCommitment, SigningKey, Suite, TargetRegister,
};

fn json(p: &str) -> Value {
    serde_json::from_slice(&std::fs::read(format!("../{p}")).unwrap()).unwrap()
}

struct Sample {
    items: ItemList,
    targets: TargetRegister,
    public: PublicInspectorRegister,
    v: Value,
}

fn sample() -> Sample {
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
    Sample {
        items: import::items(&read("items.csv"), "豫政办〔2017〕80号").unwrap(),
        targets: import::targets(&read("targets.csv"), as_of).unwrap(),
        public: import::inspectors(&read("inspectors.csv"), as_of)
            .unwrap()
            .public_view(&key),
        v: json("tests/vectors/v2-sm2-sm3/draw-sample.json"),
    }
}

fn run(
    s: &Sample,
    c: &SignedCommitment,
) -> Result<shuangsuiji::DrawRecord, shuangsuiji::DrawError> {
    let reveals: Vec<Reveal> = serde_json::from_value(s.v["inputs"]["reveals"].clone()).unwrap();
    let beacon: BeaconRound = serde_json::from_value(s.v["inputs"]["beacon"].clone()).unwrap();
    draw(DrawInputs {
        commitment: c,
        item_list: &s.items,
        targets: &s.targets,
        inspectors: &s.public,
        reveals: &reveals,
        beacon: Some(&beacon),
        published: &[],
    })
}

fn commitment(s: &Sample) -> SignedCommitment {
    serde_json::from_value(s.v["inputs"]["commitment"].clone()).unwrap()
}

/// docs/spec/suites.md §3: every protocol hash is SM3 and every signature SM2; the vector
/// re-made from its inputs gives the same bytes, and the verdict is anchored.
#[test]
fn the_sm2_sm3_vector_is_remade_byte_for_byte_and_anchored() {
    let s = sample();
    let c = commitment(&s);
    assert_eq!(c.commitment.suite, Suite::Sm2Sm3);
    // The roots are the registers' under SM3, not under SHA-256.
    assert_eq!(c.commitment.roots.targets, s.targets.root_in(Suite::Sm2Sm3));
    assert_ne!(c.commitment.roots.targets, s.targets.root());
    assert_eq!(
        c.commitment.roots.inspectors,
        s.public.root_in(Suite::Sm2Sm3)
    );
    assert_eq!(c.commitment.roots.item_list, s.items.hash_in(Suite::Sm2Sm3));
    let e = &s.v["expected"];
    assert_eq!(c.commitment.hash().unwrap().to_hex(), e["commitment_hash"]);
    let rec = run(&s, &c).unwrap();
    assert_eq!(rec.seed.to_hex(), e["seed"]);
    for (purpose, want) in e["subseeds"].as_object().unwrap() {
        assert_eq!(
            subseed_in(Suite::Sm2Sm3, &rec.seed, purpose).to_hex(),
            *want,
            "{purpose}"
        );
    }
    for st in &rec.strata {
        let ss = subseed_in(Suite::Sm2Sm3, &rec.seed, &format!("target/{}", st.key));
        for t in st.selected.iter().chain(&st.alternates) {
            assert_eq!(ticket_in(Suite::Sm2Sm3, &ss, &t.target), t.ticket);
        }
    }
    let bytes = std::fs::read("../tests/vectors/v2-sm2-sm3/draw-sample.record.json").unwrap();
    assert_eq!(
        rec.canonical_bytes().unwrap(),
        bytes,
        "canonical record bytes"
    );
    assert_eq!(rec.hash().unwrap().to_hex(), e["record_hash"]);
    let sealed = SealedRecord {
        record: rec,
        hash: serde_json::from_value(e["record_hash"].clone()).unwrap(),
        signatures: serde_json::from_value(e["record_signatures"].clone()).unwrap(),
    };
    let verified = verify(&sealed, &s.targets, &s.public).unwrap();
    assert_eq!(verified.suite, Suite::Sm2Sm3);
    let trust =
        TrustFile::from_json(&std::fs::read("../tests/vectors/v2-sm2-sm3/trust.json").unwrap())
            .unwrap();
    let anchor: TimeAnchor =
        serde_json::from_value(json("tests/vectors/v2-sm2-sm3/anchor.json")).unwrap();
    let v = verify_anchored(&sealed, &s.targets, &s.public, Some(&trust), Some(&anchor));
    assert_eq!(v.level, Level::Anchored, "{:?}", v.unanchored);
    assert_eq!(v.to_json(), json("tests/vectors/v2-sm2-sm3/verdict.json"));
    assert_eq!(v.to_json()["verified"]["suite"], "sm2-sm3");
}

/// The suite, not a key's length, says which algorithm verifies: the same commitment
/// read under the default suite hashes otherwise and its SM2 keys are refused; an Ed25519
/// signature in an SM2 commitment is refused; and the default suite is never written.
#[test]
fn the_suites_do_not_mix() {
    let s = sample();
    let c = commitment(&s);
    // Dropped suite: the commitment hash no longer matches what was signed.
    let mut plain = c.clone();
    plain.commitment.suite = Suite::Ed25519Sha256;
    assert!(run(&s, &plain).is_err());
    // A signer's SM2 signature replaced by an Ed25519 one under the listed name.
    let mut mixed = c.clone();
    let ed = SigningKey::from_bytes(&[5; 32]);
    let name = mixed.commitment.signers[0].name.clone();
    mixed.commitment.signers[0].public_key = shuangsuiji::encoding::public_key_hex(&ed);
    assert!(
        mixed.commitment.check().is_err(),
        "an Ed25519 key in an sm2-sm3 commitment"
    );
    // An SM2 signature by another key, under the listed signer's name.
    let mut forged = c.clone();
    let other = Sm2SecretKey::from_bytes(&[9; 32]).unwrap();
    forged.signatures.retain(|e| e.signer != name);
    forged.sign(&name, &other);
    let rec = run(&s, &c).unwrap();
    let mut sealed = SealedRecord::new(rec).unwrap();
    sealed.record.commitment = forged;
    assert!(verify(&sealed, &s.targets, &s.public).is_err());
    // The default written out, and a suite in a draw/v1 commitment, are refused.
    let mut text = s.v["inputs"]["commitment"].clone();
    text["commitment"]["suite"] = "ed25519-sha256".into();
    assert!(serde_json::from_value::<SignedCommitment>(text).is_err());
    let mut v1 = c.commitment.clone();
    v1.algorithm = shuangsuiji::draw::ALGORITHM.into();
    let e = v1.check().unwrap_err().to_string();
    assert!(e.contains("suite: a draw/v2 member"), "{e}");
}

/// One draw, one suite: an annual plan under the default suite in an sm2-sm3 commitment.
#[test]
fn an_annual_plan_of_the_other_suite_is_refused() {
    let s = sample();
    let mut c = commitment(&s).commitment;
    if let Some(r) = c.plan.annual_task.as_mut() {
        r.annual_plan.plan.suite = Suite::Ed25519Sha256;
    }
    let e = c.check().unwrap_err().to_string();
    assert!(e.contains("one draw, one suite"), "{e}");
}

/// A record whose every signature was made by other tools — gmssl (Python) and sm-crypto
/// (JavaScript), random nonces — verifies here; one changed signature does not.
#[test]
fn a_record_signed_by_gmssl_and_sm_crypto_verifies() {
    let s = sample();
    let f = json("tests/vectors/v2-sm2-sm3/foreign-signed.json");
    let sealed: SealedRecord = serde_json::from_value(f["sealed"].clone()).unwrap();
    assert_eq!(sealed.suite(), Suite::Sm2Sm3);
    verify(&sealed, &s.targets, &s.public).unwrap();
    let flip = |h: &mut String| {
        let last = h.pop().unwrap();
        h.push(if last == '0' { '1' } else { '0' });
    };
    let mut bad = sealed.clone();
    flip(&mut bad.signatures[1].signature);
    assert!(verify(&bad, &s.targets, &s.public).is_err());
    let mut bad = sealed.clone();
    flip(&mut bad.record.commitment.participant_signatures[0].signature);
    assert!(verify(&bad, &s.targets, &s.public).is_err());
    let mut bad = sealed;
    if let Some(sig) = bad.record.reveals[1].signature.as_mut() {
        flip(sig);
    }
    assert!(verify(&bad, &s.targets, &s.public).is_err());
}

/// Signatures made elsewhere are filed only for the document in hand, once per listed
/// signer, under the listed key: a stale hash, an unlisted name, a second signature and
/// another key are each refused, and nothing is kept.
#[test]
fn signatures_made_elsewhere_are_checked_before_they_are_filed() {
    use shuangsuiji::encoding::{SignatureEntry, SignatureError, COMMITMENT_CONTEXT};
    let s = sample();
    let c = commitment(&s);
    let name = c.commitment.signers[0].name.clone();
    let mut fresh = c.clone();
    fresh.signatures.clear();
    // The demo's own key for that signer, as another tool would hold it.
    let key = Sm2SecretKey::from_bytes(
        &<sha2::Sha256 as sha2::Digest>::digest(format!("shuangsuiji demo signing key {name}"))
            .into(),
    )
    .unwrap();
    let entry = |signer: &str, k: &Sm2SecretKey, msg: &[u8]| SignatureEntry {
        signer: signer.into(),
        public_key: k.public_key().to_hex(),
        signature: hex::encode(k.sign(None, msg).unwrap()),
    };
    let msg = fresh.signing_message();
    assert_eq!(
        msg,
        shuangsuiji::encoding::signing_message(COMMITMENT_CONTEXT, &fresh.hash)
    );
    // A hash copied from another commitment: nothing is filed for it.
    let mut stale = fresh.clone();
    stale.hash = Digest32([1; 32]);
    assert_eq!(
        stale.add_signature(entry(&name, &key, &stale.signing_message())),
        Err(SignatureError::StaleHash)
    );
    assert!(matches!(
        fresh.add_signature(entry("someone else", &key, &msg)),
        Err(SignatureError::NotListed { .. })
    ));
    let other = Sm2SecretKey::from_bytes(&[9; 32]).unwrap();
    assert!(matches!(
        fresh.add_signature(entry(&name, &other, &msg)),
        Err(SignatureError::KeyMismatch { .. })
    ));
    // Over the participants' message instead of the signers': does not verify.
    assert_eq!(
        fresh.add_signature(entry(&name, &key, &fresh.participant_signing_message())),
        Err(SignatureError::DoesNotVerify)
    );
    assert!(fresh.signatures.is_empty());
    fresh.add_signature(entry(&name, &key, &msg)).unwrap();
    assert!(matches!(
        fresh.add_signature(entry(&name, &key, &msg)),
        Err(SignatureError::AlreadySigned { .. })
    ));
    assert_eq!(fresh.signatures.len(), 1);
    assert!(fresh.signatures[0].signer == name);
}

/// Publication under `sm2-sm3` (docs/spec/suites.md §3.1): the notice of an sm2-sm3 draw is
/// SM2-signed with SM3 commitments, policy digest and notice hash; it covers the draw and
/// its disclosures open; an Ed25519 notice of the same results does not cover it (one draw,
/// one suite), nor does an SM2 notice an Ed25519 draw.
#[test]
fn an_sm2_sm3_draw_is_published_under_sm2() {
    use rand_chacha::rand_core::SeedableRng;
    use shuangsuiji::publish::{coverage, NoticeHeader, OutcomeCode, ResultTarget, TeamMember};
    use shuangsuiji::{publish, Date, InspectionResult, NoticeError, RedactionPolicy};
    let s = sample();
    let sealed = SealedRecord::new(run(&s, &commitment(&s)).unwrap()).unwrap();
    let day = Date::from_calendar_date(2023, time::Month::September, 10).unwrap();
    let results: Vec<InspectionResult> = sealed
        .record
        .teams
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, t)| InspectionResult {
            id: format!("R{i:03}"),
            draw_record: sealed.hash,
            target: ResultTarget {
                id: t.target.clone(),
                name: "某公司".into(),
                uscc: None,
                address: None,
                contact: None,
            },
            items: sealed.record.commitment.commitment.plan.items.clone(),
            entered_by: t.members[0].inspector.clone(),
            team: t
                .members
                .iter()
                .map(|m| TeamMember {
                    inspector_id: m.inspector.clone(),
                    name: "某人".into(),
                    badge: None,
                })
                .collect(),
            inspection_date: day,
            result_date: day,
            outcome: OutcomeCode::NoProblemFound,
            findings: String::new(),
            follow_up: vec![],
            sensitivity: vec![],
        })
        .collect();
    shuangsuiji::publish::check_results_in_draw(&results, &sealed).unwrap();
    let header = NoticeHeader {
        notice_id: "N1".into(),
        publisher: "某单位".into(),
        published_on: Date::from_calendar_date(2023, time::Month::September, 20).unwrap(),
        draw_record: sealed.hash,
    };
    let policy = RedactionPolicy::default_policy();
    let sm_key = Sm2SecretKey::from_bytes(&[3; 32]).unwrap();
    let mut rng = rand_chacha::ChaCha20Rng::from_seed([1; 32]);
    let p = publish(&results, &policy, header.clone(), &sm_key, &mut rng).unwrap();
    let n = &p.notice.notice;
    assert_eq!(n.suite, Suite::Sm2Sm3);
    assert_eq!(n.publisher_key.0, sm_key.public_key().to_hex());
    assert_eq!(n.policy_digest, policy.digest_in(Suite::Sm2Sm3));
    assert_ne!(n.policy_digest, policy.digest());
    assert_eq!(
        n.hash(),
        Suite::Sm2Sm3.tagged_hash(shuangsuiji::publish::NOTICE_TAG, &[&n.canonical_bytes()])
    );
    let json = serde_json::to_value(&p.notice).unwrap();
    assert_eq!(json["notice"]["suite"], "sm2-sm3");
    let c = coverage(&p.notice, &sealed).unwrap();
    assert_eq!(c.published, 3);
    assert!(!p.disclosures.is_empty());
    p.notice.verify_disclosures(&p.disclosures).unwrap();
    for d in &p.disclosures {
        assert_ne!(d.digest_in(Suite::Sm2Sm3), d.digest());
    }
    // A changed signature, or the suite member removed, does not verify.
    let mut t = p.notice.clone();
    t.signature.0[5] ^= 1;
    assert_eq!(t.verify(), Err(NoticeError::BadSignature));
    let mut t = p.notice.clone();
    t.notice.suite = Suite::Ed25519Sha256;
    assert_eq!(t.verify(), Err(NoticeError::BadKey));
    // A second spelling of the publisher key (upper case) is not the key.
    let mut t = p.notice.clone();
    t.notice.publisher_key.0 = t.notice.publisher_key.0.to_uppercase();
    assert_eq!(t.verify(), Err(NoticeError::BadKey));

    // One draw, one suite, both ways.
    let ed_key = SigningKey::from_bytes(&[3; 32]);
    let ed = publish(&results, &policy, header, &ed_key, &mut rng).unwrap();
    assert!(matches!(
        coverage(&ed.notice, &sealed),
        Err(NoticeError::OtherSuite { .. })
    ));
    assert!(shuangsuiji::publish::check_publisher_suite(&sealed, Suite::Ed25519Sha256).is_err());
    shuangsuiji::publish::check_publisher_suite(&sealed, Suite::Sm2Sm3).unwrap();
    // And the other way: the SM2 notice does not cover an ed25519-sha256 draw.
    let ed_record: shuangsuiji::DrawRecord = serde_json::from_slice(
        &std::fs::read("../tests/vectors/v2/draw-sample.record.json").unwrap(),
    )
    .unwrap();
    let ed_sealed = SealedRecord::new(ed_record).unwrap();
    assert!(matches!(
        coverage(&p.notice, &ed_sealed),
        Err(NoticeError::OtherSuite { .. })
    ));
    assert!(shuangsuiji::publish::check_publisher_suite(&ed_sealed, Suite::Sm2Sm3).is_err());
}

/// GB/T 32918: d = n − 1 is not a private key (it could never sign), however it arrives.
#[test]
fn the_scalar_n_minus_1_is_refused() {
    let n_minus_1 =
        hex::decode("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122").unwrap();
    let b: [u8; 32] = n_minus_1.try_into().unwrap();
    assert!(Sm2SecretKey::from_bytes(&b).is_err());
    let mut below = b;
    below[31] -= 1;
    assert!(Sm2SecretKey::from_bytes(&below).is_ok());
}

fn demo_sm2(label: &str) -> Sm2SecretKey {
    Sm2SecretKey::from_bytes(&<sha2::Sha256 as sha2::Digest>::digest(label).into()).unwrap()
}

/// docs/spec/suites.md §3 "Identifiers": a signer and a participant whose keys sign under
/// another distinguishing identifier (GM/T 0009) name it in the commitment; their
/// signatures verify under it and not under the default, the whole draw verifies, and a
/// trust file trusts them only when it names the same identifier.
#[test]
fn keys_under_another_identifier_sign_and_are_trusted_only_under_it() {
    use shuangsuiji::encoding::{SignatureEntry, SignatureError};
    use shuangsuiji::trust::{verify_trusted, Unanchored};
    let s = sample();
    let given = commitment(&s);
    let mut cm = given.commitment.clone();
    let (signer, pid) = (cm.signers[0].name.clone(), cm.participants[0].id.clone());
    let (sid, ppid) = ("zhangsan@gat.example.gov.cn", "jjjc-2023");
    cm.signers[0].distid = Some(sid.into());
    cm.participants[0].distid = Some(ppid.into());
    let mut c = SignedCommitment::new(cm.clone()).unwrap();
    assert_ne!(
        c.hash, given.hash,
        "the identifier is inside the hashed commitment"
    );
    let skey = |name: &str| demo_sm2(&format!("shuangsuiji demo signing key {name}"));
    let pkey = |id: &str| demo_sm2(&format!("shuangsuiji demo participant key {id}"));
    let entry = |who: &str, k: &Sm2SecretKey, id: Option<&str>, msg: &[u8]| SignatureEntry {
        signer: who.into(),
        public_key: k.public_key().to_hex(),
        signature: hex::encode(k.sign(id, msg).unwrap()),
    };
    let msg = c.signing_message();
    assert_eq!(
        c.add_signature(entry(&signer, &skey(&signer), None, &msg)),
        Err(SignatureError::DoesNotVerify)
    );
    c.add_signature(entry(&signer, &skey(&signer), Some(sid), &msg))
        .unwrap();
    for x in &cm.signers[1..] {
        c.add_signature(entry(&x.name, &skey(&x.name), None, &msg))
            .unwrap();
    }
    let pmsg = c.participant_signing_message();
    assert_eq!(
        c.add_participant_signature(entry(&pid, &pkey(&pid), None, &pmsg)),
        Err(SignatureError::DoesNotVerify)
    );
    c.add_participant_signature(entry(&pid, &pkey(&pid), Some(ppid), &pmsg))
        .unwrap();
    for p in &cm.participants[1..] {
        c.add_participant_signature(entry(&p.id, &pkey(&p.id), None, &pmsg))
            .unwrap();
    }
    let mut reveals: Vec<Reveal> =
        serde_json::from_value(s.v["inputs"]["reveals"].clone()).unwrap();
    let sign_reveals = |reveals: &mut Vec<Reveal>, first: Option<&str>| {
        for r in reveals.iter_mut() {
            let secret: [u8; 32] = hex::decode(&r.secret).unwrap().try_into().unwrap();
            let m = shuangsuiji::draw::reveal_signing_message(
                Suite::Sm2Sm3,
                &c.hash,
                &r.participant,
                &secret,
            );
            let id = if r.participant == pid { first } else { None };
            r.signature = Some(hex::encode(pkey(&r.participant).sign(id, &m).unwrap()));
        }
    };
    let beacon: BeaconRound = serde_json::from_value(s.v["inputs"]["beacon"].clone()).unwrap();
    let run_with = |reveals: &[Reveal]| {
        draw(DrawInputs {
            commitment: &c,
            item_list: &s.items,
            targets: &s.targets,
            inspectors: &s.public,
            reveals,
            beacon: Some(&beacon),
            published: &[],
        })
    };
    // A reveal signed under the default identifier is refused, naming the participant.
    sign_reveals(&mut reveals, None);
    let e = run_with(&reveals).unwrap_err().to_string();
    assert!(e.contains(&pid) && e.contains("reveal"), "{e}");
    sign_reveals(&mut reveals, Some(ppid));
    let mut sealed = SealedRecord::new(run_with(&reveals).unwrap()).unwrap();
    let rmsg = sealed.signing_message();
    for x in &cm.signers {
        sealed
            .add_signature(entry(&x.name, &skey(&x.name), x.distid.as_deref(), &rmsg))
            .unwrap();
    }
    verify(&sealed, &s.targets, &s.public).unwrap();

    // The trust file compares the identifier with the key, byte for byte.
    let mut t: TrustFile =
        serde_json::from_value(json("tests/vectors/v2-sm2-sm3/trust.json")).unwrap();
    let untrusted = |t: &TrustFile| -> Vec<String> {
        verify_trusted(&sealed, &s.targets, &s.public, Some(t))
            .unanchored
            .iter()
            .filter_map(|u| match u {
                Unanchored::Signer { name, .. } => Some(name.clone()),
                Unanchored::Participant { id, .. } => Some(id.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(untrusted(&t), vec![signer.clone(), pid.clone()]);
    t.signers
        .iter_mut()
        .filter(|k| k.name == signer)
        .for_each(|k| k.distid = Some(sid.into()));
    t.participants
        .iter_mut()
        .filter(|k| k.name == pid)
        .for_each(|k| k.distid = Some(ppid.into()));
    t.check().unwrap();
    assert!(untrusted(&t).is_empty(), "{:?}", untrusted(&t));

    // The identifier's rules: SM2 only, never the default written out, never empty.
    let refused = |f: &dyn Fn(&mut shuangsuiji::Commitment)| {
        let mut x = cm.clone();
        f(&mut x);
        x.check().unwrap_err().to_string()
    };
    assert!(
        refused(&|x| x.signers[0].distid = Some("1234567812345678".into()))
            .contains(&format!("signers.{signer}.distid: the default identifier"))
    );
    assert!(refused(&|x| x.participants[0].distid = Some(String::new())).contains("distid"));
    let mut ed = given.commitment.clone();
    ed.suite = Suite::Ed25519Sha256;
    ed.signers[0].distid = Some(sid.into());
    assert!(ed
        .check()
        .unwrap_err()
        .to_string()
        .contains("only an SM2 key"));
    let mut bad = t.clone();
    bad.witnesses[0].distid = Some(sid.into());
    assert!(bad.check().is_err(), "a note key has no identifier");
}

/// The vector's notice (tests/vectors/v2-sm2-sm3/notice.*): SM2-signed over the SM3 notice
/// hash of its canonical bytes, its CSV is its rendering, its disclosures open, it covers
/// the vector's record; a changed value is refused.
#[test]
fn the_sm2_sm3_notice_vector_verifies() {
    use shuangsuiji::publish::{coverage, Disclosure, SignedNotice, NOTICE_TAG};
    let read = |f: &str| std::fs::read(format!("../tests/vectors/v2-sm2-sm3/{f}")).unwrap();
    let n: SignedNotice = serde_json::from_slice(&read("notice.json")).unwrap();
    assert_eq!(n.notice.suite, Suite::Sm2Sm3);
    assert_eq!(n.notice.canonical_bytes(), read("notice.jcs"));
    let h = n.verify().unwrap();
    assert_eq!(
        h,
        Suite::Sm2Sm3.tagged_hash(NOTICE_TAG, &[&read("notice.jcs")])
    );
    n.verify_csv(std::str::from_utf8(&read("notice.csv")).unwrap())
        .unwrap();
    let ds: Vec<Disclosure> = serde_json::from_slice(&read("notice.disclosures.json")).unwrap();
    assert!(!ds.is_empty());
    n.verify_disclosures(&ds).unwrap();
    let mut wrong = ds[0].clone();
    wrong.value = serde_json::json!("另一个值");
    assert!(n.verify_disclosure(&wrong).is_err());
    let s = sample();
    let sealed: SealedRecord = SealedRecord {
        record: serde_json::from_slice(&read("draw-sample.record.json")).unwrap(),
        hash: Digest32::from_hex(s.v["expected"]["record_hash"].as_str().unwrap()).unwrap(),
        signatures: serde_json::from_value(s.v["expected"]["record_signatures"].clone()).unwrap(),
    };
    let c = coverage(&n, &sealed).unwrap();
    assert_eq!(c.published + c.withheld, n.notice.results.len());
}

//! The draw/v2 sample (tests/vectors/v2) against its trust file and time anchor: anchored
//! as generated, and each way of weakening the anchor named (issue 16, attacks 2 and 3).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use sha2::{Digest as _, Sha256};
use shuangsuiji::audit::{AuditLog, CheckpointSigner, Event, EventKind, Witness, WitnessState};
use shuangsuiji::draw::{reveal_binding, signed_reveal, Supersedes};
use shuangsuiji::hazmat::commit_secret;
use shuangsuiji::trust::{verify_anchored, Level, LoggedEvent, TimeAnchor, TrustFile, Unanchored};
use shuangsuiji::{
    draw, import, DrawError, DrawInputs, Explain, PublicInspectorRegister, SealedRecord,
    SignedCommitment, SigningKey, TargetRegister,
};
use std::sync::OnceLock;

const ORIGIN: &str = "shuangsuiji.example/henan-gat/demo";
const WITNESS: &str = "witness.shuangsuiji.example/demo";

fn label(l: &str) -> [u8; 32] {
    Sha256::digest(l.as_bytes()).into()
}

fn json(p: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(format!("../{p}")).unwrap()).unwrap()
}

struct Sample {
    targets: TargetRegister,
    public: PublicInspectorRegister,
    items: shuangsuiji::ItemList,
    sealed: SealedRecord,
    trust: TrustFile,
    anchor: TimeAnchor,
}

fn sample() -> &'static Sample {
    static S: OnceLock<Sample> = OnceLock::new();
    S.get_or_init(|| {
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
        let v = json("tests/vectors/v2/draw-sample.json");
        let record = json("tests/vectors/v2/draw-sample.record.json");
        Sample {
            targets: import::targets(&read("targets.csv"), as_of).unwrap(),
            public: import::inspectors(&read("inspectors.csv"), as_of)
                .unwrap()
                .public_view(&key),
            items: import::items(&read("items.csv"), "豫政办〔2017〕80号").unwrap(),
            sealed: serde_json::from_value(serde_json::json!({
                "record": record, "hash": v["expected"]["record_hash"],
                "signatures": v["expected"]["record_signatures"],
            }))
            .unwrap(),
            trust: TrustFile::from_json(&std::fs::read("../tests/vectors/v2/trust.json").unwrap())
                .unwrap(),
            anchor: serde_json::from_value(json("tests/vectors/v2/anchor.json")).unwrap(),
        }
    })
}

fn verdict(
    sealed: &SealedRecord,
    trust: &TrustFile,
    anchor: Option<&TimeAnchor>,
) -> shuangsuiji::trust::Verdict {
    let s = sample();
    verify_anchored(sealed, &s.targets, &s.public, Some(trust), anchor)
}

fn kinds(u: &[Unanchored]) -> Vec<&'static str> {
    u.iter().map(Explain::kind).collect()
}

fn refused(u: &[Unanchored]) -> String {
    match u {
        [Unanchored::TimeAnchorRefused { reason }] => reason.clone(),
        other => panic!("{other:?}"),
    }
}

/// A checkpoint over the first `cut` events, signed with the demo log key and cosigned by
/// the demo witness at `now`, proving the events at `commitment` and `reveals`; with
/// `after`, a second checkpoint over all events cosigned at that time (after the round).
fn anchor_over(
    events: Vec<Event>,
    cut: usize,
    commitment: u64,
    reveals: &[u64],
    now: u64,
    after: Option<u64>,
) -> TimeAnchor {
    let first = AuditLog::from_events(&events[..cut]);
    let all = AuditLog::from_events(&events);
    let key = SigningKey::from_bytes(&label("shuangsuiji demo audit log key"));
    let mut signer = CheckpointSigner::new(ORIGIN, key, None);
    let cp = signer.sign(&first).unwrap();
    let witness = Witness::new(
        WITNESS,
        SigningKey::from_bytes(&label("shuangsuiji demo witness key")),
    );
    let mut state = WitnessState::default();
    state.add_log(ORIGIN, &signer.verifier_key()).unwrap();
    let line = witness
        .add_checkpoint(&mut state, &cp.text, 0, &[], now)
        .unwrap();
    let logged = |i: u64| LoggedEvent {
        event: events[i as usize].clone(),
        index: i,
        proof: first.inclusion_proof(i, first.size()).unwrap(),
    };
    let after_round = after.map(|t| {
        let cp2 = signer.sign(&all).unwrap();
        let proof = all.consistency_proof(first.size(), all.size()).unwrap();
        let line2 = witness
            .add_checkpoint(&mut state, &cp2.text, first.size(), &proof, t)
            .unwrap();
        format!("{}{line2}", cp2.text)
    });
    TimeAnchor {
        checkpoint: format!("{}{line}", cp.text),
        event: events[commitment as usize].clone(),
        index: commitment,
        proof: logged(commitment).proof,
        reveals: reveals.iter().map(|i| logged(*i)).collect(),
        log: Some(if after.is_some() {
            events.clone()
        } else {
            events[..cut].to_vec()
        }),
        after_round,
    }
}

/// The sample's log and where its first cosigned checkpoint ends (after the reveals).
fn sample_log() -> (Vec<Event>, usize) {
    let a = &sample().anchor;
    let cut = a.reveals.iter().map(|r| r.index).max().unwrap() as usize + 1;
    (a.log.clone().unwrap(), cut)
}

const BEFORE: u64 = 1_692_803_710;
const AFTER: u64 = 1_692_803_733 + 120;

#[test]
fn the_v2_sample_is_anchored_with_one_commitment_for_its_plan() {
    let s = sample();
    let v = verdict(&s.sealed, &s.trust, Some(&s.anchor));
    assert_eq!(v.level, Level::Anchored, "{:?}", v.unanchored);
    assert_eq!(v.plan_commitments, Some(1));
    assert_eq!(v.anchored_time, Some(1_692_803_710));
    // Every runtime reaches the verdict the vector states.
    let expected = json("tests/vectors/v2/verdict.json");
    assert_eq!(v.to_json(), expected);
}

/// Attack 3: reveals not in the witnessed checkpoint could have been withheld until the
/// round was known.
#[test]
fn reveals_missing_from_the_checkpoint_are_named() {
    let s = sample();
    let mut a = s.anchor.clone();
    a.reveals.pop();
    let v = verdict(&s.sealed, &s.trust, Some(&a));
    assert_eq!(v.level, Level::NotAnchored);
    assert!(
        refused(&v.unanchored).contains("withheld"),
        "{:?}",
        v.unanchored
    );
    // A reveal event of another secret is no reveal of this one.
    let mut a = s.anchor.clone();
    a.reveals[0].event.subject = shuangsuiji::Digest32([7; 32]);
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("withheld"), "{reason}");
    // Review H3: the event must carry the secret itself (published, not only promised).
    let mut a = s.anchor.clone();
    a.reveals[0].event.note = "zazd".into();
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("does not carry its secret"), "{reason}");
}

/// Attack 3/5: without the log, whether the plan had other commitments is unchecked; a log
/// that is not the checkpoint's is refused.
#[test]
fn the_log_is_needed_and_must_be_the_checkpoints() {
    let s = sample();
    let mut a = s.anchor.clone();
    a.log = None;
    let v = verdict(&s.sealed, &s.trust, Some(&a));
    assert_eq!(kinds(&v.unanchored), ["plan_log"]);
    assert_eq!(v.plan_commitments, None);
    let mut a = s.anchor.clone();
    a.log.as_mut().unwrap().remove(0);
    assert!(refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored)
        .contains("not the log of the checkpoint"));
}

/// Attack 3 (selective abort): an earlier commitment for the same plan, not superseded by
/// this one, shows the record is a second try.
#[test]
fn an_earlier_unsuperseded_commitment_for_the_plan_is_refused() {
    let s = sample();
    let plan = s.sealed.record.commitment.commitment.plan.id.clone();
    let (mut events, cut) = sample_log();
    events.insert(
        0,
        Event {
            kind: EventKind::Commitment,
            actor: "省公安厅治安总队 抽查负责人".into(),
            time: 1_692_803_000,
            subject: shuangsuiji::Digest32([0xab; 32]),
            note: plan,
        },
    );
    let c = s.anchor.index + 1;
    let r0 = s.anchor.reveals[0].index + 1;
    let a = anchor_over(
        events.clone(),
        cut + 1,
        c,
        &[r0, r0 + 1],
        BEFORE,
        Some(AFTER),
    );
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("does not supersede"), "{reason}");
    // The same log with the earlier one under another plan id counts one commitment.
    events[0].note = "HA-ZA-2023-Q3-999".into();
    let a = anchor_over(events, cut + 1, c, &[r0, r0 + 1], BEFORE, Some(AFTER));
    let v = verdict(&s.sealed, &s.trust, Some(&a));
    assert_eq!(v.level, Level::Anchored, "{:?}", v.unanchored);
    assert_eq!(v.plan_commitments, Some(1));
}

/// Review H2: a commitment for the plan logged after this one, once the round was known,
/// is in the log up to the checkpoint after the round: refused. Without that checkpoint the
/// verdict says it is unchecked.
#[test]
fn a_later_commitment_for_the_plan_is_found_after_the_round() {
    let s = sample();
    let plan = s.sealed.record.commitment.commitment.plan.id.clone();
    let (mut events, cut) = sample_log();
    events.push(Event {
        kind: EventKind::Commitment,
        actor: "省公安厅治安总队 抽查负责人".into(),
        time: 1_692_803_800,
        subject: shuangsuiji::Digest32([0xcd; 32]),
        note: plan,
    });
    let (c, r0) = (s.anchor.index, s.anchor.reveals[0].index);
    let a = anchor_over(events.clone(), cut, c, &[r0, r0 + 1], BEFORE, Some(AFTER));
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("later commitment"), "{reason}");
    // No checkpoint after the round: named as unchecked.
    let a = anchor_over(events.clone(), cut, c, &[r0, r0 + 1], BEFORE, None);
    let v = verdict(&s.sealed, &s.trust, Some(&a));
    assert_eq!(kinds(&v.unanchored), ["after_round"]);
    // A "later" checkpoint witnessed before the round proves nothing about after it.
    let a = anchor_over(events, cut, c, &[r0, r0 + 1], BEFORE, Some(BEFORE + 1));
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("at or after the round"), "{reason}");
}

/// Review H1: a record that claims to supersede a commitment the log does not hold under
/// its plan is refused.
#[test]
fn a_superseded_commitment_must_be_in_the_log() {
    let s = sample();
    let (sealed, (events, cut, c, r0)) = redraw_of(shuangsuiji::Digest32([0xab; 32]), false);
    let a = anchor_over(events, cut, c, &[r0, r0 + 1], BEFORE, Some(AFTER));
    let reason = refused(&verdict(&sealed, &s.trust, Some(&a)).unanchored);
    assert!(reason.contains("which the log does not hold"), "{reason}");
}

/// Review H3: a re-draw whose log shows the earlier commitment verifies, is counted and is
/// never anchored: the verdict names it with its reason code.
#[test]
fn a_logged_redraw_is_shown_with_its_reason_and_never_anchored() {
    let s = sample();
    let (sealed, (events, cut, c, r0)) = redraw_of(shuangsuiji::Digest32([0xab; 32]), true);
    let a = anchor_over(events, cut, c, &[r0, r0 + 1], BEFORE, Some(AFTER));
    let v = verdict(&sealed, &s.trust, Some(&a));
    assert_eq!(v.level, Level::NotAnchored);
    assert_eq!(v.plan_commitments, Some(2));
    assert_eq!(kinds(&v.unanchored), ["redraw"]);
    assert!(v.unanchored[0].message_zh().contains("register_error"));
}

type Logged = (Vec<Event>, usize, u64, u64);

/// A draw/v2 record of the sample plan superseding `earlier` (reason register_error),
/// made by the honest parties with the demo's keys, and its log: the earlier commitment
/// first (when `log_earlier`), the sample's pre-draw events, the commitment, the reveals
/// (the cut) and the draw. Returns the record and (events, cut, commitment index, first
/// reveal index).
fn redraw_of(earlier: shuangsuiji::Digest32, log_earlier: bool) -> (SealedRecord, Logged) {
    let s = sample();
    let mut c = s.sealed.record.commitment.commitment.clone();
    c.supersedes = Some(Supersedes {
        commitment: earlier,
        reason: "register_error".into(),
        note: None,
    });
    let names = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"];
    let signer =
        |n: &str| SigningKey::from_bytes(&label(&format!("shuangsuiji demo signing key {n}")));
    let pk = |id: &str| {
        SigningKey::from_bytes(&label(&format!("shuangsuiji demo participant key {id}")))
    };
    let mut sc = SignedCommitment::new(c).unwrap();
    for n in names {
        sc.sign(n, &signer(n));
    }
    for id in ["zazd", "jjjc"] {
        sc.sign_as_participant(id, &pk(id));
    }
    let ids = ["zazd", "jjjc"];
    let secrets: Vec<[u8; 32]> = ids
        .iter()
        .map(|id| label(&format!("shuangsuiji demo secret {id}")))
        .collect();
    let reveals: Vec<_> = ids
        .iter()
        .zip(&secrets)
        .map(|(id, x)| signed_reveal(id, &pk(id), &sc.hash, x))
        .collect();
    let record = draw(DrawInputs {
        commitment: &sc,
        item_list: &s.items,
        targets: &s.targets,
        inspectors: &s.public,
        reveals: &reveals,
        beacon: s.sealed.record.beacon.as_ref(),
        published: &[],
    })
    .unwrap();
    let mut sealed = SealedRecord::new(record).unwrap();
    for n in names {
        sealed.sign(n, &signer(n));
    }
    let plan = sc.commitment.plan.id.clone();
    let ev = |kind, subject, note: String| Event {
        kind,
        actor: "省公安厅治安总队 抽查负责人".into(),
        time: 1_692_803_700,
        subject,
        note,
    };
    let mut events: Vec<Event> = s.anchor.log.clone().unwrap()[..s.anchor.index as usize].to_vec();
    if log_earlier {
        events.insert(0, ev(EventKind::Commitment, earlier, plan.clone()));
    }
    let ci = events.len() as u64;
    events.push(ev(EventKind::Commitment, sc.hash, plan));
    for (id, x) in ids.iter().zip(&secrets) {
        events.push(ev(
            EventKind::Reveal,
            reveal_binding(&sc.hash, id, x),
            hex::encode(x),
        ));
    }
    let cut = events.len();
    events.push(ev(EventKind::Draw, sealed.hash, String::new()));
    (sealed, (events, cut, ci, ci + 1))
}

/// Attack 2 (back-dating): a checkpoint cosigned after the round anchors nothing.
#[test]
fn a_checkpoint_witnessed_after_the_round_anchors_nothing() {
    let s = sample();
    let (events, cut) = sample_log();
    let (c, r0) = (s.anchor.index, s.anchor.reveals[0].index);
    let late = anchor_over(
        events,
        cut,
        c,
        &[r0, r0 + 1],
        1_692_803_733 + 1,
        Some(AFTER),
    );
    let reason = refused(&verdict(&s.sealed, &s.trust, Some(&late)).unanchored);
    assert!(reason.contains("not before the beacon round"), "{reason}");
}

/// Participants are anchored by the trust file: unknown keys are named, and two distinct
/// roles are required.
#[test]
fn participants_need_trusted_keys_in_two_roles() {
    let s = sample();
    let mut t = s.trust.clone();
    t.participants.clear();
    let v = verdict(&s.sealed, &t, Some(&s.anchor));
    assert_eq!(
        kinds(&v.unanchored),
        ["participant", "participant", "participant_roles"]
    );
    let mut t = s.trust.clone();
    t.participants[1].role = t.participants[0].role.clone();
    let v = verdict(&s.sealed, &t, Some(&s.anchor));
    assert_eq!(kinds(&v.unanchored), ["participant_roles"]);
    assert!(v.unanchored[0].message_zh().contains("纪检监察"));
}

/// The grinding test: an operator holding the department's participant key and every
/// signer key, but not 纪检监察's, re-commits with other secrets. With 纪检监察's copied
/// signature every try is refused; with a key of its own for 纪检监察 the record verifies
/// but is never anchored, and the verdict names that key.
#[test]
fn no_choice_of_secrets_gets_a_chosen_outcome_anchored() {
    let s = sample();
    let honest = &s.sealed.record.commitment;
    let dept = SigningKey::from_bytes(&label("shuangsuiji demo participant key zazd"));
    let signers: Vec<SigningKey> = ["省公安厅治安总队 抽查负责人", "驻厅纪检监察组 监督人"]
        .iter()
        .map(|n| SigningKey::from_bytes(&label(&format!("shuangsuiji demo signing key {n}"))))
        .collect();
    let jjjc_sig = honest.participant_signatures[1].clone();
    let jjjc_reveal = s.sealed.record.reveals[1].clone();
    let beacon = s.sealed.record.beacon.clone().unwrap();
    let own_jjjc = SigningKey::from_bytes(&[0x66; 32]);
    for n in 0..12u8 {
        let secret = [n; 32];
        let mut c = honest.commitment.clone();
        c.participants[0].commitment = commit_secret("zazd", &secret);
        c.supersedes = Some(Supersedes {
            commitment: honest.hash,
            reason: "register_error".into(),
            note: None,
        });
        let sign = |c: shuangsuiji::Commitment| {
            let mut sc = SignedCommitment::new(c).unwrap();
            sc.sign("省公安厅治安总队 抽查负责人", &signers[0]);
            sc.sign("驻厅纪检监察组 监督人", &signers[1]);
            sc.sign_as_participant("zazd", &dept);
            sc
        };
        // (a) 纪检监察's signature and reveal copied.
        let mut forged = sign(c.clone());
        forged.participant_signatures.push(jjjc_sig.clone());
        let reveals = [
            signed_reveal("zazd", &dept, &forged.hash, &secret),
            jjjc_reveal.clone(),
        ];
        let r = draw(DrawInputs {
            commitment: &forged,
            item_list: &s.items,
            targets: &s.targets,
            inspectors: &s.public,
            reveals: &reveals,
            beacon: Some(&beacon),
            published: &[],
        });
        assert!(
            matches!(r, Err(DrawError::Participant { ref participant, .. }) if participant == "jjjc"),
            "{r:?}"
        );
        // (b) 纪检监察 replaced by a key the operator holds.
        c.participants[1].public_key = Some(shuangsuiji::encoding::public_key_hex(&own_jjjc));
        let jjjc_secret = [0x77; 32];
        c.participants[1].commitment = commit_secret("jjjc", &jjjc_secret);
        let mut own = sign(c);
        own.sign_as_participant("jjjc", &own_jjjc);
        let reveals = [
            signed_reveal("zazd", &dept, &own.hash, &secret),
            signed_reveal("jjjc", &own_jjjc, &own.hash, &jjjc_secret),
        ];
        let record = draw(DrawInputs {
            commitment: &own,
            item_list: &s.items,
            targets: &s.targets,
            inspectors: &s.public,
            reveals: &reveals,
            beacon: Some(&beacon),
            published: &[],
        })
        .unwrap();
        let mut sealed = SealedRecord::new(record).unwrap();
        sealed.sign("省公安厅治安总队 抽查负责人", &signers[0]);
        sealed.sign("驻厅纪检监察组 监督人", &signers[1]);
        let v = verdict(&sealed, &s.trust, Some(&s.anchor));
        assert_eq!(v.level, Level::NotAnchored);
        assert!(
            kinds(&v.unanchored).contains(&"participant"),
            "{:?}",
            v.unanchored
        );
    }
}

/// Review L2: a participant's key may be no signer's (one holder would count twice).
#[test]
fn a_participant_key_is_nobody_elses_in_the_trust_file() {
    let mut t = sample().trust.clone();
    t.participants[1].public_key = t.signers[0].public_key.clone();
    let e = t.check().unwrap_err();
    assert!(
        e.problems
            .iter()
            .any(|p| p.contains("participants.jjjc.public_key")),
        "{e}"
    );
}

/// Review: "after the round" needs a quorum of witnesses each at or after the round; the
/// author of the note picks its lines, so with a quorum of two, one late witness and one
/// early one prove nothing.
#[test]
fn after_the_round_needs_a_quorum_of_late_witnesses() {
    let s = sample();
    let (events, cut) = sample_log();
    let (c, r0) = (s.anchor.index, s.anchor.reveals[0].index);
    let mut a = anchor_over(events, cut, c, &[r0, r0 + 1], BEFORE, Some(AFTER));
    let w2 = Witness::new(
        "witness2.example.org/w",
        SigningKey::from_bytes(&[0x42; 32]),
    );
    let log_key = s.trust.audit_log.clone().unwrap();
    let cosign = |note: &str, t: u64| {
        let mut st = WitnessState::default();
        st.add_log(ORIGIN, &log_key).unwrap();
        format!(
            "{note}{}",
            w2.add_checkpoint(&mut st, note, 0, &[], t).unwrap()
        )
    };
    let mut t = s.trust.clone();
    t.witnesses.push(shuangsuiji::trust::TrustedKey {
        role: "见证人".into(),
        name: "witness2.example.org/w".into(),
        public_key: w2.verifier_key(),
        distid: None,
    });
    t.witness_quorum = 2;
    a.checkpoint = cosign(&a.checkpoint, BEFORE);
    let after = a.after_round.clone().unwrap();
    let mut early = a.clone();
    early.after_round = Some(cosign(&after, BEFORE + 1));
    let reason = refused(&verdict(&s.sealed, &t, Some(&early)).unanchored);
    assert!(
        reason.contains("1 trusted cosignature(s) at or after"),
        "{reason}"
    );
    // Both late: anchored.
    a.after_round = Some(cosign(&after, AFTER));
    let v = verdict(&s.sealed, &t, Some(&a));
    assert_eq!(v.level, Level::Anchored, "{:?}", v.unanchored);
}

//! draw/v3 records (docs/spec/privacy.md §13): the keeper draws from the full register and
//! the view key, the commitment states the sealed root, the record carries the class
//! proof; the public verifies from the sealed view, the auditor from the full register; the
//! tampers a dishonest operator would try are refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use shuangsuiji::draw::*;
use shuangsuiji::encoding::*;
use shuangsuiji::privacy::*;
use shuangsuiji::registers::*;
use shuangsuiji::*;

const VIEW_KEY: ViewKey = ViewKey([0x5a; 32]);

struct V3 {
    world: World,
    keeper: SealedKeeper,
    commitment: SignedCommitment,
    sealed: SealedRecord,
}

fn signer() -> SigningKey {
    SigningKey::from_bytes(&SIGNER_KEY)
}

/// A draw/v3 commitment of `plan` over the sealed view of `world`'s register.
fn commit_v3(world: &World, keeper: &SealedKeeper, plan: DrawPlan, secret: u8) -> SignedCommitment {
    let mut c = world
        .commitment_v2(plan, secret, BeaconChoice::Offline, 0)
        .commitment;
    c.algorithm = ALGORITHM_V3.into();
    c.roots.targets = keeper.view().root_in(c.suite).unwrap();
    World::sign_v2(c)
}

/// An offline draw under `c` with the test participants' signed reveals of `secret`.
fn draw_v3_offline(
    c: &SignedCommitment,
    items: &ItemList,
    targets: &dyn TargetSource,
    inspectors: &PublicInspectorRegister,
    secret: u8,
) -> Result<DrawRecord, DrawError> {
    draw(DrawInputs {
        commitment: c,
        item_list: items,
        targets,
        inspectors,
        reveals: &World::reveals_v2(c, secret),
        beacon: None,
        published: &[],
    })
}

fn v3_with(plan: DrawPlan, secret: u8) -> V3 {
    let world = World::new(targets(400), inspectors(40, 0));
    let keeper = SealedKeeper::new(world.targets.clone(), Recusals::none(), VIEW_KEY);
    let commitment = commit_v3(&world, &keeper, plan, secret);
    let record = draw_v3_offline(
        &commitment,
        &world.items,
        &keeper,
        &world.inspectors,
        secret,
    )
    .unwrap();
    let mut sealed = SealedRecord::new(record).unwrap();
    sealed.sign("负责人", &signer());
    V3 {
        world,
        keeper,
        commitment,
        sealed,
    }
}

fn v3() -> V3 {
    v3_with(plan(), 7)
}

fn resealed(mut s: SealedRecord) -> SealedRecord {
    s.hash = s.record.hash().unwrap();
    s.signatures.clear();
    s.sign("负责人", &signer());
    s
}

#[test]
fn the_public_and_the_auditor_both_verify_a_v3_record() {
    let d = v3();
    let rec = &d.sealed.record;
    assert_eq!(rec.algorithm, ALGORITHM_V3);
    let proof = rec
        .classes
        .as_ref()
        .expect("a v3 record carries its class proof");
    // The record's strata are the proof's.
    for (s, p) in rec.strata.iter().zip(&proof.strata) {
        assert_eq!(
            (&s.key, s.population, s.quota),
            (&p.key, p.population, p.quota)
        );
        assert_eq!(s.selected, p.selected);
        assert_eq!(s.alternates, p.alternates);
    }
    assert!(rec.strata.iter().any(|s| !s.selected.is_empty()));
    assert!(!rec.teams.is_empty());
    let public = verify(&d.sealed, d.keeper.view(), &d.world.inspectors).unwrap();
    assert_eq!(public.classes, ClassesChecked::Public);
    assert_eq!(public.record_hash, d.sealed.hash);
    let auditor = verify(&d.sealed, &d.keeper, &d.world.inspectors).unwrap();
    assert_eq!(auditor.classes, ClassesChecked::Auditor);
    // A v2 record says it read the classes.
    let v2 = d.world.run_v2(plan(), 7).unwrap();
    let mut v2 = SealedRecord::new(v2).unwrap();
    v2.sign("负责人", &signer());
    let seen = verify(&v2, &d.world.targets, &d.world.inspectors).unwrap();
    assert_eq!(seen.classes, ClassesChecked::NotSealed);
}

#[test]
fn the_v3_record_and_the_sealed_view_hold_no_class_of_an_undisclosed_target() {
    let d = v3();
    let proof = d.sealed.record.classes.as_ref().unwrap();
    let disclosed: std::collections::BTreeSet<&str> =
        proof.openings.iter().map(|o| o.target.as_str()).collect();
    // No member `risk` or `credit` holds a class anywhere in the record or the view (in the
    // view they hold commitments and blind sums: objects and hex).
    fn classes_in(v: &serde_json::Value, found: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if let (true, Some(s)) = (k == "risk" || k == "credit", x.as_str()) {
                        if !(s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())) {
                            found.push(format!("{k}: {s}"));
                        }
                    }
                    classes_in(x, found);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| classes_in(x, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    classes_in(&serde_json::to_value(&d.sealed).unwrap(), &mut found);
    classes_in(&serde_json::to_value(d.keeper.view()).unwrap(), &mut found);
    assert!(found.is_empty(), "{found:?}");
    // The probe is not blind: the plain register's view shows classes.
    classes_in(&serde_json::to_value(&d.world.targets).unwrap(), &mut found);
    assert!(!found.is_empty());
    // Every target the record names outside the openings is on the 100 % list or in a
    // team, never with a class.
    let undisclosed = d
        .world
        .targets
        .targets()
        .iter()
        .filter(|t| !disclosed.contains(t.id.as_str()))
        .count();
    assert!(undisclosed > 300, "only {undisclosed} of 400 undisclosed");
}

#[test]
fn a_v3_draw_needs_the_keeper_and_a_v3_record_the_sealed_view() {
    let d = v3();
    // The plain register: the commitment is over the sealed view.
    let e = draw_v3_offline(
        &d.commitment,
        &d.world.items,
        &d.world.targets,
        &d.world.inspectors,
        7,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "classes", "{e}");
    // The sealed view alone cannot draw.
    let e = draw_v3_offline(
        &d.commitment,
        &d.world.items,
        d.keeper.view(),
        &d.world.inspectors,
        7,
    )
    .unwrap_err();
    assert_eq!(e.kind(), "classes", "{e}");
    // Verifying against the plain register is refused, not passed.
    assert!(verify(&d.sealed, &d.world.targets, &d.world.inspectors).is_err());
}

#[test]
fn a_register_sealed_under_another_key_is_not_the_committed_one() {
    let d = v3();
    let other = SealedKeeper::new(
        d.world.targets.clone(),
        Recusals::none(),
        ViewKey([0x11; 32]),
    );
    let e = verify(&d.sealed, other.view(), &d.world.inspectors).unwrap_err();
    assert!(e.to_string().contains("target register"), "{e}");
    let e = verify(&d.sealed, &other, &d.world.inspectors).unwrap_err();
    assert!(e.to_string().contains("target register"), "{e}");
}

#[test]
fn tampered_v3_records_are_refused_by_the_public() {
    let d = v3();
    let check =
        |s: &SealedRecord| verify(&resealed(s.clone()), d.keeper.view(), &d.world.inspectors);
    // A selected target swapped for its alternate, in the strata and in the proof alike.
    let mut swapped = d.sealed.clone();
    let k = swapped
        .record
        .strata
        .iter()
        .position(|s| !s.selected.is_empty() && !s.alternates.is_empty())
        .unwrap();
    let proof = swapped.record.classes.as_mut().unwrap();
    let s = &mut proof.strata[k];
    std::mem::swap(&mut s.selected[0], &mut s.alternates[0]);
    let st = &mut swapped.record.strata[k];
    std::mem::swap(&mut st.selected[0], &mut st.alternates[0]);
    let e = check(&swapped).unwrap_err();
    assert!(
        matches!(e, VerifyError::Rerun(DrawError::Classes(_))),
        "{e}"
    );
    // The record's strata no longer the proof's.
    let mut strata = d.sealed.clone();
    strata.record.strata[k].selected[0] = strata.record.strata[k].alternates[0].clone();
    let e = check(&strata).unwrap_err();
    assert!(matches!(e, VerifyError::Mismatch { .. }), "{e}");
    // An opening dropped.
    let mut dropped = d.sealed.clone();
    dropped.record.classes.as_mut().unwrap().openings.pop();
    assert!(check(&dropped).is_err());
    // No proof at all.
    let mut bare = d.sealed.clone();
    bare.record.classes = None;
    let e = check(&bare).unwrap_err();
    assert!(matches!(e, VerifyError::Malformed(_)), "{e}");
    // A different team: matching re-runs from public fields.
    let mut team = d.sealed.clone();
    let (a, b) = (0, 1);
    let m = team.record.teams[a].members.clone();
    team.record.teams[a].members = team.record.teams[b].members.clone();
    team.record.teams[b].members = m;
    let e = check(&team).unwrap_err();
    assert!(matches!(e, VerifyError::Mismatch { .. }), "{e}");
    // The untouched record still verifies (the checks above are not vacuous).
    check(&d.sealed).unwrap();
}

#[test]
fn a_misclassified_register_passes_the_public_and_fails_the_auditor() {
    // The operator seals a register with one target's class changed (before any randomness:
    // the sealed root is in the commitment). The public cannot tell; the auditor, with the
    // true register and the view key, can.
    let world = World::new(targets(400), inspectors(40, 0));
    let mut moved: Vec<Target> = world.targets.targets().to_vec();
    moved[3].risk = if moved[3].risk == RiskLevel::High {
        RiskLevel::Low
    } else {
        RiskLevel::High
    };
    let forged = SealedKeeper::new(
        TargetRegister::new(AS_OF, moved).unwrap(),
        Recusals::none(),
        VIEW_KEY,
    );
    // On the key item (no cap): moving one target must not change whether the plan is valid.
    let mut p = plan();
    p.items = vec!["HA-GAT-006".into()];
    let c = commit_v3(&world, &forged, p, 9);
    let record = draw_v3_offline(&c, &world.items, &forged, &world.inspectors, 9).unwrap();
    let mut sealed = SealedRecord::new(record).unwrap();
    sealed.sign("负责人", &signer());
    verify(&sealed, forged.view(), &world.inspectors).unwrap();
    let truth = SealedKeeper::new(world.targets.clone(), Recusals::none(), VIEW_KEY);
    let e = verify(&sealed, &truth, &world.inspectors).unwrap_err();
    assert!(e.to_string().contains("target register"), "{e}");
}

#[test]
fn v3_keeps_draw_v2_rules() {
    // A v3 commitment without the participants' signatures is refused, as in v2.
    let world = World::new(targets(400), inspectors(40, 0));
    let keeper = SealedKeeper::new(world.targets.clone(), Recusals::none(), VIEW_KEY);
    let mut c = commit_v3(&world, &keeper, plan(), 7);
    c.participant_signatures.clear();
    let e = draw_v3_offline(&c, &world.items, &keeper, &world.inspectors, 7).unwrap_err();
    assert_eq!(e.kind(), "participant", "{e}");
    // A v3 commitment without `as_of` is refused by the commitment's own rules.
    let mut bad = c.commitment.clone();
    bad.as_of = None;
    assert!(bad.check().is_err());
}

#[test]
fn the_same_inputs_give_the_same_v3_bytes() {
    let a = v3_with(plan(), 5);
    let b = v3_with(plan(), 5);
    assert_eq!(
        a.sealed.record.canonical_bytes().unwrap(),
        b.sealed.record.canonical_bytes().unwrap()
    );
    let c = v3_with(plan(), 6);
    assert_ne!(a.sealed.record.seed, c.sealed.record.seed);
}

#[test]
fn a_sealed_view_serves_one_draw() {
    // Two draws over the same blinds with different eligible sets would open a blind by
    // subtracting their blind sums: a plan naming an earlier draw over the same view is
    // refused; sealed again under a fresh key, it runs.
    let first = v3();
    let mut p = plan();
    p.id = "T-2".into();
    p.items = vec!["HA-GAT-006".into()]; // the key item: no cap shared with the first
    p.inspection_date = p.inspection_date.next_day().unwrap();
    p.exclusions.prior_draws = vec![PriorDraw::of_record(&first.sealed.record).unwrap()];
    p.exclusions.drawn_within_days = Some(30);
    assert_eq!(
        p.exclusions.prior_draws[0].sealed_root,
        Some(first.sealed.record.commitment.commitment.roots.targets)
    );
    let c = commit_v3(&first.world, &first.keeper, p.clone(), 8);
    let run = |keeper: &SealedKeeper, c: &SignedCommitment| {
        draw_v3_offline(c, &first.world.items, keeper, &first.world.inspectors, 8)
    };
    let e = run(&first.keeper, &c).unwrap_err();
    assert_eq!(
        (e.kind(), e.cause_kind()),
        ("classes", Some("reused_view")),
        "{e}"
    );
    let fresh = SealedKeeper::new(
        first.world.targets.clone(),
        Recusals::none(),
        ViewKey([0x77; 32]),
    );
    let c = commit_v3(&first.world, &fresh, p, 8);
    let second = run(&fresh, &c).unwrap();
    // The earlier draw's targets are excluded, as in v2.
    assert!(!second.exclusions.is_empty());
}

#[test]
fn a_hand_made_sealed_view_meets_the_register_rules() {
    // A view the keeper could not have made (one USCC under two ids, doubling a target's
    // chances) is refused on its public fields, before its root is compared.
    let d = v3();
    let mut forged = d.keeper.view().clone();
    let mut twin = forged.targets[10].clone();
    twin.id = format!("{}X", twin.id);
    forged.targets.insert(11, twin);
    let e = verify(&d.sealed, &forged, &d.world.inspectors).unwrap_err();
    assert!(
        matches!(&e, VerifyError::Rerun(DrawError::Register(_))),
        "{e}"
    );
}

#[test]
fn the_stratifying_class_must_be_stated_by_every_eligible_target() {
    // draw/v3 holds the rule where the public check can: over the eligible targets. An
    // eligible target without a risk level is refused with the count; one on the 100 % list
    // (never stratified) is not.
    let world = World::new(targets(400), inspectors(40, 0));
    let mut ts: Vec<Target> = world.targets.targets().to_vec();
    ts[7].risk = RiskLevel::Unknown;
    let reg = TargetRegister::new(AS_OF, ts).unwrap();
    let keeper = SealedKeeper::new(reg, Recusals::none(), VIEW_KEY);
    let c = commit_v3(&world, &keeper, plan(), 7);
    let e = draw_v3_offline(&c, &world.items, &keeper, &world.inspectors, 7).unwrap_err();
    assert_eq!(e.kind(), "plan", "{e}");
    assert!(e.to_string().contains("1 eligible target(s)"), "{e}");
    let mut p = plan();
    p.must_include = vec![keeper.register().targets()[7].id.clone()];
    p.must_include_reasons = [(p.must_include[0].clone(), MustIncludeReason::Complaint)]
        .into_iter()
        .collect();
    let c = commit_v3(&world, &keeper, p, 7);
    let rec = draw_v3_offline(&c, &world.items, &keeper, &world.inspectors, 7).unwrap();
    assert_eq!(rec.must_include.len(), 1);
}

/// A world whose inspectors declare conflicts with many targets, so that the draw's teams
/// meet some: the keeper's inspector view (with conflicts) and the one published (without).
fn conflicted() -> (World, PublicInspectorRegister) {
    let ts = targets(400);
    let mut is = inspectors(40, 0);
    // Inspector k declares conflicts with every target whose number is k mod 40, over a
    // quarter of the register: most teams meet one.
    for (k, i) in is.iter_mut().enumerate() {
        i.conflicts = ts
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 40 == k && n % 4 == 0)
            .map(|(_, t)| t.id.clone())
            .collect();
    }
    let world = World::new(ts, is);
    let published = world.inspectors.without_conflicts();
    (world, published)
}

fn drawn_with_conflicts() -> (World, PublicInspectorRegister, SealedKeeper, SealedRecord) {
    let (world, published) = conflicted();
    let keeper = SealedKeeper::new(
        world.targets.clone(),
        Recusals::of_public(&world.inspectors),
        VIEW_KEY,
    );
    let mut c = world
        .commitment_v2(plan(), 3, BeaconChoice::Offline, 0)
        .commitment;
    c.algorithm = ALGORITHM_V3.into();
    c.roots.targets = keeper.view().root_in(c.suite).unwrap();
    c.roots.inspectors = published.root_in(c.suite);
    let c = World::sign_v2(c);
    let record = draw_v3_offline(&c, &world.items, &keeper, &published, 3).unwrap();
    let mut sealed = SealedRecord::new(record).unwrap();
    sealed.sign("负责人", &signer());
    (world, published, keeper, sealed)
}

#[test]
fn declared_conflicts_are_sealed_and_opened_only_for_team_targets() {
    let (world, published, keeper, sealed) = drawn_with_conflicts();
    let rec = &sealed.record;
    // One set per team target, in id order, and the matching kept every declared conflict.
    let teams: Vec<&str> = rec.teams.iter().map(|t| t.target.as_str()).collect();
    let mut sorted = teams.clone();
    sorted.sort_unstable();
    let opened: Vec<&str> = rec.recusals.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(opened, sorted);
    let revealed: usize = rec.recusals.iter().map(|r| r.inspectors.len()).sum();
    assert!(revealed > 0, "the test must meet a conflict");
    for t in &rec.teams {
        let declared = &rec
            .recusals
            .iter()
            .find(|r| r.target == t.target)
            .unwrap()
            .inspectors;
        assert!(t.members.iter().all(|m| !declared.contains(&m.inspector)));
    }
    // Revealed: only the team targets' conflicts; declared in all: far more.
    let declared_all: usize = world
        .inspectors
        .inspectors()
        .iter()
        .map(|i| i.conflicts.len())
        .sum();
    assert!(revealed * 4 < declared_all, "{revealed} of {declared_all}");
    // The public verifies against the published view; the auditor with the declarations.
    assert_eq!(
        verify(&sealed, keeper.view(), &published).unwrap().classes,
        ClassesChecked::Public
    );
    assert_eq!(
        verify(&sealed, &keeper, &published).unwrap().classes,
        ClassesChecked::Auditor
    );
    // A keeper who sealed no declarations: another root, refused.
    let forgetful = SealedKeeper::new(world.targets.clone(), Recusals::none(), VIEW_KEY);
    assert!(verify(&sealed, &forgetful, &published).is_err());
}

#[test]
fn recusal_set_tampers_are_refused() {
    let (world, published, keeper, sealed) = drawn_with_conflicts();
    let check = |s: &SealedRecord| verify(&resealed(s.clone()), keeper.view(), &published);
    let kind = |s: &SealedRecord| match check(s) {
        Err(VerifyError::Rerun(e)) => format!("{}/{}", e.kind(), e.cause_kind().unwrap_or("")),
        other => format!("{other:?}"),
    };
    let with = sealed
        .record
        .recusals
        .iter()
        .position(|r| !r.inspectors.is_empty())
        .unwrap();
    // A declared conflict dropped from an opened set (to put that inspector on the team).
    let mut dropped = sealed.clone();
    dropped.record.recusals[with].inspectors.pop();
    assert_eq!(kind(&dropped), "classes/recusal");
    // A set opened for a target no team goes to (publishing a conflict for nothing).
    let mut extra = sealed.clone();
    let other = world
        .targets
        .targets()
        .iter()
        .find(|t| !extra.record.teams.iter().any(|m| m.target == t.id))
        .unwrap();
    extra
        .record
        .recusals
        .push(shuangsuiji::privacy::recusal::open(
            &VIEW_KEY,
            &Recusals::none(),
            &other.id,
        ));
    extra.record.recusals.sort();
    assert_eq!(kind(&extra), "classes/recusal");
    // A team target's set missing.
    let mut missing = sealed.clone();
    missing.record.recusals.remove(0);
    assert_eq!(kind(&missing), "classes/recusal");
    // The view with the conflicts is not the committed one.
    let e = verify(&sealed, keeper.view(), &world.inspectors).unwrap_err();
    assert!(e.to_string().contains("inspector register"), "{e}");
    // A draw/v3 committed over an inspector view that still publishes the conflicts is
    // refused: v3 seals them.
    let mut c = world
        .commitment_v2(plan(), 3, BeaconChoice::Offline, 0)
        .commitment;
    c.algorithm = ALGORITHM_V3.into();
    c.roots.targets = keeper.view().root_in(c.suite).unwrap();
    let c = World::sign_v2(c);
    let e = draw_v3_offline(&c, &world.items, &keeper, &world.inspectors, 3).unwrap_err();
    assert_eq!(
        (e.kind(), e.cause_kind()),
        ("classes", Some("recusal")),
        "{e}"
    );
    // The untouched record verifies.
    check(&sealed).unwrap();
}

/// The leak test of issue 19 for conflicts: random registers and random declarations, a
/// whole draw/v3, and every published file (record, sealed view, inspector view) searched
/// for a declared (inspector, target) pair outside the recusal sets of the targets that get
/// a team, and for the obvious inferences (equal commitments, sizes).
#[test]
fn no_published_file_tells_a_conflict_outside_the_team_targets() {
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    for round in 0..4u64 {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(round);
        let ts = targets(400);
        let mut is = inspectors(40, 0);
        let mut declared: std::collections::BTreeSet<(String, String)> = Default::default();
        for i in &mut is {
            let k = rng.next_u32() % 12;
            let mut c: Vec<String> = (0..k)
                .map(|_| ts[(rng.next_u32() % 400) as usize].id.clone())
                .collect();
            c.sort();
            c.dedup();
            for t in &c {
                declared.insert((i.id.clone(), t.clone()));
            }
            i.conflicts = c;
        }
        let world = World::new(ts, is);
        let published = world.inspectors.without_conflicts();
        let keeper = SealedKeeper::new(
            world.targets.clone(),
            Recusals::of_public(&world.inspectors),
            ViewKey([round as u8 + 1; 32]),
        );
        let mut c = world
            .commitment_v2(plan(), round as u8, BeaconChoice::Offline, 0)
            .commitment;
        c.algorithm = ALGORITHM_V3.into();
        c.roots.targets = keeper.view().root_in(c.suite).unwrap();
        c.roots.inspectors = published.root_in(c.suite);
        let c = World::sign_v2(c);
        let rec = draw_v3_offline(&c, &world.items, &keeper, &published, round as u8).unwrap();
        let team: std::collections::BTreeSet<&str> =
            rec.teams.iter().map(|t| t.target.as_str()).collect();
        // What the published files say about conflicts: the opened sets, nothing else.
        let text = [
            serde_json::to_string(&rec).unwrap(),
            serde_json::to_string(keeper.view()).unwrap(),
            serde_json::to_string(&published).unwrap(),
        ];
        assert!(published
            .inspectors()
            .iter()
            .all(|i| i.conflicts.is_empty()));
        let revealed: std::collections::BTreeSet<(String, String)> = rec
            .recusals
            .iter()
            .flat_map(|o| o.inspectors.iter().map(|i| (i.clone(), o.target.clone())))
            .collect();
        for (i, t) in &declared {
            let on_team = team.contains(t.as_str());
            assert_eq!(
                revealed.contains(&(i.clone(), t.clone())),
                on_team,
                "{i} ↔ {t}"
            );
            if !on_team {
                // The pair is nowhere in the published files as a conflict: no member
                // `conflicts` names the target, no opening of it exists.
                for x in &text {
                    assert!(
                        !x.contains(&format!("\"conflicts\":[\"{t}")),
                        "{t} in conflicts"
                    );
                }
                assert!(rec.recusals.iter().all(|o| &o.target != t));
            }
        }
        assert!(revealed.is_subset(&declared));
        // Obvious inferences: every leaf's commitment is different (two empty sets do not
        // look alike) and of one size.
        let commitments: std::collections::BTreeSet<&str> = keeper
            .view()
            .targets
            .iter()
            .map(|t| t.recusals.as_str())
            .collect();
        assert_eq!(commitments.len(), keeper.view().targets.len());
        assert!(keeper.view().targets.iter().all(|t| t.recusals.len() == 64));
        // And the public check passes on what was published.
        assert_eq!(
            verify(
                &{
                    let mut s = SealedRecord::new(rec.clone()).unwrap();
                    s.sign("负责人", &signer());
                    s
                },
                keeper.view(),
                &published
            )
            .unwrap()
            .classes,
            ClassesChecked::Public
        );
    }
}

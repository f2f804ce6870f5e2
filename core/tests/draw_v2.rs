//! draw/v2's rules, each as the attack it stops (issue 16, docs/spec/draw-v2.md).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use shuangsuiji::draw::*;
use shuangsuiji::encoding::public_key_hex;
use shuangsuiji::hazmat::commit_secret;
use shuangsuiji::registers::fields::BasisPoints;
use shuangsuiji::{Explain, SigningKey};

/// 100 targets per risk stratum: 5 % rounds to exactly 5 each, 20 of 400 = the cap.
fn world() -> World {
    World::new(targets(400), inspectors(12, 0))
}

fn small_world() -> World {
    World::new(targets(40), inspectors(8, 0))
}

#[test]
fn an_honest_v2_draw_runs_and_verifies() {
    let w = world();
    let c = w.commitment_v2(plan(), 1, BeaconChoice::Offline, 0);
    let r = w.draw_with(&c, &World::reveals_v2(&c, 1)).unwrap();
    assert_eq!(r.algorithm, ALGORITHM_V2);
    let mut sealed = shuangsuiji::SealedRecord::new(r).unwrap();
    sealed.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    shuangsuiji::verify(&sealed, &w.targets, &w.inspectors).unwrap();
}

/// Issue 16, attack 2: the department alone copies 纪检监察's entry (and its signature) into
/// a commitment of its own and grinds only its own secret. Every try is refused: the copied
/// signature is on the honest commitment's hash.
#[test]
fn a_replayed_participant_is_refused_for_every_secret_tried() {
    let w = world();
    let honest = w.commitment_v2(plan(), 1, BeaconChoice::Offline, 0);
    let honest_reveals = World::reveals_v2(&honest, 1);
    let jjjc_sig = honest
        .participant_signatures
        .iter()
        .find(|s| s.signer == "jjjc")
        .unwrap()
        .clone();
    for secret in 2..=201u8 {
        let mut c = honest.commitment.clone();
        c.participants[0].commitment = commit_secret("dept", &[secret; 32]);
        let mut forged = World::resign(c);
        forged.sign_as_participant("dept", &SigningKey::from_bytes(&DEPT_KEY));
        forged.participant_signatures.push(jjjc_sig.clone());
        let reveals = vec![
            signed_reveal(
                "dept",
                &SigningKey::from_bytes(&DEPT_KEY),
                &forged.hash,
                &[secret; 32],
            ),
            honest_reveals[1].clone(),
        ];
        match w.draw_with(&forged, &reveals) {
            Err(DrawError::Participant {
                participant,
                reason,
            }) => {
                assert_eq!(participant, "jjjc");
                assert!(reason.contains("does not verify"), "{reason}");
            }
            other => panic!("secret {secret}: {other:?}"),
        }
    }
}

/// A reveal signed for one commitment does not open another, even one the participant
/// really signed with the same secret.
#[test]
fn a_reveal_signature_is_bound_to_its_commitment() {
    let w = world();
    let a = w.commitment_v2(plan(), 1, BeaconChoice::Offline, 0);
    let mut p = plan();
    p.title = "测试（第二次）".into();
    let b = w.commitment_v2(p, 1, BeaconChoice::Offline, 0);
    let mut reveals = World::reveals_v2(&b, 1);
    reveals[1] = World::reveals_v2(&a, 1)[1].clone();
    match w.draw_with(&b, &reveals) {
        Err(DrawError::Participant {
            participant,
            reason,
        }) => {
            assert_eq!(participant, "jjjc");
            assert!(reason.contains("reveal"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Unsigned reveals are refused in v2.
    let mut unsigned = World::reveals_v2(&b, 1);
    unsigned[0].signature = None;
    assert!(matches!(
        w.draw_with(&b, &unsigned),
        Err(DrawError::Participant { participant, .. }) if participant == "dept"
    ));
}

#[test]
fn every_participant_signs_once_with_its_own_distinct_key() {
    let w = world();
    let c = w.commitment_v2(plan(), 1, BeaconChoice::Offline, 0);
    let reveals = World::reveals_v2(&c, 1);
    let mut missing = c.clone();
    missing.participant_signatures.pop();
    assert!(matches!(w.draw_with(&missing, &reveals),
        Err(DrawError::Participant { participant, reason }) if participant == "jjjc" && reason.contains("not signed")));
    let mut twice = c.clone();
    twice
        .participant_signatures
        .push(c.participant_signatures[0].clone());
    assert!(matches!(w.draw_with(&twice, &reveals),
        Err(DrawError::Participant { participant, .. }) if participant == "dept"));
    // One party holding both keys is one party.
    let mut same = c.commitment.clone();
    same.participants[1].public_key = same.participants[0].public_key.clone();
    let same = World::sign_v2(same);
    match w.draw_with(&same, &World::reveals_v2(&same, 1)) {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("same key")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // A v2 participant without a key.
    let mut keyless = c.commitment.clone();
    keyless.participants[1].public_key = None;
    assert!(matches!(
        w.draw_with(&World::sign_v2(keyless), &reveals),
        Err(DrawError::Commitment { .. })
    ));
}

#[test]
fn versions_do_not_mix() {
    let w = world();
    // v1 with a v2 member.
    let mut c = w.commitment(plan(), 1, BeaconChoice::Offline, 0).commitment;
    c.participants[0].public_key = Some(public_key_hex(&SigningKey::from_bytes(&DEPT_KEY)));
    match w.draw_under(&World::resign(c), 1, None) {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("draw/v2 member")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // v1 with participant signatures or signed reveals.
    let mut c = w.commitment(plan(), 1, BeaconChoice::Offline, 0);
    c.sign_as_participant("dept", &SigningKey::from_bytes(&DEPT_KEY));
    assert!(matches!(
        w.draw_under(&c, 1, None),
        Err(DrawError::Participant { .. })
    ));
    // v2 without the registers' date.
    let mut c = w
        .commitment_v2(plan(), 1, BeaconChoice::Offline, 0)
        .commitment;
    c.as_of = None;
    let c = World::sign_v2(c);
    assert!(matches!(
        w.draw_with(&c, &World::reveals_v2(&c, 1)),
        Err(DrawError::Commitment { .. })
    ));
}

/// The registers' date is committed: registers of another date are refused even where the
/// roots agree.
#[test]
fn registers_of_another_date_are_refused() {
    let w = world();
    let mut c = w
        .commitment_v2(plan(), 1, BeaconChoice::Offline, 0)
        .commitment;
    c.as_of = Some(DAY);
    let c = World::sign_v2(c);
    let e = w.draw_with(&c, &World::reveals_v2(&c, 1)).unwrap_err();
    assert!(
        matches!(
            e,
            DrawError::AsOf {
                register: "target",
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.kind(), "as_of");
}

/// Issue 16, attack 5 (国发〔2019〕5号 三（二）): a general item capped at 5 % with every
/// stratum at 5 % and `min = u32::MAX` drew 40 of 40 in draw/v1. draw/v2 refuses it.
#[test]
fn min_and_rounding_cannot_lift_a_general_item_over_its_cap() {
    let w = small_world();
    let mut p = plan();
    for s in &mut p.strata {
        s.min = u32::MAX;
    }
    // draw/v1 (kept for old records) still draws every target: the gap v2 closes.
    let v1 = w.run(p.clone(), 1).unwrap();
    assert_eq!(v1.selected_ids().count(), 40);
    match w.run_v2(p, 1) {
        Err(e @ DrawError::OverCap { .. }) => {
            assert_eq!(e.kind(), "over_cap");
            let DrawError::OverCap {
                item,
                earlier,
                drawn,
                population,
                cap,
                cap_count,
            } = e
            else {
                unreachable!()
            };
            assert_eq!(
                (item.as_str(), earlier, drawn, population, cap, cap_count),
                ("HA-GAT-002", 0, 40, 40, BasisPoints(500), 2)
            );
        }
        other => panic!("{other:?}"),
    }
    // Ceiling rounding alone: four strata of ten at 5 % round up to 1 each, 4 > ⌈2⌉.
    let e = w.run_v2(plan(), 1).unwrap_err();
    assert!(
        matches!(
            e,
            DrawError::OverCap {
                drawn: 4,
                cap_count: 2,
                ..
            }
        ),
        "{e:?}"
    );
    // Floor rounding keeps it under: 0 each.
    let mut floor = plan();
    floor.rounding = Rounding::Floor;
    assert!(w.run_v2(floor, 1).is_ok());
}

/// Issue 16, point 6: 100 % entries carry a published reason; standing lists count
/// against the cap, complaint and referral leads (国发〔2019〕5号 三（七）) do not.
#[test]
fn must_include_entries_carry_reasons_and_standing_lists_count_against_the_cap() {
    let w = World::new(targets(100), inspectors(8, 0));
    let mut p = plan();
    p.rounding = Rounding::Floor;
    p.must_include = (1..=4).map(uscc).collect();
    // No reasons: refused, each entry named.
    match w.run_v2(p.clone(), 1) {
        Err(DrawError::Commitment { problems }) => {
            assert_eq!(
                problems
                    .iter()
                    .filter(|x| x.contains("must_include_reasons"))
                    .count(),
                4,
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // Complaints: outside the random ratio; the draw runs.
    for id in &p.must_include {
        p.must_include_reasons
            .insert(id.clone(), MustIncludeReason::Complaint);
    }
    let r = w.run_v2(p.clone(), 1).unwrap();
    assert_eq!(r.must_include.len(), 4);
    // A standing list of four plus the strata's quotas over a 5 % cap of 100: refused.
    for id in &p.must_include {
        p.must_include_reasons
            .insert(id.clone(), MustIncludeReason::KeySupervision);
    }
    let e = w.run_v2(p.clone(), 1).unwrap_err();
    assert!(matches!(e, DrawError::OverCap { .. }), "{e:?}");
    // Review M1: a target listed twice is refused (it would count twice in the population).
    let mut twice = p.clone();
    twice.must_include.push(uscc(1));
    match w.run_v2(twice, 1) {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|x| x.contains("more than once")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // Complaint entries are outside the cap's population: many of them do not raise it
    // (4 complaints + a stratum at min 40: 40 + 0 > ⌈5 % of 96⌉ = 5).
    let mut lifted = p.clone();
    for id in &lifted.must_include.clone() {
        lifted
            .must_include_reasons
            .insert(id.clone(), MustIncludeReason::Complaint);
    }
    lifted.strata[0].min = 40;
    let e = w.run_v2(lifted, 1).unwrap_err();
    assert!(
        matches!(e, DrawError::OverCap { population: 96, .. }),
        "{e:?}"
    );
    // A reason for a target not on the list.
    p.must_include_reasons
        .insert(uscc(99), MustIncludeReason::Referral);
    match w.run_v2(p, 1) {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|x| x.contains("not in must_include")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
}

/// Issue 16, point 5: a re-draw says why, with a code.
#[test]
fn a_redraw_names_a_reason_code() {
    let w = world();
    let first = w.commitment_v2(plan(), 1, BeaconChoice::Offline, 0);
    let mut c = w
        .commitment_v2(plan(), 2, BeaconChoice::Offline, 0)
        .commitment;
    c.supersedes = Some(Supersedes {
        commitment: first.hash,
        reason: "结果不理想".into(),
        note: None,
    });
    let bad = World::sign_v2(c.clone());
    match w.draw_with(&bad, &World::reveals_v2(&bad, 2)) {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|x| x.starts_with("supersedes.reason")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    c.supersedes = Some(Supersedes {
        commitment: first.hash,
        reason: "register_error".into(),
        note: Some("名录库中 3 户已注销".into()),
    });
    let good = World::sign_v2(c);
    assert!(w.draw_with(&good, &World::reveals_v2(&good, 2)).is_ok());
}

/// Issue 18, scope (draw/v2): a department inspects only under its own items, every plan
/// item's department sends a team, and where an item names kinds of target (检查对象) the
/// plan keeps to them. draw/v1 records keep the rules they were made under.
#[test]
fn departments_inspect_only_under_their_own_items() {
    let w = World::new(targets(400), inspectors(12, 12));
    // common::joint_plan sends 市场监管局 on a 治安总队 item.
    match w.run_v2(joint_plan(), 1) {
        Err(DrawError::Plan(e)) => assert!(
            e.problems
                .iter()
                .any(|p| p.starts_with("team.departments.市场监管局")),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(w.run(joint_plan(), 1).is_ok(), "draw/v1 keeps its rules");
    // An item whose department sends no team.
    let mut p = plan();
    p.team.departments[0].department = SC.into();
    match w.run_v2(p, 1) {
        Err(DrawError::Plan(e)) => {
            assert!(
                e.problems.iter().any(|p| p.starts_with("items.HA-GAT-002")),
                "{e}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_items_target_kinds_bound_the_plan() {
    let mut w = world();
    let mut list: Vec<_> = w.items.items().to_vec();
    list[0].target_scope = vec!["企业、个体工商户".into()];
    w.items = shuangsuiji::ItemList::new("test", list).unwrap();
    let e = w.run_v2(plan(), 1).unwrap_err();
    assert!(
        e.to_string()
            .contains("filter.kinds: item HA-GAT-002 covers only 企业、个体工商户"),
        "{e}"
    );
    let mut p = plan();
    p.filter.kinds = vec![shuangsuiji::registers::TargetKind::Cooperative];
    let e = w.run_v2(p.clone(), 1).unwrap_err();
    assert!(
        e.to_string()
            .contains("filter.kinds: cooperative is not among"),
        "{e}"
    );
    p.filter.kinds = vec![shuangsuiji::registers::TargetKind::Enterprise];
    assert!(w.run_v2(p, 1).is_ok());
}

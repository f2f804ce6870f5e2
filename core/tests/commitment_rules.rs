//! The pre-draw commitment's own rules: participants, signers, keys, beacon parameters,
//! one spelling for hashed hex, and the plan against the registers.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::{draw::*, encoding::*, registers::*};

fn run_with(
    w: &World,
    edit: impl Fn(&mut Commitment),
    reveals: Vec<Reveal>,
) -> Result<DrawRecord, DrawError> {
    let mut c = w.commitment(plan(), 1, BeaconChoice::Offline, 0).commitment;
    edit(&mut c);
    let mut s = SignedCommitment::new(c).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    draw(DrawInputs {
        commitment: &s,
        item_list: &w.items,
        targets: &w.targets,
        inspectors: &w.inspectors,
        reveals: &reveals,
        beacon: None,
        published: &[],
    })
}

fn problems(r: Result<DrawRecord, DrawError>) -> Vec<String> {
    match r {
        Err(DrawError::Commitment { problems }) => problems,
        other => panic!("expected a commitment error, got {other:?}"),
    }
}

#[test]
fn a_well_formed_commitment_runs() {
    let w = World::new(targets(40), inspectors(6, 0));
    assert!(run_with(&w, |_| {}, World::reveals(1)).is_ok());
}

#[test]
fn unknown_algorithm_is_named() {
    let w = World::new(targets(40), inspectors(6, 0));
    let r = run_with(
        &w,
        |c| c.algorithm = "shuangsuiji/draw/v4".into(),
        World::reveals(1),
    );
    assert!(matches!(r, Err(DrawError::Algorithm { found, .. }) if found == "shuangsuiji/draw/v4"));
}

#[test]
fn offline_mode_needs_two_participants_and_signers_are_unique() {
    let w = World::new(targets(40), inspectors(6, 0));
    let p = problems(run_with(
        &w,
        |c| {
            c.participants.truncate(1);
        },
        World::reveals(1)[..1].to_vec(),
    ));
    assert!(
        p.iter().any(|x| x.contains("at least two participants")),
        "{p:?}"
    );
    let p = problems(run_with(
        &w,
        |c| {
            let s = c.signers[0].clone();
            c.signers.push(s);
        },
        World::reveals(1),
    ));
    assert!(
        p.iter().any(|x| x.contains("appears more than once")),
        "{p:?}"
    );
    let p = problems(run_with(&w, |c| c.signers.clear(), World::reveals(1)));
    assert!(p.iter().any(|x| x.starts_with("signers:")), "{p:?}");
    let p = problems(run_with(
        &w,
        |c| c.signers[0].public_key = c.signers[0].public_key.to_uppercase(),
        World::reveals(1),
    ));
    assert!(p.iter().any(|x| x.contains("lower-case")), "{p:?}");
    let p = problems(run_with(
        &w,
        |c| c.participants[1].id = "纪检".into(),
        World::reveals(1),
    ));
    assert!(p.iter().any(|x| x.contains("participants.纪检")), "{p:?}");
}

#[test]
fn numbers_stay_json_safe_and_known_chains_keep_their_parameters() {
    let w = World::new(targets(40), inspectors(6, 0));
    let p = problems(run_with(
        &w,
        |c| c.committed_at = 1 << 60,
        World::reveals(1),
    ));
    assert!(p.iter().any(|x| x.starts_with("committed_at")), "{p:?}");
    let p = problems(run_with(
        &w,
        |c| {
            let mut d = DrandSpec::quicknet(123);
            d.genesis_time -= 3600; // would make an old round look fresh
            c.beacon = BeaconChoice::Drand(d);
        },
        World::reveals(1),
    ));
    assert!(p.iter().any(|x| x.contains("quicknet")), "{p:?}");
}

#[test]
fn hashed_hex_has_one_spelling() {
    let w = World::new(targets(40), inspectors(6, 0));
    let mut rv = World::reveals(1);
    assert!(
        run_with(&w, |_| {}, rv.clone()).is_ok(),
        "the control draws"
    );
    // The second participant's secret (bytes 0xfe), upper-cased: the same 32 bytes, another
    // spelling, refused for being one.
    assert_ne!(
        rv[1].secret,
        rv[1].secret.to_uppercase(),
        "the secret has letters"
    );
    rv[1].secret = rv[1].secret.to_uppercase();
    match run_with(&w, |_| {}, rv) {
        Err(DrawError::Reveal {
            participant,
            reason,
        }) => {
            assert_eq!(participant, "jjjc");
            assert!(reason.contains("lower-case"), "{reason}")
        }
        other => panic!("upper-case hex accepted or refused for another reason: {other:?}"),
    }
}

#[test]
fn plan_is_checked_against_the_registers() {
    let w = World::new(targets(40), inspectors(6, 0));
    let r = run_with(
        &w,
        |c| c.plan.inspection_date = time::macros::date!(2023 - 01 - 01),
        World::reveals(1),
    );
    assert!(matches!(r, Err(DrawError::Plan(e)) if e.problems[0].starts_with("inspection_date")));
    let r = run_with(
        &w,
        |c| c.plan.team.departments[0].department = "不存在的部门".into(),
        World::reveals(1),
    );
    assert!(
        matches!(r, Err(DrawError::Plan(e)) if e.problems[0].contains("no inspector of this department"))
    );
    let r = run_with(
        &w,
        |c| c.plan.must_include = vec!["bad id".into()],
        World::reveals(1),
    );
    assert!(matches!(r, Err(DrawError::Plan(e)) if e.problems[0].starts_with("must_include")));
}

#[test]
fn public_views_keep_one_spelling_of_conflicts() {
    let w = World::new(targets(4), inspectors(2, 0));
    let mut entries = w.inspectors.inspectors().to_vec();
    entries[0].conflicts = vec!["B".into(), "A".into()];
    let e = PublicInspectorRegister::new(AS_OF, entries).unwrap_err();
    assert_eq!(e.problems[0].field, "conflicts");
}

/// Review finding: quicknet's key under another chain hash must not move `genesis_time`
/// (the BLS check depends only on key and round).
#[test]
fn quicknet_key_under_another_name_keeps_quicknet_parameters() {
    let w = World::new(targets(40), inspectors(6, 0));
    let p = problems(run_with(
        &w,
        |c| {
            let mut d = DrandSpec::quicknet(123);
            d.chain_hash = "00".repeat(32);
            d.genesis_time = 1_800_000_000;
            c.beacon = BeaconChoice::Drand(d);
        },
        World::reveals(1),
    ));
    assert!(p.iter().any(|x| x.contains("quicknet")), "{p:?}");
}

/// Review finding: windows and batch counts are bounded, so a hostile plan cannot make a
/// verifier panic or allocate without limit.
#[test]
fn windows_and_batches_are_bounded() {
    let mut p = plan();
    p.exclusions.inspected_within_days = Some(u32::MAX);
    p.team.recent_visit_days = Some(u32::MAX);
    p.batches = Some(u32::MAX);
    let e = p.check(&items()).unwrap_err();
    for want in [
        "batches: at most",
        "exclusions.inspected_within_days: at most",
        "team.recent_visit_days: at most",
    ] {
        assert!(
            e.problems.iter().any(|x| x.starts_with(want)),
            "{want}: {:?}",
            e.problems
        );
    }
    // Census with an unchecked plan still does not panic.
    let ts = targets(8);
    let mut q = plan();
    q.exclusions.inspected_within_days = Some(u32::MAX);
    assert!(Census::take(&q, &ts).is_ok());
}

#[test]
fn participant_and_signer_counts_are_bounded() {
    let w = World::new(targets(20), inspectors(4, 4));
    let mut c = w.commitment(plan(), 1, BeaconChoice::Offline, 0).commitment;
    let p0 = c.participants[0].clone();
    c.participants = (0..=MAX_PARTICIPANTS)
        .map(|i| Participant {
            id: format!("p{i}"),
            ..p0.clone()
        })
        .collect();
    let s0 = c.signers[0].clone();
    c.signers = (0..=MAX_SIGNERS)
        .map(|i| Signatory {
            name: format!("签名人{i}"),
            ..s0.clone()
        })
        .collect();
    let DrawError::Commitment { problems } = c.check().unwrap_err() else {
        panic!()
    };
    assert!(
        problems
            .iter()
            .any(|p| p == "participants: 65 listed, at most 64"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "signers: 65 listed, at most 64"),
        "{problems:?}"
    );
}

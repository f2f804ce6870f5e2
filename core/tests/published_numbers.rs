//! The published-numbers beacon (issue 20, 4a): a draw/v2 commitment names a future lottery
//! issue; the numbers entered after it decide the seed with the reveals; a changed number is
//! refused; the verdict shows the numbers until the reader enters the announcement.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use shuangsuiji::draw::{
    Announcement, BeaconChoice, BeaconError, NumberGroup, PublishedDraw, PublishedNumbersSpec,
    PublishedResult,
};
use shuangsuiji::trust::{verify_with_references, Level, References, Unanchored};
use shuangsuiji::{
    draw, verify, DrawError, DrawInputs, Explain, SealedRecord, SignedCommitment, SigningKey,
    VerifyError,
};

const DRAWS_AT: i64 = 1_767_000_000;

fn ssq() -> PublishedNumbersSpec {
    PublishedNumbersSpec {
        draws: vec![PublishedDraw {
            source: "中国福利彩票 双色球".into(),
            issue: "2026138".into(),
            announced_in: "www.cwl.gov.cn".into(),
            draws_at: DRAWS_AT,
            groups: vec![
                NumberGroup::ascending("红球", 6, 1, 33),
                NumberGroup::ascending("蓝球", 1, 1, 16),
            ],
        }],
    }
}

fn numbers(red: [u32; 6], blue: u32) -> Vec<PublishedResult> {
    vec![PublishedResult {
        source: "中国福利彩票 双色球".into(),
        issue: "2026138".into(),
        numbers: vec![red.to_vec(), vec![blue]],
    }]
}

fn world() -> World {
    World::new(targets(400), inspectors(12, 0))
}

fn commit(w: &World) -> SignedCommitment {
    w.commitment_v2(
        plan(),
        7,
        BeaconChoice::PublishedNumbers(ssq()),
        DRAWS_AT - 3600,
    )
}

fn run(
    w: &World,
    c: &SignedCommitment,
    published: &[PublishedResult],
) -> Result<shuangsuiji::DrawRecord, DrawError> {
    draw(DrawInputs {
        commitment: c,
        item_list: &w.items,
        targets: &w.targets,
        inspectors: &w.inspectors,
        reveals: &World::reveals_v2(c, 7),
        beacon: None,
        published,
    })
}

fn seal(r: shuangsuiji::DrawRecord) -> SealedRecord {
    let mut s = SealedRecord::new(r).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    s
}

#[test]
fn a_published_numbers_draw_commits_draws_and_verifies() {
    let w = world();
    let c = commit(&w);
    let n = numbers([3, 7, 12, 19, 25, 31], 9);
    let sealed = seal(run(&w, &c, &n).unwrap());
    assert_eq!(sealed.record.published_numbers, n);
    assert!(sealed.record.beacon.is_none());
    verify(&sealed, &w.targets, &w.inspectors).unwrap();
    // The record's JSON carries the numbers in their canonical form.
    let v = serde_json::to_value(&sealed.record).unwrap();
    assert_eq!(
        v["published_numbers"][0]["numbers"],
        serde_json::json!([[3, 7, 12, 19, 25, 31], [9]])
    );
    assert_eq!(
        v["commitment"]["commitment"]["beacon"]["mode"],
        "published_numbers"
    );
    // Other numbers make another draw: the numbers decide the seed.
    let other = run(&w, &c, &numbers([3, 7, 12, 19, 25, 32], 9)).unwrap();
    assert_ne!(other.seed, sealed.record.seed);
}

#[test]
fn a_changed_number_is_refused() {
    let w = world();
    let c = commit(&w);
    let sealed = seal(run(&w, &c, &numbers([3, 7, 12, 19, 25, 31], 9)).unwrap());
    // Changed after the draw and the record sealed again: the seed no longer follows.
    let mut forged = sealed.record.clone();
    forged.published_numbers[0].numbers[1][0] = 10;
    match verify(&seal(forged), &w.targets, &w.inspectors) {
        // The seed the numbers give is not the recorded one.
        Err(VerifyError::Mismatch { path, .. }) => assert_eq!(path, "seed"),
        other => panic!("{other:?}"),
    }
    // The same set in another order, a number out of range, a missing group: refused
    // before any draw (the operator cannot pick among spellings).
    for bad in [
        numbers([7, 3, 12, 19, 25, 31], 9),
        numbers([3, 7, 12, 19, 25, 34], 9),
        vec![PublishedResult {
            numbers: vec![vec![3, 7, 12, 19, 25, 31]],
            ..numbers([0; 6], 0).remove(0)
        }],
        Vec::new(),
    ] {
        match run(&w, &c, &bad) {
            Err(DrawError::Beacon(e @ BeaconError::Numbers { .. })) => {
                assert_eq!(e.kind(), "numbers");
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // Numbers given to a draw that names no public draw are refused too.
    let offline = w.commitment_v2(plan(), 7, BeaconChoice::Offline, 0);
    assert!(matches!(
        run(&w, &offline, &numbers([3, 7, 12, 19, 25, 31], 9)),
        Err(DrawError::Beacon(BeaconError::Numbers { .. }))
    ));
}

#[test]
fn the_commitment_must_precede_the_public_draw() {
    let w = world();
    let late = w.commitment_v2(plan(), 7, BeaconChoice::PublishedNumbers(ssq()), DRAWS_AT);
    match late.commitment.check() {
        Err(DrawError::Commitment { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("draws_at")),
                "{problems:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    // draw/v1 has no such mode.
    let v1 = w.commitment(plan(), 7, BeaconChoice::PublishedNumbers(ssq()), 0);
    assert!(v1.commitment.check().is_err());
}

#[test]
fn the_verdict_shows_the_numbers_until_the_announcement_is_entered() {
    let w = world();
    let c = commit(&w);
    let sealed = seal(run(&w, &c, &numbers([3, 7, 12, 19, 25, 31], 9)).unwrap());
    let verdict = |a: &[Announcement]| {
        verify_with_references(
            &sealed,
            &w.targets,
            &w.inspectors,
            None,
            None,
            &References {
                announcements: a,
                ..References::default()
            },
        )
    };
    let unseen = verdict(&[]);
    assert_eq!(unseen.level, Level::NotAnchored);
    assert!(unseen
        .unanchored
        .iter()
        .any(|u| matches!(u, Unanchored::PublishedNumbers { reason, .. } if reason.starts_with("not compared"))));
    assert_eq!(unseen.published_numbers.len(), 1);
    let groups = &unseen.published_numbers[0].groups;
    assert_eq!(groups[0].form.name, "红球");
    assert_eq!(groups[0].numbers, vec![3, 7, 12, 19, 25, 31]);
    assert_eq!(
        (groups[1].form.name.as_str(), groups[1].form.max),
        ("蓝球", 16)
    );
    assert_eq!(groups[1].numbers, vec![9]);
    assert!(!unseen.published_numbers[0].compared);
    let json = unseen.to_json();
    assert_eq!(json["published_numbers"][0]["issue"], "2026138");
    assert_eq!(json["published_numbers"][0]["groups"][0]["count"], 6);
    assert_eq!(
        json["published_numbers"][0]["groups"][0]["order"],
        "ascending"
    );

    // The announcement as a reader copies it (red balls in the order they fell) matches.
    let announced = Announcement {
        source: "中国福利彩票 双色球".into(),
        issue: "2026138".into(),
        draws_at: DRAWS_AT,
        numbers: vec![vec![25, 3, 31, 7, 19, 12], vec![9]],
    };
    let seen = verdict(std::slice::from_ref(&announced));
    assert!(seen.published_numbers[0].compared);
    assert!(!seen
        .unanchored
        .iter()
        .any(|u| matches!(u, Unanchored::PublishedNumbers { .. })));

    // An announcement that differs (a number, or the time) is named.
    for a in [
        Announcement {
            numbers: vec![vec![25, 3, 31, 7, 19, 12], vec![10]],
            ..announced.clone()
        },
        Announcement {
            draws_at: DRAWS_AT - 7200,
            ..announced.clone()
        },
    ] {
        let v = verdict(std::slice::from_ref(&a));
        assert!(!v.published_numbers[0].compared);
        // Entered beside the true one, it is not silently passed over either.
        let v2 = verdict(&[announced.clone(), a]);
        assert!(!v2.published_numbers[0].compared);
        assert!(!v.published_numbers[0].compared);
        assert!(v.unanchored.iter().any(|u| matches!(u,
            Unanchored::PublishedNumbers { reason, .. } if !reason.starts_with("not compared"))));
        assert!(v
            .unanchored
            .iter()
            .any(|u| u.message_zh().contains("不一致")));
    }
}

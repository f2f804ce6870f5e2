//! Results bound to the draw (attack 6 of issue 16): a result for a target the verified
//! draw did not select, naming an inspector on no drawn team or an item outside the plan,
//! is refused with every problem named, even under the real record hash.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::publish::{check_results_in_draw, OutcomeCode, ResultTarget, TeamMember};
use shuangsuiji::{Date, InspectionResult, PublishError, SealedRecord};

fn result(id: &str, s: &SealedRecord, target: &str) -> InspectionResult {
    let team = s.record.teams.iter().find(|t| t.target == target);
    let members: Vec<TeamMember> = team
        .map(|t| {
            t.members
                .iter()
                .map(|m| TeamMember {
                    inspector_id: m.inspector.clone(),
                    name: "某人".into(),
                    badge: None,
                })
                .collect()
        })
        .unwrap_or_default();
    let day = Date::from_calendar_date(2024, time::Month::April, 10).unwrap();
    InspectionResult {
        id: id.into(),
        draw_record: s.hash,
        target: ResultTarget {
            id: target.into(),
            name: "某公司".into(),
            uscc: None,
            address: None,
            contact: None,
        },
        items: s.record.commitment.commitment.plan.items.clone(),
        entered_by: members
            .first()
            .map(|m| m.inspector_id.clone())
            .unwrap_or_default(),
        team: members,
        inspection_date: day,
        result_date: day,
        outcome: OutcomeCode::NoProblemFound,
        findings: String::new(),
        follow_up: vec![],
        sensitivity: vec![],
    }
}

fn problems(r: &[InspectionResult], s: &SealedRecord) -> Vec<String> {
    match check_results_in_draw(r, s) {
        Err(PublishError::NotInDraw { problems }) => problems,
        other => panic!("expected NotInDraw, got {other:?}"),
    }
}

#[test]
fn only_what_the_draw_produced_may_be_published() {
    let w = World::new(targets(80), inspectors(6, 6));
    let s = w.sealed(plan(), 5);
    let picked: Vec<String> = s.record.selected_ids().map(String::from).collect();
    let good: Vec<InspectionResult> = picked
        .iter()
        .enumerate()
        .map(|(i, t)| result(&format!("R{i}"), &s, t))
        .collect();
    check_results_in_draw(&good, &s).unwrap();

    let undrawn = w
        .targets
        .targets()
        .iter()
        .map(|t| t.id.clone())
        .find(|id| {
            !picked.contains(id)
                && !s
                    .record
                    .strata
                    .iter()
                    .any(|st| st.alternates.iter().any(|a| &a.target == id))
        })
        .unwrap();
    let alternate = s
        .record
        .strata
        .iter()
        .find_map(|st| st.alternates.first())
        .unwrap()
        .target
        .clone();
    let mut off_team = result("R-off", &s, &picked[0]);
    off_team.team.push(TeamMember {
        inspector_id: "NOBODY".into(),
        name: "外人".into(),
        badge: None,
    });
    off_team.entered_by = "NOBODY".into();
    let mut extra_item = result("R-item", &s, &picked[1]);
    extra_item.items.push("NOT-IN-PLAN".into());
    let mut other_hash = result("R-hash", &s, &picked[2]);
    other_hash.draw_record = shuangsuiji::Digest32([7; 32]);
    let bad = [
        result("R-undrawn", &s, &undrawn),
        result("R-alt", &s, &alternate),
        off_team,
        extra_item,
        other_hash,
    ];
    let p = problems(&bad, &s);
    for want in [
        format!("R-undrawn: target {undrawn} was not drawn"),
        format!("R-alt: target {alternate} is an alternate"),
        format!(
            "R-off: inspector NOBODY is not on the drawn team of {}",
            picked[0]
        ),
        format!(
            "R-off: entered_by NOBODY is not on the drawn team of {}",
            picked[0]
        ),
        "R-item: item NOT-IN-PLAN is not in the plan".to_string(),
        "R-hash: names draw record".to_string(),
    ] {
        assert!(
            p.iter().any(|x| x.starts_with(&want)),
            "missing {want:?} in {p:?}"
        );
    }
}

#[test]
fn a_notice_reports_every_drawn_target_without_a_result() {
    use rand_chacha::rand_core::SeedableRng;
    use shuangsuiji::publish::{coverage, NoticeHeader};
    use shuangsuiji::{publish, NoticeError, RedactionPolicy, SigningKey};
    let w = World::new(targets(80), inspectors(6, 6));
    let s = w.sealed(plan(), 5);
    let picked: Vec<String> = s.record.selected_ids().map(String::from).collect();
    // Every drawn target but the last has its result.
    let results: Vec<InspectionResult> = picked
        .iter()
        .take(picked.len() - 1)
        .enumerate()
        .map(|(i, t)| result(&format!("R{i:03}"), &s, t))
        .collect();
    check_results_in_draw(&results, &s).unwrap();
    let header = NoticeHeader {
        notice_id: "N1".into(),
        publisher: "某单位".into(),
        published_on: Date::from_calendar_date(2024, time::Month::April, 20).unwrap(),
        draw_record: s.hash,
    };
    let mut rng = rand_chacha::ChaCha20Rng::from_seed([1; 32]);
    let key = SigningKey::from_bytes(&[3; 32]);
    let p = publish(
        &results,
        &RedactionPolicy::default_policy(),
        header,
        &key,
        &mut rng,
    )
    .unwrap();
    let c = coverage(&p.notice, &s).unwrap();
    assert_eq!(c.drawn, picked.len());
    assert_eq!(c.published + c.missing.len(), picked.len());
    assert!(c.missing.contains(picked.last().unwrap()), "{c:?}");
    // The default policy keeps a target id in clear (企业 ids are public).
    assert_eq!(
        (c.published, c.withheld, c.target_not_shown),
        (picked.len() - 1, 0, 0),
        "{c:?}"
    );
    assert!(c.not_drawn.is_empty());
    // Checked against another record, the notice is refused.
    let other = w.sealed(plan(), 6);
    assert!(matches!(
        coverage(&p.notice, &other),
        Err(NoticeError::RecordMismatch { .. })
    ));
}

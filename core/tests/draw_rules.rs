//! Every team rule and exclusion with a positive and a negative case; infeasible plans
//! refused with a precise error. Rules cite their source.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use shuangsuiji::{draw::*, registers::fields::*, registers::*};
use std::collections::BTreeMap;
use time::macros::date;

fn team_of<'a>(r: &'a DrawRecord, target: &str) -> Vec<&'a str> {
    r.teams
        .iter()
        .find(|t| t.target == target)
        .map(|t| t.members.iter().map(|m| m.inspector.as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn same_commitment_same_bytes_new_secret_new_draw() {
    let w = World::new(targets(400), inspectors(12, 0));
    let a = w.run(plan(), 1).unwrap();
    let b = w.run(plan(), 1).unwrap();
    assert_eq!(a.canonical_bytes().unwrap(), b.canonical_bytes().unwrap());
    let c = w.run(plan(), 2).unwrap();
    assert_ne!(a.seed, c.seed);
    assert_ne!(a.strata[0].selected, c.strata[0].selected);
}

#[test]
fn quotas_follow_the_rounding_rule_and_minimum() {
    let w = World::new(targets(402), inspectors(30, 0));
    // 402 targets, risk by i % 4: 101, 101, 100, 100.
    let r = w.run(plan(), 3).unwrap();
    let q: Vec<u64> = r.strata.iter().map(|s| s.quota).collect();
    assert_eq!(
        q,
        vec![6, 6, 5, 5],
        "ceil(101 × 5%) = 6, ceil(100 × 5%) = 5"
    );
    let mut p = plan();
    p.rounding = Rounding::Floor;
    p.strata[3].min = 9;
    let r = w.run(p, 3).unwrap();
    let q: Vec<u64> = r.strata.iter().map(|s| s.quota).collect();
    assert_eq!(q, vec![5, 5, 5, 9]);
    for s in &r.strata {
        assert_eq!(s.selected.len() as u64, s.quota);
        assert_eq!(s.alternates.len(), 2);
        // Alternates are the next lowest tickets: all above the last selected one.
        let last = s.selected.last().unwrap().ticket;
        assert!(s.alternates.iter().all(|a| a.ticket > last));
    }
}

// 国发〔2019〕5号 三(二): a general item's ratio may not exceed its cap; a key item has none.
#[test]
fn general_item_ratio_cap_is_a_hard_check() {
    let w = World::new(targets(40), inspectors(12, 0));
    let mut p = plan();
    p.strata[2].ratio = BasisPoints(501);
    match w.run(p.clone(), 1) {
        Err(DrawError::Plan(e)) => assert!(
            e.problems[0]
                .starts_with("strata.medium_high.ratio: 5.01% exceeds the cap 5% of general item "),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
    p.items = vec!["HA-GAT-006".into()];
    assert!(w.run(p, 1).is_ok());
}

#[test]
fn items_outside_the_list_are_refused() {
    let w = World::new(targets(40), inspectors(12, 0));
    let mut p = plan();
    p.items.push("NOT-LISTED".into());
    match w.run(p, 1) {
        Err(DrawError::Plan(e)) => assert!(
            e.problems[0].starts_with("items: NOT-LISTED is not in item list "),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
}

// 行政处罚法: at least two enforcement officers.
#[test]
fn teams_have_at_least_two_officers() {
    let w = World::new(targets(40), inspectors(12, 0));
    let mut p = plan();
    p.team.departments[0].officers = 1;
    match w.run(p, 1) {
        Err(DrawError::Plan(e)) => assert!(
            e.problems[0].ends_with(".officers: 1 < 2 (行政处罚法: 执法人员不得少于两人)"),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
    let r = w.run(plan(), 1).unwrap();
    assert!(r
        .teams
        .iter()
        .all(|t| t.members.len() == 2 && t.members[0].inspector != t.members[1].inspector));
}

// 回避: a declared conflict.
#[test]
fn declared_conflicts_are_recused() {
    let ts = targets(40);
    let all: Vec<String> = ts.iter().map(|t| t.id.clone()).collect();
    let w0 = World::new(ts.clone(), inspectors(3, 0));
    let r0 = w0.run(plan(), 5).unwrap();
    assert!(
        r0.teams
            .iter()
            .any(|t| t.members.iter().any(|m| m.inspector == "P0000")),
        "without conflicts P0000 is drawn"
    );
    let mut ins = inspectors(3, 0);
    ins[0].conflicts = all.clone();
    let r = World::new(ts.clone(), ins).run(plan(), 5).unwrap();
    assert!(r
        .teams
        .iter()
        .all(|t| t.members.iter().all(|m| m.inspector != "P0000")));
    // With two officers and one of them in conflict: refused, naming target and rule.
    let mut ins = inspectors(2, 0);
    ins[0].conflicts = all;
    let w = World::new(ts, ins);
    match w.run(plan(), 5) {
        Err(DrawError::TeamShortfall {
            target,
            excluded,
            needed,
            found,
            ..
        }) => {
            assert!(w.targets.get(&target).is_some());
            assert_eq!((needed, found), (2, 1));
            assert!(
                excluded.contains("recused (declared conflict): 1"),
                "{excluded}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn own_region_recusal_is_optional_and_enforced() {
    let w = World::new(targets(60), inspectors(16, 0));
    let ins: BTreeMap<&str, &PublicInspector> = w
        .inspectors
        .inspectors()
        .iter()
        .map(|i| (i.id.as_str(), i))
        .collect();
    let same_region = |r: &DrawRecord| {
        let mut n = 0;
        for t in &r.teams {
            let region = &w.targets.get(&t.target).unwrap().region;
            n += t
                .members
                .iter()
                .filter(|m| ins[m.inspector.as_str()].region.as_ref() == Some(region))
                .count();
        }
        n
    };
    assert!(
        same_region(&w.run(plan(), 7).unwrap()) > 0,
        "without the rule, own-region matches occur"
    );
    let mut p = plan();
    p.team.recuse_own_region = true;
    assert_eq!(same_region(&w.run(p, 7).unwrap()), 0);
}

#[test]
fn recent_visit_recusal() {
    let w0 = World::new(targets(40), inspectors(3, 0));
    let r0 = w0.run(plan(), 9).unwrap();
    let (victim, member) = (
        r0.teams[0].target.clone(),
        r0.teams[0].members[0].inspector.clone(),
    );
    let mut p = plan();
    p.team.recent_visit_days = Some(365);
    p.team.previous_visits.push(Visit {
        inspector: member.clone(),
        target: victim.clone(),
        date: date!(2023 - 03 - 01),
    });
    let r = w0.run(p.clone(), 9).unwrap();
    assert!(!team_of(&r, &victim).contains(&member.as_str()));
    // A visit older than the window does not recuse.
    p.team.previous_visits[0].date = date!(2021 - 03 - 01);
    let r = w0.run(p, 9).unwrap();
    assert!(team_of(&r, &victim).contains(&member.as_str()));
}

#[test]
fn workload_cap_holds_and_shortfall_is_reported() {
    let w = World::new(targets(400), inspectors(6, 0));
    let mut p = plan();
    p.team.workload_cap = 6; // 20 targets × 2 = 40 slots > 6 officers × 6: refused
    match w.run(p.clone(), 1) {
        Err(DrawError::TeamShortfall {
            excluded,
            department,
            ..
        }) => {
            assert_eq!(department, ZA);
            assert!(excluded.contains("at workload cap"), "{excluded}");
        }
        other => panic!("{other:?}"),
    }
    p.team.workload_cap = 7; // 40 ≤ 42: feasible
    let r = w.run(p, 1).unwrap();
    let mut load: BTreeMap<&str, u32> = BTreeMap::new();
    for m in r.teams.iter().flat_map(|t| &t.members) {
        *load.entry(&m.inspector).or_default() += 1;
    }
    assert!(load.values().all(|l| *l <= 7), "{load:?}");
}

#[test]
fn required_and_preferred_expertise() {
    let mut ins = inspectors(10, 0);
    for i in ins.iter_mut().take(3) {
        i.expertise = vec!["娱乐场所".into()];
    }
    let w = World::new(targets(40), ins);
    let mut p = plan();
    p.team.departments[0].required_expertise = vec!["娱乐场所".into()];
    let r = w.run(p.clone(), 2).unwrap();
    let holders = ["P0000", "P0001", "P0002"];
    assert!(r
        .teams
        .iter()
        .flat_map(|t| &t.members)
        .all(|m| holders.contains(&m.inspector.as_str())));
    p.team.departments[0].required_expertise = vec!["放射源".into()];
    assert!(matches!(
        w.run(p.clone(), 2),
        Err(DrawError::TeamShortfall { .. })
    ));
    p.team.departments[0].required_expertise.clear();
    p.team.departments[0].preferred_expertise = vec!["娱乐场所".into()];
    let r = w.run(p, 2).unwrap();
    // Preferred members are drawn first while available (cap 10, 3 × 10 slots ≥ 2 × 4).
    assert!(r
        .teams
        .iter()
        .flat_map(|t| &t.members)
        .all(|m| holders.contains(&m.inspector.as_str())));
}

#[test]
fn only_qualified_officers_count() {
    let mut ins = inspectors(4, 0);
    ins[0].qualification.as_mut().unwrap().valid_until = date!(2023 - 08 - 31); // lapses before the inspection date
    ins[1].expert = true;
    ins[1].qualification = None;
    ins[2].status = InspectorStatus::OnLeave;
    let w = World::new(targets(40), ins);
    match w.run(plan(), 1) {
        Err(DrawError::TeamShortfall {
            found, excluded, ..
        }) => {
            assert_eq!(found, 1);
            assert!(
                excluded.contains("not an active qualified officer"),
                "{excluded}"
            );
        }
        other => panic!("{other:?}"),
    }
    // The expert can still join as an expert, never as an officer.
    let mut ins = inspectors(4, 0);
    ins[1].expert = true;
    ins[1].qualification = None;
    let w = World::new(targets(40), ins);
    let mut p = plan();
    p.team.departments[0].experts = 1;
    let r = w.run(p, 1).unwrap();
    for t in &r.teams {
        assert_eq!(t.members.len(), 3);
        assert!(t
            .members
            .iter()
            .all(|m| (m.inspector == "P0001") == (m.role == Role::Expert)));
    }
}

#[test]
fn joint_draw_sends_a_team_from_each_department() {
    let w = World::new(targets(80), inspectors(10, 10));
    let p = joint_plan();
    let r = w.run(p, 4).unwrap();
    for t in &r.teams {
        assert_eq!(t.members.iter().filter(|m| m.department == ZA).count(), 2);
        assert_eq!(t.members.iter().filter(|m| m.department == SC).count(), 2);
    }
}

#[test]
fn exclusion_windows_and_already_drawn() {
    let mut ts = targets(80);
    ts[0]
        .last_inspected
        .insert("HA-GAT-002".into(), IsoDate(date!(2023 - 07 - 01)));
    ts[1]
        .last_inspected
        .insert("HA-GAT-002".into(), IsoDate(date!(2022 - 01 - 01)));
    ts[2]
        .last_inspected
        .insert("OTHER".into(), IsoDate(date!(2023 - 07 - 01)));
    let (a, b, c, d) = (
        ts[0].id.clone(),
        ts[1].id.clone(),
        ts[2].id.clone(),
        ts[3].id.clone(),
    );
    let w = World::new(ts, inspectors(20, 0));
    let mut p = plan();
    p.exclusions.inspected_within_days = Some(180);
    p.exclusions.already_drawn = vec![d.clone()];
    let r = w.run(p, 1).unwrap();
    let ex: BTreeMap<&str, &ExclusionReason> = r
        .exclusions
        .iter()
        .map(|e| (e.target.as_str(), &e.reason))
        .collect();
    assert!(matches!(
        ex.get(a.as_str()),
        Some(ExclusionReason::InspectedRecently { .. })
    ));
    assert!(
        !ex.contains_key(b.as_str()),
        "inspected 2022, outside the window"
    );
    assert!(!ex.contains_key(c.as_str()), "inspected for another item");
    assert_eq!(ex.get(d.as_str()), Some(&&ExclusionReason::AlreadyDrawn));
    assert!(!r.selected_ids().any(|s| s == a || s == d));
    assert_eq!(r.strata.iter().map(|s| s.population).sum::<u64>(), 78);
}

#[test]
fn must_include_list() {
    let ts = targets(80);
    let (x, y) = (ts[5].id.clone(), ts[6].id.clone());
    let mut dead = ts.clone();
    dead[6].status = TargetStatus::Deregistered;
    let w = World::new(ts, inspectors(20, 0));
    let mut p = plan();
    p.must_include = vec![x.clone()];
    let r = w.run(p.clone(), 1).unwrap();
    assert!(r.must_include.iter().any(|m| m.target == x));
    assert!(r.teams.iter().any(|t| t.target == x));
    assert!(
        !r.strata
            .iter()
            .flat_map(|s| &s.selected)
            .any(|s| s.target == x),
        "100 % list is in addition to the draw"
    );
    p.must_include = vec!["NOPE".into()];
    assert!(
        matches!(w.run(p.clone(), 1), Err(DrawError::MustInclude { target, .. }) if target == "NOPE")
    );
    let w = World::new(dead, inspectors(20, 0));
    p.must_include = vec![y.clone()];
    assert!(matches!(w.run(p, 1), Err(DrawError::MustInclude { target, .. }) if target == y));
}

// 国发〔2019〕5号: high-ratio key items may draw the batch order at random.
#[test]
fn batches_partition_the_selection() {
    let w = World::new(targets(200), inspectors(30, 0));
    let mut p = plan();
    p.items = vec!["HA-GAT-006".into()];
    p.batches = Some(3);
    let r = w.run(p.clone(), 1).unwrap();
    let mut all: Vec<&str> = r.batches.iter().flatten().map(String::as_str).collect();
    let sizes: Vec<usize> = r.batches.iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![4, 4, 4]);
    all.sort();
    let mut sel: Vec<&str> = r.selected_ids().collect();
    sel.sort();
    assert_eq!(all, sel);
    let r2 = w.run(p, 2).unwrap();
    assert_ne!(r.batches, r2.batches);
}

#[test]
fn filters_admit_only_matching_active_targets() {
    let mut ts = targets(120);
    ts[0].status = TargetStatus::Closed;
    ts[1].industry = "F5211".into();
    let (closed, other) = (ts[0].id.clone(), ts[1].id.clone());
    let w = World::new(ts, inspectors(20, 0));
    let mut p = plan();
    p.filter.industries = vec!["R90".into()];
    p.filter.regions = vec!["410102".into(), "410103".into()];
    let r = w.run(p, 1).unwrap();
    assert_eq!(
        r.strata.iter().map(|s| s.population).sum::<u64>(),
        120 / 3 * 2 - 2
    );
    assert!(!r.selected_ids().any(|s| s == closed || s == other));
}

//! Issue 18's draw/v2 rules, each with a failing and a passing case: the implementing level
//! (检查部门实施层级), 抽查频次 tiers, the annual plan (年度抽查计划), earlier draws across
//! departments (防止检查过多和执法扰民, 进一次门、查多项事) and the yearly general-item cap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use shuangsuiji::draw::*;
use shuangsuiji::encoding::Digest32;
use shuangsuiji::registers::fields::BasisPoints;
use shuangsuiji::registers::*;
use shuangsuiji::{Explain, SigningKey};
use time::macros::date;
use time::{Date, Duration};

const TIERED: &str = "一级治安管理场所1次/年、二级和三级治安管理场所每半年1次";

/// 400 targets, 12 officers of 治安总队 and 6 of 市场监管局, and a general item of 市场监管局.
fn world() -> World {
    let mut w = World::new(targets(400), inspectors(12, 6));
    let mut items: Vec<Item> = w.items.items().to_vec();
    let mut sc = items[0].clone();
    sc.id = "SC-001".into();
    sc.department = SC.into();
    sc.name = "经营行为检查".into();
    items.push(sc);
    w.items = ItemList::new("test", items).unwrap();
    w
}

fn sc_plan() -> DrawPlan {
    let mut p = plan();
    p.id = "T-SC".into();
    p.items = vec!["SC-001".into()];
    p.team.departments[0].department = SC.into();
    // Under SC-001's 5 % cap once another department's targets are left out.
    p.strata.iter_mut().for_each(|s| s.ratio = BasisPoints(400));
    p
}

fn plan_problems(e: DrawError) -> Vec<String> {
    match e {
        DrawError::Plan(p) => p.problems,
        DrawError::Commitment { problems } => problems,
        other => panic!("expected a plan error, got {other:?}"),
    }
}

/// Asserts that one of `problems` contains `needle`.
fn has(problems: &[String], needle: &str) {
    assert!(
        problems.iter().any(|x| x.contains(needle)),
        "{needle:?} not in {problems:#?}"
    );
}

fn draws(r: &DrawRecord) -> Vec<String> {
    r.selected_ids().map(str::to_string).collect()
}

/// 检查部门实施层级: an item lists the levels that inspect under it.
#[test]
fn the_plan_level_must_be_one_of_each_items_levels() {
    let w = world();
    let mut p = plan();
    p.level = Some(Level::City);
    let problems = plan_problems(w.run_v2(p, 1).unwrap_err());
    has(
        &problems,
        "level: item HA-GAT-002 is not inspected at the 市 level",
    );
    let mut p = plan();
    p.level = Some(Level::Province);
    w.run_v2(p, 1).unwrap();
    // draw/v2 states it.
    let mut c = w
        .commitment_v2(plan(), 1, BeaconChoice::Offline, 0)
        .commitment;
    c.plan.level = None;
    c.plan.annual_task = None;
    let c = World::sign_v2(c);
    let problems = plan_problems(w.draw_with(&c, &World::reveals_v2(&c, 1)).unwrap_err());
    has(&problems, "plan.level:");
    // …and names its task in the year's annual plan.
    has(&problems, "plan.annual_task:");
}

#[test]
fn draw_v1_refuses_the_new_members_and_v2_refuses_a_typed_already_drawn_list() {
    let w = world();
    let mut p = plan();
    p.level = Some(Level::Province);
    let problems = plan_problems(w.run(p, 1).unwrap_err());
    assert!(
        problems.contains(&"plan.level: a draw/v2 member in a draw/v1 commitment".to_string()),
        "{problems:?}"
    );
    let mut p = plan();
    p.exclusions.already_drawn = vec![uscc(3)];
    let problems = plan_problems(w.run_v2(p.clone(), 1).unwrap_err());
    has(&problems, "plan.exclusions.already_drawn:");
    // draw/v1 keeps its list.
    w.run(p, 1).unwrap();
}

/// A world whose item has the tiered frequency of 豫政办〔2017〕80号 and whose targets 0..8
/// were inspected under it `ago` days before the inspection date, with `grade`.
fn tiered_world(ago: i64, grade: Option<&str>) -> World {
    let mut ts = targets(400);
    for t in ts.iter_mut().take(8) {
        t.last_inspected
            .insert("HA-GAT-002".into(), IsoDate(DAY - Duration::days(ago)));
        t.grade = grade.map(str::to_string);
    }
    let mut w = World::new(ts, inspectors(12, 0));
    let mut items: Vec<Item> = w.items.items().to_vec();
    items[0].frequency = Frequency::parse(TIERED).unwrap();
    w.items = ItemList::new("test", items).unwrap();
    w
}

fn not_due(r: &DrawRecord) -> Vec<(String, u32)> {
    r.exclusions
        .iter()
        .filter_map(|e| match &e.reason {
            ExclusionReason::NotDue { days, .. } => Some((e.target.clone(), *days)),
            _ => None,
        })
        .collect()
}

/// 抽查频次 "一级…1次/年、二级和三级…每半年1次": inspected 200 days ago, a 一级 place is
/// not due (365 days), a 二级 place is (182 days).
#[test]
fn frequency_tiers_leave_out_targets_not_yet_due() {
    let r = tiered_world(200, Some("一级")).run_v2(plan(), 1).unwrap();
    let nd = not_due(&r);
    assert_eq!(nd.len(), 8, "{nd:?}");
    assert!(nd.iter().all(|(_, d)| *d == 365));
    let sel = draws(&r);
    assert!(nd.iter().all(|(t, _)| !sel.contains(t)));

    let r = tiered_world(200, Some("二级")).run_v2(plan(), 1).unwrap();
    assert!(not_due(&r).is_empty());
    // draw/v1 never applied frequencies.
    let r = tiered_world(200, Some("一级")).run(plan(), 1).unwrap();
    assert!(not_due(&r).is_empty());
}

/// What the register does not state is never guessed: without 等级 the plan cannot tell a
/// target inspected 200 days ago apart, and is refused; where every tier agrees it decides.
#[test]
fn an_unknown_tier_is_refused_only_where_the_tiers_disagree() {
    let e = tiered_world(200, None).run_v2(plan(), 1).unwrap_err();
    assert_eq!(e.kind(), "plan");
    let problems = plan_problems(e);
    assert!(
        problems[0].starts_with("frequency: item HA-GAT-002's 抽查频次 has tiers and 8 target(s)"),
        "{problems:?}"
    );
    // A grade naming no tier is as unknown as none.
    assert!(tiered_world(200, Some("四级")).run_v2(plan(), 1).is_err());
    // 400 days ago: due under every tier.
    assert!(not_due(&tiered_world(400, None).run_v2(plan(), 1).unwrap()).is_empty());
    // 100 days ago: due under none; the shortest interval is recorded.
    let nd = not_due(&tiered_world(100, None).run_v2(plan(), 1).unwrap());
    assert_eq!(nd.len(), 8);
    assert!(nd.iter().all(|(_, d)| *d == 182));
    // A last-inspection window covering the longest interval decides first.
    let mut p = plan();
    p.exclusions.inspected_within_days = Some(365);
    let r = tiered_world(200, None).run_v2(p, 1).unwrap();
    assert_eq!(
        r.exclusions
            .iter()
            .filter(|e| matches!(e.reason, ExclusionReason::InspectedRecently { .. }))
            .count(),
        8
    );
}

#[test]
fn tiers_are_picked_by_grade_and_intervals_are_whole_days() {
    let f = Frequency::parse(TIERED).unwrap();
    let mut t = target(1, RiskLevel::Low, "410102");
    assert!(tier_of(&f.tiers, &t).is_none());
    t.grade = Some("三级".into());
    assert_eq!(tier_of(&f.tiers, &t).map(interval_days), Some(182));
    t.grade = Some("一级".into());
    assert_eq!(tier_of(&f.tiers, &t).map(interval_days), Some(365));
    // A grade is matched whole, never by a part of the tier's words.
    t.grade = Some("级".into());
    assert!(tier_of(&f.tiers, &t).is_none());
    let k = Frequency::parse("重点单位每季度1次、非重点单位1次/年").unwrap();
    t.grade = Some("重点单位".into());
    assert_eq!(tier_of(&k.tiers, &t).map(interval_days), Some(91));
    assert_eq!(tier_grades("二级和三级治安管理场所"), ["二级", "三级"]);
    let q = Frequency::parse("每季度2次").unwrap();
    assert_eq!(interval_days(&q.tiers[0]), 45);
    // An untiered frequency applies to every target, graded or not.
    t.grade = None;
    assert_eq!(
        tier_of(&Frequency::parse("1次/年").unwrap().tiers, &t).map(interval_days),
        Some(365)
    );
}

fn annual(items: &ItemList) -> AnnualPlan {
    AnnualPlan {
        id: "AP-2023".into(),
        year: 2023,
        issuer: "郑州市人民政府".into(),
        item_list: items.version().into(),
        tasks: vec![
            AnnualTask {
                id: "T1".into(),
                title: "娱乐场所治安监督检查".into(),
                items: vec!["HA-GAT-002".into()],
                initiator: ZA.into(),
                participants: vec![],
                from: date!(2023 - 07 - 01),
                to: date!(2023 - 12 - 31),
                ratio: BasisPoints(500),
                joinable: true,
            },
            AnnualTask {
                id: "T2".into(),
                title: "经营行为检查".into(),
                items: vec!["SC-001".into()],
                initiator: SC.into(),
                participants: vec![],
                from: date!(2023 - 07 - 01),
                to: date!(2023 - 12 - 31),
                ratio: BasisPoints(500),
                joinable: true,
            },
        ],
        signatories: vec![Signatory {
            name: "市政府办公室".into(),
            public_key: shuangsuiji::encoding::public_key_hex(&SigningKey::from_bytes(&[7; 32])),
            distid: None,
        }],
        suite: Default::default(),
    }
}

/// 年度抽查计划…明确抽查任务和参与部门: tasks keep to the item list and its caps.
#[test]
fn an_annual_plan_is_checked_against_the_item_list_and_signed() {
    let w = world();
    let a = annual(&w.items);
    a.check(&w.items).unwrap();
    let mut bad = a.clone();
    bad.tasks[0].items.push("SC-001".into()); // not 治安总队's, and 市场监管局 is no participant
    bad.tasks[1].ratio = BasisPoints(800); // over SC-001's 5 % cap
    bad.tasks[1].to = date!(2024 - 01 - 31);
    let p = bad.check(&w.items).unwrap_err().problems;
    assert!(
        p.iter()
            .any(|x| x.contains("tasks.T1.items.SC-001: its department 市场监管局")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x.starts_with("tasks.T2.ratio: 8% exceeds the cap")),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|x| x.starts_with("tasks.T2.to: 2024-01-31 lies outside")),
        "{p:?}"
    );

    let mut s = SignedAnnualPlan::new(a.clone()).unwrap();
    assert!(s.check(&w.items).is_err(), "unsigned");
    s.sign("市政府办公室", &SigningKey::from_bytes(&[7; 32]));
    s.check(&w.items).unwrap();
    let mut forged = s.clone();
    forged.plan.tasks[0].ratio = BasisPoints(400);
    assert!(forged.check(&w.items).is_err());

    // A draw plan carries the signed plan and names a task it has.
    assert_eq!(s.task_ref("T1").unwrap().task().unwrap().id, "T1");
    assert!(s.task_ref("T9").is_err());
}

/// `annual(items)`, signed by its signatory, after `edit`.
fn signed_annual(items: &ItemList, edit: impl FnOnce(&mut AnnualPlan)) -> SignedAnnualPlan {
    let mut a = annual(items);
    edit(&mut a);
    let mut s = SignedAnnualPlan::new(a).unwrap();
    s.sign("市政府办公室", &SigningKey::from_bytes(&[7; 32]));
    s
}

/// A draw is one of the year's tasks: its items, departments, period and ratio.
#[test]
fn a_draw_outside_its_annual_task_is_refused() {
    let w = world();
    let a = signed_annual(&w.items, |_| {});
    let mut p = plan();
    p.annual_task = Some(a.task_ref("T1").unwrap());
    w.run_v2(p.clone(), 1).unwrap();

    let mut q = p.clone();
    q.annual_task = Some(a.task_ref("T2").unwrap());
    let problems = plan_problems(w.run_v2(q, 1).unwrap_err());
    has(
        &problems,
        "items: HA-GAT-002 is not an item of annual task T2",
    );
    has(
        &problems,
        "team.departments.治安总队: not a department of annual task T2",
    );

    let mut q = p.clone();
    q.annual_task = Some(
        signed_annual(&w.items, |a| a.tasks[0].to = date!(2023 - 08 - 31))
            .task_ref("T1")
            .unwrap(),
    );
    let problems = plan_problems(w.run_v2(q, 1).unwrap_err());
    has(&problems, "inspection_date: 2023-09-04 lies outside");

    // An annual plan whose task exceeds the item's cap, or of another year, is refused.
    let over = signed_annual(&w.items, |a| a.tasks[0].ratio = BasisPoints(800));
    let mut q = p.clone();
    q.annual_task = Some(over.task_ref("T1").unwrap());
    let problems = plan_problems(w.run_v2(q, 1).unwrap_err());
    has(
        &problems,
        "annual_task.annual_plan: tasks.T1.ratio: 8% exceeds the cap 5%",
    );
    let other_year = signed_annual(&w.items, |a| {
        a.year = 2024;
        for t in &mut a.tasks {
            t.from = date!(2024 - 01 - 01);
            t.to = date!(2024 - 12 - 31);
        }
    });
    let mut q = p.clone();
    q.annual_task = Some(other_year.task_ref("T1").unwrap());
    let problems = plan_problems(w.run_v2(q, 1).unwrap_err());
    has(
        &problems,
        "annual_task: annual plan AP-2023 is for 2024, not the inspection year 2023",
    );

    // The task's ratio bounds the whole draw: 4 strata at 5 % with min 6 exceed ⌈2 % × 400⌉.
    let mut q = p.clone();
    q.annual_task = Some(
        signed_annual(&w.items, |a| a.tasks[0].ratio = BasisPoints(200))
            .task_ref("T1")
            .unwrap(),
    );
    let e = w.run_v2(q, 1).unwrap_err();
    assert_eq!(e.kind(), "over_task_ratio");
    assert!(
        matches!(
            e,
            DrawError::OverTaskRatio {
                drawn: 20,
                population: 400,
                ratio_count: 8,
                ..
            }
        ),
        "{e:?}"
    );
}

fn prior(r: &DrawRecord) -> PriorDraw {
    PriorDraw::of_record(r).unwrap()
}

fn reasons(r: &DrawRecord) -> Vec<(&str, Digest32)> {
    r.exclusions
        .iter()
        .filter_map(|e| match &e.reason {
            ExclusionReason::DrawnBefore { record } => Some(("drawn_before", *record)),
            ExclusionReason::DrawnElsewhere { record } => Some(("drawn_elsewhere", *record)),
            ExclusionReason::JointVisit { record } => Some(("joint_visit", *record)),
            _ => None,
        })
        .collect()
}

/// 防止检查过多和执法扰民: a target 治安总队 drew is not drawn again by 市场监管局 within the
/// window; the record names the earlier record; outside the window it may be.
#[test]
fn a_target_drawn_by_another_department_is_left_out_within_the_window() {
    let w = world();
    let first = w.run_v2(plan(), 1).unwrap();
    let earlier = prior(&first);
    let hash = first.hash().unwrap();
    assert_eq!(earlier.targets.len(), draws(&first).len());

    let mut p = sc_plan();
    p.inspection_date = DAY + Duration::days(10);
    p.exclusions.prior_draws = vec![earlier.clone()];
    // Given without a window, the plan is refused.
    let problems = plan_problems(w.run_v2(p.clone(), 2).unwrap_err());
    has(&problems, "plan.exclusions.drawn_within_days");

    p.exclusions.drawn_within_days = Some(30);
    let second = w.run_v2(p.clone(), 2).unwrap();
    let r = reasons(&second);
    assert_eq!(r.len(), earlier.targets.len());
    assert!(r
        .iter()
        .all(|(why, rec)| *why == "drawn_elsewhere" && *rec == hash));
    let sel = draws(&second);
    assert!(earlier.targets.iter().all(|t| !sel.contains(t)));
    // The record verifies, exclusions and all.
    let mut sealed = shuangsuiji::SealedRecord::new(second).unwrap();
    sealed.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    shuangsuiji::verify(&sealed, &w.targets, &w.inspectors).unwrap();

    // Ten days apart, a 5-day window leaves everyone in.
    p.exclusions.drawn_within_days = Some(5);
    assert!(reasons(&w.run_v2(p, 2).unwrap()).is_empty());
}

/// The same department's earlier draw is "drawn before" (what draw/v1's typed list was).
#[test]
fn a_target_the_department_drew_before_is_left_out() {
    let w = world();
    let first = w.run_v2(plan(), 1).unwrap();
    let mut p = plan();
    p.id = "T-2".into();
    p.inspection_date = DAY + Duration::days(10);
    p.exclusions.prior_draws = vec![prior(&first)];
    p.exclusions.drawn_within_days = Some(30);
    // Two draws of one general item in a year share its cap (below).
    p.strata.iter_mut().for_each(|s| s.ratio = BasisPoints(100));
    p.items = vec!["HA-GAT-006".into()]; // the key item: no cap
    let r = w.run_v2(p, 2).unwrap();
    let why = reasons(&r);
    assert_eq!(why.len(), draws(&first).len());
    assert!(why.iter().all(|(w, _)| *w == "drawn_before"));
}

/// 进一次门、查多项事: under joinable tasks of one annual plan, the target joins the earlier
/// visit instead.
#[test]
fn joinable_tasks_of_one_annual_plan_make_a_joint_visit() {
    let w = world();
    let a = signed_annual(&w.items, |_| {});
    let mut p = plan();
    p.annual_task = Some(a.task_ref("T1").unwrap());
    let first = w.run_v2(p, 1).unwrap();
    let mut q = sc_plan();
    q.inspection_date = DAY + Duration::days(10);
    q.annual_task = Some(a.task_ref("T2").unwrap());
    q.exclusions.prior_draws = vec![prior(&first)];
    q.exclusions.drawn_within_days = Some(30);
    let r = w.run_v2(q.clone(), 2).unwrap();
    let why = reasons(&r);
    assert!(
        !why.is_empty() && why.iter().all(|(w, _)| *w == "joint_visit"),
        "{why:?}"
    );
    // A task not marked joinable keeps them apart, in the same annual plan.
    let b = signed_annual(&w.items, |a| a.tasks[1].joinable = false);
    let mut p = plan();
    p.annual_task = Some(b.task_ref("T1").unwrap());
    let first = w.run_v2(p, 1).unwrap();
    q.annual_task = Some(b.task_ref("T2").unwrap());
    q.exclusions.prior_draws = vec![prior(&first)];
    let r = w.run_v2(q, 2).unwrap();
    let why = reasons(&r);
    assert!(!why.is_empty() && why.iter().all(|(w, _)| *w == "drawn_elsewhere"));
}

/// 设置上限, per year: a general item's earlier draws this year count against its cap; last
/// year's do not.
#[test]
fn the_general_item_cap_is_a_yearly_one() {
    let w = world();
    let first = w.run_v2(plan(), 1).unwrap();
    let earlier = prior(&first);
    assert_eq!(earlier.counted, 20);
    let mut p = plan();
    p.id = "T-2".into();
    p.inspection_date = DAY + Duration::days(60);
    p.exclusions.prior_draws = vec![earlier.clone()];
    p.exclusions.drawn_within_days = Some(30); // 60 days apart: nobody left out
    let e = w.run_v2(p.clone(), 2).unwrap_err();
    assert_eq!(e.kind(), "over_cap");
    assert!(
        matches!(
            e,
            DrawError::OverCap {
                earlier: 20,
                drawn: 20,
                cap_count: 20,
                ..
            }
        ),
        "{e:?}"
    );
    // Next year the cap starts again.
    p.inspection_date = date!(2024 - 01 - 15);
    w.run_v2(p, 2).unwrap();
}

fn sealed(r: DrawRecord) -> shuangsuiji::SealedRecord {
    let mut s = shuangsuiji::SealedRecord::new(r).unwrap();
    s.sign("负责人", &SigningKey::from_bytes(&SIGNER_KEY));
    s
}

/// Copies of earlier records are checked against the sealed records by whoever holds them.
#[test]
fn prior_draw_copies_are_checked_against_their_records() {
    let w = world();
    let first = sealed(w.run_v2(plan(), 1).unwrap());
    let mut p = sc_plan();
    p.exclusions.prior_draws = vec![prior(&first.record)];
    p.exclusions.drawn_within_days = Some(30);
    check_prior_draws(&p, std::slice::from_ref(&first)).unwrap();
    let e = check_prior_draws(&p, &[]).unwrap_err();
    assert!(e.problems[0].ends_with("the record was not given"), "{e:?}");
    // A record whose seal does not hold is no evidence.
    let mut unsigned = first.clone();
    unsigned.signatures.clear();
    let e = check_prior_draws(&p, &[unsigned]).unwrap_err();
    assert!(e.problems[0].starts_with("prior record"), "{e:?}");
    // A copy that spares a target is caught.
    p.exclusions.prior_draws[0].targets.pop();
    let e = check_prior_draws(&p, std::slice::from_ref(&first)).unwrap_err();
    assert!(
        e.problems[0].ends_with("differs from the record it names"),
        "{e:?}"
    );
    // A prior draw dated after this plan, or listed twice, is refused outright.
    let mut q = sc_plan();
    let mut later = prior(&first.record);
    later.inspection_date = DAY + Duration::days(1);
    q.exclusions.prior_draws = vec![later.clone(), later];
    q.exclusions.drawn_within_days = Some(30);
    let problems = plan_problems(w.run_v2(q, 2).unwrap_err());
    has(&problems, "listed more than once");
    has(&problems, "lies after this plan's");
}

/// The verdict names what it could not check: earlier draws copied without their records,
/// and an annual plan signed by keys the trust file does not name. An annual plan whose
/// seal does not hold fails the draw itself.
#[test]
fn the_verdict_says_which_references_it_checked() {
    use shuangsuiji::trust::{
        verify_trusted, verify_with_references, References, TrustFile, TrustedKey, Unanchored,
        TRUST_FORMAT,
    };
    let w = world();
    let a = signed_annual(&w.items, |_| {});
    let mut p = plan();
    p.annual_task = Some(a.task_ref("T1").unwrap());
    let first = sealed(w.run_v2(p, 1).unwrap());
    let mut q = sc_plan();
    q.inspection_date = DAY + Duration::days(10);
    q.annual_task = Some(a.task_ref("T2").unwrap());
    q.exclusions.prior_draws = vec![prior(&first.record)];
    q.exclusions.drawn_within_days = Some(30);
    let second = sealed(w.run_v2(q.clone(), 2).unwrap());
    let kinds = |v: &shuangsuiji::trust::Verdict| -> Vec<&'static str> {
        v.unanchored
            .iter()
            .filter_map(|u| match u {
                Unanchored::AnnualTask { .. } => Some("annual_task"),
                Unanchored::PriorDraws { .. } => Some("prior_draws"),
                _ => None,
            })
            .collect()
    };
    let v = verify_trusted(&second, &w.targets, &w.inspectors, None);
    assert_eq!(kinds(&v), ["prior_draws"]);
    let refs = References {
        announcements: &[],
        prior_records: std::slice::from_ref(&first),
    };
    let v = verify_with_references(&second, &w.targets, &w.inspectors, None, None, &refs);
    assert!(kinds(&v).is_empty(), "{:?}", v.unanchored);
    // Under a trust file, the annual plan's signatory must be one of its signers.
    let key = |name: &str, k: [u8; 32]| TrustedKey {
        role: "签署人".into(),
        name: name.into(),
        public_key: shuangsuiji::encoding::public_key_hex(&SigningKey::from_bytes(&k)),
        distid: None,
    };
    let mut trust = TrustFile {
        format: TRUST_FORMAT.into(),
        name: "测试".into(),
        chains: vec![],
        signers: vec![key("负责人", SIGNER_KEY)],
        participants: vec![],
        audit_log: None,
        witnesses: vec![],
        witness_quorum: 0,
        annual_plan_issuers: vec![],
    };
    let v = verify_with_references(
        &second,
        &w.targets,
        &w.inspectors,
        Some(&trust),
        None,
        &refs,
    );
    assert_eq!(kinds(&v), ["annual_task"]);
    // Not as one of the unit's signers: the department's key is not the government's.
    trust.signers.push(key("市政府办公室", [7; 32]));
    let v = verify_with_references(
        &second,
        &w.targets,
        &w.inspectors,
        Some(&trust),
        None,
        &refs,
    );
    assert_eq!(kinds(&v), ["annual_task"]);
    let k = trust.signers.pop().unwrap();
    trust.annual_plan_issuers.push(k);
    let v = verify_with_references(
        &second,
        &w.targets,
        &w.inspectors,
        Some(&trust),
        None,
        &refs,
    );
    assert!(kinds(&v).is_empty(), "{:?}", v.unanchored);
    // An annual plan edited after signing is refused by the draw itself.
    let mut forged = a.clone();
    forged.plan.tasks[1].ratio = BasisPoints(300);
    q.annual_task = Some(forged.task_ref("T2").unwrap());
    let problems = plan_problems(w.run_v2(q, 2).unwrap_err());
    has(&problems, "annual_task.annual_plan: hash:");
}

/// The new exclusion members have one spelling each; anything else is refused.
#[test]
fn exclusion_wire_members_are_exact() {
    let rec = "ab".repeat(32);
    for ok in [
        format!(r#"{{"target":"X","reason":"drawn_before","record":"{rec}"}}"#),
        format!(r#"{{"target":"X","reason":"joint_visit","record":"{rec}"}}"#),
        r#"{"target":"X","reason":"not_due","item":"I","date":"2023-01-02","days":182}"#
            .to_string(),
    ] {
        let e: Exclusion = serde_json::from_str(&ok).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap().len(), ok.len(), "{ok}");
    }
    for bad in [
        format!(r#"{{"target":"X","reason":"drawn_before","record":"{rec}","days":1}}"#),
        r#"{"target":"X","reason":"drawn_elsewhere"}"#.to_string(),
        r#"{"target":"X","reason":"not_due","item":"I","date":"2023-01-02"}"#.to_string(),
        format!(r#"{{"target":"X","reason":"already_drawn","record":"{rec}"}}"#),
    ] {
        assert!(serde_json::from_str::<Exclusion>(&bad).is_err(), "{bad}");
    }
    let _: Date = DAY;
}

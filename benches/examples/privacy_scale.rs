//! draw/v3 (sealed classes) at scale: seal, prove, the public check and the auditor check
//! over N targets with random risk levels, and what the class proof discloses.
//!
//!     cargo run --release -p shuangsuiji-benches --example privacy_scale [N]
//!
//! N defaults to 1,000,000. The plan is the sample plan's: stratified by risk at 2 %, 3 %,
//! 5 % and 5 % (min 1, 1, 1, 2), three alternates per stratum, every target eligible; run
//! again with 高风险 at 100 % (a stratum kept whole). One run each, timed with `Instant`
//! (seconds, single thread); the auditor check (a re-seal) on the first plan only. Also the
//! declared conflicts a record would reveal (§13.4): 2,000 inspectors declaring three
//! targets each. Figures in docs/spec/privacy.md §11.

use shuangsuiji::privacy::{
    check_auditor, check_public, disclosure, prove, SealedView, SelectionInputs, ViewKey,
};
use shuangsuiji::{draw::*, encoding::*, registers::fields::*, registers::*};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() -> Result<(), String> {
    let n: u32 = std::env::args()
        .nth(1)
        .map(|a| a.parse().map_err(|_| "N must be a number"))
        .transpose()?
        .unwrap_or(1_000_000);
    let as_of = parse_date("2023-08-23").ok_or("date")?;
    let risks = [
        RiskLevel::Low,
        RiskLevel::MediumLow,
        RiskLevel::MediumHigh,
        RiskLevel::High,
    ];
    // Shares about 40 / 35 / 17 / 8 %, from a fixed LCG so that runs compare.
    let mut x: u64 = 0x5eed;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % 100
    };
    let targets: Vec<Target> = (0..n)
        .map(|i| {
            let head = format!("91410100{i:09}");
            let id = format!("{head}{}", uscc_check_char(&head).unwrap_or('0'));
            let r = next();
            let risk = risks[usize::from(r >= 40) + usize::from(r >= 75) + usize::from(r >= 92)];
            Target {
                id: id.clone(),
                uscc: Some(id),
                name: format!("企业{i}"),
                established: None,
                address: String::new(),
                region: "410102".into(),
                industry: "R9011".into(),
                kind: TargetKind::Enterprise,
                credit: CreditClass::B,
                risk,
                department: "治安".into(),
                status: TargetStatus::Active,
                grade: None,
                last_inspected: BTreeMap::new(),
            }
        })
        .collect();
    let reg = TargetRegister::new(as_of, targets).map_err(|e| e.to_string())?;
    // Declared conflicts (回避): 2,000 inspectors, three targets each, from the same LCG.
    let declared: Vec<(u32, usize)> = (0..2_000u32)
        .flat_map(|i| (0..3).map(move |_| i))
        .map(|i| {
            let hi = next();
            let lo = next();
            (
                i,
                usize::try_from((hi * 100 + lo) * u64::from(n) / 10_000).unwrap_or(0),
            )
        })
        .collect();
    let items = ItemList::new(
        "v",
        vec![Item {
            id: "K".into(),
            department: "治安".into(),
            name: "重点".into(),
            target_scope: vec!["x".into()],
            content: "x".into(),
            category: Category::Key,
            methods: vec![Method::OnSite],
            levels: vec![Level::Province],
            legal_basis: LegalBasis::parse_list("《条例》第一条"),
            ratio: Some(BasisPoints(10_000)),
            frequency: Frequency::parse("1次/年").ok_or("freq")?,
            remarks: String::new(),
        }],
    )
    .map_err(|e| e.to_string())?;
    let plan_with = |high: u32| DrawPlan {
        id: "P".into(),
        title: "privacy".into(),
        items: vec!["K".into()],
        inspection_date: as_of,
        filter: TargetFilter::default(),
        stratify_by: StratifyBy::Risk,
        strata: [
            ("low", 200, 1),
            ("medium_low", 300, 1),
            ("medium_high", 500, 1),
            ("high", high, 2),
        ]
        .iter()
        .map(|(k, r, m)| Stratum {
            key: (*k).into(),
            ratio: BasisPoints(*r),
            min: *m,
        })
        .collect(),
        rounding: Rounding::Ceil,
        must_include: vec![],
        must_include_reasons: Default::default(),
        exclusions: Exclusions::default(),
        alternates_per_stratum: 3,
        batches: None,
        team: TeamRules {
            departments: vec![DepartmentTeam {
                department: "治安".into(),
                officers: 2,
                experts: 0,
                required_expertise: vec![],
                preferred_expertise: vec![],
            }],
            workload_cap: 8,
            recuse_own_region: false,
            recent_visit_days: None,
            previous_visits: vec![],
        },
        level: None,
        annual_task: None,
    };
    let key = ViewKey([0x3c; 32]);
    let t = Instant::now();
    let view = SealedView::of(&reg, &shuangsuiji::privacy::Recusals::none(), &key);
    let seal_s = t.elapsed().as_secs_f64();
    let json = serde_json::to_vec(&view).map_err(|e| e.to_string())?;
    println!(
        "{n} targets: seal {seal_s:.1} s; sealed view {:.0} MB as JSON ({:.0} bytes per entry)",
        json.len() as f64 / 1e6,
        json.len() as f64 / f64::from(n)
    );
    drop(json);
    for high in [500, 10_000] {
        let plan = plan_with(high);
        let inp = SelectionInputs {
            suite: Suite::Ed25519Sha256,
            plan: &plan,
            items: &items,
            seed: Digest32([7; 32]),
        };
        let t = Instant::now();
        let proof = prove(inp, &reg, &key).map_err(|e| e.to_string())?;
        let prove_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let v = check_public(inp, &view, &proof).map_err(|e| e.to_string())?;
        let public_s = t.elapsed().as_secs_f64();
        // The auditor re-seals the whole register: timed once, on the first plan.
        let t = Instant::now();
        if high == 500 {
            check_auditor(inp, &reg, &key, &view, &proof).map_err(|e| e.to_string())?;
        }
        let auditor_s = t.elapsed().as_secs_f64();
        let d = disclosure(&proof, u64::from(n));
        let proof_bytes = serde_json::to_vec(&proof).map_err(|e| e.to_string())?.len();
        println!(
            "高风险 at {}.{:02} %: prove {prove_s:.1} s, public check {public_s:.1} s, auditor check {auditor_s:.1} s; proof {:.1} MB",
            high / 100,
            high % 100,
            proof_bytes as f64 / 1e6
        );
        for s in &v.strata {
            println!(
                "  {}: population {}, quota {}, kept {}",
                s.key, s.population, s.quota, s.kept
            );
        }
        let opened: std::collections::BTreeSet<&str> =
            proof.openings.iter().map(|o| o.target.as_str()).collect();
        // A draw/v3 record opens the recusal sets of exactly the targets that get a team
        // (docs/spec/privacy.md §13.4): here every stratum's selected (no 100 % list).
        let team: std::collections::BTreeSet<&str> = proof
            .strata
            .iter()
            .flat_map(|s| s.selected.iter().map(|t| t.target.as_str()))
            .collect();
        let revealed = declared
            .iter()
            .filter(|(_, t)| {
                reg.targets()
                    .get(*t)
                    .is_some_and(|x| team.contains(x.id.as_str()))
            })
            .count();
        println!(
            "  conflicts: {} declared (2,000 inspectors, 3 each), {revealed} revealed by the recusal sets of the {} targets that get a team",
            declared.len(),
            team.len()
        );
        println!(
            "  disclosed {} of {} ({}.{:02} %): kept {} (class public), \"not in k\" only {} (implied only by a stratum kept whole {}); class inferable {}; targets opened in the proof {}",
            d.disclosed,
            d.register,
            d.share_bp / 100,
            d.share_bp % 100,
            d.full_class,
            d.negative_only,
            d.implied_only,
            d.recovered,
            opened.len()
        );
    }
    Ok(())
}

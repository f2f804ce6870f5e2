//! Statistical and property tests of the draw.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use proptest::prelude::*;
use shuangsuiji::{draw::*, encoding::*, hazmat::*, registers::fields::*, registers::*};
use std::collections::{BTreeMap, BTreeSet};

fn chi_square(counts: &[u64], expected: f64) -> f64 {
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

/// χ² uniformity of target selection in every stratum over 4000 fixed seeds. 80 targets
/// in four risk strata of 20, 2 drawn per stratum per seed: expected 400 each; df = 19 per
/// stratum; each stratum is rejected at α = 0.001 (critical value 43.82), so the four
/// together at α ≤ 0.004 (Bonferroni). The seeds are fixed, so the test is stable.
#[test]
fn target_selection_is_uniform_chi_square() {
    let ts = targets(80); // stratum k holds the ids with i % 4 == k: 20 targets each
    let mut p = plan();
    for s in &mut p.strata {
        s.ratio = BasisPoints(1000);
    }
    let mut counts: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); p.strata.len()];
    for s in 0..4000u32 {
        let seed = tagged_hash("chi-square", &[&s.to_be_bytes()]);
        let census = Census::take(&p, &ts).unwrap();
        let mut sel = Selector::new(&p, &seed, census);
        for t in &ts {
            sel.push(t).unwrap();
        }
        for (k, stratum) in sel.finish().strata.iter().enumerate() {
            assert_eq!(stratum.selected.len(), 2);
            for t in &stratum.selected {
                *counts[k].entry(t.target.clone()).or_default() += 1;
            }
        }
    }
    for (k, per_target) in counts.iter().enumerate() {
        assert_eq!(per_target.len(), 20, "stratum {k}");
        let c: Vec<u64> = per_target.values().copied().collect();
        let x2 = chi_square(&c, 400.0);
        assert!(
            x2 < 43.82,
            "stratum {k}: χ² = {x2:.2} ≥ 43.82 (df 19, α 0.001): {c:?}"
        );
    }
}

/// χ² uniformity of inspector assignment, in every member slot and in the expert pool: who
/// sits on the first target's team, over 250 commitments. 10 officers, 2 per team: each
/// slot expects 25 per officer (df = 9, α = 0.001, critical 27.88), both slots together
/// 50. 6 experts, 1 per team: 250/6 each (df = 5, α = 0.001, critical 20.52). Fixed
/// commitments, so the test is stable.
#[test]
fn inspector_assignment_is_uniform_chi_square() {
    let mut ins = inspectors(10, 0);
    for n in 0..6 {
        let mut e = inspector(500 + n, ZA, "410102");
        e.expert = true;
        e.qualification = None;
        ins.push(e);
    }
    let w = World::new(targets(40), ins);
    let mut slots = [[0u64; 10]; 2];
    let mut experts = [0u64; 6];
    for s in 0..250u32 {
        let mut p = plan();
        p.id = format!("T-{s}");
        p.team.departments[0].experts = 1;
        let r = w.run(p, 1).unwrap();
        let team = &r.teams[0].members;
        let (officers, pool): (Vec<&Member>, Vec<&Member>) =
            team.iter().partition(|m| m.role == Role::Officer);
        assert_eq!((officers.len(), pool.len()), (2, 1));
        for (slot, m) in officers.iter().enumerate() {
            slots[slot][m.inspector[1..].parse::<usize>().unwrap()] += 1;
        }
        experts[pool[0].inspector[1..].parse::<usize>().unwrap() - 500] += 1;
    }
    for (slot, counts) in slots.iter().enumerate() {
        let x2 = chi_square(counts, 25.0);
        assert!(
            x2 < 27.88,
            "slot {slot}: χ² = {x2:.2} ≥ 27.88 (df 9, α 0.001): {counts:?}"
        );
    }
    let both: Vec<u64> = (0..10).map(|i| slots[0][i] + slots[1][i]).collect();
    let x2 = chi_square(&both, 50.0);
    assert!(x2 < 27.88, "either slot: χ² = {x2:.2}: {both:?}");
    let x2 = chi_square(&experts, 250.0 / 6.0);
    assert!(
        x2 < 20.52,
        "experts: χ² = {x2:.2} ≥ 20.52 (df 5, α 0.001): {experts:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// No duplicates, counts match the rounding rule, no recused inspector, caps hold —
    /// or a precise shortfall error, never a silent degradation.
    #[test]
    fn draws_respect_every_rule(
        n in 8u32..160,
        ratios in proptest::collection::vec(1u32..=500, 4),
        mins in proptest::collection::vec(0u32..4, 4),
        officers in 2u32..10,
        cap in 1u32..12,
        own_region in any::<bool>(),
        conflict_every in 2usize..9,
        floor in any::<bool>(),
        secret in any::<u8>(),
    ) {
        let ts = targets(n);
        let ids: Vec<String> = ts.iter().map(|t| t.id.clone()).collect();
        let mut ins = inspectors(officers, 0);
        for (k, i) in ins.iter_mut().enumerate() {
            i.conflicts = ids.iter().skip(k).step_by(conflict_every).cloned().collect();
        }
        let w = World::new(ts, ins);
        let mut p = plan();
        for (s, (r, m)) in p.strata.iter_mut().zip(ratios.iter().zip(&mins)) {
            s.ratio = BasisPoints(*r);
            s.min = *m;
        }
        p.rounding = if floor { Rounding::Floor } else { Rounding::Ceil };
        p.team.workload_cap = cap;
        p.team.recuse_own_region = own_region;
        match w.run(p.clone(), secret) {
            Err(DrawError::TeamShortfall { needed, found, .. }) => prop_assert!(found < needed),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok(r) => {
                let sel: Vec<&str> = r.selected_ids().collect();
                let uniq: BTreeSet<&str> = sel.iter().copied().collect();
                prop_assert_eq!(sel.len(), uniq.len());
                for (s, st) in r.strata.iter().zip(&p.strata) {
                    let base = if floor { st.ratio.floor_of(s.population) } else { st.ratio.ceil_of(s.population) };
                    prop_assert_eq!(s.quota, base.max(u64::from(st.min)).min(s.population));
                    prop_assert_eq!(s.selected.len() as u64, s.quota);
                }
                let pubs: BTreeMap<&str, &PublicInspector> = w.inspectors.inspectors().iter().map(|i| (i.id.as_str(), i)).collect();
                let mut load: BTreeMap<&str, u32> = BTreeMap::new();
                for t in &r.teams {
                    let target = w.targets.get(&t.target).unwrap();
                    prop_assert_eq!(t.members.len(), 2);
                    for m in &t.members {
                        let i = pubs[m.inspector.as_str()];
                        prop_assert!(!i.conflicts.contains(&t.target), "recused inspector drawn");
                        if own_region {
                            prop_assert!(i.region.as_deref() != Some(target.region.as_str()));
                        }
                        *load.entry(&m.inspector).or_default() += 1;
                    }
                }
                prop_assert!(load.values().all(|l| *l <= cap));
            }
        }
    }
}

proptest! {
    /// `lowest_tickets` equals sorting every ticket and taking the first k, whatever the
    /// order of the input.
    #[test]
    fn lowest_tickets_is_sort_and_take(n in 0usize..300, k in 0usize..40, seed in any::<[u8; 32]>(), rev in any::<bool>()) {
        let ids: Vec<String> = (0..n).map(|i| format!("ID{i}")).collect();
        let s = Digest32(seed);
        let mut all: Vec<Ticketed> = ids.iter().map(|i| Ticketed { target: i.clone(), ticket: ticket(&s, i) }).collect();
        all.sort_by(|a, b| (a.ticket, &a.target).cmp(&(b.ticket, &b.target)));
        all.truncate(k);
        let it: Vec<&str> = if rev { ids.iter().rev().map(String::as_str).collect() } else { ids.iter().map(String::as_str).collect() };
        prop_assert_eq!(lowest_tickets(&s, it, k), all);
    }
}

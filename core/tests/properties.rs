//! Statistical and property tests of the draw.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;
use common::*;
use proptest::prelude::*;
use shuangsuiji::*;
use std::collections::{BTreeMap, BTreeSet};

fn chi_square(counts: &[u64], expected: f64) -> f64 {
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

/// χ² uniformity of target selection within a stratum over 4000 fixed seeds.
/// 20 targets, 2 drawn per seed: expected 400 each; df = 19; reject at α = 0.001
/// (critical value 43.82). The seeds are fixed, so the test is stable.
#[test]
fn target_selection_is_uniform_chi_square() {
    let ts = targets(80); // stratum "low" holds ids with i % 4 == 0: 20 targets
    let mut p = plan();
    p.strata[0].ratio = BasisPoints(1000);
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for s in 0..4000u32 {
        let seed = tagged_hash("chi-square", &[&s.to_be_bytes()]);
        let census = Census::take(&p, &ts).unwrap();
        let mut sel = Selector::new(&p, &seed, census);
        for t in &ts {
            sel.push(t).unwrap();
        }
        for t in &sel.finish().strata[0].selected {
            *counts.entry(t.target.clone()).or_default() += 1;
        }
    }
    assert_eq!(counts.len(), 20);
    let c: Vec<u64> = counts.values().copied().collect();
    let x2 = chi_square(&c, 400.0);
    assert!(x2 < 43.82, "χ² = {x2:.2} ≥ 43.82 (df 19, α 0.001): {c:?}");
}

/// χ² uniformity of inspector assignment: who is drawn first for the first target, over
/// 250 commitments; 10 officers, expected 25 each; df = 9; α = 0.001 (27.88).
#[test]
fn inspector_assignment_is_uniform_chi_square() {
    let w = World::new(targets(40), inspectors(10, 0));
    let mut counts = [0u64; 10];
    for s in 0..250u32 {
        let mut p = plan();
        p.id = format!("T-{s}");
        let r = w.run(p, 1).unwrap();
        let first = &r.teams[0].members[0].inspector;
        counts[first[1..].parse::<usize>().unwrap()] += 1;
    }
    let x2 = chi_square(&counts, 25.0);
    assert!(
        x2 < 27.88,
        "χ² = {x2:.2} ≥ 27.88 (df 9, α 0.001): {counts:?}"
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

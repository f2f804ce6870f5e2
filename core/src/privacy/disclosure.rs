//! How much of the classification a published draw/v3 discloses (issue 19's measure, and the
//! leak test's inference of docs/spec/privacy.md §7).

use crate::privacy::prove::ClassProof;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Disclosure figures of one draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    /// Entries of the sealed view.
    pub register: u64,
    /// Eligible targets.
    pub eligible: u64,
    /// Targets with any class fact in the proof.
    pub disclosed: u64,
    /// … of which opened as a member of a stratum (their class is public).
    pub full_class: u64,
    /// … of which only "not in k" facts.
    pub negative_only: u64,
    /// Negative-only targets whose class is nevertheless determined: one non-empty stratum
    /// left that they could be in (review S3).
    pub recovered: u64,
    /// `disclosed / register`, in basis points (rounded down).
    pub share_bp: u64,
}

/// Counts what the proof discloses, and what a reader infers from it: a target whose opened
/// "not in k" facts leave only one stratum with members still unaccounted for is recovered.
pub fn disclosure(proof: &ClassProof, register: u64) -> Disclosure {
    let mut facts: BTreeMap<&str, (Option<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for o in &proof.openings {
        let e = facts.entry(o.target.as_str()).or_default();
        if o.bit == 1 {
            e.0 = Some(o.stratum.as_str());
        } else {
            e.1.insert(o.stratum.as_str());
        }
    }
    // A stratum can still hold an undisclosed target while not every member is known.
    let mut known_members: BTreeMap<&str, u64> = BTreeMap::new();
    for (m, _) in facts.values() {
        if let Some(k) = m {
            *known_members.entry(k).or_default() += 1;
        }
    }
    let open_strata: Vec<&str> = proof
        .strata
        .iter()
        .filter(|s| s.population > known_members.get(s.key.as_str()).copied().unwrap_or(0))
        .map(|s| s.key.as_str())
        .collect();
    let full = facts.values().filter(|(m, _)| m.is_some()).count();
    let recovered = facts
        .values()
        .filter(|(m, not)| {
            m.is_none() && open_strata.iter().filter(|k| !not.contains(*k)).count() == 1
        })
        .count();
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    let disclosed = n(facts.len());
    Disclosure {
        register,
        eligible: proof.eligible,
        disclosed,
        full_class: n(full),
        negative_only: disclosed - n(full),
        recovered: n(recovered),
        share_bp: disclosed
            .saturating_mul(10_000)
            .checked_div(register)
            .unwrap_or(0),
    }
}

/// The classes still consistent with the proof for a target it says nothing about: every
/// stratum not yet fully accounted for by opened members. One left means the target is
/// recovered without any fact of its own (a stratum exhausted by the proof).
pub fn candidates_for_undisclosed(proof: &ClassProof) -> Vec<String> {
    let mut known: BTreeMap<&str, u64> = BTreeMap::new();
    for o in proof.openings.iter().filter(|o| o.bit == 1) {
        *known.entry(o.stratum.as_str()).or_default() += 1;
    }
    proof
        .strata
        .iter()
        .filter(|s| s.population > known.get(s.key.as_str()).copied().unwrap_or(0))
        .map(|s| s.key.clone())
        .collect()
}

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
    /// Targets with any class fact a reader can take from the published files: opened in the
    /// proof, or "not in k" for every eligible target outside a stratum kept whole (its kept
    /// list is its whole membership).
    pub disclosed: u64,
    /// … of which kept (selected or alternate): their class is public.
    pub full_class: u64,
    /// … of which only "not in k" facts.
    pub negative_only: u64,
    /// … of those, the ones with no opening at all: their facts come only from a stratum
    /// kept whole (or from a single stratum left that can still have members).
    pub implied_only: u64,
    /// Targets not kept whose class is nevertheless determined: one stratum left that still
    /// has members unaccounted for and that their facts do not rule out (review S3). A lower
    /// bound: counting arguments across targets (a stratum whose remaining candidates number
    /// exactly its missing members) are not counted.
    pub recovered: u64,
    /// `disclosed / register`, in basis points (rounded down).
    pub share_bp: u64,
}

/// Counts what the proof discloses, and what a reader infers from it. Computed from the
/// proof as given: check it first (`check_public`).
pub fn disclosure(proof: &ClassProof, register: u64) -> Disclosure {
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    if proof.attribute.is_none() {
        // One stratum: nothing about any class is published.
        return Disclosure {
            register,
            eligible: proof.eligible,
            disclosed: 0,
            full_class: 0,
            negative_only: 0,
            implied_only: 0,
            recovered: 0,
            share_bp: 0,
        };
    }
    let mut facts: BTreeMap<&str, (Option<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for o in &proof.openings {
        let e = facts.entry(o.target.as_str()).or_default();
        if o.bit == 1 {
            e.0 = Some(o.stratum.as_str());
        } else {
            e.1.insert(o.stratum.as_str());
        }
    }
    let open = candidates_for_undisclosed(proof);
    let whole = proof
        .strata
        .iter()
        .any(|s| s.population > 0 && n(s.selected.len() + s.alternates.len()) == s.population);
    let full = n(facts.values().filter(|(m, _)| m.is_some()).count());
    let unopened = proof.eligible.saturating_sub(n(facts.len()));
    // Facts of an opened target: its openings; a stratum kept whole adds nothing to the
    // candidates, as it is no longer open.
    let mut recovered = n(facts
        .values()
        .filter(|(m, not)| {
            m.is_none() && open.iter().filter(|k| !not.contains(k.as_str())).count() == 1
        })
        .count());
    if open.len() == 1 {
        recovered = recovered.saturating_add(unopened);
    }
    // A stratum kept whole publishes its membership; one stratum left open holds every
    // target not otherwise placed: either way every eligible target carries a fact.
    let implied = whole || open.len() == 1;
    let disclosed = if implied {
        proof.eligible.max(n(facts.len()))
    } else {
        n(facts.len())
    };
    Disclosure {
        register,
        eligible: proof.eligible,
        disclosed,
        full_class: full,
        negative_only: disclosed.saturating_sub(full),
        implied_only: if implied { unopened } else { 0 },
        recovered,
        share_bp: disclosed
            .saturating_mul(10_000)
            .checked_div(register)
            .unwrap_or(0),
    }
}

/// The classes still consistent with the proof for an eligible target it says nothing about:
/// every stratum with members not yet accounted for by the opened ones (an empty stratum,
/// or one whose members are all kept, is ruled out). One left means the target is recovered
/// without any fact of its own.
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

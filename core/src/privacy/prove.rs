//! The operator's side of a draw/v3 selection (docs/spec/privacy.md §4): one ticket per
//! target, each stratum keeps its lowest tickets among its members, and the proof opens
//! exactly the class facts a reader needs to re-run that without the classes.

use crate::draw::exclude::Excluder;
use crate::draw::plan::DrawPlan;
use crate::draw::protocol::subseed_in;
use crate::draw::select::{quota, ticket_in, Census, Ticketed};
use crate::encoding::canonical::Digest32;
use crate::encoding::Suite;
use crate::privacy::error::PrivacyError;
use crate::privacy::pedersen::{blind, kept_digest, scalar_hex, zero_weight, ViewKey};
use crate::privacy::sealed::ClassAttribute;
use crate::registers::item::ItemList;
use crate::registers::target::{Target, TargetRegister};
use curve25519_dalek::scalar::Scalar;
use serde::{Deserialize, Serialize};

pub use crate::draw::protocol::ALGORITHM_V3;

/// The sub-seed purpose of draw/v3's single ticket per target (length-prefixed inside the
/// sub-seed, so it never meets v1/v2's `target/<key>`).
pub const TARGET_PURPOSE: &str = "target";

/// What fixes a draw/v3 selection besides the register: the suite, the plan, the item list
/// (for 抽查频次) and the draw's seed.
#[derive(Debug, Clone, Copy)]
pub struct SelectionInputs<'a> {
    /// The draw's suite (tickets under its hash).
    pub suite: Suite,
    /// The plan.
    pub plan: &'a DrawPlan,
    /// The item list.
    pub items: &'a ItemList,
    /// The draw's seed.
    pub seed: Digest32,
}

/// One opened class fact: "target `t` is (bit 1) or is not (bit 0) in stratum `k`".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// Target id.
    pub target: String,
    /// Stratum key (a value of the plan's attribute).
    pub stratum: String,
    /// 1: member; 0: not a member.
    pub bit: u8,
    /// The blinding scalar `r(t, a, k)`, hex.
    pub blind: String,
}

/// One stratum of a draw/v3 selection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StratumProof {
    /// Stratum key.
    pub key: String,
    /// Eligible members: bound to the leaves by `blind_sum`.
    pub population: u64,
    /// From the plan's ratio over `population`.
    pub quota: u64,
    /// `R_k = Σ_eligible r(t, a, k)`, hex (absent for the single stratum `all`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind_sum: Option<String>,
    /// The `quota` lowest tickets among members, ascending.
    pub selected: Vec<Ticketed>,
    /// The next lowest: replacements in this order.
    pub alternates: Vec<Ticketed>,
    /// A stratum that keeps every member: `s = Σ w(t,k)·r(t,k)` over the eligible targets
    /// it does not keep, hex; the reader checks `Σ w·C(t,k) = s·B` (every one of them
    /// commits to 0). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_blind: Option<String>,
}

/// What a draw/v3 record states about selection, in place of the classes themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassProof {
    /// [`ALGORITHM_V3`].
    pub algorithm: String,
    /// The plan's attribute (`risk`, `credit`), absent for a plan with one stratum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
    /// Eligible targets (after filter, exclusions and the 100 % list), publicly counted.
    pub eligible: u64,
    /// Per stratum, in the plan's order.
    pub strata: Vec<StratumProof>,
    /// `R_unknown` over the eligible targets (the unstated class must have no member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown_blind_sum: Option<String>,
    /// Exactly the openings the walk needs, sorted by (target, stratum).
    pub openings: Vec<Opening>,
}

/// The eligible targets of a plan with their tickets, sorted by (ticket, id): the filter, the
/// 100 % list and the exclusions read only public fields, so the operator (on the register)
/// and the reader (on the sealed view) get the same list.
pub(crate) fn eligible_by_ticket<'a>(
    suite: Suite,
    plan: &DrawPlan,
    items: &ItemList,
    seed: &Digest32,
    targets: impl IntoIterator<Item = std::borrow::Cow<'a, Target>>,
) -> Result<Vec<(Digest32, Target)>, PrivacyError> {
    let excluder = Excluder::new(plan, Some(items));
    let sub = subseed_in(suite, seed, TARGET_PURPOSE);
    let must: std::collections::BTreeSet<&str> =
        plan.must_include.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for t in targets {
        if must.contains(t.id.as_str()) || !plan.filter.admits(&t) {
            continue;
        }
        match excluder.reason(plan, &t) {
            Ok(None) => {}
            Ok(Some(_)) => continue,
            Err(u) => {
                return Err(PrivacyError::Proof(format!(
                    "对象 {} 在检查事项 {} 下的抽查频次等级无法确定 · target {}: its 抽查频次 tier under item {} cannot be told",
                    t.id, u.item, t.id, u.item
                )))
            }
        }
        out.push((ticket_in(suite, &sub, &t.id), t.into_owned()));
    }
    out.sort_by(|a, b| (a.0, a.1.id.as_bytes()).cmp(&(b.0, b.1.id.as_bytes())));
    Ok(out)
}

/// The eligible targets of a register with their tickets, in the walk's order: for
/// re-implementers and vectors (the same list [`prove`] and the public check use).
///
/// # Errors
/// [`PrivacyError::Proof`] for a target whose 抽查频次 tier cannot be told.
pub fn eligible_tickets(
    inp: SelectionInputs<'_>,
    register: &TargetRegister,
) -> Result<Vec<Ticketed>, PrivacyError> {
    Ok(eligible_by_ticket(
        inp.suite,
        inp.plan,
        inp.items,
        &inp.seed,
        register.targets().iter().map(std::borrow::Cow::Borrowed),
    )?
    .into_iter()
    .map(|(ticket, t)| Ticketed {
        target: t.id,
        ticket,
    })
    .collect())
}

/// How many a stratum keeps: quota plus alternates, at most its population.
pub(crate) fn keep_of(plan: &DrawPlan, quota: u64, population: u64) -> u64 {
    quota
        .saturating_add(u64::from(plan.alternates_per_stratum))
        .min(population)
}

/// Runs the draw/v3 selection on the full register and writes its class proof.
///
/// The census runs first under draw/v2's rules (100 % list, coverage of the attributes the
/// plan relies on, 抽查频次); the stratifying class must be stated by every eligible target,
/// which is what the public check holds a proof to (`unknown` has no eligible member).
///
/// # Errors
/// [`PrivacyError::Draw`] from the census; [`PrivacyError::Proof`] for an unknown tier.
pub fn prove(
    inp: SelectionInputs<'_>,
    register: &TargetRegister,
    key: &ViewKey,
) -> Result<ClassProof, PrivacyError> {
    let (suite, plan, items, seed) = (inp.suite, inp.plan, inp.items, &inp.seed);
    plan.check(items)
        .map_err(crate::draw::error::DrawError::Plan)?;
    Census::take_v3(plan, items, register.targets())?;
    let eligible = eligible_by_ticket(
        suite,
        plan,
        items,
        seed,
        register.targets().iter().map(std::borrow::Cow::Borrowed),
    )?;
    let attribute = ClassAttribute::of_plan(plan.stratify_by);
    unstated(attribute, &eligible)?;
    let class_of = |t: &Target| attribute.map_or("all", |a| a.value_of(t));
    let mut strata = Vec::new();
    let mut openings = Vec::new();
    for s in &plan.strata {
        let members: Vec<&(Digest32, Target)> = eligible
            .iter()
            .filter(|(_, t)| class_of(t) == s.key)
            .collect();
        let n = u64::try_from(members.len()).unwrap_or(u64::MAX);
        let q = quota(plan.rounding, s, n);
        let keep = usize::try_from(keep_of(plan, q, n)).unwrap_or(usize::MAX);
        let kept: Vec<Ticketed> = members
            .iter()
            .take(keep)
            .map(|(tk, t)| Ticketed {
                target: t.id.clone(),
                ticket: *tk,
            })
            .collect();
        let mut zero_blind = None;
        let blind_sum = attribute.map(|a| {
            let sum: Scalar = eligible
                .iter()
                .map(|(_, t)| blind(key, &t.id, a.wire_name(), &s.key))
                .sum();
            scalar_hex(&sum)
        });
        if let Some(a) = attribute {
            // Members kept: bit 1. Below the threshold of a stratum that leaves some out:
            // every other eligible target opens bit 0 (review S1: a stratum keeping all its
            // members needs no negative facts; its completeness is the population check).
            let walk_to = (keep > 0 && keep < members.len())
                .then(|| kept.last().map(|k| (k.ticket, k.target.clone())))
                .flatten();
            for k in &kept {
                openings.push(opening(key, a, &k.target, &s.key, 1));
            }
            if keep > 0 && keep == members.len() {
                let kept_ids: std::collections::BTreeSet<&str> =
                    kept.iter().map(|k| k.target.as_str()).collect();
                let d = kept_digest(kept.iter().map(|k| k.target.as_str()));
                let sum: Scalar = eligible
                    .iter()
                    .filter(|(_, t)| !kept_ids.contains(t.id.as_str()))
                    .map(|(_, t)| {
                        zero_weight(&seed.0, &s.key, &d, &t.id)
                            * blind(key, &t.id, a.wire_name(), &s.key)
                    })
                    .sum();
                zero_blind = Some(scalar_hex(&sum));
            }
            if let Some((tau, tau_id)) = walk_to {
                for (tk, t) in &eligible {
                    if (*tk, t.id.as_bytes()) > (tau, tau_id.as_bytes()) {
                        break;
                    }
                    if class_of(t) != s.key {
                        openings.push(opening(key, a, &t.id, &s.key, 0));
                    }
                }
            }
        }
        let qn = usize::try_from(q).unwrap_or(usize::MAX).min(kept.len());
        let (selected, alternates) = kept.split_at(qn);
        strata.push(StratumProof {
            key: s.key.clone(),
            population: n,
            quota: q,
            blind_sum,
            selected: selected.to_vec(),
            alternates: alternates.to_vec(),
            zero_blind,
        });
    }
    openings.sort();
    let unknown_blind_sum = attribute.map(|a| {
        let sum: Scalar = eligible
            .iter()
            .map(|(_, t)| blind(key, &t.id, a.wire_name(), "unknown"))
            .sum();
        scalar_hex(&sum)
    });
    Ok(ClassProof {
        algorithm: ALGORITHM_V3.to_string(),
        attribute: attribute.map(|a| a.wire_name().to_string()),
        eligible: u64::try_from(eligible.len()).unwrap_or(u64::MAX),
        strata,
        unknown_blind_sum,
        openings,
    })
}

/// The rule of draw-v1 §5.1 (a plan relies on the attribute it stratifies by) over exactly
/// what the public check can hold it to: the eligible targets (`n_unknown = 0`). Refused
/// here with the count, as the census refuses it in v2, rather than as a proof the check
/// would refuse.
fn unstated(
    attribute: Option<ClassAttribute>,
    eligible: &[(Digest32, Target)],
) -> Result<(), PrivacyError> {
    let Some(a) = attribute else {
        return Ok(());
    };
    let n = eligible
        .iter()
        .filter(|(_, t)| a.value_of(t) == "unknown")
        .count();
    if n == 0 {
        return Ok(());
    }
    let name = a.wire_name();
    Err(crate::draw::error::DrawError::Plan(crate::draw::error::PlanError {
        problems: vec![format!(
            "stratify_by {name}: {n} eligible target(s) of the register do not state {name}; the plan relies on it (register lacks {name} — add it to the register or change the plan)"
        )],
    })
    .into())
}

fn opening(key: &ViewKey, a: ClassAttribute, id: &str, stratum: &str, bit: u8) -> Opening {
    Opening {
        target: id.to_string(),
        stratum: stratum.to_string(),
        bit,
        blind: scalar_hex(&blind(key, id, a.wire_name(), stratum)),
    }
}

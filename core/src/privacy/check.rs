//! The public re-run of a draw/v3 selection from the sealed view alone (docs/spec/privacy.md
//! §10.7): no class is read, only the facts the proof opens.

use crate::draw::select::{quota, Ticketed};
use crate::encoding::canonical::Digest32;
use crate::privacy::error::PrivacyError;
use crate::privacy::pedersen::{
    blind_point, commit, kept_digest, scalar_from_hex, value_base, zero_weight,
};
use crate::privacy::prove::{
    eligible_by_ticket, keep_of, ClassProof, Opening, SelectionInputs, ALGORITHM_V3,
};
use crate::privacy::sealed::{ClassAttribute, SealedTarget, SealedView};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::traits::{Identity, VartimeMultiscalarMul};
use std::collections::{BTreeMap, BTreeSet};

/// One stratum as the public re-run found it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StratumCheck {
    /// Stratum key.
    pub key: String,
    /// Eligible members, bound to the leaves' commitments.
    pub population: u64,
    /// Quota from the plan's ratio.
    pub quota: u64,
    /// Selected and alternates.
    pub kept: u64,
}

/// What the public re-run established.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicVerdict {
    /// The sealed view's root under the suite (compare with the commitment's `targets`).
    pub targets_root: Digest32,
    /// The plan's attribute, if any.
    pub attribute: Option<String>,
    /// Eligible targets, counted from public fields.
    pub eligible: u64,
    /// Per stratum, in the plan's order.
    pub strata: Vec<StratumCheck>,
    /// Targets with any opened class fact.
    pub opened_targets: u64,
}

/// Re-runs a draw/v3 selection from the sealed view: eligibility from public fields; one
/// ticket per eligible target; each eligible target's committed classes add up to exactly
/// one; each stated population is the sum of the eligible targets' committed bits, and the
/// unstated class has none; each stratum's kept targets are its lowest tickets, walked in
/// ticket order with the openings as the only membership oracle (a stratum kept whole: its
/// zero check instead); no opening the walk does not need.
///
/// The seed is taken as given: the caller compares `targets_root` with the draw's
/// commitment, whose seed it must be (docs/spec/privacy.md §12).
///
/// # Errors
/// The first failed check, naming target and stratum.
pub fn check_public(
    inp: SelectionInputs<'_>,
    view: &SealedView,
    proof: &ClassProof,
) -> Result<PublicVerdict, PrivacyError> {
    let (suite, plan, items, seed) = (inp.suite, inp.plan, inp.items, &inp.seed);
    if proof.algorithm != ALGORITHM_V3 {
        return Err(PrivacyError::Proof(format!(
            "算法 {:?} 不是 {ALGORITHM_V3} · algorithm {:?} is not {ALGORITHM_V3}",
            proof.algorithm, proof.algorithm
        )));
    }
    view.check()?;
    let targets_root = view.root_in(suite)?;
    plan.check(items)
        .map_err(crate::draw::error::DrawError::Plan)?;
    let attribute = ClassAttribute::of_plan(plan.stratify_by);
    if proof.attribute.as_deref() != attribute.map(ClassAttribute::wire_name) {
        return Err(PrivacyError::Proof(format!(
            "分层属性为 {:?}，计划为 {:?} · attribute {:?}, the plan's {:?}",
            proof.attribute,
            attribute.map(ClassAttribute::wire_name),
            proof.attribute,
            attribute.map(ClassAttribute::wire_name)
        )));
    }
    if proof.strata.len() != plan.strata.len()
        || proof
            .strata
            .iter()
            .zip(&plan.strata)
            .any(|(p, s)| p.key != s.key)
    {
        return Err(PrivacyError::Proof(
            "各层须与计划的层一一对应、顺序相同 · strata must be the plan's, in its order".into(),
        ));
    }
    let by_id: BTreeMap<&str, &SealedTarget> =
        view.targets.iter().map(|t| (t.id.as_str(), t)).collect();
    let eligible = eligible_by_ticket(
        suite,
        plan,
        items,
        seed,
        view.targets
            .iter()
            .map(|t| std::borrow::Cow::Owned(t.public_target())),
    )?;
    let n_eligible = u64::try_from(eligible.len()).unwrap_or(u64::MAX);
    if proof.eligible != n_eligible {
        return Err(PrivacyError::Proof(format!(
            "可抽对象数声明为 {}，按公开字段计得 {n_eligible} · eligible stated {}, counted {n_eligible}",
            proof.eligible, proof.eligible
        )));
    }
    if attribute.is_none() && proof.unknown_blind_sum.is_some() {
        return Err(PrivacyError::Proof(
            "计划不分类别，不应有 unknown_blind_sum · a plan without classes has no unknown_blind_sum".into(),
        ));
    }
    let openings = index_openings(proof)?;
    let mut used: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut member_of: BTreeMap<String, String> = BTreeMap::new();
    let mut strata = Vec::new();
    // The populations add up to the eligible count (so no quota is computed over a number
    // larger than the register), then each is bound to the commitments.
    let stated = proof
        .strata
        .iter()
        .try_fold(0u64, |acc, p| acc.checked_add(p.population));
    if attribute.is_some() && stated != Some(n_eligible) {
        return Err(PrivacyError::Proof(format!(
            "各层对象数之和不等于可抽对象数 {n_eligible} · the populations do not add up to the eligible count {n_eligible}"
        )));
    }
    check_stratum_members(plan, proof, attribute.is_some(), n_eligible)?;
    if let Some(a) = attribute {
        check_sums(a, proof, &eligible, &by_id)?;
    }
    for (p, s) in proof.strata.iter().zip(&plan.strata) {
        let n = match attribute {
            Some(_) => p.population,
            None => n_eligible,
        };
        if p.population != n {
            return Err(PrivacyError::Population {
                stratum: p.key.clone(),
                stated: p.population,
            });
        }
        let q = quota(plan.rounding, s, n);
        if p.quota != q {
            return Err(outcome(&p.key, format!("quota {} ≠ {q}", p.quota)));
        }
        let keep = usize::try_from(keep_of(plan, q, n)).unwrap_or(usize::MAX);
        let kept: Vec<Ticketed> = match attribute {
            None => eligible
                .iter()
                .take(keep)
                .map(|(tk, t)| Ticketed {
                    target: t.id.clone(),
                    ticket: *tk,
                })
                .collect(),
            Some(a) => Walk {
                a,
                eligible: &eligible,
                by_id: &by_id,
                openings: &openings,
            }
            .kept(&p.key, keep, n, &mut used)?,
        };
        if let Some(a) = attribute {
            zero_check(a, p, &s.key, &kept, &eligible, &by_id, seed)?;
        }
        for k in &kept {
            if let Some(first) = member_of.insert(k.target.clone(), p.key.clone()) {
                return Err(PrivacyError::TwoStrata {
                    target: k.target.clone(),
                    first,
                    second: p.key.clone(),
                });
            }
        }
        let qn = usize::try_from(q).unwrap_or(usize::MAX).min(kept.len());
        let (sel, alt) = kept.split_at(qn);
        if p.selected != sel || p.alternates != alt {
            return Err(outcome(
                &p.key,
                "入选或备选名单不是该层最低的号签 · selected or alternates are not the stratum's lowest tickets".into(),
            ));
        }
        strata.push(StratumCheck {
            key: p.key.clone(),
            population: n,
            quota: q,
            kept: u64::try_from(kept.len()).unwrap_or(u64::MAX),
        });
    }
    if let Some(o) = proof
        .openings
        .iter()
        .find(|o| !used.contains(&(o.target.as_str(), o.stratum.as_str())))
    {
        return Err(PrivacyError::ExtraOpening {
            target: o.target.clone(),
            stratum: o.stratum.clone(),
        });
    }
    let opened: BTreeSet<&str> = proof.openings.iter().map(|o| o.target.as_str()).collect();
    Ok(PublicVerdict {
        targets_root,
        attribute: proof.attribute.clone(),
        eligible: n_eligible,
        strata,
        opened_targets: u64::try_from(opened.len()).unwrap_or(u64::MAX),
    })
}

fn outcome(stratum: &str, detail: String) -> PrivacyError {
    PrivacyError::Outcome {
        stratum: stratum.to_string(),
        detail,
    }
}

/// Openings by (target, stratum), sorted and unique as the format requires.
fn index_openings(proof: &ClassProof) -> Result<BTreeMap<(&str, &str), &Opening>, PrivacyError> {
    let mut out = BTreeMap::new();
    for w in proof.openings.windows(2) {
        if let [a, b] = w {
            if (&a.target, &a.stratum) >= (&b.target, &b.stratum) {
                return Err(PrivacyError::Proof(
                    "openings 须按 (target, stratum) 严格递增 · openings must be in strictly increasing (target, stratum) order".into(),
                ));
            }
        }
    }
    for o in &proof.openings {
        out.insert((o.target.as_str(), o.stratum.as_str()), o);
    }
    Ok(out)
}

/// Per eligible target: its commitments add up to `V + ρ·B`. Per value: the eligible
/// targets' commitments add up to `n·V + R·B` with `n` the stated population (0 for
/// `unknown`).
fn check_sums(
    a: ClassAttribute,
    proof: &ClassProof,
    eligible: &[(Digest32, crate::registers::target::Target)],
    by_id: &BTreeMap<&str, &SealedTarget>,
) -> Result<(), PrivacyError> {
    let values = a.values();
    let mut totals = vec![RistrettoPoint::identity(); values.len()];
    for (_, t) in eligible {
        let leaf = sealed(by_id, &t.id)?;
        let mut sum = RistrettoPoint::identity();
        for (v, total) in values.iter().zip(totals.iter_mut()) {
            let c = leaf.commitment(a, v)?;
            sum += c;
            *total += c;
        }
        if sum != value_base() + blind_point(&leaf.blind_sum(a)?) {
            return Err(PrivacyError::NotOneClass {
                target: t.id.clone(),
                attribute: a.wire_name().to_string(),
            });
        }
    }
    for (v, total) in values.iter().zip(&totals) {
        let (stated, r) = if *v == "unknown" {
            (0, proof.unknown_blind_sum.as_deref())
        } else {
            let p = proof.strata.iter().find(|p| p.key == *v);
            (
                p.map_or(0, |p| p.population),
                p.and_then(|p| p.blind_sum.as_deref()),
            )
        };
        let r = r.and_then(scalar_from_hex).ok_or_else(|| {
            PrivacyError::Proof(format!(
                "层 {v} 缺少规范的 blind_sum · stratum {v}: missing or non-canonical blind_sum"
            ))
        })?;
        if *total != commit(stated, &r) {
            return Err(PrivacyError::Population {
                stratum: (*v).to_string(),
                stated,
            });
        }
    }
    Ok(())
}

/// Each stratum's members of the proof's format, all checked before any arithmetic (so a
/// reader of the first failure knows every format check ran): blind sums exactly where the
/// plan has classes, `zero_blind` exactly where a stratum keeps every member, canonical.
fn check_stratum_members(
    plan: &crate::draw::plan::DrawPlan,
    proof: &ClassProof,
    classes: bool,
    n_eligible: u64,
) -> Result<(), PrivacyError> {
    for (p, s) in proof.strata.iter().zip(&plan.strata) {
        let key = &p.key;
        if !classes {
            if p.blind_sum.is_some() || p.zero_blind.is_some() {
                return Err(PrivacyError::Proof(format!(
                    "层 {key} 不分类别，不应有 blind_sum 或 zero_blind · stratum {key} has no class: no blind_sum or zero_blind"
                )));
            }
            continue;
        }
        let n = p.population;
        let keep = keep_of(plan, quota(plan.rounding, s, n), n);
        let whole = keep > 0 && keep == n && n <= n_eligible;
        match (&p.zero_blind, whole) {
            (None, true) => {
                return Err(PrivacyError::Proof(format!(
                    "层 {key} 全部保留，须有 zero_blind · stratum {key} keeps every member: zero_blind is required"
                )))
            }
            (Some(_), false) => {
                return Err(PrivacyError::Proof(format!(
                    "层 {key} 并非全部保留，不应有 zero_blind · stratum {key} does not keep every member: no zero_blind"
                )))
            }
            (Some(z), true) if scalar_from_hex(z).is_none() => {
                return Err(PrivacyError::Proof(format!(
                    "层 {key} 的 zero_blind 不是规范编码的标量 · stratum {key}: zero_blind is not a canonical scalar"
                )))
            }
            _ => {}
        }
    }
    Ok(())
}

/// A stratum that keeps every member skips its non-members unopened; that is sound only if
/// each of them commits to 0 there, which the weighted sum checks (weights from the seed and
/// the kept list, unknown when the entries were sealed). Its presence and form were checked
/// by [`check_stratum_members`].
fn zero_check(
    a: ClassAttribute,
    p: &crate::privacy::prove::StratumProof,
    key: &str,
    kept: &[Ticketed],
    eligible: &[(Digest32, crate::registers::target::Target)],
    by_id: &BTreeMap<&str, &SealedTarget>,
    seed: &Digest32,
) -> Result<(), PrivacyError> {
    let Some(s) = p.zero_blind.as_deref().and_then(scalar_from_hex) else {
        return Ok(());
    };
    let kept_ids: BTreeSet<&str> = kept.iter().map(|k| k.target.as_str()).collect();
    let d = kept_digest(kept.iter().map(|k| k.target.as_str()));
    let mut weights = Vec::new();
    let mut points = Vec::new();
    for (_, t) in eligible
        .iter()
        .filter(|(_, t)| !kept_ids.contains(t.id.as_str()))
    {
        weights.push(zero_weight(&seed.0, key, &d, &t.id));
        points.push(sealed(by_id, &t.id)?.commitment(a, key)?);
    }
    let sum = RistrettoPoint::vartime_multiscalar_mul(weights, points);
    if sum != blind_point(&s) {
        return Err(PrivacyError::ZeroCheck {
            stratum: key.to_string(),
        });
    }
    Ok(())
}

fn sealed<'a>(
    by_id: &BTreeMap<&str, &'a SealedTarget>,
    id: &str,
) -> Result<&'a SealedTarget, PrivacyError> {
    by_id.get(id).copied().ok_or_else(|| PrivacyError::Leaf {
        target: id.to_string(),
        field: "id".into(),
        detail: "不在密封名录中 · not in the sealed view".into(),
    })
}

/// Stratum `k`'s kept targets: eligible targets in ticket order, each one's membership read
/// from its opening, until `keep` members are found. A stratum that keeps every member reads
/// only the bit-1 openings (its completeness is the population check, review S1).
struct Walk<'w, 'p> {
    a: ClassAttribute,
    eligible: &'w [(Digest32, crate::registers::target::Target)],
    by_id: &'w BTreeMap<&'w str, &'w SealedTarget>,
    openings: &'w BTreeMap<(&'p str, &'p str), &'p Opening>,
}

impl<'p> Walk<'_, 'p> {
    fn kept(
        &self,
        key: &str,
        keep: usize,
        population: u64,
        used: &mut BTreeSet<(&'p str, &'p str)>,
    ) -> Result<Vec<Ticketed>, PrivacyError> {
        let (a, eligible, by_id, openings) = (self.a, self.eligible, self.by_id, self.openings);
        let mut kept = Vec::new();
        if keep == 0 {
            return Ok(kept);
        }
        // Every member kept: non-members are skipped unopened (review S1).
        let all_kept = u64::try_from(keep).unwrap_or(u64::MAX) == population;
        for (tk, t) in eligible {
            if kept.len() == keep {
                break;
            }
            let Some(&o) = openings.get(&(t.id.as_str(), key)) else {
                if all_kept {
                    continue;
                }
                return Err(PrivacyError::MissingOpening {
                    target: t.id.clone(),
                    stratum: key.to_string(),
                });
            };
            let r = scalar_from_hex(&o.blind).ok_or_else(|| PrivacyError::BadOpening {
                target: t.id.clone(),
                stratum: key.to_string(),
            })?;
            let leaf = sealed(by_id, &t.id)?;
            if o.bit > 1 || leaf.commitment(a, key)? != commit(u64::from(o.bit), &r) {
                return Err(PrivacyError::BadOpening {
                    target: t.id.clone(),
                    stratum: key.to_string(),
                });
            }
            if all_kept && o.bit == 0 {
                // Reported by the walk, where it is found: the walk of this stratum stops here.
                return Err(PrivacyError::Outcome {
                    stratum: key.to_string(),
                    detail: format!(
                        "层 {key} 全部保留，对象 {id} 不应有“不属于”开启（多余的开启会泄露类别） · stratum {key} keeps every member: target {id} must not be opened as a non-member (it would disclose a class)",
                        id = t.id
                    ),
                });
            }
            used.insert((o.target.as_str(), o.stratum.as_str()));
            if o.bit == 1 {
                kept.push(Ticketed {
                    target: t.id.clone(),
                    ticket: *tk,
                });
            }
        }
        if kept.len() < keep {
            return Err(outcome(
                key,
                format!(
                    "只开启了 {} 个成员，应保留 {keep} 个 · only {} members opened, {keep} to keep",
                    kept.len(),
                    kept.len()
                ),
            ));
        }
        Ok(kept)
    }
}

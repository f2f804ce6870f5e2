//! Inspector matching (spec §5.3): for each selected target, in ticket order, each
//! department's team is drawn at random from those its rules allow.
//!
//! Draws are uniform over the eligible members: a uniform index into the department's
//! pool is accepted when that member is eligible for this target right now, and after 32
//! rejections the eligible members are listed and one is drawn from the list. Both give
//! the uniform distribution; the second bounds the work when few are left. When nobody
//! is eligible the draw fails with the shortfall — it never reuses an inspector or drops
//! a rule.

use crate::draw::error::DrawError;
use crate::draw::plan::{DepartmentTeam, DrawPlan};
use crate::draw::uniform::below;
use crate::registers::inspector::PublicInspector;
use crate::registers::target::Target;
use rand_chacha::ChaCha20Rng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use time::Duration;

/// A member's role in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Enforcement officer (counts toward the two required).
    Officer,
    /// Expert-pool member.
    Expert,
}

impl std::fmt::Display for Role {
    /// "officer" or "expert", as serialised.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Role::Officer => "officer",
            Role::Expert => "expert",
        })
    }
}

/// One team member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Inspector id.
    pub inspector: String,
    /// The department they come from.
    pub department: String,
    /// Role.
    pub role: Role,
}

/// The team for one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Target id.
    pub target: String,
    /// Members in draw order.
    pub members: Vec<Member>,
}

const REJECTION_TRIES: u32 = 32;

/// Static pools: per (department, role), the members whose eligibility does not depend on
/// the target, split into tiers (preferred expertise first).
struct Pool {
    tiers: Vec<Vec<usize>>,
    size: usize,
}

fn build_pool(
    inspectors: &[PublicInspector],
    plan: &DrawPlan,
    d: &DepartmentTeam,
    role: Role,
) -> Pool {
    let day = plan.inspection_date;
    let eligible: Vec<usize> = inspectors
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            i.department == d.department
                && d.required_expertise.iter().all(|e| i.expertise.contains(e))
                && match role {
                    Role::Officer => i.is_enforcement_officer_on(day),
                    Role::Expert => {
                        i.expert && i.status == crate::registers::inspector::InspectorStatus::Active
                    }
                }
        })
        .map(|(n, _)| n)
        .collect();
    let size = eligible.len();
    if d.preferred_expertise.is_empty() {
        return Pool {
            tiers: vec![eligible],
            size,
        };
    }
    let (pref, rest): (Vec<usize>, Vec<usize>) = eligible.into_iter().partition(|&n| {
        inspectors.get(n).is_some_and(|i| {
            i.expertise
                .iter()
                .any(|e| d.preferred_expertise.contains(e))
        })
    });
    Pool {
        tiers: vec![pref, rest],
        size,
    }
}

/// Per-target rule check; `Err(rule)` names the rule that excludes.
struct Rules<'a> {
    plan: &'a DrawPlan,
    visits: HashMap<(&'a str, &'a str), time::Date>,
}

impl<'a> Rules<'a> {
    fn new(plan: &'a DrawPlan) -> Self {
        let mut visits: HashMap<(&str, &str), time::Date> = HashMap::new();
        for v in &plan.team.previous_visits {
            let e = visits
                .entry((v.inspector.as_str(), v.target.as_str()))
                .or_insert(v.date);
            *e = (*e).max(v.date);
        }
        Rules { plan, visits }
    }

    /// 回避: declared conflicts, own region (optional), a recent visit (optional).
    fn recusal(&self, i: &PublicInspector, t: &Target) -> Option<&'static str> {
        if i.conflicts.contains(&t.id) {
            return Some("recused (declared conflict)");
        }
        if self.plan.team.recuse_own_region && i.region.as_deref() == Some(t.region.as_str()) {
            return Some("recused (own region)");
        }
        if let Some(days) = self.plan.team.recent_visit_days {
            if let Some(d) = self.visits.get(&(i.id.as_str(), t.id.as_str())) {
                let since = self
                    .plan
                    .inspection_date
                    .checked_sub(Duration::days(i64::from(days)))
                    .unwrap_or(time::Date::MIN);
                if *d > since {
                    return Some("recused (recent visit)");
                }
            }
        }
        None
    }
}

/// Draws every team. `order` is the matching order (ascending tickets).
///
/// # Errors
/// [`DrawError::TeamShortfall`] for the first target that cannot be staffed.
pub(crate) fn match_teams(
    plan: &DrawPlan,
    inspectors: &[PublicInspector],
    order: &[&Target],
    rng: &mut ChaCha20Rng,
) -> Result<Vec<Team>, DrawError> {
    let rules = Rules::new(plan);
    let mut load: Vec<u32> = vec![0; inspectors.len()];
    let cap = plan.team.workload_cap;
    let mut pools = Vec::new();
    for d in &plan.team.departments {
        pools.push((
            d,
            Role::Officer,
            d.officers,
            build_pool(inspectors, plan, d, Role::Officer),
        ));
        if d.experts > 0 {
            pools.push((
                d,
                Role::Expert,
                d.experts,
                build_pool(inspectors, plan, d, Role::Expert),
            ));
        }
    }
    let mut teams = Vec::with_capacity(order.len());
    for t in order {
        let mut members: Vec<Member> = Vec::new();
        let mut in_team: BTreeSet<usize> = BTreeSet::new();
        for (d, role, needed, pool) in &pools {
            for slot in 0..*needed {
                let ok = |n: usize| {
                    !in_team.contains(&n)
                        && load.get(n).is_some_and(|l| *l < cap)
                        && inspectors
                            .get(n)
                            .is_some_and(|i| rules.recusal(i, t).is_none())
                };
                let pick = draw_one(pool, rng, ok);
                let Some(n) = pick else {
                    return Err(shortfall(
                        plan, inspectors, t, d, *role, *needed, slot, pool, &load, &in_team, &rules,
                    ));
                };
                in_team.insert(n);
                if let Some(l) = load.get_mut(n) {
                    *l += 1;
                }
                if let Some(i) = inspectors.get(n) {
                    members.push(Member {
                        inspector: i.id.clone(),
                        department: d.department.clone(),
                        role: *role,
                    });
                }
            }
        }
        teams.push(Team {
            target: t.id.clone(),
            members,
        });
    }
    Ok(teams)
}

/// One uniform draw among the eligible members of the first tier that has any.
fn draw_one(pool: &Pool, rng: &mut ChaCha20Rng, ok: impl Fn(usize) -> bool) -> Option<usize> {
    for tier in &pool.tiers {
        if tier.is_empty() {
            continue;
        }
        let len = tier.len() as u64;
        for _ in 0..REJECTION_TRIES {
            let n = *tier.get(usize::try_from(below(rng, len)).ok()?)?;
            if ok(n) {
                return Some(n);
            }
        }
        let eligible: Vec<usize> = tier.iter().copied().filter(|&n| ok(n)).collect();
        if !eligible.is_empty() {
            let k = usize::try_from(below(rng, eligible.len() as u64)).ok()?;
            return eligible.get(k).copied();
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn shortfall(
    plan: &DrawPlan,
    inspectors: &[PublicInspector],
    t: &Target,
    d: &DepartmentTeam,
    role: Role,
    needed: u32,
    found: u32,
    pool: &Pool,
    load: &[u32],
    in_team: &BTreeSet<usize>,
    rules: &Rules<'_>,
) -> DrawError {
    let mut counts: BTreeMap<&'static str, u32> = BTreeMap::new();
    let dept: Vec<&PublicInspector> = inspectors
        .iter()
        .filter(|i| i.department == d.department)
        .collect();
    let not_static = dept.len().saturating_sub(pool.size);
    if not_static > 0 {
        let why = match role {
            Role::Officer => "not an active qualified officer on the inspection date, or lacking required expertise",
            Role::Expert => "not an active expert-pool member with the required expertise",
        };
        counts.insert(why, u32::try_from(not_static).unwrap_or(u32::MAX));
    }
    for &n in pool.tiers.iter().flatten() {
        let Some(i) = inspectors.get(n) else { continue };
        let why = if in_team.contains(&n) {
            "already in this team"
        } else if load.get(n).is_some_and(|l| *l >= plan.team.workload_cap) {
            "at workload cap"
        } else if let Some(r) = rules.recusal(i, t) {
            r
        } else {
            continue;
        };
        *counts.entry(why).or_default() += 1;
    }
    let excluded = if counts.is_empty() {
        format!(
            "the department has {} inspector(s) in the register",
            dept.len()
        )
    } else {
        counts
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    DrawError::TeamShortfall {
        target: t.id.clone(),
        department: d.department.clone(),
        role,
        needed,
        found,
        excluded,
    }
}

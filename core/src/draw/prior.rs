//! Earlier draws a plan takes into account (draw/v2, docs/plans.md §7, docs/spec/draw-v2.md §14.1).
//!
//! 防止检查过多和执法扰民; 进一次门、查多项事: a target drawn this season by one department
//! should not get a second visit from another. A hand-typed list of "already drawn" ids can
//! leave out or add anyone, so in draw/v2 the plan carries, for each earlier sealed record
//! it accounts for, the facts the rules need, copied from the record by
//! [`PriorDraw::of_record`] and pinned by the record's hash. Anyone holding those records
//! checks the copies ([`check_prior_draws`]); the year's general-item counts
//! ([`crate::draw::cap`]) come from the same copies.

use crate::draw::error::PlanError;
use crate::draw::plan::DrawPlan;
use crate::draw::record::{DrawRecord, SealedRecord};
use crate::encoding::canonical::Digest32;
use crate::registers::fields::dates::iso;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::Date;

/// What a plan keeps of one earlier draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorDraw {
    /// The earlier record's hash ([`DrawRecord::hash`]).
    pub record: Digest32,
    /// Its plan id.
    pub plan: String,
    /// Its team departments.
    pub departments: Vec<String>,
    /// Its items.
    pub items: Vec<String>,
    /// Its inspection date.
    #[serde(with = "iso")]
    pub inspection_date: Date,
    /// Its annual-plan hash and task id, when it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_plan: Option<Digest32>,
    /// Its annual task's id, when it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<String>,
    /// Whether that task is joinable (进一次门、查多项事).
    #[serde(default)]
    pub joinable: bool,
    /// Selected targets that counted against a general item's cap (strata selections and
    /// `key_supervision` entries).
    pub counted: u64,
    /// Every selected target (100 % list and strata), sorted.
    pub targets: Vec<String>,
    /// draw/v3: the sealed view's root the earlier draw committed to, so that a later draw
    /// over the same view is refused (docs/spec/privacy.md §13.3). Absent for v1 and v2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_root: Option<Digest32>,
}

impl PriorDraw {
    /// The copy a plan carries of an earlier record.
    ///
    /// # Errors
    /// Only if the record cannot be encoded.
    pub fn of_record(r: &DrawRecord) -> Result<PriorDraw, crate::draw::error::DrawError> {
        let plan = &r.commitment.commitment.plan;
        let mut targets: Vec<String> = r.selected_ids().map(str::to_string).collect();
        targets.sort();
        targets.dedup();
        let strata: u64 = r.strata.iter().map(|s| s.selected.len() as u64).sum();
        let counted = strata
            + r.must_include
                .iter()
                .filter(|t| {
                    plan.must_include_reasons
                        .get(&t.target)
                        .is_none_or(|m| m.counts_against_cap())
                })
                .count() as u64;
        Ok(PriorDraw {
            record: r.hash()?,
            plan: plan.id.clone(),
            departments: plan
                .team
                .departments
                .iter()
                .map(|d| d.department.clone())
                .collect(),
            items: plan.items.clone(),
            inspection_date: plan.inspection_date,
            annual_plan: plan.annual_task.as_ref().map(|a| a.annual_plan.hash),
            task: plan.annual_task.as_ref().map(|a| a.task.clone()),
            joinable: plan
                .annual_task
                .as_ref()
                .and_then(|a| a.task())
                .is_some_and(|t| t.joinable),
            counted,
            targets,
            sealed_root: r
                .classes
                .is_some()
                .then_some(r.commitment.commitment.roots.targets),
        })
    }

    /// Whether it was made by a department of `plan` (then its targets were "drawn before").
    pub(crate) fn same_department(&self, plan: &DrawPlan) -> bool {
        plan.team
            .departments
            .iter()
            .any(|d| self.departments.contains(&d.department))
    }
}

/// The plan's own rules for its prior draws: each earlier than the inspection date, each
/// record once, targets sorted and unique, and a window to apply them in.
pub(crate) fn prior_draw_problems(plan: &DrawPlan) -> Vec<String> {
    let x = &plan.exclusions;
    let mut p = Vec::new();
    if !x.prior_draws.is_empty() && x.drawn_within_days.is_none() {
        p.push(
            "exclusions.drawn_within_days: prior_draws are given without the window they apply in"
                .into(),
        );
    }
    let mut seen = BTreeSet::new();
    for d in &x.prior_draws {
        let at = format!("exclusions.prior_draws.{}", d.record);
        if !seen.insert(d.record) {
            p.push(format!("{at}: listed more than once"));
        }
        if d.inspection_date > plan.inspection_date {
            p.push(format!(
                "{at}: its inspection date {} lies after this plan's {}",
                d.inspection_date, plan.inspection_date
            ));
        }
        if !d
            .targets
            .iter()
            .zip(d.targets.iter().skip(1))
            .all(|(a, b)| a.as_bytes() < b.as_bytes())
        {
            p.push(format!("{at}.targets: not sorted and unique"));
        }
        if d.counted > d.targets.len() as u64 {
            p.push(format!("{at}.counted: more than its targets"));
        }
    }
    p
}

/// Checks the plan's copies against the earlier sealed records themselves (a verifier
/// holding them): each record's seal (hashes and signatures under the keys its commitment
/// names; whether those keys are trusted is the verdict's question), and every copy equal
/// to [`PriorDraw::of_record`] of a given record.
///
/// # Errors
/// [`PlanError`] naming each copy that is missing its record or differs from it, and each
/// record whose seal does not hold.
pub fn check_prior_draws(plan: &DrawPlan, records: &[SealedRecord]) -> Result<(), PlanError> {
    let mut p = Vec::new();
    let mut copies = Vec::new();
    for r in records {
        if let Err(e) = crate::draw::verify::check_seal(r) {
            p.push(format!("prior record {}: {e}", r.hash));
            continue;
        }
        match PriorDraw::of_record(&r.record) {
            Ok(c) => copies.push(c),
            Err(e) => p.push(format!("prior record {}: {e}", r.hash)),
        }
    }
    // One plan, one suite among the records it rests on (the draw's own suite is the
    // verdict's comparison: a plan has none before it is committed).
    let suites: std::collections::BTreeSet<crate::encoding::Suite> = records
        .iter()
        .filter(|r| {
            plan.exclusions
                .prior_draws
                .iter()
                .any(|d| d.record == r.hash)
        })
        .map(|r| r.record.commitment.commitment.suite)
        .collect();
    if suites.len() > 1 {
        p.push("exclusions.prior_draws: the earlier records are under more than one suite (one draw, one suite)".into());
    }
    for d in &plan.exclusions.prior_draws {
        match copies.iter().find(|c| c.record == d.record) {
            None => p.push(format!(
                "exclusions.prior_draws.{}: the record was not given",
                d.record
            )),
            Some(c) if c != d => p.push(format!(
                "exclusions.prior_draws.{}: differs from the record it names",
                d.record
            )),
            Some(_) => {}
        }
    }
    if p.is_empty() {
        Ok(())
    } else {
        Err(PlanError { problems: p })
    }
}

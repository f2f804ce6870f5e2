//! The general-item cap (draw/v2, docs/spec/draw-v2.md §4).
//!
//! 国发〔2019〕5号 三（二）: a general item (一般检查事项) is inspected at a capped ratio, to
//! avoid 执法扰民. In draw/v1 the cap bounded each stratum's ratio only, so a stratum's
//! `min`, ceiling rounding and the 100 % list could together select every target. Here the
//! cap bounds the whole draw for the item: the quotas of all strata plus the 100 % entries
//! that count against it ([`MustIncludeReason::counts_against_cap`]) may not exceed
//! ⌈cap × population⌉, the population being the strata's eligible targets and those same
//! counted entries. A plan that would is refused, never clipped: clipping would
//! make the outcome depend on a rule the plan does not state.

use crate::draw::error::DrawError;
use crate::draw::plan::DrawPlan;
use crate::draw::select::{quota, Census};
use crate::registers::item::ItemList;

/// Selections that counted against a cap in the plan's earlier draws under item `id` in the
/// inspection year: the cap is per year (issue 18), however many draws the year has.
fn earlier_this_year(plan: &DrawPlan, id: &str) -> u64 {
    plan.exclusions
        .prior_draws
        .iter()
        .filter(|d| {
            d.inspection_date.year() == plan.inspection_date.year()
                && d.items.iter().any(|i| i == id)
        })
        .map(|d| d.counted)
        .fold(0u64, u64::saturating_add)
}

/// Checks every general item of the plan against its cap, given the closed census.
///
/// # Errors
/// [`DrawError::OverCap`] for the first item (in plan order) over its cap.
pub(crate) fn check_general_caps(
    plan: &DrawPlan,
    items: &ItemList,
    census: &Census,
) -> Result<(), DrawError> {
    let strata: u64 = plan.strata.iter().map(|s| census.population(&s.key)).sum();
    let quotas: u64 = plan
        .strata
        .iter()
        .map(|s| quota(plan.rounding, s, census.population(&s.key)))
        .sum();
    let counted = plan
        .must_include
        .iter()
        .filter(|id| {
            plan.must_include_reasons
                .get(*id)
                .is_none_or(|r| r.counts_against_cap())
        })
        .count() as u64;
    // Entries outside the random draw (complaints, referrals …) are in neither the count
    // nor the population: listing many of them must not raise the cap.
    let population = strata + counted;
    let drawn = quotas + counted;
    for id in &plan.items {
        let Some(cap) = items.get(id).and_then(|i| i.ratio_cap()) else {
            continue;
        };
        let earlier = earlier_this_year(plan, id);
        let cap_count = cap.ceil_of(population);
        if drawn.saturating_add(earlier) > cap_count {
            return Err(DrawError::OverCap {
                item: id.clone(),
                earlier,
                drawn,
                population,
                cap,
                cap_count,
            });
        }
    }
    if let Some((r, t)) = plan
        .annual_task
        .as_ref()
        .and_then(|r| r.task().map(|t| (r, t)))
    {
        let ratio_count = t.ratio.ceil_of(population);
        // The task's earlier draws count too: splitting a task into draws must not
        // multiply its ratio.
        let earlier = plan
            .exclusions
            .prior_draws
            .iter()
            .filter(|d| {
                d.annual_plan == Some(r.annual_plan.hash) && d.task.as_deref() == Some(&t.id)
            })
            .map(|d| d.counted)
            .fold(0u64, u64::saturating_add);
        let drawn = drawn.saturating_add(earlier);
        if drawn > ratio_count {
            return Err(DrawError::OverTaskRatio {
                task: t.id.clone(),
                drawn,
                population,
                ratio: t.ratio,
                ratio_count,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::draw::plan::MustIncludeReason;

    #[test]
    fn only_standing_lists_count_against_the_cap() {
        // 国发〔2019〕5号 三（七）: complaint, referral and monitoring leads are handled as
        // cases, outside the random ratio.
        assert!(MustIncludeReason::KeySupervision.counts_against_cap());
        for r in [
            MustIncludeReason::Complaint,
            MustIncludeReason::Referral,
            MustIncludeReason::DataMonitoring,
            MustIncludeReason::CourtOrder,
        ] {
            assert!(!r.counts_against_cap());
        }
    }
}

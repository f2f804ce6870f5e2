//! Which eligible targets a draw leaves out, and why (spec §5.1, draw-v2.md §5).
//!
//! One place for every exclusion rule, asked by both passes (census and selection) so the
//! two can never disagree: the hand-typed list (draw/v1), earlier draws
//! ([`crate::draw::prior`]), the plan's last-inspection window, and in draw/v2 the item's
//! 抽查频次 (a target inspected under the item more recently than its tier allows is not
//! due: 豫政办〔2017〕80号 "一级治安管理场所1次/年、二级和三级治安管理场所每半年1次").

use crate::draw::plan::DrawPlan;
use crate::draw::select::ExclusionReason;
use crate::registers::item::{FrequencyTier, ItemList, Period};
use crate::registers::target::Target;
use std::collections::{BTreeMap, BTreeSet};
use time::{Date, Duration};

/// Days of a period, for the minimum interval `period / times` (floor). Calendar periods
/// would make a target inspected on 31 December due again on 1 January.
pub fn period_days(p: Period) -> u32 {
    match p {
        Period::Year => 365,
        Period::HalfYear => 182,
        Period::Quarter => 91,
        Period::Month => 30,
    }
}

/// The least number of days between two inspections of one target under a tier.
pub fn interval_days(t: &FrequencyTier) -> u32 {
    period_days(t.period) / t.times.max(1)
}

/// The grade names a tier's words give: "二级和三级治安管理场所" names 二级 and 三级 (each part
/// up to its 级), "重点单位" names itself.
pub fn tier_grades(applies_to: &str) -> Vec<&str> {
    applies_to
        .split(['和', '及', '与', '、', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('级') {
            Some((head, _)) => p.get(..head.len() + '级'.len_utf8()).unwrap_or(p),
            None => p,
        })
        .collect()
}

/// The tier of a target: the only tier when it names no targets, else the one tier one of
/// whose grade names ([`tier_grades`]) equals the target's 等级 (`grade`) exactly. `None`
/// when that is not exactly one: a grade is never matched by a part of its words.
pub fn tier_of<'a>(tiers: &'a [FrequencyTier], t: &Target) -> Option<&'a FrequencyTier> {
    if let [only] = tiers {
        if only.applies_to.is_none() {
            return Some(only);
        }
    }
    let g = t
        .grade
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())?;
    let mut hits = tiers.iter().filter(|x| {
        x.applies_to
            .as_deref()
            .is_some_and(|a| tier_grades(a).contains(&g))
    });
    match (hits.next(), hits.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}

fn since(date: Date, days: u32) -> Date {
    // A window reaching before the calendar's start covers everything.
    date.checked_sub(Duration::days(i64::from(days)))
        .unwrap_or(Date::MIN)
}

/// The plan's exclusion rules, prepared once per pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Excluder {
    already: BTreeSet<String>,
    /// Target → the reason of the first prior draw (in plan order) that selected it within
    /// the window; decided once, from the plan the excluder was made for.
    prior: BTreeMap<String, ExclusionReason>,
    /// draw/v2: each plan item with a stated frequency, and its tiers.
    frequencies: Vec<(String, Vec<FrequencyTier>)>,
}

/// A target whose 抽查频次 tier cannot be told, where it matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownTier {
    pub item: String,
}

impl Excluder {
    /// `items` is `Some` for draw/v2 (frequencies enforced).
    pub fn new(plan: &DrawPlan, items: Option<&ItemList>) -> Excluder {
        let mut prior: BTreeMap<String, ExclusionReason> = BTreeMap::new();
        if let Some(days) = plan.exclusions.drawn_within_days {
            let from = since(plan.inspection_date, days);
            for d in &plan.exclusions.prior_draws {
                if d.inspection_date <= from || d.inspection_date > plan.inspection_date {
                    continue;
                }
                let record = d.record;
                let joint = d.joinable
                    && plan.annual_task.as_ref().is_some_and(|a| {
                        a.task().is_some_and(|t| t.joinable)
                            && d.annual_plan == Some(a.annual_plan.hash)
                    });
                let why = if d.same_department(plan) {
                    ExclusionReason::DrawnBefore { record }
                } else if joint {
                    ExclusionReason::JointVisit { record }
                } else {
                    ExclusionReason::DrawnElsewhere { record }
                };
                for t in &d.targets {
                    prior.entry(t.clone()).or_insert_with(|| why.clone());
                }
            }
        }
        let frequencies = items
            .map(|items| {
                plan.items
                    .iter()
                    .filter_map(|id| items.get(id))
                    .filter(|i| !i.frequency.tiers.is_empty())
                    .map(|i| (i.id.clone(), i.frequency.tiers.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Excluder {
            already: plan.exclusions.already_drawn.iter().cloned().collect(),
            prior,
            frequencies,
        }
    }

    /// Whether and why a target passing the filter is left out; the first rule that applies,
    /// in this order: hand-typed list, earlier draws (in the plan's order), last-inspection
    /// window, frequency.
    pub fn reason(
        &self,
        plan: &DrawPlan,
        t: &Target,
    ) -> Result<Option<ExclusionReason>, UnknownTier> {
        if self.already.contains(&t.id) {
            return Ok(Some(ExclusionReason::AlreadyDrawn));
        }
        if let Some(why) = self.prior.get(&t.id) {
            return Ok(Some(why.clone()));
        }
        if let Some(days) = plan.exclusions.inspected_within_days {
            let from = since(plan.inspection_date, days);
            if let Some(r) = plan.items.iter().find_map(|item| {
                let d = t.last_inspected.get(item)?.0;
                (d > from).then(|| ExclusionReason::InspectedRecently {
                    item: item.clone(),
                    date: d,
                })
            }) {
                return Ok(Some(r));
            }
        }
        for (item, tiers) in &self.frequencies {
            let Some(last) = t.last_inspected.get(item).map(|d| d.0) else {
                continue; // Never inspected under it: due under every tier.
            };
            let days = match tier_of(tiers, t) {
                Some(x) => interval_days(x),
                None => {
                    // Unknown tier: decided anyway when every tier agrees.
                    let all: Vec<u32> = tiers.iter().map(interval_days).collect();
                    let (lo, hi) = (
                        all.iter().copied().min().unwrap_or(0),
                        all.iter().copied().max().unwrap_or(0),
                    );
                    if last <= since(plan.inspection_date, hi) {
                        continue; // Due under the longest interval, so under all.
                    }
                    if last > since(plan.inspection_date, lo) {
                        lo // Not due even under the shortest.
                    } else {
                        return Err(UnknownTier { item: item.clone() });
                    }
                }
            };
            if last > since(plan.inspection_date, days) {
                return Ok(Some(ExclusionReason::NotDue {
                    item: item.clone(),
                    date: last,
                    days,
                }));
            }
        }
        Ok(None)
    }
}

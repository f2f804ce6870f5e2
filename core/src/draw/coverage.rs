//! The attributes a plan relies on, counted over the register (issue 18).
//!
//! A register made in the seed's own template (附件2: 企业名称, 成立日期, 住所) states no
//! 对象类型, 行政区划代码, 行业, 所属部门, 信用类别 or 风险等级; those entries carry
//! "unknown" rather than a guess. A plan that filters, stratifies or recuses on an
//! attribute would then drop or misplace them without a word, so the draw is refused with
//! the attribute and the number of entries that do not state it.

use crate::draw::error::{DrawError, PlanError};
use crate::draw::plan::{DrawPlan, StratifyBy};
use crate::registers::target::{CreditClass, RiskLevel, Target, TargetKind, TargetStatus};
use std::collections::BTreeMap;

/// Entries of the register missing an attribute the plan relies on, per use.
#[derive(Debug, Clone, Default)]
pub(crate) struct Coverage {
    missing: BTreeMap<&'static str, u64>,
}

impl Coverage {
    /// Counts one entry: `drawable` when it passes the filter or is on the 100 % list;
    /// `sealed` in draw/v3, where the stratifying class is checked by the class proof.
    pub(crate) fn add(&mut self, plan: &DrawPlan, t: &Target, drawable: bool, sealed: bool) {
        let f = &plan.filter;
        let mut miss = |what: &'static str| *self.missing.entry(what).or_default() += 1;
        if t.status == TargetStatus::Active {
            if !f.kinds.is_empty() && t.kind == TargetKind::Unknown {
                miss("filter.kinds|对象类型 kind");
            }
            if !f.regions.is_empty() && t.region.trim().is_empty() {
                miss("filter.regions|行政区划代码 region");
            }
            if !f.industries.is_empty() && t.industry.trim().is_empty() {
                miss("filter.industries|行业 industry");
            }
            if !f.departments.is_empty() && t.department.trim().is_empty() {
                miss("filter.departments|所属部门 department");
            }
        }
        if drawable && !sealed {
            match plan.stratify_by {
                StratifyBy::Risk if t.risk == RiskLevel::Unknown => {
                    miss("stratify_by risk|风险等级 risk")
                }
                StratifyBy::Credit if t.credit == CreditClass::Unknown => {
                    miss("stratify_by credit|信用类别 credit")
                }
                _ => {}
            }
        }
        if drawable && plan.team.recuse_own_region && t.region.trim().is_empty() {
            miss("team.recuse_own_region|行政区划代码 region");
        }
    }

    /// Refuses the plan when any entry lacks an attribute it relies on; every use at once.
    ///
    /// # Errors
    /// [`DrawError::Plan`] naming each use, the attribute and the count.
    pub(crate) fn finish(self) -> Result<(), DrawError> {
        if self.missing.is_empty() {
            return Ok(());
        }
        let problems = self
            .missing
            .into_iter()
            .map(|(what, n)| {
                let (uses, attribute) = what.split_once('|').unwrap_or((what, what));
                format!(
                    "{uses}: {n} target(s) of the register do not state {attribute}; the plan relies on it (register lacks {attribute} — add it to the register or change the plan)"
                )
            })
            .collect();
        Err(DrawError::Plan(PlanError { problems }))
    }
}

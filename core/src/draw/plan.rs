//! The draw plan (抽查计划): every rule of a draw, fixed before any randomness exists.
//!
//! 豫政办〔2015〕140号 三(3): the lists are drawn "按照抽查的原则、类型和比例 … 一次性随机产生";
//! so the plan — ratios per stratum, 100 % lists, exclusion windows, team rules — is part of
//! the pre-draw commitment and cannot change once the beacon round is known.

use crate::draw::error::PlanError;
use crate::registers::fields::dates::iso;
use crate::registers::fields::ids::check_id;
use crate::registers::fields::names::plan_name_problems;
use crate::registers::fields::ratio::BasisPoints;
use crate::registers::item::{Category, ItemList, Level};
use crate::registers::target::{Target, TargetKind, TargetStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::Date;

/// Most batches a plan may ask for (each is a list in the record).
pub const MAX_BATCHES: u32 = 10_000;
/// Longest exclusion or recusal window, in days (100 years).
pub const MAX_WINDOW_DAYS: u32 = 36_500;

/// What targets are grouped by for differentiated ratios (差异化分类监管).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum StratifyBy {
    /// One stratum, key `all`.
    None,
    /// By risk level: keys `low`, `medium_low`, `medium_high`, `high`.
    Risk,
    /// By credit class: keys `A`, `B`, `C`, `D`.
    Credit,
}

impl StratifyBy {
    /// Every stratum key this grouping produces.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            StratifyBy::None => &["all"],
            StratifyBy::Risk => &["low", "medium_low", "medium_high", "high"],
            StratifyBy::Credit => &["A", "B", "C", "D"],
        }
    }

    /// The stratum key of a target.
    pub fn key_of(self, t: &Target) -> &'static str {
        use crate::registers::target::{CreditClass as C, RiskLevel as R};
        match self {
            StratifyBy::None => "all",
            StratifyBy::Risk => match t.risk {
                R::Low => "low",
                R::MediumLow => "medium_low",
                R::MediumHigh => "medium_high",
                R::High => "high",
                R::Unknown => "unknown",
            },
            StratifyBy::Credit => match t.credit {
                C::A => "A",
                C::B => "B",
                C::C => "C",
                C::D => "D",
                C::Unknown => "unknown",
            },
        }
    }
}

/// How a stratum's quota is rounded from `population × ratio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Up: a non-empty stratum with a positive ratio is never left unsampled.
    Ceil,
    /// Down.
    Floor,
}

/// One stratum's ratio and minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stratum {
    /// A key of the plan's [`StratifyBy`].
    pub key: String,
    /// 抽查比例 for this stratum, in (0, 10000] bp.
    pub ratio: BasisPoints,
    /// At least this many (capped at the population).
    #[serde(default)]
    pub min: u32,
}

/// Which targets are in the population at all.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFilter {
    /// Target kinds; empty = all.
    #[serde(default)]
    pub kinds: Vec<TargetKind>,
    /// Region code prefixes (e.g. "4101" for all of 郑州); empty = all.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Industry codes or prefixes; empty = all.
    #[serde(default)]
    pub industries: Vec<String>,
    /// Departments in charge; empty = all.
    #[serde(default)]
    pub departments: Vec<String>,
}

impl TargetFilter {
    /// Whether a target belongs to the population (before exclusions). Only active
    /// targets are ever drawn; closed ones are handled through alternates.
    pub fn admits(&self, t: &Target) -> bool {
        t.status == TargetStatus::Active
            && (self.kinds.is_empty() || self.kinds.contains(&t.kind))
            && (self.regions.is_empty()
                || self
                    .regions
                    .iter()
                    .any(|r| t.region.starts_with(r.as_str())))
            && (self.industries.is_empty()
                || self
                    .industries
                    .iter()
                    .any(|i| t.industry.starts_with(i.as_str())))
            && (self.departments.is_empty() || self.departments.contains(&t.department))
    }
}

/// Targets left out although they pass the filter, each for a recorded reason.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusions {
    /// Leave out targets inspected for one of the plan's items within this many days
    /// before the inspection date (防止检查过多和执法扰民).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspected_within_days: Option<u32>,
    /// Targets already drawn this cycle (draw/v1; draw/v2 takes them from `prior_draws`).
    #[serde(default)]
    pub already_drawn: Vec<String>,
    /// draw/v2: earlier draws accounted for, copied from their sealed records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_draws: Vec<crate::draw::prior::PriorDraw>,
    /// draw/v2: leave out targets an earlier draw selected for an inspection date within
    /// this many days before this plan's (any department: 防止检查过多和执法扰民).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_within_days: Option<u32>,
}

/// The team one department sends to each selected target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentTeam {
    /// 所属部门 of the inspectors.
    pub department: String,
    /// Enforcement officers per target; at least 2 (行政处罚法: 执法人员不得少于两人).
    pub officers: u32,
    /// Expert-pool members per target, in addition to the officers.
    #[serde(default)]
    pub experts: u32,
    /// Every member must hold all of these expertise tags.
    #[serde(default)]
    pub required_expertise: Vec<String>,
    /// Members holding any of these are drawn first, while some are available.
    #[serde(default)]
    pub preferred_expertise: Vec<String>,
}

/// An earlier visit, for the recent-visit recusal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Inspector id.
    pub inspector: String,
    /// Target id.
    pub target: String,
    /// Day of the visit.
    #[serde(with = "iso")]
    pub date: Date,
}

/// Team rules: who may be matched to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRules {
    /// One entry per participating department (进一次门、查多项事: one visit, a team
    /// from each department).
    pub departments: Vec<DepartmentTeam>,
    /// At most this many targets per inspector in this draw.
    pub workload_cap: u32,
    /// Recuse inspectors from targets in their own region (所在地区 = 行政区划代码).
    #[serde(default)]
    pub recuse_own_region: bool,
    /// Recuse an inspector who visited the same target within this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_visit_days: Option<u32>,
    /// Earlier visits, for `recent_visit_days`.
    #[serde(default)]
    pub previous_visits: Vec<Visit>,
}

/// Why a target is on the 100 % list (draw/v2), by wire name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MustIncludeReason {
    /// 投诉举报: a complaint or report about this target.
    Complaint,
    /// 转办交办: referred by another authority or a superior.
    Referral,
    /// 数据监测: found by data monitoring (风险监测、信用预警).
    DataMonitoring,
    /// 司法机关要求: ordered by a court or procuratorate.
    CourtOrder,
    /// 重点监管对象: a list the law or the item requires to be inspected in full (e.g.
    /// 经营异常名录, 严重违法失信名单).
    KeySupervision,
}

impl MustIncludeReason {
    /// Whether this entry counts against a general item's cap. Complaints, referrals,
    /// data monitoring and court orders are targeted inspections outside the random draw
    /// (国发〔2019〕5号 三（七）: "对通过投诉举报、转办交办、数据监测等发现的违法违规个案线索，要立即
    /// 实施检查"), so they do not use the random ratio; a standing list does.
    pub fn counts_against_cap(self) -> bool {
        matches!(self, MustIncludeReason::KeySupervision)
    }
}

/// A draw plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawPlan {
    /// Plan id (抽查任务编号).
    pub id: String,
    /// Title, e.g. "2023年第三季度娱乐场所联合抽查".
    pub title: String,
    /// Items inspected in one visit; several departments make a joint draw.
    pub items: Vec<String>,
    /// First day of inspections: the day qualifications and exclusion windows refer to.
    #[serde(with = "iso")]
    pub inspection_date: Date,
    /// The population.
    #[serde(default)]
    pub filter: TargetFilter,
    /// Grouping for ratios.
    pub stratify_by: StratifyBy,
    /// One entry per key of `stratify_by`.
    pub strata: Vec<Stratum>,
    /// Quota rounding.
    pub rounding: Rounding,
    /// 100 % list (e.g. 经营异常名录): always inspected, in addition to the random draw.
    #[serde(default)]
    pub must_include: Vec<String>,
    /// draw/v2: why each entry of `must_include` is there (target id → reason), published
    /// with the plan so that the 100 % list cannot hide a chosen target.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub must_include_reasons: std::collections::BTreeMap<String, MustIncludeReason>,
    /// Exclusion windows.
    #[serde(default)]
    pub exclusions: Exclusions,
    /// Alternates (备选) drawn per stratum, in replacement order.
    #[serde(default)]
    pub alternates_per_stratum: u32,
    /// Split the selection into this many batches in random order (for high-ratio key
    /// items: "可以通过随机抽取的方式确定检查批次顺序").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batches: Option<u32>,
    /// Team rules.
    pub team: TeamRules,
    /// draw/v2: the implementing level (检查部门实施层级) the draw is made at; each item must
    /// list it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// draw/v2: the annual-plan task the draw belongs to (年度抽查计划).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_task: Option<crate::draw::annual::AnnualTaskRef>,
}

impl DrawPlan {
    /// Checks the plan against the registers it will run on: the inspection date is not
    /// before the register date, listed ids are well-formed, and every department that
    /// sends a team has inspectors in the register.
    ///
    /// # Errors
    /// [`PlanError`] listing each problem.
    pub fn check_against(
        &self,
        targets_as_of: Date,
        inspectors: &crate::registers::inspector::PublicInspectorRegister,
    ) -> Result<(), PlanError> {
        let mut p = Vec::new();
        if self.inspection_date < targets_as_of {
            p.push(format!(
                "inspection_date: {} lies before the target register date {}",
                self.inspection_date, targets_as_of
            ));
        }
        for (field, ids) in [
            ("must_include", &self.must_include),
            ("exclusions.already_drawn", &self.exclusions.already_drawn),
        ] {
            for id in ids {
                if let Err(e) = check_id(id) {
                    p.push(format!("{field}: target id {e}"));
                }
            }
        }
        for d in &self.team.departments {
            if !inspectors
                .inspectors()
                .iter()
                .any(|i| i.department == d.department)
            {
                p.push(format!(
                    "team.departments.{}: no inspector of this department in the register",
                    d.department
                ));
            }
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(PlanError { problems: p })
        }
    }

    /// Members only draw/v2 defines, named when a draw/v1 commitment carries them.
    pub(crate) fn v2_members(&self) -> Vec<&'static str> {
        let mut m = Vec::new();
        if !self.must_include_reasons.is_empty() {
            m.push("plan.must_include_reasons");
        }
        if self.level.is_some() {
            m.push("plan.level");
        }
        if self.annual_task.is_some() {
            m.push("plan.annual_task");
        }
        if !self.exclusions.prior_draws.is_empty() {
            m.push("plan.exclusions.prior_draws");
        }
        if self.exclusions.drawn_within_days.is_some() {
            m.push("plan.exclusions.drawn_within_days");
        }
        m
    }

    /// draw/v2's own plan rules: the level stated, earlier draws from their records (not a
    /// hand-typed list), reasons for the 100 % list, and the annual task's bounds.
    pub(crate) fn v2_problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.level.is_none() {
            p.push("plan.level: draw/v2 states the implementing level (province, city or county: 检查部门实施层级)".into());
        }
        if self.annual_task.is_none() {
            p.push("plan.annual_task: a draw/v2 plan is a task of the year's signed annual plan (年度抽查计划); name it (shuangsuiji plan task)".into());
        }
        if !self.exclusions.already_drawn.is_empty() {
            p.push("plan.exclusions.already_drawn: draw/v2 takes earlier draws from their records (exclusions.prior_draws), not from a typed list".into());
        }
        if self
            .exclusions
            .drawn_within_days
            .is_some_and(|d| d > MAX_WINDOW_DAYS)
        {
            p.push(format!(
                "plan.exclusions.drawn_within_days: at most {MAX_WINDOW_DAYS} days"
            ));
        }
        p.extend(
            crate::draw::prior::prior_draw_problems(self)
                .into_iter()
                .map(|x| format!("plan.{x}")),
        );
        p.extend(self.check_must_include_reasons());
        p
    }

    /// draw/v2: one published reason for every 100 % entry, and none for anything else.
    pub(crate) fn check_must_include_reasons(&self) -> Vec<String> {
        let listed: BTreeSet<&str> = self.must_include.iter().map(String::as_str).collect();
        // A target listed twice would count twice in the population a cap is taken of.
        let mut seen = BTreeSet::new();
        let mut p: Vec<String> = self
            .must_include
            .iter()
            .filter(|id| !seen.insert(id.as_str()))
            .map(|id| format!("plan.must_include: {id} is listed more than once"))
            .collect();
        p.extend(listed
            .iter()
            .filter(|id| !self.must_include_reasons.contains_key(**id))
            .map(|id| format!("plan.must_include_reasons.{id}: draw/v2 states why each 100 % entry is drawn (complaint, referral, data_monitoring, court_order, key_supervision)")));
        p.extend(
            self.must_include_reasons
                .keys()
                .filter(|id| !listed.contains(id.as_str()))
                .map(|id| format!("plan.must_include_reasons.{id}: not in must_include")),
        );
        p
    }

    /// Checks the plan against itself and the item list; every problem at once.
    ///
    /// # Errors
    /// [`PlanError`] listing each problem.
    pub fn check(&self, items: &ItemList) -> Result<(), PlanError> {
        let mut p: Vec<String> = Vec::new();
        if let Err(e) = check_id(&self.id) {
            p.push(format!("id: plan id {e}"));
        }
        if self.items.is_empty() {
            p.push("items: a plan inspects at least one item".into());
        }
        for id in &self.items {
            let Some(item) = items.get(id) else {
                // 国发〔2019〕5号: nothing outside the published list may be inspected.
                p.push(format!(
                    "items: {id} is not in item list {}",
                    items.version()
                ));
                continue;
            };
            // 国发〔2019〕5号 三(二): a general item's ratio has a cap.
            if item.category == Category::General {
                match item.ratio_cap() {
                    Some(cap) => {
                        for s in self.strata.iter().filter(|s| s.ratio > cap) {
                            p.push(format!(
                                "strata.{}.ratio: {} exceeds the cap {} of general item {id}",
                                s.key, s.ratio, cap
                            ));
                        }
                    }
                    // The item list states no 抽查比例 for it: a draw under a general item
                    // needs its cap (设置上限), so none is made until the list states it.
                    None => p.push(format!(
                        "items: general item {id} states no 抽查比例 (ratio cap) in item list {}; a general item is drawn only under its cap",
                        items.version()
                    )),
                }
            }
        }
        let keys: BTreeSet<&str> = self.strata.iter().map(|s| s.key.as_str()).collect();
        if keys.len() != self.strata.len() {
            p.push("strata: a key appears more than once".into());
        }
        for k in self.stratify_by.keys() {
            if !keys.contains(k) {
                p.push(format!("strata: no entry for stratum {k}"));
            }
        }
        for s in &self.strata {
            if !self.stratify_by.keys().contains(&s.key.as_str()) {
                p.push(format!(
                    "strata.{}: not a stratum of {:?}",
                    s.key, self.stratify_by
                ));
            }
            if !s.ratio.is_valid_ratio() {
                p.push(format!(
                    "strata.{}.ratio: {} bp is outside (0, 10000]",
                    s.key, s.ratio.0
                ));
            }
        }
        if self.batches == Some(0) {
            p.push("batches: at least 1".into());
        }
        if self.batches.is_some_and(|b| b > MAX_BATCHES) {
            p.push(format!("batches: at most {MAX_BATCHES}"));
        }
        for (field, days) in [
            (
                "exclusions.inspected_within_days",
                self.exclusions.inspected_within_days,
            ),
            ("team.recent_visit_days", self.team.recent_visit_days),
        ] {
            if days.is_some_and(|d| d > MAX_WINDOW_DAYS) {
                p.push(format!("{field}: at most {MAX_WINDOW_DAYS} days"));
            }
        }
        if self.team.departments.is_empty() {
            p.push("team.departments: at least one department sends inspectors".into());
        }
        p.extend(plan_name_problems(
            "filter.departments",
            &self.filter.departments,
        ));
        p.extend(plan_name_problems(
            "filter.industries",
            &self.filter.industries,
        ));
        for d in &self.team.departments {
            p.extend(plan_name_problems("team.departments", [&d.department]));
            let at = format!("team.departments.{}", d.department);
            p.extend(plan_name_problems(
                &format!("{at}.required_expertise"),
                &d.required_expertise,
            ));
            p.extend(plan_name_problems(
                &format!("{at}.preferred_expertise"),
                &d.preferred_expertise,
            ));
        }
        for d in &self.team.departments {
            if d.officers < 2 {
                p.push(format!(
                    "team.departments.{}.officers: {} < 2 (行政处罚法: 执法人员不得少于两人)",
                    d.department, d.officers
                ));
            }
        }
        let mut depts = BTreeSet::new();
        if self
            .team
            .departments
            .iter()
            .any(|d| !depts.insert(d.department.as_str()))
        {
            p.push("team.departments: a department appears more than once".into());
        }
        if self.team.workload_cap == 0 {
            p.push("team.workload_cap: at least 1".into());
        }
        if p.is_empty() {
            Ok(())
        } else {
            Err(PlanError { problems: p })
        }
    }
}

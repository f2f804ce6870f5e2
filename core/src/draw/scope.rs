//! Who may inspect what (draw/v2, issue 18): a plan's items and teams must match.
//!
//! 国发〔2019〕5号 三（二）and the seed's lists: each item names the department that
//! inspects under it, under its law (法律、法规、规章没有规定的，一律不得擅自开展检查), and the
//! kinds of target it covers (检查对象, 不越位). So in a draw every plan item's department
//! sends a team, every team's department owns a plan item (a joint draw is several
//! departments each under its own items: 进一次门、查多项事), and where the items name
//! kinds of target the plan's filter keeps to them. Checked for draw/v2 only: a draw/v1
//! record keeps the rules it was made under.

use crate::draw::error::PlanError;
use crate::draw::plan::DrawPlan;
use crate::registers::inspector::PublicInspectorRegister;
use crate::registers::item::ItemList;
use crate::registers::target::TargetKind;
use std::collections::BTreeSet;

/// The target kinds an item's 检查对象 names (empty: it names none, e.g. "娱乐场所").
fn kinds_of(scope: &[String]) -> BTreeSet<TargetKind> {
    scope
        .iter()
        .flat_map(|s| s.split(['、', ',', '，', '/']))
        .filter_map(TargetKind::parse)
        .collect()
}

/// Every scope problem at once (draw/v2 runs it after the plan check; callers may run it
/// before committing).
///
/// # Errors
/// [`PlanError`] listing each.
pub fn check_scope(
    plan: &DrawPlan,
    items: &ItemList,
    inspectors: &PublicInspectorRegister,
) -> Result<(), PlanError> {
    // The annual task first: a draw outside it is refused whatever else holds.
    let mut p = crate::draw::annual::check_plan_in_task(plan, items);
    let teams: BTreeSet<&str> = plan
        .team
        .departments
        .iter()
        .map(|d| d.department.as_str())
        .collect();
    // Own-region recusal needs the inspectors' 所在地区 too: one who states none would
    // never be recused, without a word.
    if plan.team.recuse_own_region {
        let n = inspectors
            .inspectors()
            .iter()
            .filter(|i| {
                i.status == crate::registers::inspector::InspectorStatus::Active
                    && teams.contains(i.department.as_str())
                    && i.region.as_deref().is_none_or(|r| r.trim().is_empty())
            })
            .count();
        if n > 0 {
            p.push(format!(
                "team.recuse_own_region: {n} inspector(s) of the team departments do not state 所在地区 (region); the plan relies on it"
            ));
        }
    }
    let planned: Vec<_> = plan.items.iter().filter_map(|id| items.get(id)).collect();
    // 检查部门实施层级: an item lists the levels that inspect under it.
    if let Some(level) = plan.level {
        for i in planned.iter().filter(|i| !i.levels.contains(&level)) {
            p.push(format!(
                "level: item {} is not inspected at the {} level (检查部门实施层级: {})",
                i.id,
                level.zh(),
                if i.levels.is_empty() {
                    "none stated".to_string()
                } else {
                    i.levels
                        .iter()
                        .map(|l| l.zh())
                        .collect::<Vec<_>>()
                        .join("、")
                }
            ));
        }
    }
    let owners: BTreeSet<&str> = planned.iter().map(|i| i.department.as_str()).collect();
    for i in &planned {
        if !teams.contains(i.department.as_str()) {
            p.push(format!(
                "items.{}: its department {} sends no team (team.departments); only the department an item names inspects under it",
                i.id, i.department
            ));
        }
    }
    for d in teams.iter().filter(|d| !owners.contains(**d)) {
        p.push(format!(
            "team.departments.{d}: inspects under no item of its own in this plan; a department inspects only under its own items (法律、法规、规章没有规定的，一律不得擅自开展检查)"
        ));
    }
    for i in &planned {
        let kinds = kinds_of(&i.target_scope);
        if kinds.is_empty() {
            continue;
        }
        if plan.filter.kinds.is_empty() {
            p.push(format!(
                "filter.kinds: item {} covers only {} (检查对象); the plan must keep to them",
                i.id,
                i.target_scope.join("、")
            ));
        }
        for k in plan.filter.kinds.iter().filter(|k| !kinds.contains(k)) {
            // The wire name, as the plan's JSON spells it.
            let wire = serde_json::to_value(k).unwrap_or_default();
            p.push(format!(
                "filter.kinds: {} is not among the 检查对象 of item {} ({})",
                wire.as_str().unwrap_or("?"),
                i.id,
                i.target_scope.join("、")
            ));
        }
    }
    if p.is_empty() {
        Ok(())
    } else {
        Err(PlanError { problems: p })
    }
}

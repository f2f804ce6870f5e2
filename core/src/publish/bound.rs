//! Results bound to the draw: only what the verified record drew may be published as its
//! results (豫政〔2019〕22号 二（六）"谁检查、谁录入、谁公开"; the draw's point is lost if any
//! target can be given a result under its hash).
//!
//! A result must name the record's hash, a target the record selected (an alternate only
//! through a logged substitution, which this version does not support, so it is refused),
//! inspectors of that target's drawn team (the one who entered it included), and items of
//! the plan. Every problem is reported, each naming the result.

use crate::draw::SealedRecord;
use crate::publish::result::InspectionResult;
use crate::publish::PublishError;
use std::collections::{BTreeMap, BTreeSet};

/// Checks that every result belongs to `sealed`'s draw; the record itself must have been
/// verified by the caller (`verify` or `trust::verify_trusted`).
///
/// # Errors
/// [`PublishError::NotInDraw`] with every problem.
pub fn check_results_in_draw(
    results: &[InspectionResult],
    sealed: &SealedRecord,
) -> Result<(), PublishError> {
    let rec = &sealed.record;
    let selected: BTreeSet<&str> = rec.selected_ids().collect();
    let alternates: BTreeSet<&str> = rec
        .strata
        .iter()
        .flat_map(|s| s.alternates.iter().map(|t| t.target.as_str()))
        .collect();
    let teams: BTreeMap<&str, BTreeSet<&str>> = rec
        .teams
        .iter()
        .map(|t| {
            let members = t.members.iter().map(|m| m.inspector.as_str()).collect();
            (t.target.as_str(), members)
        })
        .collect();
    let items: BTreeSet<&str> = rec
        .commitment
        .commitment
        .plan
        .items
        .iter()
        .map(String::as_str)
        .collect();
    let mut problems = Vec::new();
    for r in results {
        let id = &r.id;
        if r.draw_record != sealed.hash {
            problems.push(format!(
                "{id}: names draw record {}, not {}",
                r.draw_record, sealed.hash
            ));
        }
        let target = r.target.id.as_str();
        if !selected.contains(target) {
            problems.push(if alternates.contains(target) {
                format!("{id}: target {target} is an alternate, not a selected target; a substitution must be logged first")
            } else {
                format!("{id}: target {target} was not drawn")
            });
        }
        for item in r.items.iter().filter(|i| !items.contains(i.as_str())) {
            problems.push(format!("{id}: item {item} is not in the plan"));
        }
        let team = teams.get(target);
        let on_team = |p: &str| team.is_some_and(|t| t.contains(p));
        for m in r.team.iter().filter(|m| !on_team(&m.inspector_id)) {
            problems.push(format!(
                "{id}: inspector {} is not on the drawn team of {target}",
                m.inspector_id
            ));
        }
        if !on_team(&r.entered_by) {
            problems.push(format!(
                "{id}: entered_by {} is not on the drawn team of {target} (谁检查、谁录入)",
                r.entered_by
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PublishError::NotInDraw { problems })
    }
}

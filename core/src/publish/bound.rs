//! Results bound to the draw: only what the verified record drew may be published as its
//! results (豫政〔2019〕22号 二（六）"谁检查、谁录入、谁公开"; the draw's point is lost if any
//! target can be given a result under its hash).
//!
//! A result must name the record's hash, a target the record selected (an alternate only
//! through a logged substitution, which this version does not support, so it is refused),
//! inspectors of that target's drawn team (the one who entered it included), and items of
//! the plan. Every problem is reported, each naming the result.

use crate::draw::SealedRecord;
use crate::publish::notice::{NoticeEntry, NoticeError, PublishedValue, SignedNotice};
use crate::publish::result::InspectionResult;
use crate::publish::PublishError;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One draw, one suite (docs/spec/suites.md §3): a notice for `sealed` is signed with a key
/// of the record's suite.
///
/// # Errors
/// [`PublishError::NotInDraw`] naming both suites.
pub fn check_publisher_suite(
    sealed: &SealedRecord,
    publisher: crate::encoding::Suite,
) -> Result<(), PublishError> {
    if publisher == sealed.suite() {
        return Ok(());
    }
    Err(PublishError::NotInDraw {
        problems: vec![format!(
            "draw record {} is under suite {}, the publisher's key under {publisher} (one draw, one suite)",
            sealed.hash,
            sealed.suite()
        )],
    })
}

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

/// How a verified notice covers its draw: which drawn targets have a visible result,
/// which have none, and how many results hide their target (withheld or committed), so
/// that a missing result is never silently absent and a withheld one is counted, not
/// hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Targets the draw selected.
    pub drawn: usize,
    /// Drawn targets with at least one result whose target id is in clear.
    pub published: usize,
    /// Results withheld as a whole (依法不予公示): their targets are not shown.
    pub withheld: usize,
    /// Results published with the target id committed or masked, not in clear.
    pub target_not_shown: usize,
    /// Drawn targets with no result naming them in clear, in id order; up to
    /// `withheld + target_not_shown` of them may be covered by those results.
    pub missing: Vec<String>,
    /// Target ids in clear that the draw did not select (a notice made by `publish` over
    /// checked results has none).
    pub not_drawn: Vec<String>,
}

/// Verifies `notice` and reports how it covers the draw of `sealed` (verify the record
/// first).
///
/// # Errors
/// The notice does not verify, or names another draw record.
pub fn coverage(notice: &SignedNotice, sealed: &SealedRecord) -> Result<Coverage, NoticeError> {
    if notice.notice.suite != sealed.suite() {
        return Err(NoticeError::OtherSuite {
            record: sealed.hash,
            suite: sealed.suite().name().into(),
            notice_suite: notice.notice.suite.name().into(),
        });
    }
    notice.verify()?;
    let h = &notice.notice.header;
    if h.draw_record != sealed.hash {
        return Err(NoticeError::RecordMismatch {
            notice: h.draw_record,
            record: sealed.hash,
        });
    }
    let drawn: BTreeSet<&str> = sealed.record.selected_ids().collect();
    let mut shown = BTreeSet::new();
    let (mut withheld, mut target_not_shown) = (0, 0);
    let mut not_drawn = BTreeSet::new();
    for e in &notice.notice.results {
        match e {
            NoticeEntry::Withheld { .. } => withheld += 1,
            NoticeEntry::Published { fields, .. } => match fields.get("/target/id") {
                Some(PublishedValue::Clear(serde_json::Value::String(t))) => {
                    if drawn.contains(t.as_str()) {
                        shown.insert(t.clone());
                    } else {
                        not_drawn.insert(t.clone());
                    }
                }
                _ => target_not_shown += 1,
            },
        }
    }
    Ok(Coverage {
        drawn: drawn.len(),
        published: shown.len(),
        withheld,
        target_not_shown,
        missing: drawn
            .iter()
            .filter(|t| !shown.contains(**t))
            .map(|t| t.to_string())
            .collect(),
        not_drawn: not_drawn.into_iter().collect(),
    })
}

//! Publication (一公开): inspection results → a signed public notice, with every withheld
//! or masked field provable later.
//!
//! 国发〔2019〕5号 三（六） and 豫政〔2019〕22号 二（六）: results are published by those who
//! inspected ("谁检查、谁录入、谁公开"), within 20 working days (see `calendar`). 公安厅
//! notice 二（三）: what touches 国家秘密、警务工作秘密、商业秘密 or 个人隐私 is published in an
//! adjusted manner and scope — here, by a [`RedactionPolicy`].
//!
//! [`publish`] returns the signed notice (public) and the disclosures (kept by the
//! publisher: salts and values). Salts come from the caller's cryptographic RNG; the CLI
//! passes the OS RNG, tests a seeded ChaCha20.

mod bound;
pub(crate) mod calendar;
mod credit;
mod disclose;
mod divisions;
mod mask;
mod notice;
mod policy;
mod result;

pub use bound::{check_publisher_suite, check_results_in_draw, coverage, Coverage};
pub use calendar::statutory::{
    lunar_year as calendar_lunar_year, provisional_year, publish_by_or_provisional, statutory_days,
    Deadline, LateResult, LunarYear, PROVISIONAL_FROM_YEAR,
};
pub use calendar::{
    publish_by, CalendarError, CalendarYear, DaysOff, DeadlineItem, DeadlineLine, DeadlineReport,
    DeadlineStatus, MakeUpDay, NoticeRef, WorkingCalendar, CALENDAR_FORMAT,
    PUBLICATION_WORKING_DAYS,
};
pub use credit::{csv_cell, CreditEntry, CreditFeed};
pub use disclose::{disclosure_commitment, disclosure_commitment_in, Disclosure, Salt};
pub use divisions::GB2260_REVISION;
pub use mask::{cut_address, mask_badge, mask_id_number, mask_name, mask_phone};
pub use notice::{
    NoticeEntry, NoticeError, NoticeHeader, PublicNotice, PublishedValue, PublisherKey,
    SignatureHex, SignedNotice, NOTICE_FORMAT, NOTICE_TAG,
};
pub use policy::{
    FieldSelector, Operator, Override, OverrideBasis, PolicyError, RedactionClass, RedactionPolicy,
    RedactionRule,
};
pub use result::{
    ContactPerson, FieldKind, FollowUp, InspectionResult, OutcomeCode, ResultTarget, Sensitivity,
    SensitivityMark, TeamMember,
};

use crate::encoding::canonical::Digest32;
use crate::encoding::SuiteSigner;
use crate::registers::fields::dates::format_date;
use crate::registers::fields::ids::check_id;
use disclose::{commit, field_path};
use rand_core::CryptoRng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Why a batch could not be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PublishError {
    /// The policy is not valid.
    #[error("policy: {0}")]
    Policy(#[from] PolicyError),
    /// Nothing to publish.
    #[error("no results to publish")]
    NoResults,
    /// A result id is not a valid id.
    #[error("result id {id:?} {reason}")]
    InvalidResultId {
        /// The id.
        id: String,
        /// Why.
        reason: String,
    },
    /// Two results share an id.
    #[error("result {0} appears more than once")]
    DuplicateResult(String),
    /// A result belongs to another draw than the notice.
    #[error("result {result_id} belongs to draw record {found}, the notice to {expected}")]
    DrawRecordMismatch {
        /// The result.
        result_id: String,
        /// The result's draw record.
        found: Digest32,
        /// The notice's.
        expected: Digest32,
    },
    /// Results that the verified draw did not produce: an undrawn target, an inspector off
    /// the target's drawn team, an item outside the plan, another record's hash.
    #[error("{} result(s) do not belong to the draw: {}", .problems.len(), .problems.join("; "))]
    NotInDraw {
        /// Each problem as `result id: what is wrong`.
        problems: Vec<String>,
    },
    /// An override tries to lift a state or police work secret.
    #[error("override for {result_id} / {field:?} would lift a state or police work secret")]
    OverrideOnSecret {
        /// The result.
        result_id: String,
        /// The field.
        field: FieldKind,
    },
}

/// The outcome of [`publish`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The notice, for the public.
    pub notice: SignedNotice,
    /// The openings of every commitment, for the publisher's archive only.
    pub disclosures: Vec<Disclosure>,
}

/// Publishes `results` under `policy`, signed with `key`: an Ed25519 key makes an
/// `ed25519-sha256` notice, an SM2 key an `sm2-sm3` one (every commitment, the policy
/// digest and the notice hash SM3; the signature SM2) — the suite of the draw it publishes
/// (checked by [`coverage`] and the callers).
///
/// Results are sorted by id; each committed field gets a fresh salt from `rng`, taken in
/// result-id order and then in the notice's field order (docs/publication.md), so a seeded
/// RNG gives reproducible vectors.
///
/// # Errors
/// An invalid policy, no results, a bad or duplicate id, a result of another draw, or an
/// override on a secret.
pub fn publish<R: CryptoRng + ?Sized>(
    results: &[InspectionResult],
    policy: &RedactionPolicy,
    header: NoticeHeader,
    key: &dyn SuiteSigner,
    rng: &mut R,
) -> Result<Publication, PublishError> {
    let suite = key.suite();
    policy.validate()?;
    if results.is_empty() {
        return Err(PublishError::NoResults);
    }
    let mut sorted: Vec<&InspectionResult> = results.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let mut ids = BTreeSet::new();
    for r in &sorted {
        check_id(&r.id).map_err(|reason| PublishError::InvalidResultId {
            id: r.id.clone(),
            reason: reason.to_string(),
        })?;
        if !ids.insert(r.id.as_str()) {
            return Err(PublishError::DuplicateResult(r.id.clone()));
        }
        if r.draw_record != header.draw_record {
            return Err(PublishError::DrawRecordMismatch {
                result_id: r.id.clone(),
                found: r.draw_record,
                expected: header.draw_record,
            });
        }
    }
    let mut entries = Vec::with_capacity(sorted.len());
    let mut disclosures = Vec::new();
    let mut applied = Vec::new();
    for r in sorted {
        let whole: Vec<Sensitivity> = r
            .sensitivity
            .iter()
            .filter(|m| m.field.is_none())
            .map(|m| m.class)
            .collect();
        if policy.result_op(&whole) == Operator::WithholdResult {
            if let Some(o) = policy.overrides.iter().find(|o| o.result_id == r.id) {
                return Err(PublishError::OverrideOnSecret {
                    result_id: r.id.clone(),
                    field: o.field,
                });
            }
            let value = serde_json::to_value(r).unwrap_or(Value::Null);
            let (digest, d) = commit(suite, rng, field_path(&r.id, ""), value);
            disclosures.push(d);
            entries.push(NoticeEntry::Withheld {
                id: r.id.clone(),
                digest,
            });
            continue;
        }
        let mut fields = BTreeMap::new();
        for (kind, pointer, value) in fields_of(r) {
            let mut classes: Vec<Sensitivity> = whole.clone();
            classes.extend(
                r.sensitivity
                    .iter()
                    .filter(|m| m.field == Some(kind))
                    .map(|m| m.class),
            );
            if kind.is_personal() {
                classes.push(Sensitivity::PersonalPrivacy);
            }
            classes.sort();
            classes.dedup();
            let mut op = policy.field_op(kind, &classes);
            if let Some(o) = policy.override_for(&r.id, kind) {
                if classes.iter().any(|c| c.is_secret()) {
                    return Err(PublishError::OverrideOnSecret {
                        result_id: r.id.clone(),
                        field: kind,
                    });
                }
                op = o.op;
                if !applied.contains(o) {
                    applied.push(o.clone());
                }
            }
            let path = field_path(&r.id, &pointer);
            let published = match op {
                Operator::Keep => PublishedValue::Clear(value),
                Operator::Mask => {
                    let text = match (mask::mask_for(kind), value.as_str()) {
                        (Some(m), Some(s)) => Some(m(s)),
                        _ => None,
                    };
                    let (digest, d) = commit(suite, rng, path, value);
                    disclosures.push(d);
                    // validate() guarantees a mask exists; a non-string value is committed.
                    match text {
                        Some(text) => PublishedValue::Masked { text, digest },
                        None => PublishedValue::Committed { digest },
                    }
                }
                Operator::Commit => {
                    let (digest, d) = commit(suite, rng, path, value);
                    disclosures.push(d);
                    PublishedValue::Committed { digest }
                }
                Operator::Withhold | Operator::WithholdResult => {
                    let (digest, d) = commit(suite, rng, path, value);
                    disclosures.push(d);
                    PublishedValue::Withheld { digest }
                }
            };
            fields.insert(pointer, published);
        }
        entries.push(NoticeEntry::Published {
            id: r.id.clone(),
            fields,
        });
    }
    let notice = PublicNotice {
        format: NOTICE_FORMAT.into(),
        header,
        publisher_key: PublisherKey(key.public_key_hex()),
        policy_name: policy.name.clone(),
        policy_digest: policy.digest_in(suite),
        suite,
        overrides: applied,
        results: entries,
    };
    Ok(Publication {
        notice: notice.sign(key),
        disclosures,
    })
}

/// Every present field of a result as (kind, pointer, value), in a fixed order.
fn fields_of(r: &InspectionResult) -> Vec<(FieldKind, String, Value)> {
    let mut v = vec![
        (
            FieldKind::TargetId,
            "/target/id".to_string(),
            json!(r.target.id),
        ),
        (
            FieldKind::TargetName,
            "/target/name".into(),
            json!(r.target.name),
        ),
    ];
    if let Some(u) = &r.target.uscc {
        v.push((FieldKind::TargetUscc, "/target/uscc".into(), json!(u)));
    }
    if let Some(a) = &r.target.address {
        v.push((FieldKind::TargetAddress, "/target/address".into(), json!(a)));
    }
    if let Some(c) = &r.target.contact {
        v.push((
            FieldKind::ContactName,
            "/target/contact/name".into(),
            json!(c.name),
        ));
        if let Some(x) = &c.id_number {
            v.push((
                FieldKind::ContactIdNumber,
                "/target/contact/id_number".into(),
                json!(x),
            ));
        }
        if let Some(x) = &c.mobile {
            v.push((
                FieldKind::ContactMobile,
                "/target/contact/mobile".into(),
                json!(x),
            ));
        }
    }
    v.push((FieldKind::Items, "/items".into(), json!(r.items)));
    for (i, m) in r.team.iter().enumerate() {
        v.push((
            FieldKind::InspectorId,
            format!("/team/{i}/inspector_id"),
            json!(m.inspector_id),
        ));
        v.push((
            FieldKind::InspectorName,
            format!("/team/{i}/name"),
            json!(m.name),
        ));
        if let Some(b) = &m.badge {
            v.push((
                FieldKind::InspectorBadge,
                format!("/team/{i}/badge"),
                json!(b),
            ));
        }
    }
    v.push((
        FieldKind::InspectionDate,
        "/inspection_date".into(),
        json!(format_date(r.inspection_date)),
    ));
    v.push((
        FieldKind::ResultDate,
        "/result_date".into(),
        json!(format_date(r.result_date)),
    ));
    v.push((
        FieldKind::EnteredBy,
        "/entered_by".into(),
        json!(r.entered_by),
    ));
    v.push((
        FieldKind::Outcome,
        "/outcome".into(),
        serde_json::to_value(r.outcome).unwrap_or(Value::Null),
    ));
    if !r.findings.is_empty() {
        v.push((FieldKind::Findings, "/findings".into(), json!(r.findings)));
    }
    if !r.follow_up.is_empty() {
        v.push((
            FieldKind::FollowUp,
            "/follow_up".into(),
            serde_json::to_value(&r.follow_up).unwrap_or(Value::Null),
        ));
    }
    v
}

#[cfg(test)]
mod tests;

//! The redaction policy: a table from (sensitivity class, field) to an operator.
//!
//! 公安厅 notice 二（三）: for items touching 国家秘密、警务工作秘密、商业秘密 or 个人隐私
//! "可以调整检查结果公示的方式和范围". The table says how, per field; a field the table does
//! not mention is not published (default-deny), and the most restrictive operator wins
//! when several classes apply. Overrides record a consent or a public interest, its reason
//! and its approver ("谁签字、谁负责"), and can never lift a state or police work secret.

use super::mask::mask_for;
use super::result::{FieldKind, Sensitivity};
use crate::encoding::canonical::{canonical_json, Digest32};
use crate::registers::fields::dates::iso;
use serde::{Deserialize, Serialize};
use time::Date;

/// What happens to a field (or a result). Ordered from least to most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Published as entered.
    Keep,
    /// Published masked (mask.rs), with a commitment to the full value.
    Mask,
    /// Replaced by a commitment only; disclosable to an authorized party.
    Commit,
    /// Replaced by a commitment and marked 依法不予公示: not to be disclosed through 公示.
    Withhold,
    /// The whole result is replaced by one commitment (only for [`FieldSelector::Result`]).
    WithholdResult,
}

/// Which part of a result a rule speaks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum FieldSelector {
    /// The result as a whole: consulted for a whole-result mark.
    Result,
    /// Any field not matched by a more specific rule of the same class.
    AnyField,
    /// One field.
    Field(FieldKind),
}

/// The class a rule applies to: a sensitivity, or none (an unmarked, non-personal field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum RedactionClass {
    /// No mark applies.
    Unclassified,
    /// A sensitivity applies.
    Marked(Sensitivity),
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactionRule {
    /// The class.
    pub class: RedactionClass,
    /// The part.
    pub selector: FieldSelector,
    /// The operator.
    pub op: Operator,
}

/// Why an override is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum OverrideBasis {
    /// The person or company concerned consented in writing.
    Consent,
    /// Publication is in the public interest (e.g. a safety violation).
    PublicInterest,
}

/// A recorded exception for one field of one result; published in the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The result.
    pub result_id: String,
    /// The field.
    pub field: FieldKind,
    /// The operator to apply instead.
    pub op: Operator,
    /// Consent or public interest.
    pub basis: OverrideBasis,
    /// Why, in words fit for publication.
    pub reason: String,
    /// Who approved (谁签字、谁负责).
    pub approver: String,
    /// When.
    #[serde(with = "iso")]
    pub approved_on: Date,
}

/// A policy that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// `Mask` on a field without a masking convention (or on `AnyField`).
    #[error("no masking convention for {0:?}")]
    NoMask(FieldSelector),
    /// `WithholdResult` on a field, or a field operator on `Result`.
    #[error("operator {op:?} does not fit selector {selector:?}")]
    Misplaced {
        /// The selector.
        selector: FieldSelector,
        /// The operator.
        op: Operator,
    },
    /// Two rules for the same (class, selector).
    #[error("two rules for {class:?} / {selector:?}")]
    DuplicateRule {
        /// The class.
        class: RedactionClass,
        /// The selector.
        selector: FieldSelector,
    },
    /// An override without its reason or approver.
    #[error("override for {result_id} / {field:?} needs a reason and an approver")]
    UnjustifiedOverride {
        /// The result.
        result_id: String,
        /// The field.
        field: FieldKind,
    },
}

/// The policy: a named table of rules and the recorded overrides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactionPolicy {
    /// Name, published in the notice.
    pub name: String,
    /// The table.
    pub rules: Vec<RedactionRule>,
    /// Recorded exceptions.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

impl RedactionPolicy {
    /// The default a public-security department can defend (docs/publication.md has the
    /// table with reasons).
    pub fn default_policy() -> RedactionPolicy {
        use FieldKind as F;
        use FieldSelector::{AnyField, Field};
        use Operator::*;
        use RedactionClass::{Marked, Unclassified};
        use Sensitivity::*;
        let mut rules = Vec::new();
        let mut add = |class, fields: &[FieldKind], op| {
            rules.extend(fields.iter().map(|f| RedactionRule {
                class,
                selector: Field(*f),
                op,
            }))
        };
        // Unmarked registration data and the result itself are what 一公开 is for.
        let public = [
            F::TargetId,
            F::TargetName,
            F::TargetUscc,
            F::TargetAddress,
            F::Items,
            F::InspectorId,
            F::InspectionDate,
            F::ResultDate,
            F::EnteredBy,
            F::Outcome,
            F::Findings,
            F::FollowUp,
        ];
        add(Unclassified, &public, Keep);
        // 个人隐私: people's identifiers masked by convention, free text committed.
        add(
            Marked(PersonalPrivacy),
            &[
                F::ContactName,
                F::ContactIdNumber,
                F::ContactMobile,
                F::InspectorName,
                F::InspectorBadge,
                F::TargetAddress,
            ],
            Mask,
        );
        add(
            Marked(PersonalPrivacy),
            &[F::TargetName, F::Findings, F::FollowUp],
            Commit,
        );
        add(
            Marked(PersonalPrivacy),
            &[
                F::TargetId,
                F::TargetUscc,
                F::Items,
                F::InspectorId,
                F::InspectionDate,
                F::ResultDate,
                F::EnteredBy,
                F::Outcome,
            ],
            Keep,
        );
        // 商业秘密: what was found and where stays committed; who was inspected and the
        // outcome category stay public, as credit supervision needs them (国发〔2019〕5号 三（六）).
        add(
            Marked(CommercialSecret),
            &[F::Findings, F::FollowUp, F::Items, F::TargetAddress],
            Commit,
        );
        add(
            Marked(CommercialSecret),
            &[
                F::TargetId,
                F::TargetName,
                F::TargetUscc,
                F::InspectorId,
                F::InspectionDate,
                F::ResultDate,
                F::EnteredBy,
                F::Outcome,
            ],
            Keep,
        );
        add(
            Marked(CommercialSecret),
            &[
                F::ContactName,
                F::ContactIdNumber,
                F::ContactMobile,
                F::InspectorName,
                F::InspectorBadge,
            ],
            Mask,
        );
        // 国家秘密 / 警务工作秘密: never published.
        for c in [StateSecret, PoliceWorkSecret] {
            rules.push(RedactionRule {
                class: Marked(c),
                selector: FieldSelector::Result,
                op: WithholdResult,
            });
            rules.push(RedactionRule {
                class: Marked(c),
                selector: AnyField,
                op: Withhold,
            });
        }
        RedactionPolicy {
            name: "shuangsuiji default v1".into(),
            rules,
            overrides: Vec::new(),
        }
    }

    /// Checks the table and the overrides.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let mut seen = std::collections::BTreeSet::new();
        for r in &self.rules {
            if !seen.insert((r.class, r.selector)) {
                return Err(PolicyError::DuplicateRule {
                    class: r.class,
                    selector: r.selector,
                });
            }
            match (r.selector, r.op) {
                (FieldSelector::Result, Operator::WithholdResult | Operator::Keep) => {}
                (FieldSelector::Result, op) | (_, op @ Operator::WithholdResult) => {
                    return Err(PolicyError::Misplaced {
                        selector: r.selector,
                        op,
                    })
                }
                (FieldSelector::Field(f), Operator::Mask) if mask_for(f).is_none() => {
                    return Err(PolicyError::NoMask(r.selector))
                }
                (FieldSelector::AnyField, Operator::Mask) => {
                    return Err(PolicyError::NoMask(r.selector))
                }
                _ => {}
            }
        }
        for o in &self.overrides {
            let misplaced = o.op == Operator::WithholdResult;
            if misplaced {
                return Err(PolicyError::Misplaced {
                    selector: FieldSelector::Field(o.field),
                    op: o.op,
                });
            }
            if o.op == Operator::Mask && mask_for(o.field).is_none() {
                return Err(PolicyError::NoMask(FieldSelector::Field(o.field)));
            }
            if o.reason.trim().is_empty() || o.approver.trim().is_empty() {
                return Err(PolicyError::UnjustifiedOverride {
                    result_id: o.result_id.clone(),
                    field: o.field,
                });
            }
        }
        Ok(())
    }

    /// `tagged_hash("shuangsuiji/v1/redaction-policy", JCS(policy))`, named in the notice.
    pub fn digest(&self) -> Digest32 {
        self.digest_in(crate::encoding::Suite::Ed25519Sha256)
    }

    /// The policy digest under `suite`'s hash, as a notice of that suite names it.
    pub fn digest_in(&self, suite: crate::encoding::Suite) -> Digest32 {
        suite.tagged_hash(
            "shuangsuiji/v1/redaction-policy",
            &[&canonical_json(self).unwrap_or_default()],
        )
    }

    fn lookup(&self, class: RedactionClass, selector: FieldSelector) -> Option<Operator> {
        self.rules
            .iter()
            .find(|r| r.class == class && r.selector == selector)
            .map(|r| r.op)
    }

    /// The operator for a whole result carrying the whole-result marks `classes`.
    pub(crate) fn result_op(&self, classes: &[Sensitivity]) -> Operator {
        classes
            .iter()
            .map(|c| {
                self.lookup(RedactionClass::Marked(*c), FieldSelector::Result)
                    .unwrap_or(Operator::Keep)
            })
            .max()
            .unwrap_or(Operator::Keep)
    }

    /// The operator for one field under the classes that apply to it (whole-result marks,
    /// field marks, and personal privacy for personal fields). Default-deny: `Withhold`.
    pub(crate) fn field_op(&self, field: FieldKind, classes: &[Sensitivity]) -> Operator {
        let one = |class: RedactionClass| {
            self.lookup(class, FieldSelector::Field(field))
                .or_else(|| self.lookup(class, FieldSelector::AnyField))
                .unwrap_or(Operator::Withhold)
        };
        if classes.is_empty() {
            return one(RedactionClass::Unclassified);
        }
        classes
            .iter()
            .map(|c| one(RedactionClass::Marked(*c)))
            .max()
            .unwrap_or(Operator::Withhold)
    }

    /// The recorded override for a field of a result, if any.
    pub(crate) fn override_for(&self, result_id: &str, field: FieldKind) -> Option<&Override> {
        self.overrides
            .iter()
            .find(|o| o.result_id == result_id && o.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Sensitivity::*;

    #[test]
    fn default_policy_is_valid_and_default_deny() {
        let p = RedactionPolicy::default_policy();
        p.validate().unwrap();
        assert_eq!(p.field_op(FieldKind::Findings, &[]), Operator::Keep);
        // A personal field without its rule is withheld, not published.
        let mut q = p.clone();
        q.rules
            .retain(|r| r.selector != FieldSelector::Field(FieldKind::ContactMobile));
        assert_eq!(
            q.field_op(FieldKind::ContactMobile, &[PersonalPrivacy]),
            Operator::Withhold
        );
        assert_eq!(
            q.field_op(FieldKind::ContactMobile, &[]),
            Operator::Withhold
        );
    }

    #[test]
    fn secrets_withhold_and_most_restrictive_wins() {
        // 公安厅 notice 二（三): state and police work secrets are not published.
        let p = RedactionPolicy::default_policy();
        assert_eq!(p.result_op(&[StateSecret]), Operator::WithholdResult);
        assert_eq!(
            p.result_op(&[PoliceWorkSecret, CommercialSecret]),
            Operator::WithholdResult
        );
        assert_eq!(p.result_op(&[CommercialSecret]), Operator::Keep);
        assert_eq!(
            p.field_op(FieldKind::Findings, &[PoliceWorkSecret]),
            Operator::Withhold
        );
        assert_eq!(
            p.field_op(FieldKind::Findings, &[CommercialSecret]),
            Operator::Commit
        );
        assert_eq!(
            p.field_op(FieldKind::InspectorName, &[PersonalPrivacy]),
            Operator::Mask
        );
        assert_eq!(
            p.field_op(FieldKind::InspectorName, &[PersonalPrivacy, StateSecret]),
            Operator::Withhold
        );
        assert_eq!(
            p.field_op(FieldKind::Outcome, &[CommercialSecret]),
            Operator::Keep
        );
    }

    #[test]
    fn invalid_tables_are_refused() {
        let mut p = RedactionPolicy::default_policy();
        p.rules.push(RedactionRule {
            class: RedactionClass::Unclassified,
            selector: FieldSelector::Field(FieldKind::Findings),
            op: Operator::Mask,
        });
        assert!(matches!(
            p.validate(),
            Err(PolicyError::DuplicateRule { .. })
        ));
        let bad = |rule: RedactionRule| {
            RedactionPolicy {
                name: "x".into(),
                rules: vec![rule],
                overrides: vec![],
            }
            .validate()
            .unwrap_err()
        };
        let r = |selector, op| RedactionRule {
            class: RedactionClass::Marked(CommercialSecret),
            selector,
            op,
        };
        assert_eq!(
            bad(r(FieldSelector::Field(FieldKind::Findings), Operator::Mask)),
            PolicyError::NoMask(FieldSelector::Field(FieldKind::Findings))
        );
        assert_eq!(
            bad(r(FieldSelector::AnyField, Operator::Mask)),
            PolicyError::NoMask(FieldSelector::AnyField)
        );
        assert!(matches!(
            bad(r(
                FieldSelector::Field(FieldKind::Findings),
                Operator::WithholdResult
            )),
            PolicyError::Misplaced { .. }
        ));
        assert!(matches!(
            bad(r(FieldSelector::Result, Operator::Commit)),
            PolicyError::Misplaced { .. }
        ));
    }

    #[test]
    fn overrides_need_reason_and_approver() {
        let mut p = RedactionPolicy::default_policy();
        let o = Override {
            result_id: "R-1".into(),
            field: FieldKind::Findings,
            op: Operator::Keep,
            basis: OverrideBasis::PublicInterest,
            reason: "".into(),
            approver: "王局长".into(),
            approved_on: time::macros::date!(2024 - 05 - 06),
        };
        p.overrides.push(o.clone());
        assert!(matches!(
            p.validate(),
            Err(PolicyError::UnjustifiedOverride { .. })
        ));
        p.overrides = vec![Override {
            reason: "消防安全隐患，涉及公共安全".into(),
            ..o
        }];
        p.validate().unwrap();
        assert!(p.override_for("R-1", FieldKind::Findings).is_some());
        assert_ne!(
            p.digest(),
            RedactionPolicy::default_policy().digest(),
            "overrides are part of the published policy digest"
        );
    }
}

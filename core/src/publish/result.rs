//! The inspection result (检查结果) as the inspectors enter it: "谁检查、谁录入、谁公开"
//! (国发〔2019〕5号 三（六）). This is the full, unredacted record; only
//! [`crate::publish::publish`] turns it into what the public sees.

use crate::encoding::canonical::Digest32;
use crate::registers::fields::dates::iso;
use serde::{Deserialize, Serialize};
use time::Date;

/// 检查结果 categories as regulators publish them on the credit publicity system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OutcomeCode {
    /// 未发现问题.
    NoProblemFound,
    /// 发现问题已责令改正.
    ProblemFoundOrderedToCorrect,
    /// 未按规定公示应当公示的信息.
    RequiredInfoNotPublicised,
    /// 公示信息隐瞒真实情况、弄虚作假.
    PublicisedInfoFalse,
    /// 通过登记的住所（经营场所）无法联系.
    UnreachableAtRegisteredAddress,
    /// 不配合检查情节严重.
    SeriousNonCooperation,
    /// 已关闭停业或正在清算.
    ClosedOrLiquidating,
    /// 已注销.
    Deregistered,
    /// 已吊销.
    LicenceRevoked,
    /// 已撤销 (registration annulled).
    RegistrationAnnulled,
    /// 已迁出.
    MovedOut,
    /// 未发现开展本次抽查涉及的经营活动.
    NoRelevantActivity,
    /// 违反其他部门相关规定.
    OtherDepartmentRulesViolated,
}

impl OutcomeCode {
    /// Every code, in the order above.
    pub const ALL: [OutcomeCode; 13] = [
        OutcomeCode::NoProblemFound,
        OutcomeCode::ProblemFoundOrderedToCorrect,
        OutcomeCode::RequiredInfoNotPublicised,
        OutcomeCode::PublicisedInfoFalse,
        OutcomeCode::UnreachableAtRegisteredAddress,
        OutcomeCode::SeriousNonCooperation,
        OutcomeCode::ClosedOrLiquidating,
        OutcomeCode::Deregistered,
        OutcomeCode::LicenceRevoked,
        OutcomeCode::RegistrationAnnulled,
        OutcomeCode::MovedOut,
        OutcomeCode::NoRelevantActivity,
        OutcomeCode::OtherDepartmentRulesViolated,
    ];

    /// The published Chinese wording.
    pub fn label(self) -> &'static str {
        match self {
            OutcomeCode::NoProblemFound => "未发现问题",
            OutcomeCode::ProblemFoundOrderedToCorrect => "发现问题已责令改正",
            OutcomeCode::RequiredInfoNotPublicised => "未按规定公示应当公示的信息",
            OutcomeCode::PublicisedInfoFalse => "公示信息隐瞒真实情况、弄虚作假",
            OutcomeCode::UnreachableAtRegisteredAddress => "通过登记的住所（经营场所）无法联系",
            OutcomeCode::SeriousNonCooperation => "不配合检查情节严重",
            OutcomeCode::ClosedOrLiquidating => "已关闭停业或正在清算",
            OutcomeCode::Deregistered => "已注销",
            OutcomeCode::LicenceRevoked => "已吊销",
            OutcomeCode::RegistrationAnnulled => "已撤销",
            OutcomeCode::MovedOut => "已迁出",
            OutcomeCode::NoRelevantActivity => "未发现开展本次抽查涉及的经营活动",
            OutcomeCode::OtherDepartmentRulesViolated => "违反其他部门相关规定",
        }
    }

    /// Reads the Chinese wording (as [`OutcomeCode::label`]) or the snake_case name.
    pub fn parse(text: &str) -> Option<OutcomeCode> {
        let t = text.trim();
        OutcomeCode::ALL.into_iter().find(|c| {
            c.label() == t
                || serde_json::to_value(c)
                    .ok()
                    .as_ref()
                    .and_then(|v| v.as_str())
                    == Some(t)
        })
    }
}

/// What follows from the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FollowUp {
    /// 责令改正, by a deadline.
    OrderedToCorrect {
        /// 整改期限.
        #[serde(with = "iso")]
        deadline: Date,
    },
    /// 立案查处.
    #[serde(deserialize_with = "crate::encoding::canonical::no_members")]
    CaseOpened,
    /// 移送司法机关 (涉嫌犯罪).
    #[serde(deserialize_with = "crate::encoding::canonical::no_members")]
    TransferredToJudicialOrgans,
    /// 列入经营异常名录.
    #[serde(deserialize_with = "crate::encoding::canonical::no_members")]
    ListedAsAbnormal,
    /// 移送其他部门 ("谁审批、谁监管，谁主管、谁监管").
    TransferredToDepartment {
        /// The receiving department.
        department: String,
    },
}

impl FollowUp {
    /// The Chinese wording, as in the CSV.
    pub fn label(&self) -> String {
        match self {
            FollowUp::OrderedToCorrect { deadline } => {
                format!(
                    "责令改正（期限{}）",
                    crate::registers::fields::dates::format_date(*deadline)
                )
            }
            FollowUp::CaseOpened => "立案查处".into(),
            FollowUp::TransferredToJudicialOrgans => "移送司法机关".into(),
            FollowUp::ListedAsAbnormal => "列入经营异常名录".into(),
            FollowUp::TransferredToDepartment { department } => format!("移送{department}"),
        }
    }
}

/// The four grounds on which publication is adjusted (公安厅 notice 二（三）).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// 国家秘密.
    StateSecret,
    /// 警务工作秘密.
    PoliceWorkSecret,
    /// 商业秘密.
    CommercialSecret,
    /// 个人隐私.
    PersonalPrivacy,
}

impl Sensitivity {
    /// State and police work secrets: never published, and no override may lift them.
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            Sensitivity::StateSecret | Sensitivity::PoliceWorkSecret
        )
    }
}

/// Each publishable field of a result, named once for policy, notice and disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldKind {
    /// `/target/id`.
    TargetId,
    /// `/target/name`.
    TargetName,
    /// `/target/uscc`.
    TargetUscc,
    /// `/target/address`.
    TargetAddress,
    /// `/target/contact/name` (负责人/经营者).
    ContactName,
    /// `/target/contact/id_number` (居民身份证号码).
    ContactIdNumber,
    /// `/target/contact/mobile`.
    ContactMobile,
    /// `/items`.
    Items,
    /// `/team/{i}/inspector_id`.
    InspectorId,
    /// `/team/{i}/name`.
    InspectorName,
    /// `/team/{i}/badge` (警号).
    InspectorBadge,
    /// `/inspection_date`.
    InspectionDate,
    /// `/result_date`.
    ResultDate,
    /// `/entered_by`.
    EnteredBy,
    /// `/outcome`.
    Outcome,
    /// `/findings`.
    Findings,
    /// `/follow_up`.
    FollowUp,
}

impl FieldKind {
    /// Personal data of a person, private whether or not the result marks it: a missing
    /// mark must not publish a phone number.
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            FieldKind::ContactName
                | FieldKind::ContactIdNumber
                | FieldKind::ContactMobile
                | FieldKind::InspectorName
                | FieldKind::InspectorBadge
        )
    }
}

/// A sensitivity that applies to the whole result (`field: None`) or to one field (every
/// instance of it, e.g. every team member's badge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SensitivityMark {
    /// The ground.
    pub class: Sensitivity,
    /// The field, or `None` for the whole result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldKind>,
}

/// 负责人 / 经营者 of the target, when the result records one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPerson {
    /// 姓名.
    pub name: String,
    /// 居民身份证号码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    /// 手机号码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
}

/// The target as recorded on the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultTarget {
    /// Target register id.
    pub id: String,
    /// 名称.
    pub name: String,
    /// 统一社会信用代码.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uscc: Option<String>,
    /// 住所 / 经营场所.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 负责人.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactPerson>,
}

/// One inspector of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// 人员编码 in the inspector register.
    pub inspector_id: String,
    /// 姓名.
    pub name: String,
    /// 警号 / 执法证号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
}

/// One inspection result, as entered by the inspectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionResult {
    /// Result id (printable ASCII, as every id).
    pub id: String,
    /// Hash of the sealed draw record the inspection came from.
    pub draw_record: Digest32,
    /// The target.
    pub target: ResultTarget,
    /// Item ids inspected (one visit may cover several: "进一次门、查多项事").
    pub items: Vec<String>,
    /// The team.
    pub team: Vec<TeamMember>,
    /// 检查日期.
    #[serde(with = "iso")]
    pub inspection_date: Date,
    /// 结果产生之日: the publication period runs from here.
    #[serde(with = "iso")]
    pub result_date: Date,
    /// The inspector who entered it (谁录入).
    pub entered_by: String,
    /// 检查结果.
    pub outcome: OutcomeCode,
    /// 检查情况 (free text).
    #[serde(default)]
    pub findings: String,
    /// 后续处置.
    #[serde(default)]
    pub follow_up: Vec<FollowUp>,
    /// Grounds for adjusted publication.
    #[serde(default)]
    pub sensitivity: Vec<SensitivityMark>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_labels_round_trip() {
        for c in OutcomeCode::ALL {
            assert_eq!(OutcomeCode::parse(c.label()), Some(c));
        }
        assert_eq!(
            OutcomeCode::parse("no_problem_found"),
            Some(OutcomeCode::NoProblemFound)
        );
        assert_eq!(OutcomeCode::parse("合格"), None);
    }

    #[test]
    fn follow_up_serialises_tagged() {
        let f = FollowUp::OrderedToCorrect {
            deadline: time::macros::date!(2024 - 05 - 01),
        };
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"kind":"ordered_to_correct","deadline":"2024-05-01"}"#
        );
        assert_eq!(f.label(), "责令改正（期限2024-05-01）");
    }

    #[test]
    fn only_state_and_police_secrets_are_absolute() {
        // 公安厅 notice 二（三）: four grounds; the first two are never published.
        assert!(Sensitivity::StateSecret.is_secret() && Sensitivity::PoliceWorkSecret.is_secret());
        assert!(
            !Sensitivity::CommercialSecret.is_secret() && !Sensitivity::PersonalPrivacy.is_secret()
        );
        assert!(FieldKind::InspectorBadge.is_personal() && !FieldKind::Findings.is_personal());
    }
}

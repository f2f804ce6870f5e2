//! Chinese messages and kinds of draw/v3's sealed classes.

use super::Explain;
use crate::privacy::error::zh;
use crate::privacy::PrivacyError;

impl Explain for PrivacyError {
    fn kind(&self) -> &'static str {
        match self {
            PrivacyError::Leaf { .. } => "sealed_leaf",
            PrivacyError::NotOneClass { .. } => "not_one_class",
            PrivacyError::Population { .. } => "population",
            PrivacyError::ZeroCheck { .. } => "zero_check",
            PrivacyError::MissingOpening { .. } => "missing_opening",
            PrivacyError::ExtraOpening { .. } => "extra_opening",
            PrivacyError::BadOpening { .. } => "bad_opening",
            PrivacyError::TwoStrata { .. } => "two_strata",
            PrivacyError::Outcome { .. } => "outcome",
            PrivacyError::Proof(_) => "class_proof",
            PrivacyError::ReusedView { .. } => "reused_view",
            PrivacyError::Recusal { .. } => "recusal",
            PrivacyError::Auditor(_) => "auditor",
            PrivacyError::Draw(_) => "draw",
            PrivacyError::Encoding(_) => "encoding",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            PrivacyError::Draw(d) => Some(d.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            PrivacyError::Leaf { target, field, detail } => {
                format!("密封名录条目 {target} 的 {field} 有误：{}", zh(detail))
            }
            PrivacyError::NotOneClass { target, attribute } => {
                format!("对象 {target} 的 {attribute} 承诺之和不是恰好一个类别")
            }
            PrivacyError::Population { stratum, stated } => {
                format!("层 {stratum} 声明的对象数 {stated} 与可抽对象的承诺之和不符")
            }
            PrivacyError::ZeroCheck { stratum } => format!(
                "层 {stratum} 全部保留，但未保留对象的承诺并非全为 0（零值核对不通过）：可能有成员被略去"
            ),
            PrivacyError::MissingOpening { target, stratum } => format!(
                "缺少对象 {target} 在层 {stratum} 的开启值：其号签低于该层的门槛"
            ),
            PrivacyError::ExtraOpening { target, stratum } => format!(
                "对象 {target} 在层 {stratum} 的开启值不是核验所需，不予接受（多余的开启会泄露类别）"
            ),
            PrivacyError::BadOpening { target, stratum } => {
                format!("对象 {target} 在层 {stratum} 的开启值与其密封承诺不符")
            }
            PrivacyError::TwoStrata {
                target,
                first,
                second,
            } => format!("对象 {target} 同时被开启为层 {first} 与层 {second} 的成员"),
            PrivacyError::Outcome { stratum, detail } => {
                format!("层 {stratum} 的抽取结果与重新计算不符：{}", zh(detail))
            }
            PrivacyError::Proof(m) => format!("类别证明与计划不符：{}", zh(m)),
            PrivacyError::Recusal { target, detail } => {
                format!("对象 {target} 的回避名单：{}", zh(detail))
            }
            PrivacyError::ReusedView { record } => format!("此封存视图已被此前的抽取 {record} 使用：每次抽取须以新的视图密钥重新封存名录库"),
            PrivacyError::Auditor(m) => format!("审计核对不通过：{}", zh(m)),
            PrivacyError::Draw(d) => d.message_zh(),
            PrivacyError::Encoding(m) => format!("编码失败：{m}"),
        }
    }
}

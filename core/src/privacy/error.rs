//! Why a draw/v3 class proof, or the view it speaks about, is refused. Every message names
//! the target, stratum or member, Chinese first.

use crate::draw::error::DrawError;

/// A draw/v3 privacy failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PrivacyError {
    /// A sealed leaf is malformed.
    #[error("密封名录条目 {target} 的 {field} 有误：{detail} · sealed entry {target}, {field}: {detail}")]
    Leaf {
        /// Target id.
        target: String,
        /// Member path.
        field: String,
        /// What is wrong.
        detail: String,
    },
    /// A target's commitments do not add up to exactly one class.
    #[error("对象 {target} 的 {attribute} 承诺之和不是恰好一个类别 · target {target}: its {attribute} commitments do not add up to exactly one class")]
    NotOneClass {
        /// Target id.
        target: String,
        /// `risk` or `credit`.
        attribute: String,
    },
    /// A stated population does not match the committed bits of the eligible targets.
    #[error("层 {stratum} 声明的对象数 {stated} 与各对象承诺之和不符 · stratum {stratum}: the stated population {stated} is not the sum of the eligible targets' commitments")]
    Population {
        /// Stratum key (`unknown` for the unstated class).
        stratum: String,
        /// What the proof states.
        stated: u64,
    },
    /// The walk needs an opening the proof does not give.
    #[error("缺少对象 {target} 在层 {stratum} 的开启值：其号签低于该层门槛 · missing opening of target {target} for stratum {stratum}: its ticket is below the stratum's threshold")]
    MissingOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// The proof opens a class fact the argument does not need (a channel for leaking
    /// classes, review S2).
    #[error("对象 {target} 在层 {stratum} 的开启值多余，不予接受（多余的开启会泄露类别） · opening of target {target} for stratum {stratum} is not needed and is refused (it would disclose a class)")]
    ExtraOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// An opening does not match the leaf, or opens a value other than 0 or 1.
    #[error("对象 {target} 在层 {stratum} 的开启值与名录承诺不符 · opening of target {target} for stratum {stratum} does not match its sealed commitment")]
    BadOpening {
        /// Target id.
        target: String,
        /// Stratum key.
        stratum: String,
    },
    /// A target opened as a member of two strata.
    #[error("对象 {target} 同时被开启为层 {first} 与层 {second} 的成员 · target {target} is opened as a member of both {first} and {second}")]
    TwoStrata {
        /// Target id.
        target: String,
        /// One stratum.
        first: String,
        /// The other.
        second: String,
    },
    /// The proof's outcome is not what the re-run gives.
    #[error("层 {stratum} 的抽取结果与重新计算不符：{detail} · stratum {stratum}: the outcome is not the re-run's: {detail}")]
    Outcome {
        /// Stratum key.
        stratum: String,
        /// What differs.
        detail: String,
    },
    /// The proof does not fit the plan (algorithm, attribute, strata).
    #[error("类别证明与计划不符：{0} · the class proof does not fit the plan: {0}")]
    Proof(String),
    /// The auditor's recomputation differs from what was published.
    #[error("审计核对不通过：{0} · auditor check failed: {0}")]
    Auditor(String),
    /// The draw's own rules refused the inputs.
    #[error(transparent)]
    Draw(#[from] DrawError),
    /// Encoding failed (a bug, never input).
    #[error("编码失败 · encoding failed: {0}")]
    Encoding(String),
}

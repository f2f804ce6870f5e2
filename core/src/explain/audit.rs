//! Chinese messages and kinds of the audit log's errors (全过程留痕).

use super::Explain;
use crate::audit::{CheckpointError, ProofError, WitnessError};

impl Explain for ProofError {
    fn kind(&self) -> &'static str {
        match self {
            ProofError::OutOfRange(_) => "out_of_range",
            ProofError::WrongLength { .. } => "wrong_length",
            ProofError::RootMismatch => "root_mismatch",
        }
    }

    fn message_zh(&self) -> String {
        match self {
            ProofError::OutOfRange(s) => format!("审计日志证明超出范围：{s}"),
            ProofError::WrongLength { found, expected } => {
                format!("审计日志证明的哈希个数不对（{found} 个，应为 {expected} 个）")
            }
            ProofError::RootMismatch => "审计日志证明不能得出预期的根哈希".into(),
        }
    }
}

impl Explain for CheckpointError {
    fn kind(&self) -> &'static str {
        match self {
            CheckpointError::Inconsistent(_) => "inconsistent",
            CheckpointError::Malformed(_) => "malformed",
            CheckpointError::BadSignature(_) => "bad_signature",
            CheckpointError::Proof(_) => "proof",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            CheckpointError::Proof(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            CheckpointError::Inconsistent(s) => format!("检查点：拒绝签名：{s}"),
            CheckpointError::Malformed(s) => format!("检查点格式错误：{s}"),
            CheckpointError::BadSignature(key) => format!("检查点：没有 {key} 的有效签名"),
            CheckpointError::Proof(e) => format!("检查点：{}", e.message_zh()),
        }
    }
}

impl Explain for WitnessError {
    fn kind(&self) -> &'static str {
        match self {
            WitnessError::UnknownLog(_) => "unknown_log",
            WitnessError::Known(_) => "known",
            WitnessError::Checkpoint(_) => "checkpoint",
            WitnessError::OldSizeTooLarge { .. } => "old_size_too_large",
            WitnessError::Conflict { .. } => "conflict",
            WitnessError::Inconsistent(_) => "inconsistent",
            WitnessError::Timestamp(_) => "timestamp",
        }
    }

    fn cause_kind(&self) -> Option<&'static str> {
        match self {
            WitnessError::Checkpoint(e) => Some(e.kind()),
            WitnessError::Inconsistent(e) => Some(e.kind()),
            _ => None,
        }
    }

    fn message_zh(&self) -> String {
        match self {
            WitnessError::UnknownLog(o) => format!("见证人：未登记的日志 {o}"),
            WitnessError::Known(o) => format!("见证人：日志 {o} 已在见证中，其状态不能重置"),
            WitnessError::Checkpoint(e) => format!("见证人：{}", e.message_zh()),
            WitnessError::OldSizeTooLarge { old, size } => {
                format!("见证人：旧大小 {old} 大于检查点大小 {size}")
            }
            WitnessError::Conflict { old, latest } => {
                format!("见证人：旧大小 {old} 不是最近一次联署的大小 {latest}（拒绝回滚）")
            }
            WitnessError::Inconsistent(e) => format!(
                "见证人：该检查点不是最近一次联署检查点的延续（分叉或一致性证明错误）：{}",
                e.message_zh()
            ),
            WitnessError::Timestamp(t) => format!("见证人：时间戳 {t} 超出范围"),
        }
    }
}

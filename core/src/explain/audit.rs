//! Chinese messages and kinds of the audit log's errors (全过程留痕).

use super::Explain;
use crate::audit::{CheckpointError, ProofError};

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

//! What a case step refuses, Chinese first: each error names the file or the step, and
//! says who must act.

use std::path::PathBuf;

/// Why a case step did not run. Nothing was written when a step returns one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaseError {
    /// A file could not be read or written.
    #[error("无法读写 {path}：{reason} · cannot read or write {path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// Another command holds the case.
    #[error("抽查任务 {path} 正由另一个命令处理，请稍后再试 · the case {path} is held by another command; try again when it ends")]
    Locked {
        /// The case directory.
        path: PathBuf,
    },
    /// The directory is not a case (no `case.json`).
    #[error("{path} 不是抽查任务目录（缺少 case.json），请先运行 case new · {path} is not a case directory (no case.json): run `case new` first")]
    NotACase {
        /// The directory.
        path: PathBuf,
    },
    /// A step whose inputs are not ready yet.
    #[error("尚不能{step}：{missing} · cannot {step_en} yet: {missing_en}")]
    NotYet {
        /// The step, in Chinese.
        step: &'static str,
        /// The step, in English.
        step_en: &'static str,
        /// What is missing, in Chinese.
        missing: String,
        /// What is missing, in English.
        missing_en: String,
    },
    /// A step that has already been taken and cannot be taken again.
    #[error("{what}已完成，不能重复 · {what_en} is already done and cannot be done again")]
    Done {
        /// The step, in Chinese.
        what: &'static str,
        /// The step, in English.
        what_en: &'static str,
    },
    /// An input with problems: every problem at once.
    #[error("{what}有 {n} 个问题，未写入任何内容 · {what_en}: {n} problem(s), nothing was written:\n{list}", n = problems.len(), list = problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The input, in Chinese.
        what: String,
        /// The input, in English.
        what_en: String,
        /// Each problem.
        problems: Vec<String>,
    },
    /// A handed-over file that does not belong to this case or this step.
    #[error("{0}")]
    Refused(String),
}

impl CaseError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, e: impl std::fmt::Display) -> CaseError {
        CaseError::Io {
            path: path.into(),
            reason: e.to_string(),
        }
    }

    /// Problems with one input.
    pub fn invalid(what: &str, what_en: &str, problems: Vec<String>) -> CaseError {
        CaseError::Invalid {
            what: what.into(),
            what_en: what_en.into(),
            problems,
        }
    }

    /// The stable kind of the error, for scripts and exit codes.
    pub fn kind(&self) -> &'static str {
        match self {
            CaseError::Io { .. } => "io",
            CaseError::Locked { .. } => "locked",
            CaseError::NotACase { .. } => "not_a_case",
            CaseError::NotYet { .. } => "not_yet",
            CaseError::Done { .. } => "done",
            CaseError::Invalid { .. } => "invalid",
            CaseError::Refused(_) => "refused",
        }
    }
}

/// Shorthand for the crate's results.
pub type Result<T> = std::result::Result<T, CaseError>;
